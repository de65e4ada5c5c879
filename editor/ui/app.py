"""Starting the window: Qt's environment, the application object, the store, the main window."""

from __future__ import annotations

import os
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


def run(data_dir: Path) -> int:
    """Open the main window on the store in `data_dir`; returns the process exit status."""
    prepare_environment()
    from PySide6.QtCore import QCoreApplication, Qt
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
    status = app.exec()
    store.close()
    return status
