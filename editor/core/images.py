"""Local images in a draft: where they are on disk, and rewriting their addresses."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

# ![alt](src "title") in Markdown, and src="…" of <img> in Markdown's raw HTML or in rendered HTML.
_MARKDOWN_IMAGE = re.compile(r"(!\[[^\]\n]*\]\(\s*<?)([^)\s>]+)(>?(?:\s+[\"'(][^)\n]*)?\s*\))")
_HTML_IMAGE = re.compile(r"(<img\b[^>]*?\bsrc\s*=\s*)([\"'])([^\"']*)\2", re.I)


def local_path(src: str, base: Path | None = None) -> Path | None:
    """The file an image address names on this computer, or None (a web address, or no such file).

    Accepted: file:// URLs, absolute paths, and paths relative to `base` (default: the home folder,
    where the preview resolves them too).
    """
    parts = urlsplit(src)
    if parts.scheme == "file":
        candidate = Path(unquote(parts.path))
    elif parts.scheme or src.startswith("//") or not src:
        return None
    else:
        candidate = Path(unquote(src)).expanduser()
        if not candidate.is_absolute():
            candidate = (base or Path.home()) / candidate
    return candidate if candidate.is_file() else None


def absolutize_path(src: str, base: Path) -> str:
    """`src` as an absolute path when it names a file relative to `base`; otherwise unchanged."""
    if urlsplit(src).scheme or Path(src).expanduser().is_absolute():
        return src
    found = local_path(src, base)
    return str(found) if found else src


def absolutize(markdown: str, base: Path) -> str:
    """Make relative image paths in Markdown (and its raw <img> tags) absolute against `base`."""
    markdown = _MARKDOWN_IMAGE.sub(lambda m: m.group(1) + absolutize_path(m.group(2), base) + m.group(3), markdown)
    return _HTML_IMAGE.sub(lambda m: f"{m.group(1)}{m.group(2)}{absolutize_path(m.group(3), base)}{m.group(2)}",
                           markdown)


def rewrite_html_images(html: str, replace: Callable[[str], str | None]) -> str:
    """Give each <img src> to `replace`; a returned address takes its place, None leaves it."""

    def swap(match: re.Match[str]) -> str:
        new = replace(match.group(3))
        return match.group(0) if new is None else f"{match.group(1)}{match.group(2)}{new}{match.group(2)}"

    return _HTML_IMAGE.sub(swap, html)
