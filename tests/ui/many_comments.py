"""A blog with many comments, seeded straight into the store (the blog is http://127.0.0.1:9, closed), and
the window's inbox open on them: for tests of the inbox at size."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from editor.backends.base import CommentStatus, RemoteComment
from editor.core.comments import Comments
from editor.core.rows import dump_time
from editor.core.store import Store

COUNT = 1_234  # more than the old 500-row limit, over a dozen pages of the model


def seed_many(store) -> int:
    """A blog with COUNT comments, one minute apart, every tenth held and every 25th spam; the account id."""
    now = datetime.now(UTC)
    with store.transaction("seed the blog") as conn:
        account_id = conn.execute(
            "INSERT INTO accounts (name, backend, base_url, username, created_at) VALUES (?, ?, ?, ?, ?)",
            ("Big Blog", "wordpress", "http://127.0.0.1:9", "author", dump_time(now)),
        ).lastrowid
    remote = [
        RemoteComment(
            str(n),
            str(n % 7),
            f"<p>Comment <em>number</em> {n}</p>",
            None,
            f"Reader {n}",
            date_gmt=now - timedelta(minutes=n),
            status=CommentStatus.SPAM if n % 25 == 0 else CommentStatus.HOLD if n % 10 == 0 else CommentStatus.APPROVED,
            post_title=f"Post {n % 7}",
        )
        for n in range(1, COUNT + 1)
    ]
    Comments(store).upsert_many(account_id, remote)
    return account_id


def open_inbox(open_window, data_dir, seed: Callable[[Store], object]):
    """A window over the store `seed` filled (before the window opened), its Inbox tab shown."""
    with Store.open(data_dir) as store:
        seed(store)
    window = open_window()
    window.side_tabs.setCurrentIndex(1)
    return window


@pytest.fixture
def big_inbox(open_window, data_dir):
    """The window over a blog with COUNT comments, and its inbox list."""
    window = open_inbox(open_window, data_dir, seed_many)
    return window, window.inbox.list_panel
