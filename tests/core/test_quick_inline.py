"""The quick inline pass (core/quick_inline.py) renders exactly what Python-Markdown's own does."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.corpus import post
from editor.core import render
from editor.core.quick_inline import QuickInlineProcessor, needed
from editor.core.render import Renderer
from tests.core.test_incremental import PIECES

# Inline constructs of every kind the patterns know, and near misses.
INLINE = [
    "*em* **strong** ***both*** _u_ __uu__ snake_case_word 2*3*4",
    "`code` ``co`de`` \\`escaped\\` \\\\`after backslashes`",
    "[link](http://x.com 'title') [ref][r] [r] ![img](p.png) ![alt][r] [^1] [gallery ids=1]",
    "<http://auto.link> <me@example.com> <b>bold</b> <!-- c --> &amp; &#8212; AT&T",
    "\"double\" 'single' it's the '90s \"quoted'\" -- en --- em... dots....",
    "line  \nbreak <<angled>> a<b c>d",
    '[*em* in `a` link](u) **bold `code` [l](u) _em_** *a **b** c* "[q](u)" x -- *y*...',
]


@pytest.fixture(scope="module")
def stock() -> Renderer:
    """A renderer with Python-Markdown's own inline processors."""
    original = render.quicken
    render.quicken = lambda processor: None
    try:
        renderer = Renderer()
    finally:
        render.quicken = original
    assert not isinstance(renderer._md.treeprocessors["inline"], QuickInlineProcessor)
    return renderer


def test_the_renderer_uses_it() -> None:
    md = Renderer()._md
    assert isinstance(md.treeprocessors["inline"], QuickInlineProcessor)
    assert isinstance(md.treeprocessors["smarty"], QuickInlineProcessor)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES + INLINE), min_size=1, max_size=12), st.sampled_from(["\n\n", "\n", " "]))
def test_identical_to_python_markdowns_own(stock: Renderer, parts: list[str], joiner: str) -> None:
    text = joiner.join(parts)
    assert Renderer().render(text).html == stock.render(text).html


def test_identical_on_long_posts(stock: Renderer) -> None:
    renderer = Renderer()
    for seed in (1, 2):
        text = post(5_000, seed=seed)
        assert renderer.render(text).html == stock.render(text).html


def test_needed_characters() -> None:
    assert needed(re.compile(r"\*|_")) == {"*", "_"}
    assert needed(re.compile(r"(?<!\\)(`+)x")) == {"`"}
    assert needed(re.compile(r"(\s|--)'(?=\w)")) == {"'"}  # the group may match spaces: the quote is needed
    assert needed(re.compile(r"a?b")) == {"b"}  # an optional first element is passed by
    assert needed(re.compile(r"(?:ab|c)")) == {"a", "c"}
    assert needed(re.compile(r"(?:ab|\w)")) is None  # one branch may be any letter
    assert needed(re.compile(r"[a-z]+")) is None
    assert needed(re.compile(r"x", re.IGNORECASE)) is None
    assert needed(re.compile(r"(?i:x)y")) == {"y"}
