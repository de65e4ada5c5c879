"""The test WordPress itself (tests/wordpress_server.py): real HTTP to 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import socket
import struct
import subprocess
import sys
import time
import uuid
import zlib
from pathlib import Path

import httpx
import pytest

from tests import wordpress_server
from tests.wordpress_server import SITE_TITLE, WordPress, start_wordpress, stop_wordpress

TIMEOUT = 30.0
REPO = Path(__file__).resolve().parents[2]


def client(wp: WordPress, auth: tuple[str, str] | None = None) -> httpx.Client:
    return httpx.Client(base_url=wp.url, auth=auth, timeout=TIMEOUT)


def admin(wp: WordPress) -> httpx.Client:
    return client(wp, (wp.admin_user, wp.app_password))


def tiny_png(width: int = 3, height: int = 2) -> bytes:
    """A valid RGB PNG, made without any imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes([200, 30, 60]) * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def port_closed(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) != 0


def test_cold_start_is_quick(wordpress: WordPress, record_property) -> None:
    record_property("wordpress_cold_start_seconds", round(wordpress.cold_start_seconds, 2))
    print(f"WordPress cold start: {wordpress.cold_start_seconds:.2f} s")
    assert wordpress.url.startswith("http://127.0.0.1:")
    assert wordpress.rest_root == wordpress.url + "/wp-json/"
    assert wordpress.cold_start_seconds < 30


def test_rest_root_answers_json_with_the_site_name(wordpress: WordPress) -> None:
    response = httpx.get(wordpress.rest_root, timeout=TIMEOUT)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    index = response.json()
    assert index["name"] == SITE_TITLE
    assert index["url"] == wordpress.url
    assert "/wp/v2" in index["routes"]


def test_application_password_authenticates_and_login_password_does_not(wordpress: WordPress) -> None:
    with admin(wordpress) as http:
        response = http.get("/", params={"rest_route": "/wp/v2/users/me", "context": "edit"})
    assert response.status_code == 200, response.text
    me = response.json()
    assert me["slug"] == wordpress.admin_user
    assert "administrator" in me["roles"]

    with client(wordpress, (wordpress.admin_user, wordpress.admin_password)) as http:
        response = http.get("/", params={"rest_route": "/wp/v2/users/me"})
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/json")


def test_home_page_links_the_rest_root(wordpress: WordPress) -> None:
    response = httpx.get(wordpress.url + "/", timeout=TIMEOUT)
    assert response.status_code == 200
    assert 'rel="https://api.w.org/"' in response.headers["link"]
    assert response.links["https://api.w.org/"]["url"] == wordpress.rest_root


def test_created_post_is_public_at_its_pretty_link(wordpress: WordPress) -> None:
    title = f"Hello from Longhand {uuid.uuid4().hex[:8]}"
    with admin(wordpress) as http:
        response = http.post(
            "/wp-json/wp/v2/posts",
            json={"title": title, "content": "<p>Written offline.</p>", "status": "publish"},
        )
        assert response.status_code == 201, response.text
        post = response.json()
        assert post["status"] == "publish"
        assert post["link"] == f"{wordpress.url}/{post['slug']}/"  # pretty permalinks

        page = http.get(post["link"])
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert title in page.text
    assert "Written offline." in page.text


def test_stop_takes_the_blog_offline_and_start_brings_it_back_on_the_same_port(wordpress: WordPress) -> None:
    url, port = wordpress.url, wordpress.port
    wordpress.stop()
    try:
        assert not wordpress.running
        with pytest.raises(httpx.ConnectError):
            httpx.get(wordpress.rest_root, timeout=5)
        # The database stays up while the blog is offline.
        assert wordpress.wp_eval("echo get_option('blogname');") == SITE_TITLE
    finally:
        wordpress.start()
    assert wordpress.running
    assert (wordpress.url, wordpress.port) == (url, port)
    response = httpx.get(wordpress.rest_root, timeout=TIMEOUT)
    assert response.status_code == 200
    assert response.json()["name"] == SITE_TITLE


