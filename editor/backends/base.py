"""What every blog backend implements, the types it speaks, its errors, and how backends are found.

A backend is one small class per blog protocol (WordPress REST first). It declares its capabilities so
the window shows only what a blog supports, and turns every failure into one error of the hierarchy
below, worded as a plain sentence. It knows nothing of drafts or the store: the core maps drafts to
`RemotePost` and back.
"""

from __future__ import annotations

import abc
import enum
import ipaddress
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar, Protocol, Self, runtime_checkable
from urllib.parse import urlsplit

ENTRY_POINT_GROUP = "longhand.backends"


class Capability(enum.StrEnum):
    """Things a blog may support; the UI offers an action only when the backend declares it."""

    POSTS = "posts"
    PAGES = "pages"
    MEDIA = "media"
    CATEGORIES = "categories"
    TAGS = "tags"
    SCHEDULING = "scheduling"
    FEATURED_IMAGE = "featured_image"
    COMMENTS = "comments"  # read and reply
    MODERATION = "moderation"  # approve a held comment, edit one, delete one for good
    UNAPPROVE = "unapprove"  # send an approved comment back to moderation
    SPAM = "spam"  # mark as spam, and back
    TRASH = "trash"  # move to the trash, and back
    CONFLICT_DETECTION = "conflict_detection"
    BROWSE = "browse"  # the blog's posts a page at a time, searched and filtered (backends.browse)


class RemoteStatus(enum.StrEnum):
    """Post statuses in the words of blog APIs (WordPress's)."""

    DRAFT = "draft"
    PENDING = "pending"
    PRIVATE = "private"
    FUTURE = "future"
    PUBLISH = "publish"


# -- errors ---------------------------------------------------------------------------------------
class BackendError(Exception):
    """A blog operation failed; str() is one sentence an author can read (never a secret)."""

    retryable: ClassVar[bool] = False


class AuthenticationError(BackendError):
    """The blog refused the user name or password."""


class CredentialsRejectedError(AuthenticationError):
    """The blog no longer accepts the stored password or token at all (revoked, expired, changed): trying
    again cannot help, only connecting the blog again. A missing permission is a plain AuthenticationError."""


class NotFoundError(BackendError):
    """The post, page, media item or API does not exist (any more)."""


class ConflictError(BackendError):
    """The blog's copy changed since Longhand last saw it; `remote` is the blog's copy."""

    def __init__(self, message: str, remote: RemotePost | None = None) -> None:
        super().__init__(message)
        self.remote = remote


class PermanentError(BackendError):
    """Retrying will not help: the blog rejected the request (a bad value, a missing permission...)."""


class TransientError(BackendError):
    """Worth retrying later: no connection, a timeout, a server error."""

    retryable = True


