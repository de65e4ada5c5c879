"""Hugo, Jekyll and Pelican: where each keeps posts, pages and images, the front matter each reads, and
how a site folder shows which one it is (see `static_formats` for what they share)."""

from __future__ import annotations

import ast
import re
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from editor.backends.static_formats import MARKUP, Entry, Generator, parse_date, split_metadata


class Hugo(Generator):
    """Hugo: posts in `content/posts/` (or page bundles), pages at the top of `content/`, images in
    `static/images/`; `draft: true` marks a draft."""

    name, label = "hugo", "Hugo"
    config_files = tuple(
        f"{folder}{stem}.{ext}"
        for folder in ("", "config/_default/")
        for stem in ("hugo", "config")
        for ext in ("toml", "yaml", "yml", "json")
    )
    build_command = ("hugo", "--cleanDestinationDir")  # without it, a deleted post's page stays in public/
    future_setting = "remove buildFuture from its configuration"
    media_dir, media_prefix, post_suffix = "static/images", "/images/", ".html"
    keeps_suffix = False  # a Markdown post Longhand rewrites holds HTML now: .html, or Hugo would drop it
    managed = frozenset({"title", "slug", "date", "draft", "tags", "categories", "summary", "images"})

    def base_path(self) -> str:
        return urlsplit(str(self.config.get("baseurl") or "")).path.rstrip("/")

    def holds_future(self) -> bool:
        return not self.config.get("buildfuture")

    def site_url(self) -> str:
        return str(self.config.get("baseurl") or "")

    def permalink(self, entry: Entry, rel: PurePosixPath, kind: str) -> str | None:
        if self.config.get("permalinks") or self.config.get("uglyurls"):
            return None
        folder = (rel.parent.parent if rel.stem == "index" else rel.parent).relative_to("content")
        path = "/" + "/".join([*folder.parts, quote(entry.slug)]) + "/"
        return path if self.config.get("disablepathtolower") else path.lower()

    def prepare_build(self) -> None:
        # --cleanDestinationDir cleans only a site that has a static folder (Hugo 0.111).
        (self.root / "static").mkdir(exist_ok=True)

    def folder(self, kind: str) -> str:
        return f"content/{self.section}" if kind == "post" else "content"

    def is_kind(self, rel: PurePosixPath, kind: str) -> bool:
        parts = rel.parts
        if rel.suffix not in MARKUP or rel.stem.startswith("_") or parts[0] != "content":
            return False
        if kind == "post":
            return parts[1:2] == (self.section,) and len(parts) > 2 and self._is_content(rel)
        # Pages: files at the top of content/, and bundles there (content/about/index.md).
        return len(parts) == 2 or (len(parts) == 3 and rel.stem == "index" and parts[1] != self.section)

    def _is_content(self, rel: PurePosixPath) -> bool:
        """Not a resource inside a page bundle (a bundle's other Markdown files belong to its index)."""
        if rel.stem == "index":
            return True
        folder = self.root / rel.parent
        return not any((folder / f"index{suffix}").is_file() for suffix in MARKUP)

    def fields(self, entry: Entry, kind: str) -> dict[str, Any]:
        return {
            "title": entry.title,
            "slug": entry.slug,
            "date": entry.date,
            "draft": entry.draft,
            "tags": entry.tags,
            "categories": entry.categories,
            "summary": entry.excerpt,
            "images": [entry.image] if entry.image else [],
        }

    def read_fields(self, entry: Entry, front: dict[str, Any], rel: PurePosixPath) -> None:
        entry.draft = bool(front.get("draft"))
        entry.excerpt = str(front.get("summary") or front.get("description") or "")
        images = front.get("images")
        entry.image = str(images[0]) if isinstance(images, list) and images else ""


