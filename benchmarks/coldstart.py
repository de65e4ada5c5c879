"""Cold-start harness: `python -m benchmarks.coldstart DATA_DIR` starts Longhand exactly as
`python -m editor --data-dir DATA_DIR` does, and prints two timestamps (time.monotonic(), comparable
with the parent's clock on Linux) then quits:

    editable <t>   the editor, with the last draft loaded, has finished its first paint
    preview <t>    the preview reported its first update (the page patched with the rendered draft)

Only the main window class is wrapped (to hook those two moments); everything else is the real start-up.
"""

from __future__ import annotations

import sys
import time


def main(data_dir: str) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from editor.ui import editor as editor_module
    from editor.ui import main_window

    marks: dict[str, float] = {}

    def mark(name: str) -> None:
        if name not in marks:
            marks[name] = time.monotonic()
            print(f"{name} {marks[name]:.6f}", flush=True)
            if len(marks) == 2:
                QTimer.singleShot(0, QApplication.instance().quit)

    original_paint = editor_module.MarkdownEditor.paintEvent

    def paint_event(self, event) -> None:  # noqa: N802
        original_paint(self, event)
        if self.toPlainText():
            mark("editable")

    editor_module.MarkdownEditor.paintEvent = paint_event

    class TimedWindow(main_window.MainWindow):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.preview.updated.connect(lambda: mark("preview"))
            QTimer.singleShot(30_000, QApplication.instance().quit)  # never hang the benchmark

    main_window.MainWindow = TimedWindow
    from editor.__main__ import main as longhand

    return longhand(["--data-dir", data_dir])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
