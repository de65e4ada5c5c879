"""Test-wide set-up: Qt on the offscreen platform, QtWebEngine ready before the QApplication exists."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("LONGHAND_HOME", None)  # a developer's own setting must not leak into the tests

from editor.ui.app import prepare_environment  # noqa: E402

prepare_environment()

from PySide6.QtCore import QCoreApplication, Qt  # noqa: E402

try:
    import PySide6.QtWebEngineWidgets  # noqa: E402,F401  (must precede the QApplication)
except ImportError:
    pass
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)

import pytest  # noqa: E402
from PySide6.QtCore import QEvent  # noqa: E402


@pytest.fixture(autouse=True, scope="session")
def _delete_windows_before_qt_exits():
    """QtWebEngine crashes at exit if a page outlives the application's profiles: delete every window
    (and so every preview page) while the application still exists."""
    yield
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    for widget in app.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
