"""The live preview: the rendered draft, beside the editor.

With QtWebEngine the page is loaded once and its article is patched from the application's own
script world, so the author's content runs no JavaScript and updates never go through `setHtml`
(which fails silently above 2 MB and jumps to the top). Without QtWebEngine a QTextBrowser shows a
simpler rendering of the same HTML.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QStackedLayout, QTextBrowser, QWidget

from ..core.blockpatch import block_patch
from ..core.incremental import Block, Blocks
from ..core.render import preview_page
from .color_scheme import is_dark
from .preview_scripts import BASE_JS, CHUNK_BLOCKS, PATCH_JS, SCHEME_JS, article_html, block_list, joined_html, wrapped

try:
    from PySide6.QtWebEngineCore import (
        QWebEnginePage,
        QWebEngineProfile,
        QWebEngineScript,
        QWebEngineSettings,
        QWebEngineUrlRequestInfo,
        QWebEngineUrlRequestInterceptor,
    )
    from PySide6.QtWebEngineWidgets import QWebEngineView
except ImportError:  # Qt built without QtWebEngine, or its libraries are missing
    if not TYPE_CHECKING:  # (mypy checks the web classes below as they are when QtWebEngine is there)
        QWebEngineView = None

EXTERNAL_SCHEMES = {"http", "https", "mailto"}

# Each patch relayouts the article and leaves the replaced layout objects to V8's collector (Blink's
# heap is V8's), which on its own lets them pile up by hundreds of megabytes: the preview asks for a
# collection once the author pauses, or after this many patches while they type on. (A collection
# takes ~10 ms in the page's process at 10k words, ~25 ms at 50k; see docs/performance.md.)
COLLECT_AFTER_PAUSE_MS = 1000
COLLECT_EVERY_PATCHES = 200


def page_url() -> QUrl:
    """The page's own address: a local folder, so local images (absolute paths, and relative ones once
    `set_base` names the draft's media folder) may show."""
    return QUrl.fromLocalFile(str(Path.home()) + "/")


def folder_url(folder: Path) -> str:
    """A folder as the base address relative image addresses resolve against."""
    return QUrl.fromLocalFile(str(folder) + "/").toString()


def open_externally(url: QUrl) -> None:
    """Links in previews open in the system browser, never inside Longhand."""
    if url.scheme() in EXTERNAL_SCHEMES:
        QDesktopServices.openUrl(url)


