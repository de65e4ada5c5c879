"""The renderer: what readers will see, plus the source-line marks the preview needs."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.render import (
    Renderer,
    count_words,
    mark_blocks,
    plain_html,
    preview_page,
    pygments_css,
    reading_minutes,
)

LINE_ATTR = re.compile(r' data-line="\d+"')


def lines_of(html: str) -> list[tuple[str, int]]:
    return [(tag, int(n)) for tag, n in re.findall(r'<([a-z0-9]+) data-line="(\d+)"', html)]


def test_code_blocks_are_highlighted_with_css_classes():
    html = Renderer().render("```python\ndef f(x):\n    return x\n```\n").html
    assert 'class="highlight"' in html
    assert '<span class="k">def</span>' in html
    assert "style=" not in html  # classes, so the stylesheet decides the colours
    css = pygments_css()
    assert ".highlight .k " in css and ".highlight .nf " in css


def test_the_extensions_are_python_markdowns_own_by_name():
    import markdown

    text = (
        '# Title\n\n[TOC]\n\n"Quotes" -- and... a [link][r]\n\n[r]: https://example.org\n\n'
        "1. one\n2. two\n\n* a\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nTerm\n:   Definition\n\n"
        "*[HTML]: Hyper Text\n\nHTML[^n]\n\n[^n]: Note.\n\n```python\nx = 1\n```\n\n    plain code\n"
    )
    by_name = markdown.markdown(
        text,
        extensions=["extra", "toc", "sane_lists", "smarty", "codehilite"],
        extension_configs={"codehilite": {"css_class": "highlight", "guess_lang": False}},
        output_format="html",
    )
    assert plain_html(text) == by_name
    assert 'class="toc"' in by_name and "&ldquo;" in by_name and "<abbr" in by_name and "<dl>" in by_name


def test_tables_and_footnotes():
    html = Renderer().render("| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^n].\n\n[^n]: The note.\n").html
    assert "<table" in html and "<td>1</td>" in html
    assert 'class="footnote-ref"' in html and "The note." in html


def test_top_level_blocks_carry_their_source_line():
    text = "# Title\n\nA paragraph\nover two lines.\n\n- one\n- two\n\n```\ncode\n\nmore\n```\n\n> quote\n"
    assert lines_of(Renderer().render(text).html) == [("h1", 1), ("p", 3), ("ul", 6), ("div", 9), ("blockquote", 15)]


def test_lines_count_from_the_top_of_the_text_even_with_front_matter():
    text = "---\ntitle: T\ntags: [a]\n---\n\n# Heading\n\nBody\n"
    html = Renderer().render(text).html
    assert "title: T" not in html
    assert lines_of(html) == [("h1", 6), ("p", 8)]


def test_no_marker_splits_a_loose_list_or_a_definition():
    text = "- a\n\n- b\n\nTerm\n\n: definition\n"
    html = Renderer().render(text).html
    assert html.count("<ul") == 1 and html.count("<li>") == 2
    assert "<dd>" in html
    marked = mark_blocks(text.split("\n"))
    assert sum("<!--" in line for line in marked) == 2  # before the list and before "Term" only


def test_the_author_cannot_forge_a_line_marker():
    html = Renderer().render("<!--lh:99-->\n\npara\n").html
    assert 'data-line="99"' not in html


def test_renderer_is_reusable_between_documents():
    r = Renderer()
    first = r.render("[x]: http://a.example\n\n[link][x]\n\nnote[^1]\n\n[^1]: one\n").html
    second = r.render("[link][x]\n").html
    assert "http://a.example" in first and "http://a.example" not in second
    assert "footnote" not in second


def test_typography():
    assert "&ldquo;quoted&rdquo;" in Renderer().render('"quoted"').html


def test_preview_page_has_css_and_empty_article():
    page = preview_page(dark=False)
    assert '<article id="content" class="post"></article>' in page
    assert ".highlight" in page and 'data-scheme="light"' in page
    assert 'data-scheme="dark"' in preview_page(dark=True)


def test_word_count_and_reading_time():
    assert count_words("It's a well-known fact — isn't it? 3.14 apples") == 8
    assert reading_minutes(0) == 0 and reading_minutes(10) == 1 and reading_minutes(2300) == 10


blocks = st.sampled_from(
    [
        "# Heading",
        "Setext\n======",
        "Plain *emphasis* and **strong** text.",
        "- a\n- b",
        "1. one\n2. two",
        "- loose\n\n- list",
        "    indented code",
        "```\nfenced\n\ncode\n```",
        "~~~~\ntilde\n~~~~",
        "> quote\n> more",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "Term\n: def",
        "Term\n\n: def",
        "text[^1]",
        "[^1]: note",
        "[r]: http://example.com",
        "see [r]",
        "<div>\nraw\n</div>",
        "<div>\n\nsplit *raw*\n\n</div>",
        "***",
        "*[HTML]: Hyper Text",
        "HTML here",
        "[TOC]",
        "  two-space lead",
        ": orphan",
        "```\nunclosed",
        "<!-- comment -->",
        "- item\n\n    continued",
        "Line one\nline two",
    ]
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(blocks, min_size=1, max_size=12), st.sampled_from(["\n\n", "\n", "\n\n\n"]))
def test_line_marks_never_change_the_output(parts, joiner):
    """Whatever the document, the marked render minus its data-line attributes is the plain render."""
    text = joiner.join(parts) + "\n"
    assert LINE_ATTR.sub("", Renderer().render(text).html) == plain_html(text)
