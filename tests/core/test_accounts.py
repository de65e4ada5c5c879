"""Blogs in the store, passwords in the keyring: an in-memory keyring for the store's side, the real
Secret Service (tests/conftest.py's fixtures) where the point is the keyring call itself."""

from __future__ import annotations

import socket
import sqlite3
from contextlib import closing

import keyring
import keyring.backend
import keyring.backends.fail
import keyring.backends.SecretService
import pytest
import secretstorage

from editor.backends.base import Credentials, CredentialsInAddressError
from editor.backends.wordpress import WordPressBackend
from editor.core import credentials
from editor.core.accounts import AccountNotFound, Accounts
from editor.core.model import Account, JobKind, JobState
from editor.core.outbox import Outbox
from editor.core.store import Store, StoreError


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring in a dict, ranked like a real one."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.entries.get((service, username))

    def set_password(self, service, username, password):
        self.entries[(service, username)] = password

    def delete_password(self, service, username):
        if self.entries.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("no such password")


class PlainTextKeyring(MemoryKeyring):
    """Stands for keyrings.alt's file backends: it works, but keeps secrets in plain files (priority < 1)."""

    priority = 0.5


@pytest.fixture
def memory(monkeypatch):
    ring = MemoryKeyring()
    monkeypatch.setattr(keyring.core, "_keyring_backend", ring)
    return ring


@pytest.fixture
def accounts(tmp_path):
    with Store.open(tmp_path) as store:
        yield Accounts(store)


def blog(name="home") -> Account:
    return Account(None, name, "wordpress", "https://blog.example", "ada")


def test_the_password_goes_to_the_keyring_only(memory, accounts, tmp_path):
    account = accounts.add(blog(), "s3cret pass phrase")
    assert memory.entries == {("longhand", f"account-{account.id}"): "s3cret pass phrase"}
    assert credentials.get_secret(account.id) == "s3cret pass phrase"
    accounts.store.close()
    assert not [p for p in tmp_path.rglob("*") if p.is_file() and b"s3cret" in p.read_bytes()]
    assert "s3cret" not in repr(account)


def test_find_by_id_or_name_and_remove(memory, accounts):
    account = accounts.add(blog(), "pw")
    assert accounts.get(account.id) == accounts.get("home") == account
    accounts.remove(account.id)
    assert memory.entries == {}
    with pytest.raises(AccountNotFound, match="There is no blog 'home'"):
        accounts.get("home")


def test_a_duplicate_name_is_refused(memory, accounts):
    accounts.add(blog(), "pw")
    with pytest.raises(StoreError, match="already a blog called “home”"):
        accounts.add(blog(), "pw2")


@pytest.mark.parametrize("ring", [keyring.backends.fail.Keyring(), PlainTextKeyring()])
def test_without_a_real_keyring_nothing_is_saved(monkeypatch, accounts, ring):
    monkeypatch.setattr(keyring.core, "_keyring_backend", ring)
    with pytest.raises(credentials.CredentialsError, match="No system keyring is available"):
        accounts.add(blog(), "pw")
    assert accounts.list() == []  # no blog without its password
    if isinstance(ring, PlainTextKeyring):
        assert ring.entries == {}


def test_a_missing_password_is_a_plain_sentence(memory):
    with pytest.raises(credentials.CredentialsError, match="has no password for this blog"):
        credentials.get_secret(99)


def test_the_secret_is_never_in_a_repr():
    assert "hunter2" not in repr(Credentials("https://b.example", "ada", "hunter2"))


# -- the keyring call runs after the blog is stored, outside any transaction ------------------------
def lock_default_collection() -> None:
    """Lock the service's 'login' keyring: unlocking it again needs a prompt, dismissed with no screen."""
    with closing(secretstorage.dbus_init()) as connection:
        secretstorage.get_default_collection(connection).lock()


KEYRING_STATES = {  # how the real Secret Service is left before the add, and what the add must do
    "unlocked": (lambda start: start(), None),
    "locked": (lambda start: (start(), lock_default_collection()), "the system keyring is locked"),
    "never unlocked": (lambda start: start(unlock=False), "Prompt dismissed"),
}


