"""Running work off the UI thread: a blocking call (the network, the keyring) on a daemon thread,
its answer delivered back on the UI thread, and the sentence for an error such work hands back.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot

from ..backends.base import BackendError
from ..core.connect import ConnectError
from ..core.credentials import CredentialsError
from ..core.store import StoreError

log = logging.getLogger(__name__)

# Errors that come worded for the author; anything else is a bug, and its traceback goes to the log.
_EXPECTED = (BackendError, ConnectError, CredentialsError, StoreError)

_pending: set[_Call] = set()  # keeps each call's QObject alive until its answer is delivered


class _Call(QObject):
    """One function run on a background thread; its answer is delivered on the UI thread."""

    _finished = Signal(object, object)  # result, exception

    def __init__(
        self, fn: Callable[[], Any], on_done: Callable[[Any, BaseException | None], None], owner: QObject | None
    ) -> None:
        super().__init__()  # created on the UI thread, so _deliver runs there (a queued connection)
        self._fn, self._on_done, self._owner = fn, on_done, owner
        self._finished.connect(self._deliver)

    def work(self) -> None:
        try:
            result, error = self._fn(), None
        except Exception as exc:  # noqa: BLE001 - handed to the UI thread, which words it
            if not isinstance(exc, _EXPECTED):
                # Logged here, while the traceback is still there: some callers only word the error.
                log.exception("%s failed", threading.current_thread().name)
            result, error = None, exc.with_traceback(None)  # no frames (and their locals) kept
        try:
            self._finished.emit(result, error)
        except RuntimeError:
            pass  # the application is gone

    @Slot(object, object)
    def _deliver(self, result: Any, error: BaseException | None) -> None:
        _pending.discard(self)
        if self._owner is None or shiboken6.isValid(self._owner):
            self._on_done(result, error)
        self.deleteLater()


class _Workers:
    """Daemon threads kept for the next call. Starting a thread makes the caller wait until the new one has
    run (0.5-4 ms of the UI thread's turn, measured as the inbox switched views); an idle one only wakes.
    Another thread is started whenever none is idle: a call waiting on a slow network holds up no other."""

    def __init__(self) -> None:
        self._calls: queue.SimpleQueue[tuple[_Call, str]] = queue.SimpleQueue()
        self._idle = 0
        self._lock = threading.Lock()

    def run(self, call: _Call, name: str) -> None:
        with self._lock:
            woken = self._idle > 0
            if woken:
                self._idle -= 1
        self._calls.put((call, name))
        if not woken:
            threading.Thread(target=self._work, name=name, daemon=True).start()

    def _work(self) -> None:
        while True:
            call, name = self._calls.get()
            threading.current_thread().name = name  # what the log and a thread dump name
            call.work()
            threading.current_thread().name = IDLE_NAME
            with self._lock:
                self._idle += 1


IDLE_NAME = "longhand-idle"
_workers = _Workers()


def run_in_background(
    fn: Callable[[], Any],
    on_done: Callable[[Any, BaseException | None], None],
    *,
    owner: QObject | None = None,
    name: str = "longhand-background",
) -> None:
    """Run `fn` on a background thread; call `on_done(result, error)` on the UI thread afterwards
    (not at all if `owner` was deleted meanwhile). Daemon threads, so a slow network never keeps the
    application from quitting."""
    call = _Call(fn, on_done, owner)
    _pending.add(call)
    _workers.run(call, name)


def unexpected_error(what: str, error: BaseException, then: str) -> str:
    """The sentence for an error nobody expected in work the author did not wait for: what failed, the
    error's kind (its details may be technical, and are in the log), and what happens next."""
    return f"{what}: something unexpected went wrong ({type(error).__name__}); {then}."


def plain_error(error: BaseException) -> str:
    """The sentence for an error from a blog, the keyring or the store (never anything secret)."""
    if isinstance(error, _EXPECTED):
        return str(error)
    return f"Something went wrong ({type(error).__name__}); please try again."
