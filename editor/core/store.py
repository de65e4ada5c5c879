"""The local store: every draft, revision and bit of app state, kept in one SQLite file.

Qt-free and safe to share with a worker thread. Every write is a single transaction, so a crash
or a full disk leaves the file as it was after the last successful save.
"""

from __future__ import annotations

import dataclasses
import difflib
import errno
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import cast

from editor.core import paths
from editor.core.model import Draft, DraftSummary, Revision, RevisionReason, utcnow
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
from editor.core.schema import MIGRATIONS
from editor.core.search import HIT_CLOSE, HIT_OPEN, excerpt, match_expression

AUTO_REVISION_INTERVAL = timedelta(minutes=5)
BUSY_TIMEOUT_SECONDS = 5.0
FULL_DISK_BYTES = 64 * 1024  # less free space than this, and an I/O error is most likely a full disk
TITLE_WEIGHT = 10.0  # bm25 weight of a title match relative to a body match
_HIGHLIGHT_LIMIT = 100_000  # body characters; costs at most ~0.1 s, see search()
# Revisions remember these fields besides title and body; restore brings back the first four only,
# because status and schedule say what happens on the blog, not what the author wrote.
_RESTORED_FIELDS = ("slug", "excerpt", "tags", "categories")

Clock = Callable[[], datetime]


class StoreError(Exception):
    """A store failure, worded as one plain sentence an author can read. `retryable`: the same work may
    succeed later (a full disk, another process holding the database), as opposed to a missing item."""

    retryable = False


class DraftNotFound(StoreError):
    """The draft does not exist, or was deleted."""


class RevisionNotFound(StoreError):
    """The revision does not exist."""


_PROBLEMS = {
    sqlite3.SQLITE_FULL: "the disk is full",
    sqlite3.SQLITE_READONLY: "the data folder is read-only",
    sqlite3.SQLITE_PERM: "permission was denied",
    sqlite3.SQLITE_IOERR: "the disk reported a read or write error",
    sqlite3.SQLITE_BUSY: "another Longhand window is busy with the same data, try again shortly",
    sqlite3.SQLITE_LOCKED: "another Longhand window is busy with the same data, try again shortly",
    sqlite3.SQLITE_CANTOPEN: "{path} cannot be opened",
    sqlite3.SQLITE_CORRUPT: "{path} is damaged or is not a Longhand database",
    sqlite3.SQLITE_NOTADB: "{path} is damaged or is not a Longhand database",
}
# Problems that pass: space freed, the other process done, a flaky disk.
_PASSING = {sqlite3.SQLITE_FULL, sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_IOERR}
_FOLDER_PROBLEMS = {
    errno.EEXIST: "a file with that name is in the way",
    errno.ENOTDIR: "a file with that name is in the way",
    errno.EACCES: "permission was denied",
    errno.EPERM: "permission was denied",
    errno.EROFS: "the disk is read-only",
}


def _disk_is_full(path: Path) -> bool:
    try:
        stat = os.statvfs(path.parent)
    except OSError:
        return False
    return stat.f_bavail * stat.f_frsize < FULL_DISK_BYTES


def _plain_error(exc: sqlite3.Error, action: str, path: Path) -> StoreError:
    # Extended codes (SQLITE_IOERR_WRITE, ...) keep their primary code in the low byte.
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if code is not None else None
    if primary == sqlite3.SQLITE_IOERR and _disk_is_full(path):
        # SQLite reports a full disk as an I/O error when it cannot grow its shared-memory file (-shm).
        primary = sqlite3.SQLITE_FULL
    problem = _PROBLEMS.get(primary) if primary is not None else None
    problem = (problem or "the database reported an unexpected error").format(path=path)
    error = StoreError(f"Could not {action}: {problem}.")
    error.retryable = primary in _PASSING
    return error


