"""The local store: every draft, revision and bit of app state, kept in one SQLite file.

Qt-free and safe to share with a worker thread. Every write is a single transaction, so a crash
or a full disk leaves the file as it was after the last successful save.
"""

from __future__ import annotations

import dataclasses
import difflib
import sqlite3
from datetime import datetime, timedelta
from typing import cast

from editor.core.database import Clock as Clock
from editor.core.database import Database
from editor.core.database import DraftNotFound as DraftNotFound
from editor.core.database import RevisionNotFound as RevisionNotFound
from editor.core.database import StoreError as StoreError
from editor.core.model import Draft, DraftSummary, Revision, RevisionReason
from editor.core.rows import (
    HEAD_CHARS,
    REMOTE_FIELDS,
    draft_from_row,
    draft_values,
    dump_time,
    load_time,
    remote_from_row,
    revision_fields,
    revision_from_row,
    summary_from_row,
)
from editor.core.search import HIT_CLOSE, HIT_OPEN, excerpt, match_expression, query_words

AUTO_REVISION_INTERVAL = timedelta(minutes=5)
TITLE_WEIGHT = 10.0  # bm25 weight of a title match relative to a body match
# Above this many hits a query is too common for relevance to tell drafts apart ("the"), and ranking
# every hit costs ~1 µs each: its results come newest first, which FTS5 gives without reading them all.
RANKED_HITS = 1_000
_HIGHLIGHT_LIMIT = 100_000  # body characters; costs at most ~0.1 s, see search()
_DELETED_IDS = "SELECT id FROM drafts WHERE deleted_at IS NOT NULL"  # few, and read from an index
# Revisions remember these fields besides title and body; restore brings back the first four only,
# because status and schedule say what happens on the blog, not what the author wrote.
_RESTORED_FIELDS = ("slug", "excerpt", "tags", "categories")


