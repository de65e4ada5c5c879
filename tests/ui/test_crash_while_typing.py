"""The app killed with SIGKILL while the author types loses at most the last half second of text."""

import os
import signal
import subprocess
import sys
import textwrap
import time

from editor.core.session import LAST_DRAFT_KEY
from editor.core.store import Store

TEXT = "The quick brown fox jumps over the lazy dog. " * 20

CHILD = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, sys.argv[2])  # the project, so `tests` is importable as a package
    import tests.conftest  # the same Qt set-up as the tests
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from editor.core.store import Store
    from editor.ui.main_window import MainWindow

    app = QApplication([])
    window = MainWindow(Store.open(sys.argv[1]))
    window.show()
    window.new_draft()
    window.editor.setFocus()
    text = sys.argv[3]
    typed = 0

    def type_one():
        global typed
        QTest.keyClicks(window.editor, text[typed])
        typed += 1
        print(time.monotonic(), typed, flush=True)  # after the key is in the editor
        if typed == len(text):
            timer.stop()

    timer = QTimer(interval=15)
    timer.timeout.connect(type_one)
    QTimer.singleShot(500, timer.start)
    app.exec()
    """
)


def saved_text(data) -> str:
    with Store.open(data) as store:
        draft_id = store.get_setting(LAST_DRAFT_KEY)
        return store.get_draft(int(draft_id)).body if draft_id else ""


def typed_before(typed_at: list[tuple[float, int]], moment: float) -> int:
    return max((count for stamp, count in typed_at if stamp <= moment), default=0)


def test_sigkill_while_typing_loses_at_most_half_a_second(tmp_path):
    """The store is read while the author types (WAL lets a reader in beside the writer): at every look,
    what is saved must hold everything typed half a second earlier; then the app is killed mid-word."""
    data = tmp_path / "data"
    project = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data), project, TEXT],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    typed_at: list[tuple[float, int]] = []
    lags = []
    try:
        for line in child.stdout:
            stamp, count = line.split()
            typed_at.append((float(stamp), int(count)))
            if len(typed_at) % 20 == 0:  # a look at the store every 20 keystrokes
                looked_at = time.monotonic()
                body = saved_text(data)
                lags.append((len(body), typed_before(typed_at, looked_at - 0.5), int(count)))
            if len(typed_at) >= 300:  # several seconds into typing, mid-word
                break
        child.send_signal(signal.SIGKILL)
        killed_at = time.monotonic()
    finally:
        child.kill()
        child.wait()
    assert len(typed_at) >= 300, "the child never typed"

    body = saved_text(data)
    assert TEXT.startswith(body), "what was saved must be exactly what was typed"
    lags.append((len(body), typed_before(typed_at, killed_at - 0.5), typed_at[-1][1]))
    late = [(saved, needed, typed) for saved, needed, typed in lags if saved < needed]
    assert not late, f"(saved, typed half a second earlier, typed) fell behind: {late}"
    assert lags[-1][1] > 0
