"""The comment inbox's actions, for the window and the command line alike: reply, moderate, undo, edit,
delete for good, sync.

Every action is applied to the local copy at once (the author sees it done, marked "queued") and goes to
the blog through the outbox, so it works offline and is sent exactly once when the blog is reachable.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..backends.base import Backend, BackendError, Capability, CommentsBackend, CommentStatus
from . import comment_edits
from .accounts import Accounts
from .comments import Comments
from .credentials import CredentialsError
from .model import Account, Comment, JobKind
from .outbox import Outbox
from .render import plain_html
from .sanitize import sanitize, with_images
from .store import Store, StoreError
from .sync import SyncResult, sync_comments

# What the author asks for, in the words of the command line and the keyboard; "restore" takes a comment
# out of the spam or the trash.
ACTIONS = {
    "approve": CommentStatus.APPROVED,
    "unapprove": CommentStatus.HOLD,
    "spam": CommentStatus.SPAM,
    "trash": CommentStatus.TRASH,
    "restore": CommentStatus.APPROVED,
}


@dataclass(frozen=True)
class BlogSync:
    """How one blog's comment sync went: a result, or the sentence that says why not."""

    account: Account
    result: SyncResult | None
    error: str = ""


class Inbox:
    """Replies and moderation through the outbox; syncing every blog's comments."""

    def __init__(self, store: Store, outbox: Outbox) -> None:
        self.store, self.outbox = store, outbox
        self.comments = Comments(store)
        self.accounts = Accounts(store)
        self._backends: dict[int, Backend] = {}

    def reply(self, parent_id: int, markdown_text: str) -> Comment:
        """Answer a comment (approving it if it was held): the reply is in the thread at once, sent when
        the blog is reachable."""
        if not markdown_text.strip():
            raise StoreError("The reply is empty.")
        parent = self.comments.get(parent_id)
        if parent.remote_id is None:
            raise StoreError("That comment has not reached the blog yet; reply once it has been sent.")
        account = self.accounts.get(parent.account_id)
        if parent.status == CommentStatus.HOLD:
            # As WordPress's own "Approve and Reply": an answer under a comment readers cannot see
            # would be hidden with it.
            self.moderate([parent.id], "approve")
        reply = self.comments.add_reply(parent, plain_html(markdown_text), account.username)
        self.outbox.queue_comment_job(JobKind.COMMENT_REPLY, account.stored_id, {"comment_id": reply.id})
        return reply

    def moderate(self, comment_ids: list[int], action: str) -> list[tuple[int, str]]:
        """Approve, unapprove, spam, trash or restore comments; returns what `undo` needs."""
        status = ACTIONS[action]
        undo: list[tuple[int, str]] = []
        for comment_id in comment_ids:
            comment, previous = self.comments.queue_status(comment_id, status)
            if previous == status:
                continue
            self.outbox.queue_comment_job(
                JobKind.COMMENT_STATUS,
                comment.account_id,
                {"comment_id": comment.id, "status": status.value, "previous": previous},
            )
            undo.append((comment.id, previous))
        return undo

    def edit(self, comment_id: int, markdown_text: str) -> Comment:
        """Replace a comment's text with this Markdown: changed here at once, sent when the blog is
        reachable. The HTML is sanitised on the way: a stranger's comment must not gain, by the author's
        edit, markup the blog would take from its administrator only."""
        if not markdown_text.strip():
            raise StoreError("The comment is empty; delete it instead.")
        html = with_images(sanitize(plain_html(markdown_text)))
        comment, previous = comment_edits.apply_edit(self.store, comment_id, html)
        payload = {"comment_id": comment.id, "html": html, "previous": previous}
        self.outbox.queue_comment_job(JobKind.COMMENT_EDIT, comment.account_id, payload)
        return comment

    def delete(self, comment_ids: list[int]) -> None:
        """Delete comments for good: gone from here at once (their replies move up a level, as on
        WordPress), deleted from the blog when it is reachable; put back if the blog refuses."""
        for comment_id in comment_ids:
            removed = comment_edits.remove(self.store, comment_id)
            self.outbox.queue_comment_job(JobKind.COMMENT_DELETE, removed["row"]["account_id"], removed)

    def undo(self, undo: list[tuple[int, str]]) -> None:
        """Put moderated comments back as they were (sent as moderations of their own)."""
        for comment_id, previous in undo:
            comment, current = self.comments.queue_status(comment_id, CommentStatus(previous))
            self.outbox.queue_comment_job(
                JobKind.COMMENT_STATUS,
                comment.account_id,
                {"comment_id": comment.id, "status": previous, "previous": current},
            )

    def sync_all(self, only: str | None = None) -> list[BlogSync]:
        """Sync the comments of every blog whose backend has them (or of the blog `only` names, by id or
        name); one blog failing does not stop the rest.

        Each blog's backend is kept between syncs: it remembers the posts' titles, so a sync that finds
        nothing new costs two requests (new comments, and the statuses of recent ones)."""
        results = []
        accounts = [self.accounts.get(only)] if only else self.accounts.list()
        for account in accounts:
            try:
                backend = self._backends.get(account.stored_id) or self.accounts.backend(account)
            except (CredentialsError, BackendError, StoreError) as exc:
                results.append(BlogSync(account, None, str(exc)))
                continue
            if Capability.COMMENTS not in type(backend).capabilities or not isinstance(backend, CommentsBackend):
                backend.close()
                continue
            self._backends[account.stored_id] = backend
            try:
                if not account.api_root:
                    self.accounts.set_api_root(account.stored_id, backend.discover())
                results.append(BlogSync(account, sync_comments(self.store, account.stored_id, backend)))
            except (BackendError, StoreError) as exc:
                results.append(BlogSync(account, None, str(exc)))
        return results

    def close(self) -> None:
        """Release the blogs' connections."""
        for backend in self._backends.values():
            backend.close()
        self._backends.clear()
