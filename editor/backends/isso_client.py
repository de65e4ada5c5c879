"""The HTTP side of an Isso comment server (https://isso-comments.de, 0.13 and later): its public JSON API,
its admin sign-in and admin page, and its moderation links, with their failures turned into the errors of
`editor.backends.base`.

What Isso 0.14 offers, read in its source (isso/views/comments.py) and checked against a real one
(tests/backends/test_isso.py):

* Signing in is the admin page's form: `POST /login/` with `password` answers 302 and a signed
  `admin-session` cookie, valid a day; a wrong password answers 200 with the form again, a server whose
  admin is off ([admin] enabled = false) a page saying so.
* There is no JSON admin API. `GET /admin/?mode=1|2|4&page=N` is an HTML page of 100 comments of one mode
  (1 approved, 2 held, 4 deleted but kept for its replies), with each comment's thread (address, title),
  author, email, website, raw Markdown text, the time it was made (to the minute, in the server's own time
  zone) and its moderation key; `comment_search_url=#isso-ID` shows one comment, whatever its mode. It
  says nothing of a comment's parent.
* A moderation key (the comment's id, signed by the server) authorises `POST /id/ID/activate|delete/KEY`
  and `POST /id/ID/edit/KEY` (JSON `text`), without the cookie; keys do not expire. Approving cannot be
  undone: no endpoint puts a comment back in the queue.
* `GET /?uri=THREAD` lists a thread's approved comments (and deleted ones that still have replies) with
  their exact creation time, parent and rendered HTML, replies one level deep: Isso stores a reply to a
  reply as a reply to its top-level comment.
* `POST /new?uri=THREAD` (JSON: text, author, email, website, parent) is how readers comment: 201 when
  published, 202 when held. Isso's guard answers 403 with a reason: too many comments a minute from one
  address, too many top-level ones on a thread, a reply to a comment its writer may still edit.
* Every answer names the site in `Access-Control-Allow-Origin` (the first `[general] host` when the
  request has no Origin): the only way the API tells where the comments are shown.

The password, the session cookie and the moderation keys are secrets: they go only to the Isso server
(https, or http to this machine), through no redirect, and never into a message.
"""

from __future__ import annotations

import email.utils
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import httpx
from selectolax.lexbor import LexborHTMLParser, LexborNode

from editor.backends.base import (
    BackendError,
    BadResponseError,
    Credentials,
    CredentialsRejectedError,
    PermanentError,
    RateLimitedError,
    TransientError,
    require_safe_transport,
)
from editor.backends.http import USER_AGENT, as_utc, decode_json, scrub, status_error, transport_error

PAGE_SIZE = 100  # comments on one admin page: fixed in Isso
MAX_PAGES = 1000  # a bound, should a server answer the same page forever
SESSION_COOKIE = "admin-session"
APPROVED, HELD, DELETED = 1, 2, 4  # Isso's comment modes
_KEY = re.compile(r"send_edit\(\s*\d+\s*,\s*'([^']+)'")
_DONE = {"activate": "activated", "delete": "deleted"}  # Isso's answer says so
_MODES = {"label-valid": APPROVED, "label-pending": HELD, "label-staled": DELETED}


@dataclass(frozen=True)
class AdminComment:
    """One comment as the admin page shows it."""

    id: str
    uri: str  # its thread's address on the site (Longhand's post id)
    title: str  # its thread's title
    author: str
    email: str
    website: str
    text: str  # the raw Markdown
    mode: int
    shown: datetime  # when it was made: naive, in the server's time zone, to the minute
    key: str = field(repr=False)  # its moderation key


@dataclass(frozen=True)
class AdminPage:
    """The comments of one admin page, and the server's clock when it answered."""

    comments: list[AdminComment]
    server_now: datetime | None