class Store(Database):
    """Drafts, revisions and settings in one SQLite database."""

    def _live_row(self, conn: sqlite3.Connection, draft_id: int | None, columns: str = "*") -> sqlite3.Row:
        # Callers that only need to know the draft exists ask for a column or two, not the body.
        row = conn.execute(f"SELECT {columns} FROM drafts WHERE id = ? AND deleted_at IS NULL", (draft_id,)).fetchone()
        if row is None:
            raise DraftNotFound(f"There is no draft {draft_id}; it may have been deleted.")
        return cast(sqlite3.Row, row)

    def _live_draft(self, conn: sqlite3.Connection, draft_id: int | None) -> Draft:
        return draft_from_row(self._live_row(conn, draft_id))

    def _revision(self, conn: sqlite3.Connection, revision_id: int) -> Revision:
        row = conn.execute("SELECT * FROM revisions WHERE id = ?", (revision_id,)).fetchone()
        if row is None:
            raise RevisionNotFound("That revision no longer exists.")
        return revision_from_row(row)

    def _snapshot(self, conn: sqlite3.Connection, draft: Draft, reason: RevisionReason, now: datetime) -> None:
        fields = revision_fields(draft)
        newest = conn.execute(
            "SELECT reason, title, body, fields FROM revisions WHERE draft_id = ? ORDER BY id DESC LIMIT 1", (draft.id,)
        ).fetchone()
        if newest is not None and tuple(newest) == (reason.value, draft.title, draft.body, fields):
            return  # pressing Save twice should not fill the history with copies
        conn.execute(
            "INSERT INTO revisions (draft_id, reason, created_at, title, body, fields) VALUES (?, ?, ?, ?, ?, ?)",
            (draft.id, reason.value, dump_time(now), draft.title, draft.body, fields),
        )

    def _write_draft(self, conn: sqlite3.Connection, draft: Draft) -> None:
        # The link to the blog is written only by set_remote: an editor saving its copy of the draft
        # must not undo what a publish in the background just recorded.
        values = {key: value for key, value in draft_values(draft).items() if key not in REMOTE_FIELDS}
        values["updated_at"] = dump_time(draft.updated_at)
        assignments = ", ".join(f"{column} = :{column}" for column in values)
        conn.execute(f"UPDATE drafts SET {assignments} WHERE id = :id", {**values, "id": draft.id})

    def create_draft(self, draft: Draft, *, revision: RevisionReason | None = None) -> Draft:
        """Store a new draft; returns a copy with its id and fresh created/updated times.

        With `revision` (an import, say), its first state is kept as a revision too.
        """
        now = self.clock()
        values = draft_values(draft)
        values.update(created_at=dump_time(now), updated_at=dump_time(now))
        with self.transaction() as conn:
            inserted = conn.execute(
                f"INSERT INTO drafts ({', '.join(values)}) VALUES ({', '.join(':' + column for column in values)})",
                values,
            )
            created = dataclasses.replace(
                draft,
                id=inserted.lastrowid,
                tags=list(draft.tags),
                categories=list(draft.categories),
                created_at=now,
                updated_at=now,
            )
            if revision is not None:
                self._snapshot(conn, created, revision, now)
        return created

    def get_draft(self, draft_id: int) -> Draft:
        """The draft with this id; raises DraftNotFound if it is missing or deleted."""
        with self.transaction("read the draft", write=False) as conn:
            return self._live_draft(conn, draft_id)

    def save_draft(self, draft: Draft, *, revision: RevisionReason | None = None) -> Draft:
        """Write every field of `draft` and take a revision when asked or when one is due.

        With `revision`, the saved state is snapshotted with that reason. Without it, an AUTO
        snapshot is taken when the title or body differ from the newest revision and that revision
        (or, failing one, the draft's creation) is at least AUTO_REVISION_INTERVAL old.
        """
        if draft.id is None:
            raise ValueError("save_draft needs a stored draft; use create_draft first")
        now = self.clock()
        with self.transaction() as conn:
            stored = self._live_row(conn, draft.id, "created_at, " + ", ".join(REMOTE_FIELDS))
            saved = dataclasses.replace(
                draft,
                tags=list(draft.tags),
                categories=list(draft.categories),
                updated_at=now,
                created_at=load_time(stored["created_at"]),
                **remote_from_row(stored),
            )
            self._write_draft(conn, saved)
            newest = conn.execute(
                "SELECT created_at, title, body FROM revisions WHERE draft_id = ? ORDER BY id DESC LIMIT 1", (draft.id,)
            ).fetchone()
            if newest is None:
                since, changed = saved.created_at, True
            else:
                since = load_time(newest["created_at"])
                changed = (newest["title"], newest["body"]) != (saved.title, saved.body)
            if revision is None and changed and now - since >= AUTO_REVISION_INTERVAL:
                revision = RevisionReason.AUTO
            if revision is not None:
                self._snapshot(conn, saved, revision, now)
        return saved

    def set_remote(
        self,
        draft_id: int,
        *,
        account_id: int | None,
        remote_id: str | None,
        remote_url: str | None,
        remote_modified: datetime | None,
        revision: RevisionReason | None = None,
    ) -> Draft:
        """Record what the blog said about a draft (after a publish or a pull), and snapshot it."""
        with self.transaction() as conn:
            self._live_row(conn, draft_id, "id")
            conn.execute(
                "UPDATE drafts SET account_id = ?, remote_id = ?, remote_url = ?, remote_modified = ? WHERE id = ?",
                (account_id, remote_id, remote_url, dump_time(remote_modified), draft_id),
            )
            draft = self._live_draft(conn, draft_id)
            if revision is not None:
                self._snapshot(conn, draft, revision, self.clock())
        return draft

    def keep_revision(self, state: Draft, reason: RevisionReason) -> None:
        """Keep `state` as a revision of its draft without changing the draft (the blog's copy of it,
        say, when the author chose to overwrite it)."""
        with self.transaction() as conn:
            self._live_row(conn, state.id, "id")
            self._snapshot(conn, state, reason, self.clock())

    def find_by_remote(self, account_id: int, remote_id: str) -> Draft | None:
        """The draft linked to a post on a blog, if any."""
        with self.transaction("read the draft", write=False) as conn:
            row = conn.execute(
                "SELECT * FROM drafts WHERE account_id = ? AND remote_id = ? AND deleted_at IS NULL",
                (account_id, remote_id),
            ).fetchone()
        return draft_from_row(row) if row else None

    def delete_draft(self, draft_id: int) -> None:
        """Move a draft to the bin; undelete_draft brings it back until it is purged."""
        with self.transaction("delete the draft") as conn:
            self._live_row(conn, draft_id, "id")
            conn.execute("UPDATE drafts SET deleted_at = ? WHERE id = ?", (dump_time(self.clock()), draft_id))

    def undelete_draft(self, draft_id: int) -> Draft:
        """Bring back a deleted draft (a no-op for one that is not deleted) and return it."""
        with self.transaction("restore the draft") as conn:
            conn.execute("UPDATE drafts SET deleted_at = NULL WHERE id = ?", (draft_id,))
            return self._live_draft(conn, draft_id)

    def purge_deleted(self, older_than: timedelta) -> int:
        """Erase drafts deleted at least `older_than` ago, with their revisions; returns how many."""
        cutoff = dump_time(self.clock() - older_than)
        with self.transaction("empty the bin") as conn:
            return conn.execute(
                "DELETE FROM drafts WHERE deleted_at IS NOT NULL AND deleted_at <= ?", (cutoff,)
            ).rowcount

    def count_drafts(self) -> int:
        """How many drafts there are, not counting deleted ones (read from an index, not the bodies)."""
        with self.transaction("read the drafts", write=False) as conn:
            return int(conn.execute("SELECT count(*) FROM drafts WHERE deleted_at IS NULL").fetchone()[0])

    def list_drafts(self, offset: int = 0, limit: int | None = None) -> list[DraftSummary]:
        """Drafts not deleted, most recently updated first: every one, or `limit` of them from the
        `offset`th on (a page of the sidebar: the index on updated_at gives them in order, so a page
        costs its own rows and the offset's index entries, never the whole list)."""
        with self.transaction("read the drafts", write=False) as conn:
            rows = conn.execute(
                f"SELECT id, title, substr(body, 1, {HEAD_CHARS}) AS head, status, kind, "
                "updated_at FROM drafts WHERE deleted_at IS NULL "
                "ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?",
                (-1 if limit is None else limit, offset),
            ).fetchall()
        return [summary_from_row(row) for row in rows]

    def count_matches(self, query: str) -> int:
        """How many drafts `search(query)` finds in all (every draft for a blank query)."""
        words = query_words(query)
        if not words:
            return self.count_drafts()
        with self.transaction("search the drafts", write=False) as conn:
            return self._count_matches(conn, match_expression(words))

    @staticmethod
    def _count_matches(conn: sqlite3.Connection, expression: str) -> int:
        return int(
            conn.execute(
                f"SELECT count(*) FROM drafts_fts WHERE drafts_fts MATCH ? AND rowid NOT IN ({_DELETED_IDS})",
                (expression,),
            ).fetchone()[0]
        )

    def search(
        self, query: str, offset: int = 0, limit: int | None = None, *, snippets: bool = True
    ) -> list[DraftSummary]:
        """Drafts whose title or body contain every word of `query`, best match first (then the newest
        draft first): all of them, or `limit` from the `offset`th on.

        The last word matches as a prefix; a blank query lists every draft. A query with more than
        RANKED_HITS hits lists them newest first instead of best first. Each snippet is a dozen
        words of plain text around the first match in the body, matched words wrapped in « and »
        (see editor.core.search), "…" where text was cut off, whitespace
        collapsed. When only the title matched, or the body is over 100,000 characters, the
        snippet is the body's opening words. Without `snippets` they are left empty, for a caller that
        asks `snippet()` for the rows it shows.
        """
        words = query_words(query)
        if not words:
            return self.list_drafts(offset, limit)
        expression = match_expression(words)
        # Ranked on the index alone: the drafts table, bodies and all, is read for the page's rows only,
        # and highlight() runs for them only, not for every hit (all 10,000 of a common word).
        with self.transaction("search the drafts", write=False) as conn:
            common = self._count_matches(conn, expression) > RANKED_HITS
            score = "0" if common else f"bm25(drafts_fts, {TITLE_WEIGHT}, 1.0)"
            rows = conn.execute(
                f"WITH hits AS (SELECT rowid AS id, {score} AS score FROM drafts_fts "
                f"WHERE drafts_fts MATCH ? AND rowid NOT IN ({_DELETED_IDS}) "
                "ORDER BY score, rowid DESC LIMIT ? OFFSET ?) "
                f"SELECT d.id, d.title, substr(d.body, 1, {HEAD_CHARS}) AS head, d.status, d.kind, d.updated_at "
                "FROM hits JOIN drafts AS d ON d.id = hits.id ORDER BY hits.score, hits.id DESC",
                (expression, -1 if limit is None else limit, offset),
            ).fetchall()
            found = [(row, self._snippet(conn, expression, row["id"]) if snippets else "") for row in rows]
        return [summary_from_row(row, snippet) for row, snippet in found]

    def snippet(self, query: str, draft_id: int) -> str:
        """The snippet `search(query)` gives the draft (see there); "" when the query is blank."""
        words = query_words(query)
        if not words:
            return ""
        with self.transaction("search the drafts", write=False) as conn:
            return self._snippet(conn, match_expression(words), draft_id)

    @staticmethod
    def _snippet(conn: sqlite3.Connection, expression: str, draft_id: int) -> str:
        # FTS5's highlight() is quadratic in the number of hits: a book-length draft full of a common
        # word would take minutes, so long bodies show their opening words instead.
        row = conn.execute(
            f"SELECT CASE WHEN length(d.body) <= ? THEN highlight(drafts_fts, 1, ?, ?) END AS marked, "
            f"substr(d.body, 1, {HEAD_CHARS}) AS head FROM drafts_fts JOIN drafts AS d ON d.id = drafts_fts.rowid "
            "WHERE drafts_fts MATCH ? AND drafts_fts.rowid = ?",
            (_HIGHLIGHT_LIMIT, HIT_OPEN, HIT_CLOSE, expression, draft_id),
        ).fetchone()
        return excerpt(row["marked"] or row["head"]) if row else ""

    def list_revisions(self, draft_id: int) -> list[Revision]:
        """The draft's revisions, newest first; raises DraftNotFound if the draft is gone."""
        with self.transaction("read the revisions", write=False) as conn:
            self._live_row(conn, draft_id, "id")
            rows = conn.execute("SELECT * FROM revisions WHERE draft_id = ? ORDER BY id DESC", (draft_id,)).fetchall()
        return [revision_from_row(row) for row in rows]

    def get_revision(self, revision_id: int) -> Revision:
        """One revision; raises RevisionNotFound."""
        with self.transaction("read the revision", write=False) as conn:
            return self._revision(conn, revision_id)

    def diff_revision(self, revision_id: int, against: int | None = None) -> str:
        """A unified diff from a revision to another revision, or to the draft as it is now.

        The first line of each side is "Title: …", so a changed title shows up too. Returns "" when
        the two are identical.
        """
        with self.transaction("compare the revisions", write=False) as conn:
            old = self._revision(conn, revision_id)
            new: Draft | Revision = (
                self._live_draft(conn, old.draft_id) if against is None else self._revision(conn, against)
            )
        labels = [
            f"revision {r.id} ({r.reason.value}, {r.created_at:%Y-%m-%d %H:%M} UTC)"
            if isinstance(r, Revision)
            else "current draft"
            for r in (old, new)
        ]
        lines = difflib.unified_diff(
            [f"Title: {old.title}", *old.body.splitlines()],
            [f"Title: {new.title}", *new.body.splitlines()],
            fromfile=labels[0],
            tofile=labels[1],
            lineterm="",
        )
        return "\n".join(lines)

    def restore_revision(self, revision_id: int) -> Draft:
        """Put a revision's title, body and fields back into its draft, and return the draft.

        The state being replaced is first kept as a RESTORE revision, so the restore can be undone.
        Status and schedule are left as they are.
        """
        now = self.clock()
        with self.transaction("restore the revision") as conn:
            old = self._revision(conn, revision_id)
            current = self._live_draft(conn, old.draft_id)
            self._snapshot(conn, current, RevisionReason.RESTORE, now)
            fields = {key: old.fields[key] for key in _RESTORED_FIELDS if key in old.fields}
            restored = dataclasses.replace(current, title=old.title, body=old.body, updated_at=now, **fields)
            self._write_draft(conn, restored)
        return restored

    def set_cursor(self, draft_id: int, position: int) -> None:
        """Remember where the caret was in a draft; does not count as an edit."""
        with self.transaction() as conn:
            self._live_row(conn, draft_id, "id")
            conn.execute("UPDATE drafts SET cursor = ? WHERE id = ?", (position, draft_id))

    def get_cursor(self, draft_id: int) -> int:
        """The caret position last stored for a draft (0 if never set)."""
        with self.transaction("read the draft", write=False) as conn:
            return int(self._live_row(conn, draft_id, "cursor")["cursor"])

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        """A stored piece of app state, or `default` when it is not set."""
        with self.transaction("read the settings", write=False) as conn:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else row[0]

    def set_setting(self, key: str, value: str | None) -> None:
        """Store a piece of app state; None removes it."""
        with self.transaction("save the settings") as conn:
            if value is None:
                conn.execute("DELETE FROM settings WHERE key = ?", (key,))
            else:
                conn.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )
