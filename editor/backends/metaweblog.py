"""A blog through the MetaWeblog API over XML-RPC (WordPress's xmlrpc.php, and other MetaWeblog servers),
signed in with the blog's own password (or, on WordPress 5.6 and later, an application password).

Posts go through the standard calls (metaWeblog.newPost, editPost, getPost, getRecentPosts,
newMediaObject; blogger.deletePost; mt.getCategoryList), with the struct fields WordPress added to them
(wp_slug, mt_keywords for tags, post_status, date_created_gmt, wp_post_thumbnail), which other servers
ignore. Pages, tags as a list, the media library's search, new terms and comments need WordPress's own
wp.* methods: on a blog without them those calls raise a PermanentError saying so. Connection, faults and
discovery are `editor.backends.metaweblog_rpc`'s; comments are `editor.backends.metaweblog_comments`'s.

What WordPress 6.1's XML-RPC does, checked against a real one (tests/backends/test_metaweblog.py):

* A scheduled post is sent as "publish" with a date in the future (WordPress makes it "future"), and read
  back as "publish" with that date: a published post dated over a minute ahead reads as FUTURE here.
* metaWeblog.getPost splits the content at `<!--more-->` (description, mt_text_more): joined again here.
* A draft never given a date floats; WordPress reports its last save as its date: it reads as None.
* Term names come back HTML-escaped ("Fish &amp; Chips"); unknown category names are dropped by
  metaWeblog.newPost, so missing categories are created first; tags are created by mt_keywords.
* metaWeblog.getPost tells neither a post from a page nor anything from a post in the trash except by
  its status: `kind` is taken as given, and "trash" reads as gone.
"""

from __future__ import annotations

import html
import xmlrpc.client
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any, ClassVar

from editor.backends.base import (
    AuthenticationError,
    BadResponseError,
    Capability,
    ClosesWhenDone,
    ConflictError,
    Credentials,
    CredentialsRejectedError,
    MediaItem,
    NotFoundError,
    PermanentError,
    RemotePost,
    RemoteStatus,
    SignIn,
    SiteInfo,
    Term,
)
from editor.backends.http import as_utc
from editor.backends.metaweblog_comments import MetaWeblogComments
from editor.backends.metaweblog_rpc import AUTH, XmlRpc, to_datetime

KINDS = ("post", "page")
_FLOATING = (RemoteStatus.DRAFT, RemoteStatus.PENDING)  # statuses whose date may float
# wp.getPages names some fields its own way; these are their metaWeblog.getPost names.
_PAGE_FIELDS = {"page_id": "postid", "page_status": "post_status", "excerpt": "mt_excerpt", "text_more": "mt_text_more"}
SCHEDULED_AHEAD = timedelta(minutes=1)  # WordPress schedules a published post only if dated this far ahead


