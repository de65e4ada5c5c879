"""editor/core/theme.py: a saved blog page and its stylesheets, served on 127.0.0.1 by http.server."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from editor.core.store import Store
from editor.core.theme import (ThemeCache, ThemeError, fetch_theme, parse_html, prepare_template, select_first,
                               theme_page)

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="0; url=https://example.com/">
<base href="https://elsewhere.example/">
<title>Hello world &amp; more</title>
<link rel="stylesheet" href="css/main.css" media="all">
<link rel="stylesheet" href="/missing.css">
<link rel="preload" href="font.woff2" as="font">
<link rel="alternate" type="application/rss+xml" href="/feed/">
<link rel="icon" href="/favicon.ico">
<style>.inline { background: url(img/inline.png); }</style>
<script src="js/app.js"></script>
<script>alert("hi")</script>
</head>
<body onload="evil()" class="single">
<noscript><p>Enable JS</p></noscript>
<header><h1 class="site-title"><a href="/" onclick="x()">My Blog</a></h1>
<img src="img/logo.png" srcset="img/logo.png 1x, img/logo@2x.png 2x" onerror="y()"></header>
<main id="content">
<article class="post">
<h2 class="entry-title">The old post's title</h2>
<div class="entry-content"><p>Old text <b>bold</b><p>Second<iframe src="https://video.example/"></iframe></div>
</article>
</main>
<a href="javascript:alert(1)">bad link</a>
<footer><p>Footer &copy; 2024 &lt;me&gt;</footer>
<script>track()</script>
</body></html>
"""

MAIN_CSS = """@import url("parts/extra.css");
@import 'print.css' print;
body { font-family: "Theme Sans"; background: url('../img/bg.png') no-repeat; }
@font-face { font-family: "Theme Sans"; src: url(../fonts/sans.woff2) format("woff2"); }
.icon { background: url(data:image/png;base64,AAAA); filter: url(#shadow); }
.weird::after { content: "</style><script>alert(1)</script>"; }
"""
EXTRA_CSS = ".extra { background-image: url(deep.png); }\n"
PRINT_CSS = ".print-only { display: block; }\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[str]:
    root: Path = tmp_path_factory.mktemp("site")
    (root / "blog" / "hello").mkdir(parents=True)
    (root / "blog" / "hello" / "index.html").write_text(PAGE, encoding="utf-8")
    (root / "blog" / "hello" / "css" / "parts").mkdir(parents=True)
    (root / "blog" / "hello" / "css" / "main.css").write_text(MAIN_CSS, encoding="utf-8")
    (root / "blog" / "hello" / "css" / "print.css").write_text(PRINT_CSS, encoding="utf-8")
    (root / "blog" / "hello" / "css" / "parts" / "extra.css").write_text(EXTRA_CSS, encoding="utf-8")

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def template(site: str) -> str:
    return fetch_theme(f"{site}/blog/hello/")


def test_stylesheets_are_inlined_with_their_imports(site: str, template: str) -> None:
    assert 'font-family: "Theme Sans"' in template
    assert ".extra { background-image" in template  # @import followed one level
    assert "@media print {\n.print-only" in template  # an import's media kept
    assert "@import" not in template
    assert '<style media="all">' in template
    assert ".inline { background" in template  # the page's own <style> kept


def test_css_urls_are_made_absolute(site: str, template: str) -> None:
    assert f'url("{site}/blog/hello/img/bg.png")' in template
    assert f'url("{site}/blog/hello/fonts/sans.woff2")' in template
    assert f'url("{site}/blog/hello/css/parts/deep.png")' in template  # relative to the imported sheet
    assert f'url("{site}/blog/hello/img/inline.png")' in template
    assert 'url("data:image/png;base64,AAAA")' in template
    assert 'url("#shadow")' in template


