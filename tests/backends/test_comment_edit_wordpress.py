"""Editing a comment and deleting one for good, against the real WordPress: the local copy changes at once
(offline too), the outbox sends it, the blog ends up the same; a deleted comment's replies move up a level
here as WordPress moves them; a blog that refuses puts the local comment back with a sentence."""

from __future__ import annotations

import random
from collections.abc import Iterator

import httpx
import keyring
import pytest
from keyring.backends import SecretService

from editor.backends.base import CommentStatus, RemoteComment
from editor.core.accounts import Accounts
from editor.core.comments import CommentNotFound, Comments
from editor.core.inbox import Inbox
from editor.core.model import Account, Comment, JobKind, JobState
from editor.core.outbox import Outbox
from editor.core.store import Store
from tests.wordpress_server import WordPress


@pytest.fixture
def store(secret_service, restore_keyring, tmp_path) -> Iterator[Store]:  # noqa: F811
    keyring.set_keyring(SecretService.Keyring())
    opened = Store.open(tmp_path / "data")
    yield opened
    opened.close()


def add_blog(store: Store, wordpress: WordPress, login: str, password: str) -> Account:
    return Accounts(store).add(Account(None, f"blog-{random.random()}", "wordpress", wordpress.url, login), password)


def new_post(wordpress: WordPress) -> int:
    return httpx.post(
        f"{wordpress.url}/wp-json/wp/v2/posts",
        json={"title": f"Edited {random.random():.6f}", "status": "publish"},
        auth=(wordpress.admin_user, wordpress.app_password),
        timeout=30,
    ).json()["id"]


def new_comment(wordpress: WordPress, post_id: int, text: str, parent: str = "0") -> str:
    return wordpress.wp_eval(
        "echo wp_insert_comment(array('comment_post_ID' => $args['post'], 'comment_content' => $args['text'], "
        "'comment_parent' => $args['parent'], 'comment_approved' => 1, 'comment_author' => 'Reader'));",
        args={"post": post_id, "text": text, "parent": parent},
    )


def on_blog(wordpress: WordPress, remote_id: str) -> httpx.Response:
    """The comment as WordPress itself has it (404 once deleted for good)."""
    return httpx.get(
        f"{wordpress.url}/wp-json/wp/v2/comments/{remote_id}",
        params={"context": "edit"},
        auth=(wordpress.admin_user, wordpress.app_password),
        timeout=30,
    )


def local(inbox: Inbox, remote_id: str) -> Comment:
    [found] = [c for c in inbox.comments.list(view="all", limit=5000) if c.remote_id == remote_id]
    return found


def offline(store: Store) -> Inbox:
    """An inbox whose outbox finds no network: what is queued waits."""
    return Inbox(store, Outbox(store, is_reachable=lambda url: False))


def test_an_edit_shows_at_once_waits_offline_and_lands_sanitised(store, wordpress):
    account = add_blog(store, wordpress, wordpress.admin_user, wordpress.app_password)
    remote_id = new_comment(wordpress, new_post(wordpress), "Frist!")
    inbox = offline(store)
    inbox.sync_all(str(account.id))
    comment = local(inbox, remote_id)

    edited = inbox.edit(comment.id, "First, **of course**. <script>alert(1)</script>")
    assert "<strong>of course</strong>" in edited.html and "<script" not in edited.content
    assert edited.pending == "edit"
    [job] = inbox.outbox.run_due(now=True)
    assert job.state is JobState.QUEUED and "network" in job.last_error
    assert "Frist!" in on_blog(wordpress, remote_id).json()["content"]["raw"]  # nothing sent yet

    Outbox(store).run_due(now=True)
    raw = on_blog(wordpress, remote_id).json()["content"]["raw"]
    assert "<strong>of course</strong>" in raw and "<script" not in raw and "alert" not in raw
    after = inbox.comments.get(comment.id)
    assert (after.pending, after.error, after.status) == ("", "", "approved")
    assert "<strong>of course</strong>" in after.html
    with pytest.raises(Exception, match="empty"):
        inbox.edit(comment.id, "  \n")
    inbox.close()


def test_delete_for_good_moves_the_replies_up_a_level_as_wordpress_does(store, wordpress):
    account = add_blog(store, wordpress, wordpress.admin_user, wordpress.app_password)
    post_id = new_post(wordpress)
    question = new_comment(wordpress, post_id, "Is it fast?")
    middle = new_comment(wordpress, post_id, "Which part?", question)
    answer = new_comment(wordpress, post_id, "The preview.", middle)
    inbox = offline(store)
    inbox.sync_all(str(account.id))
    doomed, reply = local(inbox, middle), local(inbox, answer)

    inbox.delete([doomed.id])
    with pytest.raises(CommentNotFound):
        inbox.comments.get(doomed.id)  # gone here at once, offline
    assert inbox.comments.get(reply.id).parent_remote_id == question
    assert on_blog(wordpress, middle).status_code == 200  # waiting for the network

    [job] = Outbox(store).run_due(now=True)
    assert job.kind is JobKind.COMMENT_DELETE and job.state is JobState.DONE
    assert on_blog(wordpress, middle).status_code == 404  # for good, not in the trash
    assert str(on_blog(wordpress, answer).json()["parent"]) == question  # WordPress moved it up the same way
    inbox.sync_all(str(account.id))
    assert inbox.comments.get(reply.id).parent_remote_id == question
    assert middle not in {c.remote_id for c in inbox.comments.list(view="trash") + inbox.comments.list()}
    inbox.close()


def test_a_refused_edit_and_deletion_are_undone_here_with_a_sentence(store, wordpress):
    # An author may not edit or delete comments on someone else's post: WordPress answers 403.
    login, password = wordpress.create_user(f"author-{random.randrange(10**9)}", role="author")
    account = add_blog(store, wordpress, login, password)
    post_id = new_post(wordpress)
    remote_id = new_comment(wordpress, post_id, "Keep me.")
    reply_id = new_comment(wordpress, post_id, "Me too.", remote_id)
    comments = Comments(store)
    for rid, parent, text in ((remote_id, None, "<p>Keep me.</p>"), (reply_id, remote_id, "<p>Me too.</p>")):
        comments.upsert(
            account.stored_id,
            RemoteComment(rid, str(post_id), text, parent, "Reader", status=CommentStatus.APPROVED, post_title="P"),
        )
    inbox = Inbox(store, Outbox(store))
    comment, reply = local(inbox, remote_id), local(inbox, reply_id)

    inbox.edit(comment.id, "Changed.")
    [job] = inbox.outbox.run_due(now=True)
    assert job.state is JobState.FAILED
    back = inbox.comments.get(comment.id)
    assert back.content == "<p>Keep me.</p>" and back.pending == ""
    assert back.error.startswith("Not edited: ") and len(back.error) > len("Not edited: ")

    inbox.delete([comment.id])
    assert inbox.comments.get(reply.id).parent_remote_id is None
    [job] = inbox.outbox.run_due(now=True)
    assert job.state is JobState.FAILED
    back = inbox.comments.get(comment.id)  # the same row, under the same id
    assert back.remote_id == remote_id and back.content == "<p>Keep me.</p>" and back.pending == ""
    assert back.error.startswith("Not deleted: ")
    assert inbox.comments.get(reply.id).parent_remote_id == remote_id  # its reply under it again
    assert on_blog(wordpress, remote_id).status_code == 200
    inbox.close()
