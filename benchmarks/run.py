"""Longhand's performance benchmark: `make bench` (or `QT_QPA_PLATFORM=offscreen python benchmarks/run.py`).

Drives the real MainWindow offscreen in a throwaway data directory and prints one table:

* keystroke → preview painted (frame), for one-character edits at the start, middle and end of
  1k/10k/50k-word posts (or of the files given with --docs): the time from QTest.keyClick into the editor
  to the preview's next frame drawn after the patch (benchmarks/paint.py), and under it to the preview's
  `updated` signal (the page's DOM has been patched, not yet laid out or painted), each keystroke left to
  finish before the next;
* the longest UI-thread stall while typing 200 characters at 50 ms intervals into a 50k-word post, as
  the lateness of a 5 ms timer;
* cold start, in fresh processes (benchmarks/coldstart.py), from before each is spawned to the editor's
  first paint with a 10k-word last draft and to a painted frame of the preview holding it;
* memory: RSS of this process and PSS of it plus its QtWebEngineProcess children, before and after
  2,000 edits of a 10k-word post;
* full render vs incremental render of a one-character edit at 50k words, on the renderers alone.

The event loop is always run with QEventLoop.exec (never QTest.qWait, which holds the GIL).
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("LONGHAND_HOME", None)

from benchmarks.corpus import post  # noqa: E402
from benchmarks.latest_run import PERFORMANCE_DOC, write_docs  # noqa: E402
from editor.ui.app import prepare_environment  # noqa: E402

prepare_environment()

# Targets (docs/performance.md).
KEY_MEDIAN_MS, KEY_P95_MS = 25.0, 50.0
STALL_MS = 16.0
COLD_EDITABLE_S, COLD_PREVIEW_S = 0.6, 1.0
INCREMENTAL_SPEEDUP = 20.0
PSS_MB, PSS_DRIFT = 400.0, 0.10
LETTERS = "etaoinshrdlu"
# The targets this module checks, as the summary names them.
TARGETS = {
    "keystroke": "keystroke -> preview painted (frame)",
    "stall": "no stall > 16 ms",
    "cold": "cold start",
    "incremental": "incremental >= 20x",
    "memory": "PSS <= 400 MB and flat",
    "memory_end": "PSS <= 400 MB after the whole run (beyond the issue's targets)",
}
# Sections in modules of their own, by name: each has TARGETS (as above) and bench(table, quick), and
# makes its own window or store.
MODULES = {
    "spelling": "benchmarks.spelling",
    "library": "benchmarks.library",
    "inbox": "benchmarks.inbox",
    "open": "benchmarks.open_long",
}


def log(*parts) -> None:
    print(*parts, file=sys.stderr, flush=True)


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))  # ceil
    return ordered[int(rank) - 1]


# -- the table ----------------------------------------------------------------------------------------
@dataclass
class Table:
    rows: list[tuple[str, ...]] = field(default_factory=list)
    verdicts: dict[str, bool | None] = field(default_factory=dict)

    def section(self, title: str) -> None:
        self.rows.append(("#", title))

    def add(self, *cells: str) -> None:
        self.rows.append(tuple(cells))

    def verdict(self, name: str, ok: bool | None) -> str:
        """Record one check of target `name` (None: could not be measured); the target is met if all are."""
        if ok is not None:
            previous = self.verdicts.get(name)
            self.verdicts[name] = ok if previous is None else (previous and ok)
        else:
            self.verdicts.setdefault(name, None)
        return "n/a" if ok is None else ("ok" if ok else "MISSED")

    def render(self) -> str:
        header = ("", "median", "p95", "target", "")
        body = [r for r in self.rows if r[0] != "#"]
        widths = [max(len(r[i]) for r in [header, *body] if i < len(r)) for i in range(len(header))]

        def line(cells: tuple[str, ...]) -> str:
            return "  ".join(c.ljust(widths[0]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(cells)).rstrip()

        out = [line(header), "-" * (sum(widths) + 2 * (len(widths) - 1))]
        for row in self.rows:
            if row[0] == "#":
                out += ["", row[1]]
            else:
                out.append(line(row))
        return "\n".join(out)


def ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} ms"


# -- the machine ----------------------------------------------------------------------------------------
def machine() -> str:
    cpu = "unknown CPU"
    try:
        for text in Path("/proc/cpuinfo").read_text().splitlines():
            if text.startswith("model name"):
                cpu = text.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import PySide6
    from PySide6 import QtCore

    return (
        f"{os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, PySide6 {PySide6.__version__} (Qt {QtCore.qVersion()})"
    )


# -- memory -----------------------------------------------------------------------------------------------
def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def process_tree(root: int) -> list[int]:
    tree, out, todo = _children(), [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += tree.get(pid, [])
    return out


def _kb(path: Path, key: str) -> int:
    try:
        for text in path.read_text().splitlines():
            if text.startswith(key + ":"):
                return int(text.split()[1])
    except OSError:
        pass
    return 0


@dataclass
class Memory:
    """One look at the memory of this process and its QtWebEngineProcess descendants, in MB."""

    rss: float  # this process's resident set
    pss: float  # the kernel's PSS, summed: pages shared with other programs are divided among them too
    anon: float  # the anonymous part of that PSS: the heaps, what the processes allocated
    own: float | None  # PSS counting only the sharing among these processes (None: not root)
    processes: int

    @property
    def judged(self) -> float:
        """The PSS the targets are checked on: the group's own when it could be read (another QtWebEngine
        program running meanwhile does not move it), else the kernel's."""
        return self.pss if self.own is None else self.own


