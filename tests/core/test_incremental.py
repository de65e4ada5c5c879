"""Incremental rendering gives exactly what a full render gives, and renders only what an edit touched."""

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.incremental import IncrementalRenderer
from editor.core.render import Renderer

PIECES = [
    "# Heading",
    "## Heading",
    "## Notes",
    "## !!",
    "Setext\n======",
    "Plain *emphasis* and **strong** text.",
    "- a\n- b",
    "1. one\n2. two",
    "- loose\n\n- list",
    "    indented code",
    "```\nfenced\n\ncode\n```",
    "```python\ndef f(x):\n    return x\n```",
    "~~~~\ntilde\n~~~~",
    "> quote\n> more",
    "> other quote",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "Term\n: def",
    "Term\n\n: def",
    "text[^1]",
    "[^1]: note",
    "[r]: http://example.com",
    "see [r] and [it][r]",
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
    '"Quotes" -- and dashes...',
    "## Heading {#custom}",
    "<h2>raw heading</h2>",
    "![img](pic.png)",
    "---\ntitle: x\n---",
]
pieces = st.sampled_from(PIECES)
joiners = st.sampled_from(["\n\n", "\n", "\n\n\n"])


def full(text: str) -> str:
    return Renderer().render(text).html


@settings(max_examples=400, deadline=None)
@given(st.lists(pieces, min_size=1, max_size=14), joiners)
def test_identical_to_a_full_render(parts, joiner):
    text = joiner.join(parts) + "\n"
    assert IncrementalRenderer().render(text).html == full(text)


edits = st.lists(
    st.tuples(
        st.sampled_from(["insert", "delete", "piece"]),
        st.floats(0, 1),
        st.sampled_from(["x", "\n", "\n\n", "#", "*", "-", "`", " ", ">", "[", "]", "é"]),
        pieces,
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(pieces, min_size=1, max_size=12), joiners, edits)
def test_identical_after_every_edit_of_a_sequence(parts, joiner, sequence):
    """One renderer kept across edits (its cache in play), compared with a fresh full render each time."""
    text = joiner.join(parts) + "\n"
    renderer = IncrementalRenderer()
    renderer.render(text)
    for kind, where, char, piece in sequence:
        at = int(where * len(text))
        if kind == "insert":
            text = text[:at] + char + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + 1 :]
        else:
            text = text[:at] + "\n\n" + piece + "\n\n" + text[at:]
        rendered, fresh = renderer.render(text), IncrementalRenderer().render(text)
        assert rendered.html == full(text)
        assert rendered.words == Renderer().render(text).words
        # The blocks taken over from the last render are the very ones a first render cuts: the
        # preview patches its page by their keys and lines.
        assert [(b.key, b.line) for b in rendered.blocks] == [(b.key, b.line) for b in fresh.blocks]


def test_a_one_character_edit_renders_one_block():
    paragraphs = [f"Paragraph number {i} with *some* words in it." for i in range(300)]
    text = "\n\n".join(paragraphs)
    renderer = IncrementalRenderer()
    first = renderer.render(text)
    assert renderer.rendered_blocks == 300
    edited = text.replace("number 150 ", "number 150x ")
    second = renderer.render(edited)
    assert renderer.rendered_blocks == 1
    assert [b.key for b in first.blocks] != [b.key for b in second.blocks]
    assert sum(a.key != b.key for a, b in zip(first.blocks, second.blocks, strict=True)) == 1


def test_a_line_inserted_at_the_top_rerenders_only_the_top():
    text = "\n\n".join(f"Paragraph {i}." for i in range(100))
    renderer = IncrementalRenderer()
    renderer.render(text)
    shifted = renderer.render("New first line\n\n" + text)
    assert renderer.rendered_blocks == 1
    assert shifted.blocks[1].line == 3 and 'data-line="3"' in shifted.html


def test_footnotes_render_the_whole_document():
    text = "One[^1].\n\nTwo.\n\n[^1]: Note."
    blocks = IncrementalRenderer().render(text)
    assert len(blocks.blocks) == 1 and blocks.html == full(text)
