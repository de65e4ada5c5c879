"""Outbox jobs in the store: every remote operation, persisted before it is tried.

The window and any number of `longhand` commands share the table. A job runs only once it has been
claimed, by one UPDATE that a single process can win; the winner holds a lease it keeps renewing, and
only a job whose lease ran out (its runner crashed or was killed) goes back to the queue.
"""

from __future__ import annotations

import builtins
import json
import logging
import sqlite3
import threading
from datetime import datetime, timedelta
from typing import Any

from .model import DraftState, Job, JobKind, JobState
from .rows import dump_time, load_time
from .store import Store, StoreError

log = logging.getLogger(__name__)

UNFINISHED = (JobState.QUEUED, JobState.RUNNING, JobState.FAILED, JobState.CONFLICT)


class JobNotFound(StoreError):
    """No outbox job with that id."""


def _job(row: sqlite3.Row) -> Job:
    return Job(
        id=row["id"],
        kind=JobKind(row["kind"]),
        account_id=row["account_id"],
        draft_id=row["draft_id"],
        state=JobState(row["state"]),
        payload=json.loads(row["payload"]),
        attempts=row["attempts"],
        next_attempt_at=load_time(row["next_attempt_at"]),
        last_error=row["last_error"],
        create_sent_at=load_time(row["create_sent_at"]),
        update_sent_at=load_time(row["update_sent_at"]),
        created_at=load_time(row["created_at"]),
        updated_at=load_time(row["updated_at"]),
        runner=row["runner"],
        lease_until=load_time(row["lease_until"]),
        notes=row["notes"],
    )


