"""A real Isso comment server (PyPI `isso`, the test extra) on 127.0.0.1, and the static site whose comments
it keeps, for the tests.

Isso opens a thread by fetching the page from its configured site (`[general] host`) and reading its title,
so the site is real too: a folder of pages with Isso's embed, served by `http.server` on loopback.
`IssoSetup.publish` adds a page; `reader_comment` posts what the embed's script posts when a reader sends
the form, through the address a reverse proxy would pass on (X-Forwarded-For, which Isso reads), so that
readers and the author (who writes from this machine) are different people to Isso's guard.

One server is shared by the session (`shared`), started on first use and stopped at exit. It runs with
TZ=Asia/Kathmandu (UTC+5:45), so that the admin page's times are not UTC, as on many real servers.
`start_isso` makes others (a strict guard, for one test).
"""

from __future__ import annotations

import atexit
import contextlib
import html
import random
import secrets
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

ISSO = Path(sys.executable).with_name("isso")
ZONE = "Asia/Kathmandu"
# The session's server takes many comments a minute from this machine (every test's author writes from
# 127.0.0.1), and replies to one's own fresh comments; the strict one keeps Isso's defaults, for the test
# of the guard.
GENEROUS_GUARD = {"ratelimit": "1000", "direct-reply": "1000", "reply-to-self": "true"}
PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>{title}</title></head>
<body><article><h1>{title}</h1><p>A post of the test site.</p></article>
<script data-isso="{isso}/" src="{isso}/js/embed.min.js"></script>
<section id="isso-thread" data-title="{title}"></section>
</body></html>
"""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet in test output
        pass


@dataclass
class IssoSetup:
    """A running Isso, its admin password and the static site it serves comments for."""

    url: str  # Isso's address
    site: str  # the site's address ([general] host)
    password: str = field(repr=False)
    folder: Path
    process: subprocess.Popen[bytes]
    httpd: ThreadingHTTPServer

    def publish(self, title: str | None = None) -> tuple[str, str]:
        """A new page on the site: (its address on the site, which is Isso's thread id; its title)."""
        slug = secrets.token_hex(4)
        title = title or f"Night trains {slug}"
        page = self.folder / "site" / "posts" / slug / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(PAGE.format(title=html.escape(title), isso=self.url), encoding="utf-8")
        return f"/posts/{slug}/", title

    def reader_comment(
        self,
        uri: str,
        text: str,
        *,
        author: str = "Reader",
        email: str = "reader@example.com",
        website: str | None = None,
        parent: str | None = None,
    ) -> dict:
        """What Isso's embed sends when a reader posts the form (from an address of their own); Isso's
        answer (`mode` 2: held)."""
        address = f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"
        body = {"text": text, "author": author, "email": email, "website": website, "parent": parent and int(parent)}
        answer = httpx.post(
            f"{self.url}/new",
            params={"uri": uri},
            json={**body, "title": None, "notification": 0},
            headers={"Origin": self.site, "X-Forwarded-For": address},
            timeout=30,
        )
        assert answer.status_code in (201, 202), answer.text
        return answer.json()

    def public(self, uri: str) -> list[dict]:
        """The thread as readers see it (approved comments), flattened."""
        data = httpx.get(f"{self.url}/", params={"uri": uri}, timeout=30).json()
        found, stack = [], list(data.get("replies") or [])
        while stack:
            item = stack.pop()
            found.append(item)
            stack.extend(item.get("replies") or [])
        return found

    def stop(self) -> None:
        """Stop Isso (TERM, then KILL) and the site."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.httpd.shutdown()
        self.httpd.server_close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_isso(folder: Path, *, guard: dict[str, str] | None = None) -> IssoSetup:
    """Isso with moderation and its admin page on, a SQLite file in `folder`, and its site; ready to use."""
    (folder / "site" / "posts").mkdir(parents=True)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder / "site")))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    site = f"http://127.0.0.1:{httpd.server_address[1]}"
    password = secrets.token_urlsafe(16)
    guard_lines = "".join(f"{key} = {value}\n" for key, value in (guard or {}).items())
    last_error = ""
    for _attempt in range(3):  # the port was free a moment ago; another process may take it first
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        conf = folder / "isso.cfg"
        conf.write_text(
            f"[general]\ndbpath = {folder / 'comments.db'}\nhost = {site}/\nnotify = stdout\n"
            f"log-file = {folder / 'isso.log'}\n"
            f"[moderation]\nenabled = true\n"
            f"[admin]\nenabled = true\npassword = {password}\n"
            f"[server]\nlisten = {url}/\n"
            f"[guard]\nenabled = true\n{guard_lines}",
            encoding="utf-8",
        )
        process = subprocess.Popen(
            [str(ISSO), "-c", str(conf), "run"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={"PATH": "/usr/bin:/bin", "TZ": ZONE, "HOME": str(folder)},
        )
        setup = IssoSetup(url, site, password, folder, process, httpd)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and process.poll() is None:
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{url}/config", timeout=2).status_code == 200:
                    return setup
            time.sleep(0.05)
        last_error = (folder / "isso.log").read_text(errors="replace")[-2000:] if (folder / "isso.log").exists() else ""
        setup.process.kill()
        setup.process.wait(10)
    httpd.shutdown()
    httpd.server_close()
    raise RuntimeError(f"Isso did not start: {last_error}")


_SHARED: IssoSetup | None = None


def shared(tmp_path_factory: pytest.TempPathFactory) -> IssoSetup:
    """The session's Isso (started on first use, stopped when the tests end)."""
    global _SHARED
    if _SHARED is None or _SHARED.process.poll() is not None:
        _SHARED = start_isso(tmp_path_factory.mktemp("isso"), guard=GENEROUS_GUARD)
        atexit.register(_SHARED.stop)
    return _SHARED
