"""HTML back to Markdown, for comment servers that take Markdown only (Isso escapes any HTML in a comment).

Longhand hands a backend the HTML of a reply (the author's Markdown, rendered); such a server renders
Markdown itself, so the HTML is written back as Markdown that renders to the same text: paragraphs, line
breaks, emphasis, code, links, quotes, lists, headings and rules. Anything else keeps its text and loses its
markup. Text is escaped so that it stays text (a `*` the author typed is not emphasis on the server).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_BLOCKS = {"p", "div", "pre", "blockquote", "ul", "ol", "li", "hr", "table", "tr", "section", "article", "figure"}
_BLOCKS |= {f"h{level}" for level in range(1, 7)}
_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "col", "area", "source"}
_SKIP = {"script", "style", "template", "head", "title"}
_INLINE_MARKS = {"em": "*", "i": "*", "strong": "**", "b": "**", "del": "~~", "s": "~~", "strike": "~~"}
_ESCAPED = re.compile(r"([\\`*_\[\]<>~^|])")  # ^ and ~: Isso's superscript and subscript
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")  # "&copy;" typed as text must not become ©
_LINE_START = re.compile(r"^(\s*)([#+=-]|\d+(?=[.)]))", re.MULTILINE)  # "1986." must not start a list


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[_Node | str] = field(default_factory=list)


class _Tree(HTMLParser):
    """The HTML as a tree of _Node, forgiving as browsers are (an unclosed tag ends with its parent)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root")
        self._open = [self.root]
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skipping += 1
            return
        node = _Node(tag, {name: value or "" for name, value in attrs})
        self._open[-1].children.append(node)
        if tag not in _VOID:
            self._open.append(node)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skipping = max(0, self._skipping - 1)
            return
        for depth in range(len(self._open) - 1, 0, -1):
            if self._open[depth].tag == tag:
                del self._open[depth:]
                return

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._open[-1].children.append(data)


def html_to_markdown(markup: str) -> str:
    """Markdown that a CommonMark renderer turns back into (nearly) this HTML; its text is the same."""
    tree = _Tree()
    tree.feed(markup)
    tree.close()
    return _blocks(tree.root.children).strip("\n")


def _escape(text: str) -> str:
    return _ENTITY.sub("\\&", _ESCAPED.sub(r"\\\1", text))


def _code_span(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _text_of(nodes: list[_Node | str]) -> str:
    return "".join(child if isinstance(child, str) else _text_of(child.children) for child in nodes)


def _inline(nodes: list[_Node | str]) -> str:
    """Inline content as one line of Markdown (HTML's white space collapsed); `<br>` as a hard break."""
    out: list[str] = []
    for child in nodes:
        if isinstance(child, str):
            out.append(_escape(re.sub(r"\s+", " ", child)))
        elif child.tag == "br":
            out.append("  \n")
        elif child.tag == "code":
            out.append(_code_span(_text_of(child.children)))
        elif child.tag in _INLINE_MARKS:
            inner = _inline(child.children)
            mark = _INLINE_MARKS[child.tag]
            # The marks must touch the words: "** word**" is not emphasis.
            stripped = inner.strip(" ")
            lead, trail = inner[: len(inner) - len(inner.lstrip(" "))], inner[len(inner.rstrip(" ")) :]
            out.append(f"{lead}{mark}{stripped}{mark}{trail}" if stripped else inner)
        elif child.tag == "a" and child.attrs.get("href"):
            href = child.attrs["href"].replace("<", "%3C").replace(">", "%3E")
            out.append(f"[{_inline(child.children).strip() or _escape(href)}](<{href}>)")
        elif child.tag == "img":
            out.append(_escape(child.attrs.get("alt", "")))
        elif child.tag in _BLOCKS:
            out.append(" " + _inline(child.children) + " ")
        else:
            out.append(_inline(child.children))
    return "".join(out)


def _paragraph(text: str) -> str:
    """A line of inline Markdown as a paragraph: trimmed, and a line that would start a heading, a list or
    a rule escaped."""
    lines = [line.strip(" ") for line in text.split("  \n")]
    text = "  \n".join(line for line in lines)
    return _LINE_START.sub(_escape_line_start, text.strip())


def _escape_line_start(match: re.Match[str]) -> str:
    marker = match.group(2)
    return match.group(1) + (marker + "\\" if marker[0].isdigit() else "\\" + marker)


def _fence(code: str, language: str = "") -> str:
    longest = max((len(run) for run in re.findall(r"`{3,}", code)), default=2)
    fence = "`" * (longest + 1)
    return f"{fence}{language}\n{code.rstrip(chr(10))}\n{fence}"


def _list(node: _Node) -> str:
    items = [child for child in node.children if isinstance(child, _Node) and child.tag == "li"]
    start = int(node.attrs.get("start", "1")) if node.attrs.get("start", "1").isdigit() else 1
    out = []
    for number, item in enumerate(items, start):
        marker = f"{number}. " if node.tag == "ol" else "- "
        body = _blocks(item.children).strip("\n") or ""
        indent = " " * len(marker)
        lines = body.split("\n")
        out.append(marker + lines[0] + "".join("\n" + (indent + line if line else "") for line in lines[1:]))
    return "\n".join(out)


def _blocks(nodes: list[_Node | str]) -> str:
    """Block content: runs of inline content become paragraphs, block elements their Markdown, all
    separated by blank lines."""
    out: list[str] = []
    run: list[_Node | str] = []

    def flush() -> None:
        text = _paragraph(_inline(run))
        if text:
            out.append(text)
        run.clear()

    for child in nodes:
        if isinstance(child, str) or child.tag not in _BLOCKS:
            run.append(child)
            continue
        flush()
        if child.tag == "hr":
            out.append("* * *")
        elif child.tag == "pre":
            code = next((c for c in child.children if isinstance(c, _Node) and c.tag == "code"), None)
            language = (code.attrs.get("class", "") if code else "").removeprefix("language-").split(" ")[0]
            out.append(_fence(_text_of([code] if code else child.children), language if code else ""))
        elif child.tag in ("ul", "ol"):
            out.append(_list(child))
        elif child.tag == "blockquote":
            inner = _blocks(child.children)
            out.append("\n".join("> " + line if line else ">" for line in inner.split("\n")))
        elif child.tag[0] == "h" and child.tag[1:].isdigit():
            heading = _inline(child.children).replace("  \n", " ").strip()
            if heading:
                out.append("#" * int(child.tag[1:]) + " " + heading)
        else:  # p, div, li and the rest: their content, as blocks of their own
            inner = _blocks(child.children)
            if inner:
                out.append(inner)
    flush()
    return "\n\n".join(out)
