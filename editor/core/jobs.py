"""Outbox jobs in the store: every remote operation, persisted before it is tried."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any

from .model import DraftState, Job, JobKind, JobState
from .rows import dump_time, load_time
from .store import Store, StoreError

UNFINISHED = (JobState.QUEUED, JobState.RUNNING, JobState.FAILED, JobState.CONFLICT)


class JobNotFound(StoreError):
    """No outbox job with that id."""


def _job(row: sqlite3.Row) -> Job:
    return Job(id=row["id"], kind=JobKind(row["kind"]), account_id=row["account_id"], draft_id=row["draft_id"],
               state=JobState(row["state"]), payload=json.loads(row["payload"]), attempts=row["attempts"],
               next_attempt_at=load_time(row["next_attempt_at"]), last_error=row["last_error"],
               create_sent_at=load_time(row["create_sent_at"]), created_at=load_time(row["created_at"]),
               updated_at=load_time(row["updated_at"]))


class Jobs:
    """The jobs table."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def enqueue(self, kind: JobKind, account_id: int, draft_id: int | None, payload: dict[str, Any], *,
                coalesce: bool = True) -> Job:
        """Queue a job. With `coalesce`, a queued (not yet running) job for the same draft, blog and kind
        is updated instead, so pressing Publish twice while offline sends the post once."""
        now = self.store.clock()
        with self.store.transaction("queue the job") as conn:
            row = conn.execute("SELECT id FROM jobs WHERE kind = ? AND account_id = ? AND draft_id IS ? "
                               "AND state IN (?, ?, ?)",
                               (kind, account_id, draft_id, JobState.QUEUED, JobState.FAILED,
                                JobState.CONFLICT)).fetchone() if coalesce else None
            if row:
                conn.execute("UPDATE jobs SET payload = ?, state = ?, next_attempt_at = ?, last_error = '', "
                             "updated_at = ? WHERE id = ?",
                             (json.dumps(payload), JobState.QUEUED, dump_time(now), dump_time(now), row["id"]))
                job_id = row["id"]
            else:
                job_id = conn.execute(
                    "INSERT INTO jobs (kind, account_id, draft_id, state, payload, next_attempt_at, created_at, "
                    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (kind, account_id, draft_id, JobState.QUEUED, json.dumps(payload), dump_time(now),
                     dump_time(now), dump_time(now))).lastrowid
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
            rows = conn.execute(f"SELECT * FROM jobs {where} ORDER BY id DESC",
                                UNFINISHED if unfinished_only else ()).fetchall()
        return [_job(row) for row in rows]

    def due(self, now: datetime | None) -> list[Job]:
        """Queued jobs whose time has come (every queued job when `now` is None), oldest first."""
        with self.store.transaction("read the outbox", write=False) as conn:
            rows = conn.execute("SELECT * FROM jobs WHERE state = ? AND (? IS NULL OR next_attempt_at IS NULL "
                                "OR next_attempt_at <= ?) ORDER BY id",
                                (JobState.QUEUED, dump_time(now), dump_time(now))).fetchall()
        return [_job(row) for row in rows]

    def next_due(self) -> datetime | None:
        """When the next queued job is due, if any."""
        with self.store.transaction("read the outbox", write=False) as conn:
            row = conn.execute("SELECT MIN(next_attempt_at) AS at FROM jobs WHERE state = ?",
                               (JobState.QUEUED,)).fetchone()
        return load_time(row["at"]) if row and row["at"] else None

    def update(self, job_id: int, **changes: Any) -> Job:
        """Change a job's columns (state, attempts, next_attempt_at, last_error, create_sent_at, payload)."""
        encoded = {key: dump_time(value) if isinstance(value, datetime) else
                   json.dumps(value) if key == "payload" else value for key, value in changes.items()}
        encoded["updated_at"] = dump_time(self.store.clock())
        assignments = ", ".join(f"{key} = ?" for key in encoded)
        with self.store.transaction("update the outbox") as conn:
            conn.execute(f"UPDATE jobs SET {assignments} WHERE id = ?", (*encoded.values(), job_id))
        return self.get(job_id)

    def recover_interrupted(self) -> int:
        """Jobs left RUNNING by a crash or a kill go back to the queue (their create mark kept)."""
        with self.store.transaction("update the outbox") as conn:
            return conn.execute("UPDATE jobs SET state = ? WHERE state = ?",
                                (JobState.QUEUED, JobState.RUNNING)).rowcount

    def draft_states(self) -> dict[int, DraftState]:
        """What the drafts list shows for every draft, in one query: its newest publish job decides,
        else whether it has ever been on a blog."""
        with self.store.transaction("read the outbox", write=False) as conn:
            rows = conn.execute(
                "SELECT d.id, d.remote_id, (SELECT state FROM jobs WHERE draft_id = d.id AND kind = ? "
                "ORDER BY id DESC LIMIT 1) AS state FROM drafts d WHERE d.deleted_at IS NULL", (JobKind.PUBLISH,)
            ).fetchall()
        return {row["id"]: _draft_state(row["state"], row["remote_id"]) for row in rows}


def _draft_state(job_state: str | None, remote_id: str | None) -> DraftState:
    return {
        JobState.QUEUED: DraftState.QUEUED, JobState.RUNNING: DraftState.PUBLISHING,
        JobState.FAILED: DraftState.FAILED, JobState.CONFLICT: DraftState.CONFLICT,
    }.get(job_state, DraftState.PUBLISHED if remote_id else DraftState.LOCAL)
