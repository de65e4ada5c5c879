"""Where a blog's application password can end up: a real command-line session, then a search for it.

The real CLI (`python -m editor`, with --data-dir and DEBUG logging to a file in that folder) runs a session
against a real WordPress, with the password in a real Secret Service (gnome-keyring on a private bus):
`accounts add` (the password on stdin) and `accounts test`; `cases` drafts made and published; a blog added
with a wrong password, and a publish to it (WordPress answers 401); a blog whose API answers every signed-in
request with a 500 that echoes the Authorization header back, and a publish to it; comments synced (the
broken blogs' errors too) and one answered; the outbox listed. While each command runs, its /proc cmdline
and environ, and every file of the data folder, are read again and again; the same wrong and broken calls are
also made in this process, for the full text of their exceptions (tracebacks with every chained cause).

Then every place is searched for both passwords (the right one and the wrong one) in every form: as typed,
without the spaces WordPress shows, base64 of "user:password" (the Authorization header, with and without
the spaces), URL- and form-encoded. A hit anywhere is a failure, and so is a step that did not go as a real
session would (the password never reached the broken blog, the 401 was not met...): the search would prove
less than it says.

`python -m soak.secrets [CASES]` starts a WordPress of its own and prints the row.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, quote_plus

from soak import world
from soak.report import Row
from tests.secret_service import start_secret_service
from tests.wordpress_server import WordPress

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 120.0  # seconds for one command
SAMPLE_EVERY = 0.005  # seconds between two looks at a running command's /proc entries
FILES_EVERY = 5  # ...and at the data folder, every this many looks
# `python -m editor`, with the root logger at DEBUG (the CLI has no switch for it) writing to argv[1].
BOOTSTRAP = (
    "import logging, runpy, sys; "
    "logging.basicConfig(level=logging.DEBUG, filename=sys.argv.pop(1), "
    "format='%(asctime)s %(levelname)s %(name)s: %(message)s'); "
    "runpy.run_module('editor', run_name='__main__', alter_sys=True)"
)


def forms(user: str, password: str) -> dict[str, bytes]:
    """Every form of `password` a leak could take."""
    bare = password.replace(" ", "")
    return {
        "as typed": password.encode(),
        "without spaces": bare.encode(),
        "base64 of user:password": base64.b64encode(f"{user}:{password}".encode()),
        "base64 of user:password without spaces": base64.b64encode(f"{user}:{bare}".encode()),
        "URL-encoded": quote(password, safe="").encode(),
        "form-encoded": quote_plus(password).encode(),
    }


class Search:
    """The places looked at, and each (place, form) where a needle was found."""

    def __init__(self, needles: dict[str, bytes]) -> None:
        self.needles = needles
        self.places: dict[str, str] = {}  # place → its kind, for the note
        self.hits: set[tuple[str, str]] = set()
        self.looks = 0
        self._lock = threading.Lock()  # the sampler thread and the main thread both look

    def look(self, kind: str, place: str, blob: bytes) -> None:
        """Search `blob`, which is (the current content of) `place`."""
        found = {(place, name) for name, needle in self.needles.items() if needle in blob}
        with self._lock:
            self.places.setdefault(place, kind)
            self.hits |= found
            self.looks += 1

    def look_at_folder(self, folder: Path) -> None:
        """Every file under `folder` as it is now (a WAL or journal may be gone a moment later)."""
        for path in sorted(folder.rglob("*")):
            try:
                if path.is_file():
                    self.look("files of the data folder", f"file {path.name}", path.read_bytes())
            except FileNotFoundError:
                pass  # a WAL or journal removed while we listed it


class BrokenBlog:
    """A blog whose API is found, but answers every signed-in request with a 500 that echoes the request's
    Authorization header and its decoded user:password (a misconfigured proxy or a debug page would)."""

    def __init__(self) -> None:
        self.authorizations: list[str] = []
        blog = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                auth = self.headers.get("Authorization")
                if auth is None and self.path == "/":
                    self._send(
                        200,
                        "text/html",
                        b"<html>Broken blog</html>",
                        {"Link": f'<{blog.url}/wp-json/>; rel="https://api.w.org/"'},
                    )
                elif auth is None and self.path == "/wp-json/":
                    self._send(
                        200,
                        "application/json",
                        json.dumps(
                            {"name": "Broken blog", "url": blog.url, "home": blog.url, "namespaces": ["wp/v2"]}
                        ).encode(),
                    )
                else:
                    blog.authorizations.append(auth or "")
                    decoded = base64.b64decode(auth.split()[-1]).decode(errors="replace") if auth else ""
                    body = json.dumps(
                        {
                            "code": "internal_server_error",
                            "message": (
                                f"Fatal error in wp-db.php. Request headers: Authorization: {auth}; user: {decoded}"
                            ),
                        }
                    )
                    self._send(500, "application/json", body.encode())

            def _send(self, status: int, ctype: str, body: bytes, headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                for name, value in {"Content-Type": ctype, "Content-Length": str(len(body)), **(headers or {})}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_DELETE = _answer

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
                pass  # not on this process's stderr

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, name="broken-blog", daemon=True)

    def __enter__(self) -> BrokenBlog:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


class Session:
    """Runs CLI commands on one data folder, watching each while it runs; keeps what went wrong."""

    def __init__(self, data: Path, env: dict[str, str], search: Search) -> None:
        self.data, self.env, self.search = data, env, search
        self.log = data / "longhand-debug.log"
        self.problems: list[str] = []
        self.commands = 0

    def __call__(self, *args: str, stdin: str = "", expect: int = 0) -> subprocess.CompletedProcess:
        """Run `longhand --data-dir DATA ARGS`; a different exit status than `expect` is a problem."""
        self.data.mkdir(parents=True, exist_ok=True)
        argv = [sys.executable, "-c", BOOTSTRAP, str(self.log), "--data-dir", str(self.data), *args]
        process = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=self.env, cwd=ROOT
        )
        outputs: list[bytes] = []

        def talk() -> None:
            try:
                outputs.extend(process.communicate(stdin.encode(), TIMEOUT))
            except subprocess.TimeoutExpired:  # a hung command: killed, so the watch below ends too
                process.kill()
                outputs.extend(process.communicate())

        talker = threading.Thread(target=talk)
        talker.start()
        self._watch(process)
        talker.join()
        self.commands += 1
        name = " ".join(args[:2])
        stdout, stderr = outputs
        self.search.look("captured stdout and stderr", f"stdout of `{name}` #{self.commands}", stdout)
        self.search.look("captured stdout and stderr", f"stderr of `{name}` #{self.commands}", stderr)
        self.search.look("command lines", f"argv of `{name}` #{self.commands}", "\0".join(argv).encode())
        self.search.look_at_folder(self.data)
        if process.returncode != expect:
            self.problems.append(
                f"`{name}` exited {process.returncode}, not {expect}: {stderr.decode(errors='replace').strip()[-300:]}"
            )
        return subprocess.CompletedProcess(argv, process.returncode, stdout.decode(), stderr.decode())

    def _watch(self, process: subprocess.Popen) -> None:
        """Read the child's /proc cmdline and environ (and the data folder) until it exits."""
        tick = 0
        while process.poll() is None:
            for entry in ("cmdline", "environ"):
                try:
                    blob = Path(f"/proc/{process.pid}/{entry}").read_bytes()
                except (FileNotFoundError, ProcessLookupError, PermissionError):
                    continue  # it exited between the poll and the read
                self.search.look(f"/proc/PID/{entry} of the running commands", f"/proc/{process.pid}/{entry}", blob)
            if tick % FILES_EVERY == 0:
                self.search.look_at_folder(self.data)
            tick += 1
            time.sleep(SAMPLE_EVERY)

    def json(self, *args: str, **kwargs: object) -> object:
        """The --json output of a command (None when it printed none)."""
        out = self(*args, "--json", **kwargs).stdout
        return json.loads(out) if out.strip() else None

    def check(self, condition: bool, problem: str) -> None:
        """Note `problem` unless `condition` holds."""
        if not condition:
            self.problems.append(problem)


