"""Publishing in the window: the outbox bridged to Qt, and the Outbox panel listing its jobs.

The core outbox runs on its own worker thread and reports every job change through a plain callback
called on that thread. `OutboxBridge` turns those calls into the Qt signal `job_changed`, always
delivered on the UI thread, so widgets never see another thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
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

from ..backends.base import RemotePost
from ..core.inbox import Inbox
from ..core.model import Comment, Draft, Job, JobKind, JobState, PostStatus
from ..core.outbox import Outbox, OutboxWorker
from ..core.publish import ImagePlan, plan_images
from ..core.store import DraftNotFound, Store, StoreError
from .background import run_in_background
from .publish import describe

COMMENT_SYNC_MINUTES = 5


# -- the bridge -----------------------------------------------------------------------------------
class OutboxBridge(QObject):
    """Owns the outbox and its worker thread; reports job changes as `job_changed(job)` on the UI thread."""

    job_changed = Signal(object)  # a Job, after every change (a waiting job reports every poll)
    state_changed = Signal(object)  # a Job whose state differs from the last one reported
    comments_synced = Signal(int)  # how many new comments the last sync of every blog brought
    worker_failed = Signal(str)  # a run of the queue broke on something unexpected: a sentence for the author
    _changed_elsewhere = Signal(object)  # emitted on any thread; relayed on the UI thread
    _failed_elsewhere = Signal(str)  # emitted on the worker thread; relayed as worker_failed on the UI thread

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._closed = False
        self._changed_elsewhere.connect(self._relay)
        self.outbox = Outbox(store, on_change=self._on_change)
        self.jobs = self.outbox.jobs
        self.accounts = self.outbox.accounts
        self._failed_elsewhere.connect(self.worker_failed)  # queued: the bridge lives on the UI thread
        self._worker = OutboxWorker(self.outbox, on_error=self._worker_error)
        self.inbox = Inbox(store, self.outbox)
        self._syncing = False
        # Comments are synced at start, on demand, and on this timer while the window is open.
        self._sync_timer = QTimer(self, interval=COMMENT_SYNC_MINUTES * 60_000)
        self._sync_timer.timeout.connect(self.sync_comments)
        self._started = False
        self._network: Any = None
        self._states: dict[int, JobState] = {}

    def image_plan(self, draft: Draft) -> ImagePlan:
        """The local files publishing `draft` would upload, and those it would leave out (from the text
        alone: opening the Publish dialog renders nothing)."""
        try:
            return plan_images(self.store, draft, rendered=False)
        except StoreError:
            return ImagePlan([], [])

    def _on_change(self, job: Job) -> None:
        # Called by the core on the worker thread (or a background call, or the UI thread itself).
        if self._closed:
            return
        try:
            self._changed_elsewhere.emit(job)
        except RuntimeError:
            pass  # the bridge was deleted while the worker finished a job

    @Slot(object)
    def _relay(self, job: Job) -> None:
        self.job_changed.emit(job)
        if self._states.get(job.id) is not job.state:
            self._states[job.id] = job.state
            self.state_changed.emit(job)

    # -- worker -----------------------------------------------------------------------------------
    def _worker_error(self, sentence: str) -> None:
        # Called by the core on the worker thread, from its own error handling: raising here would end it.
        if self._closed:
            return
        try:
            self._failed_elsewhere.emit(sentence)
        except RuntimeError:
            pass  # the bridge was deleted while the worker ran

    def start(self) -> None:
        """Start the worker thread (jobs left running by a crash are queued again) and listen to the network."""
        if self._started or self._closed:
            return
        self._started = True
        try:
            self._worker.start()
        except StoreError:
            pass  # no worker this session: the jobs wait in the store, and publishing says what is wrong
        self._watch_network()
        self._sync_timer.start()
        self.sync_comments()

    def stop(self) -> None:
        """Stop the worker after the job in progress (the window is closing)."""
        if self._network is not None:
            try:
                self._network.reachabilityChanged.disconnect(self._reachability_changed)
            except (RuntimeError, TypeError):
                pass
            self._network = None
        self._sync_timer.stop()
        if self._started:
            self._worker.stop()
        self._closed = True
        self.inbox.close()

    def wake(self) -> None:
        """Have the worker look at the queue now."""
        if self._started and not self._closed:
            self._worker.wake()

    def _watch_network(self) -> None:
        try:
            from PySide6.QtNetwork import QNetworkInformation

            if QNetworkInformation.instance() is None and not QNetworkInformation.loadDefaultBackend():
                return
            network = QNetworkInformation.instance()
            if network is None:
                return
            network.reachabilityChanged.connect(self._reachability_changed)
            self._network = network
        except Exception:  # noqa: BLE001 - no network information (offscreen, no backend): poll only
            self._network = None

    @Slot(object)
    def _reachability_changed(self, reachability: Any) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        if reachability == QNetworkInformation.Reachability.Online:
            self.wake()

    # -- operations -------------------------------------------------------------------------------
    def publish(self, draft_id: int, account_id: int, *, status: PostStatus | None = None,
                at: datetime | None = None) -> Job:
        """Queue publishing a draft (raises StoreError) and wake the worker."""
        job = self.outbox.publish(draft_id, account_id, status=status, at=at)
        self.wake()
        return job

    def unpublish(self, draft_id: int) -> Job:
        """Queue moving a draft's post to its blog's trash (raises StoreError) and wake the worker."""
        job = self.outbox.unpublish(draft_id)
        self.wake()
        return job

    def retry(self, job_id: int, *, overwrite: bool = False) -> Job:
        """Queue a job again now (raises StoreError) and wake the worker."""
        job = self.outbox.retry(job_id, overwrite=overwrite)
        self.wake()
        return job

    # -- comments ---------------------------------------------------------------------------------
    def reply(self, comment_id: int, markdown_text: str) -> Comment:
        """Queue a reply to a comment (in the thread at once) and wake the worker; raises StoreError."""
        reply = self.inbox.reply(comment_id, markdown_text)
        self.wake()
        return reply

    def moderate(self, comment_ids: list[int], action: str) -> list[tuple[int, str]]:
        """Approve, unapprove, spam, trash or restore comments; returns what `undo` needs."""
        undo = self.inbox.moderate(comment_ids, action)
        self.wake()
        return undo

    def undo(self, undo: list[tuple[int, str]]) -> None:
        """Put moderated comments back as they were."""
        self.inbox.undo(undo)
        self.wake()

    def sync_comments(self) -> None:
        """Sync every blog's comments off the UI thread; `comments_synced(new)` follows."""
        if self._syncing or self._closed:
            return
        self._syncing = True

        def done(results, error) -> None:
            self._syncing = False
            new = sum(len(r.result.new) for r in results or () if r.result)
            self.comments_synced.emit(new)

        run_in_background(self.inbox.sync_all, done, owner=self, name="longhand-comment-sync")

    def take_theirs(self, job_id: int, on_done: Callable[[Job | None, BaseException | None], None], *,
                    owner: QObject | None = None) -> None:
        """Resolve a conflict with the blog's copy, off the UI thread (it asks the blog)."""
        run_in_background(lambda: self.outbox.take_theirs(job_id), on_done, owner=owner, name="longhand-resolve")

    def fetch_remote(self, job: Job, on_done: Callable[[RemotePost | None, BaseException | None], None], *,
                     owner: QObject | None = None) -> None:
        """Read the blog's copy of a job's post, off the UI thread."""
        run_in_background(lambda: self._get_remote(job), on_done, owner=owner, name="longhand-fetch")

    def _get_remote(self, job: Job) -> RemotePost:
        account = self.accounts.get(job.account_id)
        draft = self.store.get_draft(job.draft_id)
        if not draft.remote_id:
            raise StoreError("This draft is not on the blog yet, so there is no blog version to show.")
        backend = self.accounts.backend(account)
        try:
            if not account.api_root:
                backend.discover()
            return backend.get_post(draft.remote_id)
        finally:
            backend.close()

    def draft_of(self, job: Job) -> Draft | None:
        """The draft a job is about, as stored now (None if it is gone)."""
        if job.draft_id is None:
            return None
        try:
            return self.store.get_draft(job.draft_id)
        except StoreError:
            return None

    def latest_job(self, draft_id: int) -> Job | None:
        """The newest publish job of a draft."""
        return next((job for job in self.jobs.list() if job.draft_id == draft_id and job.kind is JobKind.PUBLISH),
                    None)


