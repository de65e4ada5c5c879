"""A real Secret Service for tests: gnome-keyring-daemon on a private D-Bus session bus.

Everything lives in one temporary folder: the bus's socket, gnome-keyring's HOME, XDG_DATA_HOME (where its
keyring files go), XDG_CONFIG_HOME, XDG_CACHE_HOME and XDG_RUNTIME_DIR. The bus has no service folders, so
nothing is ever started by D-Bus activation; gnome-keyring gets a minimal environment (no DISPLAY, no
WAYLAND_DISPLAY, no GNOME_KEYRING_CONTROL), so it can neither pop a prompt on a developer's screen nor talk to
the developer's own keyring. It is started with `--unlock` and the password on its standard input: it then
creates the 'login' keyring, unlocked, as the default collection, and a client never meets a prompt (a locked
daemon with no screen answers every prompt with "dismissed").

`start_secret_service()` is the context manager; tests/conftest.py turns it into the `secret_service`
fixture. Both processes are this process's own children, stopped by PID; the folder is removed afterwards.
"""

from __future__ import annotations

import os
import selectors
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

# The programs the fixture runs, and the Debian package that ships each.
PROGRAM_PACKAGES: Mapping[str, str] = {
    "dbus-daemon": "dbus-daemon",
    "gnome-keyring-daemon": "gnome-keyring",
}
DEB_PACKAGES: tuple[str, ...] = tuple(PROGRAM_PACKAGES.values())

SECRETS_BUS_NAME = "org.freedesktop.secrets"
DEFAULT_PASSWORD = "longhand-test-unlock-password"
STARTUP_TIMEOUT = 20.0  # seconds; a start here takes well under one

_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={socket_dir}</listen>
  <auth>EXTERNAL</auth>
  <!-- No <servicedir>: nothing is started by activation, so the only Secret Service is ours. -->
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


class SecretServiceError(RuntimeError):
    """The private bus or gnome-keyring-daemon could not be started."""


def missing_programs() -> list[str]:
    """The programs the fixture needs that are not on PATH."""
    return [program for program in PROGRAM_PACKAGES if shutil.which(program) is None]


def missing_packages() -> list[str]:
    """The Debian packages to install for the fixture to run (empty when all is there)."""
    return [PROGRAM_PACKAGES[program] for program in missing_programs()]


@dataclass(frozen=True)
class PrivateBus:
    """A D-Bus session bus of our own: `address` is the value for DBUS_SESSION_BUS_ADDRESS."""

    address: str
    pid: int


@dataclass(frozen=True)
class SecretService:
    """A running gnome-keyring Secret Service on a private bus.

    `env` holds what a client (this process, or a child it starts) needs to reach it:
    DBUS_SESSION_BUS_ADDRESS. `daemon_env` is the whole environment gnome-keyring-daemon was started with.
    Its keyring files (login.keyring, user.keystore) are in `keyrings_dir`.
    """

    root: Path
    home: Path
    data_home: Path
    runtime_dir: Path
    bus_address: str
    bus_pid: int
    daemon_pid: int
    password: str | None  # None when started without --unlock
    startup_seconds: float
    env: Mapping[str, str] = field(repr=False)
    daemon_env: Mapping[str, str] = field(repr=False)

    @property
    def keyrings_dir(self) -> Path:
        return self.data_home / "keyrings"

    def child_env(self, base: Mapping[str, str] | None = None) -> dict[str, str]:
        """An environment for a child process that must use this Secret Service."""
        merged = dict(os.environ if base is None else base)
        merged.update(self.env)
        return merged

    def files(self) -> list[Path]:
        """Every regular file under the service's private folder."""
        return sorted(path for path in self.root.rglob("*") if path.is_file() and not path.is_symlink())

    def files_containing(self, needle: bytes) -> list[Path]:
        """The files under the private folder whose bytes contain `needle`."""
        return [path for path in self.files() if needle in path.read_bytes()]

    def log(self) -> str:
        """What gnome-keyring-daemon has printed so far."""
        return _read_text(self.root / "gnome-keyring.log")


def _read_text(path: Path) -> str:
    try:
        return path.read_text(errors="replace")
    except FileNotFoundError:
        return ""


