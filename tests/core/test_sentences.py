"""The sentences that say what an outbox job is doing, shared by the window and the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.images import LocalImage, SkippedImage
from editor.core.model import Draft, Job, JobKind, JobState, PostStatus
from editor.core.publish import ImagePlan
from editor.core.sentences import CONFLICT_SENTENCE, describe, images_sentence


def job(state: JobState, kind: JobKind = JobKind.PUBLISH, **fields) -> Job:
    return Job(id=1, kind=kind, account_id=1, draft_id=1, state=state, **fields)


@pytest.mark.parametrize(
    ("kind", "sentence"),
    [
        (JobKind.PUBLISH, "Publishing…"),
        (JobKind.DELETE, "Deleting from the blog…"),
        (JobKind.COMMENT_REPLY, "Sending the reply…"),
        (JobKind.COMMENT_STATUS, "Moderating…"),
    ],
)
def test_a_running_or_queued_job_says_what_it_does(kind, sentence):
    assert describe(job(JobState.RUNNING, kind)) == sentence
    assert describe(job(JobState.QUEUED, kind)) == sentence


def test_a_queued_job_with_an_error_says_why_it_waits():
    waiting = "Waiting for the network: blog.example cannot be reached."
    assert describe(job(JobState.QUEUED, last_error=waiting)) == waiting


def test_failures_and_conflicts():
    assert describe(job(JobState.FAILED, last_error="The blog said no.")) == "Failed: The blog said no."
    assert describe(job(JobState.FAILED)) == "Failed"
    assert describe(job(JobState.CONFLICT, last_error="changed")) == CONFLICT_SENTENCE


def test_done_jobs_of_every_kind():
    assert describe(job(JobState.DONE, JobKind.DELETE)) == "Deleted from the blog"
    assert describe(job(JobState.DONE, JobKind.COMMENT_REPLY)) == "Reply sent"
    assert describe(job(JobState.DONE, JobKind.COMMENT_STATUS, payload={"status": "spam"})) == "Marked as spam"
    assert describe(job(JobState.DONE, JobKind.COMMENT_STATUS, payload={"status": "odd"})) == "Comment moderated"


def test_a_done_publish_names_the_status_the_notes_and_the_address():
    draft = Draft(id=1, status=PostStatus.PRIVATE, remote_url="https://blog.example/?p=7")
    assert (
        describe(job(JobState.DONE, payload={"status": "scheduled"}), draft)
        == "Scheduled on the blog — https://blog.example/?p=7"
    )
    assert (
        describe(job(JobState.DONE, payload={"status": None}), draft)
        == "Published privately — https://blog.example/?p=7"
    )
    assert describe(job(JobState.DONE, notes="One image was left out.")) == "Published. One image was left out."


def test_images_sentence_lists_uploads_then_what_is_left_out():
    assert images_sentence(ImagePlan([], [])) == ""
    plan = ImagePlan([LocalImage("a.png", Path("/m/a.png"))], [SkippedImage("../b.png", "Left out: ../b.png.")])
    assert images_sentence(plan) == "Will upload 1 file from this computer:\n  /m/a.png\nLeft out: ../b.png."


def test_the_command_lines_job_line_says_the_same_sentence(tmp_path):
    from editor.cli.blogs import _job_line
    from editor.core.jobs import Jobs
    from editor.core.rows import dump_time
    from editor.core.store import Store

    with Store.open(tmp_path) as store:
        draft = store.create_draft(Draft(title="Night train", body="Text."))
        with store.transaction("add a blog") as conn:
            account_id = conn.execute(
                "INSERT INTO accounts (name, backend, base_url, username, created_at) VALUES (?, ?, ?, ?, ?)",
                ("Blog", "wordpress", "https://blog.example", "ada", dump_time(draft.created_at)),
            ).lastrowid
        jobs = Jobs(store)
        queued = jobs.enqueue(JobKind.PUBLISH, account_id, draft.id, {"status": "published", "at": None})
        assert _job_line(store, queued) == f"{queued.id:>4}  queued   publish  Night train  Publishing…"
        failed = jobs.update(queued.id, state=JobState.FAILED, last_error="The blog said no.")
        assert _job_line(store, failed).endswith("Night train  Failed: The blog said no.")
