"""Regression guard: PySide6 6.12.0 on Python < 3.12 drops a reference to None on every void Qt call
and to True on every Signal.emit; a long editing session then dies with
`Fatal Python error: none_dealloc` (or `bool_dealloc`). pyproject.toml pins PySide6 below 6.12
there; this test catches a leaking build whatever the pin says.

The calls run in a child process: on a leaking build True runs out of references within a few hundred
emits and the interpreter aborts, which would take the whole test session down with it. The child
checks every 100 calls and stops with a plain report before that happens.
"""

import os
import subprocess
import sys
import textwrap

CALLS = 20_000

CHILD = textwrap.dedent(
    f"""
    import sys
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    class Emitter(QObject):
        flag = Signal(bool)

    app = QApplication([])
    editor = QPlainTextEdit()
    emitter = Emitter()
    emitter.flag.connect(lambda value: None)
    watched = {{"None": None, "True": True, "False": False}}
    before = {{name: sys.getrefcount(value) for name, value in watched.items()}}
    for i in range({CALLS}):
        editor.setPlainText("x")        # a Qt method that returns nothing
        emitter.flag.emit(i % 2 == 0)
        if i % 100 == 99:
            for name, value in watched.items():
                lost = before[name] - sys.getrefcount(value)
                if lost > 50:
                    print(f"{{name}} lost {{lost}} references after {{i + 1}} calls")
                    sys.exit(3)
    print("ok")
    """
)


def test_void_calls_and_emits_keep_none_true_false_alive():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, env=env, timeout=300)
    assert child.returncode == 0 and child.stdout.strip() == "ok", (
        f"PySide6 leaks references (exit {child.returncode}): {child.stdout.strip()} {child.stderr.strip()[-300:]}"
    )
