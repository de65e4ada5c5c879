"""Progressive highlighting: a long text is painted in slices, the visible blocks first.

QSyntaxHighlighter highlights every block a change touches before the change returns: setPlainText or a
paste of a 50,000-word post is ~3,500 blocks, 0.2–0.5 s with spelling, before the editor can paint. Here
one synchronous run paints at most `RUN_BLOCKS` blocks plus the visible ones; the highlighter works out
only the states of the rest (what the next block starts in: cheap) and they are remembered as one pending
range, painted on timers in slices of `SLICE_SECONDS`, the visible blocks first. Painting a block again
is harmless, so the range may hold blocks that are already painted; since the states were right all
along, each block's highlight is the one a full pass gives.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QSyntaxHighlighter, QTextBlock, QTextCursor

RUN_BLOCKS: Final = 200  # painted per synchronous run: typing that opens a fence stays instant
SLICE_SECONDS: Final = 0.004  # UI-thread time a slice may take: well inside a frame
SLICE_PAUSE_MS: Final = 4  # between slices: input, paints and the preview's render come first
WAIT_MS: Final = 30  # while `wait()` says so (the preview renders a new text)


class Progress(QObject):
    """The highlighter's pending blocks and the timer that paints them."""

    # The editor's visible blocks as (first, last) block numbers; they are painted first.
    visible_blocks: Callable[[], tuple[int, int]] | None = None
    # While this returns True the slices wait (the window: while the preview renders, which needs the GIL).
    wait: Callable[[], bool] | None = None

    def __init__(self, highlighter: QSyntaxHighlighter) -> None:
        super().__init__(highlighter)
        self._highlighter = highlighter
        self._budget = RUN_BLOCKS
        self._visible = (0, -1)
        self._shown: tuple[int, int] | None = None  # the view painted last, while no block was added
        self._start: QTextCursor | None = None  # the pending range, kept in place by Qt as the text changes
        self._end: QTextCursor | None = None
        self._run_over = QTimer(self, singleShot=True, interval=0)  # a run ends when the event loop turns
        self._run_over.timeout.connect(self._new_run)
        self._slicer = QTimer(self, singleShot=True, interval=SLICE_PAUSE_MS)
        self._slicer.timeout.connect(self._slice)

    @property
    def pending(self) -> bool:
        """True while some blocks are still to be painted."""
        return self._start is not None

    def may_paint(self, block: QTextBlock) -> bool:
        """Whether the highlighter paints `block` now; if not, it is added to the pending range."""
        if self._budget == RUN_BLOCKS:  # the first block of a run
            self._run_over.start()
            self._visible = self.visible_blocks() if self.visible_blocks is not None else (0, -1)
        if self._budget > 0:
            self._budget -= 1
            return True
        if self._visible[0] <= block.blockNumber() <= self._visible[1]:
            return True
        self._add(block)
        return False

    def _new_run(self) -> None:
        self._budget = RUN_BLOCKS

    def _add(self, block: QTextBlock) -> None:
        self._shown = None  # it may be in view
        first, last = block.position(), block.position() + block.length() - 1
        if self._start is None or self._end is None:
            document = self._highlighter.document()
            self._start, self._end = QTextCursor(document), QTextCursor(document)
            self._start.setKeepPositionOnInsert(True)  # text typed before the range is not in it
            self._start.setPosition(first)
            self._end.setPosition(last)
            self._slicer.start()
            return
        if first < self._start.position():
            self._start.setPosition(first)
        if last > self._end.position():
            self._end.setPosition(last)

    def paint_visible(self) -> None:
        """Paint the pending blocks the editor shows now (after a load or a paste has moved the view)."""
        if self._start is None or self._end is None or self.visible_blocks is None:
            return
        first, last = self.visible_blocks()
        if self._shown == (first, last):
            return  # painted already (edits there are painted as they happen)
        self._shown = (first, last)
        document = self._highlighter.document()
        self._budget = RUN_BLOCKS  # a run of its own
        block = document.findBlockByNumber(max(first, document.findBlock(self._start.position()).blockNumber()))
        end = self._end.position()
        while block.isValid() and block.blockNumber() <= last and block.position() <= end:
            self._highlighter.rehighlightBlock(block)
            block = block.next()

    def _slice(self) -> None:
        """Paint pending blocks for up to SLICE_SECONDS: the visible ones, then from the range's start on."""
        if self._start is None or self._end is None:
            return
        if self.wait is not None and self.wait():
            self._slicer.start(WAIT_MS)
            return
        deadline = time.perf_counter() + SLICE_SECONDS
        self.paint_visible()
        self._budget = RUN_BLOCKS
        document = self._highlighter.document()
        block = document.findBlock(self._start.position())
        end = self._end.position()
        while block.isValid() and block.position() <= end:
            self._highlighter.rehighlightBlock(block)
            block = block.next()
            if time.perf_counter() >= deadline:
                break
        if block.isValid() and block.position() <= self._end.position():
            self._start.setPosition(block.position())
            self._slicer.start(SLICE_PAUSE_MS)
        else:
            self._start = self._end = None
