"""A loopback HTTP/1.1 reverse proxy in front of a real server, failing on purpose (stdlib only).

For faults the real WordPress cannot be made to show. Set `proxy.mode` (or call `proxy.set(...)`):

* "pass": forward to the real server and back (the real server's origin, in header values and in
  text/JSON/HTML bodies, becomes the proxy's, so discovery through the proxy stays on the proxy);
  headers named in `proxy.drop_headers` (lower case) are left out of the answer.
* "drop_response": forward, read the whole answer, then close the client's connection without a
  word: the server did the work (made the post), the client never heard.
* "html": answer 200 with a text/html page (a Wi-Fi portal's sign-in page), without forwarding.
* "status": answer `proxy.status` with `proxy.headers` and `proxy.body`, without forwarding
  (429 with Retry-After, 500...).
* "refuse": close each connection at once, reading nothing (such requests are not counted).
* "hang": read the request, then answer nothing until the mode changes or the proxy stops.
* "reset": forward, read the whole answer, then reset the client's connection (TCP RST, SO_LINGER 0)
  instead of answering: the server acted, the client's read fails with "connection reset".
* "truncate": forward, then send the answer's headers with its full Content-Length but only the first
  half of its body, and close: the server acted, the client got an incomplete answer.
* "delay": sleep `proxy.delay` seconds, then forward and answer as "pass" does.

`proxy.chaos(seed, rate, faults=..., only=...)` instead draws, per request that `only(method, target)`
selects, "pass" or (with probability `rate`) one of `faults` (see CHAOS_FAULTS) from a seeded random
generator; the other requests get `proxy.mode`. Each selected request and the fault it got is kept in
`proxy.faults`; `set(...)` ends the chaos.

`proxy.requests` lists (method, target, headers) of what came in; `count(method, path)` counts them.
Starts on 127.0.0.1, port 0, at construction; `.url`; `.stop()` (or use it as a context manager).
"""

from __future__ import annotations

import http.client
import random
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

MODES = ("pass", "drop_response", "html", "status", "refuse", "hang", "reset", "truncate", "delay")
# What chaos may draw: a mode, or an answer "status" gives ("429" also says Retry-After: 0 or 1).
CHAOS_FAULTS = ("drop_response", "reset", "delay", "500", "503", "429", "truncate", "html")
# Not forwarded either way: they describe one connection, or the proxy recomputes them. Without
# Accept-Encoding the real server answers uncompressed, so bodies can be rewritten.
HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "content-length",
    "host",
    "accept-encoding",
}
PORTAL_PAGE = (
    b"<!DOCTYPE html><html><head><title>Welcome to Airport Wi-Fi</title></head>"
    b"<body><h1>Sign in to the network</h1><form><input name=room></form></body></html>"
)


@dataclass(frozen=True)
class _Plan:
    """What the proxy does with one request."""

    mode: str
    status: int = 500
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


@dataclass
class _Chaos:
    rng: random.Random
    rate: float
    faults: tuple[str, ...]
    only: Callable[[str, str], bool]


