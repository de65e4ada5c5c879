"""The socket hand-off between Longhand processes: one JSON line each way, in a folder only the user enters."""

from __future__ import annotations

import socket
import stat
import threading

import pytest

from editor.core import handoff


def serve_one(listener: handoff.Listener, answer: dict) -> threading.Thread:
    def run() -> None:
        received = listener.accept(timeout=10)
        if received is not None:
            conn, message = received
            answer["got"] = message
            handoff.reply(conn, ok=True, message="done")

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_a_message_and_its_answer(tmp_path):
    path = handoff.socket_path(tmp_path, "window")
    with handoff.Listener(path) as listener:
        seen: dict = {}
        thread = serve_one(listener, seen)
        assert handoff.send(path, {"kind": "open", "targets": ["/tmp/é.md"]}) == {"ok": True, "message": "done"}
        thread.join()
    assert seen["got"] == {"kind": "open", "targets": ["/tmp/é.md"]}
    assert not path.exists()  # closing the listener removes its socket


def test_the_socket_folder_is_the_users_alone(tmp_path):
    path = handoff.socket_path(tmp_path, "window")
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    with handoff.Listener(path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_long_data_folder_gets_a_short_socket_path(tmp_path):
    deep = tmp_path / ("d" * 60) / ("e" * 60)
    path = handoff.socket_path(deep, "window")
    assert len(str(path)) < 108
    assert path == handoff.socket_path(deep, "window")  # the same folder every time, for both sides
    with handoff.Listener(path):
        pass


def test_nobody_listening_and_a_socket_left_by_a_dead_process(tmp_path):
    path = handoff.socket_path(tmp_path, "window")
    with pytest.raises(handoff.HandoffError, match="No Longhand is listening"):
        handoff.send(path, {"kind": "open"})
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(str(path))
    dead.close()  # the file stays, nobody accepts
    with pytest.raises(handoff.HandoffError, match="No Longhand is listening"):
        handoff.send(path, {"kind": "open"})
    with handoff.Listener(path) as listener:  # a new listener takes the place of the dead one
        thread = serve_one(listener, {})
        assert handoff.send(path, {"kind": "open"})["ok"] is True
        thread.join()


def test_garbage_is_answered_with_an_error_and_the_listener_goes_on(tmp_path):
    path = handoff.socket_path(tmp_path, "window")
    with handoff.Listener(path) as listener:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.connect(str(path))
            client.sendall(b"[1, 2]\n")
            assert listener.accept(timeout=5) is None
            assert handoff.decode(handoff.read_line(client)) == {
                "ok": False,
                "message": "Another Longhand sent a message this one does not understand.",
            }
        thread = serve_one(listener, {})
        assert handoff.send(path, {"kind": "open"})["ok"] is True
        thread.join()


def test_no_answer_in_time(tmp_path):
    path = handoff.socket_path(tmp_path, "window")
    with handoff.Listener(path):  # listening, never accepting
        with pytest.raises(handoff.HandoffError, match="did not answer in time"):
            handoff.send(path, {"kind": "open"}, timeout=0.3)
