"""Rows of the store's tables to model objects and back (times as fixed-width UTC text, lists as JSON)."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from typing import Any, overload

from .model import Draft, DraftKind, DraftSummary, PostStatus, Revision, RevisionReason

# display_title only looks at the first non-blank line, so the list never needs a whole body.
HEAD_CHARS = 1000


def dump_time(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:  # the model keeps UTC everywhere, so a naive time is UTC
        value = value.replace(tzinfo=UTC)
    # Fixed-width UTC text sorts chronologically, which ORDER BY and purge rely on.
    return value.astimezone(UTC).isoformat(timespec="microseconds")


@overload
def load_time(text: str) -> datetime: ...
@overload
def load_time(text: None) -> None: ...
def load_time(text: str | None) -> datetime | None:
    """A time column as written by `dump_time` (NULL stays None)."""
    return None if text is None else datetime.fromisoformat(text)


def draft_values(draft: Draft) -> dict[str, object]:
    return {
        "title": draft.title,
        "slug": draft.slug,
        "body": draft.body,
        "excerpt": draft.excerpt,
        "tags": json.dumps(list(draft.tags), ensure_ascii=False),
        "categories": json.dumps(list(draft.categories), ensure_ascii=False),
        "status": PostStatus(draft.status).value,
        "scheduled_at": dump_time(draft.scheduled_at),
        "account_id": draft.account_id,
        "remote_id": draft.remote_id,
        "remote_url": draft.remote_url,
        "remote_modified": dump_time(draft.remote_modified),
        # Front matter values YAML read as dates are kept as their ISO text.
        "extra": json.dumps(draft.extra, ensure_ascii=False, default=str),
        "featured_image": draft.featured_image,
        "kind": DraftKind(draft.kind).value,
        "language": draft.language,
    }


REMOTE_FIELDS = ("account_id", "remote_id", "remote_url", "remote_modified")


def remote_from_row(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "account_id": row["account_id"],
        "remote_id": row["remote_id"],
        "remote_url": row["remote_url"],
        "remote_modified": load_time(row["remote_modified"]),
    }


def draft_from_row(row: sqlite3.Row) -> Draft:
    return Draft(
        id=row["id"],
        title=row["title"],
        slug=row["slug"],
        body=row["body"],
        excerpt=row["excerpt"],
        tags=json.loads(row["tags"]),
        categories=json.loads(row["categories"]),
        status=PostStatus(row["status"]),
        scheduled_at=load_time(row["scheduled_at"]),
        account_id=row["account_id"],
        remote_id=row["remote_id"],
        remote_url=row["remote_url"],
        remote_modified=load_time(row["remote_modified"]),
        created_at=load_time(row["created_at"]),
        updated_at=load_time(row["updated_at"]),
        extra=json.loads(row["extra"]),
        featured_image=row["featured_image"],
        kind=DraftKind(row["kind"]),
        language=row["language"],
    )


def revision_fields(draft: Draft) -> str:
    values = draft_values(draft)
    # The featured image too: where it came from decides whether it may be read (publish.foreign_addresses).
    fields = {key: values[key] for key in ("slug", "excerpt", "status", "scheduled_at", "featured_image")}
    fields.update(tags=list(draft.tags), categories=list(draft.categories))
    # Sorted keys make equal snapshots byte-equal, which is how duplicates are spotted.
    return json.dumps(fields, ensure_ascii=False, sort_keys=True)


def revision_from_row(row: sqlite3.Row) -> Revision:
    return Revision(
        id=row["id"],
        draft_id=row["draft_id"],
        reason=RevisionReason(row["reason"]),
        created_at=load_time(row["created_at"]),
        title=row["title"],
        body=row["body"],
        fields=json.loads(row["fields"]),
    )


def summary_from_row(row: sqlite3.Row, snippet: str = "") -> DraftSummary:
    title = Draft(title=row["title"], body=row["head"]).display_title
    return DraftSummary(
        id=row["id"],
        title=title,
        status=PostStatus(row["status"]),
        updated_at=load_time(row["updated_at"]),
        snippet=snippet,
        kind=DraftKind(row["kind"]),
    )
