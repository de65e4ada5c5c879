"""Publishing a draft from the window: the Publish dialog, and the status-bar sentence about the open
draft's job.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from ..backends.base import Capability
from ..core.model import Account, Draft, DraftKind, Job, JobState, PostStatus
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
        self._set(self.tr("On the blog — {address}").format(address=url) if url else "", url or "")

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
            resolve = self.tr("Resolve…")
            self.sentence = f"{sentence} {resolve}"
            text += f' <a href="resolve">{html.escape(resolve)}</a>'
        self.setText(text)
        self.setToolTip(self.sentence)

    def _link(self, link: str) -> None:
        if link == "resolve" and self.job is not None:
            self.resolve_requested.emit(self.job)
        elif link == "open" and self._url:
            QDesktopServices.openUrl(QUrl(self._url))


# -- the Publish dialog ---------------------------------------------------------------------------
# Marked for lupdate here, translated by publish_choices.
PUBLISH_CHOICES = cast(
    dict[PostStatus, str],
    {
        PostStatus.PUBLISHED: QT_TRANSLATE_NOOP("PublishDialog", "Publish now"),
        PostStatus.SCHEDULED: QT_TRANSLATE_NOOP("PublishDialog", "Schedule"),
        PostStatus.DRAFT: QT_TRANSLATE_NOOP("PublishDialog", "Save on the blog as a draft"),
        PostStatus.PENDING: QT_TRANSLATE_NOOP("PublishDialog", "Submit for review"),
        PostStatus.PRIVATE: QT_TRANSLATE_NOOP("PublishDialog", "Publish privately"),
    },
)
# A choice the blog has to declare before it is offered; the others every blog can do.
NEEDS = {PostStatus.SCHEDULED: Capability.SCHEDULING}


def publish_choices(capabilities: frozenset[Capability]) -> dict[PostStatus, str]:
    """The ways to publish a blog with these capabilities offers."""
    return {
        status: QCoreApplication.translate("PublishDialog", label)
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
        self.setWindowTitle(self.tr("Publish"))
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
        self.publish_button = self.buttons.addButton(self.tr("Publish"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.publish_button.setDefault(True)

        form = QFormLayout()
        form.addRow(QLabel(f"<b>{html.escape(draft.display_title)}</b>"))
        form.addRow(self.tr("Blog"), self.account)
        self.account.setEnabled(len(accounts) > 1)  # one blog: shown, nothing to choose
        form.addRow(self.tr("How"), self.status)
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
        # A page for a blog without pages: said here, before anything is queued.
        lacks_pages = self._draft.kind is DraftKind.PAGE and Capability.PAGES not in self._services.capabilities(
            account
        )
        self.error.setText(
            self.tr(
                "This draft is a page, and this blog has no pages: make it a post in the post fields, or choose "
                "a blog that has pages."
            )
            if lacks_pages
            else ""
        )
        self.publish_button.setEnabled(not lacks_pages)

    def chosen_status(self) -> PostStatus:
        """The status chosen (Qt hands a str enum back as a plain str)."""
        return PostStatus(self.status.currentData())

    def _status_changed(self) -> None:
        scheduled = self.chosen_status() is PostStatus.SCHEDULED
        when = self._schedule_at.astimezone().strftime("%d %b %Y, %H:%M")
        self.when.setText(
            self.tr("Goes live on {when} (the time in the post fields).").format(when=when) if scheduled else ""
        )
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
