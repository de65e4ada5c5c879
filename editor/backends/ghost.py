"""Ghost (5 or later) through its Admin API, signed with an Admin API key (`id:secret`).

The backend is the entry point: posts, pages and tags here, images in `editor.backends.ghost_media`,
both on one `GhostAdmin` client (`editor.backends.ghost_admin`: discovery, signing, errors, paging).

Ghost differs from WordPress in ways the author can see:
- A post's HTML goes in as one HTML card (`?source=html`), so Ghost keeps it as Longhand rendered it
  (highlighted code, tables, footnotes); converted to Ghost's own cards, most of that would be lost.
  Reading back gives the HTML inside the card, so a post reads back as it was sent.
- Statuses: draft, scheduled, published. "Pending review" is sent as a draft (Ghost's review is of
  drafts); Ghost has no private posts, so publishing privately is refused with a sentence.
- Tags only (no categories). A tag's name is matched ignoring case, as WordPress does; Ghost itself
  would make a second tag for "trains" next to "Trains".
- Images have no id in Ghost: a media item's id is its address, and so is a post's featured image.
- Deleting a post deletes it: Ghost has no trash.
- Conflicts are Ghost's own check: an update names the `updated_at` it last saw, and Ghost refuses it
  (409 UPDATE_COLLISION) when the post changed since.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any, ClassVar

from editor.backends.base import (
    BadResponseError,
    Capability,
    ClosesWhenDone,
    ConflictError,
    Credentials,
    MediaItem,
    NotFoundError,
    PermanentError,
    RemotePost,
    RemoteStatus,
    SignIn,
    SiteInfo,
    Term,
)
from editor.backends.browse import PostsPage
from editor.backends.ghost_admin import GhostAdmin, from_ghost_time, ghost_time, valid_id
from editor.backends.ghost_media import GhostMedia
from editor.backends.http import as_utc

_ROUTES = {"post": "posts", "page": "pages"}
_TO_GHOST = {
    RemoteStatus.DRAFT: "draft",
    RemoteStatus.PENDING: "draft",
    RemoteStatus.FUTURE: "scheduled",
    RemoteStatus.PUBLISH: "published",
}
# "sent": a post that went out as a newsletter only; it is on the blog's books as published.
_FROM_GHOST = {"draft": RemoteStatus.DRAFT, "scheduled": RemoteStatus.FUTURE, "published": RemoteStatus.PUBLISH}
_FROM_GHOST["sent"] = RemoteStatus.PUBLISH
CARD_BEGIN, CARD_END = "<!--kg-card-begin: html-->", "<!--kg-card-end: html-->"
_CARD_MARK = re.compile(r"<!--\s*kg-card-(?:begin|end):\s*html\s*-->")


def to_ghost_html(content: str) -> str:
    """The post's HTML as one HTML card. Card marks already in it (a post pulled from Ghost) are taken
    out: the first end mark would cut the card short."""
    inner = _CARD_MARK.sub("", content).strip()
    return f"{CARD_BEGIN}\n{inner}\n{CARD_END}" if inner else ""


def from_ghost_html(html: str | None) -> str:
    """The HTML Ghost gives back: a post that is one HTML card (what Longhand sends) without the card's
    marks; any other post (written in Ghost's editor) as Ghost renders it."""
    text = (html or "").strip()
    if text.startswith(CARD_BEGIN) and text.endswith(CARD_END) and text.count(CARD_BEGIN) == 1:
        return text[len(CARD_BEGIN) : -len(CARD_END)].strip()
    return html or ""


class GhostBackend(ClosesWhenDone):
    """A Ghost site (the Admin API with an integration's Admin API key: Ghost 5 or later)."""

    name: ClassVar[str] = "ghost"
    label: ClassVar[str] = "Ghost"
    # No CATEGORIES (Ghost has tags only); no COMMENTS: Ghost's comments are for members and are not in
    # the Admin API.
    capabilities: ClassVar[frozenset[Capability]] = frozenset(
        {
            Capability.POSTS,
            Capability.PAGES,
            Capability.MEDIA,
            Capability.TAGS,
            Capability.SCHEDULING,
            Capability.FEATURED_IMAGE,
            Capability.CONFLICT_DETECTION,
            Capability.BROWSE,
        }
    )
    sign_in: ClassVar[SignIn] = SignIn(
        user=None,
        secret="Admin API key",
        secret_hint="Ghost Admin → Settings → Integrations → Add custom integration",
    )

    def __init__(self, credentials: Credentials, *, timeout: float = 30.0) -> None:
        self._admin = GhostAdmin(credentials, timeout=timeout)
        self._media = GhostMedia(self._admin)
        self._tags: list[Term] | None = None  # every tag, filled on first use

    def close(self) -> None:
        """Release connections."""
        self._admin.close()

    @property
    def api_root(self) -> str:
        """The Admin API root, discovered on first use when the credentials had none."""
        return self._admin.api_root

    # -- discovery and sign-in ---------------------------------------------------------------------
    def discover(self) -> str:
        """Find the Admin API (`/ghost/api/admin/`) from the site address."""
        return self._admin.discover()

    def verify(self) -> SiteInfo:
        """Sign in and read the site's title. An integration's key has no user; a staff member's own
        token (Ghost's "staff access token") signs in as that person, whose name is given."""
        site = self._admin.site_info()
        try:
            me = self._admin.one(self._admin.api("GET", "users/me/"), "users")
        except NotFoundError:  # signed in (the key was checked first) as an integration: no user
            me = {}
        return SiteInfo(
            name=str(site.get("title") or ""),
            url=str(site.get("url") or self._admin.site),
            api_root=self.api_root,
            user_name=str(me.get("name") or ""),
            user_login=str(me.get("email") or me.get("slug") or ""),
        )

    # -- posts and pages ---------------------------------------------------------------------------
    @staticmethod
    def _route(kind: str, remote_id: str | None = None) -> str:
        if kind not in _ROUTES:
            raise PermanentError(f"Ghost has no {kind!r} (only posts and pages).")
        if remote_id is None:
            return f"{_ROUTES[kind]}/"
        if not valid_id(remote_id):
            raise NotFoundError(f"Ghost has no {kind} with the id {remote_id!r}.")
        return f"{_ROUTES[kind]}/{remote_id}/"

    def _post_body(self, post: RemotePost) -> dict[str, Any]:
        """The JSON Ghost takes: replaces every field Longhand knows, except an empty slug."""
        if post.status is RemoteStatus.PRIVATE or post.status not in _TO_GHOST:
            raise PermanentError(
                "Ghost has no private posts: publish it (for members only, if you like, in Ghost) or keep it a draft."
            )
        featured = post.featured_media or None
        if featured and not re.match(r"https?://", featured):
            raise PermanentError(f"{featured!r} is not the address of an image on a Ghost site.")
        body: dict[str, Any] = {
            "title": post.title,
            "html": to_ghost_html(post.content),
            "custom_excerpt": post.excerpt or None,
            "status": _TO_GHOST[post.status],
            "feature_image": featured,
            "tags": [{"name": name} for name in self._tag_names(post.tags)],
        }
        if post.slug:  # empty: keep Ghost's slug (new posts: made from the title), so links stay valid
            body["slug"] = post.slug
        if post.status is RemoteStatus.FUTURE and post.date_gmt is None:
            raise PermanentError("A scheduled post needs a date and time.")
        if post.date_gmt is not None and post.status in (RemoteStatus.FUTURE, RemoteStatus.PUBLISH):
            body["published_at"] = ghost_time(post.date_gmt)
        return body

    def _to_remote(self, data: dict[str, Any], kind: str) -> RemotePost:
        try:
            status = _FROM_GHOST.get(str(data["status"]), RemoteStatus.DRAFT)
            live = status in (RemoteStatus.FUTURE, RemoteStatus.PUBLISH)
            return RemotePost(
                title=str(data.get("title") or ""),
                content=from_ghost_html(data.get("html")),
                slug=str(data.get("slug") or ""),
                excerpt=str(data.get("custom_excerpt") or ""),
                status=status,
                date_gmt=from_ghost_time(data.get("published_at")) if live else None,
                tags=[str(tag["name"]) for tag in data.get("tags") or []],
                featured_media=data.get("feature_image") or None,
                kind=kind,
                id=str(data["id"]),
                link=data.get("url"),
                modified_gmt=from_ghost_time(data.get("updated_at")),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise BadResponseError("Ghost answered with a post Longhand does not understand.") from exc

    def list_posts(self, *, kind: str = "post", modified_after: datetime | None = None) -> Iterator[RemotePost]:
        """Every post (all statuses), newest first. All pages are read before the first is returned."""
        # Paged by id (Ghost's ids grow with time; dates tie), then sorted by date.
        params: dict[str, Any] = {"formats": "html", "include": "tags", "order": "id desc"}
        if modified_after is not None:
            # Ghost stores whole seconds in UTC and compares the filter's text with the column's form
            # (on SQLite): same second and form, hence ">=".
            params["filter"] = f"updated_at:>='{as_utc(modified_after).strftime('%Y-%m-%d %H:%M:%S')}'"
        posts: dict[str, RemotePost] = {}
        for item in self._admin.pages(self._route(kind), _ROUTES[kind], params):
            post = self._to_remote(item, kind)
            posts.setdefault(post.id or "", post)  # one made while we paged shifts the rest by one
        never = datetime.min.replace(tzinfo=timezone.utc)
        return iter(sorted(posts.values(), reverse=True, key=lambda p: (p.date_gmt or p.modified_gmt or never, p.id)))

    def browse_posts(
        self,
        *,
        kind: str = "post",
        search: str = "",
        status: RemoteStatus | None = None,
        page: int = 1,
        per_page: int = 20,
    ) -> PostsPage:
        """One page of posts (or pages) in Ghost Admin's order (drafts and scheduled ones first, then the
        newest), searched in their titles (Ghost's filter has no full-text search), without their HTML."""
        if status is not None and status not in _FROM_GHOST.values():
            return PostsPage([], 0)  # Ghost has no pending or private posts
        wanted = [f"status:{_TO_GHOST[status]}"] if status is not None else []
        for word in search.split():  # NQL quoting: a quote or backslash escaped by a backslash
            wanted.append("title:~'" + word.replace("\\", "\\\\").replace("'", "\\'") + "'")
        params: dict[str, Any] = {"limit": min(max(per_page, 1), 100), "page": max(page, 1)}
        if wanted:
            params["filter"] = "+".join(wanted)
        data = self._admin.api("GET", self._route(kind), params)
        posts = [self._to_remote(item, kind) for item in self._admin.items(data, _ROUTES[kind])]
        total = ((data.get("meta") or {}).get("pagination") or {}).get("total")
        return PostsPage(posts, total if isinstance(total, int) else len(posts))

    def get_post(self, remote_id: str, *, kind: str = "post") -> RemotePost:
        """One post with its HTML."""
        data = self._admin.api("GET", self._route(kind, remote_id), {"formats": "html", "include": "tags"})
        return self._to_remote(self._admin.one(data, _ROUTES[kind]), kind)

    def _write(self, method: str, post: RemotePost, route: str, updated_at: datetime | None = None) -> RemotePost:
        body = self._post_body(post)
        if updated_at is not None:
            body["updated_at"] = ghost_time(updated_at)
        params = {"source": "html", "formats": "html", "include": "tags"}
        data = self._admin.api(method, route, params, json={_ROUTES[post.kind]: [body]})
        return self._to_remote(self._admin.one(data, _ROUTES[post.kind]), post.kind)

    def create_post(self, post: RemotePost) -> RemotePost:
        """Create a post; returns it as Ghost stored it."""
        return self._write("POST", post, self._route(post.kind))

    def update_post(self, post: RemotePost, *, last_seen_modified: datetime | None) -> RemotePost:
        """Replace a post. Ghost checks, as it saves, that the post is still as it was at
        `last_seen_modified`; None overwrites whatever is there (it sends the time just read)."""
        if post.id is None:
            raise PermanentError("This post is not on the blog yet, so it cannot be updated.")
        route = self._route(post.kind, post.id)
        if last_seen_modified is not None:
            try:
                return self._write("PUT", post, route, last_seen_modified)
            except ConflictError:
                current = self.get_post(post.id, kind=post.kind)
                raise ConflictError(
                    f"“{current.title}” was changed on the blog after Longhand last saw it; nothing was overwritten.",
                    remote=current,
                ) from None
        current = self.get_post(post.id, kind=post.kind)
        for _ in range(3):  # a change landing between our read and our write: read again
            try:
                return self._write("PUT", post, route, current.modified_gmt)
            except ConflictError:
                current = self.get_post(post.id, kind=post.kind)
        raise ConflictError(f"“{current.title}” keeps changing on the blog; try again in a moment.", remote=current)

    def delete_post(self, remote_id: str, *, kind: str = "post") -> None:
        """Delete the post (Ghost has no trash)."""
        self._admin.api("DELETE", self._route(kind, remote_id))

    # -- media (GhostMedia, on the same client) ----------------------------------------------------
    def upload_media(self, filename: str, data: bytes, mime_type: str) -> MediaItem:
        """See `GhostMedia.upload`."""
        return self._media.upload(filename, data, mime_type)

    def find_media(self, filename: str, sha256: str) -> MediaItem | None:
        """See `GhostMedia.find`."""
        return self._media.find(filename, sha256)

    # -- tags --------------------------------------------------------------------------------------
    @staticmethod
    def _require_tags(kind: str) -> None:
        if kind != "tag":
            raise PermanentError("Ghost has tags but no categories.")

    def list_terms(self, kind: str) -> list[Term]:
        """All tags (and refreshes the list used to match names)."""
        self._require_tags(kind)
        items = self._admin.pages("tags/", "tags", {"fields": "id,name"})
        self._tags = [Term(id=str(item["id"]), name=str(item["name"]), kind="tag") for item in items]
        return list(self._tags)

    def create_term(self, kind: str, name: str) -> Term:
        """Create a tag; one whose name differs only in case is returned instead."""
        self._require_tags(kind)
        name = name.strip()
        if not name:
            raise PermanentError("A tag needs a name.")
        if existing := self._known_tag(name):
            return existing
        item = self._admin.one(self._admin.api("POST", "tags/", json={"tags": [{"name": name}]}), "tags")
        term = Term(id=str(item["id"]), name=str(item["name"]), kind="tag")
        if self._tags is not None:
            self._tags.append(term)
        return term

    def _known_tag(self, name: str) -> Term | None:
        if self._tags is None:
            self.list_terms("tag")
        return next((t for t in self._tags or [] if t.name.casefold() == name.casefold()), None)

    def _tag_names(self, names: list[str]) -> list[str]:
        """The names to send: an existing tag's own spelling where one matches; Ghost makes the rest."""
        found: list[str] = []
        for name in (n.strip() for n in names):
            if name:
                tag = self._known_tag(name)
                spelled = tag.name if tag else name
                if spelled.casefold() not in {f.casefold() for f in found}:
                    found.append(spelled)
        return found
