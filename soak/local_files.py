"""Pulled posts naming local files: a blog's posts whose images point at files on the author's computer
(absolute paths, `file:` URLs, `..` climbs, `~/` paths, symlinks, in HTML quoted or not, entity-encoded,
upper case, and in Markdown), pulled with `longhand pull` and published unedited with `longhand publish`
against a real WordPress through a logging proxy. No request body may hold any of those files' bytes,
and no upload may be sent at all.

The system keyring must be usable by child processes (the caller points them at a Secret Service).
`python -m soak.local_files [CASES]` starts a WordPress and a Secret Service and prints the row.
"""

from __future__ import annotations

import html
import json
import random
import secrets
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from soak import world
from soak.report import Row
from tests.fault_proxy import FaultProxy
from tests.longhand_cli import Longhand, proxied_longhand
from tests.wordpress_server import WordPress

MEDIA = "/wp-json/wp/v2/media"


@dataclass(frozen=True)
class Secrets:
    """Files a hostile blog would like to collect: one anywhere, one in the home folder, a symlink."""

    outside: Path
    home: Path
    link: Path

    def contents(self) -> list[bytes]:
        return [self.outside.read_bytes(), self.home.read_bytes()]


@contextmanager
def secret_files(where: Path) -> Iterator[Secrets]:
    """Make the files (the one in the home folder is removed afterwards)."""
    outside = where / "private" / "id_rsa"
    outside.parent.mkdir(parents=True)
    outside.write_bytes(b"PRIVATE KEY " + secrets.token_bytes(32))
    home_dir = Path.home() / f".longhand-soak-{secrets.token_hex(4)}"
    home_dir.mkdir()
    in_home = home_dir / "id_ed25519"
    in_home.write_bytes(b"HOME KEY " + secrets.token_bytes(32))
    link = outside.parent / "holiday.png"
    link.symlink_to(outside)
    try:
        yield Secrets(outside, in_home, link)
    finally:
        shutil.rmtree(home_dir)


def _forms(files: Secrets) -> list[Callable[[], str]]:
    """Ways a post's text can name a local file; each makes one <img> or Markdown image."""
    outside, home, link = files.outside, files.home, files.link
    climb = "../" * 12 + str(outside).lstrip("/")
    tilde = f"~/{home.relative_to(Path.home())}"
    return [
        lambda: f'<img src="{outside}" alt="absolute">',
        lambda: f'<img src="{outside.as_uri()}" alt="file URL">',
        lambda: f'<img src="{outside.as_uri().replace("file://", "FILE://localhost")}">',
        lambda: f'<img src="{climb}" alt="climb">',
        lambda: f'<img src="{tilde}" alt="home">',
        lambda: f'<img src="{link}" alt="symlink">',
        lambda: f"<img src={outside}>",
        lambda: f"<IMG SRC='{outside}'>",
        lambda: f'<img src="  {outside}  ">',
        lambda: f'<img src="{html.escape(str(outside)).replace("/", "&#47;")}">',
        lambda: f'<img alt="a > b" src="{outside}">',
        lambda: f'<img\nsrc="{outside}"\n>',
        lambda: f'<img data-src="x" src="{tilde}">',
        lambda: f"\n\n![markdown]({outside})\n\n",
        lambda: f"\n\n![markdown climb]({climb})\n\n",
        lambda: f"\n\n![ref][secret]\n\n[secret]: {outside}\n\n",
        lambda: f'<picture><source srcset="{outside}"><img src="{outside.as_uri()}"></picture>',
    ]


@dataclass
class Outcome:
    """What publishing the pulled posts sent: uploads, bodies holding a secret, jobs that did not end done."""

    titles: list[str]
    addresses: int
    uploads: int
    leaked: int
    not_done: list[str]
    listed: int  # local files `publish --json` listed to upload (must be 0)


def hostile_pull(
    run: Longhand, proxy: FaultProxy, wordpress: WordPress, files: Secrets, posts: int, rng: random.Random
) -> Outcome:
    """Make `posts` posts on the blog naming local files, pull them, publish each unedited; count."""
    forms = _forms(files)
    tag = secrets.token_hex(4)
    titles, addresses = [], 0
    for n in range(posts):
        chosen = rng.sample(forms, k=min(len(forms), rng.randint(1, 6))) if n else forms  # the first: every form
        addresses += len(chosen)
        content = "".join(f"<p>{make()}</p>" for make in chosen)
        title = f"Hostile {tag} {n}"
        made = httpx.post(
            f"{wordpress.url}/wp-json/wp/v2/posts",
            json={"title": title, "content": content, "status": "publish"},
            auth=(wordpress.admin_user, wordpress.app_password),
            timeout=30,
        )
        made.raise_for_status()
        titles.append(title)
    run("pull")
    drafts = {d["title"]: d["id"] for d in run.json("drafts", "list")}
    proxy.requests.clear()
    proxy.bodies.clear()
    not_done, listed = [], 0
    for title in titles:
        done = run("publish", str(drafts[title]), "--json", ok=False)
        answer = json_or_none(done.stdout)
        if done.returncode != 0 or not answer or answer.get("state") != "done":
            not_done.append(f"{title}: {done.stderr.strip()}")
        listed += len((answer or {}).get("images", {}).get("upload", []))
    contents = files.contents()
    leaked = sum(any(data in body for data in contents) for body in proxy.bodies)
    return Outcome(titles, addresses, proxy.count("POST", MEDIA), leaked, not_done, listed)


def json_or_none(text: str) -> dict | None:
    """The JSON object a command printed, or None."""
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def run(cases: int, workdir: Path, wordpress: WordPress, seed: int | None = None) -> Row:
    """`cases` hostile posts pulled and published; failures = publishes that did not end done, files
    listed for upload, uploads sent, bodies that held a secret file's bytes."""
    seed = random.randrange(1 << 30) if seed is None else seed
    with secret_files(workdir / "secrets") as files, proxied_longhand(wordpress, workdir / "data") as (cli, proxy):
        outcome = hostile_pull(cli, proxy, wordpress, files, cases, random.Random(seed))
    failures = len(outcome.not_done) + outcome.listed + outcome.uploads + outcome.leaked
    note = (
        f"{outcome.addresses} local-file addresses in {cases} posts ({len(_forms(files))} forms); "
        f"{outcome.uploads} uploads sent, {outcome.leaked} request bodies held a local file's bytes (seed {seed})"
    )
    if outcome.not_done:
        note += "; not published: " + " | ".join(outcome.not_done[:3])
    return Row("pulled posts naming local files", cases, failures, 0, 0, note)


if __name__ == "__main__":
    world.main(run, 30)
