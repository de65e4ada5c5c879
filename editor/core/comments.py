"""The comment inbox in the store: every blog's comments, readable and moderated offline.

A moderation or a reply is applied locally at once and marked `pending` until the outbox has sent it;
while it is pending, what the blog says about that comment's status does not overwrite it (the author's
queued decision wins until it is sent, or until it fails and is reverted).
"""

from __future__ import annotations

import builtins
import sqlite3
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any, cast

from ..backends.base import CommentStatus, RemoteComment
from .comment_text import comment_text
from .model import Comment
from .rows import dump_time, load_time
from .sanitize import sanitize
from .store import Store, StoreError

REPLY = "reply"  # the `pending` of a reply written here and not yet sent
HIDDEN = (CommentStatus.SPAM.value, CommentStatus.TRASH.value)  # left out of "all", unread counts, threads
_NOT_HIDDEN = f"status NOT IN ('{HIDDEN[0]}', '{HIDDEN[1]}')"
VIEWS: dict[str, str] = {
    "all": _NOT_HIDDEN,
    "unread": f"read = 0 AND {_NOT_HIDDEN}",
    "pending": f"status = '{CommentStatus.HOLD.value}'",
    "approved": f"status = '{CommentStatus.APPROVED.value}'",
    "spam": f"status = '{CommentStatus.SPAM.value}'",
    "trash": f"status = '{CommentStatus.TRASH.value}'",
}
# The columns a comment's remote copy fills; `status` is left out while a local action is pending.
_REMOTE_COLUMNS = (
    "post_id",
    "post_title",
    "parent_remote_id",
    "author_name",
    "author_email",
    "author_url",
    "content",
    "html",
    "text",
    "date",
    "status",
)


class CommentNotFound(StoreError):
    """No comment with that id (or it was deleted from the blog)."""


def comment_from_row(row: sqlite3.Row) -> Comment:
    """A comments row as a Comment."""
    return Comment(
        id=row["id"],
        account_id=row["account_id"],
        remote_id=row["remote_id"],
        post_id=row["post_id"],
        post_title=row["post_title"],
        parent_remote_id=row["parent_remote_id"],
        author_name=row["author_name"],
        author_email=row["author_email"],
        author_url=row["author_url"],
        content=row["content"],
        html=row["html"],
        date=load_time(row["date"]),
        status=row["status"],
        read=bool(row["read"]),
        pending=row["pending"],
        error=row["error"],
    )


def _remote_values(remote: RemoteComment, old: sqlite3.Row | None = None) -> dict[str, Any]:
    """The columns a RemoteComment fills. A blank post title keeps the one known (some answers lack it).
    Content the blog sent before as it is now is not sanitised again (a sync lists thousands)."""
    if old is not None and old["content"] == remote.content and old["html"]:
        html, text = old["html"], old["text"]
    else:
        html = sanitize(remote.content)
        text = comment_text(html)  # what the comment search indexes
    return {
        "post_id": str(remote.post_id),
        "post_title": remote.post_title or (old["post_title"] if old else ""),
        "parent_remote_id": str(remote.parent_id) if remote.parent_id else None,
        "author_name": remote.author_name,
        "author_email": remote.author_email,
        "author_url": remote.author_url,
        "content": remote.content,
        "html": html,
        "text": text,
        "date": dump_time(remote.date_gmt),
        "status": CommentStatus(remote.status).value,
    }


