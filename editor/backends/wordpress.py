"""WordPress through its REST API (wp/v2), signed in with an application password over basic auth.

The backend is the entry point: posts, pages, media and terms here, comments from
`editor.backends.wordpress_comments`, both through one `WordPressREST` client
(`editor.backends.wordpress_rest`: discovery, requests, errors, paging), which they share.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Mapping
from datetime import datetime, timezone
from typing import Any, ClassVar

from editor.backends.base import (
    BadResponseError,
    Capability,
    ClosesWhenDone,
    CommentStatus,
    ConflictError,
    Credentials,
    CredentialsRejectedError,
    MediaItem,
    NotFoundError,
    PermanentError,
    RemoteComment,
    RemotePost,
    RemoteStatus,
    SignIn,
    SiteInfo,
    Term,
)
from editor.backends.browse import PostsPage
from editor.backends.http import as_utc, content_disposition, json_or_empty
from editor.backends.wordpress_comments import WordPressComments
from editor.backends.wordpress_rest import WordPressREST, from_gmt, raw_text

# Everything an author may still edit ("any" would do too, but hides which statuses we mean).
LISTED_STATUSES = "publish,future,draft,pending,private"
_POSTS = {"post": "posts", "page": "pages"}
_TERMS = {"category": "categories", "tag": "tags"}
_FLOATING = (RemoteStatus.DRAFT, RemoteStatus.PENDING)  # statuses whose date may float (see _to_remote)


class WordPressBackend(ClosesWhenDone):
    """A WordPress site (the REST API with application passwords: WordPress 5.6 or later)."""

    name: ClassVar[str] = "wordpress"
    label: ClassVar[str] = "WordPress"
    capabilities: ClassVar[frozenset[Capability]] = frozenset(
        {
            Capability.POSTS,
            Capability.PAGES,
            Capability.MEDIA,
            Capability.CATEGORIES,
            Capability.TAGS,
            Capability.SCHEDULING,
            Capability.FEATURED_IMAGE,
            Capability.CONFLICT_DETECTION,
            Capability.COMMENTS,
            Capability.MODERATION,
            Capability.UNAPPROVE,
            Capability.SPAM,
            Capability.TRASH,
            Capability.BROWSE,
        }
    )
    sign_in: ClassVar[SignIn] = SignIn(
        user="User name",
        secret="Application password",
        secret_hint="made in WordPress under Users → Profile → Application Passwords",
        browser=True,
    )
    rest_class: ClassVar[type[WordPressREST]] = WordPressREST  # the API's layout and signing (WordPress.com's differ)

    def __init__(self, credentials: Credentials, *, timeout: float = 30.0) -> None:
        self._credentials = credentials
        self._rest = self.rest_class(credentials, timeout=timeout)
        self._comments = WordPressComments(self._rest)
        self._terms: dict[str, list[Term]] = {}  # kind → every term, filled on first use
        self._unknown_terms: set[tuple[str, str]] = set()  # ids still unknown after a refresh

    def close(self) -> None:
        """Release connections."""
        self._rest.close()

    @property
    def api_root(self) -> str:
        """The REST API root, discovered on first use when the credentials had none."""
        return self._rest.api_root

    @property
    def page_size(self) -> int:
        """Items asked for per request when listing (WordPress's largest per_page, 100, unless set)."""
        return self._rest.page_size

    @page_size.setter
    def page_size(self, value: int) -> None:
        self._rest.page_size = value

    # -- discovery and sign-in ---------------------------------------------------------------------
    def discover(self) -> str:
        """Find the API root from the site address: the `Link: rel="https://api.w.org/"` header of
        the site's pages, else `?rest_route=/`, which WordPress answers whatever its permalinks."""
        return self._rest.discover()

    def verify(self) -> SiteInfo:
        """Sign in and read the site's name. AuthenticationError when WordPress refuses the password;
        PermanentError when the user may sign in but not write posts (a subscriber)."""
        index = self._rest.site_index()  # discovery, when needed, also reads it
        response = self._rest.request("GET", "wp/v2/users/me", {"context": "edit"})
        me, host = self._rest.check(response, signing_in=True), response.url.host
        if not isinstance(me, dict) or not isinstance(index, dict):
            raise BadResponseError(f"{host} answered with data Longhand does not understand.")
        capabilities = me.get("capabilities")  # only what the role grants
        if isinstance(capabilities, dict) and not capabilities.get("edit_posts"):
            raise PermanentError(
                f"{me.get('name') or self._credentials.username} may sign in to {host} but not "
                "write posts there; that needs the Author role or higher."
            )
        return SiteInfo(
            name=html.unescape(index.get("name", "")),  # WordPress keeps the name HTML-escaped
            url=index.get("home") or index.get("url") or self._rest.site,
            api_root=self.api_root,
            user_name=me.get("name", ""),
            user_login=me.get("username") or me.get("slug") or "",  # `username` comes with context=edit
        )

    # -- posts and pages ---------------------------------------------------------------------------
    @staticmethod
    def _route(kind: str, remote_id: str | None = None, endpoints: Mapping[str, str] = _POSTS) -> str:
        if kind not in endpoints:
            raise PermanentError(f"WordPress has no {kind!r} (only {' and '.join(endpoints)}).")
        if remote_id is None:
            return f"wp/v2/{endpoints[kind]}"
        if not str(remote_id).isdigit():  # ids are numbers; anything else must not reach the path
            raise NotFoundError(f"WordPress has no {kind} with the id {remote_id!r}.")
        return f"wp/v2/{endpoints[kind]}/{remote_id}"

    def _post_body(self, post: RemotePost) -> dict[str, Any]:
        """The JSON WordPress takes: replaces every field Longhand knows, except an empty slug."""
        if post.featured_media and not str(post.featured_media).isdigit():
            raise PermanentError(f"{post.featured_media!r} is not a WordPress media id.")
        body: dict[str, Any] = {
            "title": post.title,
            "content": post.content,
            "excerpt": post.excerpt,
            "status": str(post.status),
            "featured_media": int(post.featured_media or 0),
        }
        if post.slug:  # empty: keep WordPress's slug (new posts: made from the title), so links stay valid
            body["slug"] = post.slug
        if post.date_gmt is not None:  # WordPress wants GMT without an offset
            body["date_gmt"] = as_utc(post.date_gmt).strftime("%Y-%m-%dT%H:%M:%S")
        elif post.status in _FLOATING:
            body["date_gmt"] = None  # null: the date floats, taking the time it gets published
        if post.kind == "post":  # pages have neither categories nor tags
            body["categories"] = self._term_ids("category", post.categories)
            body["tags"] = self._term_ids("tag", post.tags)
        return body

    def _to_remote(self, data: Any, kind: str) -> RemotePost:
        try:
            # A plugin's own status is not public: closest to a draft.
            status = RemoteStatus(data["status"]) if data["status"] in set(RemoteStatus) else RemoteStatus.DRAFT
            modified, date = from_gmt(data.get("modified_gmt")), from_gmt(data.get("date_gmt"))
            # A draft never given a date floats (takes the time it is published) and WordPress reports
            # its last save as its date. Sent back, that would pin it: so it reads as None.
            if status in _FLOATING and date and modified and abs((date - modified).total_seconds()) <= 1:
                date = None
            return RemotePost(
                title=raw_text(data.get("title")),
                content=raw_text(data.get("content")),
                slug=data.get("slug") or "",
                excerpt=raw_text(data.get("excerpt")),
                status=status,
                date_gmt=date,
                categories=self._term_names("category", data.get("categories") or []),
                tags=self._term_names("tag", data.get("tags") or []),
                featured_media=str(data["featured_media"]) if data.get("featured_media") else None,
                kind=kind,
                id=str(data["id"]),
                link=data.get("link"),
                modified_gmt=modified,
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise BadResponseError("WordPress answered with a post Longhand does not understand.") from exc

    def list_posts(self, *, kind: str = "post", modified_after: datetime | None = None) -> Iterator[RemotePost]:
        """Every post the user may edit, newest first (by date), trashed ones left out. All pages are
        read before the first post is returned."""
        # Paged by id, then sorted: posts saved in the same second tie on date, and MySQL orders ties
        # differently from one page's query to the next, so paging by date skips some.
        params: dict[str, Any] = {"context": "edit", "status": LISTED_STATUSES, "orderby": "id", "order": "desc"}
        if modified_after is not None:  # with its offset: WordPress compares in the site's own time zone
            params["modified_after"] = as_utc(modified_after).strftime("%Y-%m-%dT%H:%M:%SZ")
        posts: dict[str, RemotePost] = {}
        for item in self._rest.pages(self._route(kind), params):
            post = self._to_remote(item, kind)
            posts.setdefault(post.id or "", post)  # one made while we paged shifts the rest by one
        never = datetime.min.replace(tzinfo=timezone.utc)
        return iter(
            sorted(posts.values(), reverse=True, key=lambda p: (p.date_gmt or p.modified_gmt or never, int(p.id or 0)))
        )

    def browse_posts(
        self,
        *,
        kind: str = "post",
        search: str = "",
        status: RemoteStatus | None = None,
        page: int = 1,
        per_page: int = 20,
    ) -> PostsPage:
        """One page of posts (or pages), newest first, from WordPress's own search (title, excerpt and
        content); the total from its X-WP-Total header. Without content or terms: a list needs neither."""
        params: dict[str, Any] = {
            "context": "edit",
            "status": str(status) if status else LISTED_STATUSES,
            "orderby": "date",  # with a search, WordPress's default is relevance
            "order": "desc",
            "page": max(page, 1),
            "per_page": min(max(per_page, 1), 100),
            "_fields": "id,title,slug,status,date_gmt,modified_gmt,link",
        }
        if search.strip():
            params["search"] = search.strip()
        response = self._rest.request("GET", self._route(kind), params)
        error = json_or_empty(response) if response.status_code == 400 else {}
        if page > 1 and str(error.get("code")).endswith("_invalid_page_number"):
            return PostsPage([], 0)  # past the end (posts went away meanwhile)
        refused = ((error.get("data") or {}).get("details") or {}).get("status") or {}
        if refused.get("code") == "rest_forbidden_status" and (refused.get("data") or {}).get("status") == 401:
            # A password WordPress no longer takes makes the request a visitor's, who may not see drafts.
            raise CredentialsRejectedError(
                f"{response.url.host} did not take Longhand's application password (it may have been revoked); "
                "connect the blog again (Blog ▸ Blogs…)."
            )
        items = self._rest.check(response)
        total = response.headers.get("x-wp-total", "")
        if not isinstance(items, list):
            raise BadResponseError(f"{response.url.host} answered with data Longhand does not understand.")
        posts = [self._to_remote(item, kind) for item in items]
        return PostsPage(posts, int(total) if total.isdigit() else len(posts))

    def get_post(self, remote_id: str, *, kind: str = "post") -> RemotePost:
        """One post with its raw content. A post in WordPress's trash counts as gone: NotFoundError."""
        data = self._rest.api("GET", self._route(kind, remote_id), {"context": "edit"})
        if isinstance(data, dict) and data.get("status") == "trash":
            raise NotFoundError(f"The {kind} {remote_id} is in the blog's trash.")
        return self._to_remote(data, kind)

    def create_post(self, post: RemotePost) -> RemotePost:
        return self._to_remote(self._rest.api("POST", self._route(post.kind), json=self._post_body(post)), post.kind)

    def update_post(self, post: RemotePost, *, last_seen_modified: datetime | None) -> RemotePost:
        """Replace a post. WordPress has no conditional update, so the check is a read just before the
        write (a change landing between the two is missed), at WordPress's one-second resolution."""
        if post.id is None:
            raise PermanentError("This post is not on the blog yet, so it cannot be updated.")
        if last_seen_modified is not None:
            current = self.get_post(post.id, kind=post.kind)
            if current.modified_gmt is not None and current.modified_gmt > as_utc(last_seen_modified):
                raise ConflictError(
                    f"“{current.title}” was changed on the blog after Longhand last saw it; nothing was overwritten.",
                    remote=current,
                )
        data = self._rest.api("POST", self._route(post.kind, post.id), json=self._post_body(post))
        return self._to_remote(data, post.kind)

    def delete_post(self, remote_id: str, *, kind: str = "post") -> None:
        """Move to the trash (no `force`, so it can be restored); already there counts as done."""
        response = self._rest.request("DELETE", self._route(kind, remote_id))
        if response.status_code == 410 and json_or_empty(response).get("code") == "rest_already_trashed":
            return
        self._rest.check(response)

    # -- media and terms ---------------------------------------------------------------------------
    def upload_media(self, filename: str, data: bytes, mime_type: str) -> MediaItem:
        headers = {
            "Content-Type": mime_type or "application/octet-stream",
            "Content-Disposition": content_disposition(filename),
        }
        item = self._rest.api("POST", "wp/v2/media", content=data, headers=headers)
        try:
            return MediaItem(id=str(item["id"]), url=item["source_url"], mime_type=item.get("mime_type") or mime_type)
        except (KeyError, TypeError) as exc:
            raise BadResponseError("WordPress answered the upload with data Longhand does not understand.") from exc

    def find_media(self, filename: str, sha256: str) -> MediaItem | None:
        """Looks for the upload among the media items whose title holds the name's hash (WordPress makes
        an upload's title from its file name), and matches on the stored file's name."""
        stem = filename.rsplit(".", 1)[0]
        token = next((part for part in reversed(stem.split("-")) if part and sha256.startswith(part)), "")
        if len(token) < 8:  # a name Longhand did not make: nothing to match safely
            return None
        params = {"search": token, "context": "edit", "_fields": "id,source_url,mime_type,media_details"}
        for item in self._rest.pages("wp/v2/media", params):
            url = str(item.get("source_url") or "") if isinstance(item, dict) else ""
            if token in url.rsplit("/", 1)[-1] and item.get("id"):
                return MediaItem(id=str(item["id"]), url=url, mime_type=item.get("mime_type") or "")
        return None

    def _term(self, item: Any, kind: str) -> Term:
        try:
            return Term(id=str(item["id"]), name=html.unescape(item["name"]), kind=kind)  # names come escaped
        except (KeyError, TypeError) as exc:
            raise BadResponseError("WordPress answered with a term Longhand does not understand.") from exc

    def list_terms(self, kind: str) -> list[Term]:
        """All categories or tags (and refreshes the cache used to map names to ids)."""
        items = self._rest.pages(self._route(kind, endpoints=_TERMS), {"context": "view", "_fields": "id,name"})
        self._terms[kind] = [self._term(item, kind) for item in items]
        return list(self._terms[kind])

    def create_term(self, kind: str, name: str) -> Term:
        """Create a category or tag; one that exists already (WordPress's `term_exists`) is returned."""
        route, name = self._route(kind, endpoints=_TERMS), name.strip()
        if not name:
            raise PermanentError(f"A {kind} needs a name.")
        response = self._rest.request("POST", route, json={"name": name})
        error = json_or_empty(response) if response.status_code == 400 else {}
        existing = (error.get("data") or {}).get("term_id") if error.get("code") == "term_exists" else None
        data = self._rest.api("GET", f"{route}/{int(existing)}") if existing else self._rest.check(response)
        term = self._term(data, kind)
        if kind in self._terms and term not in self._terms[kind]:
            self._terms[kind].append(term)
        return term

    def _term_ids(self, kind: str, names: list[str]) -> list[int]:
        """Names to ids, creating the terms the blog lacks. Matching ignores case, as WordPress does."""
        names = [name.strip() for name in names if name.strip()]
        if names and kind not in self._terms:
            self.list_terms(kind)
        by_name = {term.name.casefold(): term for term in self._terms.get(kind, [])}
        ids: list[int] = []
        for name in names:
            term = by_name.get(name.casefold()) or self.create_term(kind, name)
            by_name[name.casefold()] = term
            if int(term.id) not in ids:
                ids.append(int(term.id))
        return ids

    def _term_names(self, kind: str, ids: list[Any]) -> list[str]:
        """Ids to names; a term made elsewhere since the cache was filled causes one refresh."""
        wanted = [str(i) for i in ids]
        known = {term.id for term in self._terms.get(kind, [])}
        if any(i not in known and (kind, i) not in self._unknown_terms for i in wanted):
            known = {term.id for term in self.list_terms(kind)}
            self._unknown_terms |= {(kind, i) for i in wanted if i not in known}
        names = {term.id: term.name for term in self._terms.get(kind, [])}
        return [names[i] for i in wanted if i in names]

    # -- comments (WordPressComments, on the same client) ------------------------------------------
    def list_comments(self, *, after: datetime | None = None) -> Iterator[RemoteComment]:
        """See `WordPressComments.list_comments`."""
        return self._comments.list_comments(after=after)

    def comment_statuses(self, comment_ids: list[str]) -> dict[str, CommentStatus]:
        """See `WordPressComments.comment_statuses`."""
        return self._comments.comment_statuses(comment_ids)

    def reply_comment(self, post_id: str, parent_id: str | None, content_html: str) -> RemoteComment:
        """See `WordPressComments.reply_comment`."""
        return self._comments.reply_comment(post_id, parent_id, content_html)

    def set_comment_status(self, comment_id: str, status: CommentStatus) -> RemoteComment:
        """See `WordPressComments.set_comment_status`."""
        return self._comments.set_comment_status(comment_id, status)

    def edit_comment(self, comment_id: str, content_html: str) -> RemoteComment:
        """See `WordPressComments.edit_comment`."""
        return self._comments.edit_comment(comment_id, content_html)

    def delete_comment(self, comment_id: str) -> None:
        """See `WordPressComments.delete_comment`."""
        self._comments.delete_comment(comment_id)
