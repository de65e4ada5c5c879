"""WordPress.com, and self-hosted sites connected to it with Jetpack: the same wp/v2 code as WordPress,
over WordPress.com's public API and signed with an OAuth2 bearer token.

WordPress.com serves WordPress's own REST API for every site it hosts or reaches through Jetpack, under
one host and a per-site prefix:

    {API}/wp/v2/sites/{SITE}/posts     where a self-hosted blog has     https://blog.example/wp-json/wp/v2/posts

(API is https://public-api.wordpress.com; SITE the blog's WordPress.com id, or its domain). So
`WordPressComBackend` is `WordPressBackend` — posts, pages, media, terms, comments, not one line of them
repeated — on another client, `WordPressComREST`, which differs from `WordPressREST` in five places:

- layout: a route `wp/v2/X` goes to `{API}/wp/v2/sites/{SITE}/X`. The account's api_root is
  `{API}/wp/v2/sites/{SITE}/`, known from the moment the blog is connected: there is no discovery.
- signing: `Authorization: Bearer TOKEN`. The token is the account's secret (in the keyring, nowhere else)
  and is scrubbed from messages in every form an application password is; it goes only to the API's
  host, over https (or to this machine, for the tests' stand-in), never through a redirect.
- the site's name and address: from `{API}/rest/v1.1/sites/{SITE}`, WordPress.com's documented site
  endpoint, given in the words of the wp-json index, so `verify` is WordPress's own.
- refusals: WordPress.com answers a token it no longer takes (expired: tokens of the implicit grant last
  two weeks; revoked by the author; meant for another blog) in its own shape, `{"error": "invalid_token" |
  "authorization_required" | "unauthorized", "message": …}` with 400, 401 or 403. Those, and any 401,
  become CredentialsRejectedError with one sentence that leads back to “Connect with browser”.
- the sentence for that refusal (WordPress's speaks of application passwords).

It is an entry point of its own (`wpcom`, "WordPress.com") rather than a mode of `wordpress`: the account
says which it is, the window offers the matching way to connect, and the self-hosted path stays as it was.
How the token is got is `editor.backends.wpcom_connect`'s part.
"""

from __future__ import annotations

import os
import re
from collections.abc import Generator, Mapping
from typing import Any, ClassVar
from urllib.parse import urlsplit

import httpx

from editor.backends.base import (
    BadResponseError,
    Capability,
    Credentials,
    CredentialsRejectedError,
    PermanentError,
    SignIn,
)
from editor.backends.http import json_or_empty
from editor.backends.wordpress import WordPressBackend
from editor.backends.wordpress_rest import WordPressREST, build_url

DEFAULT_API = "https://public-api.wordpress.com"
# Where WordPress.com's API is. Only for testing: the tests point it at a stand-in on this machine.
API_VARIABLE = "LONGHAND_WPCOM_API"
_SITES = "/wp/v2/sites/"
# WordPress.com's own error codes for a token it does not take (its API layer answers before WordPress).
TOKEN_ERRORS = frozenset({"invalid_token", "authorization_required", "unauthorized"})


def api_base() -> str:
    """WordPress.com's API, or the one LONGHAND_WPCOM_API names."""
    return (os.environ.get(API_VARIABLE) or DEFAULT_API).strip().rstrip("/")


def site_root(site: str, api: str | None = None) -> str:
    """The wp/v2 root of one site, `{API}/wp/v2/sites/{SITE}/`; `site` is its WordPress.com id or domain."""
    site = site.strip().strip("/").lower()
    if not re.fullmatch(r"[a-z0-9][a-z0-9.-]*", site):  # it becomes part of a path: nothing else may pass
        raise PermanentError(f"{site!r} is not a WordPress.com site (a site's address or its number).")
    return f"{api or api_base()}{_SITES}{site}/"


def split_root(api_root: str) -> tuple[str, str]:
    """A site root made by `site_root`, back into the API's address and the site."""
    api, found, site = api_root.partition(_SITES)
    if not found or not site.strip("/"):
        raise PermanentError(f"{api_root} is not the address of a site on WordPress.com's API.")
    return api, site.strip("/")


