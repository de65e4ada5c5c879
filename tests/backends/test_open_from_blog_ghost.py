"""`browse_posts` on a real Ghost (Admin API): a page of posts at a time with its total, searched in titles
(a quote in the search is taken as a letter), filtered by status, and pages apart from posts."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest

from editor.backends.base import Credentials, RemotePost, RemoteStatus
from editor.backends.ghost import GhostBackend
from tests.ghost_server import Ghost, session_ghost, stop_session_ghost


@pytest.fixture(scope="session")
def ghost(tmp_path_factory) -> Iterator[Ghost]:
    yield session_ghost(tmp_path_factory)
    stop_session_ghost()


def test_browse_posts_on_ghost(ghost: Ghost):
    word = f"zq{secrets.token_hex(4)}"
    with GhostBackend(Credentials(ghost.url, "anyone", ghost.admin_key)) as blog:
        blog.discover()
        made = [
            blog.create_post(RemotePost(title=f"Train {n} {word}", content="<p>x</p>", status=status))
            for n, status in enumerate([RemoteStatus.PUBLISH, RemoteStatus.PUBLISH, RemoteStatus.DRAFT])
        ]
        made.append(blog.create_post(RemotePost(title=f"O'Brien's {word}", status=RemoteStatus.PUBLISH)))
        page = blog.create_post(RemotePost(title=f"About {word}", status=RemoteStatus.PUBLISH, kind="page"))
        try:
            first = blog.browse_posts(kind="post", search=word, per_page=3)
            second = blog.browse_posts(kind="post", search=word, page=2, per_page=3)
            assert (first.total, len(first.posts), len(second.posts)) == (4, 3, 1)
            assert {p.id for p in first.posts + second.posts} == {p.id for p in made}
            drafts = blog.browse_posts(kind="post", search=word, status=RemoteStatus.DRAFT)
            assert [p.title for p in drafts.posts] == [f"Train 2 {word}"] and drafts.total == 1
            quoted = blog.browse_posts(kind="post", search=f"O'Brien's {word}")
            assert [p.title for p in quoted.posts] == [f"O'Brien's {word}"]
            assert blog.browse_posts(kind="post", search=word, status=RemoteStatus.PRIVATE).total == 0
            pages = blog.browse_posts(kind="page", search=word)
            assert [(p.id, p.kind) for p in pages.posts] == [(page.id, "page")]
        finally:
            for post in made:
                blog.delete_post(post.id or "")
            blog.delete_post(page.id or "", kind="page")