class Comments:
    """The comments and comment_sync tables."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @staticmethod
    def _row(conn: sqlite3.Connection, comment_id: int) -> sqlite3.Row:
        row = conn.execute("SELECT * FROM comments WHERE id = ?", (comment_id,)).fetchone()
        if row is None:
            raise CommentNotFound(f"There is no comment {comment_id}; it may have been deleted from the blog.")
        return cast(sqlite3.Row, row)

    @staticmethod
    def _update(conn: sqlite3.Connection, comment_id: int, values: Mapping[str, Any]) -> None:
        assignments = ", ".join(f"{column} = ?" for column in values)
        conn.execute(f"UPDATE comments SET {assignments} WHERE id = ?", (*values.values(), comment_id))

    def get(self, comment_id: int) -> Comment:
        """One comment; raises CommentNotFound."""
        with self.store.transaction("read the comment", write=False) as conn:
            return comment_from_row(self._row(conn, comment_id))

    def upsert(self, account_id: int, remote: RemoteComment) -> tuple[Comment, bool, bool]:
        """Store a comment as the blog sent it: (the comment, whether it is new, whether it changed).

        Found by its remote id; the read flag is kept, and so is the local status while an action on it
        is pending, and the local text while an edit is (it must not flicker back to the blog's)."""
        with self.store.transaction("save the comment") as conn:
            comment_id, is_new, changed = self._upsert(conn, account_id, remote)
            return comment_from_row(self._row(conn, comment_id)), is_new, changed

    def upsert_many(self, account_id: int, remotes: Iterable[RemoteComment]) -> builtins.list[tuple[int, bool, bool]]:
        """`upsert` for many comments in one transaction (a sync's page): (local id, new, changed) each."""
        with self.store.transaction("save the comments") as conn:
            return [self._upsert(conn, account_id, remote) for remote in remotes]

    @classmethod
    def _upsert(cls, conn: sqlite3.Connection, account_id: int, remote: RemoteComment) -> tuple[int, bool, bool]:
        old = conn.execute(
            "SELECT * FROM comments WHERE account_id = ? AND remote_id = ?", (account_id, str(remote.id))
        ).fetchone()
        values = _remote_values(remote, old)
        if old is None:
            cursor = conn.execute(
                f"INSERT INTO comments (account_id, remote_id, {', '.join(values)}) "
                f"VALUES (?, ?, {', '.join('?' * len(values))})",
                (account_id, str(remote.id), *values.values()),
            )
            return cursor.lastrowid or 0, True, False
        if old["pending"]:
            del values["status"]
        if old["pending"] == "edit":  # comment_edits.EDIT (which imports this module)
            for column in ("content", "html", "text"):
                del values[column]
        changes = {column: value for column, value in values.items() if old[column] != value}
        if changes:
            cls._update(conn, old["id"], changes)
        return old["id"], False, bool(changes)

    def list(
        self, *, view: str = "all", account_id: int | None = None, post_id: str | None = None, limit: int = 500
    ) -> builtins.list[Comment]:
        """Comments in a view ("all" but spam and trash, "unread", "pending" i.e. held, "approved", "spam",
        "trash"), newest first, optionally of one blog and one post."""
        return [comment_from_row(row) for row in self.view_rows("*", view, account_id, post_id, limit)]

    def view_rows(
        self, columns: str, view: str, account_id: int | None = None, post_id: str | None = None, limit: int = -1
    ) -> builtins.list[sqlite3.Row]:
        """`columns` of the comments in a view (see `list`), newest first; every one when `limit` is -1."""
        if view not in VIEWS:
            raise ValueError(f"unknown comment view {view!r} (one of {', '.join(VIEWS)})")
        with self.store.transaction("read the comments", write=False) as conn:
            rows: builtins.list[sqlite3.Row] = conn.execute(
                f"SELECT {columns} FROM comments WHERE {VIEWS[view]} AND (? IS NULL OR account_id = ?) "
                "AND (? IS NULL OR post_id = ?) ORDER BY date DESC, id DESC LIMIT ?",
                (account_id, account_id, post_id, post_id, limit),
            ).fetchall()
        return rows

    def thread(self, comment_id: int) -> builtins.list[tuple[Comment, int]]:
        """The conversation on this comment's post, in reading order, with each comment's depth (0 for top
        level): a parent before its replies, siblings oldest first. Spam and trash are left out, except the
        comment asked for; a reply whose parent is not known here is shown at the top level."""
        with self.store.transaction("read the conversation", write=False) as conn:
            asked = self._row(conn, comment_id)
            rows = conn.execute(
                f"SELECT * FROM comments WHERE account_id = ? AND post_id = ? "
                f"AND ({_NOT_HIDDEN} OR id = ?) ORDER BY date, id",
                (asked["account_id"], asked["post_id"], comment_id),
            ).fetchall()
        comments = [comment_from_row(row) for row in rows]
        known = {c.remote_id for c in comments if c.remote_id is not None}
        replies: dict[str, builtins.list[Comment]] = {}
        for c in comments:
            if c.parent_remote_id in known:
                replies.setdefault(c.parent_remote_id, []).append(c)
        # True top-level comments start the walk; the rest of the list only matters if parents form a
        # cycle (corrupt data), which would otherwise hide those comments.
        starts = [c for c in comments if c.parent_remote_id not in known] + comments
        ordered: builtins.list[tuple[Comment, int]] = []
        seen: set[int] = set()
        for start in starts:
            stack = [(start, 0)]  # a loop, not recursion: a hostile blog could nest replies thousands deep
            while stack:
                c, depth = stack.pop()
                if c.id in seen:
                    continue
                seen.add(c.id)
                ordered.append((c, depth))
                stack.extend((r, depth + 1) for r in reversed(replies.get(c.remote_id or "", [])))
        return ordered

    def unread_count(self, account_id: int | None = None) -> int:
        """Unread comments (spam and trash not counted), of one blog or all."""
        with self.store.transaction("read the comments", write=False) as conn:
            return int(
                conn.execute(
                    f"SELECT COUNT(*) FROM comments WHERE {VIEWS['unread']} AND (? IS NULL OR account_id = ?)",
                    (account_id, account_id),
                ).fetchone()[0]
            )

    def mark_read(self, ids: Iterable[int], read: bool = True) -> None:
        """Mark comments read (or unread again)."""
        with self.store.transaction("save the comments") as conn:
            conn.executemany("UPDATE comments SET read = ? WHERE id = ?", [(int(read), i) for i in ids])

    def queue_status(self, comment_id: int, status: CommentStatus | str) -> tuple[Comment, str]:
        """Apply a moderation locally now and mark it pending until sent: (the comment, its previous status,
        which `revert` puts back if sending fails). Asking for the status it has changes nothing (nothing
        is marked pending, since there is nothing to send)."""
        status = CommentStatus(status).value
        with self.store.transaction("save the comment") as conn:
            row = self._row(conn, comment_id)
            if row["remote_id"] is None:
                raise StoreError("This reply has not reached the blog yet; it can be moderated once it is sent.")
            if row["status"] != status:
                self._update(conn, comment_id, {"status": status, "pending": status, "error": ""})
            return comment_from_row(self._row(conn, comment_id)), row["status"]

    def sent(
        self, comment_id: int, remote: RemoteComment | None = None, *, status: CommentStatus | str | None = None
    ) -> Comment:
        """A queued action reached the blog: clear `pending`, and take the blog's answer if given. With
        `status` (what a moderation sent), a newer moderation the author made meanwhile stays pending and
        shown: its own job will send it."""
        with self.store.transaction("save the comment") as conn:
            old = self._row(conn, comment_id)
            if status is not None and old["pending"] not in ("", CommentStatus(status).value):
                return comment_from_row(old)
            values = _remote_values(remote, old) if remote is not None else {}
            self._update(conn, comment_id, {**values, "pending": "", "error": ""})
            return comment_from_row(self._row(conn, comment_id))

    def revert(
        self,
        comment_id: int,
        previous_status: CommentStatus | str | None,
        error: str,
        *,
        only_if_pending: str | None = None,
    ) -> Comment:
        """A queued action failed for good: put the previous status back (None keeps it: a failed reply
        stays, its text never lost), clear `pending` and say why. With `only_if_pending` (the status a
        failed moderation asked for), nothing changes unless that is still the author's latest wish: a
        later moderation, pending or already on the blog, stands."""
        values = {"pending": "", "error": error}
        if previous_status is not None:
            values["status"] = CommentStatus(previous_status).value
        with self.store.transaction("save the comment") as conn:
            old = self._row(conn, comment_id)
            if only_if_pending is not None and old["pending"] != only_if_pending:
                return comment_from_row(old)
            self._update(conn, comment_id, values)
            return comment_from_row(self._row(conn, comment_id))

    def add_reply(self, parent: Comment, html: str, author_name: str) -> Comment:
        """Keep a reply written here, to be sent by the outbox: shown at once (approved, read, pending)."""
        if parent.remote_id is None:
            raise StoreError("That reply has not reached the blog yet; wait until it is sent to answer it.")
        values = {
            "account_id": parent.account_id,
            "remote_id": None,
            "post_id": parent.post_id,
            "post_title": parent.post_title,
            "parent_remote_id": parent.remote_id,
            "author_name": author_name,
            "content": html,
            "html": sanitize(html),
            "text": comment_text(sanitize(html)),
            "date": dump_time(self.store.clock()),
            "status": CommentStatus.APPROVED.value,
            "read": 1,
            "pending": REPLY,
        }
        with self.store.transaction("save the reply") as conn:
            comment_id = (
                conn.execute(
                    f"INSERT INTO comments ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                    tuple(values.values()),
                ).lastrowid
                or 0
            )
            return comment_from_row(self._row(conn, comment_id))

    def reply_sent(self, comment_id: int, remote: RemoteComment) -> Comment:
        """A queued reply reached the blog: link it to its remote id and take the blog's copy."""
        with self.store.transaction("save the reply") as conn:
            old = self._row(conn, comment_id)
            # A sync between the blog taking the reply and this call has stored it a second time: the
            # queued row (whose id the outbox and the window hold) stays, the copy goes.
            conn.execute(
                "DELETE FROM comments WHERE account_id = ? AND remote_id = ? AND id != ?",
                (old["account_id"], str(remote.id), comment_id),
            )
            self._update(
                conn,
                comment_id,
                {**_remote_values(remote, old), "remote_id": str(remote.id), "pending": "", "error": ""},
            )
            return comment_from_row(self._row(conn, comment_id))

    def recent_remote_ids(
        self, account_id: int, within: timedelta = timedelta(days=30), limit: int = 100
    ) -> builtins.list[str]:
        """Remote ids of a blog's comments written in the last `within`, newest first (every status)."""
        since = dump_time(self.store.clock() - within)
        with self.store.transaction("read the comments", write=False) as conn:
            rows = conn.execute(
                "SELECT remote_id FROM comments WHERE account_id = ? AND remote_id IS NOT NULL "
                "AND date >= ? ORDER BY date DESC, id DESC LIMIT ?",
                (account_id, since, limit),
            ).fetchall()
        return [row[0] for row in rows]

    def apply_statuses(self, account_id: int, statuses: Mapping[str, CommentStatus | str]) -> builtins.list[int]:
        """Take statuses the blog reported (changed elsewhere, e.g. in its web admin); comments with a
        pending action keep theirs. Returns the ids of the comments that changed."""
        changed: builtins.list[int] = []
        with self.store.transaction("save the comments") as conn:
            for remote_id, status in statuses.items():
                row = conn.execute(
                    "UPDATE comments SET status = ? WHERE account_id = ? AND remote_id = ? "
                    "AND pending = '' AND status != ? RETURNING id",
                    (CommentStatus(status).value, account_id, str(remote_id), CommentStatus(status).value),
                ).fetchone()
                if row is not None:
                    changed.append(row[0])
        return changed

    def remove_remote(self, account_id: int, remote_ids: Iterable[str]) -> builtins.list[int]:
        """Forget comments deleted from the blog for good, except those with a pending action (the outbox
        will learn they are gone when it sends it). Returns the ids removed."""
        removed: builtins.list[int] = []
        with self.store.transaction("remove the comments") as conn:
            for remote_id in remote_ids:
                row = conn.execute(
                    "DELETE FROM comments WHERE account_id = ? AND remote_id = ? AND pending = '' RETURNING id",
                    (account_id, str(remote_id)),
                ).fetchone()
                if row is not None:
                    removed.append(row[0])
        return removed

    def sync_point(self, account_id: int) -> datetime | None:
        """The creation date of the newest comment a sync of this blog has seen, if any."""
        with self.store.transaction("read the comment sync", write=False) as conn:
            row = conn.execute("SELECT newest FROM comment_sync WHERE account_id = ?", (account_id,)).fetchone()
        return load_time(row[0]) if row else None

    def set_sync_point(self, account_id: int, newest: datetime) -> None:
        """Record how far a sync got; never moves back (an older comment seen late does not undo it)."""
        value, now = dump_time(newest), dump_time(self.store.clock())
        with self.store.transaction("save the comment sync") as conn:
            conn.execute(
                "INSERT INTO comment_sync (account_id, newest, synced_at) VALUES (?, ?, ?) "
                "ON CONFLICT (account_id) DO UPDATE SET synced_at = excluded.synced_at, "
                "newest = CASE WHEN newest IS NULL OR excluded.newest > newest "
                "THEN excluded.newest ELSE newest END",
                (account_id, value, now),
            )