if QWebEngineView is not None:

    class _RemoteImagesOnly(QWebEngineUrlRequestInterceptor):
        """Remote requests are allowed for images only: a draft cannot make the preview fetch scripts,
        frames or styles from the network."""

        def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802 (Qt's name)
            if info.requestUrl().scheme() in ("http", "https") and info.resourceType() not in (
                QWebEngineUrlRequestInfo.ResourceType.ResourceTypeImage,
                QWebEngineUrlRequestInfo.ResourceType.ResourceTypeFavicon,
            ):
                info.block(True)

    def _preview_profile(interceptor: QWebEngineUrlRequestInterceptor) -> QWebEngineProfile:
        """A fresh off-the-record profile (nothing written to disk) that lets remote images only."""
        profile = QWebEngineProfile()
        profile.setUrlRequestInterceptor(interceptor)
        return profile

    def _without_fragment(url: QUrl) -> QUrl:
        """`url` without its #fragment. (PySide6 rejects QUrl.UrlFormattingOption.RemoveFragment as the
        argument of QUrl.matches and QUrl.adjusted: it raises TypeError.)"""
        bare = QUrl(url)
        bare.setFragment(None)  # type: ignore[arg-type]  # None is Qt's null string: no fragment ("" keeps "#")
        return bare

    class _PreviewPage(QWebEnginePage):
        """Refuses every navigation but the page's own load; links go to the system browser."""

        def __init__(self, profile: QWebEngineProfile, parent: QWidget) -> None:
            super().__init__(profile, parent)
            self.allow_next_load = False

        def acceptNavigationRequest(self, url: QUrl | str, kind, is_main_frame: bool) -> bool:  # noqa: N802
            url = QUrl(url)  # Qt passes a QUrl; a call from Python may pass a string
            if self.allow_next_load and is_main_frame:
                self.allow_next_load = False
                return True
            if kind != QWebEnginePage.NavigationType.NavigationTypeLinkClicked:
                return False
            if url.hasFragment() and _without_fragment(url) == _without_fragment(self.url()):
                return True  # a jump inside the page, e.g. to a footnote (never a reload: href="")
            open_externally(url)
            return False

    class WebPreview(QWebEngineView):
        """The preview in QtWebEngine: one page, its article replaced on each update."""

        updated = Signal()

        def __init__(self, parent: QWidget | None = None) -> None:
            super().__init__(parent)
            # PySide6 does not keep the interceptor alive through a Qt parent (Qt holds it in a
            # QPointer): without this reference it is deleted at once and nothing is blocked.
            self._interceptor = _RemoteImagesOnly(self)
            profile = _preview_profile(self._interceptor)
            page = _PreviewPage(profile, self)
            # A profile must outlive its pages (Qt aborts otherwise): owned by the page, the profile
            # is deleted after the page's own destructor has run, whoever deletes the page.
            profile.setParent(page)
            settings = page.settings()
            settings.setAttribute(QWebEngineSettings.WebAttribute.JavascriptEnabled, False)
            settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, True)
            settings.setAttribute(QWebEngineSettings.WebAttribute.PluginsEnabled, False)
            self.setPage(page)
            self._web_page = page  # `page()`, typed as the _PreviewPage it is
            self.setContextMenuPolicy(self.contextMenuPolicy().NoContextMenu)
            self.setAccessibleName(self.tr("Preview"))
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches it; the arrow keys then scroll
            self._ready = False
            self._base: str | None = None  # the draft's media folder, as a URL
            self._pending: list[Block] | None = None  # the newest blocks, while the page loads
            self._blocks: list[Block] | None = None  # what the page's article holds
            self._last: list[Block] | None = None  # the newest blocks shown
            self._uncollected = 0  # patches since the page's garbage was last collected
            self._collect_timer = QTimer(self, singleShot=True, interval=COLLECT_AFTER_PAUSE_MS)
            self._collect_timer.timeout.connect(self._collect_garbage)
            self._dark = is_dark()
            page.loadFinished.connect(self._apply_base)  # before the article: its images resolve once
            page.loadFinished.connect(self._apply_scheme)
            page.loadFinished.connect(self._install_patch)
            page.loadFinished.connect(self._loaded)
            page.allow_next_load = True
            page.setHtml(preview_page(dark=self._dark), page_url())

        def show_blocks(self, blocks: Blocks | list[Block]) -> None:
            """Show rendered blocks (a `Blocks` or a list of `Block`), moving into the page only the
            ones that differ from what it shows: the blocks before and after an edit stay put."""
            blocks = block_list(blocks)
            if not self._ready:
                self._pending = blocks
                return
            self._last = blocks
            old, self._blocks = self._blocks, blocks
            if old is None:
                self._replace(article_html(blocks))
                return
            patch = block_patch(old, blocks)
            if patch.empty:
                self.updated.emit()
                return
            start, removed, inserted, shifts = patch
            end = start + removed
            args = [
                start,
                removed,
                len(old),
                old[start].key if removed else "",
                old[end].key if end < len(old) else "",
                "".join(wrapped(block) for block in inserted),
                shifts,
                CHUNK_BLOCKS,
            ]
            script = f"typeof lhPatch === 'function' && lhPatch.apply(null, {json.dumps(args)})"
            self.page().runJavaScript(
                script, QWebEngineScript.ScriptWorldId.ApplicationWorld, lambda ok: self._block_patched(ok, blocks)
            )

        @property
        def block_keys(self) -> list[str] | None:
            """The keys of the blocks the article holds (None before any are shown)."""
            return None if self._blocks is None else [block.key for block in self._blocks]

        def _replace(self, html: str) -> None:
            script = f"document.getElementById('content').innerHTML = {json.dumps(html)}; true"
            self.page().runJavaScript(script, QWebEngineScript.ScriptWorldId.ApplicationWorld, self._patched)

        def _block_patched(self, ok: object, blocks: list) -> None:
            if ok is not True:
                if self._blocks is blocks:
                    # The page was not as expected (it should not happen): show the newest blocks whole.
                    self._replace(article_html(blocks))
                return  # else a newer patch is on its way and will find the same mismatch
            self._patched(ok)

        def _patched(self, _result: object) -> None:
            self._uncollected += 1
            if self._uncollected >= COLLECT_EVERY_PATCHES:
                self._collect_garbage()
            else:
                self._collect_timer.start()
            self.updated.emit()

        def _install_patch(self, ok: bool) -> None:
            # Defined once per page, in the application's world: each patch then sends and compiles only
            # its call (V8's compilation cache is off, see app.chromium_flags), not the function again.
            if ok:
                self.run_script(f"window.lhPatch = {PATCH_JS}; true", lambda _result: None)

        def _collect_garbage(self) -> None:
            """Collect the page's garbage (`gc` is there when Chromium runs with V8's --expose-gc, which
            `app.chromium_flags` asks for; the page's own scripts never run, so they cannot call it)."""
            self._collect_timer.stop()
            if self._uncollected:
                self._uncollected = 0
                self.run_script("typeof gc === 'function' && gc(); true", lambda _result: None)

        def _loaded(self, ok: bool) -> None:
            if not ok:
                return  # a refused navigation (a clicked link) reports a failed load; the page is still there
            self._ready = True
            # A (re)loaded page has an empty article: show the newest blocks again, whole.
            blocks = self._pending or self._last
            self._pending, self._blocks = None, None
            if blocks is not None:
                self.show_blocks(blocks)

        def run_script(self, script: str, callback: Callable[[object], object]) -> None:
            """Run script in the application's world (tests read the page with it)."""
            self.page().runJavaScript(script, QWebEngineScript.ScriptWorldId.ApplicationWorld, callback)

        # -- another page template (the blog's theme, or back to the plain page) ---------------------
        def set_page(self, html: str) -> None:
            """Load `html` as the page (it must have an element with id="content"); the article's current
            content, or the update still waiting for the page, is shown in the new page once it has loaded."""
            if not getattr(self, "_title_hooked", False):
                self.page().loadFinished.connect(self._apply_title)
                self._title_hooked = True
            # Updates from now on wait for the new page, whose article starts empty: once it has loaded,
            # the newest blocks (shown or still waiting) are shown in it whole.
            self._ready, self._blocks = False, None
            self._web_page.allow_next_load = True
            self._web_page.setHtml(html, page_url())

        def set_base(self, folder: Path) -> None:
            """Resolve relative image addresses against `folder` (the draft's media folder)."""
            self._base = folder_url(folder)
            if self._ready:
                self._apply_base(True)

        def _apply_base(self, ok: bool) -> None:
            if ok and self._base is not None:
                self.run_script(f"{BASE_JS}({json.dumps(self._base)})", lambda _result: None)

        def set_dark(self, dark: bool) -> None:
            """Show the plain page in its dark (or light) palette, in place: nothing is reloaded."""
            self._dark = dark
            if self._ready:
                self._apply_scheme(True)

        def _apply_scheme(self, ok: bool) -> None:
            if ok:
                scheme = json.dumps("dark" if self._dark else "light")
                self.run_script(f"{SCHEME_JS}({scheme})", lambda _result: None)

        def set_title(self, title: str) -> None:
            """Put `title` in the page's title element (id="content-title"), when the page has one."""
            self._title = title
            if self._ready:
                self._apply_title(True)

        def _apply_title(self, ok: bool) -> None:
            title = getattr(self, "_title", None)
            if ok and title is not None:
                self.run_script(
                    "var t = document.getElementById('content-title'); "
                    f"if (t) t.textContent = {json.dumps(title)}; true",
                    lambda _result: None,
                )


