"""Distraction-free writing (F11) and the status bar's words written today, on the real window."""

from datetime import date

from PySide6.QtCore import Qt

from editor.core.daily_words import DailyWords
from editor.core.store import Store
from editor.ui.focus_mode import LINE_CHARACTERS, FocusMode, WordsToday
from editor.ui.media_panel import MediaPanel
from tests.ui.test_main_window import type_new_draft, type_text


def activate(qtbot, window) -> None:
    """Shortcuts reach only the active window, from the widget with the focus."""
    window.activateWindow()
    window.editor.setFocus()
    qtbot.waitUntil(window.editor.hasFocus)


def focus_mode(window) -> FocusMode:
    found = window.findChild(FocusMode)
    assert found is not None
    return found


def view_menu_texts(window) -> list[str]:
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    return [action.text() for action in view.actions()]


def test_f11_shows_the_editor_alone_centred_and_f11_again_puts_everything_back(qtbot, open_window):
    window = open_window()
    assert "Distraction-&Free Writing" in view_menu_texts(window)
    window.fields.hide()  # hidden by the author before: must stay hidden afterwards
    media = window.findChild(MediaPanel)
    media.show()  # a dock shown by the author: hidden in the mode, back afterwards
    window.find_bar.find_action.trigger()
    qtbot.waitUntil(window.find_bar.isVisible)
    window.splitter.setSizes([250, 1030])
    window.writing.setSizes([700, 330])
    sizes, writing_sizes = window.splitter.sizes(), window.writing.sizes()
    assert not window.isFullScreen()

    activate(qtbot, window)
    qtbot.keyClick(window.editor, Qt.Key.Key_F11)
    assert focus_mode(window).active and focus_mode(window).action.isChecked()
    for pane in (window.side_tabs, window.fields, window.preview, window.find_bar, media):
        assert not pane.isVisible()
    assert window.editor.isVisible()
    qtbot.waitUntil(window.isFullScreen)
    qtbot.waitUntil(lambda: window.editor.viewportMargins().left() > 0)
    margins = window.editor.viewportMargins()
    assert margins.left() == margins.right()
    line = window.editor.fontMetrics().horizontalAdvance("n" * LINE_CHARACTERS)
    assert line <= window.editor.viewport().width() <= line * 1.25  # about 72 characters, in the middle
    centre = window.editor.viewport().geometry().center().x()
    assert abs(centre - window.editor.contentsRect().center().x()) <= 2

    qtbot.keyClick(window.editor, Qt.Key.Key_F11)
    assert not focus_mode(window).active and not focus_mode(window).action.isChecked()
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert window.side_tabs.isVisible() and window.preview.isVisible() and window.find_bar.isVisible()
    assert media.isVisible() and window.fields.isHidden()
    assert window.editor.viewportMargins().left() == 0
    qtbot.waitUntil(lambda: window.splitter.sizes() == sizes and window.writing.sizes() == writing_sizes)


def test_escape_leaves_and_margins_follow_the_window_width(qtbot, open_window):
    window = open_window()
    activate(qtbot, window)
    qtbot.keyClick(window.editor, Qt.Key.Key_Escape)
    assert not focus_mode(window).active  # Escape does nothing outside the mode
    focus_mode(window).action.trigger()
    qtbot.waitUntil(lambda: window.editor.viewportMargins().left() > 0)
    window.setWindowState(Qt.WindowState.WindowNoState)  # so that the window can be resized
    window.resize(1000, 700)
    qtbot.waitUntil(lambda: window.width() == 1000)
    narrow = window.editor.viewportMargins().left()
    window.resize(1400, 700)
    qtbot.waitUntil(lambda: window.width() == 1400)
    assert abs(window.editor.viewportMargins().left() - (narrow + 200)) <= 1  # the extra width is shared
    qtbot.keyClick(window.editor, Qt.Key.Key_Escape)
    assert not focus_mode(window).active
    assert window.side_tabs.isVisible() and window.fields.isVisible() and window.preview.isVisible()


def test_the_mode_is_not_remembered_and_closing_in_it_keeps_the_ordinary_layout(qtbot, open_window):
    window = open_window()
    window.splitter.setSizes([300, 980])
    sizes = window.splitter.sizes()
    focus_mode(window).action.trigger()
    qtbot.waitUntil(window.isFullScreen)
    window.close()
    window.store.close()

    again = open_window()
    assert not focus_mode(again).active and not again.isFullScreen()
    assert again.side_tabs.isVisible() and again.preview.isVisible()
    # (the test screen is smaller than the window: only the side pane's width is kept exactly)
    assert again.splitter.sizes()[0] == sizes[0]


def today_label(window) -> str:
    return window.status.today.text()


def test_typing_raises_todays_words_and_deleting_does_not_lower_them(qtbot, open_window):
    window = open_window()
    assert today_label(window) == "0 words today"
    type_new_draft(qtbot, window, "one two three ")
    qtbot.waitUntil(lambda: today_label(window) == "3 words today", timeout=5000)  # the autosave counted them
    window.editor.selectAll()
    qtbot.keyClick(window.editor, Qt.Key.Key_Delete)
    window.save_now()
    assert window.store.get_draft(window.current_draft.stored_id).body == ""
    assert today_label(window) == "3 words today"
    type_text(qtbot, window.editor, "four five")
    window.save_now()  # a save on the UI thread counts too
    assert today_label(window) == "5 words today"
    window.new_draft()
    type_text(qtbot, window.editor, "another draft")
    qtbot.waitUntil(lambda: today_label(window) == "7 words today", timeout=5000)  # across drafts
    assert window.findChild(WordsToday).daily.total() == 7


def test_todays_words_survive_reopening_and_a_new_day_starts_at_zero(qtbot, open_window, data_dir):
    window = open_window()
    type_new_draft(qtbot, window, "alpha beta gamma delta")
    window.close()
    window.store.close()
    assert DailyWords(Store.open(data_dir)).total() == 4

    again = open_window()
    assert today_label(again) == "4 words today"
    counter = again.findChild(WordsToday)
    counter.daily.today = lambda: date(2099, 1, 1)  # midnight passed
    counter.refresh()
    assert today_label(again) == "0 words today"
    type_text(qtbot, again.editor, " epsilon")
    again.save_now()
    assert today_label(again) == "1 word today"
    counter.daily.today = date.today
    counter.refresh()
    assert today_label(again) == "4 words today"


def test_from_the_inbox_the_mode_shows_the_editor_and_leaving_brings_the_conversation_back(qtbot, open_window):
    window = open_window()
    window.side_tabs.setCurrentIndex(1)
    assert window.work.currentWidget() is window.inbox.conversation
    focus_mode(window).action.trigger()
    assert window.work.currentWidget() is window.writing and window.editor.isVisible()
    assert not window.side_tabs.isVisible()
    focus_mode(window).action.trigger()
    assert window.work.currentWidget() is window.inbox.conversation
    assert window.side_tabs.isVisible() and window.side_tabs.currentIndex() == 1
