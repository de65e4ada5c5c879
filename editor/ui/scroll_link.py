"""Keeps the editor and the preview showing the same part of the draft, and maps preview clicks to lines.

The web preview's blocks carry `data-line`; after each update their page offsets are measured and
`core.scrollsync` interpolates between them. A scroll the link makes itself never echoes back: the
editor side is guarded by a flag (its scroll bar signals synchronously), the page side, which reports
asynchronously, by the offset asked for and a short quiet time. The text fallback maps by proportion.
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from ..core.scrollsync import ScrollMap
from .preview import Preview, TextPreview

if TYPE_CHECKING:  # (defined only when QtWebEngine is there)
    from .preview import WebPreview

# How long page scroll reports are not taken as the reader's own after the link scrolled the page or
# its content changed (the page reports asynchronously, and may adjust its offset after a change).
QUIET_S = 0.35
EXPECTED_S = 2.0  # how long the report of the link's own page scroll is waited for
CLICK_SLOP = 4  # px: a press and release further apart are a selection drag, not a click

_MEASURE_JS = """JSON.stringify({
  anchors: [...document.querySelectorAll('#content [data-line]')]
    .map(e => [+e.dataset.line, e.getBoundingClientRect().top + window.scrollY]),
  height: document.documentElement.scrollHeight,
  view: window.innerHeight})"""

_LINE_AT_JS = """(function(x, y) {
  var e = document.elementFromPoint(x, y);
  e = e && e.closest('[data-line]');
  return e ? +e.dataset.line : 0;
})(%f, %f)"""


def editor_top_line(editor: QPlainTextEdit) -> float:
    """The 1-based source line at the top of the editor's viewport, with the fraction scrolled past."""
    block = editor.firstVisibleBlock()
    if not block.isValid():
        return 1.0
    geometry = editor.blockBoundingGeometry(block).translated(editor.contentOffset())
    fraction = min(1.0, max(0.0, -geometry.top() / geometry.height())) if geometry.height() > 0 else 0.0
    return block.blockNumber() + 1 + fraction


def scroll_editor_to_line(editor: QPlainTextEdit, line: float) -> None:
    """Scroll so the (fractional, 1-based) source line is at the top of the editor."""
    document = editor.document()
    number = min(max(int(line), 1), document.blockCount())
    block = document.findBlockByNumber(number - 1)
    # QPlainTextEdit scrolls by layout lines: a wrapped block spans several.
    within = int(max(0.0, min(1.0, line - number)) * max(block.lineCount(), 1))
    editor.verticalScrollBar().setValue(block.firstLineNumber() + within)


MEASURE_AFTER_MS = 250


