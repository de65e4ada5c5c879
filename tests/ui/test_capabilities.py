"""The window offers only what a blog's backend declares, and the panes follow blogs coming and going.

The blog that declares little is tests/plugin_backend's "example" backend (posts only), registered the
way a third-party distribution registers it: a `longhand.backends` entry point in an installed
distribution's metadata (here a dist-info folder of the test's own on sys.path, so nothing is installed
into the venv). Beside it, a WordPress blog declares everything. No blog is contacted.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from editor.backends.base import CommentStatus, RemoteComment, available_backends
from editor.core.comments import Comments
from editor.core.jobs import Jobs
from editor.core.model import Draft, PostStatus
from editor.core.rows import dump_time
from editor.ui.publish import PublishDialog

PLUGIN = Path(__file__).resolve().parents[1] / "plugin_backend" / "longhand_example_backend.py"
METADATA = "Metadata-Version: 2.1\nName: longhand-example-backend\nVersion: 0.1.0\n"
ENTRY_POINTS = "[longhand.backends]\nexample = longhand_example_backend:ExampleBackend\n"


@pytest.fixture
def example_backend(tmp_path, monkeypatch) -> None:
    """The example plugin, found through its entry point for the length of the test."""
    site = tmp_path / "site-packages"
    info = site / "longhand_example_backend-0.1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(METADATA)
    (info / "entry_points.txt").write_text(ENTRY_POINTS)
    shutil.copy(PLUGIN, site)
    monkeypatch.syspath_prepend(str(site))
    assert "example" in available_backends()


def add_blog(store, name: str, backend: str) -> int:
    # A row only: nothing signs in, so no password is needed in a keyring.
    with store.transaction("add a blog") as conn:
        return conn.execute(
            "INSERT INTO accounts (name, backend, base_url, username, created_at) VALUES (?, ?, ?, ?, ?)",
            (name, backend, "http://127.0.0.1:9", "author", dump_time(datetime.now(UTC))),
        ).lastrowid


@pytest.fixture
def blogs(example_backend, open_window):
    """A window with a folder blog (the plugin) and a WordPress blog; returns (window, folder, wordpress)."""
    window = open_window(use_web_preview=False)
    return window, add_blog(window.store, "Folder blog", "example"), add_blog(window.store, "WP blog", "wordpress")


def open_draft_of(window, account_id: int | None, **fields) -> Draft:
    draft = window.store.create_draft(Draft(title="A post", body="Text.", account_id=account_id, **fields))
    window.open_draft(draft.id)
    return draft


def shown(window, widget) -> bool:
    return window.fields.form.isRowVisible(widget)


def status_choices(window) -> list[str]:
    return [window.fields.status.itemText(i) for i in range(window.fields.status.count())]


def test_the_fields_offer_only_what_the_drafts_blog_declares(blogs):
    window, folder, wordpress = blogs
    open_draft_of(window, folder)
    assert not shown(window, window.fields.tags) and not shown(window, window.fields.categories)
    assert "Scheduled" not in status_choices(window) and window.fields.schedule.isHidden()
    assert shown(window, window.fields.slug) and shown(window, window.fields.excerpt)

    open_draft_of(window, wordpress)
    assert shown(window, window.fields.tags) and shown(window, window.fields.categories)
    assert "Scheduled" in status_choices(window) and not window.fields.schedule.isHidden()


def test_what_a_draft_already_has_is_never_hidden(blogs):
    window, folder, _wordpress = blogs
    open_draft_of(window, folder, tags=["kept"], status=PostStatus.SCHEDULED, scheduled_at=datetime.now(UTC))
    assert shown(window, window.fields.tags) and window.fields.tags.text() == "kept"
    assert window.fields.status.currentText() == "Scheduled" and not window.fields.schedule.isHidden()


def test_the_publish_dialog_offers_no_schedule_to_a_blog_that_cannot(qtbot, blogs):
    window, folder, wordpress = blogs
    open_draft_of(window, folder, status=PostStatus.PUBLISHED)
    dialog = window.publishing.publish()
    assert isinstance(dialog, PublishDialog)
    assert dialog.account.currentData() == folder
    assert "Schedule" not in dialog.choices() and "Publish now" in dialog.choices()
    assert dialog.chosen_status() is PostStatus.PUBLISHED

    dialog.account.setCurrentIndex(dialog.account.findData(wordpress))
    assert "Schedule" in dialog.choices()
    dialog.status.setCurrentIndex(dialog.status.findData(PostStatus.SCHEDULED))
    assert dialog.when.text().startswith("Goes live on")
    dialog.account.setCurrentIndex(dialog.account.findData(folder))  # back: the schedule cannot stay
    assert dialog.chosen_status() is PostStatus.DRAFT and dialog.when.isHidden()
    dialog.publish_button.click()
    [job] = Jobs(window.store).list()
    assert (job.account_id, job.payload["status"], job.payload["at"]) == (folder, "draft", None)


def seed_comment(store, account_id: int, remote_id: str) -> int:
    remote = RemoteComment(
        remote_id,
        "10",
        "<p>Hello</p>",
        None,
        "Ada",
        date_gmt=datetime.now(UTC),
        status=CommentStatus.HOLD,
        post_title="A post",
    )
    return Comments(store).upsert(account_id, remote)[0].id


def test_the_inbox_moderates_and_replies_only_where_the_blog_declares_it(qtbot, blogs):
    window, folder, wordpress = blogs
    on_folder, on_wordpress = seed_comment(window.store, folder, "1"), seed_comment(window.store, wordpress, "2")
    window.side_tabs.setCurrentIndex(1)
    panel, conversation = window.inbox.list_panel, window.inbox.conversation

    assert panel.select(on_folder)
    assert conversation.reply_box.isHidden()
    qtbot.keyClick(panel.list, "a")
    assert "cannot have them approved" in panel.message.text()
    assert Comments(window.store).get(on_folder).status == "hold" and Jobs(window.store).list() == []

    assert panel.select(on_wordpress)
    assert not conversation.reply_box.isHidden()
    qtbot.keyClick(panel.list, "a")
    assert Comments(window.store).get(on_wordpress).status == "approved"
    assert [job.account_id for job in Jobs(window.store).list()] == [wordpress]


def test_a_blog_added_or_removed_reaches_every_pane_at_once(qtbot, blogs):
    window, folder, wordpress = blogs
    open_draft_of(window, None)
    assert shown(window, window.fields.tags)  # a draft tied to no blog: what any blog takes
    panel = window.inbox.list_panel
    blogs_dialog = window.publishing.show_blogs()
    with window.store.transaction("remove the WordPress blog") as conn:
        conn.execute("DELETE FROM accounts WHERE id = ?", (wordpress,))
    blogs_dialog.changed.emit()  # what the Blogs dialog says after adding or removing one
    assert [panel.blog.itemText(i) for i in range(panel.blog.count())] == ["All blogs", "Folder blog"]
    # The draft tied to no blog may now go only to the folder blog: no tags, no schedule.
    assert not shown(window, window.fields.tags) and "Scheduled" not in status_choices(window)
    blogs_dialog.reject()
    new = add_blog(window.store, "Another WP", "wordpress")
    window.services.blogs_changed()
    assert panel.blog.findData(new) >= 0
    assert shown(window, window.fields.tags) and "Scheduled" in status_choices(window)
    assert window.fields.status.currentData() == PostStatus.DRAFT  # rebuilding the list changed nothing
    assert not window.session.dirty


def test_a_blog_that_approves_but_keeps_no_spam_is_offered_only_that(qtbot, open_window):
    """Isso approves and deletes comments but has no spam folder and no trash."""
    window = open_window(use_web_preview=False)
    isso = add_blog(window.store, "Comments server", "isso")
    comment = seed_comment(window.store, isso, "3")
    window.side_tabs.setCurrentIndex(1)
    panel = window.inbox.list_panel
    assert panel.select(comment)
    qtbot.keyClick(panel.list, "s")
    assert "cannot have them marked as spam" in panel.message.text()
    qtbot.keyClick(panel.list, "#")
    assert "cannot have them moved to the trash" in panel.message.text()
    assert Comments(window.store).get(comment).status == "hold" and Jobs(window.store).list() == []
    qtbot.keyClick(panel.list, "a")
    assert Comments(window.store).get(comment).status == "approved"
