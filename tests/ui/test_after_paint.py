"""Work that waits for a widget's paint (ui/after_paint.py), and the window's use of it: a draft opened is
shown in the editor before its render starts on the worker thread."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel

from editor.ui.after_paint import LIMIT_MS, AfterPaint
from editor.ui.editor import MarkdownEditor
from editor.ui.render_worker import RenderScheduler


class PaintLog(QObject):
    def __init__(self, log: list[str]) -> None:
        super().__init__()
        self.log = log

    def eventFilter(self, _watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            self.log.append("paint")
        return False


def test_work_runs_after_the_next_paint_or_after_the_limit_when_none_comes(qtbot):
    shown, log = QLabel("Shown"), []
    qtbot.addWidget(shown)
    painted = PaintLog(log)
    shown.installEventFilter(painted)
    shown.show()
    qtbot.waitExposed(shown)
    qtbot.waitUntil(lambda: "paint" in log)
    log.clear()
    AfterPaint(shown).call(lambda: log.append("work"))
    assert log == []  # not before the paint it waits for
    qtbot.waitUntil(lambda: "work" in log)
    assert log[0] == "paint"

    hidden, done = QLabel("Never shown"), []
    qtbot.addWidget(hidden)
    started = time.monotonic()
    AfterPaint(hidden).call(lambda: done.append(time.monotonic() - started))
    qtbot.waitUntil(lambda: bool(done), timeout=2000)
    assert done[0] >= LIMIT_MS / 1000 * 0.9  # held back no longer than the limit


def test_the_draft_at_start_is_painted_in_the_editor_before_it_is_rendered(qtbot, open_window, monkeypatch):
    log: list[str] = []
    submit, paint = RenderScheduler.submit, MarkdownEditor.paintEvent
    monkeypatch.setattr(
        RenderScheduler, "submit", lambda self, *a, **kw: log.append("render") or submit(self, *a, **kw)
    )
    monkeypatch.setattr(MarkdownEditor, "paintEvent", lambda self, event: log.append("paint") or paint(self, event))
    window = open_window()
    qtbot.waitUntil(lambda: "render" in log)
    assert "paint" in log and log.index("paint") < log.index("render")
    qtbot.waitUntil(lambda: not window.renderer.busy)
