"""Publishing a draft from the window: the Publish dialog, the status-bar sentence about the open
draft's job, and the sentences that say what a job is doing.
"""

from __future__ import annotations

import html
from datetime import datetime, UTC
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from ..core.model import Account, Draft, Job, JobKind, JobState, PostStatus
from ..core.publish import ImagePlan
from ..core.store import StoreError

if TYPE_CHECKING:
    # Only for annotations: outbox.py imports `describe` from here, so a runtime import would be a cycle.
    from .outbox import OutboxBridge


# -- sentences ------------------------------------------------------------------------------------
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
}
MODERATED = {"approved": "Comment approved", "hold": "Comment unapproved", "spam": "Marked as spam",
             "trash": "Moved to the trash"}


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
    status = PostStatus(job.payload["status"]) if job.payload.get("status") else (
        draft.status if draft else PostStatus.PUBLISHED)
    done = DONE_SENTENCES[status] + (f". {job.notes}" if job.notes else "")
    return f"{done} — {draft.remote_url}" if draft and draft.remote_url else done


# -- the status bar -------------------------------------------------------------------------------
class PublishStatus(QLabel):
    """The status-bar sentence about the open draft's newest publish job (with a Resolve… link)."""

    resolve_requested = Signal(object)  # the conflicting Job

    def __init__(self, bridge: OutboxBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("publishStatus")
        self._bridge = bridge
        self.job: Job | None = None
        self.sentence = ""
        self._url = ""
        self.setTextFormat(Qt.TextFormat.RichText)
        self.linkActivated.connect(self._link)

    def show_draft(self, draft: Draft | None) -> None:
        """Show where a draft (just opened) stands with its blog."""
        try:
            job = self._bridge.latest_job(draft.id) if draft is not None else None
        except StoreError:
            job = None
        if job is not None:
            self.show_job(job)
            return
        self.job = None
        url = draft.remote_url if draft is not None else None
        self._set(f"On the blog — {url}" if url else "", url or "")

    def show_job(self, job: Job) -> None:
        """Say what a job of the open draft is doing."""
        self.job = job
        draft = self._bridge.draft_of(job)
        url = draft.remote_url or "" if draft and job.state is JobState.DONE else ""
        self._set(describe(job, draft), url)

    def _set(self, sentence: str, url: str) -> None:
        self.sentence, self._url = sentence, url
        text = html.escape(sentence)
        if url and url in sentence:
            text = html.escape(sentence.replace(url, "")) + f'<a href="open">{html.escape(url)}</a>'
        if self.job is not None and self.job.state is JobState.CONFLICT:
            self.sentence = f"{sentence} Resolve…"
            text += ' <a href="resolve">Resolve…</a>'
        self.setText(text)
        self.setToolTip(self.sentence)

    def _link(self, link: str) -> None:
        if link == "resolve" and self.job is not None:
            self.resolve_requested.emit(self.job)
        elif link == "open" and self._url:
            QDesktopServices.openUrl(QUrl(self._url))


# -- the Publish dialog ---------------------------------------------------------------------------
def images_sentence(plan: ImagePlan) -> str:
    """What publishing will upload from this computer, and what it will leave out, for the dialog."""
    lines = [f"Will upload {len(plan.uploads)} file{'s' if len(plan.uploads) != 1 else ''} from this computer:"]
    lines += [f"  {item.path}" for item in plan.uploads]
    return "\n".join((lines if plan.uploads else []) + [item.reason for item in plan.skipped])


PUBLISH_CHOICES = {
    PostStatus.PUBLISHED: "Publish now",
    PostStatus.SCHEDULED: "Schedule",
    PostStatus.DRAFT: "Save on the blog as a draft",
    PostStatus.PENDING: "Submit for review",
    PostStatus.PRIVATE: "Publish privately",
}


class PublishDialog(QDialog):
    """Choose the blog (when there are several) and how to publish; queues the job in the outbox."""

    published = Signal(object)  # the queued Job

    def __init__(self, bridge: OutboxBridge, accounts: list[Account], draft: Draft, schedule_at: datetime,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Publish")
        self._bridge, self._draft, self._schedule_at = bridge, draft, schedule_at
        self.account = QComboBox()
        for account in accounts:
            self.account.addItem(f"{account.name} ({account.base_url})", account.id)
        if draft.account_id is not None and self.account.findData(draft.account_id) >= 0:
            self.account.setCurrentIndex(self.account.findData(draft.account_id))
        self.status = QComboBox()
        for status, label in PUBLISH_CHOICES.items():
            self.status.addItem(label, status)
        self.status.setCurrentIndex(self.status.findData(draft.status))
        self.when = QLabel(wordWrap=True)
        self.images = QLabel(wordWrap=True, objectName="publishImages")
        self.images.setTextFormat(Qt.TextFormat.PlainText)
        self.images.setText(images_sentence(bridge.image_plan(draft)))
        self.images.setVisible(bool(self.images.text()))
        self.error = QLabel(wordWrap=True)
        self.error.setStyleSheet("color: #c62828;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.publish_button = self.buttons.addButton("Publish", QDialogButtonBox.ButtonRole.AcceptRole)
        self.publish_button.setDefault(True)

        form = QFormLayout()
        form.addRow(QLabel(f"<b>{html.escape(draft.display_title)}</b>"))
        form.addRow("Blog", self.account)
        self.account.setEnabled(len(accounts) > 1)  # one blog: shown, nothing to choose
        form.addRow("How", self.status)
        form.addRow("", self.when)
        form.addRow("", self.images)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.status.currentIndexChanged.connect(self._status_changed)
        self.buttons.accepted.connect(self.publish)
        self.buttons.rejected.connect(self.reject)
        self._status_changed()

    def chosen_status(self) -> PostStatus:
        """The status chosen (Qt hands a str enum back as a plain str)."""
        return PostStatus(self.status.currentData())

    def _status_changed(self) -> None:
        scheduled = self.chosen_status() is PostStatus.SCHEDULED
        when = self._schedule_at.astimezone().strftime("%d %b %Y at %H:%M")
        self.when.setText(f"Goes live on {when} (the time in the post fields)." if scheduled else "")
        self.when.setVisible(scheduled)

    def publish(self) -> None:
        """Queue the job; a store failure is shown and the dialog stays open."""
        status = self.chosen_status()
        at = self._schedule_at.astimezone(UTC) if status is PostStatus.SCHEDULED else None
        try:
            job = self._bridge.publish(self._draft.id, self.account.currentData(), status=status, at=at)
        except StoreError as exc:
            self.error.setText(str(exc))
            return
        self.published.emit(job)
        self.accept()
