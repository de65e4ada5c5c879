"""Moderation in view: Reply, Approve/Unapprove, Spam/Not spam and Trash/Restore as QActions.

One set of actions serves the buttons over the conversation, the comment list's context menu and the main
window's Comment menu, so the three can never disagree. Each action is computed from the list's selection:
shown only when a selected comment's blog declares the capability it needs, labelled for the selection's
state (all approved: Unapprove; all spam: Not spam; all in the trash: Restore), and done through the
inbox's own paths (`InboxList.moderate`, with its Undo; the conversation's reply box).

The triage keys stay with the list (`inbox.CommentList`): they are single letters, which as window-wide
shortcuts would be taken from the editor. The actions therefore carry the key in their text after a tab
(which QMenu draws in its shortcut column) and in their tooltips, not as a QAction shortcut.
"""

from __future__ import annotations

import builtins
from typing import Protocol

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QLayout, QMenu, QMenuBar, QToolButton, QTreeView

from ..backends.base import Capability
from ..core.model import Comment
from .comment_list import CommentListModel
from .services import Services


# What the actions need of the inbox's two halves (described here: inbox.py imports this module).
class _Panel(Protocol):
    @property
    def list(self) -> QTreeView: ...
    @property
    def model(self) -> CommentListModel: ...
    def layout(self) -> QLayout | None: ...
    def selected_comments(self) -> builtins.list[Comment]: ...
    def current_comment(self) -> Comment | None: ...
    def moderate(self, status: str, comments: builtins.list[Comment] | None = None) -> None: ...


class _Conversation(Protocol):
    @property
    def actions_row(self) -> QHBoxLayout: ...

    def focus_reply(self) -> None: ...


TRIAGE_HINT = "j/k move · r reply · a approve · s spam · # trash · u unread"
# For each toggle: the status it gives, its two labels (the second once every selected comment has that
# status), the capability each side needs, and its key.
TOGGLES = {
    "approve": ("approved", "&Approve", "Un&approve", Capability.MODERATION, Capability.UNAPPROVE, "A"),
    "spam": ("spam", "&Spam", "Not &spam", Capability.SPAM, Capability.SPAM, "S"),
    "trash": ("trash", "&Trash", "&Restore", Capability.TRASH, Capability.TRASH, "#"),
}


def _plain(text: str) -> str:
    return text.replace("&", "")


class CommentActions(QObject):
    """The inbox's comment actions (`reply`, `approve`, `spam`, `trash`), kept in step with the selection;
    `buttons` are the conversation's, `context_menu()` the list's, `add_menu(bar)` the window's."""

    def __init__(self, services: Services, panel: _Panel, conversation: _Conversation) -> None:
        super().__init__(panel.list)
        self._services = services
        self._panel = panel
        self._conversation = conversation
        self.reply = QAction("&Reply\tR", self)
        self.reply.setToolTip("Reply to this comment (R)")
        self.reply.triggered.connect(self._reply)
        self.actions: dict[str, QAction] = {"reply": self.reply}
        for name in TOGGLES:
            action = QAction(self)
            action.triggered.connect(lambda _checked=False, n=name: self._toggle(n))
            self.actions[name] = action
        self.approve, self.spam, self.trash = (self.actions[n] for n in TOGGLES)
        self.buttons: dict[str, QToolButton] = {}
        for name, action in self.actions.items():
            button = QToolButton()
            button.setObjectName(f"comment_{name}")
            button.setDefaultAction(action)
            self.buttons[name] = button
            conversation.actions_row.addWidget(button)
        conversation.actions_row.addStretch(1)

        self.hint = QLabel(TRIAGE_HINT)
        self.hint.setObjectName("triageHint")
        self.hint.setEnabled(False)  # drawn muted: a reminder, not a control
        layout = panel.layout()
        assert isinstance(layout, QBoxLayout)  # InboxList's column
        layout.insertWidget(layout.indexOf(panel.list) + 1, self.hint)

        panel.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        panel.list.customContextMenuRequested.connect(self._show_context_menu)
        # Statuses change by a model reset (the list re-read) and the selection by its model.
        panel.list.selectionModel().selectionChanged.connect(lambda *_: self.update())
        panel.model.modelReset.connect(self.update)
        panel.model.dataChanged.connect(lambda *_: self.update())
        services.accounts_changed.connect(self.update)
        self.update()

    def _selected(self) -> list[Comment]:
        return self._panel.selected_comments()

    def _all_have(self, name: str, chosen: list[Comment]) -> bool:
        return bool(chosen) and all(c.status == TOGGLES[name][0] for c in chosen)

    def update(self) -> None:
        """Recompute every action's label, tooltip, visibility and enabled state from the selection."""
        chosen = self._selected()
        declared: set[Capability] = set()
        for account_id in {c.account_id for c in chosen}:
            declared |= self._services.account_capabilities(account_id)
        for name, (_status, to_label, back_label, to_needs, back_needs, key) in TOGGLES.items():
            back = self._all_have(name, chosen)
            label, needs = (back_label, back_needs) if back else (to_label, to_needs)
            action = self.actions[name]
            action.setText(f"{label}\t{key}")
            action.setIconText(_plain(label))
            action.setToolTip(f"{_plain(label)} the selected comments ({key})")
            self._show(name, not chosen or needs in declared)
            action.setEnabled(bool(chosen))
        current = self._panel.current_comment()
        self.reply.setIconText("Reply")
        self._show("reply", not chosen or Capability.COMMENTS in declared)
        self.reply.setEnabled(current is not None and len(chosen) <= 1)

    def _show(self, name: str, shown: bool) -> None:
        # The button does not follow its default action's visibility by itself.
        self.actions[name].setVisible(shown)
        self.buttons[name].setVisible(shown)

    def _toggle(self, name: str) -> None:
        chosen = self._selected()
        if not self._all_have(name, chosen):
            status = TOGGLES[name][0]
        else:  # turning back: approved ones are held again; spam and trash come back approved
            status = "hold" if name == "approve" else "approved"
        self._panel.moderate(status, chosen)

    def _reply(self) -> None:
        self._conversation.focus_reply()

    def context_menu(self) -> QMenu:
        """The list's context menu: the same actions, their keys in the shortcut column."""
        self.update()
        menu = QMenu(self._panel.list)
        for action in self.actions.values():
            menu.addAction(action)
        return menu

    def _show_context_menu(self, pos: QPoint) -> None:
        menu = self.context_menu()
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self._panel.list.viewport().mapToGlobal(pos))

    def add_menu(self, bar: QMenuBar) -> QMenu:
        """Add the main window's Comment menu (the same actions) to `bar`."""
        menu = bar.addMenu("Co&mment")
        for action in self.actions.values():
            menu.addAction(action)
        menu.aboutToShow.connect(self.update)
        return menu
