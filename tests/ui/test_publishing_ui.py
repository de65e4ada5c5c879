"""Publishing in the window, on real widgets: Add Blog (connection test off the UI thread, refusals,
the keyring), the Publish dialog, the Outbox panel, the drafts badges, conflicts, and the worker thread.

The keyring is the real Secret Service (a gnome-keyring of each test's own, from tests/conftest.py), or
keyring's own fail backend for "no keyring".

No WordPress is started here: the blog is http://127.0.0.1:9, a closed port, so every connection fails
at once. While editor/backends/wordpress.py is not installed, a stand-in backend that behaves as the
protocol says (safe transport checked, "cannot be reached" for a closed port) is used for the dialog.
"""

from __future__ import annotations

import logging
import socket
import threading
from datetime import UTC, datetime
from urllib.parse import urlsplit

import keyring
import keyring.backend
import keyring.backends.fail
import keyring.backends.SecretService
import pytest
from PySide6.QtCore import Qt, QTimer

import editor.core.accounts
from editor.backends.base import (
    AuthenticationError,
    BackendError,
    Credentials,
    RemotePost,
    SiteInfo,
    TransientError,
    available_backends,
    require_safe_transport,
)
from editor.core.accounts import Accounts
from editor.core.jobs import Jobs
from editor.core.model import Account, Draft, JobKind, JobState, PostStatus, RevisionReason
from editor.core.store import Store
from editor.ui.accounts import ADDING, CHECKING, AddBlogDialog, check_connection
from editor.ui.blogs import BlogsDialog
from editor.ui.conflict import ConflictDialog
from editor.ui.main_window import MainWindow
from editor.ui.publish import PublishDialog

UNREACHABLE = "http://127.0.0.1:9"  # the discard port: closed on a test machine
SECRET = "Zq7 pW3k 9xLm R2vB tY8n Hc4d"  # a dummy shaped like a WordPress application password
WAITING = "Waiting for the network"


# -- the keyring -----------------------------------------------------------------------------------
@pytest.fixture
def real_keyring(new_secret_service, restore_keyring) -> keyring.backends.SecretService.Keyring:
    """keyring's Secret Service backend on a gnome-keyring started for this test alone, unlocked."""
    new_secret_service()
    backend = keyring.backends.SecretService.Keyring()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture
def no_keyring(restore_keyring) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())


def stored_secret(account_id: int) -> str | None:
    """What the Secret Service holds for an account, read by a keyring backend of its own."""
    return keyring.backends.SecretService.Keyring().get_password("longhand", f"account-{account_id}")


def observe(
    backend: keyring.backend.KeyringBackend,
    method: str,
    threads: list[threading.Thread],
    gate: threading.Event | None = None,
) -> None:
    """Note the thread each call of the real backend's `method` runs on (waiting for `gate` first)."""
    real = getattr(backend, method)

    def observed(*args: str) -> object:
        threads.append(threading.current_thread())
        if gate is not None:
            gate.wait(10)
        return real(*args)

    setattr(backend, method, observed)


# -- the backend ---------------------------------------------------------------------------------
class StandInBackend:
    """What the protocol promises, as far as a closed port lets anyone see: used until the WordPress
    backend is installed."""

    name = "wordpress"
    label = "WordPress"
    capabilities = frozenset()

    def __init__(self, credentials: Credentials, *, timeout: float = 30.0) -> None:
        self.credentials, self.timeout = credentials, timeout

    def discover(self) -> str:
        url = self.credentials.base_url
        require_safe_transport(url)
        parts = urlsplit(url)
        try:
            socket.create_connection((parts.hostname, parts.port or 80), timeout=self.timeout).close()
        except OSError:
            raise TransientError(
                f"{parts.hostname} cannot be reached; check the address and your connection."
            ) from None
        return url + "/wp-json/"

    def verify(self) -> SiteInfo:
        raise AuthenticationError("The blog refused the user name or the application password.")

    def close(self) -> None:
        pass


def blog_backends() -> dict[str, type]:
    """The installed backends, or the stand-in while there are none."""
    return available_backends() or {"wordpress": StandInBackend}


def recording(backend: type, threads: list[threading.Thread], gate: threading.Event | None = None) -> type:
    """`backend`, noting the thread each discover() runs on (and waiting for `gate` first, if given)."""

    class Recording(backend):  # type: ignore[misc, valid-type]
        def discover(self) -> str:
            threads.append(threading.current_thread())
            if gate is not None:
                gate.wait(10)
            return super().discover()

    return Recording


