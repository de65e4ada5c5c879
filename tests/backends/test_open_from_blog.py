"""Blog ▸ Open from Blog… on the real WordPress: the dialog on real widgets searches, pages and filters the
blog's posts, lists its pages, and opens a page written in blocks as a draft of kind page in Markdown;
opening it again opens the same draft. Also `browse_posts` itself, and a static site's."""

from __future__ import annotations

import random
from collections.abc import Iterator

import httpx
import keyring
import pytest
from keyring.backends import SecretService
from PySide6.QtCore import Qt

from benchmarks.html_to_markdown import corpus
from editor.backends.base import Credentials, RemotePost, RemoteStatus
from editor.backends.wordpress import WordPressBackend
from editor.backends.wpcom import WordPressComBackend, site_root
from editor.core.accounts import Accounts
from editor.core.model import Account, DraftKind
from editor.core.store import Store
from editor.ui.main_window import MainWindow
from editor.ui.open_from_blog import OpenFromBlogDialog
from tests.static_sites import backend as static_backend
from tests.static_sites import make_site
from tests.wordpress_server import WordPress
from tests.wpcom_shim import SITE

TIMEOUT = 30_000
CASES = corpus()
PAGE_BODY = CASES["paragraphs"].strip("\n") + "\n\n" + CASES["headings"].strip("\n")


def rest(wordpress: WordPress, route: str, method: str = "GET", **kwargs) -> httpx.Response:
    return httpx.request(
        method,
        f"{wordpress.url}/wp-json/wp/v2/{route}",
        auth=(wordpress.admin_user, wordpress.app_password),
        timeout=30,
        **kwargs,
    )


@pytest.fixture(scope="module")
def on_blog(wordpress: WordPress) -> Iterator[dict]:
    """21 posts (one of them a draft) and one page written in blocks, all carrying one word no other post
    has; deleted for good afterwards."""
    word = f"zq{random.randrange(10**8):08d}"
    made = {"word": word, "posts": [], "page": None}
    try:
        for number in range(21):
            status = "draft" if number == 7 else "publish"
            # One a minute, in the past: newest first is one order, whatever second each was made in.
            fields = {"title": f"Train {number} {word}", "status": status, "date_gmt": f"2020-01-01T00:{number:02d}:00"}
            answer = rest(wordpress, "posts", "POST", json={**fields, "content": "x"})
            made["posts"].append(answer.raise_for_status().json())
        page = {"title": f"About {word}", "status": "publish", "content": PAGE_BODY}
        made["page"] = rest(wordpress, "pages", "POST", json=page).raise_for_status().json()
        yield made
    finally:
        for item in made["posts"]:
            rest(wordpress, f"posts/{item['id']}", "DELETE", params={"force": "true"})
        if made["page"]:
            rest(wordpress, f"pages/{made['page']['id']}", "DELETE", params={"force": "true"})


def test_browse_posts_searches_pages_and_filters_on_wordpress(wordpress: WordPress, on_blog):
    word = on_blog["word"]
    with WordPressBackend(Credentials(wordpress.url, wordpress.admin_user, wordpress.app_password)) as blog:
        first = blog.browse_posts(kind="post", search=word, page=1, per_page=20)
        second = blog.browse_posts(kind="post", search=word, page=2, per_page=20)
        assert (first.total, second.total, len(first.posts), len(second.posts)) == (21, 21, 20, 1)
        seen = {post.id for post in first.posts + second.posts}
        assert seen == {str(item["id"]) for item in on_blog["posts"]}
        assert first.posts[0].title.startswith("Train 20") and first.posts[0].kind == "post"  # newest first
        drafts = blog.browse_posts(kind="post", search=word, status=RemoteStatus.DRAFT)
        assert [(p.title, p.status) for p in drafts.posts] == [(f"Train 7 {word}", RemoteStatus.DRAFT)]
        assert drafts.total == 1
        pages = blog.browse_posts(kind="page", search=word)
        assert [(p.id, p.kind) for p in pages.posts] == [(str(on_blog["page"]["id"]), "page")] and pages.total == 1
        assert blog.browse_posts(kind="post", search=word, page=9).posts == []  # past the end: empty


def test_browse_posts_through_wordpress_com_s_layout(shim, on_blog):
    root = site_root(str(shim.site_id(SITE)), shim.url)
    with WordPressComBackend(Credentials(f"https://{SITE}", "admin", shim.issue(SITE), root)) as blog:
        found = blog.browse_posts(kind="post", search=on_blog["word"], page=2, per_page=20)
        assert found.total == 21 and [p.title for p in found.posts] == [f"Train 0 {on_blog['word']}"]
        pages = blog.browse_posts(kind="page", search=on_blog["word"])
        assert [p.id for p in pages.posts] == [str(on_blog["page"]["id"])]


