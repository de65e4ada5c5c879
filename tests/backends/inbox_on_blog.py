"""The inbox window on the real WordPress, for tests: a published post with a reader's question under it, and
a window on a fresh data folder whose one blog is that WordPress (it syncs the question at start)."""

from __future__ import annotations

import random
from pathlib import Path

import httpx

from editor.core.accounts import Accounts
from editor.core.model import Account
from editor.core.store import Store
from editor.ui.main_window import MainWindow
from tests.comment_form import FormAnswer, post_public_comment
from tests.wordpress_server import WordPress


def readers_question(wordpress: WordPress, title: str, reader: str) -> tuple[dict, FormAnswer, str]:
    """A published post titled `title` and a comment by `reader` under it: (the post, the form's answer,
    the tag that makes both unique)."""
    tag = f"{random.random():.6f}"
    post = httpx.post(
        f"{wordpress.url}/wp-json/wp/v2/posts",
        auth=(wordpress.admin_user, wordpress.app_password),
        json={"title": f"{title} {tag}", "status": "publish"},
        timeout=30,
    ).json()
    answer = post_public_comment(
        wordpress.url, post["id"], reader, f"{reader.lower()}-{tag}@example.com", f"{title}? {tag}"
    )
    return post, answer, tag


def inbox_window(qtbot, wordpress: WordPress, data: Path, blog: str) -> tuple[MainWindow, Store]:
    """The window on the Inbox tab, with `wordpress` added as the blog `blog` (its password in the keyring)."""
    store = Store.open(data)
    Accounts(store).add(Account(None, blog, "wordpress", wordpress.url, wordpress.admin_user), wordpress.app_password)
    window = MainWindow(store, use_web_preview=False)
    qtbot.addWidget(window)
    window.show()
    window.side_tabs.setCurrentIndex(1)
    return window, store
