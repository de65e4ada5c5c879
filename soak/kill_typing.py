"""Crash soak: the author types into the real window and the process is SIGKILLed at a random moment.

Each case starts a child process that opens the real window (offscreen) on a data folder, reopens the
draft left there, and types into the editor one key event at a time at a human-ish random rate, so the
text travels the real path: editor → MainWindow's autosave timer → DraftSession → BackgroundSaver →
Store. The child reports every keystroke (its index and a monotonic time stamp, taken once the key is
in the editor) through a pipe. The parent kills the child with SIGKILL at a random moment, then checks
the database file passes `PRAGMA integrity_check`, the store opens, and the draft holds every
keystroke typed more than half a second before the kill — the README's promise.

A data folder is reused from case to case, as an author reopens Longhand and goes on writing after a
crash; a few folders are worked on side by side so that 100 kills fit in a test run.

    python -m soak.kill_typing --cases 1000 [--seed N] [--workdir DIR] [--workers N] [--text-preview]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from editor.core.paths import database_path
from editor.core.session import LAST_DRAFT_KEY, DraftSession
from editor.core.store import Store, StoreError
from soak.report import Row, table

if TYPE_CHECKING:  # Qt is imported by the child only
    from PySide6.QtWidgets import QApplication, QWidget

CHECK = "kill -9 while typing"
PROMISE_S = 0.5  # README: "a killed process loses at most the last half second"
KILL_AFTER_S = (0.2, 1.5)  # how long the author types before the kill
WORKERS = 3  # children alive at once: each mostly waits between keystrokes, so 2 cores keep up
START_TIMEOUT_S = 60.0
PROJECT = Path(__file__).resolve().parent.parent

# Words to type: plain prose with some Markdown and a few characters outside ASCII.
WORDS = (
    "the",
    "night",
    "train",
    "left",
    "at",
    "nine",
    "and",
    "we",
    "wrote",
    "all",
    "way",
    "north",
    "café",
    "naïve",
    "über",
    "*slowly*",
    "`code`",
    "—",
    "[link](x)",
    "# Heading",
    "> quote",
)


@dataclass(frozen=True)
class Plan:
    """What one child types: `text`, one character at a time, waiting `gaps[i]` seconds before key i;
    it is killed `kill_after` seconds after its window is up."""

    text: str
    gaps: list[float]
    kill_after: float


@dataclass
class Outcome:
    """What the check found after one kill."""

    case: int
    problems: list[str] = field(default_factory=list)
    lost: int = 0
    duplicated: int = 0
    oldest_unsaved_s: float | None = None  # age at the kill of the first keystroke the store lacks


@dataclass
class Folder:
    """A data folder and the draft the author keeps writing in it, as the store last held it."""

    path: Path
    draft_id: int
    body: str


# -- the parent -------------------------------------------------------------------------------------
def run(cases: int, workdir: Path, seed: int | None = None, *, workers: int = WORKERS, web_preview: bool = True) -> Row:
    """Kill the typing window `cases` times (data folders under `workdir`); one row of the table.

    The seed (printed, and kept in the row's note) fixes what is typed and when each kill comes.
    With `web_preview` the window has its QtWebEngine preview, as the app does when QtWebEngine is
    installed (Chromium's processes then compete with the saving for the CPU); without it, the plain
    text preview: the same saving path, at about half the CPU a start.
    """
    if seed is None:
        seed = random.SystemRandom().randrange(2**32)
    print(f"{CHECK}: seed {seed}", flush=True)
    workdir.mkdir(parents=True, exist_ok=True)
    outcomes: list[Outcome] = []
    errors: list[Exception] = []
    lock = threading.Lock()

    def work(slot: int) -> None:
        try:
            for outcome in _author(slot, range(slot, cases, workers), seed, workdir, web_preview):
                if outcome.problems:
                    print(f"case {outcome.case} (seed {seed}): " + "; ".join(outcome.problems), flush=True)
                with lock:
                    outcomes.append(outcome)
        except Exception as exc:  # noqa: BLE001 - handed to the caller: a driver fault must not read as a pass
            errors.append(exc)

    threads = [
        threading.Thread(target=work, args=(slot,), name=f"soak-author-{slot}") for slot in range(min(workers, cases))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return _row(outcomes, seed, web_preview)


def _row(outcomes: list[Outcome], seed: int, web_preview: bool) -> Row:
    ages = [o.oldest_unsaved_s for o in outcomes if o.oldest_unsaved_s is not None]
    oldest = f"{max(ages):.3f} s" if ages else "none"
    preview = "web" if web_preview else "text"
    return Row(
        check=CHECK,
        cases=len(outcomes),
        failures=sum(1 for o in outcomes if o.problems),
        lost=sum(o.lost for o in outcomes),
        duplicated=sum(o.duplicated for o in outcomes),
        note=f"seed {seed}; real window ({preview} preview), SIGKILL after {KILL_AFTER_S[0]}–"
        f"{KILL_AFTER_S[1]} s of typing; oldest keystroke missing at a kill: {oldest} "
        f"(limit {PROMISE_S} s)",
    )


def _author(slot: int, cases: range, seed: int, workdir: Path, web_preview: bool) -> Iterator[Outcome]:
    """One author's cases, one after another in the same data folder."""
    folder = _prepare_folder(workdir / f"author-{slot}")
    plans = {case: _plan(random.Random(f"{seed}/{case}")) for case in cases}
    upcoming = _Child(folder.path, plans[cases[0]], web_preview, workdir / f"case-{cases[0]}.log")
    try:
        for case, following in zip(cases, [*cases[1:], None], strict=True):
            child = upcoming
            child.go()
            # The next case's process imports Qt and Longhand while this one types; it touches the
            # store only once told to go, after this one is dead and checked.
            upcoming = (
                None
                if following is None
                else _Child(folder.path, plans[following], web_preview, workdir / f"case-{following}.log")
            )
            outcome, folder = _run_case(case, plans[case], child, folder)
            yield outcome
    finally:
        if upcoming is not None:
            upcoming.kill()


def _prepare_folder(path: Path) -> Folder:
    # The window's own first start: the welcome draft, which the author then writes on.
    with Store.open(path) as store:
        draft = DraftSession(store).open_initial()
    return Folder(path, draft.id, draft.body)


def _plan(rng: random.Random) -> Plan:
    """A random moment to kill at, and text with key gaps to last past it: ~7 keys a second, with a
    pause now and then."""
    kill_after = rng.uniform(*KILL_AFTER_S)
    text, gaps = "", []
    while sum(gaps) < kill_after + 1.0:
        word = rng.choice(WORDS)
        text += word + rng.choice(("", "", "", "", ". ", "\n\n")) + " "
        while len(gaps) < len(text):
            gaps.append(rng.uniform(0.6, 1.2) if rng.random() < 0.05 else rng.uniform(0.04, 0.22))
    return Plan(text, gaps, kill_after)


def _run_case(case: int, plan: Plan, child: _Child, folder: Folder) -> tuple[Outcome, Folder]:
    """Let `child` type in `folder` until killed; the outcome and the folder as the store now holds it."""
    outcome = Outcome(case)
    typed, killed_at, opened = child.type_and_kill(outcome)
    if opened is not None and opened != (folder.draft_id, len(folder.body)):
        outcome.problems.append(
            f"the window reopened draft {opened[0]} with {opened[1]} characters, "
            f"not draft {folder.draft_id} with {len(folder.body)}"
        )
    body = _read_back(folder, outcome)
    if killed_at is not None and body is not None:
        _compare(folder.body, plan.text, typed, killed_at, body, outcome)
    if not outcome.problems:
        child.log.unlink()
    if body is None:
        # An unreadable library: keep it for a post-mortem and let this author start afresh.
        folder.path.rename(folder.path.with_name(f"{folder.path.name}-broken-{case}"))
        return outcome, _prepare_folder(folder.path)
    return outcome, Folder(folder.path, folder.draft_id, body)


class _Child:
    """A window process for one case: started early, opens the store when told to go."""

    def __init__(self, data: Path, plan: Plan, web_preview: bool, log: Path) -> None:
        self.plan, self.log = plan, log
        read_end, write_end = os.pipe()
        with open(log, "wb") as stderr:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "soak.kill_typing",
                    "--child",
                    str(data),
                    "--report-fd",
                    str(write_end),
                    *([] if web_preview else ["--text-preview"]),
                    json.dumps(asdict(plan)),
                ],
                cwd=PROJECT,
                pass_fds=(write_end,),
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                start_new_session=True,
            )  # its own group: QtWebEngine's helpers go with it
        os.close(write_end)
        self.reports = _Lines(read_end)

    def go(self) -> None:
        """Let the child open the store and start typing."""
        try:
            self.process.stdin.write(b"go\n")
            self.process.stdin.close()
        except BrokenPipeError:
            pass  # it died starting up: type_and_kill says so

    def type_and_kill(self, outcome: Outcome) -> tuple[list[float], float | None, tuple[int, int] | None]:
        """SIGKILL the child `plan.kill_after` s after its window is up (typing starts then).

        Returns the keystroke time stamps reported, the moment of the kill (None if the window never
        came up), and (draft id, length) of the text the window opened with.
        """
        killed_at = opened = None
        try:
            ready = self.reports.next_line(time.monotonic() + START_TIMEOUT_S)
            if ready is None or not ready.startswith("ready "):
                outcome.problems.append(f"the window did not start (see {self.log})")
            else:
                _, draft_id, length = ready.split()
                opened = (int(draft_id), int(length))
                time.sleep(self.plan.kill_after)
                if self.process.poll() is not None:
                    outcome.problems.append(
                        f"the window ended by itself (status {self.process.returncode}, see {self.log})"
                    )
                killed_at = time.monotonic()
                os.kill(self.process.pid, signal.SIGKILL)
        finally:
            lines = self.kill()
        return [float(line.split()[1]) for line in lines], killed_at, opened

    def kill(self) -> list[str]:
        """Make sure the child and its helpers are gone; the report lines not read yet."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        _kill_group(self.process.pid)
        return self.reports.drain()


def _kill_group(pgid: int) -> None:
    # QtWebEngine's helper processes would see their parent gone and exit, but not necessarily before
    # the next child starts; they are ours (the child's session), so they go now.
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass


class _Lines:
    """Lines from the child's report pipe."""

    def __init__(self, fd: int) -> None:
        self._fd, self._buffer = fd, b""

    def next_line(self, deadline: float) -> str | None:
        """The next line, or None at end of file or when `deadline` (monotonic) passes first."""
        while b"\n" not in self._buffer:
            ready, _, _ = select.select([self._fd], [], [], max(0.0, deadline - time.monotonic()))
            chunk = os.read(self._fd, 65536) if ready else b""
            if not chunk:
                return None
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line.decode()

    def drain(self) -> list[str]:
        """Every remaining complete line, up to end of file (the writers are dead by now); closes the pipe."""
        while chunk := os.read(self._fd, 65536):
            self._buffer += chunk
        os.close(self._fd)
        # A line cut off by the kill is a report that never finished, not a keystroke known typed.
        return [line.decode() for line in self._buffer.split(b"\n")[:-1]]


