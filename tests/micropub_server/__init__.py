"""A real Micropub site on 127.0.0.1 for the tests: django-indieweb (PyPI) in a small Django project.

django-indieweb parses and checks every Micropub request (JSON and form-encoded creates, updates with
replace/add/delete, delete/undelete, q=config, q=source, q=category, the media endpoint with its q=source
list); the project adds what django-indieweb leaves to its host: a handler keeping posts in SQLite
(blog/handler.py), a storage that indexes uploads by their original names (blog/storage.py), the home page
naming the endpoint, post pages, and a few sites whose endpoint misbehaves (blog/views.py, urls.py).

`start_micropub_site(workdir)` runs it (serve.py) in a process of its own, with a new database, a user and
two tokens created through the ORM (one with every scope, one with `create` alone); `MicropubSite.stop()`
ends it. `shared_site(tmp_path_factory)` gives one site to every fixture of a pytest session that asks
(this module's `micropub_site` fixture, the contract suite's target), started by the first and stopped
after the last.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import select
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FULL_SCOPE = "create update delete undelete media"
START_TIMEOUT = 60.0


@dataclass
class MicropubSite:
    url: str  # "http://127.0.0.1:PORT": the home page, naming the endpoint
    token: str = field(repr=False)  # every scope
    create_only_token: str = field(repr=False)  # scope "create": may post, not edit
    data: Path  # the database, uploaded files, the logs
    start_seconds: float
    _process: subprocess.Popen = field(repr=False)

    @property
    def endpoint(self) -> str:
        return self.url + "/indieweb/micropub/"

    @property
    def media_endpoint(self) -> str:
        return self.url + "/indieweb/media/"

    def requests(self) -> list[dict]:
        """Every request the site answered so far, one dict each (see blog/views.py's RequestLog)."""
        log = self.data / "requests.jsonl"
        return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []

    def stop(self) -> None:
        """Terminates the server (killed if it does not end within 10 s). Idempotent."""
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=10)


def start_micropub_site(workdir: Path) -> MicropubSite:
    """Starts a new site with its data under `workdir`; returns once its home page answers."""
    started = time.monotonic()
    data = workdir / "micropub-site"
    token, create_only = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    argv = [sys.executable, "-m", "tests.micropub_server.serve", str(data)]
    if setpriv := shutil.which("setpriv"):  # the server dies with the test process, even on kill -9
        argv = [setpriv, "--pdeathsig", "TERM", "--", *argv]
    process = subprocess.Popen(
        argv,
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=open(workdir / "micropub-serve.err", "wb"),  # noqa: SIM115 - the child keeps it
        env={k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(
        json.dumps([{"key": token, "scope": FULL_SCOPE}, {"key": create_only, "scope": "create"}]).encode()
    )
    process.stdin.write(b"\n")
    process.stdin.close()
    site = None
    try:
        ready, _, _ = select.select([process.stdout], [], [], START_TIMEOUT)
        port = process.stdout.readline().strip() if ready else b""
        if not port.isdigit():
            raise RuntimeError(
                f"the test Micropub site did not start: {(workdir / 'micropub-serve.err').read_text()[-3000:]}"
            )
        url = f"http://127.0.0.1:{int(port)}"
        _wait_until_serving(url, process)
        site = MicropubSite(url, token, create_only, data, time.monotonic() - started, process)
        return site
    finally:
        if site is None:
            process.kill()
            process.wait(timeout=10)


def _wait_until_serving(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline and process.poll() is None:
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(url + "/", timeout=5) as page:
                if page.status == 200:
                    return
        time.sleep(0.05)
    raise RuntimeError(f"the test Micropub site at {url} did not answer")


_shared: list = []  # [site, number of fixtures using it]


@contextlib.contextmanager
def shared_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MicropubSite]:
    """The session's one site: started on first use, stopped when the last user is done."""
    if not _shared:
        _shared[:] = [start_micropub_site(tmp_path_factory.mktemp("micropub")), 0]
    _shared[1] += 1
    try:
        yield _shared[0]
    finally:
        _shared[1] -= 1
        if _shared[1] == 0:
            _shared.pop(0).stop()
            _shared.clear()


@pytest.fixture(scope="session")
def micropub_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MicropubSite]:
    """The session's real Micropub site (django-indieweb on 127.0.0.1)."""
    with shared_site(tmp_path_factory) as site:
        yield site
