"""Drafts to blog posts and back: statuses, rendered HTML, local images uploaded once."""

from __future__ import annotations

import hashlib
import html
import mimetypes
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from ..backends.base import Backend, PermanentError, RemotePost, RemoteStatus
from . import images
from .model import Draft, PostStatus, RevisionReason, slugify
from .render import plain_html
from .store import Store

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


class MediaLibrary:
    """Uploads a local file to a blog once; later publishes reuse it (remembered by content hash)."""

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
            row = conn.execute("SELECT remote_id, url FROM media WHERE account_id = ? AND sha256 = ?",
                               (self.account_id, digest)).fetchone()
        if row:
            return row["remote_id"], row["url"]
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        item = self.backend.upload_media(path.name, data, mime)
        with self.store.transaction("remember the upload") as conn:
            conn.execute("INSERT OR REPLACE INTO media (account_id, sha256, remote_id, url) VALUES (?, ?, ?, ?)",
                         (self.account_id, digest, item.id, item.url))
        return item.id, item.url


def to_remote(draft: Draft, media: MediaLibrary, *, status: PostStatus | None = None,
              at: datetime | None = None) -> RemotePost:
    """The post to send for a draft: rendered HTML with local images uploaded and their URLs swapped in."""

    def upload(src: str) -> str | None:
        path = images.local_path(html.unescape(src))
        return media.url_for(path)[1] if path else None

    status = status or draft.status
    when = at or draft.scheduled_at
    if status is PostStatus.SCHEDULED and when is None:
        raise PermanentError("A scheduled post needs a date and time; set one in the post fields.")
    featured = None
    if draft.featured_image:
        path = images.local_path(draft.featured_image)
        if path is None:
            raise PermanentError(f"The featured image {draft.featured_image} is not a file on this computer.")
        featured = media.url_for(path)[0]
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
        id=draft.remote_id,
    )


def to_draft(remote: RemotePost, base: Draft | None = None) -> Draft:
    """A blog's post as a draft (a new one, or `base` updated). The blog's HTML stays HTML: Markdown
    passes it through unchanged, so nothing is lost."""
    status = FROM_REMOTE.get(RemoteStatus(remote.status), PostStatus.DRAFT) if remote.status in set(
        RemoteStatus) else PostStatus.DRAFT
    return replace(
        base or Draft(),
        title=remote.title, body=remote.content, slug=remote.slug, excerpt=remote.excerpt,
        tags=list(remote.tags), categories=list(remote.categories), status=status,
        scheduled_at=remote.date_gmt if status is PostStatus.SCHEDULED else None,
    )


@dataclass(frozen=True)
class PullResult:
    """What `pull` did."""

    created: list[int]  # new drafts
    updated: list[int]  # drafts brought up to date with the blog
    kept_local: list[int]  # drafts changed on both sides: the local text was kept, publishing will ask


def pull(store: Store, account_id: int, backend: Backend) -> PullResult:
    """Download a blog's posts into drafts: new posts become drafts; a draft the author has not touched
    since it last matched the blog is updated; one changed on both sides is left alone."""
    created, updated, kept = [], [], []
    for remote in backend.list_posts(kind="post"):
        local = store.find_by_remote(account_id, remote.id)
        if local is None:
            draft = store.create_draft(to_draft(remote), revision=RevisionReason.SERVER)
            created.append(draft.id)
        elif local.remote_modified and remote.modified_gmt and remote.modified_gmt <= local.remote_modified:
            continue
        elif _matches_last_sync(store, local):
            draft = store.save_draft(to_draft(remote, local), revision=RevisionReason.SERVER)
            updated.append(draft.id)
        else:
            kept.append(local.id)
            continue
        store.set_remote(draft.id, account_id=account_id, remote_id=remote.id, remote_url=remote.link,
                         remote_modified=remote.modified_gmt)
    return PullResult(created, updated, kept)


def _matches_last_sync(store: Store, draft: Draft) -> bool:
    synced = next((r for r in store.list_revisions(draft.id)
                   if r.reason in (RevisionReason.PUBLISH, RevisionReason.SERVER)), None)
    return synced is not None and (synced.title, synced.body) == (draft.title, draft.body)


def keep_server_copy(store: Store, draft_id: int, remote: RemotePost) -> None:
    """Keep the blog's version of a draft as a revision (the author is about to overwrite it)."""
    store.keep_revision(to_draft(remote, store.get_draft(draft_id)), RevisionReason.SERVER)
