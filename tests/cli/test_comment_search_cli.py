"""`longhand comments search` as a real process, over comments put in the store as a sync would."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from editor.backends.base import CommentStatus, RemoteComment
from editor.core.comments import Comments
from editor.core.store import Store
from tests.longhand_cli import Longhand


def _seed(data: Path) -> tuple[int, int]:
    with Store.open(data) as store:
        with store.transaction() as conn:  # the blog's row only: search never reaches the blog or the keyring
            blog = conn.execute(
                "INSERT INTO accounts (name, backend, base_url, username, created_at) "
                "VALUES ('blog', 'wordpress', 'https://blog.example', 'me', '2024-01-01')"
            ).lastrowid
        comments = Comments(store)

        def add(cid: str, html: str, author: str) -> int:
            remote = RemoteComment(
                cid, "10", html, None, author, date_gmt=datetime.now(UTC), status=CommentStatus.HOLD, post_title="Bees"
            )
            return comments.upsert(blog, remote)[0].id

        return add("1", "<p>Honey from <b>clover</b> fields</p>", "Ada"), add("2", "<p>Wax and more wax</p>", "Bob")


def test_comments_search_prints_hits_as_json_and_text(tmp_path: Path) -> None:
    data = tmp_path / "data"
    clover, wax = _seed(data)
    run = Longhand(data, dict(os.environ))

    (hit,) = run.json("comments", "search", "clov")
    assert (hit["id"], hit["author_name"], hit["post_title"], hit["status"]) == (clover, "Ada", "Bees", "hold")
    assert hit["snippet"] == "Honey from «clover» fields" and hit["date"]

    assert [h["id"] for h in run.json("comments", "search", "bees", "--limit", "1")] in ([clover], [wax])
    assert len(run.json("comments", "search", "bees")) == 2
    assert run.json("comments", "search", 'NEAR( "AND') == []  # FTS syntax is just words: no error

    text = run("comments", "search", "bob").stdout
    assert f"{wax}" in text and "Bob: Wax and more wax" in text and "— Bees" in text
    assert run("comments", "search", "nothing-like-this").stdout.strip() == "No comments match."
