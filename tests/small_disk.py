"""A real small filesystem for full-disk and read-only tests: a tmpfs mounted for the test (needs root,
as in CI; elsewhere the tests that need it are skipped with a reason)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def small_disk(where: Path, size_kb: int = 1024) -> Iterator[Path]:
    """Mount a `size_kb` tmpfs at `where`; `remount_read_only(where)` turns it read-only."""
    where.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(where)], capture_output=True, text=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem here (needs root): {mounted.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=True)


def remount_read_only(where: Path) -> None:
    """Make a mounted small disk read-only, as a failing or write-protected disk would be."""
    subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)