class Jobs:
    """The jobs table."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def enqueue(
        self, kind: JobKind, account_id: int, draft_id: int | None, payload: dict[str, Any], *, coalesce: bool = True
    ) -> Job:
        """Queue a job. With `coalesce`, a queued (not yet running) job for the same draft, blog and kind
        is updated instead, so pressing Publish twice while offline sends the post once."""
        now = self.store.clock()
        with self.store.transaction("queue the job") as conn:
            row = (
                conn.execute(
                    "SELECT id FROM jobs WHERE kind = ? AND account_id = ? AND draft_id IS ? AND state IN (?, ?, ?)",
                    (kind, account_id, draft_id, JobState.QUEUED, JobState.FAILED, JobState.CONFLICT),
                ).fetchone()
                if coalesce
                else None
            )
            if row:
                conn.execute(
                    "UPDATE jobs SET payload = ?, state = ?, next_attempt_at = ?, last_error = '', "
                    "updated_at = ? WHERE id = ?",
                    (json.dumps(payload), JobState.QUEUED, dump_time(now), dump_time(now), row["id"]),
                )
                job_id = row["id"]
            else:
                job_id = conn.execute(
                    "INSERT INTO jobs (kind, account_id, draft_id, state, payload, next_attempt_at, created_at, "
                    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        kind,
                        account_id,
                        draft_id,
                        JobState.QUEUED,
                        json.dumps(payload),
                        dump_time(now),
                        dump_time(now),
                        dump_time(now),
                    ),
                ).lastrowid
        return self.get(job_id)

    def get(self, job_id: int) -> Job:
        """One job."""
        with self.store.transaction("read the outbox", write=False) as conn:
            row = conn.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            raise JobNotFound(f"There is no outbox job {job_id}.")
        return _job(row)

    def list(self, *, unfinished_only: bool = False) -> list[Job]:
        """Jobs, newest first."""
        where = f"WHERE state IN ({', '.join('?' * len(UNFINISHED))})" if unfinished_only else ""
        with self.store.transaction("read the outbox", write=False) as conn:
            rows = conn.execute(
                f"SELECT * FROM jobs {where} ORDER BY id DESC", UNFINISHED if unfinished_only else ()
            ).fetchall()
        return [_job(row) for row in rows]

    def due(self, now: datetime | None) -> builtins.list[Job]:  # (`list` here is the method above)
        """Queued jobs whose time has come (every queued job when `now` is None), oldest first. Reading
        them is not running them: a runner must `claim` each first."""
        with self.store.transaction("read the outbox", write=False) as conn:
            rows = conn.execute(
                "SELECT * FROM jobs WHERE state = ? AND (? IS NULL OR next_attempt_at IS NULL "
                "OR next_attempt_at <= ?) ORDER BY id",
                (JobState.QUEUED, dump_time(now), dump_time(now)),
            ).fetchall()
        return [_job(row) for row in rows]

    def claim(self, job_id: int, runner: str, lease: timedelta, *, now: datetime | None) -> Job | None:
        """Take a queued job for `runner`, or None when another runner took it first (or it is no longer
        queued, or, with `now`, not yet due). One statement, so of two processes only one can win."""
        at = self.store.clock()
        with self.store.transaction("claim the job") as conn:
            won = conn.execute(
                "UPDATE jobs SET state = ?, runner = ?, lease_until = ?, attempts = attempts + 1, updated_at = ? "
                "WHERE id = ? AND state = ? AND (? IS NULL OR next_attempt_at IS NULL OR next_attempt_at <= ?)",
                (
                    JobState.RUNNING,
                    runner,
                    dump_time(at + lease),
                    dump_time(at),
                    job_id,
                    JobState.QUEUED,
                    dump_time(now),
                    dump_time(now),
                ),
            ).rowcount
        return self.get(job_id) if won else None

    def renew(self, runner: str, lease: timedelta) -> int:
        """Extend the lease of every job `runner` holds (a live runner calls this while it works)."""
        with self.store.transaction("renew the outbox lease") as conn:
            return conn.execute(
                "UPDATE jobs SET lease_until = ? WHERE state = ? AND runner = ?",
                (dump_time(self.store.clock() + lease), JobState.RUNNING, runner),
            ).rowcount

    def release(self, job_id: int, runner: str, **changes: Any) -> Job:
        """End `runner`'s hold on a job, saving `changes` (its new state...) with it. A runner whose lease
        ran out and whose job went back to the queue changes nothing: the job is someone else's now."""
        changes = {**changes, "runner": None, "lease_until": None}
        held = self._update(job_id, changes, "AND runner = ?", (runner,))
        if not held:
            log.warning("job %s was no longer held by %s when it ended; its new state was not saved", job_id, runner)
        return self.get(job_id)

    def next_due(self) -> datetime | None:
        """When the next queued job is due, if any."""
        with self.store.transaction("read the outbox", write=False) as conn:
            row = conn.execute(
                "SELECT MIN(next_attempt_at) AS at FROM jobs WHERE state = ?", (JobState.QUEUED,)
            ).fetchone()
        return load_time(row["at"]) if row and row["at"] else None

    def update(self, job_id: int, **changes: Any) -> Job:
        """Change a job's columns (state, attempts, next_attempt_at, last_error, create_sent_at, payload)."""
        self._update(job_id, changes)
        return self.get(job_id)

    def _update(
        self, job_id: int, changes: dict[str, Any], condition: str = "", params: tuple[object, ...] = ()
    ) -> int:
        encoded = {
            key: dump_time(value) if isinstance(value, datetime) else json.dumps(value) if key == "payload" else value
            for key, value in changes.items()
        }
        encoded["updated_at"] = dump_time(self.store.clock())
        assignments = ", ".join(f"{key} = ?" for key in encoded)
        with self.store.transaction("update the outbox") as conn:
            return int(
                conn.execute(
                    f"UPDATE jobs SET {assignments} WHERE id = ? {condition}", (*encoded.values(), job_id, *params)
                ).rowcount
            )

    def requeue_expired(self) -> int:
        """Jobs whose runner stopped renewing its lease (crashed, killed, the laptop died) go back to the
        queue, their create mark kept; a job a live runner holds is never touched. A job left RUNNING by a
        Longhand that knew no leases has none, and counts as expired."""
        with self.store.transaction("update the outbox") as conn:
            return conn.execute(
                "UPDATE jobs SET state = ?, runner = NULL, lease_until = NULL WHERE state = ? "
                "AND (lease_until IS NULL OR lease_until < ?)",
                (JobState.QUEUED, JobState.RUNNING, dump_time(self.store.clock())),
            ).rowcount

    def draft_states(self) -> dict[int, DraftState]:
        """What the drafts list shows for every draft, in one query: its newest publish job decides,
        else whether it has ever been on a blog."""
        with self.store.transaction("read the outbox", write=False) as conn:
            rows = conn.execute(
                "SELECT d.id, d.remote_id, (SELECT state FROM jobs WHERE draft_id = d.id AND kind = ? "
                "ORDER BY id DESC LIMIT 1) AS state FROM drafts d WHERE d.deleted_at IS NULL",
                (JobKind.PUBLISH,),
            ).fetchall()
        return {row["id"]: _draft_state(row["state"], row["remote_id"]) for row in rows}


_JOB_TO_DRAFT: dict[str, DraftState] = {
    JobState.QUEUED: DraftState.QUEUED,
    JobState.RUNNING: DraftState.PUBLISHING,
    JobState.FAILED: DraftState.FAILED,
    JobState.CONFLICT: DraftState.CONFLICT,
}


def _draft_state(job_state: str | None, remote_id: str | None) -> DraftState:
    fallback = DraftState.PUBLISHED if remote_id else DraftState.LOCAL
    return _JOB_TO_DRAFT.get(job_state, fallback) if job_state is not None else fallback


class LeaseKeeper:
    """While a runner works, renews the lease of the jobs it holds from a thread of its own, so a long
    upload or a slow blog does not let the lease run out under a live runner."""

    def __init__(self, jobs: Jobs, runner: str, lease: timedelta) -> None:
        self._jobs, self._runner, self._lease = jobs, runner, lease
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name="longhand-lease", daemon=True)

    def __enter__(self) -> LeaseKeeper:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _beat(self) -> None:
        while not self._stop.wait(self._lease.total_seconds() / 4):
            try:
                self._jobs.renew(self._runner, self._lease)
            except StoreError:  # a busy or full disk: the next beat tries again, well within the lease
                log.warning("could not renew the outbox lease of %s", self._runner, exc_info=True)
