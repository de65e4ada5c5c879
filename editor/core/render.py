"""Markdown → HTML with Python-Markdown and Pygments, and the preview page around it.

Every top-level block of the output carries `data-line="N"`, the 1-based source line it came from,
so the preview can follow the editor's scroll position and map a click back to a line.
"""

from __future__ import annotations

import html
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from string import Template

import markdown
from markdown.extensions import Extension
from markdown.extensions.codehilite import CodeHiliteExtension
from markdown.extensions.extra import ExtraExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.smarty import SmartyExtension
from markdown.extensions.toc import TocExtension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import InlineProcessor
from pygments.formatters import HtmlFormatter

from . import frontmatter
from .paths import read_resource
from .quick_inline import quicken
from .shortcodes import ShortcodeExtension

# The dark style is GitHub's, like the dark palette of preview.css.
LIGHT_STYLE, DARK_STYLE = "friendly", "github-dark"

# A marker the author cannot type by accident: a comment carrying a per-process nonce.
_MARK = f"lh{secrets.token_hex(4)}"
_FENCE_OPEN = re.compile(r"^(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^(?:[*+-]|\d+[.)])[ \t]")
_QUOTE = re.compile(r"^ {0,3}>")
# Link, footnote and abbreviation definitions render nothing where they stand: nothing to mark.
_DEFINITION = re.compile(r"^\*?\[[^\]]+\]:")


def _kind(line: str) -> str | None:
    """Blocks of these kinds run on across a blank line into the next block of the same kind."""
    if _LIST_ITEM.match(line):
        return "list"
    if _QUOTE.match(line):
        return "quote"
    return None


_MARK_THEN_MARK = re.compile(rf"<!--{_MARK}:\d+-->\s*(?=<!--{_MARK}:)")
_MARK_THEN_TAG = re.compile(rf"<!--{_MARK}:(\d+)-->\s*<([A-Za-z][A-Za-z0-9-]*)")
_MARK_LEFT = re.compile(rf"<!--{_MARK}:\d+-->\n*")


def block_starts(lines: list[str]) -> list[int]:
    """The indexes of the lines that start a top-level block which renders the same on its own.

    A block starts only where a blank line already ends the one before and the next line begins at
    column 0: never inside a fenced code block, never between two blocks that Markdown joins (list
    items, quotes or definition lists with a blank line between them), never at a definition (`: ...`),
    which belongs to the paragraph above it, nor at a link, footnote or abbreviation definition, which
    renders nothing where it stands.
    """
    return list(iter_block_starts(lines))


def iter_block_starts(lines: list[str], begin: int = 0) -> Iterator[int]:
    """`block_starts` one at a time, from line `begin` on, which must be 0 or one of the starts: what
    the scan decides after a start depends on that line alone, so it can resume there (an edit is
    rendered by scanning from the last start above it until the scan meets the old starts again)."""
    fence: str | None = None
    after_blank, previous_kind = True, None
    for index in range(begin, len(lines)):
        line = lines[index]
        if fence is not None:
            if line.rstrip(" ") == fence:
                fence = None
            continue
        if not line.strip():
            after_blank = True
            continue
        kind = _kind(line)
        if _DEFINITION.match(line):
            pass  # it vanishes from the output, so the blocks around it may still join
        elif after_blank and line[0] not in " \t":
            joins = (kind and kind == previous_kind) or previous_kind == "definitions"
            if not joins and not line.startswith(":"):
                yield index
            previous_kind = kind
        elif kind:
            previous_kind = kind  # a list or quote can start inside a block, e.g. under a heading
        if line.startswith(":"):
            # Definition lists continue into the next term, whatever the first line of it says.
            previous_kind = "definitions"
        opened = _FENCE_OPEN.match(line)
        # Python-Markdown closes a fence only with the very same run of backticks or tildes.
        fence = opened.group(1) if opened else None
        after_blank = False


def mark_blocks(lines: list[str], first_line: int = 1) -> list[str]:
    """Put a line marker (an HTML comment) before each block `block_starts` finds; the markers become
    data-line attributes at the end, and change nothing else in the output."""
    starts = set(block_starts(lines))
    out: list[str] = []
    for index, line in enumerate(lines):
        if index in starts:
            out += [f"<!--{_MARK}:{first_line + index}-->", ""]
        out.append(line)
    return out


