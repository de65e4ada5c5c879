"""A first render converts its blocks in batches (IncrementalRenderer._convert_all): each block's HTML is
exactly what converting it alone gives, so what is cached is what later renders expect."""

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core import incremental
from editor.core.incremental import IncrementalRenderer
from editor.core.render import Renderer
from tests.core.test_incremental import PIECES

# Pieces where one block could spill into the next, or a heading's id depend on another block's.
NEIGHBOURS = [
    "## Notes",
    "Notes\n-----",
    "## Notes_1",
    "- item\n\n    more of the item",
    "> quote",
    "    code after a paragraph?",
    "1. one",
    "Term\n: definition",
    '`data-line="3"` in code',
    "| a |\n|---|\n| 1 |",
]


def alone(renderer: IncrementalRenderer, text: str) -> list[str]:
    """Each block of `text` converted on its own, as before batches."""
    renderer.render(text)
    layout = renderer._last
    assert layout is not None
    edges = [*layout.starts, len(layout.lines)]
    return [renderer._convert("\n".join(layout.lines[a:b]) + layout.suffix) or "" for a, b in pairwise(edges)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES + NEIGHBOURS), min_size=2, max_size=30), st.sampled_from(["\n\n", "\n\n\n"]))
def test_batched_blocks_equal_blocks_converted_alone(parts, joiner):
    text = joiner.join(parts)
    renderer = IncrementalRenderer()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(incremental, "BATCH_BLOCKS", 3)  # small batches, so that a few pieces make several
        blocks = renderer.render(text)
    assert blocks.html == Renderer().render(text).html
    if len(blocks.blocks) > 1 and not blocks.blocks[0].key.startswith("whole:"):
        cached = [entry.html for entry in renderer._last.entries]
        assert cached == alone(IncrementalRenderer(), text)


def test_a_batch_with_a_renamed_heading_id_falls_back_to_blocks_alone():
    text = "## Notes\n\ntext\n\n## Notes\n\nmore"
    renderer = IncrementalRenderer()
    assert renderer.render(text).html == Renderer().render(text).html
    assert [e.heading_ids for e in renderer._last.entries] == [("notes",), (), ("notes",), ()]
