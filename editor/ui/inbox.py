"""The comment inbox: every blog's comments in one list, filtered, triaged from the keyboard.

Views All / Unread / Pending / Approved / Spam / Trash, a blog and a post filter, and a multi-select list
(author, excerpt, post, age, status; bold while unread; "queued" or the error of an action waiting for
the outbox). Keys in the list: j/k move, r reply, a approve, s spam, # trash, u mark unread; every
moderation applies to the whole selection and offers Undo (which queues the previous statuses back).
Moderations, undo and replies go through the hub (Services.moderate/undo/reply): applied locally at
once, queued, sent when the blog can be reached. A blog whose backend does not declare moderation has
its comments listed but not moderated.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..core.comment_views import commented_posts, comments_by_id
from ..core.model import Comment, Job, JobKind
from ..core.store import StoreError
from .background import plain_error
from .comment_actions import CommentActions
from .comment_list import COLUMNS, CommentList, CommentListModel
from .comment_search_box import CommentSearchBox
from .conversation import ConversationView
from .inbox_listing import InboxListing, Listing, Wait
from .inbox_words import ACTIONS, CANNOT, DONE, KEY_ACTIONS, NEEDS, UNDO_SECONDS, VIEW_LABELS, VIEWS
from .services import Services
from .undobar import UndoBar


class InboxList(QWidget):
    """The left-hand inbox: filters, the list, the undo bar. Emits `current_changed(Comment | None)` and
    `unread_changed(int)`; `reply_requested()` when the author presses r."""

    current_changed = Signal(object)
    unread_changed = Signal(int)
    reply_requested = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inbox")
        self.comments = services.comments
        self._services = services
        self._undo: Callable[[], None] | None = None
        self._loading = False
        self._listing = InboxListing(services.comments, self._show, lambda: self.list.rows_shown(), self)

        # One checked at a time, kept so by set_view rather than a QButtonGroup: in a group, Qt leaves only
        # the checked button in the Tab chain, and each view is to be one Tab away.
        self.view_buttons: list[QPushButton] = []
        views = QHBoxLayout()
        views.setSpacing(2)
        names: tuple[str, ...] = (self.tr("All comments"), self.tr("Unread comments"), self.tr("Pending comments"))
        names += (self.tr("Approved comments"), self.tr("Spam"), self.tr("Trash"))
        for view, name, label in zip(VIEWS, names, VIEW_LABELS, strict=True):
            button = QPushButton(self.tr(str(label)))
            button.setCheckable(True)
            button.setObjectName(f"view_{view}")
            button.setToolTip(self.tr("Show these comments: {view}").format(view=name))
            button.setAccessibleName(name)  # Tab reaches each; Space shows its view
            # A narrow sidebar may clip the words; it must never widen the window.
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _checked, view=view: self.set_view(view, soon=True))
            self.view_buttons.append(button)
            views.addWidget(button)
        self.view_buttons[0].setChecked(True)
        self.blog = QComboBox()
        self.post = QComboBox()
        self.blog.setAccessibleName(self.tr("Blog filter"))
        self.post.setAccessibleName(self.tr("Post filter"))
        for combo in (self.blog, self.post):
            combo.setMinimumContentsLength(6)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        filters = QHBoxLayout()
        filters.addWidget(self.blog, 1)
        filters.addWidget(self.post, 2)

        self.model = CommentListModel(lambda ids: comments_by_id(self.comments, ids), self)
        self.list = CommentList()
        self.list.setObjectName("commentList")
        self.list.setAccessibleName(self.tr("Comments"))
        self.list.setModel(self.model)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAllColumnsShowFocus(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COLUMNS.index("Comment"), QHeaderView.ResizeMode.Stretch)
        for column, width in (("Author", 110), ("Post", 120), ("Age", 50), ("Status", 90)):
            header.resizeSection(COLUMNS.index(column), width)

        self.message = QLabel(wordWrap=True)
        self.search_box = CommentSearchBox(services.store, on_change=self.refresh, on_error=self.message.setText)
        self.undo_bar = UndoBar(UNDO_SECONDS)
        self.undo_label = self.undo_bar.label
        self.undo_button = self.undo_bar.button

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(views)
        layout.addLayout(filters)
        layout.addWidget(self.search_box)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.undo_bar)

        self.blog.currentIndexChanged.connect(lambda _i: self._blog_changed())
        self.post.currentIndexChanged.connect(lambda _i: None if self._loading else self.refresh_soon())
        self.list.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.list.key_action.connect(self._key)
        self.undo_bar.undo_requested.connect(self.undo)
        self.reload_filters()

    # -- reading ----------------------------------------------------------------------------------
    @property
    def view(self) -> str:
        return next((view for view, b in zip(VIEWS, self.view_buttons, strict=True) if b.isChecked()), VIEWS[0])

    def set_view(self, view: str, *, soon: bool = False) -> None:
        """Show `view`, read now (or `soon`: off the UI thread, for the author's click)."""
        for shown, button in zip(VIEWS, self.view_buttons, strict=True):
            button.setChecked(shown == view)
        self.refresh_soon() if soon else self.refresh()

    def reload_filters(self) -> None:
        """Re-read the blogs (and the posts) the filters offer, then the list."""
        self._loading = True
        try:
            chosen = self.blog.currentData()
            self.blog.clear()
            self.blog.addItem(self.tr("All blogs"), None)
            try:
                for account in self._services.accounts.list():
                    self.blog.addItem(account.name, account.id)
            except StoreError as exc:
                self.message.setText(str(exc))
            self.blog.setCurrentIndex(max(0, self.blog.findData(chosen)))
            self._reload_posts()
        finally:
            self._loading = False
        self.refresh()

    def _blog_changed(self) -> None:
        if self._loading:
            return
        self._loading = True
        try:
            self._reload_posts()
        finally:
            self._loading = False
        self.refresh()

    def _reload_posts(self) -> None:
        chosen = self.post.currentData()
        self.post.clear()
        self.post.addItem(self.tr("All posts"), None)
        try:
            posts = commented_posts(self.comments, self.blog.currentData())
        except StoreError as exc:
            self.message.setText(str(exc))
            return
        for account_id, post_id, title in sorted(posts, key=lambda post: post[2].casefold()):
            self.post.addItem(title or f"Post {post_id}", (account_id, post_id))
        self.post.setCurrentIndex(max(0, self.post.findData(chosen)))

    def refresh(self) -> None:
        """Re-read the list from the store now, keeping the current comment and the selection."""
        try:
            listed = self._listing.read_now(*self._wanted())
        except StoreError as exc:
            self.message.setText(str(exc))
            return
        self._show(listed)

    def refresh_soon(self, *, if_changed: bool = False, wait: Wait | None = None) -> None:
        """`refresh` for the author's clicks on the views and filters: off the UI thread if reading takes a
        while (InboxListing.read_soon, which `wait` is for); `if_changed`: only if a comment was written since
        the last read."""
        wanted = self._wanted()
        if not (if_changed and self._listing.unchanged(*wanted)):
            self._listing.read_soon(*wanted, wait=wait)

    def _wanted(self) -> tuple[str, int | None, str | None]:
        post = self.post.currentData()
        return self.view, post[0] if post else self.blog.currentData(), post[1] if post else None

    def _show(self, listed: Listing | None, error: BaseException | None = None) -> None:
        if listed is None or error is not None:
            self.message.setText(plain_error(error) if error else "")
            return
        ids, unread, known = listed
        current = self.current_comment()
        selected = {c.id for c in self.selected_comments()}
        if self.search_box.hits is not None:  # the search's order (CommentSearchBox.filter, on ids)
            found = set(ids)
            ids = [i for i in dict.fromkeys(hit.id for hit in self.search_box.hits) if i in found]
        self._loading = True
        try:
            self.model.set_ids(ids, known)
            chosen = QItemSelection()
            for row in (r for r in map(self.model.row_of, selected) if r >= 0):
                chosen.select(self.model.index(row, 0), self.model.index(row, 0))
            selection = self.list.selectionModel()
            selection.select(chosen, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
            row = self.model.row_of(current.id) if current else -1
            if row >= 0:
                selection.setCurrentIndex(self.model.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
        finally:
            self._loading = False
        self.unread_changed.emit(unread)
        now_current = self.current_comment()
        # Another comment, none where there was one (or the reverse), or the same one changed (Comment
        # compares by value: a different id is a difference too).
        if now_current != current:
            self.current_changed.emit(now_current)

    def rows(self) -> list[tuple[str, ...]]:
        """The list's text, row by row (what the author sees)."""
        self.model.ready(range(self.model.rowCount()))
        return [
            tuple(self.model.data(self.model.index(r, c)) for c in range(len(COLUMNS)))
            for r in range(self.model.rowCount())
        ]

    def current_comment(self) -> Comment | None:
        index = self.list.currentIndex()
        return self.model.comment_at(index.row()) if index.isValid() else None

    def selected_comments(self) -> list[Comment]:
        rows = sorted({index.row() for index in self.list.selectionModel().selectedRows()})
        return [c for c in map(self.model.comment_at, rows) if c is not None]

    def select(self, comment_id: int) -> bool:
        """Make a comment current (and the only one selected)."""
        row = self.model.row_of(comment_id)
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row, 0))
        return row >= 0

    def show_comment(self, comment_id: int, view: str = "all") -> bool:
        """List `view` with no blog, post or search filter, and make the comment current (which marks it
        read) and focused; a comment the view leaves out is shown in "all". False if it is gone."""
        self._loading = True
        try:
            self.blog.setCurrentIndex(0)
            self._reload_posts()  # every blog's posts, "All posts" chosen
            self.post.setCurrentIndex(0)
        finally:
            self._loading = False
        self.search_box.clear()
        self.search_box.hits = None  # the box's answer to "" is everything: known now, not after its pause
        for shown in dict.fromkeys((view, "all")):
            self.set_view(shown)
            if self.select(comment_id):
                self.list.scrollTo(self.list.currentIndex())
                self.list.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return False

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._loading:
            return
        comment = self.model.comment_at(current.row()) if current.isValid() else None
        if comment is not None and not comment.read:
            try:
                self.comments.mark_read([comment.id])
                comment = self.comments.get(comment.id)
                self.model.replace(comment)
                self.unread_changed.emit(self.comments.unread_count())
            except StoreError as exc:
                self.message.setText(str(exc))
        self.current_changed.emit(comment)

    # -- triage -----------------------------------------------------------------------------------
    def _key(self, key: str) -> None:
        if key == "r":
            self.reply_requested.emit()
        elif key == "u":
            self.mark_unread()
        else:
            self.moderate(KEY_ACTIONS[key])

    def moderate(self, status: str, comments: list[Comment] | None = None) -> None:
        """Give every selected comment `status` (locally now, queued for the blog), offering Undo."""
        wanted = [c for c in (comments if comments is not None else self.selected_comments()) if c.status != status]
        needed = NEEDS[status]
        chosen = [c.id for c in wanted if needed in self._services.account_capabilities(c.account_id)]
        if len(chosen) < len(wanted):
            self.message.setText(self.tr(str(CANNOT[status])))
        if not chosen:
            return
        try:
            undo = self._services.moderate(chosen, ACTIONS[status])
        except StoreError as exc:
            self.message.setText(str(exc))
            self.refresh()
            return
        if undo:
            what = self.tr("{n} comments").format(n=len(undo)) if len(undo) > 1 else self.tr("Comment")
            self._offer_undo(self.tr(str(DONE[status])).format(what=what), lambda: self._services.undo(undo))
        self.refresh()

    def mark_unread(self) -> None:
        chosen = [c.id for c in self.selected_comments() if c.read]
        if not chosen:
            return
        try:
            self.comments.mark_read(chosen, read=False)
        except StoreError as exc:
            self.message.setText(str(exc))
            return
        self._offer_undo("Marked unread.", lambda: self.comments.mark_read(chosen))
        self.refresh()

    def _offer_undo(self, text: str, undo: Callable[[], None]) -> None:
        self._undo = undo
        self.undo_bar.offer(text)

    def undo(self) -> None:
        """Undo the last triage action (moderations are queued back to what they were)."""
        undo, self._undo = self._undo, None
        self.undo_bar.dismiss()
        if undo is None:
            return
        try:
            undo()
        except StoreError as exc:
            self.message.setText(str(exc))
        self.refresh()


class Inbox(QObject):
    """The inbox's two halves for the main window: `list_panel` (goes in the sidebar's Inbox tab) and
    `conversation` (replaces the editor while that tab is active). Emits `unread_changed(int)`."""

    unread_changed = Signal(int)

    def __init__(self, services: Services, parent: QWidget | None = None, *, use_web: bool = True) -> None:
        super().__init__(parent)
        self.comments = services.comments
        self._services = services
        self.list_panel = InboxList(services)
        self.conversation = ConversationView(services, use_web=use_web)
        self.conversation.reveal_after = self.list_panel.list.after_paint  # the list first, then the page
        self.actions = CommentActions(services, self.list_panel, self.conversation)  # buttons, menus, hint
        self.list_panel.unread_changed.connect(self.unread_changed)
        self.list_panel.current_changed.connect(self.conversation.show_comment)
        self.list_panel.reply_requested.connect(self.conversation.focus_reply)
        self.conversation.replied.connect(lambda _reply: self.list_panel.refresh())
        services.job_changed.connect(self._job_changed)
        services.comments_synced.connect(self.synced)
        services.accounts_changed.connect(self.list_panel.reload_filters)  # the blog filter names them

    def unread_count(self) -> int:
        """How many comments are unread (0 when the store cannot say)."""
        try:
            return self.comments.unread_count()
        except StoreError:
            return 0

    def refresh(self) -> None:
        """Re-read the list from the store if a comment changed: the window calls this as the inbox opens. A
        read off the UI thread begins once the list is on screen (what it listed before, until the answer)."""
        self.list_panel.refresh_soon(if_changed=True, wait=self.list_panel.list.after_paint)

    def show_comment(self, comment_id: int, view: str = "all") -> bool:
        """Open the list on a comment (in `view`, "all" if that leaves it out); False if it is gone."""
        return self.list_panel.show_comment(comment_id, view)

    def sync(self) -> None:
        """Fetch every blog's new comments (off the UI thread; `synced` follows)."""
        self._services.sync_comments()

    def _job_changed(self, job: Job) -> None:
        if job.kind in (
            JobKind.COMMENT_REPLY,
            JobKind.COMMENT_STATUS,
        ):  # a reply sent or a moderation done (or failed): re-read
            self.list_panel.refresh()
            self.conversation.refresh()

    def synced(self, _new: int) -> None:
        """A sync finished: re-read the filters, the list and the thread shown (notifications.py tells the
        author)."""
        self.list_panel.reload_filters()
        self.conversation.refresh()
