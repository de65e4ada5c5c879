"""Files opened in the window on real widgets: the draft is linked and shown, found again, written back on
Ctrl+S, and a change made by another program is noticed and offered (Reload, Keep mine)."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from editor.core import linked_files
from editor.core.model import RevisionReason
from editor.ui.main_window import MainWindow
from tests.small_disk import remount_read_only, small_disk

POST = "---\ntitle: Night train\n---\n\nWritten between stations.\n"


@pytest.fixture
def window(open_window) -> MainWindow:
    opened = open_window(use_web_preview=False)
    opened.activateWindow()  # Ctrl+S is a window shortcut: it needs the window active
    return opened


@pytest.fixture
def post(tmp_path) -> Path:
    folder = tmp_path / "posts"
    folder.mkdir()
    path = folder / "post.md"
    path.write_text(POST, encoding="utf-8")
    return path


def open_file(window: MainWindow, path: Path) -> None:
    assert window.linked_file.open_targets([str(path)]) == (True, f"Opened {path.name}.")


def ctrl_s(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def type_at_end(qtbot, window: MainWindow, text: str) -> None:
    window.editor.setFocus()
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor, text)


def replace_by_rename(path: Path, text: str) -> None:
    """Save as most editors do: a new file renamed over the old one."""
    temp = path.with_name(f".{path.name}.swp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_opening_a_file_shows_its_draft_linked_to_it_and_again_the_same_draft(qtbot, window, post):
    open_file(window, post)
    draft = window.current_draft
    assert window.editor.toPlainText() == "Written between stations.\n"
    assert window.fields.title.text() == "Night train"
    assert linked_files.link_of(window.store, draft.stored_id).sha256 == sha(post)
    assert not window.linked_file.bar.isVisible()
    window.new_draft()
    count = len(window.store.list_drafts())
    open_file(window, post)
    assert window.current_draft.id == draft.id
    assert len(window.store.list_drafts()) == count
    assert not window.linked_file.bar.isVisible()
    window.new_draft()
    post.write_text(POST + "Changed meanwhile.\n", encoding="utf-8")
    open_file(window, post)  # changed since: the same draft, and the disk's copy offered at once
    assert window.current_draft.id == draft.id and window.linked_file.bar.isVisible()


def test_what_cannot_be_opened_is_named_and_the_rest_opens(qtbot, window, post, tmp_path):
    ok, sentence = window.linked_file.open_targets(
        [str(tmp_path / "missing.md"), "post.md", "https://example.com/a.md", str(post)]
    )
    assert not ok
    assert f"Cannot read {tmp_path / 'missing.md'}: No such file or directory." in sentence
    assert "post.md is not a full path" in sentence and "Longhand cannot open https://example.com/a.md." in sentence
    assert window.status.currentMessage() == sentence
    assert window.editor.toPlainText() == "Written between stations.\n"  # the good one still opened


def test_ctrl_s_writes_the_file_back_keeping_permissions_and_leaving_no_temporary_file(qtbot, window, post):
    post.chmod(0o604)
    open_file(window, post)
    type_at_end(qtbot, window, "And back.")
    ctrl_s(qtbot, window)
    assert post.read_text(encoding="utf-8") == "---\ntitle: Night train\nstatus: draft\n---\n\n" + (
        "Written between stations.\nAnd back."
    )
    assert stat.S_IMODE(post.stat().st_mode) == 0o604
    assert [p.name for p in post.parent.iterdir()] == ["post.md"]
    assert linked_files.link_of(window.store, window.current_draft.stored_id).sha256 == sha(post)
    assert window.status.currentMessage() == f"Saved, and written to {post}"
    qtbot.wait(400)  # the watcher sees Longhand's own write: that is no change by another program
    assert not window.linked_file.bar.isVisible()


@pytest.mark.parametrize("how", ["rename", "in place"])
def test_a_change_by_another_program_is_offered_and_reload_keeps_the_replaced_text(qtbot, window, post, how):
    open_file(window, post)
    type_at_end(qtbot, window, " Mine.")
    theirs = "---\ntitle: Day train\n---\n\nTheirs.\n"
    if how == "rename":
        replace_by_rename(post, theirs)
    else:
        with post.open("r+", encoding="utf-8") as out:  # the same file, truncated and rewritten
            out.truncate(0)
            out.write(theirs)
    bar = window.linked_file.bar
    qtbot.waitUntil(bar.isVisible, timeout=5000)
    assert bar.label.text() == "post.md changed on disk."
    assert bar.reload_button.isVisible() and bar.keep_button.text() == "Keep mine"
    qtbot.mouseClick(bar.reload_button, Qt.MouseButton.LeftButton)
    assert window.editor.toPlainText() == "Theirs.\n" and window.fields.title.text() == "Day train"
    assert not bar.isVisible()
    draft_id = window.current_draft.stored_id
    kept = [r for r in window.store.list_revisions(draft_id) if r.reason is RevisionReason.RESTORE]
    assert kept[0].body == "Written between stations.\n Mine." and kept[0].title == "Night train"
    assert linked_files.link_of(window.store, draft_id).sha256 == sha(post)
    if how == "rename":  # the watch followed the new file: a second change is seen too
        replace_by_rename(post, "Third.\n")
        qtbot.waitUntil(bar.isVisible, timeout=5000)


def test_keep_mine_then_ctrl_s_overwrites_and_before_choosing_ctrl_s_does_not(qtbot, window, post):
    open_file(window, post)
    replace_by_rename(post, "Theirs.\n")
    bar = window.linked_file.bar
    qtbot.waitUntil(bar.isVisible, timeout=5000)
    type_at_end(qtbot, window, " Mine.")
    ctrl_s(qtbot, window)
    assert post.read_text(encoding="utf-8") == "Theirs.\n"  # not chosen yet: their text stays
    assert window.status.currentMessage().startswith("post.md was changed by another program")
    assert window.store.get_draft(window.current_draft.stored_id).body.endswith(" Mine.")  # but the draft is saved
    qtbot.mouseClick(bar.keep_button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    ctrl_s(qtbot, window)
    assert post.read_text(encoding="utf-8").endswith("\n\nWritten between stations.\n Mine.")
    qtbot.wait(400)
    assert not bar.isVisible()


def test_a_deleted_file_is_said_and_the_draft_stays(qtbot, window, post):
    open_file(window, post)
    post.unlink()
    bar = window.linked_file.bar
    qtbot.waitUntil(bar.isVisible, timeout=5000)
    assert bar.label.text() == "post.md was deleted or moved away; the draft is kept in Longhand."
    assert not bar.reload_button.isVisible()
    qtbot.mouseClick(bar.keep_button, Qt.MouseButton.LeftButton)  # Dismiss
    assert not bar.isVisible()
    assert window.editor.toPlainText() == "Written between stations.\n"
    assert window.store.get_draft(window.current_draft.stored_id).title == "Night train"


def test_the_window_looks_again_when_it_is_activated(qtbot, window, post):
    open_file(window, post)
    watcher = window.linked_file.watcher
    watcher.removePaths(watcher.files() + watcher.directories())  # as if the change came unannounced
    post.write_text("Changed while Longhand was behind.\n", encoding="utf-8")
    qtbot.wait(400)
    assert not window.linked_file.bar.isVisible()
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    qtbot.waitUntil(window.linked_file.bar.isVisible, timeout=5000)


def test_a_read_only_folder_says_so_and_nothing_is_lost(qtbot, window, tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        post = disk / "post.md"
        post.write_text(POST, encoding="utf-8")
        open_file(window, post)
        remount_read_only(disk)
        type_at_end(qtbot, window, " Kept.")
        ctrl_s(qtbot, window)
        assert window.status.currentMessage() == (
            f"Could not write {post}: the disk is read-only; the draft is saved in Longhand."
        )
        assert post.read_text(encoding="utf-8") == POST
        assert window.store.get_draft(window.current_draft.stored_id).body == "Written between stations.\n Kept."
        assert window.editor.toPlainText() == "Written between stations.\n Kept."
        window.new_draft()  # stop watching the disk before it goes
