"""Every interactive widget of the window and its dialogs has a name a screen reader can say, and can be
reached from the keyboard, in every part the author can show.

The name is the one Qt's accessibility layer exposes (`QAccessibleInterface.text(Name)`): an accessible
name, a button's text, or the text of a label whose buddy the widget is. A widget is reachable when it takes
focus (Tab or a click-less path) or has a shortcut. Qt's own parts of composite widgets (scroll bars, a combo
box's line edit, a tab bar's scroll arrows, a dock's title buttons, a line edit's clear button) are Qt's
business and not walked.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDockWidget,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

from editor.core.model import Account, Comment
from editor.ui.accounts import AddBlogDialog
from editor.ui.blogs import BlogsDialog
from editor.ui.comment_edit import CommentEditDialog
from editor.ui.help_menu import show_shortcuts
from editor.ui.history import HistoryDialog
from editor.ui.media_panel import MediaPanel
from editor.ui.open_from_blog import OpenFromBlogDialog
from editor.ui.publish import PublishDialog
from tests.pictures import PNG
from tests.ui.test_capabilities import add_blog

try:
    from PySide6.QtWebEngineWidgets import QWebEngineView

    INTERACTIVE: tuple[type, ...] = (QWebEngineView,)
except ImportError:  # the text preview stands in for it
    INTERACTIVE = ()
INTERACTIVE += (
    QAbstractButton,
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractItemView,
    QTabBar,
    QAbstractSlider,
    QAbstractSpinBox,
)
# Composite widgets whose inner parts Qt names and drives itself.
COMPOSITES = (QComboBox, QAbstractSpinBox, QLineEdit, QTabBar, QScrollBar, QAbstractItemView)


def _is_qt_part(widget: QWidget) -> bool:
    if isinstance(widget, QScrollBar) or widget.objectName().startswith("qt_"):
        return True
    if isinstance(widget.parentWidget(), QDockWidget):  # its title bar's float and close buttons
        return isinstance(widget, QAbstractButton)
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, COMPOSITES):
            return True
        parent = parent.parentWidget()
    return False


def _path(widget: QWidget) -> str:
    """The widget as Class#objectName, after its nearest ancestor with an object name (to find it by)."""
    here = f"{type(widget).__name__}#{widget.objectName()}" if widget.objectName() else type(widget).__name__
    parent = widget.parentWidget()
    while parent is not None and not parent.objectName():
        parent = parent.parentWidget()
    return f"{type(parent).__name__}#{parent.objectName()} > {here}" if parent is not None else here


def _name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def _reachable(widget: QWidget) -> bool:
    if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
        return True
    if isinstance(widget, QAbstractButton) and not widget.shortcut().isEmpty():
        return True
    action = getattr(widget, "defaultAction", lambda: None)()
    return action is not None and not action.shortcut().isEmpty()


def offenders(root: QWidget) -> list[str]:
    """The interactive widgets shown under `root` (itself included) with no name, or no way in by keyboard.
    (A hidden widget is neither said nor reached; the tests show each part before walking it.)"""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, INTERACTIVE) or _is_qt_part(widget) or not widget.isVisibleTo(root.window()):
            continue
        where = f"{_path(widget)} in {type(widget.window()).__name__}"
        if not _name(widget):
            found.append(f"{where}: no accessible name")
        if not _reachable(widget):
            found.append(f"{where}: not reachable by keyboard")
    return found


def check(root: QWidget) -> None:
    problems = offenders(root)
    assert not problems, "\n".join(problems)


def test_the_walk_finds_a_nameless_field_and_an_unreachable_button(qtbot):
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    box = QWidget()
    qtbot.addWidget(box)
    layout = QVBoxLayout(box)
    named = QLineEdit()
    named.setAccessibleName("Title")
    layout.addWidget(named)
    layout.addWidget(QLineEdit(objectName="nameless"))
    button = QPushButton("Go", focusPolicy=Qt.FocusPolicy.NoFocus)
    layout.addWidget(button)
    assert offenders(box) == [
        "QLineEdit#nameless in QWidget: no accessible name",
        "QPushButton in QWidget: not reachable by keyboard",
    ]
    button.setShortcut("Ctrl+G")
    assert len(offenders(box)) == 1


def test_the_main_window(open_window):
    check(open_window())


def test_the_inbox_both_sides(open_window):
    window = open_window()
    window.side_tabs.setCurrentIndex(1)
    check(window.inbox.list_panel)
    check(window.inbox.conversation)


def test_the_find_and_replace_bar(open_window):
    window = open_window()
    window.find_bar.show_replace()
    check(window.find_bar)


def test_the_shortcut_reference(open_window, qtbot):
    dialog = show_shortcuts(open_window())
    check(dialog)


@pytest.fixture
def dialogs(open_window, qtbot):
    window = open_window()

    def shown(dialog: QDialog) -> QDialog:
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return window, shown


def test_the_blogs_dialog(dialogs):
    window, shown = dialogs
    check(shown(BlogsDialog(window.store, window, browser=window.services.browser)))


def test_the_add_blog_dialog(dialogs):
    window, shown = dialogs
    dialog = shown(AddBlogDialog(window.store, window, browser=window.services.browser))
    for index in range(dialog.backend.count()):  # each kind of blog asks for its own fields
        dialog.backend.setCurrentIndex(index)
        check(dialog)


def test_the_publish_dialog(dialogs):
    window, shown = dialogs
    blogs = [
        Account(id=1, name="One", backend="wordpress", base_url="https://one.example", username="a"),
        Account(id=2, name="Two", backend="wordpress", base_url="https://two.example", username="b"),
    ]
    check(shown(PublishDialog(window.services, blogs, window.session.draft, datetime.now(UTC), window)))


def test_the_revision_history(dialogs):
    window, shown = dialogs
    window.save_revision()
    check(shown(HistoryDialog(window.store, window.session.draft.stored_id, window)))


def test_the_media_panel(open_window, qtbot, tmp_path):
    window = open_window(use_web_preview=False)
    picture = tmp_path / "dot.png"
    picture.write_bytes(PNG)
    window.pictures.insert_files([picture])
    panel = window.findChild(MediaPanel)
    panel.show()
    qtbot.waitUntil(lambda: panel.isVisible())
    check(panel)


def test_the_open_from_blog_dialog(dialogs):
    window, shown = dialogs
    add_blog(window.store, "WP blog", "wordpress")  # on a closed loopback port: the listing fails, said
    check(shown(OpenFromBlogDialog(window, window)))


def test_the_comment_edit_dialog(dialogs):
    window, shown = dialogs
    comment = Comment(1, 1, "1", "1", "A post", None, "Ada", "", "", "<p>Hi</p>", "<p>Hi</p>", None, "approved")
    check(shown(CommentEditDialog(comment, window)))
