"""The comment inbox end to end: readers comment through the real WordPress's public form; the author
syncs, approves, replies and marks spam with the `longhand` command (a real process, the password in a
real Secret Service), online and offline."""

from __future__ import annotations

import random
import re

import httpx
import pytest

from tests.comment_form import comment_tree, post_public_comment
from tests.longhand_cli import Longhand
from tests.wordpress_server import WordPress

HOSTILE = '<script>alert(1)</script>Nice post! <img src="http://203.0.113.9/track.png" onerror="steal()">'


@pytest.fixture(scope="module")
def blog(wordpress: WordPress, secret_service, tmp_path_factory):  # noqa: F811
    run = Longhand(tmp_path_factory.mktemp("inbox"), secret_service.child_env())
    run.add_blog(wordpress.url, wordpress, "inbox-blog")
    post = httpx.post(
        f"{wordpress.url}/wp-json/wp/v2/posts",
        auth=(wordpress.admin_user, wordpress.app_password),
        json={
            "title": f"Night trains {random.random():.6f}",
            "status": "publish",
            "content": "<p>Sleeper cars are back.</p>",
        },
        timeout=30,
    ).json()
    return run, post


def page(post: dict) -> str:
    return httpx.get(post["link"], follow_redirects=True, timeout=30).text


def by_text(rows: list[dict], needle: str) -> dict:
    [row] = [r for r in rows if needle in r["text"]]
    return row


def test_the_inbox_from_sync_to_reply(blog, wordpress):
    run, post = blog
    tag = f"{random.random():.6f}"
    reader = ("Ada Reader", f"ada-{tag}@example.com")
    question = post_public_comment(wordpress.url, post["id"], *reader, f"Do they have showers? {tag}")
    post_public_comment(wordpress.url, post["id"], "Mallory", f"m-{tag}@example.com", f"{HOSTILE} {tag}")

    run.json("comments", "sync")
    pending = run.json("comments", "list", "--status", "pending")
    asked, hostile = by_text(pending, f"showers? {tag}"), by_text(pending, f"Nice post! {tag}")
    assert asked["remote_id"] == str(question.comment_id) and asked["status"] == "hold"
    assert asked["post_title"] == post["title"]["rendered"] and asked["author"] == "Ada Reader"
    # The hostile comment is kept, but nothing in it can run or fetch anything.
    assert "<script" not in hostile["html"] and not re.search(r"\son\w+\s*=", hostile["html"])
    assert " src=" not in hostile["html"]

    # Approve: the comment appears on the public page.
    assert f"showers? {tag}" not in page(post)
    approved = run.json("comments", "approve", str(asked["id"]))
    assert approved[0]["status"] == "approved" and approved[0]["queued"] == ""
    assert f"showers? {tag}" in page(post)

    # Reply: on the public page, threaded under the reader's comment.
    reply = run.json("comments", "reply", str(asked["id"]), stdin=f"Yes, **hot** ones. {tag}")
    assert reply["remote_id"] and reply["parent"] == asked["remote_id"] and reply["queued"] == ""
    html = page(post)
    assert comment_tree(html)[reply["remote_id"]] == asked["remote_id"]  # nested under the question
    assert f"<strong>hot</strong> ones. {tag}" in html

    # Spam: gone from the public page.
    post_public_comment(wordpress.url, post["id"], *reader, f"Buy cheap tickets {tag}")
    run.json("comments", "sync")
    junk = by_text(run.json("comments", "list"), f"cheap tickets {tag}")
    assert f"cheap tickets {tag}" in page(post)  # an approved pair goes live at once
    run.json("comments", "spam", str(junk["id"]))
    assert f"cheap tickets {tag}" not in page(post)
    assert [r["id"] for r in run.json("comments", "list", "--status", "spam") if tag in r["text"]] == [junk["id"]]


def test_a_change_in_the_web_admin_reaches_the_inbox(blog, wordpress):
    run, post = blog
    tag = f"{random.random():.6f}"
    held = post_public_comment(wordpress.url, post["id"], "Bo", f"bo-{tag}@example.com", f"First time here {tag}")
    run.json("comments", "sync")
    assert by_text(run.json("comments", "list", "--status", "pending"), tag)["status"] == "hold"
    wordpress.wp_eval("wp_set_comment_status($args['id'], 'trash');", args={"id": held.comment_id})
    run.json("comments", "sync")
    assert by_text(run.json("comments", "list", "--status", "trash"), tag)["remote_id"] == str(held.comment_id)


def test_offline_actions_wait_and_land_once(blog, wordpress):
    run, post = blog
    tag = f"{random.random():.6f}"
    held = post_public_comment(wordpress.url, post["id"], "Cy", f"cy-{tag}@example.com", f"Offline hello {tag}")
    run.json("comments", "sync")
    comment = by_text(run.json("comments", "list", "--status", "pending"), tag)
    wordpress.stop()
    try:
        approved = run.json("comments", "approve", str(comment["id"]))
        assert approved[0]["status"] == "approved" and approved[0]["queued"] == "approved"
        reply = run.json("comments", "reply", str(comment["id"]), stdin=f"Written on a train {tag}")
        assert reply["remote_id"] is None and reply["queued"] == "reply"
        assert all(j["state"] == "queued" for j in run.json("outbox", "list"))
    finally:
        wordpress.start()
    assert {j["state"] for j in run.json("outbox", "run")} == {"done"}
    assert run.json("outbox", "run") == []
    replies = httpx.get(
        f"{wordpress.url}/wp-json/wp/v2/comments",
        params={"post": post["id"], "search": tag, "per_page": 100},
        auth=(wordpress.admin_user, wordpress.app_password),
        timeout=30,
    ).json()
    mine = [c for c in replies if "Written on a train" in c["content"]["rendered"]]
    assert len(mine) == 1 and mine[0]["parent"] == held.comment_id
    status = httpx.get(
        f"{wordpress.url}/wp-json/wp/v2/comments/{held.comment_id}",
        params={"context": "edit"},
        auth=(wordpress.admin_user, wordpress.app_password),
        timeout=30,
    ).json()["status"]
    assert status == "approved"
