"""Blog passwords in the OS keyring: the only module that touches secrets.

Service "longhand", one entry per account (user name "account-<id>"). Without a real keyring (Secret
Service, KWallet, macOS Keychain, Windows Credential Locker) Longhand refuses to keep a password
rather than write it anywhere in plain text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import keyring.backend

SERVICE = "longhand"


class CredentialsError(Exception):
    """The keyring could not hold or give a password; str() is one plain sentence. `retryable`: the
    keyring may give it later (locked, or its service not answering), as opposed to having none."""

    def __init__(self, message: str, *, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable


def _entry(account_id: int) -> str:
    return f"account-{account_id}"


def _keyring() -> keyring.backend.KeyringBackend:
    # Imported here, not at the top: keyring and its entry-point scan cost ~35 ms of every start-up,
    # and a session that publishes nothing never needs it.
    import keyring
    import keyring.core

    backend = keyring.get_keyring()
    # recommended() is False for the fail backend and for plain-text ones such as keyrings.alt's.
    if not keyring.core.recommended(backend):
        raise CredentialsError(
            "No system keyring is available to keep the password safe. Install and unlock one "
            "(GNOME Keyring, KWallet or KeePassXC's Secret Service) and try again."
        )
    return backend


def _plain(action: str, exc: Exception) -> CredentialsError:
    import keyring.errors

    if isinstance(exc, keyring.errors.KeyringLocked):
        return CredentialsError(
            f"Could not {action}: the system keyring is locked. Unlock it and try again.", retryable=True
        )
    # Keyring messages name services and collections, never the secret; keep the first line only.
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return CredentialsError(f"Could not {action}: the system keyring said “{detail}”.", retryable=True)


def set_secret(account_id: int, secret: str) -> None:
    """Keep the password of an account in the keyring."""
    try:
        _keyring().set_password(SERVICE, _entry(account_id), secret)
    except CredentialsError:
        raise
    except Exception as exc:  # noqa: BLE001 - every keyring backend has its own exceptions
        raise _plain("keep the password", exc) from None


def get_secret(account_id: int) -> str:
    """The password of an account; CredentialsError if the keyring has none or cannot be read."""
    try:
        secret = _keyring().get_password(SERVICE, _entry(account_id))
    except CredentialsError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise _plain("read the password", exc) from None
    if secret is None:
        raise CredentialsError("The system keyring has no password for this blog; add the blog again.")
    return secret


def delete_secret(account_id: int) -> None:
    """Forget an account's password (nothing happens if there was none)."""
    import keyring.errors

    try:
        _keyring().delete_password(SERVICE, _entry(account_id))
    except keyring.errors.PasswordDeleteError:
        pass
    except CredentialsError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise _plain("remove the password", exc) from None
