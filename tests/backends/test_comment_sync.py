"""sync_comments against the real test WordPress: readers comment through the public form, the "web
admin" changes statuses with wp_eval, and the local store follows, at a bounded number of requests."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from editor.backends.base import CommentsBackend, RemotePost, RemoteStatus
from editor.backends.wordpress import WordPressBackend
from editor.core.comments import Comments
from editor.core.store import Store
from editor.core.sync import sync_comments
from tests.comment_form import post_public_comment
from tests.wordpress_server import WordPress

HOSTILE = (
    '<script>alert(1)</script><img src="http://203.0.113.9/x.png" onerror="x()">'
    '<a href="javascript:alert(1)" onclick="y()">x</a><p style="color:red" onmouseover="z()">hi</p>'
    '<iframe src="http://evil"></iframe>'
)


def unique(label: str) -> str:
    return f"{label} {uuid.uuid4().hex[:8]}"


@pytest.fixture
def backend(wordpress: WordPress) -> Iterator[WordPressBackend]:
    with wordpress.backend() as made:
        yield made


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "data") as opened:  # the real clock: WordPress dates its comments now
        yield opened


@pytest.fixture
def blog(store: Store, wordpress: WordPress) -> int:
    return wordpress.account_row(store)


def requests_of(backend: WordPressBackend) -> list[str]:
    """Every request the backend sends from now on, as "METHOD path?query"."""
    sent: list[str] = []
    backend._rest.client.event_hooks["request"].append(lambda request: sent.append(f"{request.method} {request.url}"))
    return sent


def set_status(wp: WordPress, comment_id: int, status: str) -> None:
    """A moderator's click in WordPress's web admin (WordPress answers false when the status is the same,
    so the outcome is read back instead)."""
    now = wp.wp_eval(
        "wp_set_comment_status($args['id'], $args['status']); echo wp_get_comment_status($args['id']);",
        args={"id": comment_id, "status": status},
    )
    assert now == {"approve": "approved", "hold": "unapproved"}.get(status, status)


def test_sync_follows_the_blog(wordpress: WordPress, backend: WordPressBackend, store: Store, blog: int) -> None:
    assert isinstance(backend, CommentsBackend)
    post = backend.create_post(
        RemotePost(title=unique("Sync"), content="<p>Comment on me.</p>", status=RemoteStatus.PUBLISH)
    )
    reader = unique("reader")
    email = f"{reader.replace(' ', '.')}@example.org"

    def comment(text: str, parent: int = 0) -> int:
        answer = post_public_comment(wordpress.url, post.id, reader, email, text, parent=parent)
        assert answer.comment_id is not None
        return answer.comment_id

    first = comment("<p>First! <em>Nice</em> post.</p>")
    hostile = comment(HOSTILE)
    held = comment("<p>Still held.</p>")
    set_status(wordpress, first, "approve")
    set_status(wordpress, hostile, "approve")
    reply = comment("<p>Replying to myself.</p>", parent=first)
    set_status(wordpress, reply, "approve")
    spam = comment("<p>Buy things</p>")
    set_status(wordpress, spam, "spam")
    # An editor's comment is not filtered by WordPress when saved: the sanitiser is all that stands
    # between its HTML and the inbox.
    raw = int(
        wordpress.wp_eval(
            "echo wp_insert_comment(array('comment_post_ID' => $args['post'], 'comment_content' => $args['html'],"
            " 'comment_author' => 'Editor', 'comment_approved' => 1));",
            args={"post": int(post.id), "html": HOSTILE},
        )
    )

    comments = Comments(store)
    result = sync_comments(store, blog, backend)
    mine = {c.remote_id: c for c in comments.list(view="all", account_id=blog, post_id=post.id)}
    mine.update({c.remote_id: c for c in comments.list(view="spam", account_id=blog, post_id=post.id)})
    assert set(mine) == {str(i) for i in (first, hostile, held, reply, spam, raw)}
    assert {c.id for c in mine.values()} <= set(result.new)
    assert {rid: c.status for rid, c in mine.items()} == {
        str(first): "approved",
        str(hostile): "approved",
        str(held): "hold",
        str(reply): "approved",
        str(spam): "spam",
        str(raw): "approved",
    }
    assert mine[str(first)].post_title == post.title and mine[str(first)].author_name == reader
    assert "<em>Nice</em>" in mine[str(first)].html
    assert mine[str(reply)].parent_remote_id == str(first)
    for rid in (str(hostile), str(raw)):
        shown = mine[rid].html
        assert "<script" not in shown and "javascript:" not in shown and "iframe" not in shown
        assert not re.search(r"\son\w+=", shown) and not re.search(r"\ssrc=", shown)
    assert "<img" in mine[str(raw)].content  # WordPress did send the image…
    assert 'data-blocked-src="http://203.0.113.9/x.png"' in mine[str(raw)].html  # …and it does not load
    thread = [(c.remote_id, depth) for c, depth in comments.thread(mine[str(reply)].id)]
    assert thread[:2] == [(str(first), 0), (str(reply), 1)]
    assert comments.sync_point(blog) is not None

    # Changes made in the web admin reach the store on the next sync; a comment deleted for good goes.
    set_status(wordpress, held, "approve")
    set_status(wordpress, first, "trash")
    wordpress.wp_eval("if (!wp_delete_comment($args['id'], true)) exit(1);", args={"id": spam})
    result = sync_comments(store, blog, backend)
    assert comments.get(mine[str(held)].id).status == "approved"
    assert comments.get(mine[str(first)].id).status == "trash"
    assert {mine[str(held)].id, mine[str(first)].id} <= set(result.changed)
    assert result.removed == [mine[str(spam)].id] and result.new == []
    assert str(spam) not in comments.recent_remote_ids(blog)

    # Nothing new: at most two requests (the listing and the statuses), and nothing changes.
    sent = requests_of(backend)
    result = sync_comments(store, blog, backend)
    assert (result.new, result.changed, result.removed) == ([], [], [])
    assert len(sent) <= 2, sent

    # A new reader comment is new on the next sync, and only it.
    late = comment("<p>Late to the party.</p>")
    result = sync_comments(store, blog, backend)
    assert [comments.get(i).remote_id for i in result.new] == [str(late)]
    # WordPress approves a reader it has approved before (comment_previously_approved).
    assert comments.get(result.new[0]).status == "approved"


def test_a_pending_moderation_survives_a_sync(
    wordpress: WordPress, backend: WordPressBackend, store: Store, blog: int
) -> None:
    """The author's queued decision wins over the blog's status until the outbox has sent it, even if the
    comment was deleted on the blog meanwhile (the outbox will find that out)."""
    post = backend.create_post(RemotePost(title=unique("Pending"), content="<p>x</p>", status=RemoteStatus.PUBLISH))
    reader = unique("reader")
    cid = post_public_comment(wordpress.url, post.id, reader, "p@example.org", "<p>Hold me.</p>").comment_id
    comments = Comments(store)
    sync_comments(store, blog, backend)
    local = next(c for c in comments.list(view="pending", account_id=blog) if c.remote_id == str(cid))

    comments.queue_status(local.id, "spam")
    set_status(wordpress, cid, "approve")
    sync_comments(store, blog, backend)
    assert (comments.get(local.id).status, comments.get(local.id).pending) == ("spam", "spam")

    wordpress.wp_eval("if (!wp_delete_comment($args['id'], true)) exit(1);", args={"id": cid})
    assert local.id not in sync_comments(store, blog, backend).removed
    assert comments.get(local.id).pending == "spam"


def test_requests_are_counted(backend: WordPressBackend) -> None:
    """The request counter used above sees what the backend sends."""
    backend.discover()  # not counted below: done once per backend
    sent = requests_of(backend)
    backend.comment_statuses(["1"])
    assert len(sent) == 1 and isinstance(backend._rest.client, httpx.Client)
