"""MarkdownHighlighter on a real QPlainTextEdit document, read back through each block's layout."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QFont, QPalette, QTextBlock, QTextCharFormat, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit

from editor.ui.highlighter import DARK_COLOURS, LIGHT_COLOURS, MarkdownHighlighter, colours_for


def _palette(window: str) -> QPalette:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(window))
    return palette


@pytest.fixture
def editor(qtbot) -> QPlainTextEdit:
    widget = QPlainTextEdit()
    qtbot.addWidget(widget)
    # Kept alive by its parent document; built before any text so highlighting is synchronous.
    MarkdownHighlighter(widget.document(), _palette("#ffffff"))
    return widget


def block(editor: QPlainTextEdit, number: int) -> QTextBlock:
    return editor.document().findBlockByNumber(number)


def format_at(editor: QPlainTextEdit, number: int, position: int) -> QTextCharFormat:
    """The highlighter's format at `position` (UTF-16 units) in block `number`."""
    for span in block(editor, number).layout().formats():
        if span.start <= position < span.start + span.length:
            return QTextCharFormat(span.format)  # the range, and its format, die with the list
    return QTextCharFormat()


def is_bold(fmt: QTextCharFormat) -> bool:
    return fmt.fontWeight() >= QFont.Weight.Bold


def is_code(fmt: QTextCharFormat) -> bool:
    return fmt.fontFixedPitch()


def foreground(fmt: QTextCharFormat) -> str | None:
    if not fmt.hasProperty(QTextFormat.Property.ForegroundBrush):
        return None
    return fmt.foreground().color().name()


def test_atx_heading_is_bold_and_bigger(editor: QPlainTextEdit) -> None:
    editor.setPlainText("# Title\n\nBody text\n### Smaller")
    heading = format_at(editor, 0, 3)
    assert is_bold(heading)
    assert heading.intProperty(QTextFormat.Property.FontSizeAdjustment) > 0
    assert not is_bold(format_at(editor, 2, 0))
    assert is_bold(format_at(editor, 3, 5))
    assert foreground(format_at(editor, 0, 3)) == LIGHT_COLOURS["heading"]


def test_hash_without_space_is_not_a_heading(editor: QPlainTextEdit) -> None:
    editor.setPlainText("#hashtag")
    assert not is_bold(format_at(editor, 0, 3))


def test_setext_underline_only_after_a_paragraph_line(editor: QPlainTextEdit) -> None:
    editor.setPlainText("Title\n=====\n\n=====")
    assert is_bold(format_at(editor, 1, 0))
    assert not is_bold(format_at(editor, 3, 0))


def test_fenced_block_is_code_without_emphasis(editor: QPlainTextEdit) -> None:
    editor.setPlainText("```python\n*not emphasis*\n```\n*emphasis*")
    inside = format_at(editor, 1, 3)
    assert is_code(inside)
    assert not inside.fontItalic()
    assert is_code(format_at(editor, 0, 0)) and is_code(format_at(editor, 2, 0))
    after = format_at(editor, 3, 3)
    assert after.fontItalic()
    assert not is_code(after)


def test_fence_closes_only_with_same_character_and_enough_length(editor: QPlainTextEdit) -> None:
    editor.setPlainText("````\n```\n~~~~\nstill code\n````\n*out*")
    for number in range(1, 4):
        assert is_code(format_at(editor, number, 0)), number
    assert format_at(editor, 5, 2).fontItalic()


def test_front_matter_is_recognised_at_the_top(editor: QPlainTextEdit) -> None:
    editor.setPlainText("---\ntitle: Hello *there*\n---\n*body*")
    value = format_at(editor, 1, 10)
    assert foreground(value) == LIGHT_COLOURS["front_matter"]
    assert not value.fontItalic()
    assert foreground(format_at(editor, 1, 0)) == LIGHT_COLOURS["front_matter_key"]
    assert format_at(editor, 3, 2).fontItalic()


def test_front_matter_is_not_recognised_below_the_top(editor: QPlainTextEdit) -> None:
    editor.setPlainText("Intro\n\n---\ntitle: *x*\n---")
    assert foreground(format_at(editor, 3, 0)) != LIGHT_COLOURS["front_matter_key"]
    assert format_at(editor, 3, 8).fontItalic()


def test_inline_code_suppresses_emphasis(editor: QPlainTextEdit) -> None:
    text = "a `*x*` b *y* `c"
    editor.setPlainText(text)
    code = format_at(editor, 0, text.index("x"))
    assert is_code(code)
    assert not code.fontItalic()
    assert format_at(editor, 0, text.index("y")).fontItalic()
    assert not is_code(format_at(editor, 0, text.index("c")))  # an unclosed backtick is literal


def test_strong_emphasis_and_their_combination(editor: QPlainTextEdit) -> None:
    text = "**bold** *it* ***both*** snake_case_name"
    editor.setPlainText(text)
    assert is_bold(format_at(editor, 0, text.index("bold")))
    assert format_at(editor, 0, text.index("it")).fontItalic()
    both = format_at(editor, 0, text.index("both"))
    assert is_bold(both) and both.fontItalic()
    assert not format_at(editor, 0, text.index("case")).fontItalic()


