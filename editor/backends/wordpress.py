"""WordPress through its REST API (wp/v2), signed in with an application password over basic auth.

Works with both forms of the API root: `https://example.org/wp-json/` (pretty permalinks) and
`https://example.org/?rest_route=/` (plain permalinks, or a server without rewrite rules).
Every failure becomes one error of `editor.backends.base`, worded for the author, without secrets
(the mapping common to HTTP blog APIs is in `editor.backends.http`).
"""

from __future__ import annotations

import base64
import html
import json
import logging
from collections.abc import Iterator, Mapping
from datetime import datetime, timezone
from typing import Any, ClassVar
from urllib.parse import parse_qsl, quote, quote_plus, urljoin

import httpx

from editor.backends.base import (
    BackendError, BadResponseError, Capability, ConflictError, Credentials, MediaItem, NotFoundError,
    PermanentError, RemotePost, RemoteStatus, SiteInfo, Term, TransientError, require_safe_transport,
)
from editor.backends.http import (
    USER_AGENT, as_utc, content_disposition, decode_json, json_or_empty, scrub, status_error, transport_error,
)
from editor.backends.wordpress_comments import WordPressComments

log = logging.getLogger(__name__)

API_REL = "https://api.w.org/"
# Everything an author may still edit ("any" would do too, but hides which statuses we mean).
LISTED_STATUSES = "publish,future,draft,pending,private"
_POSTS = {"post": "posts", "page": "pages"}
_TERMS = {"category": "categories", "tag": "tags"}
# WordPress error codes that mean "this request is wrong", whatever HTTP status came with them.
REFUSALS = frozenset({"rest_invalid_param", "rest_missing_callback_param", "rest_invalid_json"})
_FLOATING = (RemoteStatus.DRAFT, RemoteStatus.PENDING)  # statuses whose date may float (see _to_remote)


def build_url(api_root: str, route: str, params: Mapping[str, Any] | None = None) -> httpx.URL:
    """The address of `route` ("wp/v2/posts") under an API root of either form, with `params`.

    With `?rest_route=/` the route goes inside that parameter, not onto the path, and the other
    parameters join the root's own query instead of starting a second one."""
    root = httpx.URL(api_root)
    query = parse_qsl(root.query.decode("ascii"), keep_blank_values=True)
    route = route.strip("/")
    if any(key == "rest_route" for key, _ in query):
        if route:
            query = [(k, v.rstrip("/") + "/" + route if k == "rest_route" else v) for k, v in query]
    elif route:
        root = root.copy_with(path=root.path.rstrip("/") + "/" + route)
    return root.copy_with(params=query + [(key, str(value)) for key, value in (params or {}).items()])


def _from_gmt(value: str | None) -> datetime | None:
    """WordPress's *_gmt fields are naive GMT ("2024-05-01T12:00:00")."""
    return as_utc(datetime.fromisoformat(value)) if value else None


def _raw(field: Any) -> str:
    """The stored text of a rendered field (`raw` comes with context=edit)."""
    return (field.get("raw", html.unescape(field.get("rendered", ""))) if isinstance(field, dict) else field) or ""


