"""The three static site generators' conventions: where posts, pages and images live, how a post file's
front matter is written and read, and what the site's own configuration says (its title, its base path,
whether it holds future-dated posts back).

Bodies are HTML (what Longhand publishes). Jekyll (kramdown) and Pelican (Python-Markdown) pass HTML
blocks in a Markdown file through unchanged, so their posts are `.md` files; Hugo's Markdown renderer
drops raw HTML unless the site turns `unsafe` on, so Hugo posts are `.html` content files, which Hugo
renders as they are, with the same front matter. Configuration is read, never executed
(`pelicanconf.py` is Python: only its literal assignments are read).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any, ClassVar
from urllib.parse import urlsplit

import yaml

from editor.backends.base import PermanentError

MARKUP = (".md", ".markdown", ".html")


@dataclass
class Entry:
    """A post file's fields in the generators' common terms."""

    title: str = ""
    slug: str = ""
    date: datetime | None = None
    draft: bool = False
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    excerpt: str = ""
    image: str = ""  # the featured image's public address
    extra: dict[str, Any] = field(default_factory=dict)  # the author's own keys, kept as they were


def parse_date(value: object) -> datetime | None:
    """A front matter date (a YAML timestamp, a date, or text in the usual forms) as aware UTC; a time
    without a zone is taken as UTC."""
    if isinstance(value, datetime):
        when = value
    elif isinstance(value, date):
        when = datetime.combine(value, time())
    elif isinstance(value, str) and value.strip():
        text = re.sub(r"\s+([+-]\d\d):?(\d\d)$", r"\1:\2", value.strip())  # Jekyll's "… +0000"
        try:
            when = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
    else:
        return None
    return when.replace(tzinfo=timezone.utc) if when.tzinfo is None else when.astimezone(timezone.utc)


def _names(value: object) -> list[str]:
    """Tags or categories as a list of names, from a YAML list or comma-separated text."""
    items = value if isinstance(value, list) else str(value or "").split(",")
    return [str(item).strip() for item in items if str(item).strip()]


def _read_config(path: Path) -> dict[str, Any]:
    """A TOML, YAML or JSON configuration file as a mapping ({} when it is unreadable)."""
    try:
        text = path.read_text(encoding="utf-8")
        data = (
            tomllib.loads(text)
            if path.suffix == ".toml"
            else json.loads(text)
            if path.suffix == ".json"
            else yaml.safe_load(text)
        )
    except (OSError, ValueError, yaml.YAMLError):
        return {}
    return {str(key).lower(): value for key, value in data.items()} if isinstance(data, dict) else {}


class Generator:
    """What one generator expects of a site folder. Paths are relative to the site, `/`-separated."""

    name: ClassVar[str]
    label: ClassVar[str]
    config_files: ClassVar[tuple[str, ...]]
    build_command: ClassVar[tuple[str, ...]]
    media_dir: ClassVar[str]  # where uploaded images go
    media_prefix: ClassVar[str]  # their public address, under the site's base path
    post_suffix: ClassVar[str] = ".md"
    keeps_suffix: ClassVar[bool] = True  # whether a file Longhand rewrites keeps its name's ending
    future_setting: ClassVar[str]  # how to make the site hold future-dated posts back, for the author
    managed: ClassVar[frozenset[str]]  # the front matter keys Longhand writes (lower case)

    def __init__(self, root: Path, *, section: str = "posts", bundles: bool = False) -> None:
        self.root, self.section, self.bundles = root, section, bundles

    # -- the site's configuration -----------------------------------------------------------------
    @cached_property
    def config(self) -> dict[str, Any]:
        """The site's configuration (keys lower-cased), from the first config file there is."""
        return next((_read_config(self.root / name) for name in self.config_files if (self.root / name).is_file()), {})

    def title(self) -> str:
        """The site's title, as its configuration names it."""
        return str(self.config.get("title") or self.root.name)

    def base_path(self) -> str:
        """The path the site is served under ("" at a domain's root), for image addresses."""
        return ""

    def holds_future(self) -> bool:
        """Whether a post dated in the future stays out of the built site until a build after its date."""
        return True

    def site_url(self) -> str:
        """The site's public address, as its configuration gives it ("" when it gives none)."""
        return ""

    def permalink(self, entry: Entry, rel: PurePosixPath, kind: str) -> str | None:
        """A published post's path on the site under the generator's default permalinks (None when the
        site sets its own, which Longhand does not work out)."""
        return None

    def link(self, entry: Entry, rel: PurePosixPath, kind: str) -> str | None:
        """A published post's public address, when the site's address and its permalinks are known."""
        site = self.site_url().rstrip("/")
        if entry.draft or not site.startswith(("https://", "http://")):
            return None
        path = self.permalink(entry, rel, kind)
        return site + path if path else None

    # -- files ------------------------------------------------------------------------------------
    def is_kind(self, rel: PurePosixPath, kind: str) -> bool:
        """Whether the site file `rel` is a post (kind "post") or a page ("page") of this generator."""
        raise NotImplementedError

    def files(self, kind: str) -> Iterator[Path]:
        """Every post or page file of the site (only the folders that can hold them are searched: not the
        built site, nor .git)."""
        for folder in self.folders(kind):
            top = self.root / folder
            if not top.is_dir():
                continue
            for path in top.rglob("*") if folder else top.iterdir():
                rel = PurePosixPath(path.relative_to(self.root).as_posix())
                if not any(part.startswith(".") for part in rel.parts) and path.is_file() and self.is_kind(rel, kind):
                    yield path

    def folders(self, kind: str) -> tuple[str, ...]:
        """The folders holding posts or pages ("": the site's root, not its subfolders)."""
        return (self.folder(kind),)

    def path_for(self, kind: str, stem: str, entry: Entry, existing: Path | None) -> Path:
        """Where a post or page named `stem` goes (an existing one stays in its folder)."""
        suffix = existing.suffix if existing is not None and self.keeps_suffix else self.post_suffix
        if existing is not None and existing.stem == "index":  # a page bundle: the folder is the post
            return existing.parent.parent / stem / f"index{suffix}"
        folder = existing.parent if existing is not None else self.root / self.folder(kind)
        if existing is None and self.bundles:
            return folder / stem / f"index{suffix}"
        return folder / f"{stem}{suffix}"

    def folder(self, kind: str) -> str:
        """The folder new posts or pages go in."""
        raise NotImplementedError

    def prepare_build(self) -> None:
        """Make what the generator's own build command needs to build the site cleanly."""

    def media_url(self, name: str) -> str:
        """The public address of an uploaded image."""
        return f"{self.base_path()}{self.media_prefix}{name}"

    def media_file(self, url: str) -> Path | None:
        """The uploaded image a public address names, if it names one (with or without the base path)."""
        path = urlsplit(url).path
        for prefix in (self.base_path() + self.media_prefix, self.media_prefix):
            name = path[len(prefix) :] if path.startswith(prefix) else ""
            if name and "/" not in name and not name.startswith("."):
                return self.root / self.media_dir / name
        return None

    # -- text -------------------------------------------------------------------------------------
    def dump(self, entry: Entry, body: str, kind: str) -> str:
        """A post file: front matter, then the body."""
        fields = {key: value for key, value in self.fields(entry, kind).items() if value not in (None, "", [])}
        fields.update((key, value) for key, value in entry.extra.items() if key.lower() not in self.managed)
        try:
            front = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, default_flow_style=False, width=10_000)
        except yaml.YAMLError:  # a TOML value YAML has no form for (a time of day): the author's own key
            raise PermanentError("The post's file has a front matter value Longhand cannot write back.") from None
        return f"---\n{front}---\n{body.strip()}\n"

    def fields(self, entry: Entry, kind: str) -> dict[str, Any]:
        """The front matter Longhand writes for an entry, in the generator's words."""
        raise NotImplementedError

    def load(self, text: str, rel: PurePosixPath) -> tuple[Entry, str]:
        """A post file's entry and body (a file without front matter is all body)."""
        front, body = self.split(text)
        lowered = {str(key).lower(): value for key, value in front.items()}
        entry = Entry(
            title=str(lowered.get("title") or ""),
            slug=str(lowered.get("slug") or self.slug_of(rel)),
            date=parse_date(lowered.get("date")),
            tags=_names(lowered.get("tags")),
            categories=_names(lowered.get("categories") or lowered.get("category")),
            extra={str(key): value for key, value in front.items() if str(key).lower() not in self.managed},
        )
        self.read_fields(entry, lowered, rel)
        return entry, body

    def read_fields(self, entry: Entry, front: dict[str, Any], rel: PurePosixPath) -> None:
        """The generator's own keys (draft mark, excerpt, image) into the entry."""
        raise NotImplementedError

    def split(self, text: str) -> tuple[dict[str, Any], str]:
        """The file's metadata and its body."""
        return split_front_matter(text)

    def slug_of(self, rel: PurePosixPath) -> str:
        """The slug a file name gives (a bundle's is its folder's name)."""
        return rel.parent.name if rel.stem == "index" else rel.stem


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """YAML (`---`), TOML (`+++`) or JSON front matter and the body after it."""
    for fence, parse in (("---", yaml.safe_load), ("+++", tomllib.loads)):
        match = re.match(
            rf"{re.escape(fence)}[ \t]*\r?\n(.*?)^(?:{re.escape(fence)}|\.\.\.)[ \t]*(?:\r?\n|\Z)", text, re.S | re.M
        )
        if match:
            try:
                data = parse(match.group(1))
            except (ValueError, yaml.YAMLError):
                return {}, text
            return (data if isinstance(data, dict) else {}), text[match.end() :]
    if text.startswith("{"):
        try:
            data, end = json.JSONDecoder().raw_decode(text)
        except ValueError:
            return {}, text
        return (data if isinstance(data, dict) else {}), text[end:].lstrip("\n")
    return {}, text


def split_metadata(text: str) -> tuple[dict[str, Any], str]:
    """Pelican's Markdown metadata (`Key: value` lines, continued by indented lines, up to the first
    blank line) and the body after it, as Python-Markdown's meta extension reads them."""
    metadata: dict[str, Any] = {}
    lines = text.splitlines(keepends=True)
    key = ""
    for number, line in enumerate(lines):
        if not line.strip():
            return metadata, "".join(lines[number + 1 :])
        field_line = re.match(r"^([A-Za-z0-9_-]+):\s*(.*)$", line.rstrip("\r\n"))
        if field_line:
            key = field_line.group(1)
            metadata[key] = field_line.group(2).strip()
        elif key and line[:1] in " \t":
            metadata[key] = f"{metadata[key]} {line.strip()}".strip()
        else:
            return metadata, "".join(lines[number:])
    return metadata, ""
