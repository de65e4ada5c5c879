"""Block patches on their own: the common head and tail stay, only the middle moves, kept blocks that
start on other lines get their marks shifted, and applying a patch always gives the new blocks."""

from __future__ import annotations

import random

import pytest

from editor.core.blockpatch import BlockPatch, LineShift, block_patch
from editor.core.incremental import Block


def blocks(*keys: str, first_line: int = 1, height: int = 2) -> list[Block]:
    """One block per key, each `height` lines long, the first on `first_line`."""
    return [Block(key, f"<p>{key}</p>\n", first_line + n * height) for n, key in enumerate(keys)]


def apply(old: list[Block], patch: BlockPatch) -> list[tuple[str, int]]:
    """What the page holds after the patch, as (key, first line) pairs."""
    page = [(b.key, b.line) for b in old]
    page[patch.start : patch.start + patch.removed] = [(b.key, b.line) for b in patch.inserted]
    for begin, end, delta in patch.shifts:
        for index in range(begin, end):
            key, line = page[index]
            page[index] = (key, line + delta)
    return page


def test_the_same_blocks_need_nothing():
    old = blocks("a", "b", "c")
    patch = block_patch(old, list(old))
    assert patch == BlockPatch(3, 0, [], []) and patch.empty


def test_an_edited_block_in_the_middle_is_the_only_one_sent():
    old, new = blocks("a", "b", "c"), blocks("a", "B", "c")
    assert block_patch(old, new) == BlockPatch(1, 1, [new[1]], [])


def test_an_inserted_block_shifts_the_blocks_below_in_one_run():
    old = blocks("a", "b", "c", "d")
    new = old[:1] + [Block("x", "<p>x</p>\n", 3)] + [Block(b.key, b.html, b.line + 2) for b in old[1:]]
    patch = block_patch(old, new)
    assert patch == BlockPatch(1, 0, [new[1]], [LineShift(2, 5, 2)])
    assert not patch.empty


def test_a_removed_block_shifts_the_blocks_below_up():
    old = blocks("a", "b", "c")
    new = [old[0], Block("c", old[2].html, 3)]
    assert block_patch(old, new) == BlockPatch(1, 1, [], [LineShift(1, 2, -2)])


def test_different_shifts_make_separate_runs():
    old = blocks("a", "b", "c")
    new = [Block("a", "", 1), Block("b", "", 4), Block("c", "", 7)]
    assert block_patch(old, new).shifts == [LineShift(1, 2, 1), LineShift(2, 3, 2)]


def test_from_nothing_and_to_nothing():
    assert block_patch([], blocks("a", "b")) == BlockPatch(0, 0, blocks("a", "b"), [])
    assert block_patch(blocks("a", "b"), []) == BlockPatch(0, 2, [], [])


def test_a_repeated_key_is_not_kept_twice():
    # "a a" to "a": the head keeps the first, so the tail must not claim the same old block again.
    old, new = blocks("a", "a"), blocks("a")
    patch = block_patch(old, new)
    assert apply(old, patch) == [(b.key, b.line) for b in new]
    assert patch.start + patch.removed <= len(old)


@pytest.mark.parametrize("seed", range(200))
def test_applying_a_patch_always_gives_the_new_blocks(seed):
    rng = random.Random(seed)
    keys = [rng.choice("abcdef") for _ in range(rng.randrange(0, 8))]
    edited = list(keys)
    for _ in range(rng.randrange(0, 3)):
        at = rng.randrange(0, len(edited) + 1)
        if edited and rng.random() < 0.5:
            del edited[min(at, len(edited) - 1)]
        else:
            edited.insert(at, rng.choice("abcxyz"))
    old = blocks(*keys, height=rng.randrange(1, 4))
    new = blocks(*edited, first_line=rng.randrange(1, 3), height=rng.randrange(1, 4))
    patch = block_patch(old, new)
    assert apply(old, patch) == [(b.key, b.line) for b in new]
    assert 0 <= patch.start <= len(old) and patch.start + patch.removed <= len(old)
