"""Whether two pieces of HTML say the same thing: the same elements, attributes, comments and text, however
they are laid out. html_markdown keeps a piece of a post as Markdown only when Longhand renders that Markdown
back to HTML that says what the post said."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
BLOCK_LEVEL = frozenset(markdown.Markdown().block_level_elements)  # Python-Markdown's: raw HTML blocks
_WHITESPACE = re.compile(r"[ \t\n\r\f]+")
# What smarty makes of straight punctuation, folded back: WordPress shows both alike (wptexturize).
_TYPOGRAPHY = str.maketrans(
    {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "--", "—": "---", "…": "...", "«": "<<", "»": ">>"}
)


class _Tokens(HTMLParser):
    """HTML as a list of tokens, for comparing two documents by what they say rather than how."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple[str, ...]] = []
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pairs = sorted((key, _WHITESPACE.sub(" ", (value or "").strip())) for key, value in attrs)
        self.tokens.append(("<", tag, *(f"{key}={value}" for key, value in pairs)))
        self.pre += tag == "pre"
        if tag in VOID:
            self.tokens.append(("/", tag))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID:
            self.tokens.append(("/", tag))
            self.pre -= tag == "pre" and self.pre > 0

    def handle_data(self, data: str) -> None:
        kind = "pre" if self.pre else "text"  # inside <pre> every space counts
        if kind == "text":
            data = _WHITESPACE.sub(" ", data.translate(_TYPOGRAPHY))
        if self.tokens and self.tokens[-1][0] == kind:
            data = self.tokens.pop()[1] + data
        self.tokens.append((kind, data))

    def handle_comment(self, data: str) -> None:
        self.tokens.append(("!", _WHITESPACE.sub(" ", data.strip())))


def _breaks(token: tuple[str, ...] | None) -> bool:
    """Whether whitespace beside this token is layout, not text: next to a block, a comment, a line break."""
    return token is None or token[0] == "!" or (token[0] in "</" and (token[1] in BLOCK_LEVEL or token[1] == "br"))


def html_tokens(text: str) -> list[tuple[str, ...]]:
    """`text` as tokens: tags with their sorted attributes, comments, and text with whitespace collapsed
    (outside <pre>), dropped next to blocks, and smart punctuation folded to ASCII."""
    parser = _Tokens()
    parser.feed(text)
    parser.close()
    tokens, out = _spaces_outside(parser.tokens), []
    for index, token in enumerate(tokens):
        if token[0] == "text":
            data = token[1]
            if _breaks(tokens[index - 1] if index else None):
                data = data.lstrip(" ")
            if _breaks(tokens[index + 1] if index + 1 < len(tokens) else None):
                data = data.rstrip(" ")
            if not data:
                continue
            token = ("text", data)
        out.append(token)
    return out


def _spaces_outside(tokens: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """A space just inside an inline element (`<em> word </em>`) moved outside it, where Markdown puts it."""
    out: list[tuple[str, ...]] = []
    for token in tokens:
        previous = out[-1] if out else None
        if token[0] == "text" and previous and previous[0] == "<" and previous[1] not in BLOCK_LEVEL:
            if token[1].startswith(" ") and previous[1] not in VOID:
                before = out[-2] if len(out) > 1 and out[-2][0] == "text" else None
                out[-2 if before else -1 : -1] = [("text", _WHITESPACE.sub(" ", (before or ("", ""))[1] + " "))]
                token = ("text", token[1][1:])
        if token[0] == "/" and token[1] not in BLOCK_LEVEL and previous and previous[0] == "text":
            if previous[1].endswith(" "):
                out[-1] = ("text", previous[1][:-1])
                out.append(token)
                token = ("text", " ")
        if token[0] == "text" and out and out[-1][0] == "text":
            token = ("text", _WHITESPACE.sub(" ", out.pop()[1] + token[1]))
        if token != ("text", ""):
            out.append(token)
    return out


def same_html(original: str, rendered: str) -> bool:
    """Whether `rendered` says what `original` says: the same tags, attributes, comments and text, up to
    whitespace between blocks and smart punctuation; a heading may have gained an id (toc's anchor)."""
    ours, theirs = html_tokens(original), html_tokens(rendered)
    if len(ours) != len(theirs):
        return False
    for a, b in zip(ours, theirs, strict=True):
        if a != b and not _heading_gained_id(a, b):
            return False
    return True


def _heading_gained_id(original: tuple[str, ...], rendered: tuple[str, ...]) -> bool:
    if original[0] != "<" or not re.fullmatch(r"h[1-6]", original[1]):
        return False
    if any(item.startswith("id=") for item in original[2:]):
        return False
    return original == tuple(item for item in rendered if not item.startswith("id="))