def run(cases: int, workdir: Path, wordpress: WordPress) -> Row:
    """The session with `cases` drafts published, then the search; failures = hits (and steps that did not
    go as they should)."""
    user = wordpress.admin_user
    # Typed as WordPress shows it, in groups of four (it accepts it with or without the spaces).
    bare = wordpress.app_password.replace(" ", "")
    password = " ".join(bare[i : i + 4] for i in range(0, len(bare), 4))
    wrong = " ".join(secrets.token_hex(2) for _ in range(6))  # shaped like an application password
    needles = {f"application password {k}": v for k, v in forms(user, password).items()}
    needles |= {f"wrong password {k}": v for k, v in forms(user, wrong).items()}
    search = Search(needles)
    data = workdir / "data"
    with start_secret_service() as service, BrokenBlog() as broken:
        for pid in (service.daemon_pid, service.bus_pid):  # the keyring's own processes, while they run
            for entry in ("cmdline", "environ"):
                search.look(
                    "/proc/PID/{cmdline,environ} of the keyring's processes",
                    f"/proc/{pid}/{entry}",
                    Path(f"/proc/{pid}/{entry}").read_bytes(),
                )
        env = {k: v for k, v in os.environ.items() if k not in ("LONGHAND_HOME", "DISPLAY", "WAYLAND_DISPLAY")}
        session = Session(data, service.child_env(env), search)
        _cli_session(session, cases, wordpress, broken, password, wrong)
        for label, text in _exception_texts(wordpress, broken, password, wrong):
            search.look("exception texts (in-process, with every chained cause)", label, text.encode())
        session.check(
            bool(broken.authorizations)
            and all(base64.b64decode(a.split()[-1]).decode() == f"{user}:{password}" for a in broken.authorizations),
            "the password never reached the broken blog, so its echo was not tested",
        )
        for path in service.files():  # the keyring's own files hold it encrypted, never in plain text
            search.look("files of the Secret Service", f"keyring file {path.name}", path.read_bytes())
    search.look_at_folder(data)  # as left behind
    return _row(search, session)


