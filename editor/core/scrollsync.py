"""Scroll synchronisation between the source and its preview, as pure arithmetic (no Qt).

The preview reports anchors: (source_line, preview_y) pairs, the 1-based line a top-level block
starts on and the page offset of that block's top. Between two anchors positions are interpolated
linearly, as ReText's syncscroll does; `preview_y_for_line` maps a (fractional) editor line to a page
offset and `line_for_preview_y` goes back.

Anchors need not be clean: they are sorted, a line measured twice keeps its topmost offset, and an
anchor lying above the one before it (a floated or positioned element) is dropped, so both mappings
are monotonic. Before the first anchor positions run from (line 1, y 0) to it; after the last one
they continue along the last segment's slope (callers that know the end of both documents add it as
a last anchor: (line count + 1, page height)).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

Anchor = tuple[float, float]


def normalize(anchors: Iterable[Anchor]) -> list[Anchor]:
    """Sorted by line, one per line (the topmost), with offsets that never decrease."""
    clean = sorted(
        (float(line), float(y)) for line, y in anchors if math.isfinite(float(line)) and math.isfinite(float(y))
    )
    out: list[Anchor] = []
    for line, y in clean:
        if out and line == out[-1][0]:
            continue  # sorted by (line, y): the first of a line is its topmost
        if out and y < out[-1][1]:
            continue  # above an earlier block: it would make the mapping go backwards
        out.append((line, y))
    return out


def _interpolate(x: float, x0: float, y0: float, x1: float, y1: float) -> float:
    if x1 == x0:
        return y0
    return y0 + (x - x0) * (y1 - y0) / (x1 - x0)


class ScrollMap:
    """Anchors normalised once, for the many lookups a scroll makes (each one a bisection)."""

    def __init__(self, anchors: Iterable[Anchor]) -> None:
        self.points = normalize(anchors)
        self._lines = [line for line, _ in self.points]
        self._ys = [y for _, y in self.points]

    def preview_y(self, line: float) -> float:
        """The page offset for a (fractional, 1-based) source line; 0 when there are no anchors."""
        points = self.points
        if not points:
            return 0.0
        first_line, first_y = points[0]
        if line <= first_line:
            if line < 1:
                return 0.0
            if first_line <= 1:
                return first_y
            return max(0.0, min(first_y, _interpolate(line, 1.0, 0.0, first_line, first_y)))
        if line >= points[-1][0]:
            if len(points) == 1:
                return first_y
            (x0, y0), (x1, y1) = points[-2], points[-1]
            return _interpolate(line, x0, y0, x1, y1)
        index = bisect_right(self._lines, line)
        (x0, y0), (x1, y1) = points[index - 1], points[index]
        return _interpolate(line, x0, y0, x1, y1)

    def line_at(self, y: float) -> float:
        """The (fractional, 1-based) source line at page offset `y`; 1 when there are no anchors."""
        points = self.points
        if not points:
            return 1.0
        first_line, first_y = points[0]
        if y <= first_y:
            if y == first_y or first_line <= 1:
                return first_line if y == first_y else min(first_line, 1.0)
            if first_y <= 0:
                return 1.0
            return max(1.0, min(first_line, _interpolate(y, 0.0, 1.0, first_y, first_line)))
        last_line, last_y = points[-1]
        if y > last_y:
            # Onward along the slope of the last segment with some height (a flat one has no slope).
            for index in range(len(points) - 1, 0, -1):
                (x0, y0), (x1, y1) = points[index - 1], points[index]
                if y1 > y0:
                    return last_line + (y - last_y) * (x1 - x0) / (y1 - y0)
            return last_line
        ys = self._ys
        exact = bisect_left(ys, y)
        if ys[exact] == y:
            return points[exact][0]  # the first of the anchors at this offset
        index = bisect_right(ys, y)  # points[index - 1] is the last anchor at or above y
        (x0, y0), (x1, y1) = points[index - 1], points[index]
        return _interpolate(y, y0, x0, y1, x1)


def preview_y_for_line(anchors: Iterable[Anchor], line: float) -> float:
    """The page offset for a (fractional, 1-based) source line; 0 when there are no anchors."""
    return ScrollMap(anchors).preview_y(line)


def line_for_preview_y(anchors: Iterable[Anchor], y: float) -> float:
    """The (fractional, 1-based) source line at page offset `y`; 1 when there are no anchors."""
    return ScrollMap(anchors).line_at(y)
