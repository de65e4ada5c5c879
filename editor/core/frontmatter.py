"""Markdown files with YAML front matter: reading them into drafts and writing drafts back out."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import yaml

from .model import Draft, DraftKind, PostStatus

# A front matter block opens on the very first line and closes with `---` or `...`.
_FENCE = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_LIST_KEYS = ("tags", "categories")


class FrontMatterError(ValueError):
    """A Markdown file that cannot be read as a post; the message is one plain sentence."""


def split(text: str) -> tuple[str | None, str, int]:
    """Split `text` into (front matter YAML or None, body, number of lines the front matter used)."""
    match = _FENCE.match(text)
    if not match:
        return None, text, 0
    used = match.group(0)
    return match.group(1) or "", text[match.end() :], used.count("\n") + (not used.endswith("\n"))


def parse(text: str, *, source: str = "the file") -> Draft:
    """Read Markdown with optional YAML front matter into a new, unsaved Draft."""
    raw, body, _ = split(text)
    fields: dict[str, Any] = {}
    if raw is not None:
        try:
            loaded = yaml.safe_load(raw)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" (near line {mark.line + 2})" if mark is not None else ""
            raise FrontMatterError(f"{source}: the front matter is not valid YAML{where}.") from None
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            raise FrontMatterError(f"{source}: the front matter must be a list of 'key: value' lines.")
        fields = {str(k).lower(): v for k, v in loaded.items()}
    draft = Draft(body=body.lstrip("\r\n") if raw is not None else body)
    try:
        return _apply(draft, fields)
    except (TypeError, ValueError) as exc:
        raise FrontMatterError(f"{source}: {exc}") from None


def _apply(draft: Draft, fields: dict[str, Any]) -> Draft:
    known: dict[str, Any] = {}
    for key in ("title", "slug", "excerpt", "featured_image"):
        if fields.get(key) is not None:
            known[key] = str(fields.pop(key))
        fields.pop(key, None)
    for key in _LIST_KEYS:
        value = fields.pop(key, None)
        if value is None:
            continue
        if isinstance(value, str):
            value = [v for v in (part.strip() for part in value.split(",")) if v]
        if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
            raise ValueError(f"'{key}' must be a list of words or a comma-separated line.")
        known[key] = [str(v) for v in value]
    if fields.get("status") is not None:
        status = str(fields.pop("status"))
        # Front matter written by static site generators says "future"/"publish"; accept their words.
        known["status"] = PostStatus.parse({"future": "scheduled", "publish": "published"}.get(status, status))
    fields.pop("status", None)
    if fields.get("kind") is not None:
        known["kind"] = DraftKind.parse(str(fields.pop("kind")))
    fields.pop("kind", None)
    when = fields.pop("date", None)
    if when is not None:
        known["scheduled_at"] = _as_datetime(when)
    return replace(draft, **known, extra=fields)


def _as_datetime(value: Any) -> datetime:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"'date' must be an ISO-8601 date such as 2026-01-31T09:00:00Z, not {value!r}.") from None
    elif isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, time())
    if not isinstance(value, datetime):
        raise ValueError("'date' must be a date.")
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def dump(draft: Draft) -> str:
    """Write a draft as Markdown with YAML front matter (the inverse of `parse`)."""
    fields: dict[str, Any] = {"title": draft.title}
    if draft.slug:
        fields["slug"] = draft.slug
    fields["status"] = draft.status.value
    if draft.kind is not DraftKind.POST:
        fields["kind"] = draft.kind.value
    if draft.scheduled_at is not None:
        fields["date"] = draft.scheduled_at.isoformat()
    for key in _LIST_KEYS:
        if getattr(draft, key):
            fields[key] = list(getattr(draft, key))
    if draft.excerpt:
        fields["excerpt"] = draft.excerpt
    if draft.featured_image:
        fields["featured_image"] = draft.featured_image
    fields.update(draft.extra)
    head = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, default_flow_style=False)
    return f"---\n{head}---\n\n{draft.body}"


def read_file(path: Path) -> Draft:
    """Read a Markdown file into a new Draft; FrontMatterError says plainly what is wrong with it.
    (`importing.import_draft` then copies the images beside it into the draft's media folder.)"""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FrontMatterError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    if b"\0" in data[:8192]:
        raise FrontMatterError(f"{path} is not a text file.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FrontMatterError(f"{path} is not UTF-8 text.") from None
    return parse(text, source=str(path))