def _cli_session(
    longhand: Session, cases: int, wordpress: WordPress, broken: BrokenBlog, password: str, wrong: str
) -> None:
    """What an author does in a few days, from the command line."""
    user = wordpress.admin_user
    added = longhand.json(
        "accounts",
        "add",
        "--backend",
        "wordpress",
        "--url",
        wordpress.url,
        "--user",
        user,
        "--name",
        "home",
        stdin=password + "\n",
    )
    longhand.check(isinstance(added, dict) and added.get("name") == "home", f"`accounts add` printed {added!r}")
    longhand("accounts", "test", "home")
    for case in range(cases):
        draft = longhand("drafts", "new", "-", stdin=f"---\ntitle: Secrets soak {case}\n---\n\nPost {case}.\n")
        job = longhand.json("publish", draft.stdout.strip(), "--account", "home", "--status", "publish")
        longhand.check(isinstance(job, dict) and job.get("state") == "done", f"publish {case} ended as {job!r}")

    longhand(
        "accounts",
        "add",
        "--backend",
        "wordpress",
        "--url",
        wordpress.url,
        "--user",
        user,
        "--name",
        "typo",
        "--no-verify",
        stdin=wrong + "\n",
    )
    draft = longhand("drafts", "new", "-", stdin="---\ntitle: Secrets soak, wrong password\n---\n\nNo.\n")
    refused = longhand("publish", draft.stdout.strip(), "--account", "typo", expect=1)
    longhand.check("did not accept" in refused.stderr, f"the wrong password was not refused: {refused.stderr!r}")

    longhand(
        "accounts",
        "add",
        "--backend",
        "wordpress",
        "--url",
        broken.url,
        "--user",
        user,
        "--name",
        "broken",
        "--no-verify",
        stdin=password + "\n",
    )
    draft = longhand("drafts", "new", "-", stdin="---\ntitle: Secrets soak, server error\n---\n\nLater.\n")
    job = longhand.json("publish", draft.stdout.strip(), "--account", "broken", expect=75)  # EX_TEMPFAIL: later
    longhand.check(
        isinstance(job, dict) and job.get("state") == "queued" and "server error" in (job.get("last_error") or ""),
        f"the publish to the broken blog ended as {job!r}",
    )

    wordpress.wp_eval(
        r"""
        $post = wp_insert_post(array('post_title' => 'Secrets soak comments', 'post_status' => 'publish',
                                     'post_content' => 'Talk here.'));
        wp_insert_comment(array('comment_post_ID' => $post, 'comment_content' => 'A reader asks.',
                                'comment_author' => 'Reader', 'comment_author_email' => 'reader@example.org',
                                'comment_approved' => '1'));
        """
    )
    longhand("comments", "sync", "--account", "home")
    comments = longhand.json("comments", "list")
    longhand.check(bool(comments), "comments sync brought no comment")
    if comments:
        reply = longhand.json("comments", "reply", str(comments[0]["id"]), stdin="Thanks for asking.")
        longhand.check(
            isinstance(reply, dict) and not reply.get("queued") and not reply.get("error"),
            f"the reply ended as {reply!r}",
        )
    synced = longhand("comments", "sync", expect=1)  # every blog: the typo's and the broken blog's errors too
    longhand.check("typo" in synced.stderr and "broken" in synced.stderr, f"comments sync said {synced.stderr!r}")
    longhand("outbox", "list", "--all")
    longhand("accounts", "list")
    longhand("accounts", "remove", "typo")


