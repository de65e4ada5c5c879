"""Revision history: the snapshots of a draft, what changed since each, and restoring one."""

from __future__ import annotations

import html
from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..core.model import Revision, RevisionReason
from ..core.store import Store, StoreError

# Marked for lupdate here, translated where shown.
REASON_LABELS = cast(
    dict[RevisionReason, str],
    {
        RevisionReason.SAVE: QT_TRANSLATE_NOOP("HistoryDialog", "Saved by you"),
        RevisionReason.PUBLISH: QT_TRANSLATE_NOOP("HistoryDialog", "Published"),
        RevisionReason.AUTO: QT_TRANSLATE_NOOP("HistoryDialog", "Automatic"),
        RevisionReason.RESTORE: QT_TRANSLATE_NOOP("HistoryDialog", "Before a restore"),
        RevisionReason.IMPORT: QT_TRANSLATE_NOOP("HistoryDialog", "Imported"),
        RevisionReason.SERVER: QT_TRANSLATE_NOOP("HistoryDialog", "The blog's version"),
    },
)
_LINE_COLOURS = {"+": "#1a7f37", "-": "#cf222e", "@": "#8250df"}


def diff_html(diff: str) -> str:
    """A unified diff as coloured, escaped HTML lines."""
    if not diff:
        same = QCoreApplication.translate("HistoryDialog", "No differences: the draft is the same as this revision.")
        return f"<p><i>{same}</i></p>"
    rows = []
    for line in diff.splitlines():
        colour = None if line.startswith(("+++", "---")) else _LINE_COLOURS.get(line[:1])
        text = html.escape(line) or "&nbsp;"
        rows.append(f'<span style="color:{colour}">{text}</span>' if colour else text)
    return "<pre>" + "\n".join(rows) + "</pre>"


class HistoryDialog(QDialog):
    """Lists a draft's revisions; shows the diff from the selected one to now; Restore puts it back."""

    def __init__(self, store: Store, draft_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Revision History"))
        self.resize(900, 560)
        self._store = store
        self.restored: int | None = None
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Revisions"))
        self.diff = QTextBrowser()
        self.diff.setAccessibleName(self.tr("Changes"))
        self.diff.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(self.diff)
        splitter.setSizes([280, 620])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = self.buttons.addButton(
            self.tr("Restore This Revision"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.restore_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Changes from the selected revision to the draft as it is now:")))
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._restore)
        self.list.currentItemChanged.connect(self._selected)

        revisions = store.list_revisions(draft_id)
        for revision in revisions:
            self.list.addItem(self._item(revision))
        if revisions:
            self.list.setCurrentRow(0)
        else:
            self.diff.setHtml(
                "<p>"
                + self.tr(
                    "No revisions yet. Press Ctrl+S to keep one; "
                    "Longhand also keeps one every few minutes while you write."
                )
                + "</p>"
            )

    def _item(self, revision: Revision) -> QListWidgetItem:
        when = revision.created_at.astimezone().strftime("%d %b %Y, %H:%M")
        reason = self.tr(REASON_LABELS[revision.reason])
        item = QListWidgetItem(f"{when}\n{reason} · {revision.title or self.tr('Untitled')}")
        item.setData(Qt.ItemDataRole.UserRole, revision.id)
        return item

    def _selected(self, item: QListWidgetItem | None) -> None:
        self.restore_button.setEnabled(item is not None)
        if item is not None:
            try:
                self.diff.setHtml(diff_html(self._store.diff_revision(item.data(Qt.ItemDataRole.UserRole))))
            except StoreError as exc:
                self.diff.setPlainText(str(exc))

    def _restore(self) -> None:
        item = self.list.currentItem()
        try:
            self._store.restore_revision(item.data(Qt.ItemDataRole.UserRole))
        except StoreError as exc:
            self.diff.setPlainText(str(exc))
            return
        self.restored = item.data(Qt.ItemDataRole.UserRole)
        self.accept()
