"""Connecting a blog through the browser, end to end: `longhand accounts connect` (a real process) waits,
the author approves on the real WordPress's Authorize Application page (tests/wp_browser.py does what the
page's script does), the browser's `longhand://connect…` address goes to `longhand open-url`, and the blog
is stored with its password in the real Secret Service, then used to publish.
"""

from __future__ import annotations

import sqlite3
import stat
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from editor.backends.wordpress_connect import APP_ID, find_authorization
from tests.connect_cli import connecting
from tests.longhand_cli import Longhand
from tests.wordpress_server import WordPress
from tests.wp_browser import AuthorizePage


@pytest.fixture
def longhand(secret_service, tmp_path) -> Longhand:
    return Longhand(tmp_path / "data", secret_service.child_env())


@pytest.fixture
def browser(tmp_path) -> Path:
    """A BROWSER program that only writes down the address it was asked to open (what `webbrowser` runs)."""
    opened = tmp_path / "opened.txt"
    script = tmp_path / "browser.sh"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> {opened}\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def stored_accounts(longhand: Longhand) -> list[dict]:
    return longhand.json("accounts", "list")


def test_connect_in_the_browser_then_publish(longhand, wordpress: WordPress, browser: Path, tmp_path):
    env = {**longhand.env, "BROWSER": str(browser)}
    with connecting(longhand, wordpress.url, "--name", "approved", env=env) as waiting:
        # The approval page: WordPress's own, asking for Longhand with its fixed app id and our addresses.
        query = parse_qs(urlsplit(waiting.page).query)
        assert urlsplit(waiting.page).path.endswith("/wp-admin/authorize-application.php")
        assert query["app_name"][0].startswith("Longhand (") and query["app_id"] == [APP_ID]
        assert query["success_url"] == ["longhand://connect"]
        assert query["reject_url"] == ["longhand://connect?rejected"]
        # The browser was asked to open the same address (BROWSER is honoured), and it was printed too.
        for _ in range(100):
            if (tmp_path / "opened.txt").exists():
                break
            time.sleep(0.05)
        assert (tmp_path / "opened.txt").read_text().split() == [waiting.page]

        with AuthorizePage(wordpress, waiting.page) as page:
            assert page.status == 200 and "Longhand" in page.html
            callback = page.approve()
        password = parse_qs(urlsplit(callback).query)["password"][0]
        # The waiting process never had the password on its command line.
        cmdline = waiting.cmdline
        assert password.encode() not in cmdline

        said = longhand("open-url", callback).stdout.strip()
        assert said == f"Connected to {wordpress_name(wordpress)} as {wordpress.admin_user}."
        status, out, err = waiting.finish()
        assert status == 0, err
        assert out.strip() == said

    [account] = stored_accounts(longhand)
    assert account["name"] == "approved" and account["username"] == wordpress.admin_user
    assert account["api_root"]
    # WordPress lists the password under Longhand's app id.
    listed = wordpress.wp_eval("echo json_encode(WP_Application_Passwords::get_user_application_passwords(1));")
    assert APP_ID in listed

    # The new account publishes.
    draft = longhand.json(
        "drafts", "new", "-", "--title", "Approved in the browser", stdin="Sent with a browser's password."
    )
    longhand("publish", str(draft["id"]), "--account", "approved", "--status", "publish")
    assert len(wordpress.posts_titled("Approved in the browser")) == 1

    # The password is in the keyring only: no file of the data folder holds it, nothing printed it.
    assert not [p for p in longhand.data.rglob("*") if p.is_file() and password.encode() in p.read_bytes()]
    printed = [text for text in longhand.seen if "open-url" not in text]  # the browser's own argv had it
    assert not [text for text in printed if password in text]


def wordpress_name(wordpress: WordPress) -> str:
    return wordpress.wp_eval("echo get_bloginfo('name');").strip()


