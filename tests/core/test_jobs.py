"""Outbox jobs shared by processes: a claim only one runner can win, a lease a live runner keeps, and
only a dead runner's jobs go back to the queue."""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from editor.core.jobs import Jobs
from editor.core.model import JobKind, JobState
from editor.core.outbox import Outbox
from editor.core.paths import database_path
from editor.core.store import Store, StoreError

LEASE = timedelta(seconds=60)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 6, 12, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now


def add_blog(folder: Path) -> int:
    # A row only: these tests never reach a blog, so no password is needed in a keyring.
    with sqlite3.connect(database_path(folder)) as conn:
        return conn.execute(
            "INSERT INTO accounts (name, backend, base_url, username, created_at) VALUES "
            "('b', 'wordpress', 'https://blog.example', 'me', '2026-01-01T00:00:00+00:00')"
        ).lastrowid


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    Store.open(tmp_path).close()
    return tmp_path


def test_of_two_runners_racing_for_every_job_each_job_is_claimed_once(folder):
    account = add_blog(folder)
    with Store.open(folder) as store:
        ids = [
            Jobs(store).enqueue(JobKind.COMMENT_REPLY, account, None, {"n": n}, coalesce=False).id for n in range(40)
        ]
    won: dict[str, list[int]] = {"a": [], "b": []}
    start = threading.Barrier(2)

    def runner(name: str) -> None:
        with Store.open(folder) as store:  # its own connection, as another process has
            jobs = Jobs(store)
            start.wait()
            for job_id in ids:
                if jobs.claim(job_id, name, LEASE, now=None) is not None:
                    won[name].append(job_id)

    threads = [threading.Thread(target=runner, args=(name,)) for name in won]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(won["a"] + won["b"]) == ids
    with Store.open(folder) as store:
        assert {job.runner for job in Jobs(store).list()} <= {"a", "b"}
        assert all(job.state is JobState.RUNNING and job.attempts == 1 for job in Jobs(store).list())


def test_a_claim_respects_the_due_time_and_the_state(folder):
    account = add_blog(folder)
    clock = Clock()
    with Store.open(folder, clock=clock) as store:
        jobs = Jobs(store)
        job = jobs.enqueue(JobKind.PUBLISH, account, None, {})
        jobs.update(job.id, next_attempt_at=clock.now + timedelta(minutes=5))
        assert jobs.claim(job.id, "a", LEASE, now=clock.now) is None  # not due yet
        assert jobs.claim(job.id, "a", LEASE, now=None) is not None  # "send now" takes it anyway
        assert jobs.claim(job.id, "b", LEASE, now=None) is None  # running: nobody else gets it


def test_only_a_lease_that_ran_out_puts_a_job_back_in_the_queue(folder):
    account = add_blog(folder)
    clock = Clock()
    with Store.open(folder, clock=clock) as store:
        jobs = Jobs(store)
        live = jobs.claim(
            jobs.enqueue(JobKind.PUBLISH, account, None, {"n": 1}, coalesce=False).id, "live", LEASE, now=None
        )
        dead = jobs.claim(
            jobs.enqueue(JobKind.PUBLISH, account, None, {"n": 2}, coalesce=False).id, "dead", LEASE, now=None
        )
        clock.now += LEASE * 3 / 4
        assert jobs.requeue_expired() == 0  # the window starting now must leave both alone
        assert jobs.renew("live", LEASE) == 1
        clock.now += LEASE * 3 / 4
        assert jobs.requeue_expired() == 1
        assert jobs.get(live.id).state is JobState.RUNNING and jobs.get(live.id).runner == "live"
        assert jobs.get(dead.id).state is JobState.QUEUED and jobs.get(dead.id).runner is None


def test_a_runner_that_lost_its_job_does_not_overwrite_the_new_runners_result(folder):
    account = add_blog(folder)
    clock = Clock()
    with Store.open(folder, clock=clock) as store:
        jobs = Jobs(store)
        job = jobs.claim(jobs.enqueue(JobKind.PUBLISH, account, None, {}).id, "slow", LEASE, now=None)
        clock.now += LEASE * 2
        jobs.requeue_expired()
        jobs.claim(job.id, "fresh", LEASE, now=None)
        jobs.release(job.id, "fresh", state=JobState.DONE)
        assert jobs.release(job.id, "slow", state=JobState.FAILED, last_error="late").state is JobState.DONE


