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
