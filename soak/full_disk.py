"""Full disk: saves on a small real filesystem filled to a random level before each one.

Each case leaves a random amount of free space (a ballast file takes the rest), then saves a draft body
of random size. A save either lands whole or fails with the plain sentence "the disk is full"; either way
the draft holds exactly the last text that was saved, the file passes `PRAGMA integrity_check`, and it
opens again. Needs root (it mounts a tmpfs), like `make test` in CI.

`python -m soak.full_disk [CASES]` prints the row.
"""

from __future__ import annotations

import dataclasses
import os
import random
import sqlite3
import sys
import tempfile
from pathlib import Path

from editor.core.model import Draft
from editor.core.paths import database_path
from editor.core.store import Store, StoreError
from soak.report import Row, table
from tests.small_disk import small_disk

DISK_KB = 1024
CASES_PER_DISK = 25
# Free space left before each save: none, a page, some, a lot, or no ballast at all.
FREE_BYTES = (0, 4096, 65_536, 262_144, 524_288, DISK_KB * 1024)


def _fill(disk: Path, free_bytes: int) -> None:
    """Take all but `free_bytes` of the disk with a ballast file."""
    ballast = disk / "ballast"
    ballast.unlink(missing_ok=True)
    stat = os.statvfs(disk)
    size = max(stat.f_bavail * stat.f_frsize - free_bytes, 0)
    with open(ballast, "wb") as out:
        try:
            out.write(b"\0" * size)
        except OSError:  # full already: what is written is the ballast
            pass


def _intact(folder: Path) -> bool:
    with sqlite3.connect(database_path(folder)) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def run(cases: int, workdir: Path, seed: int | None = None) -> Row:
    """Try `cases` saves on a nearly full disk; count failures (a save that failed any other way than
    the plain sentence, a damaged file) and lost saves (the draft holds something else than the last
    text saved). Every CASES_PER_DISK cases start on a new disk: the saves that land fill it for good."""
    seed = random.randrange(1 << 30) if seed is None else seed
    rng = random.Random(seed)
    lost = full = 0
    problems: list[str] = []
    for first in range(0, cases, CASES_PER_DISK):
        with small_disk(workdir / f"disk-{first}", size_kb=DISK_KB) as disk:
            folder = disk / "data"
            with Store.open(folder) as store:
                draft = store.create_draft(Draft(title="On a full disk", body="first"))
            saved = draft.body
            for case in range(first, min(first + CASES_PER_DISK, cases)):
                _fill(disk, rng.choice(FREE_BYTES))
                text = f"case {case} " + rng.choice("abcdef") * rng.randrange(1, 40_000)
                refused, problem, saved = _save(folder, draft.id, text, saved)
                full += refused
                problems += [f"case {case}: {problem}"] if problem else []
                (disk / "ballast").unlink(missing_ok=True)  # then read back, as the author will
                lost += _body(folder, draft.id) != saved
                if not _intact(folder):
                    problems.append(f"case {case}: the file failed its integrity check")
    return Row(
        "full disk",
        cases,
        len(problems),
        lost,
        0,
        f"{cases - full} saves landed whole, {full} refused with “the disk is full” and changed nothing "
        f"(seed {seed})" + "".join(f"; {p}" for p in problems[:3]),
    )


def _save(folder: Path, draft_id: int, text: str, saved: str) -> tuple[bool, str, str]:
    """One save: (refused, what went wrong if anything, the text now saved). A refusal, opening or
    saving, must say plainly that the disk is full."""
    try:
        with Store.open(folder) as store:
            store.save_draft(dataclasses.replace(store.get_draft(draft_id), body=text))
        return False, "", text
    except StoreError as exc:
        return True, "" if str(exc).endswith("the disk is full.") else str(exc), saved


def _body(folder: Path, draft_id: int) -> str:
    """The draft's text as it is on disk."""
    with sqlite3.connect(database_path(folder)) as conn:
        return conn.execute("SELECT body FROM drafts WHERE id = ?", (draft_id,)).fetchone()[0]


def main(argv: list[str]) -> int:
    cases = int(argv[0]) if argv else 100
    with tempfile.TemporaryDirectory() as workdir:
        row = run(cases, Path(workdir))
    print(table([row]))
    return 0 if row.ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
