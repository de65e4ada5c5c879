"""Running the `longhand` command as a real process, the way a script or a user does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from tests.fault_proxy import FaultProxy

if TYPE_CHECKING:
    from tests.wordpress_server import WordPress

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

    def add_blog(self, url: str, wordpress: WordPress, name: str) -> dict:
        """`longhand accounts add` for the test WordPress's admin at `url` (the WordPress itself, or a proxy
        in front of it), the application password piped on stdin as a script would."""
        return self.json(
            "accounts",
            "add",
            "--backend",
            "wordpress",
            "--url",
            url,
            "--user",
            wordpress.admin_user,
            "--name",
            name,
            stdin=wordpress.app_password + "\n",
        )


@contextmanager
def proxied_longhand(wordpress: WordPress, data: Path, name: str = "proxied") -> Iterator[tuple[Longhand, FaultProxy]]:
    """A `longhand` with its own data folder (in this process's environment, keyring included), whose blog
    is `wordpress` seen through a FaultProxy that logs every request and can break its answers."""
    with FaultProxy(wordpress.url) as proxy:
        run = Longhand(data, dict(os.environ))
        run.add_blog(proxy.url, wordpress, name)
        yield run, proxy
