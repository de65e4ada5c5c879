"""The tray icon, where the desktop has a tray: the window's icon with the unread comments counted on it, and
the messages about new comments (`notifications.py` decides when)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QSystemTrayIcon

ICON_SIZE = 64  # drawn at this size; the tray scales it down
BADGE_COLOR = QColor("#d93025")
MESSAGE_MS = 8000


def badge(icon: QIcon, count: int, size: int = ICON_SIZE) -> QIcon:
    """`icon` with `count` in a red disc over its lower right corner ("99+" above 99); `icon` itself at 0."""
    if count <= 0:
        return icon
    pixmap = icon.pixmap(size, size) if not icon.isNull() else QPixmap(size, size)
    if icon.isNull():
        pixmap.fill(Qt.GlobalColor.transparent)
    pixmap = pixmap.scaled(size, size)  # a theme may hand back another size than asked
    text = str(count) if count < 100 else "99+"
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    disc = QRectF(size * 0.4, size * 0.4, size * 0.6, size * 0.6)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(BADGE_COLOR)
    painter.drawEllipse(disc)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * (0.4 if len(text) == 1 else 0.3 if len(text) == 2 else 0.22)))
    painter.setFont(font)
    painter.setPen(Qt.GlobalColor.white)
    painter.drawText(disc, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return QIcon(pixmap)


class CommentTray(QObject):
    """A tray icon showing how many comments are unread. `clicked()` when the author clicks a message it
    showed, or the icon itself."""

    clicked = Signal()

    def __init__(self, icon: QIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._base = icon
        self.count = 0
        self.last_message: tuple[str, str] | None = None  # (title, body) of the message shown last
        self.icon = QSystemTrayIcon(icon, self)
        self.icon.setToolTip("Longhand")
        self.icon.messageClicked.connect(self.clicked)
        self.icon.activated.connect(self._activated)

    @staticmethod
    def available() -> bool:
        """Whether the desktop shows tray icons (never on the offscreen platform)."""
        return QSystemTrayIcon.isSystemTrayAvailable()

    def set_count(self, count: int) -> None:
        """Show `count` unread comments on the icon and in its tool tip."""
        self.count = count
        self.icon.setIcon(badge(self._base, count))
        if count == 0:
            self.icon.setToolTip("Longhand")
        elif count == 1:
            self.icon.setToolTip(self.tr("Longhand — 1 unread comment"))
        else:
            self.icon.setToolTip(self.tr("Longhand — {count} unread comments").format(count=count))

    def show_message(self, title: str, body: str) -> None:
        """Show the icon (if it was hidden) and a message beside it. The texts are shown as plain text."""
        self.last_message = (title, body)
        self.icon.show()
        self.icon.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS)

    def hide(self) -> None:
        """Take the icon out of the tray."""
        self.icon.hide()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.clicked.emit()
