"""Comments and their moderation through WordPress's REST API (wp/v2/comments), on a `WordPressREST`
client (WordPressBackend's, shared with its posts).

What WordPress 6.1 does, checked against a real one (tests/backends/test_wordpress_comments.py):

* `status=any` (with an account that may moderate) lists comments of every status, spam and trash
  included, in one query; `status=all` means approved and held only. Statuses come back as
  "approved", "hold", "spam", "trash" (and "post-trashed" for comments of a trashed post).
* Comments have no modification time: `after` filters on the creation date, strictly and to the
  second, in the site's time zone (an ISO date with its offset is converted by WordPress).
* Every REST update of a comment (a status change too) rewrites its author IP and user agent with
  the moderator's unless the request gives them: the backend reads them first and sends them back.
* Setting "spam" or "trash" on a comment already there is not an error (200); here it is not even
  sent (the read above shows the status).
* Setting "approved" or "hold" on a trashed or spammed comment restores it with that status.
* A reader's comment is filtered by KSES when saved (no <script>, no <img>), but `content` is what the
  server sent and stays untrusted: an editor's comment may hold any HTML.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from editor.backends.base import (
    BadResponseError,
    CommentStatus,
    NotFoundError,
    PermanentError,
    RemoteComment,
)
from editor.backends.http import as_utc
from editor.backends.wordpress_rest import WordPressREST, from_gmt, raw_text

_ROUTE = "wp/v2/comments"
_FIELDS = "id,post,parent,author_name,author_email,author_url,date_gmt,content,status,link"
_STATUSES = {
    "approved": CommentStatus.APPROVED,
    "approve": CommentStatus.APPROVED,
    "1": CommentStatus.APPROVED,
    "hold": CommentStatus.HOLD,
    "0": CommentStatus.HOLD,
    "spam": CommentStatus.SPAM,
    "trash": CommentStatus.TRASH,
    "post-trashed": CommentStatus.TRASH,
}
_CHUNK = 100  # WordPress's largest per_page, and so the most ids one `include` may ask for
# Comments listed before their posts' titles are asked for and they are handed on: few title requests
# (a blog's comments of a thousand in a row are on few posts), and a first sync stores while it lists.
TITLED = 1000


def _status(value: Any) -> CommentStatus:
    """WordPress's word for a status; an unknown one (a plugin's) reads as held, the safe side."""
    return _STATUSES.get(str(value), CommentStatus.HOLD)


def _comment_route(comment_id: str) -> str:
    if not str(comment_id).isdigit():  # ids are numbers; anything else must not reach the path
        raise NotFoundError(f"WordPress has no comment with the id {comment_id!r}.")
    return f"{_ROUTE}/{comment_id}"


class WordPressComments:
    """The CommentsBackend methods, sending their requests through `rest` (which it does not close).

    Post titles are remembered per instance (post id → title), so that listing comments asks the blog
    only for posts it has not seen yet. A post renamed since is shown under its old title until a new
    instance is made."""

    def __init__(self, rest: WordPressREST) -> None:
        self._rest = rest
        self._post_titles: dict[str, str] = {}

    # -- reading ---------------------------------------------------------------------------------
    def list_comments(self, *, after: datetime | None = None) -> Iterator[RemoteComment]:
        """Comments of every status created after `after` (all if None), oldest first, each with its
        post's title and its rendered HTML (untrusted) as `content`.

        Cost: one request per 100 comments (at least one: `status=any`, context=edit; pages after the
        first are asked for a few at once), plus, for each TITLED comments, one request for the titles of
        posts this instance has not seen yet (none when nothing is new), plus one more only if some of
        those are pages rather than posts. An incremental call that finds nothing new costs exactly one
        request. Comments are yielded TITLED at a time, while the later pages are still coming.

        WordPress's dates have one-second resolution, so a comment made in the same second as `after`
        is included (the caller dedups by id): asking strictly after would lose one made in that second
        after the caller's last look."""
        params: dict[str, Any] = {
            "context": "edit",
            "status": "any",
            "orderby": "date_gmt",
            "order": "asc",
            "_fields": _FIELDS,
        }
        since = as_utc(after) if after is not None else None
        if since is not None:  # with its offset: WordPress compares in the site's own time zone
            params["after"] = (since.replace(microsecond=0) - timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        seen: set[str] = set()
        waiting: list[RemoteComment] = []
        for item in self._rest.pages(_ROUTE, params):
            comment = self._to_comment(item)
            if comment.id in seen:  # one made while we paged shifts the rest by one
                continue
            if since is None or (comment.date_gmt is not None and comment.date_gmt >= since.replace(microsecond=0)):
                seen.add(comment.id)
                waiting.append(comment)
            if len(waiting) >= TITLED:
                yield from self._titled(waiting)
                waiting = []
        yield from self._titled(waiting)

    def _titled(self, comments: list[RemoteComment]) -> list[RemoteComment]:
        """The comments, each with its post's title (asked for the posts not seen yet)."""
        titles = self._titles({c.post_id for c in comments})
        for comment in comments:
            comment.post_title = titles.get(comment.post_id, "")
        return comments

    def comment_statuses(self, comment_ids: list[str]) -> dict[str, CommentStatus]:
        """The current status of each comment: one request per 100 ids (none for no ids). A comment
        deleted for good, or an id that is not a number, is missing from the answer."""
        ids = list(dict.fromkeys(str(i) for i in comment_ids if str(i).isdigit()))
        statuses: dict[str, CommentStatus] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            items = self._rest.api(
                "GET",
                _ROUTE,
                {
                    "include": ",".join(chunk),
                    "status": "any",
                    "context": "edit",
                    "_fields": "id,status",
                    "per_page": _CHUNK,
                },
            )
            if not isinstance(items, list):
                raise BadResponseError("WordPress answered with data Longhand does not understand.")
            for item in items:
                if isinstance(item, dict) and "id" in item:
                    statuses[str(item["id"])] = _status(item.get("status"))
        return statuses

    # -- writing ---------------------------------------------------------------------------------
    def reply_comment(self, post_id: str, parent_id: str | None, content_html: str) -> RemoteComment:
        """A new approved comment by the signed-in user on `post_id`, a reply to `parent_id` if given.
        WordPress refuses the same text twice on a post (ConflictError, 409 `comment_duplicate`): a
        retry after a lost answer must look for the first one (the core's job)."""
        if not str(post_id).isdigit() or (parent_id is not None and not str(parent_id).isdigit()):
            raise NotFoundError("WordPress has no such post or comment to reply to.")
        if not content_html.strip():
            raise PermanentError("A reply needs some text.")
        body = {"post": int(post_id), "parent": int(parent_id or 0), "content": content_html, "status": "approved"}
        return self._with_title(self._to_comment(self._rest.api("POST", _ROUTE, {"context": "edit"}, json=body)))

    def set_comment_status(self, comment_id: str, status: CommentStatus) -> RemoteComment:
        """Approve, hold, spam or trash; from spam or trash, "approved" or "hold" restores the comment
        with that status. Already having that status counts as done (no write).

        Two requests: a read, then the write. WordPress's REST update rewrites the comment's author IP
        and user agent with the moderator's, unless given; the read supplies the reader's own, so that
        a spam report (Akismet's, say) names the spammer, not the moderator."""
        status = CommentStatus(status)
        current = self._comment_for_update(comment_id)
        if _status(current.get("status")) == status:
            return self._with_title(self._to_comment(current))
        return self._update_comment(comment_id, current, {"status": str(status)})

    def edit_comment(self, comment_id: str, content_html: str) -> RemoteComment:
        """Replace a comment's text (its status, author, IP and date stay). Two requests, as above."""
        if not content_html.strip():
            raise PermanentError("A comment needs some text.")
        return self._update_comment(comment_id, self._comment_for_update(comment_id), {"content": content_html})

    def _comment_for_update(self, comment_id: str) -> dict[str, Any]:
        data = self._rest.api("GET", _comment_route(comment_id), {"context": "edit"})
        if not isinstance(data, dict):
            raise BadResponseError("WordPress answered with a comment Longhand does not understand.")
        return data

    def _update_comment(self, comment_id: str, current: dict[str, Any], changes: dict[str, Any]) -> RemoteComment:
        body = dict(changes)
        if current.get("author_ip"):  # WordPress validates it as an IP address: only when there is one
            body["author_ip"] = current["author_ip"]
        if current.get("author_user_agent"):
            body["author_user_agent"] = current["author_user_agent"]
        data = self._rest.api("POST", _comment_route(comment_id), {"context": "edit"}, json=body)
        return self._with_title(self._to_comment(data))

    def delete_comment(self, comment_id: str) -> None:
        """Delete for good (`force=true`, not to the trash). One already gone counts as done, so a retry
        after a lost answer succeeds."""
        try:
            self._rest.api("DELETE", _comment_route(comment_id), {"force": "true"})
        except NotFoundError:
            return

    # -- mapping ---------------------------------------------------------------------------------
    def _to_comment(self, data: Any) -> RemoteComment:
        try:
            content = data.get("content")
            rendered = content.get("rendered", "") if isinstance(content, dict) else str(content or "")
            return RemoteComment(
                id=str(data["id"]),
                post_id=str(data["post"]),
                content=rendered or "",
                parent_id=str(data["parent"]) if data.get("parent") else None,
                author_name=data.get("author_name") or "",
                author_email=data.get("author_email") or "",
                author_url=data.get("author_url") or "",
                date_gmt=from_gmt(data.get("date_gmt")),
                status=_status(data.get("status")),
                link=data.get("link") or "",
                post_title=self._post_titles.get(str(data["post"]), ""),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise BadResponseError("WordPress answered with a comment Longhand does not understand.") from exc

    def _with_title(self, comment: RemoteComment) -> RemoteComment:
        comment.post_title = self._titles({comment.post_id}).get(comment.post_id, "")
        return comment

    def _titles(self, post_ids: set[str]) -> dict[str, str]:
        """Titles (as stored, not HTML-escaped) of these posts: asks only for those not seen yet, one
        request per 100 posts, then one for pages among those still missing. A title that cannot be
        read (a trashed or deleted post, no permission) is left empty and not asked again."""
        known = self._post_titles
        missing = sorted((i for i in post_ids if i.isdigit() and i not in known), key=int)
        for route in ("wp/v2/posts", "wp/v2/pages"):
            for start in range(0, len(missing), _CHUNK):
                chunk = missing[start : start + _CHUNK]
                params = {
                    "include": ",".join(chunk),
                    "status": "any",
                    "context": "edit",
                    "_fields": "id,title",
                    "per_page": _CHUNK,
                }
                try:
                    items = self._rest.api("GET", route, params)
                except (NotFoundError, PermanentError):  # e.g. an author who may not list others' posts
                    items = []
                for item in items if isinstance(items, list) else []:
                    if isinstance(item, dict) and "id" in item:
                        known[str(item["id"])] = raw_text(item.get("title"))
            missing = [i for i in missing if i not in known]
        for i in missing:
            known[i] = ""
        return {i: known.get(i, "") for i in post_ids}