# -- the Outbox panel ----------------------------------------------------------------------------
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

    def __init__(self, bridge: OutboxBridge, parent: QWidget | None = None) -> None:
        super().__init__("Outbox", parent)
        self.setObjectName("outboxPanel")
        self._bridge = bridge
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels(COLUMNS)
        self.tree.setWordWrap(True)
        self.tree.header().setSectionResizeMode(COLUMNS.index("Message"), QHeaderView.ResizeMode.Stretch)
        for column, width in (("Draft", 220), ("Blog", 140), ("State", 80), ("Attempts", 70)):
            self.tree.header().resizeSection(COLUMNS.index(column), width)
        self.retry_button = QPushButton("Retry")
        self.resolve_button = QPushButton("Resolve…")
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

        bridge.job_changed.connect(lambda _job: self.refresh())
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.tree.itemDoubleClicked.connect(lambda *_: self._resolve() if self.resolve_button.isEnabled() else None)
        self.retry_button.clicked.connect(self._retry)
        self.resolve_button.clicked.connect(self._resolve)
        self.visibilityChanged.connect(lambda visible: self.refresh() if visible else None)
        self._update_buttons()

    def refresh(self) -> None:
        """Re-read the jobs from the store (keeps the selection)."""
        selected = self.selected_job()
        try:
            jobs = self._bridge.jobs.list()[:MAX_ROWS]
            blogs = {account.id: account.name for account in self._bridge.accounts.list()}
        except StoreError as exc:
            self.message.setText(str(exc))
            return
        titles: dict[int, str] = {}
        self.tree.clear()
        for job in jobs:
            item = QTreeWidgetItem([
                self._title(job.draft_id, titles), blogs.get(job.account_id, "?"), job.state.value,
                str(job.attempts), self._sentence(job), _local_time(job.next_attempt_at)
                if job.state is JobState.QUEUED else "",
            ])
            item.setData(0, Qt.ItemDataRole.UserRole, job)
            item.setToolTip(COLUMNS.index("Message"), job.last_error)
            self.tree.addTopLevelItem(item)
            if selected is not None and job.id == selected.id:
                item.setSelected(True)
                self.tree.setCurrentItem(item)
        self._update_buttons()

    def _title(self, draft_id: int | None, cache: dict[int, str]) -> str:
        if draft_id is None:
            return "(deleted draft)"
        if draft_id not in cache:
            try:
                cache[draft_id] = self._bridge.store.get_draft(draft_id).display_title
            except DraftNotFound:
                cache[draft_id] = "(deleted draft)"
            except StoreError:
                cache[draft_id] = "?"
        return cache[draft_id]

    def _sentence(self, job: Job) -> str:
        return describe(job, self._bridge.draft_of(job))

    def rows(self) -> list[tuple[str, ...]]:
        """The table's text, row by row (what the author sees)."""
        return [tuple(self.tree.topLevelItem(i).text(c) for c in range(len(COLUMNS)))
                for i in range(self.tree.topLevelItemCount())]

    def selected_job(self) -> Job | None:
        """The job of the selected row."""
        items = self.tree.selectedItems()
        return items[0].data(0, Qt.ItemDataRole.UserRole) if items else None

    def select_job(self, job_id: int) -> None:
        """Select a job's row."""
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole).id == job_id:
                self.tree.setCurrentItem(item)
                return

    def _update_buttons(self) -> None:
        job = self.selected_job()
        self.retry_button.setEnabled(job is not None and job.state in RETRYABLE)
        self.resolve_button.setEnabled(job is not None and job.state is JobState.CONFLICT)

    def _retry(self) -> None:
        job = self.selected_job()
        if job is None:
            return
        try:
            self._bridge.retry(job.id)
            self.message.clear()
        except StoreError as exc:
            self.message.setText(str(exc))

    def _resolve(self) -> None:
        job = self.selected_job()
        if job is not None and job.state is JobState.CONFLICT:
            self.resolve_requested.emit(job)
