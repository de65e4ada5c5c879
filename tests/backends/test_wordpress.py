"""WordPressBackend against the real test WordPress (tests/wordpress_server.py).

The session's WordPress is shared: every test makes its own posts, with titles of its own. Faults the
real WordPress cannot show come from tests/fault_proxy.py; each such test says which and why.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
import shutil
import socket
import ssl
import struct
import subprocess
import threading
import time
import uuid
import zlib
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from editor.backends.base import (
    AuthenticationError,
    Backend,
    BackendError,
    BadResponseError,
    Capability,
    ConflictError,
    Credentials,
    InsecureTransportError,
    NotFoundError,
    PermanentError,
    RateLimitedError,
    RemotePost,
    RemoteStatus,
    SiteInfo,
    TransientError,
    backend_class,
)
from editor.backends.http import content_disposition, parse_retry_after
from editor.backends.wordpress import WordPressBackend
from editor.backends.wordpress_rest import build_url
from tests.fault_proxy import FaultProxy
from tests.wordpress_server import SITE_TITLE, WordPress

UTC = dt.timezone.utc


def unique(label: str) -> str:
    return f"{label} {uuid.uuid4().hex[:8]}"


def tiny_png() -> bytes:
    """A valid 2×1 RGB PNG, made without any imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00" + bytes([10, 200, 30]) * 2))
        + chunk(b"IEND", b"")
    )


def make(url: str, user: str, secret: str, *, api_root: str = "", timeout: float = 30.0) -> WordPressBackend:
    return WordPressBackend(Credentials(url, user, secret, api_root=api_root), timeout=timeout)


@pytest.fixture
def backend(wordpress: WordPress) -> Iterator[WordPressBackend]:
    with make(wordpress.url, wordpress.admin_user, wordpress.app_password) as b:
        yield b


@pytest.fixture
def proxied(wordpress: WordPress, proxy: FaultProxy) -> Iterator[WordPressBackend]:
    """The admin's backend through the proxy, discovered while the proxy still passes everything."""
    with make(proxy.url, wordpress.admin_user, wordpress.app_password, timeout=10) as b:
        assert b.discover() == proxy.url + "/wp-json/"
        yield b


def rest(wp: WordPress, auth: tuple[str, str] | None = None) -> httpx.Client:
    return httpx.Client(base_url=wp.rest_root, auth=auth or (wp.admin_user, wp.app_password), timeout=30)


# -- without a network ----------------------------------------------------------------------------
def test_request_urls_for_both_root_forms() -> None:
    pretty = build_url("http://h/wp-json/", "wp/v2/posts", {"context": "edit", "page": 2})
    assert str(pretty) == "http://h/wp-json/wp/v2/posts?context=edit&page=2"
    plain = build_url("http://h/?rest_route=/", "wp/v2/posts/5", {"context": "edit", "status": "draft,private"})
    assert plain.path == "/"
    assert list(plain.params.multi_items()) == [
        ("rest_route", "/wp/v2/posts/5"),
        ("context", "edit"),
        ("status", "draft,private"),
    ]
    assert build_url("http://h/?rest_route=/", "").params["rest_route"] == "/"
    sub = build_url("https://h/blog/?lang=fr&rest_route=/", "/wp/v2/tags", {"per_page": 100})
    assert sub.path == "/blog/" and dict(sub.params) == {"lang": "fr", "rest_route": "/wp/v2/tags", "per_page": "100"}
    assert str(build_url("https://h/blog/wp-json", "wp/v2/media")) == "https://h/blog/wp-json/wp/v2/media"


def test_upload_file_names_and_retry_after() -> None:
    assert content_disposition("photo.png") == 'attachment; filename="photo.png"'
    assert content_disposition("Café été.png") == (
        "attachment; filename=\"Cafe ete.png\"; filename*=UTF-8''Caf%C3%A9%20%C3%A9t%C3%A9.png"
    )
    assert content_disposition("日本.png").startswith('attachment; filename="upload.png"; filename*=')
    assert content_disposition('a;b"c.png').startswith('attachment; filename="abc.png";')  # WordPress splits on ;
    assert parse_retry_after("7") == 7
    now = dt.datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    assert parse_retry_after("Wed, 01 May 2024 12:01:30 GMT", now=now) == 90
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