def test_links_images_and_reference_definitions(editor: QPlainTextEdit) -> None:
    text = "see [the docs](http://x.org/a_b_c) and ![alt](pic.png) <http://auto_link_>"
    editor.setPlainText(text + "\n[id]: http://example.com")
    assert foreground(format_at(editor, 0, text.index("docs"))) == LIGHT_COLOURS["link"]
    url = format_at(editor, 0, text.index("b_c"))
    assert foreground(url) == LIGHT_COLOURS["url"]
    assert not url.fontItalic()
    assert foreground(format_at(editor, 0, text.index("alt"))) == LIGHT_COLOURS["link"]
    assert foreground(format_at(editor, 0, text.index("auto"))) == LIGHT_COLOURS["url"]
    assert foreground(format_at(editor, 1, 1)) == LIGHT_COLOURS["link"]
    assert foreground(format_at(editor, 1, 8)) == LIGHT_COLOURS["url"]


def test_block_markers(editor: QPlainTextEdit) -> None:
    editor.setPlainText("> quoted\n- item\n12. item\n* * *\nplain")
    marker = LIGHT_COLOURS["marker"]
    assert foreground(format_at(editor, 0, 0)) == marker
    assert foreground(format_at(editor, 0, 3)) == LIGHT_COLOURS["quote"]
    assert foreground(format_at(editor, 1, 0)) == marker
    assert foreground(format_at(editor, 1, 3)) is None
    assert foreground(format_at(editor, 2, 1)) == marker
    assert foreground(format_at(editor, 3, 2)) == marker
    assert foreground(format_at(editor, 4, 0)) is None


def test_html_comment_spans_lines(editor: QPlainTextEdit) -> None:
    editor.setPlainText("text <!-- note\n*hidden*\nend --> *shown*")
    comment = LIGHT_COLOURS["comment"]
    assert foreground(format_at(editor, 0, 0)) is None
    assert foreground(format_at(editor, 0, 7)) == comment
    assert foreground(format_at(editor, 1, 2)) == comment
    assert foreground(format_at(editor, 2, 0)) == comment
    shown = format_at(editor, 2, 10)
    assert shown.fontItalic() and foreground(shown) != comment


def test_typing_a_closing_fence_reformats_the_following_blocks(editor: QPlainTextEdit) -> None:
    editor.setPlainText("```\ncode\n*after*\nmore")
    assert is_code(format_at(editor, 2, 2))
    assert block(editor, 1).userState() == block(editor, 3).userState()

    cursor = editor.textCursor()
    cursor.setPosition(block(editor, 1).position() + block(editor, 1).length() - 1)
    cursor.insertText("\n```")

    assert block(editor, 2).text() == "```"
    after = format_at(editor, 3, 2)
    assert after.fontItalic()
    assert not is_code(after)
    assert not is_code(format_at(editor, 4, 0))

    editor.undo()
    assert block(editor, 2).text() == "*after*"
    assert is_code(format_at(editor, 2, 2))


def test_astral_characters_keep_offsets_aligned(editor: QPlainTextEdit) -> None:
    editor.setPlainText("\N{GRINNING FACE} *em* `c`")
    # The emoji is two UTF-16 units: "*" is at 3, "em" at 4-5, the code span at 8-10.
    assert format_at(editor, 0, 4).fontItalic() and format_at(editor, 0, 5).fontItalic()
    assert not format_at(editor, 0, 7).fontItalic()
    assert is_code(format_at(editor, 0, 9))


def test_large_document_highlights(qtbot, editor: QPlainTextEdit) -> None:
    pattern = ["# Heading", "", "Text with *emphasis* and `code`.", "- item", "```", "x = 1", "```"]
    editor.setPlainText("\n".join(pattern[i % len(pattern)] for i in range(5000)))
    assert editor.document().blockCount() == 5000
    highlighter = editor.document().findChild(MarkdownHighlighter)
    assert highlighter.pending  # the first blocks are painted at once, the rest in slices
    assert is_bold(format_at(editor, 0, 3))
    qtbot.waitUntil(lambda: not highlighter.pending)
    last_heading = (5000 // len(pattern) - 1) * len(pattern)
    assert is_bold(format_at(editor, last_heading, 3))
    assert is_code(format_at(editor, last_heading + 5, 0))
    assert format_at(editor, last_heading + 2, 12).fontItalic()


def test_colours_follow_the_window_lightness(editor: QPlainTextEdit) -> None:
    assert colours_for(_palette("#ffffff")) is LIGHT_COLOURS
    assert colours_for(_palette("#202020")) is DARK_COLOURS

    editor.setPlainText("# Title")
    highlighter = editor.document().findChild(MarkdownHighlighter)
    highlighter.set_palette(_palette("#202020"))
    assert foreground(format_at(editor, 0, 3)) == DARK_COLOURS["heading"]