# -- windows and dialogs -------------------------------------------------------------------------
@pytest.fixture
def store(data_dir):
    with Store.open(data_dir) as opened:
        yield opened


def add_blog_dialog(qtbot, store, backends=None) -> AddBlogDialog:
    dialog = AddBlogDialog(store, backends=backends or blog_backends())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def fill(qtbot, dialog: AddBlogDialog, url: str, user: str = "author", secret: str = SECRET) -> None:
    for field, text in ((dialog.url, url), (dialog.username, user), (dialog.password, secret)):
        field.clear()
        qtbot.keyClicks(field, text)


def expected_failure(url: str) -> str:
    """The sentence the backend itself gives for `url` (asked directly, on this thread)."""
    backend = blog_backends()["wordpress"]
    with pytest.raises(BackendError) as caught:
        check_connection(backend, Credentials(url, "author", SECRET), timeout=5)
    return str(caught.value)


def outbox_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "longhand-outbox" and t.is_alive()]


def add_account(store, url: str = UNREACHABLE) -> Account:
    return Accounts(store).add(
        Account(id=None, name="Test blog", backend="wordpress", base_url=url, username="author"), SECRET
    )


# -- Add Blog ------------------------------------------------------------------------------------
def test_password_field_hides_what_is_typed(qtbot, store):
    dialog = add_blog_dialog(qtbot, store)
    assert dialog.password.echoMode() == dialog.password.EchoMode.Password
    assert [dialog.backend.itemText(i) for i in range(dialog.backend.count())] == [
        getattr(cls, "label", name) for name, cls in blog_backends().items()
    ]


def test_unreachable_blog_is_said_after_test_connection_checked_off_the_ui_thread(qtbot, store):
    threads: list[threading.Thread] = []
    backend = recording(blog_backends()["wordpress"], threads)
    dialog = add_blog_dialog(qtbot, store, {"wordpress": backend})
    fill(qtbot, dialog, UNREACHABLE)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.connection_result.text() not in ("", CHECKING), timeout=20000)
    assert dialog.connection_result.text() == expected_failure(UNREACHABLE)
    assert "127.0.0.1" in dialog.connection_result.text() or "reach" in dialog.connection_result.text().lower()
    assert threads and threads[0] is not threading.main_thread()
    assert dialog.test_button.isEnabled() and dialog.isVisible()


def test_the_dialog_stays_responsive_while_checking(qtbot, store):
    threads: list[threading.Thread] = []
    gate = threading.Event()
    dialog = add_blog_dialog(qtbot, store, {"wordpress": recording(blog_backends()["wordpress"], threads, gate)})
    fill(qtbot, dialog, UNREACHABLE)
    try:
        dialog.test_button.click()
        assert dialog.connection_result.text() == CHECKING
        assert not dialog.test_button.isEnabled()
        ticks = []
        QTimer.singleShot(0, lambda: ticks.append(1))
        qtbot.waitUntil(lambda: bool(ticks), timeout=2000)  # the event loop runs while the check waits
        qtbot.keyClicks(dialog.name, "typing works")  # and the form takes keys
        assert dialog.name.text() == "typing works"
        assert dialog.connection_result.text() == CHECKING
    finally:
        gate.set()
    qtbot.waitUntil(lambda: dialog.connection_result.text() != CHECKING, timeout=20000)
    assert dialog.connection_result.text() == expected_failure(UNREACHABLE)


def test_plain_http_to_another_machine_is_refused(qtbot, store):
    dialog = add_blog_dialog(qtbot, store)
    fill(qtbot, dialog, "http://blog.example")
    with pytest.raises(BackendError) as insecure:
        require_safe_transport("http://blog.example")
    dialog.test_button.click()
    assert dialog.connection_result.text() == str(insecure.value)
    assert "https" in dialog.connection_result.text()
    dialog.add_button.click()
    assert dialog.connection_result.text() == str(insecure.value)
    assert dialog.isVisible()
    assert Accounts(store).list() == []


