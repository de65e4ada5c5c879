"""Connect with browser, in the window: ask the blog, open its approval page, finish when the browser's
callback reaches the window (through `longhand open-url`, over the window's socket).

One object for the whole window, owned by the hub, since the callback may come after the Add Blog
dialog was closed. The asking and the finishing (network, keyring) run off the UI thread; the
callback's secret goes from the socket message to `Connections.finish` and the keyring, nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices

from ..core.connect import Asked, Connections, ask
from ..core.store import Store
from .background import plain_error, run_in_background


class BrowserConnections(QObject):
    """The window's connections through the browser. `socket` is where the window listens."""

    waiting = Signal(str, str)  # the approval page's address, what is being connected (the blog's title)
    failed = Signal(str)  # asking went wrong before the browser was opened: one sentence
    finished = Signal(bool, str)  # a callback was handled: connected or not, and the sentence to show

    def __init__(self, store: Store, socket: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store, self._socket = store, socket
        self.open_page: Callable[[str], object] = lambda page: QDesktopServices.openUrl(QUrl(page))

    def start(self, url: str, name: str = "", *, wpcom: bool = False) -> None:
        """Ask the blog at `url` how to connect (`wpcom`: through WordPress.com, for a Jetpack site) and
        open its approval page (`waiting` says where)."""
        run_in_background(
            lambda: ask(self._store, url, name, self._socket, wpcom=wpcom),
            self._asked,
            owner=self,
            name="longhand-connect-ask",
        )

    def _asked(self, asked: Asked | None, error: BaseException | None) -> None:
        if error is not None or asked is None:
            self.failed.emit(plain_error(error) if error else self.tr("Longhand could not ask the blog."))
            return
        self.open_page(asked.page)
        self.waiting.emit(asked.page, asked.title)

    def take(self, message: dict[str, Any], answer: Callable[[bool, str], None]) -> None:
        """A `{"kind": "callback"}` message from the window's socket: finish the request it answers,
        then answer the `longhand open-url` that brought it."""
        request_id, url = str(message.get("request", "")), str(message.get("url", ""))

        def done(sentence: str | None, error: BaseException | None) -> None:
            ok = error is None
            said = str(sentence) if ok else plain_error(error) if error else ""
            answer(ok, said)
            self.finished.emit(ok, said)

        run_in_background(
            lambda: Connections(self._store).finish(request_id, url, self._socket),
            done,
            owner=self,
            name="longhand-connect-finish",
        )
