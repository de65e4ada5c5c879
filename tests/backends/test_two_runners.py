"""One data folder, three runners at once: the window's outbox worker and two `longhand outbox run`
processes, against the real WordPress behind a proxy that slows every create (a slow blog: the real one
answers at once). Every job's write reaches the server exactly once: counted as requests, not only as posts.
"""

from __future__ import annotations

import secrets
import subprocess
import sys
import time

import keyring
from keyring.backends import SecretService

from editor.core.model import JobState, utcnow
from editor.core.outbox import LEASE, Outbox
from editor.core.store import Store
from soak.two_runners import JOBS, POSTS, race
from tests.longhand_cli import ROOT, proxied_longhand
from tests.wordpress_server import WordPress


def test_every_job_reaches_the_blog_once_with_three_runners(
    wordpress: WordPress, secret_service, restore_keyring, tmp_path
):
    keyring.set_keyring(SecretService.Keyring())
    result = race(wordpress, tmp_path / "data")
    assert result.errors == []
    assert result.states == [JobState.DONE] * JOBS
    assert result.attempts == [1] * JOBS
    assert (result.creates, result.updates) == (JOBS, 0)
    assert set(result.copies.values()) == {1}


def test_a_runner_killed_mid_create_leaves_the_job_to_be_taken_back_once_its_lease_runs_out(
    wordpress: WordPress, secret_service, restore_keyring, tmp_path
):
    keyring.set_keyring(SecretService.Keyring())
    with proxied_longhand(wordpress, tmp_path / "data", "killed") as (run, proxy):
        title = f"Killed runner {secrets.token_hex(4)}"
        source = tmp_path / "post.md"
        source.write_text(f"---\ntitle: {title}\nstatus: publish\n---\nOnce.\n", encoding="utf-8")
        run("publish", "--queue-only", str(source))
        # The create is held, then still reaches WordPress after its sender was killed.
        proxy.delay = 3.0
        proxy.chaos(0, 1.0, faults=("delay",), only=lambda method, target: method == "POST" and target == POSTS)
        command = subprocess.Popen(
            [sys.executable, "-m", "editor", "outbox", "run"],
            cwd=ROOT,
            env=run.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        with Store.open(run.data) as store:
            outbox = Outbox(store)
            deadline = time.monotonic() + 30
            while proxy.count("POST", POSTS) == 0 and time.monotonic() < deadline:
                time.sleep(0.05)
            assert outbox.run_due(now=True) == []  # a live runner holds it: not this one's to run
            command.kill()
            command.wait()
            time.sleep(proxy.delay + 1)  # the held create lands
            assert outbox.run_due(now=True) == []  # its runner is dead, but the lease has not run out yet
            store.clock = lambda: utcnow() + LEASE * 2
            [job] = outbox.run_due(now=True)
        assert job.state is JobState.DONE, job.last_error
        assert proxy.count("POST", POSTS) == 1  # the lost create was found, not made again
    assert job.attempts == 2
    assert len(wordpress.posts_titled(title)) == 1