def _read_back(folder: Folder, outcome: Outcome) -> str | None:
    """The open draft's body as the next start sees it; None (with the problem noted) if unreadable."""
    try:
        with closing(sqlite3.connect(database_path(folder.path))) as db:
            verdict = [row[0] for row in db.execute("PRAGMA integrity_check")]
    except sqlite3.Error as exc:
        verdict = [str(exc)]
    if verdict != ["ok"]:
        outcome.problems.append(f"integrity_check: {'; '.join(verdict)[:300]}")
        return None
    try:
        with Store.open(folder.path) as store:
            last = store.get_setting(LAST_DRAFT_KEY)
            if last != str(folder.draft_id):
                outcome.problems.append(f"the last draft is {last!r}, not {folder.draft_id}")
            return store.get_draft(folder.draft_id).body
    except StoreError as exc:
        outcome.problems.append(f"the store did not open: {exc}")
        return None


def _compare(before: str, text: str, typed: list[float], killed_at: float, body: str, outcome: Outcome) -> None:
    """Check `body` is `before` plus a prefix of `text` reaching every keystroke due by the promise."""
    due = sum(1 for stamp in typed if stamp <= killed_at - PROMISE_S)  # stamps only grow
    expected = before + text
    kept = _common_prefix(body, expected)
    missing = len(before) + due - kept
    if missing > 0:
        outcome.lost = missing
        outcome.problems.append(
            f"{missing} keystroke(s) older than {PROMISE_S} s lost: of {len(typed)} "
            f"typed, {due} were due and the store has {kept - len(before)}"
        )
    if kept < len(body):
        outcome.duplicated = len(body) - kept
        outcome.problems.append(
            f"{len(body) - kept} character(s) in the store were never typed there: {body[kept : kept + 60]!r}"
        )
    saved_keys = kept - len(before)
    if 0 <= saved_keys < len(typed):
        outcome.oldest_unsaved_s = killed_at - typed[saved_keys]


