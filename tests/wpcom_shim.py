"""A stand-in for WordPress.com's public API, on 127.0.0.1, in front of the real test WordPress.

WordPress.com cannot be reached from the test machines. This shim reproduces what Longhand uses of it —
its URL layout, its OAuth2 approval endpoint and its error shapes — and everything behind it is the real
WordPress of the test suite (tests/wordpress_server.py):

- `/oauth2/authorize` (GET): the approval page, for a registered client id and redirect address only. The
  author is taken to be signed in to WordPress.com as the WordPress's admin. Its form (POST) approves or
  denies, as WordPress.com's does: approving answers `302 Location: longhand://wpcom#access_token=…&
  expires_in=1209600&token_type=bearer&site_id=…&scope=&state=…` (the implicit grant; tokens hold the
  characters WordPress.com's do, `#%&@^()` among them), denying `302 Location: longhand://wpcom?error=
  access_denied` (as WordPress.com documents it: without `state`). `approve(page)` and `deny(page)` do
  what the browser does. No `/oauth2/token`: the implicit grant does not use it.
- `/rest/v1.1/sites/SITE` (SITE a domain or the blog's number): `{"ID", "name", "URL", …}`, the name
  being the real WordPress's.
- `/wp/v2/sites/SITE/…`, any method: the Bearer token is checked, then the request is forwarded to the
  real WordPress's `/wp-json/wp/v2/…` signed with the fixture's admin application password, and
  WordPress's answer (status, JSON, paging headers) comes back as it is.
- WordPress.com's errors for a token it does not take, in its own shape: an unknown, revoked or expired
  token gets `400 {"error": "invalid_token", "message": "The OAuth2 token is invalid."}`, a token for
  another blog `403 {"error": "unauthorized", …}`, an unknown blog `404 {"error": "unknown_blog", …}`.

Every request is logged (method, path and query, and which token signed it) so a test can count them and
check that no token ever travelled in an address.
"""

from __future__ import annotations

import html
import json
import re
import secrets
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit

import httpx

if TYPE_CHECKING:
    from tests.wordpress_server import WordPress

CLIENT_ID = "81234"
SITE = "longhand-test.wordpress.com"  # the blog the shim serves
# What Longhand says when WordPress.com no longer takes its token.
REFUSED = (
    f"WordPress.com no longer accepts Longhand's connection to {SITE}; "
    "connect again with “Connect with browser” (Blog → Blogs…)."
)
REDIRECT_URI = "longhand://wpcom"
TWO_WEEKS = 14 * 24 * 3600
# Headers of WordPress's answers worth passing back (paging, type); the rest are php -S's own.
PASSED_BACK = ("content-type", "x-wp-total", "x-wp-totalpages", "allow")


@dataclass
class Token:
    site_id: int
    revoked: bool = False


@dataclass(frozen=True)
class Seen:
    """One request the shim received."""

    method: str
    target: str  # path and query
    token: str | None  # the Bearer token that signed it, if any


class WordPressComShim:
    """WordPress.com's API as Longhand uses it, in front of `wordpress`; a context manager."""

    def __init__(self, wordpress: WordPress, sites: dict[str, int] | None = None) -> None:
        self.wordpress = wordpress
        # domain → WordPress.com's number for the blog; every one of them is the same real WordPress.
        self.sites = sites or {"longhand-test.wordpress.com": 5551234, "jetpack.example": 5559876}
        self.tokens: dict[str, Token] = {}
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        self._client = httpx.Client(timeout=60, auth=(wordpress.admin_user, wordpress.app_password))
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.shim = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._server.serve_forever, name="wpcom-shim", daemon=True)

    @property
    def url(self) -> str:
        """What LONGHAND_WPCOM_API is set to: the shim's address."""
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> WordPressComShim:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._client.close()

    # -- what a test does --------------------------------------------------------------------------
    def issue(self, site: str) -> str:
        """A token for `site`, as an approval would give (for tests of the backend without a browser)."""
        token = secrets.token_urlsafe(24) + "".join(secrets.choice("#%&@^()") for _ in range(6))
        with self._lock:
            self.tokens[token] = Token(self.site_id(site) or 0)
        return token

    def revoke(self, token: str) -> None:
        """The author disconnects Longhand at WordPress.com (or the two weeks are up)."""
        with self._lock:
            self.tokens[token].revoked = True

    def signed_with(self, token: str) -> list[Seen]:
        """The requests signed with `token`."""
        with self._lock:
            return [seen for seen in self.seen if seen.token == token]

    def site_id(self, site: str) -> int | None:
        site = site.strip().lower()
        if site.isdigit():
            return int(site) if int(site) in self.sites.values() else None
        return self.sites.get(site)

    def name(self) -> str:
        """The real WordPress's title, as its REST index gives it."""
        return str(self._client.get(f"{self.wordpress.url}/wp-json/").json()["name"])


def approve(page: str) -> str:
    """What the browser does when the author presses Approve on the page at `page`: the address
    WordPress.com sends it to (`longhand://wpcom#access_token=…`)."""
    return _answer(page, "approve")


def deny(page: str) -> str:
    """The author presses Deny: the address the browser is sent to."""
    return _answer(page, "deny")


