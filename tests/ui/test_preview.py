"""The preview on the real widget: what a draft can and cannot make the page do.

Remote loads are limited to images, links open in the system browser, the page's own JavaScript
never runs, updates keep the scroll position and a body above setHtml's 2 MB limit still shows.
Network traffic stays on 127.0.0.1: a tiny HTTP server started by the test records what the page asks.
"""

import base64
import json
import random
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PySide6.QtCore import QObject, QPoint, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices

from editor.core.incremental import Block, Blocks, html_hash
from editor.ui.preview import Preview
from editor.ui.preview_scripts import CHUNK_BLOCKS

try:
    from PySide6.QtWebEngineCore import QWebEnginePage
except ImportError:  # the web tests are skipped below
    QWebEnginePage = None

TIMEOUT = 20000  # ms; the machine is shared and Chromium starts slowly

# The smallest valid PNG: one transparent pixel.
PNG_1X1 = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


@pytest.fixture
def make_preview(qtbot):
    """A shown preview of a fixed size, its page loaded; `make_preview(use_web=False)` for the fallback."""

    def make(*, use_web: bool = True) -> Preview:
        preview = Preview(use_web=use_web)
        qtbot.addWidget(preview)
        preview.resize(800, 600)
        preview.show()
        qtbot.waitExposed(preview)
        if use_web:
            assert preview.is_web, "QtWebEngine should be available in the test environment"
            qtbot.waitUntil(lambda: preview.view._ready, timeout=TIMEOUT)
        return preview

    return make


def show(qtbot, preview: Preview, html: str) -> None:
    """Show `html` as the one block of a draft (keyed by its content, as the renderer keys blocks) and
    wait until the article has it."""
    with qtbot.waitSignal(preview.updated, timeout=TIMEOUT):
        preview.show_blocks([Block(html_hash(html), html, 1)])


def run(qtbot, preview: Preview, script: str):
    """The value of `script`, run in the application's script world of the page."""
    box = {}
    preview.view.run_script(script, lambda value: box.setdefault("v", value))
    qtbot.waitUntil(lambda: "v" in box, timeout=TIMEOUT)
    return box["v"]


def text_of(qtbot, preview: Preview, selector: str) -> str:
    """The text of the first element matching `selector` in the page ('' if none)."""
    found = f"document.querySelector({json.dumps(selector)})"
    script = f"(function(){{var e={found}; return e ? e.textContent : '';}})()"
    return run(qtbot, preview, script)


def scroll_y(qtbot, preview: Preview) -> float:
    return run(qtbot, preview, "window.scrollY")


# --- a recording HTTP server on 127.0.0.1 ---------------------------------------------------------


class _Recorder(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.server.paths.append(self.path)
        if self.path.startswith("/img.png"):
            body, kind = PNG_1X1, "image/png"
        elif self.path.endswith(".css"):
            body, kind = b"p { color: red; }", "text/css"
        elif self.path.endswith(".js"):
            body, kind = b"document.title = 'remote script ran';", "text/javascript"
        else:
            body, kind = b"<p>remote</p>", "text/html"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def server():
    """An HTTP server on 127.0.0.1 in a thread; `server.paths` lists every path asked for."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    httpd.daemon_threads = True
    httpd.paths = []
    httpd.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=10)


# --- the system browser, through Qt's own URL handler mechanism ----------------------------------


class _UrlReceiver(QObject):
    """Stands in for the system browser: QDesktopServices.openUrl calls `open` for the scheme."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toString())


@pytest.fixture
def browser():
    """Records what QDesktopServices.openUrl would open for http(s) links."""
    receiver = _UrlReceiver()
    for scheme in ("http", "https"):
        QDesktopServices.setUrlHandler(scheme, receiver, "open")
    yield receiver
    for scheme in ("http", "https"):
        QDesktopServices.unsetUrlHandler(scheme)


def click_element(qtbot, preview: Preview, selector: str) -> None:
    """A real left click at the centre of the element, on the widget that receives QtWebEngine's input."""
    # JSON text: PySide6 hands a JavaScript array back as an empty string.
    x, y = json.loads(
        run(
            qtbot,
            preview,
            f"(function(){{var r=document.querySelector({json.dumps(selector)}).getBoundingClientRect();"
            " return JSON.stringify([r.left + r.width / 2, r.top + r.height / 2]);})()",
        )
    )
    target = preview.view.focusProxy()
    assert target is not None, "QtWebEngine should have made its render widget"
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(round(x), round(y)))


