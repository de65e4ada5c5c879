"""What the find bar marks in the editor: Qt positions for Python indexes (Qt counts UTF-16 code units,
Python code points), and the tint over the matches around the current one."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import Final

from PySide6.QtGui import QPalette, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from ..core import find

MAX_HIGHLIGHTS: Final = 1000
"""At most this many matches are tinted at once (those around the current one): painting extra
selections costs time per selection, and a huge document can have hundreds of thousands."""

# Tags the extra selections this bar owns, so it leaves other features' extra selections alone.
_OWNED: Final = int(QTextFormat.Property.UserProperty) + 0x46B
_HIGHLIGHT_ALPHA: Final = 90
_ASTRAL: Final = re.compile("[\U00010000-\U0010ffff]")


class Utf16Positions:
    """Converts between Python indexes and Qt positions (UTF-16 code units) within one text."""

    def __init__(self, text: str) -> None:
        # Only characters outside the BMP take two UTF-16 units; record where they are.
        self._astral = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]
        self._astral_qt = [index + before for before, index in enumerate(self._astral)]

    def to_qt(self, index: int) -> int:
        """The Qt position of Python index `index`."""
        return index + bisect_left(self._astral, index) if self._astral else index

    def to_python(self, position: int) -> int:
        """The Python index of Qt position `position`."""
        return position - bisect_left(self._astral_qt, position) if self._astral else position


def tint_matches(editor: QPlainTextEdit, spans: Sequence[find.Span]) -> None:
    """Tint `spans` (Qt positions) in `editor`, replacing the find bar's earlier tint and leaving other
    features' extra selections alone."""
    kept = [s for s in editor.extraSelections() if not s.format.hasProperty(_OWNED)]
    tint = QTextCharFormat()
    colour = editor.palette().color(QPalette.ColorRole.Highlight)
    colour.setAlpha(_HIGHLIGHT_ALPHA)
    tint.setBackground(colour)
    tint.setProperty(_OWNED, True)
    document = editor.document()
    ours = []
    for start, end in spans:
        selection = QTextEdit.ExtraSelection()
        selection.cursor = QTextCursor(document)
        selection.cursor.setPosition(start)
        selection.cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.format = tint
        ours.append(selection)
    editor.setExtraSelections(kept + ours)
