"""The inbox window against the real WordPress: a reader's comment is synced into the inbox, `r` opens
the reply box, Ctrl+Enter queues the reply, and the row shows it sent once the outbox has run."""

from __future__ import annotations

import httpx
import keyring
from keyring.backends import SecretService
from PySide6.QtCore import Qt

from editor.core.comments import Comments
from tests.backends.inbox_on_blog import inbox_window, readers_question
from tests.comment_form import comment_tree
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
    post, question, tag = readers_question(wordpress, "Inbox window", "Dee")
    window, store = inbox_window(qtbot, wordpress, tmp_path / "data", "window-blog")
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
