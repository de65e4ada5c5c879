"""A publish conflict: the post changed on the blog since Longhand last saw it. The author sees both
versions side by side and chooses: keep theirs, keep the blog's, or merge by hand. Every choice keeps
both versions in the draft's revision history."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..backends.base import RemotePost
from ..core.model import Job, RevisionReason
from ..core.publish import keep_server_copy
from ..core.session import DraftSession
from ..core.store import StoreError
from .background import plain_error
from .services import Services

LOADING = cast(str, QT_TRANSLATE_NOOP("ConflictDialog", "Loading the blog's version…"))  # translated where shown


def _pane(title: str, editor: QPlainTextEdit) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(QLabel(f"<b>{html.escape(title)}</b>"))
    layout.addWidget(editor, 1)
    editor.setAccessibleName(title)
    return box


class ConflictDialog(QDialog):
    """Your version | the blog's version (| merged); Keep mine, Take the blog's, Merge by hand."""

    draft_changed = Signal()  # the open draft's text changed in the store: the window reloads it

    def __init__(
        self,
        services: Services,
        session: DraftSession,
        job: Job,
        save_first: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Resolve Conflict"))
        self.resize(1100, 640)
        self._services, self._session, self.job, self._save_first = services, session, job, save_first
        self.remote: RemotePost | None = None
        self.busy = False
        self._taking = False  # while the blog's copy is being taken, the dialog cannot be closed

        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.mine = QPlainTextEdit(readOnly=True)
        self.theirs = QPlainTextEdit(readOnly=True)
        self.merged = QPlainTextEdit()
        for editor in (self.mine, self.theirs, self.merged):
            editor.setFont(fixed)
            editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.merged_pane = _pane(self.tr("Merged (edit this; it is what will be published)"), self.merged)
        self.merged_pane.hide()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(_pane(self.tr("Your version"), self.mine))
        splitter.addWidget(_pane(self.tr("The blog's version"), self.theirs))
        splitter.addWidget(self.merged_pane)

        self.message = QLabel(wordWrap=True)
        self.keep_mine_button = QPushButton(self.tr("Keep mine (overwrite the blog)"))
        self.take_theirs_button = QPushButton(self.tr("Take the blog's"))
        self.merge_button = QPushButton(self.tr("Merge by hand"))
        self.fetch_button = QPushButton(self.tr("Try again"))
        self.later_button = QPushButton(self.tr("Decide later"))
        self.fetch_button.hide()
        buttons = QHBoxLayout()
        for button in (self.keep_mine_button, self.take_theirs_button, self.merge_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.fetch_button)
        buttons.addWidget(self.later_button)

        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "This post was changed on the blog since you last published it. Choose the version to keep; "
                    "both versions stay in the revision history."
                )
            )
        )
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self.keep_mine_button.clicked.connect(self.keep_mine)
        self.take_theirs_button.clicked.connect(self.take_theirs)
        self.merge_button.clicked.connect(self.merge)
        self.fetch_button.clicked.connect(self.fetch)
        self.later_button.clicked.connect(self.reject)

        self._save_first()  # "your version" is the latest text
        local = session.draft.body if session.draft is not None else ""
        self.mine.setPlainText(local)
        self.merged.setPlainText(local)
        self.fetch()

    def reject(self) -> None:  # Escape, Decide later, the close button
        if not self._taking:  # closing now would leave the editor showing the replaced text
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self._taking:
            event.ignore()
            return
        super().closeEvent(event)

    # -- the blog's version -----------------------------------------------------------------------
    def fetch(self) -> None:
        """Read the blog's version off the UI thread."""
        self._set_busy(True, self.tr(LOADING))
        self.fetch_button.hide()
        self.theirs.setPlainText(self.tr(LOADING))
        self._services.fetch_remote(self.job, self._fetched, owner=self)

    def _fetched(self, remote: RemotePost | None, error: BaseException | None) -> None:
        if error is not None:
            self.theirs.setPlainText("")
            self._set_busy(
                False, self.tr("Could not read the blog's version: {error}").format(error=plain_error(error))
            )
            self.fetch_button.show()
            self._enable(False)
            return
        assert remote is not None  # no error, so the blog's version was read
        self.remote = remote
        self.theirs.setPlainText(remote.content)
        self._set_busy(False, "")

    def _set_busy(self, busy: bool, message: str) -> None:
        self.busy = busy
        self.message.setText(message)
        self._enable(not busy and self.remote is not None)

    def _enable(self, enabled: bool) -> None:
        for button in (self.keep_mine_button, self.take_theirs_button, self.merge_button):
            button.setEnabled(enabled)

    # -- choices ----------------------------------------------------------------------------------
    def keep_mine(self) -> None:
        """Publish the local version over the blog's (the blog's kept as a revision)."""
        self._save_first()
        if self._overwrite_with(None):
            self.accept()

    def merge(self) -> None:
        """First press: show the merged pane. Second: save the merged text and publish it over the blog's."""
        if self.merged_pane.isHidden():
            self.merged_pane.show()
            self.merge_button.setText(self.tr("Publish the merged version"))
            self.merged.setFocus()
            return
        self._save_first()
        if self._overwrite_with(self.merged.toPlainText()):
            self.draft_changed.emit()
            self.accept()

    def _overwrite_with(self, body: str | None) -> bool:
        """Keep the blog's copy and the local text (or `body`) as revisions, then queue an overwrite."""
        draft, remote = self._session.draft, self.remote
        # The choices are enabled only once the blog's version is read, for the draft the window has open.
        assert draft is not None and remote is not None
        try:
            # The blog's copy first, so the newest revision is the text that will be published.
            keep_server_copy(self._services.store, draft.stored_id, remote)
            if body is not None:
                self._session.set_body(body)
            if not self._session.save(RevisionReason.SAVE):
                self.message.setText(self.tr("Your version could not be saved, so nothing was sent; try again."))
                return False
            self._services.retry(self.job.id, overwrite=True)
        except StoreError as exc:
            self.message.setText(str(exc))
            return False
        return True

    def take_theirs(self) -> None:
        """Replace the draft with the blog's version (the local one kept as a revision)."""
        self._save_first()
        self._taking = True
        self._set_busy(True, self.tr("Taking the blog's version…"))
        self._services.take_theirs(self.job.id, self._taken, owner=self)

    def _taken(self, _job: Job | None, error: BaseException | None) -> None:
        self._taking = False
        if error is not None:
            self._set_busy(False, plain_error(error))
            return
        self.busy = False
        self.draft_changed.emit()
        self.accept()
