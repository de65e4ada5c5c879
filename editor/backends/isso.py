"""Isso (https://isso-comments.de): the comments of a static blog (Hugo, Jekyll, Eleventy…) kept by an Isso
server, in the inbox with WordPress's: listed (held ones too), answered, approved, edited and deleted.

Isso holds comments only. The posts are the site's own, published with its own tools, so this backend
declares no POSTS and its post, media and term methods say so. A thread is a page of the site, named by its
address (`/posts/night-trains/`): that is a comment's post_id, and the page's title its post_title.

Credentials: the Isso server's address, the admin password of its configuration (`[admin] password`), and
as user name the name the author's replies carry (Isso's admin has no user name). Requests go through
`editor.backends.isso_client` (what Isso offers is described there). What Isso cannot do is refused, not
imitated:

* No spam and no trash: SPAM and TRASH raise PermanentError. Deleting is final (`delete_comment`); a
  comment with replies stays as a "deleted" placeholder, reported as gone.
* Approving is final: HOLD on an approved comment raises PermanentError.
* The admin page does not show a comment's parent, and the public API shows approved comments only: a held
  comment's parent_id is None unless this backend learned it (its own reply, an edit's answer). Once
  approved, the public API gives it.
* The admin page shows when a comment was made to the minute, in the server's time zone; the zone is
  learned from approved comments, whose exact time the public API gives. Until then the time is read as
  UTC, and never later than the server's clock.
* Replies are Markdown (Isso escapes HTML): the HTML Longhand hands over is written back as Markdown
  (`editor.backends.html_markdown`). Isso's guard applies to the author as to readers: too many comments a
  minute from one address is RateLimitedError, a reply to a comment its writer may still edit (from the
  same address, in its first 15 minutes) a TransientError.
"""

from __future__ import annotations

import html
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import httpx

from editor.backends.base import (
    BackendError,
    BadResponseError,
    Capability,
    ClosesWhenDone,
    CommentStatus,
    Credentials,
    CredentialsInAddressError,
    InsecureTransportError,
    MediaItem,
    NotFoundError,
    PermanentError,
    RemoteComment,
    RemotePost,
    SignIn,
    SiteInfo,
    Term,
)
from editor.backends.html_markdown import html_to_markdown
from editor.backends.http import as_utc
from editor.backends.isso_client import APPROVED, DELETED, HELD, AdminComment, IssoClient

NOT_HERE = "Isso holds comments only; publish the posts with the site's own blog."
# How far the admin page's time (the server's zone, to the minute) may be from UTC: the widest zone (14 h)
# and the minute it drops. Comments shown this much before `after` cannot have been made after it.
ZONE_SLACK = timedelta(hours=15)
ZONE_STEP = timedelta(minutes=15)  # every time zone's offset is a multiple of it
SNAPSHOT_SECONDS = 10.0  # how long comment_statuses may reuse list_comments' reading of the admin pages
_STATUS = {APPROVED: CommentStatus.APPROVED, HELD: CommentStatus.HOLD}


def _created(value: Any) -> datetime | None:
    """Isso's times: seconds since 1970 (UTC)."""
    return datetime.fromtimestamp(float(value), UTC) if isinstance(value, int | float) else None


def _plain(value: str) -> str:
    """Isso stores names and addresses HTML-escaped once; the text the reader typed."""
    return html.unescape(value)


