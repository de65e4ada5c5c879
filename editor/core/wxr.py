"""WordPress exports (WXR: WordPress eXtended RSS, what Tools ▸ Export makes) read into plain dataclasses.

The file is streamed with lxml's iterparse and each <item> is dropped once read, so a 100 MB export never
sits in memory as a tree. The file is not trusted: a DOCTYPE (which WordPress never writes) is refused
before any entity could be expanded, entities are never resolved, no DTD is loaded, nothing is fetched
from the network, and libxml2's limits on huge text nodes stay on.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lxml import etree

from ..backends.base import CommentStatus

# The namespaces WordPress has used (WXR 1.0 to 1.2), by the prefix this module calls them.
_NAMESPACES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
}
_WORDPRESS = re.compile(r"http://wordpress\.org/export/1\.\d+/(excerpt/)?")
_NO_DATE = "0000-00-00 00:00:00"  # how WordPress writes the GMT date of a draft never published
_APPROVED = {"1": CommentStatus.APPROVED, "0": CommentStatus.HOLD, "spam": CommentStatus.SPAM}
_COMMENT_TYPES = ("", "comment")  # pingbacks and trackbacks are not comments the inbox shows


class WxrError(ValueError):
    """A file that cannot be read as a WordPress export; the message is one plain sentence."""


@dataclass(frozen=True)
class WxrComment:
    """A <wp:comment> of an item: a reader's comment, or the author's reply."""

    id: str
    parent_id: str | None  # None for a top-level comment
    author: str
    author_email: str
    author_url: str
    date_gmt: datetime | None
    content: str  # as the commenter wrote it (WordPress adds paragraphs only when it shows it)
    status: CommentStatus
    user_id: str  # "0" for a reader without an account on the blog


@dataclass
class WxrItem:
    """A post, page or other <item> of the export, with its comments."""

    post_id: str
    post_type: str  # post, page, attachment, nav_menu_item, …
    title: str = ""
    link: str = ""
    guid: str = ""
    slug: str = ""
    status: str = ""  # publish, draft, future, pending, private (WordPress's words)
    date_gmt: datetime | None = None
    modified_gmt: datetime | None = None
    content: str = ""  # the HTML WordPress keeps (block markup or classic-editor text)
    excerpt: str = ""
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    comments: list[WxrComment] = field(default_factory=list)
    other_comments: int = 0  # pingbacks and trackbacks, left out


@dataclass
class WxrExport:
    """What an export says about its blog, and its items in file order."""

    title: str = ""
    link: str = ""  # the channel's <link>: the blog's address
    base_site_url: str = ""
    base_blog_url: str = ""
    items: list[WxrItem] = field(default_factory=list)
    wxr_version: str = ""

    def post_types(self) -> Counter[str]:
        """How many items of each post type the export holds."""
        return Counter(item.post_type for item in self.items)


def _name(tag: Any) -> str:
    """An element's name with the prefix this module uses ("wp:post_id", "content:encoded", "title")."""
    if not isinstance(tag, str):
        return ""  # a comment or processing instruction
    qname = etree.QName(tag)
    namespace = qname.namespace or ""
    wordpress = _WORDPRESS.fullmatch(namespace)
    if wordpress:
        prefix = "excerpt" if wordpress.group(1) else "wp"
    else:
        prefix = _NAMESPACES.get(namespace, "?" if namespace else "")
    return f"{prefix}:{qname.localname}" if prefix else qname.localname


def _text(element: Any) -> str:
    return str(element.text or "")


def _gmt(text: str) -> datetime | None:
    """A *_gmt field ("2024-05-01 12:00:00", GMT); WordPress's zero date and anything unreadable: None."""
    text = text.strip()
    if not text or text == _NO_DATE:
        return None
    try:
        return datetime.fromisoformat(text).replace(tzinfo=UTC)
    except ValueError:
        return None


