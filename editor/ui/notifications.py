"""Telling the author about new comments: after each comment sync, one notification for what readers wrote
since the last one ("3 new comments on «Post»", or who wrote the one and its first words), which opens the
inbox on it when clicked.

Which comments are news is the core's answer (`core.sync.take_news`: unread, not the author's own, not
spam or trash, never a blog's first sync). Where the desktop has a tray, the tray icon says it
(`tray.py`, with the unread count drawn on the icon); elsewhere the desktop's notification service does,
org.freedesktop.Notifications on the session bus. Blog ▸ Notify of New Comments turns both off (remembered).

The bus is spoken with jeepney rather than QtDBus: PySide6 cannot make the uint32 that Notify's
`replaces_id` must be (a Python int goes out as an int32, 'i', and a QDBusArgument takes it as a uint16,
'q'), and a server refuses a call of the wrong signature. The connection is read from Qt's event loop
(a QSocketNotifier), so nothing waits on the bus. A comment's words come from strangers: they are put on
one line, cut short, and escaped where the server reads markup in bodies.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from functools import partial
from typing import Protocol, cast

from jeepney import DBusAddress, HeaderFields, MatchRule, Message, MessageType, new_method_call
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection
from jeepney.wrappers import DBusErrorResponse
from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QTabWidget

from ..core.model import Comment
from ..core.store import Store, StoreError
from ..core.sync import News, take_news
from .comment_list import one_line, plain_text
from .inbox import Inbox
from .menus import Menus
from .services import Services
from .tray import CommentTray

log = logging.getLogger(__name__)

SETTING = "notifications/comments"  # "0" when the author turned them off
SERVICE = "org.freedesktop.Notifications"
NOTIFICATIONS = DBusAddress("/org/freedesktop/Notifications", bus_name=SERVICE, interface=SERVICE)
DEFAULT_ACTION = "default"  # the specification's key for a click on the notification itself
WORDS_CHARS = 120  # of a comment, in the body
NAME_CHARS = 40  # of an author's name or a post's title
Target = tuple[int, bool]  # the comment to open, and whether it is the newest of several


class DesktopNotifications(QObject):
    """The desktop's notification service on the session bus ($DBUS_SESSION_BUS_ADDRESS), connected on first
    use. `clicked(tag)` when the author clicks a notification `notify` showed with that tag."""

    clicked = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._connection: DBusConnection | None = None
        self._reader: QSocketNotifier | None = None
        self._markup: bool | None = None  # whether the server reads markup in bodies; None until it says
        self._asking = False
        self._waiting: list[tuple[str, str, object]] = []  # held until the server says about markup
        self._replies: dict[int, Callable[[Message], None]] = {}  # by the serial of the call they answer
        self._tags: dict[int, object] = {}  # by notification id, while it is on screen
        self._shown = 0  # the notification on screen, replaced by the next one (0: none)

    def notify(self, summary: str, body: str, tag: object) -> bool:
        """Show a notification that a click opens (`clicked(tag)`), in place of the last one if it is still
        there. `body` is plain text. False when there is no session bus."""
        if self._connect() is None:
            return False
        self._waiting.append((summary, body, tag))
        if self._markup is not None:
            self._send_waiting()
        elif not self._asking:
            self._asking = True
            self._call(new_method_call(NOTIFICATIONS, "GetCapabilities"), self._capabilities)
        return True

    def close(self) -> None:
        """Leave the bus (a later `notify` connects again)."""
        if self._reader is not None:
            self._reader.setEnabled(False)
            self._reader.deleteLater()
        if self._connection is not None:
            self._connection.close()
        self._connection, self._reader, self._markup, self._asking = None, None, None, False
        self._replies.clear()
        self._tags.clear()
        self._shown = 0

    def _connect(self) -> DBusConnection | None:
        if self._connection is not None:
            return self._connection
        try:
            connection = open_dbus_connection("SESSION")
        except (KeyError, OSError, ValueError, DBusErrorResponse) as exc:  # no bus, or it would not have us
            log.info("No desktop notifications: %s", exc)
            return None
        self._connection = connection
        self._reader = QSocketNotifier(connection.sock.fileno(), QSocketNotifier.Type.Read, self)
        self._reader.activated.connect(lambda *_: self._read())
        self.destroyed.connect(lambda *_: connection.close())
        # Only the service's own signals: another program on the bus cannot fake a click.
        rule = MatchRule(type="signal", sender=SERVICE, interface=SERVICE, path=NOTIFICATIONS.object_path)
        connection.send(message_bus.AddMatch(rule))  # its answer is read and dropped like any other
        return connection

    def _call(self, message: Message, on_reply: Callable[[Message], None]) -> None:
        connection = self._connection
        if connection is None:
            return
        serial = next(connection.outgoing_serial)
        try:
            connection.send(message, serial=serial)
        except OSError as exc:
            log.info("The session bus went away: %s", exc)
            self.close()
            return
        self._replies[serial] = on_reply

    def _capabilities(self, reply: Message) -> None:
        self._asking = False
        # A server that cannot say is taken to read markup: escaped text is the safe side.
        self._markup = reply.header.message_type is MessageType.error or "body-markup" in reply.body[0]
        self._send_waiting()

    def _send_waiting(self) -> None:
        waiting, self._waiting = self._waiting, []
        for summary, body, tag in waiting:
            text = html.escape(body, quote=False) if self._markup else body
            hints = {"desktop-entry": ("s", "longhand")}  # the launcher the desktop groups it under
            arguments: tuple[object, ...] = ("Longhand", self._shown, "longhand", summary, text)
            arguments += ([DEFAULT_ACTION, self.tr("Open")], hints, -1)  # -1: the server's own timeout
            message = new_method_call(NOTIFICATIONS, "Notify", "susssasa{sv}i", arguments)
            self._call(message, partial(self._shown_as, tag=tag))

    def _shown_as(self, reply: Message, *, tag: object) -> None:
        if reply.header.message_type is MessageType.error:
            log.info("The desktop did not show the notification: %s", reply.body)
            return
        self._shown = int(reply.body[0])
        self._tags[self._shown] = tag

    def _read(self) -> None:
        while self._connection is not None:
            try:
                message = self._connection.receive(timeout=0)
            except TimeoutError:
                return  # all read; the rest of a message, if any, comes with the next notice
            except (OSError, ValueError) as exc:
                log.info("The session bus went away: %s", exc)
                self.close()
                return
            self._take(message)

    def _take(self, message: Message) -> None:
        fields = message.header.fields
        answering = fields.get(HeaderFields.reply_serial)
        if answering is not None:
            on_reply = self._replies.pop(answering, None)
            if on_reply is not None:
                on_reply(message)
            return
        if message.header.message_type is not MessageType.signal or fields.get(HeaderFields.interface) != SERVICE:
            return
        member, signature, body = fields.get(HeaderFields.member), fields.get(HeaderFields.signature), message.body
        if member == "ActionInvoked" and signature == "us" and body[1] == DEFAULT_ACTION and body[0] in self._tags:
            self.clicked.emit(self._tags[body[0]])
        elif member == "NotificationClosed" and signature == "uu":
            self._tags.pop(body[0], None)
            if body[0] == self._shown:
                self._shown = 0


def texts(news: News, newest: Comment) -> tuple[str, str]:
    """What a notification says: (summary, body), plain text on one line each. One comment: who wrote on which
    post, and its first words; several: how many on which post (or on how many posts), and the newest."""
    author = one_line(newest.author_name, NAME_CHARS) or _tr("Anonymous")
    words = plain_text(newest.html, WORDS_CHARS)
    posts = set(news.posts)
    title = one_line(newest.post_title, NAME_CHARS) or _tr("Post {id}").format(id=one_line(newest.post_id, 20))
    if len(news.ids) == 1:
        return _tr("{author} on «{post}»").format(author=author, post=title), words
    if len(posts) == 1:
        summary = _tr("{count} new comments on «{post}»").format(count=len(news.ids), post=title)
    else:
        summary = _tr("{count} new comments on {posts} posts").format(count=len(news.ids), posts=len(posts))
    return summary, f"{author}: {words}"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Notifications", text)


class WindowParts(Protocol):
    """What this module uses of the main window (which imports it, so it is not imported here)."""

    store: Store
    services: Services
    inbox: Inbox
    side_tabs: QTabWidget
    menus: Menus


class CommentNotifications(QObject):
    """Notifications of new comments for a window: the setting, the choice of tray or bus, and the click."""

    def __init__(self, window: QMainWindow, desktop: DesktopNotifications | None = None) -> None:
        super().__init__(window)
        self.setObjectName("commentNotifications")
        parts = cast(WindowParts, window)
        self.window, self.store, self.inbox, self.side_tabs = window, parts.store, parts.inbox, parts.side_tabs
        try:
            self.enabled = self.store.get_setting(SETTING) != "0"
        except StoreError:
            self.enabled = True
        self.action = QAction(self.tr("&Notify of New Comments"), self, checkable=True, checked=self.enabled)
        self.action.setStatusTip(self.tr("Tell me when a sync brings comments I have not read"))
        self.action.toggled.connect(self.set_enabled)
        parts.menus.add("blog", self.action)
        self.desktop = desktop if desktop is not None else DesktopNotifications(self)
        self.desktop.clicked.connect(lambda target: self.open(*target))
        self.tray: CommentTray | None = None
        self._tray_target: Target | None = None
        parts.services.comments_synced.connect(self.synced)
        self.inbox.unread_changed.connect(self._unread_changed)

    def set_enabled(self, enabled: bool) -> None:
        """Notify of new comments, or not (remembered); off, the tray icon goes too."""
        self.enabled = enabled
        self.action.setChecked(enabled)
        try:
            self.store.set_setting(SETTING, "1" if enabled else "0")
        except StoreError as exc:
            log.warning("The notification setting was not saved: %s", exc)
        if not enabled and self.tray is not None:
            self.tray.hide()

    def synced(self, _new: int = 0) -> None:
        """A sync finished: tell the author of the comments that are news, if any (and if wanted). What
        came while notifications were off is not told later."""
        try:
            news = take_news(self.store)
            newest = self.inbox.comments.get(news.ids[0]) if news.ids and self.enabled else None
        except StoreError as exc:
            log.warning("New comments could not be read: %s", exc)
            return
        if newest is None:
            return
        summary, body = texts(news, newest)
        target: Target = (newest.id, len(news.ids) > 1)
        if CommentTray.available():
            self._tray_target = target
            self._ensure_tray().show_message(_no_tags(summary), _no_tags(body))
        else:
            self.desktop.notify(summary, body, target)

    def open(self, comment_id: int, several: bool = False) -> None:
        """Bring the window to the front on the inbox, at the comment (several: in the Unread view)."""
        self.window.setWindowState(self.window.windowState() & ~Qt.WindowState.WindowMinimized)
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        self.side_tabs.setCurrentWidget(self.inbox.list_panel)
        self.inbox.show_comment(comment_id, "unread" if several else "all")

    def _ensure_tray(self) -> CommentTray:
        if self.tray is None:
            self.tray = CommentTray(self.window.windowIcon(), self)
            self.tray.clicked.connect(self._tray_clicked)
        self.tray.set_count(self.inbox.unread_count())
        return self.tray

    def _tray_clicked(self) -> None:
        if self._tray_target is not None:
            self.open(*self._tray_target)

    def _unread_changed(self, count: int) -> None:
        if self.tray is not None:
            self.tray.set_count(count)


def _no_tags(text: str) -> str:
    """Plain text that no label can take for rich text: a tray message may be shown by a QLabel that guesses
    (a "<" is what makes it guess), where escaping would show "&lt;" to a desktop that does not."""
    return text.replace("<", "‹").replace(">", "›")


def install(window: QMainWindow) -> CommentNotifications:
    """Notify of new comments from this window's syncs, with the Blog menu's switch."""
    return CommentNotifications(window)
