"""The inbox with many comments, on real widgets: every comment is listed (not the first few hundred),
rows read from the store a page at a time show the same text as the store holds, the views read off
the UI thread show the latest one asked for, and the selection and search survive a re-read.

As in test_inbox.py, the blog is http://127.0.0.1:9 (closed) and the comments are seeded in the store."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt

from editor.core.comments import Comments
from editor.ui import inbox_listing
from editor.ui.comment_list import PAGE
from tests.ui.many_comments import COUNT


def authors(panel) -> list[str]:
    return [row[0] for row in panel.rows()]


def test_every_comment_is_listed_newest_first_with_its_text(qtbot, big_inbox):
    _window, panel = big_inbox
    listed = [n for n in range(1, COUNT + 1) if n % 25]  # spam is not in "All"
    qtbot.waitUntil(lambda: panel.model.rowCount() == len(listed), timeout=5000)
    rows = panel.rows()
    assert [row[0] for row in rows] == [f"Reader {n}" for n in listed]  # newest first, pages read in turn
    last = rows[-1]
    assert last[1] == f"Comment number {listed[-1]}" and last[2] == f"Post {listed[-1] % 7}"
    assert last[4] == ("pending" if listed[-1] % 10 == 0 else "approved")
    assert panel.model.data(panel.model.index(len(rows) - 1, 0), Qt.ItemDataRole.UserRole).remote_id == str(listed[-1])


def test_scrolling_makes_the_next_rows_ready_while_idle(qtbot, big_inbox):
    _window, panel = big_inbox
    view, model = panel.list, panel.model
    view.scrollTo(model.index(3 * PAGE, 0), view.ScrollHint.PositionAtTop)
    # Rows below the screen get their cells a few at a time, without being painted or asked for.
    below = 3 * PAGE + view.viewport().height() // view.rowHeight(model.index(0, 0)) + 5
    qtbot.waitUntil(lambda: below in model._filled, timeout=5000)
    assert model.sourceModel().item(below, 0).text() == authors(panel)[below]


def test_the_rows_painted_hold_their_cells_and_the_rest_wait(qtbot, big_inbox):
    _window, panel = big_inbox
    view, model = panel.list, panel.model
    qtbot.waitUntil(lambda: model.rowCount() > 1000, timeout=5000)
    view.scrollToBottom()
    view.viewport().repaint()  # the view asks the cells in C++: the rows shown were filled as it painted
    last = model.rowCount() - 1
    assert last in model._filled and model.data(model.index(last, 1)) == f"Comment number {COUNT}"
    assert model.data(model.index(last, 0), Qt.ItemDataRole.UserRole).author_name == f"Reader {COUNT}"
    assert len(model._filled) < model.rowCount() // 2  # the middle of the list was never made


def test_a_slow_read_happens_off_the_ui_thread_and_the_last_click_wins(qtbot, big_inbox, monkeypatch):
    _window, panel = big_inbox
    monkeypatch.setattr(inbox_listing, "READ_AT_ONCE_S", 0.0)  # every click is read in the background
    buttons = {name: panel.findChild(type(panel.undo_button), f"view_{name}") for name in ("pending", "spam")}
    qtbot.mouseClick(buttons["pending"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(buttons["spam"], Qt.MouseButton.LeftButton)  # before the first answer is shown
    spam = [f"Reader {n}" for n in range(25, COUNT + 1, 25)]
    qtbot.waitUntil(lambda: authors(panel) == spam, timeout=5000)
    qtbot.wait(200)  # the pending view's answer, if it came late, was dropped
    assert panel.view == "spam" and authors(panel) == spam


def test_the_selection_and_the_search_survive_a_re_read(qtbot, big_inbox):
    _window, panel = big_inbox
    model, selection = panel.model, panel.list.selectionModel()
    far = model.row_of(next(c.id for c in Comments(panel.comments.store).list(view="all", limit=2000)[900:901]))
    assert far > 2 * PAGE
    panel.list.setCurrentIndex(model.index(far, 0))
    selection.select(
        model.index(3, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    )
    chosen = {c.id for c in panel.selected_comments()}
    assert len(chosen) == 2
    panel.refresh()
    assert {c.id for c in panel.selected_comments()} == chosen and panel.current_comment().id in chosen

    panel.search_box.setText("1111")
    qtbot.waitUntil(lambda: authors(panel) == ["Reader 1111"], timeout=5000)
    panel.search_box.clear()
    qtbot.waitUntil(lambda: panel.model.rowCount() > 1000, timeout=5000)