def test_everything_active_is_removed(template: str) -> None:
    root, _ = parse_html(template)
    tags = {e.tag for e in root.iter()}
    assert not tags & {"script", "iframe", "noscript", "base", "link"}
    # A stylesheet cannot close its <style> element: its "</style><script>" stays text inside it.
    assert '"<\\/style><script>alert(1)</script>"' in template
    lowered = template.lower()
    for gone in ("<iframe", "<noscript", "<base", "<link", "onload", "onclick", "onerror",
                 "http-equiv", "javascript:", "alert(\"hi\")", "track()"):
        assert gone not in lowered, gone


def test_content_is_found_emptied_and_marked(template: str) -> None:
    root, _ = parse_html(template)
    ids = [e.get("id") for e in root.iter()]
    assert ids.count("content") == 1  # the <main id="content"> lost its id to the entry content
    content = select_first(root, (".entry-content",))
    assert content.get("id") == "content" and content.children == []
    assert "Old text" not in template and "Second" not in template
    title = select_first(root, (".entry-title",))
    assert title.get("id") == "content-title" and title.children == []
    assert "Footer © 2024 &lt;me&gt;" in template  # the rest of the page is kept, text escaped again
    assert "<title>Preview</title>" in template and "Hello world" not in template


def test_attribute_urls_are_absolute(site: str, template: str) -> None:
    assert f'src="{site}/blog/hello/img/logo.png"' in template
    assert f'srcset="{site}/blog/hello/img/logo.png 1x, {site}/blog/hello/img/logo@2x.png 2x"' in template
    assert f'href="{site}/"' in template


def test_fallback_selectors() -> None:
    def content_of(page: str) -> str:
        root, _ = parse_html(prepare_template(page, "http://x.test/", lambda url: None))
        element = next(e for e in root.iter() if e.get("id") == "content")
        return f"{element.tag}.{' '.join(element.classes())}"

    assert content_of("<body><div class='wp-block-post-content'>x</div><main>y</main></body>") == \
        "div.wp-block-post-content"
    assert content_of("<body><div class='content'>a</div><article><div class='content'>x</div></article>") == \
        "div.content"
    assert content_of("<body><main><article class='a'>x</article></main></body>") == "article.a"
    assert content_of("<body><nav></nav><main>x</main></body>") == "main."


def test_unreachable_page_is_a_theme_error() -> None:
    with pytest.raises(ThemeError):
        fetch_theme("http://127.0.0.1:9/nothing/")


def test_missing_page_is_a_theme_error(site: str) -> None:
    with pytest.raises(ThemeError, match="404"):
        fetch_theme(f"{site}/no/such/page/")


def test_theme_page_adds_house_rules_and_code_style(template: str) -> None:
    page = theme_page(template)
    head = page.split("</head>")[0]
    assert 'id="code-style"' in head and ".highlight" in head
    assert 'id="lh-house"' in head


def test_cache_round_trips_and_goes_with_the_blog(tmp_path) -> None:
    store = Store.open(tmp_path)
    with store.transaction() as conn:  # a blog row without a password: the keyring plays no part here
        account_id = conn.execute("INSERT INTO accounts (name, backend, base_url, username, created_at) "
                                  "VALUES ('b', 'wordpress', 'http://127.0.0.1:1', 'me', '2024-01-01T00:00:00Z')"
                                  ).lastrowid
    cache = ThemeCache(store)
    assert cache.get(account_id) is None
    cache.put(account_id, "http://127.0.0.1:1/p/", "<html>one</html>")
    cache.put(account_id, "http://127.0.0.1:1/p/", "<html>two</html>")
    assert cache.get(account_id) == "<html>two</html>"
    cache.forget(account_id)
    assert cache.get(account_id) is None
    cache.put(account_id, "http://127.0.0.1:1/p/", "<html>three</html>")
    with store.transaction() as conn:
        conn.execute("DELETE FROM accounts WHERE id = ?", (account_id,))
    assert cache.get(account_id) is None
    store.close()