def test_a_refusal_stores_nothing(longhand, wordpress: WordPress):
    with connecting(longhand, wordpress.url, "--no-browser") as waiting:
        with AuthorizePage(wordpress, waiting.page) as page:
            rejected = page.reject()
        assert rejected.startswith("longhand://connect?rejected")
        refused = longhand("open-url", rejected, ok=False)
        assert refused.returncode == 1
        assert refused.stderr.strip() == "longhand: You did not approve Longhand in the browser; nothing was stored."
        status, _, err = waiting.finish()
        assert status == 1 and "You did not approve Longhand" in err
    assert stored_accounts(longhand) == []


def test_a_callback_for_a_site_nobody_asked_for_is_refused(longhand, wordpress: WordPress):
    forged = "longhand://connect?site_url=https%3A%2F%2Fevil.example&user_login=admin&password=abcd%20efgh"
    with connecting(longhand, wordpress.url, "--no-browser") as waiting:
        refused = longhand("open-url", forged, ok=False)
        assert (
            refused.stderr.strip() == "longhand: Longhand did not ask to connect to evil.example; nothing was stored."
        )
        assert waiting.proc.poll() is None  # still waiting for its own blog's answer
        # The right site with a password WordPress does not know: refused by the blog, nothing stored.
        site = wordpress.wp_eval("echo site_url();").strip()
        wrong = f"longhand://connect?site_url={site}&user_login=admin&password=wrong%20wrong%20wrong"
        failed = longhand("open-url", wrong, ok=False)
        assert "did not accept the user name or application password" in failed.stderr
        assert "wrong wrong" not in failed.stderr
        status, _, err = waiting.finish()
        assert status == 1
    assert stored_accounts(longhand) == []
    # With nobody waiting any more, a callback is answered plainly too.
    assert longhand("open-url", forged, ok=False).stderr.strip() == (
        "longhand: Longhand did not ask to connect to evil.example; nothing was stored."
    )


def test_an_expired_request_stores_nothing(longhand, wordpress: WordPress):
    with connecting(longhand, wordpress.url, "--no-browser") as waiting:
        with AuthorizePage(wordpress, waiting.page) as page:
            callback = page.approve()
        with sqlite3.connect(longhand.data / "longhand.sqlite3") as db:
            db.execute("UPDATE connect_requests SET expires_at = '2000-01-01T00:00:00+00:00'")
        late = longhand("open-url", callback, ok=False)
        assert late.stderr.strip() == (
            "longhand: That connection request expired; start again with “Connect with browser”."
        )
        waiting.proc.terminate()
    assert stored_accounts(longhand) == []


def test_a_blog_without_application_passwords_is_told_plainly(longhand, wordpress: WordPress):
    wordpress.wp_eval("update_option('longhand_tests_no_app_passwords', 1);")
    try:
        done = longhand("accounts", "connect", "--url", wordpress.url, "--no-browser", ok=False)
    finally:
        wordpress.wp_eval("delete_option('longhand_tests_no_app_passwords');")
    assert done.returncode == 1
    assert "does not offer application passwords" in done.stderr
    assert "http" not in done.stdout
    assert stored_accounts(longhand) == []
    with sqlite3.connect(longhand.data / "longhand.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM connect_requests").fetchone()[0] == 0


def test_connecting_again_replaces_the_password_instead_of_adding_a_twin(longhand, wordpress: WordPress):
    for _ in range(2):
        with connecting(longhand, wordpress.url, "--no-browser") as waiting:
            with AuthorizePage(wordpress, waiting.page) as page:
                longhand("open-url", page.approve())
            assert waiting.finish()[0] == 0
    [account] = stored_accounts(longhand)
    assert "Connected to" in longhand("accounts", "test", str(account["id"])).stdout


def test_two_requests_in_one_second_ask_for_passwords_of_different_names(wordpress: WordPress):
    # WordPress refuses a second password of the same name (409): a reconnection straight after a
    # connection, as the test above does, was stuck when both fell in one second.
    names = {parse_qs(urlsplit(find_authorization(wordpress.url).page).query)["app_name"][0] for _ in range(3)}
    assert len(names) == 3