class RateLimitedError(TransientError):
    """The blog asked us to slow down; `retry_after` is how long it asked for, in seconds."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class BadResponseError(TransientError):
    """The answer was not what the API promises (HTML instead of JSON: a login page, a captive
    portal, a caching proxy). Retried, since such pages come and go."""


class InsecureTransportError(PermanentError):
    """Refused to send a password over plain http to a machine other than this one."""


class CredentialsInAddressError(PermanentError):
    """A site address with a user name or password in it (https://user:pw@host); its sentence never
    repeats the address."""


class UnknownBackendError(PermanentError):
    """No installed backend has that name."""


# -- types ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Credentials:
    """Where a blog is and who signs in. The secret is never shown in a repr, a log or an error."""

    base_url: str
    username: str
    secret: str = field(repr=False)
    api_root: str = ""  # found by discovery; empty means "discover it"


@dataclass(frozen=True)
class SiteInfo:
    """What `verify` learned about a blog."""

    name: str
    url: str
    api_root: str
    user_name: str = ""  # as people see it
    user_login: str = ""  # the sign-in name, which does not change when the display name does


@dataclass
class RemotePost:
    """A post (or page) as a blog API sees it. Terms are names: the backend maps them to its ids."""

    title: str = ""
    content: str = ""  # HTML to publish; when read back, the raw stored content
    slug: str = ""
    excerpt: str = ""
    status: RemoteStatus = RemoteStatus.DRAFT
    date_gmt: datetime | None = None  # when it goes live (scheduled posts)
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    featured_media: str | None = None  # a MediaItem id
    kind: str = "post"  # "post" or "page"
    # Known once the blog has the post:
    id: str | None = None
    link: str | None = None
    modified_gmt: datetime | None = None


class CommentStatus(enum.StrEnum):
    """Comment statuses in WordPress's words."""

    APPROVED = "approved"
    HOLD = "hold"  # pending moderation
    SPAM = "spam"
    TRASH = "trash"


@dataclass
class RemoteComment:
    """A comment as a blog API sees it. `content` is the HTML the server sent: untrusted."""

    id: str
    post_id: str
    content: str = ""
    parent_id: str | None = None  # None for a top-level comment
    author_name: str = ""
    author_email: str = ""
    author_url: str = ""
    date_gmt: datetime | None = None
    status: CommentStatus = CommentStatus.HOLD
    post_title: str = ""
    link: str = ""


@dataclass(frozen=True)
class MediaItem:
    """A file in the blog's media library."""

    id: str
    url: str
    mime_type: str = ""


@dataclass(frozen=True)
class Term:
    """A category or a tag."""

    id: str
    name: str
    kind: str  # "category" or "tag"


class ClosesWhenDone(abc.ABC):
    """`with backend:` closes it when the block ends (a backend's own class needs only `close`)."""

    @abc.abstractmethod
    def close(self) -> None:
        """Release connections."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@runtime_checkable
class Backend(Protocol):
    """One blog protocol. Methods raise only BackendError subclasses."""

    name: ClassVar[str]  # the entry point name, e.g. "wordpress"
    label: ClassVar[str]  # for people, e.g. "WordPress"
    capabilities: ClassVar[frozenset[Capability]]

    def __init__(self, credentials: Credentials, *, timeout: float = 30.0) -> None: ...

    def discover(self) -> str:
        """Find the API root from the site address; returns it (and uses it from then on)."""

    def verify(self) -> SiteInfo:
        """Sign in and read what the blog is; raises AuthenticationError on a wrong password."""

    def list_posts(self, *, kind: str = "post", modified_after: datetime | None = None) -> Iterator[RemotePost]:
        """Every post the user may edit (all statuses), newest first, with raw content."""

    def get_post(self, remote_id: str, *, kind: str = "post") -> RemotePost:
        """One post with its raw content and modification time."""

    def create_post(self, post: RemotePost) -> RemotePost:
        """Create a post; returns it as the blog stored it (id, link, modified_gmt)."""

    def update_post(self, post: RemotePost, *, last_seen_modified: datetime | None) -> RemotePost:
        """Replace a post. If the blog's copy is newer than `last_seen_modified`, raise ConflictError
        carrying the blog's copy and change nothing. None skips the check (the author chose to overwrite)."""

    def delete_post(self, remote_id: str, *, kind: str = "post") -> None:
        """Move a post to the blog's trash."""

    def upload_media(self, filename: str, data: bytes, mime_type: str) -> MediaItem:
        """Add a file to the media library."""

    def find_media(self, filename: str, sha256: str) -> MediaItem | None:
        """The file an earlier `upload_media(filename, …)` stored, if the library has it (the upload's
        answer was lost); `sha256`, the content's hash, is in `filename` and confirms the match."""

    def list_terms(self, kind: str) -> list[Term]:
        """All categories or tags."""

    def create_term(self, kind: str, name: str) -> Term:
        """Create a category or tag."""

    def close(self) -> None:
        """Release connections."""


@runtime_checkable
class CommentsBackend(Protocol):
    """What a backend with Capability.COMMENTS (reading, replying) and MODERATION (the rest) adds."""

    def list_comments(self, *, after: datetime | None = None) -> Iterator[RemoteComment]:
        """Comments of every status (approved, held, spam, trash) created after `after` (all if None),
        oldest first, each with its post's title."""

    def comment_statuses(self, comment_ids: list[str]) -> dict[str, CommentStatus]:
        """The current status of each of these comments, in as few requests as the API allows;
        a comment deleted for good is missing from the answer."""

    def reply_comment(self, post_id: str, parent_id: str | None, content_html: str) -> RemoteComment:
        """A new comment by the signed-in user (a reply when `parent_id` is given), approved."""

    def set_comment_status(self, comment_id: str, status: CommentStatus) -> RemoteComment:
        """Approve, unapprove (hold), spam, trash, or restore (back to approved or hold)."""

    def edit_comment(self, comment_id: str, content_html: str) -> RemoteComment:
        """Replace a comment's text."""

    def delete_comment(self, comment_id: str) -> None:
        """Delete a comment for good (not to the trash)."""


def is_loopback(url: str) -> bool:
    """True when `url` points at this machine."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def require_no_credentials_in_url(url: str) -> None:
    """Refuse an address that carries user info (`user:password@host`): a password there would be
    stored, logged and shown wherever the address is. The sentence repeats no part of the address."""
    # Read by hand rather than with urlsplit: "user:pw@host" without a scheme parses as a scheme and a
    # path, and would slip through. A "\\" does not end the host here (browsers end it there): the
    # stricter reading finds user info wherever either reading would.
    authority = re.split(r"[/?#]", url.strip().split("://", 1)[-1], maxsplit=1)[0]
    if "@" in authority:
        raise CredentialsInAddressError(
            "The blog's address must not contain a user name or password (the part before “@”). Give the "
            "plain address, such as https://example.com; the password is asked for on its own and kept "
            "in the system keyring."
        )


def require_safe_transport(url: str) -> None:
    """Passwords travel over https, or over plain http only to this machine; never inside the address."""
    require_no_credentials_in_url(url)  # first: the sentences below repeat the address
    scheme = urlsplit(url).scheme.lower()
    if scheme == "https" or (scheme == "http" and is_loopback(url)):
        return
    if scheme == "http":
        raise InsecureTransportError(
            f"{url} uses plain http; Longhand sends your password only over https. Use the https address."
        )
    raise PermanentError(f"{url} is not a web address (it should start with https://).")


@dataclass(frozen=True)
class SignIn:
    """What a backend asks the author for, in the author's words: the Add Blog dialog and `longhand accounts
    add` ask for exactly these. A backend declares it as a class attribute `sign_in`; one that does not
    (a plugin written before it existed) is asked for an address, a user name and a password."""

    address: str = "Site address"
    folder: bool = False  # the address is a folder on this computer, not a web address
    user: str | None = "User name"  # None: the blog has no user names
    secret: str | None = "Password"  # None: nothing secret to keep (a folder on this computer)
    secret_hint: str = ""  # where the author finds it
    browser: bool = False  # it can be connected through the browser instead (`longhand accounts connect`)


def sign_in_of(backend: type[Backend]) -> SignIn:
    """What `backend` asks the author for."""
    declared = getattr(backend, "sign_in", None)
    return declared if isinstance(declared, SignIn) else SignIn()


def available_backends() -> dict[str, type[Backend]]:
    """Every installed backend, built-in or plugin, by name (from the `longhand.backends` entry points).

    A plugin that fails to import is left out rather than breaking the application.
    """
    from importlib.metadata import entry_points  # ~20 ms to import: only when a backend is wanted

    found: dict[str, type[Backend]] = {}
    for point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            found[point.name] = point.load()
        except Exception:  # noqa: BLE001 - a broken plugin must not stop Longhand starting
            continue
    return dict(sorted(found.items()))


def backend_class(name: str) -> type[Backend]:
    """The backend called `name`; UnknownBackendError lists the installed ones. Only that one is imported:
    the window asks for a blog's backend while it opens, and every backend at once costs a quarter second."""
    from importlib.metadata import entry_points

    for point in entry_points(group=ENTRY_POINT_GROUP, name=name):
        try:
            return point.load()  # type: ignore[no-any-return]
        except Exception:  # noqa: BLE001 - a broken plugin is as good as none
            break
    known = ", ".join(available_backends()) or "none"
    raise UnknownBackendError(f"There is no blog backend called {name!r} (installed: {known}).")
