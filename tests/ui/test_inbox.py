"""The comment inbox in the window, on real widgets: listing, filters, the conversation, keyboard triage,
replies, the unread count, and what a hostile comment cannot make the view do.

No blog is contacted: the comments are seeded in the store as a sync would have left them, and the blog
is http://127.0.0.1:9 (a closed port) with no password in any keyring, so the window's own comment sync
fails at once. Replies and moderations go through Services.reply/moderate/undo: local rows at once,
jobs queued.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from editor.backends.base import CommentStatus, RemoteComment
from editor.core.comments import Comments
from editor.core.jobs import Jobs
from editor.core.model import JobKind
from editor.core.rows import dump_time
from editor.ui import inbox_listing

TIMEOUT = 20000  # ms; Chromium starts slowly on a shared machine
TRACKER = "http://127.0.0.1:9/track.png"  # a closed port: nothing could answer anyway


def seed(store) -> dict[str, int]:
    """A blog and five comments on two posts; returns the local ids by remote id.

    The blog row is written with SQL: Accounts.add would put a password in the keyring, which is not
    what these tests are about (and nothing here signs in)."""
    now = datetime.now(UTC)  # at seeding time: the ages shown are measured from it
    with store.transaction("seed the blog") as conn:
        account_id = conn.execute(
            "INSERT INTO accounts (name, backend, base_url, username, created_at) VALUES (?, ?, ?, ?, ?)",
            ("My Blog", "wordpress", "http://127.0.0.1:9", "author", dump_time(now)),
        ).lastrowid
    comments = Comments(store)
    remote = [
        RemoteComment(
            "1",
            "10",
            "<p>Lovely post</p>",
            None,
            "Ada",
            date_gmt=now - timedelta(hours=3),
            status=CommentStatus.HOLD,
            post_title="Hello world",
        ),
        RemoteComment(
            "2",
            "10",
            "<p>Agreed with Ada</p>",
            "1",
            "Bob",
            date_gmt=now - timedelta(hours=2),
            status=CommentStatus.APPROVED,
            post_title="Hello world",
        ),
        RemoteComment(
            "3",
            "20",
            "<p>Nice follow-up</p>",
            None,
            "Cy",
            date_gmt=now - timedelta(minutes=50),
            status=CommentStatus.APPROVED,
            post_title="Second post",
        ),
        RemoteComment(
            "4",
            "20",
            f'<p>Look at this</p><img src="{TRACKER}" alt="x"><script>document.title = \'pwned\'</script>',
            None,
            "Mallory",
            date_gmt=now - timedelta(minutes=5),
            status=CommentStatus.HOLD,
            post_title="Second post",
        ),
        RemoteComment(
            "5",
            "10",
            "<p>Buy pills</p>",
            None,
            "Spammer",
            date_gmt=now - timedelta(days=2),
            status=CommentStatus.SPAM,
            post_title="Hello world",
        ),
    ]
    return {r.id: comments.upsert(account_id, r)[0].id for r in remote}


@pytest.fixture
def inbox_window(open_window, data_dir):
    """A window over seeded comments, its Inbox tab shown; returns (window, ids)."""
    from editor.core.store import Store

    with Store.open(data_dir) as store:
        ids = seed(store)
    window = open_window()
    window.side_tabs.setCurrentIndex(1)
    return window, ids


def authors(panel) -> list[str]:
    return [row[0] for row in panel.rows()]


def run(qtbot, view, script: str):
    """The value of `script` in the page's application world (through JSON: arrays do not cross as such);
    None while a page is loading (the script ran in no document)."""
    box = {}
    view.run_script(f"JSON.stringify({script})", lambda value: box.setdefault("v", value))
    qtbot.waitUntil(lambda: "v" in box, timeout=TIMEOUT)
    return json.loads(box["v"]) if box["v"] else None


def select(qtbot, window, comment_id: int) -> None:
    """Select a comment and wait until its conversation is on the page."""
    conversation = window.inbox.conversation
    with qtbot.waitSignal(conversation.updated, timeout=TIMEOUT):
        assert window.inbox.list_panel.select(comment_id)
    assert conversation.comment.id == comment_id
    if hasattr(conversation.view, "run_script"):  # an earlier page load may report last: wait for this one
        qtbot.waitUntil(
            lambda: run(qtbot, conversation.view, "document.querySelector('.selected')?.id") == f"c{comment_id}",
            timeout=TIMEOUT,
        )


def test_the_inbox_lists_comments_with_author_post_and_age(inbox_window):
    window, _ids = inbox_window
    panel = window.inbox.list_panel
    assert window.work.currentWidget() is window.inbox.conversation  # the editor is out of the way
    rows = {row[0]: row for row in panel.rows()}
    assert set(rows) == {"Ada", "Bob", "Cy", "Mallory"}  # spam is not in "All"
    assert rows["Ada"] == ("Ada", "Lovely post", "Hello world", "3 h", "pending")
    assert rows["Cy"][3] == "50 min"
    assert "<" not in rows["Mallory"][1] and "pwned" not in rows["Mallory"][1]
    assert window.side_tabs.tabText(1) == "Inbox (4 unread)"
    bold = panel.model.data(panel.model.index(0, 0), Qt.ItemDataRole.FontRole)
    assert bold is not None and bold.bold()
    window.side_tabs.setCurrentIndex(0)
    assert window.work.currentWidget() is window.writing


def test_filters_change_the_rows(qtbot, inbox_window):
    window, _ids = inbox_window
    panel = window.inbox.list_panel
    views = {name: panel.findChild(type(panel.undo_button), f"view_{name}") for name in ("pending", "spam", "all")}
    # A click reads the list off the UI thread: it follows a moment later.
    qtbot.mouseClick(views["pending"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sorted(authors(panel)) == ["Ada", "Mallory"], timeout=5000)
    qtbot.mouseClick(views["spam"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: authors(panel) == ["Spammer"], timeout=5000)
    qtbot.mouseClick(views["all"], Qt.MouseButton.LeftButton)
    panel.post.setCurrentIndex(panel.post.findText("Second post"))
    qtbot.waitUntil(lambda: authors(panel) == ["Mallory", "Cy"], timeout=5000)  # newest first
    panel.post.setCurrentIndex(0)
    panel.blog.setCurrentIndex(panel.blog.findText("My Blog"))
    assert len(authors(panel)) == 4


def test_selecting_shows_the_thread_indented_and_marks_read(qtbot, inbox_window):
    window, ids = inbox_window
    select(qtbot, window, ids["2"])
    conversation = window.inbox.conversation
    assert conversation.title.text() == "Hello world"
    expected = [[f"c{ids['1']}", "0px", "c"], [f"c{ids['2']}", "28px", "c selected"]]
    # Waited for: the page may still be finishing the load that came before the selection.
    qtbot.waitUntil(
        lambda: (
            run(
                qtbot,
                conversation.view,
                "[...document.querySelectorAll('.c')].map(e => [e.id, e.style.marginLeft, e.className])",
            )
            == expected
        ),
        timeout=TIMEOUT,
    )
    qtbot.waitUntil(lambda: window.side_tabs.tabText(1) == "Inbox (3 unread)")
    row = window.inbox.list_panel.model.row_of(ids["2"])
    model = window.inbox.list_panel.model
    font = model.data(model.index(row, 0), Qt.ItemDataRole.FontRole)
    assert font is None or not font.bold()


def test_r_focuses_the_reply_box_and_ctrl_enter_queues_a_reply(qtbot, inbox_window):
    window, ids = inbox_window
    window.activateWindow()
    select(qtbot, window, ids["1"])
    panel, conversation = window.inbox.list_panel, window.inbox.conversation
    panel.list.setFocus()
    qtbot.waitUntil(panel.list.hasFocus)
    qtbot.keyClick(panel.list, "r")
    qtbot.waitUntil(conversation.reply_box.text.hasFocus)
    qtbot.keyClicks(conversation.reply_box.text, "Thanks *Ada*!")
    assert (
        "<em>Ada</em>" in conversation.reply_box.rendered.toHtml()
        or "Ada" in conversation.reply_box.rendered.toPlainText()
    )
    qtbot.keyClick(conversation.reply_box.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    replies = [c for c in Comments(window.store).list() if c.pending == "reply"]
    assert len(replies) == 1
    reply = replies[0]
    assert reply.parent_remote_id == "1" and "<em>Ada</em>" in reply.html
    assert [j.payload for j in Jobs(window.store).list() if j.kind is JobKind.COMMENT_REPLY] == [
        {"comment_id": reply.id}
    ]
    assert conversation.reply_box.text.toPlainText() == ""
    row = panel.model.row_of(reply.id)
    assert row >= 0 and panel.rows()[row][4] == "approved · queued"
    # The reply is in the conversation, under Ada's comment.
    qtbot.waitUntil(lambda: run(qtbot, conversation.view, f"!!document.getElementById('c{reply.id}')"), timeout=TIMEOUT)
    assert run(qtbot, conversation.view, f"document.getElementById('c{reply.id}').style.marginLeft") == "28px"


def test_a_approves_locally_as_queued_and_undo_queues_it_back(qtbot, inbox_window):
    window, ids = inbox_window
    panel = window.inbox.list_panel
    select(qtbot, window, ids["1"])
    qtbot.keyClick(panel.list, "a")
    ada = Comments(window.store).get(ids["1"])
    assert (ada.status, ada.pending) == ("approved", "approved")
    assert panel.rows()[panel.model.row_of(ids["1"])][4] == "approved · queued"
    assert panel.undo_bar.isVisible() and "approved" in panel.undo_label.text()
    assert [j.payload["status"] for j in Jobs(window.store).list() if j.kind is JobKind.COMMENT_STATUS] == ["approved"]
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    ada = Comments(window.store).get(ids["1"])
    assert ada.status == "hold" and ada.pending == "hold"
    assert not panel.undo_bar.isVisible()


def test_multi_select_and_s_spams_every_selected_comment(qtbot, inbox_window):
    window, ids = inbox_window
    panel = window.inbox.list_panel
    select(qtbot, window, ids["1"])
    panel.list.selectionModel().select(
        panel.model.index(panel.model.row_of(ids["3"]), 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert {c.id for c in panel.selected_comments()} == {ids["1"], ids["3"]}
    qtbot.keyClick(panel.list, "s")
    comments = Comments(window.store)
    assert [comments.get(ids[r]).status for r in ("1", "3")] == ["spam", "spam"]
    assert sorted(authors(panel)) == ["Bob", "Mallory"]  # gone from "All"
    assert "2 comments" in panel.undo_label.text()
    qtbot.keyClick(panel.list, "#")  # nothing selected any more: nothing happens
    panel.set_view("spam")
    assert sorted(authors(panel)) == ["Ada", "Cy", "Spammer"]


def test_u_marks_unread_again(qtbot, inbox_window):
    window, ids = inbox_window
    select(qtbot, window, ids["3"])
    qtbot.waitUntil(lambda: window.side_tabs.tabText(1) == "Inbox (3 unread)")
    qtbot.keyClick(window.inbox.list_panel.list, "u")
    assert not Comments(window.store).get(ids["3"]).read
    assert window.side_tabs.tabText(1) == "Inbox (4 unread)"


def test_a_hostile_comment_runs_no_script_and_loads_no_image_until_asked(qtbot, inbox_window):
    window, ids = inbox_window
    conversation = window.inbox.conversation
    if not hasattr(conversation.view, "interceptor"):
        pytest.skip("QtWebEngine is not available")
    select(qtbot, window, ids["4"])
    page = conversation.view
    assert run(qtbot, page, "document.querySelectorAll('script').length") == 0
    assert run(qtbot, page, "document.title") != "pwned"
    images = "[...document.querySelectorAll('#c%d img')].map(i => i.getAttribute('src'))" % ids["4"]
    assert run(qtbot, page, images) == [None]
    assert TRACKER not in page.interceptor.requested
    assert conversation.load_images_button.isEnabled()
    with qtbot.waitSignal(conversation.updated, timeout=TIMEOUT):
        qtbot.mouseClick(conversation.load_images_button, Qt.MouseButton.LeftButton)
    assert run(qtbot, page, images) == [TRACKER]
    assert run(qtbot, page, "document.querySelectorAll('script').length") == 0
    assert run(qtbot, page, "document.title") != "pwned"
    qtbot.waitUntil(lambda: TRACKER in page.interceptor.requested, timeout=TIMEOUT)  # asked for only now


def test_another_comment_of_the_thread_moves_the_highlight_without_loading_the_page(qtbot, inbox_window):
    window, ids = inbox_window
    conversation = window.inbox.conversation
    select(qtbot, window, ids["1"])
    if not hasattr(conversation.view, "run_script"):
        pytest.skip("the page is patched only in QtWebEngine")
    # Every load asked for so far has finished (an earlier one may report after Ada's page is shown).
    view = conversation.view
    qtbot.waitUntil(lambda: not view._loads and not view.page().isLoading(), timeout=TIMEOUT)
    loads = []
    conversation.view.loadStarted.connect(lambda: loads.append(True))
    select(qtbot, window, ids["2"])  # Bob, on the same post as Ada
    assert loads == []
    assert run(qtbot, conversation.view, "[...document.querySelectorAll('.selected')].map(e => e.id)") == [
        f"c{ids['2']}"
    ]
    assert f'class="c" id="c{ids["1"]}"' in conversation._page[0]  # the page kept for a scheme switch too
    select(qtbot, window, ids["3"])  # Cy, on the other post: that thread is read and loaded
    assert loads
    assert run(qtbot, conversation.view, f"!!document.getElementById('c{ids['1']}')") is False


def test_the_inbox_opened_again_reads_its_list_only_when_something_changed(qtbot, inbox_window, monkeypatch):
    window, ids = inbox_window
    panel = window.inbox.list_panel
    reads = []
    real = inbox_listing.view_ids
    window.side_tabs.setCurrentIndex(0)
    window.side_tabs.setCurrentIndex(1)
    qtbot.wait(100)
    monkeypatch.setattr(inbox_listing, "view_ids", lambda *args: reads.append(args[1]) or real(*args))
    window.side_tabs.setCurrentIndex(0)
    window.editor.insertPlainText("A draft saved is a write, but not to the comments.")
    window.save_now()
    window.side_tabs.setCurrentIndex(1)
    qtbot.wait(100)
    assert reads == []  # no comment written since the last read: the list shown is kept
    bold = Qt.ItemDataRole.FontRole
    assert panel.rows() and panel.model.data(panel.model.index(panel.model.row_of(ids["3"]), 0), bold).bold()
    Comments(window.store).mark_read([ids["3"]])  # written elsewhere (a second window, the command line)
    window.side_tabs.setCurrentIndex(0)
    window.side_tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: reads == ["all"], timeout=TIMEOUT)
    qtbot.waitUntil(
        lambda: panel.rows() and panel.model.data(panel.model.index(panel.model.row_of(ids["3"]), 0), bold) is None,
        timeout=TIMEOUT,
    )
