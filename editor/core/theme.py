"""The blog's own theme, offline: one public page of the blog and its stylesheets, fetched once and
turned into a self-contained page template the preview renders the draft inside.

`fetch_theme(url)` downloads the page and its stylesheets and prepares the template: every stylesheet
inlined (url(...) made absolute, so fonts and images still load when online), everything active
removed (scripts, frames, event handlers, <base>, links other than stylesheets), and the post's content
element emptied and given id="content" (its title element, if found, id="content-title").
`ThemeCache` keeps one template per blog in the store; `theme_page()` makes the page to load.
Qt-free.
"""

from __future__ import annotations

import html as htmlmod
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from ..backends.base import RemoteStatus
from .paths import resources_dir
from .render import DARK_STYLE, LIGHT_STYLE, pygments_css
from .rows import dump_time
from .store import Store

if TYPE_CHECKING:
    import httpx

FETCH_TIMEOUT = 30.0
MAX_STYLESHEETS = 60
MAX_BYTES = 8 * 1024 * 1024  # per download: a page or a stylesheet

# Where the post's text is, in the order tried; "article .content" is a class inside an <article>.
CONTENT_SELECTORS = (".entry-content", ".wp-block-post-content", ".post-content", "article .content", "article", "main")
TITLE_SELECTORS = (".entry-title", ".wp-block-post-title", "h1")

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
        "wbr"}
RAW_TEXT = {"style", "script", "textarea", "title", "xmp"}
REMOVED = {"script", "iframe", "noscript", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
URL_ATTRIBUTES = {"href", "src", "poster", "action", "background", "cite", "data"}
# A start tag implicitly closes these open elements (the few rules real pages rely on).
_CLOSED_BY = {"p": {"p"}, "li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "option": {"option"},
              "tr": {"tr", "td", "th"}, "td": {"td", "th"}, "th": {"td", "th"}}
_BLOCKS_CLOSING_P = {"address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset",
                     "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
                     "hr", "main", "nav", "ol", "p", "pre", "section", "table", "ul"}


class ThemeError(Exception):
    """The theme could not be fetched; str() is one sentence an author can read."""


# -- a small HTML tree -----------------------------------------------------------------------------
@dataclass
class Element:
    tag: str
    attrs: list[tuple[str, str | None]] = field(default_factory=list)
    children: list[Element | str] = field(default_factory=list)
    parent: Element | None = None

    def get(self, name: str) -> str | None:
        return next((value for key, value in self.attrs if key == name), None)

    def set(self, name: str, value: str) -> None:
        self.attrs = [(k, v) for k, v in self.attrs if k != name] + [(name, value)]

    def classes(self) -> list[str]:
        return (self.get("class") or "").split()

    def iter(self) -> Iterator[Element]:
        """This element and every element under it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.doctype: str | None = None
        self._stack = [self.root]

    def _open(self, tag: str) -> None:
        closes = _CLOSED_BY.get(tag, set()) | ({"p"} if tag in _BLOCKS_CLOSING_P else set())
        if closes and self._stack[-1].tag in closes:
            self._stack.pop()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag)
        element = Element(tag, list(attrs), parent=self._stack[-1])
        self._stack[-1].children.append(element)
        if tag not in VOID:
            self._stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag)
        self._stack[-1].children.append(Element(tag, list(attrs), parent=self._stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._stack) - 1, 0, -1):
            if self._stack[depth].tag == tag:
                del self._stack[depth:]
                return  # a stray end tag (no such element open) is ignored

    def handle_data(self, data: str) -> None:
        self._stack[-1].children.append(data)

    def handle_decl(self, decl: str) -> None:
        if decl.lower().startswith("doctype"):
            self.doctype = decl


def parse_html(text: str) -> tuple[Element, str | None]:
    """The document tree of `text` and its doctype declaration (comments are dropped)."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root, builder.doctype


def serialize(root: Element, doctype: str | None = "DOCTYPE html") -> str:
    out: list[str] = [f"<!{doctype}>\n"] if doctype else []

    def write(node: Element | str, raw: bool) -> None:
        if isinstance(node, str):
            out.append(node if raw else htmlmod.escape(node, quote=False))
            return
        if node.tag != "#document":
            attrs = "".join(f" {k}" if v is None else f' {k}="{htmlmod.escape(v, quote=True)}"' for k, v in node.attrs)
            out.append(f"<{node.tag}{attrs}>")
            if node.tag in VOID:
                return
        for child in node.children:
            write(child, node.tag in RAW_TEXT and node.tag != "title" and node.tag != "textarea")
        if node.tag != "#document":
            out.append(f"</{node.tag}>")

    write(root, False)
    return "".join(out)


def _matches(element: Element, selector: str) -> bool:
    if selector.startswith("."):
        return selector[1:] in element.classes()
    if " " in selector:  # "ancestor .class"
        ancestor, descendant = selector.split(" ", 1)
        if not _matches(element, descendant):
            return False
        parent = element.parent
        while parent is not None:
            if _matches(parent, ancestor):
                return True
            parent = parent.parent
        return False
    return element.tag == selector


def select_first(root: Element, selectors: tuple[str, ...]) -> Element | None:
    """The first element matching the first selector that matches anything (a tiny subset of CSS)."""
    for selector in selectors:
        for element in root.iter():
            if _matches(element, selector):
                return element
    return None


# -- CSS -------------------------------------------------------------------------------------------
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|"([^"]*)"|'([^']*)')"""
                         r"""\s*([^;]*);""", re.IGNORECASE)
