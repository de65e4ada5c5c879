"""Moderation in view, against the real WordPress: the conversation's buttons (Approve, Unapprove, Spam,
Not spam, Trash, Restore, Reply) act on a reader's comment and the blog ends up with each status once the
outbox has run; the list's context menu and the window's Comment menu hold the same actions with their
keys; a blog without spam or trash (Isso) is offered no Spam and no Trash button."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import keyring
from keyring.backends import SecretService
from PySide6.QtCore import Qt

from editor.backends.base import CommentStatus, RemoteComment
from editor.core.comments import Comments
from editor.core.rows import dump_time
from editor.core.store import Store
from editor.ui.comment_actions import TRIAGE_HINT
from editor.ui.main_window import MainWindow
from tests.backends.inbox_on_blog import inbox_window, readers_question
from tests.wordpress_server import WordPress

TIMEOUT = 30_000


def remote_status(wordpress: WordPress, comment_id: int) -> str:
    """The comment's status as WordPress itself has it."""
    response = httpx.get(
        f"{wordpress.url}/wp-json/wp/v2/comments/{comment_id}",
        params={"context": "edit"},
        auth=(wordpress.admin_user, wordpress.app_password),
        timeout=30,
    )
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
    wanted = [actions.reply, actions.approve, actions.spam, actions.trash]
    assert context.actions() == wanted and menu.actions() == wanted
    assert [a.text() for a in menu.actions()] == ["&Reply\tR", "Un&approve\tA", "&Spam\tS", "&Trash\t#"]
    # The menu's action moderates like the button.
    actions.approve.trigger()
    qtbot.waitUntil(lambda: not comments.get(comment_id).pending, timeout=TIMEOUT)
    assert remote_status(wordpress, remote_id) == "hold"
    window.close()
    store.close()


def test_a_blog_without_spam_is_offered_no_spam_or_trash_button(qtbot, tmp_path):
    store = Store.open(tmp_path / "data")
    window = MainWindow(store, use_web_preview=False)
    qtbot.addWidget(window)
    window.show()
    with store.transaction("add an Isso blog") as conn:  # a row only: nothing signs in
        isso = conn.execute(
            "INSERT INTO accounts (name, backend, base_url, username, created_at) VALUES (?, ?, ?, ?, ?)",
            ("Comments server", "isso", "http://127.0.0.1:9", "author", dump_time(datetime.now(UTC))),
        ).lastrowid
    remote = RemoteComment(
        "3", "10", "<p>Hello</p>", None, "Ada", date_gmt=datetime.now(UTC), status=CommentStatus.HOLD, post_title="P"
    )
    [comment] = Comments(store).upsert(isso, remote)[:1]
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
    window.close()
    store.close()
