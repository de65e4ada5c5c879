"""How to turn the blocks a page shows into newly rendered ones, touching as few as possible.

The preview keeps the blocks of an unchanged beginning and end of the document where they are and
replaces only the middle; blocks it keeps may start on other lines now (text was added above them),
so their data-line marks are shifted rather than the blocks re-sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, NamedTuple, Protocol, TypeVar


class KeyedBlock(Protocol):
    """What a patch needs of a block: its key (equal keys mean identical HTML) and its first line."""

    @property
    def key(self) -> str: ...

    @property
    def line(self) -> int: ...


B = TypeVar("B", bound=KeyedBlock)


class LineShift(NamedTuple):
    """Kept blocks begin..end-1 (indices in the new list) move their data-line marks by `delta` lines."""

    begin: int
    end: int
    delta: int


class BlockPatch(NamedTuple, Generic[B]):
    """At index `start`, remove `removed` old blocks and insert `inserted`; then apply `shifts`."""

    start: int
    removed: int
    inserted: list[B]
    shifts: list[LineShift]

    @property
    def empty(self) -> bool:
        """True when the page already shows the new blocks."""
        return not self.removed and not self.inserted and not self.shifts


def block_patch(old: Sequence[B], new: Sequence[B]) -> BlockPatch[B]:
    """The smallest middle of `old` to replace with a middle of `new` (the common head and tail stay),
    and the line shifts of the blocks kept."""
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start].key == new[start].key:
        start += 1
    tail = 0
    while tail < limit - start and old[-1 - tail].key == new[-1 - tail].key:
        tail += 1
    kept = [(index, old[index].line) for index in range(start)]
    kept += [(len(new) - tail + k, old[len(old) - tail + k].line) for k in range(tail)]
    shifts: list[LineShift] = []
    for index, old_line in kept:
        delta = new[index].line - old_line
        if not delta:
            continue
        if shifts and shifts[-1].end == index and shifts[-1].delta == delta:
            shifts[-1] = LineShift(shifts[-1].begin, index + 1, delta)  # neighbours moved alike: one run
        else:
            shifts.append(LineShift(index, index + 1, delta))
    return BlockPatch(start, len(old) - tail - start, list(new[start : len(new) - tail]), shifts)
