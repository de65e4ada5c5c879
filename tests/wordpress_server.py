"""A real WordPress, from Debian's packages, served on 127.0.0.1 for the tests.

`start_wordpress(workdir)` builds a private site under a new folder in `workdir` and returns a
`WordPress`; `stop_wordpress(wp)` stops every process it started and removes that folder.

The stack, all unprivileged and private to the site (nothing in /etc, /var/lib or systemd):

* MariaDB: `mariadb-install-db` into a private data dir, then `mariadbd --skip-networking` on a
  private Unix socket; WordPress connects as MariaDB's root with no password.
* WordPress: a copy of Debian's /usr/share/wordpress (Debian's wp-config.php reads /etc/wordpress
  and keeps wp-content in /var/lib/wordpress; the copy gets its own wp-config.php, and its own
  wp-content, so uploads land in the copy). Installed by tests/wordpress/install.php through
  wp_install(), with pretty permalinks (/%postname%/) and an application password for the admin.
* PHP's built-in server, `php -S 127.0.0.1:PORT` with tests/wordpress/router.php, so both
  /wp-json/... and /?rest_route=... work. WP-Cron is off (DISABLE_WP_CRON): a test that needs due
  scheduled posts published requests /wp-cron.php. Mail never leaves: the mu-plugin
  tests/wordpress/mu-plugins/longhand-tests.php appends each mail as a JSON line to `wp.mail_log`.

Debian packages needed: wordpress mariadb-server php-cli php-mysql php-xml (see DEBIAN_PACKAGES).

Processes are started from the calling thread with `setpriv --pdeathsig` so that they die with it if
the test process is killed; start and stop the site from the main thread.
"""

from __future__ import annotations

import atexit
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from editor.backends.wordpress import WordPressBackend
    from editor.core.store import Store

DEBIAN_PACKAGES = ("wordpress", "mariadb-server", "php-cli", "php-mysql", "php-xml")  # php-xml: XML-RPC

WORDPRESS_SOURCE = Path("/usr/share/wordpress")
HELPERS = Path(__file__).resolve().parent / "wordpress"  # router.php, install.php, eval.php, mu-plugins/

SITE_TITLE = "Longhand Test Blog"
ADMIN_USER = "admin"
ADMIN_EMAIL = "admin@example.com"
DB_NAME = "wordpress"

# php -S's own settings: OPcache must notice edited files at once, a PHP warning must never end up
# inside a JSON answer, and uploads of a few MB must pass.
PHP_SERVER_INI = (
    "display_errors=0",
    "log_errors=1",
    "opcache.revalidate_freq=0",
    "upload_max_filesize=32M",
    "post_max_size=40M",
    "memory_limit=256M",
    "max_execution_time=60",
)
PHP_SERVER_WORKERS = 4  # WordPress may request its own URLs (wp-cron.php → enclosures): never deadlock
PHP_CLI_INI = ("display_errors=stderr", "log_errors=0", "memory_limit=512M")

MARIADB_OPTIONS = (
    "--innodb-buffer-pool-size=64M",
    "--innodb-log-file-size=16M",
    "--innodb-flush-log-at-trx-commit=0",
    "--innodb-doublewrite=0",
    "--innodb-use-native-aio=0",
    "--character-set-server=utf8mb4",
    "--collation-server=utf8mb4_unicode_ci",
    "--max-connections=100",
)

START_TIMEOUT = 30.0  # seconds for each of: MariaDB's socket, php -S answering
STOP_TIMEOUT = 10.0


def _find_program(name: str) -> str | None:
    """`shutil.which`, also looking in the sbin folders that a non-root PATH often lacks."""
    path = os.environ.get("PATH", os.defpath) + os.pathsep + "/usr/sbin:/sbin:/usr/local/sbin"
    return shutil.which(name, path=path)


