"""The HTTP client of Ghost's Admin API (Ghost 5), shared by every part of the Ghost backend.

It owns the connection and the Admin API key: discovery of the API (`/ghost/api/admin/` under the site),
requests signed with a short-lived token (HS256, the key's id as `kid`, audience `/admin/`, signed with
the key's secret hex-decoded), sent only over https or to this machine and never through a redirect,
the reading of Ghost's errors (`{"errors": [{"type", "message", "context", "code"}]}`) into those of
`editor.backends.base`, and paging.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

import httpx
import jwt

from editor.backends.base import (
    BackendError,
    BadResponseError,
    Credentials,
    CredentialsRejectedError,
    PermanentError,
    TransientError,
    require_safe_transport,
)
from editor.backends.http import USER_AGENT, as_utc, decode_json, json_or_empty, scrub, status_error, transport_error

log = logging.getLogger(__name__)

ADMIN_PATH = "ghost/api/admin/"
ACCEPT_VERSION = "v5.0"  # the API version our requests are written for; newer Ghosts keep answering it
TOKEN_SECONDS = 300  # Ghost refuses a token older than five minutes: each request gets a fresh one
# Ghost's answers for a token it cannot use at all (unreadable, or without the key's id): the key is wrong.
TOKEN_CODES = frozenset({"INVALID_JWT", "MISSING_ADMIN_API_KID", "INVALID_AUTH_HEADER"})
_KEY = re.compile(r"([0-9a-fA-F]+):([0-9a-fA-F]+)")
_CONTENT_KEY = re.compile(r"[0-9a-fA-F]{26}")  # a Content API key: read-only, no secret part
_ID = re.compile(r"[0-9a-fA-F]{24}|1")  # Ghost's ids (and "1", the id of fixtures made at install)


def from_ghost_time(value: object) -> datetime | None:
    """A Ghost timestamp ("2024-05-01T12:00:00.000Z"), aware UTC; None when absent."""
    return as_utc(datetime.fromisoformat(str(value))) if value else None


def ghost_time(value: datetime) -> str:
    """A timestamp as Ghost writes them, to the millisecond (its update check compares them exactly)."""
    value = as_utc(value)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def valid_id(remote_id: object) -> bool:
    """Whether `remote_id` has the form of a Ghost id (anything else must not reach a URL's path)."""
    return bool(_ID.fullmatch(str(remote_id)))


def _explanation(error: Mapping[str, Any], secrets: frozenset[str]) -> str:
    """Ghost's own words for an error, fit for a message: what failed, why, and for a refused value which
    field and what is wrong with it ("custom_excerpt should NOT be longer than 300 characters")."""
    message, context = (scrub(error.get(key), secrets) for key in ("message", "context"))
    said = f"{message} {context}" if context and context not in message else message
    details = error.get("details")
    for detail in details if isinstance(details, list) else []:
        if isinstance(detail, dict) and detail.get("message"):
            field = str(detail.get("dataPath") or "").rsplit(".", 1)[-1]
            said += " " + scrub(f"{field} {detail['message']}".strip(), secrets) + "."
    return said


class GhostAdmin:
    """One signed-in connection to a Ghost Admin API; close() it when done."""

    page_size: int = 100

    def __init__(self, credentials: Credentials, *, timeout: float = 30.0) -> None:
        self._timeout = timeout
        self.site = credentials.base_url.strip()
        self._api_root = credentials.api_root.strip()
        self._key = credentials.secret.strip()
        self._site_info: dict[str, Any] | None = None
        # Forms of the key no message may hold: whole, and its secret half (a token is scrubbed per answer).
        self._secrets = frozenset(s for s in (self._key, self._key.rpartition(":")[2]) if s)
        self.client = httpx.Client(timeout=timeout, headers={"User-Agent": USER_AGENT})

    def close(self) -> None:
        """Release connections."""
        self.client.close()

    @property
    def api_root(self) -> str:
        """The Admin API root, found on first use when the credentials had none."""
        if not self._api_root:
            self.discover()
        return self._api_root

    # -- signing -----------------------------------------------------------------------------------
    def token(self) -> str:
        """A fresh token for one request. The key is checked here, not when the backend is made, so
        that a backend can be built (and closed) for a blog whose key is broken."""
        match = _KEY.fullmatch(self._key)
        if match is None or len(match.group(2)) % 2:
            hint = (
                " That looks like a Content API key, which can only read; use the Admin API key."
                if _CONTENT_KEY.fullmatch(self._key)
                else ""
            )
            raise CredentialsRejectedError(
                "That is not a Ghost Admin API key: it has the form id:secret, as Ghost shows it under "
                f"Settings → Integrations.{hint}"
            )
        key_id, secret = match.groups()
        now = int(time.time())
        payload = {"iat": now, "exp": now + TOKEN_SECONDS, "aud": "/admin/"}
        return jwt.encode(payload, bytes.fromhex(secret), algorithm="HS256", headers={"kid": key_id})

    # -- transport and errors, in one place --------------------------------------------------------
    def send(self, method: str, url: str | httpx.URL, *, auth: bool = True, **kwargs: Any) -> httpx.Response:
        """One request; transport failures become BackendErrors. The token travels only in the
        Authorization header, only over https or to this machine, and never through a redirect (only
        unsigned requests follow one)."""
        url = httpx.URL(url)
        headers = {"Accept-Version": ACCEPT_VERSION, **kwargs.pop("headers", {})}
        if auth:
            require_safe_transport(str(url))
            headers["Authorization"] = f"Ghost {self.token()}"
        log.debug("%s %s", method, url)
        try:
            return self.client.request(method, url, headers=headers, follow_redirects=not auth, **kwargs)
        except (httpx.TransportError, httpx.InvalidURL) as exc:
            raise transport_error(exc, url, self._timeout) from exc

    def check(self, response: httpx.Response) -> Any:
        """The JSON of a successful answer; any other answer raises the matching BackendError (a 409,
        Ghost's UPDATE_COLLISION, as a ConflictError the caller completes with the blog's copy)."""
        if 200 <= response.status_code < 300:
            return decode_json(response)
        errors = json_or_empty(response).get("errors")
        error = errors[0] if isinstance(errors, list) and errors and isinstance(errors[0], dict) else {}
        token = response.request.headers.get("authorization", "").removeprefix("Ghost ")
        secrets = self._secrets | {token} if token else self._secrets
        message, said = scrub(error.get("message"), secrets), _explanation(error, secrets)
        host = response.url.host
        if response.status_code == 401 or str(error.get("code")) in TOKEN_CODES:
            raise CredentialsRejectedError(self.refused(host, message))
        if error.get("type") == "ValidationError" or response.status_code in (400, 415, 422):
            raise PermanentError(f"{host} refused the request: {said or f'HTTP {response.status_code}'}")
        raise status_error(response, said=said, username="this Admin API key", refused=self.refused(host, message))

    @staticmethod
    def refused(host: str | None, message: str) -> str:
        """The sentence for a key Ghost does not accept (any more): what the author can do."""
        sentence = (
            f"Ghost at {host} did not accept the Admin API key. Longhand needs the Admin API key of a custom "
            "integration (Ghost Admin → Settings → Integrations), as id:secret."
        )
        if re.search(r"\b(expired|maxAge|not active|iat)\b", message):
            sentence += " The key may be right and this computer's clock wrong: Ghost's tokens last five minutes."
        return sentence

    def url(self, path: str, params: Mapping[str, Any] | None = None) -> httpx.URL:
        """The address of `path` ("posts/") under the API root, with `params`."""
        return httpx.URL(self.api_root + path.lstrip("/")).copy_merge_params(dict(params or {}))

    def api(self, method: str, path: str, params: Mapping[str, Any] | None = None, **kwargs: Any) -> Any:
        """One signed request to `path` under the API root, its JSON answer checked."""
        return self.check(self.send(method, self.url(path, params), **kwargs))

    def items(self, data: Any, key: str, host: str | None = None) -> list[dict[str, Any]]:
        """The list under `key` of an answer ({"posts": [...]}); BadResponseError when there is none."""
        found = data.get(key) if isinstance(data, dict) else None
        if not isinstance(found, list) or not all(isinstance(item, dict) for item in found):
            raise BadResponseError(f"{host or 'Ghost'} answered with data Longhand does not understand.")
        return found

    def one(self, data: Any, key: str) -> dict[str, Any]:
        """The single item of an answer ({"posts": [{...}]})."""
        found = self.items(data, key)
        if len(found) != 1:
            raise BadResponseError("Ghost answered with data Longhand does not understand.")
        return found[0]

    def pages(self, path: str, key: str, params: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
        """Every item of a collection, page by page (meta.pagination)."""
        page = 1
        while True:
            data = self.api("GET", path, {**params, "limit": self.page_size, "page": page})
            found = self.items(data, key)
            yield from found
            pagination = (data.get("meta") or {}).get("pagination") or {}
            pages = pagination.get("pages")
            if not found or not isinstance(pages, int) or page >= pages:
                return
            page += 1

    # -- discovery ---------------------------------------------------------------------------------
    def discover(self) -> str:
        """Find the Admin API from the site address (the site, a folder it lives in, or Ghost Admin's own
        address): the first of those whose `/ghost/api/admin/site/` answers as Ghost does. Unsigned, so
        a redirect (to https, to the admin's own domain) is followed."""
        require_safe_transport(self.site)  # before anything is sent: what follows carries the key
        start = httpx.URL(self.site).copy_with(query=None, fragment=None)
        path = start.path.split("/ghost/", 1)[0].rstrip("/") if "/ghost" in start.path else start.path.rstrip("/")
        candidates = [str(start.copy_with(path=path + "/")), str(start.copy_with(path="/"))]
        transient: BackendError | None = None
        for base in dict.fromkeys(candidates):
            try:
                response = self.send("GET", base + ADMIN_PATH + "site/", auth=False)
                site = self.check(response)
            except BadResponseError:  # a web page: not Ghost's API
                continue
            except TransientError as exc:
                transient = exc
                continue
            except BackendError:
                continue
            info = site.get("site") if isinstance(site, dict) else None
            if isinstance(info, dict) and "version" in info:
                self._require_ghost_5(str(info.get("version")), response.url.host)
                self._api_root = str(response.url.copy_with(query=None)).removesuffix("site/")
                self._site_info = info
                return self._api_root
        if transient is not None:
            raise transient
        raise PermanentError(f"{self.site} is not a Ghost site: Longhand found no Ghost Admin API there.")

    @staticmethod
    def _require_ghost_5(version: str, host: str | None) -> None:
        major = version.split(".", 1)[0]
        if major.isdigit() and int(major) < 5:
            raise PermanentError(f"{host} runs Ghost {version}; Longhand needs Ghost 5 or later.")

    def site_info(self) -> dict[str, Any]:
        """The site's title, address and version (`site/`, which Ghost answers to anyone); read once."""
        if self._site_info is None:
            data = self.check(self.send("GET", self.url("site/"), auth=False))
            info = data.get("site") if isinstance(data, dict) else None
            if not isinstance(info, dict):
                raise BadResponseError("Ghost answered with data Longhand does not understand.")
            self._site_info = info
        return self._site_info
