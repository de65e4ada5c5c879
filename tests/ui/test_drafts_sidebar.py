"""The drafts sidebar over a big library: rows read a page at a time, searches off the UI thread."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from editor.core.model import Draft
from editor.core.store import Store
from editor.ui.drafts_model import PAGE

DRAFTS = 1_000


def fill(data_dir, count: int = DRAFTS) -> None:
    """`count` drafts a minute apart, "Draft 0" the oldest; every tenth mentions a heron."""
    start, step = datetime(2024, 1, 1, tzinfo=UTC), [0]

    def clock() -> datetime:
        step[0] += 1
        return start + timedelta(minutes=step[0])

    with Store.open(data_dir, clock=clock) as store, store.transaction():
        for i in range(count):
            store.create_draft(Draft(title=f"Draft {i}", body="a heron" if i % 10 == 0 else "a field"))


def titles(sidebar, rows) -> list[str]:
    return [sidebar.model.index(row).data().split("\n")[0] for row in rows]


def test_every_draft_is_listed_and_read_a_page_at_a_time(qtbot, open_window, data_dir):
    fill(data_dir)
    window = open_window()
    sidebar = window.sidebar
    reads = []
    original = window.store.list_drafts
    window.store.list_drafts = lambda *args: (reads.append(args), original(*args))[1]
    sidebar.refresh()
    assert sidebar.model.rowCount() == DRAFTS
    assert reads[0] == (0, PAGE) and len(reads) <= 2  # the first page, and the last the view asks for
    sidebar.list.scrollToBottom()
    qtbot.wait(50)  # the view paints its last rows
    assert titles(sidebar, range(3)) == ["Draft 999", "Draft 998", "Draft 997"]
    assert titles(sidebar, range(DRAFTS - 3, DRAFTS)) == ["Draft 2", "Draft 1", "Draft 0"]
    assert all(offset % PAGE == 0 and limit == PAGE for offset, limit in reads)  # pages, never the list
    assert len(reads) < DRAFTS // PAGE  # pages the view came to, not all of them


def test_search_answers_with_the_right_drafts_and_the_newest_query_wins(qtbot, open_window, data_dir):
    fill(data_dir)
    window = open_window()
    sidebar = window.sidebar
    sidebar.search.setText("heron")
    sidebar.search.setText("Draft 99")  # before the first one's answer could be shown
    qtbot.waitUntil(lambda: sidebar.model.query == "Draft 99", timeout=5000)
    qtbot.wait(200)  # the older search's answer, had it been kept, would land meanwhile
    assert sidebar.model.query == "Draft 99" and sidebar.model.total == 11  # 99 and 990-999 (a prefix)
    assert set(titles(sidebar, range(11))) == {"Draft 99", *(f"Draft {i}" for i in range(990, 1000))}

    sidebar.search.setText("heron")
    qtbot.waitUntil(lambda: sidebar.model.query == "heron", timeout=5000)
    assert sidebar.model.total == DRAFTS // 10
    while sidebar.model.canFetchMore(sidebar.model.index(-1)):  # scrolling to the end reads the rest
        sidebar.model.fetchMore(sidebar.model.index(-1))
    found = sorted(int(title.split()[1]) for title in titles(sidebar, range(sidebar.model.rowCount())))
    assert found == list(range(0, DRAFTS, 10))
    assert "«heron»" in sidebar.model.index(0).data(Qt.ItemDataRole.ToolTipRole)  # the tooltip's snippet


def test_saving_changes_one_row_without_reading_the_list(qtbot, open_window, data_dir):
    fill(data_dir, 120)
    window = open_window()
    sidebar = window.sidebar
    old = window.store.list_drafts(119, 1)[0]  # the oldest draft, beyond the first page
    sidebar.list.scrollToBottom()
    qtbot.waitUntil(lambda: sidebar.model.row_of(old.id) == 119, timeout=5000)
    window.open_draft(old.id)
    reads = []
    for name in ("list_drafts", "count_drafts", "search"):
        original = getattr(window.store, name)
        setattr(window.store, name, lambda *a, _o=original, _n=name: (reads.append((_n, *a)), _o(*a))[1])
    window.editor.setFocus()
    qtbot.keyClicks(window.editor, "More words. ")
    qtbot.waitUntil(lambda: titles(sidebar, [0]) == ["Draft 0"], timeout=5000)
    # Moved to the top in place: no count, no list read again (at most a page the view had not read yet).
    assert all(read[0] == "list_drafts" and read[2:] == (PAGE,) for read in reads)
    assert sidebar.model.rowCount() == 120 and sidebar.list.currentIndex().row() == 0
    assert titles(sidebar, [1, 2]) == ["Draft 119", "Draft 118"]
