"""Help ▸ Keyboard Shortcuts reads the window's own actions; Help ▸ About Longhand says the version."""

from __future__ import annotations

from importlib import metadata

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from editor.ui.help_menu import ShortcutsDialog, show_about
from tests.ui.test_focus_mode import activate


def open_reference(qtbot, window, key=Qt.Key.Key_F1, modifier=Qt.KeyboardModifier.NoModifier) -> ShortcutsDialog:
    activate(qtbot, window)
    qtbot.keyClick(window.editor, key, modifier)
    qtbot.waitUntil(lambda: window.findChild(ShortcutsDialog) is not None, timeout=5000)
    dialog = window.findChild(ShortcutsDialog)
    assert dialog.isVisible()
    return dialog


def test_f1_lists_every_menu_shortcut_and_the_triage_keys(open_window, qtbot):
    window = open_window()
    dialog = open_reference(qtbot, window)
    rows = dialog.visible_rows()
    assert ("New Draft", "Ctrl+N") in rows
    assert ("Revision History…", "Ctrl+Shift+H") in rows
    assert ("Distraction-Free Writing", "F11") in rows
    assert ("Fetch New Comments", "F5") in rows
    assert ("Keyboard Shortcuts", "F1, Ctrl+/") in rows
    assert ("move", "J, K") in rows  # the comment list's own keys
    groups = [dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())]
    assert groups[:2] == ["File", "Edit"]
    assert "Window" in groups  # Escape leaves distraction-free writing: no menu shows it


def test_the_reference_is_read_from_the_window_not_written_by_hand(open_window, qtbot):
    window = open_window()
    window.menus.action("view", "Made &Up Just Now", lambda: None, "Ctrl+Alt+M")
    dialog = open_reference(qtbot, window, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)  # Ctrl+/ too
    assert ("Made Up Just Now", "Ctrl+Alt+M") in dialog.visible_rows()


def test_the_search_field_filters_by_action_or_key(open_window, qtbot):
    dialog = open_reference(qtbot, open_window())
    qtbot.keyClicks(dialog.search, "revision")
    assert {text for text, _ in dialog.visible_rows()} == {"Save Revision", "Revision History…"}
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "f11")
    assert dialog.visible_rows() == [("Distraction-Free Writing", "F11")]
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "nothing has this")
    assert dialog.visible_rows() == []


def test_about_names_the_installed_version(open_window, qtbot):
    window = open_window()
    said = {}

    def read_and_close():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        said["title"], said["text"] = box.windowTitle(), box.text()
        box.accept()

    QTimer.singleShot(0, read_and_close)
    show_about(window)
    assert said["title"] == "About Longhand"
    assert f"Longhand {metadata.version('longhand')}" in said["text"]
