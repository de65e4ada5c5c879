"""Blogs ▸ Blogs…: the blogs Longhand publishes to, with Add and Remove. Removing (the keyring, which
may wait for the author to unlock it) runs off the UI thread."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..backends.base import Backend
from ..core.accounts import NEEDS_CONNECT, Accounts
from ..core.model import Account
from ..core.store import Store, StoreError
from .accounts import AddBlogDialog, StaysOpenWhileBusy
from .background import plain_error, run_in_background
from .connect_browser import BrowserConnections


class BlogsDialog(StaysOpenWhileBusy):
    """The blogs Longhand publishes to: add one, remove one."""

    changed = Signal()

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        backends: dict[str, type[Backend]] | None = None,
        browser: BrowserConnections | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Blogs"))
        self._browser = browser
        self.resize(520, 320)
        self._store = store
        self._accounts = Accounts(store)
        self._backends = backends
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Blogs"))
        self.message = QLabel(wordWrap=True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # blog titles and sentences, never markup
        self.add_button = QPushButton(self.tr("Add…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        # For a blog that stopped taking Longhand's password or token, or any blog whose password should change.
        self.reconnect_button = QPushButton(self.tr("Connect with browser"))
        self.reconnect_button.setVisible(browser is not None)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = close.button(QDialogButtonBox.StandardButton.Close)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addWidget(self.reconnect_button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)

        self.add_button.clicked.connect(self.add_blog)
        self.remove_button.clicked.connect(self.remove_selected)
        self.reconnect_button.clicked.connect(self.reconnect_selected)
        if browser is not None:
            browser.waiting.connect(
                lambda _page, title: self.message.setText(
                    self.tr("Approve Longhand for {blog} in your browser.").format(blog=title)
                )
            )
            browser.failed.connect(self.message.setText)
            browser.finished.connect(self._reconnected)
        self.list.currentRowChanged.connect(lambda _: self._update_buttons())
        close.rejected.connect(self.reject)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the blogs."""
        self.list.clear()
        try:
            accounts = self._accounts.list()
        except StoreError as exc:
            self.message.setText(str(exc))
            accounts = []
        for account in accounts:
            problem = account.options.get(NEEDS_CONNECT)
            signed_in = self.tr("{address} · signed in as {user}").format(
                address=account.base_url, user=account.username
            )
            text = f"{account.name}\n{signed_in}"
            item = QListWidgetItem(f"{text}\n⚠ {problem}" if problem else text)
            item.setData(Qt.ItemDataRole.UserRole, account.id)
            self.list.addItem(item)
        if not accounts:
            self.message.setText(self.tr("No blogs yet. Add one to publish your drafts."))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.list.currentItem() is not None and not self.busy)
        self.reconnect_button.setEnabled(self.list.currentItem() is not None and not self.busy)
        self.add_button.setEnabled(not self.busy)
        self.close_button.setEnabled(not self.busy)

    def add_blog(self) -> AddBlogDialog:
        """Open the Add Blog dialog; the list refreshes when a blog is added."""
        dialog = AddBlogDialog(self._store, self, backends=self._backends, browser=self._browser)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.added.connect(self._blog_added)
        dialog.open()
        return dialog

    def _blog_added(self, _account: Account | None) -> None:
        self.message.clear()
        self.refresh()
        self.changed.emit()

    def reconnect_selected(self) -> None:
        """Connect the selected blog again through the browser: its new password or token replaces the old."""
        item = self.list.currentItem()
        if item is None or self._browser is None:
            return
        try:
            account = self._accounts.get(item.data(Qt.ItemDataRole.UserRole))
        except StoreError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText(self.tr("Asking the blog…"))
        self._browser.start(account.base_url, account.name, wpcom=account.backend == "wpcom")

    def _reconnected(self, ok: bool, sentence: str) -> None:
        self.message.setText(sentence)
        if ok:
            self.refresh()
            self.message.setText(sentence)
            self.changed.emit()

    def confirm(self, question: str) -> bool:
        """Ask before removing (tests replace this)."""
        answer = QMessageBox.question(
            self, self.tr("Remove Blog"), question, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel
        )
        return answer == QMessageBox.StandardButton.Yes

    def remove_selected(self) -> None:
        """Forget the selected blog, its password and its queued jobs (the drafts stay), on a background
        thread (the keyring may wait for the author to unlock it)."""
        item = self.list.currentItem()
        if item is None or self.busy:
            return
        name = item.text().split("\n")[0]
        if not self.confirm(
            self.tr(
                "Remove “{blog}” from Longhand? Its password and its unsent jobs are deleted; your drafts stay."
            ).format(blog=name)
        ):
            return
        account_id = item.data(Qt.ItemDataRole.UserRole)
        self.busy = True
        self._update_buttons()
        self.message.setText(self.tr("Removing “{blog}”…").format(blog=name))
        run_in_background(
            lambda: self._accounts.remove(account_id),
            lambda _result, error: self._removed(name, error),
            owner=self,
            name="longhand-remove-blog",
        )

    def _removed(self, name: str, error: BaseException | None) -> None:
        self.busy = False
        self.message.setText(
            plain_error(error) if error is not None else self.tr("Removed “{blog}”.").format(blog=name)
        )
        self.refresh()
        self.changed.emit()
