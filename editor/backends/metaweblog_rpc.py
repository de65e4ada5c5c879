"""The XML-RPC connection of a MetaWeblog blog, shared by every part of `MetaWeblogBackend` (posts, media,
terms, comments).

It owns the connection and the credentials: discovery of the endpoint (RSD, else /xmlrpc.php), calls made
with the standard library's `xmlrpc.client` (its marshalling, sent over httpx: timeouts, no redirects with
the password, only over https or to this machine), and the reading of faults into the errors of
`editor.backends.base`.

The protocol puts the user name and password inside every call's XML body. Callers never hold the
password: they pass `AUTH` where the two parameters go, and `XmlRpc.call` fills them in. No body is ever
logged, and every server text that reaches a message is scrubbed of the password's forms.

The API root Longhand stores is the endpoint with the blog's id in its fragment
(`https://example.org/xmlrpc.php#blog=1`); the fragment is never sent.
"""

from __future__ import annotations

import html
import logging
import re
import xmlrpc.client
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from typing import Any, Final
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit
from xml.etree import ElementTree
from xml.parsers.expat import ExpatError

import httpx

from editor.backends.base import (
    AuthenticationError,
    BackendError,
    BadResponseError,
    Credentials,
    CredentialsRejectedError,
    NotFoundError,
    PermanentError,
    TransientError,
    require_safe_transport,
)
from editor.backends.http import USER_AGENT, as_utc, scrub, status_error, transport_error

log = logging.getLogger(__name__)

METHOD_NOT_FOUND = -32601  # the XML-RPC fault code for a method the server does not have
# RSD's names for the APIs Longhand speaks, best first: WordPress lists both, on the same endpoint.
RSD_APIS = ("metaweblog", "wordpress")
# What XML 1.0 cannot carry at all, even escaped (a form feed pasted into a draft): left out of what is sent.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2}):?(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?")


class _Auth:
    """The marker for "the user name and the password, here" among a call's parameters."""

    def __repr__(self) -> str:
        return "AUTH"


AUTH: Final = _Auth()


