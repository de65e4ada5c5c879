"""Spell checking as you type, on the real window with the system's real hunspell dictionaries."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication

from editor.core.spelling import PERSONAL_DICTIONARY, Checker, WordLists
from editor.ui.spelling import Spelling
from tests.ui.test_main_window import type_text

TRICKY = """\
---
titel: Helo wrold
---

A paragraf with one mistake.

```python
def mispeled():
    return "wrogn"

# a blank line above, still inside the fence: qwertyuiop
```

Some `inlin mispeled` code, a [link](https://exampel.com/speling "titel") and <https://exampel.org/wrogn>.
See https://exampel.net/pathh or <span class="misteak">prose</span> at v2beta.
"""


def spelling_of(window) -> Spelling:
    found = window.findChild(Spelling, "spelling")
    assert found is not None
    return found


def open_started(qtbot, open_window):
    """A window whose spelling has started (it waits for the editor's first paint)."""
    window = open_window()
    spelling = spelling_of(window)
    qtbot.waitUntil(lambda: spelling.started)
    return window


def underlined(document: QTextDocument) -> list[str]:
    """The words the highlighter marked with the spell-check underline, in document order."""
    marked = []
    block = document.firstBlock()
    while block.isValid():
        for span in block.layout().formats():
            if span.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline:
                marked.append(block.text()[span.start : span.start + span.length])
        block = block.next()
    return marked


def point_of(editor, text: str):
    """The viewport point in the middle of the first `text` in the editor."""
    cursor = QTextCursor(editor.document())
    cursor.setPosition(editor.toPlainText().index(text) + len(text) // 2)
    return editor.cursorRect(cursor).center()


def texts(menu) -> list[str]:
    return [action.text() for action in menu.actions() if not action.isSeparator()]


def open_draft(window, body: str) -> None:
    window.new_draft()
    window.editor.setPlainText(body)


def test_only_prose_is_underlined_not_code_front_matter_or_addresses(qtbot, open_window):
    window = open_started(qtbot, open_window)
    open_draft(window, TRICKY)
    assert underlined(window.editor.document()) == ["paragraf"]

    # The fence state carries: closing the fence early turns the rest of the block into prose.
    cursor = QTextCursor(window.editor.document())
    cursor.setPosition(window.editor.toPlainText().index("def mispeled"))
    cursor.insertText("```\n\n")
    assert underlined(window.editor.document())[:2] == ["paragraf", "mispeled"]


def test_typing_marks_a_misspelled_word_and_its_correction_clears_it(qtbot, open_window):
    window = open_started(qtbot, open_window)
    open_draft(window, "")
    window.editor.setFocus()
    type_text(qtbot, window.editor, "Thiss is fine")
    assert underlined(window.editor.document()) == ["Thiss"]
    cursor = window.editor.textCursor()
    cursor.setPosition(len("Thiss"))
    window.editor.setTextCursor(cursor)
    qtbot.keyClick(window.editor, Qt.Key.Key_Backspace)
    assert window.editor.toPlainText() == "This is fine"
    assert underlined(window.editor.document()) == []


def test_the_reply_box_is_checked_in_the_default_language(qtbot, open_window):
    window = open_started(qtbot, open_window)
    reply = window.inbox.conversation.reply_box.text
    reply.setPlainText("Thank you for the coment, see `mispeled` code.")
    assert underlined(reply.document()) == ["coment"]
    spans = reply.document().firstBlock().layout().formats()
    assert len(spans) == 1  # the reply box shows plain text: no Markdown colours, only the mark


def test_a_suggestion_replaces_the_word_in_one_undo_step(qtbot, open_window):
    window = open_started(qtbot, open_window)
    open_draft(window, "A paragraf with one mistake.")
    menu = spelling_of(window).context_menu(window.editor, point_of(window.editor, "paragraf"), "")
    shown = texts(menu)
    assert "paragraph" in shown[:6]
    assert shown.index("&Add to Dictionary") <= 7 and "&Ignore" in shown
    assert any("Copy" in text for text in shown)  # the usual actions stay
    next(a for a in menu.actions() if a.text() == "paragraph").trigger()
    assert window.editor.toPlainText() == "A paragraph with one mistake."
    assert underlined(window.editor.document()) == []
    window.editor.undo()
    assert window.editor.toPlainText() == "A paragraf with one mistake."


def test_a_correct_word_gets_only_the_usual_menu(qtbot, open_window):
    window = open_started(qtbot, open_window)
    open_draft(window, "A paragraph with `mispeled` code.")
    spelling = spelling_of(window)
    for word in ("paragraph", "mispeled"):
        shown = texts(spelling.context_menu(window.editor, point_of(window.editor, word), ""))
        assert "&Add to Dictionary" not in shown and "&Ignore" not in shown


def test_add_to_dictionary_persists_and_ignore_lasts_the_session(qtbot, open_window, data_dir):
    window = open_started(qtbot, open_window)
    open_draft(window, "Longhandish prose with a frobnicate.")
    spelling = spelling_of(window)
    assert underlined(window.editor.document()) == ["Longhandish", "frobnicate"]
    menu = spelling.context_menu(window.editor, point_of(window.editor, "Longhandish"), "")
    next(a for a in menu.actions() if a.text() == "&Add to Dictionary").trigger()
    menu = spelling.context_menu(window.editor, point_of(window.editor, "frobnicate"), "")
    next(a for a in menu.actions() if a.text() == "&Ignore").trigger()
    assert underlined(window.editor.document()) == []

    checker = Checker("en_US", WordLists(data_dir / PERSONAL_DICTIONARY))
    assert checker.check("Longhandish") and not checker.check("frobnicate")


def test_the_language_is_saved_with_the_draft_and_restored(qtbot, open_window):
    window = open_started(qtbot, open_window)
    open_draft(window, "The colour of the harbour, a paragraf.")
    assert underlined(window.editor.document()) == ["colour", "harbour", "paragraf"]
    spelling = spelling_of(window)
    spelling.menu.aboutToShow.emit()
    choices = {a.text(): a for a in spelling.menu.actions()}
    assert choices["Default Language (en_US)"].isChecked()
    choices["en_GB"].trigger()
    assert underlined(window.editor.document()) == ["paragraf"]
    draft_id = window.current_draft.id
    window.close()

    again = open_started(qtbot, open_window)
    assert again.current_draft.id == draft_id and again.current_draft.language == "en_GB"
    assert underlined(again.editor.document()) == ["paragraf"]  # marked once spelling started
    spelling = spelling_of(again)
    spelling.menu.aboutToShow.emit()
    assert [a.text() for a in spelling.menu.actions() if a.isChecked()] == ["&Check Spelling", "en_GB"]


def test_a_language_without_a_dictionary_is_said_once_and_nothing_breaks(qtbot, open_window):
    window = open_started(qtbot, open_window)
    open_draft(window, "A paragraf with one mistake.")
    spelling = spelling_of(window)
    spelling.set_draft_language("xx_YY")
    said = "No spelling dictionary for xx_YY is installed, so spelling is not checked."
    assert window.statusBar().currentMessage() == said
    assert underlined(window.editor.document()) == []
    window.statusBar().clearMessage()
    type_text(qtbot, window.editor, " Anothr one.")
    assert window.statusBar().currentMessage() == ""  # once is enough
    menu = spelling.context_menu(window.editor, point_of(window.editor, "paragraf"), "xx_YY")
    assert "&Add to Dictionary" not in texts(menu)
    spelling.menu.aboutToShow.emit()
    assert [a.text() for a in spelling.menu.actions() if a.isChecked()] == ["&Check Spelling", "xx_YY (not installed)"]
    window.save_now()
    assert window.store.get_draft(window.current_draft.id).language == "xx_YY"


def test_check_spelling_off_clears_the_marks_and_is_remembered(qtbot, open_window):
    window = open_started(qtbot, open_window)
    open_draft(window, "A paragraf.")
    spelling = spelling_of(window)
    spelling.check_action.trigger()
    assert not spelling.check_action.isChecked() and underlined(window.editor.document()) == []
    window.close()

    again = open_started(qtbot, open_window)
    spelling = spelling_of(again)
    assert not spelling.check_action.isChecked() and underlined(again.editor.document()) == []
    spelling.check_action.trigger()
    assert underlined(again.editor.document()) == ["paragraf"]


def test_the_context_menu_event_opens_the_menu_with_the_suggestions(qtbot, open_window):
    window = open_started(qtbot, open_window)
    open_draft(window, "A paragraf with one mistake.")
    point = point_of(window.editor, "paragraf")
    shown: list[str] = []

    def read_and_close() -> None:
        popup = QApplication.activePopupWidget()
        if popup is None:
            QTimer.singleShot(10, window, read_and_close)  # until the menu shows, or the window goes
            return
        shown.extend(texts(popup))
        popup.close()

    QTimer.singleShot(0, window, read_and_close)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, point, window.editor.viewport().mapToGlobal(point))
    QApplication.sendEvent(window.editor.viewport(), event)  # returns when the menu closes
    assert "paragraph" in shown and "&Add to Dictionary" in shown


def test_marking_and_unmarking_the_text_is_no_edit(qtbot, open_window):
    """Restyling says contentsChanged though no character changed: it must not render the preview again,
    mark the draft unsaved or search again (quiet_restyle.py)."""
    window = open_started(qtbot, open_window)
    open_draft(window, "A paragraf.")
    qtbot.wait(200)  # the draft's own render is asked for once its render timer fires
    qtbot.waitUntil(lambda: not window.renderer.busy)
    edits: list[str] = []
    window.editor.textChanged.connect(lambda: edits.append("textChanged"))
    started = window.renderer.renders_started
    spelling = spelling_of(window)
    spelling.check_action.trigger()  # off: every block restyled
    spelling.check_action.trigger()  # on again
    window.editor.highlighter.rehighlightBlock(window.editor.document().firstBlock())
    qtbot.wait(200)  # the render timer would have fired
    assert underlined(window.editor.document()) == ["paragraf"]
    assert edits == [] and window.renderer.renders_started == started
    window.editor.insertPlainText("!")  # while a real edit still is one
    assert edits == ["textChanged"]
    qtbot.waitUntil(lambda: window.renderer.renders_started > started)