def _exception_texts(wordpress: WordPress, broken: BrokenBlog, password: str, wrong: str) -> Iterator[tuple[str, str]]:
    """The full text of the exceptions the wrong password and the broken blog raise, as a crash report or
    a log's `exc_info` would hold it: str(), repr() and the traceback with every chained cause."""
    from editor.backends.base import BackendError, Credentials, RemotePost
    from editor.backends.wordpress import WordPressBackend

    calls: dict[str, tuple[Credentials, Callable[[WordPressBackend], object]]] = {
        "a wrong password (401)": (Credentials(wordpress.url, wordpress.admin_user, wrong), WordPressBackend.verify),
        "a server error (500)": (
            Credentials(broken.url, wordpress.admin_user, password),
            lambda backend: backend.create_post(RemotePost(title="Secrets soak")),
        ),
    }
    for label, (credentials, call) in calls.items():
        with WordPressBackend(credentials, timeout=30) as backend:
            try:
                call(backend)
            except BackendError as exc:
                yield (
                    f"exception for {label}",
                    "\n".join([str(exc), repr(exc), *traceback.format_exception(exc), repr(vars(exc))]),
                )
            else:
                yield f"exception for {label}", f"no exception: {label} was not met"


def _row(search: Search, session: Session) -> Row:
    kinds: dict[str, int] = {}
    for kind in search.places.values():
        kinds[kind] = kinds.get(kind, 0) + 1
    where = ", ".join(f"{count} {kind}" for kind, count in kinds.items())
    hits = sorted(search.hits)
    note = (
        f"{len(hits)} hits of the application password in {len(search.places)} places ({where}; "
        f"{search.looks} looks over {session.commands} commands)"
    )
    if hits:
        note += "; found: " + "; ".join(f"{form} in {place}" for place, form in hits)
    if session.problems:
        note += "; the session went wrong: " + "; ".join(session.problems)
    return Row(check="secrets", cases=len(search.places), failures=len(hits) + len(session.problems), note=note)


if __name__ == "__main__":
    world.main(run, 10)