def test_an_address_with_a_password_in_it_is_refused_before_anything_is_sent(qtbot, store, real_keyring):
    threads: list[threading.Thread] = []
    dialog = add_blog_dialog(qtbot, store, {"wordpress": recording(blog_backends()["wordpress"], threads)})
    for url in ("https://ada:s3cret@blog.example", "ada:s3cret@127.0.0.1:9"):
        fill(qtbot, dialog, url)
        for button in (dialog.test_button, dialog.add_button):
            button.click()
            assert dialog.connection_result.text().startswith(
                "The blog's address must not contain a user name or password"
            )
            assert "s3cret" not in dialog.connection_result.text() and "ada" not in dialog.connection_result.text()
            assert dialog.isVisible() and not dialog.busy and not dialog.checking
    assert threads == []  # no backend was ever asked
    assert Accounts(store).list() == [] and stored_secret(1) is None


def test_without_a_keyring_the_blog_is_not_added(qtbot, store, no_keyring):
    dialog = add_blog_dialog(qtbot, store)
    fill(qtbot, dialog, UNREACHABLE)
    dialog.add_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)
    assert dialog.connection_result.text().startswith("No system keyring is available")
    assert dialog.isVisible() and dialog.add_button.isEnabled()
    assert Accounts(store).list() == []


def test_a_keyring_never_unlocked_keeps_the_dialog_open_and_adds_nothing(
    qtbot, store, new_secret_service, restore_keyring
):
    new_secret_service(unlock=False)  # creating its keyring needs a prompt: dismissed with no screen
    keyring.set_keyring(keyring.backends.SecretService.Keyring())
    dialog = add_blog_dialog(qtbot, store)
    fill(qtbot, dialog, UNREACHABLE)
    dialog.add_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20000)
    assert dialog.connection_result.text().startswith("Could not keep the password: the system keyring said")
    assert SECRET not in dialog.connection_result.text()
    assert dialog.isVisible() and dialog.add_button.isEnabled() and dialog.password.isEnabled()
    assert Accounts(store).list() == []  # the blog stored before the keyring call was taken back


def test_the_keyring_is_written_off_the_ui_thread_while_the_dialog_waits(qtbot, store, real_keyring):
    threads: list[threading.Thread] = []
    gate = threading.Event()
    observe(real_keyring, "set_password", threads, gate)
    dialog = add_blog_dialog(qtbot, store)
    added = []
    dialog.added.connect(added.append)
    fill(qtbot, dialog, UNREACHABLE)
    try:
        dialog.add_button.click()
        qtbot.waitUntil(lambda: bool(threads), timeout=10000)  # the keyring call is under way, and waits
        assert threads[0] is not threading.main_thread()
        assert dialog.busy and dialog.connection_result.text() == ADDING
        assert not dialog.add_button.isEnabled() and not dialog.test_button.isEnabled()
        assert not dialog.cancel_button.isEnabled() and not dialog.password.isEnabled()
        dialog.add()  # a second Add, Cancel and Escape change nothing while the first is busy
        dialog.reject()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert dialog.isVisible() and len(threads) == 1
        ticks = []
        QTimer.singleShot(0, lambda: ticks.append(1))
        qtbot.waitUntil(lambda: bool(ticks), timeout=2000)  # the event loop runs while the keyring waits
    finally:
        gate.set()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    [account] = Accounts(store).list()
    assert added == [account] and stored_secret(account.id) == SECRET


def test_adding_a_blog_keeps_the_password_in_the_keyring_only(qtbot, store, data_dir, real_keyring, caplog):
    caplog.set_level(logging.DEBUG)
    dialog = add_blog_dialog(qtbot, store)
    added = []
    dialog.added.connect(added.append)
    fill(qtbot, dialog, UNREACHABLE)
    assert dialog.name.placeholderText() == "127.0.0.1"
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.connection_result.text() not in ("", CHECKING), timeout=20000)
    dialog.add_button.click()

    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    [account] = Accounts(store).list()
    assert added == [account]
    assert (account.name, account.base_url, account.username, account.backend) == (
        "127.0.0.1",
        UNREACHABLE,
        "author",
        "wordpress",
    )
    assert stored_secret(account.id) == SECRET
    assert dialog.password.text() == ""
    for path in data_dir.rglob("*"):  # the database, its WAL, anything else
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
    assert SECRET not in caplog.text
    assert SECRET not in repr(account)