class WordPressBackend(WordPressComments):
    """A WordPress site (the REST API with application passwords: WordPress 5.6 or later)."""

    name: ClassVar[str] = "wordpress"
    label: ClassVar[str] = "WordPress"
    capabilities: ClassVar[frozenset[Capability]] = frozenset({
        Capability.POSTS, Capability.PAGES, Capability.MEDIA, Capability.CATEGORIES, Capability.TAGS,
        Capability.SCHEDULING, Capability.FEATURED_IMAGE, Capability.CONFLICT_DETECTION,
        Capability.COMMENTS, Capability.MODERATION,
    })
    page_size: int = 100  # WordPress's largest per_page

    def __init__(self, credentials: Credentials, *, timeout: float = 30.0) -> None:
        self._credentials, self._timeout = credentials, timeout
        self._site, self._api_root = credentials.base_url.strip(), credentials.api_root.strip()
        self._index: dict | None = None  # the API root's answer (site name, namespaces)
        self._terms: dict[str, list[Term]] = {}  # kind → every term, filled on first use
        self._unknown_terms: set[tuple[str, str]] = set()  # ids still unknown after a refresh
        self._auth = httpx.BasicAuth(credentials.username, credentials.secret)
        # Forms of the secret no message may hold: as typed, without the spaces WordPress shows it
        # with, and base64-encoded as in the Authorization header.
        token = base64.b64encode(f"{credentials.username}:{credentials.secret}".encode()).decode()
        forms = (credentials.secret, credentials.secret.replace(" ", ""))
        # Also as a broken server might echo them: URL- or form-encoded, or JSON-escaped.
        escaped = {encoded for f in forms for encoded in (quote(f, safe=""), quote_plus(f), json.dumps(f)[1:-1])}
        self._secrets = {s for s in (*forms, *escaped, token) if s}
        self._client = httpx.Client(timeout=timeout, headers={"User-Agent": USER_AGENT})

    def close(self) -> None:
        """Release connections."""
        self._client.close()

    def __enter__(self) -> WordPressBackend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def api_root(self) -> str:
        """The REST API root, discovered on first use when the credentials had none."""
        if not self._api_root:
            self.discover()
        return self._api_root

    # -- transport and errors, in one place --------------------------------------------------------
    def _send(self, method: str, url: str | httpx.URL, *, auth: bool = True, **kwargs: Any) -> httpx.Response:
        """One request; transport failures become BackendErrors. Credentials travel only in the
        Authorization header (never in a URL, so no URL in a message or log holds them), only over
        https or to this machine, and never through a redirect (only discovery, unsigned, follows)."""
        url = httpx.URL(url)
        if auth:
            require_safe_transport(str(url))
        log.debug("%s %s", method, url)
        try:
            return self._client.request(method, url, auth=self._auth if auth else None, follow_redirects=not auth,
                                        **kwargs)
        except (httpx.TransportError, httpx.InvalidURL) as exc:
            raise transport_error(exc, url, self._timeout) from exc

    def _check(self, response: httpx.Response, *, signing_in: bool = False) -> Any:
        """The JSON of a successful answer; any other answer raises the matching BackendError.
        `signing_in`: a 403 too means the password was refused (not a missing permission)."""
        if 200 <= response.status_code < 300:
            return decode_json(response)
        data = json_or_empty(response)  # WordPress's errors: {"code", "message", "data"}
        refused = (f"WordPress did not accept the user name or application password for {response.url.host}. "
                   "Longhand needs an application password (made in WordPress under Users → Profile → "
                   "Application Passwords), not the password you sign in with.")
        if data.get("code") == "rest_not_logged_in":  # WordPress's answer to a wrong password, and to no header
            refused += " If both are right, the site's web server may be dropping the Authorization header."
        code = str(data.get("code") or "")
        if code.startswith("rest_upload_") or code in REFUSALS:
            # WordPress refused what was sent (a file type it does not take, a bad value), sometimes
            # with a 500: sending the same thing again will get the same answer.
            said = scrub(data.get("message"), self._secrets) or code
            raise PermanentError(f"{response.url.host} refused the request: {said}")
        raise status_error(response, said=scrub(data.get("message"), self._secrets),
                           username=self._credentials.username, refused=refused, signing_in=signing_in)

    def _api(self, method: str, route: str, params: Mapping[str, Any] | None = None, **kwargs: Any) -> Any:
        return self._check(self._send(method, build_url(self.api_root, route, params), **kwargs))

    def _pages(self, route: str, params: Mapping[str, Any]) -> Iterator[dict]:
        """Every item of a collection, page by page (X-WP-TotalPages)."""
        page = 1
        while True:
            paged = {**params, "per_page": self.page_size, "page": page}
            response = self._send("GET", build_url(self.api_root, route, paged))
            if page > 1 and json_or_empty(response).get("code") == "rest_post_invalid_page_number":
                return  # posts went away while we paged: the rest was already seen
            items = self._check(response)
            if not isinstance(items, list):
                raise BadResponseError(f"{response.url.host} answered with data Longhand does not understand.")
            yield from items
            total = response.headers.get("x-wp-totalpages", "1")
            if not items or not total.isdigit() or page >= int(total):
                return
            page += 1

    # -- discovery and sign-in ---------------------------------------------------------------------
    def discover(self) -> str:
        """Find the API root from the site address: the `Link: rel="https://api.w.org/"` header of
        the site's pages, else `?rest_route=/`, which WordPress answers whatever its permalinks."""
        require_safe_transport(self._site)  # before anything is sent: what follows carries the password
        home = self._send("GET", self._site, auth=False)
        start = home.url.copy_with(query=None, fragment=None)
        candidates = []
        if link := home.links.get(API_REL, {}).get("url"):
            found = httpx.URL(urljoin(str(home.url), link))
            if start.scheme == "https" and found.scheme == "http" and found.host == start.host:
                found = found.copy_with(scheme="https")  # a site behind a TLS proxy that thinks it is http
            candidates.append(str(found))
        for base in (start, start.copy_with(path="/")):  # the address given, then the site's root
            candidates.append(str(base).rstrip("/") + "/?rest_route=/")
        wordpress_seen, transient = bool(link), None
        for candidate in dict.fromkeys(candidates):
            response = self._send("GET", candidate, auth=False)
            if response.status_code in (401, 403):  # some plugins close the REST API to visitors only
                response = self._send("GET", candidate)
            try:
                index = self._check(response)
            except BadResponseError:  # a web page: not WordPress's API
                continue
            except TransientError as exc:
                transient = exc
                continue
            except BackendError:  # WordPress's errors are JSON with a code, e.g. rest_disabled
                wordpress_seen |= bool(json_or_empty(response).get("code"))
                continue
            namespaces = index.get("namespaces") if isinstance(index, dict) else None
            if isinstance(namespaces, list) and "wp/v2" in namespaces:
                self._api_root, self._index = candidate, index
                return candidate
            wordpress_seen |= isinstance(namespaces, list)
        if transient is not None:
            raise transient
        if wordpress_seen:
            raise PermanentError(f"{start.host} runs WordPress, but the WordPress REST API is turned off on this "
                                 "site; Longhand needs it (a security plugin may have turned it off).")
        raise PermanentError(f"{self._site} is not a WordPress site: Longhand found no WordPress REST API there.")

    def verify(self) -> SiteInfo:
        """Sign in and read the site's name. AuthenticationError when WordPress refuses the password;
        PermanentError when the user may sign in but not write posts (a subscriber)."""
        api_root = self.api_root  # discovery, when needed, also reads the index
        if self._index is None:
            self._index = self._check(self._send("GET", api_root))
        response = self._send("GET", build_url(api_root, "wp/v2/users/me", {"context": "edit"}))
        me, index, host = self._check(response, signing_in=True), self._index, response.url.host
        if not isinstance(me, dict) or not isinstance(index, dict):
            raise BadResponseError(f"{host} answered with data Longhand does not understand.")
        capabilities = me.get("capabilities")  # only what the role grants
        if isinstance(capabilities, dict) and not capabilities.get("edit_posts"):
            raise PermanentError(f"{me.get('name') or self._credentials.username} may sign in to {host} but not "
                                 "write posts there; that needs the Author role or higher.")
        return SiteInfo(name=html.unescape(index.get("name", "")),  # WordPress keeps the name HTML-escaped
                        url=index.get("home") or index.get("url") or self._site, api_root=api_root,
                        user_name=me.get("name", ""))

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
        body: dict[str, Any] = {"title": post.title, "content": post.content, "excerpt": post.excerpt,
                                "status": str(post.status), "featured_media": int(post.featured_media or 0)}
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
            modified, date = _from_gmt(data.get("modified_gmt")), _from_gmt(data.get("date_gmt"))
            # A draft never given a date floats (takes the time it is published) and WordPress reports
            # its last save as its date. Sent back, that would pin it: so it reads as None.
            if status in _FLOATING and date and modified and abs((date - modified).total_seconds()) <= 1:
                date = None
            return RemotePost(
                title=_raw(data.get("title")), content=_raw(data.get("content")), slug=data.get("slug") or "",
                excerpt=_raw(data.get("excerpt")), status=status, date_gmt=date,
                categories=self._term_names("category", data.get("categories") or []),
                tags=self._term_names("tag", data.get("tags") or []),
                featured_media=str(data["featured_media"]) if data.get("featured_media") else None,
                kind=kind, id=str(data["id"]), link=data.get("link"), modified_gmt=modified,
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
        for item in self._pages(self._route(kind), params):
            post = self._to_remote(item, kind)
            posts.setdefault(post.id or "", post)  # one made while we paged shifts the rest by one
        never = datetime.min.replace(tzinfo=timezone.utc)
        return iter(sorted(posts.values(), reverse=True,
                           key=lambda p: (p.date_gmt or p.modified_gmt or never, int(p.id or 0))))

    def get_post(self, remote_id: str, *, kind: str = "post") -> RemotePost:
        """One post with its raw content. A post in WordPress's trash counts as gone: NotFoundError."""
        data = self._api("GET", self._route(kind, remote_id), {"context": "edit"})
        if isinstance(data, dict) and data.get("status") == "trash":
            raise NotFoundError(f"The {kind} {remote_id} is in the blog's trash.")
        return self._to_remote(data, kind)

    def create_post(self, post: RemotePost) -> RemotePost:
        return self._to_remote(self._api("POST", self._route(post.kind), json=self._post_body(post)), post.kind)

    def update_post(self, post: RemotePost, *, last_seen_modified: datetime | None) -> RemotePost:
        """Replace a post. WordPress has no conditional update, so the check is a read just before the
        write (a change landing between the two is missed), at WordPress's one-second resolution."""
        if post.id is None:
            raise PermanentError("This post is not on the blog yet, so it cannot be updated.")
        if last_seen_modified is not None:
            current = self.get_post(post.id, kind=post.kind)
            if current.modified_gmt is not None and current.modified_gmt > as_utc(last_seen_modified):
                raise ConflictError(f"“{current.title}” was changed on the blog after Longhand last saw it; "
                                    "nothing was overwritten.", remote=current)
        data = self._api("POST", self._route(post.kind, post.id), json=self._post_body(post))
        return self._to_remote(data, post.kind)

    def delete_post(self, remote_id: str, *, kind: str = "post") -> None:
        """Move to the trash (no `force`, so it can be restored); already there counts as done."""
        response = self._send("DELETE", build_url(self.api_root, self._route(kind, remote_id)))
        if response.status_code == 410 and json_or_empty(response).get("code") == "rest_already_trashed":
            return
        self._check(response)

    # -- media and terms ---------------------------------------------------------------------------
    def upload_media(self, filename: str, data: bytes, mime_type: str) -> MediaItem:
        headers = {"Content-Type": mime_type or "application/octet-stream",
                   "Content-Disposition": content_disposition(filename)}
        item = self._api("POST", "wp/v2/media", content=data, headers=headers)
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
        for item in self._pages("wp/v2/media", params):
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
        items = self._pages(self._route(kind, endpoints=_TERMS), {"context": "view", "_fields": "id,name"})
        self._terms[kind] = [self._term(item, kind) for item in items]
        return list(self._terms[kind])

    def create_term(self, kind: str, name: str) -> Term:
        """Create a category or tag; one that exists already (WordPress's `term_exists`) is returned."""
        route, name = self._route(kind, endpoints=_TERMS), name.strip()
        if not name:
            raise PermanentError(f"A {kind} needs a name.")
        response = self._send("POST", build_url(self.api_root, route), json={"name": name})
        error = json_or_empty(response) if response.status_code == 400 else {}
        existing = (error.get("data") or {}).get("term_id") if error.get("code") == "term_exists" else None
        term = self._term(self._api("GET", f"{route}/{int(existing)}") if existing else self._check(response), kind)
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
