"""A real Ghost 5 (npm's `ghost` package, on SQLite) served on 127.0.0.1 for the tests.

`installed_ghost()` installs Ghost once per machine, into the cache (`~/.cache/longhand-tests/ghost-VERSION`,
or under $LONGHAND_TEST_CACHE): `npm pack ghost@VERSION`, unpacked, its devDependencies dropped (one is
fetched from a git host, which the test machines cannot reach), then `yarn install --production` (yarn 1
through npx; sqlite3 and re2 build from source with node-gyp: the Makefile's build-essential, and the
headers of the installed node). About 2.5 minutes. Two test processes never install at once (a lock
file), and a half-made install is never used: it is made in a temporary folder and renamed into place
once it loads.

`start_ghost(workdir)` runs that install with a site of its own under `workdir` (a fresh SQLite database
and content folder, the config file Ghost reads from its working folder), on a free port, and makes the
owner and an integration whose Admin API key the backend uses; about 5 seconds. `stop_ghost` stops its
process group. Ghost runs with tests/ghost/loopback_only.js loaded: it can reach this machine and no other
(it would send webmentions for a published post's links, and look up Gravatars).

`session_ghost(tmp_path_factory)` is the one Ghost of a test session, shared by tests/backends/test_ghost.py
and the contract suite; `stop_session_ghost()` ends it (each user's session-scoped fixture calls it at the
end of the session; atexit does too, and the process dies with the test process through --pdeathsig).
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import jwt

GHOST_VERSION = "5.130.4"
YARN = "yarn@1.22.22"
LOOPBACK_GUARD = Path(__file__).resolve().parent / "ghost" / "loopback_only.js"
COMPLETE_MARK = ".longhand-complete"
INSTALL_TIMEOUT = 1800.0  # seconds for each install step (yarn's builds take ~2.5 minutes on 2 cores)
START_TIMEOUT = 90.0
STOP_TIMEOUT = 20.0

OWNER_NAME = "Test Owner"
OWNER_EMAIL = "owner@example.com"
SITE_TITLE = "Longhand Ghost Test Blog"


class GhostInstallError(RuntimeError):
    """Ghost could not be installed or started; the message ends with the log's last lines."""


def cache_root() -> Path:
    """Where installs are kept between test runs (outside the repository)."""
    configured = os.environ.get("LONGHAND_TEST_CACHE")
    return Path(configured) if configured else Path.home() / ".cache" / "longhand-tests"


def _tail(log: Path, lines: int = 40) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


