"""Fixtures shared by the window tests."""

import pytest

from editor.core.store import Store
from editor.ui.main_window import MainWindow
from tests.ui.many_comments import big_inbox  # noqa: F401 (a fixture the inbox tests share)


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def open_window(qtbot, data_dir):
    """Opens windows on the same data dir, like starting the app again; closes them at the end."""
    windows = []

    def make(**kwargs) -> MainWindow:
        window = MainWindow(Store.open(data_dir), **kwargs)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        if window.isVisible():
            window.close()
        window.store.close()
