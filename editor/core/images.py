"""Images in a draft: which local files the author meant, where a blog's images point, and rewriting
image addresses.

Remote content never chooses a local file. A post that comes from a blog has its image addresses made
absolute against the post's own web address, and `file:` addresses dropped, before it becomes a draft
(`safe_remote_text`). When publishing, a local file is read only when the author put it there: a file in the
draft's own media folder (named relative to it, never escaping it by `..` or a symlink), or a path the
author typed (absolute, `~/…` or `file:`) that did not come from the blog.
"""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

# ![alt](src "title") in Markdown; [ref]: src definitions (which images may use); and the src of an
# <img> in raw or rendered HTML, quoted or not. `\s` before src: data-src is not src.
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]\n]*\]\(\s*<?(?P<src>[^)\s>]+)>?(?:\s+[\"'(][^)\n]*)?\s*\)")
_DEFINITION = re.compile(r"^[ ]{0,3}\[(?P<label>[^\]\n]+)\]:[ \t]*<?(?P<src>[^\s>]+)", re.M)
_REFERENCE_IMAGE = re.compile(r"!\[([^\]\n]*)\](?!\()(?:\[([^\]\n]*)\])?")
_HTML_IMAGE = re.compile(
    r"(<img\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*?\ssrc\s*=\s*)(?:([\"'])(.*?)\2|([^\s\"'>]+))", re.I | re.S
)
_WEB_SCHEMES = {"http", "https"}


@dataclass(frozen=True)
class LocalImage:
    """An image address in a draft and the local file it names, to be uploaded."""

    src: str
    path: Path


@dataclass(frozen=True)
class SkippedImage:
    """An image address that looks local but will not be read, and why (one sentence)."""

    src: str
    reason: str


def media_folder(data_dir: Path, draft_id: int) -> Path:
    """The draft's own folder for images (created when something is put there)."""
    return Path(data_dir) / "media" / str(draft_id)


def is_web_address(src: str) -> bool:
    """Whether `src` is an address on the web (left as it is by publishing)."""
    parts = urlsplit(src)
    return parts.scheme.lower() in _WEB_SCHEMES or src.startswith("//") or parts.scheme.lower() == "data"


def resolve(src: str, media: Path, foreign: Mapping[str, str] | None = None) -> LocalImage | SkippedImage | None:
    """The local file an image address names, if Longhand may upload it; a SkippedImage when the
    address looks local but may not be read (saying why); None for web addresses and empty ones.

    `foreign` maps addresses that came with text from elsewhere to where it came from ("the blog", "an
    imported file"): a path there was not typed by the author and is never read from this computer.
    """
    src = src.strip()
    if not src or src.startswith("#") or is_web_address(src):
        return None
    parts = urlsplit(src)
    if parts.scheme and parts.scheme.lower() != "file" and len(parts.scheme) > 1:  # C:\\ is a path
        return None  # mailto:, javascript:, cid:… name no file; the blog deals with them
    if foreign and src in foreign:
        return SkippedImage(
            src, f"The image {src} came from {foreign[src]}, so Longhand does not look for it on this computer."
        )
    if parts.scheme.lower() == "file":
        candidate = Path(unquote(parts.path))
    else:
        candidate = Path(unquote(src)).expanduser()
    if not candidate.is_absolute():
        return _in_media_folder(src, candidate, media)
    if not candidate.is_file():
        return SkippedImage(src, f"The image {src} is not a file on this computer.")
    return LocalImage(src, candidate)


def _in_media_folder(src: str, relative: Path, media: Path) -> LocalImage | SkippedImage:
    """A relative address names a file in the draft's media folder, and only there."""
    try:
        root = media.resolve()
        target = (root / relative).resolve(strict=True)
    except (OSError, RuntimeError):  # missing, or a symlink loop
        return SkippedImage(src, f"The image {src} is not in this draft's media folder.")
    if not target.is_relative_to(root):
        return SkippedImage(
            src, f"The image {src} points outside this draft's media folder, so Longhand does not upload it."
        )
    if not target.is_file():
        return SkippedImage(src, f"The image {src} is not a file.")
    return LocalImage(src, target)


def names_a_path(src: str) -> bool:
    """Whether an image address names a file by itself, wherever it is (absolute, `~/…`, `file:`), as
    opposed to a web address or a name in the draft's media folder."""
    src = src.strip()
    return urlsplit(src).scheme.lower() == "file" or src.startswith("~") or Path(unquote(src)).is_absolute()


def html_image_sources(text: str) -> list[str]:
    """Every <img src> in HTML, entities decoded, in order."""
    return [html.unescape(_html_src(m)) for m in _HTML_IMAGE.finditer(text)]


def _html_src(match: re.Match[str]) -> str:
    """The src of an _HTML_IMAGE match, quoted or not, as written."""
    return match.group(3) if match.group(2) else match.group(4)


def image_addresses(text: str) -> set[str]:
    """Every image address in Markdown or HTML text, as written and entity-decoded: <img src>,
    ![](…) and [ref]: definitions."""
    found = {m["src"] for m in (*_MARKDOWN_IMAGE.finditer(text), *_DEFINITION.finditer(text))}
    found |= {_html_src(m) for m in _HTML_IMAGE.finditer(text)}
    return found | {html.unescape(src) for src in found}


def located_addresses(text: str) -> list[tuple[int, str]]:
    """Every image address of Markdown or HTML text with the offset it is written at, in order: ![](…),
    [ref]: definitions and <img src> (entities decoded)."""
    found = [(m.start("src"), m["src"]) for m in (*_MARKDOWN_IMAGE.finditer(text), *_DEFINITION.finditer(text))]
    found += [(m.start(), html.unescape(_html_src(m))) for m in _HTML_IMAGE.finditer(text)]
    return sorted(found)


def rewrite_html_images(text: str, replace: Callable[[str], str | None]) -> str:
    """Give each <img src> (entities decoded) to `replace`; a returned address takes its place (quoted
    and escaped), None leaves the tag as it was."""

    def swap(match: re.Match[str]) -> str:
        new = replace(html.unescape(_html_src(match)))
        return match.group(0) if new is None else f'{match.group(1)}"{html.escape(new)}"'

    return _HTML_IMAGE.sub(swap, text)


def rewrite_markdown_images(text: str, replace: Callable[[str], str | None]) -> str:
    """Give each image address of Markdown text (![](…), [ref]: definitions and raw <img src>) to
    `replace`; a returned address takes its place, None leaves it."""

    def swap(match: re.Match[str]) -> str:
        new = replace(match["src"])
        if new is None:
            return match.group(0)
        start, end = match.start("src") - match.start(), match.end("src") - match.start()
        return match.group(0)[:start] + new + match.group(0)[end:]

    text = _MARKDOWN_IMAGE.sub(swap, text)
    text = _DEFINITION.sub(swap, text)
    return rewrite_html_images(text, replace)


def safe_remote_text(text: str, page_url: str | None) -> str:
    """A blog's post text with every image address made safe before it becomes a draft: resolved
    against the post's own web address (`/etc/hostname` on a blog means https://blog/etc/hostname)
    and `file:` addresses emptied, so no later step can take them for local files."""
    base = page_url or ""

    def absolute(src: str) -> str | None:
        src = src.strip()
        if urlsplit(src).scheme.lower() == "file":
            return ""
        if is_web_address(src) or src.startswith("#") or not src:
            return None
        if not base or urlsplit(base).scheme.lower() not in _WEB_SCHEMES:
            return ""  # nothing to resolve against: better no image than a local one
        joined = urljoin(base, src)
        return joined if urlsplit(joined).scheme.lower() in _WEB_SCHEMES else ""

    return rewrite_markdown_images(text, absolute)


def local_sources(markdown: str) -> list[str]:
    """The image addresses of a Markdown text that are not web addresses, in order, once each: inline
    images, raw <img> tags, and the definitions that reference images (![alt][ref]) use. Read from the
    text alone, without rendering it."""
    definitions = {m["label"].strip().casefold(): m["src"] for m in _DEFINITION.finditer(markdown)}
    seen: dict[str, None] = {}
    for match in _MARKDOWN_IMAGE.finditer(markdown):
        seen.setdefault(match["src"])
    for match in _REFERENCE_IMAGE.finditer(markdown):
        label = (match.group(2) or match.group(1)).strip().casefold()
        if label in definitions:
            seen.setdefault(definitions[label])
    for src in html_image_sources(markdown):
        seen.setdefault(src)
    return [src for src in seen if src and not is_web_address(src)]


def copy_beside(source_dir: Path, addresses: list[str], media: Path) -> list[Path]:
    """Copy the images that `addresses` name relative to `source_dir` (a Markdown file's folder) into a
    draft's media folder under the same relative names, so the text needs no change. Addresses that
    leave the folder (`..`, a symlink pointing out) are not followed: those files stay where they are
    and publishing will say so. Returns the copies made."""
    root = source_dir.resolve()
    copied = []
    for src in dict.fromkeys(addresses):
        relative = Path(unquote(src))
        if not src or urlsplit(src).scheme or src.startswith("~") or relative.is_absolute():
            continue
        try:
            found = (root / relative).resolve(strict=True)
        except (OSError, RuntimeError):
            continue
        if not found.is_relative_to(root) or not found.is_file():
            continue
        target = media / found.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(found, target)
        copied.append(target)
    return copied


def add_to_media(media: Path, source: Path | None = None, *, data: bytes | None = None, name: str = "") -> str:
    """Put a picture in a draft's media folder, from a file (`source`) or from bytes (`data`, saved as
    `name`): the same picture under the same name is kept once, another one gets a numbered name.
    Returns its address for the draft's text (relative, so it means the copy in the folder)."""
    content = source.read_bytes() if source is not None else (data or b"")
    wanted = Path(name or (source.name if source is not None else "image.png")).name or "image.png"
    media.mkdir(parents=True, exist_ok=True)
    stem, suffix = Path(wanted).stem, Path(wanted).suffix
    target, n = media / wanted, 1
    while target.exists() and target.read_bytes() != content:
        n += 1
        target = media / f"{stem}-{n}{suffix}"
    if not target.exists():
        target.write_bytes(content)
    return quote(target.name)