class _MarkLines(Preprocessor):
    def __init__(self, md: markdown.Markdown, ext: _SourceLines) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        return mark_blocks(lines, self.ext.first_line)


class _LinesToAttributes(Postprocessor):
    def run(self, text: str) -> str:
        text = _MARK_THEN_MARK.sub("", text)
        text = _MARK_THEN_TAG.sub(r'<\2 data-line="\1"', text)
        return _MARK_LEFT.sub("", text)


class _SourceLines(Extension):
    """Marks blocks before any other preprocessor runs, turns marks into attributes at the very end."""

    first_line = 1

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # After whitespace normalisation (30), before fenced code (25) and raw HTML (20) are stashed.
        md.preprocessors.register(_MarkLines(md, self), "longhand_lines", 28)
        md.postprocessors.register(_LinesToAttributes(md), "longhand_lines", 0)


@dataclass(frozen=True)
class Rendered:
    """One render: the article's HTML and what the status bar shows about the text."""

    html: str
    words: int


def extensions() -> list[Extension]:
    """Python-Markdown's extensions for a post (extra, toc, sane_lists, smarty, codehilite), as objects:
    given their names, Markdown would first scan every installed distribution's entry points (~25 ms
    of every start-up)."""
    return [
        ExtraExtension(),
        TocExtension(),
        SaneListExtension(),
        SmartyExtension(),
        CodeHiliteExtension(css_class="highlight", guess_lang=False),
        ShortcodeExtension(),  # WordPress's [gallery …] and [caption]…[/caption] go through as written
    ]


class Renderer:
    """Renders Markdown bodies; one instance per thread (Python-Markdown instances are stateful)."""

    def __init__(self) -> None:
        self._lines = _SourceLines()
        self._md = markdown.Markdown(extensions=[*extensions(), self._lines], output_format="html")
        # Half a render is Python-Markdown's inline pass (its own and smarty's): the same output, faster.
        for processor in self._md.treeprocessors:
            if isinstance(processor, InlineProcessor):
                quicken(processor)

    def render(self, text: str) -> Rendered:
        """Render a draft body; a front matter block at its top is left out of the output."""
        _, body, used = frontmatter.split(text)
        return Rendered(html=self.convert(body, used + 1), words=count_words(body))

    def convert(self, markdown_text: str, first_line: int = 1) -> str:
        """Markdown (no front matter) to HTML whose blocks are marked from `first_line` on."""
        self._lines.first_line = first_line
        try:
            return self._md.reset().convert(markdown_text)
        finally:
            self._md.reset()


def plain_html(text: str) -> str:
    """The same Markdown rendered without line markers: what a reader of the blog gets."""
    return markdown.markdown(frontmatter.split(text)[1], extensions=extensions(), output_format="html")


_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
WORDS_PER_MINUTE = 230


def count_words(text: str) -> int:
    """Words as a reader counts them (contractions and hyphenated words count once)."""
    return sum(1 for _ in _WORD.finditer(text))


def reading_minutes(words: int) -> int:
    """Minutes an adult needs to read `words` words, at least one for any text."""
    return max(1, round(words / WORDS_PER_MINUTE)) if words else 0


@lru_cache(maxsize=4)
def pygments_css(style: str = LIGHT_STYLE) -> str:
    """The stylesheet for code blocks, generated from the Pygments style codehilite's classes expect."""
    return str(HtmlFormatter(style=style, cssclass="highlight").get_style_defs(".highlight"))  # type: ignore[no-untyped-call]


@lru_cache(maxsize=1)
def scheme_code_css() -> str:
    """Both code styles, each scoped to its scheme of the preview page (`<html data-scheme="...">`), so
    the page switches between them by that attribute alone."""
    return "\n".join(
        str(HtmlFormatter(style=style, cssclass="highlight").get_style_defs(f'html[data-scheme="{scheme}"] .highlight'))  # type: ignore[no-untyped-call]
        for scheme, style in (("light", LIGHT_STYLE), ("dark", DARK_STYLE))
    )


@lru_cache(maxsize=4)
def preview_page(*, dark: bool = False, title: str = "") -> str:
    """The preview page, loaded once: the house CSS and the code style in both palettes (`dark` picks
    the one it starts in), and an empty article to fill."""
    template = Template(read_resource("preview.html"))
    return template.substitute(
        title=html.escape(title or "Preview"),
        scheme="dark" if dark else "light",
        css=read_resource("preview.css"),
        code_css=scheme_code_css(),
    )
