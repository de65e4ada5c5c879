"""WordPress shortcodes (`[gallery ids="1,2"]`, `[caption …]…[/caption]`) through Python-Markdown unchanged.

Markdown would curl a shortcode's quotes (smarty), escape its ampersands and wrap a shortcode standing alone in
`<p>`: WordPress could then no longer read it, and a post pulled from a blog would not publish back as it was.
A shortcode is kept as raw text instead, and a paragraph that starts and ends with one is not wrapped in `<p>`
(as WordPress writes it). Inside code spans and fenced code nothing changes.

A shortcode here is `[name …]` with at least one `=` among its attributes, `[/name]`, or a bare `[name]`
(lowercase): forms that Markdown links and footnotes never take (`[text](…)`, `[text][ref]` and a `[text]:`
definition are left alone, and `[TOC]` stays toc's marker). A bare `[name]` renders as the same text either way.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

import markdown
from markdown import util
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import Postprocessor

_NAME = r"[a-z][a-z0-9_-]*"
# `[name attr="v" …]`, `[/name]` or `[name]`; not followed by `(`, `[` or `:` (a link or a reference).
SHORTCODE = re.compile(
    rf"\[(?:/{_NAME}|{_NAME}|{_NAME}\s[^\[\]\n]*=[^\[\]\n]*)\](?![(\[:])",
)
_PLACEHOLDER = re.compile(util.HTML_PLACEHOLDER % r"([0-9]+)")
_PARAGRAPH = re.compile(r"<p>((?:(?!</?p>).)*)</p>", re.S)


class _ShortcodeInline(InlineProcessor):
    def __init__(self, pattern: str, md: markdown.Markdown, ext: ShortcodeExtension) -> None:
        super().__init__(pattern, md)
        self.ext = ext

    def handleMatch(  # type: ignore[override]  # noqa: N802 (Python-Markdown's name)
        self, m: re.Match[str], data: str
    ) -> tuple[str | Element | None, int, int]:
        if m.group(0)[1:-1].lower() in self.md.references:
            return None, None, None  # type: ignore[return-value]  # `[name]` with a definition: a link
        # As Python-Markdown's own raw inline HTML: the backslash escapes seen so far are undone.
        unescape = self.md.treeprocessors["unescape"]
        raw = unescape.RE.sub(lambda e: chr(int(e.group(1))), m.group(0))  # type: ignore[attr-defined]
        placeholder = self.md.htmlStash.store(raw)
        self.ext.stashed.add(self.md.htmlStash.html_counter - 1)
        return placeholder, m.start(0), m.end(0)


class _Unwrap(Postprocessor):
    """A paragraph that starts and ends with a shortcode is written without `<p>` (before raw HTML returns)."""

    def __init__(self, md: markdown.Markdown, ext: ShortcodeExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, text: str) -> str:
        if not self.ext.stashed:
            return text

        def unwrap(match: re.Match[str]) -> str:
            inner = match.group(1).strip()
            found = list(_PLACEHOLDER.finditer(inner))
            if found and found[0].start() == 0 and found[-1].end() == len(inner):
                if {int(found[0].group(1)), int(found[-1].group(1))} <= self.ext.stashed:
                    return inner
            return match.group(0)

        return _PARAGRAPH.sub(unwrap, text)


class ShortcodeExtension(Extension):
    """Keeps WordPress shortcodes as they are written (see the module's docstring)."""

    def __init__(self) -> None:
        super().__init__()
        self.stashed: set[int] = set()

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.registerExtension(self)
        # After code spans (190) and backslash escapes (180), before references (170) and links (160).
        md.inlinePatterns.register(_ShortcodeInline(SHORTCODE.pattern, md, self), "wp_shortcode", 175)
        md.postprocessors.register(_Unwrap(md, self), "wp_shortcode_unwrap", 35)

    def reset(self) -> None:
        """Forget the previous document's shortcodes (Python-Markdown calls it on `Markdown.reset`)."""
        self.stashed.clear()