web_only = pytest.mark.skipif(QWebEnginePage is None, reason="QtWebEngine is not available")


# --- 1. remote loads -------------------------------------------------------------------------------


@web_only
def test_remote_loads_are_limited_to_images(qtbot, make_preview, server):
    preview = make_preview()
    base = server.base
    show(
        qtbot,
        preview,
        f"""<p id="first">Remote things</p>
<img src="{base}/img.png" alt="pixel">
<link rel="stylesheet" href="{base}/style.css">
<style>@import url("{base}/import.css");</style>
<iframe src="{base}/frame.html"></iframe>
<script src="{base}/app.js"></script>
<video src="{base}/video.mp4" preload="auto" autoplay muted></video>
<audio src="{base}/audio.mp3" preload="auto"></audio>
<object data="{base}/object.html" type="text/html"></object>
<embed src="{base}/embed.html" type="text/html">
<link rel="prefetch" href="{base}/prefetch.html">
<p>last</p>""",
    )
    # Without the interceptor the stylesheet, @import, media and prefetch are all fetched (checked by
    # hand); the frame, object and embed are also refused by acceptNavigationRequest and the plugin
    # setting, and a <script> put in by innerHTML never runs at all.
    qtbot.waitUntil(lambda: "/img.png" in server.paths, timeout=TIMEOUT)
    # The image has been fetched; give anything else the page might ask for time to arrive too.
    qtbot.wait(1500)
    assert text_of(qtbot, preview, "#first") == "Remote things"
    assert run(qtbot, preview, "document.querySelector('img').naturalWidth") == 1
    assert set(server.paths) == {"/img.png"}, f"only the image may be fetched, got {server.paths}"


# --- 2. links ---------------------------------------------------------------------------------------


@web_only
def test_a_link_opens_in_the_system_browser_and_the_page_stays(qtbot, make_preview, browser):
    preview = make_preview()
    page = preview.view.page()
    show(
        qtbot,
        preview,
        '<p><a id="l" href="https://example.org/post">a link to follow</a></p><p id="after">still here</p>',
    )
    url_before = page.url()
    # A real mouse click on the link, sent to the render widget (the view's focusProxy) at the
    # position the page reports for the link.
    click_element(qtbot, preview, "#l")
    qtbot.waitUntil(lambda: browser.urls == ["https://example.org/post"], timeout=TIMEOUT)
    qtbot.wait(500)  # a navigation, had it been allowed, would have started by now
    assert page.url() == url_before
    assert text_of(qtbot, preview, "#l") == "a link to follow"
    assert text_of(qtbot, preview, "#after") == "still here"
    assert browser.urls == ["https://example.org/post"]
    # The refused navigation reports a failed load; the preview must keep updating all the same.
    show(qtbot, preview, '<p id="next">the next update</p>')
    assert text_of(qtbot, preview, "#next") == "the next update"


@web_only
@pytest.mark.parametrize(
    "html",
    [
        '<p><a id="l" href="">a link to the page itself</a></p>',
        '<p id="l">refreshed</p><meta http-equiv="refresh" content="0">',
        '<p id="l">refreshed to an anchor</p><p id="x">x</p><meta http-equiv="refresh" content="0;url=#x">',
    ],
    ids=["empty-href", "meta-refresh", "meta-refresh-to-anchor"],
)
def test_the_page_is_never_reloaded(qtbot, make_preview, browser, html):
    # Reloading the base URL (the home folder) would show its file listing, and the preview would be
    # dead from then on: there is no article to patch any more.
    preview = make_preview()
    page = preview.view.page()
    # The navigation attempt, allowed or refused, ends with loadFinished.
    with qtbot.waitSignal(page.loadFinished, timeout=TIMEOUT):
        show(qtbot, preview, html)
        if "href" in html:
            click_element(qtbot, preview, "#l")
    qtbot.wait(500)
    assert run(qtbot, preview, "document.getElementById('content') !== null") is True
    assert text_of(qtbot, preview, "#l").startswith(("a link", "refreshed"))
    assert browser.urls == []
    show(qtbot, preview, '<p id="next">the next update</p>')
    assert text_of(qtbot, preview, "#next") == "the next update"


