"""Comments and their moderation over XML-RPC, through WordPress's wp.* comment methods (MetaWeblog itself has
none): the part of MetaWeblogBackend that handles them, on its `XmlRpc` connection.

What WordPress 6.1 does, checked against a real one (tests/backends/test_metaweblog.py):

* wp.getComments with status "any" (an account that may moderate) lists every status, spam and trash too,
  newest first, paged by number and offset; statuses read "approve", "hold", "spam", "trash" (and
  "post-trashed" for comments of a trashed post). Comments have no modification time.
* Each comment carries its post's title (rendered: HTML-escaped) and its raw content, which stays untrusted.
* wp.editComment changes only what it is given (not the author's IP), but answers a fault 500 when nothing
  changed: a status or text already there is not sent.
* wp.deleteComment moves a comment to the trash, and deletes one already in the trash or in spam for good.
* wp.newComment by a user who may moderate (or the post's author) is approved at once; the same text
  twice on a post is refused (a 403 fault, "Duplicate comment detected").
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

from editor.backends.base import (
    AuthenticationError,
    BackendError,
    BadResponseError,
    CommentStatus,
    NotFoundError,
    PermanentError,
    RemoteComment,
)
from editor.backends.http import as_utc
from editor.backends.metaweblog_rpc import AUTH, XmlRpc, to_datetime

_STATUSES = {
    "approve": CommentStatus.APPROVED,
    "approved": CommentStatus.APPROVED,
    "hold": CommentStatus.HOLD,
    "spam": CommentStatus.SPAM,
    "trash": CommentStatus.TRASH,
    "post-trashed": CommentStatus.TRASH,
}
_WORDS = {
    CommentStatus.APPROVED: "approve",
    CommentStatus.HOLD: "hold",
    CommentStatus.SPAM: "spam",
    CommentStatus.TRASH: "trash",
}
PAGE = 100  # comments asked for per wp.getComments
CHUNK = 50  # wp.getComment calls per system.multicall
_COMMENT_TYPES = ("comment", "")  # not pingbacks or trackbacks (WordPress's REST API leaves them out too)


def _status(value: Any) -> CommentStatus:
    """WordPress's word for a status; an unknown one (a plugin's) reads as held, the safe side."""
    return _STATUSES.get(str(value), CommentStatus.HOLD)


class MetaWeblogComments:
    """The CommentsBackend methods, for a backend whose `_rpc` is its XML-RPC connection."""

    _rpc: XmlRpc

    # -- reading ---------------------------------------------------------------------------------
    def list_comments(self, *, after: datetime | None = None) -> Iterator[RemoteComment]:
        """Comments of every status created after `after` (all if None), oldest first, each with its post's
        title and its raw content (untrusted).

        Cost: one call per 100 comments, newest first, until one older than `after`: an incremental call
        that finds nothing new costs one call. Dates have one-second resolution, so a comment made in the
        same second as `after` is included (the caller dedups by id)."""
        since = as_utc(after).replace(microsecond=0) if after is not None else None
        comments: dict[str, RemoteComment] = {}
        seen: set[str] = set()
        offset = 0
        while True:
            query = {"status": "any", "number": PAGE, "offset": offset}
            items = self._rpc.call("wp.getComments", self._rpc.blog_id, AUTH, query)
            if not isinstance(items, list):
                raise BadResponseError(f"{self._rpc.host} answered with data Longhand does not understand.")
            oldest, known = None, len(seen)
            for item in items:
                comment = self._to_comment(item)
                oldest = comment.date_gmt
                seen.add(comment.id)
                if str(item.get("type") or "") not in _COMMENT_TYPES:
                    continue
                if since is None or (comment.date_gmt is not None and comment.date_gmt >= since):
                    comments.setdefault(comment.id, comment)  # one made while we paged shifts the rest by one
            done = len(items) < PAGE or len(seen) == known  # the last page, or a server that ignores offset
            if done or (since is not None and oldest is not None and oldest < since):
                break
            offset += PAGE
        never = datetime.min.replace(tzinfo=timezone.utc)
        return iter(sorted(comments.values(), key=lambda c: (c.date_gmt or never, int(c.id) if c.id.isdigit() else 0)))

    def comment_statuses(self, comment_ids: list[str]) -> dict[str, CommentStatus]:
        """The current status of each comment: wp.getComment for each, 50 to a request (system.multicall;
        one request each on a blog without it). A comment deleted for good, or an id that is not a number,
        is missing from the answer."""
        ids = list(dict.fromkeys(str(i) for i in comment_ids if str(i).isdigit()))
        statuses: dict[str, CommentStatus] = {}
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            results = self._rpc.multicall([("wp.getComment", (self._rpc.blog_id, AUTH, i)) for i in chunk])
            for comment_id, result in zip(chunk, results, strict=True):
                if isinstance(result, NotFoundError):
                    continue
                if isinstance(result, BackendError):
                    raise result
                statuses[comment_id] = self._to_comment(result).status
        return statuses

    # -- writing ---------------------------------------------------------------------------------
    def reply_comment(self, post_id: str, parent_id: str | None, content_html: str) -> RemoteComment:
        """A new comment by the signed-in user on `post_id`, a reply to `parent_id` if given, approved when
        the user may approve it. WordPress refuses the same text twice on a post (PermanentError): a retry
        after a lost answer must look for the first one (the core's job)."""
        if not str(post_id).isdigit() or (parent_id is not None and not str(parent_id).isdigit()):
            raise NotFoundError("The blog has no such post or comment to reply to.")
        if not content_html.strip():
            raise PermanentError("A reply needs some text.")
        struct = {"content": content_html, "comment_parent": int(parent_id or 0)}
        new_id = self._rpc.call("wp.newComment", self._rpc.blog_id, AUTH, str(post_id), struct)
        comment = self._get(str(new_id))
        if comment.status != CommentStatus.APPROVED:
            try:
                return self.set_comment_status(comment.id, CommentStatus.APPROVED)
            except (AuthenticationError, PermanentError):
                return comment  # not the user's to approve: the reply stays, held, as the blog decided
        return comment

    def set_comment_status(self, comment_id: str, status: CommentStatus) -> RemoteComment:
        """Approve, hold, spam or trash; from spam or trash, "approved" or "hold" restores the comment
        with that status. Already having that status counts as done (no write). Two calls."""
        status = CommentStatus(status)
        current = self._get(comment_id)
        if current.status != status:
            self._rpc.call("wp.editComment", self._rpc.blog_id, AUTH, comment_id, {"status": _WORDS[status]})
            current.status = status
        return current

    def edit_comment(self, comment_id: str, content_html: str) -> RemoteComment:
        """Replace a comment's text (its status, author and date stay); read back, as the blog's filters
        may have changed it."""
        if not content_html.strip():
            raise PermanentError("A comment needs some text.")
        current = self._get(comment_id)
        if current.content == content_html:
            return current
        self._rpc.call("wp.editComment", self._rpc.blog_id, AUTH, comment_id, {"content": content_html})
        return self._get(comment_id)

    def delete_comment(self, comment_id: str) -> None:
        """Delete for good: the first wp.deleteComment moves it to the trash (unless it is in the trash or
        spam already), the second deletes it. One already gone counts as done, so a retry succeeds."""
        for _ in range(2):
            try:
                self._rpc.call("wp.deleteComment", self._rpc.blog_id, AUTH, str(comment_id))
            except NotFoundError:
                return

    # -- mapping ---------------------------------------------------------------------------------
    def _get(self, comment_id: str) -> RemoteComment:
        if not str(comment_id).isdigit():  # WordPress reads anything else as 0
            raise NotFoundError(f"The blog has no comment with the id {comment_id!r}.")
        return self._to_comment(self._rpc.call("wp.getComment", self._rpc.blog_id, AUTH, str(comment_id)))

    def _to_comment(self, data: Any) -> RemoteComment:
        try:
            parent = str(data.get("parent") or "")
            return RemoteComment(
                id=str(data["comment_id"]),
                post_id=str(data["post_id"]),
                content=str(data.get("content") or ""),
                parent_id=parent if parent not in ("", "0") else None,
                author_name=str(data.get("author") or ""),
                author_email=str(data.get("author_email") or ""),
                author_url=str(data.get("author_url") or ""),
                date_gmt=to_datetime(data.get("date_created_gmt")),
                status=_status(data.get("status")),
                post_title=html.unescape(str(data.get("post_title") or "")),
                link=str(data.get("link") or ""),
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise BadResponseError(f"{self._rpc.host} answered with a comment Longhand does not understand.") from exc
