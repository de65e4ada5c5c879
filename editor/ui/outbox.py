"""The Outbox panel: every outbox job, where it stands and why, with Retry and Resolve…."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.model import Job, JobState
from ..core.sentences import describe
from ..core.store import DraftNotFound, StoreError
from .services import Services

# The columns by name (English, as the code names them); their titles are translated where shown.
COLUMNS = ("Draft", "Blog", "State", "Attempts", "Message", "Next attempt")
RETRYABLE = (JobState.QUEUED, JobState.FAILED)
MAX_ROWS = 200


def _local_time(when: datetime | None) -> str:
    if when is None:
        return ""
    local = when.astimezone()
    same_day = local.date() == datetime.now().astimezone().date()
    return local.strftime("%H:%M:%S" if same_day else "%d %b %Y, %H:%M")


class OutboxPanel(QDockWidget):
    """Every outbox job (newest first): what it is, where it stands, why; Retry and Resolve…."""

    resolve_requested = Signal(object)  # the conflicting Job

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Outbox"))
        self.setObjectName("outboxPanel")
        self._services = services
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels(
            [
                self.tr("Draft"),
                self.tr("Blog"),
                self.tr("State"),
                self.tr("Attempts"),
                self.tr("Message"),
                self.tr("Next attempt"),
            ]
        )
        self.tree.setAccessibleName(self.tr("Outbox jobs"))
        self.tree.setWordWrap(True)
        self.tree.header().setSectionResizeMode(COLUMNS.index("Message"), QHeaderView.ResizeMode.Stretch)
        for column, width in (("Draft", 220), ("Blog", 140), ("State", 80), ("Attempts", 70)):
            self.tree.header().resizeSection(COLUMNS.index(column), width)
        self.retry_button = QPushButton(self.tr("Retry"))
        self.resolve_button = QPushButton(self.tr("Resolve…"))
        self.message = QLabel(wordWrap=True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.resolve_button)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.setWidget(body)

        services.job_changed.connect(lambda _job: self.refresh())
        services.accounts_changed.connect(self.refresh)  # the Blog column names them
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.tree.itemDoubleClicked.connect(lambda *_: self._resolve() if self.resolve_button.isEnabled() else None)
        self.retry_button.clicked.connect(self._retry)
        self.resolve_button.clicked.connect(self._resolve)
        self.visibilityChanged.connect(lambda visible: self.refresh() if visible else None)
        self._update_buttons()

    def present(self) -> None:
        """Show the panel in front, up to date (Blog ▸ Outbox)."""
        self.show()
        self.raise_()
        self.refresh()

    def refresh(self) -> None:
        """Re-read the jobs from the store (keeps the selection)."""
        selected = self.selected_job()
        try:
            jobs = self._services.jobs.list()[:MAX_ROWS]
            blogs = {account.id: account.name for account in self._services.accounts.list()}
        except StoreError as exc:
            self.message.setText(str(exc))
            return
        titles: dict[int, str] = {}
        self.tree.clear()
        for job in jobs:
            item = QTreeWidgetItem(
                [
                    self._title(job.draft_id, titles),
                    blogs.get(job.account_id, "?"),
                    job.state.value,
                    str(job.attempts),
                    self._sentence(job),
                    _local_time(job.next_attempt_at) if job.state is JobState.QUEUED else "",
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, job)
            item.setToolTip(COLUMNS.index("Message"), job.last_error)
            self.tree.addTopLevelItem(item)
            if selected is not None and job.id == selected.id:
                item.setSelected(True)
                self.tree.setCurrentItem(item)
        self._update_buttons()

    def _title(self, draft_id: int | None, cache: dict[int, str]) -> str:
        if draft_id is None:
            return self.tr("(deleted draft)")
        if draft_id not in cache:
            try:
                cache[draft_id] = self._services.store.get_draft(draft_id).display_title
            except DraftNotFound:
                cache[draft_id] = self.tr("(deleted draft)")
            except StoreError:
                cache[draft_id] = "?"
        return cache[draft_id]

    def _sentence(self, job: Job) -> str:
        return describe(job, self._services.draft_of(job))

    def rows(self) -> list[tuple[str, ...]]:
        """The table's text, row by row (what the author sees)."""
        return [tuple(item.text(c) for c in range(len(COLUMNS))) for item in self._items()]

    def selected_job(self) -> Job | None:
        """The job of the selected row."""
        items = self.tree.selectedItems()
        return items[0].data(0, Qt.ItemDataRole.UserRole) if items else None

    def select_job(self, job_id: int) -> None:
        """Select a job's row."""
        for item in self._items():
            if item.data(0, Qt.ItemDataRole.UserRole).id == job_id:
                self.tree.setCurrentItem(item)
                return

    def _items(self) -> list[QTreeWidgetItem]:
        """The table's rows, top to bottom."""
        items = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item for item in items if item is not None]

    def _update_buttons(self) -> None:
        job = self.selected_job()
        self.retry_button.setEnabled(job is not None and job.state in RETRYABLE)
        self.resolve_button.setEnabled(job is not None and job.state is JobState.CONFLICT)

    def _retry(self) -> None:
        job = self.selected_job()
        if job is None:
            return
        try:
            self._services.retry(job.id)
            self.message.clear()
        except StoreError as exc:
            self.message.setText(str(exc))

    def _resolve(self) -> None:
        job = self.selected_job()
        if job is not None and job.state is JobState.CONFLICT:
            self.resolve_requested.emit(job)
