"""Find and replace for the editor: a bar the main window places below its QPlainTextEdit.

The searching itself is `editor.core.find`, run on the editor's plain text. Qt positions count
UTF-16 code units while Python indexes count code points, so every position crossing that boundary
goes through `find_marks.Utf16Positions`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QHideEvent,
    QKeyEvent,
    QKeySequence,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QToolButton,
    QWidget,
)

from ..core import find
from .find_marks import MAX_HIGHLIGHTS, Utf16Positions, tint_matches

# Edits made while the bar is open re-run the search once typing pauses, not on every keystroke.
_RESCAN_DELAY_MS: Final = 150


class FindBar(QWidget):
    """A find/replace bar for a QPlainTextEdit, hidden until `show_find` or `show_replace`.

    The owner puts it in a layout below the editor and adds `find_action`, `find_next_action`,
    `find_previous_action` and `replace_action` to its Edit menu; their shortcuts work while the
    editor or the bar has focus. Matches are tinted with the editor's extra selections (other
    features' extra selections are kept) and the tint goes when the bar hides.
    """

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editor = editor
        self._pattern: re.Pattern[str] | None = None
        self._error = ""
        self._matches: list[find.Span] = []  # (start, end) Qt positions, in document order
        self._stale = True
        self._rescan_timer = QTimer(self)
        self._rescan_timer.setSingleShot(True)
        self._rescan_timer.setInterval(_RESCAN_DELAY_MS)
        self._rescan_timer.timeout.connect(self._refresh)

        self.find_action = self._action(self.tr("&Find…"), QKeySequence.StandardKey.Find, self.show_find)
        self.find_next_action = self._action(
            self.tr("Find &Next"), QKeySequence.StandardKey.FindNext, self._find_next_or_ask
        )
        self.find_previous_action = self._action(
            self.tr("Find Pre&vious"), QKeySequence.StandardKey.FindPrevious, self._find_previous_or_ask
        )
        self.replace_action = self._action(self.tr("&Replace…"), QKeySequence.StandardKey.Replace, self.show_replace)
        actions = [
            self.find_action,
            self.find_next_action,
            self.find_previous_action,
            self.replace_action,
        ]
        # Added to both widgets so the shortcuts also work while typing in the find field.
        editor.addActions(actions)
        self.addActions(actions)

        self.find_field = QLineEdit(placeholderText=self.tr("Find"))
        self.find_field.setAccessibleName(self.tr("Find"))
        self.find_field.setClearButtonEnabled(True)
        self.previous_button = self._tool_button(
            self.tr("Previous match"), self.find_previous_action, Qt.ArrowType.UpArrow
        )
        self.next_button = self._tool_button(self.tr("Next match"), self.find_next_action, Qt.ArrowType.DownArrow)
        self.match_case = QCheckBox(self.tr("Match case"))
        self.whole_words = QCheckBox(self.tr("Whole words"))
        self.regular_expression = QCheckBox(self.tr("Regular expression"))
        self.count_label = QLabel()
        self.count_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton(autoRaise=True)
        self.close_button.setToolTip(self.tr("Close (Esc)"))
        self.close_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_DialogCloseButton))
        self.close_button.setAccessibleName(self.tr("Close"))
        self.replace_field = QLineEdit(placeholderText=self.tr("Replace with"))
        self.replace_field.setAccessibleName(self.tr("Replace with"))
        self.replace_button = QPushButton(self.tr("Replace"))
        self.replace_all_button = QPushButton(self.tr("Replace All"))

        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setColumnStretch(0, 1)
        grid.addWidget(self.find_field, 0, 0)
        find_row = QHBoxLayout()
        for widget in (
            self.previous_button,
            self.next_button,
            self.match_case,
            self.whole_words,
            self.regular_expression,
        ):
            find_row.addWidget(widget)
        find_row.addWidget(self.count_label, 1)
        find_row.addWidget(self.close_button)
        grid.addLayout(find_row, 0, 1)
        grid.addWidget(self.replace_field, 1, 0)
        replace_row = QHBoxLayout()
        replace_row.addWidget(self.replace_button)
        replace_row.addWidget(self.replace_all_button)
        replace_row.addStretch(1)
        grid.addLayout(replace_row, 1, 1)

        self.find_field.textChanged.connect(self._search_changed)
        for toggle in (self.match_case, self.whole_words, self.regular_expression):
            toggle.toggled.connect(self._search_changed)
        self.replace_button.clicked.connect(self.replace)
        self.replace_all_button.clicked.connect(self.replace_all)
        self.close_button.clicked.connect(self.close)
        self.find_field.installEventFilter(self)
        self.replace_field.installEventFilter(self)
        editor.textChanged.connect(self._document_changed)
        editor.cursorPositionChanged.connect(self._cursor_moved)

        self._set_replace_visible(False)
        self.hide()

    def _action(self, text: str, key: QKeySequence.StandardKey, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcuts(key)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        return action

    def _tool_button(self, tip: str, action: QAction, arrow: Qt.ArrowType) -> QToolButton:
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        button = QToolButton(autoRaise=True)
        button.setToolTip(f"{tip} ({shortcut})")
        button.setArrowType(arrow)
        button.setAccessibleName(tip)
        button.clicked.connect(action.trigger)
        return button

    def _set_replace_visible(self, visible: bool) -> None:
        for widget in (self.replace_field, self.replace_button, self.replace_all_button):
            widget.setVisible(visible)

    # Opening and closing

    def show_find(self) -> None:
        """Show the bar, pre-filled with the editor's selection (if one line), with the find field
        focused, and select the first match at or after the selection."""
        if not self.isVisible():
            self._set_replace_visible(False)
        selected = self._editor.textCursor().selectedText()
        # Qt joins the lines of a selection with U+2029; a multi-line selection is no search term.
        if selected and "\u2029" not in selected:
            with QSignalBlocker(self.find_field):
                self.find_field.setText(re.escape(selected) if self.regular_expression.isChecked() else selected)
        self.show()
        self.find_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_field.selectAll()
        self._search_changed()

    def show_replace(self) -> None:
        """Like `show_find`, with the replace row revealed too."""
        self.show_find()
        self._set_replace_visible(True)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """Closing (Esc, the close button) hands the keyboard back to the editor."""
        self._editor.setFocus(Qt.FocusReason.OtherFocusReason)
        super().closeEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt override)
        """However the bar is hidden, the match tint goes with it."""
        self._rescan_timer.stop()
        tint_matches(self._editor, [])
        super().hideEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        """Esc closes the bar from any of its controls."""
        if event.key() == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        """Claims Esc from any of the bar's controls, even if the window has an Esc shortcut."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            event.accept()
            return True
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Enter/Shift+Enter in the find field step through matches; Enter in the replace field
        replaces. (Esc needs no filter: the fields pass it on to `keyPressEvent`.)"""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if watched is self.replace_field:
                self.replace()
            elif event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.find_previous()
            else:
                self.find_next()
            return True
        return super().eventFilter(watched, event)

    # Searching

    def find_next(self) -> bool:
        """Select the first match after the editor's selection, wrapping to the top.

        Returns False when there is nothing to find.
        """
        return self._select_match(find.next_index, self._editor.textCursor().selectionEnd())

    def find_previous(self) -> bool:
        """Select the last match before the editor's selection, wrapping to the bottom.

        Returns False when there is nothing to find.
        """
        return self._select_match(find.previous_index, self._editor.textCursor().selectionStart())

    def _select_match(self, choose: Callable[[list[find.Span], int], int], position: int) -> bool:
        """Select the match `choose` picks for `position`; False when there is none to pick."""
        matches = self._current_matches()
        if not matches:
            self._show_results()
            return False
        self._select(choose(matches, position))
        return True

    def _find_next_or_ask(self) -> None:
        if self.find_field.text():
            self.find_next()
        else:
            self.show_find()

    def _find_previous_or_ask(self) -> None:
        if self.find_field.text():
            self.find_previous()
        else:
            self.show_find()

    def _search_changed(self) -> None:
        """Incremental search: the first match at or after the selection's start becomes current."""
        self._compile()
        if self.isVisible():
            self._select_match(find.next_index, self._editor.textCursor().selectionStart())

    def _compile(self) -> None:
        """Turn the find text and toggles into `_pattern`, or an `_error` for an invalid regex."""
        self._pattern = None
        self._error = ""
        self._stale = True
        try:
            self._pattern = find.compile_pattern(self.find_field.text(), self._options())
        except find.FindError as error:
            self._error = str(error)

    def _options(self) -> find.FindOptions:
        return find.FindOptions(
            match_case=self.match_case.isChecked(),
            whole_words=self.whole_words.isChecked(),
            regular_expression=self.regular_expression.isChecked(),
        )

    def _current_matches(self) -> list[find.Span]:
        """All matches in the document as it is now; rescans if it changed since the last scan."""
        self._rescan_timer.stop()
        if self._stale:
            self._stale = False
            self._matches = []
            if self._pattern is not None:
                text = self._editor.toPlainText()
                positions = Utf16Positions(text)
                self._matches = [
                    (positions.to_qt(m.start()), positions.to_qt(m.end())) for m in find.matches(self._pattern, text)
                ]
        return self._matches

    def _current_index(self) -> int | None:
        """The index of the match the editor's selection covers exactly, if it covers one."""
        cursor = self._editor.textCursor()
        return find.index_of(self._matches, (cursor.selectionStart(), cursor.selectionEnd()))

    def _select(self, index: int) -> None:
        start, end = self._matches[index]
        cursor = self._editor.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self._editor.setTextCursor(cursor)
        self._editor.ensureCursorVisible()
        self._show_results()

    def _document_changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self._rescan_timer.start()

    def _refresh(self) -> None:
        self._current_matches()
        self._show_results()

    def _cursor_moved(self) -> None:
        # While a rescan is pending the match list is out of date; the rescan updates the label.
        if self.isVisible() and not self._stale:
            self.count_label.setText(self._count_text(self._current_index()))

    def _count_text(self, current: int | None) -> str:
        # No pattern means an empty find field (no text) or an invalid regex (`_error` says why).
        if self._pattern is None:
            return self._error
        return find.count_sentence(len(self._matches), current)

    def _show_results(self) -> None:
        """Bring the count label and the match tint in line with `_matches`."""
        current = self._current_index()
        self.count_label.setText(self._count_text(current))
        if not self.isVisible():
            return
        if current is None:
            current = find.first_from(self._matches, self._editor.textCursor().position())
        tint_matches(self._editor, find.around(self._matches, current, MAX_HIGHLIGHTS))

    # Replacing

    def replace(self) -> bool:
        """Replace the selected match and select the next one; if the selection is not a match,
        just find the next one. Returns True if something was replaced."""
        matches = self._current_matches()
        current = self._current_index()
        if current is None or self._editor.isReadOnly():
            self.find_next()
            return False
        start, end = matches[current]
        text = self._editor.toPlainText()
        positions = Utf16Positions(text)
        match = self._pattern.match(text, positions.to_python(start)) if self._pattern else None
        if match is None or positions.to_qt(match.end()) != end:
            self.find_next()
            return False
        try:
            replacement = find.expand(match, self.replace_field.text(), self._options())
        except find.FindError as error:
            self.count_label.setText(str(error))
            return False
        cursor = self._editor.textCursor()
        cursor.insertText(replacement)
        self._editor.setTextCursor(cursor)
        self._stale = True
        self.find_next()
        return True

    def replace_all(self) -> int:
        """Replace every match as a single undo step; returns how many were replaced."""
        if self._pattern is None or self._editor.isReadOnly():
            return 0
        text = self._editor.toPlainText()
        try:
            edits = find.replacements(self._pattern, text, self.replace_field.text(), self._options())
        except find.FindError as error:
            self.count_label.setText(str(error))
            return 0
        if not edits:
            return 0
        positions = Utf16Positions(text)
        cursor = QTextCursor(self._editor.document())
        cursor.beginEditBlock()
        # Back to front, so each edit leaves the positions of the ones still to do unchanged.
        for start, end, replacement in reversed(edits):
            cursor.setPosition(positions.to_qt(start))
            cursor.setPosition(positions.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(replacement)
        cursor.endEditBlock()
        self._stale = True
        self._refresh()
        return len(edits)
