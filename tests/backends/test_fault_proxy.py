"""The fault proxy itself (tests/fault_proxy.py), in front of a tiny stdlib server instead of WordPress."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from tests.fault_proxy import CHAOS_FAULTS, FaultProxy


class Upstream(BaseHTTPRequestHandler):
    """Answers JSON naming its own origin (as WordPress does), with a Link header to itself."""

    protocol_version = "HTTP/1.1"
    hits: list[str] = []

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802
        self._reply()

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._reply()

    def _reply(self) -> None:
        Upstream.hits.append(f"{self.command} {self.path}")
        origin = f"http://127.0.0.1:{self.server.server_port}"
        body = json.dumps({"url": origin + "/", "escaped": origin.replace("/", "\\/"), "host": self.headers["Host"]})
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Link", f'<{origin}/wp-json/>; rel="https://api.w.org/"')
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def upstream() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    Upstream.hits = []
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def proxy(upstream: str) -> Iterator[FaultProxy]:
    with FaultProxy(upstream) as p:
        yield p


def test_pass_rewrites_the_origin_in_headers_and_bodies(upstream: str, proxy: FaultProxy) -> None:
    response = httpx.get(proxy.url + "/a?b=1", timeout=10)
    assert response.status_code == 200
    assert response.links["https://api.w.org/"]["url"] == proxy.url + "/wp-json/"
    data = json.loads(response.text)
    assert data["url"] == proxy.url + "/" and upstream not in response.text
    assert data["host"] == upstream.removeprefix("http://")  # the real server sees its own Host
    assert proxy.count("GET", "/a") == proxy.count("GET", "/a?b=1") == proxy.count() == 1


def test_drop_headers(proxy: FaultProxy) -> None:
    proxy.drop_headers = {"link"}
    assert "link" not in httpx.get(proxy.url, timeout=10).headers


def test_faults_answered_without_forwarding(proxy: FaultProxy) -> None:
    proxy.set("html")
    page = httpx.get(proxy.url + "/x", timeout=10)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    proxy.set("status", status=429, headers={"Retry-After": "7"})
    limited = httpx.post(proxy.url + "/y", content=b"body", timeout=10)
    assert limited.status_code == 429 and limited.headers["retry-after"] == "7"
    assert Upstream.hits == [] and proxy.count("POST", "/y") == 1


def test_drop_response_forwards_but_never_answers(proxy: FaultProxy) -> None:
    proxy.set("drop_response")
    with pytest.raises(httpx.RemoteProtocolError):
        httpx.post(proxy.url + "/posts", json={"title": "t"}, timeout=10)
    assert Upstream.hits == ["POST /posts"]


def test_refuse_closes_even_a_kept_alive_connection(proxy: FaultProxy) -> None:
    with httpx.Client(timeout=10) as client:
        assert client.get(proxy.url).status_code == 200
        proxy.set("refuse")
        with pytest.raises(httpx.TransportError):
            client.get(proxy.url)
        proxy.set("pass")
        assert client.get(proxy.url).status_code == 200


def test_hang_until_the_timeout(proxy: FaultProxy) -> None:
    proxy.set("hang")
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(proxy.url, timeout=0.3)
    with pytest.raises(ValueError):
        proxy.set("explode")


def test_reset_forwards_then_resets_the_connection(proxy: FaultProxy) -> None:
    proxy.set("reset")
    with pytest.raises(httpx.ReadError, match="reset"):
        httpx.post(proxy.url + "/posts", json={"title": "t"}, timeout=10)
    assert Upstream.hits == ["POST /posts"]


def test_truncate_forwards_then_sends_half_the_body(proxy: FaultProxy) -> None:
    proxy.set("truncate")
    with pytest.raises(httpx.RemoteProtocolError, match="incomplete|complete message body"):
        httpx.post(proxy.url + "/media", content=b"png", timeout=10)
    assert Upstream.hits == ["POST /media"]


def test_delay_forwards_late(proxy: FaultProxy) -> None:
    proxy.set("delay")
    proxy.delay = 0.3
    started = time.monotonic()
    assert httpx.get(proxy.url + "/slow", timeout=10).status_code == 200
    assert time.monotonic() - started >= 0.3 and Upstream.hits == ["GET /slow"]


def test_chaos_faults_only_the_chosen_requests_and_records_them(proxy: FaultProxy) -> None:
    proxy.delay = 0.01
    proxy.chaos(7, 1.0, only=lambda method, path: method == "POST")
    seen: dict[str, int] = {}
    with httpx.Client(timeout=10) as client:
        for i in range(80):
            assert client.get(f"{proxy.url}/read/{i}").status_code == 200  # never chosen: passes
            try:
                status = client.post(f"{proxy.url}/write/{i}", content=b"x").status_code
            except httpx.TransportError as exc:
                status = type(exc).__name__
            seen[str(status)] = seen.get(str(status), 0) + 1
    counts = proxy.fault_counts()
    assert set(counts) == set(CHAOS_FAULTS) and sum(counts.values()) == 80  # rate 1: never "pass"
    assert [path for _, path, _ in proxy.faults] == [f"/write/{i}" for i in range(80)]
    # What the client saw matches the draws: answered faults by their status, the rest by how they broke.
    assert seen["500"] == counts["500"] and seen["503"] == counts["503"] and seen["429"] == counts["429"]
    assert seen["200"] == counts["delay"] + counts["html"]
    assert seen["ReadError"] == counts["reset"]
    assert seen["RemoteProtocolError"] == counts["drop_response"] + counts["truncate"]
    # Faults that answer without forwarding never reach the server.
    forwarded = counts["delay"] + counts["reset"] + counts["drop_response"] + counts["truncate"]
    assert sum(hit.startswith("POST") for hit in Upstream.hits) == forwarded


def test_chaos_is_reproducible_and_rate_zero_passes(upstream: str) -> None:
    def draws(seed: int, rate: float) -> list[str]:
        with FaultProxy(upstream) as p:
            p.delay = 0.01
            p.chaos(seed, rate, faults=("500", "429", "html"))
            for i in range(30):
                httpx.get(f"{p.url}/{i}", timeout=10)
            return [fault for _, _, fault in p.faults]

    assert draws(3, 0.5) == draws(3, 0.5) != draws(4, 0.5)
    assert set(draws(3, 0.0)) == {"pass"}


def test_retry_after_of_chaos_429_is_0_or_1(proxy: FaultProxy) -> None:
    proxy.chaos(1, 1.0, faults=("429",))
    waits = {httpx.get(proxy.url, timeout=10).headers["retry-after"] for _ in range(20)}
    assert waits == {"0", "1"}


def test_set_ends_chaos_and_unknown_faults_are_refused(proxy: FaultProxy) -> None:
    proxy.chaos(1, 1.0, faults=("500",))
    assert httpx.get(proxy.url, timeout=10).status_code == 500
    proxy.set("pass")
    assert httpx.get(proxy.url, timeout=10).status_code == 200
    with pytest.raises(ValueError):
        proxy.chaos(1, 0.5, faults=("explode",))