def missing_requirements() -> list[str]:
    """What this machine lacks to run the test WordPress, as readable lines (empty: nothing)."""
    missing = []
    for program, package in (
        ("php", "php-cli"),
        ("mariadbd", "mariadb-server"),
        ("mariadb-install-db", "mariadb-server"),
    ):
        if _find_program(program) is None:
            missing.append(f"program {program} (Debian package {package})")
    if not (WORDPRESS_SOURCE / "wp-settings.php").is_file():
        missing.append(f"{WORDPRESS_SOURCE} (Debian package wordpress)")
    php = _find_program("php")
    if php is not None:
        modules = subprocess.run([php, "-m"], capture_output=True, text=True).stdout.lower().split()
        if "mysqli" not in modules:
            missing.append("PHP extension mysqli (Debian package php-mysql)")
        if "xml" not in modules:  # without it WordPress answers every XML-RPC call "parse error"
            missing.append("PHP extension xml (Debian package php-xml)")
    if not (HELPERS / "router.php").is_file():
        missing.append(f"helper scripts in {HELPERS}")
    return missing


@dataclass
class WordPress:
    url: str  # "http://127.0.0.1:PORT"
    rest_root: str  # url + "/wp-json/"
    admin_user: str
    admin_password: str  # the login password: REST refuses it
    app_password: str  # the admin's application password, for REST (basic auth)
    root: Path  # the private WordPress copy; uploads are under root/wp-content/uploads
    site_dir: Path  # everything of this site: root, MariaDB's data, logs; removed at stop_wordpress
    mail_log: Path  # one JSON line per mail WordPress "sent"
    server_log: Path  # php -S's request log and PHP's errors
    cold_start_seconds: float = 0.0  # how long start_wordpress took
    _php: str = field(repr=False, default="php")
    _port: int = field(repr=False, default=0)
    _server: subprocess.Popen | None = field(repr=False, default=None)
    _mariadb: subprocess.Popen | None = field(repr=False, default=None)
    _socket_dir: Path | None = field(repr=False, default=None)  # set when the socket lives outside site_dir

    @property
    def port(self) -> int:
        return self._port

    @property
    def pids(self) -> list[int]:
        """The PIDs of the processes started and not yet stopped: php -S's (or, as root, that of the
        `unshare` that runs it in a PID namespace; either leads a process group with php's workers)
        and mariadbd's."""
        return [p.pid for p in (self._server, self._mariadb) if p is not None and p.poll() is None]

    @property
    def running(self) -> bool:
        """Whether php -S is serving (the database stays up between stop() and start())."""
        return self._server is not None and self._server.poll() is None

    def stop(self) -> None:
        """Stops php -S only, as if the blog went offline; the database stays up. Idempotent."""
        server, self._server = self._server, None
        if server is not None:
            _kill_group(server)

    def start(self) -> None:
        """Starts php -S again on the same port; returns once WordPress answers."""
        if self.running:
            return
        self._server = _start_php_server(self._php, self.root, self._port, self.server_log)
        _wait_until_serving(self.url, self._server, self.server_log)

    def posts_titled(self, title: str) -> list[dict]:
        """Every post or draft (any status) titled exactly `title`, as the REST API gives it in context=edit:
        what tests count to prove a post was made once."""
        import httpx  # (the tests have it; this module starts the server with the standard library alone)

        found = httpx.get(
            f"{self.url}/wp-json/wp/v2/posts",
            params={"search": title, "status": "any", "context": "edit"},
            auth=(self.admin_user, self.app_password),
            timeout=30,
        ).json()
        return [post for post in found if post["title"]["raw"] == title]

    def wp_eval(self, php: str, args: object = None) -> str:
        """Runs `php` (statements, no `<?php` needed) inside WordPress with php-cli and returns
        what it printed. `args`, if given, is passed as JSON and decoded into `$args`."""
        env = dict(os.environ, LH_URL=self.url, LH_ARGS=json.dumps(args))
        proc = subprocess.run(
            [self._php, *_ini_args(PHP_CLI_INI), str(HELPERS / "eval.php"), str(self.root)],
            input=php,
            capture_output=True,
            text=True,
            env=env,
            cwd=self.root,
            timeout=120,
        )
        if proc.returncode != 0:
            raise RuntimeError(
                f"wp_eval failed (exit {proc.returncode}):\n{proc.stderr.strip()}\n"
                f"stdout: {proc.stdout.strip()[-2000:]}\ncode:\n{php}"
            )
        return proc.stdout

    def backend(self) -> WordPressBackend:
        """Longhand's backend signed in as the admin (with its application password)."""
        from editor.backends.base import Credentials
        from editor.backends.wordpress import WordPressBackend

        return WordPressBackend(Credentials(self.url, self.admin_user, self.app_password))

    def account_row(self, store: Store, name: str = "test blog") -> int:
        """This blog in a store's accounts, the row alone (no password in the keyring): enough for a sync,
        which is handed a signed-in backend, and for the comments it stores. Returns the account id."""
        with store.transaction() as conn:
            return conn.execute(
                "INSERT INTO accounts (name, backend, base_url, username, created_at) VALUES (?, 'wordpress', ?, ?, ?)",
                (name, self.url, self.admin_user, datetime.now(UTC).isoformat()),
            ).lastrowid

    def create_user(self, login: str, role: str = "editor") -> tuple[str, str]:
        """Creates a user with this role and an application password; returns (login, app password)."""
        out = self.wp_eval(
            r"""
            $id = wp_insert_user(array(
                'user_login' => $args['login'],
                'user_pass' => wp_generate_password(24),
                'user_email' => $args['login'] . '@example.com',
                'display_name' => $args['login'],
                'role' => $args['role'],
            ));
            if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message()); exit(1); }
            $created = WP_Application_Passwords::create_new_application_password(
                $id, array('name' => 'longhand-tests'));
            if (is_wp_error($created)) { fwrite(STDERR, $created->get_error_message()); exit(1); }
            echo json_encode(array('app_password' => $created[0]));
            """,
            args={"login": login, "role": role},
        )
        return login, json.loads(out)["app_password"]


