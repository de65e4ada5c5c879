"""The Media panel in the real window: the open draft's pictures with thumbnail, size and where the text
uses them, kept up to date as the author types, drops pictures and changes drafts; Insert, Delete (refused
for a used file) and Remove Unused (after saying how many and how much)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible, QColor, QImage, QTextCursor
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMessageBox, QTreeWidget

from editor.core.images import media_folder
from editor.ui.media_panel import NAME, REFRESH_MS, SIZE, USE, MediaPanel
from tests.pictures import PNG
from tests.ui.test_main_window import type_new_draft
from tests.ui.test_publish_images import drop_files


def open_panel(qtbot, window) -> MediaPanel:
    panel = window.findChild(MediaPanel)
    [toggle] = [a for a in window.menus.menus["view"].actions() if a.text() == "&Media"]
    assert toggle is panel.toggleViewAction() and not panel.isVisible()
    toggle.trigger()
    qtbot.waitUntil(panel.isVisible)
    return panel


def rows(panel: MediaPanel) -> list[tuple[str, str, str]]:
    return [
        (row.text(NAME), row.text(SIZE), row.text(USE))
        for row in (panel.list.topLevelItem(i) for i in range(panel.list.topLevelItemCount()))
    ]


def answer_question(qtbot, button: QMessageBox.StandardButton) -> list[str]:
    """Answer the next question the panel asks with `button`; the list gets its text."""
    asked: list[str] = []

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            asked.append(box.text())
            box.button(button).click()
        else:
            QTimer.singleShot(10, look)

    QTimer.singleShot(0, look)
    return asked


def picture(path, width: int, height: int) -> None:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    assert image.save(str(path))


def test_the_panel_lists_the_drafts_pictures_and_follows_typing_and_drafts(qtbot, open_window, data_dir, tmp_path):
    window = open_window(use_web_preview=False)
    type_new_draft(qtbot, window, "Trip")
    panel = open_panel(qtbot, window)
    assert rows(panel) == [] and panel.summary.text() == "0 files, 0 bytes"
    photo = tmp_path / "Big photo.png"
    picture(photo, 2000, 1500)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    drop_files(window.editor, photo)
    size = photo.stat().st_size
    human = f"{round(size / 1024)} KB" if size >= 1024 else f"{size} bytes"
    # At once: adding a picture refreshes the list without waiting for a pause.
    assert rows(panel) == [("Big photo.png", human, "Used: line 1")]
    icon = panel.list.topLevelItem(0).icon(NAME)
    shown = icon.availableSizes()[0]
    assert not icon.isNull() and max(shown.width(), shown.height()) == 48  # decoded small, not 2000 wide

    # Typing that drops the image: the column follows after a pause, never on the keystroke itself.
    folder = media_folder(data_dir, window.session.draft.id)
    (folder / "spare.png").write_bytes(PNG)
    cursor = window.editor.textCursor()
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.insertText("Trip\n\nNo pictures now.\n")
    assert rows(panel)[0][2] == "Used: line 1" and panel._timer.isActive()
    qtbot.waitUntil(lambda: rows(panel)[0][2] == "Unused", timeout=REFRESH_MS * 5)
    assert rows(panel) == [("Big photo.png", human, "Unused"), ("spare.png", f"{len(PNG)} bytes", "Unused")]
    assert panel.summary.text().endswith("; 2 unused")
    first = window.session.draft.id

    # Another draft has another folder.
    window.new_draft()
    qtbot.waitUntil(lambda: rows(panel) == [], timeout=REFRESH_MS * 5)
    window.open_draft(first)
    qtbot.waitUntil(lambda: len(rows(panel)) == 2, timeout=REFRESH_MS * 5)


def test_insert_puts_the_picture_at_the_cursor_with_its_alt_text_selected(qtbot, open_window, data_dir):
    window = open_window(use_web_preview=False)
    type_new_draft(qtbot, window, "Before after")
    folder = media_folder(data_dir, window.session.draft.id)
    (folder / "shots").mkdir(parents=True)
    (folder / "shots" / "my shot.png").write_bytes(PNG)
    panel = open_panel(qtbot, window)
    assert rows(panel) == [("shots/my shot.png", f"{len(PNG)} bytes", "Unused")]
    cursor = window.editor.textCursor()
    cursor.setPosition(len("Before "))
    window.editor.setTextCursor(cursor)
    assert not panel.insert_button.isEnabled()  # nothing chosen yet
    assert panel.select("shots/my shot.png")
    qtbot.mouseClick(panel.insert_button, Qt.MouseButton.LeftButton)
    assert window.editor.toPlainText() == "Before ![my shot](shots/my%20shot.png)after"
    assert window.editor.textCursor().selectedText() == "my shot" and window.focusWidget() is window.editor
    assert rows(panel)[0][2] == "Used: line 1"


def test_delete_refuses_a_used_picture_and_deletes_an_unused_one_after_asking(qtbot, open_window, data_dir):
    window = open_window(use_web_preview=False)
    type_new_draft(qtbot, window, "x")
    folder = media_folder(data_dir, window.session.draft.id)
    folder.mkdir(parents=True)
    for name in ("used.png", "old.png"):
        (folder / name).write_bytes(PNG)
    window.editor.setPlainText("Intro\n\n![a](used.png)\n")
    panel = open_panel(qtbot, window)
    panel.select("used.png")
    panel.delete_button.click()
    assert panel.message.text() == "used.png is used (line 3), so it was not deleted."
    assert (folder / "used.png").exists()

    panel.select("old.png")
    asked = answer_question(qtbot, QMessageBox.StandardButton.Cancel)
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)  # the Delete key on the list does the same
    assert asked == [f"Delete old.png ({len(PNG)} bytes) from this draft's media folder? This cannot be undone."]
    assert (folder / "old.png").exists()
    answer_question(qtbot, QMessageBox.StandardButton.Yes)
    panel.delete_button.click()
    assert not (folder / "old.png").exists()
    assert panel.message.text() == f"Deleted 1 file, {len(PNG)} bytes freed."
    assert [r[0] for r in rows(panel)] == ["used.png"]


def test_remove_unused_says_how_many_and_how_much_then_keeps_what_is_used(qtbot, open_window, data_dir):
    window = open_window(use_web_preview=False)
    type_new_draft(qtbot, window, "x")
    folder = media_folder(data_dir, window.session.draft.id)
    folder.mkdir(parents=True)
    for name, size in (("a.png", 10), ("b.jpg", 30 * 1024), ("c.png", 18 * 1024), ("featured.png", 5)):
        (folder / name).write_bytes(b"x" * size)
    window.save_now()
    window.store.save_draft(replace(window.session.draft, featured_image="featured.png"))  # as an import sets it
    window.show_draft(window.session.reload())
    window.editor.setPlainText('<img src="a.png">\n')
    panel = open_panel(qtbot, window)
    asked = answer_question(qtbot, QMessageBox.StandardButton.Cancel)
    panel.remove_unused_button.click()
    assert asked == ["Delete 2 unused files (48 KB) from this draft's media folder? This cannot be undone."]
    assert len(list(folder.iterdir())) == 4
    answer_question(qtbot, QMessageBox.StandardButton.Yes)
    panel.remove_unused_button.click()
    assert sorted(p.name for p in folder.iterdir()) == ["a.png", "featured.png"]
    assert panel.message.text() == "Deleted 2 files, 48 KB freed."
    assert rows(panel) == [
        ("a.png", "10 bytes", "Used: line 1"),
        ("featured.png", "5 bytes", "Used: the featured image"),
    ]
    assert not panel.remove_unused_button.isEnabled()


def test_every_control_has_an_accessible_name_and_takes_the_keyboard(qtbot, open_window):
    window = open_window(use_web_preview=False)
    panel = open_panel(qtbot, window)
    controls = [*panel.widget().findChildren(QAbstractButton), *panel.widget().findChildren(QTreeWidget)]
    labels = panel.widget().findChildren(QLabel)
    assert len(controls) == 4 and len(labels) == 2
    for widget in controls + labels:
        name = QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)
        assert name.strip(), widget
    assert all(widget.focusPolicy() != Qt.FocusPolicy.NoFocus for widget in controls)
