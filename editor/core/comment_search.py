"""Full-text search over every blog's comments: their words, author name and email, and post title.

Qt-free. The index (comments_fts, see schema migration 7) is kept in step with the comments table by
triggers, so a search always sees what the last write stored.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from .rows import load_time
from .search import HIT_CLOSE, HIT_OPEN, SNIPPET_CLOSE, SNIPPET_CUT, SNIPPET_OPEN, match_expression
from .store import Store

# bm25 weights of the indexed columns (text, author name, author email, post title): someone looking
# for "Ada" most likely means the author, not a comment that mentions her.
_WEIGHTS = (1.0, 4.0, 2.0, 2.0)
SNIPPET_WORDS = 12


@dataclass(frozen=True)
class CommentHit:
    """One comment that matched, with a few words around the match (hits in « »)."""

    id: int
    account_id: int
    post_id: str
    post_title: str
    author_name: str
    author_email: str
    status: str
    date: datetime | None
    snippet: str


def search(store: Store, text: str, *, limit: int = 50, offset: int = 0) -> list[CommentHit]:
    """Comments containing every word of `text`, best match first (bm25, then newest). The last word
    matches as a prefix, so results follow typing; FTS5 syntax in `text` (quotes, AND, NEAR, *, -) is
    taken as plain words. A blank `text` finds nothing. Spam and trash are found too: `status` says."""
    words = text.replace("\0", " ").split()  # SQLite would end the query at a NUL
    if not words or limit <= 0:
        return []
    query = match_expression(words)
    with store.transaction("search the comments", write=False) as conn:
        # Ranking first, snippets after for the page alone: snippet() costs a re-tokenizing of the text,
        # which is wasted on the rows a LIMIT drops.
        ranked = [
            row[0]
            for row in conn.execute(
                "SELECT c.id FROM comments_fts JOIN comments AS c ON c.id = comments_fts.rowid "
                "WHERE comments_fts MATCH ? ORDER BY bm25(comments_fts, ?, ?, ?, ?), c.date DESC, c.id DESC "
                "LIMIT ? OFFSET ?",
                (query, *_WEIGHTS, limit, max(offset, 0)),
            )
        ]
        if not ranked:
            return []
        rows = conn.execute(
            "SELECT c.id, c.account_id, c.post_id, c.post_title, c.author_name, c.author_email, c.status, "
            "c.date, c.text, snippet(comments_fts, 0, ?, ?, ?, ?) AS marked "
            "FROM comments_fts JOIN comments AS c ON c.id = comments_fts.rowid "
            f"WHERE comments_fts MATCH ? AND comments_fts.rowid IN ({', '.join('?' * len(ranked))})",
            (HIT_OPEN, HIT_CLOSE, SNIPPET_CUT, SNIPPET_WORDS, query, *ranked),
        ).fetchall()
    by_id = {row["id"]: row for row in rows}
    return [_hit(by_id[i]) for i in ranked if i in by_id]


def _hit(row: sqlite3.Row) -> CommentHit:
    marked = row["marked"] or ""
    if HIT_OPEN not in marked:  # the match was in the author or post title: the comment's opening words
        words = row["text"].split()
        marked = " ".join(words[:SNIPPET_WORDS]) + (SNIPPET_CUT if len(words) > SNIPPET_WORDS else "")
    return CommentHit(
        id=row["id"],
        account_id=row["account_id"],
        post_id=row["post_id"],
        post_title=row["post_title"],
        author_name=row["author_name"],
        author_email=row["author_email"],
        status=row["status"],
        date=load_time(row["date"]),
        snippet=marked.replace(HIT_OPEN, SNIPPET_OPEN).replace(HIT_CLOSE, SNIPPET_CLOSE),
    )
