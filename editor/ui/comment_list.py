"""The comment inbox's list: its model (one row per comment: author, excerpt, post, age, status; bold while
unread; the Comment itself under Qt.UserRole), the view with its single-letter keys, and the helpers that
turn a comment into that text."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from html.parser import HTMLParser

from PySide6.QtCore import (
    QEvent,
    QIdentityProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent, QPainter, QPaintEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QStyleOptionViewItem, QTreeView, QWidget

from ..core.model import Comment
from ..core.store import StoreError
from .after_paint import AfterPaint
from .comment_rows import Cells, RowPainter

COLUMNS = ("Author", "Comment", "Post", "Age", "Status")
STATUS_WORDS = {"approved": "approved", "hold": "pending", "spam": "spam", "trash": "trash"}
EXCERPT_CHARS = 140
PAGE = 100  # comments read from the store at a time, as the list is scrolled
AHEAD_STEP = 8  # rows made ready (and their text laid out) ahead of the scrolling at a time, while idle
EXCERPTS_KEPT = 20_000  # excerpts remembered, for lists shown again (a view switched back to)
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


class CommentListModel(QIdentityProxyModel):
    """The listed comments, as ids, each row's Comment read from the store a page at a time when first
    shown, and its cells (text, bold while unread, tooltips, the Comment under Qt.UserRole in the first
    column) made once: ten thousand comments cost a list of ints until scrolled through. `load(ids)` reads
    comments by id (those missing were deleted meanwhile).

    Everything the view asks is answered in C++: the rows are those of a QStandardItemModel of the right
    size, whose items are filled for the rows about to be painted (`ready`, which the list calls as it
    paints) or soon to be (`prepare`, at idle). A data() in Python would be asked seven roles a cell at
    each paint, ~2,000 calls for a screenful, and cost more than the paint itself. The list paints a filled
    row from `cells` (comment_rows.py); the items serve everything else (accessibility, tooltips)."""

    def __init__(self, load: Callable[[list[int]], dict[int, Comment]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._load = load
        self.ids: list[int] = []
        self._rows: dict[int, int] = {}  # comment id -> row
        self._comments: dict[int, Comment | None] = {}  # row -> its comment, once read (None: gone)
        self._filled: set[int] = set()  # rows whose items hold their cells
        self._cells: dict[int, Cells] = {}  # row -> its text and weight, for painting (comment_rows.py)
        self._excerpts: dict[str, str] = {}  # html -> its excerpt, kept across re-reads (the costly text)
        self._now = datetime.now(timezone.utc)
        self._bold = QFont()
        self._bold.setBold(True)
        self.set_ids([])

    def set_ids(self, ids: list[int], known: Mapping[int, Comment] | None = None) -> None:
        """List the comments with these ids instead (a model reset), measuring ages from now; `known`: some
        of them, read with the ids (the rows shown), which painting them then does not read again."""
        self.ids = list(ids)
        self._rows = {comment_id: row for row, comment_id in enumerate(self.ids)}
        self._comments.clear()
        for comment_id, comment in (known or {}).items():
            if comment_id in self._rows:
                self._comments[self._rows[comment_id]] = comment
        self._filled.clear()
        self._cells.clear()
        self._now = datetime.now(timezone.utc)
        old = self.sourceModel()
        self._source = QStandardItemModel(len(self.ids), len(COLUMNS), self)
        self.setSourceModel(self._source)
        if old is not None:
            old.deleteLater()

    def comment_at(self, row: int) -> Comment | None:
        """The comment on `row` (None if it was deleted since the list was read, or cannot be read now: the
        store's error was shown when the list was); reads its page if needed."""
        if row not in self._comments:
            first = row - row % PAGE
            page = self.ids[first : first + PAGE]
            try:
                found = self._load(page)
            except StoreError:
                return None  # not remembered: asked again at the next paint
            self._comments.update((first + i, found.get(comment_id)) for i, comment_id in enumerate(page))
        return self._comments.get(row)

    def replace(self, comment: Comment) -> None:
        """Update one row in place (marking read keeps the row where it is, even in the Unread view)."""
        row = self.row_of(comment.id)
        if row >= 0:
            self._comments[row] = comment
            self._filled.discard(row)
            self.ready(range(row, row + 1))
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def row_of(self, comment_id: int) -> int:
        """The row showing that comment, or -1."""
        return self._rows.get(comment_id, -1)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def ready(self, rows: range) -> None:
        """Fill every one of `rows` not filled yet (those shown, before they are painted; or asked for)."""
        self._fill([row for row in rows if 0 <= row < len(self.ids) and row not in self._filled])

    def prepare(self, rows: range) -> list[int]:
        """Fill a few of `rows` not filled yet (AHEAD_STEP, a couple of milliseconds), so that scrolling to
        them paints at once; the rows filled (none: nothing left to do, or the store is failing)."""
        todo = [row for row in rows if 0 <= row < len(self.ids) and row not in self._filled][:AHEAD_STEP]
        return todo if self._fill(todo) else []

    def cells(self, row: int) -> Cells | None:
        """The row's text by column and whether it is bold, once filled (None before, or if gone)."""
        return self._cells.get(row)

    def _fill(self, rows: list[int]) -> bool:
        """Give these rows' items their cells, silently (they are about to be painted, or are not shown);
        False when a comment cannot be read (gone, or the store is failing: painting will tell)."""
        source, complete = self._source, True
        source.blockSignals(True)
        try:
            for row in rows:
                comment = self.comment_at(row)
                if comment is None:
                    self._cells.pop(row, None)
                    complete = False
                    continue
                columns = self._columns(comment)
                self._cells[row] = (columns, not comment.read)
                tips = {"Age": comment.date.astimezone().strftime("%d %b %Y, %H:%M") if comment.date else ""}
                tips["Status"] = comment.error or ""
                for column, text in enumerate(columns):
                    item = QStandardItem(text)
                    if column == 0:
                        item.setData(comment, Qt.ItemDataRole.UserRole)
                    if not comment.read:
                        item.setFont(self._bold)
                    if tips.get(COLUMNS[column]):
                        item.setToolTip(tips[COLUMNS[column]])
                    source.setItem(row, column, item)
                self._filled.add(row)
        finally:
            source.blockSignals(False)
        return complete

    def _excerpt(self, html: str) -> str:
        if html not in self._excerpts:
            if len(self._excerpts) >= EXCERPTS_KEPT:
                self._excerpts.clear()
            self._excerpts[html] = plain_text(html)
        return self._excerpts[html]

    def _columns(self, comment: Comment) -> tuple[str, ...]:
        """The row's text, in COLUMNS' order."""
        return (
            comment.author_name or "Anonymous",
            self._excerpt(comment.html),
            comment.post_title or f"Post {comment.post_id}",
            age(comment.date, self._now),
            status_text(comment),
        )


class CommentList(QTreeView):
    """The list; single-letter keys become `key_action(name)` (j/k move the current row)."""

    key_action = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The model's empty items underneath say they are editable (flags() is not answered in Python: the
        # view asks it of every row when it lays the list out); nothing here is edited in place.
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._rows = RowPainter(self)
        self.after_paint = AfterPaint(self.viewport()).call  # for work that waits for the list to show
        # The rows shown, a page up and two pages down are made ready while idle, a few at a time (those
        # shown too: the list is read before the Inbox tab shows it, or a view is switched off the UI thread).
        self._ahead = QTimer(self, singleShot=True, interval=0)
        self._ahead.timeout.connect(self._prepare_ahead)
        self.verticalScrollBar().valueChanged.connect(lambda _value: self._ahead.start())
        self.verticalScrollBar().rangeChanged.connect(lambda _low, _high: self._ahead.start())

    def setModel(self, model) -> None:  # noqa: N802 (Qt's name)
        super().setModel(model)
        if model is not None:  # a list read while the view is hidden (before the Inbox tab opens) too
            model.modelReset.connect(self._ahead.start)

    def rows_shown(self) -> range:
        """The rows in view (and the one partly below)."""
        first = self.indexAt(QPoint(1, 1))
        top = max(0, first.row())
        return range(top, top + self.viewport().height() // max(1, self.rowHeight(first)) + 2)

    def _prepare_ahead(self) -> None:
        model, shown = self.model(), self.rows_shown()
        top, page = shown.start, len(shown)
        if not isinstance(model, CommentListModel):
            return
        filled = model.prepare(range(top, top + 3 * page)) or model.prepare(range(top - page, top))
        if filled:
            self._rows.begin()
            for cells in filter(None, map(model.cells, filled)):  # their text laid out: painting only draws
                self._rows.lay_out(cells)
            self._ahead.start()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        model = self.model()
        if isinstance(model, CommentListModel):  # the rows about to be painted get their cells first
            model.ready(self.rows_shown())
        self._rows.begin()
        super().paintEvent(event)

    def drawRow(  # noqa: N802 (Qt's name)
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        model = self.model()
        cells = model.cells(index.row()) if isinstance(model, CommentListModel) else None
        if cells is None:
            super().drawRow(painter, option, index)
        else:
            self._rows.paint(painter, option, index.row(), cells)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._rows.forget()
        super().changeEvent(event)

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