def test_blogs_dialog_lists_and_removes_off_the_ui_thread(qtbot, store, real_keyring):
    account = add_account(store)
    assert stored_secret(account.id) == SECRET
    threads: list[threading.Thread] = []
    gate = threading.Event()
    observe(real_keyring, "delete_password", threads, gate)
    dialog = BlogsDialog(store, backends=blog_backends())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.list.count() == 1
    assert dialog.list.item(0).text().startswith("Test blog")
    dialog.list.setCurrentRow(0)
    dialog.confirm = lambda question: True
    changed = []
    dialog.changed.connect(lambda: changed.append(1))
    try:
        dialog.remove_selected()
        qtbot.waitUntil(lambda: bool(threads), timeout=10000)
        assert threads[0] is not threading.main_thread()
        assert dialog.busy and dialog.message.text() == "Removing “Test blog”…"
        assert not dialog.remove_button.isEnabled() and not dialog.close_button.isEnabled()
        dialog.reject()
        assert dialog.isVisible()
    finally:
        gate.set()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)
    assert dialog.message.text() == "No blogs yet. Add one to publish your drafts."
    assert dialog.list.count() == 0 and changed
    assert Accounts(store).list() == []
    assert stored_secret(account.id) is None


# -- publishing in the window ------------------------------------------------------------------
def blog_action(window: MainWindow, text: str):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Blog")
    return next(a for a in menu.actions() if a.text() == text)


