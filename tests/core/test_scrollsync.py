"""The line ↔ page offset mapping behind scroll sync."""

import pytest

from editor.core.scrollsync import line_for_preview_y, normalize, preview_y_for_line

ANCHORS = [(1, 20.0), (5, 100.0), (9, 300.0), (20, 400.0)]


def test_no_anchors():
    assert preview_y_for_line([], 12) == 0.0
    assert line_for_preview_y([], 500) == 1.0


def test_on_an_anchor_and_between_anchors():
    assert preview_y_for_line(ANCHORS, 5) == 100.0
    assert preview_y_for_line(ANCHORS, 7) == 200.0
    assert preview_y_for_line(ANCHORS, 5.5) == 125.0
    assert line_for_preview_y(ANCHORS, 100.0) == 5.0
    assert line_for_preview_y(ANCHORS, 200.0) == 7.0
    assert line_for_preview_y(ANCHORS, 350.0) == pytest.approx(14.5)


@pytest.mark.parametrize("line", [1, 2.5, 5, 6.25, 9, 13, 20, 25])
def test_the_mappings_are_inverse(line):
    assert line_for_preview_y(ANCHORS, preview_y_for_line(ANCHORS, line)) == pytest.approx(line)


def test_before_the_first_anchor():
    anchors = [(5, 100.0), (9, 300.0)]  # lines 1-4 render nothing of their own (front matter, say)
    assert preview_y_for_line(anchors, 1) == 0.0
    assert preview_y_for_line(anchors, 3) == 50.0
    assert preview_y_for_line(anchors, 0) == 0.0
    assert line_for_preview_y(anchors, 0) == 1.0
    assert line_for_preview_y(anchors, 50) == 3.0
    assert line_for_preview_y(anchors, -10) == 1.0
    # A first block on line 1 below the page's padding: the top of the page is line 1.
    assert preview_y_for_line(ANCHORS, 1) == 20.0
    assert line_for_preview_y(ANCHORS, 0) == 1.0


def test_after_the_last_anchor_goes_on_along_the_last_segment():
    assert preview_y_for_line(ANCHORS, 31) == 500.0
    assert line_for_preview_y(ANCHORS, 500.0) == pytest.approx(31)
    single = [(4, 80.0)]
    assert preview_y_for_line(single, 10) == 80.0
    assert line_for_preview_y(single, 1000) == 4.0


def test_unsorted_duplicate_and_backward_anchors():
    messy = [(9, 300.0), (5, 100.0), (5, 140.0), (1, 20.0), (7, 50.0), (20, 400.0)]
    assert normalize(messy) == [(1, 20.0), (5, 100.0), (9, 300.0), (20, 400.0)]
    assert preview_y_for_line(messy, 7) == 200.0
    # Two blocks at the same offset (an empty one): the offset maps to the first of them.
    flat = [(1, 0.0), (3, 100.0), (4, 100.0), (6, 200.0)]
    assert line_for_preview_y(flat, 100.0) == 3.0
    assert line_for_preview_y(flat, 150.0) == 5.0
    assert preview_y_for_line(flat, 3.5) == 100.0
    flat_end = [(1, 0.0), (3, 100.0), (4, 100.0)]
    assert line_for_preview_y(flat_end, 150.0) == 4.0 + 50 * 2 / 100


def test_non_finite_values_are_ignored():
    assert normalize([(1, float("nan")), (2, 10.0), (float("inf"), 20.0)]) == [(2.0, 10.0)]
