"""The inbox list paints its rows from text laid out once (comment_rows.py) instead of Qt's item delegate:
what the author sees must not change. Each case grabs the list as painted, then paints it again through
Qt's own delegate (the rows handed back to QTreeView.drawRow) and compares the two images pixel for pixel.

The comments are seeded in the store, as in test_inbox_big.py; the blog is http://127.0.0.1:9 (closed)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QColor, QCursor, QFont, QImage, QPalette
from PySide6.QtWidgets import QStyleFactory

from editor.ui.comment_list import CommentListModel


def painted(view) -> QImage:
    view.viewport().repaint()
    return view.viewport().grab().toImage()


def as_qt_paints(view, monkeypatch) -> QImage:
    with monkeypatch.context() as patched:
        patched.setattr(CommentListModel, "cells", lambda _model, _row: None)  # every row to Qt's delegate
        return painted(view)


def differing(a: QImage, b: QImage) -> int:
    assert a.size() == b.size()
    return sum(a.pixel(x, y) != b.pixel(x, y) for y in range(a.height()) for x in range(a.width()))


def _selection_and_unread(qtbot, panel) -> None:
    """Rows in every state: the current one (read, with the focus), another selected, the rest unread."""
    view, model = panel.list, panel.model
    view.setFocus()
    view.setCurrentIndex(model.index(2, 0))
    view.selectionModel().select(
        model.index(5, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    )
    qtbot.waitUntil(lambda: view.hasFocus())
    cells = [model.cells(row) for row in range(8)]
    assert all(c is not None for c in cells), "the rows shown are painted from kept text"
    assert not cells[2][1] and cells[3][1], "the current comment was marked read; the others are bold"


CASES = ["plain", "narrow", "right_to_left", "narrow_right_to_left", "dark", "bigger_font", "hovered"]


@pytest.mark.parametrize("style", QStyleFactory.keys())
@pytest.mark.parametrize("case", CASES)
def test_rows_look_exactly_as_qt_paints_them(qtbot, big_inbox, monkeypatch, style, case):
    window, panel = big_inbox
    view = panel.list
    kept = QStyleFactory.create(style)  # the view does not own a style set on it
    view.setStyle(kept)
    if case.startswith("narrow"):  # every column elided, the excerpt to a few words
        window.splitter.setSizes([260, window.width() - 260])
    if case.endswith("right_to_left"):
        view.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    if case == "dark":
        palette = view.palette()
        for role, colour in ((QPalette.ColorRole.Base, "#1e1e1e"), (QPalette.ColorRole.Text, "#e0e0e0")):
            palette.setColor(role, QColor(colour))
        palette.setColor(QPalette.ColorRole.Highlight, QColor("#3d6d99"))
        view.setPalette(palette)
    elif case == "bigger_font":  # laid out once at the old size: dropped, laid out again
        painted(view)
        font = QFont(view.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        view.setFont(font)
    qtbot.wait(50)
    _selection_and_unread(qtbot, panel)
    if case == "hovered":  # the mouse over a row that is neither selected nor current
        spot = view.visualRect(panel.model.index(3, 1)).center()
        qtbot.mouseMove(view.viewport(), spot)
        QCursor.setPos(view.viewport().mapToGlobal(spot))
        qtbot.waitUntil(lambda: view.viewport().underMouse())
    ours = painted(view)
    assert differing(ours, as_qt_paints(view, monkeypatch)) == 0


def test_a_row_changed_in_place_is_painted_anew(qtbot, big_inbox, monkeypatch):
    _window, panel = big_inbox
    view, model = panel.list, panel.model
    first = painted(view)
    comment = model.comment_at(4)
    panel.comments.mark_read([comment.id])
    model.replace(panel.comments.get(comment.id))  # as marking read from the list does
    after = painted(view)
    assert not model.cells(4)[1] and differing(first, after) > 0  # no longer bold
    assert differing(after, as_qt_paints(view, monkeypatch)) == 0
