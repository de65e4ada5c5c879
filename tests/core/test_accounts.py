"""Blogs in the store, passwords in the keyring (an in-memory keyring here; the real Secret Service is
exercised in tests/secretservice and tests/backends)."""

from __future__ import annotations

import keyring
import keyring.backend
import keyring.backends.fail
import pytest

from editor.core import credentials
from editor.core.accounts import AccountNotFound, Accounts
from editor.core.model import Account
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
    from editor.backends.base import Credentials

    assert "hunter2" not in repr(Credentials("https://b.example", "ada", "hunter2"))