class TextPreview(QTextBrowser):
    """The fallback preview: QTextBrowser understands a subset of HTML and CSS, enough to read by."""

    updated = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._anchor_clicked)
        self._blocks: list[Block] = []
        self.set_dark(is_dark())

    def set_dark(self, dark: bool) -> None:
        """Use the page's dark (or light) colours (a QTextBrowser cannot be patched: the article is set
        again)."""
        page = preview_page(dark=dark)
        self._head, self._tail = page.split('<article id="content" class="post"></article>', 1)
        if self._blocks:
            self.show_blocks(self._blocks)

    def set_base(self, folder: Path) -> None:
        """Resolve relative image addresses against `folder` (the draft's media folder)."""
        self.document().setBaseUrl(QUrl(folder_url(folder)))

    def show_blocks(self, blocks: Blocks | list[Block]) -> None:
        """Show rendered blocks, keeping the scroll position (the whole article is set again:
        QTextBrowser cannot be patched)."""
        self._blocks = block_list(blocks)
        bar = self.verticalScrollBar()
        position = bar.value()
        self.setHtml(f"{self._head}<article>{joined_html(self._blocks)}</article>{self._tail}")
        bar.setValue(position)
        self.updated.emit()

    def _anchor_clicked(self, url: QUrl) -> None:
        if url.hasFragment() and not url.scheme():
            self.scrollToAnchor(url.fragment())
        else:
            open_externally(url)


class Preview(QWidget):
    """The preview pane: a web view when QtWebEngine is available, else a text browser."""

    updated = Signal()
    shown = Signal()

    def __init__(self, parent: QWidget | None = None, *, use_web: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("preview")
        self.view = WebPreview(self) if (use_web and QWebEngineView is not None) else TextPreview(self)
        self.view.updated.connect(self.updated)
        layout = QStackedLayout(self)
        layout.addWidget(self.view)

    @property
    def is_web(self) -> bool:
        """True when the preview runs in QtWebEngine."""
        return not isinstance(self.view, TextPreview)

    def set_page(self, html: str) -> bool:
        """Load another page template around the article (web preview only); False if it cannot."""
        if isinstance(self.view, TextPreview):  # (not `is_web`, so that mypy knows the web view's type)
            return False
        self.view.set_page(html)
        return True

    def set_base(self, folder: Path) -> None:
        """Resolve the draft's relative image addresses against its media folder."""
        self.view.set_base(folder)

    def set_title(self, title: str) -> None:
        """Show the draft's title in the page's title element, if the page has one (a blog theme)."""
        if not isinstance(self.view, TextPreview):
            self.view.set_title(title)

    def show_blocks(self, blocks: Blocks | list[Block]) -> None:
        """Show rendered blocks (a `Blocks` or a list of `Block`), patching only what changed."""
        self.view.show_blocks(blocks)

    def set_dark(self, dark: bool) -> None:
        """Follow the colour scheme: the plain page switches palettes in place (a blog's theme stays)."""
        self.view.set_dark(dark)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.shown.emit()
