"""The HTTP side of a Micropub blog (W3C Micropub, 2017): finding its endpoints, signing requests with the
access token, reading its errors into those of `editor.backends.base`, and paging its `q=source` lists.

The token travels only as `Authorization: Bearer` (never in an address or a form field, though Micropub
allows both), only over https or to this machine, and never through a redirect. Discovery reads the site's
own pages unsigned, and may follow their redirects.

Micropub servers answer errors in two shapes: the specification's JSON, `{"error": "invalid_request" |
"unauthorized" | "forbidden" | "insufficient_scope", "error_description": …}`, and, as some servers do
(django-indieweb among them), the bare code as plain text. Both are read.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator, Mapping
from datetime import datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote, quote_plus, urljoin

import httpx

from editor.backends.base import (
    AuthenticationError,
    BackendError,
    BadResponseError,
    CredentialsRejectedError,
    PermanentError,
    require_safe_transport,
)
from editor.backends.http import USER_AGENT, as_utc, decode_json, json_or_empty, scrub, status_error, transport_error

log = logging.getLogger(__name__)

MICROPUB_REL = "micropub"
MEDIA_REL = "media-endpoint"  # not in the specification (q=config says it), but some sites link it too
# What a server says when it has no such query or cannot do it: "unsupported", not "refused".
UNSUPPORTED = frozenset({400, 404, 405, 501})
_REFUSALS = frozenset({"unauthorized", "forbidden", "insufficient_scope"})  # about the token, not the request
_CODES = _REFUSALS | {"invalid_request", "not_implemented"}
MAX_PAGES = 1000  # a bound for servers that ignore paging parameters and answer the same page forever


class _HeadLinks(HTMLParser):
    """The `<link rel=… href=…>` elements and the `<title>` of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: dict[str, str] = {}
        self.title, self._in_title = "", False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "link" and found.get("href"):
            for rel in found.get("rel", "").lower().split():
                self.links.setdefault(rel, found["href"])  # the first one of each wins, as in browsers
        self._in_title = tag == "title" and not self.title

    def handle_endtag(self, tag: str) -> None:
        self._in_title = self._in_title and tag != "title"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