@pytest.mark.parametrize("state", KEYRING_STATES)
def test_the_keyring_call_holds_no_write_lock_and_a_refusal_leaves_no_blog(
    state, new_secret_service, restore_keyring, accounts
):
    prepare, refusal = KEYRING_STATES[state]
    prepare(new_secret_service)
    backend = keyring.backends.SecretService.Keyring()
    seen: list[str] = []  # what another connection managed while the keyring call was under way
    real_set_password = backend.set_password

    def set_password(service: str, username: str, password: str) -> None:
        # A second connection that will not wait: a write lock held by `add` makes it fail at once.
        with closing(sqlite3.connect(accounts.store.path, timeout=0, isolation_level=None)) as other:
            try:
                other.execute("BEGIN IMMEDIATE")
                other.execute("INSERT INTO settings (key, value) VALUES ('written-meanwhile', ?)", (username,))
                other.execute("COMMIT")
                seen.append("wrote")
            except sqlite3.OperationalError as exc:
                seen.append(str(exc))
            seen.append(f"blog rows: {other.execute('SELECT count(*) FROM accounts').fetchone()[0]}")
        real_set_password(service, username, password)

    backend.set_password = set_password  # the real backend, observed
    keyring.set_keyring(backend)

    if refusal is None:
        account = accounts.add(blog(), "s3cret pass phrase")
        assert accounts.list() == [account]
        assert (
            keyring.backends.SecretService.Keyring().get_password("longhand", f"account-{account.id}")
            == "s3cret pass phrase"
        )
    else:
        with pytest.raises(credentials.CredentialsError, match=f"Could not keep the password: .*{refusal}"):
            accounts.add(blog(), "s3cret pass phrase")
        assert accounts.list() == []  # the row stored before the keyring call was taken back
    # the blog was committed before the keyring call, and the database was free for others during it
    assert seen == ["wrote", "blog rows: 1"]
    with accounts.store.transaction(write=False) as conn:
        assert conn.execute("SELECT value FROM settings WHERE key = 'written-meanwhile'").fetchone()[0] == "account-1"


# -- an address with a user name or password in it ------------------------------------------------
@pytest.mark.parametrize(
    "url",
    [
        "https://ada:s3cret@blog.example",
        "ada:s3cret@blog.example",
        "https://ada:s3cret@blog.example/blog/",
        "http://ada:s3cret@127.0.0.1:8080",
        "https://ada@blog.example",
        " HTTPS://ada:s3cret@blog.example ",
    ],
)
def test_an_address_with_user_info_is_refused_without_repeating_it(memory, accounts, tmp_path, url):
    with pytest.raises(CredentialsInAddressError) as refused:
        accounts.add(Account(None, "home", "wordpress", url, "ada"), "app password")
    assert "s3cret" not in str(refused.value) and "ada" not in str(refused.value)
    assert "must not contain a user name or password" in str(refused.value)
    assert accounts.list() == [] and memory.entries == {}
    accounts.store.close()
    assert not [p for p in tmp_path.rglob("*") if p.is_file() and b"s3cret" in p.read_bytes()]


@pytest.mark.parametrize(
    "url", ["https://blog.example/@ada", "https://blog.example/?author=a@b", "https://blog.example#ada@home"]
)
def test_an_at_sign_after_the_host_is_fine(memory, accounts, url):
    assert accounts.add(Account(None, "home", "wordpress", url, "ada"), "pw").base_url == url


def test_the_backend_refuses_such_an_address_before_sending_anything():
    """Every backend checks its transport with require_safe_transport: that refuses user info first, so
    no request is made and no sentence (such as "… uses plain http") repeats the address."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        listener.setblocking(False)
        port = listener.getsockname()[1]
        for url in (f"http://ada:s3cret@127.0.0.1:{port}", "http://ada:s3cret@blog.example"):
            backend = WordPressBackend(Credentials(url, "ada", "app password"), timeout=5)
            try:
                with pytest.raises(CredentialsInAddressError) as refused:
                    backend.discover()
            finally:
                backend.close()
            assert "s3cret" not in str(refused.value)
        with pytest.raises(BlockingIOError):
            listener.accept()  # nobody connected


def test_a_locked_keyring_makes_an_outbox_job_wait_instead_of_failing(new_secret_service, restore_keyring, tmp_path):
    new_secret_service()
    keyring.set_keyring(keyring.backends.SecretService.Keyring())
    with Store.open(tmp_path) as store:
        account = Accounts(store).add(Account(None, "b", "wordpress", "https://blog.example", "ada"), "pw")
        lock_default_collection()  # the author's session locked the keyring meanwhile
        outbox = Outbox(store, is_reachable=lambda url: True)
        outbox.jobs.enqueue(JobKind.DELETE, account.id, None, {})
        [job] = outbox.run_due(now=True)
    assert job.state is JobState.QUEUED, job.last_error  # it will be tried again once it is unlocked
    assert "the system keyring is locked" in job.last_error and job.next_attempt_at is not None