class Jekyll(Generator):
    """Jekyll: posts as `_posts/YYYY-MM-DD-slug.md`, drafts in `_drafts/`, pages at the site's root with
    `layout: page`, images in `assets/images/`. Liquid is turned off in what Longhand writes: the HTML
    is the author's text, and a `{{` in it is not a template."""

    name, label = "jekyll", "Jekyll"
    config_files = ("_config.yml", "_config.yaml", "_config.toml")
    build_command = ("jekyll", "build")
    future_setting = "remove future: true from _config.yml"
    media_dir, media_prefix = "assets/images", "/assets/images/"
    managed = frozenset(
        {"title", "slug", "date", "tags", "categories", "excerpt", "image", "published", "render_with_liquid"}
    )
    _DATED = re.compile(r"^(\d{4}-\d\d-\d\d)-(.+)$")

    def base_path(self) -> str:
        return str(self.config.get("baseurl") or "").rstrip("/")

    def holds_future(self) -> bool:
        return not self.config.get("future")

    def site_url(self) -> str:
        return str(self.config.get("url") or "").rstrip("/") + self.base_path()

    def permalink(self, entry: Entry, rel: PurePosixPath, kind: str) -> str | None:
        if self.config.get("permalink", "date") != "date" or entry.extra.get("permalink"):
            return None
        if kind != "post":
            return "/" + quote(str(rel.with_suffix(".html")))
        try:  # the date in the URL is the site's day: its time zone, else the machine's
            zone = ZoneInfo(str(self.config["timezone"])) if self.config.get("timezone") else None
        except (ValueError, ZoneInfoNotFoundError):
            return None
        day = (entry.date or datetime.now(timezone.utc)).astimezone(zone)
        categories = [quote(name.lower()) for name in dict.fromkeys(entry.categories)]
        return "/" + "/".join([*categories, day.strftime("%Y/%m/%d"), quote(entry.slug) + ".html"])

    def folder(self, kind: str) -> str:
        return "_posts" if kind == "post" else ""

    def is_kind(self, rel: PurePosixPath, kind: str) -> bool:
        if rel.suffix not in MARKUP:
            return False
        if kind == "post":
            return rel.parts[0] in ("_posts", "_drafts") and len(rel.parts) > 1
        # Pages: files at the root with front matter (Jekyll leaves the others, a README.md say, alone).
        return len(rel.parts) == 1 and not rel.name.startswith("_") and _starts_with_front_matter(self.root / rel)

    def path_for(self, kind: str, stem: str, entry: Entry, existing: Path | None) -> Path:
        if kind != "post":
            return super().path_for(kind, stem, entry, existing)
        suffix = existing.suffix if existing is not None else self.post_suffix
        if entry.draft:
            return self.root / "_drafts" / f"{stem}{suffix}"
        within = existing is not None and existing.relative_to(self.root).parts[0] == "_posts"
        folder = existing.parent if existing is not None and within else self.root / "_posts"
        day = (entry.date or datetime.now(timezone.utc)).strftime("%Y-%m-%d")
        return folder / f"{day}-{stem}{suffix}"

    def folders(self, kind: str) -> tuple[str, ...]:
        return ("_posts", "_drafts") if kind == "post" else ("",)

    def slug_of(self, rel: PurePosixPath) -> str:
        dated = self._DATED.match(rel.stem)
        return dated.group(2) if dated else rel.stem

    def fields(self, entry: Entry, kind: str) -> dict[str, Any]:
        return {
            "layout": entry.extra.get("layout") or ("post" if kind == "post" else "page"),
            "title": entry.title,
            "slug": entry.slug,
            "date": entry.date,
            "tags": entry.tags if kind == "post" else [],
            "categories": entry.categories if kind == "post" else [],
            "excerpt": entry.excerpt,
            "image": entry.image,
            "published": False if entry.draft and kind != "post" else None,  # posts: _drafts/
            "render_with_liquid": False,
        }

    def read_fields(self, entry: Entry, front: dict[str, Any], rel: PurePosixPath) -> None:
        entry.draft = rel.parts[0] == "_drafts" or front.get("published") is False
        entry.excerpt = str(front.get("excerpt") or "")
        entry.image = str(front.get("image") or "")
        dated = self._DATED.match(rel.stem)
        if entry.date is None and dated:
            entry.date = parse_date(dated.group(1))


