"""What the inbox lists, cheaply enough for ten thousand comments: a view as comment ids (newest first),
the comments themselves a page at a time by id, and the posts the comments are on."""

from __future__ import annotations

from .comments import VIEWS, Comments, comment_from_row
from .model import Comment


def view_ids(comments: Comments, view: str, account_id: int | None = None, post_id: str | None = None) -> list[int]:
    """The ids of every comment in `view` (see `Comments.list`), newest first, optionally of one blog and
    post: ids only, since sorting whole rows (their HTML and text) costs several times more."""
    return [row[0] for row in comments.view_rows("id", view, account_id, post_id)]


def comments_by_id(comments: Comments, ids: list[int]) -> dict[int, Comment]:
    """These comments, by id (those deleted meanwhile are missing)."""
    found: dict[int, Comment] = {}
    with comments.store.transaction("read the comments", write=False) as conn:
        for start in range(0, len(ids), 500):  # SQLite's limit on parameters is far above; a page is 100
            chunk = ids[start : start + 500]
            query = f"SELECT * FROM comments WHERE id IN ({', '.join('?' * len(chunk))})"
            found.update((row["id"], comment_from_row(row)) for row in conn.execute(query, chunk))
    return found


def commented_posts(comments: Comments, account_id: int | None = None) -> list[tuple[int, str, str]]:
    """(blog, post id, post title) of each post with comments in the "all" view, of one blog or all."""
    with comments.store.transaction("read the comments", write=False) as conn:
        rows = conn.execute(
            f"SELECT account_id, post_id, MAX(post_title) FROM comments WHERE {VIEWS['all']} "
            "AND (? IS NULL OR account_id = ?) GROUP BY account_id, post_id",
            (account_id, account_id),
        ).fetchall()
    return [(row[0], row[1], row[2]) for row in rows]


def comment_writes(comments: Comments) -> int:
    """How many writes the comments have had (SQLite's triggers count them, in every process). The same
    number twice means no comment was written in between: a check, not a read."""
    with comments.store.transaction("read the comments", write=False) as conn:
        return int(conn.execute("SELECT count FROM comment_writes").fetchone()[0])
