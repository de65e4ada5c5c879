"""One window per data folder. The window's server on real sockets (garbage, unknown kinds, answers that
come later), the lock, and real `longhand` processes: a second one hands its file to the window and exits,
a socket left by a killed window does not block, two started at once end with one window."""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from editor.core import handoff, linked_files, session
from editor.core.store import Store
from editor.ui.instance import InstanceServer, Router, WindowLock
from tests.longhand_cli import ROOT

STARTUP_SECONDS = 60  # a cold QtWebEngine on a busy CI machine
HANDOVER_SECONDS = 5  # the promise: a second `longhand` is back quickly


# -- the server, in this process ---------------------------------------------------------------
def raw_exchange(path: Path, data: bytes) -> bytes:
    """Send bytes as they are and read the answer line (for what handoff.send would never send)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(10)
        conn.connect(str(path))
        conn.sendall(data)
        return handoff.read_line(conn)


def in_thread(qtbot, work) -> object:
    """Run a blocking client in a thread while the event loop (and so the server) runs here."""
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            box["value"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    qtbot.waitUntil(lambda: "value" in box, timeout=15_000)
    thread.join()
    if isinstance(box["value"], BaseException):
        raise box["value"]
    return box["value"]


def test_the_server_answers_each_kind_later_refuses_the_rest_and_survives_garbage(qtbot, tmp_path):
    path = handoff.socket_path(tmp_path / "data", handoff.WINDOW)
    path.write_bytes(b"")  # a file left in the way: only the lock holder listens, so it goes
    server = InstanceServer(path)
    assert server.listen(), server.error
    seen = []

    def open_later(message, answer) -> None:  # answers later, from another thread, as a slow job would
        seen.append(message)
        threading.Timer(0.3, lambda: answer(True, f"opened {len(message['targets'])}")).start()

    server.message_received.connect(Router({"open": open_later}))
    server.serve()
    try:
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0  # the user's only
        assert stat.S_ISSOCK(path.stat().st_mode)
        assert handoff.decode(in_thread(qtbot, lambda: raw_exchange(path, b"not json\n")))["ok"] is False
        assert handoff.decode(in_thread(qtbot, lambda: raw_exchange(path, b"[1, 2]\n")))["ok"] is False
        answer = in_thread(qtbot, lambda: handoff.send(path, {"kind": "callback", "url": "longhand://x"}))
        assert answer == {"ok": False, "message": "This Longhand window does not take messages of the kind 'callback'."}
        assert in_thread(qtbot, lambda: handoff.send(path, {"targets": []}))["ok"] is False  # no kind at all
        # A client that gives up before the answer breaks nothing; the next one is served.
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as gone:
            gone.connect(str(path))
            gone.sendall(handoff.encode({"kind": "open", "targets": ["a"]}))
        qtbot.waitUntil(lambda: len(seen) == 1, timeout=5000)
        qtbot.wait(400)  # its late answer finds the connection closed
        answer = in_thread(qtbot, lambda: handoff.send(path, {"kind": "open", "targets": ["a", "b"]}))
        assert answer == {"ok": True, "message": "opened 2"}
    finally:
        server.close()
    assert not path.exists()


def test_the_window_lock_is_held_once_and_released(tmp_path):
    first = WindowLock.acquire(tmp_path / "data")
    assert first is not None
    assert WindowLock.acquire(tmp_path / "data") is None  # another open file, as another process has
    first.release()
    again = WindowLock.acquire(tmp_path / "data")
    assert again is not None
    again.release()


# -- real processes ------------------------------------------------------------------------------
def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "LONGHAND_HOME")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def longhand_argv(data: Path, *targets: Path | str) -> list[str]:
    return [sys.executable, "-m", "editor", "--data-dir", str(data), *map(str, targets)]


@pytest.fixture
def start(tmp_path) -> Iterator:
    """Starts `longhand --data-dir DATA FILE…` as a background process; every one is stopped at the end
    (terminated, then killed)."""
    started: list[subprocess.Popen] = []

    def launch(data: Path, *targets: Path | str) -> subprocess.Popen:
        log = (tmp_path / f"longhand-{len(started)}.log").open("wb")
        process = subprocess.Popen(
            longhand_argv(data, *targets), cwd=ROOT, env=environment(), stdout=log, stderr=subprocess.STDOUT
        )
        log.close()
        started.append(process)
        return process

    yield launch
    for process in started:
        if process.poll() is None:
            process.terminate()
    for process in started:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def wait_until_serving(data: Path, timeout: float = STARTUP_SECONDS) -> dict:
    """Ask the folder's window something it refuses (so it changes nothing) until it answers."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return handoff.send(handoff.socket_path(data, handoff.WINDOW), {"kind": "are you there"}, timeout=30)
        except handoff.HandoffError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def wait_for(condition, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"waited {timeout:.0f} s for {what}"
        time.sleep(0.1)


def shown_draft(data: Path, path: Path) -> tuple[int | None, str | None]:
    """The draft linked to `path`, and the draft the window shows (the one it remembers as open)."""
    with Store.open(data) as store:
        link = linked_files.find(store, path)
        return (link.draft_id if link else None), store.get_setting(session.LAST_DRAFT_KEY)


@pytest.fixture
def post(tmp_path) -> Path:
    path = tmp_path / "post.md"
    path.write_text("---\ntitle: Handed over\n---\n\nFrom a second longhand.\n", encoding="utf-8")
    return path


def test_a_second_longhand_hands_its_file_to_the_window_and_exits_at_once(start, tmp_path, post):
    data = tmp_path / "data"
    window = start(data)
    wait_until_serving(data)
    began = time.monotonic()
    # A path relative to the second command's folder means the file there, not one beside the window.
    done = subprocess.run(
        longhand_argv(data, post.name), cwd=post.parent, env=environment(), capture_output=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - began < HANDOVER_SECONDS
    draft_id, shown = shown_draft(data, post)
    assert draft_id is not None and shown == str(draft_id)  # linked, and the window shows it
    assert window.poll() is None
    nothing = subprocess.run(longhand_argv(data), cwd=ROOT, env=environment(), capture_output=True, timeout=30)
    assert nothing.returncode == 0, nothing.stderr  # `longhand` alone: the window comes forward
    missing = subprocess.run(
        longhand_argv(data, tmp_path / "missing.md"), cwd=ROOT, env=environment(), capture_output=True, timeout=30
    )
    assert missing.returncode == 1
    assert f"Cannot read {tmp_path / 'missing.md'}".encode() in missing.stderr
    with Store.open(data) as store:
        assert len(store.list_drafts()) == 2  # the welcome draft and post.md
    assert window.poll() is None


def test_a_socket_left_by_a_killed_window_does_not_block_the_next_start(start, tmp_path, post):
    data = tmp_path / "data"
    killed = start(data)
    wait_until_serving(data)
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=15)
    socket_file = handoff.socket_path(data, handoff.WINDOW)
    assert socket_file.exists()  # nobody cleaned up
    began = time.monotonic()
    with pytest.raises(handoff.HandoffError):
        handoff.send(socket_file, {"kind": "are you there"}, timeout=5)
    successor = start(data, post)
    assert wait_until_serving(data)["ok"] is False  # it answers: it serves the folder now
    assert time.monotonic() - began < STARTUP_SECONDS
    wait_for(lambda: shown_draft(data, post)[0] is not None, "post.md to be linked")
    assert successor.poll() is None


@pytest.mark.parametrize("round_", range(3))
def test_two_longhands_started_at_once_end_with_one_window(start, tmp_path, round_):
    data = tmp_path / "data"
    posts = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.md"
        path.write_text(f"# Post {name}\n", encoding="utf-8")
        posts.append(path)
    processes = [start(data, path) for path in posts]
    wait_for(lambda: any(p.poll() is not None for p in processes), "one of them to exit", STARTUP_SECONDS)
    finished = [p for p in processes if p.poll() is not None]
    assert [p.returncode for p in finished] == [0]
    serving = next(p for p in processes if p.poll() is None)
    wait_until_serving(data)
    wait_for(lambda: all(shown_draft(data, path)[0] is not None for path in posts), "both files to be linked")
    time.sleep(1)
    assert serving.poll() is None and finished[0].poll() == 0
