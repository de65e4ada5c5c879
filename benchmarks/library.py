"""A big library in the drafts sidebar: the "library" section of benchmarks/run.py, or
`QT_QPA_PLATFORM=offscreen python benchmarks/library.py [--quick]`.

A throwaway data folder is filled with 10,000 drafts of 500 words (benchmarks/corpus.py, one transaction
through the store, a minute apart; not timed; a rare word in a handful of them), then the real window is
opened offscreen on it and these are timed, each a median of several runs:

* sidebar shown — from `sidebar.refresh()` (what opening, saving into a new place, deleting or
  undoing asks for) to the end of the list viewport's next Paint event (a frame of the list);
* search → first screen of results painted — for a rare word, a common word ("the"), a prefix and two
  words: from the moment the search box's debounce timer fires (so the 150 ms the box waits for the
  author to stop typing is excluded; the row from the text change, debounce included, is shown apart) to
  the end of the first viewport Paint event with the results in the list (its row count and first
  title those of the store's full search, worked out beforehand);
* UI stall while typing a search — the longest lateness of a 5 ms PreciseTimer while "the river" is
  typed letter by letter 200 ms apart (slower than the debounce, so every prefix is searched).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.corpus import post  # noqa: E402
from benchmarks.run import STALL_MS, Harness, StallClock, Table, log, ms, percentile  # noqa: E402

DRAFTS, WORDS = 10_000, 500
SIDEBAR_MS, SEARCH_MS = 50.0, 20.0
RARE = "zeppelin"  # in every 1,000th draft only
QUERIES = {"rare word": RARE, 'common word ("the")': "the", "prefix": "bicy", "two words": "river garden"}
TYPED = "the river"
TARGETS = {
    "sidebar": f"sidebar shown with {DRAFTS:,} drafts <= {SIDEBAR_MS:.0f} ms",
    "search": f"search -> first screen painted <= {SEARCH_MS:.0f} ms, no stall > {STALL_MS:.0f} ms",
}


def fill(data: Path) -> None:
    """The library: DRAFTS drafts of WORDS words, a minute apart, in one transaction through the store."""
    from editor.core.model import Draft
    from editor.core.store import Store

    start, step = datetime(2020, 1, 1, tzinfo=timezone.utc), [0]

    def clock() -> datetime:
        step[0] += 1
        return start + timedelta(minutes=step[0])

    with Store.open(data, clock=clock) as store, store.transaction("fill the library"):
        for i in range(DRAFTS):
            title, _, body = post(WORDS, seed=i).partition("\n")
            if i % 1000 == 7:
                body += f"\n\nA {RARE} over the harbour."
            store.create_draft(Draft(title=title.lstrip("# "), body=body.lstrip()))


class _Paints:
    """Waits for the end of a Paint event of the list viewport (an event filter; a zero-time timer
    started at the paint fires once the paint is done)."""

    def __init__(self, h: Harness) -> None:
        from PySide6.QtCore import QEvent, QObject

        paints = self

        class Filter(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    h.QTimer.singleShot(0, paints.painted)
                return False

        self.h = h
        self.filter = Filter()
        h.window.sidebar.list.viewport().installEventFilter(self.filter)
        self.ready: Callable[[], bool] = lambda: False
        self.done: float | None = None
        self.loop = h.QEventLoop()

    def painted(self) -> None:
        if self.done is None and self.ready():
            self.done = time.perf_counter()
            self.loop.quit()

    def wait(self, ready: Callable[[], bool], timeout: float = 10.0) -> float | None:
        """The end of the first paint from now on at which `ready()` holds (None on timeout)."""
        self.ready, self.done = ready, None
        guard = self.h.QTimer()
        guard.setSingleShot(True)
        guard.timeout.connect(self.loop.quit)
        guard.start(int(timeout * 1000))
        self.loop.exec()
        guard.stop()
        self.ready = lambda: False
        return self.done


def _model_state(h: Harness) -> tuple[int, str]:
    model = h.window.sidebar.list.model()
    first = model.index(0, 0).data() if model.rowCount() else ""
    return model.rowCount(), (first or "").split("\n")[0]


def bench_sidebar(h: Harness, paints: _Paints, table: Table, runs: int) -> None:
    sidebar = h.window.sidebar
    samples = []
    for _ in range(runs + 1):  # one warm-up
        h.run_for(0.2)
        t0 = time.perf_counter()
        sidebar.refresh()
        sidebar.list.viewport().update()  # a list that was already right still gets its frame
        done = paints.wait(lambda: _model_state(h)[0] == DRAFTS)
        if done is not None:
            samples.append((done - t0) * 1000)
    samples = samples[1:]
    _frame_row(
        table, f"sidebar shown, {DRAFTS:,} drafts (refresh -> list painted, frame)", samples, SIDEBAR_MS, "sidebar"
    )
    log(f"  sidebar: {samples}")


def _frame_row(table: Table, label: str, samples: list[float], limit_ms: float, key: str) -> None:
    """A row of times to a frame, judged on the median; no samples means every run timed out."""
    median = statistics.median(samples) if samples else None
    table.add(
        label,
        ms(median),
        ms(percentile(samples, 95)) if samples else "-",
        f"<= {limit_ms:.0f} ms",
        table.verdict(key, median is not None and median <= limit_ms),
    )


def bench_search(h: Harness, paints: _Paints, table: Table, runs: int) -> None:
    sidebar = h.window.sidebar
    from PySide6.QtCore import QEvent, QObject

    timer = sidebar._search_timer  # the debounce: its firing starts the search
    fired = {"at": 0.0}

    class Fired(QObject):
        """Notes the debounce timer's Timer event, which comes before its timeout signal's slots run."""

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Timer:
                fired["at"] = time.perf_counter()
            return False

    fired_filter = Fired()
    timer.installEventFilter(fired_filter)
    with_debounce: list[float] = []
    for label, query in QUERIES.items():
        expected = h.store.search(query)
        first_title = expected[0].title if expected else ""
        # The first screen: as many rows as fit (a list that reads more as it scrolls may hold no more).
        screen = min(len(expected), sidebar.list.viewport().height() // max(sidebar.list.sizeHintForRow(0), 1) + 1)

        def shown() -> bool:
            count, first = _model_state(h)
            return fired["at"] > 0 and first == first_title and count >= screen  # noqa: B023

        samples = []
        for _ in range(runs + 1):  # one warm-up
            sidebar.search.clear()
            h.run_for(0.5)
            t0 = time.perf_counter()
            fired["at"] = 0.0
            sidebar.search.setText(query)
            done = paints.wait(shown)
            if done is not None:
                samples.append((done - fired["at"]) * 1000)
                with_debounce.append((done - t0) * 1000)
        samples = samples[1:]
        row = f"search {label} ({len(expected):,} hits): debounce fired -> first screen painted (frame)"
        _frame_row(table, row, samples, SEARCH_MS, "search")
        log(f"  search {query!r}: {samples}")
    table.add(
        f"  the same, all queries, from the text change (incl. the {timer.interval()} ms debounce)",
        ms(statistics.median(with_debounce) if with_debounce else None),
        ms(percentile(with_debounce, 95)) if with_debounce else "-",
        "",
        "",
    )
    timer.removeEventFilter(fired_filter)
    sidebar.search.clear()


def _typing_run(h: Harness) -> float:
    """One run: TYPED typed into the search box letter by letter; the longest 5 ms-timer lateness."""
    from PySide6.QtTest import QTest

    sidebar = h.window.sidebar
    sidebar.search.clear()
    h.run_for(0.5)
    sidebar.search.setFocus()
    typed = StallClock(h).while_typing(len(TYPED), 200, lambda i: QTest.keyClick(sidebar.search, TYPED[i]), 0.4)
    return max(typed)


def bench_typing_stall(h: Harness, table: Table, runs: int) -> None:
    worst_per_run = [_typing_run(h) for _ in range(runs)]
    h.window.sidebar.search.clear()
    median = statistics.median(worst_per_run)
    table.add(
        f"UI stall typing {TYPED!r} into the search, 200 ms apart (longest 5 ms-timer lateness)",
        ms(median),
        ms(max(worst_per_run)),
        f"<= {STALL_MS:.0f} ms",
        table.verdict("search", median <= STALL_MS),
    )
    log(f"  typing stall: {worst_per_run}")


def bench(table: Table, quick: bool) -> None:
    """The "library" section of `make bench`."""
    runs = 3 if quick else 9
    table.section(f"Drafts sidebar, {DRAFTS:,} drafts of {WORDS} words (median of {runs} runs; frames of the list)")
    with tempfile.TemporaryDirectory(prefix="longhand-bench-library-") as tmp:
        data = Path(tmp) / "data"
        log("  filling the library…")
        fill(data)
        h = Harness(data)
        try:
            h.settle(timeout=60)
            h.window.side_tabs.setCurrentWidget(h.window.sidebar)
            paints = _Paints(h)
            bench_sidebar(h, paints, table, runs)
            bench_search(h, paints, table, runs)
            bench_typing_stall(h, table, 3 if quick else 5)
        finally:
            h.close()


def main() -> None:
    """Run the library rows alone; exit 1 when a target is missed."""
    table = Table()
    bench(table, "--quick" in sys.argv)
    print(table.render())
    for key, name in TARGETS.items():
        met = table.verdicts.get(key)
        print(f"Target: {name}: {'n/a' if met is None else ('met' if met else 'MISSED')}")
    sys.stdout.flush()
    os._exit(0 if all(v is not False for v in table.verdicts.values()) else 1)


if __name__ == "__main__":
    main()
