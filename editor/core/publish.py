"""Drafts to blog posts and back: statuses, rendered HTML, local images uploaded once."""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from ..backends.base import Backend, BackendError, Capability, MediaItem, PermanentError, RemotePost, RemoteStatus
from . import images
from .model import Draft, DraftKind, PostStatus, RevisionReason, slugify
from .render import plain_html
from .rows import dump_time
from .store import Store

HASH_IN_NAME = 16  # hex digits of the content hash in an uploaded file's name: 64 bits

TO_REMOTE = {
    PostStatus.DRAFT: RemoteStatus.DRAFT,
    PostStatus.PENDING: RemoteStatus.PENDING,
    PostStatus.PRIVATE: RemoteStatus.PRIVATE,
    PostStatus.SCHEDULED: RemoteStatus.FUTURE,
    PostStatus.PUBLISHED: RemoteStatus.PUBLISH,
}
FROM_REMOTE = {remote: local for local, remote in TO_REMOTE.items()}


def post_slug(draft: Draft) -> str:
    """The slug a draft is published under: its own, else one from its title, else from its id."""
    return draft.slug or slugify(draft.title) or f"post-{draft.id}"


def hashed_name(filename: str, digest: str) -> str:
    """The name a local file is uploaded under: its own, carrying the start of its content hash, so a
    lost upload can be recognised in the blog's media library."""
    path = Path(filename)
    return f"{path.stem or 'image'}-{digest[:HASH_IN_NAME]}{path.suffix}"


