"""Test-wide set-up: Qt on the offscreen platform, QtWebEngine ready before the QApplication exists; and
the fixtures for tests against a real Secret Service (gnome-keyring on a private D-Bus session bus):

- `secret_service` (session scope): one unlocked gnome-keyring for the whole run, started on first use
  (about 0.05 s) and stopped at the end. A test that asks for it, directly or through another fixture,
  also gets DBUS_SESSION_BUS_ADDRESS pointing at the private bus for its own duration only, so nothing
  else in the run (Qt included) ever sees that bus.
- `new_secret_service(unlock=True)`: a factory for a daemon of the test's own, for tests that change its
  state (lock it) or need one that was never unlocked; its address is set for that test, and it is stopped
  when the test ends.
- `restore_keyring`: whatever `keyring.set_keyring` a test does is undone afterwards, and keyring's
  once-per-process backend detection is forgotten before and after.

Missing Debian packages (tests.secret_service.DEB_PACKAGES) skip the Secret Service tests, except as root,
where `make test` installs them: there they fail.
"""

import contextlib
import os
from collections.abc import Callable, Iterator

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("LONGHAND_HOME", None)  # a developer's own setting must not leak into the tests

from editor.ui.app import prepare_environment  # noqa: E402

prepare_environment()

from PySide6.QtCore import QCoreApplication, Qt  # noqa: E402

try:
    import PySide6.QtWebEngineWidgets  # noqa: E402,F401  (must precede the QApplication)
except ImportError:
    pass
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)

import keyring.backend  # noqa: E402
import keyring.core  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtCore import QEvent  # noqa: E402

from tests.secret_service import (  # noqa: E402
    SecretService,
    SecretServiceError,
    missing_packages,
    start_secret_service,
)


@pytest.fixture(autouse=True, scope="session")
def _delete_windows_before_qt_exits():
    """QtWebEngine crashes at exit if a page outlives the application's profiles: delete every window
    (and so every preview page) while the application still exists."""
    yield
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    for widget in app.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()


# -- a real Secret Service ----------------------------------------------------------------------
def _require_secret_service_tools() -> None:
    missing = missing_packages()
    if missing:
        reason = (
            f"a real Secret Service needs the Debian packages {' '.join(missing)} "
            f"(apt-get install -y {' '.join(missing)})"
        )
        if os.geteuid() == 0:
            pytest.fail(f"{reason}; running as root, where `make test` installs them", pytrace=False)
        pytest.skip(reason)
    try:
        import jeepney  # noqa: F401
        import secretstorage  # noqa: F401
    except ImportError as error:  # both come with keyring on Linux: a broken venv, not a missing package
        pytest.fail(f"keyring's Secret Service backend cannot work here: {error}", pytrace=False)


def _started(stack: contextlib.ExitStack, unlock: bool = True) -> SecretService:
    try:
        return stack.enter_context(start_secret_service(unlock=unlock))
    except SecretServiceError as error:
        pytest.fail(f"could not start the private Secret Service: {error}", pytrace=False)


@pytest.fixture(scope="session")
def secret_service() -> Iterator[SecretService]:
    """The run's gnome-keyring Secret Service, unlocked, on a private bus (see SecretService)."""
    _require_secret_service_tools()
    with contextlib.ExitStack() as stack:
        yield _started(stack)


@pytest.fixture(autouse=True)
def _point_at_secret_service(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Aim this test's process at the session Secret Service, if the test uses it; undone afterwards."""
    if "secret_service" in request.fixturenames:
        service: SecretService = request.getfixturevalue("secret_service")
        for name, value in service.env.items():
            monkeypatch.setenv(name, value)


@pytest.fixture
def new_secret_service() -> Iterator[Callable[..., SecretService]]:
    """Start a Secret Service for this test alone: `new_secret_service(unlock=False)` for a locked one."""
    _require_secret_service_tools()
    with contextlib.ExitStack() as stack, pytest.MonkeyPatch.context() as environment:
        # the environment is put back (on leaving the inner context) before the daemons stop
        def start(unlock: bool = True) -> SecretService:
            service = _started(stack, unlock=unlock)
            for name, value in service.env.items():
                environment.setenv(name, value)
            return service

        yield start


def _forget_detected_backends() -> None:
    with contextlib.suppress(KeyError):  # nothing detected yet
        keyring.backend.get_all_keyring.reset()


@pytest.fixture
def restore_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Undo the test's `keyring.set_keyring(...)`, and detect backends afresh for it and after it."""
    monkeypatch.setattr(keyring.core, "_keyring_backend", keyring.core._keyring_backend)
    _forget_detected_backends()
    yield
    _forget_detected_backends()
