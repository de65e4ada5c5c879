"""The window's publishing flows: Publish… (Add Blog first when there is none), moving a post to the
blog's trash, the Blogs dialog, resolving a conflict, and showing the blog's answer in the editor."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Protocol, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDialog, QMessageBox, QPlainTextEdit, QWidget

from ..core.model import Draft, Job, JobState
from ..core.session import DraftSession
from ..core.store import StoreError
from .accounts import AddBlogDialog
from .blogs import BlogsDialog
from .conflict import ConflictDialog
from .fields import PostFieldsPanel
from .publish import PublishDialog
from .services import Services


class DraftHost(Protocol):
    """What the flows need of the window that shows the open draft."""

    session: DraftSession

    def save_now(self) -> None:
        """Write the open draft now, if it changed."""

    def open_draft(self, draft_id: int) -> None:
        """Open another draft."""

    def show_draft(self, draft: Draft) -> None:
        """Load a draft into the panes."""

    def run_step(self, step: Callable[[], object]) -> None:
        """Save, then do a draft operation; a store failure becomes a message."""


D = TypeVar("D", bound=QDialog)


def open_dialog(dialog: D) -> D:
    """Show a window-modal dialog that deletes itself when closed."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class Publishing(QObject):
    """Runs the Blog menu's flows for the window (`host`, also the dialogs' parent)."""

    def __init__(
        self, services: Services, host: DraftHost, window: QWidget, fields: PostFieldsPanel, editor: QPlainTextEdit
    ) -> None:
        super().__init__(window)
        self._services, self._host, self._window = services, host, window
        self._fields, self._editor = fields, editor
        services.job_changed.connect(self._job_changed)

    def publish(self) -> QDialog | None:
        """Choose the blog and how to publish the open draft (a blog is added first if there is none)."""
        self._host.save_now()
        try:
            accounts = self._services.accounts.publishing()
        except StoreError as exc:
            QMessageBox.warning(self._window, "Longhand", str(exc))
            return None
        if accounts:
            draft = self._host.session.draft
            if draft is None:  # no draft open: nothing to publish
                return None
            seconds = self._fields.schedule.dateTime().toSecsSinceEpoch()
            schedule = datetime.fromtimestamp(seconds, UTC)
            return open_dialog(PublishDialog(self._services, accounts, draft, schedule, self._window))
        dialog = AddBlogDialog(self._services.store, self._window, browser=self._services.browser)
        dialog.added.connect(self._blog_added)
        return open_dialog(dialog)

    def _blog_added(self) -> None:
        self._services.blogs_changed()
        QTimer.singleShot(0, self.publish)  # once the Add Blog dialog has closed

    def unpublish(self) -> None:
        """Take the open draft's post off its blog (into the blog's trash); the draft stays here."""
        draft = self._host.session.draft
        if draft is None:  # no draft open: nothing to take off
            return
        self._host.run_step(lambda: self._services.unpublish(draft.stored_id))

    def show_blogs(self) -> BlogsDialog:
        """The blogs Longhand publishes to."""
        dialog = BlogsDialog(self._services.store, self._window, browser=self._services.browser)
        dialog.changed.connect(self._services.blogs_changed)
        return open_dialog(dialog)

    def resolve_conflict(self, job: Job) -> ConflictDialog | None:
        """Open the conflicting draft and let the author choose between the two versions."""
        session = self._host.session
        if job.draft_id is None:  # a comment job: there is no draft to resolve
            return None
        if session.draft is None or session.draft.id != job.draft_id:
            self._host.open_draft(job.draft_id)
            if session.draft is None or session.draft.id != job.draft_id:
                return None
        dialog = ConflictDialog(self._services, session, job, self._host.save_now, self._window)
        dialog.draft_changed.connect(self._reload)
        return open_dialog(dialog)

    def _reload(self) -> None:
        """Show the open draft as the store has it now (the conflict's choice changed it there). Not
        through `run_step`: saving the editor first would write the replaced text back."""
        try:
            self._host.show_draft(self._host.session.reload())
        except StoreError as exc:
            QMessageBox.warning(self._window, "Longhand", str(exc))

    def _job_changed(self, job: Job) -> None:
        session = self._host.session
        draft = session.draft
        if draft is None or job.draft_id != draft.id or job.state is not JobState.DONE or session.dirty:
            return
        # The blog's answer (link, modification time) is in the store; if the text changed there too
        # (the blog's version taken) and the editor still shows the old text, show the new one.
        try:
            reloaded = session.reload()
        except StoreError:
            return  # the draft was deleted meanwhile; the next open shows the truth
        if reloaded.body != draft.body and self._editor.toPlainText() == draft.body:
            self._host.show_draft(reloaded)