@web_only
def test_a_footnote_jump_stays_in_the_page(qtbot, make_preview, browser):
    preview = make_preview()
    page = preview.view.page()
    filler = "".join(f"<p>Paragraph {n}</p>" for n in range(200))
    show(
        qtbot,
        preview,
        f'<p>Text<sup><a id="ref" href="#fn:1">1</a></sup></p>{filler}'
        '<div class="footnote"><ol><li id="fn:1">The note.</li></ol></div>',
    )
    url_before = page.url()
    in_page = QUrl(url_before)
    in_page.setFragment("fn:1")
    link_clicked = QWebEnginePage.NavigationType.NavigationTypeLinkClicked
    assert page.acceptNavigationRequest(in_page, link_clicked, True) is True

    # And a real click on the footnote reference jumps to the note without leaving the page. (Qt
    # does not ask acceptNavigationRequest about such a same-document jump; the call above checks the
    # page's answer should it ask.)
    assert scroll_y(qtbot, preview) == 0
    click_element(qtbot, preview, "#ref")
    qtbot.waitUntil(lambda: scroll_y(qtbot, preview) > 1000, timeout=TIMEOUT)
    assert run(qtbot, preview, "location.hash") == "#fn:1"
    assert page.url().toString().partition("#")[0] == url_before.toString().partition("#")[0]
    assert text_of(qtbot, preview, "#fn\\:1") == "The note."
    assert browser.urls == []


# --- 3. scroll position -----------------------------------------------------------------------------


def long_article(changed: str = "Paragraph 150") -> str:
    paragraphs = [f"<p>Paragraph {n}: some words to make a line of text.</p>" for n in range(300)]
    paragraphs[150] = f"<p id='edited'>{changed}</p>"
    return "\n".join(paragraphs)


@web_only
def test_an_update_keeps_the_scroll_position(qtbot, make_preview):
    preview = make_preview()
    show(qtbot, preview, long_article())
    # Scripts in the application's world run although JavaScript is off for the page.
    run(qtbot, preview, "window.scrollTo(0, 2000); true")
    qtbot.waitUntil(lambda: scroll_y(qtbot, preview) == 2000, timeout=TIMEOUT)

    show(qtbot, preview, long_article("Paragraph 150, edited"))
    assert text_of(qtbot, preview, "#edited") == "Paragraph 150, edited"
    qtbot.wait(500)  # let a layout (and any scroll adjustment it would make) happen
    assert scroll_y(qtbot, preview) == pytest.approx(2000, abs=1)


def test_an_update_keeps_the_scroll_position_in_the_text_fallback(qtbot, make_preview):
    preview = make_preview(use_web=False)
    bar = preview.view.verticalScrollBar()
    show(qtbot, preview, long_article())
    qtbot.waitUntil(lambda: bar.maximum() > 2000, timeout=TIMEOUT)
    bar.setValue(2000)
    assert bar.value() == 2000

    show(qtbot, preview, long_article("Paragraph 150, edited"))
    assert "Paragraph 150, edited" in preview.view.toPlainText()
    assert bar.value() == 2000
    qtbot.wait(500)  # a lazy layout of the new document must not move it either
    assert bar.value() == 2000


# --- 4. the page's own JavaScript -------------------------------------------------------------------


@web_only
def test_the_pages_own_javascript_never_runs(qtbot, make_preview):
    preview = make_preview()
    title = run(qtbot, preview, "document.title")
    show(
        qtbot,
        preview,
        """<p id="t">before</p>
<img id="broken" src="x" onerror="document.title='pwned'">
<svg onload="document.getElementById('t').textContent='svg ran'"></svg>
<script>document.getElementById('t').textContent = 'script ran'; document.title = 'pwned';</script>
<p id="end">end</p>""",
    )
    # The broken image has failed to load, so its onerror would have run by now.
    broken_done = "document.getElementById('broken').complete"
    qtbot.waitUntil(lambda: run(qtbot, preview, broken_done) is True, timeout=TIMEOUT)
    qtbot.wait(500)
    assert text_of(qtbot, preview, "#end") == "end"
    assert run(qtbot, preview, "document.title") == title
    assert text_of(qtbot, preview, "#t") == "before"


