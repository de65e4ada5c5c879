"""Running the `longhand` command as a real process, the way a script or a user does."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class Longhand:
    """Runs `python -m editor` with its own data dir, aimed at the test Secret Service; keeps every argv,
    stdout and stderr so the test can check that the password never showed up in them."""

    def __init__(self, data: Path, env: dict[str, str]) -> None:
        self.data, self.env = data, {**env, "LONGHAND_HOME": str(data)}
        self.seen: list[str] = []

    def __call__(self, *args: str, stdin: str | None = None, ok: bool = True) -> subprocess.CompletedProcess:
        argv = [sys.executable, "-m", "editor", *args]
        done = subprocess.run(argv, input=stdin, capture_output=True, text=True, env=self.env, cwd=ROOT, timeout=120)
        self.seen += [" ".join(argv), done.stdout, done.stderr]
        if ok:
            assert done.returncode == 0, done.stderr
        return done

    def json(self, *args: str, **kwargs) -> object:
        return json.loads(self(*args, "--json", **kwargs).stdout)
