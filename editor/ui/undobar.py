"""The "Deleted …  [Undo]" bar the drafts sidebar and the comment inbox show after a destructive action."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget


class UndoBar(QWidget):
    """A sentence and an Undo button, hidden until `offer(text)` and again `seconds` later.

    Clicking Undo hides the bar, then emits `undo_requested`; what to undo is the owner's business.
    """

    undo_requested = Signal()

    def __init__(self, seconds: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.button = QPushButton(self.tr("Undo"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        self.hide()
        self._timer = QTimer(self, singleShot=True, interval=seconds * 1000)
        self._timer.timeout.connect(self.dismiss)
        self.button.clicked.connect(self._clicked)

    def offer(self, text: str) -> None:
        """Show `text` with the Undo button, for the full time again if the bar was already showing."""
        self.label.setText(text)
        self.show()
        self._timer.start()

    def dismiss(self) -> None:
        """Hide the bar now (and forget the pending timeout)."""
        self._timer.stop()
        self.hide()

    def _clicked(self) -> None:
        self.dismiss()
        self.undo_requested.emit()