class MediaLibrary:
    """Uploads a local file to a blog exactly once; later publishes reuse it (remembered by content hash).

    The upload is remembered from the moment it is sent: if its answer is lost (a reset, a timeout), the
    next attempt first looks for the file in the blog's media library by the name Longhand gave it."""

    def __init__(self, store: Store, account_id: int, backend: Backend) -> None:
        self.store, self.account_id, self.backend = store, account_id, backend

    def url_for(self, path: Path) -> tuple[str, str]:
        """(media id, URL) of a local file on the blog, uploading it if the blog does not have it."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise PermanentError(f"Could not read the image {path}: {exc.strerror or exc}.") from None
        digest = hashlib.sha256(data).hexdigest()
        with self.store.transaction("read the media list", write=False) as conn:
            row = conn.execute(
                "SELECT remote_id, url FROM media WHERE account_id = ? AND sha256 = ?", (self.account_id, digest)
            ).fetchone()
            sent = conn.execute(
                "SELECT filename FROM media_sent WHERE account_id = ? AND sha256 = ?", (self.account_id, digest)
            ).fetchone()
        if row:
            return row["remote_id"], row["url"]
        name = hashed_name(path.name, digest)
        item = self.backend.find_media(sent["filename"], digest) if sent else None
        if item is None:
            item = self._upload(name, digest, data, mimetypes.guess_type(path.name)[0] or "application/octet-stream")
        with self.store.transaction("remember the upload") as conn:
            conn.execute(
                "INSERT OR REPLACE INTO media (account_id, sha256, remote_id, url) VALUES (?, ?, ?, ?)",
                (self.account_id, digest, item.id, item.url),
            )
            conn.execute("DELETE FROM media_sent WHERE account_id = ? AND sha256 = ?", (self.account_id, digest))
        return item.id, item.url

    def _upload(self, name: str, digest: str, data: bytes, mime: str) -> MediaItem:
        # Saved before the request leaves: an answer lost on the way back must not mean a second copy.
        with self.store.transaction("remember the upload") as conn:
            conn.execute(
                "INSERT OR REPLACE INTO media_sent (account_id, sha256, filename, sent_at) VALUES (?, ?, ?, ?)",
                (self.account_id, digest, name, dump_time(self.store.clock())),
            )
        try:
            return self.backend.upload_media(name, data, mime)
        except BackendError as exc:
            if not exc.retryable:  # the blog answered no: nothing was stored there
                with self.store.transaction("remember the upload") as conn:
                    conn.execute(
                        "DELETE FROM media_sent WHERE account_id = ? AND sha256 = ?", (self.account_id, digest)
                    )
            raise


@dataclass(frozen=True)
class ImagePlan:
    """The local files a publish will upload, and the local-looking addresses it will leave alone."""

    uploads: list[images.LocalImage]
    skipped: list[images.SkippedImage]

    @property
    def notes(self) -> str:
        """One sentence per image left out, for the author."""
        return " ".join(item.reason for item in self.skipped)


# Revisions holding text the author did not type, and where it came from (for the sentence).
_FOREIGN_TEXT = {RevisionReason.SERVER: "the blog", RevisionReason.IMPORT: "an imported file"}


def foreign_addresses(store: Store, draft_id: int | None) -> dict[str, str]:
    """Paths (absolute, `~/…`, `file:`) that came with text from elsewhere — a blog's post, an imported
    Markdown file (downloaded, perhaps) — mapped to where it came from: every one in the draft's server and
    import revisions, featured image included. Such a path is never read: only the author chooses local
    files. (A draft pulled before pulls made addresses absolute may hold them too.)"""
    if draft_id is None:
        return {}
    found: dict[str, str] = {}
    for revision in store.list_revisions(draft_id):
        if revision.reason in _FOREIGN_TEXT:
            featured = revision.fields.get("featured_image") or ""
            for src in {*images.image_addresses(revision.body), featured}:
                if src and images.names_a_path(src):
                    found.setdefault(src, _FOREIGN_TEXT[revision.reason])
    return found


def plan_images(store: Store, draft: Draft, *, rendered: bool = True) -> ImagePlan:
    """Which of a draft's images are local files to upload, and which local-looking ones are left out.
    `rendered`: read them from the HTML to be sent (exact); else from the Markdown text alone (no render,
    quick enough for a dialog)."""
    media = images.media_folder(store.path.parent, draft.id or 0)
    foreign = foreign_addresses(store, draft.id)
    uploads: dict[str, images.LocalImage] = {}
    skipped: dict[str, images.SkippedImage] = {}
    sources = images.html_image_sources(plain_html(draft.body)) if rendered else images.local_sources(draft.body)
    for src in sources:
        found = images.resolve(src, media, foreign)
        if isinstance(found, images.LocalImage):
            uploads.setdefault(src, found)
        elif found is not None:
            skipped.setdefault(src, found)
    return ImagePlan(list(uploads.values()), list(skipped.values()))


def featured_path(store: Store, draft: Draft) -> Path | None:
    """The local file of the draft's featured image (None without one); PermanentError when it is not
    one Longhand may upload."""
    if not draft.featured_image:
        return None
    media = images.media_folder(store.path.parent, draft.id or 0)
    found = images.resolve(draft.featured_image, media, foreign_addresses(store, draft.id))
    if isinstance(found, images.LocalImage):
        return found.path
    raise PermanentError(
        found.reason if found else f"The featured image {draft.featured_image} is not a file on this computer."
    )


def require_kind(backend: type[Backend] | Backend, kind: DraftKind, title: str = "") -> None:
    """Refuse, with a sentence, a page for a blog whose backend cannot publish pages."""
    if kind is DraftKind.PAGE and Capability.PAGES not in backend.capabilities:
        if not title:
            raise PermanentError(f"A {backend.label} blog has no pages, only posts.")
        raise PermanentError(
            f"“{title}” is a page, and a {backend.label} blog has no pages; make it a post in the post fields, "
            "or publish it to a blog that has pages."
        )


def to_remote(
    draft: Draft, media: MediaLibrary, plan: ImagePlan, *, status: PostStatus | None = None, at: datetime | None = None
) -> RemotePost:
    """The post to send for a draft: rendered HTML with the planned local images uploaded and their URLs
    swapped in."""
    uploads = {item.src: item.path for item in plan.uploads}

    def upload(src: str) -> str | None:
        return media.url_for(uploads[src])[1] if src in uploads else None

    require_kind(media.backend, draft.kind, draft.display_title)
    status = status or draft.status
    when = at or draft.scheduled_at
    if status is PostStatus.SCHEDULED and when is None:
        raise PermanentError("A scheduled post needs a date and time; set one in the post fields.")
    featured_file = featured_path(media.store, draft)
    featured = media.url_for(featured_file)[0] if featured_file else None
    return RemotePost(
        title=draft.title or draft.display_title,
        content=images.rewrite_html_images(plain_html(draft.body), upload),
        slug=post_slug(draft),
        excerpt=draft.excerpt,
        status=TO_REMOTE[status],
        date_gmt=when.astimezone(timezone.utc) if (when and status is PostStatus.SCHEDULED) else None,
        categories=list(draft.categories),
        tags=list(draft.tags),
        featured_media=featured,
        kind=draft.kind.value,
        id=draft.remote_id,
    )


def to_draft(remote: RemotePost, base: Draft | None = None) -> Draft:
    """A blog's post as a draft (a new one, or `base` updated). The blog's HTML becomes Markdown where
    Longhand renders that Markdown back to the same HTML, and stays HTML elsewhere (WordPress's block
    comments and shortcodes as they are: html_markdown), so publishing it gives the blog the same post.
    Image addresses are made absolute against the post's address (and `file:` ones dropped), in the HTML
    and again in the Markdown made of it: the blog's text never names a local file."""
    from .html_markdown import to_markdown  # markdownify's BeautifulSoup: ~100 ms, kept out of start-up

    status = (
        FROM_REMOTE.get(RemoteStatus(remote.status), PostStatus.DRAFT)
        if remote.status in set(RemoteStatus)
        else PostStatus.DRAFT
    )
    return replace(
        base or Draft(),
        title=remote.title,
        body=images.safe_remote_text(to_markdown(images.safe_remote_text(remote.content, remote.link)), remote.link),
        slug=remote.slug,
        excerpt=remote.excerpt,
        tags=list(remote.tags),
        categories=list(remote.categories),
        status=status,
        scheduled_at=remote.date_gmt if status is PostStatus.SCHEDULED else None,
        kind=DraftKind.PAGE if remote.kind == DraftKind.PAGE else DraftKind.POST,
    )