class IssoClient:
    """Requests to one Isso server, signed in as its admin when they need it."""

    def __init__(self, credentials: Credentials, *, timeout: float = 30.0) -> None:
        self.base = (credentials.api_root or credentials.base_url).strip().rstrip("/")
        self.site = ""  # where the comments are shown, once an answer has said (Access-Control-Allow-Origin)
        self._credentials, self._timeout = credentials, timeout
        self._session = ""  # the admin-session cookie, once signed in
        self._client = httpx.Client(timeout=timeout, follow_redirects=False, headers={"User-Agent": USER_AGENT})

    def close(self) -> None:
        """Release connections."""
        self._client.close()

    @property
    def host(self) -> str:
        """The server's host name, for messages."""
        return httpx.URL(self.base).host or self.base

    # -- requests --------------------------------------------------------------------------------
    def send(self, method: str, path: str, *, admin: bool = False, **kwargs: Any) -> httpx.Response:
        """One request to the server (never through a redirect); the session cookie only when `admin`."""
        require_safe_transport(self.base)  # the cookie and the keys are as secret as the password
        url = self.base + path
        headers = {"Cookie": f"{SESSION_COOKIE}={self._session}"} if admin and self._session else {}
        try:
            response = self._client.request(method, url, headers=headers, **kwargs)
        except (httpx.TransportError, httpx.InvalidURL) as exc:
            raise transport_error(exc, httpx.URL(url), self._timeout) from None
        finally:
            self._client.cookies.clear()  # cookies go where this class sends them, nowhere else
        origin = response.headers.get("access-control-allow-origin", "")
        if origin.startswith(("https://", "http://")):
            self.site = origin.rstrip("/")
        return response

    def said(self, response: httpx.Response) -> str:
        """The server's own reason, from Isso's error page (werkzeug's: the reason is its paragraph)."""
        found = re.search(r"<p>(.*?)</p>", response.text, re.DOTALL)
        return scrub(found.group(1) if found else response.text, self.secrets)

    @property
    def secrets(self) -> list[str]:
        """What must never appear in a message: the password and the session cookie."""
        return [s for s in (self._credentials.secret, self._session) if s]

    def check(self, response: httpx.Response) -> Any:
        """The JSON of a successful answer, else the matching error."""
        if response.is_success:
            return decode_json(response)
        said = "" if response.status_code in (404, 405) else self.said(response)
        raise status_error(
            response,
            said=said,
            username=self._credentials.username or "the admin",
            refused=f"{response.url.host} refused Longhand's request; check the Isso admin password.",
        )

    def api(self, method: str, path: str, **kwargs: Any) -> Any:
        """A request to the JSON API, answered with JSON."""
        return self.check(self.send(method, path, **kwargs))

    def guard_error(self, response: httpx.Response) -> BackendError:
        """Isso's guard refused a comment (403): its reason, in the author's words."""
        reason, host = self.said(response), self.host
        if "ratelimit" in reason:
            return RateLimitedError(
                f"The Isso server at {host} takes only a few comments a minute from one address; Longhand "
                "will send this one again in a minute.",
                retry_after=60.0,
            )
        if "edit time frame" in reason:
            return TransientError(
                f"The Isso server at {host} takes no reply to a comment sent from the same address while "
                "that comment may still be edited (15 minutes by default); Longhand will send it again later."
            )
        if "direct responses" in reason:
            return PermanentError(
                f"The Isso server at {host} takes only a few top-level comments per page from one address "
                "(its [guard] direct-reply setting); answer a reader's comment instead."
            )
        if "required" in reason:
            return PermanentError(
                f"The Isso server at {host} asks every comment for a name and an email address (its "
                "[guard] settings); Longhand's replies carry only a name."
            )
        try:
            self.check(response)
        except BackendError as exc:
            return exc
        return PermanentError(f"The Isso server at {host} refused the comment.")

    # -- signing in ------------------------------------------------------------------------------
    def sign_in(self) -> None:
        """Sign in as Isso's admin page does, keeping the session cookie (in memory only)."""
        response = self.send("POST", "/login/", data={"password": self._credentials.secret})
        session = response.cookies.get(SESSION_COOKIE) if response.is_redirect else None
        if session:
            self._session = session
            return
        self._refuse(response)

    def _refuse(self, response: httpx.Response) -> None:
        """Why a sign-in or an admin page gave no admin page: the sentence for each of Isso's pages."""
        if response.status_code == 200 and "text/html" in response.headers.get("content-type", ""):
            page = LexborHTMLParser(response.text)
            if page.css_first("#disabled") is not None:
                raise PermanentError(
                    f"The admin interface of the Isso server at {self.host} is turned off; Longhand needs "
                    "it to see held comments and moderate them (set enabled = true in the [admin] section "
                    "of its configuration)."
                )
            if page.css_first("#login") is not None:
                raise CredentialsRejectedError(f"The Isso server at {self.host} refused the admin password.")
        if response.status_code in (404, 405):
            raise PermanentError(f"{self.base} has no Isso admin interface (Isso 0.13 or later has one).")
        self.check(response)
        raise BadResponseError(
            f"{self.host} answered with a web page instead of Isso's admin page; a sign-in page, a Wi-Fi "
            "portal or a caching proxy may be in the way."
        )

    # -- the admin page --------------------------------------------------------------------------
    def admin_page(self, params: Mapping[str, str | int]) -> AdminPage:
        """One admin page's comments, signing in first (and again once, if the session has expired)."""
        for attempt in range(2):
            if not self._session:
                self.sign_in()
            response = self.send("GET", "/admin/", admin=True, params=dict(params))
            page = LexborHTMLParser(response.text) if response.status_code == 200 else None
            root = page.css_first("#isso-root") if page is not None else None
            if root is not None:
                return AdminPage([self._comment(node) for node in root.css("div.isso-comment")], _date(response))
            if attempt == 0 and page is not None and page.css_first("#login") is not None:
                self._session = ""  # expired (a day) or the server's key changed: sign in again
                continue
            self._refuse(response)
        raise AssertionError("unreachable")  # _refuse always raises

    def admin_comments(self, mode: int) -> Iterator[tuple[AdminComment, datetime | None]]:
        """Every comment of one mode, page by page, each with the server's clock of its page."""
        for number in range(MAX_PAGES):
            page = self.admin_page({"mode": mode, "page": number, "order_by": "id", "asc": 1})
            for comment in page.comments:
                yield comment, page.server_now
            if len(page.comments) < PAGE_SIZE:
                return

    def find(self, comment_id: str) -> AdminComment | None:
        """One comment, whatever its mode (None when there is no such comment): one request, or, from an
        Isso older than 0.14, which ignores the search and shows the held comments, every page."""
        if not str(comment_id).isdigit():
            return None
        wanted = str(int(comment_id))
        shown = self.admin_page({"comment_search_url": f"#isso-{wanted}"}).comments
        found = next((c for c in shown if c.id == wanted), None)
        if found is not None or not shown:
            return found
        everything = (c for mode in (HELD, APPROVED) for c, _ in self.admin_comments(mode))
        return next((c for c in everything if c.id == wanted), None)

    def _comment(self, node: LexborNode) -> AdminComment:
        """A comment of the admin page (Isso's admin.html template)."""
        try:
            comment_id = (node.attributes.get("id") or "").removeprefix("isso-")

            def text(selector: str) -> str:
                found = node.css_first(selector)
                return found.text(deep=True) if found is not None else ""

            thread = node.css_first(".isso-comment-header > div > a")
            uri = (thread.attributes.get("href") or "") if thread is not None else ""
            heading = text(".isso-comment-header > div").strip()
            title = heading.removeprefix("Thread:").strip().removesuffix(f"({uri})").strip()
            label = node.css_first(".note .label")
            classes = (label.attributes.get("class") or "").split() if label is not None else []
            key = _KEY.search(node.html or "")
            if not comment_id.isdigit() or not uri or key is None:
                raise ValueError(comment_id)
            return AdminComment(
                id=comment_id,
                uri=uri,
                title=title,
                author=text(f"#isso-author-{comment_id}").strip(),
                email=text(f"#isso-email-{comment_id}").strip(),
                website=text(f"#isso-website-{comment_id}").strip(),
                text=text(f"#isso-text-{comment_id}"),
                mode=next((_MODES[c] for c in classes if c in _MODES), HELD),  # unknown: the safe side
                shown=datetime.strptime(text("time").strip(), "%H:%M / %d-%m-%Y"),
                key=key.group(1),
            )
        except (ValueError, AttributeError) as exc:
            raise BadResponseError(f"{self.host} showed an admin page Longhand does not understand.") from exc

    # -- the public API and moderation -----------------------------------------------------------
    def thread(self, uri: str) -> list[dict[str, Any]]:
        """A thread's public comments (approved, and deleted ones kept for their replies), flattened."""
        data = self.api("GET", "/", params={"uri": uri})
        if not isinstance(data, dict):
            raise BadResponseError(f"{self.host} answered with data Longhand does not understand.")
        found: list[dict[str, Any]] = []
        stack = list(data.get("replies") or [])
        while stack:
            item = stack.pop()
            if isinstance(item, dict) and "id" in item:
                found.append(item)
                stack.extend(item.get("replies") or [])
        return found

    def preview(self, text: str) -> str:
        """Markdown rendered by the server itself (its renderer, its settings, its sanitiser)."""
        data = self.api("POST", "/preview", json={"text": text})
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise BadResponseError(f"{self.host} answered with data Longhand does not understand.")
        return str(data["text"])

    def moderate(self, comment: AdminComment, action: str, body: dict[str, Any] | None = None) -> Any:
        """Activate, delete or edit a comment with its moderation key. Editing answers the comment as
        JSON; the others a line of text ("Comment has been activated"), which is checked: a page from
        something else in the way must not pass for done. A comment already gone: NotFoundError."""
        response = self.send("POST", f"/id/{int(comment.id)}/{action}/{comment.key}", json=body)
        if action == "edit" or not response.is_success:
            return self.check(response)
        if _DONE[action] not in response.text.lower():
            raise BadResponseError(
                f"{self.host} answered with a page that is not Isso's; a sign-in page, a Wi-Fi portal or a "
                "caching proxy may be in the way."
            )
        return None


def _date(response: httpx.Response) -> datetime | None:
    """The server's clock (its Date header), aware UTC."""
    try:
        return as_utc(email.utils.parsedate_to_datetime(response.headers.get("date", "")))
    except (TypeError, ValueError):
        return None
