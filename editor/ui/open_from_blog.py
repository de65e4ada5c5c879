"""Blog ▸ Open from Blog…: find a post or a page on a blog and open it as a draft.

The dialog lists one page of the blog's posts (or pages) at a time, searched as the author types (after a
pause) and filtered by status; every request runs off the UI thread, and an answer that arrives after a
newer request was made is dropped. Opening a post that already has a draft here opens that draft
(`core.blog_posts.open_post`). Installed on the window by `install`: one line in the main window.
"""

from __future__ import annotations

from typing import Protocol, TypeVar, cast

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..backends.base import Capability, RemotePost, RemoteStatus
from ..backends.browse import PostsPage
from ..core import blog_posts
from ..core.model import Account, DraftKind
from .background import plain_error, run_in_background
from .menus import Menus
from .services import Services

SEARCH_PAUSE_MS = 350  # typing pauses this long before the blog is asked


def translate(text: str) -> str:
    return QCoreApplication.translate("OpenFromBlog", text)


W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    """`widget`, with the name a screen reader says for it."""
    widget.setAccessibleName(name)
    return widget


class WindowParts(Protocol):
    """What this module uses of the main window (which imports it, so it is not imported here)."""

    services: Services
    menus: Menus

    def open_draft(self, draft_id: int) -> None: ...


def install(window: WindowParts) -> QAction:
    """Blog ▸ Open from Blog…, shown while some blog can list its posts."""
    action = window.menus.action(
        "blog.open", translate("Open from &Blog…"), lambda: OpenFromBlogDialog(window, cast(QWidget, window)).open()
    )

    def offer() -> None:
        action.setVisible(bool(blog_posts.browsable(window.services.store)))

    window.services.accounts_changed.connect(offer)
    offer()
    return action


