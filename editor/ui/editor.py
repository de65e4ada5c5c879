"""The Markdown text editor widget."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, Signal
from PySide6.QtGui import QFocusEvent, QFont, QFontDatabase, QTextCursor, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from .highlighter import MarkdownHighlighter


class MarkdownEditor(QPlainTextEdit):
    """A plain-text editor for Markdown: highlighted, wrapped, and it says when it loses focus. Pictures
    dropped or pasted go to `picture_handler` (it returns False for what is not a picture)."""

    focus_lost = Signal()
    picture_handler: Callable[[QMimeData], bool] | None = None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editor")
        self.setAccessibleName(self.tr("Markdown text"))
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(max(font.pointSize(), 11))
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.setFont(font)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * 4)
        self.document().setDocumentMargin(12)
        self.highlighter = MarkdownHighlighter(self.document())
        self.highlighter.quiet = self  # restyling is no edit (quiet_restyle.py)
        # A long text is highlighted in slices after it is shown; what the viewport shows comes first.
        self.highlighter.progress.visible_blocks = self.visible_blocks

    def load(self, text: str, cursor_position: int = 0) -> None:
        """Replace the text (a different draft was opened), clear undo history, place the cursor."""
        self.setPlainText(text)
        cursor = self.textCursor()
        cursor.setPosition(min(max(cursor_position, 0), len(text)))
        self.setTextCursor(cursor)
        self.centerCursor()
        self.highlighter.progress.paint_visible()  # where the view is now, before its first paint

    def visible_blocks(self) -> tuple[int, int]:
        """The number of the first block the viewport shows, and one at or after its last (each block is at
        least a line high)."""
        first = self.firstVisibleBlock().blockNumber()
        return first, first + self.viewport().height() // max(self.fontMetrics().lineSpacing(), 1) + 1

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 (Qt's name)
        return source.hasUrls() or source.hasImage() or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt's name)
        if self.picture_handler is None or not self.picture_handler(source):
            super().insertFromMimeData(source)
            self.ensureCursorVisible()  # (Qt does it after a paste anyway) so that what shows is painted now
            self.highlighter.progress.paint_visible()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # e.g. View ▸ Appearance ▸ Dark, or the desktop's
            self.highlighter.set_palette(self.palette())

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt's name)
        super().focusOutEvent(event)
        self.focus_lost.emit()

    def move_to_end(self) -> None:
        """Put the cursor at the end of the text."""
        self.moveCursor(QTextCursor.MoveOperation.End)
