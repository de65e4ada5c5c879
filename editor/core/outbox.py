"""The outbox: remote operations run in the background, retried until they land, each exactly once.

Publishing is a job saved in the store before anything is sent. A worker thread runs due jobs: it
waits while a blog is unreachable (without using up attempts), retries transient failures with
exponential backoff and jitter (honouring Retry-After), stops on a permanent failure with a sentence
for the author, and stops on a conflict so the author can choose. A create whose answer was lost is
never sent twice: the job remembers that it sent one, and the next attempt asks the blog first.

Any number of processes may run the outbox of one data folder at once (the window's worker, `longhand
outbox run`, `longhand publish`): each job is claimed in SQL before it runs and held under a lease that
its runner renews from a heartbeat thread, so a job runs in one process at a time, and a job goes back
to the queue only when its runner stopped renewing (see `Jobs`).
"""

from __future__ import annotations

import logging
import os
import random
import socket
import threading
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from ..backends.base import (
    Backend,
    BackendError,
    ConflictError,
    CredentialsRejectedError,
    NotFoundError,
    RateLimitedError,
    RemotePost,
    TransientError,
)
from . import comment_jobs
from .accounts import NEEDS_CONNECT, Accounts
from .credentials import CredentialsError
from .jobs import Jobs, LeaseKeeper
from .model import Account, Job, JobKind, JobState, PostStatus, RevisionReason, utcnow
from .publish import MediaLibrary, plan_images, to_draft, to_remote
from .store import Store, StoreError

log = logging.getLogger(__name__)

BACKOFF_BASE = timedelta(seconds=5)
BACKOFF_CAP = timedelta(minutes=15)
OFFLINE_POLL = timedelta(seconds=15)
# How far back (before the lost create was sent) the blog is searched for it: clocks differ.
RECONCILE_SLACK = timedelta(minutes=10)
# A runner renews its jobs' lease every LEASE / 4: a job is taken back only after a runner missed
# three renewals in a row, which a live process does not (requests time out well before).
LEASE = timedelta(seconds=60)

Listener = Callable[[Job], None]


def backoff(attempts: int, rand: Callable[[], float] = random.random) -> timedelta:
    """Delay before attempt `attempts + 1`: doubling from 5 s to 15 min, with ±50 % jitter so many
    clients coming back online do not all knock at once."""
    delay = min(BACKOFF_BASE * (2 ** max(attempts - 1, 0)), BACKOFF_CAP)
    return timedelta(seconds=delay.total_seconds() * (0.5 + rand()))


