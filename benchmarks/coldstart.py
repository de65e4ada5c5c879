"""Cold-start harness: `python -m benchmarks.coldstart DATA_DIR LAST_WORD` starts Longhand exactly as
`python -m editor --data-dir DATA_DIR` does, prints timestamps (time.monotonic(), the same clock as the
parent's on Linux, so the parent times from before it spawned this process) and quits:

    editable <t>   the end of the editor's first paint with the last draft's whole text in it (its last
                   word, LAST_WORD, is in the document), the window shown, enabled, with no modal dialog
                   in front and the editor not read-only: the author can type
    painted <t>    a frame of the preview with the draft in it: once the page's article holds the draft's
                   end (its last element contains LAST_WORD, checked after each `updated` signal), a
                   `requestAnimationFrame` callback has run in the page (it sets document.title, which
                   Qt reports as `titleChanged`) and then the web view's focus proxy, the widget Chromium's
                   compositor frames are drawn into, has received its next Paint event. When no Paint
                   follows (Chromium had no damage left to draw: the frame with the draft was drawn before
                   the callback ran), the callback's time, an upper bound, and a line
                   `painted-before-frame`

and, to show where start-up goes (the parent logs them; they are not targets):

    python <t>     this module runs (the interpreter is up, nothing of Longhand or Qt imported)
    window <t>     MainWindow.__init__ begins (Longhand, Qt and QtWebEngine imported, the QApplication made)
    built <t>      MainWindow.__init__ has returned
    updated <t>    the preview's first `updated` signal (a signal, not a frame)
    holds <t>      the page's article holds the draft's end
    frame <t>      the requestAnimationFrame callback has run

Only the main window class is wrapped (to see those moments); everything else is the real start-up.
With the fallback preview (no QtWebEngine) "painted" is the text browser's first paint after its update.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from types import ModuleType

_MARKS: dict[str, float] = {}


def mark(name: str) -> None:
    """Print the first time `name` happens (later ones are ignored)."""
    if name not in _MARKS:
        _MARKS[name] = time.monotonic()
        print(f"{name} {_MARKS[name]:.6f}", flush=True)


mark("python")

# The script that waits one animation frame, then says so through the page's title.
_FRAME_JS = "(function(title) { requestAnimationFrame(function() { document.title = title; }); return true; })"
_HAS_END_JS = (
    "(function(word) { var c = document.getElementById('content');"
    " var last = c && c.lastElementChild; return !!last && last.textContent.indexOf(word) >= 0; })"
)
FRAME_TITLE = "longhand-coldstart-frame"  # the page title the animation frame sets: a marker, no secret
# How long to wait for a Paint after the animation frame before concluding Chromium had nothing left to
# draw (it only affects how long a run lasts, not what it measures).
NO_FRAME_MS = 1500


class _AfterImport:
    """A meta path finder that runs `patch(module)` right after the module named `name` is executed, so
    the harness hooks the window without importing it early (start-up imports in its own order)."""

    def __init__(self, hooks: dict[str, Callable[[ModuleType], None]]) -> None:
        self.hooks = hooks

    def find_spec(self, name: str, path, target=None):  # noqa: ANN001 (importlib's protocol)
        if name not in self.hooks:
            return None
        patch = self.hooks.pop(name)  # also keeps the finders below from asking this one again
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader.exec_module = _then(spec.loader.exec_module, patch)  # type: ignore[method-assign]
                return spec
        return None


def _then(execute: Callable[[ModuleType], None], patch: Callable[[ModuleType], None]) -> Callable[[ModuleType], None]:
    """`execute`, then `patch`, on a module."""

    def exec_module(module: ModuleType) -> None:
        execute(module)
        patch(module)

    return exec_module


def main(data_dir: str, last_word: str) -> int:
    """Start the real window on `data_dir` and print the marks; returns its exit status."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    state: dict[str, object] = {"window": None, "checking": False, "again": False}

    def finish_if_done() -> None:
        if "editable" in _MARKS and "painted" in _MARKS:
            QTimer.singleShot(0, QApplication.instance().quit)

    def accepts_input(editor) -> bool:
        window = state["window"]
        return (
            window is not None
            and window.isVisible()
            and window.isEnabled()
            and editor.isEnabled()
            and not editor.isReadOnly()
            and QApplication.activeModalWidget() is None
        )

    def hook_editor(editor_module: ModuleType) -> None:
        original_paint = editor_module.MarkdownEditor.paintEvent

        def paint_event(self, event) -> None:  # noqa: N802 (Qt's name)
            original_paint(self, event)
            if "editable" not in _MARKS and last_word in self.toPlainText()[-400:] and accepts_input(self):
                mark("editable")
                finish_if_done()

        editor_module.MarkdownEditor.paintEvent = paint_event

    class PaintWatch(QObject):
        """The next Paint of the preview's focus proxy after the animation frame: the frame is drawn."""

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint and "frame" in _MARKS:
                mark("painted")
                finish_if_done()
            return False

    watch = PaintWatch()

    def hook_window(main_window: ModuleType) -> None:
        class TimedWindow(main_window.MainWindow):
            def __init__(self, *args, **kwargs) -> None:
                mark("window")
                state["window"] = self
                super().__init__(*args, **kwargs)
                mark("built")
                self.preview.updated.connect(self._timed_update)
                if self.preview.is_web:
                    self.preview.view.page().titleChanged.connect(self._timed_title)
                QTimer.singleShot(30_000, QApplication.instance().quit)  # never hang the benchmark

            def _timed_update(self) -> None:
                mark("updated")
                view = self.preview.view
                if not self.preview.is_web:  # the text browser holds all it was given; it paints next
                    mark("holds")
                    mark("frame")
                    view.viewport().installEventFilter(watch)
                    view.viewport().update()
                    return
                if "holds" in _MARKS:
                    return
                if state["checking"]:  # asked again once the answer in flight comes back
                    state["again"] = True
                    return
                state["checking"], state["again"] = True, False
                view.run_script(f"{_HAS_END_JS}({last_word!r})", self._timed_check)

            def _timed_check(self, found: object) -> None:
                state["checking"] = False
                if "holds" in _MARKS:
                    return
                if found is not True:
                    if state["again"]:
                        self._timed_update()
                    return
                mark("holds")
                view = self.preview.view
                proxy = view.focusProxy()
                if proxy is not None:
                    proxy.installEventFilter(watch)
                view.run_script(f"{_FRAME_JS}({FRAME_TITLE!r})", lambda _result: None)

            def _timed_title(self, title: str) -> None:
                if title == FRAME_TITLE and "frame" not in _MARKS:
                    mark("frame")
                    QTimer.singleShot(NO_FRAME_MS, no_frame)

        def no_frame() -> None:
            # No damage after the animation frame: Chromium had nothing new to draw, so the frame holding
            # the draft was already on screen when the callback ran; its time is an upper bound.
            if "painted" not in _MARKS:
                print("painted-before-frame", flush=True)
                _MARKS["painted"] = _MARKS["frame"]
                print(f"painted {_MARKS['painted']:.6f}", flush=True)
                finish_if_done()

        main_window.MainWindow = TimedWindow

    sys.meta_path.insert(0, _AfterImport({"editor.ui.editor": hook_editor, "editor.ui.main_window": hook_window}))
    from editor.__main__ import main as longhand

    return longhand(["--data-dir", data_dir])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
