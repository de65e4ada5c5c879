"""The WordPress.com backend against a stand-in for WordPress.com's API in front of the real WordPress.

WordPress.com cannot be reached from the test machines: tests/wpcom_shim.py serves its URL layout
(`/wp/v2/sites/SITE/…`, `/rest/v1.1/sites/SITE`), its OAuth2 approval endpoint and its error shapes,
and forwards every wp/v2 request to the real WordPress of the test suite. So what is checked here is
Longhand's side of WordPress.com (layout, signing, refusals) and that the same wp/v2 code publishes and
reads for real behind it.
"""

from __future__ import annotations

import secrets
import socket
import threading
from urllib.parse import quote, quote_plus, urlencode

import pytest

from editor.backends.base import (
    AuthenticationError,
    BadResponseError,
    Credentials,
    CredentialsRejectedError,
    InsecureTransportError,
    PermanentError,
    RemotePost,
    RemoteStatus,
)
from editor.backends.wpcom import WordPressComBackend, WordPressComREST, site_root, split_root
from editor.backends.wpcom_connect import authorize_page, callback_params, is_wpcom_address, read_callback
from tests.wpcom_shim import REFUSED, SITE, WordPressComShim


def backend(shim: WordPressComShim, token: str, site: str = SITE) -> WordPressComBackend:
    root = site_root(str(shim.site_id(site)), shim.url)
    return WordPressComBackend(Credentials(f"https://{site}", "admin", token, root))


