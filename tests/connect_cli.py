"""A `longhand accounts connect` process waiting for the browser, for tests of connecting through it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.longhand_cli import ROOT, Longhand


class Waiting:
    """A `longhand accounts connect` process that printed its approval page and waits for the answer."""

    def __init__(self, proc: subprocess.Popen, page: str) -> None:
        self.proc, self.page = proc, page

    @property
    def cmdline(self) -> bytes:
        """The process's argv, as any user of the machine can read it."""
        return Path(f"/proc/{self.proc.pid}/cmdline").read_bytes()

    def finish(self) -> tuple[int, str, str]:
        """Wait for it to end: its exit status, stdout and stderr."""
        out, err = self.proc.communicate(timeout=120)
        return self.proc.returncode, out, err


@contextmanager
def connecting(longhand: Longhand, url: str, *args: str, env: dict[str, str] | None = None) -> Iterator[Waiting]:
    """Start `longhand accounts connect --url URL ARGS…`; yields once it printed the approval page's
    address (killed on leaving, if still running)."""
    argv = [sys.executable, "-m", "editor", "accounts", "connect", "--url", url, *args]
    longhand.seen.append(" ".join(argv))
    proc = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env or longhand.env, cwd=ROOT
    )
    try:
        lines = []
        while proc.stderr is not None and (line := proc.stderr.readline()):
            lines.append(line)
            if line.startswith("  http"):
                break
        else:
            proc.wait(timeout=60)
            raise AssertionError(f"accounts connect printed no address: {''.join(lines)}")
        yield Waiting(proc, lines[-1].strip())
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
