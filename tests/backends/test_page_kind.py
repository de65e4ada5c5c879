"""Pages, with the real `longhand` command against the real WordPress: a draft made a page is published under
/wp/v2/pages (not posts), a change made on the blog meanwhile is a conflict, unpublishing trashes the page,
`pull --kind page` brings pages in as page drafts; a blog whose backend has no pages refuses one with a
sentence before anything is queued or sent."""

from __future__ import annotations

import random
import time
from dataclasses import replace

import httpx
import pytest

from editor.core.model import DraftKind
from editor.core.store import Store
from tests.longhand_cli import Longhand
from tests.wordpress_server import WordPress


def rest(wordpress: WordPress, route: str, method: str = "GET", **kwargs) -> httpx.Response:
    return httpx.request(
        method,
        f"{wordpress.url}/wp-json/wp/v2/{route}",
        auth=(wordpress.admin_user, wordpress.app_password),
        timeout=30,
        **kwargs,
    )


@pytest.fixture
def longhand(wordpress: WordPress, secret_service, tmp_path) -> Longhand:
    run = Longhand(tmp_path / "data", secret_service.child_env())
    run.add_blog(wordpress.url, wordpress, "blog")
    return run


def test_a_page_draft_round_trips_as_a_page(longhand: Longhand, wordpress: WordPress):
    title = f"Colophon {random.randrange(10**8)}"
    made = longhand.json("drafts", "new", "-", "--kind", "page", "--title", title, stdin="Set in **Garamond**.\n")
    assert made["kind"] == "page"
    draft_id = str(made["id"])
    listed = longhand("drafts", "list").stdout
    assert any(line.split()[3] == "page" and title in line for line in listed.splitlines()), listed
    assert {d["id"]: d["kind"] for d in longhand.json("drafts", "list")}[made["id"]] == "page"
    assert "kind: page" in longhand("drafts", "show", draft_id).stdout

    job = longhand.json("publish", draft_id, "--status", "publish")
    assert job["state"] == "done", job
    page = rest(wordpress, f"pages/{job['remote_id']}", params={"context": "edit"}).json()
    assert (page["type"], page["title"]["raw"]) == ("page", title)
    assert "<strong>Garamond</strong>" in page["content"]["raw"]
    assert rest(wordpress, f"posts/{job['remote_id']}").status_code == 404  # not a post
    assert rest(wordpress, "posts", params={"search": title}).json() == []

    # Changed on the blog, then here: the check reads the page (not a post of that id) and stops.
    time.sleep(1.1)  # WordPress keeps modification times to the second: an edit in the same second is invisible
    rest(wordpress, f"pages/{job['remote_id']}", "POST", json={"title": title + " (theirs)"}).raise_for_status()
    with Store.open(longhand.data) as store:
        store.save_draft(replace(store.get_draft(made["id"]), body="Mine."))
    refused = longhand("publish", draft_id, "--json", ok=False)
    assert refused.returncode == 1 and "was changed on the blog" in refused.stderr, refused.stderr
    [conflict] = longhand.json("outbox", "list")
    assert conflict["state"] == "conflict"
    assert longhand.json("outbox", "retry", str(conflict["id"]), "--overwrite")["state"] == "done"
    assert "Mine." in rest(wordpress, f"pages/{job['remote_id']}", params={"context": "edit"}).json()["content"]["raw"]

    assert longhand.json("unpublish", draft_id)["state"] == "done"
    trashed = rest(wordpress, f"pages/{job['remote_id']}", params={"context": "edit"}).json()
    assert trashed["status"] == "trash"
    rest(wordpress, f"pages/{job['remote_id']}", "DELETE", params={"force": "true"})


def test_pull_kind_page_brings_pages_in_as_pages(longhand: Longhand, wordpress: WordPress):
    title = f"Contact {random.randrange(10**8)}"
    page = rest(wordpress, "pages", "POST", json={"title": title, "status": "publish", "content": "<p>Write.</p>"})
    page_id = str(page.raise_for_status().json()["id"])
    try:
        longhand.json("pull", "--account", "blog")  # posts only: the page is not among them
        assert title not in {d["title"] for d in longhand.json("drafts", "list")}
        pulled = longhand.json("pull", "--account", "blog", "--kind", "page")
        [draft] = [d for d in longhand.json("drafts", "list") if d["title"] == title]
        assert draft["id"] in pulled["created"] and draft["kind"] == "page" and draft["remote_id"] == page_id
        assert longhand.json("pull", "--account", "blog", "--kind", "page")["created"] == []  # no second copy
    finally:
        rest(wordpress, f"pages/{page_id}", "DELETE", params={"force": "true"})


def test_a_blog_without_pages_refuses_a_page_before_anything_is_sent(secret_service, tmp_path):
    run = Longhand(tmp_path / "data", secret_service.child_env())
    # A Micropub site (posts only); never contacted: the refusal comes first.
    account = ["--backend", "micropub", "--url", "https://notes.invalid", "--name", "notes", "--no-verify"]
    run("accounts", "add", *account, stdin="token\n")
    made = run.json("drafts", "new", "--kind", "page", "--title", "About")
    refused = run("publish", str(made["id"]), "--account", "notes", ok=False)
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        "longhand: “About” is a page, and a Micropub (IndieWeb) blog has no pages; make it a post in the post "
        "fields, or publish it to a blog that has pages."
    )
    assert run.json("outbox", "list", "--all") == []
    pull = run("pull", "--account", "notes", "--kind", "page", ok=False)
    assert (pull.returncode, pull.stderr.strip()) == (
        1,
        "longhand: A Micropub (IndieWeb) blog has no pages, only posts.",
    )
    with Store.open(run.data) as store:
        assert store.get_draft(made["id"]).kind is DraftKind.PAGE  # nothing lost
