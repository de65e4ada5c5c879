"""`make soak`: every reliability check against the real things, one table.

Starts one private Secret Service (this process and the `longhand` commands it runs keep their blog
passwords there) and one real WordPress for the whole run, runs each check with the case count the issue
asks for, prints the table and writes it to docs/reliability.md with the date and the command. Exits
non-zero when any row has a failure, a loss or a duplicate, or a check could not run.

`python -m soak.run [--quick] [--only NAME …] [--no-write]`
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from soak.report import Row, table
from soak.world import real_world

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "docs" / "reliability.md"

# name → (cases in a full run, cases with --quick, whether it needs the WordPress)
CHECKS: dict[str, tuple[int, int, bool]] = {
    "kill_typing": (1000, 100, False),
    "exactly_once": (200, 40, True),
    "two_runners": (48, 12, True),
    "hostile_comments": (1000, 100, True),  # every vector of the corpus (it has fewer than 1,000)
    "local_files": (30, 5, True),
    "secrets": (10, 3, True),
    "full_disk": (300, 40, False),
}


def _check(name: str) -> Callable[..., Row | list[Row]]:
    module = __import__(f"soak.{name}", fromlist=["run"])
    return module.run


def run_checks(names: list[str], quick: bool, workdir: Path) -> tuple[list[Row], float]:
    """Run the named checks; a check that raises is a row of its own with one failure."""
    if "hostile_comments" in names:
        from soak.hostile_comments import application

        application()  # before the private bus is in the environment: Qt must never see it
    rows: list[Row] = []
    started = time.monotonic()
    with real_world(workdir, wordpress=any(CHECKS[n][2] for n in names)) as wordpress:
        for name in names:
            full, small, needs_wordpress = CHECKS[name]
            cases = small if quick else full
            print(f"{name}: {cases} cases…", flush=True)
            began = time.monotonic()
            try:
                args = (cases, workdir / name, wordpress) if needs_wordpress else (cases, workdir / name)
                found = _check(name)(*args)
            except Exception as exc:  # noqa: BLE001 - a check that could not run is a failure, never a blank row
                traceback.print_exc()
                found = Row(name, cases, 1, note=f"the check itself failed: {type(exc).__name__}: {exc}")
            for row in found if isinstance(found, list) else [found]:
                rows.append(row)
                print(table([row]).splitlines()[-1], flush=True)
            print(f"{name}: {time.monotonic() - began:.0f} s", flush=True)
    return rows, time.monotonic() - started


def report(rows: list[Row], command: str, seconds: float) -> str:
    """The Markdown of docs/reliability.md."""
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    verdict = "every row clean" if all(r.ok for r in rows) else "NOT CLEAN: see the rows with failures"
    return "\n".join(
        [
            "# Reliability",
            "",
            f"`{command}` on {when}, {seconds / 60:.0f} minutes on this 2-CPU machine: {verdict}.",
            "",
            "Each check drives the real thing: the window or the store for typing, a real WordPress (Debian's",
            "packages) on 127.0.0.1 for everything that publishes, a real Secret Service for the passwords, a",
            "real tmpfs for the full disk. *Failures* are cases that did not end as they must; *lost* and",
            "*duplicated* count data (keystrokes, posts, media, replies, moderations) checked at the far end.",
            "",
            table(rows),
            "",
            "How each row is made: `soak/<check>.py` (each runs alone too, `python -m soak.<check> [CASES]`);",
            "`make test` runs every check with fewer cases (100 kills while typing, 40 operations through the",
            "chaos proxy, …).",
            "",
        ]
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="soak", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the small case counts (a few minutes)")
    parser.add_argument("--only", nargs="+", choices=sorted(CHECKS), help="run only these checks")
    parser.add_argument("--no-write", action="store_true", help="print the table, leave docs/reliability.md")
    args = parser.parse_args(argv)
    names = args.only or list(CHECKS)
    with tempfile.TemporaryDirectory(prefix="longhand-soak-") as tmp:
        rows, seconds = run_checks(names, args.quick, Path(tmp))
    command = "make soak" + (" (--quick)" if args.quick else "") + (f" (--only {' '.join(names)})" if args.only else "")
    text = report(rows, command, seconds)
    print("\n" + table(rows))
    if not args.no_write and not args.only:
        REPORT.write_text(text, encoding="utf-8")
        print(f"\nwritten to {REPORT.relative_to(ROOT)}")
    return 0 if all(row.ok for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