# -- the install, once per machine ----------------------------------------------------------------
def installed_ghost() -> Path:
    """The cached install of Ghost, made first if missing (under a lock, so only one process does)."""
    root = cache_root()
    target = root / f"ghost-{GHOST_VERSION}"
    if (target / COMPLETE_MARK).is_file():
        return target
    root.mkdir(parents=True, exist_ok=True)
    with open(root / f"ghost-{GHOST_VERSION}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another pytest may be installing: wait for it, then use its work
        if (target / COMPLETE_MARK).is_file():
            return target
        if target.exists():  # a leftover without the mark (renamed by hand?): not to be trusted
            shutil.rmtree(target)
        work = Path(tempfile.mkdtemp(prefix=f".ghost-{GHOST_VERSION}-", dir=root))
        try:
            package = _install_into(work, root / f"ghost-{GHOST_VERSION}-install.log")
            (package / COMPLETE_MARK).write_text(f"ghost {GHOST_VERSION}, installed {time.ctime()}\n")
            os.rename(package, target)  # atomic: the install appears whole or not at all
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return target


def _install_env() -> dict[str, str]:
    env = dict(os.environ)
    headers = Path(shutil.which("node") or "/usr/bin/node").resolve().parent.parent
    if (headers / "include" / "node" / "common.gypi").is_file():
        # node-gyp would otherwise download node's headers, from a host the test machines cannot reach.
        env.setdefault("npm_config_nodedir", str(headers))
    return env


def _install_into(work: Path, log: Path) -> Path:
    missing = [program for program in ("node", "npm", "npx") if shutil.which(program) is None]
    if missing:
        raise GhostInstallError(f"Installing the test Ghost needs {', '.join(missing)} (Node.js 18, 20 or 22).")
    env = _install_env()
    log.write_text(f"Installing ghost@{GHOST_VERSION} into {work}\n")

    def run(argv: list[str], cwd: Path) -> None:
        with log.open("a") as out:
            out.write(f"\n$ {' '.join(argv)}\n")
            out.flush()
            try:
                done = subprocess.run(
                    argv, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=INSTALL_TIMEOUT
                )
            except subprocess.TimeoutExpired:
                raise GhostInstallError(f"{argv[0]} took too long; the end of {log}:\n{_tail(log)}") from None
        if done.returncode != 0:
            raise GhostInstallError(
                f"Installing the test Ghost failed at `{' '.join(argv)}` (exit {done.returncode}); "
                f"the end of {log}:\n{_tail(log)}"
            )

    run(["npm", "pack", f"ghost@{GHOST_VERSION}", "--pack-destination", str(work)], work)
    with tarfile.open(work / f"ghost-{GHOST_VERSION}.tgz") as archive:
        archive.extractall(work, filter="data")
    package = work / "package"
    manifest = json.loads((package / "package.json").read_text())
    manifest.pop("devDependencies", None)
    (package / "package.json").write_text(json.dumps(manifest, indent=2) + "\n")
    run(["npx", "--yes", YARN, "install", "--production", "--non-interactive", "--network-timeout", "600000"], package)
    # The native modules must load: a build that "succeeded" without them fails here, not at start.
    run(["node", "-e", "require('sqlite3'); require('re2')"], package)
    return package


# -- one site -------------------------------------------------------------------------------------
@dataclass
class Ghost:
    url: str  # "http://127.0.0.1:PORT"
    admin_key: str = field(repr=False)  # the integration's Admin API key, "id:secret"
    owner_password: str = field(repr=False)
    site_dir: Path
    content_dir: Path
    log: Path
    port: int
    install_seconds: float = 0.0  # what installed_ghost() took this time (0 when it was cached)
    start_seconds: float = 0.0  # from starting node to an owner and a key
    _process: subprocess.Popen | None = field(repr=False, default=None)

    @property
    def admin_api(self) -> str:
        return f"{self.url}/ghost/api/admin/"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def request(self, method: str, path: str, *, key: str | None = None, **kwargs) -> httpx.Response:
        """A request to the Admin API signed with `key` (the integration's by default), made here rather
        than by the backend under test, to set things up and look at them from outside."""
        headers = {"Authorization": f"Ghost {admin_token(key or self.admin_key)}", **kwargs.pop("headers", {})}
        return httpx.request(method, self.admin_api + path, headers=headers, timeout=30, **kwargs)

    @contextlib.contextmanager
    def owner_session(self) -> Iterator[httpx.Client]:
        """A client signed in as the owner with Ghost Admin's own cookie session."""
        with httpx.Client(base_url=self.admin_api, headers={"Origin": self.url}, timeout=30) as client:
            answer = client.post("session/", json={"username": OWNER_EMAIL, "password": self.owner_password})
            if answer.status_code not in (200, 201):
                raise GhostInstallError(f"The owner could not sign in: {answer.status_code} {answer.text[:300]}")
            yield client

    def new_integration(self, name: str) -> tuple[str, str]:
        """(integration id, Admin API key) of a new custom integration."""
        with self.owner_session() as owner:
            body = {"integrations": [{"name": name}]}
            answer = owner.post("integrations/", params={"include": "api_keys"}, json=body)
        answer.raise_for_status()
        integration = answer.json()["integrations"][0]
        key = next(k["secret"] for k in integration["api_keys"] if k["type"] == "admin")
        return integration["id"], key


def admin_token(key: str) -> str:
    """A token for Ghost's Admin API, as Ghost's documentation makes one."""
    key_id, secret = key.split(":")
    now = int(time.time())
    claims = {"iat": now, "exp": now + 300, "aud": "/admin/"}
    return jwt.encode(claims, bytes.fromhex(secret), algorithm="HS256", headers={"kid": key_id})


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write_config(site_dir: Path, content: Path, port: int) -> None:
    url = f"http://127.0.0.1:{port}"
    config = {
        "url": url,
        "server": {"host": "127.0.0.1", "port": port},
        "database": {"client": "sqlite3", "connection": {"filename": str(content / "data" / "ghost.db")}},
        "paths": {"contentPath": str(content)},
        "privacy": {"useUpdateCheck": False, "useGravatar": False, "useRpcPing": False, "useStructuredData": False},
        "security": {"staffDeviceVerification": False},
        "mail": {"transport": "stub"},  # nothing leaves: Ghost mails the owner at set-up
        "logging": {"level": "info", "transports": ["stdout"]},
    }
    (site_dir / "config.development.json").write_text(json.dumps(config, indent=2))


def _spawn(site_dir: Path, log: Path) -> subprocess.Popen:
    """node in its own process group (stopped as one), dying with this process (setpriv --pdeathsig)."""
    argv = [shutil.which("node") or "node", "current/index.js"]
    if setpriv := shutil.which("setpriv"):
        argv = [setpriv, "--pdeathsig", "KILL", "--", *argv]
    env = {**os.environ, "NODE_ENV": "development", "NODE_OPTIONS": f"--require {LOOPBACK_GUARD}"}
    with log.open("ab") as out:
        return subprocess.Popen(
            argv, cwd=site_dir, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip


def _wait_until_serving(ghost: Ghost) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if not ghost.running:
            raise GhostInstallError(f"Ghost stopped while starting; the end of {ghost.log}:\n{_tail(ghost.log)}")
        with contextlib.suppress(httpx.TransportError):
            if httpx.get(ghost.admin_api + "site/", timeout=5).status_code == 200:
                return
        time.sleep(0.2)
    raise GhostInstallError(f"Ghost did not answer in {START_TIMEOUT:g} s; the end of {ghost.log}:\n{_tail(ghost.log)}")


def _set_up_owner(ghost: Ghost) -> None:
    setup = {"name": OWNER_NAME, "email": OWNER_EMAIL, "password": ghost.owner_password, "blogTitle": SITE_TITLE}
    answer = httpx.post(
        ghost.admin_api + "authentication/setup/", json={"setup": [setup]}, headers={"Origin": ghost.url}, timeout=60
    )
    if answer.status_code not in (200, 201):
        raise GhostInstallError(f"Ghost refused its set-up: {answer.status_code} {answer.text[:300]}")
    ghost.admin_key = ghost.new_integration("Longhand tests")[1]


def start_ghost(workdir: Path) -> Ghost:
    """A new Ghost site under `workdir`, serving and set up (see the module's docstring)."""
    began = time.monotonic()
    install = installed_ghost()
    installed = time.monotonic()
    site_dir = Path(tempfile.mkdtemp(prefix="ghost-", dir=workdir))
    # Ghost-CLI's layout, which Ghost expects: the install as `current`, the config in the working folder.
    (site_dir / "current").symlink_to(install, target_is_directory=True)
    content = site_dir / "content"
    shutil.copytree(install / "content", content)
    for folder in ("data", "images", "logs", "settings"):
        (content / folder).mkdir(exist_ok=True)
    # A strong password: Ghost refuses weak ones (422) at set-up.
    password = "Lh-" + secrets.token_urlsafe(18)
    for attempt in range(3):  # another process may take the free port before Ghost binds it
        port = _free_port()
        _write_config(site_dir, content, port)
        log = site_dir / "ghost.log"
        ghost = Ghost(f"http://127.0.0.1:{port}", "", password, site_dir, content, log, port)
        ghost._process = _spawn(site_dir, log)
        try:
            _wait_until_serving(ghost)
            break
        except GhostInstallError:
            stop_ghost(ghost)
            if attempt == 2 or "EADDRINUSE" not in _tail(log):
                raise
    _set_up_owner(ghost)
    ghost.install_seconds = installed - began if installed - began > 1 else 0.0
    ghost.start_seconds = time.monotonic() - installed
    return ghost


def stop_ghost(ghost: Ghost) -> None:
    """Stop Ghost's process group: SIGTERM (Ghost closes its database), SIGKILL if it lingers. Idempotent."""
    process, ghost._process = ghost._process, None
    if process is None:
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=STOP_TIMEOUT)
            break
        except subprocess.TimeoutExpired:
            continue
    with contextlib.suppress(ProcessLookupError):  # a worker left behind in the group
        os.killpg(process.pid, signal.SIGKILL)


# -- the session's Ghost --------------------------------------------------------------------------
_session: Ghost | None = None


def session_ghost(tmp_path_factory) -> Ghost:
    """The test session's Ghost, started on first use."""
    global _session
    if _session is None or not _session.running:
        _session = start_ghost(tmp_path_factory.mktemp("ghost"))
    return _session


def stop_session_ghost() -> None:
    """Stop the session's Ghost, if one runs."""
    global _session
    if _session is not None:
        stop_ghost(_session)
        _session = None


atexit.register(stop_session_ghost)
