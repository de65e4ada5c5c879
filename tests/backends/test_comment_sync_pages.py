"""A comment sync over many pages, against the real test WordPress: every comment stored once, every page
asked for once (a few at a time), and a sync with nothing new costs exactly two requests. Also the
paging itself on a scripted server: pages yielded in order whatever order they arrive in, a page gone
ends the listing, pages added while listing are read too."""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs

import httpx
import pytest

from editor.backends.base import Credentials, RemotePost, RemoteStatus
from editor.backends.wordpress import WordPressBackend
from editor.backends.wordpress_rest import WordPressREST
from editor.core.comments import Comments
from editor.core.store import Store
from editor.core.sync import sync_comments
from tests.wordpress_server import WordPress

MANY = 250


@pytest.fixture
def backend(wordpress: WordPress) -> Iterator[WordPressBackend]:
    with wordpress.backend() as made:
        yield made


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "data") as opened:
        yield opened


@pytest.fixture
def blog(store: Store, wordpress: WordPress) -> int:
    return wordpress.account_row(store)


def comment_requests(backend: WordPressBackend) -> list[dict[str, list[str]]]:
    """The query of every request to wp/v2/comments the backend sends from now on."""
    sent: list[dict[str, list[str]]] = []

    def seen(request: httpx.Request) -> None:
        if "/wp/v2/comments" in request.url.path:
            sent.append(parse_qs(request.url.query.decode()))

    backend._rest.client.event_hooks["request"].append(seen)
    return sent


def test_a_sync_over_many_pages_stores_each_comment_once(
    wordpress: WordPress, backend: WordPressBackend, store: Store, blog: int
) -> None:
    post = backend.create_post(RemotePost(title="Many comments", content="<p>Talk.</p>", status=RemoteStatus.PUBLISH))
    # Ten minutes apart, the last one now: a sync lists again only the last minute's (SLACK in sync.py).
    made = json.loads(
        wordpress.wp_eval(
            "$ids = array(); for ($i = 0; $i < $args['n']; $i++) {"
            " $gmt = gmdate('Y-m-d H:i:s', time() - ($args['n'] - 1 - $i) * 600);"
            " $ids[] = wp_insert_comment(array('comment_post_ID' => $args['post'], 'comment_content' => \"Comment $i\","
            " 'comment_author' => \"R$i\", 'comment_approved' => $i % 5 ? 1 : 0, 'comment_date_gmt' => $gmt,"
            " 'comment_date' => get_date_from_gmt($gmt))); } echo json_encode($ids);",
            args={"n": MANY, "post": int(post.id)},
        )
    )
    backend._rest.page_size = 40  # several pages, asked for a few at a time
    sent = comment_requests(backend)
    result = sync_comments(store, blog, backend)

    stored = Comments(store)
    with store.transaction(write=False) as conn:
        rows = conn.execute(
            "SELECT remote_id, content, post_title FROM comments WHERE account_id = ?", (blog,)
        ).fetchall()
    by_remote = {remote_id: (content, title) for remote_id, content, title in rows}
    assert len(by_remote) == len(rows) == len(result.new) == len(set(result.new))  # each once
    for n, remote_id in enumerate(made):
        assert by_remote[str(remote_id)][1] == "Many comments" and f"Comment {n}" in by_remote[str(remote_id)][0]
    listing = [q for q in sent if "include" not in q]
    pages = sorted(int(q["page"][0]) for q in listing)
    assert pages == list(range(1, len(pages) + 1)) and len(pages) >= MANY // 40  # every page once
    assert all(q["per_page"] == ["40"] for q in listing)

    # Nothing new: exactly one listing (after the sync point) and one status check. (Pages of 100 again: a
    # minute's comments by the other tests of the session must fit in one.)
    backend._rest.page_size = WordPressREST.page_size
    sent.clear()
    requests: list[str] = []
    backend._rest.client.event_hooks["request"].append(lambda request: requests.append(str(request.url)))
    again = sync_comments(store, blog, backend)
    assert again.new == [] and again.removed == []
    assert len(requests) == 2, requests
    assert ["after" in q for q in sent] == [True, False] and "include" in sent[1]
    assert stored.get(result.new[0]).remote_id is not None


# -- the paging alone, on a scripted server ------------------------------------------------------------
class Pages:
    """A collection served `size` items a page, each answer delayed at random (so they arrive out of order);
    `total` may change while it is listed, and pages past `gone_after` answer WordPress's invalid-page error."""

    def __init__(self, items: int, size: int) -> None:
        self.items, self.size, self.gone_after = items, size, 10**9
        self.asked: list[int] = []
        self.lock = threading.Lock()

    def handle(self, request: httpx.Request) -> httpx.Response:
        page = int(request.url.params["page"])
        with self.lock:
            self.asked.append(page)
        time.sleep(random.uniform(0, 0.02))
        if page > self.gone_after:
            return httpx.Response(400, json={"code": "rest_comment_invalid_page_number", "message": "gone"})
        first = (page - 1) * self.size
        items = [{"id": i} for i in range(first, min(self.items, first + self.size))]
        total = -(-self.items // self.size)
        return httpx.Response(200, json=items, headers={"X-WP-TotalPages": str(total)})


def rest_on(pages: Pages) -> WordPressREST:
    rest = WordPressREST(Credentials("http://127.0.0.1:9", "u", "secret", api_root="http://127.0.0.1:9/wp-json/"))
    rest.client = httpx.Client(transport=httpx.MockTransport(pages.handle))
    rest.page_size = pages.size
    return rest


def test_pages_come_in_order_each_asked_once() -> None:
    pages = Pages(items=1_037, size=50)
    rest = rest_on(pages)
    assert [item["id"] for item in rest.pages("wp/v2/comments", {})] == list(range(1_037))
    assert sorted(pages.asked) == list(range(1, 22)) and pages.asked[0] == 1


def test_a_page_gone_ends_the_listing_and_pages_added_are_read() -> None:
    pages = Pages(items=500, size=50)
    pages.gone_after = 6  # comments deleted while we paged: page 7 no longer exists
    assert [item["id"] for item in rest_on(pages).pages("wp/v2/comments", {})] == list(range(300))

    growing = Pages(items=120, size=50)
    listed = rest_on(growing).pages("wp/v2/comments", {})
    first = [next(listed)["id"] for _ in range(50)]  # page 1 said three pages
    growing.items = 260  # then more comments came: six pages
    assert first + [item["id"] for item in listed] == list(range(260))
