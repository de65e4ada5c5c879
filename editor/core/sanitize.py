"""Comment HTML made safe to show: every comment is written by a stranger.

An allow-list (ammonia, through nh3) keeps the formatting a blog comment needs and nothing that runs,
styles or embeds. Remote images do not load by default: `sanitize` turns `<img src=…>` into
`<img data-blocked-src=…>`, so opening a comment does not tell its author (or a tracker) that it was
read, nor from where; `with_images` gives the sources back when the author asks to load them.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import nh3

# What blog comments use (WordPress allows much the same to commenters). No span or div: without
# class or style they carry nothing, and those two are not allowed.
TAGS = frozenset(
    {
        "p",
        "br",
        "a",
        "em",
        "strong",
        "b",
        "i",
        "u",
        "s",
        "del",
        "ins",
        "code",
        "pre",
        "blockquote",
        "q",
        "cite",
        "abbr",
        "ul",
        "ol",
        "li",
        "img",
        "sub",
        "sup",
    }
)
_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"alt", "title", "width", "height"},
}
# Removed with their content: their text is code or a widget, never part of what the reader wrote.
DROPPED = frozenset(
    {
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "form",
        "noscript",
        "template",
        "svg",
        "math",
        "textarea",
        "select",
    }
)
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
IMAGE_SCHEMES = frozenset({"http", "https"})
LINK_REL = "nofollow noopener noreferrer"  # nofollow: a comment's links are not the blog's endorsement

# Only ever applied to nh3's own output, where attribute values are quoted with `"` and `&`, `"`, `<`, `>`
# escaped inside them: so `<img …>` ends at the first `>` and ` src="` can only start an attribute.
_IMG = re.compile(r"<img\b[^>]*>")
_SRC = re.compile(r'\ssrc="([^"]*)"')
_BLOCKED_SRC = re.compile(r'\sdata-blocked-src="([^"]*)"')


def _is_image_url(value: str) -> bool:
    return urlsplit(value.strip()).scheme.lower() in IMAGE_SCHEMES


def _filter(tag: str, attribute: str, value: str) -> str | None:
    """Per-attribute checks the allow-list cannot express."""
    if tag == "img" and attribute in ("src", "data-blocked-src"):
        return value if _is_image_url(value) else None  # no data: or mailto: images
    if attribute in ("width", "height"):
        return value if value.isdigit() and len(value) <= 4 else None  # plain pixels, nothing to break the layout
    return value


def _clean(html: str, image_attribute: str) -> str:
    attributes = {tag: set(names) for tag, names in _ATTRIBUTES.items()}
    attributes["img"].add(image_attribute)
    # Relative addresses are denied: a comment read offline has no page they could be relative to.
    return nh3.clean(
        html,
        tags=set(TAGS),
        clean_content_tags=set(DROPPED),
        attributes=attributes,
        url_schemes=set(LINK_SCHEMES),
        link_rel=LINK_REL,
        attribute_filter=_filter,
        url_relative="deny",
        strip_comments=True,
    )


def _rename(html: str, pattern: re.Pattern[str], replacement: str) -> str:
    return _IMG.sub(lambda tag: pattern.sub(replacement, tag.group(0)), html)


def sanitize(html: str) -> str:
    """A stranger's comment HTML as safe HTML: allowed tags only, no scripts, handlers or styles, links
    with rel="nofollow noopener noreferrer", and images blocked (`data-blocked-src`, no `src`)."""
    cleaned = _clean(html, "src")
    blocked = _rename(cleaned, _SRC, r' data-blocked-src="\1"')
    # A last pass with no `src` allowed at all, so no image can load whatever the renaming missed.
    return _clean(blocked, "data-blocked-src")


def with_images(html: str) -> str:
    """Sanitised comment HTML with its blocked images given their (http or https) sources back: the
    "load images" action. Cleaned again, so it is safe on any input."""
    return _clean(_rename(html, _BLOCKED_SRC, r' src="\1"'), "src")
