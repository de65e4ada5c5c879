"""Connecting a WordPress.com blog (or a Jetpack site) through the browser: OAuth2's implicit grant.

WordPress.com documents two grants for apps (https://developer.wordpress.com/docs/oauth2/): the code
grant, whose token request needs the app's client secret and is meant "for server side applications
where you can guarantee that secrets will be stored securely", and the implicit grant
(`response_type=token`), "for client-side applications", "suitable only for public clients where secrets
cannot be stored securely". A desktop program cannot keep a secret from whoever runs it, so Longhand
uses the implicit grant: no client secret anywhere, only a client id (each author may register their
own; see the README). The token comes back in the redirect's fragment,
`longhand://wpcom#access_token=…&expires_in=…&token_type=bearer&site_id=…&state=…`, and lasts two weeks;
after that WordPress.com refuses it, and the blog asks to be connected again.

`state` is the connection request's id: a token is taken only by the request that asked for it. A
refusal comes as `?error=access_denied`, with or without `state`.

This module knows WordPress.com's side (the approval address, what the callback holds); waiting for the
callback is `editor.core.connect`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

from editor.backends.http import scrub
from editor.backends.wpcom import api_base

CALLBACK = "longhand://wpcom"
# The client id, when not saved with `longhand accounts wpcom-client --id ID`.
CLIENT_VARIABLE = "LONGHAND_WPCOM_CLIENT_ID"
APPS_PAGE = "https://developer.wordpress.com/apps/"


def is_wpcom_address(url: str) -> bool:
    """Whether `url` names a blog hosted on WordPress.com (SITE.wordpress.com)."""
    address = url.strip() if "://" in url else f"https://{url.strip()}"
    host = (urlsplit(address).hostname or "").rstrip(".").lower()
    return host.endswith(".wordpress.com") and host != "public-api.wordpress.com"


def valid_client_id(client_id: str) -> bool:
    """WordPress.com's client ids are numbers (the apps manager shows them)."""
    return bool(re.fullmatch(r"[0-9]{1,20}", client_id.strip()))


def authorize_page(client_id: str, site: str, state: str) -> str:
    """The approval page for `site` (a domain or a WordPress.com id), answered to `longhand://wpcom`.
    No `scope`: WordPress.com's default is full access to the one blog named, which is what Longhand
    uses (posts, pages, media, terms, comments); a narrower list is not documented for wp/v2."""
    query = {"client_id": client_id, "redirect_uri": CALLBACK, "response_type": "token", "blog": site, "state": state}
    return f"{api_base()}/oauth2/authorize?{urlencode(query)}"


def callback_params(url: str) -> dict[str, str]:
    """The parameters of a callback address: its query and its fragment (where the implicit grant's
    token comes), the fragment's winning a name given in both."""
    parts = urlsplit(url)
    return {
        **dict(parse_qsl(parts.query, keep_blank_values=True)),
        **dict(parse_qsl(parts.fragment, keep_blank_values=True)),
    }


@dataclass(frozen=True)
class Grant:
    """What came back from WordPress.com's approval page: a token for the site `site_id`, or a refusal."""

    token: str
    site_id: str
    state: str
    expires_in: str = ""
    refused: str = ""  # why there is no token: one sentence

    def __repr__(self) -> str:  # the token never appears in a repr, a log or a traceback
        return f"Grant(site_id={self.site_id!r}, state={self.state!r}, refused={self.refused!r})"


def read_callback(url: str) -> Grant:
    """The approval page's answer, from the `longhand://wpcom…` address the browser was sent to."""
    params = callback_params(url)
    error, token = params.get("error", ""), params.get("access_token", "")
    if error == "access_denied":
        refused = "You did not approve Longhand at WordPress.com; nothing was stored."
    elif error:
        said = scrub(params.get("error_description") or error, [token] if token else [])
        refused = f"WordPress.com did not connect Longhand ({said}); nothing was stored."
    elif not token:
        refused = "The browser's answer did not hold a WordPress.com token; nothing was stored."
    elif params.get("token_type", "bearer").lower() != "bearer":
        refused = "WordPress.com answered with a kind of token Longhand does not use; nothing was stored."
    else:
        refused = ""
    return Grant(
        token=token if not refused else "",
        site_id=params.get("site_id", ""),
        state=params.get("state", ""),
        expires_in=params.get("expires_in", ""),
        refused=refused,
    )
