"""What an outbox job is doing, and what publishing will upload, as sentences for the author.

One wording for every face: the window's status bar and Outbox panel, and the `longhand` command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import Draft, Job, JobKind, JobState, PostStatus

if TYPE_CHECKING:
    from .publish import ImagePlan

CONFLICT_SENTENCE = "Conflict: the post was changed on the blog."

DONE_SENTENCES = {
    PostStatus.DRAFT: "Sent to the blog as a draft",
    PostStatus.PENDING: "Sent to the blog for review",
    PostStatus.PRIVATE: "Published privately",
    PostStatus.SCHEDULED: "Scheduled on the blog",
    PostStatus.PUBLISHED: "Published",
}

WORKING = {
    JobKind.PUBLISH: "Publishing…",
    JobKind.DELETE: "Deleting from the blog…",
    JobKind.COMMENT_REPLY: "Sending the reply…",
    JobKind.COMMENT_STATUS: "Moderating…",
    JobKind.COMMENT_EDIT: "Editing the comment…",
    JobKind.COMMENT_DELETE: "Deleting the comment…",
}

MODERATED = {
    "approved": "Comment approved",
    "hold": "Comment unapproved",
    "spam": "Marked as spam",
    "trash": "Moved to the trash",
}


def describe(job: Job, draft: Draft | None = None) -> str:
    """What a job is doing, in one sentence for the author (`draft`: the job's draft, when known)."""
    if job.state is JobState.RUNNING:
        return WORKING[job.kind]
    if job.state is JobState.QUEUED:
        # An error on a queued job says why it waits: no network, or a failure worth another try.
        return job.last_error or WORKING[job.kind]
    if job.state is JobState.FAILED:
        return f"Failed: {job.last_error}" if job.last_error else "Failed"
    if job.state is JobState.CONFLICT:
        return CONFLICT_SENTENCE
    if job.kind is JobKind.DELETE:
        return "Deleted from the blog"
    if job.kind is JobKind.COMMENT_REPLY:
        return "Reply sent"
    if job.kind is JobKind.COMMENT_STATUS:
        return MODERATED.get(job.payload.get("status", ""), "Comment moderated")
    if job.kind in (JobKind.COMMENT_EDIT, JobKind.COMMENT_DELETE):
        return "Comment edited" if job.kind is JobKind.COMMENT_EDIT else "Comment deleted for good"
    status = (
        PostStatus(job.payload["status"])
        if job.payload.get("status")
        else (draft.status if draft else PostStatus.PUBLISHED)
    )
    done = DONE_SENTENCES[status] + (f". {job.notes}" if job.notes else "")
    return f"{done} — {draft.remote_url}" if draft and draft.remote_url else done


def images_sentence(plan: ImagePlan) -> str:
    """What publishing will upload from this computer, and what it will leave out ('' for neither)."""
    lines = [f"Will upload {len(plan.uploads)} file{'s' if len(plan.uploads) != 1 else ''} from this computer:"]
    lines += [f"  {item.path}" for item in plan.uploads]
    return "\n".join((lines if plan.uploads else []) + [item.reason for item in plan.skipped])
