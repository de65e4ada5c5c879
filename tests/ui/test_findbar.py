"""FindBar driving a real QPlainTextEdit: navigation, options, replacing, highlights, keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget

from editor.ui.find_marks import MAX_HIGHLIGHTS
from editor.ui.findbar import FindBar


class Window(QWidget):
    """An editor with its find bar below it, the way the main window arranges them."""

    def __init__(self) -> None:
        super().__init__()
        self.editor = QPlainTextEdit()
        self.bar = FindBar(self.editor, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        layout.addWidget(self.bar)


@pytest.fixture
def window(qtbot) -> Window:
    widget = Window()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def selection(editor: QPlainTextEdit) -> tuple[int, int]:
    cursor = editor.textCursor()
    return cursor.selectionStart(), cursor.selectionEnd()


def search(window: Window, text: str, at: int = 0) -> None:
    cursor = window.editor.textCursor()
    cursor.setPosition(at)
    window.editor.setTextCursor(cursor)
    window.bar.show_find()
    window.bar.find_field.setText(text)


def test_hidden_until_asked(window: Window) -> None:
    assert not window.bar.isVisible()
    window.bar.show_find()
    assert window.bar.isVisible()
    assert not window.bar.replace_field.isVisible()
    window.bar.show_replace()
    assert window.bar.replace_field.isVisible()


def test_show_find_prefills_the_selection_and_focuses(window: Window, qtbot) -> None:
    window.editor.setPlainText("alpha beta alpha")
    cursor = window.editor.textCursor()
    cursor.setPosition(11)
    cursor.setPosition(16, QTextCursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)
    window.activateWindow()
    window.bar.show_find()
    assert window.bar.find_field.text() == "alpha"
    assert window.bar.find_field.selectedText() == "alpha"
    qtbot.waitUntil(window.bar.find_field.hasFocus)
    assert selection(window.editor) == (11, 16)
    assert window.bar.count_label.text() == "2 of 2"


def test_next_and_previous_wrap_around(window: Window) -> None:
    window.editor.setPlainText("foo bar foo baz foo")
    search(window, "foo")
    assert selection(window.editor) == (0, 3)
    window.bar.find_next()
    assert selection(window.editor) == (8, 11)
    window.bar.find_next()
    assert selection(window.editor) == (16, 19)
    window.bar.find_next()
    assert selection(window.editor) == (0, 3)
    window.bar.find_previous()
    assert selection(window.editor) == (16, 19)
    window.bar.find_previous()
    assert selection(window.editor) == (8, 11)


def test_incremental_search_starts_at_the_cursor(window: Window) -> None:
    window.editor.setPlainText("foo bar foo baz foo")
    search(window, "fo", at=5)
    assert selection(window.editor) == (8, 10)
    window.bar.find_field.setText("foo")
    assert selection(window.editor) == (8, 11)


def test_enter_and_shift_enter_step_through_matches(window: Window, qtbot) -> None:
    window.editor.setPlainText("x1 x2 x3")
    search(window, "x")
    qtbot.keyClick(window.bar.find_field, Qt.Key.Key_Return)
    assert selection(window.editor) == (3, 4)
    qtbot.keyClick(window.bar.find_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert selection(window.editor) == (0, 1)
    qtbot.keyClick(window.bar.find_field, Qt.Key.Key_Enter, Qt.KeyboardModifier.ShiftModifier)
    assert selection(window.editor) == (6, 7)


def test_match_case(window: Window) -> None:
    window.editor.setPlainText("Foo foo FOO")
    search(window, "foo")
    assert window.bar.count_label.text() == "1 of 3"
    window.bar.match_case.setChecked(True)
    assert selection(window.editor) == (4, 7)
    assert window.bar.count_label.text() == "1 of 1"


def test_whole_words(window: Window) -> None:
    window.editor.setPlainText("cat concat cat. cats")
    search(window, "cat")
    assert window.bar.count_label.text() == "1 of 4"
    window.bar.whole_words.setChecked(True)
    assert window.bar.count_label.text() == "1 of 2"
    window.bar.find_next()
    assert selection(window.editor) == (11, 14)


def test_plain_text_mode_escapes_regex_syntax(window: Window) -> None:
    window.editor.setPlainText("a.b axb a.b")
    search(window, "a.b")
    assert window.bar.count_label.text() == "1 of 2"
    window.bar.regular_expression.setChecked(True)
    assert window.bar.count_label.text() == "1 of 3"


def test_regex_with_capture_group_and_replace(window: Window) -> None:
    window.editor.setPlainText("John Smith\nJane Doe")
    window.bar.show_replace()
    window.bar.regular_expression.setChecked(True)
    window.bar.find_field.setText(r"(\w+) (\w+)")
    window.bar.replace_field.setText(r"\2, \1")
    assert window.bar.replace()
    assert window.editor.toPlainText() == "Smith, John\nJane Doe"
    assert window.editor.textCursor().selectedText() == "Jane Doe"
    assert window.bar.replace()
    assert window.editor.toPlainText() == "Smith, John\nDoe, Jane"


def test_replace_when_selection_is_not_a_match_only_finds(window: Window) -> None:
    window.editor.setPlainText("one two one")
    search(window, "one", at=4)
    window.bar.replace_field.setText("1")
    cursor = window.editor.textCursor()
    cursor.setPosition(4)
    window.editor.setTextCursor(cursor)
    assert not window.bar.replace()
    assert window.editor.toPlainText() == "one two one"
    assert selection(window.editor) == (8, 11)


def test_invalid_regex_shows_an_error_and_does_not_raise(window: Window) -> None:
    window.editor.setPlainText("(text)")
    window.bar.show_find()
    window.bar.regular_expression.setChecked(True)
    window.bar.find_field.setText("(unclosed")
    assert window.bar.count_label.text().startswith("Invalid regular expression")
    assert not window.bar.find_next()
    assert not window.bar.find_previous()
    assert window.bar.replace_all() == 0
    assert window.editor.toPlainText() == "(text)"
    window.bar.regular_expression.setChecked(False)
    assert window.bar.count_label.text() == "No matches"


def test_invalid_group_in_replacement_shows_an_error(window: Window) -> None:
    window.editor.setPlainText("abc")
    window.bar.show_replace()
    window.bar.regular_expression.setChecked(True)
    window.bar.find_field.setText("b")
    window.bar.replace_field.setText(r"\3")
    assert window.bar.replace_all() == 0
    assert window.bar.count_label.text().startswith("Invalid replacement")
    assert window.editor.toPlainText() == "abc"


def test_replace_all_is_one_undo_step(window: Window) -> None:
    original = "a x a x a\nand a"
    window.editor.setPlainText(original)
    window.bar.show_replace()
    window.bar.find_field.setText("a")
    window.bar.whole_words.setChecked(True)
    window.bar.replace_field.setText("bb")
    assert window.bar.replace_all() == 4
    assert window.editor.toPlainText() == "bb x bb x bb\nand bb"
    assert window.bar.count_label.text() == "No matches"
    window.editor.undo()
    assert window.editor.toPlainText() == original


def test_escape_hides_and_clears_highlights(window: Window, qtbot) -> None:
    window.editor.setPlainText("foo foo foo")
    other = QTextEdit.ExtraSelection()
    other.cursor = window.editor.textCursor()
    other.format = QTextCharFormat()
    other.format.setBackground(QColor("red"))
    window.editor.setExtraSelections([other])

    search(window, "foo")
    assert len(window.editor.extraSelections()) == 1 + 3
    qtbot.keyClick(window.bar.find_field, Qt.Key.Key_Escape)
    assert not window.bar.isVisible()
    kept = window.editor.extraSelections()
    assert len(kept) == 1
    assert kept[0].format.background().color() == QColor("red")


def test_escape_wins_over_a_window_shortcut_from_any_control(window: Window, qtbot) -> None:
    fired = []
    window_escape = QAction(window)
    window_escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
    window_escape.triggered.connect(lambda: fired.append(True))
    window.addAction(window_escape)
    window.activateWindow()
    qtbot.waitActive(window)

    for control in (window.bar.find_field, window.bar.replace_field, window.bar.match_case):
        window.bar.show_replace()
        control.setFocus()
        qtbot.keyClick(control, Qt.Key.Key_Escape)
        assert not window.bar.isVisible(), control
    assert fired == []


def test_enter_in_the_replace_field_replaces(window: Window, qtbot) -> None:
    window.editor.setPlainText("cat cat")
    window.bar.show_replace()
    window.bar.find_field.setText("cat")
    window.bar.replace_field.setText("dog")
    qtbot.keyClick(window.bar.replace_field, Qt.Key.Key_Return)
    assert window.editor.toPlainText() == "dog cat"
    assert selection(window.editor) == (4, 7)


def test_close_button_returns_focus_to_the_editor(window: Window, qtbot) -> None:
    window.activateWindow()
    search(window, "x")
    qtbot.waitUntil(window.bar.find_field.hasFocus)
    window.bar.close_button.click()
    assert not window.bar.isVisible()
    qtbot.waitUntil(window.editor.hasFocus)


def test_count_label(window: Window) -> None:
    window.editor.setPlainText(" ".join(["word"] * 12))
    search(window, "word")
    assert window.bar.count_label.text() == "1 of 12"
    window.bar.find_next()
    window.bar.find_next()
    assert window.bar.count_label.text() == "3 of 12"
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    assert window.bar.count_label.text() == "12 matches"
    window.bar.find_field.setText("nothing")
    assert window.bar.count_label.text() == "No matches"
    window.bar.find_field.clear()
    assert window.bar.count_label.text() == ""
    assert window.editor.extraSelections() == []


def test_editing_the_document_updates_the_matches(window: Window, qtbot) -> None:
    window.editor.setPlainText("foo")
    search(window, "foo")
    assert window.bar.count_label.text() == "1 of 1"
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    window.editor.insertPlainText(" foo")
    qtbot.waitUntil(lambda: window.bar.count_label.text() == "2 matches")
    assert len(window.editor.extraSelections()) == 2


def test_highlights_are_capped_in_huge_documents(window: Window) -> None:
    window.editor.setPlainText("hit\n" * (MAX_HIGHLIGHTS * 3))
    search(window, "hit")
    assert window.bar.count_label.text() == f"1 of {MAX_HIGHLIGHTS * 3}"
    assert len(window.editor.extraSelections()) == MAX_HIGHLIGHTS


def test_positions_are_right_after_astral_characters(window: Window) -> None:
    window.editor.setPlainText("\N{GRINNING FACE} foo \N{GRINNING FACE}\N{GRINNING FACE} foo")
    search(window, "foo")
    assert window.editor.textCursor().selectedText() == "foo"
    window.bar.find_next()
    assert window.editor.textCursor().selectedText() == "foo"
    assert window.bar.count_label.text() == "2 of 2"
    window.bar.replace_field.setText("bar")
    assert window.bar.replace_all() == 2
    assert window.editor.toPlainText() == ("\N{GRINNING FACE} bar \N{GRINNING FACE}\N{GRINNING FACE} bar")


def test_actions_have_standard_shortcuts_for_the_editor(window: Window) -> None:
    bar = window.bar
    expected = {
        bar.find_action: QKeySequence.StandardKey.Find,
        bar.find_next_action: QKeySequence.StandardKey.FindNext,
        bar.find_previous_action: QKeySequence.StandardKey.FindPrevious,
        bar.replace_action: QKeySequence.StandardKey.Replace,
    }
    for action, key in expected.items():
        assert action.shortcuts() == QKeySequence.keyBindings(key)
        assert action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
        assert action in window.editor.actions()

    bar.replace_action.trigger()
    assert bar.isVisible() and bar.replace_field.isVisible()


def test_find_next_action_with_empty_field_opens_the_bar(window: Window) -> None:
    window.editor.setPlainText("abc abc")
    window.bar.find_next_action.trigger()
    assert window.bar.isVisible()
    window.bar.find_field.setText("abc")
    window.bar.close()
    window.bar.find_next_action.trigger()
    assert not window.bar.isVisible()
    assert selection(window.editor) == (4, 7)


def test_shortcut_opens_the_bar_from_the_editor(window: Window, qtbot) -> None:
    window.activateWindow()
    window.editor.setFocus()
    qtbot.waitUntil(window.editor.hasFocus)
    qtbot.keySequence(window.editor, QKeySequence(QKeySequence.StandardKey.Find))
    assert window.bar.isVisible()