class MicropubClient:
    """One signed-in connection to a Micropub endpoint (and its media endpoint); close() it when done."""

    def __init__(self, site: str, endpoint: str, token: str, *, timeout: float = 30.0) -> None:
        self.site, self._endpoint, self._timeout = site.strip(), endpoint.strip(), timeout
        self._header = f"Bearer {token}"
        # The token as a broken server or proxy might echo it back: raw, URL- or form-encoded, JSON-escaped.
        forms = {token, quote(token, safe=""), quote_plus(token), json.dumps(token)[1:-1], self._header}
        self._secrets = frozenset(f for f in forms if f)
        self.client = httpx.Client(timeout=timeout, headers={"User-Agent": USER_AGENT})
        self.site_name = ""
        self.media_hint = ""  # a media endpoint the site's page links to, if any
        self._config: dict[str, Any] | None = None

    def close(self) -> None:
        """Release connections."""
        self.client.close()

    @property
    def endpoint(self) -> str:
        """The Micropub endpoint, discovered on first use when the account had none."""
        if not self._endpoint:
            self.discover()
        return self._endpoint

    # -- transport and errors ----------------------------------------------------------------------
    def send(self, method: str, url: str | httpx.URL, *, signed: bool = True, **kwargs: Any) -> httpx.Response:
        """One request; a transport failure becomes a BackendError. A signed request carries the token in
        the Authorization header only, goes only over https or to this machine, and follows no redirect."""
        url = httpx.URL(url)
        headers = dict(kwargs.pop("headers", None) or {})
        if signed:
            require_safe_transport(str(url))
            headers["Authorization"] = self._header
        log.debug("%s %s", method, url)
        try:
            return self.client.request(method, url, headers=headers, follow_redirects=not signed, **kwargs)
        except (httpx.TransportError, httpx.InvalidURL) as exc:
            raise transport_error(exc, url, self._timeout) from exc

    def error(self, response: httpx.Response) -> BackendError:
        """The BackendError for an answer that is not a success, in Micropub's words where it gave some."""
        code, said = self._said(response)
        host = response.url.host
        if code == "unauthorized" or response.status_code == 401:
            return CredentialsRejectedError(
                f"{host} did not accept Longhand's access token (it may have expired or been revoked). Make a "
                "new token on your site, with the create, update, delete and media scopes, and add the blog again."
            )
        if code in ("forbidden", "insufficient_scope") or response.status_code == 403:
            detail = f" ({said})" if said and said not in _CODES else ""
            return AuthenticationError(
                f"{host} refused this to Longhand's access token{detail}; the token may lack a scope it needs "
                "(create, update, delete or media)."
            )
        if response.status_code == 415:
            return PermanentError(f"{host} does not take this kind of file or request.")
        if response.status_code == 400 or (code == "invalid_request" and response.status_code in (409, 422)):
            detail = f": {said}" if said and said != code else "."
            return PermanentError(f"{host} refused the request{detail}")
        return status_error(response, said="" if said in _CODES else said, username="", refused="")

    def _said(self, response: httpx.Response) -> tuple[str, str]:
        """(error code, the server's explanation) of an error answer, scrubbed of the token."""
        data = json_or_empty(response)
        if data:
            code = str(data.get("error") or "")
            return code, scrub(data.get("error_description") or code, self._secrets)
        # Plain words only (some servers label them text/html): a web page's text says nothing to an author.
        text = scrub(response.text if "<" not in response.text[:500] else "", self._secrets)
        first = text.split(":", 1)[0].split(" ", 1)[0].strip().lower()
        return (first if first in _CODES else ""), text

    def check(self, response: httpx.Response) -> Any:
        """The JSON of a successful answer (None without a body); any other answer raises."""
        if 200 <= response.status_code < 300:
            return decode_json(response)
        raise self.error(response)

    def query(self, q: str, params: Mapping[str, Any] | None = None, *, endpoint: str | None = None) -> Any:
        """`GET endpoint?q=…`, its JSON answer checked."""
        return self.check(self.send("GET", endpoint or self.endpoint, params={"q": q, **(params or {})}))

    def object_or_none(self, response: httpx.Response) -> dict[str, Any] | None:
        """The JSON object of an answer, or None when the server has no such query (400, 404, 405, 501)."""
        if response.status_code in UNSUPPORTED and self._said(response)[0] not in _REFUSALS:
            return None
        data = self.check(response)
        if not isinstance(data, dict):
            raise BadResponseError(f"{response.url.host} answered with data Longhand does not understand.")
        return data

    def source(self, url: str) -> dict[str, Any] | None:
        """`q=source` of one post: its properties, or None when the server does not know the address.
        Micropub has no error of its own for that: servers answer invalid_request (400), 404 or 410, and
        here the address is the only parameter that could be wrong."""
        response = self.send("GET", self.endpoint, params={"q": "source", "url": url})
        if response.status_code in (400, 404, 410) and self._said(response)[0] not in _REFUSALS:
            return None
        data = self.check(response)
        if not isinstance(data, dict):
            raise BadResponseError(f"{response.url.host} answered with a post Longhand does not understand.")
        return data

    def config(self) -> dict[str, Any]:
        """The server's `q=config` (media endpoint, post statuses, visibilities…), read once; {} when it
        has none."""
        if self._config is None:
            self._config = self.object_or_none(self.send("GET", self.endpoint, params={"q": "config"})) or {}
        return self._config

    def media_endpoint(self) -> str:
        """The media endpoint: q=config's, else one the site's page links to. PermanentError without one."""
        found = self.config().get("media-endpoint") or self.media_hint
        if not isinstance(found, str) or not found:
            raise PermanentError(
                f"{httpx.URL(self.endpoint).host} has no Micropub media endpoint, so Longhand cannot upload "
                "pictures there; publish without local images, or link to pictures that are online."
            )
        return urljoin(self.endpoint, found)

    def source_pages(self, endpoint: str, params: Mapping[str, Any], page_size: int) -> Iterator[dict[str, Any]] | None:
        """Every item of a `q=source` list, page by page: the server's `paging.after` cursor when it gives
        one, else `offset`. None when the server cannot list (it answers 400, 404, 405 or 501)."""
        first = self.send("GET", endpoint, params={"q": "source", **params, "limit": page_size})
        data = self.object_or_none(first)
        if data is None:
            return None
        return self._pages(endpoint, params, page_size, data)

    def _pages(
        self, endpoint: str, params: Mapping[str, Any], page_size: int, data: dict[str, Any]
    ) -> Iterator[dict[str, Any]]:
        seen: set[str] = set()
        offset = 0
        for _ in range(MAX_PAGES):
            items = data.get("items")
            if not isinstance(items, list):
                raise BadResponseError(f"{httpx.URL(endpoint).host} answered with a list Longhand does not understand.")
            fresh = [item for item in items if isinstance(item, dict) and _key(item) not in seen]
            seen |= {_key(item) for item in fresh}
            yield from fresh
            paging = as_dict(data.get("paging"))
            offset += len(items)
            if paging.get("after"):
                more: dict[str, Any] = {"after": paging["after"]}
            elif len(items) >= page_size and fresh:  # a full page of new items: there may be more
                more = {"offset": offset}
            else:
                return
            data = self.check(self.send("GET", endpoint, params={"q": "source", **params, "limit": page_size, **more}))
            if not isinstance(data, dict):
                raise BadResponseError(f"{httpx.URL(endpoint).host} answered with a list Longhand does not understand.")

    def file_hash(self, url: str, limit: int = 64 << 20) -> str | None:
        """The SHA-256 of the file at `url` (an uploaded file: public, so fetched unsigned); None when it is
        not there, not a web address, or larger than `limit` bytes."""
        if httpx.URL(url).scheme not in ("http", "https"):
            return None
        digest, size = hashlib.sha256(), 0
        try:
            with self.client.stream("GET", url, follow_redirects=True) as response:
                if response.status_code != 200:
                    return None
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        return None
                    digest.update(chunk)
        except (httpx.TransportError, httpx.InvalidURL) as exc:
            raise transport_error(exc, httpx.URL(url), self._timeout) from exc
        return digest.hexdigest()

    # -- discovery ---------------------------------------------------------------------------------
    def read_site(self) -> tuple[httpx.URL, str]:
        """Reads the site's page (unsigned): its name and media endpoint hint are kept. Returns the page's
        final address and the Micropub endpoint it names ("" for none)."""
        require_safe_transport(self.site)  # the page names where the token goes: it must not be tampered with
        page = self.send("GET", self.site, signed=False)
        if page.status_code >= 400:
            raise self.error(page)
        require_safe_transport(str(page.url))  # a redirect to plain http could name another endpoint
        head = _HeadLinks()
        if "html" in page.headers.get("content-type", "").lower():
            head.feed(page.text)
        headers: dict[str, str] = {str(rel): str(value.get("url") or "") for rel, value in page.links.items()}
        links = {**head.links, **headers}  # the headers win
        self.site_name = " ".join(head.title.split()) or page.url.host
        self.media_hint = urljoin(str(page.url), links[MEDIA_REL]) if links.get(MEDIA_REL) else ""
        return page.url, urljoin(str(page.url), links[MICROPUB_REL]) if links.get(MICROPUB_REL) else ""

    def discover(self) -> str:
        """Find the Micropub endpoint from the site's page: its `Link: <…>; rel="micropub"` header or its
        `<link rel="micropub" href="…">`. The endpoint may be on another host, but only https (or this
        machine) is accepted, since the token goes there."""
        url, found = self.read_site()
        if not found:
            raise PermanentError(
                f'{url.host} does not name a Micropub endpoint (a <link rel="micropub"> on its home page), '
                "so Longhand cannot publish there; check the address, or turn Micropub on for the site."
            )
        require_safe_transport(found)
        self._endpoint, self._config = found, None
        return self._endpoint


