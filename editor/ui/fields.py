"""The post fields panel: title, post or page, slug, tags, categories, excerpt, status and schedule.

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
from ..core.model import Draft, DraftKind, PostStatus, slugify
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
        self.title = QLineEdit(placeholderText=self.tr("Title"))
        self.title.setAccessibleName(self.tr("Title"))
        title_font = self.title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.4)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.slug = QLineEdit()
        self.tags = QLineEdit(placeholderText=self.tr("tags, separated, by commas"))
        self.categories = QLineEdit(placeholderText=self.tr("categories, separated, by commas"))
        self.excerpt = QPlainTextEdit(placeholderText="A short summary for lists and feeds (optional)")
        self.excerpt.setTabChangesFocus(True)
        self.excerpt.setFixedHeight(self.excerpt.fontMetrics().lineSpacing() * 3 + 12)
        self.status = QComboBox()
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Post"), DraftKind.POST)
        self.kind.addItem(self.tr("Page"), DraftKind.PAGE)
        self.kind.setAccessibleName(self.tr("Post or page"))
        self.schedule = QDateTimeEdit(calendarPopup=True, displayFormat="yyyy-MM-dd HH:mm")
        self.schedule.setToolTip(self.tr("When a scheduled post goes live (your local time)"))
        self.schedule.setAccessibleName(self.tr("Publication date"))

        row = QHBoxLayout()
        row.addWidget(self.status)
        row.addWidget(self.schedule, 1)
        self.form = form = QFormLayout(self)
        form.setContentsMargins(8, 6, 8, 6)
        form.addRow(self.title)
        form.addRow(self.tr("Type"), self.kind)
        form.addRow(self.tr("Slug"), self.slug)
        form.addRow(self.tr("Status"), row)
        form.addRow(self.tr("Tags"), self.tags)
        form.addRow(self.tr("Categories"), self.categories)
        form.addRow(self.tr("Excerpt"), self.excerpt)

        self.title.textEdited.connect(self._title_edited)
        self.slug.textEdited.connect(lambda text: self._emit(slug=text.strip()))
        self.tags.textEdited.connect(lambda text: self._emit(tags=split_terms(text)))
        self.categories.textEdited.connect(lambda text: self._emit(categories=split_terms(text)))
        self.excerpt.textChanged.connect(lambda: self._emit(excerpt=self.excerpt.toPlainText()))
        self.status.currentIndexChanged.connect(self._status_changed)
        self.kind.currentIndexChanged.connect(lambda _: self._emit(kind=DraftKind(self.kind.currentData())))
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
            self.kind.setCurrentIndex(self.kind.findData(draft.kind))
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
        self._offer_kind(draft, offered)

    def _offer_kind(self, draft: Draft | None, offered: frozenset[Capability]) -> None:
        """Page only for a blog with pages (a page already stays one); and a post on its blog stays a post."""
        page_item = self.kind.model().item(self.kind.findData(DraftKind.PAGE))  # type: ignore[attr-defined]
        is_page = draft is not None and draft.kind is DraftKind.PAGE
        page_item.setEnabled(is_page or Capability.PAGES in offered)
        on_blog = draft is not None and draft.remote_id is not None
        self.kind.setEnabled(not on_blog)
        if on_blog:
            self.kind.setToolTip(self.tr("It is on its blog as a post or a page already, and stays one."))
        elif Capability.PAGES not in offered:
            self.kind.setToolTip(self.tr("This blog has no pages, only posts."))
        else:
            self.kind.setToolTip(self.tr("A post is dated and listed on the blog; a page stands on its own."))

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
