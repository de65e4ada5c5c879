"""The inbox window against the real WordPress: a reader's comment is synced into the inbox, `r` opens
the reply box, Ctrl+Enter queues the reply, and the row shows it sent once the outbox has run."""

from __future__ import annotations

import random

import httpx
import keyring
from keyring.backends import SecretService
from PySide6.QtCore import Qt

from editor.core.accounts import Accounts
from editor.core.comments import Comments
from editor.core.model import Account
from editor.core.store import Store
from editor.ui.main_window import MainWindow
from tests.comment_form import comment_tree, post_public_comment
from tests.wordpress_server import WordPress

TIMEOUT = 30_000


def test_reply_from_the_inbox_lands_on_the_blog(
    qtbot,
    wordpress: WordPress,
    secret_service,
    restore_keyring,  # noqa: F811
    tmp_path,
):
    keyring.set_keyring(SecretService.Keyring())
    tag = f"{random.random():.6f}"
    post = httpx.post(
        f"{wordpress.url}/wp-json/wp/v2/posts",
        auth=(wordpress.admin_user, wordpress.app_password),
        json={"title": f"Inbox window {tag}", "status": "publish"},
        timeout=30,
    ).json()
    question = post_public_comment(wordpress.url, post["id"], "Dee", f"dee-{tag}@example.com", f"Window? {tag}")
    store = Store.open(tmp_path / "data")
    Accounts(store).add(
        Account(None, "window-blog", "wordpress", wordpress.url, wordpress.admin_user), wordpress.app_password
    )
    window = MainWindow(store, use_web_preview=False)
    qtbot.addWidget(window)
    window.show()
    window.side_tabs.setCurrentIndex(1)
    comments = Comments(store)

    def synced():
        return [c for c in comments.list() if c.remote_id == str(question.comment_id)]

    qtbot.waitUntil(lambda: bool(synced()), timeout=TIMEOUT)  # the window syncs at start
    panel, conversation = window.inbox.list_panel, window.inbox.conversation
    qtbot.waitUntil(lambda: panel.select(synced()[0].id), timeout=TIMEOUT)
    panel.list.setFocus()
    qtbot.keyClick(panel.list, "r")
    qtbot.waitUntil(conversation.reply_box.text.hasFocus, timeout=TIMEOUT)
    qtbot.keyClicks(conversation.reply_box.text, f"Yes, a big one {tag}")
    qtbot.keyClick(conversation.reply_box.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    [reply] = [c for c in comments.list() if f"big one {tag}" in c.html]
    assert reply.pending == "reply"
    # The worker sends it; the row then shows the reply as sent (no longer queued).
    qtbot.waitUntil(lambda: comments.get(reply.id).remote_id is not None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: panel.rows()[panel.model.row_of(reply.id)][4] == "approved", timeout=TIMEOUT)
    page = httpx.get(post["link"], follow_redirects=True, timeout=30).text
    assert comment_tree(page)[comments.get(reply.id).remote_id] == str(question.comment_id)
    window.close()
    store.close()
