"""CSS for a theme template: stylesheets made self-contained, and the house rules a themed page needs.

Regex-based on purpose: only `url(...)`, `@import` and a closing `</style` are touched, so the sheet's
own syntax (whatever CSS the blog uses) passes through untouched.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

from ..paths import read_resource

_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""", re.IGNORECASE)
_CSS_IMPORT = re.compile(
    r"""@import\s+(?:url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|"([^"]*)"|'([^']*)')"""
    r"""\s*([^;]*);""",
    re.IGNORECASE,
)
_STYLE_END = re.compile(r"</(style)", re.IGNORECASE)
_LH_BLOCK = re.compile(r"\.lh-(?:block|chunk)\s*\{[^}]*\}")


def absolute_url(url: str, base: str) -> str:
    """`url` resolved against `base`; "" for a scheme other than http(s) or data: (javascript: and the
    like). Fragments and data: URIs are kept as they are: they point into the page itself."""
    url = url.strip()
    if not url or url.startswith(("#", "data:")):
        return url
    absolute = urljoin(base, url)
    return absolute if urlsplit(absolute).scheme in ("http", "https", "data") else ""


def stylesheet_at(url: str, base: str, get: Callable[[str], str | None]) -> tuple[str, str | None]:
    """The absolute address of the stylesheet `url` names, and its text from `get` (None when it cannot be
    had, or is no http(s) address)."""
    target = absolute_url(url, base)
    return target, get(target) if target.startswith(("http://", "https://")) else None


def absolutize_css(css: str, base: str) -> str:
    """`css` with every url(...) made absolute against `base` (data: URIs and #fragments kept)."""

    def replace(match: re.Match[str]) -> str:
        url = next((g for g in match.groups() if g is not None), "")
        return f'url("{absolute_url(url, base).replace(chr(34), "%22")}")'

    return _CSS_URL.sub(replace, css)


def _inline_imports(css: str, base: str, get: Callable[[str], str | None]) -> str:
    """Replace each @import with the imported sheet (one level; its own @imports stay as they are)."""

    def replace(match: re.Match[str]) -> str:
        url = next((g for g in match.groups()[:5] if g is not None), "")
        media = match.group(6).strip()
        target, text = stylesheet_at(url, base, get)
        if text is None:
            return ""
        text = absolutize_css(text, target)
        return f"@media {media} {{\n{text}\n}}" if media and media.lower() != "all" else text

    return _CSS_IMPORT.sub(replace, css)


def prepare_css(css: str, base: str, get: Callable[[str], str | None]) -> str:
    """A stylesheet ready to inline: imports inlined, urls absolute, no way to close the <style>.
    `get(url)` returns an imported sheet's text, or None to leave it out."""
    css = _inline_imports(css, base, get)
    return _STYLE_END.sub(r"<\\/\1", absolutize_css(css, base))


def house_rules() -> str:
    """The house CSS a themed page needs too: the `.lh-block` and `.lh-chunk` rules (the patched blocks
    and their groups, each its own paint layer), when preview.css has them."""
    css = read_resource("preview.css")
    return "\n".join(_LH_BLOCK.findall(css))
