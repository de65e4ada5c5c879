"""Sending the inbox's replies, moderations, edits and deletions: the outbox's comment jobs.

The inbox applies each action locally at once (the row shows "queued"); these functions send it, record
what the blog answered, and on a permanent failure put the local state back with a sentence. A reply
whose answer was lost is looked for on the blog before it is sent again, so it is never posted twice.
"""

from __future__ import annotations

import html
import re
from datetime import datetime, timedelta

from ..backends.base import Backend, CommentsBackend, CommentStatus, PermanentError, RemoteComment
from . import comment_edits
from .comments import CommentNotFound, Comments
from .jobs import Jobs
from .model import Comment, Job, JobKind
from .store import Store

# How far back (before the lost reply was sent) the blog is searched for it: clocks differ.
RECONCILE_SLACK = timedelta(minutes=10)
_TAG = re.compile(r"<[^>]+>")


def _text(markup: str) -> str:
    """Markup as comparable text: the blog reformats HTML (paragraphs, typography) but keeps the words."""
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


def _comments_backend(backend: Backend) -> CommentsBackend:
    if not isinstance(backend, CommentsBackend):
        raise PermanentError("This blog's backend cannot handle comments.")
    return backend


def send_reply(store: Store, job: Job, backend: Backend) -> None:
    """Post a queued reply; look for it on the blog first if an earlier attempt's answer was lost."""
    comments, jobs = Comments(store), Jobs(store)
    reply = comments.get(job.payload["comment_id"])
    if reply.remote_id is not None:
        return  # already sent (the job was interrupted after recording it)
    client = _comments_backend(backend)
    if job.create_sent_at is not None:
        found = _find_lost_reply(client, reply, job.create_sent_at)
        if found is not None:
            comments.reply_sent(reply.id, found)
            return
    jobs.update(job.id, create_sent_at=store.clock())  # saved before the request leaves
    try:
        remote = client.reply_comment(reply.post_id, reply.parent_remote_id, reply.content or reply.html)
    except Exception as exc:
        if not getattr(exc, "retryable", False):
            jobs.update(job.id, create_sent_at=None)  # refused: nothing was made
        raise
    comments.reply_sent(reply.id, remote)
    jobs.update(job.id, create_sent_at=None)


def _find_lost_reply(client: CommentsBackend, reply: Comment, sent_at: datetime) -> RemoteComment | None:
    wanted = _text(reply.content or reply.html)
    for candidate in client.list_comments(after=sent_at - RECONCILE_SLACK):
        if (
            candidate.post_id == reply.post_id
            and candidate.parent_id == reply.parent_remote_id
            and _text(candidate.content) == wanted
        ):
            return candidate
    return None


def send_status(store: Store, job: Job, backend: Backend) -> None:
    """Send a moderation (approve, unapprove, spam, trash, restore).

    What is sent is the comment's status as the author last left it, not the one this job was queued
    with: moderations of one comment may be retried out of order (an older one failing for a while, a
    newer one landing first), and the author's last decision must be the one the blog keeps."""
    comments = Comments(store)
    comment = comments.get(job.payload["comment_id"])
    if comment.remote_id is None:
        raise PermanentError("This comment has not reached the blog yet, so it cannot be moderated there.")
    wanted = CommentStatus(comment.pending or comment.status)
    remote = _comments_backend(backend).set_comment_status(comment.remote_id, wanted)
    comments.sent(comment.id, remote, status=wanted)


def send_edit(store: Store, job: Job, backend: Backend) -> None:
    """Send an edited text (sending it twice leaves the same text, so a lost answer needs no care)."""
    try:
        comment = Comments(store).get(job.payload["comment_id"])
    except CommentNotFound:
        return  # deleted here since (a pending edit keeps it from a sync's removal): nothing to edit
    remote = _comments_backend(backend).edit_comment(comment.remote_id or "", job.payload["html"])
    comment_edits.edit_sent(store, comment.id, remote)


def send_delete(store: Store, job: Job, backend: Backend) -> None:
    """Delete a comment for good (the backends count one already gone as deleted, so a retry is safe)."""
    _comments_backend(backend).delete_comment(job.payload["remote_id"])
    comment_edits.forget(store, job.account_id, job.payload["remote_id"])


# Every comment job: what the outbox sends for each, and which ones `undo_locally` answers for.
SENDERS = {
    JobKind.COMMENT_REPLY: send_reply,
    JobKind.COMMENT_STATUS: send_status,
    JobKind.COMMENT_EDIT: send_edit,
    JobKind.COMMENT_DELETE: send_delete,
}


def undo_locally(store: Store, job: Job, sentence: str) -> None:
    """A comment job failed for good: a moderation goes back to the previous status, an edit to the text
    it replaced, a deleted comment comes back; a reply stays (its text is never lost) marked with the
    reason, so the author can send it again or copy it. A comment deleted meanwhile has nothing to undo."""
    comments, payload = Comments(store), job.payload
    try:
        if job.kind is JobKind.COMMENT_STATUS:
            comments.revert(
                payload["comment_id"], payload["previous"], f"Not done: {sentence}", only_if_pending=payload["status"]
            )
        elif job.kind is JobKind.COMMENT_EDIT:
            comment_edits.revert_edit(
                store, payload["comment_id"], payload["html"], payload["previous"], f"Not edited: {sentence}"
            )
        elif job.kind is JobKind.COMMENT_DELETE:
            comment_edits.put_back(store, payload, f"Not deleted: {sentence}")
        else:
            comments.revert(payload["comment_id"], None, f"Not sent: {sentence}")
    except CommentNotFound:
        pass
