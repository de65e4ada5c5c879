"""The conversation view: a comment's whole thread, indented like a blog's comment section, and a reply box.

Comment HTML comes from strangers. It is shown in QtWebEngine with JavaScript off, a Content Security
Policy that allows no script, frame, style sheet or font from anywhere and images only once the author
asks ("Load images", per comment), and a request interceptor that refuses every remote request but
those images. Links open in the system browser only (the preview's page does that). Without QtWebEngine
a QTextBrowser shows the thread; it never fetches anything remote, so "Load images" is not offered.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..backends.base import Capability
from ..core.comments import HIDDEN
from ..core.model import Comment
from ..core.render import plain_html
from ..core.store import StoreError
from . import preview as _preview
from .color_scheme import is_dark
from .conversation_page import HTML_TAG, block_start, move_selection, selection_script, thread_html
from .preview import open_externally
from .services import Services

BASE_URL = QUrl("https://comments.longhand.invalid/")  # relative URLs resolve nowhere
VIEW_AT_IDLE_MS = 1000  # after the window is made: its draft is shown and the preview painted by then


if _preview.QWebEngineView is not None:
    from PySide6.QtWebEngineCore import (
        QWebEngineScript,
        QWebEngineSettings,
        QWebEngineUrlRequestInfo,
        QWebEngineUrlRequestInterceptor,
    )

    class _CommentRequests(QWebEngineUrlRequestInterceptor):
        """Refuses every remote request, images too unless `allow_images`; remembers what was asked."""

        def __init__(self, parent: QObject) -> None:
            super().__init__(parent)
            self.allow_images = False
            self.requested: list[str] = []  # remote URLs the page asked for (tests read it)

        def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802 (Qt's name)
            url = info.requestUrl()
            if url.scheme() in ("http", "https"):
                self.requested.append(url.toString())
                image = info.resourceType() == QWebEngineUrlRequestInfo.ResourceType.ResourceTypeImage
                if not (image and self.allow_images) or url.host().endswith(".invalid"):
                    info.block(True)
            elif url.scheme() not in ("data", "about"):
                info.block(True)  # no file:, no qrc:, nothing local either

    class _WebThread(_preview.QWebEngineView):
        updated = Signal()

        def __init__(self, parent: QWidget | None = None) -> None:
            super().__init__(parent)
            self.interceptor = _CommentRequests(self)  # a Python reference keeps it alive (see preview.py)
            profile = _preview._preview_profile(self.interceptor)
            page = _preview._PreviewPage(profile, self)
            profile.setParent(page)
            settings = page.settings()
            settings.setAttribute(QWebEngineSettings.WebAttribute.JavascriptEnabled, False)
            settings.setAttribute(QWebEngineSettings.WebAttribute.PluginsEnabled, False)
            settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, False)
            settings.setAttribute(QWebEngineSettings.WebAttribute.AutoLoadImages, True)
            self.setPage(page)
            self._web_page = page  # `page()`, typed as the _PreviewPage it is
            self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
            self.dark = is_dark()
            self._loads = 0  # pages set whose load has not finished
            page.loadFinished.connect(self._apply_scheme)  # a page made before a switch loads in its colours
            page.loadFinished.connect(self._loaded)

        def show_page(self, html: str, allow_images: bool) -> None:
            self.interceptor.allow_images = allow_images
            self._web_page.allow_next_load = True
            self._loads += 1
            self._web_page.setHtml(html, BASE_URL)

        def move_selection(self, old_id: int, new_id: int) -> bool:
            """Move the highlight within the shown page (False while a page is still loading: set it again)."""
            if self._loads or self._web_page.isLoading():
                return False
            self.run_script(selection_script(old_id, new_id), lambda _moved: self.updated.emit())
            return True

        def _loaded(self, ok: bool) -> None:  # a superseded load may never report: the last one counts for all
            self._loads = 0 if ok and not self._web_page.isLoading() else max(0, self._loads - 1)
            if ok:
                self.updated.emit()

        def run_script(self, script: str, callback: Callable[[object], object]) -> None:
            """Run script in the application's world (tests read the page with it; the page runs none)."""
            self.page().runJavaScript(script, QWebEngineScript.ScriptWorldId.ApplicationWorld, callback)

        def set_dark(self, dark: bool, _html: str, _allow_images: bool) -> None:
            """Switch the page's palette in place: its class, from the application's script world."""
            self.dark = dark
            self._apply_scheme(True)

        def _apply_scheme(self, ok: bool) -> None:
            if ok:
                scheme = json.dumps("dark" if self.dark else "light")
                self.run_script(f"document.documentElement.className = {scheme}; true", lambda _result: None)


class _FetchingNothing(QTextBrowser):
    """A QTextBrowser that fetches nothing: not remote images, not local files."""

    def loadResource(self, kind: int, url: QUrl | str) -> None:  # noqa: N802 (Qt's name)
        return None