# --- 5. a large body --------------------------------------------------------------------------------


@web_only
def test_a_body_above_two_megabytes_shows(qtbot, make_preview):
    preview = make_preview()
    line = "A paragraph of a very long draft, long enough to add up to megabytes quickly. " * 2
    paragraphs = [f"<p>{number}: {line}</p>" for number in range(20000)]
    paragraphs.append("<p id='last'>The last paragraph — é ü 漢字</p>")
    html = "\n".join(paragraphs)
    assert len(html.encode("utf-8")) > 3 * 1024 * 1024
    show(qtbot, preview, html)
    assert text_of(qtbot, preview, "#last") == "The last paragraph — é ü 漢字"
    assert run(qtbot, preview, "document.querySelectorAll('#content > .lh-chunk > .lh-block > p').length") == 20001


# --- 6. block patching ------------------------------------------------------------------------------


def paragraph_blocks(edited: str = "Paragraph 150") -> list[Block]:
    """300 one-paragraph blocks, each two source lines long (the paragraph and a blank line)."""
    blocks = []
    for n in range(300):
        text = edited if n == 150 else f"Paragraph {n}: some words to make a line of text."
        html = f'<p data-line="1">{text}</p>\n'
        blocks.append(Block(f"k{n}-{len(text)}", html, 2 * n + 1))
    return blocks


def show_blocks(qtbot, preview: Preview, blocks) -> None:
    with qtbot.waitSignal(preview.updated, timeout=TIMEOUT):
        preview.show_blocks(blocks)


def page_matches(qtbot, preview: Preview, html: str) -> bool:
    """Whether the article's blocks, unwrapped, are the elements `html` parses to."""
    script = f"""(function() {{
      var t = document.createElement('template'); t.innerHTML = {json.dumps(html)};
      var want = [...t.content.children].map(e => e.outerHTML);
      var got = [...document.querySelectorAll('#content > .lh-chunk > .lh-block')]
                .flatMap(d => [...d.children]).map(e => e.outerHTML);
      return JSON.stringify(want) === JSON.stringify(got) && want.length > 0;
    }})()"""
    return run(qtbot, preview, script) is True


MARK_ALL = "document.querySelectorAll('#content > .lh-chunk > .lh-block').forEach(d => { d._lhOld = true; }); true"
NEW_KEYS = (
    "JSON.stringify([...document.querySelectorAll('#content > .lh-chunk > .lh-block')]"
    ".filter(d => !d._lhOld).map(d => d.dataset.key))"
)


@web_only
def test_an_edit_moves_only_its_block_into_the_page(qtbot, make_preview):
    preview = make_preview()
    show_blocks(qtbot, preview, Blocks(paragraph_blocks(), 0))
    assert page_matches(qtbot, preview, Blocks(paragraph_blocks(), 0).html)
    run(qtbot, preview, "window.scrollTo(0, 2000); true")
    qtbot.waitUntil(lambda: scroll_y(qtbot, preview) == 2000, timeout=TIMEOUT)
    run(qtbot, preview, MARK_ALL)

    scripts = []
    page = preview.view.page()
    original = page.runJavaScript
    page.runJavaScript = lambda script, *rest: (scripts.append(script), original(script, *rest))[1]
    try:
        edited = paragraph_blocks("Paragraph 150, edited")
        show_blocks(qtbot, preview, Blocks(edited, 0))
    finally:
        del page.runJavaScript
    assert len(scripts) == 1 and "Paragraph 150, edited" in scripts[0]
    assert "Paragraph 149" not in scripts[0] and "Paragraph 151" not in scripts[0]
    assert json.loads(run(qtbot, preview, NEW_KEYS)) == [edited[150].key]
    assert text_of(qtbot, preview, '[data-line="301"]') == "Paragraph 150, edited"
    assert page_matches(qtbot, preview, Blocks(edited, 0).html)
    assert preview.view.block_keys == [block.key for block in edited]
    qtbot.wait(300)  # a layout and any scroll adjustment it would make
    assert scroll_y(qtbot, preview) == pytest.approx(2000, abs=1)


