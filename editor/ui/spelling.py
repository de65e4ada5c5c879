"""Spell checking as you type, in the Markdown editor and the inbox's reply box.

`install` puts it on a built window (one line there): the marks (`spelling_marks.py`), the Edit ▸ Spelling
submenu (Check Spelling, remembered; the open draft's language, saved with the draft) and the suggestions
on a misspelled word's context menu. The editor checks in the draft's language, the reply box in the
default one. A missing dictionary is said once in the status bar, and the text is simply not marked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, cast

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QTextCursor
from PySide6.QtWidgets import QMainWindow, QMenu, QPlainTextEdit

from ..core.session import DraftSession
from ..core.spelling import PERSONAL_DICTIONARY, Checker, SpellingError, WordLists, default_language, languages
from ..core.store import Store, StoreError
from .editor import MarkdownEditor
from .fields import PostFieldsPanel
from .highlighter import MarkdownHighlighter
from .inbox import Inbox
from .menus import Menus
from .preview import Preview
from .spelling_marks import SpellingMarks, blocks_with, word_under
from .status import EditorStatusBar

ENABLED_KEY = "spelling.enabled"


START_LATEST_MS = 2000  # spelling starts by then even if the preview has not updated


class WindowParts(Protocol):
    """What this module uses of the main window (which imports it, so it is not imported here)."""

    store: Store
    session: DraftSession
    status: EditorStatusBar
    editor: MarkdownEditor
    fields: PostFieldsPanel
    inbox: Inbox
    menus: Menus
    preview: Preview


class MarksOnlyHighlighter(MarkdownHighlighter):
    """For Markdown shown as plain text (the reply box): the Markdown pass still runs, for the block
    states that say where code is, but only the spelling marks are painted."""

    def _paint(self, start: int, end: int, names: tuple[str, ...]) -> None:
        pass


class Spelling(QObject):
    """Checkers by language, the author's word lists, the Spelling submenu and the context menus."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("spelling")
        parts = cast(WindowParts, window)
        self.store, self.session, self.status, self.fields = parts.store, parts.session, parts.status, parts.fields
        self.word_lists = WordLists(self.store.path.parent / PERSONAL_DICTIONARY)
        self.enabled = self.store.get_setting(ENABLED_KEY, "1") == "1"
        self._checkers: dict[str, Checker] = {}
        self._said: set[str] = set()
        self._highlighters: list[MarkdownHighlighter] = []
        self._edits: list[QPlainTextEdit] = []
        self._draft_highlighter: MarkdownHighlighter | None = None
        # Loading enchant and a dictionary (~50 ms), and marking the whole text, wait for the first paint
        # of a checked text and then for the preview's first update: the window opens, and the preview
        # renders, as fast as without spelling; the marks follow a moment later.
        self.started = False
        self._preview = parts.preview

        self.menu = QMenu(self.tr("&Spelling"), window)
        self.menu.setAccessibleName(self.tr("Spelling"))
        self.check_action = QAction(self.tr("&Check Spelling"), self, checkable=True, checked=self.enabled)
        self.check_action.toggled.connect(self.set_enabled)
        self.languages = QActionGroup(self)
        self.menu.addAction(self.check_action)
        # The languages are listed as the menu opens: for the draft open then, and asking enchant for
        # them is kept off the window's start.
        self.menu.aboutToShow.connect(self._fill_menu)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            for edit in self._edits:
                edit.viewport().removeEventFilter(self)
            if self._preview.isVisible():
                self._preview.updated.connect(self._start, Qt.ConnectionType.SingleShotConnection)
                QTimer.singleShot(START_LATEST_MS, self, self._start)  # in case the preview never updates
            else:
                QTimer.singleShot(0, self, self._start)  # dropped if the window goes first
        return False

    def _start(self) -> None:
        if self.started:
            return
        self.started = True
        if self.enabled:
            for highlighter in self._highlighters:
                if not highlighter.document().isEmpty():
                    highlighter.rehighlight()

    # -- checking ---------------------------------------------------------------------------------
    def attach(self, edit: QPlainTextEdit, highlighter: MarkdownHighlighter, language: Callable[[], str]) -> None:
        """Check `edit`'s text (highlighted by `highlighter`) in the language `language()` names, from the
        first paint of an attached text on."""
        highlighter.after_block = SpellingMarks(lambda: self.checker(language()))
        self._highlighters.append(highlighter)
        self._edits.append(edit)
        edit.viewport().installEventFilter(self)
        edit.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        edit.customContextMenuRequested.connect(lambda point: self._show_context_menu(edit, point, language))

    def attach_draft_editor(self, editor: MarkdownEditor) -> None:
        """Check the editor in the open draft's language; the Spelling submenu changes that language."""
        self._draft_highlighter = editor.highlighter
        self.attach(editor, editor.highlighter, self.draft_language)

    def draft_language(self) -> str:
        """The open draft's language ("" for the default)."""
        return self.session.draft.language if self.session.draft is not None else ""

    def checker(self, language: str) -> Checker | None:
        """The checker for `language`, or None while spelling is off (or not started). A missing dictionary
        is said once."""
        if not (self.enabled and self.started):
            return None
        checker = self._checkers.get(language)
        if checker is None:
            checker = self._checkers[language] = Checker(language, self.word_lists)
        if checker.problem and checker.problem not in self._said:
            self._said.add(checker.problem)
            self.status.show_problem(checker.problem)
        return checker

    def set_enabled(self, enabled: bool) -> None:
        """Turn checking on or off everywhere (remembered), and mark or unmark the text now."""
        if enabled == self.enabled:
            return
        self.enabled = enabled
        self.check_action.setChecked(enabled)
        try:
            self.store.set_setting(ENABLED_KEY, "1" if enabled else "0")
        except StoreError as error:
            self.status.show_problem(str(error))
        if self.started:
            for highlighter in self._highlighters:
                highlighter.rehighlight()

    def set_draft_language(self, language: str) -> None:
        """Check the open draft in `language` ("" = the default) and save that with the draft."""
        if self.session.draft is None or language == self.session.draft.language:
            return
        # The fields panel's signal is how a field change reaches the session and the autosave.
        self.fields.changed.emit({"language": language})
        if self._draft_highlighter is not None:
            self._draft_highlighter.rehighlight()

    # -- the word under the mouse -------------------------------------------------------------------
    def context_menu(self, edit: QPlainTextEdit, point: QPoint, language: str) -> QMenu:
        """`edit`'s usual context menu, led by suggestions, Add to Dictionary and Ignore when the word at
        `point` (viewport coordinates) is misspelled."""
        menu = edit.createStandardContextMenu(edit.viewport().mapToGlobal(point))
        menu.setAccessibleName(self.tr("Text actions"))
        checker = self.checker(language)
        cursor = word_under(edit, point) if checker is not None and checker.available else None
        if checker is None or cursor is None or checker.check(cursor.selectedText()):
            return menu
        word = cursor.selectedText()
        first = menu.actions()[0]  # a standard context menu always has Undo, Copy, …
        actions = []
        for suggestion in checker.suggest(word):
            action = QAction(suggestion, menu)
            action.triggered.connect(lambda _checked=False, s=suggestion: _replace(edit, cursor, s))
            actions.append(action)
        if not actions:
            actions.append(QAction(self.tr("No Suggestions"), menu, enabled=False))
        add = QAction(self.tr("&Add to Dictionary"), menu)
        add.triggered.connect(lambda: self.accept_word(word, permanently=True))
        ignore = QAction(self.tr("&Ignore"), menu)
        ignore.triggered.connect(lambda: self.accept_word(word, permanently=False))
        menu.insertActions(first, [*actions, _separator(menu), add, ignore, _separator(menu)])
        return menu

    def _show_context_menu(self, edit: QPlainTextEdit, point: QPoint, language: Callable[[], str]) -> None:
        menu = self.context_menu(edit, point, language())
        menu.exec(edit.viewport().mapToGlobal(point))
        menu.deleteLater()

    def accept_word(self, word: str, *, permanently: bool) -> None:
        """Stop marking `word`: in the personal dictionary (`permanently`) or until Longhand closes."""
        try:
            self.word_lists.add(word) if permanently else self.word_lists.ignore(word)
        except SpellingError as error:
            self.status.show_problem(str(error))
        for highlighter in self._highlighters:
            for block in blocks_with(highlighter.document(), word):
                highlighter.rehighlightBlock(block)

    # -- the Spelling submenu -----------------------------------------------------------------------
    def _fill_menu(self) -> None:
        """Check Spelling, then the languages, the open draft's checked (filled as the menu opens)."""
        self.menu.clear()
        self.menu.addAction(self.check_action)
        self.menu.addSeparator()
        for action in self.languages.actions():
            self.languages.removeAction(action)
            action.deleteLater()
        current = self.draft_language()
        installed = languages()
        choices = [("", self.tr("Default Language (%1)").replace("%1", default_language()))]
        choices += [(tag, tag) for tag in installed]
        if current and current not in installed:
            choices.append((current, self.tr("%1 (not installed)").replace("%1", current)))
        for tag, text in choices:
            action = QAction(text, self.languages, checkable=True, checked=tag == current)
            action.triggered.connect(lambda _checked=False, t=tag: self.set_draft_language(t))
            self.menu.addAction(action)
        if not installed:
            self.menu.addAction(QAction(self.tr("No dictionaries are installed"), self.menu, enabled=False))


def _separator(menu: QMenu) -> QAction:
    separator = QAction(menu)
    separator.setSeparator(True)
    return separator


def _replace(edit: QPlainTextEdit, cursor: QTextCursor, replacement: str) -> None:
    """Put `replacement` over the word `cursor` selects, as one undo step."""
    cursor.beginEditBlock()
    cursor.insertText(replacement)
    cursor.endEditBlock()
    edit.setTextCursor(cursor)


def install(window: QMainWindow) -> Spelling:
    """Check spelling in the window's editor and reply box, and add Edit ▸ Spelling."""
    parts = cast(WindowParts, window)
    spelling = Spelling(window)
    spelling.attach_draft_editor(parts.editor)
    reply = parts.inbox.conversation.reply_box.text
    spelling.attach(reply, MarksOnlyHighlighter(reply.document()), lambda: "")
    parts.menus.add("edit", spelling.menu)
    return spelling
