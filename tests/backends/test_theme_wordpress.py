"""The blog's own theme, from the real test WordPress (6.1, twentytwentythree): fetched once from a
published post's public page, cached, then shown in the preview with the WordPress server stopped."""

from __future__ import annotations

import json
import random

import httpx
import keyring
import pytest
from keyring.backends import SecretService
from selectolax.lexbor import LexborHTMLParser

from editor.core.accounts import Accounts
from editor.core.incremental import Block, html_hash
from editor.core.model import Account
from editor.core.store import Store
from editor.core.theme import ThemeCache, fetch_theme, new_client, theme_page
from editor.ui.main_window import MainWindow
from editor.ui.preview import Preview
from tests.wordpress_server import WordPress

TIMEOUT = 30_000


def block(html: str) -> Block:
    """One rendered block, as the renderer hands them to the preview."""
    return Block(html_hash(html), html, 1)


def publish(wordpress: WordPress, title: str) -> dict:
    response = httpx.post(
        f"{wordpress.url}/wp-json/wp/v2/posts",
        auth=(wordpress.admin_user, wordpress.app_password),
        json={"title": title, "content": "<p>Published text.</p>", "status": "publish"},
        timeout=30,
    )
    response.raise_for_status()
    return response.json()


def add_blog_row(store: Store, url: str) -> int:
    """A blog in the store without a password (the keyring plays no part)."""
    with store.transaction() as conn:
        return conn.execute(
            "INSERT INTO accounts (name, backend, base_url, username, created_at) "
            "VALUES ('theme-blog', 'wordpress', ?, 'admin', '2024-01-01T00:00:00Z')",
            (url,),
        ).lastrowid


def fetch_page_theme(url: str) -> str:
    with new_client() as client:
        return fetch_theme(url, client)


def run(qtbot, view, script: str):
    box = {}
    view.run_script(script, lambda value: box.setdefault("v", value))
    qtbot.waitUntil(lambda: "v" in box, timeout=TIMEOUT)
    return box["v"]


@pytest.fixture(scope="module")
def post(wordpress: WordPress) -> dict:
    return publish(wordpress, f"Theme source {random.random():.6f}")


def test_template_from_a_published_post(wordpress: WordPress, post: dict, tmp_path) -> None:
    template = fetch_page_theme(post["link"])
    assert "--wp--preset" in template and "wp-block" in template  # twentytwentythree's global styles
    assert "<script" not in template.lower() and "<link" not in template.lower()
    tree = LexborHTMLParser(template)
    content = [node for node in tree.root.traverse() if node.attributes.get("id") == "content"]
    assert len(content) == 1 and list(content[0].iter(include_text=True)) == []
    assert "wp-block-post-content" in (content[0].attributes.get("class") or "").split()
    assert "Published text." not in template and post["title"]["rendered"] not in template
    assert any(node.attributes.get("id") == "content-title" for node in tree.root.traverse())

    store = Store.open(tmp_path)
    account_id = add_blog_row(store, wordpress.url)
    ThemeCache(store).put(account_id, post["link"], template)
    assert ThemeCache(store).get(account_id) == template
    store.close()


def test_preview_shows_the_draft_in_the_theme_offline(qtbot, wordpress: WordPress, post: dict) -> None:
    template = fetch_page_theme(post["link"])
    wordpress.stop()
    try:
        preview = Preview()
        qtbot.addWidget(preview)
        preview.resize(900, 700)
        preview.show()
        qtbot.waitExposed(preview)
        view = preview.view
        qtbot.waitUntil(lambda: view._ready, timeout=TIMEOUT)
        preview.show_blocks([block("<p id='mine'>Before the theme</p>")])
        assert preview.set_page(theme_page(template))
        preview.set_title("My draft's title")
        qtbot.waitUntil(lambda: view._ready, timeout=TIMEOUT)
        # What the plain page showed is shown again in the themed one.
        qtbot.waitUntil(lambda: run(qtbot, view, "document.getElementById('mine') ? 1 : 0") == 1, timeout=TIMEOUT)
        with qtbot.waitSignal(preview.updated, timeout=TIMEOUT):
            preview.show_blocks([block("<p id='draft'>Hello from the draft</p>")])
        where = run(
            qtbot,
            view,
            """(function () {
            var p = document.getElementById('draft');
            var c = document.getElementById('content');
            return JSON.stringify([c.contains(p), c.className, !!document.querySelector('header, .wp-site-blocks'),
                    getComputedStyle(document.body).getPropertyValue('--wp--preset--font-size--medium').trim(),
                    (document.getElementById('content-title') || {}).textContent || '',
                    document.getElementById('mine') ? 1 : 0]);
        })()""",
        )
        inside, classes, has_site, font_size, title, old = json.loads(where)
        assert inside and "wp-block-post-content" in classes and has_site
        assert font_size  # the theme's own CSS applies, with the blog unreachable
        assert title == "My draft's title"
        assert old == 0
        # And back to plain.
        from editor.core.render import preview_page

        preview.set_page(preview_page())
        qtbot.waitUntil(lambda: view._ready, timeout=TIMEOUT)
        qtbot.waitUntil(
            lambda: (
                run(qtbot, view, "document.getElementById('draft') ? document.getElementById('content').className : ''")
                == "post"
            ),
            timeout=TIMEOUT,
        )
    finally:
        wordpress.start()


def test_window_toggle_fetches_once_then_works_offline(
    qtbot,
    wordpress: WordPress,
    post: dict,
    secret_service,  # noqa: F811
    restore_keyring,
    tmp_path,
) -> None:  # noqa: F811
    keyring.set_keyring(SecretService.Keyring())
    store = Store.open(tmp_path / "data")
    account = Accounts(store).add(
        Account(None, "theme-window", "wordpress", wordpress.url, wordpress.admin_user), wordpress.app_password
    )
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        view = window.preview.view
        window.theme.action.setChecked(True)  # the only blog: its theme, fetched in the background
        qtbot.waitUntil(lambda: window.theme.shown == account.id, timeout=TIMEOUT)
        cached = ThemeCache(store).get(account.id)
        assert cached and "--wp--preset" in cached
        # The newest published post's public page was used (not a post made for the purpose).
        with store.transaction(write=False) as conn:
            page_url = conn.execute("SELECT page_url FROM themes").fetchone()[0]
        assert page_url.startswith(wordpress.url) and page_url != wordpress.url
        qtbot.waitUntil(
            lambda: run(qtbot, view, "document.getElementById('content').className").find("wp-block-post-content") >= 0,
            timeout=TIMEOUT,
        )
        window.theme.action.setChecked(False)
        qtbot.waitUntil(lambda: window.theme.shown == "plain", timeout=TIMEOUT)
        wordpress.stop()
        window.theme.action.setChecked(True)  # from the store: no network needed
        qtbot.waitUntil(lambda: window.theme.shown == account.id, timeout=TIMEOUT)
    finally:
        if not wordpress.running:
            wordpress.start()
        window.close()
        store.close()


def test_unreachable_blog_falls_back_to_plain(qtbot, secret_service, restore_keyring, tmp_path) -> None:  # noqa: F811
    keyring.set_keyring(SecretService.Keyring())
    store = Store.open(tmp_path / "data")
    Accounts(store).add(Account(None, "gone", "wordpress", "http://127.0.0.1:9", "me"), "secret")
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    try:
        window.theme.action.setChecked(True)
        qtbot.waitUntil(lambda: not window.theme.action.isChecked(), timeout=TIMEOUT)
        assert window.theme.shown == "plain"
        assert "theme could not be fetched" in window.statusBar().currentMessage()
    finally:
        window.close()
        store.close()
