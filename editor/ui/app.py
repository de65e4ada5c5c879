"""Starting the window: Qt's environment, the application object, the store, the main window."""

from __future__ import annotations

import gc
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.store import Store, StoreError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from .instance import Answer, Handler, InstanceServer
    from .main_window import MainWindow

    # What `_start_window` hands to the event loop: the application, the shown window, its store and the
    # server other Longhand processes talk to (None when it could not listen).
    _Started = tuple[QApplication, MainWindow, Store, InstanceServer | None]


def prepare_environment() -> None:
    """Settings Qt reads before its first object exists."""
    # Chromium's sandbox refuses to run as root; QtWebEngine then fails without a word.
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = chromium_flags(
        os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS"), os.environ.get("QT_QPA_PLATFORM", "")
    )


def chromium_flags(current: str | None, platform: str) -> str:
    """QtWebEngine's Chromium switches: the user's own, plus ours where they set none of the kind."""
    flags = [current] if current else []
    # Keep Chromium from looking for a GPU it will not find on a virtual or remote screen. (Any
    # switch at all stops Qt from working that out by itself on the offscreen platform.)
    if platform in ("offscreen", "minimal") and current is None:
        flags.append("--disable-gpu")
    # The preview's patches are scripts, each a new source: V8 keeps every source it compiled in its
    # compilation cache for the life of the process (~5 KB a patch, never collected), so it does not
    # cache them. With --expose-gc the preview collects its page's garbage itself (ui/preview.py).
    # Qt splits this variable at spaces outside double quotes.
    if "--js-flags" not in (current or ""):
        flags.append('--js-flags="--expose-gc --no-compilation-cache"')
    return " ".join(flags)


def _close_on_signals(app) -> None:
    """Ctrl+C in the terminal and a logout's SIGTERM close the window properly, so it saves."""
    from PySide6.QtCore import QTimer

    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: app.closeAllWindows())
    # Python runs signal handlers only between bytecodes; an idle timer hands it the thread now and then.
    ticker = QTimer(app, interval=250)
    ticker.timeout.connect(lambda: None)
    ticker.start()


def run(data_dir: Path, targets: list[str] | None = None) -> int:
    """Open the main window on the store in `data_dir` with `targets` (absolute paths of Markdown files)
    open in it; returns the process exit status. One window per data folder: when another process holds
    the folder's window lock, the targets are handed to its window instead (see `instance`)."""
    prepare_environment()
    from . import instance

    targets = list(targets or [])
    claimed = instance.claim(data_dir, targets)
    if isinstance(claimed, int):
        return claimed
    with claimed:  # held for the window's life
        return _run_window(data_dir, targets)


def window_routes(window: MainWindow) -> dict[str, Handler]:
    """What the window does with each kind of message another Longhand sends it: the one table of them
    (a kind missing here is refused with a sentence)."""
    from .instance import bring_to_front

    def open_files(message: dict[str, Any], answer: Answer) -> None:
        targets = message.get("targets", [])
        ok, sentence = window.linked_file.open_targets(targets)
        if targets:  # the file is shown even if the inbox was
            window.side_tabs.setCurrentWidget(window.sidebar)
        bring_to_front(window)
        answer(ok, sentence)

    return {"open": open_files, "callback": window.services.browser.take}


def _run_window(data_dir: Path, targets: list[str]) -> int:
    # No garbage collections while the window's modules are imported and it is built: they would walk
    # the long-lived objects of the start again and again and free nothing (see editor/__main__.py).
    gc.disable()
    try:
        started = _start_window(data_dir, targets)
    finally:
        gc.enable()
    if isinstance(started, int):
        return started
    from PySide6.QtCore import QEvent

    app, window, store, server = started
    _close_on_signals(app)
    status = app.exec()
    if server is not None:
        server.close()
    # The window (with its preview page) goes while the application exists: QtWebEngine crashes at
    # exit when a page outlives it.
    window.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    store.close()
    return status


def _start_window(
    data_dir: Path, targets: list[str]
) -> int | tuple[QApplication, MainWindow, Store, InstanceServer | None]:
    """The application, the store and the shown window (or the exit status when the store cannot open)."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ..core import handoff
    from .instance import InstanceServer, Router

    try:  # QtWebEngine must be imported before the application object is made
        import PySide6.QtWebEngineWidgets  # noqa: F401
    except ImportError:
        pass
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication.instance()
    if not isinstance(app, QApplication):  # none yet: widgets need a QApplication
        app = QApplication(sys.argv[:1])
    app.setApplicationName("Longhand")
    app.setOrganizationName("Longhand")
    app.setDesktopFileName("longhand")
    from . import translations

    translations.install(app)  # before any widget: a text is translated when it is set
    from ..core.paths import resource_file

    app.setWindowIcon(QIcon(str(resource_file("longhand.svg"))))
    # Listening before the window is built: another `longhand` started meanwhile connects and waits for
    # its answer instead of retrying.
    try:
        server: InstanceServer | None = InstanceServer(handoff.socket_path(data_dir, handoff.WINDOW), app)
    except OSError as exc:
        print(f"longhand: other Longhand commands cannot reach this window: {exc.strerror or exc}", file=sys.stderr)
        server = None
    if server is not None and not server.listen():
        print(f"longhand: other Longhand commands cannot reach this window: {server.error}", file=sys.stderr)
        server = None
    try:
        store = Store.open(data_dir)
    except StoreError as exc:
        if server is not None:
            server.close()
        QMessageBox.critical(None, "Longhand", str(exc))
        return 1
    from .main_window import MainWindow

    window = MainWindow(store)
    window.show()
    if targets:
        ok, sentence = window.linked_file.open_targets(targets)
        if not ok:
            print(f"longhand: {sentence}", file=sys.stderr)
    if server is not None:
        server.message_received.connect(Router(window_routes(window)))
        # Nothing waits unanswered while the window closes: a new `longhand` then starts its own.
        app.aboutToQuit.connect(server.close)
        server.serve()
    return app, window, store, server
