"""Moderation in view, against the real WordPress: the conversation's buttons (Approve, Unapprove, Spam,
Not spam, Trash, Restore, Reply, Edit, Delete for Good) act on a reader's comment and the blog ends up with
each status, the reply, the edited text and the deletion once the outbox has run; the list's context menu
and the window's Comment menu hold the same actions with their keys; a blog without spam or trash (Isso) is
offered no Spam and no Trash button, and a blog without moderation no Edit and no Delete for Good."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import keyring
import pytest
from keyring.backends import SecretService
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from editor.backends.base import CommentStatus, RemoteComment
from editor.core.comments import CommentNotFound, Comments
from editor.core.model import JobKind, JobState
from editor.core.rows import dump_time
from editor.core.store import Store
from editor.ui.comment_actions import TRIAGE_HINT
from editor.ui.main_window import MainWindow
from tests.backends.inbox_on_blog import inbox_window, readers_question
from tests.wordpress_server import WordPress

TIMEOUT = 30_000


def on_blog(wordpress: WordPress, comment_id: int | str) -> httpx.Response:
    """The comment as WordPress itself has it (404 once deleted for good)."""
    return httpx.get(
        f"{wordpress.url}/wp-json/wp/v2/comments/{comment_id}",
        params={"context": "edit"},
        auth=(wordpress.admin_user, wordpress.app_password),
        timeout=30,
    )


def remote_status(wordpress: WordPress, comment_id: int) -> str:
    """The comment's status as WordPress itself has it."""
    response = on_blog(wordpress, comment_id)
    response.raise_for_status()
    return response.json()["status"]


def comment_menu(window: MainWindow):
    [menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "Co&mment"]
    return menu


def test_the_buttons_moderate_the_comment_on_the_blog(
    qtbot,
    wordpress: WordPress,
    secret_service,
    restore_keyring,  # noqa: F811
    tmp_path,
):
    keyring.set_keyring(SecretService.Keyring())
    post, question, tag = readers_question(wordpress, "Buttons", "Eve")
    remote_id = question.comment_id
    assert remote_id is not None
    window, store = inbox_window(qtbot, wordpress, tmp_path / "data", "buttons-blog")
    comments = Comments(store)
    panel, conversation, actions = window.inbox.list_panel, window.inbox.conversation, window.inbox.actions

    def local():
        return next((c for c in comments.list(view="all", limit=5000) if c.remote_id == str(remote_id)), None)

    qtbot.waitUntil(lambda: local() is not None, timeout=TIMEOUT)  # the window syncs at start
    comment_id = local().id
    assert panel.findChild(type(actions.hint), "triageHint").text() == TRIAGE_HINT

    def show(view: str) -> None:
        panel.set_view(view)
        assert panel.select(comment_id)

    def click(name: str, label: str, wanted: str) -> None:
        button = actions.buttons[name]
        assert button.isVisible() and button.isEnabled()
        assert button.text() == label
        assert f"({'A' if name == 'approve' else 'S' if name == 'spam' else '#'})" in button.toolTip()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert comments.get(comment_id).status == wanted  # at once, locally
        # The outbox sends it; WordPress then has it too.
        qtbot.waitUntil(lambda: not comments.get(comment_id).pending, timeout=TIMEOUT)
        assert not comments.get(comment_id).error
        assert remote_status(wordpress, remote_id) == wanted

    show("all")
    if actions.buttons["approve"].text() == "Unapprove":  # the blog may approve readers' comments at once
        click("approve", "Unapprove", "hold")
    click("approve", "Approve", "approved")
    click("approve", "Unapprove", "hold")
    assert actions.buttons["spam"].text() == "Spam" and actions.buttons["trash"].text() == "Trash"
    click("spam", "Spam", "spam")
    show("spam")
    click("spam", "Not spam", "approved")
    show("all")
    click("trash", "Trash", "trash")
    show("trash")
    assert actions.buttons["approve"].text() == "Approve"
    click("trash", "Restore", "approved")
    assert panel.undo_button.isVisible()  # the buttons offer Undo like the keys

    show("all")
    reply = actions.buttons["reply"]
    assert reply.isVisible() and reply.text() == "Reply"
    qtbot.mouseClick(reply, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(conversation.reply_box.text.hasFocus, timeout=TIMEOUT)

    # The same QActions (no twins) in the list's context menu and the Comment menu, keys in the key column.
    context = actions.context_menu()
    menu = comment_menu(window)
    wanted = [actions.reply, actions.approve, actions.spam, actions.trash, actions.edit, actions.delete]
    assert context.actions() == wanted and menu.actions() == wanted
    assert [a.text() for a in menu.actions()] == [
        "&Reply\tR",
        "Un&approve\tA",
        "&Spam\tS",
        "&Trash\t#",
        "&Edit…",
        "&Delete for Good…",
    ]
    # Edit's and Delete's keys are real shortcuts (the menu draws them), working while the list has the focus.
    assert [a.shortcut().toString() for a in (actions.edit, actions.delete)] == ["E", "Shift+Del"]
    # The menu's action moderates like the button.
    actions.approve.trigger()
    qtbot.waitUntil(lambda: not comments.get(comment_id).pending, timeout=TIMEOUT)
    assert remote_status(wordpress, remote_id) == "hold"

    # Reply sends what the box holds (approving the held question first, as WordPress's Approve and Reply).
    conversation.reply_box.text.setPlainText(f"Thanks for asking {tag}")
    qtbot.mouseClick(conversation.reply_box.send_button, Qt.MouseButton.LeftButton)
    reply = next(c for c in comments.list(view="all", limit=5000) if f"Thanks for asking {tag}" in c.html)
    qtbot.waitUntil(lambda: comments.get(reply.id).remote_id is not None, timeout=TIMEOUT)
    reply_remote = comments.get(reply.id).remote_id
    assert on_blog(wordpress, reply_remote).json()["parent"] == remote_id

    # Edit: E on the list opens the dialog with the comment as Markdown; Cancel changes nothing.
    show("all")
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_E)
    dialog = actions.edit_dialog
    assert dialog is not None and dialog.isVisible() and tag in dialog.markdown()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and f"Buttons? {tag}" in comments.get(comment_id).html
    button = actions.buttons["edit"]
    assert button.isVisible() and button.isEnabled() and button.text() == "Edit" and "(E)" in button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = actions.edit_dialog
    dialog.box.text.setPlainText(f"Buttons, **edited** {tag}")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "<strong>edited</strong>" in comments.get(comment_id).html  # at once, locally
    qtbot.waitUntil(lambda: not comments.get(comment_id).pending, timeout=TIMEOUT)
    assert not comments.get(comment_id).error
    assert "<strong>edited</strong>" in on_blog(wordpress, remote_id).json()["content"]["raw"]

    # Delete for Good asks first, saying what becomes of the reply; Cancel keeps the comment.
    show("all")
    button = actions.buttons["delete"]
    assert button.isVisible() and button.isEnabled() and "Shift+Del" in button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    box = actions.confirm
    assert box is not None and box.isVisible() and "moved up a level" in box.informativeText()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert comments.get(comment_id).remote_id == str(remote_id)
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)
    box = actions.confirm
    [yes] = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole]
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    with pytest.raises(CommentNotFound):
        comments.get(comment_id)  # gone here at once
    assert panel.model.row_of(comment_id) < 0
    assert comments.get(reply.id).parent_remote_id is None  # moved up, as WordPress does

    def deleted() -> bool:
        jobs = window.services.jobs.list()
        return any(j.kind is JobKind.COMMENT_DELETE and j.state is JobState.DONE for j in jobs)

    qtbot.waitUntil(deleted, timeout=TIMEOUT)
    assert on_blog(wordpress, remote_id).status_code == 404
    assert on_blog(wordpress, reply_remote).json()["parent"] == 0
    window.close()
    store.close()


