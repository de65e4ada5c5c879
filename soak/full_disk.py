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
FULL = "Could not save: the disk is full."  # what a refused save must say


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
    text saved)."""
    seed = random.randrange(1 << 30) if seed is None else seed
    rng = random.Random(seed)
    lost = full = 0
    problems: list[str] = []
    with small_disk(workdir / "disk", size_kb=DISK_KB) as disk:
        folder = disk / "data"
        with Store.open(folder) as store:
            draft = store.create_draft(Draft(title="On a full disk", body="first"))
        saved = draft.body
        for case in range(cases):
            _fill(disk, rng.choice((0, 4096, 65_536, 262_144, 524_288)))
            text = f"case {case} " + rng.choice("abcdef") * rng.randrange(1, 100_000)
            try:
                with Store.open(folder) as store:
                    current = store.get_draft(draft.id)
                    try:
                        store.save_draft(dataclasses.replace(current, body=text))
                        saved = text
                    except StoreError as exc:
                        full += 1
                        if str(exc) != FULL:
                            problems.append(f"case {case}: {exc}")
                    lost += store.get_draft(draft.id).body != saved
            except StoreError as exc:  # could not even open the library: fine, if it says why plainly
                full += 1
                if not str(exc).endswith("the disk is full."):
                    problems.append(f"case {case}, opening: {exc}")
            (disk / "ballast").unlink(missing_ok=True)
            if not _intact(folder):
                problems.append(f"case {case}: the file failed its integrity check")
    failures = len(problems)
    return Row("full disk", cases, failures, lost, 0,
               f"{cases - full} saves landed whole, {full} refused with “the disk is full” and changed nothing "
               f"(seed {seed})" + "".join(f"; {p}" for p in problems[:3]))


def main(argv: list[str]) -> int:
    cases = int(argv[0]) if argv else 100
    with tempfile.TemporaryDirectory() as workdir:
        row = run(cases, Path(workdir))
    print(table([row]))
    return 0 if row.ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