def memory() -> Memory:
    """Measure this process and all its descendants (benchmarks/own_pss.py says why two PSS figures)."""
    from benchmarks.own_pss import own_pss

    pids = process_tree(os.getpid())
    rss = _kb(Path("/proc/self/status"), "VmRSS") / 1024
    each = {pid: _kb(Path(f"/proc/{pid}/smaps_rollup"), "Pss") // 1024 for pid in pids}
    anon = sum(_kb(Path(f"/proc/{pid}/smaps_rollup"), "Pss_Anon") for pid in pids) / 1024
    if os.environ.get("BENCH_DEBUG"):
        log(f"  PSS per process (MB): {each}")
    return Memory(rss, sum(each.values()), anon, own_pss(pids), len(pids))


def memory_rows(table: Table, target: str, before: Memory | None, after: Memory) -> None:
    """The PSS rows of a memory section: the one the target is checked on (columns: before and after, or
    only after), the kernel's when they differ, and the anonymous part."""

    def cells(value: Callable[[Memory], float]) -> tuple[str, str]:
        return (f"{value(before):.0f} MB", f"{value(after):.0f} MB") if before else (f"{value(after):.0f} MB", "")

    processes = f"{before.processes} -> {after.processes}" if before else f"{after.processes}"
    name = "PSS, app + QtWebEngine" + (" alone" if after.own is not None else "")
    table.add(
        f"{name} ({processes} processes)",
        *cells(lambda m: m.judged),
        f"<= {PSS_MB:.0f} MB",
        table.verdict(target, after.judged <= PSS_MB),
    )
    if after.own is not None:
        table.add("  PSS as the kernel counts it (shared with other programs)", *cells(lambda m: m.pss), "", "")
    anon_change = f"{(after.anon - before.anon) / before.anon:+.1%}" if before and before.anon else ""
    table.add("  of which anonymous (heaps, not libraries)", *cells(lambda m: m.anon), "", anon_change)


# -- renderers, no window ------------------------------------------------------------------------------
def bench_renderers(table: Table, runs: int) -> None:
    from editor.core.incremental import IncrementalRenderer
    from editor.core.render import Renderer

    text = post(50_000, seed=7)
    anchor = text.find("\n\n", len(text) // 2) - 10  # inside the paragraph nearest the middle
    edits = [text[: anchor + i] + "x" + text[anchor + i :] for i in range(runs + 1)]

    full = Renderer()
    full.render(text)  # warm-up (extensions, Pygments lexers)
    full_ms = []
    for edited in edits[1:]:
        t0 = time.perf_counter()
        full.render(edited)
        full_ms.append((time.perf_counter() - t0) * 1000)

    inc = IncrementalRenderer()
    inc.render(text)  # the previous text: what a keystroke's render starts from
    inc_ms: list[float] = []
    for edited in edits[1:]:
        t0 = time.perf_counter()
        inc.render(edited)
        inc_ms.append((time.perf_counter() - t0) * 1000)

    table.section("Render of a one-character edit at 50,000 words (renderers alone, no window)")
    full_median = statistics.median(full_ms)
    table.add("full render (Renderer)", ms(full_median), ms(percentile(full_ms, 95)), "", "")
    inc_median = statistics.median(inc_ms)
    ratio = full_median / inc_median if inc_median else float("inf")
    table.add("incremental (IncrementalRenderer)", ms(inc_median), ms(percentile(inc_ms, 95)), "", "")
    table.add(
        "speed-up, full / incremental",
        f"{ratio:.1f}x",
        "",
        f">= {INCREMENTAL_SPEEDUP:.0f}x",
        table.verdict("incremental", ratio >= INCREMENTAL_SPEEDUP),
    )


# -- cold start, in fresh processes ----------------------------------------------------------------------
# What benchmarks/coldstart.py prints besides the two targets, in the order they happen: where start-up goes.
COLD_PHASES = ("python", "window", "built", "editable", "updated", "holds", "frame", "painted")


def bench_cold_start(table: Table, runs: int) -> None:
    """Time fresh `longhand` processes (benchmarks/coldstart.py) from just before each is spawned to the
    editor's first paint with the 10k-word last draft and to a painted frame of the preview holding it."""
    from editor.core.model import Draft
    from editor.core.session import LAST_DRAFT_KEY
    from editor.core.store import Store

    word = "coldstartlastwordzq"
    samples: dict[str, list[float]] = {name: [] for name in COLD_PHASES}
    failures = 0
    with tempfile.TemporaryDirectory(prefix="longhand-bench-cold-") as tmp:
        data = Path(tmp) / "data"
        with Store.open(data) as store:
            body = post(10_000, seed=3) + f"\nAnd that is the end of it, {word}.\n"
            draft = store.create_draft(Draft(title="Cold start", body=body))
            store.set_setting(LAST_DRAFT_KEY, str(draft.id))
        # Python's bytecode cached as any second start has it (the first run writes it), in a folder of
        # this run's own, whatever PYTHONDONTWRITEBYTECODE says here: compiling Longhand's ~70 modules
        # from source costs ~150 ms, which a user pays once after an install or upgrade, not at each start.
        env = dict(
            os.environ,
            PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
            PYTHONPYCACHEPREFIX=str(Path(tmp) / "pycache"),
        )
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for run in range(runs + 1):  # the first run warms the disk cache and writes bytecode: not counted
            start = time.monotonic()
            proc = subprocess.run(
                [sys.executable, "-m", "benchmarks.coldstart", str(data), word],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
            )
            marks = {}
            for text in proc.stdout.splitlines():
                name, _, value = text.partition(" ")
                if name in COLD_PHASES:
                    marks[name] = (float(value) - start) * 1000
            if "editable" not in marks or "painted" not in marks:
                failures += 1
                log(f"  cold start run {run}: exit {proc.returncode}, marks {marks}\n{proc.stderr[-2000:]}")
                continue
            log(
                f"  cold start run {run} (ms from spawn): "
                + ", ".join(f"{k} {v:.0f}" for k, v in marks.items())
                + (" (no Paint after the frame: drawn before it)" if "painted-before-frame" in proc.stdout else "")
            )
            if run:
                for name, value in marks.items():
                    samples[name].append(value)

    editable, painted = samples["editable"], samples["painted"]
    table.section(
        f"Cold start, 10k-word last draft (fresh process, from before it is spawned; median of {len(editable)} runs"
        + (f", {failures} failed" if failures else "")
        + ")"
    )
    for name, values, target in (
        ("process start -> editable (editor's first paint with the draft)", editable, COLD_EDITABLE_S),
        ("process start -> preview painted (frame holding the draft)", painted, COLD_PREVIEW_S),
    ):
        if values:
            median = statistics.median(values)
            table.add(
                name,
                ms(median),
                ms(percentile(values, 95)),
                f"<= {target * 1000:.0f} ms",
                table.verdict("cold", median <= target * 1000),
            )
        else:
            table.add(name, "failed", "", f"<= {target * 1000:.0f} ms", table.verdict("cold", False))
    if samples["updated"]:
        table.add("  of which: first preview update (signal)", ms(statistics.median(samples["updated"])), "", "", "")
    log(
        "  cold start phases, medians (ms from spawn): "
        + ", ".join(f"{name} {statistics.median(v):.0f}" for name, v in samples.items() if v)
    )


# -- the window --------------------------------------------------------------------------------------------
class Harness:
    """The real main window on a throwaway store, and helpers to run the event loop."""

    def __init__(self, data: Path) -> None:
        from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer

        try:
            import PySide6.QtWebEngineWidgets  # noqa: F401  (before the QApplication)
        except ImportError:
            pass
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        from PySide6.QtTest import QTest  # here: imported at the first keystroke, it would time as a stall
        from PySide6.QtWidgets import QApplication

        from editor.core.store import Store
        from editor.ui.main_window import MainWindow

        self.QEventLoop, self.QTimer, self.QTest = QEventLoop, QTimer, QTest
        self.app = QApplication.instance() or QApplication(sys.argv[:1])
        self.store = Store.open(data)
        self.window = MainWindow(self.store)
        self.window.resize(1400, 900)
        self.window.show()
        self.window.activateWindow()
        self.editor = self.window.editor
        self.editor.setFocus()
        self.updates = 0
        self.last_update = 0.0
        self._loop = None
        self.window.preview.updated.connect(self._updated)
        self.is_web = self.window.preview.is_web

    def _updated(self) -> None:
        self.updates += 1
        self.last_update = time.perf_counter()
        if self._loop is not None:
            self._loop.quit()

    def run_for(self, seconds: float) -> None:
        loop = self.QEventLoop()
        self.QTimer.singleShot(max(0, int(seconds * 1000)), loop.quit)
        loop.exec()

    def wait_update(self, after: float, timeout: float = 15.0) -> float | None:
        """Run the event loop until the preview updates after `after` (perf_counter); returns the time."""
        deadline = time.perf_counter() + timeout
        while self.last_update <= after:
            left = deadline - time.perf_counter()
            if left <= 0:
                return None
            loop = self.QEventLoop()
            self._loop = loop
            guard = self.QTimer()
            guard.setSingleShot(True)
            guard.timeout.connect(loop.quit)
            guard.start(int(left * 1000) + 1)
            loop.exec()
            guard.stop()
            self._loop = None
        return self.last_update

    def busy(self) -> bool:
        """A render pending or running, or a post's highlighting still going on in slices (after it was
        opened or restyled: no keystroke's work)."""
        window = self.window
        return window._render_timer.isActive() or window.renderer.busy or window.editor.highlighter.pending

    def settle(self, quiet: float = 0.15, timeout: float = 30.0) -> None:
        """Run the event loop until nothing is pending (see `busy`) and the preview has been quiet for `quiet`
        s."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            self.run_for(quiet / 3)
            if not self.busy() and time.perf_counter() - self.last_update >= quiet:
                return

    def open_text(self, title: str, text: str) -> None:
        from editor.core.model import Draft

        draft = self.store.create_draft(Draft(title=title, body=text))
        started = time.perf_counter()
        self.window.open_draft(draft.id)
        self.wait_update(started, timeout=60)
        self.settle()

    def type_at(self, position: int, char: str) -> None:
        cursor = self.editor.textCursor()
        if cursor.position() != position or cursor.hasSelection():
            cursor.setPosition(position)
            self.editor.setTextCursor(cursor)
        self.QTest.keyClick(self.editor, char)

    def close(self) -> None:
        from PySide6.QtCore import QEvent

        self.window.close()
        self.window.deleteLater()
        self.app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.app.processEvents()
        self.store.close()


def edit_positions(text: str) -> dict[str, int]:
    """Inside ordinary paragraphs near the start, the middle and the end: after a word, before a space."""
    paragraphs, offset = [], 0
    for block in text.split("\n\n"):
        first = block.lstrip()[:1]
        if first.isalpha() and "\n" not in block.strip() and " " in block:
            paragraphs.append((offset, block))
        offset += len(block) + 2
    if not paragraphs:  # a document without plain paragraphs: fall back to raw offsets
        return {"start": 0, "middle": len(text) // 2, "end": len(text.rstrip())}

    def inside(start: int, block: str) -> int:
        return start + block.index(" ")  # right after the paragraph's first word

    middle = min(paragraphs, key=lambda p: abs(p[0] - len(text) // 2))
    last_start, last = paragraphs[-1]
    return {
        "start": inside(*paragraphs[0]),
        "middle": inside(*middle),
        "end": last_start + len(last.rstrip()) - 1,
    }  # before the final full stop


def bench_keystrokes(h: Harness, table: Table, documents: list[tuple[str, str]], per_cell: int) -> None:
    """Keystroke -> preview painted (frame), the target, and -> preview updated (signal) under it
    (benchmarks/paint.py says what each stops at)."""
    from benchmarks.paint import FrameWatch
    from editor.core.render import count_words

    watch = FrameWatch(h)
    table.section(
        f"Keystroke -> preview painted (frame) and updated (signal) ({per_cell} one-character edits per row, "
        f"each left to finish; preview: {'QtWebEngine' if h.is_web else 'QTextBrowser fallback, no frame row'})"
    )
    for name, text in documents:
        h.open_text(name, text)
        words = count_words(text)
        for where, position in edit_positions(text).items():
            updated, painted, timeouts = [], [], 0
            if not watch.into_view(position):
                log(f"  {name}, {where}: the edited block is not in the preview's view")
            for i in range(per_cell):
                h.run_for(0.03)  # a moment between keystrokes
                signal, frame = watch.keystroke(position + i, LETTERS[i % len(LETTERS)])
                if signal is not None:
                    updated.append(signal)
                if frame is not None:
                    painted.append(frame)
                timeouts += (frame if watch.web else signal) is None
                h.settle(quiet=0.02)
            label = f"{name} ({words:,} words), {where}"
            late = f" [{timeouts} timed out]" if timeouts else ""
            target = f"<= {KEY_MEDIAN_MS:.0f} / {KEY_P95_MS:.0f} ms"
            if watch.web:
                if painted:
                    median, p95 = statistics.median(painted), percentile(painted, 95)
                    ok = median <= KEY_MEDIAN_MS and p95 <= KEY_P95_MS and not timeouts
                    table.add(
                        f"{label} -> preview painted (frame){late}",
                        ms(median),
                        ms(p95),
                        target,
                        table.verdict("keystroke", ok),
                    )
                    log(f"  {label}: painted median {median:.1f} ms, p95 {p95:.1f} ms")
                else:
                    table.add(
                        f"{label} -> preview painted (frame)", "timeout", "", target, table.verdict("keystroke", False)
                    )
            if updated:
                median, p95 = statistics.median(updated), percentile(updated, 95)
                table.add(f"  -> preview updated (signal){'' if watch.web else late}", ms(median), ms(p95), "", "")
                log(f"  {label}: updated median {median:.1f} ms, p95 {p95:.1f} ms")


class StallClock:
    """A 5 ms PreciseTimer recording its own lateness: how long the event loop was kept from it, which is
    how long the author's input would have waited."""

    def __init__(self, h: Harness) -> None:
        from PySide6.QtCore import Qt

        self.h = h
        self.lateness: list[float] = []
        self._last = 0.0
        self._tick = h.QTimer()
        self._tick.setTimerType(Qt.TimerType.PreciseTimer)
        self._tick.setInterval(5)
        self._tick.timeout.connect(self._on_tick)

    def _on_tick(self) -> None:
        now = time.perf_counter()
        if self._last:
            self.lateness.append(max(0.0, (now - self._last) * 1000 - 5))
        self._last = now

    def start(self) -> None:
        self.lateness, self._last = [], 0.0
        self._tick.start()

    def stop(self) -> list[float]:
        self._tick.stop()
        return self.lateness

    def longest(self, action: Callable[[], None], after: float = 0.25, before: float = 0.05) -> float:
        """Run `action` from the event loop with the clock ticking, `before` s after the last one; the
        longest lateness from then until `after` seconds later (the paint and anything the action left
        queued)."""
        self.h.run_for(before)
        self.start()
        self.h.QTimer.singleShot(16, action)
        self.h.run_for(0.02 + after)
        return max(self.stop(), default=0.0)

    def while_typing(self, count: int, every_ms: int, type_one: Callable[[int], None], linger_s: float) -> list[float]:
        """The lateness while `type_one(i)` types key i of `count`, one every `every_ms`, and `linger_s`
        after the last (its work lands while still measured)."""
        from PySide6.QtCore import Qt

        typist, loop, typed = self.h.QTimer(), self.h.QEventLoop(), [0]
        typist.setTimerType(Qt.TimerType.PreciseTimer)
        typist.setInterval(every_ms)

        def on_type() -> None:
            type_one(typed[0])
            typed[0] += 1
            if typed[0] >= count:
                typist.stop()
                self.h.QTimer.singleShot(round(linger_s * 1000), loop.quit)

        typist.timeout.connect(on_type)
        self.start()
        typist.start()
        loop.exec()
        return self.stop()


def bench_stall(h: Harness, table: Table, chars: int) -> None:
    text = post(50_000, seed=11)
    h.open_text("Stall", text)
    # Typing, not opening, is measured: Chromium lays out and paints a newly opened 50k-word page for
    # a while after it is patched in (~100 ms of a CPU, which a 2-CPU machine takes from the UI thread).
    h.run_for(1.0)
    position = edit_positions(text)["middle"]
    lateness = StallClock(h).while_typing(
        chars, 50, lambda i: h.type_at(position + i, LETTERS[i % len(LETTERS)]), linger_s=0.3
    )
    h.settle()

    worst = max(lateness) if lateness else 0.0
    over = sum(1 for v in lateness if v > STALL_MS)
    table.section(
        f"UI-thread stalls while typing {chars} characters at 50 ms intervals, 50k words "
        f"(lateness of a 5 ms timer, {len(lateness)} ticks)"
    )
    table.add("timer lateness", ms(statistics.median(lateness)), ms(percentile(lateness, 95)), "", "")
    table.add(
        f"longest stall ({over} ticks over {STALL_MS:.0f} ms)",
        ms(worst),
        "",
        f"<= {STALL_MS:.0f} ms",
        table.verdict("stall", worst <= STALL_MS),
    )
    log(f"  stall: worst {worst:.1f} ms, {over} over {STALL_MS} ms")


def bench_memory(h: Harness, table: Table, edits: int, burst: int) -> None:
    text = post(10_000, seed=13)
    h.open_text("Memory", text)
    position = edit_positions(text)["middle"]
    h.run_for(1.0)
    before = memory()
    renders0 = h.window.renderer.renders_started
    for i in range(edits):
        # Bursts of quick keystrokes, each burst left to render and reach the preview.
        h.type_at(position + i, LETTERS[i % len(LETTERS)])
        if (i + 1) % burst == 0:
            h.wait_update(time.perf_counter())
            h.settle(quiet=0.01)
        else:
            h.run_for(0.003)
    h.settle()
    h.run_for(1.0)
    after = memory()
    renders = h.window.renderer.renders_started - renders0
    drift = (after.judged - before.judged) / before.judged if before.judged else 0.0
    table.section(
        f"Memory, 10k-word post: before and after {edits:,} edits ({renders} renders shown; columns: before, after)"
    )
    table.add(
        "RSS, this process",
        f"{before.rss:.0f} MB",
        f"{after.rss:.0f} MB",
        "",
        f"{(after.rss - before.rss) / before.rss:+.1%}",
    )
    memory_rows(table, "memory", before, after)
    table.add(
        "PSS drift over the edits",
        f"{drift:+.1%}",
        "",
        f"within +-{PSS_DRIFT:.0%}",
        table.verdict("memory", abs(drift) <= PSS_DRIFT),
    )
    log(f"  memory: {before} -> {after}, {renders} renders")


# -- main -----------------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--docs", help="comma-separated Markdown files to time instead of the generated posts (keystroke rows)"
    )
    parser.add_argument("--quick", action="store_true", help="fewer samples: a smoke run")
    own = ["render", "cold", "keys", "stall", "memory"]
    parser.add_argument("--only", help=f"comma-separated sections: {','.join(own + list(MODULES))}")
    parser.add_argument(
        "--write-docs",
        action="store_true",
        help=f"also put the table into the 'Latest run' section of {PERFORMANCE_DOC.relative_to(ROOT)}",
    )
    args = parser.parse_args(argv)
    sections = set((args.only or ",".join(own + list(MODULES))).split(","))
    per_cell = 8 if args.quick else 30
    started = time.perf_counter()

    if args.docs:
        documents = [(Path(p).name, Path(p).read_text(encoding="utf-8")) for p in args.docs.split(",") if p]
    else:
        documents = [(f"{n // 1000}k", post(n, seed=1)) for n in (1_000, 10_000, 50_000)]

    header = [
        f"Longhand benchmark, {date.today().isoformat()}",
        f"Machine: {machine()}",
        f"Platform: QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM')}"
        + (" (quick run: fewer samples)" if args.quick else ""),
    ]
    log("\n".join(header))
    table = Table()

    if "render" in sections:
        log("renderers…")
        bench_renderers(table, 5 if args.quick else 15)
    if "cold" in sections:
        log("cold start…")
        bench_cold_start(table, 2 if args.quick else 5)

    if sections & {"keys", "stall", "memory"}:
        with tempfile.TemporaryDirectory(prefix="longhand-bench-") as tmp:
            h = Harness(Path(tmp) / "data")
            try:
                h.settle(timeout=60)
                if "memory" in sections:  # first, on a fresh window: nothing else has grown the heaps yet
                    log("memory…")
                    bench_memory(h, table, 300 if args.quick else 2_000, 10)
                if "keys" in sections:
                    log("keystrokes…")
                    bench_keystrokes(h, table, documents, per_cell)
                if "stall" in sections:
                    log("stalls…")
                    bench_stall(h, table, 60 if args.quick else 200)
                if "memory" in sections and sections & {"keys", "stall"}:
                    h.settle()
                    h.run_for(1.0)
                    end = memory()
                    table.section("Memory at the end (after every window benchmark above, incl. 50k-word posts)")
                    table.add("RSS, this process", f"{end.rss:.0f} MB", "", "", "")
                    memory_rows(table, "memory_end", None, end)
            finally:
                h.close()
    targets = dict(TARGETS)
    for name, module_name in MODULES.items():  # each makes its own window or store
        if name in sections:
            log(f"{name}…")
            module = importlib.import_module(module_name)  # they import this module: not at the top
            module.bench(table, args.quick)
            targets.update(module.TARGETS)

    summary = ", ".join(
        f"{targets[k]}: {'n/a' if v is None else ('met' if v else 'MISSED')}" for k, v in table.verdicts.items()
    )
    report = "\n".join(
        [
            *header,
            "",
            table.render(),
            "",
            f"Targets: {summary}",
            f"(benchmark took {time.perf_counter() - started:.0f} s)",
        ]
    )
    print(report)
    if args.write_docs:
        write_docs(report)
        log(f"wrote the table into {PERFORMANCE_DOC.relative_to(ROOT)}")
    sys.stdout.flush()
    sys.stderr.flush()
    # QtWebEngine may crash while Python tears down; everything is printed and closed.
    os._exit(1 if False in table.verdicts.values() else 0)


if __name__ == "__main__":
    main()