def test_browse_on_a_static_site_reads_its_files(tmp_path):
    blog = static_backend(make_site(tmp_path / "site", "hugo"))
    for title in ("Night train", "Day train", "Boat"):
        blog.create_post(RemotePost(title=title, content=f"<p>{title}.</p>", status=RemoteStatus.PUBLISH))
    blog.create_post(RemotePost(title="Train times", content="<p>When.</p>", kind="page"))
    found = blog.browse_posts(kind="post", search="TRAIN", per_page=1)
    assert found.total == 2 and len(found.posts) == 1
    second = blog.browse_posts(kind="post", search="train", page=2, per_page=1)
    assert {p.title for p in found.posts + second.posts} == {"Night train", "Day train"}
    assert [p.title for p in blog.browse_posts(kind="page").posts] == ["Train times"]
    assert blog.browse_posts(kind="post", status=RemoteStatus.DRAFT).total == 0


def _dialog(qtbot, window: MainWindow) -> OpenFromBlogDialog:
    [action] = [a for a in window.menus.menus["blog"].actions() if a.text() == "Open from &Blog…"]
    assert action.isVisible()
    action.trigger()
    [dialog] = window.findChildren(OpenFromBlogDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=TIMEOUT)
    return dialog


def _titles(dialog: OpenFromBlogDialog) -> list[str]:
    return [dialog.table.item(row, 0).text() for row in range(dialog.table.rowCount())]


def test_the_dialog_searches_pages_filters_and_opens_a_page_as_a_draft(
    qtbot, wordpress: WordPress, on_blog, secret_service, restore_keyring, tmp_path
):
    keyring.set_keyring(SecretService.Keyring())
    word = on_blog["word"]
    store = Store.open(tmp_path / "data")
    Accounts(store).add(Account(None, "blog", "wordpress", wordpress.url, wordpress.admin_user), wordpress.app_password)
    window = MainWindow(store, use_web_preview=False)
    qtbot.addWidget(window)
    window.show()
    dialog = _dialog(qtbot, window)
    assert not dialog.blog.isVisible()  # one blog: nothing to choose
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=TIMEOUT)  # the newest posts, unsearched

    qtbot.keyClicks(dialog.search, word)  # asked once the typing pauses
    qtbot.waitUntil(lambda: dialog.range.text() == "1–20 of 21", timeout=TIMEOUT)
    assert all(word in title for title in _titles(dialog)) and _titles(dialog)[0] == f"Train 20 {word}"
    assert dialog.next.isEnabled() and not dialog.previous.isEnabled()
    qtbot.mouseClick(dialog.next, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.range.text() == "21–21 of 21", timeout=TIMEOUT)
    assert _titles(dialog) == [f"Train 0 {word}"] and dialog.previous.isEnabled() and not dialog.next.isEnabled()

    dialog.status.setCurrentIndex(dialog.status.findData(RemoteStatus.DRAFT))
    qtbot.waitUntil(lambda: _titles(dialog) == [f"Train 7 {word}"], timeout=TIMEOUT)
    assert dialog.table.item(0, 1).text() == "Draft" and dialog.range.text() == "1–1 of 1"

    dialog.status.setCurrentIndex(dialog.status.findData(None))
    dialog.kind.setCurrentIndex(dialog.kind.findData(DraftKind.PAGE))
    qtbot.waitUntil(lambda: _titles(dialog) == [f"About {word}"], timeout=TIMEOUT)
    assert dialog.table.item(0, 1).text() == "Published" and dialog.table.item(0, 2).text()
    drafts_before = len(store.list_drafts())
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_draft.title == f"About {word}", timeout=TIMEOUT)
    draft = window.current_draft
    assert draft.kind is DraftKind.PAGE and draft.remote_id == str(on_blog["page"]["id"])
    assert "<!-- wp:paragraph -->\nPlain words, then **bold**" in draft.body and "<p>" not in draft.body
    assert len(store.list_drafts()) == drafts_before + 1
    assert window.fields.kind.currentData() == DraftKind.PAGE and not window.fields.kind.isEnabled()

    # Opening it again opens that draft: no second one.
    window.new_draft()
    again = _dialog(qtbot, window)
    again.kind.setCurrentIndex(again.kind.findData(DraftKind.PAGE))
    qtbot.keyClicks(again.search, word)
    qtbot.waitUntil(lambda: _titles(again) == [f"About {word}"], timeout=TIMEOUT)
    again.open_selected()
    qtbot.waitUntil(lambda: window.current_draft.id == draft.id, timeout=TIMEOUT)
    assert len(store.list_drafts()) == drafts_before + 2  # the new empty draft, and the page's one
    window.close()
    store.close()


def test_the_dialog_says_why_when_the_blog_refuses(
    qtbot, wordpress: WordPress, secret_service, restore_keyring, tmp_path
):
    keyring.set_keyring(SecretService.Keyring())
    store = Store.open(tmp_path / "data")
    Accounts(store).add(Account(None, "blog", "wordpress", wordpress.url, wordpress.admin_user), "not-the-password")
    window = MainWindow(store, use_web_preview=False)
    qtbot.addWidget(window)
    window.show()
    dialog = _dialog(qtbot, window)
    qtbot.waitUntil(lambda: dialog.message.isVisible() and "Asking" not in dialog.message.text(), timeout=TIMEOUT)
    assert "did not take Longhand's application password" in dialog.message.text() and dialog.table.rowCount() == 0
    assert not dialog.open_button.isEnabled()
    window.close()
    store.close()