def test_uploaded_png_is_served_from_the_private_copy(wordpress: WordPress) -> None:
    png = tiny_png()
    with admin(wordpress) as http:
        response = http.post(
            "/wp-json/wp/v2/media",
            content=png,
            headers={"Content-Type": "image/png", "Content-Disposition": 'attachment; filename="dot.png"'},
        )
        assert response.status_code == 201, response.text
        media = response.json()
        assert media["mime_type"] == "image/png"
        source_url = media["source_url"]
        assert source_url.startswith(wordpress.url + "/wp-content/uploads/")

        image = http.get(source_url)
    assert image.status_code == 200
    assert image.headers["content-type"] == "image/png"
    assert image.content == png
    on_disk = wordpress.root / source_url.removeprefix(wordpress.url + "/")
    assert on_disk.read_bytes() == png


def test_another_user_edits_with_its_own_application_password(wordpress: WordPress) -> None:
    with admin(wordpress) as http:
        post = http.post("/wp-json/wp/v2/posts", json={"title": "Shared", "status": "publish"}).json()

    login, app_password = wordpress.create_user("other-editor")
    assert login == "other-editor"
    with client(wordpress, (login, app_password)) as http:
        me = http.get("/wp-json/wp/v2/users/me", params={"context": "edit"})
        assert me.status_code == 200, me.text
        assert me.json()["roles"] == ["editor"]
        edited = http.post(f"/wp-json/wp/v2/posts/{post['id']}", json={"title": "Edited elsewhere"})
    assert edited.status_code == 200, edited.text
    assert edited.json()["title"]["raw"] == "Edited elsewhere"

    _, subscriber_password = wordpress.create_user("a-subscriber", role="subscriber")
    with client(wordpress, ("a-subscriber", subscriber_password)) as http:
        denied = http.post(f"/wp-json/wp/v2/posts/{post['id']}", json={"title": "Nope"})
    assert denied.status_code == 403


def test_wp_eval_runs_php_inside_wordpress(wordpress: WordPress) -> None:
    assert wordpress.wp_eval("echo get_option('blogname');") == SITE_TITLE
    assert json.loads(wordpress.wp_eval("echo json_encode($args);", args={"a": [1, "b"]})) == {"a": [1, "b"]}
    with pytest.raises(RuntimeError, match="no_such_function"):
        wordpress.wp_eval("no_such_function();")


def test_mail_is_logged_not_sent(wordpress: WordPress) -> None:
    assert wordpress.wp_eval("var_export(wp_mail('someone@example.com', 'Subject here', 'Body'));") == "true"
    mails = [json.loads(line) for line in wordpress.mail_log.read_text().splitlines()]
    assert {"to": "someone@example.com", "subject": "Subject here"}.items() <= mails[-1].items()


# WordPress publishes at once a "future" post due in less than a minute, so the test schedules it an
# hour ahead, then moves its date and its cron event into the past (as the clock would).
MAKE_DUE = r"""
global $wpdb;
$past = time() - 5;
$wpdb->update($wpdb->posts, array(
    'post_date_gmt' => gmdate('Y-m-d H:i:s', $past),
    'post_date' => get_date_from_gmt(gmdate('Y-m-d H:i:s', $past)),
), array('ID' => $args['id']));
clean_post_cache($args['id']);
wp_clear_scheduled_hook('publish_future_post', array($args['id']));
wp_schedule_single_event($past, 'publish_future_post', array($args['id']));
"""