def _where(url: httpx.URL) -> str:
    return url.host if url.port is None else f"{url.host}:{url.port}"


class BearerAuth(httpx.Auth):
    """`Authorization: Bearer TOKEN` on every request."""

    def __init__(self, token: str) -> None:
        self._header = f"Bearer {token}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request


class WordPressComREST(WordPressREST):
    """WordPressREST in WordPress.com's layout, signed with the account's OAuth2 token (its secret)."""

    def __init__(self, credentials: Credentials, *, timeout: float = 30.0) -> None:
        super().__init__(credentials, timeout=timeout)  # the token's scrubbed forms are the secret's
        self._auth = BearerAuth(credentials.secret)
        address = self.site if "://" in self.site else f"https://{self.site}"
        self.blog = urlsplit(address).hostname or self.site  # how the sentences name the blog

    def discover(self) -> str:
        """The API root is known: WordPress.com's API and the site's domain (the blog id, once connected)."""
        if not self._api_root:
            self._api_root = site_root(self.blog)
        return self._api_root

    def url(self, route: str, params: Mapping[str, Any] | None = None) -> httpx.URL:
        """`wp/v2/posts` → `{API}/wp/v2/sites/{SITE}/posts` (any namespace: `{API}/{ns}/{v}/sites/{SITE}/…`)."""
        api, site = split_root(self.api_root)
        parts = route.strip("/").split("/")
        return build_url(api + "/", "/".join([*parts[:2], "sites", site, *parts[2:]]), params)

    def send(self, method: str, url: str | httpx.URL, *, auth: bool = True, **kwargs: Any) -> httpx.Response:
        """As WordPressREST's, and the token goes to the API's host only."""
        url, api = httpx.URL(url), httpx.URL(split_root(self.api_root)[0])
        if auth and (url.host, url.port) != (api.host, api.port):
            raise PermanentError(
                f"Longhand sends its WordPress.com connection only to {_where(api)}, not to {_where(url)}."
            )
        return super().send(method, url, auth=auth, **kwargs)

    def check(self, response: httpx.Response, *, signing_in: bool = False) -> Any:
        """As WordPressREST's, with WordPress.com's answers to a token it does not take."""
        if response.status_code in (400, 401, 403) and json_or_empty(response).get("error") in TOKEN_ERRORS:
            raise CredentialsRejectedError(self.refused(response, {}))
        return super().check(response, signing_in=signing_in)

    def refused(self, response: httpx.Response, data: Mapping[str, Any]) -> str:
        """The one sentence for a token WordPress.com does not take: connect again."""
        return (
            f"WordPress.com no longer accepts Longhand's connection to {self.blog}; "
            "connect again with “Connect with browser” (Blog → Blogs…)."
        )

    def site_index(self) -> Any:
        """The site as `/rest/v1.1/sites/SITE` describes it, in the words of the wp-json index (name, url,
        home) so that WordPress's `verify` reads it unchanged; `blog_id` is WordPress.com's number for it."""
        if self.index is None:
            api, site = split_root(self.api_root)
            data = self.check(self.send("GET", build_url(api + "/", f"rest/v1.1/sites/{site}")))
            if not isinstance(data, dict):
                raise BadResponseError("WordPress.com answered with data Longhand does not understand.")
            address = str(data.get("URL") or self.site)
            self.index = {"name": data.get("name") or "", "url": address, "home": address, "blog_id": data.get("ID")}
        return self.index


class WordPressComBackend(WordPressBackend):
    """A blog on WordPress.com, or a self-hosted one connected to it with Jetpack (OAuth2 token)."""

    name: ClassVar[str] = "wpcom"
    label: ClassVar[str] = "WordPress.com"
    capabilities: ClassVar[frozenset[Capability]] = WordPressBackend.capabilities
    # Connected through the browser; a token from elsewhere (made with the author's own app) works too.
    sign_in: ClassVar[SignIn] = SignIn(
        address="Blog address", user=None, secret="Access token", secret_hint="from WordPress.com", browser=True
    )
    rest_class: ClassVar[type[WordPressREST]] = WordPressComREST
