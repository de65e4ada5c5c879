"""The drafts sidebar's rows: every draft, or one search's results, read from the store a page at a time
as the view comes to them, so ten thousand drafts cost one page, not a list.

Every draft: all rows are there from the start (a cache by row number, a page read when the view first
asks for one of its rows), so the scroll bar is right. A search's results: the rows read so far, a page
more when the view reaches the end (fetchMore), because QListView asks for the last row at once, and
a search's last page costs a ranking of every hit, where the drafts' last page is an index lookup."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ..core.model import DraftSummary
from ..core.store import Store, StoreError

PAGE = 50  # rows read at a time: more than a screen of the sidebar
ID_ROLE = Qt.ItemDataRole.UserRole
STATE_ROLE = Qt.ItemDataRole.UserRole + 1  # the draft's publishing state, as its line shows it

Index = QModelIndex | QPersistentModelIndex


def label(summary: DraftSummary, state: str) -> str:
    """A draft's line in the list: its title, then when it was last changed, its status and state."""
    when = summary.updated_at.astimezone().strftime("%d %b %Y, %H:%M")
    return f"{summary.title}\n{when} · {summary.status.value} · {state}"


def page_of(row: int) -> int:
    """The page a row is read with."""
    return row // PAGE


class DraftsModel(QAbstractListModel):
    """Drafts read from the store a page at a time (see the module)."""

    def __init__(self, store: Store, on_error: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._on_error = on_error
        self.query = ""  # blank: every draft, newest first
        self._rows: list[DraftSummary | None] = []
        self.total = 0  # rows in all, read or not
        self._states: dict[int, str] = {}
        self._snippets: dict[int, str] = {}
        self._failed: set[int] = set()  # pages the store could not give: not asked again at every paint

    def show(self, query: str, count: int, first: list[DraftSummary]) -> None:
        """Show the `count` drafts of `query` (its first page already read), nothing else kept."""
        self.beginResetModel()
        self.query, self.total = query, max(count, len(first))
        self._rows = list(first) if query else [*first, *[None] * (self.total - len(first))]
        self._snippets.clear()
        self._failed.clear()
        self.endResetModel()

    def set_states(self, states: dict[int, str]) -> None:
        """Each draft's publishing state (read apart: it takes a query over every draft)."""
        self._states = states
        if self._rows:
            self.dataChanged.emit(
                self.index(0), self.index(len(self._rows) - 1), [Qt.ItemDataRole.DisplayRole, STATE_ROLE]
            )

    def canFetchMore(self, parent: Index) -> bool:
        """Whether a search has results not read yet."""
        return not parent.isValid() and len(self._rows) < self.total and page_of(len(self._rows)) not in self._failed

    def fetchMore(self, parent: Index) -> None:
        """Read a search's next page (the view has come to the end of those read)."""
        start = len(self._rows)
        found = self._read(start)
        if found:
            self.beginInsertRows(QModelIndex(), start, start + len(found) - 1)
            self._rows.extend(found)
            self.endInsertRows()
        else:
            self.total = start  # the library changed since the count: nothing more to read

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """How many drafts the list holds, read or not yet."""
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A row's line, id, state or (as its tooltip) search snippet; its page is read if need be."""
        summary = self.summary(index.row()) if index.isValid() else None
        if summary is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return label(summary, self._states.get(summary.id, ""))
        if role == ID_ROLE:
            return summary.id
        if role == STATE_ROLE:
            return self._states.get(summary.id, "")
        if role == Qt.ItemDataRole.ToolTipRole and self.query:
            return self._snippet(summary.id) or None
        return None

    def summary(self, row: int) -> DraftSummary | None:
        """The row's draft, reading its page from the store the first time."""
        if not 0 <= row < len(self._rows):
            return None
        if self._rows[row] is None and page_of(row) not in self._failed:
            offset = page_of(row) * PAGE
            found = self._read(offset)
            # The library may have changed since it was counted: the rows read fill what they can.
            fits = min(len(found), len(self._rows) - offset)
            self._rows[offset : offset + fits] = found[:fits]
        return self._rows[row]

    def row_of(self, draft_id: int) -> int | None:
        """The row of a draft among those read so far (None if not read, or not in the list)."""
        return next((row for row, s in enumerate(self._rows) if s is not None and s.id == draft_id), None)

    def replace(self, row: int, summary: DraftSummary) -> None:
        """A draft changed (saved): its row shows it, where it is."""
        self._rows[row] = summary
        self.dataChanged.emit(self.index(row), self.index(row))

    def move_to_top(self, row: int, summary: DraftSummary) -> None:
        """A draft became the most recently changed: its row moves to the top, the others one down."""
        if row:
            self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), 0)
            del self._rows[row]
            self._rows.insert(0, summary)
            self.endMoveRows()
        self.replace(0, summary)

    def _read(self, offset: int) -> list[DraftSummary]:
        try:
            if self.query:
                return self._store.search(self.query, offset, PAGE, snippets=False)
            return self._store.list_drafts(offset, PAGE)
        except StoreError as exc:
            self._failed.add(page_of(offset))
            self._on_error(str(exc))
            return []

    def _snippet(self, draft_id: int) -> str:
        # Asked for the row whose tooltip is shown only: a search never highlights rows nobody looks at.
        if draft_id not in self._snippets:
            try:
                self._snippets[draft_id] = self._store.snippet(self.query, draft_id)
            except StoreError:
                return ""
        return self._snippets[draft_id]