def test_scheduled_post_is_published_when_wp_cron_is_requested(wordpress: WordPress) -> None:
    due = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) + dt.timedelta(hours=1)
    with admin(wordpress) as http:
        response = http.post(
            "/wp-json/wp/v2/posts",
            json={"title": "Later", "status": "future", "date_gmt": due.strftime("%Y-%m-%dT%H:%M:%S")},
        )
        assert response.status_code == 201, response.text
        post = response.json()
        assert post["status"] == "future"

        wordpress.wp_eval(MAKE_DUE, args={"id": post["id"]})
        # No WP-Cron on page loads (DISABLE_WP_CRON): still scheduled until wp-cron.php is asked.
        assert http.get("/").status_code == 200
        assert http.get(f"/wp-json/wp/v2/posts/{post['id']}").json()["status"] == "future"
        assert http.get("/wp-cron.php").status_code == 200
        assert http.get(f"/wp-json/wp/v2/posts/{post['id']}").json()["status"] == "publish"


def test_comments_in_quick_succession_are_not_flood(wordpress: WordPress) -> None:
    with admin(wordpress) as http:
        post = http.post("/wp-json/wp/v2/posts", json={"title": "Talk", "status": "publish"}).json()
    login, password = wordpress.create_user("a-reader", role="subscriber")
    with client(wordpress, (login, password)) as http:
        for n in range(3):
            response = http.post("/wp-json/wp/v2/comments", json={"post": post["id"], "content": f"Comment {n}"})
            assert response.status_code == 201, response.text


def test_stop_wordpress_stops_every_process_and_removes_the_site(wordpress_packages, tmp_path: Path) -> None:
    wp = start_wordpress(tmp_path)
    pids, port, site_dir = wp.pids, wp.port, wp.site_dir
    assert len(pids) == 2 and site_dir.is_dir()
    assert httpx.get(wp.rest_root, timeout=TIMEOUT).status_code == 200
    stop_wordpress(wp)
    assert wp.pids == []
    assert not site_dir.exists()
    assert port_closed(port)
    for pid in pids:
        assert not _alive(pid)
    assert not wordpress_server._group_alive(pids[0])  # php -S's workers too
    stop_wordpress(wp)  # idempotent


def test_a_killed_test_process_leaves_no_server_behind(wordpress_packages, tmp_path: Path) -> None:
    if not wordpress_server._pid_namespace():
        pytest.skip("php -S's workers die with their parent only in a PID namespace (needs root)")
    script = (
        "import json, sys, time\n"
        "from pathlib import Path\n"
        "from tests.wordpress_server import start_wordpress\n"
        "wp = start_wordpress(Path(sys.argv[1]))\n"
        "print(json.dumps([wp.pids, wp.port]), flush=True)\n"
        "time.sleep(120)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = child.stdout.readline()
    finally:
        child.kill()  # no teardown, no atexit: only the kernel's help is left
        _, stderr = child.communicate(timeout=TIMEOUT)
    assert line, stderr
    pids, port = json.loads(line)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in pids) or wordpress_server._group_alive(pids[0]):
        assert time.monotonic() < deadline, f"still running after the test process was killed: {pids}"
        time.sleep(0.05)
    assert port_closed(port)


def test_failed_start_stops_what_it_started_and_reports_stderr(
    wordpress_packages, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    helpers = tmp_path / "helpers"
    shutil.copytree(wordpress_server.HELPERS, helpers)
    (helpers / "install.php").write_text('<?php fwrite(STDERR, "broken on purpose\\n"); exit(3);\n')
    monkeypatch.setattr(wordpress_server, "HELPERS", helpers)
    started = []
    real_spawn = wordpress_server._spawn

    def spawn(*args, **kwargs):
        proc = real_spawn(*args, **kwargs)
        started.append(proc)
        return proc

    monkeypatch.setattr(wordpress_server, "_spawn", spawn)
    workdir = tmp_path / "work"
    with pytest.raises(RuntimeError, match="(?s)installing WordPress failed.*broken on purpose"):
        start_wordpress(workdir)
    assert started, "mariadbd was started before the install"
    assert all(proc.poll() is not None for proc in started)
    assert list(workdir.iterdir()) == []


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")
