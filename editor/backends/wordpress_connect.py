"""WordPress's Authorize Application flow (5.6 and later): the author approves Longhand in the browser,
signed in to wp-admin as usual, and WordPress sends an application password back to the
`longhand://connect` address. No password is typed or copied.

This module knows WordPress's side: where the approval page is (the REST index names it) and what
the callback holds. Waiting for the callback is `editor.core.connect`'s job.
"""

from __future__ import annotations

import html
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qsl, urlencode, urlsplit

from editor.backends.base import Credentials, PermanentError, require_no_credentials_in_url
from editor.backends.wordpress_rest import WordPressREST

APP_NAME = "Longhand"
# One id for every copy of Longhand: WordPress shows it beside the password, so the author can tell
# which passwords are Longhand's (uuid5 of the project's name, fixed for good).
APP_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "https://longhand.invalid/app"))
SUCCESS_URL = "longhand://connect"
REJECT_URL = "longhand://connect?rejected"


@dataclass(frozen=True)
class Authorization:
    """Where to approve Longhand on a blog, and what the blog says it is."""

    name: str  # the site's title
    site_url: str  # WordPress's address (site_url(), which the callback repeats)
    home_url: str  # the blog's address, as readers see it
    api_root: str
    page: str  # the approval page, with Longhand's request in its query


@dataclass(frozen=True)
class Approval:
    """What came back from the approval page: a password for `user_login` at `site_url`, or a refusal."""

    site_url: str
    user_login: str
    password: str
    refused: str = ""  # why there is no password: one sentence

    def __repr__(self) -> str:  # the password never appears in a repr, a log or a traceback
        return f"Approval(site_url={self.site_url!r}, user_login={self.user_login!r}, refused={self.refused!r})"


def find_authorization(url: str, *, timeout: float = 30.0) -> Authorization:
    """Discover the blog at `url` and the address of its approval page. PermanentError (one sentence)
    when the blog does not offer application passwords: turned off by a plugin or the administrator,
    or a site not served over https (WordPress offers them over http only on a 'local' site)."""
    require_no_credentials_in_url(url)
    rest = WordPressREST(Credentials(url.strip().rstrip("/"), "", ""), timeout=timeout)
    try:
        api_root = rest.discover()
        index = rest.site_index()
    finally:
        rest.close()
    host = urlsplit(api_root).hostname or url
    passwords = (index.get("authentication") or {}).get("application-passwords") if isinstance(index, dict) else None
    endpoint = ((passwords or {}).get("endpoints") or {}).get("authorization") if isinstance(passwords, dict) else None
    if not isinstance(endpoint, str) or urlsplit(endpoint).scheme not in ("http", "https"):
        raise PermanentError(
            f"{host} does not offer application passwords, so Longhand cannot connect through the browser "
            "(they need the site on https, and a plugin or the administrator may have turned them off). "
            "Add the blog with an application password instead, or ask the site's administrator."
        )
    # WordPress refuses a second password of the same name for a user ("Each application name should
    # be unique"): a reconnection, or a second computer, would be stuck on the approval page. The time
    # tells the author which password is which; the tag keeps two requests in one second apart.
    app_name = f"{APP_NAME} ({datetime.now().strftime('%Y-%m-%d %H:%M:%S')}, {secrets.token_hex(3)})"
    query = urlencode({"app_name": app_name, "app_id": APP_ID, "success_url": SUCCESS_URL, "reject_url": REJECT_URL})
    page = f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
    return Authorization(
        name=html.unescape(str(index.get("name") or host)),
        site_url=str(index.get("url") or url),
        home_url=str(index.get("home") or index.get("url") or url),
        api_root=api_root,
        page=page,
    )


def read_callback(url: str) -> Approval:
    """The approval page's answer, from the `longhand://connect?…` address the browser was sent to."""
    params = dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))
    site, login, password = params.get("site_url", ""), params.get("user_login", ""), params.get("password", "")
    if params.get("error") == "disabled":
        refused = "Application passwords are turned off for your account on that blog; nothing was stored."
    elif "rejected" in params or params.get("success") == "false":
        refused = "You did not approve Longhand in the browser; nothing was stored."
    elif not (site and login and password):
        refused = "The browser's answer did not hold a password; nothing was stored."
    else:
        refused = ""
    return Approval(site_url=site, user_login=login, password=password, refused=refused)


def same_site(a: str, b: str) -> bool:
    """Whether two addresses name the same WordPress (scheme, `www.` and a trailing slash aside)."""

    def key(address: str) -> tuple[str, str]:
        parts = urlsplit(address.strip())
        host = (parts.hostname or "").lower().removeprefix("www.")
        port = f":{parts.port}" if parts.port else ""
        return host + port, parts.path.rstrip("/")

    return key(a) == key(b)