def _comment(element: Any) -> tuple[WxrComment | None, bool]:
    """(the comment, or None for a pingback or trackback; whether it was one)."""
    fields = {_name(child.tag): _text(child) for child in element}
    if fields.get("wp:comment_type", "").strip() not in _COMMENT_TYPES:
        return None, True
    parent = fields.get("wp:comment_parent", "0").strip()
    approved = fields.get("wp:comment_approved", "0").strip()
    return WxrComment(
        id=fields.get("wp:comment_id", "").strip(),
        parent_id=parent if parent not in ("", "0") else None,
        author=fields.get("wp:comment_author", ""),
        author_email=fields.get("wp:comment_author_email", ""),
        author_url=fields.get("wp:comment_author_url", "").strip(),
        date_gmt=_gmt(fields.get("wp:comment_date_gmt", "")),
        content=fields.get("wp:comment_content", ""),
        status=_APPROVED.get(approved, CommentStatus.TRASH if "trash" in approved else CommentStatus.HOLD),
        user_id=fields.get("wp:comment_user_id", "0").strip() or "0",
    ), False


_ITEM_FIELDS: dict[str, tuple[str, Any]] = {
    "title": ("title", str),
    "link": ("link", str.strip),
    "guid": ("guid", str.strip),
    "wp:post_id": ("post_id", str.strip),
    "wp:post_type": ("post_type", str.strip),
    "wp:post_name": ("slug", str.strip),
    "wp:status": ("status", str.strip),
    "wp:post_date_gmt": ("date_gmt", _gmt),
    "wp:post_modified_gmt": ("modified_gmt", _gmt),
    "content:encoded": ("content", str),
    "excerpt:encoded": ("excerpt", str),
}


def _item(element: Any) -> WxrItem:
    item = WxrItem(post_id="", post_type="")
    for child in element:
        name = _name(child.tag)
        if name == "category":
            label = _text(child).strip()
            domain = child.get("domain", "")
            if label and domain == "post_tag":
                item.tags.append(label)
            elif label and domain == "category":
                item.categories.append(label)
        elif name == "wp:comment":
            comment, other = _comment(child)
            if comment is not None and comment.id:
                item.comments.append(comment)
            item.other_comments += other
        elif name in _ITEM_FIELDS:
            attribute, read = _ITEM_FIELDS[name]
            setattr(item, attribute, read(_text(child)))
    return item


_CHANNEL_FIELDS = {
    "title": "title",
    "link": "link",
    "wp:base_site_url": "base_site_url",
    "wp:base_blog_url": "base_blog_url",
    "wp:wxr_version": "wxr_version",
}


def _events(path: Path) -> Iterator[tuple[str, Any]]:
    # resolve_entities=False: no entity is ever expanded (no billion laughs, no file read through
    # SYSTEM "file:///…"); load_dtd=False and no_network=True: nothing outside the file is opened.
    yield from etree.iterparse(
        str(path),
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def read(path: Path) -> WxrExport:
    """Read a WordPress export; WxrError says plainly (with the line) why a file is not one."""
    path = Path(path)
    export = WxrExport()
    depth_names: list[str] = []
    try:
        for event, element in _events(path):
            if event == "start":
                if not depth_names and element.getroottree().docinfo.doctype:
                    raise WxrError(
                        f"{path.name} declares a DOCTYPE, which WordPress exports never do; "
                        "it was not imported, to keep entities it may define from reading other files."
                    )
                depth_names.append(_name(element.tag))
                continue
            depth_names.pop()
            parent = depth_names[-1] if depth_names else ""
            name = _name(element.tag)
            if parent == "channel" and name == "item":
                export.items.append(_item(element))
            elif parent == "channel" and name in _CHANNEL_FIELDS:
                setattr(export, _CHANNEL_FIELDS[name], _text(element).strip())
            else:
                continue
            # Done with this child of <channel>: drop it and what came before, so memory stays flat.
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or (exc.position[0] if exc.position else 0)
        raise WxrError(
            f"{path.name} is not a complete WordPress export: the XML is broken at line {line} ({exc.msg})."
        ) from None
    except OSError as exc:
        raise WxrError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    if not export.wxr_version and not any(item.post_type for item in export.items):
        raise WxrError(f"{path.name} is not a WordPress export (Tools ▸ Export on the blog makes one).")
    return export