def _stop(process: subprocess.Popen, timeout: float = 5.0) -> None:
    """Stop one child of ours by its PID: SIGTERM, then SIGKILL if it lingers; always reaped."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=timeout)


@contextmanager
def private_bus(socket_dir: Path, config_dir: Path) -> Iterator[PrivateBus]:
    """Run `dbus-daemon --session`-like bus with a private config and no service activation."""
    config = config_dir / "bus.conf"
    config.write_text(_BUS_CONFIG.format(socket_dir=socket_dir))
    process = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--nopidfile", "--print-address=1"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # a Ctrl-C in the terminal must not kill it before the teardown does
    )
    try:
        address = _read_first_line(process, STARTUP_TIMEOUT)
        if not address:
            _stop(process)
            raise SecretServiceError(
                f"dbus-daemon printed no address (exit {process.returncode}): "
                f"{process.stderr.read().decode(errors='replace').strip()}"
            )
        yield PrivateBus(address=address, pid=process.pid)
    finally:
        _stop(process)
        process.stdout.close()
        process.stderr.close()


def _read_first_line(process: subprocess.Popen, timeout: float) -> str:
    """The first line a child prints on stdout, or '' if it exits or the time runs out first."""
    deadline = time.monotonic() + timeout
    buffer = b""
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while b"\n" not in buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not selector.select(remaining):
                return ""
            chunk = os.read(process.stdout.fileno(), 4096)
            if not chunk:
                return ""
            buffer += chunk
    return buffer.split(b"\n", 1)[0].decode().strip()


def _name_has_owner(bus_address: str, name: str) -> bool:
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import Proxy, open_dbus_connection

    with closing(open_dbus_connection(bus_address)) as connection:
        return bool(Proxy(message_bus, connection, timeout=2).NameHasOwner(name)[0])


def _default_collection(bus_address: str) -> str:
    """The object path the Secret Service's 'default' alias points at ('/' for none)."""
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection

    service = DBusAddress(
        "/org/freedesktop/secrets", bus_name=SECRETS_BUS_NAME, interface="org.freedesktop.Secret.Service"
    )
    with closing(open_dbus_connection(bus_address)) as connection:
        reply = connection.send_and_get_reply(new_method_call(service, "ReadAlias", "s", ("default",)), timeout=2)
    return str(reply.body[0])


@contextmanager
def start_secret_service(password: str = DEFAULT_PASSWORD, *, unlock: bool = True) -> Iterator[SecretService]:
    """Start a private bus and an unlocked gnome-keyring Secret Service on it; stop both and remove the folder.

    With `unlock=False` the daemon starts with no password: no 'login' keyring exists and creating one
    needs a prompt, which with no screen is dismissed (for tests of the "keyring locked" path).
    Raises SecretServiceError with the daemon's own words when something does not come up.
    """
    missing = missing_programs()
    if missing:
        raise SecretServiceError(
            f"not installed: {', '.join(missing)} (Debian packages: {' '.join(missing_packages())})"
        )
    started = time.monotonic()
    with ExitStack() as stack:
        root = Path(tempfile.mkdtemp(prefix="longhand-secret-service-"))
        stack.callback(shutil.rmtree, root, ignore_errors=True)
        home, data_home, config_home, cache_home, runtime_dir = (
            root / "home",
            root / "data",
            root / "config",
            root / "cache",
            root / "run",
        )
        for folder in (home, data_home, config_home, cache_home, runtime_dir):
            folder.mkdir(mode=0o700)

        bus = stack.enter_context(private_bus(runtime_dir, root))
        daemon_env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8",
            "HOME": str(home),
            "XDG_DATA_HOME": str(data_home),
            "XDG_CONFIG_HOME": str(config_home),
            "XDG_CACHE_HOME": str(cache_home),
            "XDG_RUNTIME_DIR": str(runtime_dir),
            "DBUS_SESSION_BUS_ADDRESS": bus.address,
        }
        log_path = root / "gnome-keyring.log"
        arguments = ["gnome-keyring-daemon", "--foreground", "--components=secrets"]
        if unlock:
            arguments.append("--unlock")  # reads the password from stdin until EOF
        with open(log_path, "wb") as log:
            daemon = subprocess.Popen(
                arguments,
                stdin=subprocess.PIPE,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=daemon_env,
                cwd=home,
                start_new_session=True,
            )
        stack.callback(_stop, daemon)
        if unlock:
            daemon.stdin.write(password.encode())
        daemon.stdin.close()

        _wait_until_ready(bus.address, daemon, log_path, need_default=unlock)
        yield SecretService(
            root=root,
            home=home,
            data_home=data_home,
            runtime_dir=runtime_dir,
            bus_address=bus.address,
            bus_pid=bus.pid,
            daemon_pid=daemon.pid,
            password=password if unlock else None,
            startup_seconds=time.monotonic() - started,
            env={"DBUS_SESSION_BUS_ADDRESS": bus.address},
            daemon_env=daemon_env,
        )


def _wait_until_ready(bus_address: str, daemon: subprocess.Popen, log_path: Path, *, need_default: bool) -> None:
    """Wait until the daemon owns org.freedesktop.secrets and, when unlocked, 'default' names a collection."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    state = "the bus name was never owned"
    while time.monotonic() < deadline:
        if daemon.poll() is not None:
            raise SecretServiceError(
                f"gnome-keyring-daemon exited with {daemon.returncode} while starting:\n{_read_text(log_path).strip()}"
            )
        if _name_has_owner(bus_address, SECRETS_BUS_NAME):
            if not need_default:
                return
            default = _default_collection(bus_address)
            if default != "/":
                return
            state = "org.freedesktop.secrets is owned, but no 'default' collection appeared"
        time.sleep(0.01)
    raise SecretServiceError(
        f"gnome-keyring-daemon not ready after {STARTUP_TIMEOUT:.0f} s ({state}):\n{_read_text(log_path).strip()}"
    )