@dataclass(frozen=True)
class PullResult:
    """What `pull` did."""

    created: list[int]  # new drafts
    updated: list[int]  # drafts brought up to date with the blog
    kept_local: list[int]  # drafts changed on both sides: the local text was kept, publishing will ask


def pull(store: Store, account_id: int, backend: Backend, *, kind: DraftKind = DraftKind.POST) -> PullResult:
    """Download a blog's posts (or pages) into drafts: new posts become drafts; a draft the author has not
    touched since it last matched the blog is updated; one changed on both sides is left alone."""
    require_kind(backend, kind)
    result = PullResult([], [], [])
    for remote in backend.list_posts(kind=kind.value):
        pull_one(store, account_id, remote, result)
    return result


def pull_one(store: Store, account_id: int, remote: RemotePost, result: PullResult) -> int:
    """Bring one of the blog's posts into its draft (made if there is none), as `pull` does, noting in `result`
    what it did; returns the draft's id."""
    local = store.find_by_remote(account_id, remote.id or "")
    if local is None:
        draft = store.create_draft(to_draft(remote), revision=RevisionReason.SERVER)
        result.created.append(draft.stored_id)
    elif local.remote_modified and remote.modified_gmt and remote.modified_gmt <= local.remote_modified:
        return local.stored_id
    elif _matches_last_sync(store, local):
        draft = store.save_draft(to_draft(remote, local), revision=RevisionReason.SERVER)
        result.updated.append(draft.stored_id)
    else:
        result.kept_local.append(local.stored_id)
        return local.stored_id
    store.set_remote(
        draft.stored_id,
        account_id=account_id,
        remote_id=remote.id,
        remote_url=remote.link,
        remote_modified=remote.modified_gmt,
    )
    return draft.stored_id


def _matches_last_sync(store: Store, draft: Draft) -> bool:
    synced = next(
        (
            r
            for r in store.list_revisions(draft.stored_id)
            if r.reason in (RevisionReason.PUBLISH, RevisionReason.SERVER)
        ),
        None,
    )
    return synced is not None and (synced.title, synced.body) == (draft.title, draft.body)


def keep_server_copy(store: Store, draft_id: int, remote: RemotePost) -> None:
    """Keep the blog's version of a draft as a revision (the author is about to overwrite it)."""
    store.keep_revision(to_draft(remote, store.get_draft(draft_id)), RevisionReason.SERVER)
