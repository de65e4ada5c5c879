"""Rendering off the UI thread: one render running at most, and only the newest text queued."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QObject, QThread, Signal, Slot

from ..core.incremental import IncrementalRenderer
from ..core.render import count_words
from .background import unexpected_error

log = logging.getLogger(__name__)

SWITCH_INTERVAL = 0.0005  # seconds


class _Worker(QObject):
    done = Signal(object, int)  # Blocks (None when only words were asked for), words
    failed = Signal(str)  # instead of `done`: a sentence for the author

    def __init__(self) -> None:
        super().__init__()
        self._renderer: IncrementalRenderer | None = None

    @Slot(object)
    def render(self, job: tuple[str, bool]) -> None:
        try:
            self._render(*job)
        except Exception as exc:  # noqa: BLE001 - without an answer the scheduler would wait forever
            log.exception("rendering the preview failed")
            self._renderer = None  # whatever state the failure left it in is not trusted: start afresh
            self.failed.emit(
                unexpected_error("The preview could not be updated", exc, "it will try again at your next edit")
            )

    def _render(self, text: str, want_html: bool) -> None:
        if not want_html:
            self.done.emit(None, count_words(text))
            return
        # Built here, on the worker thread, which is the only one that ever uses it (its block cache
        # makes a one-character edit cost one block).
        if self._renderer is None:
            self._renderer = IncrementalRenderer()
        result = self._renderer.render(text)
        self.done.emit(result, result.words)


class RenderScheduler(QObject):
    """Accepts texts as fast as the author types; renders them one at a time on a worker thread.

    While a render runs, newer texts replace each other in a one-slot queue: the preview never
    falls behind by more than one render, and never renders a text that a newer one has replaced.
    """

    rendered = Signal(object, int)  # Blocks, or None (words only); words
    failed = Signal(str)  # a render raised: the sentence for the author (the preview keeps what it shows)
    # The text goes over as a Python object: a `str` argument would be copied into a QString and back,
    # ~0.3 ms each way for a 50k-word post, at every keystroke.
    _request = Signal(object)  # (text, want_html)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The worker runs Python, so it holds the GIL while it renders; by default the UI thread may wait
        # 5 ms for it at every hand-over, which shows as stutter while typing. A shorter interval keeps
        # those waits well inside a frame.
        sys.setswitchinterval(SWITCH_INTERVAL)
        self._thread = QThread(self)
        self._thread.setObjectName("longhand-render")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._request.connect(self._worker.render)
        self._worker.done.connect(self._finished)
        self._worker.failed.connect(self._failed)
        self._thread.finished.connect(self._worker.deleteLater)
        self._thread.start()
        self._running = False
        self._queued: tuple[str, bool] | None = None
        self.renders_started = 0

    def submit(self, text: str, *, want_html: bool = True) -> None:
        """Render `text` as soon as the worker is free; with `want_html` False, only count its words
        (the preview is hidden, the status bar still wants the count)."""
        if self._running:
            self._queued = (text, want_html)
            return
        self._start(text, want_html)

    @property
    def busy(self) -> bool:
        """True while a render runs or waits."""
        return self._running or self._queued is not None

    def _start(self, text: str, want_html: bool) -> None:
        self._running = True
        self.renders_started += 1
        self._request.emit((text, want_html))

    @Slot(object, int)
    def _finished(self, html: str | None, words: int) -> None:
        self._start_queued()
        # Shown even when a newer text is queued: on a long post typed fast, a slightly old preview
        # beats one that never updates.
        self.rendered.emit(html, words)

    @Slot(str)
    def _failed(self, sentence: str) -> None:
        self._start_queued()  # a newer text may render; the failed one is not tried again by itself
        self.failed.emit(sentence)

    def _start_queued(self) -> None:
        self._running = False
        if self._queued is not None:
            queued, self._queued = self._queued, None
            self._start(*queued)

    def shutdown(self) -> None:
        """Stop the worker thread (waits for a render in progress)."""
        self._thread.quit()
        self._thread.wait()
