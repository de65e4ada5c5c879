"""What spell checking adds to a keystroke: `QT_QPA_PLATFORM=offscreen python benchmarks/spelling.py`, and
the "spelling" section of benchmarks/run.py.

What is timed: the editor highlighter's own work per keystroke — MarkdownHighlighter.highlightBlock (the
Markdown pass and, with spelling on, the marks painted by its `after_block` hook), summed over every
block one keystroke re-highlights — in the real window offscreen, typing into paragraphs at the start,
middle and end of a 50,000-word post, with Check Spelling off and then on. QSyntaxHighlighter re-highlights
inside the document's contentsChange, so when QTest.keyClick returns the keystroke's sum is complete.
Qt's own share (layout, painting) is the same either way and is not in it. The time is the UI thread's
CPU time (time.thread_time): the wall time also counts waits for the GIL, which the preview's render
thread and the autosave's word count hold now and then (up to Python's 5 ms switch interval) — their
cost, which a longer highlightBlock is only more likely to run into. Each typed letter makes a new
word, so the dictionary is asked and the word is underlined as a misspelling, the costly case.
Target: spelling adds at most 2 ms to the median.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.corpus import post  # noqa: E402
from benchmarks.run import LETTERS, Harness, Table, edit_positions, log, percentile  # noqa: E402

SPELLING_ADDS_MS = 2.0
TARGETS = {"spelling": f"spelling adds <= {SPELLING_ADDS_MS:.0f} ms median"}
WORDS = 50_000


class _HighlightClock:
    """Sums the UI thread's CPU time spent in MarkdownHighlighter.highlightBlock while installed."""

    def __init__(self) -> None:
        from editor.ui.highlighter import MarkdownHighlighter

        self.cls = MarkdownHighlighter
        self.original: Callable[[Any, str], None] = MarkdownHighlighter.highlightBlock
        self.total = 0.0
        self.blocks = 0

    def __enter__(self) -> _HighlightClock:
        original = self.original

        def timed(highlighter: Any, text: str) -> None:
            started = time.thread_time()
            original(highlighter, text)
            self.total += time.thread_time() - started
            self.blocks += 1

        self.cls.highlightBlock = timed  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        self.cls.highlightBlock = self.original  # type: ignore[method-assign]


def _type(h: Harness, clock: _HighlightClock, per_position: int) -> list[float]:
    """Milliseconds of highlighting for each of `per_position` keystrokes typed in a paragraph near the end,
    the middle and the start (in that order, so typing never moves the places still to come)."""
    samples = []
    for position in sorted(edit_positions(h.editor.toPlainText()).values(), reverse=True):
        for i in range(per_position):
            h.settle(quiet=0.02)  # each keystroke left to finish, as in run.py's rows
            clock.total = 0.0
            h.type_at(position + i, LETTERS[i % len(LETTERS)])
            samples.append(clock.total * 1000)
    return samples


def bench(table: Table, quick: bool) -> None:
    """The "spelling" section of `make bench`."""
    bench_spelling(table, 20 if quick else 100)


def bench_spelling(table: Table, per_position: int) -> None:
    """Add the spelling rows to `table`: highlighting per keystroke, spelling off and on, and the difference.

    The window is its own, made once the clock is on: PySide looks a Python override up once per object.
    """
    from editor.ui.spelling import Spelling

    table.section(
        f"Keystroke highlighting, {WORDS // 1000}k-word post, spelling off vs on "
        f"({per_position * 3} keystrokes each; highlightBlock CPU time summed per keystroke)"
    )
    with tempfile.TemporaryDirectory(prefix="longhand-bench-") as tmp, _HighlightClock() as clock:
        h = Harness(Path(tmp) / "data")
        try:
            h.settle(timeout=60)
            spelling = h.window.findChild(Spelling, "spelling")
            h.open_text("spelling", post(WORDS, seed=2))
            checker = spelling.checker(spelling.draft_language())
            if checker is None or not checker.available:
                table.add("spelling", "no dictionary", "", "", table.verdict("spelling", None))
                return
            results = {on: _measure(h, table, clock, spelling, on, per_position) for on in (False, True)}
            h.settle()
        finally:
            h.close()
    added_median = statistics.median(results[True]) - statistics.median(results[False])
    added_p95 = percentile(results[True], 95) - percentile(results[False], 95)
    table.add(
        "spelling adds (on - off)",
        ms_fine(added_median),
        ms_fine(added_p95),
        f"<= {SPELLING_ADDS_MS:.0f} ms median",
        table.verdict("spelling", added_median <= SPELLING_ADDS_MS),
    )


def _measure(
    h: Harness, table: Table, clock: _HighlightClock, spelling: Any, enabled: bool, per_position: int
) -> list[float]:
    """One row: highlighting per keystroke with spelling `enabled`; returns the samples."""
    spelling.set_enabled(enabled)
    h.settle(quiet=0.05)
    _type(h, clock, 3)  # warm-up: caches, first layouts
    clock.blocks = 0
    samples = _type(h, clock, per_position)
    label = f"highlighting, spelling {'on' if enabled else 'off'}"
    median, p95 = statistics.median(samples), percentile(samples, 95)
    blocks = clock.blocks / len(samples)
    table.add(f"{label} ({blocks:.1f} blocks a keystroke)", ms_fine(median), ms_fine(p95), "", "")
    log(f"  {label}: median {median:.3f} ms, p95 {p95:.3f} ms, {blocks:.1f} blocks a keystroke")
    return samples


def ms_fine(value: float) -> str:
    """Milliseconds to the hundredth: these figures are well under the table's usual tenths."""
    return f"{value:.2f} ms"


def main() -> None:
    """Run the spelling rows alone; exit 1 when the target is missed."""
    table = Table()
    bench_spelling(table, 20 if "--quick" in sys.argv else 100)
    print(table.render())
    met = table.verdicts.get("spelling")
    verdict = "n/a" if met is None else ("met" if met else "MISSED")
    print(f"Target: spelling adds <= {SPELLING_ADDS_MS:.0f} ms median: {verdict}")
    sys.stdout.flush()
    os._exit(0 if met is not False else 1)  # QtWebEngine may crash while Python tears down


if __name__ == "__main__":
    main()