def test_entry_point_and_protocol() -> None:
    assert backend_class("wordpress") is WordPressBackend
    with make("https://blog.example", "me", "secret") as b:
        assert isinstance(b, Backend)
    assert (WordPressBackend.name, WordPressBackend.label) == ("wordpress", "WordPress")
    assert Capability.CONFLICT_DETECTION in WordPressBackend.capabilities
    assert {Capability.COMMENTS, Capability.MODERATION} <= WordPressBackend.capabilities


def test_plain_http_to_another_machine_is_refused_before_any_request(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("a request was sent")

    monkeypatch.setattr(httpx.Client, "send", no_network)
    with make("http://blog.example", "me", "app pass word") as b:
        for call in (b.discover, b.verify, lambda: b.create_post(RemotePost(title="x"))):
            with pytest.raises(InsecureTransportError, match="https"):
                call()
    # An API root given with the credentials (skipping discovery) is checked too.
    with make("https://blog.example", "me", "pw", api_root="http://blog.example/wp-json/") as b:
        with pytest.raises(InsecureTransportError):
            b.verify()
        with pytest.raises(InsecureTransportError):
            next(b.list_posts())


# -- discovery and signing in ---------------------------------------------------------------------
def test_discovery_reads_the_link_header(wordpress: WordPress) -> None:
    with make(wordpress.url, "nobody", "wrong") as b:  # discovery needs no password
        assert b.discover() == wordpress.rest_root
    with make(wordpress.url + "/no-such-page/", "nobody", "wrong") as b:  # a 404 page links the API too
        assert b.discover() == wordpress.rest_root


def test_discovery_and_work_through_rest_route_with_plain_permalinks(wordpress: WordPress) -> None:
    # With plain permalinks WordPress links its API as /index.php?rest_route=/ (without Apache's
    # rewriting, as here under php -S) or /?rest_route=/.
    structure = wordpress.wp_eval("echo get_option('permalink_structure');")
    wordpress.wp_eval("update_option('permalink_structure', '');")
    try:
        link = httpx.get(wordpress.url, timeout=30).links["https://api.w.org/"]["url"]
        assert link.startswith(wordpress.url + "/") and link.endswith("?rest_route=/")
        with make(wordpress.url, wordpress.admin_user, wordpress.app_password) as b:
            assert b.discover() == link
            assert b.verify().name == SITE_TITLE
            title = unique("Plain permalinks")
            created = b.create_post(RemotePost(title=title, content="<p>plain</p>", categories=[unique("Plain")]))
            assert b.get_post(created.id).title == title
            b.page_size = 2  # paging parameters must join the rest_route query
            assert created.id in {p.id for p in b.list_posts()}
            b.delete_post(created.id)
    finally:
        wordpress.wp_eval("update_option('permalink_structure', $args);", args=structure)


def test_discovery_falls_back_to_rest_route_without_a_link_header(wordpress: WordPress, proxy: FaultProxy) -> None:
    # Fault: the Link header is stripped (a caching proxy or a "hardening" plugin does that); the
    # test WordPress always sends it.
    proxy.drop_headers = {"link"}
    with make(proxy.url, wordpress.admin_user, wordpress.app_password) as b:
        assert b.discover() == proxy.url + "/?rest_route=/"
        assert b.verify() == SiteInfo(
            SITE_TITLE, proxy.url, proxy.url + "/?rest_route=/", wordpress.admin_user, wordpress.admin_user
        )
    assert proxy.count("GET", "/wp-json/") == 0


def test_a_site_that_is_not_wordpress(proxy: FaultProxy) -> None:
    # Fault: every address answers an HTML page, as any non-WordPress site would; the test
    # WordPress cannot stop being WordPress.
    proxy.set("html")
    with make(proxy.url, "me", "pw") as b, pytest.raises(PermanentError, match="not a WordPress site"):
        b.discover()


def test_a_wordpress_with_its_rest_api_turned_off(wordpress: WordPress) -> None:
    # As "disable REST API" plugins do: every REST request, signed in or not, is refused.
    plugin = wordpress.root / "wp-content" / "mu-plugins" / f"zz-rest-off-{uuid.uuid4().hex[:6]}.php"
    plugin.write_text(
        "<?php add_filter('rest_authentication_errors', function () {\n"
        "  return new WP_Error('rest_disabled', 'The REST API is disabled.', array('status' => 403));\n"
        "}, 99);\n"
    )
    try:
        with make(wordpress.url, wordpress.admin_user, wordpress.app_password) as b:
            with pytest.raises(PermanentError, match="the WordPress REST API is turned off on this site"):
                b.discover()
    finally:
        plugin.unlink()


def test_verify(backend: WordPressBackend, wordpress: WordPress) -> None:
    assert backend.verify() == SiteInfo(
        name=SITE_TITLE,
        url=wordpress.url,
        api_root=wordpress.rest_root,
        user_name=wordpress.admin_user,
        user_login=wordpress.admin_user,
    )


def test_verify_with_an_api_root_already_known_skips_discovery(wordpress: WordPress, proxy: FaultProxy) -> None:
    # No fault: the proxy passes everything and records what was asked.
    root = proxy.url + "/?rest_route=/"
    with make(proxy.url, wordpress.admin_user, wordpress.app_password, api_root=root) as b:
        assert b.verify().api_root == proxy.url + "/?rest_route=/"
    assert [target for _, target, _ in proxy.requests if "rest_route" not in target] == []
    for _, target, headers in proxy.requests:
        assert headers["User-Agent"].startswith("Longhand/")
        assert headers["Authorization"].startswith("Basic ")
        assert wordpress.app_password not in target and "@" not in target


@pytest.mark.parametrize("password", ["app_password_wrong", "login_password"])
def test_a_wrong_password_is_refused_with_a_plain_sentence(wordpress: WordPress, password: str) -> None:
    secret = wordpress.admin_password if password == "login_password" else "abcd efgh ijkl mnop qrst uvwx"
    with make(wordpress.url, wordpress.admin_user, secret) as b:
        with pytest.raises(AuthenticationError) as info:
            b.verify()
        message = str(info.value)
        assert message.startswith("WordPress did not accept the user name or application password for 127.0.0.1.")
        assert "not the password you sign in with" in message and secret not in message
        with pytest.raises(AuthenticationError):
            b.create_post(RemotePost(title=unique("Refused")))


def test_a_subscriber_may_sign_in_but_not_write(wordpress: WordPress) -> None:
    login, password = wordpress.create_user(unique("reader").replace(" ", "-"), role="subscriber")
    with make(wordpress.url, login, password) as b, pytest.raises(PermanentError, match="may sign in .* not write"):
        b.verify()


# -- posts, pages, terms, media -------------------------------------------------------------------
def test_published_post_with_new_terms_is_public(backend: WordPressBackend, wordpress: WordPress) -> None:
    title = unique("Published from Longhand")
    category, tag = unique("Cats & Dogs"), unique("Été")  # WordPress stores names HTML-escaped
    slug = unique("my-slug").replace(" ", "-")
    created = backend.create_post(
        RemotePost(
            title=title,
            content="<p>Written offline.</p>",
            slug=slug,
            excerpt="Short.",
            status=RemoteStatus.PUBLISH,
            categories=[category],
            tags=[tag, "longhand"],
        )
    )
    assert created.id and created.id.isdigit()
    assert (created.slug, created.excerpt, created.status) == (slug, "Short.", RemoteStatus.PUBLISH)
    assert created.categories == [category] and sorted(created.tags) == sorted([tag, "longhand"])
    assert created.modified_gmt is not None and created.modified_gmt.tzinfo is not None
    assert created.link and created.link.endswith(f"/{slug}/")
    page = httpx.get(created.link, timeout=30)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert title in page.text and "Written offline." in page.text
    # The new terms exist, and a fresh backend maps their ids back to the same names.
    assert category in {t.name for t in backend.list_terms("category")}
    assert tag in {t.name for t in backend.list_terms("tag")}
    with make(wordpress.url, wordpress.admin_user, wordpress.app_password) as fresh:
        assert fresh.get_post(created.id).categories == [category]


def test_creating_a_term_that_exists_returns_it(backend: WordPressBackend) -> None:
    name = unique("Existing & Co")
    first = backend.create_term("category", name)
    again = backend.create_term("category", name.upper())  # WordPress compares names without case
    assert again.id == first.id and again.name == name
    with pytest.raises(PermanentError):
        backend.list_terms("colour")


def test_get_post_returns_raw_content(backend: WordPressBackend) -> None:
    title = unique('It\'s "raw" -- really')
    content = "<!-- wp:paragraph -->\n<p>First line</p>\n<!-- /wp:paragraph -->\n\nSecond [gallery] line"
    created = backend.create_post(RemotePost(title=title, content=content, excerpt="Ex -- cerpt"))
    fetched = backend.get_post(created.id)
    assert (fetched.title, fetched.content, fetched.excerpt) == (title, content, "Ex -- cerpt")
    assert fetched.status == RemoteStatus.DRAFT and fetched.date_gmt is None  # a draft's date floats
    assert fetched.modified_gmt == created.modified_gmt


def test_update_with_the_last_seen_time_then_a_conflict_with_another_editor(
    backend: WordPressBackend, wordpress: WordPress
) -> None:
    created = backend.create_post(RemotePost(title=unique("Mine"), content="<p>v1</p>", status=RemoteStatus.PUBLISH))
    mine = RemotePost(title=unique("Mine v2"), content="<p>v2</p>", status=RemoteStatus.PUBLISH, id=created.id)
    updated = backend.update_post(mine, last_seen_modified=created.modified_gmt)
    assert (updated.title, updated.content) == (mine.title, "<p>v2</p>")

    time.sleep(1.1)  # WordPress keeps modification times to the second: the other edit must be later
    login, password = wordpress.create_user(unique("editor").replace(" ", "-"), role="editor")
    theirs = unique("Theirs")
    with rest(wordpress, (login, password)) as http:
        response = http.post(f"wp/v2/posts/{created.id}", json={"title": theirs, "content": "<p>their text</p>"})
        assert response.status_code == 200, response.text

    stale = RemotePost(title=unique("Mine v3"), content="<p>v3</p>", status=RemoteStatus.PUBLISH, id=created.id)
    with pytest.raises(ConflictError) as info:
        backend.update_post(stale, last_seen_modified=updated.modified_gmt)
    assert info.value.remote is not None
    assert (info.value.remote.title, info.value.remote.content) == (theirs, "<p>their text</p>")
    assert info.value.remote.modified_gmt > updated.modified_gmt
    on_server = backend.get_post(created.id)
    assert (on_server.title, on_server.content) == (theirs, "<p>their text</p>")
    # None skips the check: the author chose to overwrite.
    assert backend.update_post(stale, last_seen_modified=None).title == stale.title


def test_scheduled_post(backend: WordPressBackend) -> None:
    due = dt.datetime.now(UTC).replace(microsecond=0) + dt.timedelta(hours=1)
    created = backend.create_post(RemotePost(title=unique("Later"), status=RemoteStatus.FUTURE, date_gmt=due))
    assert (created.status, created.date_gmt) == (RemoteStatus.FUTURE, due)
    fetched = backend.get_post(created.id)
    assert (fetched.status, fetched.date_gmt) == (RemoteStatus.FUTURE, due)


def test_uploaded_png_is_served_and_can_be_the_featured_image(backend: WordPressBackend) -> None:
    png = tiny_png()
    item = backend.upload_media("Café été.png", png, "image/png")
    assert item.id.isdigit() and item.mime_type == "image/png"
    image = httpx.get(item.url, timeout=30)
    assert image.status_code == 200 and image.content == png
    post = backend.create_post(RemotePost(title=unique("With image"), featured_media=item.id))
    assert backend.get_post(post.id).featured_media == item.id
    with pytest.raises(PermanentError, match="127.0.0.1 refused the request: No data supplied."):
        backend.upload_media("empty.png", b"", "image/png")  # WordPress's own message


def test_list_posts_finds_every_status_newest_first(backend: WordPressBackend) -> None:
    marker = uuid.uuid4().hex[:8]
    later = dt.datetime.now(UTC).replace(microsecond=0) + dt.timedelta(hours=1)
    made = {}
    for status in RemoteStatus:
        post = RemotePost(
            title=f"{status} {marker}",
            content=f"<p>{status}</p>",
            status=status,
            date_gmt=later if status == RemoteStatus.FUTURE else None,
        )
        made[status] = backend.create_post(post).id
    backend.page_size = 3  # several pages, even on a fresh site
    found = [p for p in backend.list_posts() if p.title.endswith(marker)]
    assert {p.status: p.id for p in found} == made
    assert found[0].status == RemoteStatus.FUTURE  # dated an hour ahead: the newest
    assert all(p.content == f"<p>{p.status}</p>" for p in found)


def test_pages(backend: WordPressBackend) -> None:
    title = unique("About")
    page = backend.create_post(
        RemotePost(
            title=title, content="<p>About me</p>", kind="page", status=RemoteStatus.PUBLISH, categories=["ignored"]
        )
    )
    assert page.kind == "page" and backend.get_post(page.id, kind="page").title == title
    assert page.id in {p.id for p in backend.list_posts(kind="page")}
    assert httpx.get(page.link, timeout=30).status_code == 200
    with pytest.raises(NotFoundError):
        backend.get_post(page.id, kind="post")
    with pytest.raises(PermanentError):
        backend.get_post(page.id, kind="book")


def test_modified_after_in_a_site_with_another_time_zone(backend: WordPressBackend, wordpress: WordPress) -> None:
    # WordPress compares modified_after with its local times; the offset Longhand sends must count.
    saved = json.loads(
        wordpress.wp_eval("echo json_encode(array(get_option('timezone_string'), get_option('gmt_offset')));")
    )
    wordpress.wp_eval("update_option('timezone_string', 'Pacific/Auckland');")
    try:
        old = backend.create_post(RemotePost(title=unique("Old")))
        two_hours_ago = dt.datetime.now(UTC) - dt.timedelta(hours=2)
        wordpress.wp_eval(
            "global $wpdb; $gmt = $args['gmt'];"
            "$wpdb->update($wpdb->posts, array('post_modified_gmt' => $gmt,"
            " 'post_modified' => get_date_from_gmt($gmt)), array('ID' => $args['id']));"
            "clean_post_cache($args['id']);",
            args={"id": int(old.id), "gmt": two_hours_ago.strftime("%Y-%m-%d %H:%M:%S")},
        )
        new = backend.create_post(RemotePost(title=unique("New")))
        ids = {p.id for p in backend.list_posts(modified_after=dt.datetime.now(UTC) - dt.timedelta(hours=1))}
        assert new.id in ids and old.id not in ids
    finally:
        wordpress.wp_eval(
            "update_option('timezone_string', $args[0]); update_option('gmt_offset', $args[1]);", args=saved
        )


def test_delete_moves_to_the_trash(backend: WordPressBackend, wordpress: WordPress) -> None:
    post = backend.create_post(RemotePost(title=unique("Doomed"), status=RemoteStatus.PUBLISH))
    backend.delete_post(post.id)
    # WordPress 6.1 still answers a trashed post to its editors, with status "trash" ...
    with rest(wordpress) as http:
        assert http.get(f"wp/v2/posts/{post.id}", params={"context": "edit"}).json()["status"] == "trash"
    # ... which the backend reports as gone; the trash can still restore it.
    with pytest.raises(NotFoundError, match="trash"):
        backend.get_post(post.id)
    assert post.id not in {p.id for p in backend.list_posts()}
    backend.delete_post(post.id)  # already in the trash: done
    with pytest.raises(NotFoundError):
        backend.get_post("99999999")
    with pytest.raises(NotFoundError):
        backend.delete_post("99999999")


# -- failures -------------------------------------------------------------------------------------
def test_a_web_page_instead_of_data(proxied: WordPressBackend, proxy: FaultProxy) -> None:
    # Fault: a captive portal or a login wall answers 200 with HTML; WordPress's REST API never does.
    proxy.set("html")
    with pytest.raises(BadResponseError, match="answered with a web page instead of data"):
        proxied.get_post("1")
    with pytest.raises(BadResponseError):
        proxied.verify()


def test_rate_limited(proxied: WordPressBackend, proxy: FaultProxy) -> None:
    # Fault: a host's rate limiter answers 429; WordPress itself never limits REST requests.
    proxy.set("status", status=429, headers={"Retry-After": "7", "Content-Type": "text/html"}, body=b"<p>slow</p>")
    with pytest.raises(RateLimitedError) as info:
        proxied.create_post(RemotePost(title=unique("Too fast")))
    assert info.value.retry_after == 7 and info.value.retryable
    proxy.headers = {"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}  # an HTTP date in the past: now
    with pytest.raises(RateLimitedError) as info:
        next(proxied.list_posts())
    assert info.value.retry_after == 0


def test_server_error(proxied: WordPressBackend, proxy: FaultProxy) -> None:
    # Fault: 500 from the server (a PHP fatal error, an overloaded host); a healthy WordPress has none.
    proxy.set(
        "status",
        status=500,
        headers={"Content-Type": "application/json"},
        body=b'{"code":"internal_server_error","message":"<p>There has been a critical error.</p>"}',
    )
    with pytest.raises(TransientError, match="server error: There has been a critical error") as info:
        proxied.get_post("1")
    assert not isinstance(info.value, BadResponseError)


def test_a_refused_connection(proxied: WordPressBackend, proxy: FaultProxy) -> None:
    # Fault: the connection is closed before a word (a restarting load balancer); php -S never does.
    proxy.set("refuse")
    with pytest.raises(TransientError):
        proxied.verify()
    proxy.set("pass")
    assert proxied.verify().name == SITE_TITLE


def test_the_answer_is_lost_after_the_server_made_the_post(
    proxied: WordPressBackend, proxy: FaultProxy, backend: WordPressBackend
) -> None:
    # Fault: WordPress makes the post, then the connection drops before its answer arrives (mobile
    # networks, proxies timing out); a local php -S always delivers its answers.
    proxy.set("drop_response")
    title = unique("Made but unheard")
    with pytest.raises(TransientError):
        proxied.create_post(RemotePost(title=title))
    assert proxy.count("POST", "/wp-json/wp/v2/posts") == 1
    # The post exists: a retry must look for it first (the core's job), or there will be two.
    assert [p.title for p in backend.list_posts() if p.title == title] == [title]


def test_no_answer_within_the_timeout(wordpress: WordPress, proxy: FaultProxy) -> None:
    # Fault: the server accepts the request and never answers; the test WordPress always answers.
    with make(
        proxy.url, wordpress.admin_user, wordpress.app_password, api_root=proxy.url + "/wp-json/", timeout=0.5
    ) as b:
        proxy.set("hang")
        started = time.monotonic()
        with pytest.raises(TransientError, match="did not answer within 0.5 seconds"):
            b.get_post("1")
        assert time.monotonic() - started < 5


def test_the_blog_is_offline(backend: WordPressBackend, wordpress: WordPress) -> None:
    assert backend.verify().name == SITE_TITLE  # a pooled connection exists
    wordpress.stop()
    try:
        with pytest.raises(TransientError, match=r"^Could not reach 127\.0\.0\.1: .*refused"):
            backend.get_post("1")
        with make(wordpress.url, "x", "y") as fresh, pytest.raises(TransientError, match="Could not reach"):
            fresh.discover()
    finally:
        wordpress.start()
    assert backend.verify().name == SITE_TITLE


def test_an_untrusted_certificate(tmp_path: Path) -> None:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("needs the openssl program to make a certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def serve() -> None:  # a TLS server with a self-signed certificate, for one connection
        connection, _ = listener.accept()
        try:
            context.wrap_socket(connection, server_side=True).close()
        except (ssl.SSLError, OSError):
            connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        with make(f"https://127.0.0.1:{port}", "me", "pw") as b:
            with pytest.raises(PermanentError, match="certificate of 127.0.0.1 could not be verified"):
                b.discover()
    finally:
        thread.join(timeout=10)
        listener.close()


def test_no_secret_in_any_message_or_log(
    wordpress: WordPress, proxy: FaultProxy, caplog: pytest.LogCaptureFixture
) -> None:
    # Faults: a portal's HTML page and a dropped connection (as in the tests above), and a proxy that
    # echoes the secret back; every message and log line is checked for the secret in each form.
    caplog.set_level(logging.DEBUG)
    secret = "abcd efgh ijkl mnop qrst uvwx"  # a dummy
    messages: list[str] = []
    with make(proxy.url, wordpress.admin_user, secret) as b:
        for mode in ("pass", "html", "refuse"):
            proxy.set(mode)
            try:
                b.verify()
            except BackendError as exc:
                messages.append(str(exc))
        # Fault: a broken proxy that echoes the request's headers into its error; WordPress never does.
        token = base64.b64encode(f"{wordpress.admin_user}:{secret}".encode()).decode()
        echo = {"message": f"Bad: Authorization: Basic {token} pw={secret.replace(' ', '')}"}
        proxy.set("status", status=400, headers={"Content-Type": "application/json"}, body=json.dumps(echo).encode())
        with pytest.raises(PermanentError) as info:
            b.get_post("1")
        messages.append(str(info.value))
    assert len(messages) == 4 and "Bad: Authorization: Basic •••" in messages[-1]
    for text in [*messages, caplog.text]:
        assert secret not in text and secret.replace(" ", "") not in text and token not in text
