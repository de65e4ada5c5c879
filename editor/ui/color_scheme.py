"""View ▸ Appearance (System, Light, Dark): the one place that knows whether the window is dark.

The choice is remembered in the store and applied at start. System follows the desktop while Longhand
runs (`QStyleHints.colorSchemeChanged`). Light and Dark ask Qt for that scheme (`setColorScheme`, Qt 6.8+),
so that Qt's own widgets follow where the platform theme can switch; where it cannot (the generic and
offscreen platforms ignore the request, and Qt then reports no scheme at all), the application palette
is set here instead. Whatever changed it, the editor's highlighter follows the palette, and the preview
and the conversation page switch palettes in place when `changed` says so.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol, cast

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QMainWindow, QMenu

from ..core.store import Store, StoreError
from .menus import Menus

SETTING = "view/color_scheme"
# Marks the application palette as set here, so that going back to the desktop's colours resets it
# (the application object outlives any one window; a palette set by anyone else is left alone).
_OWN_PALETTE = "longhandPalette"

# Dark colours in the tones of the preview's dark page (preview.css), so the panes read as one.
_DARK = {
    QPalette.ColorRole.Window: "#1c2128",
    QPalette.ColorRole.WindowText: "#e6edf3",
    QPalette.ColorRole.Base: "#0d1117",
    QPalette.ColorRole.AlternateBase: "#161b22",
    QPalette.ColorRole.Text: "#e6edf3",
    QPalette.ColorRole.PlaceholderText: "#848d97",
    QPalette.ColorRole.Button: "#262c36",
    QPalette.ColorRole.ButtonText: "#e6edf3",
    QPalette.ColorRole.BrightText: "#ff7b72",
    QPalette.ColorRole.Highlight: "#1f6feb",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#4493f8",
    QPalette.ColorRole.LinkVisited: "#ab7df8",
    QPalette.ColorRole.ToolTipBase: "#262c36",
    QPalette.ColorRole.ToolTipText: "#e6edf3",
    QPalette.ColorRole.Light: "#3d444d",
    QPalette.ColorRole.Midlight: "#30363d",
    QPalette.ColorRole.Mid: "#262c36",
    QPalette.ColorRole.Dark: "#0d1117",
    QPalette.ColorRole.Shadow: "#010409",
}
_DARK_DISABLED = {
    QPalette.ColorRole.WindowText: "#6e7681",
    QPalette.ColorRole.Text: "#6e7681",
    QPalette.ColorRole.ButtonText: "#6e7681",
    QPalette.ColorRole.Highlight: "#30363d",
}
_LIGHT_WINDOW = "#efefef"  # Fusion's own light window colour


class Appearance(StrEnum):
    """What View ▸ Appearance offers: the desktop's scheme, or one forced."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether `palette` (by default the application's) is dark: its window colour is."""
    palette = palette if palette is not None else QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def dark_palette() -> QPalette:
    """The palette Dark uses where the platform cannot switch Qt's own."""
    palette = QPalette(QColor(_DARK[QPalette.ColorRole.Window]))
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    for role, colour in _DARK_DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return palette


class _FollowsScheme(Protocol):
    def set_dark(self, dark: bool) -> None: ...


class _Inbox(Protocol):
    conversation: _FollowsScheme


class WindowParts(Protocol):
    """What this module uses of the main window (which imports it, so it is not imported here)."""

    store: Store
    menus: Menus
    preview: _FollowsScheme
    inbox: _Inbox


class ColorScheme(QObject):
    """The chosen appearance, the scheme in effect, and View ▸ Appearance's three exclusive actions.

    `changed(bool)` says the window turned dark (True) or light."""

    changed = Signal(bool)

    def __init__(self, store: Store, window: QMainWindow) -> None:
        super().__init__(window)
        self.store = store
        self.dark = is_dark()
        try:
            saved = store.get_setting(SETTING)
        except StoreError:
            saved = None
        self.appearance = Appearance(saved) if saved in set(Appearance) else Appearance.SYSTEM
        self.menu = QMenu(self.tr("&Appearance"), window)
        self.menu.setAccessibleName(self.tr("Appearance"))
        group = QActionGroup(self)
        group.setExclusive(True)
        self.actions: dict[Appearance, QAction] = {}
        for appearance, text in (
            (Appearance.SYSTEM, self.tr("&System")),
            (Appearance.LIGHT, self.tr("&Light")),
            (Appearance.DARK, self.tr("&Dark")),
        ):
            action = QAction(text, group, checkable=True)
            action.setChecked(appearance is self.appearance)
            action.triggered.connect(lambda _checked, chosen=appearance: self.choose(chosen))
            self.menu.addAction(action)
            self.actions[appearance] = action
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_changed)

    def start(self) -> None:
        """Apply the remembered choice (the window's panes were made in the desktop's colours)."""
        self._ask_qt()
        self.apply()

    def choose(self, appearance: Appearance) -> None:
        """Switch to `appearance` now and remember it."""
        self.appearance = appearance
        self.actions[appearance].setChecked(True)
        try:
            self.store.set_setting(SETTING, appearance.value)
        except StoreError:
            pass  # the choice is still applied now, just not remembered
        self._ask_qt()
        self.apply()

    def _ask_qt(self) -> None:
        hints = QGuiApplication.styleHints()
        if not hasattr(hints, "setColorScheme"):  # before Qt 6.8 only the palette can be set
            return
        if self.appearance is Appearance.SYSTEM:
            hints.unsetColorScheme()
        else:
            dark = self.appearance is Appearance.DARK
            hints.setColorScheme(Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light)

    def _system_changed(self, scheme: Qt.ColorScheme) -> None:
        if self.appearance is Appearance.SYSTEM:
            self.apply(scheme)

    def apply(self, system: Qt.ColorScheme | None = None) -> None:
        """Make the application palette match the appearance (System: `system`, or the scheme Qt
        reports) and tell the listeners when the window turned dark or light."""
        app = cast(QGuiApplication, QGuiApplication.instance())
        if app.property(_OWN_PALETTE):
            app.setPalette(QPalette())  # no role set: the platform's palette again, and it follows the desktop
            app.setProperty(_OWN_PALETTE, False)
        if self.appearance is Appearance.SYSTEM:
            scheme = system if system is not None else QGuiApplication.styleHints().colorScheme()
            dark = is_dark() if scheme == Qt.ColorScheme.Unknown else scheme == Qt.ColorScheme.Dark
        else:
            dark = self.appearance is Appearance.DARK
        if is_dark() != dark:
            app.setPalette(dark_palette() if dark else QPalette(QColor(_LIGHT_WINDOW)))
            app.setProperty(_OWN_PALETTE, True)
        if dark != self.dark:
            self.dark = dark
            self.changed.emit(dark)


def install(window: QMainWindow) -> ColorScheme:
    """Add View ▸ Appearance, apply the remembered choice, and have the preview and the conversation page
    follow the scheme (the editor follows the application palette by itself)."""
    parts = cast(WindowParts, window)
    scheme = ColorScheme(parts.store, window)
    parts.menus.add("view", scheme.menu)
    scheme.changed.connect(parts.preview.set_dark)
    scheme.changed.connect(parts.inbox.conversation.set_dark)
    scheme.start()
    return scheme
