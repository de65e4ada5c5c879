"""A sentinel web server on 127.0.0.1: it records the path of every request made to it, and nothing else.

Hostile content points at it (tests/xss_vectors.py): `/s/N` is requested only by a script of vector N
that ran, `/r/N` by anything of vector N that loaded from the network (an image, a style sheet, a frame,
a navigation). Stdlib only; one thread per request, so a page asking for many things never waits.
"""

from __future__ import annotations

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

# A 1×1 transparent GIF.
PIXEL = bytes.fromhex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b")
_HIT = re.compile(r"^/([sr])/(\d+)\b")


class _Recorder(BaseHTTPRequestHandler):
    server: _SentinelServer

    def _answer(self) -> None:
        self.server.record(self.path)
        # /r/ answers an image, so an image that was allowed really loads; anything else is missing, so
        # that `<img src=x onerror=…>` resolved against this server still fails, as it would elsewhere.
        status, body = (200, PIXEL) if self.path.startswith("/r/") else (404, b"")
        self.send_response(status)
        self.send_header("Content-Type", "image/gif")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")  # a script's fetch must not fail on CORS first
        self.end_headers()
        try:
            self.wfile.write(b"" if self.command == "HEAD" else body)
        except ConnectionError:
            pass  # the page went away (a new one was shown): the request is recorded all the same

    # Every method a page, a form or a beacon may use is recorded the same way.
    do_GET = do_POST = do_HEAD = do_PUT = do_OPTIONS = _answer  # noqa: N815 (http.server's names)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (http.server's signature)
        """Quiet: the recorded paths are the log."""


class _SentinelServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Recorder)
        self._lock = threading.Lock()
        self._paths: list[str] = []

    def record(self, path: str) -> None:
        with self._lock:
            self._paths.append(path)

    def paths(self) -> list[str]:
        with self._lock:
            return list(self._paths)

    def clear(self) -> None:
        with self._lock:
            self._paths.clear()


class Sentinel:
    """The server, running in a thread while the `with` block lasts (or between start and stop)."""

    def __init__(self) -> None:
        self._server = _SentinelServer()
        self._thread = threading.Thread(target=self._server.serve_forever, name="sentinel", daemon=True)

    @property
    def url(self) -> str:
        """http://127.0.0.1:PORT, without a trailing slash."""
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> Sentinel:
        """Serve from a thread of its own; returns self."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> Sentinel:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()

    def paths(self) -> list[str]:
        """Every request path received so far, in order (query strings included)."""
        return self._server.paths()

    def hits(self, kind: str) -> set[int]:
        """The vector numbers with at least one request of `kind`: "s" (a script ran), "r" (a remote load)."""
        return hit_numbers(self.paths(), kind)

    def clear(self) -> None:
        """Forget the paths received so far."""
        self._server.clear()


def hit_numbers(urls: list[str], kind: str) -> set[int]:
    """The vector numbers in request paths (or full URLs on the sentinel) of `kind` ("s" or "r")."""
    numbers = set()
    for url in urls:
        path = re.sub(r"^[a-z]+://[^/]+", "", url)
        found = _HIT.match(path)
        if found and found.group(1) == kind:
            numbers.add(int(found.group(2)))
    return numbers
