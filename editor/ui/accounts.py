"""Blogs in the window: the Add Blog dialog and the Blogs list. Everything that may block (the
connection test, the keyring, which can wait for the author to unlock it) runs off the UI thread.

The password typed here goes to one place only: `Accounts.add`, which puts it in the system keyring.
It is never logged, shown, or put in a message.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import cast
from urllib.parse import urlsplit

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..backends.base import (
    Backend,
    BackendError,
    Credentials,
    SignIn,
    SiteInfo,
    available_backends,
    require_safe_transport,
    sign_in_of,
)
from ..core.accounts import Accounts
from ..core.model import Account
from ..core.store import Store
from .background import plain_error, run_in_background
from .connect_browser import BrowserConnections

CHECK_TIMEOUT = 15.0  # seconds; a connection test should not keep the author waiting for long
# Marked for lupdate here, translated where shown (self.tr).
CHECKING = cast(str, QT_TRANSLATE_NOOP("AddBlogDialog", "Checking…"))
ADDING = cast(str, QT_TRANSLATE_NOOP("AddBlogDialog", "Adding the blog; your system keyring may ask you to unlock it…"))


def site_url(text: str) -> str:
    """The address as typed, with https:// added when no scheme was given."""
    text = text.strip()
    if text and "://" not in text:
        text = "https://" + text
    return text.rstrip("/")


def check_connection(
    backend_class: type[Backend], credentials: Credentials, timeout: float = CHECK_TIMEOUT
) -> SiteInfo:
    """Find the blog's API and sign in (blocking: run it off the UI thread)."""
    backend = backend_class(credentials, timeout=timeout)
    try:
        backend.discover()
        return backend.verify()
    finally:
        backend.close()


class StaysOpenWhileBusy(QDialog):
    """A dialog that cannot be closed (Cancel, Escape, the window's close button) while its work runs
    on a background thread: the author is waiting for that answer, and a closed dialog would drop it."""

    busy = False

    def reject(self) -> None:
        """Close, unless the dialog is busy."""
        if not self.busy:
            super().reject()