class IssoBackend(ClosesWhenDone):
    """An Isso comment server (0.13 or later, its admin interface on), as a blog with comments only."""

    name: ClassVar[str] = "isso"
    label: ClassVar[str] = "Isso"
    capabilities: ClassVar[frozenset[Capability]] = frozenset({Capability.COMMENTS, Capability.MODERATION})
    sign_in: ClassVar[SignIn] = SignIn(
        address="Isso server address",
        user="Name",  # on the author's replies
        secret="Admin password",
        secret_hint="the [admin] password of its isso.cfg",
    )

    def __init__(self, credentials: Credentials, *, timeout: float = 30.0) -> None:
        self._credentials = credentials
        self._client = IssoClient(credentials, timeout=timeout)
        self._learned: dict[str, tuple[datetime, str | None]] = {}  # id → exact time and parent, from answers
        self._rendered: dict[tuple[str, str], str] = {}  # (id, Markdown) → the server's HTML, for held ones
        self._offset: timedelta | None = None  # the server's time zone, once learned
        self._snapshot: tuple[float, list[tuple[AdminComment, datetime | None]]] | None = None

    def close(self) -> None:
        """Release connections."""
        self._client.close()

    # -- discovery and sign-in ---------------------------------------------------------------------
    def discover(self) -> str:
        """Check that the address is an Isso server (its `/config`); returns that address."""
        not_isso = PermanentError(
            f"{self._client.base} is not an Isso server (it has no Isso /config); give the address Isso "
            "answers at, the one in the data-isso attribute of the site's embed script."
        )
        try:
            data = self._client.api("GET", "/config")
        except (InsecureTransportError, CredentialsInAddressError):
            raise
        except (BadResponseError, NotFoundError, PermanentError) as exc:  # a web page, a 404: another site
            raise not_isso from exc
        if not isinstance(data, dict) or not isinstance(data.get("config"), dict):
            raise not_isso
        return self._client.base

    def verify(self) -> SiteInfo:
        """Sign in as the admin; CredentialsRejectedError on a wrong password, PermanentError when the
        server's admin interface is off."""
        self._client.sign_in()
        site = self._client.site or self._client.base
        return SiteInfo(
            name=httpx.URL(site).host or site,
            url=site,
            api_root=self._client.base,
            user_name=self._credentials.username,
            user_login=self._credentials.username,
        )

    # -- reading comments --------------------------------------------------------------------------
    def list_comments(self, *, after: datetime | None = None) -> Iterator[RemoteComment]:
        """Approved and held comments made after `after` (all if None), oldest first.

        Cost: every admin page of held and of approved comments (100 a page: Isso's admin cannot filter
        by time), one public request per thread with comments from the last 15 hours before `after` (their
        exact times and parents), and one preview per held comment not rendered before. Held comments from
        up to 15 hours before `after` are listed again (their time is known only to the minute, in an
        unknown zone, until one is learned); the caller dedups by id."""
        since = as_utc(after) if after is not None else None
        entries = self._entries(reuse=False)
        recent = [(c, now) for c, now in entries if since is None or c.shown.replace(tzinfo=UTC) + ZONE_SLACK >= since]
        public: dict[str, dict[str, Any]] = {}
        for uri in sorted({c.uri for c, _ in recent if c.mode == APPROVED}):
            public.update({str(item["id"]): item for item in self._client.thread(uri)})
        self._learn_zone([c for c, _ in recent], public)
        listed = []
        for comment, now in recent:
            remote = self._remote(comment, public.get(comment.id), now)
            exact = comment.id in public or comment.id in self._learned
            if since is None or not exact or (remote.date_gmt is not None and remote.date_gmt >= since):
                listed.append(remote)
        never = datetime.min.replace(tzinfo=UTC)
        return iter(sorted(listed, key=lambda c: (c.date_gmt or never, int(c.id))))

    def comment_statuses(self, comment_ids: list[str]) -> dict[str, CommentStatus]:
        """Approved or held, for each of these comments; deleted ones are missing. Reads every admin page
        (Isso cannot be asked about some comments only), or reuses list_comments' reading of them when it
        is under 10 seconds old and nothing was changed through this backend since."""
        wanted = {str(i) for i in comment_ids if str(i).isdigit()}
        if not wanted:
            return {}
        entries = self._entries(reuse=True)
        return {c.id: _STATUS[c.mode] for c, _ in entries if c.id in wanted and c.mode in _STATUS}

    def _entries(self, *, reuse: bool) -> list[tuple[AdminComment, datetime | None]]:
        """Every approved and held comment of the admin pages, with the server's clock of each page."""
        if reuse and self._snapshot is not None and time.monotonic() - self._snapshot[0] <= SNAPSHOT_SECONDS:
            return self._snapshot[1]
        found: dict[str, tuple[AdminComment, datetime | None]] = {}
        for mode in (HELD, APPROVED):  # one approved while the held pages are read is seen approved
            for comment, now in self._client.admin_comments(mode):
                found[comment.id] = (comment, now)
        self._snapshot = (time.monotonic(), list(found.values()))
        return self._snapshot[1]

    def _learn_zone(self, comments: list[AdminComment], public: dict[str, dict[str, Any]]) -> None:
        """The server's UTC offset, from the newest comment whose exact time is known too."""
        known = []
        for comment in comments:
            exact = _created(public[comment.id].get("created")) if comment.id in public else None
            exact = exact or (self._learned[comment.id][0] if comment.id in self._learned else None)
            if exact is not None:
                known.append((exact, comment.shown - exact.replace(tzinfo=None)))
        if known:
            shift = max(known)[1]  # the newest: the zone's offset now (summer time changes it)
            self._offset = round(shift / ZONE_STEP) * ZONE_STEP

    def _estimate(self, shown: datetime, now: datetime | None) -> datetime:
        """UTC from the admin page's time: with the server's offset when learned, never after its clock."""
        estimate = (shown - (self._offset or timedelta(0))).replace(tzinfo=UTC)
        return min(estimate, now or datetime.now(UTC))

    def _remote(self, comment: AdminComment, public: dict[str, Any] | None, now: datetime | None) -> RemoteComment:
        """A comment of the admin page, with what the public API or an earlier answer told of it."""
        if public is not None:
            date, parent, content = _created(public.get("created")), public.get("parent"), public.get("text")
        elif comment.id in self._learned:
            (date, parent), content = self._learned[comment.id], None
        else:
            date, parent, content = None, None, None
        if not isinstance(content, str):
            content = self._render(comment)
        return RemoteComment(
            id=comment.id,
            post_id=comment.uri,
            content=content,
            parent_id=str(parent) if parent else None,
            author_name=_plain(comment.author),
            author_email=_plain(comment.email),
            author_url=_plain(comment.website),
            date_gmt=date or self._estimate(comment.shown, now),
            status=_STATUS.get(comment.mode, CommentStatus.HOLD),
            post_title=comment.title,
            link=self._link(comment.uri, comment.id),
        )

    def _link(self, uri: str, comment_id: str) -> str:
        """The comment on its page (the anchor Isso's embed gives it), once an answer has named the site."""
        return f"{self._client.site}{uri}#isso-{comment_id}" if self._client.site and uri.startswith("/") else ""

    def _render(self, comment: AdminComment) -> str:
        """A comment's Markdown as the server renders it (asked once per text)."""
        if not comment.text.strip():
            return ""
        key = (comment.id, comment.text)
        if key not in self._rendered:
            self._rendered[key] = self._client.preview(comment.text)
        return self._rendered[key]

    def _comment(self, comment_id: str) -> AdminComment:
        """The admin page's copy of one comment; NotFoundError when it is gone."""
        found = self._client.find(comment_id)
        if found is None or found.mode == DELETED:
            raise NotFoundError(f"The Isso server at {self._client.host} has no comment {comment_id!r}.")
        return found

    def _one(self, comment: AdminComment) -> RemoteComment:
        """One comment, with its exact time and parent when it is public."""
        public = None
        if comment.mode == APPROVED:
            public = next((i for i in self._client.thread(comment.uri) if str(i.get("id")) == comment.id), None)
        return self._remote(comment, public, None)

    # -- writing comments --------------------------------------------------------------------------
    def reply_comment(self, post_id: str, parent_id: str | None, content_html: str) -> RemoteComment:
        """A comment on the thread `post_id` signed with the account's name (a reply to `parent_id`, which
        Isso files under its top-level comment), then approved with its moderation key. If the approval
        fails the comment stays posted, and is returned held."""
        if parent_id is not None and not str(parent_id).isdigit():
            raise NotFoundError(f"The Isso server at {self._client.host} has no comment {parent_id!r}.")
        text = _markdown(content_html)
        body = {"text": text, "author": self._credentials.username or None, "parent": int(parent_id or 0) or None}
        response = self._client.send("POST", "/new", params={"uri": post_id}, json=body)
        if response.status_code == 403:
            raise self._client.guard_error(response)
        data = self._client.check(response)
        self._snapshot = None
        try:
            comment_id, mode = str(int(data["id"])), int(data["mode"])
            created, parent = _created(data["created"]), data.get("parent")
        except (KeyError, TypeError, ValueError) as exc:
            raise BadResponseError(
                f"{self._client.host} answered with a comment Longhand does not understand."
            ) from exc
        if created is not None:
            self._learned[comment_id] = (created, str(parent) if parent else None)
        remote = RemoteComment(
            id=comment_id,
            post_id=post_id,
            content=str(data.get("text") or ""),
            parent_id=str(parent) if parent else None,
            author_name=_plain(str(data.get("author") or "")),
            date_gmt=created,
            status=_STATUS.get(mode, CommentStatus.HOLD),
            link=self._link(post_id, comment_id),
        )
        if mode == HELD:
            try:
                held = self._comment(comment_id)
                self._client.moderate(held, "activate")
                remote.status, remote.post_title = CommentStatus.APPROVED, held.title
            except BackendError:
                pass  # posted all the same: held, as its status says, for the author to approve
        return remote

    def set_comment_status(self, comment_id: str, status: CommentStatus) -> RemoteComment:
        """Approve a held comment (an approved one stays so). Isso has no spam, no trash and no way back
        to the queue: SPAM, TRASH, and HOLD on an approved comment raise PermanentError."""
        status = CommentStatus(status)
        if status is CommentStatus.SPAM:
            raise PermanentError("Isso has no spam folder; delete the comment instead.")
        if status is CommentStatus.TRASH:
            raise PermanentError("Isso has no trash; a comment can only be deleted for good.")
        comment = self._comment(comment_id)
        if status is CommentStatus.APPROVED and comment.mode == HELD:
            self._client.moderate(comment, "activate")
            self._snapshot = None
            comment = replace(comment, mode=APPROVED)
        elif status is CommentStatus.HOLD and comment.mode == APPROVED:
            raise PermanentError("Isso cannot hold a comment again once it is approved; delete it instead.")
        return self._one(comment)

    def edit_comment(self, comment_id: str, content_html: str) -> RemoteComment:
        """Replace a comment's text (written as Markdown); its author, status and time stay."""
        text = _markdown(content_html)
        comment = self._comment(comment_id)
        data = self._client.moderate(comment, "edit", {"text": text})
        self._snapshot = None
        if isinstance(data, dict) and (created := _created(data.get("created"))) is not None:
            self._learned[comment.id] = (created, str(data["parent"]) if data.get("parent") else None)
        return self._one(replace(comment, text=text))

    def delete_comment(self, comment_id: str) -> None:
        """Delete for good (Isso has no trash). One already gone counts as done, so a retry after a lost
        answer succeeds."""
        comment = self._client.find(comment_id)
        if comment is None or comment.mode == DELETED:
            return
        self._snapshot = None
        try:
            self._client.moderate(comment, "delete")
        except NotFoundError:
            return

    # -- what Isso does not hold -------------------------------------------------------------------
    def list_posts(self, *, kind: str = "post", modified_after: datetime | None = None) -> Iterator[RemotePost]:
        raise PermanentError(NOT_HERE)

    def get_post(self, remote_id: str, *, kind: str = "post") -> RemotePost:
        raise PermanentError(NOT_HERE)

    def create_post(self, post: RemotePost) -> RemotePost:
        raise PermanentError(NOT_HERE)

    def update_post(self, post: RemotePost, *, last_seen_modified: datetime | None) -> RemotePost:
        raise PermanentError(NOT_HERE)

    def delete_post(self, remote_id: str, *, kind: str = "post") -> None:
        raise PermanentError(NOT_HERE)

    def upload_media(self, filename: str, data: bytes, mime_type: str) -> MediaItem:
        raise PermanentError(NOT_HERE)

    def find_media(self, filename: str, sha256: str) -> MediaItem | None:
        raise PermanentError(NOT_HERE)

    def list_terms(self, kind: str) -> list[Term]:
        raise PermanentError(NOT_HERE)

    def create_term(self, kind: str, name: str) -> Term:
        raise PermanentError(NOT_HERE)


def _markdown(content_html: str) -> str:
    """A comment's HTML as the Markdown Isso takes; Isso refuses texts under three characters."""
    text = html_to_markdown(content_html)
    if len(text.strip()) < 3:
        raise PermanentError("Isso takes comments of three characters or more.")
    return text
