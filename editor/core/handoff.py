"""Handing a message to another Longhand process over a local socket in the data folder.

A second `longhand` gives its files and URLs to the running window; `longhand open-url` gives a
browser's callback to the process that asked for it (the window, or a waiting `longhand accounts
connect`). A message is one JSON object on one line; the answer is one JSON object on one line,
`{"ok": bool, "message": str}`. The sockets live in a folder only the user may enter, since a
callback carries a password.

Plain sockets, no Qt: the command line hands over without loading Qt, and the window's side (a
QLocalServer in `editor.ui.instance`) speaks the same lines.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import tempfile
from pathlib import Path
from typing import Any

WINDOW = "window"
# A Unix socket's path holds at most 107 bytes; longer data folders get theirs in the temp folder.
_MAX_PATH = 100
_MAX_MESSAGE = 1 << 20


class HandoffError(Exception):
    """Nobody listens on that socket, or the exchange broke off; str() is one sentence."""


def socket_folder(data_dir: Path) -> Path:
    """The folder of the sockets of `data_dir`, made if missing, readable by the user only."""
    folder = data_dir / "run"
    if len(str(folder.resolve())) + 40 > _MAX_PATH:
        digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
        folder = Path(tempfile.gettempdir()) / f"longhand-{os.getuid()}" / digest
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    folder.chmod(0o700)  # mkdir's mode is filtered by the umask, and an existing folder keeps its own
    return folder


def socket_path(data_dir: Path, name: str) -> Path:
    """Where the socket called `name` (WINDOW, or a connect request's id) of `data_dir` lives."""
    return socket_folder(data_dir) / f"{name}.sock"


def encode(message: dict[str, Any]) -> bytes:
    """One message as sent: JSON on one line."""
    return json.dumps(message, ensure_ascii=True).encode("ascii") + b"\n"


def decode(line: bytes) -> dict[str, Any]:
    """One received line as a message; HandoffError when it is not a JSON object."""
    try:
        message = json.loads(line)
    except ValueError as exc:
        raise HandoffError("Another Longhand sent a message this one does not understand.") from exc
    if not isinstance(message, dict):
        raise HandoffError("Another Longhand sent a message this one does not understand.")
    return message


def read_line(conn: socket.socket) -> bytes:
    """Bytes up to the first newline (without it); HandoffError if the peer closes first."""
    data = bytearray()
    while b"\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            raise HandoffError("The other Longhand closed the connection without an answer.")
        data += chunk
        if len(data) > _MAX_MESSAGE:
            raise HandoffError("The other Longhand sent a message too long to be one of Longhand's.")
    return bytes(data.split(b"\n", 1)[0])


def send(path: Path, message: dict[str, Any], *, timeout: float = 90.0) -> dict[str, Any]:
    """Give `message` to whoever listens on `path` and return the answer. HandoffError when nobody
    listens there (no file, or a socket left by a process that died) or no answer comes in time."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(timeout)
        try:
            conn.connect(str(path))
        except OSError as exc:  # FileNotFoundError, ConnectionRefusedError: nobody there
            raise HandoffError("No Longhand is listening.") from exc
        try:
            conn.sendall(encode(message))
            return decode(read_line(conn))
        except TimeoutError as exc:
            raise HandoffError("The other Longhand did not answer in time.") from exc
        except OSError as exc:
            raise HandoffError("The connection to the other Longhand broke off.") from exc


class Listener:
    """A socket that takes messages one at a time (the waiting `accounts connect` uses it; the window
    has its own, in Qt). Close it to remove the socket file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.unlink(missing_ok=True)  # a socket file left by a process that died
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._sock.bind(str(path))
        path.chmod(0o600)
        self._sock.listen(4)

    def accept(self, timeout: float | None) -> tuple[socket.socket, dict[str, Any]] | None:
        """The next message and the connection to answer it on, or None when `timeout` passed first.
        A client that sends nothing sensible is answered with an error and skipped."""
        self._sock.settimeout(timeout)
        try:
            conn, _ = self._sock.accept()
        except TimeoutError:
            return None
        conn.settimeout(10.0)
        try:
            return conn, decode(read_line(conn))
        except (HandoffError, OSError) as exc:
            reply(conn, ok=False, message=str(exc))
            return None

    def close(self) -> None:
        """Stop listening and remove the socket file."""
        self._sock.close()
        self.path.unlink(missing_ok=True)

    def __enter__(self) -> Listener:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def reply(conn: socket.socket, *, ok: bool, message: str) -> None:
    """Answer a message and close the connection (a client already gone is no error)."""
    try:
        conn.sendall(encode({"ok": ok, "message": message}))
    except OSError:
        pass
    finally:
        conn.close()
