"""Help ▸ Keyboard Shortcuts (F1, Ctrl+/) and Help ▸ About Longhand.

The shortcut reference is read from the window's own actions when it opens (each menu's, submenus included,
then the window's actions that no menu shows) and from the inbox's triage-key hint, so it can never list a
key that no longer does what it says.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .comment_actions import TRIAGE_HINT
from .menus import Menus

translate = QCoreApplication.translate


@dataclass(frozen=True)
class Shortcut:
    """One line of the reference: what a key does, and the key as the platform writes it."""

    text: str
    keys: str


def _plain(text: str) -> str:
    """An action's text without its mnemonic marks and its tab-separated key column."""
    return text.split("\t")[0].replace("&&", "\0").replace("&", "").replace("\0", "&")


def _shortcut(action: QAction) -> Shortcut | None:
    keys = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts() if not s.isEmpty()]
    if not keys and "\t" in action.text():  # a key the action's widget handles itself (the inbox's letters)
        keys = [action.text().split("\t", 1)[1]]
    if not keys or action.isSeparator():
        return None
    return Shortcut(_plain(action.text()), ", ".join(keys))


def _submenu(action: QAction) -> QMenu | None:
    menu = action.menu()
    return menu if isinstance(menu, QMenu) else None


def _leaf_actions(menu: QMenu) -> list[QAction]:
    """The actions of `menu` and of its submenus, in the order they are shown."""
    found: list[QAction] = []
    for action in menu.actions():
        submenu = _submenu(action)
        found.extend(_leaf_actions(submenu) if submenu is not None else [action])
    return found


def window_shortcuts(window: QMainWindow) -> dict[str, list[Shortcut]]:
    """The window's shortcuts grouped by menu title (then "Window" for those no menu shows, and the comment
    list's triage keys), in the menus' order."""
    groups: dict[str, list[Shortcut]] = {}
    in_menus: set[QAction] = set()
    for bar_action in window.menuBar().actions():
        menu = _submenu(bar_action)
        if menu is None:
            continue
        actions = _leaf_actions(menu)
        in_menus.update(actions)
        if shortcuts := [s for a in actions if (s := _shortcut(a)) is not None]:
            groups.setdefault(_plain(menu.title()), []).extend(shortcuts)
    hidden = [s for a in window.actions() if a not in in_menus and (s := _shortcut(a)) is not None]
    if hidden:
        groups[translate("HelpMenu", "Window")] = hidden
    triage = []
    for item in translate("CommentActions", TRIAGE_HINT).split(" · "):
        keys, _, text = item.partition(" ")
        triage.append(Shortcut(text, keys.upper().replace("/", ", ")))  # "j/k move": J, K
    groups[translate("HelpMenu", "Comment List")] = triage
    return groups


class ShortcutsDialog(QDialog):
    """Every shortcut of the window, grouped by menu, with a search field that filters as you type."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.resize(520, 600)
        self.search = QLineEdit(placeholderText=self.tr("Search shortcuts"), clearButtonEnabled=True)
        self.search.setAccessibleName(self.tr("Search shortcuts"))
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Shortcuts"))
        self.tree.setHeaderLabels([self.tr("Action"), self.tr("Shortcut")])
        self.tree.setColumnWidth(0, 320)
        self._groups: list[tuple[QTreeWidgetItem, list[QTreeWidgetItem]]] = []
        for group, shortcuts in window_shortcuts(window).items():
            group_item = QTreeWidgetItem(self.tree, [group])
            rows = [QTreeWidgetItem(group_item, [shortcut.text, shortcut.keys]) for shortcut in shortcuts]
            self._groups.append((group_item, rows))
        self.tree.expandAll()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self.filter)
        self.search.setFocus()

    def filter(self, text: str) -> None:
        """Show the shortcuts whose action or key contains `text` (any case), and the groups holding them."""
        needle = text.strip().casefold()
        for group, rows in self._groups:
            shown = 0
            for item in rows:
                hit = not needle or needle in f"{item.text(0)}\n{item.text(1)}".casefold()
                item.setHidden(not hit)
                shown += hit
            group.setHidden(shown == 0)

    def visible_rows(self) -> list[tuple[str, str]]:
        """The (action, shortcut) rows shown now."""
        return [
            (item.text(0), item.text(1))
            for group, rows in self._groups
            if not group.isHidden()
            for item in rows
            if not item.isHidden()
        ]


def show_shortcuts(window: QMainWindow) -> ShortcutsDialog:
    """Help ▸ Keyboard Shortcuts: the reference, read from the window as it is now."""
    dialog = ShortcutsDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def version() -> str:
    """Longhand's installed version, or "unknown" when it runs from files that were never installed."""
    try:
        return metadata.version("longhand")
    except metadata.PackageNotFoundError:
        return translate("HelpMenu", "unknown")


def show_about(window: QWidget) -> None:
    """Help ▸ About Longhand: the name, the version, what it is."""
    text = translate("HelpMenu", "<h3>Longhand {version}</h3><p>An offline-first desktop blog editor.</p>")
    QMessageBox.about(window, translate("HelpMenu", "About Longhand"), text.format(version=version()))


def install(window: QMainWindow) -> None:
    """Help ▸ Keyboard Shortcuts (F1, Ctrl+/) and Help ▸ About Longhand. (The window's `menus` is a `Menus`.)"""
    menus: Menus = window.menus  # type: ignore[attr-defined]
    shortcuts = menus.action("help", translate("HelpMenu", "&Keyboard Shortcuts"), lambda: show_shortcuts(window))
    shortcuts.setShortcuts([QKeySequence(QKeySequence.StandardKey.HelpContents), QKeySequence("Ctrl+/")])
    menus.action("help", translate("HelpMenu", "&About Longhand"), lambda: show_about(window))