def _key(item: dict[str, Any]) -> str:
    """What tells two listed items apart: their address, else all of them."""
    props = item.get("properties") if isinstance(item.get("properties"), dict) else item
    urls = props.get("url") if isinstance(props, dict) else None
    if isinstance(urls, list) and urls:
        return str(urls[0])
    return str(urls) if urls else json.dumps(item, sort_keys=True)


# -- microformats values (what q=source answers and creates send) ------------------------------
def first_text(values: Any) -> str:
    """The first value of a property as text (a nested object's `value`, an h-card's name)."""
    value = values[0] if isinstance(values, list) and values else values
    if isinstance(value, dict):
        value = value.get("value") or first_text((value.get("properties") or {}).get("name"))
    return value if isinstance(value, str) else ""


def content_html(values: Any) -> str:
    """`content`: its HTML when the server gives it; plain text as it is (Longhand's text is Markdown)."""
    value = values[0] if isinstance(values, list) and values else values
    if isinstance(value, dict):
        return str(value.get("html") or value.get("value") or "")
    return value if isinstance(value, str) else ""


def mf2_time(values: Any) -> datetime | None:
    """A microformats date-time (ISO 8601), in UTC; None when absent or unreadable."""
    try:
        return as_utc(datetime.fromisoformat(first_text(values).strip()))
    except ValueError:
        return None


def is_deleted(item: dict[str, Any]) -> bool:
    """Some servers keep a deleted post in q=source with `post-status: deleted`."""
    props = item.get("properties")
    return isinstance(props, dict) and first_text(props.get("post-status")).lower() == "deleted"


def strings_in(value: Any) -> Iterator[str]:
    """Every string inside a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from strings_in(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from strings_in(inner)


def form_fields(props: dict[str, list[Any]]) -> dict[str, Any]:
    """The form-encoded create: `h=entry`, one field per property, `name[]` for the lists; content as its HTML
    (form encoding has no HTML field; servers that take only forms commonly read content as Markdown, which
    keeps HTML)."""
    form: dict[str, Any] = {"h": "entry"}
    for key, values in props.items():
        flat = [str(v.get("html", "")) if isinstance(v, dict) else str(v) for v in values]
        if key in ("category", "photo") or len(flat) > 1:
            form[f"{key}[]"] = flat
        elif flat:
            form[key] = flat[0]
    return form


def as_dict(value: Any) -> dict[str, Any]:
    """`value` if it is a JSON object, else an empty one."""
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    """`value` if it is a JSON array, else an empty one."""
    return value if isinstance(value, list) else []
