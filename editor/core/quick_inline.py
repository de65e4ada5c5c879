"""Python-Markdown's inline pass, with the same output in half the time: half a render is spent there.

For every piece of text, Python-Markdown's InlineProcessor tries each of its ~16 inline patterns (and
smarty's ~18) in turn, in Python, although most cannot match: a text without "<" holds no HTML and no
autolink, one without "'" no smart quote. Each pattern's regular expression is read once here for a set
of characters one of which every match must consume (`needed`); a pattern whose characters are all
absent from the text is passed over exactly as Python-Markdown passes over a pattern that did not match.
Patterns whose expressions give no such set are always tried.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from re import _constants as sre  # type: ignore[attr-defined]  # the parser's own opcodes
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

from markdown import util
from markdown.treeprocessors import InlineProcessor

_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)}


def needed(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Characters one of which every match of `pattern` consumes, or None when that cannot be told."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        return _sequence(sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - an expression this reading does not follow is simply always tried
        return None


def _sequence(items: Any) -> frozenset[str] | None:
    """The first element of a sequence that every match must consume and whose characters are known:
    a literal, a class of literals, or a group, repeat (at least once) or alternation made of such."""
    for op, value in items:
        found: frozenset[str] | None = None
        if op is sre.LITERAL:
            found = frozenset(chr(value))
        elif op is sre.IN:
            if all(kind is sre.LITERAL for kind, _ in value):
                found = frozenset(chr(code) for _, code in value)
        elif op is sre.SUBPATTERN:
            _group, add_flags, _del_flags, inner = value
            if not add_flags & re.IGNORECASE:
                found = _sequence(inner)
        elif op in _REPEATS:
            low, _high, inner = value
            if low >= 1:
                found = _sequence(inner)
        elif op is sre.BRANCH:
            branches = [_sequence(branch) for branch in value[1]]
            if all(branch is not None for branch in branches):
                found = frozenset().union(*branches)  # type: ignore[arg-type]
        elif op is getattr(sre, "ATOMIC_GROUP", None):
            found = _sequence(value)
        # Anything else (anchors, look-arounds, back-references, wildcards, categories) is passed by.
        if found:
            return found
    return None


class QuickInlineProcessor(InlineProcessor):
    """InlineProcessor that passes over the patterns whose needed characters the text lacks."""

    _needs: list[frozenset[str] | None]
    _chars: tuple[str, ...]  # every needed character of every pattern
    _orders: dict[frozenset[str], tuple[int, ...]]  # the patterns to try, by the characters a text holds

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        # Python-Markdown's own loop (InlineProcessor.__handleInline) over the patterns that may match. One
        # that does not match leaves the text as it was and the next pattern starting at 0; so does a skip.
        if isinstance(data, util.AtomicString):
            return data
        patterns = self.inlinePatterns
        order = self._order(data)
        k, start = bisect_left(order, patternIndex), 0
        while k < len(order):
            index = order[k]
            data, matched, start = self._InlineProcessor__applyPattern(  # type: ignore[attr-defined]
                patterns[index], data, index, start
            )
            if not matched:
                k += 1
                continue
            order = self._order(data)  # the text changed; the same pattern goes on after its match
            k = bisect_left(order, index)
            if k == len(order) or order[k] != index:
                start = 0  # it cannot match again: as if it had been tried and failed
        return data

    def _order(self, data: str) -> tuple[int, ...]:
        """The indexes of the patterns that may match somewhere in `data`."""
        present = frozenset([char for char in self._chars if char in data])
        order = self._orders.get(present)
        if order is None:
            order = self._orders[present] = tuple(
                index for index, need in enumerate(self._needs) if need is None or not need.isdisjoint(present)
            )
        return order


def quicken(processor: InlineProcessor) -> None:
    """Make one of a Markdown instance's inline processors (its own, smarty's) a QuickInlineProcessor, its
    patterns fixed as a list: Python-Markdown's Registry sorts itself at every lookup by index."""
    if not hasattr(InlineProcessor, "_InlineProcessor__handleInline"):
        return  # a Python-Markdown whose inline loop is not the one this was written against
    patterns = list(processor.inlinePatterns)
    needs = [needed(pattern.getCompiledRegExp()) for pattern in patterns]  # type: ignore[attr-defined]
    processor.inlinePatterns = patterns  # type: ignore[assignment]
    processor.__class__ = QuickInlineProcessor
    processor._needs = needs  # type: ignore[attr-defined]
    processor._chars = tuple(sorted(frozenset().union(*(need for need in needs if need))))  # type: ignore[attr-defined]
    processor._orders = {}  # type: ignore[attr-defined]