@web_only
def test_inserted_lines_shift_the_line_marks_below(qtbot, make_preview):
    preview = make_preview()
    show_blocks(qtbot, preview, paragraph_blocks())
    run(qtbot, preview, MARK_ALL)
    # A new two-line block after block 10: blocks below keep their keys but start two lines lower.
    blocks = paragraph_blocks()
    new = Block("new", '<h2 data-line="1" id="new">New</h2>\n', 23)
    blocks = blocks[:11] + [new] + [Block(b.key, b.html, b.line + 2) for b in blocks[11:]]
    show_blocks(qtbot, preview, blocks)
    assert json.loads(run(qtbot, preview, NEW_KEYS)) == ["new"]
    assert page_matches(qtbot, preview, Blocks(blocks, 0).html)
    assert text_of(qtbot, preview, '[data-line="25"]').startswith("Paragraph 11:")
    # And taking it out again.
    show_blocks(qtbot, preview, paragraph_blocks())
    assert page_matches(qtbot, preview, Blocks(paragraph_blocks(), 0).html)
    assert json.loads(run(qtbot, preview, NEW_KEYS)) == []


@web_only
def test_a_page_changed_behind_the_previews_back_is_replaced_whole(qtbot, make_preview):
    preview = make_preview()
    show(qtbot, preview, '<p id="plain">plain</p>')
    show_blocks(qtbot, preview, paragraph_blocks()[:3])
    assert page_matches(qtbot, preview, Blocks(paragraph_blocks()[:3], 0).html)
    # A page changed behind the preview's back is replaced whole rather than patched wrongly.
    run(qtbot, preview, "document.querySelector('.lh-block').remove(); true")
    blocks = paragraph_blocks("changed")[:3] + [Block("x", "<p data-line='1'>x</p>", 7)]
    show_blocks(qtbot, preview, blocks)
    qtbot.waitUntil(lambda: page_matches(qtbot, preview, Blocks(blocks, 0).html), timeout=TIMEOUT)
    show(qtbot, preview, '<p id="plain">plain again</p>')
    assert text_of(qtbot, preview, "#plain") == "plain again"
    assert preview.view.block_keys == [html_hash('<p id="plain">plain again</p>')]


def numbered(blocks: list[Block]) -> list[Block]:
    """The blocks one after another, each two source lines long (as a renderer numbers them)."""
    return [Block(block.key, block.html, 2 * n + 1) for n, block in enumerate(blocks)]


GROUPS = "JSON.stringify([...document.getElementById('content').children].map(g => [g.className, g.childElementCount]))"


@web_only
def test_blocks_stay_in_small_groups_through_edits_and_pastes(qtbot, make_preview):
    preview = make_preview()
    rng = random.Random(14)
    blocks = numbered(paragraph_blocks()[:100])
    show_blocks(qtbot, preview, blocks)
    groups = json.loads(run(qtbot, preview, GROUPS))
    assert groups == [["lh-chunk", CHUNK_BLOCKS]] * 3 + [["lh-chunk", 100 - 3 * CHUNK_BLOCKS]]
    made = 0
    # Typing (one block replaced), blocks inserted and removed, a long paste, everything cut and typed again.
    edits = [(rng.randrange(100), 1, 1) for _ in range(6)] + [(0, 0, 2), (50, 3, 0), (40, 0, 200), (0, 40, 0)]
    for _ in range(12):
        edits.append((rng.randrange(100), rng.choice([0, 1, 2, 40]), rng.choice([0, 1, 2, 70])))
    edits += [(0, 10_000, 0), (0, 0, 3)]
    replaced = []  # every edit is a patch: a whole article set again would hide a wrong one
    view = preview.view
    original = view._replace
    view._replace = lambda html: (replaced.append(html), original(html))[1]
    for start, removed, inserted in edits:
        start = min(start, len(blocks))
        new = [Block(f"new{made + i}", f'<p data-line="1">New {made + i}</p>\n', 1) for i in range(inserted)]
        made += inserted
        blocks = numbered(blocks[:start] + new + blocks[start + removed :])
        show_blocks(qtbot, preview, blocks)
        if blocks:
            assert page_matches(qtbot, preview, Blocks(blocks, 0).html)
        groups = json.loads(run(qtbot, preview, GROUPS))
        assert sum(count for _, count in groups) == len(blocks)
        assert all(name == "lh-chunk" and 0 < count <= 2 * CHUNK_BLOCKS for name, count in groups), groups
        assert preview.view.block_keys == [block.key for block in blocks]
    del view._replace
    assert replaced == []
    # The line marks moved with the blocks: the last block's paragraph is on its own line.
    assert text_of(qtbot, preview, f'[data-line="{2 * len(blocks) - 1}"]') == f"New {made - 1}"


