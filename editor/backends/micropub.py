"""Micropub (the W3C Recommendation of 2017): IndieWeb sites, which take posts at an endpoint their home page
names, signed with an access token (from the site's IndieAuth token page) kept in the keyring.

What Longhand's posts become: an h-entry with `name` (title), `content` as `{"html": …}`, `summary`
(excerpt), `category` (tags; a draft's categories join them, since Micropub has one list), `photo` (the
featured image: the post's main picture in microformats), `mp-slug` (asked for once, at creation), and
`post-status` (draft or published, the stable extension). A post's remote id is its address: the Location of
the create. Reading uses `q=source`, one post by address or the list (with `limit`, and `offset` or the
server's `after` cursor); times come from `published` and `updated`.

Creation is JSON (the only syntax that carries HTML); a server that answers 415 to it, as one that takes only
the form-encoded syntax the specification requires may, gets the form-encoded syntax from then on. Updates
are JSON (`action=update` with `replace`, `add` and `delete`), deletes form-encoded, as the specification has
them. Uploads go to the media endpoint (q=config's `media-endpoint`) as multipart `file`.

What depends on the server, so is checked when used rather than declared for every Micropub blog:
- private posts: only where q=config lists `private` among its `visibility` values; else PermanentError.
- scheduled posts: Micropub has none (a future `published` is shown at once by many servers): refused.
- finding a lost upload (`find_media`): only where the media endpoint answers `q=source` (an extension,
  which django-indieweb offers through its host): by the content hash in the name, else by comparing the
  newest files' contents. Elsewhere a file whose upload answer was lost is uploaded again (a second copy
  in the blog's files, never a second post).
- a conflicting edit is noticed when the server reports `updated` in q=source; a server that does not
  cannot tell, and the edit goes through. Hence no CONFLICT_DETECTION among the capabilities.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any, ClassVar
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from editor.backends.base import (
    BackendError,
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
from editor.backends.http import as_utc
from editor.backends.micropub_client import (
    MicropubClient,
    as_dict,
    as_list,
    content_html,
    first_text,
    form_fields,
    is_deleted,
    mf2_time,
    strings_in,
)

_KEPT_WHEN_EMPTY = ("summary", "category", "photo")  # properties an update deletes when the post has none
_MIN_HASH = 8  # hex digits of the content hash a name must carry for find_media to match on it
_RECENT = 10  # the newest uploads whose files find_media compares, when no name carries the hash


class MicropubBackend(ClosesWhenDone):
    """A site with a Micropub endpoint, signed in with an access token."""

    name: ClassVar[str] = "micropub"
    label: ClassVar[str] = "Micropub (IndieWeb)"
    capabilities: ClassVar[frozenset[Capability]] = frozenset(
        {Capability.POSTS, Capability.TAGS, Capability.MEDIA, Capability.FEATURED_IMAGE}
    )
    sign_in: ClassVar[SignIn] = SignIn(
        address="Site address",
        user=None,
        secret="Access token",
        secret_hint="made on your site's token page (IndieAuth), with the create, update, delete and media scopes",
    )
    page_size: int = 100  # items asked for per q=source request

    def __init__(self, credentials: Credentials, *, timeout: float = 30.0) -> None:
        self._client = MicropubClient(credentials.base_url, credentials.api_root, credentials.secret, timeout=timeout)
        self._form_only = False  # the server refused JSON creates (415)

    def close(self) -> None:
        """Release connections."""
        self._client.close()

    @property
    def api_root(self) -> str:
        """The Micropub endpoint, discovered on first use when the credentials had none."""
        return self._client.endpoint

    @property
    def host(self) -> str:
        """The Micropub endpoint's host, for sentences."""
        return httpx.URL(self.api_root).host

    # -- discovery and sign-in ---------------------------------------------------------------------
    def discover(self) -> str:
        """Find the Micropub endpoint from the site's home page (`rel="micropub"`, as a Link header or a
        `<link>`); returns it."""
        return self._client.discover()

    def verify(self) -> SiteInfo:
        """Sign in (q=config) and check the token may read posts back (q=source, which Longhand needs to
        edit them). AuthenticationError when the server refuses the token."""
        endpoint = self.api_root
        if not self._client.site_name:
            try:
                self._client.read_site()
            except BackendError:
                pass  # the page only gives the site's name; the endpoint is known
        self._client.config()
        probe = self._client.send("GET", endpoint, params={"q": "source", "limit": 1})
        if probe.status_code in (401, 403):
            raise self._client.error(probe)
        return SiteInfo(name=self._client.site_name or self.host, url=self._client.site, api_root=endpoint)

    # -- posts -------------------------------------------------------------------------------------
    @staticmethod
    def _check_kind(kind: str) -> None:
        if kind != "post":
            raise PermanentError(f"Micropub blogs have posts but no {kind}s.")

    @staticmethod
    def _post_url(remote_id: str) -> str:
        if urlsplit(str(remote_id)).scheme not in ("http", "https"):  # ids are addresses; nothing else goes out
            raise NotFoundError(f"{remote_id!r} is not the address of a post.")
        return str(remote_id)

    def _status(self, status: RemoteStatus) -> dict[str, list[str]]:
        """post-status (and visibility, where the server has it) for a status; PermanentError for one the
        server cannot keep."""
        if status is RemoteStatus.FUTURE:
            raise PermanentError(
                "Micropub has no scheduled posts (many servers would show the post at once); publish it when "
                "its time comes, or keep it as a draft."
            )
        config = self._client.config()
        visibilities, statuses = as_list(config.get("visibility")), as_list(config.get("post-status"))
        if status is RemoteStatus.PRIVATE:
            if "private" not in visibilities:
                raise PermanentError(
                    f"{self.host} cannot keep a post private over Micropub (it offers no private visibility); "
                    "publish it as a draft instead."
                )
            return {"post-status": ["published"], "visibility": ["private"]}
        # A post waiting for review has no Micropub status: a draft is the one that stays off the site.
        wanted = "published" if status is RemoteStatus.PUBLISH else "draft"
        if statuses and wanted not in statuses:
            raise PermanentError(f"{self.host} does not take {wanted} posts over Micropub.")
        return {
            "post-status": [wanted],
            **({"visibility": ["public"]} if visibilities and wanted == "published" else {}),
        }

    def _properties(self, post: RemotePost, *, creating: bool) -> dict[str, list[Any]]:
        """The h-entry properties for a post: every field Longhand knows (the slug only when creating)."""
        self._check_kind(post.kind)
        props: dict[str, list[Any]] = {
            "name": [post.title],
            "content": [{"html": post.content}],
            **self._status(post.status),
        }
        if post.excerpt:
            props["summary"] = [post.excerpt]
        if tags := list(dict.fromkeys(t.strip() for t in [*post.tags, *post.categories] if t.strip())):
            props["category"] = tags
        if post.featured_media:
            props["photo"] = [self._post_url(post.featured_media)]  # a media item's id is its address
        if post.date_gmt is not None:
            props["published"] = [as_utc(post.date_gmt).isoformat(timespec="seconds")]
        if creating and post.slug:
            props["mp-slug"] = [post.slug]
        return props

    def _to_remote(self, data: dict[str, Any], url: str) -> RemotePost:
        props = data.get("properties")
        if not isinstance(props, dict):
            raise BadResponseError(f"{self.host} answered with a post Longhand does not understand.")
        url = first_text(props.get("url")) or url
        if not url:
            raise BadResponseError(f"{self.host} listed a post without its address.")
        state, visibility = first_text(props.get("post-status")).lower(), first_text(props.get("visibility")).lower()
        status = (
            RemoteStatus.DRAFT
            if state == "draft"
            else RemoteStatus.PRIVATE
            if visibility == "private"
            else RemoteStatus.PUBLISH
        )
        published, updated = mf2_time(props.get("published")), mf2_time(props.get("updated"))
        return RemotePost(
            title=first_text(props.get("name")),
            content=content_html(props.get("content")),
            slug=first_text(props.get("mp-slug")) or unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]),
            excerpt=first_text(props.get("summary")),
            status=status,
            date_gmt=published if status is not RemoteStatus.DRAFT else None,  # a draft's date floats
            tags=[t for t in props.get("category") or [] if isinstance(t, str)],
            featured_media=first_text(props.get("photo")) or None,
            id=url,
            link=url,
            modified_gmt=updated or published,
        )

    def list_posts(self, *, kind: str = "post", modified_after: datetime | None = None) -> Iterator[RemotePost]:
        """Every post (drafts too), newest first, from `q=source`; all pages are read first. Micropub has no
        "changed since" query: `modified_after` is applied here, to the times the server reports (a post
        without one is kept). PermanentError when the server cannot list its posts."""
        self._check_kind(kind)
        pages = self._client.source_pages(self.api_root, {}, self.page_size)
        if pages is None:
            raise PermanentError(
                f"{self.host} cannot list its posts over Micropub (q=source), which Longhand needs to download "
                "posts and to make sure a post whose answer was lost is not sent twice."
            )
        after = as_utc(modified_after) if modified_after is not None else None
        posts: dict[str, RemotePost] = {}
        for item in pages:
            kinds = item.get("type")
            if (isinstance(kinds, list) and kinds and "h-entry" not in kinds) or is_deleted(item):
                continue
            post = self._to_remote(item, "")
            if after is None or post.modified_gmt is None or post.modified_gmt >= after:
                posts.setdefault(post.id or "", post)
        never = datetime.min.replace(tzinfo=timezone.utc)
        return iter(sorted(posts.values(), key=lambda p: p.date_gmt or p.modified_gmt or never, reverse=True))

    def get_post(self, remote_id: str, *, kind: str = "post") -> RemotePost:
        """One post by its address (`q=source`); NotFoundError when the server does not know it (any more)."""
        self._check_kind(kind)
        url = self._post_url(remote_id)
        data = self._client.source(url)
        if data is None or is_deleted(data):
            raise NotFoundError(f"{self.host} has no post at {url} (any more).")
        return self._to_remote(data, url)

    def _read_back(self, url: str, sent: RemotePost) -> RemotePost:
        """The post as the server stored it; what was sent, at its address, when it cannot be read (a
        server that creates posts later, answering 202; one without q=source)."""
        try:
            return self.get_post(url)
        except BackendError:
            return dataclasses.replace(sent, id=url, link=url)

    def create_post(self, post: RemotePost) -> RemotePost:
        """Create a post (JSON; form-encoded for a server that refuses JSON); returns it as stored."""
        props = self._properties(post, creating=True)
        response = None
        if not self._form_only:
            response = self._client.send("POST", self.api_root, json={"type": ["h-entry"], "properties": props})
            self._form_only = response.status_code == 415
        if response is None or self._form_only:
            response = self._client.send("POST", self.api_root, data=form_fields(props))
        return self._read_back(self._location(response, "post"), post)

    def _location(self, response: httpx.Response, what: str) -> str:
        """The Location of a create's answer, absolute; the answer's error when it was not a success."""
        if not 200 <= response.status_code < 300:
            raise self._client.error(response)
        if not response.headers.get("location"):
            raise BadResponseError(f"{response.url.host} took the {what} but did not say where it is.")
        return urljoin(str(response.url), response.headers["location"])

    def update(
        self,
        url: str,
        *,
        replace: dict[str, list[Any]] | None = None,
        add: dict[str, list[Any]] | None = None,
        delete: list[str] | dict[str, list[Any]] | None = None,
    ) -> str:
        """One Micropub update of the post at `url`: `replace` properties' values, `add` values, `delete`
        properties (a list of names) or some of their values (names to values). Returns the post's address,
        which the server may have changed; NotFoundError when it has no post there."""
        body: dict[str, Any] = {"action": "update", "url": self._post_url(url)}
        body.update({key: value for key, value in (("replace", replace), ("add", add), ("delete", delete)) if value})
        response = self._client.send("POST", self.api_root, json=body)
        if 200 <= response.status_code < 300:
            moved = response.status_code == 201 and response.headers.get("location")
            return urljoin(str(response.url), response.headers["location"]) if moved else url
        raise self._missing_or(response, url)

    def _missing_or(self, response: httpx.Response, url: str) -> BackendError:
        """NotFoundError when a refused action's post is gone (Micropub has no error of its own for that),
        else the answer's error."""
        error = self._client.error(response)
        if response.status_code in (400, 404, 410) and self._client.source(url) is None:
            return NotFoundError(f"{self.host} has no post at {url} (any more).")
        return error

    def update_post(self, post: RemotePost, *, last_seen_modified: datetime | None) -> RemotePost:
        """Replace every field Longhand knows (the slug stays: it is the address). With `last_seen_modified`,
        the server's `updated` time is read first and a newer one is a ConflictError (a change landing
        between the read and the write is missed; a server that reports no `updated` cannot tell)."""
        if post.id is None:
            raise PermanentError("This post is not on the blog yet, so it cannot be updated.")
        url = self._post_url(post.id)
        if last_seen_modified is not None:
            current = self.get_post(url)
            if current.modified_gmt is not None and current.modified_gmt > as_utc(last_seen_modified):
                raise ConflictError(
                    f"“{current.title}” was changed on the blog after Longhand last saw it; nothing was overwritten.",
                    remote=current,
                )
        props = self._properties(post, creating=False)
        emptied = [name for name in _KEPT_WHEN_EMPTY if name not in props]
        return self._read_back(self.update(url, replace=props, delete=emptied), post)

    def delete_post(self, remote_id: str, *, kind: str = "post") -> None:
        """Delete the post (servers that keep deleted posts can undelete them); NotFoundError when it is
        already gone."""
        self._check_kind(kind)
        url = self._post_url(remote_id)
        response = self._client.send("POST", self.api_root, data={"action": "delete", "url": url})
        if not 200 <= response.status_code < 300:
            raise self._missing_or(response, url)

    # -- media and tags ----------------------------------------------------------------------------
    def upload_media(self, filename: str, data: bytes, mime_type: str) -> MediaItem:
        """Send a file to the media endpoint; its id is its address."""
        response = self._client.send(
            "POST",
            self._client.media_endpoint(),
            files={"file": (filename, data, mime_type or "application/octet-stream")},
        )
        url = self._location(response, "file")
        return MediaItem(id=url, url=url, mime_type=mime_type)

    def find_media(self, filename: str, sha256: str) -> MediaItem | None:
        """The upload of `filename`, found through the media endpoint's `q=source` list (an extension): an
        item whose address or properties carry the content hash in the name (asked for with `filter`), else
        one of the newest items whose file has that hash (a server may keep no names). None when the server
        has no such list: see the module's note."""
        stem = filename.rsplit(".", 1)[0]
        token = next((part for part in reversed(stem.split("-")) if part and sha256.startswith(part)), "")
        if len(token) < _MIN_HASH:  # a name Longhand did not make: nothing to match safely
            return None
        try:
            endpoint = self._client.media_endpoint()
        except PermanentError:
            return None  # no media endpoint: nothing was ever uploaded
        named = self._client.source_pages(endpoint, {"filter": token}, self.page_size)
        if named is None:
            return None
        for props in (as_dict(item.get("properties")) or item for item in named):
            if first_text(props.get("url")) and any(token in value for value in strings_in(props)):
                return _media_item(endpoint, props)
        newest = self._client.source_pages(endpoint, {}, _RECENT) or iter(())
        for props in itertools.islice((as_dict(item.get("properties")) or item for item in newest), _RECENT):
            url = urljoin(endpoint, first_text(props.get("url")))
            if first_text(props.get("url")) and self._client.file_hash(url) == sha256:
                return _media_item(endpoint, props)
        return None

    @staticmethod
    def _check_term_kind(kind: str) -> None:
        if kind != "tag":
            raise PermanentError("Micropub has one list of categories per post: Longhand's tags.")

    def list_terms(self, kind: str) -> list[Term]:
        """The site's tags: `q=category` where the server has it, else those its posts carry."""
        self._check_term_kind(kind)
        found = self._client.object_or_none(self._client.send("GET", self.api_root, params={"q": "category"}))
        if found is not None and isinstance(found.get("categories"), list):
            names = [first_text(name) for name in found["categories"]]
        else:
            names = [tag for post in self.list_posts() for tag in post.tags]
        return [Term(id=name, name=name, kind="tag") for name in dict.fromkeys(n for n in names if n)]

    def create_term(self, kind: str, name: str) -> Term:
        """A tag. Micropub has no way to make one on its own: it exists on the site once a post carries it,
        so nothing is sent."""
        self._check_term_kind(kind)
        if not name.strip():
            raise PermanentError("A tag needs a name.")
        return Term(id=name.strip(), name=name.strip(), kind="tag")


def _media_item(endpoint: str, props: dict[str, Any]) -> MediaItem:
    url = urljoin(endpoint, first_text(props.get("url")))
    return MediaItem(id=url, url=url, mime_type=first_text(props.get("mime-type") or props.get("mime_type")))
