"""The comment inbox's list: its model (one row per comment: author, excerpt, post, age, status; bold while
unread; the Comment itself under Qt.UserRole), the view with its single-letter keys, and the helpers that
turn a comment into that text."""

from __future__ import annotations

from datetime import datetime, timezone
from html.parser import HTMLParser

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QTreeView

from ..core.model import Comment

COLUMNS = ("Author", "Comment", "Post", "Age", "Status")
STATUS_WORDS = {"approved": "approved", "hold": "pending", "spam": "spam", "trash": "trash"}
EXCERPT_CHARS = 140
# Dropped from text shown on one line: control characters (white space among them becomes a space first),
# and bidirectional embeddings, overrides and isolates.
_INVISIBLE = dict.fromkeys([*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)])


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data) -> None:
        if not self._skip:
            self.parts.append(data)


def plain_text(html: str, limit: int = EXCERPT_CHARS) -> str:
    """A comment's words on one line, without markup (never parsed by Qt: nothing is fetched)."""
    parser = _Text()
    parser.feed(html[: limit * 20])
    parser.close()
    return one_line(" ".join(parser.parts), limit)


def one_line(text: str, limit: int) -> str:
    """Text from outside (a comment, a name, a title) on one line of at most `limit` characters: runs of
    white space become one space, control characters and bidirectional overrides (which could make a name
    read backwards) are dropped, and a cut is marked with "…"."""
    text = " ".join(text.split()).translate(_INVISIBLE)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def age(when: datetime | None, now: datetime | None = None) -> str:
    """How long ago, the way an inbox says it: "now", "12 min", "3 h", "5 d", "7 w", "2 y"."""
    if when is None:
        return ""
    now = now or datetime.now(timezone.utc)
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    seconds = max(0, int((now - when).total_seconds()))
    for unit, size in (("y", 365 * 86400), ("w", 7 * 86400), ("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{seconds // size} {unit}"
    return "now"


def status_text(comment: Comment) -> str:
    """The Status column: the status, and what waits for the outbox."""
    text = STATUS_WORDS.get(comment.status, comment.status)
    if comment.error:
        return f"{text} · failed: {comment.error}"
    if comment.pending:
        return f"{text} · queued"
    return text


class CommentListModel(QAbstractTableModel):
    """The listed comments; the Comment itself under Qt.UserRole."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.comments: list[Comment] = []
        self._now = datetime.now(timezone.utc)

    def set_comments(self, comments: list[Comment]) -> None:
        """List `comments` instead, measuring ages from now."""
        self.beginResetModel()
        self.comments = list(comments)
        self._now = datetime.now(timezone.utc)
        self.endResetModel()

    def replace(self, comment: Comment) -> None:
        """Update one row in place (marking read keeps the row where it is, even in the Unread view)."""
        for row, old in enumerate(self.comments):
            if old.id == comment.id:
                self.comments[row] = comment
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
                return

    def row_of(self, comment_id: int) -> int:
        """The row showing that comment, or -1."""
        return next((row for row, c in enumerate(self.comments) if c.id == comment_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.comments)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        comment = self.comments[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "Author":
                return comment.author_name or "Anonymous"
            if column == "Comment":
                return plain_text(comment.html)
            if column == "Post":
                return comment.post_title or f"Post {comment.post_id}"
            if column == "Age":
                return age(comment.date, self._now)
            return status_text(comment)
        if role == Qt.ItemDataRole.FontRole and not comment.read:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "Status" and comment.error:
                return comment.error
            if column == "Age" and comment.date:
                return comment.date.astimezone().strftime("%d %b %Y, %H:%M")
        if role == Qt.ItemDataRole.UserRole:
            return comment
        return None


class CommentList(QTreeView):
    """The list; single-letter keys become `key_action(name)` (j/k move the current row)."""

    key_action = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        text = event.text()
        plain = not (
            event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier)
        )
        if plain and text in ("j", "k"):
            self._move(1 if text == "j" else -1)
        elif plain and text in ("r", "a", "s", "#", "u"):
            self.key_action.emit(text)
        else:
            super().keyPressEvent(event)

    def _move(self, step: int) -> None:
        rows = self.model().rowCount()
        if not rows:
            return
        current = self.currentIndex().row()
        row = 0 if current < 0 else min(rows - 1, max(0, current + step))
        self.setCurrentIndex(self.model().index(row, 0))  # selects that row alone, like the arrow keys
