"""A comment's words as plain text, the way the comment search indexes them (stdlib only, no Qt)."""

from __future__ import annotations

from html.parser import HTMLParser

# Block-level tags end a word even where the HTML has no space: "<p>one</p><p>two</p>" is two words.
_BREAKS = {"p", "br", "div", "li", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th"}


class _Words(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in _BREAKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        elif tag in _BREAKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def comment_text(html: str) -> str:
    """The words of a comment's HTML on one line: no tags (so `<strong>` is not a word), entities
    decoded, whitespace collapsed."""
    parser = _Words()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())
