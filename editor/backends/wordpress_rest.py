"""The HTTP client of WordPress's REST API, shared by every part of a WordPress backend (posts, media,
terms, comments) and meant for any backend speaking that API (WordPress.com's too).

It owns the connection and the credentials: discovery of the API root, signed requests (basic auth
with an application password, only over https or to this machine, never through a redirect), the
reading of WordPress's errors into those of `editor.backends.base` (the mapping common to HTTP blog
APIs is in `editor.backends.http`), paging, and the helpers for WordPress's JSON fields.

Works with both forms of the API root: `https://example.org/wp-json/` (pretty permalinks) and
`https://example.org/?rest_route=/` (plain permalinks, or a server without rewrite rules).
"""

from __future__ import annotations

import base64
import html
import json
import logging
from collections import deque
from collections.abc import Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, quote, quote_plus, urljoin

import httpx

from editor.backends.base import (
    BackendError,
    BadResponseError,
    Credentials,
    PermanentError,
    TransientError,
    require_safe_transport,
)
from editor.backends.http import (
    USER_AGENT,
    as_utc,
    decode_json,
    json_or_empty,
    scrub,
    status_error,
    transport_error,
)

log = logging.getLogger(__name__)

API_REL = "https://api.w.org/"
# WordPress error codes that mean "this request is wrong", whatever HTTP status came with them.
REFUSALS = frozenset({"rest_invalid_param", "rest_missing_callback_param", "rest_invalid_json"})


def build_url(api_root: str, route: str, params: Mapping[str, Any] | None = None) -> httpx.URL:
    """The address of `route` ("wp/v2/posts") under an API root of either form, with `params`.

    With `?rest_route=/` the route goes inside that parameter, not onto the path, and the other
    parameters join the root's own query instead of starting a second one."""
    root = httpx.URL(api_root)
    query = parse_qsl(root.query.decode("ascii"), keep_blank_values=True)
    route = route.strip("/")
    if any(key == "rest_route" for key, _ in query):
        if route:
            query = [(k, v.rstrip("/") + "/" + route if k == "rest_route" else v) for k, v in query]
    elif route:
        root = root.copy_with(path=root.path.rstrip("/") + "/" + route)
    return root.copy_with(params=query + [(key, str(value)) for key, value in (params or {}).items()])


def from_gmt(value: str | None) -> datetime | None:
    """A *_gmt field: WordPress sends them naive, in GMT ("2024-05-01T12:00:00")."""
    return as_utc(datetime.fromisoformat(value)) if value else None


def raw_text(field: Any) -> str:
    """The stored text of a rendered field such as a title: its `raw` (sent with context=edit), else
    its `rendered` HTML unescaped; a plain value as text."""
    if isinstance(field, dict):
        return (field["raw"] if "raw" in field else html.unescape(field.get("rendered", ""))) or ""
    return str(field or "")


