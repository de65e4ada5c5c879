"""A blog's post HTML becomes Markdown where Longhand renders it back the same, raw HTML elsewhere; WordPress's
block comments and shortcodes stay byte for byte; image addresses stay safe in the Markdown."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.html_to_markdown import corpus
from editor.backends.base import RemotePost
from editor.core import images
from editor.core.html_compare import same_html
from editor.core.html_markdown import BLOCK_COMMENT, shown_html, to_markdown
from editor.core.model import Draft, RevisionReason
from editor.core.publish import plan_images, to_draft
from editor.core.render import plain_html
from editor.core.shortcodes import SHORTCODE
from editor.core.store import Store

CASES = corpus()
POST_URL = "https://blog.example/2024/05/a-post/"


def block(name: str, inner: str) -> str:
    return f"<!-- wp:{name} -->\n{inner}\n<!-- /wp:{name} -->\n"


@pytest.mark.parametrize(
    "original, markdown",
    [
        (
            '<p>Plain, <strong>bold</strong>, <em>italic</em>, <a href="https://e.org/?a=1&amp;b=2">a link</a>, '
            "<code>code</code>.</p>",
            "Plain, **bold**, *italic*, [a link](https://e.org/?a=1&b=2), `code`.",
        ),
        ('<p><a href="https://e.org/" title="About">titled</a></p>', '[titled](https://e.org/ "About")'),
        ("<p>A line<br>broken</p>", "A line  \nbroken"),
        ("<h2>A heading</h2>", "## A heading"),
        ("<h3>With <em>emphasis</em></h3>", "### With *emphasis*"),
        ('<h2 class="wp-block-heading">WordPress 6.2</h2>', "## WordPress 6.2 {: .wp-block-heading }"),
        ('<h3 id="anchor">Anchored</h3>', "### Anchored {: #anchor }"),
        ('<h2 id="same-as-toc">Same as toc</h2>', "## Same as toc"),  # what publishing gave it: unsaid
        ('<p class="has-text-align-center">Centred</p>', "Centred\n{: .has-text-align-center }"),
        (
            "<ul><li>One</li><li>Two<ul><li>Two and a half</li></ul></li></ul>",
            "- One\n- Two\n    - Two and a half",
        ),
        ('<ol start="3"><li>Third</li><li>Fourth</li></ol>', "3. Third\n4. Fourth"),
        ("<blockquote><p>Quoted.</p></blockquote>", "> Quoted."),
        ('<p>An icon <img src="https://e.org/i.png" alt="icon"> here</p>', "An icon ![icon](https://e.org/i.png) here"),
        (
            "<table><thead><tr><th>Train</th><th>Leaves</th></tr></thead>"
            "<tbody><tr><td>Night</td><td>22:10</td></tr></tbody></table>",
            "| Train | Leaves |\n| --- | --- |\n| Night | 22:10 |",
        ),
        # Inline elements Markdown has no words for stay inline HTML; the text around them is Markdown.
        ("<p>E = mc<sup>2</sup>, <s>not</s> <strong>so</strong></p>", "E = mc<sup>2</sup>, <s>not</s> **so**"),
        (
            '<p>Opens <a href="https://e.org/" target="_blank" rel="noopener">a tab</a></p>',
            'Opens <a href="https://e.org/" target="_blank" rel="noopener">a tab</a>',
        ),
        # Text that Markdown would read as Markdown is escaped; Python-Markdown leaves snake_case alone.
        ("<p># Not a heading</p>", r"\# Not a heading"),
        ("<p>2 * 3, snake_case and _this_</p>", r"2 \* 3, snake_case and \_this\_"),
        ("<p>&lt;b&gt; is not bold, `ticks`</p>", r"&lt;b> is not bold, \`ticks\`"),
        ("<p>1. not a list</p>", r"1\. not a list"),
        ("<p>!<a href='https://e.org/x.png'>x</a></p>", r"\![x](https://e.org/x.png)"),  # a link, not an image
    ],
)
def test_each_construct_becomes_markdown(original, markdown):
    assert to_markdown(original) == markdown + "\n"
    assert same_html(original, plain_html(markdown))
    wrapped = block("paragraph", original)  # the same inside a WordPress block, between its comments
    assert to_markdown(wrapped) == block("paragraph", markdown)


def test_a_block_post_keeps_its_comments_around_markdown():
    assert to_markdown(CASES["paragraphs"]) == (
        "<!-- wp:paragraph -->\nPlain words, then **bold**, *italic*, ***both***, "
        "[a link](https://example.org/page?a=1&b=2) and `inline code`.\n<!-- /wp:paragraph -->\n\n"
        "<!-- wp:paragraph -->\nA second paragraph, short and plain.\n<!-- /wp:paragraph -->\n"
    )
    assert to_markdown(CASES["list-ordered"]).startswith(
        '<!-- wp:list {"ordered":true,"start":3} -->\n3. Third\n4. Fourth, **bold**\n<!-- /wp:list -->\n\n'
    )


def test_classic_editor_text_is_converted_where_its_html_and_markdown_readings_agree():
    assert to_markdown("Text with <strong>bold</strong> words.\n\n<h2>Title</h2>\n<ul>\n <li>item</li>\n</ul>") == (
        "Text with **bold** words.\n\n## Title\n\n- item\n"
    )
    # WordPress shows a newline as a line break, Markdown as a space: that text is left as it was.
    assert to_markdown(CASES["classic"]) == (
        'An old post from the classic editor, with <em>emphasis</em> and <a href="https://example.org/">a link</a>.'
        "\n\nA second paragraph\nwith a line break in it.\n\n"
        "## A heading\n\n- an item\n- another item\n\n"
        "<blockquote>A quote without a paragraph inside.</blockquote>\n"
    )


@pytest.mark.parametrize(
    "markdown",
    [
        "# Title\n\nSome *text* and a [link](https://e.org).\n\n- one\n- two\n\n"
        "```python\ndef f():\n\n\n    return 1\n```\n",
        'Plain first paragraph.\n\n<figure><img src="https://e.org/a.png"></figure>\n\n'
        "## Then\n\nText, <em>html</em>.\n",
        "Use `<div>` for that.\n\nMore text.\n",
    ],
)
def test_a_post_that_is_markdown_already_stays_as_it_is(markdown):
    # A static site's hand-written post: its content is Markdown, with HTML blocks perhaps.
    assert to_markdown(markdown) == markdown


@pytest.mark.parametrize("name", CASES)
def test_block_comments_and_shortcodes_are_kept_byte_for_byte(name):
    original, markdown = CASES[name], to_markdown(CASES[name])
    assert [m.group(0) for m in BLOCK_COMMENT.finditer(markdown)] == [
        m.group(0) for m in BLOCK_COMMENT.finditer(original)
    ]
    shortcodes = [m.group(0) for m in SHORTCODE.finditer(original) if "=" in m.group(0) or "/" in m.group(0)]
    assert [m.group(0) for m in SHORTCODE.finditer(markdown) if m.group(0) in shortcodes] == shortcodes
    rendered = plain_html(markdown)  # what publishing sends
    assert [m.group(0) for m in BLOCK_COMMENT.finditer(rendered)] == [
        m.group(0) for m in BLOCK_COMMENT.finditer(original)
    ]
    for shortcode in shortcodes:
        assert shortcode in rendered  # quotes straight, not in <p>, as WordPress reads them


def test_shortcodes_render_as_written_and_markdown_around_them_does_not_change():
    assert plain_html('[gallery ids="1,2" link="file"]') == '[gallery ids="1,2" link="file"]'
    assert plain_html('Listen: [audio mp3="a.mp3"] -- "now"') == (
        '<p>Listen: [audio mp3="a.mp3"] &ndash; &ldquo;now&rdquo;</p>'
    )
    assert plain_html('[caption id="c1"]<img src="https://e.org/a.png"> A caption[/caption]') == (
        '[caption id="c1"]<img src="https://e.org/a.png"> A caption[/caption]'
    )
    assert plain_html('`[gallery ids="1"]`') == '<p><code>[gallery ids="1"]</code></p>'
    assert plain_html("[a link](https://e.org/) and [ref]\n\n[ref]: https://e.org/r") == (
        '<p><a href="https://e.org/">a link</a> and <a href="https://e.org/r">ref</a></p>'
    )
    assert 'class="toc"' in plain_html("[TOC]\n\n# Title")


RAW = ["image-caption", "gallery", "table", "columns", "embed", "iframe", "buttons", "media-text", "code", "quote"]


@pytest.mark.parametrize("name", RAW)
def test_what_markdown_cannot_say_stays_html_as_written(name):
    assert to_markdown(CASES[name]) == CASES[name]


def test_inline_html_is_kept_inside_a_markdown_paragraph():
    markdown = to_markdown(CASES["footnotes"])
    assert markdown.startswith("<!-- wp:paragraph -->\nA claim<sup data-fn=")
    assert markdown.endswith("</sup> with a footnote.\n<!-- /wp:paragraph -->\n\n<!-- wp:footnotes /-->\n")


@pytest.mark.parametrize("name", CASES)
def test_the_round_trip_says_what_the_post_said_and_is_stable(name):
    original = CASES[name]
    first = to_markdown(original)
    published = plain_html(first)
    assert same_html(shown_html(original), published)
    # Pulled again after publishing: the same post, and from then on the same text.
    second = to_markdown(published)
    assert same_html(published, plain_html(second))
    assert to_markdown(plain_html(second)) == second


MARKDOWN_CASES = ["paragraphs", "typography", "markdown-characters", "headings", "headings-6.2", "list"]
MARKDOWN_CASES += ["list-ordered", "quote-classic", "table-plain", "shortcode-block", "shortcode-inline"]


@pytest.mark.parametrize("name", MARKDOWN_CASES)
def test_posts_that_map_cleanly_hold_no_html_but_their_comments(name):
    assert not re.search(r"<[A-Za-z]", BLOCK_COMMENT.sub("", to_markdown(CASES[name])))


_ANY_TEXT = st.text(alphabet="ab *_#[]()!<>&\"'`-+.1\\:|~=\n", min_size=1, max_size=12)
_PROSE = st.text(alphabet="abc xyz 12.,;!?()\"'-", min_size=1, max_size=12).filter(lambda w: w.strip() == w)


def _inline(text: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    slug = st.text(alphabet="abc12-", min_size=1, max_size=8)
    return st.one_of(
        text.map(html.escape),
        *(text.map(lambda w, t=tag: f"<{t}>{html.escape(w)}</{t}>") for tag in ("strong", "em", "code")),
        st.tuples(slug, text).map(lambda p: f'<a href="https://e.org/{p[0]}">{html.escape(p[1])}</a>'),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_inline(_ANY_TEXT), min_size=1, max_size=6), st.sampled_from(["", " "]))
def test_any_paragraph_round_trips(parts, between):
    original = block("paragraph", f"<p>{between.join(parts)}</p>")
    markdown = to_markdown(original)
    assert same_html(original, plain_html(markdown))
    assert markdown.startswith("<!-- wp:paragraph -->\n") and markdown.endswith("\n<!-- /wp:paragraph -->\n")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_inline(_PROSE), min_size=1, max_size=6))
def test_ordinary_prose_becomes_markdown(parts):
    original = block("paragraph", f"<p>{' '.join(parts)}</p>")
    markdown = to_markdown(original)
    assert "<p>" not in markdown, markdown
    assert same_html(original, plain_html(markdown))


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "data") as s:
        yield s


def test_a_pulled_posts_images_stay_on_the_blog_in_the_markdown(store):
    content = (
        '<p><img src="/etc/hostname" alt="abs"></p><p><img src="file:///etc/passwd" alt="file"></p>'
        '<p><img src="../../../../etc/hostname" alt="climb"></p>'
        + block("image", '<figure class="wp-block-image"><img src="/etc/hostname" alt=""/></figure>')
        + "<p>!<a href='/etc/passwd'>x</a></p>"  # a link that a careless conversion would make an image
    )
    body = to_draft(RemotePost(title="t", content=content, link=POST_URL)).body
    assert "![abs](https://blog.example/etc/hostname)" in body
    assert "![climb](https://blog.example/etc/hostname)" in body
    assert '<img src="https://blog.example/etc/hostname" alt=""/>' in body  # in the raw figure too
    assert "file:" not in body.lower()
    assert images.local_sources(body) == []
    assert images.html_image_sources(plain_html(body)) == [
        "https://blog.example/etc/hostname",
        "",
        "https://blog.example/etc/hostname",
        "https://blog.example/etc/hostname",
    ]
    draft = store.create_draft(Draft(title="t", body=body), revision=RevisionReason.SERVER)
    plan = plan_images(store, draft)
    assert plan.uploads == [] and plan.skipped == []


def test_an_empty_post_stays_empty():
    assert to_draft(RemotePost(title="t", content="", link=POST_URL)).body == ""
    assert to_markdown("  \n") == "  \n"
