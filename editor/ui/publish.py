"""Publishing a draft from the window: the Publish dialog, and the status-bar sentence about the open
draft's job.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from ..backends.base import Capability
from ..core.model import Account, Draft, Job, JobState, PostStatus
from ..core.sentences import describe, images_sentence
from ..core.store import StoreError
from .services import Services


# -- the status bar -------------------------------------------------------------------------------
class PublishStatus(QLabel):
    """The status-bar sentence about the open draft's newest publish job (with a Resolve… link)."""

    resolve_requested = Signal(object)  # the conflicting Job

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("publishStatus")
        self._services = services
        self._draft_id: int | None = None
        self.job: Job | None = None
        self.sentence = ""
        self._url = ""
        self.setTextFormat(Qt.TextFormat.RichText)
        self.linkActivated.connect(self._link)
        services.job_changed.connect(self._job_changed)

    def show_draft(self, draft: Draft | None) -> None:
        """Show where a draft (just opened) stands with its blog."""
        self._draft_id = draft.id if draft is not None else None
        try:
            job = self._services.latest_job(draft.stored_id) if draft is not None else None
        except StoreError:
            job = None
        if job is not None:
            self.show_job(job)
            return
        self.job = None
        url = draft.remote_url if draft is not None else None
        self._set(f"On the blog — {url}" if url else "", url or "")

    def _job_changed(self, job: Job) -> None:
        if self._draft_id is not None and job.draft_id == self._draft_id:
            self.show_job(job)

    def show_job(self, job: Job) -> None:
        """Say what a job of the open draft is doing."""
        self.job = job
        draft = self._services.draft_of(job)
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
PUBLISH_CHOICES = {
    PostStatus.PUBLISHED: "Publish now",
    PostStatus.SCHEDULED: "Schedule",
    PostStatus.DRAFT: "Save on the blog as a draft",
    PostStatus.PENDING: "Submit for review",
    PostStatus.PRIVATE: "Publish privately",
}
# A choice the blog has to declare before it is offered; the others every blog can do.
NEEDS = {PostStatus.SCHEDULED: Capability.SCHEDULING}


def publish_choices(capabilities: frozenset[Capability]) -> dict[PostStatus, str]:
    """The ways to publish a blog with these capabilities offers."""
    return {
        status: label
        for status, label in PUBLISH_CHOICES.items()
        if status not in NEEDS or NEEDS[status] in capabilities
    }


class PublishDialog(QDialog):
    """Choose the blog (when there are several) and how to publish; queues the job in the outbox. Only
    what the chosen blog's backend declares is offered."""

    published = Signal(object)  # the queued Job

    def __init__(
        self,
        services: Services,
        accounts: list[Account],
        draft: Draft,
        schedule_at: datetime,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Publish")
        self._services, self._draft, self._schedule_at = services, draft, schedule_at
        self._accounts = {account.id: account for account in accounts}
        self.account = QComboBox()
        for account in accounts:
            self.account.addItem(f"{account.name} ({account.base_url})", account.id)
        if draft.account_id is not None and self.account.findData(draft.account_id) >= 0:
            self.account.setCurrentIndex(self.account.findData(draft.account_id))
        self.status = QComboBox()
        self.when = QLabel(wordWrap=True)
        self.images = QLabel(wordWrap=True)
        self.images.setObjectName("publishImages")
        self.images.setTextFormat(Qt.TextFormat.PlainText)
        self.images.setText(images_sentence(services.image_plan(draft)))
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

        self._offer_choices(draft.status)
        self.account.currentIndexChanged.connect(lambda _i: self._offer_choices(self.chosen_status()))
        self.status.currentIndexChanged.connect(self._status_changed)
        self.buttons.accepted.connect(self.publish)
        self.buttons.rejected.connect(self.reject)

    def choices(self) -> list[str]:
        """The ways to publish offered for the chosen blog, as the author reads them."""
        return [self.status.itemText(i) for i in range(self.status.count())]

    def _offer_choices(self, wanted: PostStatus) -> None:
        """Offer what the chosen blog can do, keeping `wanted` if it can (else a draft on the blog)."""
        account = self._accounts.get(self.account.currentData())
        self.status.blockSignals(True)
        self.status.clear()
        for status, label in publish_choices(self._services.capabilities(account)).items():
            self.status.addItem(label, status)
        found = self.status.findData(wanted)
        self.status.setCurrentIndex(found if found >= 0 else self.status.findData(PostStatus.DRAFT))
        self.status.blockSignals(False)
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
            job = self._services.publish(self._draft.stored_id, self.account.currentData(), status=status, at=at)
        except StoreError as exc:
            self.error.setText(str(exc))
            return
        self.published.emit(job)
        self.accept()
