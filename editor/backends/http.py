"""What any blog backend speaking HTTP and JSON needs, whatever the blog: one User-Agent, httpx's
failures and HTTP statuses turned into the errors of `editor.backends.base`, answers decoded as JSON,
server text made fit for a message (without secrets), Retry-After read and Content-Disposition built.

Protocol-specific wording (how a blog's errors carry their message, what to say when it refuses a
password) stays with each backend, which passes it in.
"""

from __future__ import annotations

import email.utils
import html
import re
import ssl
import unicodedata
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any
from urllib.parse import quote, urlsplit

import httpx

from editor import __version__
from editor.backends.base import (
    AuthenticationError,
    BackendError,
    BadResponseError,
    ConflictError,
    CredentialsRejectedError,
    NotFoundError,
    PermanentError,
    RateLimitedError,
    TransientError,
)

USER_AGENT = f"Longhand/{__version__}"


def as_utc(value: datetime) -> datetime:
    """Aware UTC; a naive datetime is taken as UTC (the convention of HTTP dates and blog APIs)."""
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After in seconds, given as seconds or as an HTTP date; None when absent or unreadable."""
    value = (value or "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = as_utc(email.utils.parsedate_to_datetime(value))
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


def content_disposition(filename: str) -> str:
    """`attachment` with an ASCII `filename` (all some servers, WordPress among them, read) and, for
    other names, RFC 5987's `filename*`. The ASCII form drops `;` and quotes: WordPress splits the
    header on `;` unquoted."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip() or "upload"
    stem, dot, ext = name.rpartition(".") if "." in name.lstrip(".") else (name, "", "")

    def ascii_part(text: str) -> str:
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        return re.sub(r"[^A-Za-z0-9._ -]+", "", text).strip()

    fallback = (ascii_part(stem) or "upload") + dot + ascii_part(ext)
    header = f'attachment; filename="{fallback}"'
    return header if fallback == name else header + f"; filename*=UTF-8''{quote(name, safe='')}"


def scrub(text: object, secrets: Iterable[str]) -> str:
    """Server-supplied text fit for a message: no markup, short, and none of `secrets` (a broken
    proxy may echo the Authorization header back)."""
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", str(text or ""))).split())[:300]
    for secret in secrets:
        text = text.replace(secret, "•••")
    return text


def json_or_empty(response: httpx.Response) -> dict[str, Any]:
    """The answer's JSON object, or {} when it is not one (error answers need not be JSON)."""
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def decode_json(response: httpx.Response) -> Any:
    """The JSON of a successful answer, None when it has no body; BadResponseError when it is not
    JSON (a sign-in page, a captive portal or a caching proxy answered instead of the blog)."""
    host = response.url.host
    if response.status_code == 204 or not response.content:
        return None
    ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
    web_page = (
        f"{host} answered with a web page instead of data; a sign-in page, a Wi-Fi portal or a "
        "caching proxy may be in the way."
    )
    if ctype != "application/json" and not ctype.endswith("+json"):
        raise BadResponseError(web_page)
    try:
        return response.json()
    except ValueError:  # an HTML page labelled JSON, or PHP warnings printed before the JSON
        raise BadResponseError(
            web_page
            if response.content.lstrip()[:1] == b"<"
            else f"{host} answered with data Longhand could not read; a PHP warning or "
            "a plugin may have mixed text into it."
        ) from None


def transport_error(exc: httpx.TransportError | httpx.InvalidURL, url: httpx.URL, timeout: float) -> BackendError:
    """The BackendError for a request to `url` that got no answer: a timeout, a refused connection, a
    certificate that failed verification, an address that is not a web address."""
    host = url.host or "the blog"
    if isinstance(exc, httpx.TimeoutException):
        return TransientError(f"{host} did not answer within {timeout:g} seconds.")
    if isinstance(exc, httpx.ConnectError):
        if problem := _certificate_problem(exc):
            return PermanentError(
                f"The certificate of {host} could not be verified ({problem}). Check the address; if it "
                "is right, the site's certificate is broken or someone is intercepting the connection."
            )
        return TransientError(f"Could not reach {host}: {_reason(exc)}.")
    if isinstance(exc, (httpx.UnsupportedProtocol, httpx.InvalidURL)):
        return PermanentError(f"{url} is not a web address (it should start with https://).")
    # A reset, a connection closed without an answer, proxy trouble.
    return TransientError(f"The connection to {host} broke before it answered ({_reason(exc)}).")


def status_error(
    response: httpx.Response, *, said: str, username: str, refused: str, signing_in: bool = False
) -> BackendError:
    """The BackendError for an answer that is not a success. `said` is the blog's own (scrubbed)
    explanation, if any; `refused` the sentence for a password the blog did not accept, which is
    what a 401 means, and a 403 too when `signing_in` (not a missing permission)."""
    status, host = response.status_code, response.url.host
    detail = f": {said}" if said else f" (HTTP {status})"
    if 300 <= status < 400:
        where = urlsplit(response.headers.get("location", "")).hostname or "another address"
        return BadResponseError(
            f"{host} sent Longhand to {where} instead of answering; a sign-in page "
            "or a changed site address may be the cause."
        )
    if status == 401 or (status == 403 and signing_in):
        return CredentialsRejectedError(refused)
    if status == 403:
        return AuthenticationError(f"{host} refused this to {username}{detail}")
    if status in (404, 410):
        return NotFoundError(f"{host} has no such item{detail}")
    if status in (409, 412):
        return ConflictError(f"{host} reports a conflict{detail}")
    if status == 413:
        return PermanentError(f"The upload is larger than {host} accepts.")
    if status == 429:
        wait = parse_retry_after(response.headers.get("retry-after"))
        later = f"; it will take requests again in {wait:g} seconds." if wait is not None else "."
        return RateLimitedError(f"{host} asked Longhand to slow down{later}", retry_after=wait)
    if status >= 500 or status in (408, 425):  # 408 and 425: "too early" or "too slow", try again
        return TransientError(
            f"{host} had a server error{detail}; try again later."
            if status >= 500
            else f"{host} asked Longhand to send the request again{detail}."
        )
    # Any other 4xx: the blog looked at the request and said no; the same request will get the same no.
    return PermanentError(f"{host} refused the request{detail}")


def _certificate_problem(exc: BaseException | None) -> str | None:
    """Why TLS failed, if it did: walks the causes down to the ssl module's error."""
    while exc is not None:
        if isinstance(exc, ssl.SSLError):
            return getattr(exc, "verify_message", None) or exc.reason or "the secure connection failed"
        if "[SSL" in str(exc) or "CERTIFICATE_VERIFY" in str(exc):
            return "the secure connection failed"
        exc = exc.__cause__ or exc.__context__
    return None


def _reason(exc: BaseException) -> str:
    """The OS's reason without "[Errno 111]" noise: "connection refused"."""
    text = re.sub(r"^\[Errno -?\d+\]\s*", "", str(exc).strip())
    return (text[:1].lower() + text[1:]) if text else type(exc).__name__