def comment_on(store: Store, backend: str, name: str) -> int:
    """A held comment on a blog of `backend` (a row only: nothing signs in); its local id."""
    with store.transaction("add a blog") as conn:
        account = conn.execute(
            "INSERT INTO accounts (name, backend, base_url, username, created_at) VALUES (?, ?, ?, ?, ?)",
            (name, backend, "http://127.0.0.1:9", "author", dump_time(datetime.now(UTC))),
        ).lastrowid
    remote = RemoteComment(
        "3", "10", "<p>Hello</p>", None, "Ada", date_gmt=datetime.now(UTC), status=CommentStatus.HOLD, post_title="P"
    )
    return Comments(store).upsert(account, remote)[0].id


def test_a_blog_without_spam_is_offered_no_spam_or_trash_button(qtbot, tmp_path):
    store = Store.open(tmp_path / "data")
    window = MainWindow(store, use_web_preview=False)
    qtbot.addWidget(window)
    window.show()
    comment = Comments(store).get(comment_on(store, "isso", "Comments server"))
    window.services.blogs_changed()
    window.side_tabs.setCurrentIndex(1)
    panel, actions = window.inbox.list_panel, window.inbox.actions
    assert panel.select(comment.id)
    buttons = actions.buttons
    assert buttons["approve"].isVisible() and buttons["approve"].text() == "Approve"
    assert not buttons["spam"].isVisible() and not buttons["trash"].isVisible()
    assert actions.spam not in [a for a in comment_menu(window).actions() if a.isVisible()]
    qtbot.mouseClick(buttons["approve"], Qt.MouseButton.LeftButton)
    assert Comments(store).get(comment.id).status == "approved"
    # Isso cannot send an approved comment back: no Unapprove either.
    assert not buttons["approve"].isVisible()
    # Isso's own moderation edits and deletes (its admin's Edit and Delete).
    assert buttons["edit"].isVisible() and buttons["delete"].isVisible() and buttons["delete"].isEnabled()
    window.close()
    store.close()


def test_a_blog_without_moderation_is_offered_no_edit_or_delete(qtbot, tmp_path):
    store = Store.open(tmp_path / "data")
    window = MainWindow(store, use_web_preview=False)
    qtbot.addWidget(window)
    window.show()
    # A comment kept from a blog whose backend declares no moderation (a static site: no comments at all).
    comment_id = comment_on(store, "static", "Folder blog")
    window.services.blogs_changed()
    window.side_tabs.setCurrentIndex(1)
    panel, actions = window.inbox.list_panel, window.inbox.actions
    assert panel.select(comment_id)
    assert not actions.buttons["edit"].isVisible() and not actions.buttons["delete"].isVisible()
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)  # the key does nothing
    qtbot.keyClick(panel.list, Qt.Key.Key_E)
    assert actions.confirm is None and actions.edit_dialog is None
    assert Comments(store).get(comment_id).remote_id == "3"
    window.close()
    store.close()
