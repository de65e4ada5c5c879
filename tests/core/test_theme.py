"""editor/core/theme/: a saved blog page and its stylesheets, served on 127.0.0.1 by http.server."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from selectolax.lexbor import LexborHTMLParser, LexborNode

from editor.core.store import Store
from editor.core.theme import (
    ThemeCache,
    ThemeError,
    fetch_theme,
    new_client,
    prepare_template,
    select_first,
    theme_page,
)

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
def client() -> Iterator[httpx.Client]:
    with new_client() as client:
        yield client


@pytest.fixture(scope="module")
def template(site: str, client: httpx.Client) -> str:
    return fetch_theme(f"{site}/blog/hello/", client)


def children(node: LexborNode) -> list[LexborNode]:
    """Every child node, text included."""
    return list(node.iter(include_text=True))


def classes(node: LexborNode) -> list[str]:
    return (node.attributes.get("class") or "").split()


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
    tree = LexborHTMLParser(template)
    tags = {node.tag for node in tree.root.traverse()}
    assert not tags & {"script", "iframe", "noscript", "base", "link"}
    # A stylesheet cannot close its <style> element: its "</style><script>" stays text inside it.
    assert '"<\\/style><script>alert(1)</script>"' in template
    lowered = template.lower()
    for gone in (
        "<iframe",
        "<noscript",
        "<base",
        "<link",
        "onload",
        "onclick",
        "onerror",
        "http-equiv",
        "javascript:",
        'alert("hi")',
        "track()",
    ):
        assert gone not in lowered, gone


def test_content_is_found_emptied_and_marked(template: str) -> None:
    tree = LexborHTMLParser(template)
    ids = [node.attributes.get("id") for node in tree.root.traverse()]
    assert ids.count("content") == 1  # the <main id="content"> lost its id to the entry content
    content = select_first(tree, (".entry-content",))
    assert content.attributes.get("id") == "content" and children(content) == []
    assert "Old text" not in template and "Second" not in template
    title = select_first(tree, (".entry-title",))
    assert title.attributes.get("id") == "content-title" and children(title) == []
    assert "Footer © 2024 &lt;me&gt;" in template  # the rest of the page is kept, text escaped again
    assert "<title>Preview</title>" in template and "Hello world" not in template


def test_attribute_urls_are_absolute(site: str, template: str) -> None:
    assert f'src="{site}/blog/hello/img/logo.png"' in template
    assert f'srcset="{site}/blog/hello/img/logo.png 1x, {site}/blog/hello/img/logo@2x.png 2x"' in template
    assert f'href="{site}/"' in template


def test_fallback_selectors() -> None:
    def content_of(page: str) -> str:
        tree = LexborHTMLParser(prepare_template(page, "http://x.test/", lambda url: None))
        element = next(node for node in tree.root.traverse() if node.attributes.get("id") == "content")
        return f"{element.tag}.{' '.join(classes(element))}"

    assert (
        content_of("<body><div class='wp-block-post-content'>x</div><main>y</main></body>")
        == "div.wp-block-post-content"
    )
    assert (
        content_of("<body><div class='content'>a</div><article><div class='content'>x</div></article>") == "div.content"
    )
    assert content_of("<body><main><article class='a'>x</article></main></body>") == "article.a"
    assert content_of("<body><nav></nav><main>x</main></body>") == "main."


def test_unreachable_page_is_a_theme_error(client: httpx.Client) -> None:
    with pytest.raises(ThemeError):
        fetch_theme("http://127.0.0.1:9/nothing/", client)


def test_missing_page_is_a_theme_error(site: str, client: httpx.Client) -> None:
    with pytest.raises(ThemeError, match="404"):
        fetch_theme(f"{site}/no/such/page/", client)


def test_theme_page_adds_house_rules_and_code_style(template: str) -> None:
    page = theme_page(template)
    head = page.split("</head>")[0]
    assert 'id="code-style"' in head and ".highlight" in head
    assert 'id="lh-house"' in head
    assert ".lh-chunk" in head and "isolation: isolate" in head  # the patched groups keep their own layer


def test_cache_round_trips_and_goes_with_the_blog(tmp_path) -> None:
    store = Store.open(tmp_path)
    with store.transaction() as conn:  # a blog row without a password: the keyring plays no part here
        account_id = conn.execute(
            "INSERT INTO accounts (name, backend, base_url, username, created_at) "
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


def test_fetch_goes_through_the_client_it_is_given() -> None:
    asked: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.path)
        if request.url.path == "/post/":
            return httpx.Response(
                200,
                text="<html><head><link rel=stylesheet href=/a.css>"
                "<link rel=stylesheet href='/a.css#again'></head>"
                "<body><main><p>old</p></main></body></html>",
            )
        return httpx.Response(200, text="body { color: red }")

    with httpx.Client(transport=httpx.MockTransport(answer)) as client:
        template = fetch_theme("http://blog.test/post/", client)
        assert not client.is_closed  # the caller's client: the caller closes it
    assert asked == ["/post/", "/a.css"]  # one download per stylesheet, however often it is linked
    assert template.count("body { color: red }") == 2 and "old" not in template


def test_markup_a_walk_of_the_tree_misses_is_removed_too() -> None:
    template = prepare_template(
        "<!-- <script>hidden()</script> --><html><head><style onload='a()'>p { color: red }</style></head><body>"
        "<template><script>later()</script><b onclick='b()'>t</b></template>"
        "<svg><a xlink:href='javascript:c()'><text>x</text></a></svg><main>y</main></body></html>",
        "http://x.test/",
        lambda url: None,
    )
    lowered = template.lower()
    for gone in ("<!--", "hidden()", "<template", "later()", "onclick", "onload", "javascript:"):
        assert gone not in lowered, gone
    assert "p { color: red }" in template and "<svg>" in template


def test_a_page_without_doctype_gets_one() -> None:
    assert prepare_template("<main>x</main>", "http://x.test/", lambda url: None).startswith("<!DOCTYPE html>")


def test_deeply_nested_page() -> None:
    page = "<body>" + "<div>" * 5000 + "<main>x</main>" + "</div>" * 5000 + "</body>"
    tree = LexborHTMLParser(prepare_template(page, "http://x.test/", lambda url: None))
    assert tree.css_first("main").attributes.get("id") == "content"


def test_content_inside_removed_markup_is_not_used() -> None:
    tree = LexborHTMLParser(
        prepare_template(
            "<body><noscript><div class='entry-content'>x</div></noscript><main>y</main></body>",
            "http://x.test/",
            lambda url: None,
        )
    )
    assert tree.css_first("main").attributes.get("id") == "content" and tree.css_first(".entry-content") is None


def test_a_title_inside_the_content_is_not_marked() -> None:
    template = prepare_template(
        "<body><article><h1 class='entry-title'>Old</h1><p>x</p></article></body>", "http://x.test/", lambda url: None
    )
    tree = LexborHTMLParser(template)
    assert children(tree.css_first("article")) == [] and 'id="content-title"' not in template
    assert "Old" not in template