class AddBlogDialog(StaysOpenWhileBusy):
    """Site address and Connect with browser first; or blog type, user name, application password and a
    name, with Test connection and Add."""

    added = Signal(object)  # the stored Account (None when it was connected through the browser)

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        backends: dict[str, type[Backend]] | None = None,
        browser: BrowserConnections | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add Blog"))
        self.setMinimumWidth(460)
        self._accounts = Accounts(store)
        self._backends = available_backends() if backends is None else backends
        self._generation = 0  # bumped on every edit: a test result is for the inputs it checked
        self._verified: tuple[int, SiteInfo] | None = None
        self.checking = False

        self.url = QLineEdit(placeholderText=self.tr("https://example.com"))
        self.backend = QComboBox()
        for name, backend in self._backends.items():
            self.backend.addItem(getattr(backend, "label", name), name)
        self.backend.setCurrentIndex(max(self.backend.findData("wordpress"), 0))  # the most common blog first
        self.username = QLineEdit()
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("An application password, not your login password"))
        self.password.setInputMethodHints(
            Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhHiddenText
            | Qt.InputMethodHint.ImhNoPredictiveText
        )
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("The site's host name"))
        self.test_button = QPushButton(self.tr("Test connection"))
        self.connection_result = QLabel(wordWrap=True)
        self.connection_result.setObjectName("connectionResult")
        self.connection_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.addButton(self.tr("Add"), QDialogButtonBox.ButtonRole.AcceptRole)

        self.browser_button = QPushButton(self.tr("Connect with browser"))
        self.browser_button.setToolTip(
            self.tr("Approve Longhand on the blog's own page, signed in as usual: no password to copy")
        )
        self.browser_result = QLabel(wordWrap=True, openExternalLinks=True)
        self.browser_result.setObjectName("browserResult")
        self.browser_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.or_label = QLabel()
        self._form = form = QFormLayout()
        form.addRow(self.tr("Blog type"), self.backend)
        form.addRow(self.tr("Site address"), self.url)
        form.addRow(self.tr("Name in Longhand"), self.name)
        form.addRow("", self.browser_button)
        form.addRow("", self.browser_result)
        form.addRow(self.or_label)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Application password"), self.password)
        self._browser = browser
        if browser is not None:
            self.browser_button.clicked.connect(self.connect_with_browser)
            browser.waiting.connect(self._browser_waiting)
            browser.failed.connect(lambda sentence: self._show_browser(html.escape(sentence), ok=False))
            browser.finished.connect(self._browser_finished)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.connection_result, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(test_row)
        layout.addWidget(self.buttons)

        for field in (self.url, self.username, self.password):
            field.textEdited.connect(self._inputs_changed)
        self.backend.currentIndexChanged.connect(self._inputs_changed)
        self.backend.currentIndexChanged.connect(self._ask_what_the_blog_needs)
        self._ask_what_the_blog_needs()
        self.test_button.clicked.connect(self.test_connection)
        self.buttons.accepted.connect(self.add)
        self.buttons.rejected.connect(self.reject)
        if not self._backends:
            self._show_result(self.tr("No blog backend is installed, so Longhand cannot talk to a blog."), ok=False)
        self._update_enabled()

    # -- inputs -----------------------------------------------------------------------------------
    def _address(self) -> str:
        """The address as typed: a folder made absolute, or a web address with https:// when it had no scheme."""
        if self._sign_in().folder:
            return str(Path(self.url.text().strip()).expanduser().resolve()) if self.url.text().strip() else ""
        return site_url(self.url.text())

    def _sign_in(self) -> SignIn:
        backend = self._backends.get(self.backend.currentData())
        return sign_in_of(backend) if backend is not None else SignIn()

    def _ask_what_the_blog_needs(self) -> None:
        """The fields the chosen kind of blog asks for, in its words (a Ghost blog wants an Admin API key,
        a static site a folder and nothing secret)."""
        sign_in = self._sign_in()
        browser = sign_in.browser and self._browser is not None
        for widget in (self.browser_button, self.browser_result, self.or_label):
            self._form.setRowVisible(widget, browser)
        # The backend's words for its secret (core) stay English.
        secret = (sign_in.secret or self.tr("password")).lower()
        self.or_label.setText("<i>" + self.tr("Or with your {secret}:").format(secret=secret) + "</i>")
        self._form.setRowVisible(self.username, sign_in.user is not None)
        self._form.setRowVisible(self.password, sign_in.secret is not None)
        self._label(self.url, sign_in.address)
        self._label(self.username, sign_in.user or "")
        self._label(self.password, sign_in.secret or "")
        self.password.setPlaceholderText(sign_in.secret_hint or "")
        self.url.setPlaceholderText(self.tr("/home/you/blog") if sign_in.folder else self.tr("https://example.com"))

    def _label(self, field: QWidget, text: str) -> None:
        label = self._form.labelForField(field)
        if isinstance(label, QLabel):
            label.setText(text)

    def _inputs_changed(self) -> None:
        self._generation += 1
        self._verified = None
        host = urlsplit(site_url(self.url.text())).hostname
        self.name.setPlaceholderText(host or self.tr("The site's host name"))
        if not self.checking:
            self._show_result("")

    def _update_enabled(self) -> None:
        """Buttons and fields for the current state: nothing to change or press while adding."""
        for widget in (self.url, self.backend, self.username, self.password, self.name, self.cancel_button):
            widget.setEnabled(not self.busy)
        self.test_button.setEnabled(bool(self._backends) and not self.checking and not self.busy)
        self.add_button.setEnabled(bool(self._backends) and not self.busy)

    def _credentials(self) -> tuple[str, Credentials] | None:
        """(backend name, credentials) from the form, or None after saying what is missing."""
        url = self._address()
        problem = self._problem(url)
        if problem is not None:
            self._show_result(problem, ok=False)
            return None
        return self.backend.currentData(), Credentials(url, self.username.text().strip(), self.password.text().strip())

    def _problem(self, url: str) -> str | None:
        """What is missing or wrong in the form (the address being `url`), or None when it is complete."""
        sign_in = self._sign_in()
        if self.backend.currentData() not in self._backends:
            return self.tr("Choose the kind of blog.")
        if sign_in.folder:
            if not Path(url).expanduser().is_dir():
                return self.tr("Enter the blog's folder on this computer ({url} is not a folder).").format(
                    url=url or self.tr("none given")
                )
        elif not url:
            return self.tr("Enter the blog's address, such as https://example.com.")
        else:
            try:
                require_safe_transport(url)
            except BackendError as exc:
                return str(exc)
            if not urlsplit(url).hostname:
                return self.tr("{url} is not a web address (it should look like https://example.com).").format(url=url)
        if sign_in.user is not None and not self.username.text().strip():
            return self.tr("Enter your {user} on the blog.").format(user=sign_in.user.lower())
        if sign_in.secret is not None and not self.password.text().strip():
            secret = sign_in.secret.lower()
            if sign_in.secret_hint:
                return self.tr("Enter the {secret} ({hint}).").format(secret=secret, hint=sign_in.secret_hint)
            return self.tr("Enter the {secret}.").format(secret=secret)
        return None

    def _show_result(self, sentence: str, ok: bool | None = None) -> None:
        self.connection_result.setText(sentence)
        colour = "" if ok is None else "color: #1a7f37;" if ok else "color: #c62828;"
        self.connection_result.setStyleSheet(colour)

    # -- test connection --------------------------------------------------------------------------
    def test_connection(self) -> None:
        """Check the address and the password on a background thread; the answer replaces "Checking…"."""
        if self.checking or self.busy:
            return
        inputs = self._credentials()
        if inputs is None:
            return
        name, credentials = inputs
        backend = self._backends[name]
        generation = self._generation
        self.checking = True
        self._update_enabled()
        self._show_result(self.tr(CHECKING))
        run_in_background(
            lambda: check_connection(backend, credentials),
            lambda info, error: self._checked(generation, info, error),
            owner=self,
            name="longhand-check",
        )

    def _checked(self, generation: int, info: SiteInfo | None, error: BaseException | None) -> None:
        self.checking = False
        self._update_enabled()
        if self.busy:  # adding: its own sentence stays until it is done
            return
        if generation != self._generation:  # the author changed the form meanwhile: the answer is stale
            self._show_result("")
            return
        if error is not None:
            self._show_result(plain_error(error), ok=False)
            return
        assert info is not None  # no error, so the check returned what it learned
        self._verified = (generation, info)
        user = info.user_name or self.username.text().strip()
        self._show_result(self.tr("Connected to {blog} as {user}").format(blog=info.name, user=user), ok=True)

    # -- connect with browser ---------------------------------------------------------------------
    def connect_with_browser(self) -> None:
        """Open the blog's approval page; the blog is added when the browser comes back to Longhand."""
        url = site_url(self.url.text())
        if not urlsplit(url).hostname:
            self._show_browser(self.tr("Enter the blog's address, such as https://example.com."), ok=False)
            return
        if self._browser is None:
            return
        self._show_browser(self.tr("Asking the blog…"))
        self._browser.start(url, self.name.text().strip(), wpcom=self.backend.currentData() == "wpcom")

    def _show_browser(self, rich_text: str, ok: bool | None = None) -> None:
        self.browser_result.setText(rich_text)
        self.browser_result.setStyleSheet("" if ok is None else "color: #1a7f37;" if ok else "color: #c62828;")
        # A shown dialog does not grow by itself for a wrapped label's new height.
        self.browser_result.setMinimumHeight(self.browser_result.heightForWidth(self.browser_result.width()))

    def _browser_waiting(self, page: str, title: str) -> None:
        # The title and the address come from the blog: escaped, never markup.
        self._show_browser(
            self.tr(
                "Approve Longhand for {blog} in your browser. "
                'If no browser opened, open <a href="{page}">this address</a>.'
            ).format(blog=html.escape(title), page=html.escape(page, quote=True))
        )

    def _browser_finished(self, ok: bool, sentence: str) -> None:
        self._show_browser(html.escape(sentence), ok=ok)
        if ok:
            self.added.emit(None)
            self.accept()

    # -- add --------------------------------------------------------------------------------------
    def add(self) -> None:
        """Store the blog and put the password in the keyring, on a background thread (the keyring may
        wait for the author to unlock it). The dialog stays open and busy meanwhile; it closes when the
        blog is added, and shows the sentence when it is refused."""
        if self.busy:
            return
        inputs = self._credentials()
        if inputs is None:
            return
        backend, credentials = inputs
        verified = self._verified[1] if self._verified and self._verified[0] == self._generation else None
        # _credentials refuses a web address without a host name, and a folder that is not one.
        host = urlsplit(credentials.base_url).hostname or Path(credentials.base_url).name
        account = Account(
            id=None,
            name=self.name.text().strip() or host,
            backend=backend,
            base_url=credentials.base_url,
            username=credentials.username,
            api_root=verified.api_root if verified else "",
        )
        secret = credentials.secret if self._sign_in().secret is not None else None  # a folder keeps no secret
        self.busy = True
        self._update_enabled()
        self._show_result(self.tr(ADDING))
        run_in_background(
            lambda: self._accounts.add(account, secret), self._added, owner=self, name="longhand-add-blog"
        )

    def _added(self, stored: Account | None, error: BaseException | None) -> None:
        self.busy = False
        self._update_enabled()
        if error is not None:
            self._show_result(plain_error(error), ok=False)
            return
        self.password.clear()
        self.added.emit(stored)
        self.accept()
