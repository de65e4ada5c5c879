"""Local images in the window: the Publish dialog says which files will leave the computer and which
image addresses are left out; the preview finds relative images in the draft's media folder, as
publishing does."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QGuiApplication, QImage, QTextCursor
from PySide6.QtWidgets import QApplication

from editor.core.images import media_folder
from editor.core.model import RevisionReason
from editor.core.paths import database_path
from editor.ui.publish import PublishDialog
from tests.pictures import PNG
from tests.ui.test_main_window import type_new_draft


def add_blog_row(data_dir) -> None:
    # A row only: the dialog sends nothing, so no password is needed in a keyring.
    with sqlite3.connect(database_path(data_dir)) as conn:
        conn.execute(
            "INSERT INTO accounts (name, backend, base_url, username, created_at) VALUES ('Test blog', "
            "'wordpress', 'http://127.0.0.1:9', 'me', '2026-01-01T00:00:00+00:00')"
        )


def page_value(qtbot, window, script: str):
    box = {}
    window.preview.view.run_script(script, lambda value: box.setdefault("v", value))
    qtbot.waitUntil(lambda: "v" in box, timeout=10_000)
    return box["v"]


def drop_files(editor, *paths) -> None:
    """Drop files on the editor the way a file manager does: drag enter, then drop, as real events."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    where = editor.viewport().rect().center()
    enter = QDragEnterEvent(
        where, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(editor.viewport(), enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(where), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(editor.viewport(), drop)
    assert drop.isAccepted()


def paste_image(qtbot, editor, width: int, height: int, color: str) -> None:
    """Copy a picture to the system clipboard (a screenshot tool's way) and press Ctrl+V in the editor."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    QGuiApplication.clipboard().setImage(image)
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_the_publish_dialog_lists_the_files_to_upload_and_what_is_left_out(qtbot, open_window, data_dir, tmp_path):
    window = open_window(use_web_preview=False)
    add_blog_row(data_dir)
    typed = tmp_path / "typed.png"
    typed.write_bytes(PNG)
    type_new_draft(qtbot, window, "x")
    draft = window.session.draft
    folder = media_folder(data_dir, draft.id)
    folder.mkdir(parents=True)
    (folder / "inside.png").write_bytes(PNG)
    window.editor.setPlainText(
        f"![a]({typed})\n\n![b](inside.png)\n\n![c](../../elsewhere.png)\n\n![d](https://example.org/web.png)\n"
    )
    window.publishing.publish()
    dialog = window.findChild(PublishDialog)
    shown = dialog.images.text().splitlines()
    assert shown[0] == "Will upload 2 files from this computer:"
    assert shown[1:3] == [f"  {typed}", f"  {(folder / 'inside.png').resolve()}"]
    assert shown[3:] == ["The image ../../elsewhere.png is not in this draft's media folder."]
    dialog.reject()


def test_an_address_that_came_from_the_blog_is_named_as_left_out(qtbot, open_window, data_dir, tmp_path):
    window = open_window(use_web_preview=False)
    add_blog_row(data_dir)
    secret = tmp_path / "id_rsa"
    secret.write_bytes(b"key")
    type_new_draft(qtbot, window, "x")
    window.save_now()
    draft = window.session.draft
    # As a draft pulled by an older Longhand holds it: the blog's own text, in a server revision.
    window.store.keep_revision(replace(draft, body=f'<img src="{secret}">'), RevisionReason.SERVER)
    window.editor.setPlainText(f'<img src="{secret}">')
    window.publishing.publish()
    dialog = window.findChild(PublishDialog)
    assert dialog.images.text() == (
        f"The image {secret} came from the blog, so Longhand does not look for it on this computer."
    )
    dialog.reject()


def test_the_preview_shows_relative_images_from_the_drafts_media_folder(qtbot, open_window, data_dir):
    window = open_window()
    assert window.preview.is_web  # QtWebEngine's libraries are installed by `make test`
    type_new_draft(qtbot, window, "x")
    folder = media_folder(data_dir, window.session.draft.id)
    folder.mkdir(parents=True)
    (folder / "pic.png").write_bytes(PNG)
    window.editor.setPlainText("![pic](pic.png)\n")
    expected = QUrl.fromLocalFile(str(folder / "pic.png")).toString()
    qtbot.waitUntil(
        lambda: (
            page_value(qtbot, window, "(function(){var i=document.querySelector('img');return i ? i.src : ''})()")
            == expected
        ),
        timeout=15_000,
    )
    qtbot.waitUntil(
        lambda: page_value(qtbot, window, "document.querySelector('img').naturalWidth") == 1, timeout=15_000
    )


def test_pictures_dropped_or_pasted_are_copied_into_the_drafts_folder(qtbot, open_window, data_dir, tmp_path):
    window = open_window(use_web_preview=False)
    type_new_draft(qtbot, window, "x")
    picture = tmp_path / "Holiday photo.png"
    picture.write_bytes(PNG)
    files = QMimeData()
    files.setUrls([QUrl.fromLocalFile(str(picture)), QUrl.fromLocalFile(str(tmp_path / "notes.txt"))])
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    window.editor.insertFromMimeData(files)  # what a drop and a paste of files do
    image = QMimeData()
    image.setImageData(QImage(str(picture)))
    window.editor.insertFromMimeData(image)  # a screenshot pasted
    folder = media_folder(data_dir, window.session.draft.id)
    text = window.editor.toPlainText()
    assert "![Holiday photo](Holiday%20photo.png)" in text
    [pasted] = [p for p in folder.iterdir() if p.name.startswith("pasted-")]
    assert f"![pasted picture]({pasted.name})" in text
    assert (folder / "Holiday photo.png").read_bytes() == PNG and not (folder / "notes.txt").exists()
    window.save_now()
    plan = window.services.image_plan(window.session.draft)
    assert {item.path.name for item in plan.uploads} == {"Holiday photo.png", pasted.name}
    plain = QMimeData()
    plain.setText("just words")
    window.editor.insertFromMimeData(plain)  # text, not a picture: it fills the selected alt text
    assert window.editor.toPlainText().endswith(f"![just words]({pasted.name})")


def test_a_second_picture_with_the_same_name_keeps_both(tmp_path):
    from editor.core.images import add_to_media

    first, second = tmp_path / "a" / "pic.png", tmp_path / "b" / "pic.png"
    for path, data in ((first, b"one"), (second, b"two")):
        path.parent.mkdir()
        path.write_bytes(data)
    folder = tmp_path / "media"
    assert [add_to_media(folder, first), add_to_media(folder, second), add_to_media(folder, first)] == [
        "pic.png",
        "pic-2.png",
        "pic.png",
    ]


def test_the_alt_text_of_a_dropped_or_pasted_picture_is_selected_so_typing_replaces_it(
    qtbot, open_window, data_dir, tmp_path
):
    window = open_window(use_web_preview=False)
    type_new_draft(qtbot, window, "x")
    editor = window.editor
    editor.setPlainText("Before 🌊 ")  # beyond UTF-16's first plane: Qt counts it as two positions
    picture = tmp_path / "Sea 🚣 [1].png"
    picture.write_bytes(PNG)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    drop_files(editor, picture)
    assert editor.textCursor().selectedText() == "Sea 🚣 1"
    qtbot.keyClicks(editor, "A boat at dawn")
    assert editor.toPlainText() == "Before 🌊 ![A boat at dawn](Sea%20%F0%9F%9A%A3%20%5B1%5D.png)"
    qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    paste_image(qtbot, editor, 3, 2, "red")
    assert editor.textCursor().selectedText() == "pasted picture"
    # Pasting again while the alt text is selected puts the second picture beside the first, not in it.
    paste_image(qtbot, editor, 3, 2, "green")
    assert editor.textCursor().selectedText() == "pasted picture"
    qtbot.keyClicks(editor, "A green square")
    red, green = sorted(
        (p for p in media_folder(data_dir, window.session.draft.id).iterdir() if p.name.startswith("pasted-")),
        key=lambda p: len(p.name),
    )
    assert editor.toPlainText().endswith(f"\n![pasted picture]({red.name})\n\n![A green square]({green.name})")


def test_a_dropped_and_a_pasted_picture_load_in_the_preview(qtbot, open_window, data_dir, tmp_path):
    window = open_window()
    assert window.preview.is_web
    type_new_draft(qtbot, window, "Pictures")
    picture = tmp_path / "dropped.png"
    picture.write_bytes(PNG)  # 1×1
    editor = window.editor
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    drop_files(editor, picture)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    paste_image(qtbot, editor, 7, 5, "blue")
    sizes = (
        "JSON.stringify(Array.from(document.images)"
        ".map(function(i){return [i.complete, i.naturalWidth, i.naturalHeight]}))"
    )
    qtbot.waitUntil(lambda: page_value(qtbot, window, sizes) == "[[true,1,1],[true,7,5]]", timeout=15_000)