def start_wordpress(workdir: Path) -> WordPress:
    """Starts MariaDB and a freshly installed WordPress under a new folder in `workdir`.

    Raises RuntimeError, with the failing command's output, if anything is missing or fails; in that
    case everything already started has been stopped and the folder removed.
    """
    missing = missing_requirements()
    if missing:
        raise RuntimeError(
            "cannot start the test WordPress; missing: "
            + "; ".join(missing)
            + f"\nInstall the Debian packages: apt-get install -y {' '.join(DEBIAN_PACKAGES)}"
        )
    started = time.monotonic()
    php = _find_program("php")
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    site_dir = Path(tempfile.mkdtemp(prefix="wordpress-", dir=workdir))
    root = site_dir / "wordpress"
    wp = WordPress(
        url="",
        rest_root="",
        admin_user=ADMIN_USER,
        admin_password=secrets.token_urlsafe(16),
        app_password="",
        root=root,
        site_dir=site_dir,
        mail_log=site_dir / "mail.log",
        server_log=site_dir / "php-server.log",
        _php=php,
    )
    _live.append(wp)
    try:
        _build(wp, php)
    except BaseException:
        stop_wordpress(wp)
        raise
    wp.cold_start_seconds = time.monotonic() - started
    return wp


def stop_wordpress(wp: WordPress) -> None:
    """Stops php -S and MariaDB (each by its PID) and removes the site's folder. Idempotent."""
    try:
        wp.stop()
    finally:
        mariadb, wp._mariadb = wp._mariadb, None
        try:
            if mariadb is not None:
                _stop_process(mariadb)
        finally:
            shutil.rmtree(wp.site_dir, ignore_errors=True)
            if wp._socket_dir is not None:
                shutil.rmtree(wp._socket_dir, ignore_errors=True)
            if wp in _live:
                _live.remove(wp)


# ----------------------------------------------------------------------------------------------
# Building the site