def test_the_same_wp_v2_code_publishes_through_wordpress_com_s_layout(shim, wordpress):
    token = shim.issue(SITE)
    with backend(shim, token) as blog:
        info = blog.verify()
        assert info.name == shim.name() and info.url == f"https://{SITE}"
        assert info.user_login == wordpress.admin_user and info.api_root == f"{shim.url}/wp/v2/sites/5551234/"
        title = f"Through WordPress.com {secrets.token_hex(4)}"
        made = blog.create_post(
            RemotePost(title=title, content="<p>Hosted.</p>", status=RemoteStatus.PUBLISH, tags=["hosted"])
        )
        assert blog.get_post(made.id or "").title == title
        media = blog.upload_media("pixel.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "image/gif")
    # It is on the real WordPress, and every request went to WordPress.com's layout, signed with the token.
    [post] = wordpress.posts_titled(title)
    assert post["id"] == int(made.id or 0) and post["status"] == "publish" and media.url
    targets = [seen.target for seen in shim.signed_with(token)]
    assert targets[0] == "/rest/v1.1/sites/5551234"
    assert all(t.startswith(("/wp/v2/sites/5551234/", "/rest/v1.1/sites/5551234")) for t in targets)
    assert any(t.startswith("/wp/v2/sites/5551234/posts") for t in targets)
    assert any(t.startswith("/wp/v2/sites/5551234/tags") for t in targets)
    assert not [t for t in targets if token in t or quote(token, safe="") in t or quote_plus(token) in t]


@pytest.mark.parametrize("how", ["revoked", "unknown", "another blog's"])
def test_a_token_wordpress_com_does_not_take_leads_back_to_connecting(shim, how):
    token = shim.issue("jetpack.example" if how == "another blog's" else SITE)
    if how == "revoked":
        shim.revoke(token)
    elif how == "unknown":
        token = "never-issued-" + secrets.token_hex(8)
    with backend(shim, token) as blog:
        with pytest.raises(CredentialsRejectedError) as refused:
            blog.list_terms("tag")
        with pytest.raises(CredentialsRejectedError) as refused_sign_in:
            blog.verify()
    assert str(refused.value) == str(refused_sign_in.value) == REFUSED
    assert isinstance(refused.value, AuthenticationError) and not refused.value.retryable


def test_the_token_goes_to_the_api_s_host_only(shim):
    token = shim.issue(SITE)
    other = socket.create_server(("127.0.0.1", 0))
    try:
        port = other.getsockname()[1]
        with backend(shim, token) as blog:
            rest: WordPressComREST = blog._rest  # type: ignore[assignment]
            with pytest.raises(PermanentError) as refused:
                rest.send("GET", f"http://127.0.0.1:{port}/wp/v2/sites/5551234/posts")
        shim_port = shim.url.rsplit(":", 1)[1]
        assert str(refused.value) == (
            f"Longhand sends its WordPress.com connection only to 127.0.0.1:{shim_port}, not to 127.0.0.1:{port}."
        )
        other.settimeout(0.3)
        with pytest.raises(TimeoutError):
            other.accept()  # nothing ever connected: refused before a byte was sent
    finally:
        other.close()


def test_a_redirect_is_not_followed_with_the_token():
    # A fault WordPress.com (and the shim) would not show on purpose: an answer that redirects elsewhere.
    # Served by a bare loopback socket standing in for a misbehaving API; the redirect's target must
    # receive nothing.
    hits: list[bytes] = []
    target = socket.create_server(("127.0.0.1", 0))
    api = socket.create_server(("127.0.0.1", 0))
    target_port = target.getsockname()[1]

    def redirecting() -> None:
        conn, _ = api.accept()
        with conn:
            conn.recv(65536)
            conn.sendall(
                f"HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:{target_port}/steal\r\n"
                "Content-Length: 0\r\nConnection: close\r\n\r\n".encode()
            )

    thread = threading.Thread(target=redirecting, daemon=True)
    thread.start()
    root = site_root("5551234", f"http://127.0.0.1:{api.getsockname()[1]}")
    try:
        with WordPressComBackend(Credentials(f"https://{SITE}", "admin", "tok-" + secrets.token_hex(8), root)) as blog:
            with pytest.raises(BadResponseError, match="instead of answering"):
                blog.list_terms("tag")
        target.settimeout(0.3)
        with pytest.raises(TimeoutError):
            hits.append(target.accept()[0].recv(65536))
    finally:
        thread.join(5)
        api.close()
        target.close()
    assert hits == []


def test_plain_http_to_another_machine_is_refused_before_anything_is_sent():
    root = site_root("5551234", "http://public-api.example")
    with WordPressComBackend(Credentials(f"https://{SITE}", "admin", "secret-token", root)) as blog:
        with pytest.raises(InsecureTransportError) as refused:
            blog.verify()
    assert "secret-token" not in str(refused.value)


def test_the_layout_helpers():
    assert site_root("Example.WordPress.com", "https://public-api.wordpress.com") == (
        "https://public-api.wordpress.com/wp/v2/sites/example.wordpress.com/"
    )
    assert split_root("https://public-api.wordpress.com/wp/v2/sites/123/") == (
        "https://public-api.wordpress.com",
        "123",
    )
    for junk in ("../etc", "a/b", "", "x?y=1", " "):
        with pytest.raises(PermanentError):
            site_root(junk, "https://public-api.wordpress.com")
    with pytest.raises(PermanentError):
        split_root("https://example.org/wp-json/")
    # Without an API root (an account stored before it was known), the domain makes one: no discovery.
    rest = WordPressComREST(Credentials("https://longhand-test.wordpress.com/", "admin", "t"))
    try:
        assert rest.discover().endswith("/wp/v2/sites/longhand-test.wordpress.com/")
        assert str(rest.url("wp/v2/posts", {"page": 2})).endswith(
            "/wp/v2/sites/longhand-test.wordpress.com/posts?page=2"
        )
    finally:
        rest.close()


def test_which_addresses_go_the_wordpress_com_way():
    assert is_wpcom_address("https://ada.wordpress.com") and is_wpcom_address("ada.wordpress.com/")
    assert not is_wpcom_address("https://wordpress.com.evil.example") and not is_wpcom_address("https://ada.example")
    assert not is_wpcom_address("https://public-api.wordpress.com")


def test_reading_wordpress_com_s_answers():
    token = "a#b%c&d@e^f(g)"
    page = authorize_page("81234", SITE, "req-1")
    assert "response_type=token" in page and "redirect_uri=longhand%3A%2F%2Fwpcom" in page and "state=req-1" in page
    fragment = urlencode({"access_token": token, "expires_in": "1209600", "token_type": "bearer", "site_id": "7"})
    grant = read_callback(f"longhand://wpcom#{fragment}&state=req-1")
    assert (grant.token, grant.site_id, grant.state, grant.refused) == (token, "7", "req-1", "")
    assert token not in repr(grant)
    assert read_callback("longhand://wpcom?error=access_denied").refused == (
        "You did not approve Longhand at WordPress.com; nothing was stored."
    )
    assert "invalid_scope" in read_callback("longhand://wpcom?error=invalid_scope").refused
    assert "did not hold" in read_callback("longhand://wpcom#state=x").refused
    mac = read_callback("longhand://wpcom#access_token=t&token_type=mac&state=x")
    assert mac.refused and mac.token == ""
    assert callback_params("longhand://wpcom?a=1&b=2#b=3") == {"a": "1", "b": "3"}
