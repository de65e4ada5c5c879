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
    # Keep Chromium from looking for a GPU it will not find on a virtual or remote screen.
    if os.environ.get("QT_QPA_PLATFORM") in ("offscreen", "minimal"):
        os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")


def _close_on_signals(app) -> None:
    """Ctrl+C in the terminal and a logout's SIGTERM close the window properly, so it saves."""
    from PySide6.QtCore import QTimer

    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: app.closeAllWindows())
    # Python runs signal handlers only between bytecodes; an idle timer hands it the thread now and then.
    ticker = QTimer(app, interval=250)
    ticker.timeout.connect(lambda: None)
    ticker.start()


def run(data_dir: Path) -> int:
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
    app = QApplication.instance() or QApplication(sys.argv[:1])
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