def _common_prefix(a: str, b: str) -> int:
    return len(os.path.commonprefix([a, b]))


# -- the child --------------------------------------------------------------------------------------
def _child(data: Path, report_fd: int, plan: Plan, web_preview: bool) -> None:
    """Once the parent says go, open the real window on `data`, go to the end of the draft it reopens
    and type `plan`, reporting each keystroke on `report_fd`; runs until killed."""
    app = _application(web_preview)
    from PySide6.QtCore import QTimer

    from editor.ui.main_window import MainWindow

    if sys.stdin.readline() != "go\n":
        return  # the run ended before this case's turn
    window = MainWindow(Store.open(data), use_web_preview=web_preview)
    window.show()
    window.activateWindow()
    window.editor.setFocus()
    window.editor.move_to_end()
    os.write(report_fd, f"ready {window.session.draft.id} {len(window.editor.toPlainText())}\n".encode())

    def type_key(index: int) -> None:
        _press(window.editor, plan.text[index])
        # Stamped once the editor has the key (and its autosave timer runs), before any save.
        os.write(report_fd, f"{index} {time.monotonic()}\n".encode())
        if index + 1 < len(plan.text):
            QTimer.singleShot(round(plan.gaps[index + 1] * 1000), lambda: type_key(index + 1))

    QTimer.singleShot(round(plan.gaps[0] * 1000), lambda: type_key(0))
    app.exec()


