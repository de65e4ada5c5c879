"""Distraction-free writing (F11: the editor alone, full screen, its text centred at a comfortable line
length) and the status bar's "N words today".

Both are installed on a built window by `install`, so the main window gives them one line. The mode is
a session state only: it is not remembered, and closing the window leaves it first so the window's saved
size and splitter are the ordinary ones.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Protocol, cast

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter, QStackedWidget, QTabWidget, QWidget

from ..core.daily_words import DailyWords
from ..core.model import Draft
from ..core.session import DraftSession
from ..core.store import Store, StoreError
from .editor import MarkdownEditor
from .menus import Menus
from .status import EditorStatusBar


class WindowParts(Protocol):
    """What this module uses of the main window (which imports it, so it is not imported here)."""

    store: Store
    session: DraftSession
    status: EditorStatusBar
    editor: MarkdownEditor
    side_tabs: QTabWidget
    fields: QWidget
    preview: QWidget
    find_bar: QWidget
    splitter: QSplitter
    writing: QSplitter
    work: QStackedWidget
    menus: Menus


log = logging.getLogger(__name__)

LINE_CHARACTERS = 72  # a comfortable line for prose
TODAY_REFRESH_MS = 60_000  # picks up a new day, and words written in other windows


@dataclass(frozen=True)
class _Layout:
    """What the window looked like before the mode, to be put back exactly."""

    hidden: dict[QWidget, bool]
    sizes: list[int]
    writing_sizes: list[int]
    work_index: int
    state: Qt.WindowState
    geometry: QRect


class FocusMode(QObject):
    """The "Distraction-Free Writing" action (F11) and what it hides and puts back; Escape leaves too."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("focusMode")
        self.window = window
        self.parts = cast(WindowParts, window)
        self.action = QAction(self.tr("Distraction-&Free Writing"), window, checkable=True)
        self.action.setShortcut(QKeySequence(Qt.Key.Key_F11))
        self.action.toggled.connect(self.set_active)
        # Escape only while the mode is on: otherwise it belongs to whoever else uses it (the find bar).
        self.leave_action = QAction(self.tr("Leave Distraction-Free Writing"), window, enabled=False)
        self.leave_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.leave_action.triggered.connect(lambda: self.action.setChecked(False))
        window.addAction(self.leave_action)
        window.addAction(self.action)  # F11 works with the menu bar hidden too
        self._before: _Layout | None = None
        self._restored: _Layout | None = None
        self._restore_sizes_on_resize = False
        window.installEventFilter(self)

    @property
    def active(self) -> bool:
        """True while the editor is shown alone."""
        return self._before is not None

    def _panes(self) -> list[QWidget]:
        parts = self.parts
        docks = self.window.findChildren(QDockWidget)  # the outbox, the media panel, any later one
        return [parts.side_tabs, parts.fields, parts.preview, parts.find_bar, *docks]

    def set_active(self, on: bool) -> None:
        """Show the editor alone, full screen and centred; or put the window back as it was."""
        if on == self.active:
            return
        if on:
            self._enter()
        else:
            self._leave()
        self.action.setChecked(on)
        self.leave_action.setEnabled(on)

    def _enter(self) -> None:
        w, parts = self.window, self.parts
        self._before = _Layout(
            hidden={pane: pane.isHidden() for pane in self._panes()},
            sizes=parts.splitter.sizes(),
            writing_sizes=parts.writing.sizes(),
            work_index=parts.work.currentIndex(),
            state=w.windowState(),
            geometry=w.geometry(),
        )
        for pane in self._panes():
            pane.hide()
        parts.work.setCurrentIndex(0)  # the inbox's conversation, if shown, gives way to the editor
        parts.editor.installEventFilter(self)
        w.showFullScreen()
        self.centre()
        parts.editor.setFocus()

    def _leave(self) -> None:
        before, self._before = self._before, None
        if before is None:
            return
        w, parts = self.window, self.parts
        parts.editor.removeEventFilter(self)
        parts.editor.setViewportMargins(0, 0, 0, 0)
        w.setWindowState(before.state)
        if not before.state & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
            # Not every window system gives the old size back by itself on leaving full screen.
            w.setGeometry(before.geometry)
        parts.work.setCurrentIndex(before.work_index)
        for pane, hidden in before.hidden.items():
            pane.setHidden(hidden)
        self._restored = before
        self._restore_sizes()
        # The window leaves full screen when the window system says so; the splitters are given their
        # sizes again then, since a resize hands the difference to the stretchy pane only.
        self._restore_sizes_on_resize = True
        QTimer.singleShot(500, self._stop_restoring)

    def _restore_sizes(self) -> None:
        if self._restored is None:
            return
        self.parts.splitter.setSizes(self._restored.sizes)
        self.parts.writing.setSizes(self._restored.writing_sizes)

    def _stop_restoring(self) -> None:
        self._restore_sizes_on_resize = False

    def centre(self) -> None:
        """Side margins that leave the editor's text about LINE_CHARACTERS wide, in the middle."""
        editor = self.parts.editor
        text_width = editor.fontMetrics().horizontalAdvance("n" * LINE_CHARACTERS)
        text_width += int(2 * editor.document().documentMargin()) + editor.verticalScrollBar().sizeHint().width()
        margin = max(0, (editor.contentsRect().width() - text_width) // 2)
        editor.setViewportMargins(margin, 0, margin, 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if watched is self.parts.editor and kind == QEvent.Type.Resize and self.active:
            self.centre()
        elif watched is self.window and kind == QEvent.Type.Resize and self._restore_sizes_on_resize:
            self._restore_sizes()
        elif watched is self.window and kind == QEvent.Type.Close and self.active:
            self.set_active(False)  # the window's saved size and splitter must not be the full-screen ones
        return False


class WordsToday(QObject):
    """Counts the words each save adds (on the thread that writes it, not per keystroke) and shows
    today's total, shared by every Longhand process through the store, in the status bar."""

    _counted = Signal()  # from the saver's thread: the total changed

    def __init__(self, window: QMainWindow, today: Callable[[], date] = date.today) -> None:
        super().__init__(window)
        self.setObjectName("wordsToday")
        self.window = window
        self.parts = cast(WindowParts, window)
        self.daily = DailyWords(self.parts.store, today)
        self._counted.connect(self.refresh)
        self.parts.session.on_written = self._written
        self._timer = QTimer(self, interval=TODAY_REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def _written(self, replaced: str, saved: Draft) -> None:
        # On the saver's thread for autosaves: counted there, shown through a queued signal.
        try:
            if self.daily.count(replaced, saved.body):
                self._counted.emit()
        except StoreError:
            log.exception("could not count the words written today")  # never worth failing a save

    def refresh(self) -> None:
        """Show today's total as the store has it."""
        try:
            self.parts.status.set_words_today(self.daily.total())
        except StoreError:
            pass  # the status bar says what went wrong with saving; this label just keeps its last number


def install(window: QMainWindow) -> FocusMode:
    """Add Distraction-Free Writing to the View menu and the words written today to the status bar."""
    focus = FocusMode(window)
    menus = cast(WindowParts, window).menus
    menus.separator("view")
    menus.add("view", focus.action)
    WordsToday(window)
    return focus