def test_the_window_starts_with_no_blogs_and_publish_asks_for_one(qtbot, open_window):
    window = open_window(use_web_preview=False)
    assert len(outbox_threads()) == 1
    assert blog_action(window, "&Publish…").shortcut().toString() == "Ctrl+Shift+P"
    blog_action(window, "&Publish…").trigger()
    dialog = window.findChild(AddBlogDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_publishing_to_an_unreachable_blog_waits_for_the_network(qtbot, open_window, real_keyring):
    window = open_window(use_web_preview=False)
    add_account(window.store)
    window.new_draft()
    qtbot.keyClicks(window.fields.title, "Offline post")
    qtbot.keyClicks(window.editor, "Written on a train.")
    draft_id = window.session.draft.id

    blog_action(window, "&Publish…").trigger()
    dialog = window.findChild(PublishDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.chosen_status() is PostStatus.DRAFT  # the draft's own status by default
    dialog.status.setCurrentIndex(dialog.status.findData(PostStatus.PUBLISHED))
    dialog.publish_button.click()

    qtbot.waitUntil(lambda: window.publish_status.sentence.startswith(WAITING), timeout=10000)
    assert window.publish_status.sentence == f"{WAITING}: 127.0.0.1 cannot be reached."
    [job] = Jobs(window.store).list()
    assert (job.draft_id, job.state, job.kind, job.payload["status"]) == (
        draft_id,
        JobState.QUEUED,
        JobKind.PUBLISH,
        "published",
    )
    assert job.attempts == 0  # offline is not a failed attempt

    blog_action(window, "&Outbox").trigger()
    assert window.outbox_panel.isVisible()
    qtbot.waitUntil(
        lambda: bool(window.outbox_panel.rows()) and WAITING in window.outbox_panel.rows()[0][4], timeout=5000
    )
    title, blog, state, attempts, message, next_attempt = window.outbox_panel.rows()[0]
    assert (title, blog, state, attempts) == ("Offline post", "Test blog", "queued", "0")
    assert next_attempt
    window.outbox_panel.select_job(job.id)
    assert window.outbox_panel.retry_button.isEnabled()
    assert not window.outbox_panel.resolve_button.isEnabled()

    model = window.sidebar.model

    def line() -> str:
        rows = (model.index(i).data() for i in range(model.rowCount()))
        return next(text for text in rows if text.startswith("Offline post")).split("\n")[1]

    qtbot.waitUntil(lambda: line().endswith("· queued"), timeout=5000)  # the states are read off the UI thread


def test_closing_the_window_stops_the_worker_thread(qtbot, open_window, real_keyring):
    window = open_window(use_web_preview=False)
    add_account(window.store)
    window.services.publish(window.session.draft.id, 1)
    qtbot.waitUntil(lambda: window.publish_status.sentence.startswith(WAITING), timeout=10000)
    assert len(outbox_threads()) == 1
    window.close()
    assert outbox_threads() == []


# -- conflicts -----------------------------------------------------------------------------------
BLOG_TEXT = "<p>Edited on the blog.</p>"
PULLED_TEXT = "Edited on the blog.\n"  # BLOG_TEXT as a draft holds it: Markdown


class ConflictBackend(StandInBackend):
    """A blog whose copy of every post is BLOG_TEXT."""

    def discover(self) -> str:
        return self.credentials.base_url + "/wp-json/"

    def get_post(self, remote_id: str, *, kind: str = "post") -> RemotePost:
        return RemotePost(
            title="Blog title",
            content=BLOG_TEXT,
            id=remote_id,
            link="http://127.0.0.1:9/?p=7",
            modified_gmt=datetime(2030, 1, 1, tzinfo=UTC),
        )


@pytest.fixture
def conflict(qtbot, open_window, real_keyring, monkeypatch):
    """A window whose open draft is on the blog, with a publish job in conflict; the dialog open."""
    monkeypatch.setattr(editor.core.accounts, "backend_class", lambda name: ConflictBackend)
    window = open_window(use_web_preview=False)
    account = add_account(window.store)
    draft = window.store.create_draft(Draft(title="Mine", body="My local text."))
    window.store.set_remote(
        draft.id,
        account_id=account.id,
        remote_id="7",
        remote_url="http://127.0.0.1:9/?p=7",
        remote_modified=datetime(2029, 1, 1, tzinfo=UTC),
    )
    jobs = Jobs(window.store)
    job = jobs.enqueue(JobKind.PUBLISH, account.id, draft.id, {"status": None, "at": None})
    job = jobs.update(job.id, state=JobState.CONFLICT, last_error="The post was changed on the blog.")
    dialog = window.publishing.resolve_conflict(job)
    assert window.session.draft.id == draft.id
    qtbot.waitUntil(lambda: dialog.theirs.toPlainText() == BLOG_TEXT, timeout=10000)
    return window, dialog, job


def test_conflict_dialog_shows_both_versions(conflict):
    window, dialog, _job = conflict
    assert isinstance(dialog, ConflictDialog)
    assert window.publish_status.sentence == "Conflict: the post was changed on the blog. Resolve…"
    assert dialog.mine.toPlainText() == "My local text."
    assert dialog.mine.isReadOnly() and dialog.theirs.isReadOnly()
    assert dialog.merged_pane.isHidden()
    assert dialog.keep_mine_button.isEnabled() and dialog.take_theirs_button.isEnabled()
    dialog.reject()


def test_keep_mine_keeps_the_blogs_copy_and_overwrites(conflict):
    window, dialog, job = conflict
    dialog.keep_mine_button.click()
    after = Jobs(window.store).get(job.id)
    assert after.payload["overwrite"] is True and after.state is JobState.QUEUED
    revisions = window.store.list_revisions(job.draft_id)
    assert [(r.reason, r.body) for r in revisions[:2]] == [
        (RevisionReason.SAVE, "My local text."),
        (RevisionReason.SERVER, PULLED_TEXT),
    ]
    assert window.editor.toPlainText() == "My local text."


def test_take_the_blogs_replaces_the_draft_in_the_editor(qtbot, conflict):
    window, dialog, job = conflict
    dialog.take_theirs_button.click()
    qtbot.waitUntil(lambda: window.editor.toPlainText() == PULLED_TEXT, timeout=10000)
    assert Jobs(window.store).get(job.id).state is JobState.DONE
    assert window.store.get_draft(job.draft_id).body == PULLED_TEXT
    reasons = {r.reason: r.body for r in window.store.list_revisions(job.draft_id)}
    assert reasons[RevisionReason.SAVE] == "My local text."
    window.save_now()
    assert window.store.get_draft(job.draft_id).body == PULLED_TEXT  # the old editor text did not come back


def test_merge_by_hand_publishes_the_merged_text(qtbot, conflict):
    window, dialog, job = conflict
    dialog.merge_button.click()
    assert not dialog.merged_pane.isHidden()
    assert dialog.merged.toPlainText() == "My local text."
    dialog.merged.setPlainText("My local text.\n\nEdited on the blog.")
    dialog.merge_button.click()
    assert window.editor.toPlainText() == "My local text.\n\nEdited on the blog."
    assert window.store.get_draft(job.draft_id).body == "My local text.\n\nEdited on the blog."
    assert Jobs(window.store).get(job.id).payload["overwrite"] is True
    reasons = [r.reason for r in window.store.list_revisions(job.draft_id)[:2]]
    assert reasons == [RevisionReason.SAVE, RevisionReason.SERVER]


def test_moving_a_local_draft_to_the_blogs_trash_says_it_is_not_on_a_blog(qtbot, open_window, monkeypatch):
    window = open_window(use_web_preview=False)
    shown = []
    monkeypatch.setattr("editor.ui.main_window.QMessageBox.warning", lambda *args: shown.append(args[2]))
    window.publishing.unpublish()
    assert shown == [f"“{window.session.draft.display_title}” is not on a blog."]