def to_datetime(value: Any) -> datetime | None:
    """An XML-RPC dateTime.iso8601 (or ISO text) as aware UTC. A date without an offset is taken as UTC, as
    WordPress's *_gmt fields mean it; None for nothing, or for a date that is none (WordPress's 00000000)."""
    if isinstance(value, datetime):
        return as_utc(value)
    text = value.value if isinstance(value, xmlrpc.client.DateTime) else str(value or "")
    found = _DATE.fullmatch(text.strip())
    if not found:
        return None
    year, month, day, hour, minute, second = map(int, found.groups()[:6])
    zone = found.group(7)
    try:
        when = datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc)
    except ValueError:
        return None
    if zone and zone != "Z":
        digits = zone[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        when = when - offset if zone[0] == "+" else when + offset
    return when


def secret_forms(secret: str) -> frozenset[str]:
    """The forms of a password no message may hold: as typed, without the spaces WordPress shows an
    application password with, and escaped as XML (as in the request) or for a URL."""
    forms = {secret, secret.replace(" ", "")}
    forms |= {html.escape(f) for f in forms} | {html.escape(f, quote=False) for f in forms}
    forms |= {quote(f, safe="") for f in forms}
    return frozenset(f for f in forms if f)


class _EditUri(HTMLParser):
    """The first `<link rel="EditURI" href="…">` of a page: where its RSD document is."""

    def __init__(self) -> None:
        super().__init__()
        self.href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "link" and self.href is None and "edituri" in (found.get("rel") or "").lower().split():
            self.href = found.get("href")


def rsd_api(document: bytes, base: str) -> tuple[str, str] | None:
    """The (apiLink, blogID) of the MetaWeblog API (else WordPress's) in an RSD document."""
    try:
        root = ElementTree.fromstring(document)
    except ElementTree.ParseError:
        return None
    apis = {(e.get("name") or "").casefold(): e for e in root.iter() if str(e.tag).rsplit("}", 1)[-1] == "api"}
    for name in RSD_APIS:
        api = apis.get(name)
        if api is not None and api.get("apiLink"):
            return urljoin(base, api.get("apiLink") or ""), api.get("blogID") or ""
    return None


class XmlRpc:
    """One signed-in connection to a blog's XML-RPC endpoint; close() it when done."""

    def __init__(self, credentials: Credentials, *, timeout: float = 30.0) -> None:
        self.site, self.username = credentials.base_url.strip(), credentials.username
        self._password, self._timeout = credentials.secret, timeout
        self._api_root = credentials.api_root.strip()
        self._blog_id: str | None = None
        self._methods: frozenset[str] | None = None
        self._secrets = secret_forms(credentials.secret)
        self.client = httpx.Client(timeout=timeout, headers={"User-Agent": USER_AGENT})

    def close(self) -> None:
        """Release connections."""
        self.client.close()

    @property
    def api_root(self) -> str:
        """The endpoint with the blog's id in its fragment, discovered on first use when not known."""
        if not self._api_root:
            self.discover()
        return self._api_root

    @property
    def endpoint(self) -> str:
        """Where calls go: the API root without its fragment."""
        return self.api_root.split("#", 1)[0]

    @property
    def host(self) -> str:
        """The blog's host name, for messages."""
        return urlsplit(self._api_root or self.site).hostname or "the blog"

    @property
    def blog_id(self) -> str:
        """The blog's id, which blog-wide methods take: from the API root, else asked of the blog."""
        if self._blog_id is None:
            self._blog_id = dict(parse_qsl(urlsplit(self.api_root).fragment)).get("blog") or self._find_blog_id()
        return self._blog_id

    # -- calls ---------------------------------------------------------------------------------------
    def send(self, method: str, url: str, *, signed: bool, **kwargs: Any) -> httpx.Response:
        """One HTTP request; transport failures become BackendErrors. A signed request (its body holds the
        password) goes only over https or to this machine and never follows a redirect."""
        target = httpx.URL(url)
        if signed:
            require_safe_transport(str(target))
        try:
            return self.client.request(method, target, follow_redirects=not signed, **kwargs)
        except (httpx.TransportError, httpx.InvalidURL) as exc:
            raise transport_error(exc, target, self._timeout) from exc

    def call(self, method: str, *params: Any, signing_in: bool = False) -> Any:
        """Call `method`; `AUTH` among `params` stands for the user name and password. Returns the answer's
        value; a fault or a failed request raises the matching BackendError. `signing_in`: a 401 or 403
        fault means the password was refused."""
        return self._call(self.endpoint, method, params, signing_in=signing_in)

    def _call(self, url: str, method: str, params: tuple[Any, ...], *, signing_in: bool = False) -> Any:
        signed = any(p is AUTH or (isinstance(p, list) and _holds_auth(p)) for p in params)
        body = xmlrpc.client.dumps(self._expand(params), method, encoding="utf-8").encode()
        log.debug("XML-RPC %s at %s", method, url)  # never the body: it holds the password
        response = self.send("POST", url, signed=signed, content=body, headers={"Content-Type": "text/xml"})
        try:
            return self._read(response)
        except xmlrpc.client.Fault as fault:  # `from None`: the fault's own text is the server's, unscrubbed
            raise self.fault_error(fault.faultCode, fault.faultString, method, signing_in=signing_in) from None

    def _expand(self, params: Any) -> Any:
        """`params` with AUTH replaced by the two values it stands for (also inside multicall's lists), and
        their text fit for XML."""
        if isinstance(params, dict):
            return {key: self._expand(value) for key, value in params.items()}
        if isinstance(params, str):
            return _NOT_XML.sub("", params)
        if not isinstance(params, (list, tuple)):
            return params
        out: list[Any] = []
        for item in params:
            out.extend((self.username, self._password) if item is AUTH else (self._expand(item),))
        return tuple(out) if isinstance(params, tuple) else out

    def multicall(self, calls: list[tuple[str, tuple[Any, ...]]]) -> list[Any]:
        """Many calls in one request (system.multicall) where the blog offers it, else one by one. Each
        result is the call's value, or the BackendError its fault maps to (returned, not raised)."""
        if not calls:
            return []
        if not self.offers("system.multicall"):
            results: list[Any] = []
            for method, params in calls:
                try:
                    results.append(self.call(method, *params))
                except (NotFoundError, PermanentError, AuthenticationError) as exc:
                    results.append(exc)
            return results
        batch = [{"methodName": method, "params": list(params)} for method, params in calls]
        answers = self.call("system.multicall", batch)
        if not isinstance(answers, list) or len(answers) != len(calls):
            raise BadResponseError(f"{self.host} answered with data Longhand does not understand.")
        out: list[Any] = []
        for (method, _), answer in zip(calls, answers, strict=True):
            if isinstance(answer, list) and len(answer) == 1:
                out.append(answer[0])
            elif isinstance(answer, dict) and "faultCode" in answer:
                out.append(self.fault_error(answer["faultCode"], answer.get("faultString"), method))
            else:
                raise BadResponseError(f"{self.host} answered with data Longhand does not understand.")
        return out

    def _read(self, response: httpx.Response) -> Any:
        """The value of an XML-RPC answer; raises xmlrpc.client.Fault for a fault, BackendErrors otherwise."""
        host = response.url.host
        if not 200 <= response.status_code < 300:
            said = ""  # WordPress with XML-RPC turned off sends its fault with the fault's code as the status
            try:
                xmlrpc.client.loads(response.content)
            except xmlrpc.client.Fault as fault:
                said = scrub(fault.faultString, self._secrets)
            except Exception:  # noqa: BLE001 - any other body (a web page): the status alone speaks
                pass
            raise status_error(response, said=said, username=self.username, refused=self.refused())
        web_page = (
            f"{host} answered with a web page instead of data; a sign-in page, a Wi-Fi portal or a "
            "caching proxy may be in the way."
        )
        if "html" in response.headers.get("content-type", "").lower():
            raise BadResponseError(web_page)
        try:
            (value,), _ = xmlrpc.client.loads(response.content, use_builtin_types=False)
        except xmlrpc.client.Fault:
            raise
        except (ExpatError, xmlrpc.client.ResponseError, ValueError, TypeError, OverflowError):
            head = response.content.lstrip()[:500].lower()
            raise BadResponseError(
                web_page
                if head.startswith((b"<!doctype html", b"<html"))
                else f"{host} answered with data Longhand could not read; a PHP warning or a plugin may "
                "have mixed text into it."
            ) from None
        return value

    # -- faults ----------------------------------------------------------------------------------------
    def refused(self) -> str:
        """The sentence for a user name or password the blog does not accept."""
        return (
            f"{self.host} did not accept the user name or password of {self.username}. Check both: the "
            "password you sign in to the blog with, or an application password made for Longhand."
        )

    def fault_error(self, code: Any, text: Any, method: str, *, signing_in: bool = False) -> BackendError:
        """The BackendError for a fault. WordPress answers a refused password with 403, a missing
        permission with 401, and some refused values with 403 too: one more sign-in tells them apart."""
        said = scrub(text, self._secrets) or f"fault {code}"
        try:
            number = int(code)
        except (TypeError, ValueError):
            number = 0
        if number in (401, 403):
            if signing_in or not self.password_accepted():
                return CredentialsRejectedError(self.refused())
            if number == 401:
                return AuthenticationError(f"{self.host} refused this to {self.username}: {said}")
        if number == 404:
            return NotFoundError(f"{self.host} has no such item: {said}")
        if number == METHOD_NOT_FOUND:
            return PermanentError(
                f"{self.host} does not offer {method}, which this needs; its XML-RPC interface lacks "
                "WordPress's extensions, or has them turned off."
            )
        return PermanentError(f"{self.host} refused the request: {said}")

    def password_accepted(self) -> bool:
        """Whether the blog still signs this user in (False only when it says it does not)."""
        try:
            self.users_blogs()
        except CredentialsRejectedError:
            return False
        except BackendError:
            return True  # cannot tell: the fault's own words will do
        return True

    # -- what the blog is ------------------------------------------------------------------------------
    def users_blogs(self) -> list[dict[str, Any]]:
        """The blogs this user may write to (blogger.getUsersBlogs, which every MetaWeblog server has)."""
        blogs = self.call("blogger.getUsersBlogs", "", AUTH, signing_in=True)
        if not isinstance(blogs, list):
            raise BadResponseError(f"{self.host} answered with data Longhand does not understand.")
        return [blog for blog in blogs if isinstance(blog, dict)]

    def _find_blog_id(self) -> str:
        """The id of the user's blog at the site's address (else of the user's only or first blog)."""
        blogs, host = self.users_blogs(), urlsplit(self.site).hostname
        here = [b for b in blogs if urlsplit(str(b.get("url") or "")).hostname == host]
        chosen = (here or blogs or [{}])[0]
        if not str(chosen.get("blogid") or ""):
            raise PermanentError(f"{self.username} has no blog to write to at {self.host}.")
        return str(chosen["blogid"])

    def offers(self, method: str) -> bool:
        """Whether the blog lists `method` (system.listMethods, asked once). A blog without that
        introspection is taken to offer only the standard methods."""
        if self._methods is None:
            self._methods = self._list_methods(self.endpoint)
        return method in self._methods

    def _list_methods(self, url: str) -> frozenset[str]:
        try:
            methods = self._call(url, "system.listMethods", ())
        except (PermanentError, NotFoundError):
            return frozenset()
        return frozenset(str(m) for m in methods) if isinstance(methods, list) else frozenset()

    # -- discovery -------------------------------------------------------------------------------------
    def discover(self) -> str:
        """Find the endpoint from the site address: the page's `<link rel="EditURI">` names an RSD
        document, whose MetaWeblog (or WordPress) API gives the endpoint and the blog's id; else
        /xmlrpc.php under the address given, then under the site's root, if it offers metaWeblog."""
        require_safe_transport(self.site)  # before anything is sent: what follows carries the password
        home = self.send("GET", self.site, signed=False)
        start = home.url.copy_with(query=None, fragment=None)
        candidates: list[tuple[str, str, bool]] = []  # (endpoint, blog id, named by the RSD)
        if found := self._from_rsd(home):
            candidates.append((*found, True))
        for base in (start, start.copy_with(path="/")):
            candidates.append((str(base).rstrip("/") + "/xmlrpc.php", "", False))
        transient: TransientError | None = None
        for link, blog_id, from_rsd in dict.fromkeys(candidates):
            endpoint = httpx.URL(link)
            if start.scheme == "https" and endpoint.scheme == "http" and endpoint.host == start.host:
                endpoint = endpoint.copy_with(scheme="https")  # a site behind a TLS proxy that thinks it is http
            try:
                require_safe_transport(str(endpoint))  # the RSD may name another address
                methods = self._list_methods(str(endpoint))
            except BadResponseError:  # a web page: no XML-RPC here
                continue
            except TransientError as exc:
                transient = exc
                continue
            except BackendError:  # a web page, a 404, an address Longhand will not send a password to
                continue
            if "metaWeblog.newPost" in methods or (from_rsd and not methods):
                self._methods, self._api_root = methods, str(endpoint)
                self._blog_id = blog_id or self._find_blog_id()
                self._api_root += "#" + urlencode({"blog": self._blog_id})
                return self._api_root
        if transient is not None:
            raise transient
        raise PermanentError(
            f"{self.site} offers no MetaWeblog (XML-RPC) interface: Longhand found no RSD link to one, and "
            "nothing at /xmlrpc.php."
        )

    def _from_rsd(self, home: httpx.Response) -> tuple[str, str] | None:
        if not home.is_success:
            return None
        finder = _EditUri()
        finder.feed(home.text)
        if not finder.href:
            return None
        try:
            rsd = self.send("GET", urljoin(str(home.url), finder.href), signed=False)
        except BackendError:
            return None  # /xmlrpc.php is still tried
        return rsd_api(rsd.content, str(rsd.url)) if rsd.is_success else None


def _holds_auth(items: list[Any]) -> bool:
    """Whether a multicall batch carries AUTH (and so the password)."""
    return any(isinstance(i, dict) and any(p is AUTH for p in i.get("params", ())) for i in items)
