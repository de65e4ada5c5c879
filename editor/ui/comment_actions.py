"""Moderation in view: Reply, Approve/Unapprove, Spam/Not spam, Trash/Restore, Edit and Delete for Good as
QActions.

One set of actions serves the buttons over the conversation, the comment list's context menu and the main
window's Comment menu, so the three can never disagree. Each action is computed from the list's selection:
shown only when a selected comment's blog declares the capability it needs, labelled for the selection's
state (all approved: Unapprove; all spam: Not spam; all in the trash: Restore), and done through the
inbox's own paths (`InboxList.moderate`, with its Undo; the conversation's reply box).

The triage keys stay with the list (`inbox.CommentList`): they are single letters, which as window-wide
shortcuts would be taken from the editor. The actions therefore carry the key in their text after a tab
(which QMenu draws in its shortcut column) and in their tooltips, not as a QAction shortcut. Edit (E) and
Delete for Good (Shift+Delete), which the list does not know, are QAction shortcuts that work only while
the list (or the action's own button) has the focus, so they are not taken from the editor either.

Edit opens `CommentEditDialog`; Delete for Good asks first, saying what becomes of the replies. Both are
queued like moderations (`core.inbox.Inbox.edit` and `delete`); there is nothing to Undo for them here:
an edit is undone by editing again, and a deletion is confirmed because the blog cannot undo it.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QMenu,
    QMenuBar,
    QMessageBox,
    QToolBar,
    QToolButton,
    QTreeView,
)

from ..backends.base import Capability
from ..core import comment_edits
from ..core.model import Comment, Job, JobKind
from ..core.store import StoreError
from .comment_edit import CommentEditDialog
from .comment_list import CommentListModel
from .services import Services


# What the actions need of the inbox's two halves (described here: inbox.py imports this module).
class _Panel(Protocol):
    @property
    def list(self) -> QTreeView: ...
    @property
    def model(self) -> CommentListModel: ...
    def layout(self) -> QLayout | None: ...
    @property
    def message(self) -> QLabel: ...
    def selected_comments(self) -> builtins.list[Comment]: ...
    def current_comment(self) -> Comment | None: ...
    def moderate(self, status: str, comments: builtins.list[Comment] | None = None) -> None: ...
    def refresh(self) -> None: ...


class _Conversation(Protocol):
    @property
    def actions_row(self) -> QHBoxLayout: ...

    def focus_reply(self) -> None: ...
    def refresh(self) -> None: ...


REPLY_KEY = "R"
TRIAGE_HINT = str(
    QT_TRANSLATE_NOOP("CommentActions", "j/k move · r reply · a approve · s spam · # trash · u unread · e edit")
)
# For each toggle: the status it gives, its two labels (the second once every selected comment has that
# status), the capability each side needs, and its key.
# The labels are marked for the catalogue here and translated where shown (`update`).
TOGGLES = {
    "approve": (
        "approved",
        QT_TRANSLATE_NOOP("CommentActions", "&Approve"),
        QT_TRANSLATE_NOOP("CommentActions", "Un&approve"),
        Capability.MODERATION,
        Capability.UNAPPROVE,
        "A",
    ),
    "spam": (
        "spam",
        QT_TRANSLATE_NOOP("CommentActions", "&Spam"),
        QT_TRANSLATE_NOOP("CommentActions", "Not &spam"),
        Capability.SPAM,
        Capability.SPAM,
        "S",
    ),
    "trash": (
        "trash",
        QT_TRANSLATE_NOOP("CommentActions", "&Trash"),
        QT_TRANSLATE_NOOP("CommentActions", "&Restore"),
        Capability.TRASH,
        Capability.TRASH,
        "#",
    ),
}


def _plain(text: str) -> str:
    return text.replace("&", "")


class CommentActions(QObject):
    """The inbox's comment actions (`reply`, `approve`, `spam`, `trash`, `edit`, `delete`), kept in step
    with the selection; `buttons` are the conversation's, `context_menu()` the list's, `add_menu(bar)` the
    window's."""

    def __init__(self, services: Services, panel: _Panel, conversation: _Conversation) -> None:
        super().__init__(panel.list)
        self._services = services
        self._panel = panel
        self._conversation = conversation
        self.reply = QAction(f"{self.tr('&Reply')}\t{REPLY_KEY}", self)
        self.reply.setToolTip(self.tr("Reply to this comment (R)"))
        self.reply.triggered.connect(self._reply)
        self.actions: dict[str, QAction] = {"reply": self.reply}
        for name in TOGGLES:
            action = QAction(self)
            action.triggered.connect(lambda _checked=False, n=name: self._toggle(n))
            self.actions[name] = action
        self.approve, self.spam, self.trash = (self.actions[n] for n in TOGGLES)
        # Edit and Delete for Good: a blog's own moderation, so only where it declares MODERATION.
        self.edit = self._keyed(self.tr("&Edit…"), "E", self.tr("Edit this comment's text"), self._edit)
        self.delete = self._keyed(
            self.tr("&Delete for Good…"), "Shift+Del", self.tr("Delete the selected comments for good"), self._delete
        )
        self.actions |= {"edit": self.edit, "delete": self.delete}
        self.edit_dialog: CommentEditDialog | None = None
        self.confirm: QMessageBox | None = None
        # A tool bar, not a row of buttons: when the conversation is narrow, what does not fit goes into its
        # » menu instead of widening the window.
        self.toolbar = QToolBar(self.tr("Comment actions"))
        self.toolbar.setObjectName("commentActions")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.buttons: dict[str, QToolButton] = {}
        for name, action in self.actions.items():
            self.toolbar.addAction(action)
            button = self.toolbar.widgetForAction(action)
            assert isinstance(button, QToolButton)
            button.setObjectName(f"comment_{name}")
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # tool bar buttons take no focus by default
            self.buttons[name] = button
        conversation.actions_row.addWidget(self.toolbar, 1)
        self.buttons["edit"].setAccessibleName(self.tr("Edit comment"))
        self.buttons["delete"].setAccessibleName(self.tr("Delete comment for good"))

        self.hint = QLabel(self.tr(TRIAGE_HINT))  # marked for the catalogue where defined
        self.hint.setObjectName("triageHint")
        self.hint.setEnabled(False)  # drawn muted: a reminder, not a control
        self.hint.setWordWrap(True)  # it must never widen the window
        layout = panel.layout()
        assert isinstance(layout, QBoxLayout)  # InboxList's column
        layout.insertWidget(layout.indexOf(panel.list) + 1, self.hint)

        panel.list.addActions([self.edit, self.delete])  # their keys, while the list has the focus
        panel.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        panel.list.customContextMenuRequested.connect(self._show_context_menu)
        # Statuses change by a model reset (the list re-read) and the selection by its model.
        panel.list.selectionModel().selectionChanged.connect(lambda *_: self.update())
        panel.model.modelReset.connect(self.update)
        panel.model.dataChanged.connect(lambda *_: self.update())
        services.accounts_changed.connect(self.update)
        services.job_changed.connect(self._job_changed)
        self.update()

    def _keyed(self, text: str, key: str, tip: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        shown = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({shown})")
        action.setIconText(_plain(text).rstrip("…"))
        action.triggered.connect(slot)
        return action

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
            label = self.tr(str(label))
            action = self.actions[name]
            action.setText(f"{label}\t{key}")
            action.setIconText(_plain(label))
            action.setToolTip(self.tr("{action} the selected comments ({key})").format(action=_plain(label), key=key))
            self._show(name, not chosen or needs in declared)
            action.setEnabled(bool(chosen))
        current = self._panel.current_comment()
        self.reply.setIconText(self.tr("Reply"))
        self._show("reply", not chosen or Capability.COMMENTS in declared)
        self.reply.setEnabled(current is not None and len(chosen) <= 1)
        for name in ("edit", "delete"):
            self._show(name, not chosen or Capability.MODERATION in declared)
        self.edit.setEnabled(len(chosen) == 1 and chosen[0].remote_id is not None)
        self.delete.setEnabled(any(c.remote_id is not None for c in chosen))
        layout = self.toolbar.layout()
        if layout is not None:
            layout.activate()  # the buttons follow their actions now, not at the next layout pass

    def _show(self, name: str, shown: bool) -> None:
        self.actions[name].setVisible(shown)  # the tool bar's button follows

    def _toggle(self, name: str) -> None:
        chosen = self._selected()
        if not self._all_have(name, chosen):
            status = TOGGLES[name][0]
        else:  # turning back: approved ones are held again; spam and trash come back approved
            status = "hold" if name == "approve" else "approved"
        self._panel.moderate(status, chosen)

    def _reply(self) -> None:
        self._conversation.focus_reply()

    def _moderated(self) -> list[Comment]:
        """The selected comments that are on the blog, of blogs that let them be edited and deleted."""
        capabilities = self._services.account_capabilities
        return [
            c
            for c in self._selected()
            if c.remote_id is not None and Capability.MODERATION in capabilities(c.account_id)
        ]

    def _edit(self) -> None:
        chosen = self._moderated()
        if len(chosen) != 1 or len(self._selected()) != 1:
            return
        dialog = CommentEditDialog(chosen[0], self._panel.list.window())
        dialog.accepted.connect(lambda: self._save_edit(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.edit_dialog = dialog
        dialog.open()

    def _save_edit(self, dialog: CommentEditDialog) -> None:
        self._run(lambda: self._services.edit_comment(dialog.comment.id, dialog.markdown()), self.tr("Edit queued."))

    def _delete(self) -> None:
        chosen = self._moderated()
        if not chosen:
            return
        try:
            replies = comment_edits.replies(self._services.store, [c.id for c in chosen])
        except StoreError as exc:
            self._panel.message.setText(str(exc))
            return
        box = QMessageBox(self._panel.list.window())
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Delete for Good"))
        box.setText(
            self.tr("Delete this comment for good?")
            if len(chosen) == 1
            else self.tr("Delete these {count} comments for good?").format(count=len(chosen))
        )
        said = [self.tr("The blog cannot bring a deleted comment back.")]
        if replies:
            said.append(
                self.tr("Its reply stays, moved up a level.")
                if replies == 1
                else self.tr("Their {count} replies stay, moved up a level.").format(count=replies)
            )
        if len(chosen) < len(self._selected()):
            said.append(self.tr("The others selected cannot be deleted here."))
        box.setInformativeText(" ".join(said))
        yes = box.addButton(self.tr("&Delete for Good"), QMessageBox.ButtonRole.DestructiveRole)
        yes.setAccessibleName(self.tr("Delete for good"))
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        box.setDefaultButton(cancel)  # Enter keeps the comments: the safe answer
        ids = [c.id for c in chosen]

        def answered(button: QAbstractButton) -> None:
            if button is yes:
                self._run(lambda: self._services.delete_comments(ids), self.tr("Deletion queued."))

        box.buttonClicked.connect(answered)
        box.finished.connect(box.deleteLater)
        self.confirm = box
        box.open()

    def _run(self, queue: Callable[[], object], done: str) -> None:
        """Queue an edit or a deletion (the hub wakes the outbox) and show the result; a refusal is said."""
        try:
            queue()
        except StoreError as exc:
            self._panel.message.setText(str(exc))
            return
        self._panel.message.setText(done)
        self._panel.refresh()
        self._conversation.refresh()

    def _job_changed(self, job: Job) -> None:
        # Sent, or failed and undone here: what the list and the conversation show has changed.
        if job.kind in (JobKind.COMMENT_EDIT, JobKind.COMMENT_DELETE):
            self._panel.refresh()
            self._conversation.refresh()

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
        menu = bar.addMenu(self.tr("Co&mment"))
        for action in self.actions.values():
            menu.addAction(action)
        menu.aboutToShow.connect(self.update)
        return menu
