"""The live preview: the rendered draft, beside the editor.

With QtWebEngine the page is loaded once and its article is patched from the application's own
script world, so the author's content runs no JavaScript and updates never go through `setHtml`
(which fails silently above 2 MB and jumps to the top). Without QtWebEngine a QTextBrowser shows a
simpler rendering of the same HTML.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import QApplication, QStackedLayout, QTextBrowser, QWidget

from ..core.render import preview_page

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
    QWebEngineView = None

EXTERNAL_SCHEMES = {"http", "https", "mailto"}


def page_url() -> QUrl:
    """The page's base: the home folder, so a draft's `![](Pictures/a.png)` or absolute paths show."""
    return QUrl.fromLocalFile(str(Path.home()) + "/")


def open_externally(url: QUrl) -> None:
    """Links in previews open in the system browser, never inside Longhand."""
    if url.scheme() in EXTERNAL_SCHEMES:
        QDesktopServices.openUrl(url)


def is_dark() -> bool:
    """Whether the desktop uses a dark palette (the preview follows it)."""
    return QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


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
        bare.setFragment(None)
        return bare

    class _PreviewPage(QWebEnginePage):
        """Refuses every navigation but the page's own load; links go to the system browser."""

        def __init__(self, profile: QWebEngineProfile, parent: QWidget) -> None:
            super().__init__(profile, parent)
            self.allow_next_load = False

        def acceptNavigationRequest(self, url: QUrl, kind, is_main_frame: bool) -> bool:  # noqa: N802
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
            self.setContextMenuPolicy(self.contextMenuPolicy().NoContextMenu)
            self._ready = False
            self._pending: str | None = None
            page.loadFinished.connect(self._loaded)
            page.allow_next_load = True
            page.setHtml(preview_page(dark=is_dark()), page_url())

        def show_html(self, html: str) -> None:
            """Put `html` in the article (queued until the page has loaded)."""
            if not self._ready:
                self._pending = html
                return
            script = f"document.getElementById('content').innerHTML = {json.dumps(html)}; true"
            self.page().runJavaScript(script, QWebEngineScript.ScriptWorldId.ApplicationWorld, self._patched)

        def _patched(self, _result: object) -> None:
            self.updated.emit()

        def _loaded(self, ok: bool) -> None:
            if not ok:
                return  # a refused navigation (a clicked link) reports a failed load; the page is still there
            self._ready = True
            if self._pending is not None:
                html, self._pending = self._pending, None
                self.show_html(html)

        def run_script(self, script: str, callback) -> None:
            """Run script in the application's world (tests read the page with it)."""
            self.page().runJavaScript(script, QWebEngineScript.ScriptWorldId.ApplicationWorld, callback)


class TextPreview(QTextBrowser):
    """The fallback preview: QTextBrowser understands a subset of HTML and CSS, enough to read by."""

    updated = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._anchor_clicked)
        page = preview_page(dark=is_dark())
        self._head, self._tail = page.split('<article id="content" class="post"></article>', 1)

    def show_html(self, html: str) -> None:
        """Show `html`, keeping the scroll position."""
        bar = self.verticalScrollBar()
        position = bar.value()
        self.setHtml(f"{self._head}<article>{html}</article>{self._tail}")
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

    def show_html(self, html: str) -> None:
        """Show rendered article HTML."""
        self.view.show_html(html)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.shown.emit()
