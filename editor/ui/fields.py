"""The post fields panel: title, slug, tags, categories, excerpt, status and schedule.

Tags, categories and scheduling are offered only when the draft's blog declares them (see
`Services.draft_capabilities`); a value the draft already has stays visible so nothing is hidden from
its author.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QDateTime, Qt, QTimeZone, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ..backends.base import Capability
from ..core.model import Draft, PostStatus, slugify
from .services import Services

STATUS_LABELS = {
    PostStatus.DRAFT: "Draft",
    PostStatus.PENDING: "Pending review",
    PostStatus.PRIVATE: "Private",
    PostStatus.SCHEDULED: "Scheduled",
    PostStatus.PUBLISHED: "Published",
}


def split_terms(text: str) -> list[str]:
    """Tags or categories typed as a comma-separated line, without blanks or repeats."""
    seen: dict[str, None] = {}
    for part in text.split(","):
        if part.strip():
            seen.setdefault(part.strip(), None)
    return list(seen)


class PostFieldsPanel(QWidget):
    """Edits a draft's fields; emits `changed` with only the fields the author touched."""

    changed = Signal(dict)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("postFields")
        self._services = services
        self._draft: Draft | None = None
        self._loading = False
        self.title = QLineEdit(placeholderText="Title")
        title_font = self.title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.4)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.slug = QLineEdit()
        self.tags = QLineEdit(placeholderText="tags, separated, by commas")
        self.categories = QLineEdit(placeholderText="categories, separated, by commas")
        self.excerpt = QPlainTextEdit(placeholderText="A short summary for lists and feeds (optional)")
        self.excerpt.setTabChangesFocus(True)
        self.excerpt.setFixedHeight(self.excerpt.fontMetrics().lineSpacing() * 3 + 12)
        self.status = QComboBox()
        self.schedule = QDateTimeEdit(calendarPopup=True, displayFormat="yyyy-MM-dd HH:mm")
        self.schedule.setToolTip("When a scheduled post goes live (your local time)")

        row = QHBoxLayout()
        row.addWidget(self.status)
        row.addWidget(self.schedule, 1)
        self.form = form = QFormLayout(self)
        form.setContentsMargins(8, 6, 8, 6)
        form.addRow(self.title)
        form.addRow("Slug", self.slug)
        form.addRow("Status", row)
        form.addRow("Tags", self.tags)
        form.addRow("Categories", self.categories)
        form.addRow("Excerpt", self.excerpt)

        self.title.textEdited.connect(self._title_edited)
        self.slug.textEdited.connect(lambda text: self._emit(slug=text.strip()))
        self.tags.textEdited.connect(lambda text: self._emit(tags=split_terms(text)))
        self.categories.textEdited.connect(lambda text: self._emit(categories=split_terms(text)))
        self.excerpt.textChanged.connect(lambda: self._emit(excerpt=self.excerpt.toPlainText()))
        self.status.currentIndexChanged.connect(self._status_changed)
        self.schedule.dateTimeChanged.connect(lambda _: self._emit(scheduled_at=self._scheduled_at()))
        services.accounts_changed.connect(self._reoffer)

    def load(self, draft: Draft) -> None:
        """Show a draft's fields without reporting them as changes."""
        self._draft = draft
        self._loading = True
        try:
            self.title.setText(draft.title)
            self.slug.setText(draft.slug)
            self.slug.setPlaceholderText(slugify(draft.title) or "derived from the title")
            self.tags.setText(", ".join(draft.tags))
            self.categories.setText(", ".join(draft.categories))
            self.excerpt.setPlainText(draft.excerpt)
            self._offer(draft, draft.status)
            when = draft.scheduled_at or (datetime.now(UTC) + timedelta(days=1))
            self.schedule.setDateTime(QDateTime.fromSecsSinceEpoch(int(when.timestamp()), QTimeZone.systemTimeZone()))
            self.schedule.setEnabled(draft.status is PostStatus.SCHEDULED)
        finally:
            self._loading = False

    def _offer(self, draft: Draft | None, status: PostStatus | None) -> None:
        """Show the fields the draft's blog can take, and any the author already uses (tags typed,
        `status` scheduled), so nothing is hidden from them."""
        offered = self._services.draft_capabilities(draft)
        self.form.setRowVisible(self.tags, bool(self.tags.text().strip()) or Capability.TAGS in offered)
        self.form.setRowVisible(
            self.categories, bool(self.categories.text().strip()) or Capability.CATEGORIES in offered
        )
        scheduling = status is PostStatus.SCHEDULED or Capability.SCHEDULING in offered
        was_loading, self._loading = self._loading, True  # rebuilding the list is no change of the author's
        try:
            self.status.clear()
            for choice, label in STATUS_LABELS.items():
                if choice is not PostStatus.SCHEDULED or scheduling:
                    self.status.addItem(label, choice)
            self.status.setCurrentIndex(max(0, self.status.findData(status)))
        finally:
            self._loading = was_loading
        self.schedule.setVisible(scheduling)

    def _reoffer(self) -> None:
        """The blogs changed: offer what the open draft's blog can take now."""
        chosen = self.status.currentData()
        self._offer(self._draft, PostStatus(chosen) if chosen else None)

    def _title_edited(self, text: str) -> None:
        self.slug.setPlaceholderText(slugify(text) or "derived from the title")
        self._emit(title=text)

    def _status_changed(self) -> None:
        if self._loading:
            return  # `load` sets the schedule's state itself; a list being rebuilt changed nothing
        status = PostStatus(self.status.currentData())  # Qt hands back the plain str
        scheduled = status is PostStatus.SCHEDULED
        self.schedule.setEnabled(scheduled)
        # A scheduled post needs its time; other statuses carry none, so nothing stale is published.
        self._emit(status=status, scheduled_at=self._scheduled_at() if scheduled else None)

    def _scheduled_at(self) -> datetime | None:
        if PostStatus(self.status.currentData()) is not PostStatus.SCHEDULED:
            return None
        seconds = self.schedule.dateTime().toSecsSinceEpoch()
        return datetime.fromtimestamp(seconds, UTC)

    def _emit(self, **changes: Any) -> None:
        if not self._loading:
            self.changed.emit(changes)

    def focus_title(self) -> None:
        """Put the cursor in the title field (a new draft starts there)."""
        self.title.setFocus(Qt.FocusReason.OtherFocusReason)
