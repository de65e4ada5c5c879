"""The SQLite file under the store: opening it (WAL, foreign keys), upgrading it through the migrations,
transactions shared safely by threads, and every SQLite failure turned into one plain sentence."""

from __future__ import annotations

import errno
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Self

from editor.core import paths
from editor.core.model import utcnow
from editor.core.schema import MIGRATIONS

BUSY_TIMEOUT_SECONDS = 5.0
FULL_DISK_BYTES = 64 * 1024  # less free space than this, and an I/O error is most likely a full disk

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


class Database:
    """One SQLite file, opened (and upgraded) on construction; `transaction()` is the only way in."""

    def __init__(self, path: Path, *, clock: Clock = utcnow) -> None:
        """Open (creating or upgrading if needed) the database at `path`; raises StoreError."""
        self.path = Path(path)
        self.clock = clock
        # One connection shared by the UI thread and a worker; the lock serialises its use.
        self._lock = threading.RLock()
        self._writing = False  # whether the open transaction, if any, may write
        try:
            self._conn = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise _plain_error(exc, "open the library", self.path) from exc
        self._conn.row_factory = sqlite3.Row
        try:
            self._prepare()
        except BaseException:
            self._conn.close()
            raise

    @classmethod
    def open(cls, directory: Path, *, clock: Clock = utcnow) -> Self:
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

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def transaction(self, action: str = "save", *, write: bool = True) -> Iterator[sqlite3.Connection]:
        # IMMEDIATE takes the write lock up front, so a busy database fails before any work is done
        # rather than at COMMIT. Reads get a transaction too, for a consistent view across queries.
        # One opened inside another (the lock is re-entrant, so only by the same thread) joins it: a
        # series of the store's own methods then commits or rolls back as one (an import, say).
        with self._lock:
            try:
                joined = self._conn.in_transaction
            except sqlite3.Error as exc:  # closed
                raise _plain_error(exc, action, self.path) from exc
            if joined:
                if write and not self._writing:
                    raise StoreError(f"Could not {action}: a read-only transaction is open.")
                yield self._conn
                return
            self._writing = write
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
                raise StoreError(
                    f"The library at {self.path} was written by a newer version of "
                    "Longhand; please update Longhand to open it."
                )
            mode = self._conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            # WAL with synchronous=NORMAL: a commit survives the process being killed, and only a
            # power cut or OS crash can lose the last few commits (never corrupting the file).
            self._conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.Error as exc:
            raise _plain_error(exc, "open the library", self.path) from exc
        if mode.lower() != "wal":
            raise StoreError(f"Could not open the library: {self.path} is on a disk that does not support safe saving.")
        for _ in range(version, len(MIGRATIONS)):
            with self.transaction("upgrade the library") as conn:
                # Re-read inside the write lock: another Longhand process may have upgraded already.
                current = conn.execute("PRAGMA user_version").fetchone()[0]
                if current < len(MIGRATIONS):
                    MIGRATIONS[current](conn)
                    conn.execute(f"PRAGMA user_version = {current + 1}")