class WordPressREST:
    """One signed-in connection to a WordPress REST API; close() it when done.

    `index` is the API root's answer (site name, namespaces) once discovery or `site_index` read it."""

    page_size: int = 100  # WordPress's largest per_page
    fetchers: int = 4  # pages asked for at once when listing (WordPress's own pages are served by a few workers)

    def __init__(self, credentials: Credentials, *, timeout: float = 30.0) -> None:
        self._username, self._timeout = credentials.username, timeout
        self.site, self._api_root = credentials.base_url.strip(), credentials.api_root.strip()
        self.index: Any = None
        self._auth: httpx.Auth = httpx.BasicAuth(credentials.username, credentials.secret)
        # Forms of the secret no message may hold: as typed, without the spaces WordPress shows it
        # with, and base64-encoded as in the Authorization header.
        token = base64.b64encode(f"{credentials.username}:{credentials.secret}".encode()).decode()
        forms = (credentials.secret, credentials.secret.replace(" ", ""))
        # Also as a broken server might echo them: URL- or form-encoded, or JSON-escaped.
        escaped = {encoded for f in forms for encoded in (quote(f, safe=""), quote_plus(f), json.dumps(f)[1:-1])}
        self._secrets = frozenset(s for s in (*forms, *escaped, token) if s)
        self.client = httpx.Client(timeout=timeout, headers={"User-Agent": USER_AGENT})

    def close(self) -> None:
        """Release connections."""
        self.client.close()

    @property
    def api_root(self) -> str:
        """The REST API root, discovered on first use when the credentials had none."""
        if not self._api_root:
            self.discover()
        return self._api_root

    # -- transport and errors, in one place --------------------------------------------------------
    def send(self, method: str, url: str | httpx.URL, *, auth: bool = True, **kwargs: Any) -> httpx.Response:
        """One request; transport failures become BackendErrors. Credentials travel only in the
        Authorization header (never in a URL, so no URL in a message or log holds them), only over
        https or to this machine, and never through a redirect (only discovery, unsigned, follows)."""
        url = httpx.URL(url)
        if auth:
            require_safe_transport(str(url))
        log.debug("%s %s", method, url)
        try:
            return self.client.request(
                method, url, auth=self._auth if auth else None, follow_redirects=not auth, **kwargs
            )
        except (httpx.TransportError, httpx.InvalidURL) as exc:
            raise transport_error(exc, url, self._timeout) from exc

    def check(self, response: httpx.Response, *, signing_in: bool = False) -> Any:
        """The JSON of a successful answer; any other answer raises the matching BackendError.
        `signing_in`: a 403 too means the password was refused (not a missing permission)."""
        if 200 <= response.status_code < 300:
            return decode_json(response)
        data = json_or_empty(response)  # WordPress's errors: {"code", "message", "data"}
        code = str(data.get("code") or "")
        if code.startswith("rest_upload_") or code in REFUSALS:
            # WordPress refused what was sent (a file type it does not take, a bad value), sometimes
            # with a 500: sending the same thing again will get the same answer.
            said = scrub(data.get("message"), self._secrets) or code
            raise PermanentError(f"{response.url.host} refused the request: {said}")
        raise status_error(
            response,
            said=scrub(data.get("message"), self._secrets),
            username=self._username,
            refused=self.refused(response, data),
            signing_in=signing_in,
        )

    def refused(self, response: httpx.Response, data: Mapping[str, Any]) -> str:
        """The sentence for credentials the API does not accept (any more): what the author can do."""
        refused = (
            f"WordPress did not accept the user name or application password for {response.url.host}. "
            "Longhand needs an application password (made in WordPress under Users → Profile → "
            "Application Passwords), not the password you sign in with."
        )
        if data.get("code") == "rest_not_logged_in":  # WordPress's answer to a wrong password, and to no header
            refused += " If both are right, the site's web server may be dropping the Authorization header."
        return refused

    def url(self, route: str, params: Mapping[str, Any] | None = None) -> httpx.URL:
        """The address of `route` ("wp/v2/posts") with `params`, in this API's layout."""
        return build_url(self.api_root, route, params)

    def request(
        self, method: str, route: str, params: Mapping[str, Any] | None = None, **kwargs: Any
    ) -> httpx.Response:
        """One signed request to `route` under the API root, its answer unchecked (for callers that
        read an error's code before `check`)."""
        return self.send(method, self.url(route, params), **kwargs)

    def api(self, method: str, route: str, params: Mapping[str, Any] | None = None, **kwargs: Any) -> Any:
        """One signed request to `route`, its JSON answer checked."""
        return self.check(self.request(method, route, params, **kwargs))

    def pages(self, route: str, params: Mapping[str, Any]) -> Iterator[Any]:
        """Every item of a collection (as sent: objects, unless the server is broken), in order.

        Page 1 first, for the number of pages (X-WP-TotalPages); then the rest, `fetchers` requests at a
        time (WordPress takes most of a request's time starting up, whatever its size), each page yielded
        as soon as it and those before it are in. A page gone while we paged ends the listing."""
        first = self._page(route, params, 1)
        items, total = first if first is not None else ([], 1)
        yield from items
        if not items or total <= 1:
            return
        with ThreadPoolExecutor(self.fetchers, thread_name_prefix="longhand-pages") as pool:
            asked: deque[Future[tuple[list[Any], int] | None]] = deque()
            page = 2
            try:
                while asked or page <= total:
                    while page <= total and len(asked) < 2 * self.fetchers:  # bounded: no more than this ahead
                        asked.append(pool.submit(self._page, route, params, page))
                        page += 1
                    got = asked.popleft().result()
                    if got is None or not got[0]:
                        return  # items went away while we paged: the rest was seen
                    yield from got[0]
                    total = max(total, got[1])  # items added while we paged: their pages too
            finally:
                for future in asked:
                    future.cancel()

    def _page(self, route: str, params: Mapping[str, Any], page: int) -> tuple[list[Any], int] | None:
        """One page of a collection and how many pages there are; None for a page that no longer exists."""
        response = self.request("GET", route, {**params, "per_page": self.page_size, "page": page})
        if page > 1 and str(json_or_empty(response).get("code")).endswith("_invalid_page_number"):
            return None  # rest_post_…, rest_comment_…
        items = self.check(response)
        if not isinstance(items, list):
            raise BadResponseError(f"{response.url.host} answered with data Longhand does not understand.")
        total = response.headers.get("x-wp-totalpages", "1")
        return items, int(total) if total.isdigit() else 1

    # -- discovery ---------------------------------------------------------------------------------
    def discover(self) -> str:
        """Find the API root from the site address: the `Link: rel="https://api.w.org/"` header of
        the site's pages, else `?rest_route=/`, which WordPress answers whatever its permalinks."""
        require_safe_transport(self.site)  # before anything is sent: what follows carries the password
        home = self.send("GET", self.site, auth=False)
        start = home.url.copy_with(query=None, fragment=None)
        candidates = []
        if link := home.links.get(API_REL, {}).get("url"):
            found = httpx.URL(urljoin(str(home.url), link))
            if start.scheme == "https" and found.scheme == "http" and found.host == start.host:
                found = found.copy_with(scheme="https")  # a site behind a TLS proxy that thinks it is http
            candidates.append(str(found))
        for base in (start, start.copy_with(path="/")):  # the address given, then the site's root
            candidates.append(str(base).rstrip("/") + "/?rest_route=/")
        wordpress_seen, transient = bool(link), None
        for candidate in dict.fromkeys(candidates):
            response = self.send("GET", candidate, auth=False)
            if response.status_code in (401, 403):  # some plugins close the REST API to visitors only
                response = self.send("GET", candidate)
            try:
                index = self.check(response)
            except BadResponseError:  # a web page: not WordPress's API
                continue
            except TransientError as exc:
                transient = exc
                continue
            except BackendError:  # WordPress's errors are JSON with a code, e.g. rest_disabled
                wordpress_seen |= bool(json_or_empty(response).get("code"))
                continue
            namespaces = index.get("namespaces") if isinstance(index, dict) else None
            if isinstance(namespaces, list) and "wp/v2" in namespaces:
                self._api_root, self.index = candidate, index
                return candidate
            wordpress_seen |= isinstance(namespaces, list)
        if transient is not None:
            raise transient
        if wordpress_seen:
            raise PermanentError(
                f"{start.host} runs WordPress, but the WordPress REST API is turned off on this "
                "site; Longhand needs it (a security plugin may have turned it off)."
            )
        raise PermanentError(f"{self.site} is not a WordPress site: Longhand found no WordPress REST API there.")

    def site_index(self) -> Any:
        """The API root's answer (site name, namespaces): discovery's when it ran, else read once."""
        api_root = self.api_root
        if self.index is None:
            self.index = self.check(self.send("GET", api_root))
        return self.index
