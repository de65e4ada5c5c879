"""Publishing end to end: the `longhand` command (a real process), a real WordPress, a real Secret Service.

The application password goes in through stdin only; at the end it must be in no file under the data
directory, in no output and in no process's argv.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.backends.test_wordpress_server import MAKE_DUE
from tests.longhand_cli import ROOT, Longhand
from tests.pictures import PNG
from tests.wordpress_server import WordPress


@pytest.fixture(scope="module")
def longhand(wordpress: WordPress, secret_service, tmp_path_factory) -> Longhand:  # noqa: F811
    run = Longhand(tmp_path_factory.mktemp("data"), secret_service.child_env())
    account = run.add_blog(wordpress.url, wordpress, "test-blog")
    assert account["name"] == "test-blog" and "secret" not in json.dumps(account)
    yield run
    # The password is in the keyring and nowhere else Longhand wrote or printed.
    secret = wordpress.app_password
    files = [p for p in run.data.rglob("*") if p.is_file() and secret.encode() in p.read_bytes()]
    assert files == []
    assert not [text for text in run.seen if secret in text]


def public(url: str) -> httpx.Response:
    return httpx.get(url, follow_redirects=True, timeout=30)


def rest(wordpress: WordPress, route: str, *, auth=None, **kwargs) -> httpx.Response:
    auth = auth or (wordpress.admin_user, wordpress.app_password)
    return httpx.request(
        kwargs.pop("method", "GET"), f"{wordpress.url}/wp-json/wp/v2/{route}", auth=auth, timeout=30, **kwargs
    )


def test_accounts_list_and_test(longhand, wordpress):
    assert [a["name"] for a in longhand.json("accounts", "list")] == ["test-blog"]
    said = longhand("accounts", "test", "test-blog").stdout
    assert "Connected to" in said and wordpress.admin_user in said


def test_a_wrong_password_is_refused_and_nothing_is_added(longhand, wordpress):
    done = longhand(
        "accounts",
        "add",
        "--backend",
        "wordpress",
        "--url",
        wordpress.url,
        "--user",
        "admin",
        "--name",
        "wrong",
        stdin="not the password\n",
        ok=False,
    )
    assert done.returncode == 1 and "application password" in done.stderr
    assert [a["name"] for a in longhand.json("accounts", "list")] == ["test-blog"]


def test_publish_the_welcome_draft_with_an_image_and_code(longhand, wordpress, tmp_path):
    (tmp_path / "train.png").write_bytes(PNG)
    welcome = (ROOT / "resources" / "welcome.md").read_text(encoding="utf-8")
    post = tmp_path / "welcome.md"
    post.write_text(
        "---\ntitle: Welcome aboard\nslug: welcome-aboard\ntags: [longhand, trains]\n"
        "categories: [Notes]\nstatus: published\nfeatured_image: train.png\n---\n\n![A train](train.png)\n\n" + welcome,
        encoding="utf-8",
    )
    job = longhand.json("publish", str(post))
    assert job["state"] == "done", job
    page = public(job["remote_url"])
    assert page.status_code == 200
    assert "Welcome aboard" in page.text
    assert '<span class="k">def</span>' in page.text  # Pygments' classes survived WordPress
    image = re.search(r'<img[^>]+src="([^"]+)"[^>]*alt="A train"|<img[^>]+alt="A train"[^>]+src="([^"]+)"', page.text)
    assert image, "the image is on the page"
    src = image.group(1) or image.group(2)
    assert "/wp-content/uploads/" in src and public(src).content == PNG
    remote = rest(wordpress, f"posts/{job['remote_id']}", params={"context": "edit"}).json()
    assert remote["featured_media"], "the featured image is set"
    featured = rest(wordpress, f"media/{remote['featured_media']}").json()
    assert featured["source_url"] == src  # the same upload serves as the featured image
    assert {
        t["name"] for t in rest(wordpress, "tags", params={"include": ",".join(map(str, remote["tags"]))}).json()
    } == {"longhand", "trains"}

    # Publishing again changes the same post, and the image is not uploaded twice.
    media_before = len(rest(wordpress, "media").json())
    draft_id = str(job["draft_id"])
    again = longhand.json("publish", draft_id)
    assert again["remote_id"] == job["remote_id"] and again["state"] == "done"
    assert len(rest(wordpress, "media").json()) == media_before


def test_update_goes_live_and_a_change_on_the_blog_is_a_conflict(longhand, wordpress, tmp_path):
    post = tmp_path / "p.md"
    post.write_text("---\ntitle: Conflicted\nstatus: published\n---\n\nFirst words.\n", encoding="utf-8")
    job = longhand.json("publish", str(post))
    draft_id, remote_id = str(job["draft_id"]), job["remote_id"]

    edited = tmp_path / "edited.md"
    edited.write_text("Second words.\n", encoding="utf-8")
    body = longhand.json("drafts", "show", draft_id)
    _replace_body(longhand, draft_id, body, "Second words.\n")
    updated = longhand.json("publish", draft_id)
    assert updated["remote_id"] == remote_id
    assert "Second words." in public(job["remote_url"]).text

    # Another client (an editor, through REST) changes the post on the blog...
    login, password = wordpress.create_user("conflict-editor")
    time.sleep(1.1)  # WordPress keeps modification times to the second: an edit in the same second is invisible
    other = rest(
        wordpress,
        f"posts/{remote_id}",
        auth=(login, password),
        method="POST",
        json={"content": "<p>The editors words.</p>"},
    )
    assert other.status_code == 200
    # ...then Longhand updates from its older copy: a conflict, and nothing is overwritten.
    _replace_body(longhand, draft_id, body, "Third words.\n")
    done = longhand("publish", draft_id, "--json", ok=False)
    assert done.returncode == 1 and "changed" in done.stderr.lower()
    jobs = longhand.json("outbox", "list")
    assert [j["state"] for j in jobs if str(j["draft_id"]) == draft_id] == ["conflict"]
    assert "The editors words." in public(job["remote_url"]).text
    assert (
        "Third words." not in rest(wordpress, f"posts/{remote_id}", params={"context": "edit"}).json()["content"]["raw"]
    )
    # The author chooses to overwrite.
    conflict = next(j for j in jobs if str(j["draft_id"]) == draft_id)
    assert longhand.json("outbox", "retry", str(conflict["id"]), "--overwrite")["state"] == "done"
    assert "Third words." in public(job["remote_url"]).text


def _replace_body(longhand: Longhand, draft_id: str, shown: dict, body: str) -> None:
    """Edit a draft the way a script would: export, change, import as the same draft is not a thing,
    so the store is written through the core API in a child process."""
    code = (
        "import sys; from editor.core.store import Store; from dataclasses import replace\n"
        "s = Store.open(sys.argv[1]); d = s.get_draft(int(sys.argv[2]))\n"
        "s.save_draft(replace(d, body=sys.argv[3]))\n"
    )
    subprocess.run(
        [sys.executable, "-c", code, str(longhand.data), draft_id, body],
        check=True,
        cwd=ROOT,
        env=longhand.env,
        timeout=60,
    )


def test_a_scheduled_post_goes_live_when_its_time_comes(longhand, wordpress, tmp_path):
    post = tmp_path / "later.md"
    post.write_text("---\ntitle: Later on\n---\n\nScheduled words.\n", encoding="utf-8")
    at = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=2)).replace(microsecond=0)
    job = longhand.json("publish", str(post), "--status", "future", "--at", at.isoformat())
    remote = rest(wordpress, f"posts/{job['remote_id']}", params={"context": "edit"}).json()
    assert remote["status"] == "future" and remote["date_gmt"] == at.strftime("%Y-%m-%dT%H:%M:%S")
    assert public(f"{wordpress.url}/?p={job['remote_id']}").status_code == 404
    # Time passes (the post's date is moved into the past, as two minutes would), then WP-Cron runs.
    wordpress.wp_eval(MAKE_DUE, args={"id": int(job["remote_id"])})
    assert httpx.get(f"{wordpress.url}/wp-cron.php", timeout=30).status_code == 200
    assert rest(wordpress, f"posts/{job['remote_id']}").json()["status"] == "publish"
    assert "Scheduled words." in public(f"{wordpress.url}/?p={job['remote_id']}").text


def test_publishing_offline_waits_in_the_outbox_and_lands_once(longhand, wordpress, tmp_path):
    post = tmp_path / "offline.md"
    post.write_text("---\ntitle: Written on a train\nstatus: published\n---\n\nNo signal here.\n", encoding="utf-8")
    wordpress.stop()
    try:
        waiting = longhand("publish", str(post), "--json", ok=False)
        assert waiting.returncode == 75  # EX_TEMPFAIL: not sent yet, it stays in the outbox
        job = json.loads(waiting.stdout)
        assert job["state"] == "queued" and "Waiting for the network" in job["last_error"]
        assert longhand.json("outbox", "run")[0]["state"] == "queued"  # still offline: still waiting
    finally:
        wordpress.start()
    ran = longhand.json("outbox", "run")
    assert [j["state"] for j in ran] == ["done"]
    assert longhand.json("outbox", "run") == []  # nothing left to send
    matches = rest(
        wordpress, "posts", params={"search": "Written on a train", "status": "any", "context": "edit"}
    ).json()
    assert len(matches) == 1
    assert "No signal here." in public(matches[0]["link"]).text


def test_no_process_has_the_password_in_its_argv(wordpress):
    secret = wordpress.app_password.encode()
    leaks = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if secret in (entry / "cmdline").read_bytes():
                    leaks.append(entry.name)
            except OSError:
                continue
    assert leaks == []
    assert os.environ.get("LONGHAND_PASSWORD") is None


def test_pull_brings_the_blogs_posts_into_drafts_once(longhand, wordpress):
    made = rest(
        wordpress,
        "posts",
        method="POST",
        json={"title": "Written in the web admin", "status": "publish", "content": "<p>From <em>the browser</em>.</p>"},
    ).json()
    first = longhand.json("pull", "--account", "test-blog")
    drafts = {d["title"]: d for d in longhand.json("drafts", "list")}
    assert "Written in the web admin" in drafts
    pulled = longhand.json("drafts", "show", str(drafts["Written in the web admin"]["id"]))
    assert pulled["body"] == "From *the browser*.\n"  # the blog's HTML, as Markdown
    assert pulled["remote_id"] == str(made["id"])
    assert pulled["status"] == "published"
    assert drafts["Written in the web admin"]["id"] in first["created"]
    again = longhand.json("pull", "--account", "test-blog")
    assert again["created"] == []  # nothing twice


def test_unpublish_moves_the_post_to_the_trash(longhand, wordpress, tmp_path):
    post = tmp_path / "gone.md"
    post.write_text("---\ntitle: Soon gone\nstatus: published\n---\n\nBye.\n", encoding="utf-8")
    job = longhand.json("publish", str(post))
    assert public(job["remote_url"]).status_code == 200
    done = longhand.json("unpublish", str(job["draft_id"]))
    assert done["state"] == "done"
    assert rest(wordpress, f"posts/{job['remote_id']}", params={"context": "edit"}).json()["status"] == "trash"
    assert longhand.json("drafts", "show", str(job["draft_id"]))["remote_id"] is None
