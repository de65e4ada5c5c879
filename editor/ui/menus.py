"""The main window's menu bar, and the places in it where features put their own actions.

The window builds the menus it owns (`build`); a feature module then adds its actions through
`Menus.add` at a named place, so its wiring is one line in the window and a menu is never found by
its (translated) title.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

Shortcut = QKeySequence | QKeySequence.StandardKey | str


# lupdate extracts translate("Context", "text") calls; a one-argument helper would hide the context from it.
translate = QCoreApplication.translate


class Menus:
    """The menu bar's menus by name ("file", "edit", "view", "blog", "help") and named insertion points
    ("file.import": with Import/Export; "blog.open": after Blogs…), each a separator the new actions go
    before. A place that is a menu's name appends to that menu."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.menus: dict[str, QMenu] = {}
        self.places: dict[str, tuple[QMenu, QAction]] = {}

    def menu(self, name: str, title: str) -> QMenu:
        """The menu `name`, added to the bar with `title` the first time."""
        if name not in self.menus:
            self.menus[name] = self.window.menuBar().addMenu(title)
        return self.menus[name]

    def mark(self, place: str, menu: QMenu) -> None:
        """Remember the current end of `menu` as `place` (a separator that later additions go before)."""
        self.places[place] = (menu, menu.addSeparator())

    def action(
        self,
        place: str,
        text: str,
        slot: Callable,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        """A new action with `text` and `shortcut` calling `slot`, put at `place`."""
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return self.add(place, action)

    def add(self, place: str, item: QAction | QMenu) -> QAction:
        """Put an existing action or submenu at `place`; returns the action that shows it."""
        if place in self.places:
            menu, before = self.places[place]
        else:
            menu, before = self.menus[place], None
        shown = item.menuAction() if isinstance(item, QMenu) else item
        menu.insertAction(before, shown) if before is not None else menu.addAction(shown)
        return shown

    def separator(self, place: str) -> None:
        """A separator at `place`."""
        if place in self.places:
            menu, before = self.places[place]
            menu.insertSeparator(before)
        else:
            self.menus[place].addSeparator()


def build(window: Any) -> Menus:
    """The menus the main window itself owns: drafts, editing, panes, the blog and the inbox. (The
    window imports this module, hence `Any`.)"""
    menus = Menus(window)
    file_menu = menus.menu("file", translate("Menus", "&File"))
    menus.action("file", translate("Menus", "&New Draft"), window.new_draft, QKeySequence.StandardKey.New)
    menus.action("file", translate("Menus", "Save &Revision"), window.save_revision, QKeySequence.StandardKey.Save)
    menus.action("file", translate("Menus", "Revision &History…"), window.show_history, "Ctrl+Shift+H")
    file_menu.addSeparator()
    menus.action("file", translate("Menus", "&Import Markdown…"), window.import_file, "Ctrl+Shift+I")
    menus.action("file", translate("Menus", "&Export Markdown…"), window.export_file, "Ctrl+Shift+E")
    menus.mark("file.import", file_menu)
    menus.action("file", translate("Menus", "&Delete Draft"), window.delete_draft)
    file_menu.addSeparator()
    menus.action("file", translate("Menus", "&Quit"), window.close, QKeySequence.StandardKey.Quit)

    editor = window.editor
    edit_menu = menus.menu("edit", translate("Menus", "&Edit"))
    menus.action("edit", translate("Menus", "&Undo"), editor.undo, QKeySequence.StandardKey.Undo)
    menus.action("edit", translate("Menus", "&Redo"), editor.redo, QKeySequence.StandardKey.Redo)
    edit_menu.addSeparator()
    menus.action("edit", translate("Menus", "Cu&t"), editor.cut, QKeySequence.StandardKey.Cut)
    menus.action("edit", translate("Menus", "&Copy"), editor.copy, QKeySequence.StandardKey.Copy)
    menus.action("edit", translate("Menus", "&Paste"), editor.paste, QKeySequence.StandardKey.Paste)
    menus.action("edit", translate("Menus", "Select &All"), editor.selectAll, QKeySequence.StandardKey.SelectAll)
    edit_menu.addSeparator()
    menus.action("edit", translate("Menus", "Insert &Picture…"), window.pictures.choose, "Ctrl+Shift+G")
    edit_menu.addSeparator()
    find = window.find_bar
    for action in (find.find_action, find.find_next_action, find.find_previous_action, find.replace_action):
        menus.add("edit", action)

    view_menu = menus.menu("view", translate("Menus", "&View"))
    for text, pane, key in (
        (translate("Menus", "&Sidebar"), window.side_tabs, "Ctrl+1"),
        (translate("Menus", "Post &Fields"), window.fields, "Ctrl+2"),
        (translate("Menus", "&Preview"), window.preview, "Ctrl+3"),
    ):
        action = menus.action("view", text, lambda checked, p=pane: p.setVisible(checked), key)
        action.setCheckable(True)
        action.setChecked(True)
    menus.add("view", window.outbox_panel.toggleViewAction())  # Blog ▸ Outbox shows it in front
    view_menu.addSeparator()
    menus.add("view", window.theme.action)

    blog_menu = menus.menu("blog", translate("Menus", "&Blog"))
    publishing = window.publishing
    menus.action("blog", translate("Menus", "&Publish…"), publishing.publish, "Ctrl+Shift+P")
    menus.action("blog", translate("Menus", "Move to the Blog's &Trash"), publishing.unpublish)
    menus.action("blog", translate("Menus", "&Blogs…"), publishing.show_blogs)
    menus.action("blog", translate("Menus", "&Outbox"), window.outbox_panel.present)
    menus.mark("blog.open", blog_menu)
    menus.action(
        "blog", translate("Menus", "Comment &Inbox"), lambda: window.side_tabs.setCurrentIndex(1), "Ctrl+Shift+C"
    )
    menus.action("blog", translate("Menus", "&Fetch New Comments"), window.inbox.sync, "F5")
    window.inbox.actions.add_menu(window.menuBar())  # Comment: reply and moderate the inbox's selection
    menus.menu("help", translate("Menus", "&Help"))
    return menus