class Pelican(Generator):
    """Pelican: articles in `content/`, pages in `content/pages/`, images in `content/images/`, with
    Pelican's own `Key: value` metadata lines; `Status: draft` marks a draft. One category per article."""

    name, label = "pelican", "Pelican"
    config_files = ("pelicanconf.py",)
    build_command = ("pelican", "content", "--delete-output-directory")  # else a deleted post's page stays
    future_setting = "set WITH_FUTURE_DATES = False in pelicanconf.py"
    media_prefix = "/images/"
    managed = frozenset({"title", "slug", "date", "status", "tags", "category", "summary", "image"})

    @cached_property
    def config(self) -> dict[str, Any]:
        """The literal assignments of pelicanconf.py (SITENAME = "…"), read without running it."""
        return _literals(self.root / "pelicanconf.py")

    @property
    def content(self) -> str:
        """The content folder (PATH in pelicanconf.py, else content/)."""
        path = self.config.get("path")
        return str(path).strip("/") if isinstance(path, str) and path.strip("./") else "content"

    @property
    def media_dir(self) -> str:  # type: ignore[override]
        return f"{self.content}/images"

    def title(self) -> str:
        return str(self.config.get("sitename") or self.root.name)

    def holds_future(self) -> bool:
        # Pelican publishes future-dated articles at once unless told otherwise.
        return self.config.get("with_future_dates") is False

    def site_url(self) -> str:
        # publishconf.py holds the address of the published site; pelicanconf.py's is often the local one.
        published = _literals(self.root / "publishconf.py").get("siteurl")
        return str(published or self.config.get("siteurl") or "")

    def permalink(self, entry: Entry, rel: PurePosixPath, kind: str) -> str | None:
        pattern = str(self.config.get(f"{'article' if kind == 'post' else 'page'}_url") or "")
        path = (pattern or ("{slug}.html" if kind == "post" else "pages/{slug}.html")).replace("{slug}", entry.slug)
        return None if "{" in path else "/" + quote(path)

    def folder(self, kind: str) -> str:
        return self.content if kind == "post" else f"{self.content}/pages"

    def is_kind(self, rel: PurePosixPath, kind: str) -> bool:
        content = PurePosixPath(self.content)
        if rel.suffix not in (".md", ".markdown") or not rel.is_relative_to(content):
            return False
        inside = rel.relative_to(content).parts
        if inside[0] == "pages":
            return kind == "page" and len(inside) > 1
        return kind == "post" and inside[0] != "images"

    def folders(self, kind: str) -> tuple[str, ...]:
        return (self.content,)

    def dump(self, entry: Entry, body: str, kind: str) -> str:
        fields = self.fields(entry, kind)
        fields.update((key, value) for key, value in entry.extra.items() if key.lower() not in self.managed)
        lines = [f"{key}: {' '.join(str(value).split())}" for key, value in fields.items() if value not in (None, "")]
        return "\n".join(lines) + f"\n\n{body.strip()}\n"

    def fields(self, entry: Entry, kind: str) -> dict[str, Any]:
        return {
            "Title": entry.title,
            "Slug": entry.slug,
            "Date": entry.date.isoformat() if entry.date else None,
            "Status": "draft" if entry.draft else "published",
            "Tags": ", ".join(entry.tags) if kind == "post" else None,
            "Category": entry.categories[0] if entry.categories and kind == "post" else None,
            "Summary": entry.excerpt,
            "Image": entry.image,
        }

    def split(self, text: str) -> tuple[dict[str, Any], str]:
        return split_metadata(text)

    def read_fields(self, entry: Entry, front: dict[str, Any], rel: PurePosixPath) -> None:
        entry.draft = str(front.get("status") or "").strip().lower() == "draft"
        entry.excerpt = str(front.get("summary") or "")
        entry.image = str(front.get("image") or "")


def _literals(path: Path) -> dict[str, Any]:
    """The literal assignments (NAME = "…", a number, a list…) of a Python settings file, names lower-cased,
    read without running it; {} when it cannot be read."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return {}
    found: dict[str, Any] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                found[node.targets[0].id.lower()] = ast.literal_eval(node.value)
            except ValueError:
                continue
    return found


def _starts_with_front_matter(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            return file.read(4).rstrip(b"\r\n") == b"---"
    except OSError:
        return False


GENERATORS: dict[str, type[Generator]] = {g.name: g for g in (Hugo, Jekyll, Pelican)}


def detect(root: Path) -> type[Generator] | None:
    """The generator whose configuration file the site folder holds (Pelican's and Jekyll's names are
    their own; Hugo's `config.*` only counts beside a content/ folder)."""
    for generator in (Pelican, Jekyll, Hugo):
        for name in generator.config_files:
            if (root / name).is_file() and (generator is not Hugo or "hugo" in name or (root / "content").is_dir()):
                return generator
    return None
