"""A private D-Bus session bus for tests, in a temporary folder of its own (a Unix socket only; no service
activation, so nothing on it but what the test starts). The bus itself is tests.secret_service's
`private_bus`; this adds the folder and its removal, for tests that want a bus without gnome-keyring."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.secret_service import PrivateBus, private_bus


@contextmanager
def session_bus() -> Iterator[PrivateBus]:
    """Run a private session bus; its `address` is what DBUS_SESSION_BUS_ADDRESS would hold. Stopped (by its
    PID) and its folder removed afterwards."""
    root = Path(tempfile.mkdtemp(prefix="longhand-dbus-"))
    try:
        socket_dir = root / "run"
        socket_dir.mkdir(mode=0o700)
        with private_bus(socket_dir, root) as bus:
            yield bus
    finally:
        shutil.rmtree(root, ignore_errors=True)