class ScrollLink(QObject):
    """Scroll sync between `editor` and `preview`, both ways, and click-in-preview → cursor there."""

    def __init__(self, editor: QPlainTextEdit, preview: Preview) -> None:
        super().__init__(editor)
        self.editor = editor
        self.preview = preview
        self.anchors: list[tuple[float, float]] = []
        self._map = ScrollMap([])
        self._page = (0.0, 0.0)  # the page's height and the viewport's
        self._moving_editor = False
        self._moving_preview = False  # the text fallback's flag
        self._expected_y: float | None = None
        self._page_y: int | None = None  # where the page is scrolled, as last reported or asked for
        self._expected_until = 0.0
        self._quiet_until = 0.0
        self._editor_leads = True  # who was scrolled last: the other one follows after an update
        self._press: QPointF | None = None
        self._proxy: QWidget | None = None  # the web view's focus proxy, which gets the mouse events
        editor.verticalScrollBar().valueChanged.connect(self._editor_scrolled)
        view = preview.view
        if not isinstance(view, TextPreview):  # `preview.is_web`, spelled so that mypy knows the view's type
            view.page().scrollPositionChanged.connect(self._preview_scrolled)
            view.page().loadFinished.connect(lambda _ok: self._hook_clicks())
            # Measured once typing pauses, not after every keystroke's update: a measure reads every
            # block's position (a few ms each time, and the typing path is what must stay smooth).
            self._measure_timer = QTimer(self, singleShot=True, interval=MEASURE_AFTER_MS)
            self._measure_timer.timeout.connect(self.measure)
            preview.updated.connect(self._measure_timer.start)
            view.installEventFilter(self)
            self._hook_clicks()
        else:
            view.verticalScrollBar().valueChanged.connect(self._text_preview_scrolled)
            preview.updated.connect(self._editor_scrolled)

    def _web_view(self) -> WebPreview:
        """The web preview: the page-side code below only runs with one (it is connected for no other)."""
        view = self.preview.view
        assert not isinstance(view, TextPreview), "the text preview has no page"
        return view

    def _text_view(self) -> TextPreview:
        """The text preview: the proportional following only runs with one."""
        view = self.preview.view
        assert isinstance(view, TextPreview), "the web preview follows by its anchors"
        return view

    # -- measuring --------------------------------------------------------------------------------
    def measure(self) -> None:
        """Measure the blocks' offsets in the page again (after an update or a resize)."""
        self._hook_clicks()
        self._quiet()
        self._web_view().run_script(_MEASURE_JS, self._measured)

    def _measured(self, result: object) -> None:
        # A page torn down (the window closing) answers with nothing: "" or None.
        if not isinstance(result, str) or not result:
            return
        data = json.loads(result)
        self._page = (float(data["height"]), float(data["view"]))
        # The end of the text is the end of the page.
        self.anchors = [tuple(a) for a in data["anchors"]] + [(self.editor.blockCount() + 1, self._page[0])]
        self._map = ScrollMap(self.anchors)  # normalised here once, not at every scroll
        if self._editor_leads:
            self._editor_scrolled()

    # -- editor → preview -------------------------------------------------------------------------
    def _editor_scrolled(self, *_args) -> None:
        if self._moving_editor:
            return
        self._editor_leads = True
        bar = self.editor.verticalScrollBar()
        view = self.preview.view
        if isinstance(view, TextPreview):  # not `is_web`
            self._follow_by_proportion(bar, view.verticalScrollBar())
            return
        if bar.value() <= bar.minimum():
            y = 0.0
        elif bar.value() >= bar.maximum():
            y = max(self._page[0] - self._page[1], 0.0)  # the ends meet
        else:
            y = self._map.preview_y(editor_top_line(self.editor))
        self._scroll_preview(y)

    def _scroll_preview(self, y: float) -> None:
        if round(y) == self._page_y:
            return  # typing moves the editor's bar without moving its top line: no script for nothing
        self._page_y = round(y)
        # The report of this scroll may come late; a page already there reports nothing at all.
        self._expected_y = round(y)
        self._expected_until = time.monotonic() + EXPECTED_S
        self._quiet()
        self._web_view().run_script(f"window.scrollTo(0, {round(y)}); true", lambda _r: None)

    def _quiet(self) -> None:
        self._quiet_until = time.monotonic() + QUIET_S

    # -- preview → editor -------------------------------------------------------------------------
    def _preview_scrolled(self, position: QPointF) -> None:
        y = position.y()
        self._page_y = round(y)
        expected, self._expected_y = self._expected_y, None
        if expected is not None and abs(y - expected) < 1.5 and time.monotonic() < self._expected_until:
            return
        if time.monotonic() < self._quiet_until:
            return
        self._editor_leads = False
        height, view = self._page
        self._moving_editor = True
        try:
            bar = self.editor.verticalScrollBar()
            if y <= 0:
                bar.setValue(bar.minimum())
            elif height and y >= height - view - 1:
                bar.setValue(bar.maximum())
            else:
                scroll_editor_to_line(self.editor, self._map.line_at(y))
        finally:
            self._moving_editor = False

    def _text_preview_scrolled(self, _value: int) -> None:
        if self._moving_preview:
            return
        self._editor_leads = False
        self._moving_editor = True
        try:
            self._follow_by_proportion(self._text_view().verticalScrollBar(), self.editor.verticalScrollBar())
        finally:
            self._moving_editor = False

    def _follow_by_proportion(self, source, target) -> None:
        span = source.maximum() - source.minimum()
        fraction = (source.value() - source.minimum()) / span if span > 0 else 0.0
        self._moving_preview = True
        try:
            target.setValue(round(target.minimum() + fraction * (target.maximum() - target.minimum())))
        finally:
            self._moving_preview = False

    # -- clicks -----------------------------------------------------------------------------------
    def _hook_clicks(self) -> None:
        proxy = self.preview.view.focusProxy()
        if proxy is not None and proxy is not self._proxy:
            proxy.installEventFilter(self)
            self._proxy = proxy

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if watched is self.preview.view:
            if kind == QEvent.Type.Resize:
                self.measure()
            elif kind == QEvent.Type.ChildAdded:
                self._hook_clicks()
        elif (
            watched is self._proxy
            and kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease)
            and isinstance(event, QMouseEvent)
        ):
            if event.button() == Qt.MouseButton.LeftButton:
                if kind == QEvent.Type.MouseButtonPress:
                    self._press = event.position()
                elif self._press is not None:
                    moved = (event.position() - self._press).manhattanLength()
                    self._press = None
                    if moved <= CLICK_SLOP:
                        self._clicked(event.position())
        return False

    def _clicked(self, position: QPointF) -> None:
        view = self._web_view()
        zoom = view.page().zoomFactor() or 1.0
        script = _LINE_AT_JS % (position.x() / zoom, position.y() / zoom)
        view.run_script(script, self._go_to_line)

    def _go_to_line(self, line: object) -> None:
        if not isinstance(line, (int, float)) or line < 1:
            return
        block = self.editor.document().findBlockByNumber(min(int(line), self.editor.blockCount()) - 1)
        self._moving_editor = True  # the preview stays where the reader clicked
        try:
            self.editor.setTextCursor(QTextCursor(block))
        finally:
            self._moving_editor = False
        self.editor.setFocus(Qt.FocusReason.MouseFocusReason)