def reachable(url: str, timeout: float = 3.0) -> bool:
    """Whether a TCP connection to the blog's host can be opened: the cheap 'are we online' test. A blog
    with no network address (a folder: file://, or a plain path) is always there."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return True
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname or "", port), timeout=timeout):
            return True
    except OSError:
        return False


class Outbox:
    """Queues and runs remote operations for the window and the command line alike."""

    def __init__(
        self,
        store: Store,
        *,
        on_change: Listener | None = None,
        rand: Callable[[], float] = random.random,
        is_reachable: Callable[[str], bool] = reachable,
        timeout: float = 30.0,
        lease: timedelta = LEASE,
    ) -> None:
        self.store = store
        self.jobs = Jobs(store)
        self.accounts = Accounts(store)
        self._on_change = on_change or (lambda job: None)
        self._rand = rand
        self._reachable = is_reachable
        self._timeout = timeout
        self._lease = lease
        # Unique across processes and machines sharing the folder, and across Outboxes of one process.
        self.runner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"

    # -- queueing ---------------------------------------------------------------------------------
    def publish(
        self, draft_id: int, account_id: int, *, status: PostStatus | None = None, at: datetime | None = None
    ) -> Job:
        """Queue publishing a draft to a blog (the draft as it is when the job runs)."""
        payload = {"status": status.value if status else None, "at": at.isoformat() if at else None}
        return self._changed(self.jobs.enqueue(JobKind.PUBLISH, account_id, draft_id, payload))

    def unpublish(self, draft_id: int) -> Job:
        """Queue moving a draft's post to its blog's trash (the draft stays, unlinked from the blog)."""
        draft = self.store.get_draft(draft_id)
        if draft.account_id is None or draft.remote_id is None:
            raise StoreError(f"“{draft.display_title}” is not on a blog.")
        return self._changed(self.jobs.enqueue(JobKind.DELETE, draft.account_id, draft_id, {}))

    def queue_comment_job(self, kind: JobKind, account_id: int, payload: dict[str, Any]) -> Job:
        """Queue a reply or a moderation (already applied locally by the inbox)."""
        return self._changed(self.jobs.enqueue(kind, account_id, None, payload, coalesce=False))

    def retry(self, job_id: int, *, overwrite: bool = False) -> Job:
        """Run a failed, conflicting or waiting job now; `overwrite` replaces the blog's newer copy."""
        job = self.jobs.get(job_id)
        if job.state is JobState.RUNNING:
            raise StoreError("That job is being sent right now; wait for it to finish.")
        payload = {**job.payload, "overwrite": overwrite or job.payload.get("overwrite", False)}
        return self._changed(
            self.jobs.update(
                job_id, state=JobState.QUEUED, next_attempt_at=self.store.clock(), last_error="", payload=payload
            )
        )

    def take_theirs(self, job_id: int) -> Job:
        """Resolve a conflict by taking the blog's copy into the draft (both kept as revisions)."""
        job = self.jobs.get(job_id)
        account = self.accounts.get(job.account_id)
        backend = self._backend(account)
        try:
            draft = self.store.get_draft(_draft_id(job))
            remote = backend.get_post(draft.remote_id or "", kind=draft.kind.value)
        finally:
            backend.close()
        self._adopt(_draft_id(job), remote, account.stored_id)
        return self._changed(self.jobs.update(job_id, state=JobState.DONE, last_error=""))

    def _adopt(self, draft_id: int, remote: RemotePost, account_id: int) -> None:
        local = self.store.get_draft(draft_id)
        self.store.save_draft(local, revision=RevisionReason.SAVE)  # the author's text, kept
        self.store.save_draft(to_draft(remote, local), revision=RevisionReason.SERVER)
        self.store.set_remote(
            draft_id,
            account_id=account_id,
            remote_id=remote.id,
            remote_url=remote.link,
            remote_modified=remote.modified_gmt,
        )

    # -- running ----------------------------------------------------------------------------------
    def run_due(self, *, now: bool = False) -> list[Job]:
        """Run every job that is due (with `now`, every queued job, waiting or not) and that this runner
        can claim; returns them as they ended up. Jobs another process is running are left to it."""
        self.jobs.requeue_expired()
        ran = []
        with LeaseKeeper(self.jobs, self.runner, self._lease):
            for queued in self.jobs.due(None if now else self.store.clock()):
                job = self.jobs.claim(queued.id, self.runner, self._lease, now=None if now else self.store.clock())
                if job is not None:
                    ran.append(self._run(job))
        return ran

    def _run(self, job: Job) -> Job:
        """Run a job this runner holds, and release it in the state it ended in."""
        try:
            account = self.accounts.get(job.account_id)
        except StoreError as exc:
            return self._ended(job, exc)
        if not self._reachable(account.api_root or account.base_url):
            # Offline is not a failure: wait for the network without spending an attempt.
            host = urlsplit(account.base_url).hostname
            return self._release(
                job,
                state=JobState.QUEUED,
                attempts=job.attempts - 1,
                next_attempt_at=self.store.clock() + OFFLINE_POLL,
                last_error=f"Waiting for the network: {host} cannot be reached.",
            )
        self._changed(job)
        try:
            backend = self._backend(account)
            try:
                self._handlers()[job.kind](job, account, backend)
            finally:
                backend.close()
        except ConflictError as exc:
            return self._release(job, state=JobState.CONFLICT, last_error=str(exc))
        except CredentialsRejectedError as exc:
            # Not retryable, so the job fails at once; the blog is marked, and its comment sync waits for
            # the author to connect it again, instead of being refused every five minutes.
            self.accounts.set_option(account.stored_id, NEEDS_CONNECT, str(exc))
            return self._ended(job, exc)
        except (BackendError, CredentialsError, StoreError) as exc:
            return self._ended(job, exc)
        except Exception as exc:  # noqa: BLE001 - a bug met by one job must not stop the others
            log.exception("job %s raised", job.id)
            return self._ended(
                job,
                TransientError(
                    f"Longhand met an unexpected error ({type(exc).__name__}) and "
                    "will try again; the log has the details."
                ),
            )
        if account.options.get(NEEDS_CONNECT):  # the blog took the credentials after all
            self.accounts.set_option(account.stored_id, NEEDS_CONNECT, None)
        return self._release(job, state=JobState.DONE, last_error="", next_attempt_at=None)

    def _handlers(self) -> dict[JobKind, Callable[[Job, Account, Backend], None]]:
        return {
            JobKind.PUBLISH: self._publish,
            JobKind.DELETE: self._unpublish,
            **dict.fromkeys(comment_jobs.SENDERS, self._send_comment),
        }

    def _send_comment(self, job: Job, account: Account, backend: Backend) -> None:
        comment_jobs.SENDERS[job.kind](self.store, job, backend)

    def _ended(self, job: Job, exc: BackendError | CredentialsError | StoreError) -> Job:
        """A job that raised: queued again after a backoff if the trouble may pass (a server error, a
        locked keyring, a full disk pass alike), else failed with the error's sentence."""
        if not getattr(exc, "retryable", False):
            return self._failed(job, str(exc))
        delay = backoff(job.attempts, self._rand)
        if isinstance(exc, RateLimitedError) and exc.retry_after:
            delay = max(delay, timedelta(seconds=exc.retry_after))
        log.info("job %s: %s; retrying in %s", job.id, exc, delay)
        return self._release(
            job, state=JobState.QUEUED, last_error=str(exc), next_attempt_at=self.store.clock() + delay
        )

    def _failed(self, job: Job, sentence: str) -> Job:
        """A job that will not succeed by retrying: say why, and undo what it had applied locally."""
        if job.kind in comment_jobs.SENDERS:
            comment_jobs.undo_locally(self.store, job, sentence)
        return self._release(job, state=JobState.FAILED, last_error=sentence)

    def _release(self, job: Job, **changes: object) -> Job:
        return self._changed(self.jobs.release(job.id, self.runner, **changes))

    def _backend(self, account: Account) -> Backend:
        backend = self.accounts.backend(account, timeout=self._timeout)
        if not account.api_root:
            self.accounts.set_api_root(account.stored_id, backend.discover())
        return backend

    def _publish(self, job: Job, account: Account, backend: Backend) -> None:
        draft = self.store.get_draft(_draft_id(job))
        status = PostStatus(job.payload["status"]) if job.payload.get("status") else None
        at = datetime.fromisoformat(job.payload["at"]) if job.payload.get("at") else None
        plan = plan_images(self.store, draft)
        self.jobs.update(job.id, notes=plan.notes)
        post = to_remote(draft, MediaLibrary(self.store, account.stored_id, backend), plan, status=status, at=at)
        remote_id = draft.remote_id if draft.account_id == account.id else None
        last_seen = None if job.payload.get("overwrite") else draft.remote_modified
        if remote_id is None and job.create_sent_at is not None:
            found = self._find_lost_create(backend, post, job.create_sent_at)
            if found is not None:
                remote_id, last_seen = found.id, None  # our own post: nothing of anyone else's to protect
        if remote_id is None:
            self.jobs.update(job.id, create_sent_at=self.store.clock())  # saved before the request leaves
            try:
                result = backend.create_post(post)
            except BackendError as exc:
                if not exc.retryable:  # the blog answered no: nothing was created
                    self.jobs.update(job.id, create_sent_at=None)
                raise
        else:
            result = self._update(job, backend, replace(post, id=remote_id), last_seen)
        self.store.set_remote(
            draft.stored_id,
            account_id=account.id,
            remote_id=result.id,
            remote_url=result.link,
            remote_modified=result.modified_gmt,
            revision=RevisionReason.PUBLISH,
        )
        self.jobs.update(job.id, create_sent_at=None, update_sent_at=None)

    def _update(self, job: Job, backend: Backend, post: RemotePost, last_seen: datetime | None) -> RemotePost:
        """Send an update. When an earlier attempt's update was sent and its answer lost, the blog's copy
        may be newer only because of that update: if it holds exactly what is being sent, it is ours."""
        if job.update_sent_at is not None and last_seen is not None:
            current = backend.get_post(post.id or "", kind=post.kind)
            if _same_post(current, post):
                return current
        self.jobs.update(job.id, update_sent_at=self.store.clock())  # saved before the request leaves
        return backend.update_post(post, last_seen_modified=last_seen)

    def _unpublish(self, job: Job, account: Account, backend: Backend) -> None:
        draft = self.store.get_draft(_draft_id(job))
        if draft.remote_id is not None and draft.account_id == account.id:
            try:
                backend.delete_post(draft.remote_id, kind=draft.kind.value)
            except NotFoundError:
                pass  # already gone from the blog: what was asked for
        self.store.set_remote(draft.stored_id, account_id=None, remote_id=None, remote_url=None, remote_modified=None)

    @staticmethod
    def _find_lost_create(backend: Backend, post: RemotePost, sent_at: datetime) -> RemotePost | None:
        """The post a lost create made, if the blog has it: same title, our slug (or the blog's
        numbered variant of it), changed since just before the create was sent."""
        for candidate in backend.list_posts(kind=post.kind, modified_after=sent_at - RECONCILE_SLACK):
            same_slug = candidate.slug == post.slug or candidate.slug.startswith(post.slug + "-")
            if candidate.title == post.title and same_slug:
                return candidate
        return None

    def _changed(self, job: Job) -> Job:
        self._on_change(job)
        return job


