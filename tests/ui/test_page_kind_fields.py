"""The post fields' Post/Page choice on the real window: chosen with the keyboard, saved with the draft; Page
not offered for a blog without pages (Micropub); fixed for a draft already on its blog; and the Open from
Blog menu item shown only while some blog can list its posts. No blog is contacted."""

from __future__ import annotations

from PySide6.QtCore import Qt

from editor.core.model import Draft, DraftKind
from editor.ui.publish import PublishDialog
from tests.ui.test_capabilities import add_blog


def _open(window, account_id: int | None, **fields) -> Draft:
    draft = window.store.create_draft(Draft(title="A draft", body="Text.", account_id=account_id, **fields))
    window.open_draft(draft.stored_id)
    return draft


def _page_offered(window) -> bool:
    kind = window.fields.kind
    return kind.model().item(kind.findData(DraftKind.PAGE)).isEnabled()


def test_page_is_chosen_with_the_keyboard_and_saved(qtbot, open_window):
    window = open_window(use_web_preview=False)
    blog = add_blog(window.store, "WP blog", "wordpress")
    window.services.accounts_changed.emit()
    draft = _open(window, blog)
    kind = window.fields.kind
    assert kind.accessibleName() == "Post or page" and kind.currentData() == DraftKind.POST
    assert kind.isEnabled() and _page_offered(window)
    kind.setFocus()
    qtbot.keyClick(kind, Qt.Key.Key_Down)
    assert kind.currentData() == DraftKind.PAGE
    qtbot.waitUntil(lambda: window.store.get_draft(draft.stored_id).kind is DraftKind.PAGE, timeout=5000)

    window.open_draft(_open(window, blog).stored_id)  # another draft, then back: the choice was kept
    window.open_draft(draft.stored_id)
    assert kind.currentData() == DraftKind.PAGE


def test_page_is_not_offered_for_a_blog_without_pages_and_fixed_once_published(qtbot, open_window):
    window = open_window(use_web_preview=False)
    notes = add_blog(window.store, "Notes", "micropub")
    blog = add_blog(window.store, "WP blog", "wordpress")
    window.services.accounts_changed.emit()
    _open(window, notes)
    assert not _page_offered(window) and "no pages" in window.fields.kind.toolTip()

    published = window.store.create_draft(Draft(title="On the blog", account_id=blog))
    window.store.set_remote(published.stored_id, account_id=blog, remote_id="12", remote_url=None, remote_modified=None)
    window.open_draft(published.stored_id)
    assert not window.fields.kind.isEnabled()


def test_open_from_blog_is_offered_only_while_a_blog_can_list_its_posts(qtbot, open_window):
    window = open_window(use_web_preview=False)
    [action] = [a for a in window.menus.menus["blog"].actions() if a.text() == "Open from &Blog…"]
    assert not action.isVisible()  # no blog yet
    add_blog(window.store, "Notes", "micropub")
    window.services.accounts_changed.emit()
    assert not action.isVisible()  # Micropub cannot list a page of posts
    add_blog(window.store, "WP blog", "wordpress")
    window.services.accounts_changed.emit()
    assert action.isVisible()


def test_the_publish_dialog_refuses_a_page_for_a_blog_without_pages(qtbot, open_window):
    window = open_window(use_web_preview=False)
    notes = add_blog(window.store, "Notes", "micropub")
    blog = add_blog(window.store, "WP blog", "wordpress")
    window.services.accounts_changed.emit()
    _open(window, notes, kind=DraftKind.PAGE)
    dialog = window.publishing.publish()
    assert isinstance(dialog, PublishDialog)
    qtbot.addWidget(dialog)
    dialog.account.setCurrentIndex(dialog.account.findData(notes))
    assert "has no pages" in dialog.error.text() and not dialog.publish_button.isEnabled()
    dialog.account.setCurrentIndex(dialog.account.findData(blog))
    assert dialog.error.text() == "" and dialog.publish_button.isEnabled()
