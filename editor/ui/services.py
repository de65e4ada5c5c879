"""The application hub: the one object the window creates to reach the core services.

It owns the outbox and its worker thread, comment sync, and the network watch, over the window's
store. The core reports job changes through plain callbacks on whatever thread did the work; the hub
turns them into Qt signals delivered on the UI thread, so widgets never see another thread. Widgets
are handed the hub and subscribe to its signals; none reaches a service through another widget.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from ..backends.base import BackendError, Capability, RemotePost, backend_class
from ..core import handoff
from ..core.accounts import Accounts
from ..core.comments import Comments
from ..core.inbox import Inbox
from ..core.model import Account, Comment, Draft, Job, JobKind, JobState, PostStatus
from ..core.outbox import Outbox, OutboxWorker
from ..core.publish import ImagePlan, plan_images
from ..core.store import Store, StoreError
from .background import run_in_background
from .connect_browser import BrowserConnections

COMMENT_SYNC_MINUTES = 5
EVERYTHING = frozenset(Capability)


class Services(QObject):
    """Store, outbox, comment sync and network state for the window; every signal arrives on the UI thread."""

    drafts_changed = Signal()  # drafts' rows changed behind the editor (a job's state, a blog removed)
    accounts_changed = Signal()  # a blog was added or removed
    job_changed = Signal(object)  # a Job, after every change (a waiting job reports every poll)
    comments_synced = Signal(int)  # how many new comments the last sync of every blog brought
    online_changed = Signal(bool)  # the network came or went (only where Qt can tell)
    worker_failed = Signal(str)  # a run of the queue broke on something unexpected: a sentence for the author
    _changed_elsewhere = Signal(object)  # emitted on any thread; relayed on the UI thread
    _failed_elsewhere = Signal(str)  # emitted on the worker thread; relayed as worker_failed on the UI thread

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._closed = False
        self._changed_elsewhere.connect(self._relay)
        self._failed_elsewhere.connect(self.worker_failed)  # queued: the hub lives on the UI thread
        self.outbox = Outbox(store, on_change=self._on_change)
        self.jobs = self.outbox.jobs
        self.accounts: Accounts = self.outbox.accounts
        self.comments = Comments(store)
        self._worker = OutboxWorker(self.outbox, on_error=self._worker_error)
        self._inbox = Inbox(store, self.outbox)
        self._syncing = False
        # Comments are synced at start, on demand, and on this timer while the window is open.
        self._sync_timer = QTimer(self, interval=COMMENT_SYNC_MINUTES * 60_000)
        self._sync_timer.timeout.connect(self.sync_comments)
        self._started = False
        self._network: Any = None
        self.online = True  # until the network watch says otherwise
        self._states: dict[int, JobState] = {}
        self._capabilities: dict[str, frozenset[Capability]] = {}
        # Connect with browser: the answer comes to the window's socket, maybe after its dialog closed.
        self.browser = BrowserConnections(store, handoff.socket_path(store.path.parent, handoff.WINDOW), self)
        self.browser.finished.connect(self._connected)

    # -- lifetime ---------------------------------------------------------------------------------
    def start(self) -> None:
        """Start the worker thread (each of its runs takes back the jobs of runners that died), watch the
        network and sync comments."""
        if self._started or self._closed:
            return
        self._started = True
        self._worker.start()
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
        self._inbox.close()

    def wake(self) -> None:
        """Have the worker look at the queue now."""
        if self._started and not self._closed:
            self._worker.wake()

    # -- relaying the core's callbacks ------------------------------------------------------------
    def _on_change(self, job: Job) -> None:
        # Called by the core on the worker thread (or a background call, or the UI thread itself).
        self._from_elsewhere(self._changed_elsewhere, job)

    def _worker_error(self, sentence: str) -> None:
        # Called by the core on the worker thread, from its own error handling: raising here would end it.
        self._from_elsewhere(self._failed_elsewhere, sentence)

    def _from_elsewhere(self, signal: Any, value: object) -> None:
        """Emit a relay signal from any thread (delivered queued on the UI thread); never raises."""
        if self._closed:
            return
        try:
            signal.emit(value)
        except RuntimeError:
            pass  # the hub was deleted while the worker finished

    @Slot(object)
    def _relay(self, job: Job) -> None:
        self.job_changed.emit(job)
        if self._states.get(job.id) is not job.state:
            self._states[job.id] = job.state
            if job.draft_id is not None:
                self.drafts_changed.emit()  # the drafts list shows each draft's job state

    # -- the network ------------------------------------------------------------------------------
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

        online = reachability == QNetworkInformation.Reachability.Online
        if online:  # what waited for the network goes now, not at its next poll
            self.wake()
            self.sync_comments()
        if online != self.online:
            self.online = online
            self.online_changed.emit(online)

    # -- blogs ------------------------------------------------------------------------------------
    def blogs_changed(self) -> None:
        """A blog was added or removed (by a dialog): tell every subscriber. Removing one unlinks its
        drafts, so the drafts list changes too."""
        self.accounts_changed.emit()
        self.drafts_changed.emit()

    def _connected(self, ok: bool, _sentence: str) -> None:
        if ok:
            self.blogs_changed()

    def capabilities(self, account: Account | None) -> frozenset[Capability]:
        """What a blog's backend declares (nothing for a backend that is not installed)."""
        if account is None:
            return frozenset()
        if account.backend not in self._capabilities:
            try:
                found = frozenset(backend_class(account.backend).capabilities)
            except BackendError:
                found = frozenset()
            self._capabilities[account.backend] = found
        return self._capabilities[account.backend]

    def account_capabilities(self, account_id: int | None) -> frozenset[Capability]:
        """What the blog with this id declares (nothing if there is no such blog)."""
        if account_id is None:
            return frozenset()
        try:
            return self.capabilities(self.accounts.get(account_id))
        except StoreError:
            return frozenset()

    def draft_capabilities(self, draft: Draft | None) -> frozenset[Capability]:
        """What the post fields may offer for a draft: its blog's capabilities; for a draft tied to no
        blog, what any blog supports; with no blog at all, everything (it may go anywhere later)."""
        if draft is not None and draft.account_id is not None:
            return self.account_capabilities(draft.account_id)
        try:
            accounts = self.accounts.publishing()
        except StoreError:
            return EVERYTHING
        if not accounts:
            return EVERYTHING
        return frozenset().union(*(self.capabilities(account) for account in accounts))

    # -- publishing -------------------------------------------------------------------------------
    def image_plan(self, draft: Draft) -> ImagePlan:
        """The local files publishing `draft` would upload, and those it would leave out (from the text
        alone: opening the Publish dialog renders nothing)."""
        try:
            return plan_images(self.store, draft, rendered=False)
        except StoreError:
            return ImagePlan([], [])

    def publish(
        self, draft_id: int, account_id: int, *, status: PostStatus | None = None, at: datetime | None = None
    ) -> Job:
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

    def take_theirs(
        self, job_id: int, on_done: Callable[[Job | None, BaseException | None], None], *, owner: QObject | None = None
    ) -> None:
        """Resolve a conflict with the blog's copy, off the UI thread (it asks the blog)."""
        run_in_background(lambda: self.outbox.take_theirs(job_id), on_done, owner=owner, name="longhand-resolve")

    def fetch_remote(
        self,
        job: Job,
        on_done: Callable[[RemotePost | None, BaseException | None], None],
        *,
        owner: QObject | None = None,
    ) -> None:
        """Read the blog's copy of a job's post, off the UI thread."""
        run_in_background(lambda: self._get_remote(job), on_done, owner=owner, name="longhand-fetch")

    def _get_remote(self, job: Job) -> RemotePost:
        account = self.accounts.get(job.account_id)
        if job.draft_id is None:  # a comment job: it has no post of its own
            raise StoreError("This job is not about a draft, so there is no blog version to show.")
        draft = self.store.get_draft(job.draft_id)
        if not draft.remote_id:
            raise StoreError("This draft is not on the blog yet, so there is no blog version to show.")
        backend = self.accounts.backend(account)
        try:
            if not account.api_root:
                backend.discover()
            return backend.get_post(draft.remote_id, kind=draft.kind.value)
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
        return next((job for job in self.jobs.list() if job.draft_id == draft_id and job.kind is JobKind.PUBLISH), None)

    # -- comments ---------------------------------------------------------------------------------
    def reply(self, comment_id: int, markdown_text: str) -> Comment:
        """Queue a reply to a comment (in the thread at once) and wake the worker; raises StoreError."""
        reply = self._inbox.reply(comment_id, markdown_text)
        self.wake()
        return reply

    def moderate(self, comment_ids: list[int], action: str) -> list[tuple[int, str]]:
        """Approve, unapprove, spam, trash or restore comments; returns what `undo` needs."""
        undo = self._inbox.moderate(comment_ids, action)
        self.wake()
        return undo

    def edit_comment(self, comment_id: int, markdown_text: str) -> Comment:
        """Give a comment new text (at once here, queued for the blog); raises StoreError."""
        edited = self._inbox.edit(comment_id, markdown_text)
        self.wake()
        return edited

    def delete_comments(self, comment_ids: list[int]) -> None:
        """Delete comments for good (gone here at once, queued for the blog); raises StoreError."""
        self._inbox.delete(comment_ids)
        self.wake()

    def undo(self, undo: list[tuple[int, str]]) -> None:
        """Put moderated comments back as they were."""
        self._inbox.undo(undo)
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

        run_in_background(self._inbox.sync_all, done, owner=self, name="longhand-comment-sync")