def _application(web_preview: bool) -> QApplication:
    """The QApplication, set up as editor.ui.app.run sets it up (offscreen unless a display is asked for)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from editor.ui.app import prepare_environment

    prepare_environment()
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QApplication

    if web_preview:
        try:  # as editor.ui.app.run: QtWebEngine must be imported before the application object exists
            import PySide6.QtWebEngineWidgets  # noqa: F401
        except ImportError:
            pass  # the window falls back to the text preview, as the app does
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    return QApplication([])


def _press(widget: QWidget, char: str) -> None:
    """One key press and release, as a keyboard sends them (QTest.keyClicks asserts outside ASCII)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    if char == "\n":
        key, char = Qt.Key.Key_Return, "\r"
    else:
        key = Qt.Key(ord(char.upper())) if char.isascii() else Qt.Key.Key_unknown
    for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))


def main(argv: list[str] | None = None) -> int:
    """`--cases N [--seed S] [--workdir DIR] ...`: run the soak and print its row; exit 1 if it failed."""
    parser = argparse.ArgumentParser(prog="python -m soak.kill_typing", description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=100)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--workdir", type=Path, help="where the data folders go (default: a temporary one)")
    parser.add_argument("--workers", type=int, default=WORKERS, help="windows typing at once")
    parser.add_argument(
        "--text-preview", action="store_true", help="the plain text preview instead of QtWebEngine's (cheaper starts)"
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--report-fd", type=int, help=argparse.SUPPRESS)
    parser.add_argument("plan", nargs="?", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child, args.report_fd, Plan(**json.loads(args.plan)), not args.text_preview)
        return 0
    options = {"workers": args.workers, "web_preview": not args.text_preview}
    if args.workdir:
        row = run(args.cases, args.workdir, args.seed, **options)
    else:
        with tempfile.TemporaryDirectory(prefix="longhand-soak-") as workdir:
            row = run(args.cases, Path(workdir), args.seed, **options)
    print(table([row]))
    return 0 if row.ok else 1


if __name__ == "__main__":
    sys.exit(main())
