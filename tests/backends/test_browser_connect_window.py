"""Connect with browser in the window, against the real WordPress: Add Blog → Connect with browser opens the
blog's approval page, the author approves (tests/wp_browser.py does what the page's script does), and the
desktop's `longhand open-url longhand://connect?…` — a real process — hands the address to the window's
socket. The window stores the blog (its password in the real Secret Service), the process prints
"Connected to BLOG as USER", and the window says so too."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

import keyring
from keyring.backends import SecretService
from PySide6.QtCore import Qt

from editor.core import handoff
from editor.core.accounts import NEEDS_CONNECT, Accounts
from editor.core.model import Account
from editor.core.store import Store
from editor.ui.accounts import AddBlogDialog
from editor.ui.app import window_routes
from editor.ui.blogs import BlogsDialog
from editor.ui.instance import InstanceServer, Router
from editor.ui.main_window import MainWindow
from tests.longhand_cli import ROOT, Longhand
from tests.wordpress_server import WordPress
from tests.wp_browser import AuthorizePage

TIMEOUT = 60_000


def window_on(qtbot, store: Store, data: Path) -> tuple[MainWindow, InstanceServer, list[str]]:
    """The window, its socket routed as `longhand` routes it (editor/ui/app.py), and the list of the
    addresses it asked the browser to open (the test is the browser)."""
    window = MainWindow(store, use_web_preview=False)
    qtbot.addWidget(window)
    window.show()
    server = InstanceServer(handoff.socket_path(data, handoff.WINDOW))
    assert server.listen()
    server.message_received.connect(Router(window_routes(window)))
    server.serve()
    opened: list[str] = []
    window.services.browser.open_page = opened.append
    return window, server, opened


def deliver(callback: str, data: Path, env: dict[str, str]) -> subprocess.Popen:
    """What the desktop runs for the browser's longhand:// address: `longhand open-url ADDRESS`."""
    return subprocess.Popen(
        [sys.executable, "-m", "editor", "open-url", callback],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**env, "LONGHAND_HOME": str(data)},
        cwd=ROOT,
    )


def test_connect_with_browser_from_the_add_blog_dialog(
    qtbot,
    wordpress: WordPress,
    secret_service,
    restore_keyring,
    tmp_path,  # noqa: F811
):
    keyring.set_keyring(SecretService.Keyring())
    data = tmp_path / "data"
    store = Store.open(data)
    window, server, opened = window_on(qtbot, store, data)
    dialog = AddBlogDialog(store, window, browser=window.services.browser)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.url, wordpress.url)
    qtbot.keyClicks(dialog.name, "from the window")
    qtbot.mouseClick(dialog.browser_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened), timeout=TIMEOUT)
    assert "Approve Longhand for" in dialog.browser_result.text()
    assert "authorize-application.php" in dialog.browser_result.text()

    with AuthorizePage(wordpress, opened[0]) as page:
        callback = page.approve()
    proc = deliver(callback, data, secret_service.child_env())
    try:
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=TIMEOUT)  # the window answers meanwhile
        out, err = proc.communicate()
    finally:
        if proc.poll() is None:
            proc.kill()
    name = wordpress.wp_eval("echo get_bloginfo('name');").strip()
    assert proc.returncode == 0, err
    assert out.strip() == f"Connected to {name} as {wordpress.admin_user}."
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT)  # added: the dialog closed
    assert window.status.currentMessage() == out.strip()
    [account] = Accounts(store).list()
    assert account.name == "from the window" and account.username == wordpress.admin_user
    assert Accounts(store).backend(account).verify().user_name
    server.close()
    window.close()
    store.close()


def test_a_blog_that_refuses_its_password_is_connected_again_from_the_blogs_list(
    qtbot,
    wordpress: WordPress,
    secret_service,
    restore_keyring,
    tmp_path,  # noqa: F811
):
    """The password is revoked on the blog: publishing fails once and marks the blog; Blogs… shows why, and
    Connect with browser there gives the same blog a new password, with which the job then lands."""
    keyring.set_keyring(SecretService.Keyring())
    login, password = wordpress.create_user(f"revoked{uuid.uuid4().hex[:6]}", role="editor")
    wordpress.wp_eval("wp_set_password('login-pw-123', get_user_by('login', $args)->ID);", args=login)
    data = tmp_path / "data"
    store = Store.open(data)
    account = Accounts(store).add(Account(None, "revoked", "wordpress", wordpress.url, login), password)
    wordpress.wp_eval(
        "WP_Application_Passwords::delete_all_application_passwords(get_user_by('login', $args)->ID);", args=login
    )
    run = Longhand(data, secret_service.child_env())
    draft = run.json("drafts", "new", "-", "--title", "After reconnecting", stdin="Sent later.")
    failed = run("publish", str(draft["id"]), "--account", "revoked", ok=False)
    assert failed.returncode == 1 and "did not accept the user name or application password" in failed.stderr
    assert Accounts(store).get(account.stored_id).options[NEEDS_CONNECT]

    window, server, opened = window_on(qtbot, store, data)
    blogs = BlogsDialog(store, window, browser=window.services.browser)
    qtbot.addWidget(blogs)
    blogs.show()
    assert "⚠ " in blogs.list.item(0).text() and "application password" in blogs.list.item(0).text()
    blogs.list.setCurrentRow(0)
    qtbot.mouseClick(blogs.reconnect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened), timeout=TIMEOUT)
    with AuthorizePage(wordpress, opened[0], login=(login, "login-pw-123")) as page:
        callback = page.approve()
    proc = deliver(callback, data, secret_service.child_env())
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=TIMEOUT)
    assert proc.returncode == 0, proc.stderr.read()
    [again] = Accounts(store).list()
    assert again.id == account.id and NEEDS_CONNECT not in again.options  # the same blog, mark cleared
    qtbot.waitUntil(lambda: "⚠" not in blogs.list.item(0).text(), timeout=TIMEOUT)
    [job] = run.json("outbox", "list", "--all")
    run("outbox", "retry", str(job["id"]))
    assert len(wordpress.posts_titled("After reconnecting")) == 1
    server.close()
    window.close()
    store.close()