def _build(wp: WordPress, php: str) -> None:
    site_dir = wp.site_dir
    data_dir = site_dir / "mysql"
    sock = site_dir / "mysqld.sock"
    if len(str(sock)) > 100:  # a Unix socket's path is limited to 107 bytes
        wp._socket_dir = Path(tempfile.mkdtemp(prefix="lh-wp-"))
        sock = wp._socket_dir / "mysqld.sock"
    as_root = ["--user=root"] if os.geteuid() == 0 else []

    # MariaDB's system tables, while the WordPress tree is copied.
    install_db_log = site_dir / "mariadb-install-db.log"
    with open(install_db_log, "wb") as log:
        install_db = subprocess.Popen(
            [
                _find_program("mariadb-install-db"),
                "--no-defaults",
                f"--datadir={data_dir}",
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
                *as_root,
                *MARIADB_OPTIONS,
            ],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        _copy_wordpress(wp.root)
    finally:
        rc = install_db.wait(timeout=120)
    if rc != 0:
        raise RuntimeError(f"mariadb-install-db failed (exit {rc}):\n{_tail(install_db_log)}")

    error_log = site_dir / "mariadb.log"
    wp._mariadb = _spawn(
        [
            _find_program("mariadbd"),
            "--no-defaults",
            f"--datadir={data_dir}",
            f"--socket={sock}",
            "--skip-networking",
            f"--pid-file={site_dir / 'mariadb.pid'}",
            f"--log-error={error_log}",
            *as_root,
            *MARIADB_OPTIONS,
        ],
        log=site_dir / "mariadbd.out",
        new_group=False,
    )

    port = _free_port()
    wp._port = port
    wp.url = f"http://127.0.0.1:{port}"
    wp.rest_root = wp.url + "/wp-json/"
    _write_config(wp, sock)

    deadline = time.monotonic() + START_TIMEOUT
    while not sock.exists():
        if wp._mariadb.poll() is not None:
            raise RuntimeError(f"mariadbd exited ({wp._mariadb.returncode}):\n{_tail(error_log)}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"mariadbd did not create {sock} in {START_TIMEOUT}s:\n{_tail(error_log)}")
        time.sleep(0.02)

    env = dict(
        os.environ,
        LH_URL=wp.url,
        LH_DB_SOCKET=str(sock),
        LH_DB_NAME=DB_NAME,
        LH_TITLE=SITE_TITLE,
        LH_ADMIN_USER=wp.admin_user,
        LH_ADMIN_PASSWORD=wp.admin_password,
        LH_ADMIN_EMAIL=ADMIN_EMAIL,
    )
    proc = subprocess.run(
        [php, *_ini_args(PHP_CLI_INI), str(HELPERS / "install.php"), str(wp.root)],
        capture_output=True,
        text=True,
        env=env,
        cwd=wp.root,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    if proc.returncode != 0:
        raise RuntimeError(
            f"installing WordPress failed (exit {proc.returncode}):\n{proc.stderr.strip()}\n"
            f"{proc.stdout.strip()[-2000:]}\nMariaDB's log:\n{_tail(error_log)}"
        )
    try:
        wp.app_password = json.loads(proc.stdout.strip().splitlines()[-1])["app_password"]
    except (ValueError, IndexError, KeyError) as exc:
        raise RuntimeError(f"install.php printed no application password: {proc.stdout!r}") from exc

    wp.start()


def _copy_wordpress(root: Path) -> None:
    """Copies Debian's WordPress, following its symlinks (into /usr/share/php, /usr/share/javascript,
    /etc/ssl), without Debian's wp-config.php and .htaccess (→ /etc/wordpress) and without the 31 MB
    of translations; wp-content is the copy's own (Debian's is in /var/lib/wordpress)."""

    def ignore(directory: str, names: list[str]) -> list[str]:
        here = Path(directory)
        if here == WORDPRESS_SOURCE:
            return [n for n in names if n in ("wp-config.php", ".htaccess")]
        if here == WORDPRESS_SOURCE / "wp-content":
            return [n for n in names if n == "languages"]
        return []

    shutil.copytree(WORDPRESS_SOURCE, root, symlinks=False, ignore=ignore, ignore_dangling_symlinks=True)
    mu_plugins = root / "wp-content" / "mu-plugins"
    mu_plugins.mkdir(parents=True, exist_ok=True)
    for plugin in sorted((HELPERS / "mu-plugins").glob("*.php")):
        shutil.copy(plugin, mu_plugins / plugin.name)
    (root / "wp-content" / "uploads").mkdir(exist_ok=True)


def _write_config(wp: WordPress, sock: Path) -> None:
    def php_str(value: object) -> str:
        return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"

    constants = {
        "DB_NAME": DB_NAME,
        "DB_USER": "root",
        "DB_PASSWORD": "",
        "DB_HOST": f"localhost:{sock}",
        "DB_CHARSET": "utf8mb4",
        "DB_COLLATE": "",
        "WP_HOME": wp.url,
        "WP_SITEURL": wp.url,
        # Application passwords over plain http need a 'local' environment.
        "WP_ENVIRONMENT_TYPE": "local",
        "DISABLE_WP_CRON": True,
        "WP_HTTP_BLOCK_EXTERNAL": True,
        "AUTOMATIC_UPDATER_DISABLED": True,
        "WP_AUTO_UPDATE_CORE": False,
        "WP_DEBUG": False,
        "FS_METHOD": "direct",
        "LONGHAND_TEST_MAIL_LOG": str(wp.mail_log),
    }
    for key in (
        "AUTH_KEY",
        "SECURE_AUTH_KEY",
        "LOGGED_IN_KEY",
        "NONCE_KEY",
        "AUTH_SALT",
        "SECURE_AUTH_SALT",
        "LOGGED_IN_SALT",
        "NONCE_SALT",
    ):
        constants[key] = secrets.token_hex(32)
    lines = ["<?php", "// Written by tests/wordpress_server.py for this test site only."]
    for name, value in constants.items():
        literal = ("true" if value else "false") if isinstance(value, bool) else php_str(value)
        lines.append(f"define({php_str(name)}, {literal});")
    lines += [
        "$table_prefix = 'wp_';",
        "if (!defined('ABSPATH')) {",
        "    define('ABSPATH', __DIR__ . '/');",
        "}",
        "require_once ABSPATH . 'wp-settings.php';",
        "",
    ]
    (wp.root / "wp-config.php").write_text("\n".join(lines))


# ----------------------------------------------------------------------------------------------
# Processes


def _ini_args(settings: tuple[str, ...]) -> list[str]:
    return [arg for setting in settings for arg in ("-d", setting)]


def _spawn(
    argv: list[str], log: Path, new_group: bool, env: dict | None = None, death_signal: str = "TERM"
) -> subprocess.Popen:
    """Starts a long-running process with its output in `log`. With `setpriv --pdeathsig` it gets
    `death_signal` if this thread dies without stopping it; `new_group` puts it in its own process
    group (php -S forks workers that outlive a SIGTERM to their parent)."""
    setpriv = _find_program("setpriv")
    if setpriv is not None:
        argv = [setpriv, "--pdeathsig", death_signal, "--", *argv]
    with open(log, "ab") as out:
        return subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=new_group,
            env=env,
        )


def _start_php_server(php: str, root: Path, port: int, log: Path) -> subprocess.Popen:
    if _port_in_use(port):
        raise RuntimeError(f"cannot start php -S: 127.0.0.1:{port} is already in use")
    env = dict(os.environ, PHP_CLI_SERVER_WORKERS=str(PHP_SERVER_WORKERS))
    ini = [*PHP_SERVER_INI, f"error_log={log}"]
    argv = [php, *_ini_args(tuple(ini)), "-S", f"127.0.0.1:{port}", "-t", str(root), str(HELPERS / "router.php")]
    # KILL: `unshare --fork` ignores SIGTERM while it waits for its child.
    return _spawn([*_pid_namespace(), *argv], log=log, new_group=True, env=env, death_signal="KILL")


_pid_namespace_prefix: list[str] | None = None


def _pid_namespace() -> list[str]:
    """`unshare --pid --fork --kill-child=KILL --` where it works (as root), else nothing.

    php -S's workers outlive their parent; in a PID namespace of their own they die with it, so even
    a test process killed hard (`setpriv --pdeathsig KILL` then ends unshare, unshare's
    --kill-child ends php's master, and the kernel the rest of the namespace) leaves none behind."""
    global _pid_namespace_prefix
    if _pid_namespace_prefix is None:
        unshare = _find_program("unshare")
        prefix = [unshare, "--pid", "--fork", "--kill-child=KILL", "--"] if unshare else []
        try:
            ok = (
                bool(prefix)
                and subprocess.run(
                    [*prefix, "true"], stdin=subprocess.DEVNULL, capture_output=True, timeout=10
                ).returncode
                == 0
            )
        except (OSError, subprocess.SubprocessError):
            ok = False
        _pid_namespace_prefix = prefix if ok else []
    return _pid_namespace_prefix


def _wait_until_serving(url: str, server: subprocess.Popen, log: Path) -> None:
    """Waits until WordPress answers its REST index (so PHP, the router and the database all work)."""
    deadline = time.monotonic() + START_TIMEOUT
    last_error = ""
    while True:
        if server.poll() is not None:
            raise RuntimeError(f"php -S exited ({server.returncode}):\n{_tail(log)}")
        try:
            with urllib.request.urlopen(url + "/?rest_route=/", timeout=10) as response:
                if response.status == 200:
                    return
                last_error = f"HTTP {response.status}"
        except urllib.error.HTTPError as exc:
            last_error = f"HTTP {exc.code}: {exc.read()[:2000]!r}"
        except (urllib.error.URLError, OSError) as exc:
            last_error = str(exc)
        if time.monotonic() > deadline:
            raise RuntimeError(f"WordPress did not answer at {url} in {START_TIMEOUT}s ({last_error}):\n{_tail(log)}")
        time.sleep(0.05)


def _stop_process(proc: subprocess.Popen) -> None:
    """SIGTERM (a clean shutdown), then SIGKILL after STOP_TIMEOUT."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=STOP_TIMEOUT)


def _kill_group(leader: subprocess.Popen) -> None:
    """SIGKILL to the process group that `leader` leads, and wait until none of it runs.

    For php -S, which keeps nothing worth a clean shutdown; SIGTERM would not do: neither
    `unshare --fork` nor PID 1 of a PID namespace (php's master, there) dies of it."""
    try:
        os.killpg(leader.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    leader.wait(timeout=STOP_TIMEOUT)
    deadline = time.monotonic() + STOP_TIMEOUT
    while _group_alive(leader.pid):
        if time.monotonic() > deadline:
            raise RuntimeError(f"processes of group {leader.pid} (php -S) survived SIGKILL")
        time.sleep(0.01)


def _group_alive(pgid: int) -> bool:
    """Whether a process of this group still runs. Zombies do not count: php -S's workers, orphaned
    when their parent exits, stay zombies until PID 1 reaps them (here up to a second later)."""
    proc = Path("/proc")
    if not proc.is_dir():
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return False
        return True
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid pgrp ...; comm may hold spaces and parentheses
        fields = stat[stat.rfind(")") + 2 :].split()
        if len(fields) > 2 and int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
            return True
    return False


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _tail(path: Path, limit: int = 4000) -> str:
    try:
        return path.read_text(errors="replace")[-limit:]
    except OSError:
        return f"({path} unreadable)"


# Sites not stopped by the time the interpreter exits (a test run interrupted past its teardown).
_live: list[WordPress] = []


@atexit.register
def _stop_leftovers() -> None:
    for wp in list(_live):
        stop_wordpress(wp)
