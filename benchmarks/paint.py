"""When an edit reaches the screen: the preview's next frame after its page was patched (benchmarks/run.py's
"keys" section).

`FrameWatch` times one keystroke to two moments:

* updated (signal): the preview's `updated` signal, emitted when the patch script's result comes back (the
  page's DOM holds the edit; Chromium has not laid it out or painted it yet);
* painted (frame): the end of the first Paint event of the web view's focus proxy (the widget Chromium's
  compositor frames are drawn into) after a `requestAnimationFrame` callback that was asked for *in the
  patch's own task*: a MutationObserver on the article, installed by the benchmark in the application's
  script world, asks for the callback from the microtask that follows the patch, so the callback runs at
  the start of the first frame whose style, layout and paint include the edit. The callback sets
  document.title, which Qt reports as `titleChanged`; the next Paint is that frame drawn. A keystroke with
  no Paint within NO_FRAME_S of the callback counts as timed out.

Chromium draws a frame only where something changed in view, so each row first brings its edit into view:
the editor's cursor is centred on it (QPlainTextEdit.centerCursor, as an author typing mid-screen has it)
and the preview follows by its own scroll sync; `into_view` reports whether the edited block is then inside
the preview's viewport. (Repainting a mark of the benchmark's own instead would make every frame draw from
the corner to the edit: viz's damage is one rectangle, and the software compositor's draw grows with it.)

The benchmark knows nothing of how the preview patches its page: any element added to or removed from
the article, at any depth (a patch, or the whole article replaced), is seen. The text fallback (no
QtWebEngine) has no frame row.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from benchmarks.run import Harness

NO_FRAME_S = 0.5
# Whether the block holding source line `line` (the last with a data-line at or above it) is in view.
_IN_VIEW_JS = """(function(line) {
  var best = null;
  document.querySelectorAll('#content [data-line]').forEach(function(e) { if (+e.dataset.line <= line) best = e; });
  if (!best) return false;
  var r = best.getBoundingClientRect();
  return r.bottom > 0 && r.top < window.innerHeight;
})"""
# Installed once per loaded page (the application world's globals go with the page).
_OBSERVE_JS = """(function() {
  if (window.__lhFrameWatch) return true;
  var c = document.getElementById('content');
  if (!c) return false;
  var frames = 0, asked = false;
  new MutationObserver(function() {
    if (asked) return;
    asked = true;
    requestAnimationFrame(function() {
      asked = false;
      document.title = 'lh-frame-' + (++frames);
    });
  }).observe(c, {childList: true, subtree: true});
  window.__lhFrameWatch = true;
  return true;
})()"""


class FrameWatch:
    """Times keystrokes in `h`'s window to the preview's `updated` signal and to its next painted frame."""

    def __init__(self, h: Harness) -> None:
        from PySide6.QtCore import QEvent, QObject, QTimer

        self.h = h
        self.view = h.window.preview.view
        self.web = h.is_web
        self.frame_at: float | None = None  # the animation frame's title reached Qt
        self.painted_at: float | None = None  # the end of the focus proxy's first Paint after it
        self._loop = None
        watch = self

        class Filter(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
                if event.type() == QEvent.Type.Paint and watch.frame_at is not None and watch.painted_at is None:
                    QTimer.singleShot(0, watch._painted)  # once this Paint event has been handled
                return False

        self._filter = Filter()
        self._proxy = None
        if not self.web:
            return
        page = self.view.page()
        page.titleChanged.connect(self._title)
        page.loadFinished.connect(lambda _ok: self._observe())
        self._observe()

    def _observe(self) -> None:
        proxy = self.view.focusProxy()
        if proxy is not None and proxy is not self._proxy:
            proxy.installEventFilter(self._filter)
            self._proxy = proxy
        self.view.run_script(_OBSERVE_JS, lambda _result: None)

    def _title(self, title: str) -> None:
        if title.startswith("lh-frame-") and self.frame_at is None:
            self.frame_at = time.perf_counter()
            if self._loop is not None:
                self._loop.quit()  # the wait for the Paint is now NO_FRAME_S at most

    def _painted(self) -> None:
        if self.painted_at is None:
            self.painted_at = time.perf_counter()
            if self._loop is not None:
                self._loop.quit()

    def into_view(self, position: int) -> bool:
        """Centre the editor on `position`, let the preview follow, and say whether the edited block is in
        the preview's viewport."""
        editor = self.h.editor
        cursor = editor.textCursor()
        cursor.setPosition(position)
        editor.setTextCursor(cursor)
        editor.centerCursor()
        self.h.run_for(0.6)  # the scroll link measures the page 250 ms after an update, then scrolls
        self.h.settle()
        if not self.web:
            return True
        box: dict[str, object] = {}
        line = cursor.blockNumber() + 1
        self.view.run_script(f"{_IN_VIEW_JS}({line})", lambda result: box.setdefault("in view", result))
        deadline = time.perf_counter() + 5
        while "in view" not in box and time.perf_counter() < deadline:
            self.h.run_for(0.01)
        return box.get("in view") is True

    def keystroke(self, position: int, char: str, timeout: float = 15.0) -> tuple[float | None, float | None]:
        """Type `char` at `position`; (ms to the `updated` signal, ms to the painted frame), None where it
        did not come within `timeout` s (or the Paint not within NO_FRAME_S of the animation frame; always,
        for the text fallback, which has no frame to wait for)."""
        self.frame_at = self.painted_at = None
        t0 = time.perf_counter()
        self.h.type_at(position, char)
        updated = self.h.wait_update(t0, timeout)
        deadline = t0 + timeout
        while self.web and self.painted_at is None and time.perf_counter() < deadline:
            if self.frame_at is not None:
                deadline = min(deadline, self.frame_at + NO_FRAME_S)
            loop = self.h.QEventLoop()
            self._loop = loop
            guard = self.h.QTimer()
            guard.setSingleShot(True)
            guard.timeout.connect(loop.quit)
            guard.start(max(1, int((deadline - time.perf_counter()) * 1000)))
            loop.exec()
            guard.stop()
            self._loop = None
        return (
            None if updated is None else (updated - t0) * 1000,
            None if self.painted_at is None else (self.painted_at - t0) * 1000,
        )