@web_only
def test_groups_do_not_change_how_the_article_looks(qtbot, make_preview):
    preview = make_preview()
    show_blocks(qtbot, preview, numbered(paragraph_blocks()[:100]))
    # The first paragraph starts at the article's top, and paragraphs are as far apart across the end of a
    # group as inside one (their margins collapse through the groups).
    script = """JSON.stringify((function() {
      var ps = [...document.querySelectorAll('#content p')];
      var tops = ps.map(p => p.getBoundingClientRect().top);
      return {first: tops[0] - document.getElementById('content').getBoundingClientRect().top,
              gaps: tops.slice(1).map((t, i) => t - tops[i])};
    })())"""
    layout = json.loads(run(qtbot, preview, script))
    assert layout["first"] == 0
    assert max(layout["gaps"]) - min(layout["gaps"]) < 0.5


# Counts the preview's collections: the page's `gc` (V8's, there with --expose-gc) wrapped in a counter.
COUNT_GC = """(function() {
  if (typeof gc !== 'function') return false;
  var collect = gc; window.lhCollections = 0;
  gc = function() { window.lhCollections++; collect(); };
  return true;
})()"""


@web_only
def test_the_page_garbage_is_collected_when_the_author_pauses(qtbot, make_preview):
    preview = make_preview()
    assert run(qtbot, preview, COUNT_GC) is True, "Chromium should run with V8's --expose-gc"
    for n in range(5):  # quick keystrokes: no collection between them
        show_blocks(qtbot, preview, paragraph_blocks("Paragraph 150, edited" + "!" * n))
    assert run(qtbot, preview, "window.lhCollections") == 0
    qtbot.waitUntil(lambda: run(qtbot, preview, "window.lhCollections") == 1, timeout=TIMEOUT)
    qtbot.wait(1500)  # nothing patched since: no second collection
    assert run(qtbot, preview, "window.lhCollections") == 1


@web_only
def test_the_page_garbage_is_collected_while_the_author_types_on(qtbot, make_preview, monkeypatch):
    monkeypatch.setattr("editor.ui.preview.COLLECT_EVERY_PATCHES", 4)
    preview = make_preview()
    assert run(qtbot, preview, COUNT_GC) is True
    preview.view._collect_timer.setInterval(60_000)  # no pause long enough in this test
    for n in range(9):
        show_blocks(qtbot, preview, paragraph_blocks("Paragraph 150, edited" + "!" * n))
    assert run(qtbot, preview, "window.lhCollections") == 2
    assert page_matches(qtbot, preview, Blocks(paragraph_blocks("Paragraph 150, edited" + "!" * 8), 0).html)


def test_the_text_fallback_shows_blocks(qtbot, make_preview):
    preview = make_preview(use_web=False)
    show_blocks(qtbot, preview, paragraph_blocks("Paragraph 150, edited"))
    assert "Paragraph 150, edited" in preview.view.toPlainText()
    assert "Paragraph 299" in preview.view.toPlainText()


# --- 7. scroll sync and clicks ----------------------------------------------------------------------

import time  # noqa: E402

from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QWidget  # noqa: E402

from editor.core.incremental import IncrementalRenderer  # noqa: E402
from editor.ui.scroll_link import ScrollLink, editor_top_line, scroll_editor_to_line  # noqa: E402


def sections_text(count: int = 150) -> str:
    parts = []
    for n in range(count):
        parts.append(
            f"## Section {n}\n\nThe text of section {n}, long enough to wrap in a narrow pane: " + "words " * 30
        )
        if n % 3 == 0:
            parts.append("- one\n- two\n- three")
    return "\n\n".join(parts) + "\n"


def line_of(text: str, prefix: str) -> int:
    return next(number for number, line in enumerate(text.split("\n"), 1) if line.startswith(prefix))