_STYLE_END = re.compile(r"</(style)", re.IGNORECASE)


def _absolute(url: str, base: str) -> str:
    url = url.strip()
    if not url or url.startswith(("#", "data:")):
        return url
    absolute = urljoin(base, url)
    return absolute if urlsplit(absolute).scheme in ("http", "https", "data") else ""


def absolutize_css(css: str, base: str) -> str:
    """`css` with every url(...) made absolute against `base` (data: URIs and #fragments kept)."""

    def replace(match: re.Match) -> str:
        url = next((g for g in match.groups() if g is not None), "")
        return f'url("{_absolute(url, base).replace(chr(34), "%22")}")'

    return _CSS_URL.sub(replace, css)


def _inline_imports(css: str, base: str, get: Callable[[str], str | None]) -> str:
    """Replace each @import with the imported sheet (one level; its own @imports stay as they are)."""

    def replace(match: re.Match) -> str:
        url = next((g for g in match.groups()[:5] if g is not None), "")
        media = match.group(6).strip()
        target = _absolute(url, base)
        text = get(target) if target.startswith(("http://", "https://")) else None
        if text is None:
            return ""
        text = absolutize_css(text, target)
        return f"@media {media} {{\n{text}\n}}" if media and media.lower() != "all" else text

    return _CSS_IMPORT.sub(replace, css)


def prepare_css(css: str, base: str, get: Callable[[str], str | None]) -> str:
    """A stylesheet ready to inline: imports inlined, urls absolute, no way to close the <style>."""
    css = _inline_imports(css, base, get)
    return _STYLE_END.sub(r"<\\/\1", absolutize_css(css, base))


# -- the template ----------------------------------------------------------------------------------
def _rel(element: Element) -> set[str]:
    return set((element.get("rel") or "").lower().split())


def _clean(element: Element, page_url: str, get: Callable[[str], str | None]) -> None:
    """Strip everything active from `element`'s subtree; inline stylesheets; absolutize URLs."""
    kept: list[Element | str] = []
    for child in element.children:
        if isinstance(child, str):
            kept.append(child)
            continue
        tag = child.tag
        if tag in REMOVED or (tag == "meta" and child.get("http-equiv") is not None):
            continue
        if tag == "link":
            href = child.get("href")
            if "stylesheet" not in _rel(child) or "alternate" in _rel(child) or not href:
                continue
            target = _absolute(href, page_url)
            text = get(target) if target.startswith(("http://", "https://")) else None
            if text is None:
                continue
            style = Element("style", parent=element, children=[prepare_css(text, target, get)])
            if child.get("media"):
                style.set("media", child.get("media") or "")
            kept.append(style)
            continue
        if tag == "style":
            child.children = [prepare_css(child.text(), page_url, get)]
            kept.append(child)
            continue
        attrs = []
        for name, value in child.attrs:
            lowered = name.lower()
            if lowered.startswith("on") or lowered in ("srcdoc", "formaction", "ping"):
                continue
            if value is not None and lowered in URL_ATTRIBUTES:
                if value.strip().lower().startswith(("javascript:", "vbscript:")):
                    continue
                value = _absolute(value, page_url) if not value.startswith("#") else value
            elif value is not None and lowered == "srcset":
                value = ", ".join(" ".join([_absolute(part.split()[0], page_url), *part.split()[1:]])
                                  for part in value.split(",") if part.split())
            elif value is not None and lowered == "style":
                value = absolutize_css(value, page_url)
            attrs.append((name, value))
        child.attrs = attrs
        _clean(child, page_url, get)
        kept.append(child)
    element.children = kept


def prepare_template(page_html: str, page_url: str, get: Callable[[str], str | None]) -> str:
    """The self-contained template made from a downloaded page; `get(url)` returns a stylesheet's text
    (or None to leave it out)."""
    root, doctype = parse_html(page_html)
    content = select_first(root, CONTENT_SELECTORS)
    if content is None:
        body = select_first(root, ("body",))
        if body is None:
            raise ThemeError("The blog's page has no content area Longhand could find.")
        content = Element("div", [("class", "post")], parent=body)
        body.children.append(content)
    title = select_first(root, TITLE_SELECTORS)
    _clean(root, page_url, get)
    for element in root.iter():  # ids must stay unique once ours are set
        if element.get("id") in ("content", "content-title"):
            element.attrs = [(k, v) for k, v in element.attrs if k != "id"]
    content.children = []
    content.set("id", "content")
    for element in root.iter():
        if element.tag == "title":  # the old post's title is no part of the theme
            element.children = ["Preview"]
    if title is not None and not _is_inside(title, content) and not _is_inside(content, title):
        title.children = []
        title.set("id", "content-title")
    return serialize(root, doctype or "DOCTYPE html")