class FaultProxy:
    def __init__(self, upstream: str) -> None:
        parts = urlsplit(upstream)
        self.upstream_host, self.upstream_port = parts.hostname or "127.0.0.1", parts.port or 80
        self.upstream_origin = f"{parts.scheme}://{parts.netloc}"
        self.mode = "pass"
        self.status, self.headers, self.body = 500, {}, b""
        self.drop_headers: set[str] = set()
        self.delay = 1.0  # seconds, for "delay"
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.bodies: list[bytes] = []  # the request bodies, in the order of `requests`
        self.faults: list[tuple[str, str, str]] = []  # (method, target, fault) of each request chaos chose for
        self._chaos: _Chaos | None = None
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        handler = type("Handler", (_Handler,), {"proxy": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="fault-proxy", daemon=True
        )
        self._thread.start()

    def set(self, mode: str, *, status: int = 500, headers: dict[str, str] | None = None, body: bytes = b"") -> None:
        """Switch the fault for the requests that follow (ending any chaos)."""
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; one of {MODES}")
        self.status, self.headers, self.body = status, dict(headers or {}), body
        self.mode = mode
        self._chaos = None

    def chaos(
        self,
        seed: int,
        rate: float,
        *,
        faults: tuple[str, ...] = CHAOS_FAULTS,
        only: Callable[[str, str], bool] = lambda method, target: True,
    ) -> None:
        """From now on, give each request that `only(method, target)` selects a fault from `faults` with
        probability `rate` (else "pass"), drawn from a generator seeded with `seed`; other requests get
        `proxy.mode`. Each draw is recorded in `proxy.faults`."""
        unknown = set(faults) - set(CHAOS_FAULTS)
        if unknown or not faults:
            raise ValueError(f"unknown chaos faults {sorted(unknown)}; choose among {CHAOS_FAULTS}")
        self._chaos = _Chaos(random.Random(seed), rate, tuple(faults), only)

    def fault_counts(self) -> dict[str, int]:
        """How many requests chaos gave each fault ("pass" included), most frequent first."""
        with self._lock:
            counts: dict[str, int] = {}
            for _, _, fault in self.faults:
                counts[fault] = counts.get(fault, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

    def _plan(self, method: str, target: str) -> _Plan:
        """The fault for this request: chaos's draw if chaos selects it, else the mode set."""
        chaos = self._chaos
        if chaos is None or not chaos.only(method, target):
            return _Plan(self.mode, self.status, self.headers, self.body)
        with self._lock:  # one generator, many handler threads: draws stay reproducible per order
            fault = chaos.rng.choice(chaos.faults) if chaos.rng.random() < chaos.rate else "pass"
            self.faults.append((method, target, fault))
            if fault == "429":
                return _Plan("status", 429, {"Retry-After": chaos.rng.choice(("0", "1"))})
        return _Plan("status", int(fault)) if fault.isdigit() else _Plan(fault)

    def count(self, method: str | None = None, path: str | None = None) -> int:
        """Requests seen with this method (any if None) and this path: the target with or without its query."""
        with self._lock:
            return sum(
                1
                for m, target, _ in self.requests
                if (method is None or m == method) and (path is None or path in (target, target.split("?")[0]))
            )

    def rewrite(self, data: bytes) -> bytes:
        """The real server's origin → the proxy's, plain and JSON-escaped ("http:\\/\\/...")."""
        for old, new in (
            (self.upstream_origin, self.url),
            (self.upstream_origin.replace("/", "\\/"), self.url.replace("/", "\\/")),
        ):
            data = data.replace(old.encode(), new.encode())
        return data

    def stop(self) -> None:
        self._stopped.set()  # ends "hang"
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)

    def __enter__(self) -> FaultProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as httpx expects of a real server
    proxy: FaultProxy

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet in test output
        pass

    def handle_one_request(self) -> None:
        if self.proxy.mode == "refuse":
            self.close_connection = True  # handle() ends and the socket closes, nothing read or said
            return
        super().handle_one_request()

    def _handle(self) -> None:
        proxy = self.proxy
        if proxy.mode == "refuse":  # a kept-alive connection was already waiting for this request
            self.close_connection = True
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        with proxy._lock:
            proxy.requests.append((self.command, self.path, dict(self.headers.items())))
            proxy.bodies.append(body)
        plan = proxy._plan(self.command, self.path)
        if plan.mode == "html":
            self._answer(200, [("Content-Type", "text/html; charset=UTF-8")], PORTAL_PAGE)
        elif plan.mode == "status":
            self._answer(plan.status, list(plan.headers.items()), plan.body)
        elif plan.mode == "hang":
            while proxy.mode == "hang" and not proxy._stopped.wait(0.05):
                pass
            self.close_connection = True
        else:
            if plan.mode == "delay":
                time.sleep(proxy.delay)
            status, headers, data = self._forward(body)
            if plan.mode == "drop_response":
                self.close_connection = True  # the answer is read and thrown away
            elif plan.mode == "reset":
                self._reset()
            else:
                self._answer(status, headers, data, truncate=plan.mode == "truncate")

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _handle

    def _forward(self, body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
        proxy = self.proxy
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        headers["Host"] = f"{proxy.upstream_host}:{proxy.upstream_port}"
        connection = http.client.HTTPConnection(proxy.upstream_host, proxy.upstream_port, timeout=60)
        try:
            connection.request(self.command, self.path, body=body or None, headers=headers)
            response = connection.getresponse()
            data = response.read()
        except OSError as exc:
            return 502, [("Content-Type", "text/plain")], f"fault proxy: upstream failed: {exc}".encode()
        finally:
            connection.close()
        out = [
            (k, proxy.rewrite(v.encode("latin-1")).decode("latin-1"))
            for k, v in response.getheaders()
            if k.lower() not in HOP_BY_HOP | {"date", "server"} | proxy.drop_headers
        ]
        content_type = (response.getheader("Content-Type") or "").lower()
        if any(kind in content_type for kind in ("json", "html", "text", "xml")):
            data = proxy.rewrite(data)
        return response.status, out, data

    def _answer(self, status: int, headers: list[tuple[str, str]], body: bytes, *, truncate: bool = False) -> None:
        """Send an answer; with `truncate`, announce the whole body but send its first half and close."""
        self.send_response(status)
        for key, value in headers:
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body[: len(body) // 2] if truncate else body)
        if truncate:
            self.close_connection = True

    def _reset(self) -> None:
        """Abort the client's connection with a TCP RST. Closed here, not by the server: its shutdown
        would send a FIN first, which the client reads as a clean close."""
        self.close_connection = True
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.rfile.close()  # its reference keeps the socket open otherwise
        self.connection.close()
