"""`longhand comments edit` and `longhand comments delete` (a real process, the password in a real Secret
Service) against the real WordPress: the blog ends up with the new text, and without the deleted comment."""

from __future__ import annotations

import random

import httpx

from tests.comment_form import post_public_comment
from tests.longhand_cli import Longhand
from tests.wordpress_server import WordPress


def on_blog(wordpress: WordPress, remote_id: str) -> httpx.Response:
    return httpx.get(
        f"{wordpress.url}/wp-json/wp/v2/comments/{remote_id}",
        params={"context": "edit"},
        auth=(wordpress.admin_user, wordpress.app_password),
        timeout=30,
    )


def test_edit_and_delete_from_the_command_line(wordpress: WordPress, secret_service, tmp_path):  # noqa: F811
    run = Longhand(tmp_path / "data", secret_service.child_env())
    run.add_blog(wordpress.url, wordpress, "cli-edit-blog")
    tag = f"{random.random():.6f}"
    post = httpx.post(
        f"{wordpress.url}/wp-json/wp/v2/posts",
        auth=(wordpress.admin_user, wordpress.app_password),
        json={"title": f"Edited from the shell {tag}", "status": "publish"},
        timeout=30,
    ).json()
    post_public_comment(wordpress.url, post["id"], "Dee", f"dee-{tag}@example.com", f"Typo teh {tag}")
    run.json("comments", "sync")
    [comment] = [c for c in run.json("comments", "list", "--status", "pending") if tag in c["text"]]

    edited = run.json("comments", "edit", str(comment["id"]), "--text", f"Typo *the* {tag}")
    assert edited["queued"] == "" and edited["error"] == "" and "<em>the</em>" in edited["html"]
    assert "<em>the</em>" in on_blog(wordpress, comment["remote_id"]).json()["content"]["raw"]
    empty = run("comments", "edit", str(comment["id"]), "--text", " ", ok=False)
    assert empty.returncode != 0 and "empty" in empty.stderr

    [deleted] = run.json("comments", "delete", str(comment["id"]))
    assert deleted == {"id": comment["id"], "deleted": True, "queued": False, "error": ""}
    assert on_blog(wordpress, comment["remote_id"]).status_code == 404
    assert tag not in run("comments", "list", "--status", "all").stdout
    gone = run("comments", "delete", str(comment["id"]), ok=False)
    assert gone.returncode != 0 and "no comment" in gone.stderr
