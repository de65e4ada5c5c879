"""The fault proxy itself (tests/fault_proxy.py), in front of a tiny stdlib server instead of WordPress."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from tests.fault_proxy import FaultProxy


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
