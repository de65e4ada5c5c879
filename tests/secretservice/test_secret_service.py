"""keyring's SecretService backend against a real gnome-keyring, and what keyring does when there is none.

Stores under service "longhand-test", so nothing here can meet a real account's entry even if the
fixture's isolation failed.
"""

from __future__ import annotations

import contextlib
import secrets
import subprocess
import sys
from contextlib import closing

import keyring
import keyring.backends.fail
import keyring.backends.SecretService
import keyring.core
import pytest
import secretstorage
from keyring.errors import (
    InitError,
    KeyringError,
    KeyringLocked,
    NoKeyringError,
    PasswordDeleteError,
)

from tests.secret_service import SecretService

SERVICE = "longhand-test"
USERNAME = "acct-1"


def a_secret() -> str:
    return f"longhand-secret-{secrets.token_hex(8)}"


@pytest.fixture
def secret_service_keyring(secret_service: SecretService, restore_keyring: None):
    """keyring's SecretService backend, set as the keyring for this test; no 'longhand-test' entry left after."""
    backend = keyring.backends.SecretService.Keyring()
    keyring.set_keyring(backend)
    yield backend
    with contextlib.suppress(PasswordDeleteError):
        backend.delete_password(SERVICE, USERNAME)


def test_the_fixture_is_private(secret_service: SecretService) -> None:
    assert secret_service.bus_address.startswith(f"unix:path={secret_service.runtime_dir}/")
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"):
        assert secret_service.daemon_env[name].startswith(f"{secret_service.root}/"), name
    assert not {"DISPLAY", "WAYLAND_DISPLAY", "GNOME_KEYRING_CONTROL"} & set(secret_service.daemon_env)
    # --unlock made the 'login' keyring, encrypted with the unlock password, as the default collection
    assert (secret_service.keyrings_dir / "login.keyring").is_file()
    assert keyring.backends.SecretService.Keyring.priority == 5  # viable: the bus address is this test's


def test_set_get_delete(secret_service_keyring) -> None:
    secret = a_secret()
    assert keyring.get_password(SERVICE, USERNAME) is None
    keyring.set_password(SERVICE, USERNAME, secret)
    assert keyring.get_password(SERVICE, USERNAME) == secret
    keyring.set_password(SERVICE, USERNAME, secret + "-changed")  # replaces, never a second entry
    assert keyring.get_password(SERVICE, USERNAME) == secret + "-changed"
    keyring.delete_password(SERVICE, USERNAME)
    assert keyring.get_password(SERVICE, USERNAME) is None


def test_the_secret_is_in_no_file_in_plain_text(secret_service: SecretService, secret_service_keyring) -> None:
    login_keyring = secret_service.keyrings_dir / "login.keyring"
    before = login_keyring.read_bytes()
    secret = a_secret()
    keyring.set_password(SERVICE, USERNAME, secret)
    after = login_keyring.read_bytes()
    assert after != before and len(after) > len(before)  # the item went to disk, in this file, at once
    assert secret_service.files_containing(secret.encode()) == []
    assert secret_service.files_containing(secret.encode("utf-16-le")) == []


def test_another_keyring_instance_and_another_process_read_the_secret(
    secret_service: SecretService, secret_service_keyring
) -> None:
    secret = a_secret()
    secret_service_keyring.set_password(SERVICE, USERNAME, secret)
    assert keyring.backends.SecretService.Keyring().get_password(SERVICE, USERNAME) == secret
    program = f"import keyring.backends.SecretService as s;print(s.Keyring().get_password({SERVICE!r}, {USERNAME!r}))"
    read = subprocess.run(
        [sys.executable, "-c", program],
        env=secret_service.child_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert read.stdout.strip() == secret


def test_after_delete_get_returns_none_and_delete_again_raises(secret_service_keyring) -> None:
    keyring.set_password(SERVICE, USERNAME, a_secret())
    keyring.delete_password(SERVICE, USERNAME)
    assert keyring.get_password(SERVICE, USERNAME) is None
    assert keyring.backends.SecretService.Keyring().get_password(SERVICE, USERNAME) is None
    with pytest.raises(PasswordDeleteError):
        keyring.delete_password(SERVICE, USERNAME)


def test_accounts_are_separate_entries(secret_service_keyring) -> None:
    first, second = a_secret(), a_secret()
    keyring.set_password(SERVICE, USERNAME, first)
    keyring.set_password(SERVICE, "acct-2", second)
    try:
        assert keyring.get_password(SERVICE, USERNAME) == first
        assert keyring.get_password(SERVICE, "acct-2") == second
    finally:
        keyring.delete_password(SERVICE, "acct-2")


# --- no keyring, and a keyring that will not open: what "refuse plainly" code meets ---------------------------


def test_the_fail_backend_raises_no_keyring_error(restore_keyring: None) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    for call in (
        lambda: keyring.get_password(SERVICE, USERNAME),
        lambda: keyring.set_password(SERVICE, USERNAME, "x"),
        lambda: keyring.delete_password(SERVICE, USERNAME),
    ):
        with pytest.raises(NoKeyringError, match="No recommended backend"):
            call()
    assert issubclass(NoKeyringError, KeyringError) and issubclass(NoKeyringError, RuntimeError)


def test_with_no_secret_service_keyring_detects_the_fail_backend(
    restore_keyring: None, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)  # a developer's choice would win
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))  # and so would a keyringrc.cfg there
    with pytest.raises(RuntimeError, match="DBUS_SESSION_BUS_ADDRESS is unset"):
        keyring.backends.SecretService.Keyring.priority  # noqa: B018  (not viable)
    # keyring's own backends only: a keyrings.alt in a developer's venv must not change the answer
    keyring.core.init_backend(limit=lambda backend: type(backend).__module__.startswith("keyring.backends."))
    assert isinstance(keyring.get_keyring(), keyring.backends.fail.Keyring)
    assert not keyring.core.recommended(keyring.get_keyring())
    with pytest.raises(NoKeyringError):
        keyring.get_password(SERVICE, USERNAME)


def test_the_backend_used_directly_with_no_bus_raises_secretstorages_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Used without the detection above, the backend raises secretstorage's exception, not keyring's."""
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    with pytest.raises(secretstorage.exceptions.SecretServiceNotAvailableException):
        keyring.backends.SecretService.Keyring().get_password(SERVICE, USERNAME)


def test_a_locked_keyring_raises_keyring_locked(new_secret_service, restore_keyring: None) -> None:
    new_secret_service()
    backend = keyring.backends.SecretService.Keyring()
    backend.set_password(SERVICE, USERNAME, a_secret())
    with closing(secretstorage.dbus_init()) as connection:
        secretstorage.get_default_collection(connection).lock()
    # unlocking needs a prompt; with no screen it is dismissed
    with pytest.raises(KeyringLocked):
        backend.get_password(SERVICE, USERNAME)
    with pytest.raises(KeyringLocked):
        backend.set_password(SERVICE, USERNAME, a_secret())


def test_a_daemon_never_unlocked_raises_init_error(new_secret_service) -> None:
    """No --unlock: no 'login' keyring; creating one needs a prompt, dismissed with no screen."""
    service = new_secret_service(unlock=False)
    with pytest.raises(InitError, match="Prompt dismissed"):
        keyring.backends.SecretService.Keyring().set_password(SERVICE, USERNAME, a_secret())
    assert not (service.keyrings_dir / "login.keyring").exists()
    assert service.password is None
