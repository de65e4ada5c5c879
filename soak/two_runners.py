"""Two runners: the window's outbox worker and two `longhand outbox run` processes on one data folder at
once, against a real WordPress behind a proxy that holds every create (a slow blog), so that each runner
reaches each job while another may be sending it. Every job's write must reach the blog exactly once:
counted as requests at the proxy and as posts on the blog.

The system keyring must be usable in this process and its children (the caller points them at a Secret
Service). `python -m soak.two_runners [CASES]` starts a WordPress and a Secret Service and prints the row.
"""

from __future__ import annotations

import re
import secrets
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from editor.core.model import JobState
from editor.core.outbox import Outbox, OutboxWorker
from editor.core.store import Store
from soak import world
from soak.report import Row
from tests.longhand_cli import ROOT, Longhand, proxied_longhand
from tests.wordpress_server import WordPress

JOBS = 6  # per race
CREATE_DELAY = 1.5  # seconds the proxy holds each create: every runner reaches every job meanwhile
POSTS = "/wp-json/wp/v2/posts"


@dataclass
class Race:
    """How one race ended: each job's state and attempts, the writes the proxy saw, each title's copies."""

    states: list[JobState]
    attempts: list[int]
    creates: int
    updates: int
    copies: dict[str, int]
    errors: list[str]


def race(
    wordpress: WordPress, folder: Path, *, jobs: int = JOBS, delay: float = CREATE_DELAY, commands: int = 2
) -> Race:
    """Queue `jobs` new posts in a fresh data folder, then run the window's worker and `commands` CLI
    runners on it together until every job ended; count what reached the blog."""
    with proxied_longhand(wordpress, folder, "slow") as (run, proxy):
        tag = secrets.token_hex(4)
        titles = [f"Runner race {tag} {n}" for n in range(jobs)]
        for title in titles:
            source = folder.parent / f"{title}.md"
            source.write_text(f"---\ntitle: {title}\nstatus: publish\n---\nOnce.\n", encoding="utf-8")
            run("publish", "--queue-only", str(source))
        proxy.delay = delay
        proxy.chaos(0, 1.0, faults=("delay",), only=lambda method, target: method == "POST" and target == POSTS)
        proxy.requests.clear()
        errors = _run_together(run, commands)
        writes = [target for method, target, _ in proxy.requests if method == "POST"]
        with Store.open(folder) as store:
            ended = Outbox(store).jobs.list()
    return Race(
        states=[job.state for job in ended],
        attempts=[job.attempts for job in ended],
        creates=writes.count(POSTS),
        updates=sum(bool(re.fullmatch(rf"{POSTS}/\d+", t)) for t in writes),
        copies={title: len(wordpress.posts_titled(title)) for title in titles},
        errors=errors,
    )


def _run_together(run: Longhand, commands: int, timeout: float = 120) -> list[str]:
    """The window's worker and the commands on one folder; returns what went wrong (commands' stderr)."""
    errors = []
    with Store.open(run.data) as store:
        worker = OutboxWorker(Outbox(store), idle=timedelta(seconds=0.2))
        started = [
            subprocess.Popen(
                [sys.executable, "-m", "editor", "outbox", "run"],
                cwd=ROOT,
                env=run.env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(commands)
        ]
        worker.start()
        try:
            for command in started:
                _, err = command.communicate(timeout=timeout)
                if command.returncode != 0:
                    errors.append(err.strip())
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline and any(
                job.state in (JobState.QUEUED, JobState.RUNNING) for job in Outbox(store).jobs.list()
            ):
                time.sleep(0.2)
        finally:
            worker.stop(timeout=30)
    return errors


def run(cases: int, workdir: Path, wordpress: WordPress) -> Row:
    """Races of JOBS jobs until `cases` jobs ran; a job that did not end DONE in one attempt is a failure,
    a title missing on the blog is lost, a second copy, a second create or any update is duplicated."""
    failures = lost = duplicated = creates = 0
    errors: list[str] = []
    rounds = max(1, -(-cases // JOBS))
    for n in range(rounds):
        folder = workdir / f"race-{n}" / "data"
        folder.parent.mkdir(parents=True)
        result = race(wordpress, folder)
        failures += sum(
            state is not JobState.DONE or attempts != 1
            for state, attempts in zip(result.states, result.attempts, strict=True)
        )
        lost += sum(count == 0 for count in result.copies.values())
        duplicated += sum(max(count - 1, 0) for count in result.copies.values())
        duplicated += max(result.creates - JOBS, 0) + result.updates
        creates += result.creates
        errors += result.errors
    note = (
        f"{rounds} races of {JOBS} jobs, window worker + 2 `outbox run` processes, creates held "
        f"{CREATE_DELAY:g} s: {creates} creates reached the blog for {rounds * JOBS} jobs"
    )
    if errors:
        note += "; runners said: " + " | ".join(errors[:3])
    return Row("two runners (window + 2 CLI)", rounds * JOBS, failures + len(errors), lost, duplicated, note)


if __name__ == "__main__":
    world.main(run, 48)
