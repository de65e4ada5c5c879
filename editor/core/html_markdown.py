"""A blog's post HTML as Markdown for a draft, where Markdown says the same thing; raw HTML where it cannot.

WordPress keeps a post as block markup: each block's HTML between `<!-- wp:name {attrs} -->` and
`<!-- /wp:name -->`. Those comments, and shortcodes (`[gallery ids="1,2"]`), are kept byte for byte on lines
of their own, which Python-Markdown passes through (editor/core/shortcodes.py sees to the shortcodes), so a
pulled post publishes back as the same blocks. Between them each piece of HTML becomes Markdown (markdownify,
tuned for Python-Markdown: benchmarks/html_to_markdown.py measured it against html2text) only if Longhand's
own renderer turns that Markdown back into the same HTML (html_compare.same_html): otherwise it stays as
written. Blocks that hold other blocks (columns, galleries, groups) and those whose HTML Markdown cannot say
(figures, tables in a figure, code with a class, embeds) therefore stay raw HTML blocks. Classic-editor text
(no `<p>`, a blank line between paragraphs) is read the way WordPress shows it (wpautop): a paragraph per
blank line, a line break per newline.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser

import markdown
from bs4 import Tag
from markdown.extensions.toc import slugify
from markdownify import MarkdownConverter

from .html_compare import BLOCK_LEVEL, VOID, same_html
from .render import extensions, plain_html
from .shortcodes import SHORTCODE

# WordPress's block delimiter (wp-includes/class-wp-block-parser.php), void ones (`<!-- wp:x /-->`) too.
BLOCK_COMMENT = re.compile(
    r"<!--\s+(?P<closer>/)?wp:(?P<name>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s+"
    r"(?:(?P<attrs>\{.*?\})\s+)?(?P<void>/)?-->",
    re.S,
)
# Blocks whose HTML is the author's own or whose whitespace matters: never rewritten.
_VERBATIM_BLOCKS = {"html", "code", "preformatted", "verse", "freeform", "shortcode"}

# Tags Markdown writes, with the attributes it can say; other inline tags are written as inline HTML.
_MARKDOWN_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    **{name: set() for name in ("strong", "b", "em", "i", "code", "br")},
}
_INLINE_AS_HTML = set(
    "s strike del ins u sup sub kbd mark span small big abbr cite q time var samp dfn bdi bdo data font".split()
)
# Escapes markdownify leaves to us: characters that would start Markdown in Python-Markdown's reading.
_ESCAPES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\\(?=[\\`*_{}\[\]()>#+\-.!\"'])"), r"\\\\"),
    (re.compile(r"([*`])"), r"\\\1"),
    (re.compile(r"(?<![^\W_])_|_(?![^\W_])"), r"\\_"),  # not inside a word: Python-Markdown leaves those
    (re.compile(r"&(?=#?\w+;)"), "&amp;"),
    (re.compile(r"<(?=[A-Za-z/!?])"), "&lt;"),
    (re.compile(r"!(?=\[|$)"), r"\\!"),  # an image's `![`, or a `!` just before a link
    (re.compile(r"\[(?=[^\]]*\][(\[:])"), r"\\["),
    (re.compile(r"^(#{1,6}|[-+*>])(?=\s|$)"), r"\\\1"),  # a line that would start a heading, list, quote
    (re.compile(r"^(\d{1,9})([.)])(?=\s|$)"), r"\1\\\2"),  # or a numbered list
]


class _Converter(MarkdownConverter):
    """markdownify as Python-Markdown reads Markdown: nested lists indented by four, inline HTML for the
    inline tags and attributes Markdown has no words for, attr_list for a block's id and classes. (The
    convert_* methods are markdownify's documented way to change it; its stubs declare only convert().)"""

    def __init__(self) -> None:
        super().__init__(
            heading_style="ATX", bullets="-", escape_asterisks=False, escape_underscores=False, escape_misc=False
        )

    def escape(self, text: str, parent_tags: set[str]) -> str:
        """Backslash what would read as Markdown (markdownify's own escapes suit CommonMark, not us)."""
        for pattern, replacement in _ESCAPES:
            text = pattern.sub(replacement, text)
        return text

    def get_conv_fn(self, tag_name: str) -> Callable[..., str] | None:
        own: Callable[..., str] | None = super().get_conv_fn(tag_name)  # type: ignore[misc]
        name = tag_name.lower()
        if name not in _INLINE_AS_HTML and name not in _MARKDOWN_ATTRIBUTES:
            return own
        allowed = _MARKDOWN_ATTRIBUTES.get(name)

        def convert(el: Tag, text: str, parent_tags: set[str]) -> str:
            if allowed is not None and own is not None and not set(el.attrs) - allowed:
                return own(el, text, parent_tags)
            return _inline_html(el, text)

        return convert

    def convert_p(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        paragraph: str = super().convert_p(el, text, parent_tags)  # type: ignore[misc]
        attributes = _attr_list(el)
        return f"\n\n{paragraph.strip()}\n{{: {attributes} }}\n\n" if attributes and paragraph.strip() else paragraph

    def convert_hN(self, n: int, el: Tag, text: str, parent_tags: set[str]) -> str:  # noqa: N802 (markdownify's)
        heading: str = super().convert_hN(n, el, text, parent_tags)  # type: ignore[misc]
        # The id toc gives the heading anyway (the blog has it from an earlier publish) goes without saying.
        attributes = _attr_list(el, implied_id=slugify(el.get_text(), "-"))
        return f"\n\n{heading.strip()} {{: {attributes} }}\n\n" if attributes and heading.startswith("\n") else heading

    def convert_li(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """markdownify indents an item's other lines by its marker's width; Python-Markdown wants four."""
        item: str = super().convert_li(el, text, parent_tags)  # type: ignore[misc]
        first, _, rest = item.partition("\n")
        width = len(first) - len(first.lstrip("-0123456789.")) + 1
        lines = [line[width:] if line[:width].isspace() else line for line in rest.split("\n")]
        return "\n".join([first, *[("    " + line) if line else line for line in lines]])


def _attr_list(el: Tag, implied_id: str = "") -> str:
    """An element's id (unless it is `implied_id`) and classes as attr_list says them (`#id .a .b`), when
    that is all its attributes say; else ""."""
    if not el.attrs or set(el.attrs) - {"id", "class"}:
        return ""
    classes = el.attrs.get("class") or ""
    names = [f".{name}" for name in (classes if isinstance(classes, list) else str(classes).split())]
    if "id" in el.attrs and el.attrs["id"] != implied_id:
        names.insert(0, f"#{el.attrs['id']}")
    return " ".join(names) if all(re.fullmatch(r"[#.][\w-]+", name) for name in names) else ""


def _inline_html(el: Tag, text: str) -> str:
    attributes = "".join(
        f" {key}" if value is None else f' {key}="{html.escape(" ".join(value) if isinstance(value, list) else value)}"'
        for key, value in el.attrs.items()
    )
    return f"<{el.name}{attributes}>" if el.name in VOID else f"<{el.name}{attributes}>{text}</{el.name}>"


class _TopLevel(HTMLParser):
    """Where the top-level block elements and comments of an HTML fragment start and end."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.spans: list[tuple[int, int]] = []
        self.open: list[str] = []
        self.start = 0

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.open and tag in BLOCK_LEVEL:
            self.start = self._offset()
            if tag in VOID:
                self.spans.append((self.start, self.start + len(self.get_starttag_text() or "")))
                return
        if self.open or tag in BLOCK_LEVEL:
            if tag not in VOID:
                self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.open and tag in BLOCK_LEVEL:
            start = self._offset()
            self.spans.append((start, start + len(self.get_starttag_text() or "")))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.open:
            return
        while self.open.pop() != tag:
            pass
        if not self.open:
            end = self.text.find(">", self._offset()) + 1
            self.spans.append((self.start, end or len(self.text)))

    def handle_comment(self, data: str) -> None:
        if not self.open:
            start = self._offset()
            self.spans.append((start, self.text.find("-->", start) + 3))


def _pieces(text: str) -> Iterator[tuple[bool, str]]:
    """The fragment cut into top-level block elements and comments (True) and the runs between (False)."""
    parser = _TopLevel(text)
    parser.feed(text)
    parser.close()
    if parser.open:  # an element left open runs to the end
        parser.spans.append((parser.start, len(text)))
    position = 0
    for start, end in parser.spans:
        if start > position:
            yield False, text[position:start]
        yield True, text[start:end]
        position = end
    if position < len(text):
        yield False, text[position:]


class _Verifier:
    """Converts one piece of HTML to Markdown and keeps it only if Longhand renders it back the same."""

    def __init__(self, convert: Callable[[str], str] | None) -> None:
        self.md = markdown.Markdown(extensions=extensions(), output_format="html")
        self.convert = convert or _Converter().convert

    def render(self, text: str) -> str:
        return self.md.reset().convert(text)

    def choose(self, original: str, *candidates: str) -> str:
        """The first candidate that renders as `original` says, else `original` itself."""
        for candidate in candidates:
            if candidate.strip() and same_html(original, self.render(candidate)):
                return candidate
        return original.strip("\n")

    def markdown(self, fragment: str) -> str:
        return str(self.convert(fragment)).strip("\n")


def _paragraphs(run: str) -> Iterator[str]:
    """Text between elements as WordPress's classic editor shows it (wpautop): a <p> per blank line, a <br>
    per newline; a shortcode standing alone stays as it is."""
    for chunk in re.split(r"\n[ \t]*\n", run):
        chunk = chunk.strip()
        if not chunk:
            continue
        if SHORTCODE.match(chunk) and re.search(r"\]\s*\Z", chunk):
            yield chunk
        else:
            yield "<p>" + re.sub(r"[ \t]*\n", "<br />\n", chunk) + "</p>"


def _fragment(verifier: _Verifier, fragment: str, classic: bool) -> Iterator[tuple[str, str]]:
    """(Markdown, the HTML it must render as) for each piece of a fragment: Markdown where it renders the
    same, the piece as written elsewhere.

    Text between elements (`classic`) may be WordPress's classic-editor text, whose blank lines and newlines
    are paragraphs and line breaks, or Markdown already (a static site's hand-written post): it is converted
    only where both readings agree, and otherwise kept as it is and read as Markdown, as before."""
    for is_element, piece in _pieces(fragment):
        if not piece.strip():
            continue
        if not is_element and classic:
            paragraphs = list(_paragraphs(piece))
            as_markdown = verifier.render(piece)
            if not same_html("\n".join(paragraphs), as_markdown):
                yield piece.strip("\n"), as_markdown
                continue
        else:
            paragraphs = [piece.strip()]
        for part in paragraphs:
            if part.startswith("<!--") or SHORTCODE.match(part):
                yield verifier.choose(part, part), part
            else:
                yield verifier.choose(part, verifier.markdown(part)), part


def _block(verifier: _Verifier, block: str, opener: re.Match[str], closer: re.Match[str] | None) -> str:
    """One top-level WordPress block: its comments kept, its HTML converted where it maps cleanly."""
    if closer is None or opener["name"] in _VERBATIM_BLOCKS:
        return verifier.choose(block, block)
    inner = opener.string[opener.end() : closer.start()]  # the matches are in the whole post
    if BLOCK_COMMENT.search(inner):  # blocks inside: its HTML wraps theirs, which Markdown cannot say
        return verifier.choose(block, block)
    body = "\n\n".join(md for md, _ in _fragment(verifier, inner, classic=False))
    head, tail = opener.group(0), closer.group(0)
    return verifier.choose(block, f"{head}\n{body}\n{tail}", f"{head}\n\n{body}\n\n{tail}", block)


def _top_level_blocks(text: str) -> Iterator[tuple[str, re.Match[str] | None, re.Match[str] | None]]:
    """The post cut into top-level blocks (text, opener, closer or None when void) and the classic text
    between them (text, None, None)."""
    depth, position, opener = 0, 0, None
    for match in BLOCK_COMMENT.finditer(text):
        if depth == 0:
            if match["closer"]:
                continue  # a stray closer: left in the classic text around it
            if match.start() > position:
                yield text[position : match.start()], None, None
            if match["void"]:
                yield match.group(0), match, None
                position = match.end()
                continue
            opener = match
        if match["void"]:
            continue
        depth += -1 if match["closer"] else 1
        if depth == 0 and opener is not None:
            yield text[opener.start() : match.end()], opener, match
            position = match.end()
    if depth:
        assert opener is not None
        yield text[opener.start() :], opener, None  # never closed: kept as it is
    elif position < len(text):
        yield text[position:], None, None


def _walk(verifier: _Verifier, html_text: str) -> Iterator[tuple[str, str]]:
    """(Markdown, the HTML it must render as) for each block and piece of a post."""
    for text, opener, closer in _top_level_blocks(html_text):
        if opener is not None:
            yield _block(verifier, text, opener, closer), text
        else:
            yield from _fragment(verifier, text, classic=True)


def markdownify_markdown(html_text: str) -> str:
    """`html_text` as Markdown by markdownify tuned for Python-Markdown, unchecked: what `to_markdown` tries
    for each piece of a post."""
    return str(_Converter().convert(html_text))


def to_markdown(html_text: str, *, convert: Callable[[str], str] | None = None) -> str:
    """A blog's post HTML (WordPress block markup, classic-editor text or plain HTML) as a draft's Markdown:
    Markdown where Longhand renders it back to the same HTML, the HTML itself elsewhere; block comments and
    shortcodes byte for byte. The text is returned as it was when there is nothing to convert, or when the
    result would not render as the text itself does (as a draft, the way pulls kept posts before).
    `convert` replaces markdownify for each piece (the benchmark compares libraries)."""
    if not html_text.strip():
        return html_text
    result = "\n\n".join(md for md, _ in _walk(_Verifier(convert), html_text)) + "\n"
    # Each piece renders as its HTML says; the whole must also render as the text did before (Markdown
    # passes HTML through): a piece cut wrongly (`<div>` inside a Markdown code span) must not show.
    if result.split() == html_text.split() or not same_html(plain_html(html_text), plain_html(result)):
        return html_text
    return result


def shown_html(html_text: str) -> str:
    """The HTML a post says, as `to_markdown` reads it: blocks as they are, classic-editor text in
    paragraphs and line breaks where that is also how Markdown reads it, else as Markdown reads it. What
    `to_markdown`'s result renders to."""
    return "\n".join(html for _, html in _walk(_Verifier(lambda text: ""), html_text))
