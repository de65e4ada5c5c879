"""Restyling text without saying it changed. QSyntaxHighlighter's rehighlight marks the blocks it formats
as changed, so the document says contentsChanged and its editor textChanged although not a character
changed: every listener (render the preview, save the draft, search again) took it for an edit. Turning
spell checking on, switching the colour scheme and highlighting a long post in slices all restyle."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject
from PySide6.QtGui import QTextBlock


class QuietRestyle:
    """Mixed into a QSyntaxHighlighter: while it rehighlights, the object in `quiet` (the editor) emits
    no signal."""

    quiet: QObject | None = None

    def rehighlight(self) -> None:
        with self._quietly():
            super().rehighlight()  # type: ignore[misc]

    def rehighlightBlock(self, block: QTextBlock) -> None:  # noqa: N802 (Qt's name)
        with self._quietly():
            super().rehighlightBlock(block)  # type: ignore[misc]

    @contextmanager
    def _quietly(self) -> Iterator[None]:
        quiet = self.quiet
        blocked = quiet.blockSignals(True) if quiet is not None else False
        try:
            yield
        finally:
            if quiet is not None:
                quiet.blockSignals(blocked)
