"""A static blog's comments in the inbox, end to end: readers comment through the real Isso's public API (as
its embed does); the author adds the Isso server as a blog and syncs, approves, answers and tries to mark
spam with the `longhand` command (a real process, the admin password in a real Secret Service)."""

from __future__ import annotations

import secrets

import pytest

from tests.isso_server import IssoSetup, shared
from tests.longhand_cli import Longhand


@pytest.fixture(scope="module")
def isso(tmp_path_factory: pytest.TempPathFactory) -> IssoSetup:
    return shared(tmp_path_factory)


@pytest.fixture(scope="module")
def inbox(isso: IssoSetup, secret_service, tmp_path_factory) -> Longhand:
    run = Longhand(tmp_path_factory.mktemp("isso-inbox"), secret_service.child_env())
    added = run.json(
        "accounts",
        "add",
        "--backend",
        "isso",
        "--url",
        isso.url,
        "--user",
        "Ada Author",
        "--name",
        "trains",
        stdin=isso.password + "\n",
    )
    assert added["backend"] == "isso" and added["api_root"] == isso.url
    return run


def by_text(rows: list[dict], needle: str) -> dict:
    [row] = [r for r in rows if needle in r["text"]]
    return row


def test_sync_approve_and_reply_from_the_command_line(inbox: Longhand, isso: IssoSetup):
    tag = secrets.token_hex(4)
    uri, title = isso.publish()
    question = isso.reader_comment(uri, f"Do they have showers? {tag}", author="Bo Reader")

    [synced] = inbox.json("comments", "sync")
    assert synced["account"] == "trains" and synced["new"] and synced["error"] == ""
    pending = by_text(inbox.json("comments", "list", "--status", "pending"), tag)
    assert pending["remote_id"] == str(question["id"]) and pending["status"] == "hold"
    assert (pending["post_id"], pending["post_title"], pending["author"]) == (uri, title, "Bo Reader")
    assert inbox.json("comments", "sync")[0]["new"] == []  # nothing new the second time

    approved = inbox.json("comments", "approve", str(pending["id"]))
    assert approved[0]["status"] == "approved" and approved[0]["queued"] == ""
    assert any(tag in c["text"] for c in isso.public(uri))

    reply = inbox.json("comments", "reply", str(pending["id"]), stdin=f"Yes, **hot** ones. {tag}")
    assert reply["remote_id"] and reply["parent"] == pending["remote_id"] and reply["queued"] == ""
    [seen] = [c for c in isso.public(uri) if str(c["id"]) == reply["remote_id"]]
    assert seen["parent"] == question["id"] and seen["author"] == "Ada Author"
    assert f"<strong>hot</strong> ones. {tag}" in seen["text"]
    assert isso.password not in "".join(inbox.seen)


def test_spam_is_refused_in_a_sentence_and_undone(inbox: Longhand, isso: IssoSetup):
    tag = secrets.token_hex(4)
    uri, _ = isso.publish()
    isso.reader_comment(uri, f"Buy cheap tickets {tag}")
    inbox.json("comments", "sync")
    junk = by_text(inbox.json("comments", "list"), tag)
    done = inbox("comments", "spam", str(junk["id"]), ok=False)
    assert done.returncode != 0 and "Isso has no spam folder" in done.stderr
    assert by_text(inbox.json("comments", "list", "--status", "pending"), tag)["id"] == junk["id"]
