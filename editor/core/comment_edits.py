"""Editing a comment's text and deleting a comment for good, in the local store.

Both are applied at once and sent by the outbox (`comment_jobs`). An edit keeps the text it replaced, a
deletion the whole row and the replies it moved, so that a failure can put everything back.

Deleting a comment that has replies does what WordPress's `wp_delete_comment` does (the REST API and
XML-RPC both end there): its replies move up a level, to the deleted comment's parent. Isso keeps a
"deleted" placeholder under which the replies stay; it never lists it, so here the replies show at the
top level (Isso nests one level only, so that is the same place).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from ..backends.base import RemoteComment
from .comment_text import comment_text
from .comments import CommentNotFound, Comments
from .model import Comment
from .sanitize import sanitize
from .store import Store, StoreError

EDIT = "edit"  # the `pending` of an edit waiting to be sent (unless a moderation already waits)


def _row(conn: sqlite3.Connection, comment_id: int) -> sqlite3.Row:
    row: sqlite3.Row | None = conn.execute("SELECT * FROM comments WHERE id = ?", (comment_id,)).fetchone()
    if row is None:
        raise CommentNotFound(f"There is no comment {comment_id}; it may have been deleted from the blog.")
    if row["remote_id"] is None:
        raise StoreError("This reply has not reached the blog yet; it can be changed once it is sent.")
    return row


def _text_columns(content: str) -> dict[str, str]:
    html = sanitize(content)
    return {"content": content, "html": html, "text": comment_text(html)}


def _set(conn: sqlite3.Connection, comment_id: int, values: dict[str, Any]) -> None:
    assignments = ", ".join(f"{column} = ?" for column in values)
    conn.execute(f"UPDATE comments SET {assignments} WHERE id = ?", (*values.values(), comment_id))


def apply_edit(store: Store, comment_id: int, content: str) -> tuple[Comment, str]:
    """Give a comment new HTML now: (the comment, the content it had)."""
    with store.transaction("save the comment") as conn:
        row = _row(conn, comment_id)
        # A moderation already waiting keeps its mark: `send_status` reads it as the status to send.
        pending = {} if row["pending"] else {"pending": EDIT}
        _set(conn, comment_id, {**_text_columns(content), **pending, "error": ""})
    return Comments(store).get(comment_id), str(row["content"])


def edit_sent(store: Store, comment_id: int, remote: RemoteComment) -> None:
    """An edit reached the blog: take the blog's text (its filters may have changed it); its status and
    anything else stay as the author left them."""
    with store.transaction("save the comment") as conn:
        row = _row(conn, comment_id)
        done = {"pending": "", "error": ""} if row["pending"] == EDIT else {}
        _set(conn, comment_id, {**_text_columns(remote.content), **done})


def revert_edit(store: Store, comment_id: int, sent: str, previous: str, error: str) -> None:
    """An edit failed for good: the text it replaced comes back, unless the author has changed the text
    again since (that later edit stands); either way the comment says why."""
    with store.transaction("save the comment") as conn:
        row = _row(conn, comment_id)
        text = _text_columns(previous) if row["content"] == sent else {}
        done = {"pending": ""} if row["pending"] == EDIT else {}
        _set(conn, comment_id, {**text, **done, "error": error})


def replies(store: Store, comment_ids: list[int]) -> int:
    """How many comments (of any status) answer these ones directly."""
    with store.transaction("read the comments", write=False) as conn:
        return sum(
            conn.execute(
                "SELECT COUNT(*) FROM comments c JOIN comments p ON c.account_id = p.account_id "
                "AND c.parent_remote_id = p.remote_id WHERE p.id = ?",
                (comment_id,),
            ).fetchone()[0]
            for comment_id in comment_ids
        )


def remove(store: Store, comment_id: int) -> dict[str, Any]:
    """Delete a comment here now, its replies moving up a level: what `put_back` needs."""
    with store.transaction("delete the comment") as conn:
        row = _row(conn, comment_id)
        children = [
            r[0]
            for r in conn.execute(
                "UPDATE comments SET parent_remote_id = ? WHERE account_id = ? AND parent_remote_id = ? RETURNING id",
                (row["parent_remote_id"], row["account_id"], row["remote_id"]),
            )
        ]
        conn.execute("DELETE FROM comments WHERE id = ?", (comment_id,))
    return {"comment_id": comment_id, "remote_id": row["remote_id"], "row": dict(row), "children": children}


def forget(store: Store, account_id: int, remote_id: str) -> None:
    """A deletion reached the blog: a copy a sync brought back meanwhile goes too."""
    with store.transaction("delete the comment") as conn:
        conn.execute("DELETE FROM comments WHERE account_id = ? AND remote_id = ?", (account_id, remote_id))


def put_back(store: Store, removed: dict[str, Any], error: str) -> None:
    """A deletion failed for good: the comment comes back (unless a sync already brought it back) with its
    replies under it again, saying why."""
    row = removed["row"]
    with store.transaction("save the comment") as conn:
        if (
            conn.execute(
                "UPDATE comments SET error = ? WHERE account_id = ? AND remote_id = ? RETURNING id",
                (error, row["account_id"], row["remote_id"]),
            ).fetchone()
            is None
        ):
            values = {**row, "pending": "", "error": error}
            conn.execute(
                f"INSERT INTO comments ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                tuple(values.values()),
            )
        conn.executemany(
            "UPDATE comments SET parent_remote_id = ? WHERE id = ? AND account_id = ?",
            [(row["remote_id"], child, row["account_id"]) for child in removed["children"]],
        )