class _TextThread(_FetchingNothing):
    updated = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(open_externally)

    def show_page(self, html: str, allow_images: bool) -> None:
        self.setHtml(html)
        self.updated.emit()

    def move_selection(self, _old_id: int, _new_id: int) -> bool:
        return False  # a QTextBrowser cannot be patched: the page is set again

    def set_dark(self, _dark: bool, html: str, allow_images: bool) -> None:
        self.show_page(html, allow_images)  # (a QTextBrowser cannot be patched: the page is set again)


class ReplyBox(QWidget):
    """Markdown in, the rendered reply beside it; Send (or Ctrl+Enter) asks for it to be sent."""

    send_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self.tr("Reply"))
        self.text = QPlainTextEdit()
        self.text.setObjectName("replyText")
        self.text.setAccessibleName(self.tr("Reply text (Markdown)"))
        self.text.setPlaceholderText(self.tr("Write a reply in Markdown — Ctrl+Enter sends"))
        self.rendered = _FetchingNothing()  # the author's own text, but still nothing fetched
        self.rendered.setOpenLinks(False)
        self.rendered.setAccessibleName(self.tr("How the reply will look"))
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setEnabled(False)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.text)
        split.addWidget(self.rendered)
        self.buttons = QHBoxLayout()  # the label and Send; the edit dialog adds Cancel
        self.buttons.addWidget(self.label, 1)
        self.buttons.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.buttons)
        layout.addWidget(split, 1)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self.text, context=Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.send)
        self.send_button.clicked.connect(self.send)
        self.text.textChanged.connect(self._changed)

    def _changed(self) -> None:
        markdown = self.text.toPlainText()
        self.send_button.setEnabled(bool(markdown.strip()) and self.isEnabled())
        self.rendered.setHtml(plain_html(markdown) if markdown.strip() else "")

    def send(self) -> None:
        markdown = self.text.toPlainText()
        if markdown.strip() and self.isEnabled():
            self.send_requested.emit(markdown)

    def clear(self) -> None:
        self.text.clear()


