"""Work that waits for a widget's next paint: what the author sees comes first, and the work (a render, a
read off the UI thread) does not share the UI thread's turn, or Python's lock, with that paint."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

LIMIT_MS = 100  # a widget that does not paint by then (hidden, minimised) does not hold the work back


class AfterPaint(QObject):
    """`call(then)`: run `then` in a turn of its own once `widget` has painted next, or after LIMIT_MS."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._widget = widget
        self._waiting: list[Callable[[], None]] = []
        self._limit = QTimer(self, singleShot=True, interval=LIMIT_MS)
        self._limit.timeout.connect(self._release)

    def call(self, then: Callable[[], None]) -> None:
        """Run `then` after the widget's next paint (asked for now)."""
        if not self._waiting:
            self._widget.installEventFilter(self)  # only while something waits: every event passes here
            self._limit.start()
        self._waiting.append(then)
        self._widget.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self._release)  # posted now, run once the paint is done
        return False

    def _release(self) -> None:
        if not self._waiting:
            return
        self._widget.removeEventFilter(self)
        self._limit.stop()
        waiting, self._waiting = self._waiting, []
        for then in waiting:
            then()