class OpenFromBlogDialog(QDialog):
    """Pick a blog, posts or pages, search and filter; Open makes (or finds) the draft and shows it."""

    def __init__(self, window: WindowParts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open from Blog"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(640, 480)
        self._window, self._services = window, window.services
        self._page, self._total = 1, 0
        self._asked = 0  # the latest request; older answers are dropped
        self._posts: list[RemotePost] = []
        self.statuses = {
            None: self.tr("Any status"),
            RemoteStatus.PUBLISH: self.tr("Published"),
            RemoteStatus.FUTURE: self.tr("Scheduled"),
            RemoteStatus.DRAFT: self.tr("Draft"),
            RemoteStatus.PENDING: self.tr("Pending review"),
            RemoteStatus.PRIVATE: self.tr("Private"),
        }

        self.blog = named(QComboBox(), self.tr("Blog"))
        for account in blog_posts.browsable(self._services.store):
            self.blog.addItem(account.name, account)
        self.kind = named(QComboBox(), self.tr("Posts or pages"))
        self.search = QLineEdit(placeholderText=self.tr("Search titles and text"), clearButtonEnabled=True)
        self.search.setAccessibleName(self.tr("Search"))
        self.status = named(QComboBox(), self.tr("Status"))
        for status, label in self.statuses.items():
            self.status.addItem(label, status)
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName(self.tr("Posts on the blog"))
        self.table.setHorizontalHeaderLabels([self.tr("Title"), self.tr("Status"), self.tr("Date")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.previous = named(QPushButton(self.tr("&Previous")), self.tr("Previous page"))
        self.next = named(QPushButton(self.tr("&Next")), self.tr("Next page"))
        self.range = QLabel()
        self.message = QLabel(wordWrap=True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        self.open_button = self.buttons.button(QDialogButtonBox.StandardButton.Open)
        self.open_button.setAccessibleName(self.tr("Open as a draft"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(self.tr("Cancel"))

        filters = QHBoxLayout()
        for widget in (self.blog, self.kind, self.search, self.status):
            filters.addWidget(widget, 2 if widget is self.search else 0)
        paging = QHBoxLayout()
        paging.addWidget(self.previous)
        paging.addWidget(self.next)
        paging.addWidget(self.range, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(paging)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.blog.setVisible(self.blog.count() > 1)  # one blog: nothing to choose

        self._pause = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self._pause.timeout.connect(self.refresh)
        self.search.textEdited.connect(lambda _: self._pause.start())
        self.blog.currentIndexChanged.connect(self._blog_chosen)
        self.kind.currentIndexChanged.connect(lambda _: self.refresh())
        self.status.currentIndexChanged.connect(lambda _: self.refresh())
        self.previous.clicked.connect(lambda: self._fetch(self._page - 1))
        self.next.clicked.connect(lambda: self._fetch(self._page + 1))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _: self.open_selected())
        self.buttons.accepted.connect(self.open_selected)
        self.buttons.rejected.connect(self.reject)
        self._blog_chosen()
        self.search.setFocus()

    # -- asking the blog ----------------------------------------------------------------------------
    def _account(self) -> Account | None:
        account = self.blog.currentData()
        return account if isinstance(account, Account) else None

    def _blog_chosen(self) -> None:
        """Offer Pages only for a blog that has pages, then list the chosen blog's posts."""
        account = self._account()
        kind = self.kind.currentData() or DraftKind.POST
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItem(self.tr("Posts"), DraftKind.POST)
        if Capability.PAGES in self._services.capabilities(account):
            self.kind.addItem(self.tr("Pages"), DraftKind.PAGE)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.kind.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        """List the first page of what the filters ask for."""
        self._pause.stop()
        self._fetch(1)

    def _fetch(self, page: int) -> None:
        account = self._account()
        if account is None:
            self._say(self.tr("None of your blogs can list its posts here; add a WordPress blog (Blog ▸ Blogs…)."))
            self._show(PostsPage([], 0), 1)
            return
        self._asked += 1
        asked, store = self._asked, self._services.store
        kind, status, search = DraftKind(self.kind.currentData()), self.status.currentData(), self.search.text()
        self._say(self.tr("Asking {blog}…").format(blog=account.name))
        self.previous.setEnabled(False)
        self.next.setEnabled(False)
        run_in_background(
            lambda: blog_posts.fetch_page(store, account.stored_id, kind=kind, search=search, status=status, page=page),
            lambda found, error: self._answered(asked, page, found, error),
            owner=self,
            name="longhand-browse",
        )

    def _answered(self, asked: int, page: int, found: PostsPage | None, error: BaseException | None) -> None:
        if asked != self._asked:
            return  # the author asked for something else meanwhile
        if error is not None or found is None:
            self._say(plain_error(error) if error else "")
            self._update_buttons()
            return
        self._say("")
        self._show(found, page)

    def _show(self, found: PostsPage, page: int) -> None:
        self._posts, self._page, self._total = found.posts, page, found.total
        self.table.setRowCount(len(found.posts))
        for row, post in enumerate(found.posts):
            when = post.date_gmt or post.modified_gmt
            cells = (
                post.title or self.tr("(no title)"),
                self.statuses.get(RemoteStatus(post.status), str(post.status)),
                when.astimezone().strftime("%Y-%m-%d %H:%M") if when else "",
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        first = (page - 1) * blog_posts.PER_PAGE + 1
        if found.posts:
            self.range.setText(
                self.tr("{first}–{last} of {total}").format(
                    first=first, last=first + len(found.posts) - 1, total=found.total
                )
            )
        else:
            self.range.setText(self.tr("Nothing found."))
        if found.posts:
            self.table.selectRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        shown_to = (self._page - 1) * blog_posts.PER_PAGE + len(self._posts)
        self.previous.setEnabled(self._page > 1)
        self.next.setEnabled(shown_to < self._total)
        self.open_button.setEnabled(self._selected() is not None)

    def _selected(self) -> RemotePost | None:
        rows = self.table.selectionModel().selectedRows()
        return self._posts[rows[0].row()] if rows and rows[0].row() < len(self._posts) else None

    def _say(self, sentence: str) -> None:
        self.message.setText(sentence)
        self.message.setVisible(bool(sentence))

    # -- opening ------------------------------------------------------------------------------------
    def open_selected(self) -> None:
        """Open the chosen post as a draft (the one it already has, if any), off the UI thread."""
        post, account = self._selected(), self._account()
        if post is None or account is None or post.id is None:
            return
        store, remote_id, kind = self._services.store, post.id, DraftKind(self.kind.currentData())
        self.open_button.setEnabled(False)
        self._say(self.tr("Opening “{title}”…").format(title=post.title))
        run_in_background(
            lambda: blog_posts.open_post(store, account.stored_id, remote_id, kind),
            self._opened,
            owner=self,
            name="longhand-open-post",
        )

    def _opened(self, draft_id: int | None, error: BaseException | None) -> None:
        if error is not None or draft_id is None:
            self._say(plain_error(error) if error else "")
            self._update_buttons()
            return
        self._services.drafts_changed.emit()
        self._window.open_draft(draft_id)
        self.accept()
