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
from html import escape

from PySide6.QtCore import QObject, Qt, QUrl, Signal
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
from ..core.model import Comment
from ..core.render import plain_html
from ..core.sanitize import with_images
from ..core.store import StoreError
from . import preview as _preview
from .color_scheme import is_dark
from .preview import open_externally
from .services import Services

INDENT_PX = 28
# setHtml refuses (silently) pages above 2 MB; a thread that large is cut, newest replies kept visible.
MAX_PAGE_CHARS = 1_800_000
STATUS_WORDS = {"approved": "approved", "hold": "held for moderation", "spam": "spam", "trash": "in the trash"}
BASE_URL = QUrl("https://comments.longhand.invalid/")  # relative URLs resolve nowhere


# Each palette: text, page, muted text, thread line, the selected comment, flags, errors, links.
_LIGHT = ("#222", "#fff", "#666", "#ddd", "#fff6cc", "#b35c00", "#c00", "#0969da")
_DARK = ("#e6edf3", "#0d1117", "#9198a1", "#3d444d", "#1c2a3d", "#d29922", "#f85149", "#4493f8")


def _palette_css(scope: str, colours: tuple[str, ...]) -> str:
    fg, bg, muted, line, mark, flag, err, link = colours
    return (
        f"{scope}body{{color:{fg};background:{bg}}} {scope}a{{color:{link}}}"
        f"{scope}.c{{border-left-color:{line}}} {scope}.c.selected{{background:{mark};border-left-color:#e0a800}}"
        f"{scope}.meta{{color:{muted}}} {scope}.meta b{{color:{fg}}}"
        f"{scope}.flag{{color:{flag}}} {scope}.err{{color:{err}}}"
    )


def _css() -> str:
    """The page's style in both palettes: the light one, and the dark one for `<html class="dark">`, so
    the page switches by its class alone (nothing reloads)."""
    return (
        "body{font-family:sans-serif;margin:12px;line-height:1.45} .meta{font-size:0.85em} .flag{font-weight:bold}"
        ".c{border-left:2px solid;padding:6px 10px;margin:8px 0} img{max-width:100%}img[data-blocked-src]{display:none}"
        "html.dark{color-scheme:dark}" + _palette_css("", _LIGHT) + _palette_css("html.dark ", _DARK)
    )


_HTML_TAG = {False: '<html class="light">', True: '<html class="dark">'}  # the page's first tag, by scheme


def thread_html(
    thread: list[tuple[Comment, int]], selected_id: int | None, images_for: set[int], *, dark: bool = False
) -> str:
    """The page for a thread: one block per comment, indented by depth; comment bodies are the sanitised
    `html` (with images back only for the comments in `images_for`)."""
    blocks = []
    for comment, depth in thread:
        body = comment.html
        if comment.id in images_for:
            body = with_images(body)
        when = comment.date.astimezone().strftime("%d %b %Y, %H:%M") if comment.date else ""
        flags = []
        if comment.status != "approved":
            flags.append(STATUS_WORDS.get(comment.status, comment.status))
        if comment.pending:
            flags.append(f"queued: {comment.pending}")
        meta = f"<b>{escape(comment.author_name or 'Anonymous')}</b> · {escape(when)}"
        if flags:
            meta += f' · <span class="flag">{escape(", ".join(flags))}</span>'
        if comment.error:
            meta += f' · <span class="err">{escape(comment.error)}</span>'
        classes = "c selected" if comment.id == selected_id else "c"
        blocks.append(
            f'<div class="{classes}" id="c{comment.id}" style="margin-left:{depth * INDENT_PX}px">'
            f'<div class="meta">{meta}</div><div class="body">{body}</div></div>'
        )
    images = "http: https: data:" if images_for else "data:"
    csp = f"default-src 'none'; style-src 'unsafe-inline'; img-src {images}"
    head = (
        f'<!DOCTYPE html>{_HTML_TAG[dark]}<head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}"><style>{_css()}</style></head><body>'
    )
    page = head + "".join(blocks) + "</body></html>"
    while len(page) > MAX_PAGE_CHARS and len(blocks) > 1:
        blocks.pop(0)
        page = head + "<p>(older comments not shown)</p>" + "".join(blocks) + "</body></html>"
    return page


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
            page.loadFinished.connect(self._apply_scheme)  # a page made before a switch loads in its colours
            page.loadFinished.connect(lambda ok: self.updated.emit() if ok else None)

        def show_page(self, html: str, allow_images: bool) -> None:
            self.interceptor.allow_images = allow_images
            self._web_page.allow_next_load = True
            self._web_page.setHtml(html, BASE_URL)

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

    `replied(Comment | None)` after a reply was queued (the inbox re-reads its list); `changed()` after
    anything else this view did to the store."""

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
        self.load_images_button.clicked.connect(self.load_images)
        self.reply_box.send_requested.connect(self.send_reply)
        self.show_comment(None)

    # -- showing ----------------------------------------------------------------------------------
    @property
    def view(self) -> QWidget:
        """The page the thread is drawn in, made when first needed: a second web page (its profile, its
        share of the renderer) cost ~25 ms of every start, and many sessions never open the inbox."""
        if self._view is None:
            self._view = _WebThread(self) if self._use_web else _TextThread(self)
            self._view.updated.connect(self.updated)
            self._view_layout.addWidget(self._view, 1)
            self._view.show_page(*self._page)
        return self._view

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.view  # noqa: B018 (made now, the first time the conversation is on screen)
        super().showEvent(event)

    def _show_page(self, html: str, allow_images: bool) -> None:
        self._page = (html, allow_images)
        if self._view is not None:
            self._view.show_page(html, allow_images)

    def set_dark(self, dark: bool) -> None:
        """Follow the colour scheme: the page switches palettes without reloading."""
        html, allow_images = self._page
        self._page = (html.replace(_HTML_TAG[not dark], _HTML_TAG[dark], 1), allow_images)
        if self._view is not None:
            self._view.set_dark(dark, *self._page)

    def show_comment(self, comment: Comment | None) -> None:
        """Show `comment`'s conversation (None: nothing selected)."""
        if comment is None or self.comment is None or comment.id != self.comment.id:
            self.reply_box.clear()
        self.comment = comment
        self.reply_box.setEnabled(comment is not None)
        # Replying is for blogs whose backend declares comments; the box is not offered for others.
        self.reply_box.setVisible(
            comment is None or Capability.COMMENTS in self._services.account_capabilities(comment.account_id)
        )
        self.load_images_button.setEnabled(comment is not None and "data-blocked-src" in comment.html)
        if comment is None:
            self.title.setText(self.tr("No comment selected"))
            self._show_page(thread_html([], None, set(), dark=is_dark()), False)
            return
        self.title.setText(comment.post_title or self.tr("Post {id}").format(id=comment.post_id))
        author = comment.author_name or self.tr("Anonymous")
        self.reply_box.label.setText(self.tr("Reply to {author}").format(author=author))
        self.refresh()

    def refresh(self) -> None:
        """Re-read the thread of the shown comment from the store."""
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