class Store:
    """Drafts, revisions and settings in one SQLite database."""

    def __init__(self, path: Path, *, clock: Clock = utcnow) -> None:
        """Open (creating or upgrading if needed) the database at `path`; raises StoreError."""
        self.path = Path(path)
        self.clock = clock
        # One connection shared by the UI thread and a worker; the lock serialises its use.
        self._lock = threading.RLock()
        try:
            self._conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS,
                                         isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise _plain_error(exc, "open the library", self.path) from exc
        self._conn.row_factory = sqlite3.Row
        try:
            self._prepare()
        except BaseException:
            self._conn.close()
            raise

    @classmethod
    def open(cls, directory: Path, *, clock: Clock = utcnow) -> Store:
        """Open the store inside a data directory, creating the directory if needed."""
        directory = Path(directory)
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            problem = _FOLDER_PROBLEMS.get(exc.errno or 0, exc.strerror or str(exc))
            raise StoreError(f"Could not create the data folder {directory}: {problem}.") from exc
        return cls(paths.database_path(directory), clock=clock)

    def close(self) -> None:
        """Close the database; committed work is already on disk."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def transaction(self, action: str = "save", *, write: bool = True
                     ) -> Iterator[sqlite3.Connection]:
        # IMMEDIATE takes the write lock up front, so a busy database fails before any work is done
        # rather than at COMMIT. Reads get a transaction too, for a consistent view across queries.
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                try:
                    yield self._conn
                    self._conn.execute("COMMIT")
                finally:
                    if self._conn.in_transaction:  # the body or the commit failed
                        self._conn.rollback()
            except sqlite3.Error as exc:
                raise _plain_error(exc, action, self.path) from exc

    def _prepare(self) -> None:
        try:
            self._conn.execute("PRAGMA foreign_keys = ON")
            # Checked before anything writes, so a newer Longhand's file is left byte-for-byte alone.
            version = self._conn.execute("PRAGMA user_version").fetchone()[0]
            if version > len(MIGRATIONS):
                raise StoreError(f"The library at {self.path} was written by a newer version of "
                                 "Longhand; please update Longhand to open it.")
            mode = self._conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            # WAL with synchronous=NORMAL: a commit survives the process being killed, and only a
            # power cut or OS crash can lose the last few commits (never corrupting the file).
            self._conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.Error as exc:
            raise _plain_error(exc, "open the library", self.path) from exc
        if mode.lower() != "wal":
            raise StoreError(f"Could not open the library: {self.path} is on a disk that does not "
                             "support safe saving.")
        for _ in range(version, len(MIGRATIONS)):
            with self.transaction("upgrade the library") as conn:
                # Re-read inside the write lock: another Longhand process may have upgraded already.
                current = conn.execute("PRAGMA user_version").fetchone()[0]
                if current < len(MIGRATIONS):
                    MIGRATIONS[current](conn)
                    conn.execute(f"PRAGMA user_version = {current + 1}")

    def _live_row(self, conn: sqlite3.Connection, draft_id: int | None,
                  columns: str = "*") -> sqlite3.Row:
        # Callers that only need to know the draft exists ask for a column or two, not the body.
        row = conn.execute(f"SELECT {columns} FROM drafts WHERE id = ? AND deleted_at IS NULL",
                           (draft_id,)).fetchone()
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

    def _snapshot(self, conn: sqlite3.Connection, draft: Draft, reason: RevisionReason,
                  now: datetime) -> None:
        fields = revision_fields(draft)
        newest = conn.execute("SELECT reason, title, body, fields FROM revisions WHERE draft_id = ? "
                              "ORDER BY id DESC LIMIT 1", (draft.id,)).fetchone()
        if newest is not None and tuple(newest) == (reason.value, draft.title, draft.body, fields):
            return  # pressing Save twice should not fill the history with copies
        conn.execute("INSERT INTO revisions (draft_id, reason, created_at, title, body, fields) "
                     "VALUES (?, ?, ?, ?, ?, ?)",
                     (draft.id, reason.value, dump_time(now), draft.title, draft.body, fields))

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
            inserted = conn.execute(f"INSERT INTO drafts ({', '.join(values)}) VALUES "
                                    f"({', '.join(':' + column for column in values)})", values)
            created = dataclasses.replace(draft, id=inserted.lastrowid, tags=list(draft.tags),
                                          categories=list(draft.categories), created_at=now, updated_at=now)
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
            saved = dataclasses.replace(draft, tags=list(draft.tags),
                                        categories=list(draft.categories), updated_at=now,
                                        created_at=load_time(stored["created_at"]),
                                        **remote_from_row(stored))
            self._write_draft(conn, saved)
            newest = conn.execute("SELECT created_at, title, body FROM revisions WHERE draft_id = ? "
                                  "ORDER BY id DESC LIMIT 1", (draft.id,)).fetchone()
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

    def set_remote(self, draft_id: int, *, account_id: int | None, remote_id: str | None,
                   remote_url: str | None, remote_modified: datetime | None,
                   revision: RevisionReason | None = None) -> Draft:
        """Record what the blog said about a draft (after a publish or a pull), and snapshot it."""
        with self.transaction() as conn:
            self._live_row(conn, draft_id, "id")
            conn.execute("UPDATE drafts SET account_id = ?, remote_id = ?, remote_url = ?, remote_modified = ? "
                         "WHERE id = ?", (account_id, remote_id, remote_url, dump_time(remote_modified), draft_id))
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
            row = conn.execute("SELECT * FROM drafts WHERE account_id = ? AND remote_id = ? AND deleted_at IS NULL",
                               (account_id, remote_id)).fetchone()
        return draft_from_row(row) if row else None

    def delete_draft(self, draft_id: int) -> None:
        """Move a draft to the bin; undelete_draft brings it back until it is purged."""
        with self.transaction("delete the draft") as conn:
            self._live_row(conn, draft_id, "id")
            conn.execute("UPDATE drafts SET deleted_at = ? WHERE id = ?",
                         (dump_time(self.clock()), draft_id))

    def undelete_draft(self, draft_id: int) -> Draft:
        """Bring back a deleted draft (a no-op for one that is not deleted) and return it."""
        with self.transaction("restore the draft") as conn:
            conn.execute("UPDATE drafts SET deleted_at = NULL WHERE id = ?", (draft_id,))
            return self._live_draft(conn, draft_id)

    def purge_deleted(self, older_than: timedelta) -> int:
        """Erase drafts deleted at least `older_than` ago, with their revisions; returns how many."""
        cutoff = dump_time(self.clock() - older_than)
        with self.transaction("empty the bin") as conn:
            return conn.execute("DELETE FROM drafts WHERE deleted_at IS NOT NULL AND deleted_at <= ?",
                                (cutoff,)).rowcount

    def list_drafts(self) -> list[DraftSummary]:
        """Every draft not deleted, most recently updated first."""
        with self.transaction("read the drafts", write=False) as conn:
            rows = conn.execute(f"SELECT id, title, substr(body, 1, {HEAD_CHARS}) AS head, status, "
                                "updated_at FROM drafts WHERE deleted_at IS NULL "
                                "ORDER BY updated_at DESC, id DESC").fetchall()
        return [summary_from_row(row) for row in rows]

    def search(self, query: str) -> list[DraftSummary]:
        """Drafts whose title or body contain every word of `query`, best match first.

        The last word matches as a prefix; a blank query lists every draft. Each snippet is a dozen
        words of plain text around the first match in the body, matched words wrapped in « and »
        (see editor.core.search), "…" where text was cut off, whitespace
        collapsed. When only the title matched, or the body is over 100,000 characters, the
        snippet is the body's opening words.
        """
        words = query.replace("\0", " ").split()  # SQLite would end the query at a NUL
        if not words:
            return self.list_drafts()
        # FTS5's highlight() and snippet() are quadratic in the number of hits: a book-length draft
        # full of a common word would take minutes, so long bodies show their opening words instead.
        with self.transaction("search the drafts", write=False) as conn:
            rows = conn.execute(
                f"SELECT d.id, d.title, substr(d.body, 1, {HEAD_CHARS}) AS head, d.status, "
                "d.updated_at, CASE WHEN length(d.body) <= ? "
                "THEN highlight(drafts_fts, 1, ?, ?) END AS marked "
                "FROM drafts_fts JOIN drafts AS d ON d.id = drafts_fts.rowid "
                "WHERE drafts_fts MATCH ? AND d.deleted_at IS NULL "
                "ORDER BY bm25(drafts_fts, ?, 1.0), d.updated_at DESC",
                (_HIGHLIGHT_LIMIT, HIT_OPEN, HIT_CLOSE, match_expression(words), TITLE_WEIGHT),
            ).fetchall()
        return [summary_from_row(row, excerpt(row["marked"] or row["head"])) for row in rows]

    def list_revisions(self, draft_id: int) -> list[Revision]:
        """The draft's revisions, newest first; raises DraftNotFound if the draft is gone."""
        with self.transaction("read the revisions", write=False) as conn:
            self._live_row(conn, draft_id, "id")
            rows = conn.execute("SELECT * FROM revisions WHERE draft_id = ? ORDER BY id DESC",
                                (draft_id,)).fetchall()
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
            new: Draft | Revision = (self._live_draft(conn, old.draft_id) if against is None
                                     else self._revision(conn, against))
        labels = [f"revision {r.id} ({r.reason.value}, {r.created_at:%Y-%m-%d %H:%M} UTC)"
                  if isinstance(r, Revision) else "current draft" for r in (old, new)]
        lines = difflib.unified_diff([f"Title: {old.title}", *old.body.splitlines()],
                                     [f"Title: {new.title}", *new.body.splitlines()],
                                     fromfile=labels[0], tofile=labels[1], lineterm="")
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
            restored = dataclasses.replace(current, title=old.title, body=old.body, updated_at=now,
                                           **fields)
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
                conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))