def _answer(page: str, action: str) -> str:
    shown = httpx.get(page, timeout=30)
    assert shown.status_code == 200, shown.text
    form = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', shown.text))
    action_url = re.search(r'<form method="post" action="([^"]+)"', shown.text)
    assert action_url, shown.text
    target = httpx.URL(page).join(html.unescape(action_url.group(1)))
    fields = {key: html.unescape(value) for key, value in form.items()}
    answer = httpx.post(target, data={**fields, "action": action}, timeout=30)  # redirects are not followed
    assert answer.status_code == 302, answer.text
    return answer.headers["location"]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: ThreadingHTTPServer

    @property
    def shim(self) -> WordPressComShim:
        return self.server.shim  # type: ignore[attr-defined,no-any-return]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (http.server's signature)
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's names)
        self._route()

    def do_POST(self) -> None:  # noqa: N802
        self._route()

    def do_PUT(self) -> None:  # noqa: N802
        self._route()

    def do_PATCH(self) -> None:  # noqa: N802
        self._route()

    def do_DELETE(self) -> None:  # noqa: N802
        self._route()

    # -- routing -----------------------------------------------------------------------------------
    def _route(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length") or 0))
        header = self.headers.get("authorization") or ""
        token = header[len("Bearer ") :] if header.startswith("Bearer ") else None
        with self.shim._lock:
            self.shim.seen.append(Seen(self.command, self.path, token))
        parts = urlsplit(self.path)
        query = parse_qsl(parts.query, keep_blank_values=True)
        if parts.path == "/oauth2/authorize":
            return self._authorize(dict(query) if self.command == "GET" else dict(parse_qsl(body.decode())))
        if found := re.fullmatch(r"/rest/v1\.1/sites/([^/]+)/?", parts.path):
            if self._token_refused(token, found.group(1)):
                return None
            return self._site(found.group(1))
        if found := re.fullmatch(r"/wp/v2/sites/([^/]+)/(.*)", parts.path):
            if token is not None and self._token_refused(token, found.group(1)):
                return None
            if self.shim.site_id(found.group(1)) is None:
                return self._error(404, "unknown_blog", "Unknown blog")
            return self._forward(found.group(2), query, body, signed=token is not None)
        return self._error(404, "rest_no_route", "No route was found matching the URL and request method.")

    def _token_refused(self, token: str | None, site: str) -> bool:
        """Answers WordPress.com's error for a token it does not take; True when it did."""
        if token is None:
            self._error(403, "authorization_required", "An active access token must be used to access this blog.")
            return True
        known = self.shim.tokens.get(token)
        if known is None or known.revoked:
            self._error(400, "invalid_token", "The OAuth2 token is invalid.")
            return True
        if known.site_id != self.shim.site_id(site):
            self._error(403, "unauthorized", "User cannot access this blog with that token.")
            return True
        return False

    # -- OAuth2 ------------------------------------------------------------------------------------
    def _authorize(self, params: dict[str, str]) -> None:
        if params.get("client_id") != CLIENT_ID:
            return self._page(400, "Invalid client_id.")
        if params.get("redirect_uri") != REDIRECT_URI:
            return self._page(400, "Invalid redirect_uri: it must match the one registered for the app.")
        if params.get("response_type") != "token":
            return self._page(400, "This stand-in offers the implicit grant only (response_type=token).")
        site_id = self.shim.site_id(params.get("blog", ""))
        if site_id is None:
            return self._page(400, "Choose a blog: this account has no blog at that address.")
        if self.command == "GET":
            fields = "".join(
                f'<input type="hidden" name="{key}" value="{html.escape(value)}">'
                for key, value in params.items()
                if key in ("client_id", "redirect_uri", "response_type", "blog", "state", "scope")
            )
            return self._page(
                200,
                f"<p>Longhand would like to connect to {html.escape(params['blog'])}.</p>"
                f'<form method="post" action="/oauth2/authorize">{fields}'
                '<button name="action" value="approve">Approve</button>'
                '<button name="action" value="deny">Deny</button></form>',
            )
        if params.get("action") != "approve":
            return self._redirect(f"{REDIRECT_URI}?error=access_denied")
        token = self.shim.issue(str(site_id))
        grant = {
            "access_token": token,
            "expires_in": str(TWO_WEEKS),
            "token_type": "bearer",
            "site_id": str(site_id),
            "scope": "",
        }
        if "state" in params:
            grant["state"] = params["state"]
        return self._redirect(f"{REDIRECT_URI}#{urlencode(grant)}")

    # -- the API -----------------------------------------------------------------------------------
    def _site(self, site: str) -> None:
        site_id = self.shim.site_id(site)
        domain = next(domain for domain, number in self.shim.sites.items() if number == site_id)
        self._json(
            200,
            {
                "ID": site_id,
                "name": self.shim.name(),
                "description": "",
                "URL": f"https://{domain}",
                "jetpack": not domain.endswith(".wordpress.com"),
                "is_private": False,
            },
        )

    def _forward(self, route: str, query: list[tuple[str, str]], body: bytes, *, signed: bool) -> None:
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "content-disposition")}
        answer = self.shim._client.request(
            self.command,
            f"{self.shim.wordpress.url}/wp-json/wp/v2/{route}",
            params=query,
            content=body or None,
            headers=headers,
            # Signed with the admin's application password only when the caller showed a good token;
            # otherwise as a visitor, as WordPress.com serves public content.
            auth=httpx.USE_CLIENT_DEFAULT if signed else None,
        )
        self._send(answer.status_code, answer.content, {k: v for k, v in answer.headers.items() if k in PASSED_BACK})

    # -- answers -----------------------------------------------------------------------------------
    def _error(self, status: int, code: str, message: str) -> None:
        self._json(status, {"error": code, "message": message})

    def _json(self, status: int, data: object) -> None:
        self._send(status, json.dumps(data).encode(), {"content-type": "application/json; charset=UTF-8"})

    def _page(self, status: int, text: str) -> None:
        page = f"<!doctype html><title>WordPress.com</title>{text}"
        self._send(status, page.encode(), {"content-type": "text/html; charset=UTF-8"})

    def _redirect(self, location: str) -> None:
        self._send(302, b"", {"location": location})

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
