"""A downloaded blog page made into a self-contained theme template, and the page the preview loads.

The page is parsed with selectolax (the Lexbor engine: the WHATWG parsing algorithm, in C). Everything
active is removed (scripts, frames, templates, event handlers, <base>, refresh <meta>, javascript:
URLs, links other than stylesheets), every stylesheet is inlined and every URL made absolute, and the
post's content element is emptied and given id="content" (its title element, if found, id="content-title").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..render import DARK_STYLE, LIGHT_STYLE, pygments_css
from .css import absolute_url, absolutize_css, house_rules, prepare_css, stylesheet_at
from .errors import ThemeError

# Where the post's text is, in the order tried; "article .content" is a class inside an <article>.
CONTENT_SELECTORS = (".entry-content", ".wp-block-post-content", ".post-content", "article .content", "article", "main")
TITLE_SELECTORS = (".entry-title", ".wp-block-post-title", "h1")

# <template> too: its content is a fragment no walk of the tree visits, yet it is serialized.
REMOVED = {
    "script",
    "iframe",
    "noscript",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "portal",
    "template",
}
URL_ATTRIBUTES = {"href", "src", "poster", "action", "background", "cite", "data", "xlink:href"}
DROPPED_ATTRIBUTES = {"srcdoc", "formaction", "ping"}
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)

Get = Callable[[str], str | None]


def select_first(tree: LexborHTMLParser, selectors: tuple[str, ...]) -> LexborNode | None:
    """The first element matching the first of `selectors` that matches anything."""
    for selector in selectors:
        node = tree.css_first(selector)
        if node is not None:
            return node
    return None


def _empty(node: LexborNode) -> None:
    for child in list(node.iter(include_text=True)):
        child.decompose()


def _set_text(node: LexborNode, text: str) -> None:
    _empty(node)
    node.insert_child(text)


def _is_inside(node: LexborNode, container: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.mem_id == container.mem_id:  # wrappers are made afresh per access; the node is the same
            return True
        parent = parent.parent
    return False


def _absolute_srcset(value: str, page_url: str) -> str:
    candidates = (part.split() for part in value.split(","))
    return ", ".join(" ".join([absolute_url(words[0], page_url), *words[1:]]) for words in candidates if words)


def _clean_attributes(node: LexborNode, page_url: str) -> None:
    attrs = node.attrs
    for name, value in list(node.attributes.items()):
        lowered = name.lower()
        if lowered.startswith("on") or lowered in DROPPED_ATTRIBUTES:
            del attrs[name]
        elif value is None:
            continue
        elif lowered in URL_ATTRIBUTES:
            if value.strip().lower().startswith(("javascript:", "vbscript:")):
                del attrs[name]
            elif not value.startswith("#"):
                attrs[name] = absolute_url(value, page_url)
        elif lowered == "srcset":
            attrs[name] = _absolute_srcset(value, page_url)
        elif lowered == "style":
            attrs[name] = absolutize_css(value, page_url)


def _inline_stylesheet(tree: LexborHTMLParser, link: LexborNode, page_url: str, get: Get) -> None:
    """Replace a <link> with the stylesheet it names, as a <style>; any other link just goes."""
    rel = set((link.attributes.get("rel") or "").lower().split())
    href = link.attributes.get("href")
    text = None
    if "stylesheet" in rel and "alternate" not in rel and href:
        target, text = stylesheet_at(href, page_url, get)
    if text is None:
        link.decompose()
        return
    style = tree.create_node("style")
    style.insert_child(prepare_css(text, target, get))
    if media := link.attributes.get("media"):
        style.attrs["media"] = media
    link.replace_with(style, move=True)


def _clean(tree: LexborHTMLParser, page_url: str, get: Get) -> None:
    """Strip everything active from the page; inline stylesheets; absolutize URLs.

    A walk in document order (so stylesheets are fetched in the page's order) that keeps a stack of
    nodes still to visit rather than recursing, as deeply nested pages exist; each node's next sibling
    is taken before the node may be removed, since a removed node's memory is freed.
    """
    document = tree.root.parent if tree.root is not None else None
    pending: list[LexborNode | None] = [document.first_child if document is not None else None]
    while pending:
        node = pending.pop()
        if node is None:
            continue
        pending.append(node.next)
        tag = node.tag
        if node.is_comment_node or tag in REMOVED or (tag == "meta" and "http-equiv" in node.attributes):
            node.decompose()
        elif tag == "link":
            _inline_stylesheet(tree, node, page_url, get)
        elif node.is_element_node:
            _clean_attributes(node, page_url)
            if tag == "style":
                _set_text(node, prepare_css(node.text(deep=True), page_url, get))
            else:
                pending.append(node.first_child)


def prepare_template(page_html: str, page_url: str, get: Get) -> str:
    """The self-contained template made from a downloaded page; `get(url)` returns a stylesheet's text
    (or None to leave it out). Raises ThemeError for a page with nowhere to put the post."""
    tree = LexborHTMLParser(page_html)
    _clean(tree, page_url, get)
    content = select_first(tree, CONTENT_SELECTORS)
    if content is None:
        if tree.body is None:
            raise ThemeError("The blog's page has no content area Longhand could find.")
        content = tree.create_node("div")
        content.attrs["class"] = "post"
        tree.body.insert_child(content, move=True)
    title = select_first(tree, TITLE_SELECTORS)
    if title is not None and (_is_inside(title, content) or _is_inside(content, title)):
        title = None  # emptying one would free the other
    for node in tree.css('[id="content"], [id="content-title"]'):  # ids must stay unique once ours are set
        del node.attrs["id"]
    _empty(content)
    content.attrs["id"] = "content"
    for node in tree.css("title"):  # the old post's title is no part of the theme
        _set_text(node, "Preview")
    if title is not None:
        _empty(title)
        title.attrs["id"] = "content-title"
    html = tree.html or ""
    # Without a doctype the preview would render the theme in quirks mode.
    return html if html[:9].upper() == "<!DOCTYPE" else f"<!DOCTYPE html>\n{html}"


def theme_page(template_html: str, dark: bool = False) -> str:
    """The page to load in the preview: the template plus the house rules and the code style."""
    extra = (
        f'<style id="lh-house">\n{house_rules()}\n</style>\n'
        f'<style id="code-style">\n{pygments_css(DARK_STYLE if dark else LIGHT_STYLE)}\n</style>\n'
    )
    head_end = _HEAD_END.search(template_html)
    if head_end is None:
        return extra + template_html
    return template_html[: head_end.start()] + extra + template_html[head_end.start() :]
