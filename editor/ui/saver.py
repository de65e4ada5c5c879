"""Autosave off the UI thread: the draft is written by one background thread, in the order the saves
were taken, so the author never waits on the disk while typing (a 50,000-word draft costs ~10 ms a
write, full-text index included)."""

from __future__ import annotations

import queue
import threading

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal, Slot

from ..core.session import DraftSession, PendingSave


class BackgroundSaver(QObject):
    """Writes the session's pending saves on one thread; reports each back on the UI thread."""

    saved = Signal(object)  # the draft as written, or None when only the cursor position was
    _written = Signal(object, object)  # PendingSave, Draft | StoreError: from the writer thread

    def __init__(self, session: DraftSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._queue: queue.Queue[PendingSave | None] = queue.Queue()
        self._written.connect(self._finish)
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
        if not self._thread.is_alive():
            return
        self.flush()
        self._queue.put(None)
        self._thread.join(timeout=5)

    def _work(self) -> None:
        while (pending := self._queue.get()) is not None:
            try:
                self._written.emit(pending, self.session.write(pending))
            finally:
                self._queue.task_done()
        self._queue.task_done()

    @Slot(object, object)
    def _finish(self, pending: PendingSave, result) -> None:
        if self.session.end_save(pending, result):
            self.saved.emit(result if pending.write_draft else None)