class ConversationView(QWidget):
    """The post's title, its whole conversation with the selected comment highlighted, and a reply box.

    `replied(Comment | None)` after a reply was queued (the inbox re-reads); `changed()` after anything else."""

    replied = Signal(object)
    updated = Signal()  # the thread was (re)drawn

    def __init__(self, services: Services, *, use_web: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversation")
        self.comments = services.comments
        self._services = services
        self.comment: Comment | None = None
        self._images_for: set[int] = set()
        self.title = QLabel()
        self.title.setObjectName("conversationTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        use_web = use_web and _preview.QWebEngineView is not None
        self._use_web = use_web
        self._view: _WebThread | _TextThread | None = None  # made when first shown: see `view`
        self._page = (thread_html([], None, set(), dark=is_dark()), False)  # what the view shows, or will once made
        self.load_images_button = QPushButton(self.tr("Load images"))
        self.load_images_button.setToolTip(
            self.tr("Show this comment's pictures (they come from other sites, which then learn that you read it)")
        )
        self.load_images_button.setVisible(use_web)
        self.message = QLabel(wordWrap=True)
        self.reply_box = ReplyBox()
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.load_images_button)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(6, 6, 6, 0)
        upper_layout.addLayout(top)
        self.actions_row = QHBoxLayout()  # the moderation buttons (comment_actions.py fills it)
        upper_layout.addLayout(self.actions_row)
        self._view_layout = upper_layout
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(6, 0, 6, 6)
        lower_layout.addWidget(self.message)
        lower_layout.addWidget(self.reply_box, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([3000, 1000])  # the conversation first; the reply box's size hint would take half
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        # The thread is read and drawn in a turn of its own after a comment is made current: the list
        # repaints first, and keys held down (j, j, j) draw only the comment they stop on.
        self._soon = QTimer(self, singleShot=True, interval=0)
        self.reveal_after: Callable[[Callable[[], None]], None] = lambda then: QTimer.singleShot(0, self, then)
        self._soon.timeout.connect(self.refresh)
        self.load_images_button.clicked.connect(self.load_images)
        self.reply_box.send_requested.connect(self.send_reply)
        self.show_comment(None)
        # With comments to read, the inbox is likely opened: its page is made once the window is up (a web
        # view takes 15-25 ms to make, not then part of the first switch to the inbox). Else when shown.
        if use_web and self._has_comments():
            QTimer.singleShot(VIEW_AT_IDLE_MS, self, lambda: self.view.setHidden(not self.isVisible()))

    # -- showing ----------------------------------------------------------------------------------
    @property
    def view(self) -> QWidget:
        """The page the thread is drawn in, made when first needed: a second web page (its profile, its
        share of the renderer) cost ~25 ms of every start, and many sessions never open the inbox."""
        if self._view is None:
            self._view = _WebThread(self) if self._use_web else _TextThread(self)
            self._view.updated.connect(self.updated)
            policy = self._view.sizePolicy()
            policy.setRetainSizeWhenHidden(True)  # hidden a moment (see showEvent), its room stays
            self._view.setSizePolicy(policy)
            self._view_layout.addWidget(self._view, 1)
            self._view.show_page(*self._page)
        return self._view

    def _has_comments(self) -> bool:
        try:
            return bool(self.comments.list(limit=1))
        except StoreError:
            return False

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        # Showing a web view again costs ~5 ms: not in the turn that switches to the inbox but after (the inbox
        # sets `reveal_after`: once its list is painted). Chromium's frame comes later anyway.
        if self._view is None:
            self.view  # noqa: B018 (made now, the first time the conversation is on screen)
        elif self._view.isHidden():
            self.reveal_after(self._reveal)
        super().showEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self._use_web and self._view is not None:
            self._view.hide()
        super().hideEvent(event)

    def _reveal(self) -> None:
        if self._view is not None and self.isVisible():
            self._view.show()

    def _show_page(self, html: str, allow_images: bool) -> None:
        same = (html, allow_images) == self._page  # a refresh that changed nothing (a sync) does not reload
        self._page = (html, allow_images)
        if self._view is not None and not same:
            self._view.show_page(html, allow_images)

    def set_dark(self, dark: bool) -> None:
        """Follow the colour scheme: the page switches palettes without reloading."""
        html, allow_images = self._page
        self._page = (html.replace(HTML_TAG[not dark], HTML_TAG[dark], 1), allow_images)
        if self._view is not None:
            self._view.set_dark(dark, *self._page)

    def show_comment(self, comment: Comment | None) -> None:
        """Show `comment`'s conversation (None: nothing selected)."""
        previous, self.comment = self.comment, comment
        if comment is None or previous is None or comment.id != previous.id:
            self.reply_box.clear()
        self.reply_box.setEnabled(comment is not None)
        # Replying is for blogs whose backend declares comments; the box is not offered for others.
        self.reply_box.setVisible(
            comment is None or Capability.COMMENTS in self._services.account_capabilities(comment.account_id)
        )
        self.load_images_button.setEnabled(comment is not None and "data-blocked-src" in comment.html)
        if comment is None:
            self._soon.stop()
            self.title.setText(self.tr("No comment selected"))
            self._show_page(thread_html([], None, set(), dark=is_dark()), False)
            return
        self.title.setText(comment.post_title or self.tr("Post {id}").format(id=comment.post_id))
        author = comment.author_name or self.tr("Anonymous")
        self.reply_box.label.setText(self.tr("Reply to {author}").format(author=author))
        if previous is not None and self._same_thread(previous, comment):
            # Another comment of the thread shown: only the highlight moves (a 250-comment thread read and
            # loaded again took ~20 ms). A sync, a reply or a moderation re-reads the thread (`refresh`).
            html, allow_images = self._page
            self._page = (move_selection(html, previous.id, comment.id), allow_images)
            if self._view is not None and not self._view.move_selection(previous.id, comment.id):
                self._view.show_page(*self._page)
            return
        self._soon.start()

    def _same_thread(self, previous: Comment, comment: Comment) -> bool:
        """Whether the page shows `comment`'s thread as it would be read now, `previous` highlighted: the
        same post, and neither one a spam or trash comment (which a thread holds only while it is selected)."""
        html = self._page[0]
        return (
            previous.id != comment.id
            and (previous.account_id, previous.post_id) == (comment.account_id, comment.post_id)
            and previous.status not in HIDDEN
            and comment.status not in HIDDEN
            and block_start(previous.id, True) in html
            and block_start(comment.id, False) in html
        )

    def refresh(self) -> None:
        """Re-read the thread of the shown comment from the store."""
        self._soon.stop()
        if self.comment is None:
            return
        try:
            thread = self.comments.thread(self.comment.id)
        except StoreError as exc:
            self.message.setText(str(exc))
            return
        wanted = {c.id for c, _ in thread} & self._images_for
        self._show_page(thread_html(thread, self.comment.id, wanted, dark=is_dark()), bool(wanted))

    def load_images(self) -> None:
        """Give the selected comment its pictures back (for this session)."""
        if self.comment is not None:
            self._images_for.add(self.comment.id)
            self.load_images_button.setEnabled(False)
            self.refresh()

    def focus_reply(self) -> None:
        if self.comment is not None:
            self.reply_box.text.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- replying ---------------------------------------------------------------------------------
    def send_reply(self, markdown: str) -> None:
        """Queue a reply to the shown comment (applied locally at once; the outbox sends it)."""
        parent = self.comment
        if parent is None:
            return
        try:
            result = self._services.reply(parent.id, markdown)
        except StoreError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText(self.tr("Reply queued; it is sent when the blog can be reached."))
        self.reply_box.clear()
        self.refresh()
        self.replied.emit(result)
