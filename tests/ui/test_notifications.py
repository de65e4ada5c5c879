"""Notifications of new comments, on real windows and a real D-Bus: a private session bus (dbus-daemon) with a
notification server of our own on it (tests/notification_server.py, a separate process owning
org.freedesktop.Notifications, checking each call's signature as GDBus servers do, recording Notify calls
and emitting ActionInvoked as a click would).

The comments reach the store as a sync leaves them (Comments.upsert, as in test_inbox.py) and then the
window's own sync runs for real and finishes (its blog is http://127.0.0.1:9, a closed port, with no
password anywhere: it fails at once), which is what the notifications follow. What was not told is proved
by the next notification: it speaks of the later comments alone.

The tray: this process is on the offscreen platform, which has none (QSystemTrayIcon.isSystemTrayAvailable()
is False). The whole tray path runs for real in a process of its own on an X server with a tray host (Xvfb
and trayer: the icon docked, the count drawn on it, Qt's balloon beside it, a click on the balloon); here,
with that answer replaced, the rest: the count following the reading, the switch taking the icon away.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication

from editor.backends.base import CommentStatus, RemoteComment
from editor.core.comments import Comments
from editor.core.rows import dump_time
from editor.core.store import Store
from editor.core.sync import NEWS_MARK_KEY, take_news
from editor.ui.notifications import SETTING, CommentNotifications
from editor.ui.tray import BADGE_COLOR, CommentTray, badge
from tests.dbus_session import session_bus
from tests.notification_server import NotificationServer, notification_server
from tests.notification_tray import tray_display
from tests.ui.test_inbox import seed

TIMEOUT = 10_000
_remote_ids = iter(range(100, 10_000))


@pytest.fixture(scope="module")
def desktop():
    """The private bus and the notification server, for the module (its calls add up: tests count new ones)."""
    with session_bus() as bus, notification_server(bus.address) as server:
        yield server


@pytest.fixture
def server(desktop: NotificationServer, monkeypatch) -> NotificationServer:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", desktop.address)
    return desktop


@pytest.fixture
def window(open_window, data_dir, qtbot):
    """A window over seeded comments (test_inbox's), once its first sync has finished."""
    with Store.open(data_dir) as store:
        seed(store)
    window = open_window(use_web_preview=False)
    qtbot.waitUntil(lambda: window.store.get_setting(NEWS_MARK_KEY) is not None, timeout=TIMEOUT)
    return window


def notifier(window) -> CommentNotifications:
    return window.findChild(CommentNotifications, "commentNotifications")


def arrive(store: Store, author: str, html: str, *, post: str = "10", title: str = "Hello world", **kw) -> int:
    """A comment as a sync stores it, on the first blog (or `account_id=`); its local id."""
    account_id = kw.pop("account_id", None)
    if account_id is None:
        with store.transaction("find the blog", write=False) as conn:
            account_id = conn.execute("SELECT MIN(id) FROM accounts").fetchone()[0]
    remote = RemoteComment(
        str(next(_remote_ids)),
        post,
        html,
        None,
        author,
        date_gmt=kw.pop("date", datetime.now(UTC)),
        status=kw.pop("status", CommentStatus.APPROVED),
        post_title=title,
    )
    return Comments(store).upsert(account_id, remote)[0].id


def sync(window, qtbot) -> None:
    """Run the window's comment sync to its end."""
    with qtbot.waitSignal(window.services.comments_synced, timeout=TIMEOUT):
        window.inbox.sync()


def next_call(server: NotificationServer, qtbot, before: int) -> dict:
    """The one Notify call after the first `before`."""
    qtbot.waitUntil(lambda: len(server.calls()) > before, timeout=TIMEOUT)
    calls = server.calls()
    assert len(calls) == before + 1, calls[before:]
    return calls[before]


def test_a_sync_bringing_two_comments_raises_one_notification_that_opens_the_newest(window, server, qtbot):
    store, panel = window.store, window.inbox.list_panel
    before = len(server.calls())
    now = datetime.now(UTC)
    dee = arrive(store, "Dee", "<p>First!</p>", date=now - timedelta(minutes=2))
    words = "<p>I love &lt;b&gt;tags&lt;/b&gt; &amp;\n you</p>"  # what a reader typed as "I love <b>tags</b> &"
    eve = arrive(store, "Eve\u202e", words, date=now - timedelta(minutes=1))
    arrive(store, "author", "<p>My own answer, from the blog's admin</p>", date=now)
    arrive(store, "Spammer", "<p>Pills</p>", date=now, status=CommentStatus.SPAM)
    sync(window, qtbot)
    call = next_call(server, qtbot, before)
    assert call["app_name"] == "Longhand" and call["replaces_id"] == 0
    assert call["summary"] == "2 new comments on «Hello world»"
    # The server reads markup: the stranger's words arrive escaped, on one line, the override dropped.
    assert call["body"] == "Eve: I love &lt;b&gt;tags&lt;/b&gt; &amp; you"
    assert call["actions"] == ["default", "Open"] and call["hints"] == {"desktop-entry": "longhand"}
    unread = Comments(store).unread_count()
    assert unread == 4 + 3  # the seeded four, Dee, Eve, and the author's own (spam is not counted)
    assert window.side_tabs.tabText(1) == f"Inbox ({unread} unread)"

    window.side_tabs.setCurrentIndex(0)
    panel.set_view("pending")
    server.invoke(call["id"])  # the author clicks it
    qtbot.waitUntil(lambda: window.side_tabs.currentWidget() is panel, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: panel.current_comment() is not None, timeout=TIMEOUT)
    assert panel.view == "unread" and panel.current_comment().id == eve
    assert Comments(store).get(eve).read and not Comments(store).get(dee).read


def test_one_new_comment_says_who_wrote_what_and_opens_on_it(window, server, qtbot):
    store, panel = window.store, window.inbox.list_panel
    before = len(server.calls())
    long_words = "A rather long thought " * 20
    fay = arrive(store, "Fay", f"<p>{long_words}</p>", post="20", title="Second post")
    sync(window, qtbot)
    call = next_call(server, qtbot, before)
    assert call["summary"] == "Fay on «Second post»"
    assert call["body"].startswith("A rather long thought A rather") and call["body"].endswith("…")
    assert len(call["body"]) <= 120
    panel.blog.setCurrentIndex(1)
    panel.search_box.setText("nothing matches this")
    server.invoke(call["id"] + 1000)  # another program's notification clicked: nothing opens here
    qtbot.wait(300)
    assert window.side_tabs.currentIndex() == 0
    server.invoke(call["id"])
    qtbot.waitUntil(lambda: panel.current_comment() is not None and panel.current_comment().id == fay, timeout=TIMEOUT)
    assert panel.view == "all" and panel.search_box.text() == "" and panel.blog.currentIndex() == 0


def test_turned_off_nothing_is_told_not_even_later(window, server, qtbot, open_window):
    store = window.store
    action = notifier(window).action
    assert action in window.menus.menus["blog"].actions() and action.isChecked()
    before = len(server.calls())
    action.trigger()  # Blog ▸ Notify of New Comments, off
    assert store.get_setting(SETTING) == "0"
    arrive(store, "Gil", "<p>While you were away</p>")
    sync(window, qtbot)
    action.trigger()  # on again
    arrive(store, "Hal", "<p>Back again</p>")
    sync(window, qtbot)
    call = next_call(server, qtbot, before)
    assert call["summary"] == "Hal on «Hello world»"  # Gil's was never told, now or later

    action.trigger()
    window.close()
    again = open_window(use_web_preview=False)
    assert not notifier(again).action.isChecked()  # remembered


def test_the_first_sync_of_a_blog_is_not_news(window, server, qtbot):
    store = window.store
    before = len(server.calls())
    with store.transaction("add a blog") as conn:
        other = conn.execute(
            "INSERT INTO accounts (name, backend, base_url, username, created_at) VALUES (?, ?, ?, ?, ?)",
            ("Old Blog", "wordpress", "http://127.0.0.1:9", "me", dump_time(datetime.now(UTC))),
        ).lastrowid
    for number in range(3):
        arrive(store, f"Reader {number}", "<p>Years ago</p>", account_id=other, title="Old post")
    sync(window, qtbot)
    arrive(store, "Ivy", "<p>Fresh</p>")
    sync(window, qtbot)
    assert next_call(server, qtbot, before)["summary"] == "Ivy on «Hello world»"


def test_news_leaves_out_what_was_read_and_the_first_call_only_sets_the_mark(data_dir):
    with Store.open(data_dir) as store:
        seed(store)
        assert take_news(store).ids == []  # the first call: everything stored is old
        read, unread = arrive(store, "Jo", "<p>a</p>"), arrive(store, "Kim", "<p>b</p>")
        Comments(store).mark_read([read])
        assert take_news(store).ids == [unread]
        assert take_news(store).ids == []  # told once


def test_with_a_tray_the_tray_says_it_with_the_count_and_its_click_opens(window, server, qtbot, monkeypatch):
    # The offscreen platform has no tray and none can be run here: the answer is replaced.
    monkeypatch.setattr(CommentTray, "available", staticmethod(lambda: True))
    store, panel, notes = window.store, window.inbox.list_panel, notifier(window)
    before = len(server.calls())
    arrive(store, "Lu", "<p>&lt;img src=x&gt; hello</p>", post="20", title="Second post")
    mo = arrive(store, "Mo", "<p>&lt;b&gt;hi&lt;/b&gt;</p>")
    sync(window, qtbot)
    tray = notes.tray
    assert tray is not None and tray.icon.isVisible()
    # No tag can reach a label that guesses rich text; the count is the inbox's.
    assert tray.last_message == ("2 new comments on 2 posts", "Mo: ‹b›hi‹/b›")
    assert tray.count == Comments(store).unread_count() == 6
    assert tray.icon.toolTip() == "Longhand — 6 unread comments"
    qtbot.wait(300)  # a call on the bus would be there by now
    assert len(server.calls()) == before  # the tray said it: not the bus too

    tray.icon.messageClicked.emit()  # as the platform does when the message is clicked
    qtbot.waitUntil(lambda: panel.current_comment() is not None and panel.current_comment().id == mo, timeout=TIMEOUT)
    assert panel.view == "unread"
    qtbot.waitUntil(lambda: tray.count == 5, timeout=TIMEOUT)  # reading it counts down on the icon
    notes.action.trigger()  # off: the icon goes
    assert not tray.icon.isVisible()


def test_the_count_is_drawn_on_the_icon():
    def red(icon: QIcon, x: float, y: float) -> bool:
        image = icon.pixmap(64, 64).toImage()
        pixel = QColor(image.pixel(int(x * image.width()), int(y * image.height())))
        return pixel.alpha() > 200 and abs(pixel.red() - BADGE_COLOR.red()) < 40 and pixel.green() < 120

    base = QIcon()
    assert badge(base, 0) is base  # nothing unread: the icon as it is
    three, many = badge(base, 3), badge(base, 250)
    assert not red(three, 0.1, 0.1) and red(three, 0.7, 0.45) and red(three, 0.45, 0.7)  # a disc, lower right
    assert three.pixmap(64, 64).toImage() != many.pixmap(64, 64).toImage()  # with the number on it
    tray = CommentTray(base)
    tray.set_count(1)
    assert tray.icon.toolTip() == "Longhand — 1 unread comment"
    assert tray.icon.icon().pixmap(64, 64).toImage() == badge(base, 1).pixmap(64, 64).toImage()
    assert tray.icon.icon().pixmap(64, 64).toImage() != three.pixmap(64, 64).toImage()


def test_the_inbox_filter_buttons_are_reached_with_tab_and_named(window, qtbot):
    panel = window.inbox.list_panel
    window.side_tabs.setCurrentIndex(1)
    buttons = panel.view_buttons
    assert [b.accessibleName() for b in buttons] == [
        "All comments",
        "Unread comments",
        "Pending comments",
        "Approved comments",
        "Spam",
        "Trash",
    ]
    buttons[0].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(buttons[0].hasFocus, timeout=TIMEOUT)
    for button in buttons[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert button.hasFocus()
    qtbot.keyClick(buttons[-1], Qt.Key.Key_Tab)
    assert panel.blog.hasFocus()  # and on to the filters
    qtbot.keyClick(panel.blog, Qt.Key.Key_Backtab)
    qtbot.keyClick(buttons[-1], Qt.Key.Key_Backtab)
    assert buttons[-2].hasFocus()  # every view stays one Tab away, whichever is shown
    qtbot.keyClick(buttons[-2], Qt.Key.Key_Space)
    assert panel.view == "spam" and panel.rows()[0][0] == "Spammer"
    assert [b.isChecked() for b in buttons] == [False, False, False, False, True, False]
    qtbot.keyClick(buttons[-2], Qt.Key.Key_Space)  # pressing the shown one again keeps it shown
    assert panel.view == "spam" and buttons[-2].isChecked()


def test_on_a_real_tray_the_message_shows_beside_the_counted_icon_and_its_click_opens(server, data_dir):
    """The whole tray path on a real X tray (Xvfb and trayer), in a process of its own on the xcb platform
    (this one is offscreen for good); its bus has no StatusNotifierWatcher, so Qt docks the icon by XEmbed
    and shows its message as a balloon beside it."""
    with Store.open(data_dir) as store:
        seed(store)
    before = len(server.calls())
    with tray_display() as display:
        environment = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        run = subprocess.run(
            [sys.executable, "-m", "tests.notification_tray", str(data_dir)],
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert run.returncode == 0, run.stderr[-3000:]
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["docked"][2] > 0 and seen["docked"][3] > 0  # the tray host took the icon
    assert seen["message"] == ["2 new comments on «Hello world»", "Mo: ‹b›hi‹/b›"]
    assert seen["count"] == seen["unread"] == 6
    assert seen["inbox_shown"] and seen["opened"] == seen["newest"] and seen["view"] == "unread"
    assert len(server.calls()) == before  # the tray said it: not the bus too
