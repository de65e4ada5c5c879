"""Markdown syntax highlighting for the editor's QPlainTextEdit document.

Constructs that span lines (YAML front matter, fenced code, HTML comments) and the one fact a setext
underline needs about the line above it are carried in the block state. QSyntaxHighlighter then
re-highlights only the edited block, plus followers for as long as their incoming state changed.

A long text is highlighted progressively (ui/progressive_highlight.py): one synchronous run (a load, a
paste, an edit that opens a fence, a rehighlight) paints a few hundred blocks and the visible ones; the
rest get only their states, which the next block needs and which cost a fraction of painting, and are
painted in short slices on timers, the visible ones first. The end is the same as one full highlight.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import Final

from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
    QTextFormat,
)

from .color_scheme import is_dark
from .progressive_highlight import Progress
from .quiet_restyle import QuietRestyle

# Two colour sets, each tuned for contrast against the window colour it is chosen for.
LIGHT_COLOURS: Final[dict[str, str]] = {
    "heading": "#1f4e8c",
    "marker": "#8a9099",
    "code": "#a3361f",
    "code_background": "#f2f0eb",
    "link": "#1a6aa8",
    "url": "#66788a",
    "quote": "#56636e",
    "front_matter": "#7a5c12",
    "front_matter_key": "#8b3f96",
    "front_matter_background": "#f7f2e4",
    "comment": "#8a9099",
}
DARK_COLOURS: Final[dict[str, str]] = {
    "heading": "#8cb8ff",
    "marker": "#7f8791",
    "code": "#e8a87c",
    "code_background": "#1d232c",
    "link": "#6cb6ff",
    "url": "#8d9aa8",
    "quote": "#a9b3bc",
    "front_matter": "#d9b968",
    "front_matter_key": "#d49be3",
    "front_matter_background": "#302b21",
    "comment": "#7f8791",
}


def colours_for(palette: QPalette) -> dict[str, str]:
    """The colour set that reads well on `palette`: the dark set when its window colour is dark."""
    return DARK_COLOURS if is_dark(palette) else LIGHT_COLOURS


# Block states. -1 (Qt's "never set") reads as _NORMAL.
_NORMAL: Final = 0
_PARAGRAPH: Final = 1  # a paragraph line: the only kind a setext underline can follow
_FRONT_MATTER: Final = 2
_COMMENT: Final = 3
# A fenced code block packs its fence into the state, so only a matching fence closes it.
_FENCE: Final = 1 << 16
_TILDE: Final = 1 << 15
_FENCE_LENGTH: Final = _TILDE - 1

# Masks text a construct has claimed; to the patterns it is neither space, word nor punctuation.
_FILL: Final = "\x01"
_ASTRAL: Final = re.compile("[\U00010000-\U0010ffff]")

_FRONT_MATTER_START: Final = re.compile(r"---[ \t]*$")
_FRONT_MATTER_END: Final = re.compile(r"(?:---|\.\.\.)[ \t]*$")
_FRONT_MATTER_KEY: Final = re.compile(r"[ \t]*(?:-[ \t]+)?([A-Za-z_][\w.-]*)[ \t]*:(?=[ \t]|$)")
_FENCE_OPEN: Final = re.compile(r" {0,3}(`{3,}|~{3,})(.*)")
_FENCE_CLOSE: Final = re.compile(r" {0,3}(`{3,}|~{3,})[ \t]*$")
_ATX: Final = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$)")
_ATX_CLOSE: Final = re.compile(r"[ \t]+#+[ \t]*$")
_SETEXT: Final = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_HR: Final = re.compile(r" {0,3}([-*_])[ \t]*(?:\1[ \t]*){2,}$")
_QUOTE: Final = re.compile(r" {0,3}>(?:[ \t]*>)*[ \t]?")
_LIST: Final = re.compile(r"[ \t]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]+(?:\[[ xX]\](?=[ \t]|$)[ \t]*)?|$)")
_REFERENCE: Final = re.compile(r" {0,3}(\[)([^\]]+)(\]:)[ \t]*(\S+)(?:[ \t]+(\"[^\"]*\"|'[^']*'|\([^)]*\)))?[ \t]*$")

# Any of these characters can start an inline construct; lines without them skip the inline pass.
_INLINE_HINT: Final = re.compile(r"[`*_\[<~\\]")
_CODE_SPAN: Final = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_ESCAPE: Final = re.compile(r"\\[!-/:-@\[-`{-~]")
_COMMENT_SPAN: Final = re.compile(r"<!--.*?-->")
_AUTOLINK: Final = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)>")
_LINK_TEXT: Final = r"(!?\[)((?:[^\[\]]|\[[^\[\]]*\])*)"
_INLINE_LINK: Final = re.compile(
    _LINK_TEXT + r"(\]\()((?:[^()\s]|\([^()\s]*\))*(?:[ \t]+(?:\"[^\"]*\"|'[^']*'))?)[ \t]*(\))"
)
_REFERENCE_LINK: Final = re.compile(_LINK_TEXT + r"(\]\[)([^\]]*)(\])")
_STRONG: Final = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)")
_EMPHASIS: Final = re.compile(r"\*(?=\S)(.+?)(?<=\S)\*|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)")
_STRIKE: Final = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")

# Inline styles nest (bold inside a link inside italics), so they are bits merged per run of text.
_ITALIC: Final = 1
_BOLD: Final = 2
_STRIKEOUT: Final = 4
_LINK: Final = 8
_STYLE_BITS: Final = ((_ITALIC, "italic"), (_BOLD, "bold"), (_STRIKEOUT, "strike"), (_LINK, "link"))
_STYLE_NAMES: Final = tuple(
    tuple(name for bit, name in _STYLE_BITS if flags & bit) for flags in range(1 << len(_STYLE_BITS))
)
# Heading sizes as QTextFormat.FontSizeAdjustment steps, relative to the editor's own font, so they
# follow zooming: +2 is 1.5x, +1 is 1.2x.
_HEADING_SIZE: Final = {1: 2, 2: 1}


def _build_formats(colours: dict[str, str]) -> dict[str, QTextCharFormat]:
    """The primitive formats, by name; the highlighter merges them into the formats it paints."""
    monospace = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()

    def make(
        foreground: str | None = None,
        background: str | None = None,
        *,
        bold: bool = False,
        italic: bool = False,
        mono: bool = False,
    ) -> QTextCharFormat:
        fmt = QTextCharFormat()
        if foreground:
            fmt.setForeground(QColor(colours[foreground]))
        if background:
            fmt.setBackground(QColor(colours[background]))
        if bold:
            fmt.setFontWeight(QFont.Weight.Bold)
        if italic:
            fmt.setFontItalic(True)
        if mono:
            fmt.setFontFamilies([monospace])
            fmt.setFontFixedPitch(True)
        return fmt

    formats = {
        "italic": make(italic=True),
        "bold": make(bold=True),
        "strike": make(),
        "link": make("link"),
        "url": make("url"),
        "marker": make("marker"),
        "code": make("code", "code_background", mono=True),
        "code_block": make(background="code_background", mono=True),
        "quote": make("quote"),
        "front_matter": make("front_matter", "front_matter_background"),
        "front_matter_key": make("front_matter_key"),
        "comment": make("comment", italic=True),
    }
    formats["strike"].setFontStrikeOut(True)
    for level in range(1, 7):
        heading = make("heading", bold=True)
        heading.setProperty(QTextFormat.Property.FontSizeAdjustment, _HEADING_SIZE.get(level, 0))
        formats[f"h{level}"] = heading
    return formats


class MarkdownHighlighter(QuietRestyle, QSyntaxHighlighter):
    """Highlights Markdown (with YAML front matter) in a QTextDocument, one block at a time.

    Colours come from `LIGHT_COLOURS` or `DARK_COLOURS`, picked by the lightness of the palette's
    window colour; call `set_palette` when the application palette changes.
    """

    # Paints over a block once it is highlighted, given its text (ui/spelling_marks.py: spelling).
    after_block: Callable[[MarkdownHighlighter, str], None] | None = None

    def __init__(self, document: QTextDocument, palette: QPalette | None = None) -> None:
        super().__init__(document)
        self._formats: dict[str, QTextCharFormat] = {}
        self._merged: dict[tuple[str, ...], QTextCharFormat] = {}
        self._use_palette(palette or QGuiApplication.palette())
        self._dry = False  # the block being highlighted gets its state only, no formats
        self.progress = Progress(self)

    @property
    def pending(self) -> bool:
        """True while some blocks have their states but are still to be painted."""
        return self.progress.pending

    def set_palette(self, palette: QPalette) -> None:
        """Switch to the colours that suit `palette` and repaint the whole document (nothing to do when
        they are the colours in use)."""
        if colours_for(palette) is not self._colours:
            self._use_palette(palette)
            self.rehighlight()

    def _use_palette(self, palette: QPalette) -> None:
        self._colours = colours_for(palette)
        self._formats = _build_formats(self._colours)
        self._merged.clear()

    def _format(self, names: tuple[str, ...]) -> QTextCharFormat:
        """The primitive formats `names` merged in order (later names win), cached."""
        fmt = self._merged.get(names)
        if fmt is None:
            fmt = QTextCharFormat()
            for name in names:
                fmt.merge(self._formats[name])
            self._merged[names] = fmt
        return fmt

    def _paint(self, start: int, end: int, names: tuple[str, ...]) -> None:
        if end > start and not self._dry:
            self.setFormat(start, end - start, self._format(names))

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        """Format one block (or, past the run's budget, only work out its state: `progress` paints it
        later) and record the state the next block starts in."""
        self._dry = not self.progress.may_paint(self.currentBlock())
        if not text.isascii():
            # Qt counts positions in UTF-16 units; two placeholders per astral character (emoji)
            # keep the offsets aligned and, like emoji, match none of the syntax below.
            text = _ASTRAL.sub(_FILL * 2, text)
        state = max(self.previousBlockState(), _NORMAL)
        if state & _FENCE:
            self.setCurrentBlockState(self._fenced_line(text, state))
        elif state == _FRONT_MATTER:
            self.setCurrentBlockState(self._front_matter_line(text))
        elif state == _COMMENT:
            end = text.find("-->")
            if end < 0:
                self._paint(0, len(text), ("comment",))
                self.setCurrentBlockState(_COMMENT)
            else:
                self._paint(0, end + 3, ("comment",))
                self.setCurrentBlockState(self._inline(text, end + 3, len(text), (), _NORMAL))
        else:
            self.setCurrentBlockState(self._block(text, state))
        if self.after_block is not None and not self._dry:
            self.after_block(self, text)

    def _fenced_line(self, text: str, state: int) -> int:
        fence = _FENCE_CLOSE.match(text)
        if fence and fence[1][0] == ("~" if state & _TILDE else "`") and len(fence[1]) >= state & _FENCE_LENGTH:
            self._paint(0, len(text), ("code_block", "marker"))
            return _NORMAL
        self._paint(0, len(text), ("code_block",))
        return state

    def _front_matter_line(self, text: str) -> int:
        if _FRONT_MATTER_END.match(text):
            self._paint(0, len(text), ("front_matter", "marker"))
            return _NORMAL
        self._paint(0, len(text), ("front_matter",))
        key = _FRONT_MATTER_KEY.match(text)
        if key:
            self._paint(key.start(1), key.end(1), ("front_matter", "front_matter_key"))
        return _FRONT_MATTER

    def _block(self, text: str, previous: int) -> int:
        """Block-level syntax of a line outside any multi-line construct; returns the next state."""
        if not text.strip():
            return _NORMAL
        if _FRONT_MATTER_START.match(text) and self.currentBlock().blockNumber() == 0:
            self._paint(0, len(text), ("front_matter", "marker"))
            return _FRONT_MATTER
        fence = _FENCE_OPEN.match(text)
        # A backtick in a backtick fence's info string means the line is inline code, not a fence.
        if fence and not (fence[1][0] == "`" and "`" in fence[2]):
            self._paint(0, len(text), ("code_block", "marker"))
            tilde = _TILDE if fence[1][0] == "~" else 0
            return _FENCE | tilde | min(len(fence[1]), _FENCE_LENGTH)
        if previous == _PARAGRAPH:
            underline = _SETEXT.match(text)
            if underline:
                level = 1 if underline[1][0] == "=" else 2
                self._paint(0, len(text), (f"h{level}", "marker"))
                return _NORMAL

        base: tuple[str, ...] = ()
        start = 0
        quote = _QUOTE.match(text)
        if quote:
            self._paint(0, quote.end(), ("quote", "marker"))
            start = quote.end()
            base = ("quote",)
        heading = _ATX.match(text, start)
        if heading:
            base += (f"h{len(heading[1])}",)
            self._paint(start, len(text), base)
            self._paint(heading.start(1), heading.end(1), base + ("marker",))
            end = len(text)
            closing = _ATX_CLOSE.search(text, heading.end())
            if closing:
                end = closing.start()
                self._paint(end, len(text), base + ("marker",))
            return self._inline(text, heading.end(), end, base, _NORMAL)
        if _HR.match(text, start):
            self._paint(start, len(text), base + ("marker",))
            return _NORMAL
        if not quote:
            reference = _REFERENCE.match(text)
            if reference:
                self._reference_definition(reference)
                return _NORMAL

        # A setext underline may only follow a plain paragraph line, not a list item or a quote.
        state = _NORMAL if quote else _PARAGRAPH
        item = _LIST.match(text, start)
        if item:
            self._paint(start, item.end(), base + ("marker",))
            start = item.end()
            state = _NORMAL
        if base:
            self._paint(start, len(text), base)
        return self._inline(text, start, len(text), base, state)

    def _reference_definition(self, match: re.Match[str]) -> None:
        self._paint(match.start(1), match.end(1), ("marker",))
        self._paint(match.start(2), match.end(2), ("link",))
        self._paint(match.start(3), match.end(3), ("marker",))
        self._paint(match.start(4), match.end(4), ("url",))
        if match[5]:
            self._paint(match.start(5), match.end(5), ("url",))

    def _inline(self, text: str, start: int, end: int, base: tuple[str, ...], state: int) -> int:
        """Span-level syntax in text[start:end], merged over `base`.

        Returns `state`, or _COMMENT when an HTML comment opens and does not close on this line.
        Constructs are found in precedence order; each masks what it claims (code, URLs, delimiters)
        so later, weaker patterns cannot match inside it.
        """
        if not _INLINE_HINT.search(text, start, end):
            return state
        if self._dry and text.find("<!--", start, end) < 0:
            return state  # the state changes only where a comment opens; the masks never make one
        masked = _FILL * start + text[start:end]
        styles: list[tuple[int, int, int]] = []
        overlays: list[tuple[int, int, str]] = []

        def claim(kind: str) -> Callable[[re.Match[str]], str]:
            def replace(match: re.Match[str]) -> str:
                overlays.append((match.start(), match.end(), kind))
                return _FILL * (match.end() - match.start())

            return replace

        def link(match: re.Match[str]) -> str:
            for group in (1, 3, 5):
                overlays.append((match.start(group), match.end(group), "marker"))
            overlays.append((match.start(4), match.end(4), "url"))
            styles.append((match.start(2), match.end(2), _LINK))
            return _FILL * len(match[1]) + match[2] + _FILL * (match.end() - match.end(2))

        def delimited(style: int, width: int) -> Callable[[re.Match[str]], str]:
            def replace(match: re.Match[str]) -> str:
                first, last = match.start(), match.end()
                styles.append((first, last, style))
                overlays.append((first, first + width, "marker"))
                overlays.append((last - width, last, "marker"))
                return _FILL * width + match[0][width:-width] + _FILL * width

            return replace

        masked = _CODE_SPAN.sub(claim("code"), masked)
        masked = _ESCAPE.sub("\\\\" + _FILL, masked)
        masked = _COMMENT_SPAN.sub(claim("comment"), masked)
        opened = masked.find("<!--")
        if opened >= 0:
            overlays.append((opened, len(text), "comment"))
            masked = masked[:opened]
            state = _COMMENT
        masked = _AUTOLINK.sub(claim("url"), masked)
        masked = _INLINE_LINK.sub(link, masked)
        masked = _REFERENCE_LINK.sub(link, masked)
        masked = _STRONG.sub(delimited(_BOLD, 2), masked)
        masked = _EMPHASIS.sub(delimited(_ITALIC, 1), masked)
        _STRIKE.sub(delimited(_STRIKEOUT, 2), masked)

        if styles:
            edges = sorted({edge for first, last, _ in styles for edge in (first, last)})
            for first, last in itertools.pairwise(edges):
                flags = 0
                for span_first, span_last, style in styles:
                    if span_first <= first and last <= span_last:
                        flags |= style
                if flags:
                    self._paint(first, last, base + _STYLE_NAMES[flags])
        for first, last, kind in overlays:
            self._paint(first, last, base + (kind,))
        return state
