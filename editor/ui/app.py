"""Starting the window: Qt's environment, the application object, the store, the main window."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from ..core.store import Store, StoreError


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
    """Open the main window on the store in `data_dir`; returns the process exit status."""
    prepare_environment()
    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

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
    from ..core.paths import resources_dir

    app.setWindowIcon(QIcon(str(resources_dir() / "longhand.svg")))
    try:
        store = Store.open(data_dir)
    except StoreError as exc:
        QMessageBox.critical(None, "Longhand", str(exc))
        return 1
    from .main_window import MainWindow

    window = MainWindow(store)
    window.show()
    _close_on_signals(app)
    status = app.exec()
    # The window (with its preview page) goes while the application exists: QtWebEngine crashes at
    # exit when a page outlives it.
    window.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    store.close()
    return status
