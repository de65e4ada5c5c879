"""New comments on the real WordPress raise one desktop notification: the window's first sync (the question
already there) tells nothing, the next brings two readers' comments and the author's own reply and says "2
new comments on «Post»"; clicking it opens the inbox on the newest. The notification server is
tests/notification_server.py on the private session bus of the test keyring (the blog's password is there)."""

from __future__ import annotations

import httpx
import keyring
from keyring.backends import SecretService

from editor.core.comments import Comments
from editor.core.sync import NEWS_MARK_KEY
from tests.backends.inbox_on_blog import inbox_window, readers_question
from tests.comment_form import post_public_comment
from tests.notification_server import notification_server
from tests.wordpress_server import WordPress

TIMEOUT = 30_000


def test_a_sync_of_the_blog_raises_one_notification_that_opens_the_newest(
    qtbot,
    wordpress: WordPress,
    secret_service,
    restore_keyring,  # noqa: F811
    tmp_path,
):
    keyring.set_keyring(SecretService.Keyring())
    post, question, tag = readers_question(wordpress, "Notified", "Dee")
    with notification_server(secret_service.bus_address) as server:
        window, store = inbox_window(qtbot, wordpress, tmp_path / "data", "notified-blog")
        comments = Comments(store)
        qtbot.waitUntil(lambda: store.get_setting(NEWS_MARK_KEY) is not None, timeout=TIMEOUT)  # first sync done
        assert any(c.remote_id == str(question.comment_id) for c in comments.list())
        for reader in ("Eve", "Fay"):
            post_public_comment(wordpress.url, post["id"], reader, f"{reader.lower()}-{tag}@example.com", f"Hi {tag}")
        own = httpx.post(  # the author answers in the blog's admin: not news to the author
            f"{wordpress.url}/wp-json/wp/v2/comments",
            auth=(wordpress.admin_user, wordpress.app_password),
            json={"post": post["id"], "parent": question.comment_id, "content": f"Thanks {tag}"},
            timeout=30,
        )
        assert own.status_code == 201, own.text
        with qtbot.waitSignal(window.services.comments_synced, timeout=TIMEOUT):
            window.inbox.sync()
        qtbot.waitUntil(lambda: len(server.calls()) == 1, timeout=TIMEOUT)
        [call] = server.calls()
        assert call["summary"] == f"2 new comments on «Notified {tag}»"
        assert call["body"] == f"Fay: Hi {tag}"
        [fay] = [c for c in comments.list() if c.author_name == "Fay" and tag in c.html]

        server.invoke(call["id"])
        panel = window.inbox.list_panel
        qtbot.waitUntil(lambda: getattr(panel.current_comment(), "id", None) == fay.id, timeout=TIMEOUT)
        assert comments.get(fay.id).read
        assert panel.view == "unread"
        window.close()
        store.close()
