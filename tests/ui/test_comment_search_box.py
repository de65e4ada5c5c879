"""The inbox's search box on real widgets: typing narrows the list (best match first, the view's filter
still applied), Escape brings every comment back, and the query runs off the UI thread, an answer to an
older query never overwriting a newer one."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt, QTimer

from editor.core.comment_search import CommentHit, search
from editor.core.store import Store
from editor.ui.background import IDLE_NAME
from editor.ui.comment_search_box import CommentSearchBox
from tests.ui.many_comments import open_inbox
from tests.ui.test_inbox import authors, seed


@pytest.fixture
def panel(open_window, data_dir):
    """The inbox list of a window over the seeded comments (test_inbox's), its Inbox tab shown."""
    return open_inbox(open_window, data_dir, seed).inbox.list_panel


def test_typing_filters_the_inbox_and_escape_clears_it(qtbot, panel) -> None:
    box = panel.search_box
    assert box.isVisible() and sorted(authors(panel)) == ["Ada", "Bob", "Cy", "Mallory"]

    qtbot.keyClicks(box, "ad")  # a prefix: the author Ada, and Bob's "Agreed with Ada"
    qtbot.waitUntil(lambda: authors(panel) == ["Ada", "Bob"], timeout=5000)

    qtbot.keyClicks(box, "a sec")  # "ada sec": every word must match, the last as a prefix (post title)
    qtbot.waitUntil(lambda: authors(panel) == [], timeout=5000)
    box.clear()
    qtbot.keyClicks(box, "second")
    qtbot.waitUntil(lambda: sorted(authors(panel)) == ["Cy", "Mallory"], timeout=5000)

    box.clear()
    qtbot.keyClicks(box, "pills")  # spam matches, but "All" leaves spam out; the Spam view shows it
    qtbot.waitUntil(lambda: box.hits is not None and len(box.hits) == 1, timeout=5000)
    assert authors(panel) == []
    panel.set_view("spam")
    assert authors(panel) == ["Spammer"]
    panel.set_view("all")

    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == "" and box.hits is None
    assert sorted(authors(panel)) == ["Ada", "Bob", "Cy", "Mallory"]  # at once, no search needed


def test_search_runs_off_the_ui_thread_and_a_stale_answer_is_dropped(qtbot, tmp_path) -> None:
    with Store.open(tmp_path / "data") as store:
        seed(store)
        gate, threads = threading.Event(), []

        def slow_for_lovely(store: Store, text: str) -> list[CommentHit]:
            threads.append(threading.current_thread())
            if text == "lovely":
                assert gate.wait(10)  # held until the newer query has been answered
            return search(store, text, limit=50)

        box = CommentSearchBox(store, searcher=slow_for_lovely)
        qtbot.addWidget(box)
        box.show()
        with qtbot.waitSignal(box.results_changed, timeout=5000):  # an answer, or none, for an empty box
            qtbot.keyClicks(box, "lovely")
            # The search is now blocked on its thread; the UI thread still runs timers and takes keys.
            ticks: list[float] = []
            timer = QTimer(interval=10)
            timer.timeout.connect(lambda: ticks.append(time.monotonic()))
            timer.start()
            qtbot.waitUntil(lambda: len(threads) == 1 and len(ticks) >= 5, timeout=5000)
            assert box.hits is None and threads[0] is not threading.main_thread()
            box.clear()
            qtbot.keyClicks(box, "nice")  # a newer query, answered at once
        timer.stop()
        assert [h.author_name for h in box.hits or []] == ["Cy"]

        gate.set()  # now the old answer ("Ada") arrives: it must not replace the newer one
        qtbot.waitUntil(lambda: threads[0].name == IDLE_NAME, timeout=5000)  # its call is over
        qtbot.wait(100)  # for its queued delivery to the UI thread
        assert [h.author_name for h in box.hits or []] == ["Cy"] and box.text() == "nice"
