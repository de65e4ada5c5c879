"""The drafts sidebar: every draft, a search box over the full text, new and delete with undo."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLineEdit, QListView, QPushButton, QVBoxLayout, QWidget

from ..core.model import Draft, DraftSummary
from ..core.store import StoreError
from .background import run_in_background
from .drafts_model import ID_ROLE, PAGE, DraftsModel
from .services import Services
from .undobar import UndoBar

UNDO_SECONDS = 15


class DraftsSidebar(QWidget):
    """Lists drafts from the store (searching it as the author types) and asks for changes by signal."""

    open_requested = Signal(int)
    new_requested = Signal()
    delete_requested = Signal(int)
    undo_delete_requested = Signal(int)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drafts")
        self._store = services.store
        self._jobs = services.jobs
        self._current: int | None = None
        self._deleted: int | None = None
        self._searches = 0  # searches started: an answer to any but the newest is dropped
        self._states_read = 0  # likewise for the states column
        self._states_stale = True  # read at the next refresh: at start, and when a job's state changed

        self.search = QLineEdit(placeholderText=self.tr("Search drafts"), clearButtonEnabled=True)
        self.search.setAccessibleName(self.tr("Search drafts"))
        self.model = DraftsModel(self._store, self.list_error, self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName(self.tr("Drafts"))
        # Every row is two lines: with uniform sizes the view lays out 10,000 rows without asking each.
        self.list.setUniformItemSizes(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.new_button = QPushButton(self.tr("New"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.undo_bar = UndoBar(UNDO_SECONDS)
        self.undo_button = self.undo_bar.button
        # Search as you type, but not a query per keystroke on a fast typist.
        self._search_timer = QTimer(self, singleShot=True, interval=150)
        self._search_timer.timeout.connect(self.refresh)

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.undo_bar)
        layout.addLayout(buttons)

        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.list.activated.connect(self._activated)
        self.list.clicked.connect(self._activated)
        self.new_button.clicked.connect(self.new_requested)
        self.delete_button.clicked.connect(self._delete_clicked)
        self.undo_bar.undo_requested.connect(self._undo_clicked)
        services.drafts_changed.connect(self._drafts_changed)  # a job's state changed, a blog was removed

    def _drafts_changed(self) -> None:
        self._states_stale = True
        self.refresh()

    def refresh(self, current: int | None = None) -> None:
        """Show the list (or the search's results) afresh; `current` is the open draft. The list is a
        count and its first page, read now; a search runs on a background thread."""
        if current is not None:
            self._current = current
        query = self.search.text()
        self._searches += 1  # whatever is shown now, an older search's answer is stale
        if self._states_stale:
            self._read_states()
        if query.strip():
            self._start_search(query)
            return
        try:
            count, first = self._store.count_drafts(), self._store.list_drafts(0, PAGE)
        except StoreError as exc:
            count, first = 0, []
            self.list_error(str(exc))
        self._show("", count, first)

    def _start_search(self, query: str) -> None:
        search = self._searches
        store = self._store

        def work() -> tuple[int, list[DraftSummary]]:
            return store.count_matches(query), store.search(query, 0, PAGE, snippets=False)

        def done(found: tuple[int, list[DraftSummary]] | None, error: BaseException | None) -> None:
            if search != self._searches:
                return  # a newer search (or the plain list) was asked for meanwhile
            if error is not None or found is None:
                self.list_error(str(error))
                found = (0, [])
            self._show(query, *found)

        run_in_background(work, done, owner=self, name="longhand-draft-search")

    def _show(self, query: str, count: int, first: list[DraftSummary]) -> None:
        self.model.show(query, count, first)
        self._select_current()

    def _read_states(self) -> None:
        # The states column is one query over every draft (~25 ms at 10,000), read on a background thread
        # only when a job's state may have changed — not for every search, whose rows are painted while
        # it would run — and the rows show the states read last time until it answers.
        self._states_stale = False
        self._states_read += 1
        read = self._states_read

        def done(states: dict[int, str] | None, error: BaseException | None) -> None:
            if read == self._states_read and states is not None:
                self.model.set_states(states)

        run_in_background(self._jobs.draft_states, done, owner=self, name="longhand-draft-states")

    def _select_current(self) -> None:
        row = self.model.row_of(self._current) if self._current is not None else None
        if row is not None:
            self.list.setCurrentIndex(self.model.index(row))

    def list_error(self, message: str) -> None:
        """The store could not give the list: the sentence goes in the list's tooltip."""
        self.list.setToolTip(message)

    def draft_saved(self, draft: Draft) -> None:
        """Show a draft just saved: its row changes in place (and, in the list of every draft, moves to
        the top, the most recently changed), with no list read again; only a draft not yet read from
        the store (a new one) has the list read afresh."""
        summary = DraftSummary(
            id=draft.stored_id,
            title=draft.display_title,
            status=draft.status,
            updated_at=draft.updated_at,
            kind=draft.kind,
        )
        row = self.model.row_of(summary.id)
        if self.model.query:
            if row is not None:
                self.model.replace(row, summary)  # where the search ranked it, until the next search
        elif row is None:
            self.refresh()
        else:
            self.model.move_to_top(row, summary)
            self._select_current()

    def _activated(self, index: QModelIndex) -> None:
        draft_id = index.data(ID_ROLE)
        if draft_id is not None and draft_id != self._current:
            self.open_requested.emit(draft_id)

    def _delete_clicked(self) -> None:
        if self._current is not None:
            self.delete_requested.emit(self._current)

    def offer_undo(self, draft_id: int, title: str) -> None:
        """Show "Deleted …  [Undo]" for a while after a delete."""
        self._deleted = draft_id
        self.undo_bar.offer(self.tr("Deleted “{title}”").format(title=title))

    def _undo_clicked(self) -> None:
        if self._deleted is not None:
            self.undo_delete_requested.emit(self._deleted)
            self._deleted = None
