"""The outbox against the real WordPress: a lost answer never makes a second post; errors are sentences.

The keyring is the real Secret Service; faults the real server cannot show go through the fault proxy.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from dataclasses import replace

import httpx
import keyring
import pytest
from keyring.backends import SecretService

from editor.core.accounts import Accounts
from editor.core.inbox import Inbox
from editor.core.model import Account, Draft, JobState, PostStatus
from editor.core.outbox import Outbox, backoff
from editor.core.store import Store
from tests.fault_proxy import FaultProxy
from tests.wordpress_server import WordPress


@pytest.fixture
def setup(wordpress: WordPress, secret_service, restore_keyring, tmp_path) -> Iterator[tuple]:  # noqa: F811
    keyring.set_keyring(SecretService.Keyring())
    store = Store.open(tmp_path / "data")
    with FaultProxy(wordpress.url) as proxy:
        # The API root is known, so the first request of a publish is the create itself.
        account = Accounts(store).add(
            Account(
                None,
                f"proxied-{random.random()}",
                "wordpress",
                proxy.url,
                wordpress.admin_user,
                api_root=proxy.url + "/wp-json/",
            ),
            wordpress.app_password,
        )
        yield store, account, proxy
    store.close()


def test_a_create_whose_answer_was_lost_is_not_made_twice(setup, wordpress):
    store, account, proxy = setup
    title = f"Made but unheard {random.random()}"
    draft = store.create_draft(Draft(title=title, body="Once only.", status=PostStatus.PUBLISHED))
    outbox = Outbox(store)
    outbox.publish(draft.id, account.id)
    # Fault: WordPress makes the post, then the connection drops before its answer arrives (a mobile
    # network, a proxy timing out); a local php -S always delivers its answers.
    proxy.set("drop_response")
    [job] = outbox.run_due(now=True)
    assert job.state is JobState.QUEUED and job.create_sent_at is not None
    assert len(wordpress.posts_titled(title)) == 1  # it was made
    proxy.set("pass")
    [job] = outbox.run_due(now=True)
    assert job.state is JobState.DONE, job.last_error
    assert proxy.count("POST", "/wp-json/wp/v2/posts") == 1  # the retry found it instead of creating
    [remote] = wordpress.posts_titled(title)
    assert store.get_draft(draft.id).remote_id == str(remote["id"])
    assert remote["status"] == "publish"


def test_an_html_answer_is_retried_later_with_a_sentence(setup):
    store, account, proxy = setup
    draft = store.create_draft(Draft(title="Captive portal", body="x"))
    outbox = Outbox(store)
    outbox.publish(draft.id, account.id)
    # Fault: a hotel Wi-Fi login page answers instead of the blog; the real blog never does that.
    proxy.set("html")
    [job] = outbox.run_due(now=True)
    assert job.state is JobState.QUEUED and job.attempts == 1
    assert "web page instead of data" in job.last_error
    assert job.next_attempt_at > store.clock()


def test_rate_limiting_waits_as_long_as_asked(setup):
    store, account, proxy = setup
    draft = store.create_draft(Draft(title="Slow down", body="x"))
    outbox = Outbox(store)
    outbox.publish(draft.id, account.id)
    # Fault: a host's rate limiter answers 429; the test WordPress has none.
    proxy.set("status", status=429, headers={"Retry-After": "120"})
    [job] = outbox.run_due(now=True)
    waited = (job.next_attempt_at - job.updated_at).total_seconds()
    assert job.state is JobState.QUEUED and 119 <= waited <= 121


def test_a_permanent_refusal_fails_the_job_and_leaves_the_draft(setup):
    store, account, proxy = setup
    draft = store.create_draft(Draft(title="Refused", body="kept"))
    outbox = Outbox(store)
    outbox.publish(draft.id, account.id)
    # Fault: the blog rejects the request outright; the proxy answers 400 with WordPress's JSON shape.
    proxy.set(
        "status",
        status=400,
        headers={"Content-Type": "application/json"},
        body=b'{"code":"rest_invalid_param","message":"Invalid parameter(s): status"}',
    )
    [job] = outbox.run_due(now=True)
    assert job.state is JobState.FAILED and "Invalid parameter(s): status" in job.last_error
    assert job.create_sent_at is None  # the blog said no: nothing to reconcile later
    assert store.get_draft(draft.id).body == "kept" and store.get_draft(draft.id).remote_id is None


def first(wanted):
    """A chaos filter that picks only the first request `wanted` selects."""
    taken = []

    def only(method: str, target: str) -> bool:
        if not taken and wanted(method, target):
            taken.append(target)
            return True
        return False

    return only


def test_an_update_whose_answer_was_lost_is_not_taken_for_a_conflict(setup, wordpress):
    store, account, proxy = setup
    title = f"Updated unheard {random.random()}"
    draft = store.create_draft(Draft(title=title, body="v1", status=PostStatus.PUBLISHED))
    outbox = Outbox(store)
    outbox.publish(draft.id, account.id)
    assert [job.state for job in outbox.run_due(now=True)] == [JobState.DONE]
    time.sleep(1.1)  # WordPress dates have one-second resolution: the update is newer than what we saw
    store.save_draft(replace(store.get_draft(draft.id), body="v2"))
    outbox.publish(draft.id, account.id)
    # Fault: WordPress applies the update, the answer is lost on the way back.
    proxy.chaos(0, 1.0, faults=("drop_response",), only=first(lambda method, target: method == "POST"))
    assert [job.state for job in outbox.run_due(now=True)] == [JobState.QUEUED]
    proxy.set("pass")
    [job] = outbox.run_due(now=True)
    assert job.state is JobState.DONE, job.last_error  # our own write, not somebody else's change
    [remote] = wordpress.posts_titled(title)
    assert "v2" in remote["content"]["raw"]


def test_moderations_retried_out_of_order_leave_the_authors_last_choice(setup, wordpress):
    store, account, proxy = setup
    post = httpx.post(
        f"{wordpress.url}/wp-json/wp/v2/posts",
        json={"title": "Moderated", "status": "publish"},
        auth=(wordpress.admin_user, wordpress.app_password),
        timeout=30,
    ).json()
    remote_id = wordpress.wp_eval(
        "echo wp_insert_comment(array('comment_post_ID' => $args, 'comment_content' => "
        "'First!', 'comment_approved' => 1, 'comment_author' => 'Reader'));",
        post["id"],
    )
    outbox = Outbox(store)
    inbox = Inbox(store, outbox)
    inbox.sync_all(str(account.id))
    [comment] = [c for c in inbox.comments.list(account_id=account.id) if c.remote_id == remote_id]
    inbox.moderate([comment.id], "spam")
    inbox.moderate([comment.id], "unapprove")  # the author changes their mind
    # Fault: the first moderation's request is answered 503, so the second one lands first.
    proxy.chaos(0, 1.0, faults=("503",), only=first(lambda method, target: "comments" in target))
    outbox.run_due(now=True)
    outbox.run_due(now=True)
    assert {job.state for job in outbox.jobs.list() if job.kind == "comment_status"} == {JobState.DONE}
    assert wordpress.wp_eval("echo wp_get_comment_status($args);", remote_id) == "unapproved"
    assert inbox.comments.get(comment.id).status == "hold"
    inbox.close()


def test_backoff_doubles_with_jitter_and_is_capped():
    low, high = (lambda: 0.0), (lambda: 1.0)
    assert backoff(1, low).total_seconds() == 2.5 and backoff(1, high).total_seconds() == 7.5
    assert backoff(3, low).total_seconds() == 10
    assert backoff(30, high).total_seconds() == 15 * 60 * 1.5