def _is_inside(element: Element, container: Element) -> bool:
    parent = element.parent
    while parent is not None:
        if parent is container:
            return True
        parent = parent.parent
    return False


def _download(client: httpx.Client, url: str) -> httpx.Response:
    import httpx

    try:
        response = client.get(url)
    except httpx.HTTPError as exc:
        raise ThemeError(f"Could not reach {url} to fetch the blog's theme ({type(exc).__name__}).") from exc
    if len(response.content) > MAX_BYTES:
        raise ThemeError(f"{url} is too large to use as the blog's theme.")
    return response


def fetch_theme(page_url: str, *, client: httpx.Client | None = None) -> str:
    """Download `page_url` and its stylesheets; return the prepared, self-contained template.

    Raises ThemeError when the page cannot be had. A stylesheet the server refuses (4xx/5xx) is left
    out; one that cannot be reached at all fails the whole fetch, so a half theme is never cached.
    """
    own = client is None
    if own:
        # httpx is imported when a theme is fetched, not when the window starts (~20 ms of every start).
        import httpx

        from ..backends.http import USER_AGENT

        client = httpx.Client(timeout=FETCH_TIMEOUT, follow_redirects=True, headers={"User-Agent": USER_AGENT})
    try:
        response = _download(client, page_url)
        if response.status_code >= 400:
            raise ThemeError(f"The blog answered {response.status_code} for {page_url}; the theme could not be "
                             "fetched.")
        fetched: dict[str, str | None] = {}

        def get(url: str) -> str | None:
            url = url.split("#", 1)[0]
            if url not in fetched:
                if len(fetched) >= MAX_STYLESHEETS:
                    return None
                sheet = _download(client, url)
                fetched[url] = sheet.text if sheet.status_code < 400 else None
            return fetched[url]

        return prepare_template(response.text, str(response.url), get)
    finally:
        if own:
            client.close()


def theme_url(backend, home: str) -> str:
    """The public link of the blog's newest published post, or `home` when it has none."""
    for post in backend.list_posts():
        if post.status == RemoteStatus.PUBLISH and post.link:
            return post.link
    return home


def fetch_account_theme(store: Store, account_id: int, *, client: httpx.Client | None = None) -> str:
    """Fetch a blog's theme (through its API for the page to use) and cache it; returns the template.
    Blocking: run it off the UI thread. Raises ThemeError, or the backend's and store's own errors."""
    from .accounts import Accounts  # noqa: PLC0415 (accounts pulls in the keyring, needed here only)

    accounts = Accounts(store)
    account = accounts.get(account_id)
    backend = accounts.backend(account)
    try:
        url = theme_url(backend, account.base_url)
    finally:
        backend.close()
    template = fetch_theme(url, client=client)
    ThemeCache(store).put(account_id, url, template)
    return template


class ThemeCache:
    """One prepared theme template per blog, in the store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, account_id: int) -> str | None:
        with self.store.transaction("read the blog's theme", write=False) as conn:
            row = conn.execute("SELECT html FROM themes WHERE account_id = ?", (account_id,)).fetchone()
        return row["html"] if row else None

    def put(self, account_id: int, page_url: str, html: str) -> None:
        with self.store.transaction("save the blog's theme") as conn:
            conn.execute("INSERT INTO themes (account_id, page_url, html, fetched_at) VALUES (?, ?, ?, ?) "
                         "ON CONFLICT (account_id) DO UPDATE SET page_url = excluded.page_url, "
                         "html = excluded.html, fetched_at = excluded.fetched_at",
                         (account_id, page_url, html, dump_time(self.store.clock())))

    def forget(self, account_id: int) -> None:
        with self.store.transaction("forget the blog's theme") as conn:
            conn.execute("DELETE FROM themes WHERE account_id = ?", (account_id,))


_LH_BLOCK = re.compile(r"\.lh-block\s*\{[^}]*\}")


def house_rules() -> str:
    """The house CSS a themed page needs too: the `.lh-block` rule, when preview.css has one."""
    css = (resources_dir() / "preview.css").read_text(encoding="utf-8")
    return "\n".join(_LH_BLOCK.findall(css))


def theme_page(template_html: str, dark: bool = False) -> str:
    """The page to load in the preview: the template plus the house rules and the code style."""
    extra = (f'<style id="lh-house">\n{house_rules()}\n</style>\n'
             f'<style id="code-style">\n{pygments_css(DARK_STYLE if dark else LIGHT_STYLE)}\n</style>\n')
    head_end = re.search(r"</head\s*>", template_html, re.IGNORECASE)
    if head_end is None:
        return extra + template_html
    return template_html[:head_end.start()] + extra + template_html[head_end.start():]
