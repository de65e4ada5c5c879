"""The blogs an author publishes to, kept in the store (the passwords in the keyring)."""

from __future__ import annotations

import builtins
import contextlib
import json
import sqlite3

from ..backends.base import (
    Backend,
    Capability,
    Credentials,
    UnknownBackendError,
    backend_class,
    require_no_credentials_in_url,
    sign_in_of,
)
from . import credentials
from .model import Account
from .rows import dump_time, load_time
from .store import Store, StoreError

# The option set on a blog whose password or token the blog no longer accepts: the sentence that says so.
# The outbox and the comment sync set it; connecting the blog again (`connect.store_secret`) clears it, and
# until then the sync leaves the blog alone.
NEEDS_CONNECT = "needs_connect"


class AccountNotFound(StoreError):
    """No blog with that id or name."""


def _account(row: sqlite3.Row) -> Account:
    return Account(
        id=row["id"],
        name=row["name"],
        backend=row["backend"],
        base_url=row["base_url"],
        username=row["username"],
        api_root=row["api_root"],
        options=json.loads(row["options"]),
        created_at=load_time(row["created_at"]),
    )


class Accounts:
    """Add, find, list and remove blogs; open a signed-in backend for one."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, account: Account, secret: str | None) -> Account:
        """Store a blog, then put its password in the keyring (None: the blog has nothing secret, such as a
        folder, and the keyring is not used); if the keyring refuses, the blog is removed again and the
        CredentialsError raised. Blocking (the keyring may wait for the author to
        unlock it): call it off the UI thread. An address with user info in it is refused first."""
        require_no_credentials_in_url(account.base_url)
        with self.store.transaction("add the blog") as conn:
            if conn.execute("SELECT 1 FROM accounts WHERE name = ?", (account.name,)).fetchone():
                raise StoreError(f"There is already a blog called “{account.name}”; choose another name.")
            cursor = conn.execute(
                "INSERT INTO accounts (name, backend, base_url, username, api_root, options, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    account.name,
                    account.backend,
                    account.base_url,
                    account.username,
                    account.api_root,
                    json.dumps(account.options),
                    dump_time(account.created_at),
                ),
            )
            account_id = int(cursor.lastrowid or 0)  # an INSERT's row id: never None
        if secret is None:
            return self.get(account_id)
        # After the commit: an unlock prompt can wait minutes for the author, and the write lock held
        # that long would stop every other write (autosave, the outbox, another window).
        try:
            credentials.set_secret(account_id, secret)
        except BaseException:  # a refusal, or an interrupt: no blog without its password either way
            self._forget(account_id)
            with contextlib.suppress(Exception):  # a keyring that kept it and then reported an error
                credentials.delete_secret(account_id)
            raise
        return self.get(account_id)

    def list(self) -> list[Account]:
        """Every blog, in the order they were added."""
        with self.store.transaction("read the blogs", write=False) as conn:
            return [_account(row) for row in conn.execute("SELECT * FROM accounts ORDER BY id")]

    def publishing(self) -> builtins.list[Account]:  # (`list` here is the method below)
        """The blogs posts can be published to: every blog but those of a comments-only backend (Isso) or
        of a backend no longer installed."""

        def posts(account: Account) -> bool:
            try:
                return Capability.POSTS in backend_class(account.backend).capabilities
            except UnknownBackendError:
                return False

        return [account for account in self.list() if posts(account)]

    def get(self, ref: int | str) -> Account:
        """A blog by id, or by name."""
        with self.store.transaction("read the blog", write=False) as conn:
            key = int(ref) if isinstance(ref, int) or str(ref).isdigit() else None
            row = (
                conn.execute("SELECT * FROM accounts WHERE id = ?", (key,)).fetchone() if key is not None else None
            ) or conn.execute("SELECT * FROM accounts WHERE name = ?", (str(ref),)).fetchone()
        if row is None:
            raise AccountNotFound(f"There is no blog {ref!r}; `longhand accounts list` shows them.")
        return _account(row)

    def set_api_root(self, account_id: int, api_root: str) -> None:
        """Remember where the blog's API is, so discovery runs once."""
        with self.store.transaction("save the blog") as conn:
            conn.execute("UPDATE accounts SET api_root = ? WHERE id = ?", (api_root, account_id))

    def set_option(self, account_id: int, key: str, value: object) -> None:
        """Set one of a blog's options (None removes it); read and written in one transaction, so two
        processes changing different options both keep theirs."""
        with self.store.transaction("save the blog") as conn:
            row = conn.execute("SELECT options FROM accounts WHERE id = ?", (account_id,)).fetchone()
            if row is None:
                return
            options = json.loads(row["options"])
            if value is None:
                options.pop(key, None)
            else:
                options[key] = value
            conn.execute("UPDATE accounts SET options = ? WHERE id = ?", (json.dumps(options), account_id))

    def remove(self, account_id: int) -> None:
        """Forget a blog, its password, its queued jobs and its media records (drafts stay).
        Blocking (the keyring): call it off the UI thread."""
        account = self.get(account_id)
        self._forget(account_id)
        if self._keeps_secret(account):
            credentials.delete_secret(account_id)

    def _forget(self, account_id: int) -> None:
        """Delete a blog's row (its jobs and media records go with it) and unlink its drafts."""
        with self.store.transaction("remove the blog") as conn:
            conn.execute(
                "UPDATE drafts SET account_id = NULL, remote_id = NULL, remote_url = NULL, "
                "remote_modified = NULL WHERE account_id = ?",
                (account_id,),
            )
            conn.execute("DELETE FROM accounts WHERE id = ?", (account_id,))

    @staticmethod
    def _keeps_secret(account: Account) -> bool:
        """Whether the blog's backend has a secret in the keyring (a backend no longer installed may)."""
        try:
            return sign_in_of(backend_class(account.backend)).secret is not None
        except UnknownBackendError:
            return True

    def backend(self, account: Account, *, timeout: float = 30.0) -> Backend:
        """A backend signed in as the account (the password read from the keyring)."""
        # A blog with nothing secret (a folder) has no keyring entry.
        secret = credentials.get_secret(account.stored_id) if self._keeps_secret(account) else ""
        return backend_class(account.backend)(
            Credentials(account.base_url, account.username, secret, account.api_root), timeout=timeout
        )
