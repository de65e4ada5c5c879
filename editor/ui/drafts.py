"""The drafts sidebar: every draft, a search box over the full text, new and delete with undo."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.model import Draft, DraftSummary
from ..core.store import StoreError
from .services import Services
from .undobar import UndoBar

UNDO_SECONDS = 15
STATE_ROLE = Qt.ItemDataRole.UserRole + 1  # the draft's publishing state, as its line shows it


def _label(summary: DraftSummary, state: str) -> str:
    """A draft's line in the list: its title, then when it was last changed, its status and state."""
    when = summary.updated_at.astimezone().strftime("%d %b %Y, %H:%M")
    return f"{summary.title}\n{when} · {summary.status.value} · {state}"


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

        self.search = QLineEdit(placeholderText=self.tr("Search drafts"), clearButtonEnabled=True)
        self.search.setAccessibleName(self.tr("Search drafts"))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Drafts"))
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
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
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.new_button.clicked.connect(self.new_requested)
        self.delete_button.clicked.connect(self._delete_clicked)
        self.undo_bar.undo_requested.connect(self._undo_clicked)
        services.drafts_changed.connect(self.refresh)  # a job's state changed, a blog was removed

    def refresh(self, current: int | None = None) -> None:
        """Re-read the list (or the search results) from the store; `current` is the open draft."""
        if current is not None:
            self._current = current
        query = self.search.text()
        try:
            summaries = self._store.search(query) if query.strip() else self._store.list_drafts()
        except StoreError as exc:
            summaries = []
            self.list.setToolTip(str(exc))
        self._show(summaries)

    def draft_saved(self, draft: Draft) -> None:
        """Show a draft just saved: its line is updated in place when it already heads the list (the
        usual case while typing: no query, no rebuilt list on the UI thread at every autosave); the list
        is read again when the order or a search's results may have changed."""
        first = self.list.item(0)
        if self.search.text().strip() or first is None or first.data(Qt.ItemDataRole.UserRole) != draft.id:
            self.refresh()
            return
        summary = DraftSummary(
            id=draft.stored_id, title=draft.display_title, status=draft.status, updated_at=draft.updated_at
        )
        text = _label(summary, first.data(STATE_ROLE))
        if first.text() != text:
            first.setText(text)

    def _show(self, summaries: list[DraftSummary]) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        try:
            states = self._jobs.draft_states()
        except StoreError:
            states = {}
        for summary in summaries:
            item = QListWidgetItem(_label(summary, states.get(summary.id, "")))
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            item.setData(STATE_ROLE, states.get(summary.id, ""))
            if summary.snippet:
                item.setToolTip(summary.snippet)
            self.list.addItem(item)
            if summary.id == self._current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def _activated(self, item: QListWidgetItem) -> None:
        draft_id = item.data(Qt.ItemDataRole.UserRole)
        if draft_id != self._current:
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