def test_a_job_left_running_by_a_longhand_without_leases_is_taken_back(folder):
    account = add_blog(folder)
    with Store.open(folder) as store:
        jobs = Jobs(store)
        job = jobs.enqueue(JobKind.PUBLISH, account, None, {})
        jobs.update(job.id, state=JobState.RUNNING)
        assert jobs.requeue_expired() == 1


def test_retrying_a_job_another_runner_is_sending_is_refused(folder):
    account = add_blog(folder)
    with Store.open(folder) as store:
        outbox = Outbox(store)
        job = outbox.jobs.claim(outbox.jobs.enqueue(JobKind.PUBLISH, account, None, {}).id, "other", LEASE, now=None)
        with pytest.raises(StoreError, match="being sent right now"):
            outbox.retry(job.id)


def test_a_runner_renews_its_lease_while_a_job_takes_long(folder, monkeypatch):
    account = add_blog(folder)
    with Store.open(folder) as store:
        outbox = Outbox(store, lease=timedelta(seconds=0.4), is_reachable=lambda url: True)
        outbox.jobs.enqueue(JobKind.DELETE, account, None, {}, coalesce=False)
        seen: list[datetime | None] = []

        def slow_backend(account):  # the job's work: 1 s, more than two leases
            for _ in range(5):
                threading.Event().wait(0.2)
                [job] = outbox.jobs.list()
                seen.append(job.lease_until)
                assert outbox.jobs.requeue_expired() == 0, "a live runner's job was taken back"
            raise StoreError("stop here")

        monkeypatch.setattr(outbox, "_backend", slow_backend)
        [job] = outbox.run_due(now=True)
        assert job.state is JobState.FAILED and job.runner is None
        assert len(set(seen)) >= 3  # renewed along the way


def test_upgrading_a_store_drops_user_info_from_addresses_and_takes_back_running_jobs(tmp_path):
    from editor.core.schema import MIGRATIONS

    with sqlite3.connect(database_path(tmp_path)) as conn:  # a store as Longhand 0.1 left it
        for migrate in MIGRATIONS[:4]:
            migrate(conn)
        conn.execute("PRAGMA user_version = 4")
        conn.execute(
            "INSERT INTO accounts (name, backend, base_url, username, created_at) VALUES ('b', "
            "'wordpress', 'https://ada:s3cret@blog.example/wp', 'ada', '2026-01-01T00:00:00+00:00')"
        )
        conn.execute(
            "INSERT INTO jobs (kind, account_id, state, created_at, updated_at) VALUES ('publish', 1, "
            "'running', '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')"
        )
    with Store.open(tmp_path) as store:
        with store.transaction(write=False) as conn:
            assert conn.execute("SELECT base_url FROM accounts").fetchone()[0] == "https://blog.example/wp"
        jobs = Jobs(store)
        assert jobs.requeue_expired() == 1  # left running by a Longhand without leases
        assert jobs.list()[0].state is JobState.QUEUED


def test_a_job_that_meets_a_bug_is_retried_later_and_the_others_still_run(folder, monkeypatch, caplog):
    account = add_blog(folder)
    with Store.open(folder) as store:
        outbox = Outbox(store, is_reachable=lambda url: True)
        for n in range(2):
            outbox.jobs.enqueue(JobKind.DELETE, account, None, {"n": n}, coalesce=False)
        calls = []

        def backend(account):
            calls.append(account.id)
            if len(calls) == 1:
                raise KeyError("a bug")  # injected: no real blog makes Longhand's own code fail
            raise StoreError("second job: a plain failure")

        monkeypatch.setattr(outbox, "_backend", backend)
        first, second = outbox.run_due(now=True)
    assert first.state is JobState.QUEUED and "unexpected error (KeyError)" in first.last_error
    assert first.runner is None and first.next_attempt_at is not None
    assert second.state is JobState.FAILED  # reached, though the first one broke
    assert any(record.exc_info for record in caplog.records)