@pytest.fixture
def linked(qtbot):
    """An editor and a web preview side by side, linked, showing `sections_text()`."""
    windows = []  # pytest-qt holds its widgets weakly

    def make(*, use_web: bool = True):
        window = QWidget()
        windows.append(window)
        qtbot.addWidget(window)
        editor = QPlainTextEdit()
        preview = Preview(use_web=use_web)
        row = QHBoxLayout(window)
        row.addWidget(editor)
        row.addWidget(preview)
        window.resize(1000, 500)
        text = sections_text()
        editor.setPlainText(text)
        link = ScrollLink(editor, preview)
        window.show()
        qtbot.waitExposed(window)
        if use_web:
            qtbot.waitUntil(lambda: preview.view._ready, timeout=TIMEOUT)
        show_blocks(qtbot, preview, IncrementalRenderer().render(text))
        if use_web:
            qtbot.waitUntil(lambda: len(link.anchors) > 100, timeout=TIMEOUT)
        return editor, preview, link, text

    yield make


def top_of(qtbot, preview: Preview, line: int) -> float:
    return run(qtbot, preview, f"document.querySelector('[data-line=\"{line}\"]').getBoundingClientRect().top")


def settle(qtbot, link: ScrollLink) -> None:
    """Wait out the quiet time after the link's own scrolls and the page's updates."""
    qtbot.waitUntil(lambda: time.monotonic() > link._quiet_until, timeout=TIMEOUT)


@web_only
def test_scrolling_the_editor_scrolls_the_preview_to_the_same_heading(qtbot, linked):
    editor, preview, link, text = linked()
    for section in (100, 40, 120):
        line = line_of(text, f"## Section {section}")
        scroll_editor_to_line(editor, line)
        assert int(editor_top_line(editor)) == line
        qtbot.waitUntil(lambda line=line: abs(top_of(qtbot, preview, line)) <= 60, timeout=TIMEOUT)
    # The editor did not move in answer.
    settle(qtbot, link)
    assert int(editor_top_line(editor)) == line


@web_only
def test_scrolling_the_preview_scrolls_the_editor(qtbot, linked):
    editor, preview, link, text = linked()
    settle(qtbot, link)
    line = line_of(text, "## Section 90")
    run(qtbot, preview, f"document.querySelector('[data-line=\"{line}\"]').scrollIntoView(); true")
    qtbot.waitUntil(lambda: abs(editor_top_line(editor) - line) < 1, timeout=TIMEOUT)
    # And back up to the top.
    settle(qtbot, link)
    run(qtbot, preview, "window.scrollTo(0, 0); true")
    qtbot.waitUntil(lambda: editor.verticalScrollBar().value() == 0, timeout=TIMEOUT)


@web_only
def test_a_click_in_the_preview_puts_the_cursor_on_that_line(qtbot, linked):
    editor, preview, link, text = linked()
    line = line_of(text, "The text of section 60,")
    run(qtbot, preview, f"document.querySelector('[data-line=\"{line}\"]').scrollIntoView(); true")
    qtbot.waitUntil(lambda: abs(top_of(qtbot, preview, line)) < 1, timeout=TIMEOUT)
    assert editor.textCursor().blockNumber() != line - 1
    click_element(qtbot, preview, f'[data-line="{line}"]')
    qtbot.waitUntil(lambda: editor.textCursor().blockNumber() == line - 1, timeout=TIMEOUT)
    assert editor.textCursor().positionInBlock() == 0
    qtbot.waitUntil(editor.hasFocus, timeout=TIMEOUT)


def test_the_text_fallback_scrolls_by_proportion(qtbot, linked):
    editor, preview, link, text = linked(use_web=False)
    mine, theirs = editor.verticalScrollBar(), preview.view.verticalScrollBar()
    qtbot.waitUntil(lambda: theirs.maximum() > 0 and mine.maximum() > 0, timeout=TIMEOUT)
    mine.setValue(mine.maximum() // 2)
    # (QTextBrowser lays out lazily: its maximum may still grow a little.)
    assert theirs.value() / theirs.maximum() == pytest.approx(0.5, abs=0.05)
    theirs.setValue(theirs.maximum())
    assert mine.value() == mine.maximum()