class MetaWeblogBackend(MetaWeblogComments, ClosesWhenDone):
    """A MetaWeblog blog over XML-RPC, with WordPress's extensions where the blog has them; comments come
    from `MetaWeblogComments`, on the same connection."""

    name: ClassVar[str] = "metaweblog"
    label: ClassVar[str] = "MetaWeblog (XML-RPC)"
    # What WordPress's XML-RPC gives; PAGES, TAGS' list, FEATURED_IMAGE, COMMENTS and MODERATION need its wp.*
    # methods, and raise a PermanentError on a blog without them.
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
        }
    )
    sign_in: ClassVar[SignIn] = SignIn(
        user="User name",
        secret="Password",
        secret_hint="the blog's password; on WordPress an application password works too",
    )
    list_limit: ClassVar[int] = 10_000  # MetaWeblog lists have no paging: the newest this many

    def __init__(self, credentials: Credentials, *, timeout: float = 30.0) -> None:
        self._credentials = credentials
        self._rpc = XmlRpc(credentials, timeout=timeout)
        self._terms: dict[str, list[Term]] = {}  # kind → every term, filled on first use

    def close(self) -> None:
        """Release connections."""
        self._rpc.close()

    @property
    def api_root(self) -> str:
        """The XML-RPC endpoint with the blog's id in its fragment, discovered on first use when not known."""
        return self._rpc.api_root

    # -- discovery and sign-in ---------------------------------------------------------------------
    def discover(self) -> str:
        """Find the endpoint from the site address: RSD (`<link rel="EditURI">`), else /xmlrpc.php."""
        return self._rpc.discover()

    def verify(self) -> SiteInfo:
        """Sign in and read the blog's name. CredentialsRejectedError when the blog refuses the password;
        PermanentError when the user may sign in but not write posts (a subscriber)."""
        blogs, blog_id = self._rpc.users_blogs(), self._rpc.blog_id
        blog = next((b for b in blogs if str(b.get("blogid")) == blog_id), None)
        if blog is None:
            raise PermanentError(f"{self._credentials.username} may not write to that blog at {self._rpc.host}.")
        try:
            self._rpc.call("metaWeblog.getRecentPosts", blog_id, AUTH, 1)
        except CredentialsRejectedError:
            raise
        except AuthenticationError as exc:  # WordPress: a 401 fault, "not allowed to edit posts"
            raise PermanentError(
                f"{self._credentials.username} may sign in to {self._rpc.host} but not write posts there; "
                "that needs the Author role or higher."
            ) from exc
        user_name = user_login = self._credentials.username
        if self._rpc.offers("wp.getProfile"):
            profile = self._rpc.call("wp.getProfile", blog_id, AUTH, ["display_name", "username"])
            if isinstance(profile, dict):
                user_name = str(profile.get("display_name") or user_name)
                user_login = str(profile.get("username") or user_login)
        return SiteInfo(
            name=html.unescape(str(blog.get("blogName") or "")),
            url=str(blog.get("url") or self._credentials.base_url),
            api_root=self.api_root,
            user_name=user_name,
            user_login=user_login,
        )

    # -- posts and pages ---------------------------------------------------------------------------
    def _need(self, method: str, what: str) -> None:
        if not self._rpc.offers(method):
            raise PermanentError(f"{self._rpc.host} does not offer {what} over XML-RPC (it lacks {method}).")

    def _struct(self, post: RemotePost, *, update: bool) -> dict[str, Any]:
        """The metaWeblog struct for a post: replaces every field Longhand knows, except an empty slug."""
        if post.kind not in KINDS:
            raise PermanentError(f"A MetaWeblog blog has no {post.kind!r} (only posts and pages).")
        # FUTURE is "publish" with a date ahead: what MetaWeblog and WordPress both understand.
        status = RemoteStatus.PUBLISH if post.status == RemoteStatus.FUTURE else post.status
        struct: dict[str, Any] = {
            "title": post.title,
            "description": post.content,
            "mt_excerpt": post.excerpt,
            f"{post.kind}_status": str(status),
        }
        if post.kind == "page":
            self._need("wp.getPages", "pages")
            struct["post_type"] = "page"
        else:
            struct["categories"] = self._category_names(post.categories)
            struct["mt_keywords"] = ", ".join(t.strip() for t in post.tags if t.strip())
        if post.slug:  # empty: keep the blog's slug (new posts: made from the title), so links stay valid
            struct["wp_slug"] = post.slug
        if post.date_gmt is not None:  # naive UTC: what XML-RPC's dateTime carries
            struct["date_created_gmt"] = struct["dateCreated"] = as_utc(post.date_gmt).replace(tzinfo=None)
        if post.featured_media:
            self._need("wp.getMediaItem", "featured images")
            if not str(post.featured_media).isdigit():
                raise PermanentError(f"{post.featured_media!r} is not a WordPress media id.")
            struct["wp_post_thumbnail"] = int(post.featured_media)
        elif update:
            struct["wp_post_thumbnail"] = ""  # empty removes it; on a new post WordPress would refuse it
        return struct

    def _to_remote(self, data: Any, kind: str) -> RemotePost:
        if not isinstance(data, dict):
            raise BadResponseError(f"{self._rpc.host} answered with a post Longhand does not understand.")
        data = {_PAGE_FIELDS.get(key, key): value for key, value in data.items()}
        word = str(data.get("post_status") or "publish")
        status = RemoteStatus(word) if word in set(RemoteStatus) else RemoteStatus.DRAFT  # a plugin's own: not public
        date = to_datetime(data.get("date_created_gmt")) or to_datetime(data.get("dateCreated"))
        modified = to_datetime(data.get("date_modified_gmt"))
        if status == RemoteStatus.PUBLISH and date and date > datetime.now(timezone.utc) + SCHEDULED_AHEAD:
            status = RemoteStatus.FUTURE  # WordPress reports scheduled posts as published
        if status in _FLOATING and date and modified and abs((date - modified).total_seconds()) <= 1:
            date = None  # sent back, the last save's time would pin the draft's date
        content = str(data.get("description") or "")
        if data.get("mt_text_more") or data.get("wp_more_text"):
            more = f" {data['wp_more_text']}" if data.get("wp_more_text") else ""
            content += f"<!--more{more}-->" + str(data.get("mt_text_more") or "")
        if not data.get("postid"):
            raise BadResponseError(f"{self._rpc.host} answered with a post Longhand does not understand.")
        return RemotePost(
            title=str(data.get("title") or ""),
            content=content,
            slug=str(data.get("wp_slug") or ""),
            excerpt=str(data.get("mt_excerpt") or ""),
            status=status,
            date_gmt=date,
            categories=[html.unescape(str(c)) for c in data.get("categories") or []] if kind == "post" else [],
            tags=[html.unescape(t.strip()) for t in str(data.get("mt_keywords") or "").split(",") if t.strip()],
            featured_media=str(data["wp_post_thumbnail"]) if data.get("wp_post_thumbnail") else None,
            kind=kind,
            id=str(data["postid"]),
            link=str(data.get("permaLink") or data.get("link") or "") or None,
            modified_gmt=modified,
        )

    def _fetch(self, remote_id: str) -> dict[str, Any]:
        """metaWeblog.getPost's struct (posts and pages alike)."""
        data = self._rpc.call("metaWeblog.getPost", str(remote_id), AUTH)
        if not isinstance(data, dict):
            raise BadResponseError(f"{self._rpc.host} answered with a post Longhand does not understand.")
        return data

    def list_posts(self, *, kind: str = "post", modified_after: datetime | None = None) -> Iterator[RemotePost]:
        """Every post (or page) the user may edit, newest first, trashed ones left out: the newest
        `list_limit`, since MetaWeblog has no paging. Pages (wp.getPages) carry no modification time, so
        `modified_after` leaves none of them out."""
        if kind == "page":
            self._need("wp.getPages", "pages")
            items = self._rpc.call("wp.getPages", self._rpc.blog_id, AUTH, self.list_limit)
        elif kind == "post":
            items = self._rpc.call("metaWeblog.getRecentPosts", self._rpc.blog_id, AUTH, self.list_limit)
        else:
            raise PermanentError(f"A MetaWeblog blog has no {kind!r} (only posts and pages).")
        if not isinstance(items, list):
            raise BadResponseError(f"{self._rpc.host} answered with data Longhand does not understand.")
        posts: dict[str, RemotePost] = {}
        for item in items:
            post = self._to_remote(item, kind)
            if modified_after is None or post.modified_gmt is None or post.modified_gmt >= as_utc(modified_after):
                posts.setdefault(post.id or "", post)
        never = datetime.min.replace(tzinfo=timezone.utc)
        return iter(
            sorted(posts.values(), reverse=True, key=lambda p: (p.date_gmt or p.modified_gmt or never, p.id or ""))
        )

    def get_post(self, remote_id: str, *, kind: str = "post") -> RemotePost:
        """One post with its content. A post in the blog's trash counts as gone: NotFoundError."""
        data = self._fetch(remote_id)
        if data.get("post_status") == "trash":
            raise NotFoundError(f"The {kind} {remote_id} is in the blog's trash.")
        return self._to_remote(data, kind)

    def create_post(self, post: RemotePost) -> RemotePost:
        """Create, then read back (metaWeblog.newPost answers only the new id)."""
        struct = self._struct(post, update=False)
        publish = post.status in (RemoteStatus.PUBLISH, RemoteStatus.FUTURE)
        new_id = self._rpc.call("metaWeblog.newPost", self._rpc.blog_id, AUTH, struct, publish)
        if not str(new_id or "").strip():
            raise BadResponseError(f"{self._rpc.host} answered the new post with data Longhand does not understand.")
        return self.get_post(str(new_id), kind=post.kind)

    def update_post(self, post: RemotePost, *, last_seen_modified: datetime | None) -> RemotePost:
        """Replace a post. MetaWeblog has no conditional update, so the check is a read (of the post's
        date_modified) just before the write: a change landing between the two is missed, and changes are
        seen at the blog's one-second resolution."""
        if post.id is None:
            raise PermanentError("This post is not on the blog yet, so it cannot be updated.")
        struct = self._struct(post, update=True)
        if last_seen_modified is not None:
            current = self.get_post(post.id, kind=post.kind)
            if current.modified_gmt is None:
                raise PermanentError(
                    f"{self._rpc.host} does not tell when a post last changed, so Longhand cannot check that "
                    "nobody changed it on the blog; publish again choosing to overwrite."
                )
            if current.modified_gmt > as_utc(last_seen_modified):
                raise ConflictError(
                    f"“{current.title}” was changed on the blog after Longhand last saw it; nothing was overwritten.",
                    remote=current,
                )
        publish = post.status in (RemoteStatus.PUBLISH, RemoteStatus.FUTURE)
        self._rpc.call("metaWeblog.editPost", str(post.id), AUTH, struct, publish)
        return self.get_post(post.id, kind=post.kind)

    def delete_post(self, remote_id: str, *, kind: str = "post") -> None:
        """Move to the trash; already there counts as done. (WordPress deletes a trashed post for good when
        asked again: hence the look first.)"""
        if self._fetch(remote_id).get("post_status") == "trash":
            return
        if kind == "page":
            self._rpc.call("wp.deletePage", self._rpc.blog_id, AUTH, str(remote_id))
        else:
            self._rpc.call("blogger.deletePost", "", str(remote_id), AUTH, False)

    # -- media and terms ---------------------------------------------------------------------------
    def upload_media(self, filename: str, data: bytes, mime_type: str) -> MediaItem:
        """metaWeblog.newMediaObject; WordPress answers the attachment's id, other blogs only its address
        (which then serves as the id)."""
        file = {"name": filename, "type": mime_type or "application/octet-stream", "bits": xmlrpc.client.Binary(data)}
        item = self._rpc.call("metaWeblog.newMediaObject", self._rpc.blog_id, AUTH, file)
        if not isinstance(item, dict) or not item.get("url"):
            raise BadResponseError(f"{self._rpc.host} answered the upload with data Longhand does not understand.")
        return MediaItem(id=str(item.get("id") or item["url"]), url=str(item["url"]), mime_type=item.get("type") or "")

    def find_media(self, filename: str, sha256: str) -> MediaItem | None:
        """Looks for the upload among the attachments whose title holds the name's hash (WordPress titles an
        upload with its file name), and matches on the stored file's name. A blog without WordPress's
        media library cannot be searched: None (the file is then uploaded again)."""
        stem = filename.rsplit(".", 1)[0]
        token = next((part for part in reversed(stem.split("-")) if part and sha256.startswith(part)), "")
        if len(token) < 8 or not self._rpc.offers("wp.getMediaItem"):  # a name Longhand did not make
            return None
        query = {"post_type": "attachment", "post_status": "inherit", "s": token, "number": 20}
        found = self._rpc.call("wp.getPosts", self._rpc.blog_id, AUTH, query, ["post_id"])
        for hit in found if isinstance(found, list) else []:
            if not isinstance(hit, dict) or not str(hit.get("post_id") or "").isdigit():
                continue
            item = self._rpc.call("wp.getMediaItem", self._rpc.blog_id, AUTH, str(hit["post_id"]))
            url = str(item.get("link") or "") if isinstance(item, dict) else ""
            if token in url.rsplit("/", 1)[-1]:
                return MediaItem(id=str(hit["post_id"]), url=url, mime_type=str(item.get("type") or ""))
        return None

    def list_terms(self, kind: str) -> list[Term]:
        """All categories (mt.getCategoryList) or tags (wp.getTerms: WordPress's list of tags hides unused ones)."""
        if kind == "category":
            items = self._rpc.call("mt.getCategoryList", self._rpc.blog_id, AUTH)
            id_key, name_key = "categoryId", "categoryName"
        elif kind == "tag":
            items = self._rpc.call("wp.getTerms", self._rpc.blog_id, AUTH, "post_tag", {"hide_empty": False})
            id_key, name_key = "term_id", "name"
        else:
            raise PermanentError(f"A MetaWeblog blog has no {kind!r} (only categories and tags).")
        try:
            terms = [Term(id=str(i[id_key]), name=html.unescape(str(i[name_key])), kind=kind) for i in items]
        except (KeyError, TypeError) as exc:
            raise BadResponseError(f"{self._rpc.host} answered with a {kind} Longhand does not understand.") from exc
        self._terms[kind] = terms
        return list(terms)

    def create_term(self, kind: str, name: str) -> Term:
        """Create a category (wp.newCategory, which answers an existing one's id) or a tag (wp.newTerm,
        which refuses an existing one: then it is looked up)."""
        name = name.strip()
        if not name:
            raise PermanentError(f"A {kind} needs a name.")
        if kind == "category":
            struct = {"name": name, "slug": "", "parent_id": 0, "description": ""}
            new_id = self._rpc.call("wp.newCategory", self._rpc.blog_id, AUTH, struct)
        elif kind == "tag":
            try:
                new_id = self._rpc.call("wp.newTerm", self._rpc.blog_id, AUTH, {"name": name, "taxonomy": "post_tag"})
            except PermanentError:
                existing = next((t for t in self.list_terms(kind) if t.name.casefold() == name.casefold()), None)
                if existing is None:
                    raise
                return existing
        else:
            raise PermanentError(f"A MetaWeblog blog has no {kind!r} (only categories and tags).")
        known = next((t for t in self._terms.get(kind, []) if t.id == str(new_id)), None)
        term = known or Term(id=str(new_id), name=name, kind=kind)
        if kind in self._terms and known is None:
            self._terms[kind].append(term)
        return term

    def _category_names(self, names: list[str]) -> list[str]:
        """The blog's spelling of these categories, creating those it lacks (metaWeblog drops unknown
        names). Matching ignores case, as WordPress does."""
        names = [name.strip() for name in names if name.strip()]
        if names and "category" not in self._terms:
            self.list_terms("category")
        by_name = {term.name.casefold(): term for term in self._terms.get("category", [])}
        out: list[str] = []
        for name in names:
            term = by_name.get(name.casefold()) or self.create_term("category", name)
            by_name[name.casefold()] = term
            if term.name not in out:
                out.append(term.name)
        return out