def _same_post(blog: RemotePost, ours: RemotePost) -> bool:
    """Whether the blog's copy holds what we send (the blog may add or drop whitespace)."""

    def words(text: str) -> str:
        return " ".join(text.split())

    return (words(blog.title), words(blog.content), blog.slug) == (
        words(ours.title),
        words(ours.content),
        ours.slug or blog.slug,
    )


def _draft_id(job: Job) -> int:
    """The draft of a publish or delete job (only comment jobs have none)."""
    if job.draft_id is None:
        raise StoreError(f"Outbox job {job.id} has lost its draft.")
    return job.draft_id


class OutboxWorker:
    """Runs the outbox on a background thread: wakes when a job is due or when told to."""

    def __init__(
        self, outbox: Outbox, *, idle: timedelta = timedelta(seconds=60), on_error: Callable[[str], None] | None = None
    ) -> None:
        self.outbox = outbox
        self._idle = idle
        # Told (on the worker thread) when a run of the queue broke, so the author hears of it.
        self._on_error = on_error or (lambda sentence: None)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="longhand-outbox", daemon=True)

    def start(self) -> None:
        """Start the thread (each run first re-queues jobs whose runner died, never a live one's)."""
        self._thread.start()

    def wake(self) -> None:
        """Look at the queue now (a job was queued, the network came back)."""
        self._wake.set()

    def stop(self, timeout: float = 2.0) -> None:
        """Stop after the job in progress, waiting at most `timeout` seconds: a job cut short is
        safe: its lease runs out, any runner then queues it again, and a create it sent is reconciled."""
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.outbox.run_due()
                next_due = self.outbox.jobs.next_due()
            except Exception as exc:  # noqa: BLE001 - the worker must outlive any one bad job
                log.exception("outbox run failed")
                self._on_error(
                    f"Sending to your blogs stopped on an unexpected error ({type(exc).__name__}: "
                    f"{exc}); it will try again in a minute."
                )
                next_due = None
            now = utcnow()
            wait = self._idle if next_due is None else max(next_due - now, timedelta(0))
            self._wake.wait(min(wait, self._idle).total_seconds())
            self._wake.clear()
