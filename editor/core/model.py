"""The post model shared by the store, the renderer, the command line and the window."""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC (every time the store keeps is UTC)."""
    return datetime.now(UTC)


class PostStatus(enum.StrEnum):
    """Where a post stands, in the words blogs use."""

    DRAFT = "draft"
    PENDING = "pending"
    PRIVATE = "private"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"

    @classmethod
    def parse(cls, value: str) -> PostStatus:
        """Read a status from user input; raises ValueError with the accepted words."""
        try:
            return cls(value.strip().lower())
        except ValueError:
            words = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown status {value!r}; use one of: {words}") from None


class DraftKind(enum.StrEnum):
    """What a draft becomes on the blog: a dated post or a standalone page."""

    POST = "post"
    PAGE = "page"

    @classmethod
    def parse(cls, value: str) -> DraftKind:
        """A kind from front matter or the command line; anything else is a clear error."""
        try:
            return cls(value.strip().lower())
        except ValueError:
            raise ValueError(f"Unknown kind {value!r}: a draft is a post or a page.") from None


@dataclass
class Draft:
    """A post as the author writes it: Markdown body plus the fields a blog needs."""

    id: int | None = None
    title: str = ""
    slug: str = ""
    body: str = ""
    excerpt: str = ""
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    status: PostStatus = PostStatus.DRAFT
    scheduled_at: datetime | None = None
    # Which blog it belongs to (an account id), and what that blog last told us about it.
    account_id: int | None = None
    remote_id: str | None = None
    remote_url: str | None = None
    remote_modified: datetime | None = None
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    # Front matter keys Longhand does not interpret, kept so an exported file gives them back.
    extra: dict[str, Any] = field(default_factory=dict)
    featured_image: str = ""  # a local image path or a URL
    kind: DraftKind = field(default_factory=lambda: DraftKind.POST)
    language: str = ""  # the spelling dictionary's language tag, e.g. "en_US"; "" = the default one

    @property
    def stored_id(self) -> int:
        """The id of a draft read from the store (one not saved yet has none: a programming error)."""
        return _stored(self.id, "draft")

    @property
    def display_title(self) -> str:
        """The title, or the first words of the body when the title is empty."""
        if self.title.strip():
            return self.title.strip()
        for line in self.body.splitlines():
            text = line.strip().lstrip("#").strip()
            if text:
                return text[:60]
        return "Untitled"


@dataclass(frozen=True)
class DraftSummary:
    """One row of the drafts list: enough to show it without loading the body."""

    id: int
    title: str
    status: PostStatus
    updated_at: datetime
    snippet: str = ""
    kind: DraftKind = DraftKind.POST


class RevisionReason(enum.StrEnum):
    """Why a revision snapshot was taken."""

    SAVE = "save"  # the author pressed Save
    PUBLISH = "publish"
    AUTO = "auto"  # every few minutes of editing
    RESTORE = "restore"  # the state replaced by a restore, kept so a restore can be undone
    IMPORT = "import"
    SERVER = "server"  # the blog's copy, kept when it differed from the local one (a conflict, a pull)


@dataclass(frozen=True)
class Revision:
    """A snapshot of a draft's title, fields and body at one moment."""

    id: int
    draft_id: int
    reason: RevisionReason
    created_at: datetime
    title: str
    body: str
    fields: dict[str, Any] = field(default_factory=dict)  # slug, excerpt, tags, categories, status, ...


def _stored(value: int | None, what: str) -> int:
    if value is None:
        raise ValueError(f"This {what} has not been saved yet, so it has no id.")
    return value


_NOT_SLUG = re.compile(r"[^\w]+")


def slugify(title: str) -> str:
    """The URL slug blogs derive from a title: lowercase words joined by hyphens, accents dropped."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", ascii_title.lower()).strip("-_")


@dataclass(frozen=True)
class Account:
    """A blog the author publishes to. The password is not here: it lives in the OS keyring only."""

    id: int | None
    name: str
    backend: str  # the backend's entry point name, e.g. "wordpress"
    base_url: str
    username: str
    api_root: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    created_at: datetime = field(default_factory=utcnow)

    @property
    def stored_id(self) -> int:
        """The id of a blog read from the store."""
        return _stored(self.id, "blog")


class JobState(enum.StrEnum):
    """Where an outbox job stands."""

    QUEUED = "queued"  # waiting for its turn (or for the network, or for a retry time)
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"  # a permanent failure: the author has to act
    CONFLICT = "conflict"  # the blog's copy changed; the author chooses


class JobKind(enum.StrEnum):
    """What an outbox job does on the blog."""

    PUBLISH = "publish"  # create or update a post from a draft
    DELETE = "delete"
    COMMENT_REPLY = "comment_reply"  # payload: comment_id (local, the queued reply's row)
    COMMENT_STATUS = "comment_status"  # payload: comment_id, status, previous (to revert to)
    COMMENT_EDIT = "comment_edit"  # payload: comment_id, html (sent), previous (the content to revert to)
    COMMENT_DELETE = "comment_delete"  # payload: comment_id, remote_id, row (to put back), children (moved up)


@dataclass(frozen=True)
class Job:
    """One remote operation, persisted so it survives a crash, a closed laptop or no network."""

    id: int
    kind: JobKind
    account_id: int
    draft_id: int | None
    state: JobState
    payload: dict[str, Any] = field(default_factory=dict)
    attempts: int = 0
    next_attempt_at: datetime | None = None
    last_error: str = ""
    # Set when a create was sent but its answer never came: the next attempt asks the blog first.
    create_sent_at: datetime | None = None
    update_sent_at: datetime | None = None  # the same for an update: the blog's newer copy may be ours
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    runner: str | None = None  # the process running it (state RUNNING), until `lease_until`
    lease_until: datetime | None = None
    notes: str = ""  # what the author should know though nothing failed (an image left out)


class DraftState(enum.StrEnum):
    """A draft's standing with its blog, as the drafts list shows it."""

    LOCAL = "local"
    QUEUED = "queued"
    PUBLISHING = "publishing"
    PUBLISHED = "published"
    FAILED = "failed"
    CONFLICT = "conflict"


@dataclass(frozen=True)
class Comment:
    """A reader's comment (or the author's reply) as the inbox keeps it, readable offline.

    `content` is what the server sent; `html` is it sanitised, the only form ever shown. A reply written
    offline has no remote id until the outbox sends it; `pending` says what local action waits to be
    sent ("reply", "approved", "spam", …), shown as "queued".
    """

    id: int
    account_id: int
    remote_id: str | None
    post_id: str
    post_title: str
    parent_remote_id: str | None
    author_name: str
    author_email: str
    author_url: str
    content: str
    html: str
    date: datetime | None
    status: str  # approved, hold, spam, trash
    read: bool = False
    pending: str = ""
    error: str = ""  # why the last queued action failed, for the author
