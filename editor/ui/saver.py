"""Autosave off the UI thread: the draft is written by one background thread, in the order the saves
were taken, so the author never waits on the disk while typing (a 50,000-word draft costs ~10 ms a
write, full-text index included)."""

from __future__ import annotations

import logging
import queue
import threading

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal, Slot

from ..core.model import Draft
from ..core.session import DraftSession, PendingSave
from ..core.store import StoreError
from .background import unexpected_error

log = logging.getLogger(__name__)

# A failed save is tried again by itself after this long, doubling up to the cap while it keeps failing
# (a fault that stays would otherwise fill the log).
RETRY_FIRST_MS, RETRY_MAX_MS = 2_000, 60_000


class BackgroundSaver(QObject):
    """Writes the session's pending saves on one thread; reports each back on the UI thread. A save that
    fails leaves the session dirty and is tried again, at the next change or on a timer, whichever
    comes first."""

    saved = Signal(object)  # the draft as written, or None when only the cursor position was
    _written = Signal(object, object)  # PendingSave, Draft | StoreError: from the writer thread

    def __init__(self, session: DraftSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._queue: queue.Queue[PendingSave | None] = queue.Queue()
        self._written.connect(self._finish)
        # Not only at the next keystroke: the author may have stopped typing, and the text is only in memory.
        self._retry = QTimer(self, singleShot=True)
        self._retry.timeout.connect(self.save)
        self._failures = 0
        self._thread = threading.Thread(target=self._work, name="longhand-saver", daemon=True)
        self._thread.start()

    def save(self) -> None:
        """Take what changed and have it written in the background."""
        pending = self.session.begin_save()
        if pending is not None:
            self._queue.put(pending)

    def flush(self) -> None:
        """Wait until every save taken so far is written and taken in (before a save on this thread,
        or switching drafts, so writes never overtake each other)."""
        self._queue.join()
        QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)

    def stop(self) -> None:
        """Write what is queued, then end the thread."""
        self._retry.stop()
        if not self._thread.is_alive():
            return
        self.flush()
        self._queue.put(None)
        self._thread.join(timeout=5)

    def _work(self) -> None:
        while (pending := self._queue.get()) is not None:
            try:
                self._written.emit(pending, self._write(pending))
            finally:
                self._queue.task_done()
        self._queue.task_done()

    def _write(self, pending: PendingSave) -> Draft | StoreError:
        """Write one save; never raises, since the one writer thread must outlive any save."""
        try:
            return self.session.write(pending)
        except Exception as exc:  # noqa: BLE001 - the session words only the store's own errors
            log.exception("saving draft %s failed", pending.draft.id)
            # As a StoreError the session takes it like any failed save: dirty again, "not saved" shown.
            return StoreError(unexpected_error("Could not save", exc, "your text is kept and saving will be retried"))

    @Slot(object, object)
    def _finish(self, pending: PendingSave, result: Draft | StoreError) -> None:
        if self.session.end_save(pending, result):
            self._failures = 0
            self.saved.emit(result if pending.write_draft else None)
        else:
            self._failures += 1
            self._retry.start(min(RETRY_FIRST_MS << (self._failures - 1), RETRY_MAX_MS))
