"""One window per data folder: the lock that decides who serves it, and the window's end of the hand-off.

Whoever holds `window.lock` in the data folder (fcntl.flock, held for the window's life, dropped by the
kernel when the process dies, even by kill -9) opens the window and listens on the folder's window
socket (`editor.core.handoff`). Any other `longhand` gives its files to that window and exits: if the
winner is still starting, it retries until the winner listens, or takes the lock itself should the
winner die first.

The window's server speaks handoff's lines: one JSON object in, one out. It emits `message_received`
with the message and an `answer(ok, message)` to call once, possibly much later; `Router` sends each
kind of message to its handler and refuses the kinds nobody handles.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

from ..core import handoff

try:  # Linux is the target; elsewhere every start opens a window of its own rather than failing.
    import fcntl
except ImportError:  # pragma: no cover - not Linux
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = "window.lock"
HANDOVER_SECONDS = 20.0  # how long a loser waits for the winner to listen (QtWebEngine starts slowly)
ANSWER_SECONDS = 60.0  # how long it then waits for the answer
RETRY_SECONDS = 0.1
IDLE_MS = 10_000  # a client that connects and sends no line is dropped after this
MAX_MESSAGE = 1 << 20

Answer = Callable[[bool, str], None]
Handler = Callable[[dict[str, Any], Answer], None]

log = logging.getLogger(__name__)


class WindowLock:
    """The data folder's window lock, held until `release()` (or the process ends)."""

    def __init__(self, fd: int | None) -> None:
        self._fd = fd

    @classmethod
    def acquire(cls, data_dir: Path) -> WindowLock | None:
        """The lock if nobody holds it, else None (another process serves, or is about to)."""
        if fcntl is None:
            return cls(None)
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(data_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            # A folder that cannot hold the lock cannot hold the store either: the window says so.
            return cls(None)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
        except OSError:  # a file system without locks (some network ones): serve without the guarantee
            os.close(fd)
            return cls(None)
        return cls(fd)

    def release(self) -> None:
        """Let another process serve the folder."""
        if self._fd is not None:
            os.close(self._fd)  # closing the last descriptor drops the flock
            self._fd = None

    def __enter__(self) -> WindowLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def claim(data_dir: Path, targets: list[str], *, wait: float = HANDOVER_SECONDS) -> WindowLock | int:
    """The window lock, when this process is to open the window; otherwise the exit status after handing
    `targets` to the window that serves `data_dir` (0 when it took them)."""
    deadline = time.monotonic() + wait
    message = {"kind": "open", "targets": targets}
    while True:
        lock = WindowLock.acquire(data_dir)
        if lock is not None:
            return lock
        try:
            path = handoff.socket_path(data_dir, handoff.WINDOW)
        except OSError as exc:
            print(f"longhand: cannot reach the Longhand window: {exc.strerror or exc}.", file=sys.stderr)
            return 1
        try:
            answer = handoff.send(path, message, timeout=ANSWER_SECONDS)
        except handoff.HandoffError as exc:
            # Nobody listens yet (the winner is starting) or it went away: try again, unless it hangs.
            if isinstance(exc.__cause__, TimeoutError):
                print(f"longhand: {exc}", file=sys.stderr)
                return 1
            if time.monotonic() > deadline:
                print(
                    "longhand: another Longhand is opening its window on this data folder but does not answer.",
                    file=sys.stderr,
                )
                return 1
            time.sleep(RETRY_SECONDS)
            continue
        if not answer.get("ok"):
            print(f"longhand: {answer.get('message')}", file=sys.stderr)
            return 1
        return 0


def bring_to_front(window: QWidget) -> None:
    """Show the window above the others. (On X11 the window manager may refuse to hand it the focus.)"""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


class Router:
    """What the window does with each kind of message: `routes` maps a kind to its handler, which must
    call its answer once. A kind nobody handles is refused; a handler that fails answers with an error."""

    def __init__(self, routes: Mapping[str, Handler]) -> None:
        self.routes = dict(routes)

    def __call__(self, message: dict[str, Any], answer: Answer) -> None:
        kind = message.get("kind")
        handler = self.routes.get(kind) if isinstance(kind, str) else None
        if handler is None:
            answer(False, f"This Longhand window does not take messages of the kind {kind!r}.")
            return
        try:
            handler(message, answer)
        except Exception:  # noqa: BLE001 - the other Longhand waits for an answer; the bug goes to the log
            log.exception("handling a %r message", kind)
            answer(False, "The Longhand window failed to do that; see its log.")


class _Client(QObject):
    """One connection: reads a line, hands it on, writes the one answer and hangs up. It lives until it
    has answered, even when the other side hung up first, so a late answer always finds it."""

    _answer_ready = Signal(bool, str)

    def __init__(self, socket: QLocalSocket, server: InstanceServer) -> None:
        super().__init__(server)
        self._socket = socket
        socket.setParent(self)
        self._server = server
        self._buffer = bytearray()
        self._read_line = False
        self._answered = False
        self._answer_lock = threading.Lock()
        self._idle = QTimer(self, singleShot=True, interval=IDLE_MS)
        self._idle.timeout.connect(lambda: self.answer(False, "Nothing was sent."))
        self._idle.start()
        # Queued when answer() is called on another thread: the socket is used on its own thread only.
        self._answer_ready.connect(self._send)
        socket.readyRead.connect(self._read)
        socket.disconnected.connect(self._gone)
        self._read()  # the line may have come with the connection

    def _read(self) -> None:
        if self._read_line or self._answered:
            return
        self._buffer += bytes(self._socket.readAll().data())
        if b"\n" not in self._buffer:
            if len(self._buffer) > MAX_MESSAGE:
                self.answer(False, "The message is too long to be one of Longhand's.")
            return
        self._read_line = True  # one line per connection; anything after it is ignored
        self._idle.stop()
        line = bytes(self._buffer.split(b"\n", 1)[0])
        try:
            message = handoff.decode(line)
        except handoff.HandoffError as exc:
            self.answer(False, str(exc))
            return
        self._server.message_received.emit(message, self.answer)

    def answer(self, ok: bool, message: str) -> None:
        """Send the answer, from any thread; only the first call counts, and a client gone is no error."""
        with self._answer_lock:
            if self._answered:
                return
            self._answered = True
        self._answer_ready.emit(bool(ok), str(message))

    def _send(self, ok: bool, message: str) -> None:
        self._idle.stop()
        if self._socket.state() == QLocalSocket.LocalSocketState.ConnectedState:
            self._socket.write(handoff.encode({"ok": ok, "message": message}))
            self._socket.disconnectFromServer()  # once the answer is out; then _gone
        else:
            self.deleteLater()

    def _gone(self) -> None:
        with self._answer_lock:
            waiting = self._read_line and not self._answered
            self._answered = self._answered or not self._read_line  # nobody holds a message to answer
        if not waiting:
            self.deleteLater()


class InstanceServer(QObject):
    """The window's socket. `listen()` early (connections wait in the queue), connect
    `message_received(message: dict, answer)`, then `serve()`. Only the holder of the window lock may
    listen: it removes whatever socket file is in the way."""

    message_received = Signal(object, object)  # (dict, Answer); object: Qt would turn a dict into a map

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.error = ""
        self._server = QLocalServer(self)
        self._serving = False

    def listen(self) -> bool:
        """Start taking connections; False, with `error` set, when the socket cannot be made."""
        name = str(self.path)
        # A socket file left by a window that was killed refuses every connection; the lock says that
        # nobody serves it now.
        QLocalServer.removeServer(name)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self._server.listen(name):
            self.error = self._server.errorString()
            return False
        try:
            self.path.chmod(0o600)
        except OSError:
            pass  # the folder is the user's only anyway (handoff.socket_folder)
        return True

    def serve(self) -> None:
        """Hand the waiting connections, and every later one, to `message_received`."""
        if not self._serving:
            self._serving = True
            self._server.newConnection.connect(self._accept)
        self._accept()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if socket is not None:
                _Client(socket, self)

    def close(self) -> None:
        """Stop listening and remove the socket file."""
        self._server.close()
