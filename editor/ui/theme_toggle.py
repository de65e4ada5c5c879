"""View ▸ Blog Theme: the preview shows the draft inside its blog's own theme, or the plain page.

The theme of the open draft's blog (or of the only blog, for a draft not tied to one) comes from the
store; the first time, it is fetched off the UI thread. If it cannot be had, the preview stays plain and
the status bar says why.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from ..core.accounts import Accounts
from ..core.model import Draft
from ..core.render import preview_page
from ..core.store import Store, StoreError
from ..core.theme import ThemeCache, ThemeError, fetch_account_theme, theme_page
from .background import plain_error, run_in_background
from .color_scheme import is_dark
from .preview import Preview

SETTING = "preview/blog_theme"
MESSAGE_MS = 8000
PLAIN = "plain"


class ThemeToggle(QObject):
    """Owns the checkable "Blog Theme" action and keeps the preview's page in step with it."""

    def __init__(self, store: Store, preview: Preview, window: QMainWindow) -> None:
        super().__init__(window)
        self.store, self.preview, self.window = store, preview, window
        self.cache = ThemeCache(store)
        self.draft: Draft | None = None
        self.shown: int | str = PLAIN  # what the preview's page is: PLAIN or a blog's id
        self._fetching: set[int] = set()
        self.action = QAction(self.tr("Blog &Theme"), window, checkable=True)
        self.action.setStatusTip(self.tr("Show the draft in its blog's own theme (fetched once, then offline)"))
        try:
            self.action.setChecked(store.get_setting(SETTING) == "1")
        except StoreError:
            pass
        self.action.toggled.connect(self._toggled)

    def draft_shown(self, draft: Draft | None) -> None:
        """The window shows another draft (or the same one again): its blog's theme, its title."""
        self.draft = draft
        self.apply()
        self.set_title(draft.display_title if draft is not None else "")

    def set_title(self, title: str) -> None:
        self.preview.set_title(title)

    def account_id(self) -> int | None:
        """The blog whose theme to use: the draft's, or the only one there is."""
        if self.draft is not None and self.draft.account_id is not None:
            return self.draft.account_id
        try:
            accounts = Accounts(self.store).publishing()
        except StoreError:
            return None
        return accounts[0].id if len(accounts) == 1 else None

    def apply(self) -> None:
        """Load the page the toggle and the open draft call for (nothing if it is loaded already)."""
        if not self.action.isChecked():
            self._show(PLAIN)
            return
        account_id = self.account_id()
        if account_id is None:
            self._fall_back("This draft has no blog yet, so the preview shows it plain.")
            return
        try:
            template = self.cache.get(account_id)
        except StoreError as exc:
            self._fall_back(f"{exc} The preview shows the draft plain.")
            return
        if template is not None:
            self._show(account_id, template)
        elif account_id not in self._fetching:
            self._fetching.add(account_id)
            self.window.statusBar().showMessage(self.tr("Fetching the blog's theme…"), MESSAGE_MS)
            run_in_background(
                lambda: fetch_account_theme(self.store, account_id),
                lambda _result, error: self._fetched(account_id, error),
                owner=self,
                name="longhand-theme",
            )

    def _fetched(self, account_id: int, error: BaseException | None) -> None:
        self._fetching.discard(account_id)
        if error is not None:
            if self.action.isChecked() and self.account_id() == account_id:
                reason = str(error) if isinstance(error, ThemeError) else plain_error(error)
                self._fall_back(
                    f"The blog's theme could not be fetched: {reason.rstrip('.')}. The preview shows the draft plain."
                )
            return
        self.window.statusBar().clearMessage()
        self.apply()

    def _toggled(self, checked: bool) -> None:
        try:
            self.store.set_setting(SETTING, "1" if checked else "0")
        except StoreError:
            pass  # the choice is still applied now, just not remembered
        self.apply()

    def _fall_back(self, message: str) -> None:
        self.action.blockSignals(True)
        self.action.setChecked(False)
        self.action.blockSignals(False)
        self._show(PLAIN)
        self.window.statusBar().showMessage(message, MESSAGE_MS)

    def _show(self, key: int | str, template: str | None = None) -> None:
        if key == self.shown:
            return
        page = preview_page(dark=is_dark()) if template is None else theme_page(template)
        if not self.preview.set_page(page):
            if key != PLAIN:
                self._fall_back("The blog theme needs the web preview; the preview shows the draft plain.")
            return
        self.shown = key
        if self.draft is not None:
            self.set_title(self.draft.display_title)
