"""The tray path of the comment notifications on a real tray, for tests/ui/test_notifications.py.

`tray_display()` starts an X server (Xvfb, no TCP) with a real system tray on it (trayer, an XEmbed tray
host), both this process's children, stopped by PID. Run as `python -m tests.notification_tray DATA_DIR` on
that display with QT_QPA_PLATFORM=xcb, this module opens the window over DATA_DIR (seeded by the test),
waits for its first sync, stores two comments as a sync would, syncs, finds the tray's message (Qt's balloon
beside the icon docked in the tray), clicks it, and prints what it saw as one JSON line.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

TIMEOUT = 20.0  # seconds, for each thing waited for
PROGRAMS = ("Xvfb", "trayer")  # Debian packages xvfb and trayer


@contextmanager
def tray_display() -> Iterator[str]:
    """An X display (":N") with a system tray; both processes are stopped afterwards."""
    missing = [program for program in PROGRAMS if shutil.which(program) is None]
    if missing:
        raise RuntimeError(f"not installed: {', '.join(missing)} (Debian packages xvfb, trayer)")
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    os.close(write)
    tray = None
    try:
        with os.fdopen(read) as numbers:
            display = f":{numbers.readline().strip()}"  # Xvfb writes it once it accepts clients
        if display == ":":
            raise RuntimeError(f"Xvfb did not start (exit {server.wait(TIMEOUT)})")
        tray = subprocess.Popen(
            ["trayer", "--edge", "top", "--align", "right", "--widthtype", "pixel", "--width", "100"],
            env={**os.environ, "DISPLAY": display},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        yield display
    finally:
        for process in (tray, server):
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait(TIMEOUT)


def _wait(app, condition: Callable[[], object], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {TIMEOUT:.0f} s for {what}")
        app.processEvents()
        time.sleep(0.01)


def main(data_dir: Path) -> None:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLabel, QSystemTrayIcon

    from editor.core.comments import Comments
    from editor.core.store import Store
    from editor.core.sync import NEWS_MARK_KEY
    from editor.ui.main_window import MainWindow
    from editor.ui.notifications import CommentNotifications
    from tests.ui.test_notifications import arrive

    app = QApplication([sys.argv[0]])
    _wait(app, QSystemTrayIcon.isSystemTrayAvailable, "the tray host")
    window = MainWindow(Store.open(data_dir), use_web_preview=False)
    window.show()
    store, panel = window.store, window.inbox.list_panel
    _wait(app, lambda: store.get_setting(NEWS_MARK_KEY) is not None, "the first sync")
    arrive(store, "Lu", "<p>Hello</p>")
    newest = arrive(store, "Mo", "<p>&lt;b&gt;hi&lt;/b&gt;</p>")
    synced: list[int] = []
    window.services.comments_synced.connect(synced.append)
    window.inbox.sync()
    _wait(app, lambda: synced, "the sync")

    def balloons() -> list:
        return [w for w in app.topLevelWidgets() if w.metaObject().className() == "QBalloonTip" and w.isVisible()]

    _wait(app, balloons, "the tray's message")
    [balloon] = balloons()
    tray = window.findChild(CommentNotifications, "commentNotifications").tray
    seen = {
        "docked": tray.icon.geometry().getRect(),  # where the tray host put the icon
        "count": tray.count,
        "unread": Comments(store).unread_count(),
        "message": [label.text() for label in balloon.findChildren(QLabel) if label.text()],
    }
    QTest.mouseClick(balloon, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(10, 10))
    _wait(app, lambda: panel.current_comment() is not None, "the inbox to open")
    seen |= {"opened": panel.current_comment().id, "newest": newest, "view": panel.view}
    seen["inbox_shown"] = window.side_tabs.currentWidget() is panel
    print(json.dumps(seen), flush=True)
    window.close()
    store.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
