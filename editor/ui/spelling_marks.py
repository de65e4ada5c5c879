"""Red wavy underlines under misspelled words, painted by the Markdown highlighter's `after_block` hook,
and the word under a point of a text edit (for its context menu).

A line's context (fenced code, front matter, an HTML comment going on) comes from the highlighter's
block states, so spelling and colours never disagree about where code starts and ends.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QTextBlock, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit

from ..core.spelling import Checker, Context, word_at, words

# The highlighter's block states and its stand-in for astral characters: the marks read the same states
# and must count positions the same way (UTF-16 units, as Qt does).
from .highlighter import _ASTRAL, _COMMENT, _FENCE, _FILL, _FRONT_MATTER, MarkdownHighlighter

MISSPELLED_COLOUR = QColor("#d32f2f")


def block_context(previous_state: int, state: int) -> Context:
    """The spelling context of a block from the highlighter's state before it and after it."""
    previous_state, state = max(previous_state, 0), max(state, 0)
    if previous_state & _FENCE or state & _FENCE:  # inside, closing or opening a fence
        return Context.CODE
    if _FRONT_MATTER in (previous_state, state):
        return Context.FRONT_MATTER
    return Context.COMMENT if previous_state == _COMMENT else Context.PROSE


class SpellingMarks:
    """The highlighter hook: underlines the words of a block that `checker()` does not know. `checker`
    returns None while spelling is off."""

    def __init__(self, checker: Callable[[], Checker | None]) -> None:
        self.checker = checker

    def __call__(self, highlighter: MarkdownHighlighter, text: str) -> None:
        checker = self.checker()
        if checker is None or not checker.available:
            return
        context = block_context(highlighter.previousBlockState(), highlighter.currentBlockState())
        for start, end in words(text, context):
            if not checker.check(text[start:end]):
                _underline(highlighter, start, end)


def _underline(highlighter: MarkdownHighlighter, start: int, end: int) -> None:
    """Add the wavy underline over [start, end), keeping each run's colours and fonts."""
    while start < end:
        base = highlighter.format(start)
        run = start + 1
        while run < end and highlighter.format(run) == base:
            run += 1
        marked = QTextCharFormat(base)
        marked.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        marked.setUnderlineColor(MISSPELLED_COLOUR)
        highlighter.setFormat(start, run - start, marked)
        start = run


def word_under(edit: QPlainTextEdit, point: QPoint) -> QTextCursor | None:
    """A cursor selecting the checked word at `point` (viewport coordinates) of `edit`, if there is one."""
    block = edit.cursorForPosition(point).block()
    found = word_at(_qt_text(block), edit.cursorForPosition(point).positionInBlock(), _context(block))
    if found is None:
        return None
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + found[0])
    cursor.setPosition(block.position() + found[1], QTextCursor.MoveMode.KeepAnchor)
    return cursor


def blocks_with(document: QTextDocument, word: str) -> list[QTextBlock]:
    """The blocks of `document` whose text contains `word` in any case (to mark again after it is accepted:
    accepting a word accepts its capitalised form too)."""
    word = word.lower()
    found = []
    block = document.firstBlock()
    while block.isValid():
        if word in block.text().lower():
            found.append(block)
        block = block.next()
    return found


def _context(block: QTextBlock) -> Context:
    previous = block.previous()
    return block_context(previous.userState() if previous.isValid() else -1, block.userState())


def _qt_text(block: QTextBlock) -> str:
    """The block's text with positions counted as Qt counts them, as the highlighter sees it."""
    text = block.text()
    return text if text.isascii() else _ASTRAL.sub(_FILL * 2, text)
