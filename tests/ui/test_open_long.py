"""Progressive highlighting of long texts (ui/progressive_highlight.py): the visible blocks at once, the
rest in slices, and in the end exactly what one full highlight gives, however the text was edited or
replaced on the way."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication

from benchmarks.corpus import post
from editor.ui import progressive_highlight
from editor.ui.editor import MarkdownEditor

# Every construct whose state runs on to the next lines, so a wrong state would show.
TRICKY = """---
title: front matter
---

# Title

Para *em* and `code` <!-- a comment
that goes on --> then **bold**.

```python
x = "*not em*"
```

Setext
------

> quote with [link](https://example.com)

~~~~
~~~ not the end
~~~~
"""


def long_text(words: int, seed: int) -> str:
    return TRICKY + "\n" + post(words, seed=seed)


def formats(document: QTextDocument) -> list[tuple[int, list[tuple[int, int, object]]]]:
    """Each block's state and format ranges (the formats as their property maps)."""
    out = []
    block = document.firstBlock()
    while block.isValid():
        spans = [(s.start, s.length, s.format.properties()) for s in block.layout().formats()]
        out.append((block.userState(), spans))
        block = block.next()
    return out


def full_highlight(text: str, monkeypatch: pytest.MonkeyPatch) -> list:
    """The formats one synchronous pass over the whole text gives."""
    with monkeypatch.context() as patch:
        patch.setattr(progressive_highlight, "RUN_BLOCKS", 10**9)
        reference = MarkdownEditor()  # (a document without a layout says no contentsChange: no highlighting)
        reference.setPlainText(text)
        assert not reference.highlighter.pending
        return formats(reference.document())


@pytest.fixture
def editor(qtbot) -> MarkdownEditor:
    widget = MarkdownEditor()
    widget.resize(600, 500)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def finish(qtbot, editor: MarkdownEditor) -> None:
    qtbot.waitUntil(lambda: not editor.highlighter.pending, timeout=20_000)


def test_a_long_text_is_painted_visible_first_and_ends_equal_to_a_full_highlight(qtbot, editor, monkeypatch):
    text = long_text(8_000, seed=1)
    middle = text.index("\n\n", len(text) // 2)
    editor.load(text, middle)
    assert editor.highlighter.pending
    # What the view shows is painted before the editor's first paint: the cursor's block has its formats.
    first, last = editor.visible_blocks()
    shown = formats(editor.document())[first : last + 1]
    assert shown == full_highlight(text, monkeypatch)[first : last + 1]
    finish(qtbot, editor)
    assert formats(editor.document()) == full_highlight(text, monkeypatch)


def test_typing_while_it_runs_ends_correct(qtbot, editor, monkeypatch):
    text = long_text(8_000, seed=2)
    editor.load(text, 0)
    assert editor.highlighter.pending
    # Open a fence near the top (every state below it changes), type, then close it again further down.
    cursor = editor.textCursor()
    cursor.setPosition(text.index("# Title"))
    editor.setTextCursor(cursor)
    for key in "```\n":
        qtbot.keyClick(editor, Qt.Key.Key_Return if key == "\n" else key)
    qtbot.wait(20)
    cursor.setPosition(len(text) // 3)
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, "typed *while* it ran")
    assert editor.highlighter.pending
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText("\n```\nafter the fence *em*\n")
    finish(qtbot, editor)
    assert formats(editor.document()) == full_highlight(editor.toPlainText(), monkeypatch)


def test_a_draft_switched_midway_is_highlighted_as_its_own(qtbot, editor, monkeypatch):
    editor.load(long_text(8_000, seed=3), 0)
    qtbot.wait(10)  # a slice or two of the first text
    assert editor.highlighter.pending
    second = "```\n" + long_text(6_000, seed=4)  # all code: nothing of the first may survive
    editor.load(second, len(second))
    finish(qtbot, editor)
    assert formats(editor.document()) == full_highlight(second, monkeypatch)


def test_a_paste_is_painted_where_it_lands_then_whole(qtbot, editor, monkeypatch):
    editor.load("Before the paste.\n", 0)
    text = long_text(8_000, seed=5)
    QApplication.clipboard().setText(text)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert editor.highlighter.pending
    first, last = editor.visible_blocks()
    assert first > 100  # the view followed the cursor to the end
    expected = full_highlight(editor.toPlainText(), monkeypatch)
    assert formats(editor.document())[first : last + 1] == expected[first : last + 1]
    finish(qtbot, editor)
    assert formats(editor.document()) == expected


def test_spelling_marks_come_with_the_slices(qtbot, editor):
    marked: list[int] = []
    editor.highlighter.after_block = lambda highlighter, text: marked.append(highlighter.currentBlock().blockNumber())
    editor.load(long_text(8_000, seed=6), 0)
    finish(qtbot, editor)
    assert set(marked) == set(range(editor.document().blockCount()))
