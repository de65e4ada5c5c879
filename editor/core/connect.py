"""Connecting a blog through the browser: a request waits in the store, the browser's callback finds it.

The process that asks (the window, or `longhand accounts connect`) records a request naming its own
socket and opens the blog's approval page. When the author approves, the browser opens a
`longhand://…` address; the desktop starts `longhand open-url ADDRESS`, which looks the request up
here and hands the address to the asking process over that socket (`editor.core.handoff`), then
exits. The asking process checks the answer, signs in with it, puts the secret in the keyring and
stores the blog. The secret never reaches the database, a log, or the argv of a long-lived process.

Each kind of connection is a `Flow`: which callback address it answers to, how a callback names its
request, and how a request is finished. Two kinds: "wordpress" (a self-hosted blog's Authorize Application
page sends an application password to `longhand://connect`) and "wpcom" (WordPress.com's OAuth2 implicit
grant sends a token to `longhand://wpcom`, for blogs on WordPress.com and Jetpack sites connected to it).
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from ..backends import wpcom_connect
from ..backends.base import Credentials, require_no_credentials_in_url
from ..backends.wordpress import WordPressBackend
from ..backends.wordpress_connect import find_authorization, read_callback, same_site
from ..backends.wpcom import WordPressComBackend, site_root
from . import credentials, handoff
from .accounts import NEEDS_CONNECT, Accounts
from .model import Account, utcnow
from .rows import dump_time, load_time
from .store import Store

LIFETIME = timedelta(minutes=15)
SCHEME = "longhand"
WPCOM_CLIENT_SETTING = "wpcom_client_id"  # the store's setting; LONGHAND_WPCOM_CLIENT_ID overrides it


class ConnectError(Exception):
    """A connection that cannot be made; str() is one sentence, and nothing was stored."""


@dataclass(frozen=True)
class ConnectRequest:
    """A connection asked for and not yet answered."""

    id: str
    kind: str  # a key of FLOWS
    site: str  # the address the answer must come from (WordPress's site_url), or what was asked for
    name: str  # the name the author gave the blog, or "" for the blog's own title
    socket: str  # where the asking process listens
    created_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class Flow:
    """One way of connecting through the browser."""

    callback_host: str  # longhand://HOST?… is this flow's callback
    matches: Callable[[ConnectRequest, dict[str, str]], bool]  # does a callback's query answer the request
    finish: Callable[[Store, ConnectRequest, str], str]  # sign in with the callback; the sentence to show


def _request(row: sqlite3.Row) -> ConnectRequest:
    return ConnectRequest(
        id=row["id"],
        kind=row["kind"],
        site=row["site"],
        name=row["name"],
        socket=row["socket"],
        created_at=load_time(row["created_at"]),
        expires_at=load_time(row["expires_at"]),
    )


class Connections:
    """The connection requests of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def record(self, kind: str, site: str, name: str, socket: Path, request_id: str | None = None) -> ConnectRequest:
        """Remember a request; its answer is expected on `socket` within LIFETIME."""
        now = utcnow()
        request = ConnectRequest(request_id or uuid.uuid4().hex, kind, site, name, str(socket), now, now + LIFETIME)
        with self.store.transaction("remember the connection request") as conn:
            conn.execute("DELETE FROM connect_requests WHERE expires_at < ?", (dump_time(now),))
            conn.execute(
                "INSERT INTO connect_requests (id, kind, site, name, socket, created_at, expires_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (request.id, kind, site, name, str(socket), dump_time(now), dump_time(request.expires_at)),
            )
        return request

    def get(self, request_id: str) -> ConnectRequest | None:
        """A request by id, expired or not."""
        with self.store.transaction("read the connection request", write=False) as conn:
            row = conn.execute("SELECT * FROM connect_requests WHERE id = ?", (request_id,)).fetchone()
        return None if row is None else _request(row)

    def forget(self, request_id: str) -> None:
        """Drop a request: answered, refused, given up."""
        with self.store.transaction("forget the connection request") as conn:
            conn.execute("DELETE FROM connect_requests WHERE id = ?", (request_id,))

    def _requests(self, kind: str) -> list[ConnectRequest]:
        with self.store.transaction("read the connection requests", write=False) as conn:
            rows = conn.execute("SELECT * FROM connect_requests WHERE kind = ? ORDER BY created_at DESC", (kind,))
            return [_request(row) for row in rows]

    def match(self, url: str) -> ConnectRequest:
        """The request a callback address answers. ConnectError (one sentence, nothing stored) when it
        answers none: not a connection callback, a site nobody asked for, or a request that expired."""
        parts = urlsplit(url)
        flow_kind = next((k for k, f in FLOWS.items() if f.callback_host == parts.hostname), None)
        if parts.scheme != SCHEME or flow_kind is None:
            raise ConnectError("That is not an address Longhand knows what to do with.")
        params = wpcom_connect.callback_params(url)  # the query, and the fragment an implicit grant uses
        candidates = [r for r in self._requests(flow_kind) if FLOWS[flow_kind].matches(r, params)]
        live = [r for r in candidates if r.expires_at > utcnow()]
        if live:
            return live[0]
        if candidates:
            for request in candidates:
                self.forget(request.id)
            raise ConnectError("That connection request expired; start again with “Connect with browser”.")
        site = urlsplit(params.get("site_url", "")).hostname
        raise ConnectError(
            f"Longhand did not ask to connect to {site}; nothing was stored."
            if site
            else "Longhand is not waiting for a connection; nothing was stored."
        )

    def deliver(self, url: str) -> str:
        """Hand a callback address to the process that asked for it; returns its answer (the sentence
        to show). ConnectError when nobody asked, or the asker stopped waiting or refused the answer."""
        request = self.match(url)
        try:
            answer = handoff.send(Path(request.socket), {"kind": "callback", "request": request.id, "url": url})
        except handoff.HandoffError as exc:
            self.forget(request.id)
            raise ConnectError(
                "The Longhand that asked for this connection is no longer waiting; start again with "
                "“Connect with browser”. Nothing was stored."
            ) from exc
        if not answer.get("ok"):
            raise ConnectError(str(answer.get("message") or "The connection failed; nothing was stored."))
        return str(answer.get("message") or "Connected.")

    def finish(self, request_id: str, url: str, socket: Path) -> str:
        """Finish a request this process made (listening on `socket`) with its callback: sign in,
        store the blog and its secret. The request is forgotten either way. ConnectError when the
        callback refuses, comes for another request, or the blog does not accept what it holds."""
        request = self.get(request_id)
        if request is None or request.socket != str(socket):
            raise ConnectError("Longhand is not waiting for that connection; nothing was stored.")
        try:
            if request.expires_at <= utcnow():
                raise ConnectError("That connection request expired; start again with “Connect with browser”.")
            return FLOWS[request.kind].finish(self.store, request, url)
        finally:
            self.forget(request.id)


@dataclass(frozen=True)
class Asked:
    """A request recorded, and the page the author approves it on."""

    request: ConnectRequest
    page: str  # the address to open in the browser
    title: str  # what the author is connecting to, for "To connect Longhand to TITLE…"


def ask(store: Store, url: str, name: str, socket: Path, *, wpcom: bool = False) -> Asked:
    """Find out how the blog at `url` is connected through the browser, and record a request answered
    on `socket`. A SITE.wordpress.com address, or `wpcom` (a Jetpack site, connected to WordPress.com),
    goes the WordPress.com way. BackendError when it cannot be (PermanentError: no application passwords
    there); ConnectError when WordPress.com is asked for and no client id is set."""
    if wpcom or wpcom_connect.is_wpcom_address(url):
        return _ask_wpcom(store, url, name, socket)
    authorization = find_authorization(url)
    request = Connections(store).record("wordpress", authorization.site_url, name, socket)
    return Asked(request, authorization.page, authorization.name)


def _wordpress_matches(request: ConnectRequest, params: dict[str, str]) -> bool:
    # A refusal names no site: it answers the newest request (the author approves one at a time).
    return "site_url" not in params or same_site(params["site_url"], request.site)


def _finish_wordpress(store: Store, request: ConnectRequest, url: str) -> str:
    approval = read_callback(url)
    if approval.refused:
        raise ConnectError(approval.refused)
    if not same_site(approval.site_url, request.site):
        raise ConnectError(
            f"The browser answered for {approval.site_url}, not the blog Longhand asked; nothing was stored."
        )
    probe = WordPressBackend(Credentials(request.site, approval.user_login, approval.password))
    try:
        api_root = probe.discover()
        info = probe.verify()
    finally:
        probe.close()
    account = Account(
        id=None,
        name=request.name or info.name or (urlsplit(request.site).hostname or request.site),
        backend="wordpress",
        base_url=str(info.url or request.site).rstrip("/"),
        username=approval.user_login,
        api_root=api_root,
    )
    store_secret(store, account, approval.password)
    return f"Connected to {info.name or account.name} as {info.user_name or approval.user_login}."


def wpcom_client_id(store: Store) -> str:
    """The WordPress.com client id Longhand connects with: LONGHAND_WPCOM_CLIENT_ID, else the one saved
    by `longhand accounts wpcom-client --id ID`. ConnectError saying how to get one when neither is set."""
    client_id = (os.environ.get(wpcom_connect.CLIENT_VARIABLE) or store.get_setting(WPCOM_CLIENT_SETTING) or "").strip()
    if not wpcom_connect.valid_client_id(client_id):
        raise ConnectError(
            "Connecting to WordPress.com needs a WordPress.com client id: register Longhand at "
            f"{wpcom_connect.APPS_PAGE} with the redirect address {wpcom_connect.CALLBACK}, then run "
            "`longhand accounts wpcom-client --id ID` with the number it shows. Nothing was stored."
        )
    return client_id


def _ask_wpcom(store: Store, url: str, name: str, socket: Path) -> Asked:
    require_no_credentials_in_url(url)  # before the address is stored or shown anywhere
    address = url.strip().rstrip("/")
    address = address if "://" in address else f"https://{address}"
    host = (urlsplit(address).hostname or "").lower()
    if not host:
        raise ConnectError(f"{url} is not a blog's address (such as https://example.wordpress.com).")
    client_id = wpcom_client_id(store)
    request = Connections(store).record("wpcom", address, name, socket)
    return Asked(request, wpcom_connect.authorize_page(client_id, host, request.id), host)


def _wpcom_matches(request: ConnectRequest, params: dict[str, str]) -> bool:
    # `state` names the request. A refusal without one answers the newest (it stores nothing anyway).
    return params.get("state") == request.id or ("state" not in params and "error" in params)


def _finish_wpcom(store: Store, request: ConnectRequest, url: str) -> str:
    grant = wpcom_connect.read_callback(url)
    if grant.refused:
        raise ConnectError(grant.refused)
    if grant.state != request.id:
        raise ConnectError("The browser's answer was for another connection request; nothing was stored.")
    host = urlsplit(request.site).hostname or request.site
    # The blog's WordPress.com number, not its domain: a domain can change, the number does not.
    api_root = site_root(grant.site_id if grant.site_id.isdigit() and grant.site_id != "0" else host)
    probe = WordPressComBackend(Credentials(request.site, "", grant.token, api_root))
    try:
        info = probe.verify()
    finally:
        probe.close()
    account = Account(
        id=None,
        name=request.name or info.name or host,
        backend=WordPressComBackend.name,
        base_url=str(info.url or request.site).rstrip("/"),
        username=info.user_login or info.user_name,
        api_root=api_root,
    )
    store_secret(store, account, grant.token)
    return f"Connected to {info.name or account.name} as {info.user_name or account.username}."


def store_secret(store: Store, account: Account, secret: str) -> Account:
    """Store a blog connected through the browser with its secret; a blog already there (same backend,
    site and user) gets the new secret instead of a twin, and is no longer marked as needing to be
    connected again. Blocking (the keyring)."""
    accounts = Accounts(store)
    for known in accounts.list():
        if (
            known.backend == account.backend
            and known.username == account.username
            and (same_site(known.base_url, account.base_url))
        ):
            credentials.set_secret(known.stored_id, secret)
            if account.api_root and account.api_root != known.api_root:
                accounts.set_api_root(known.stored_id, account.api_root)
            accounts.set_option(known.stored_id, NEEDS_CONNECT, None)
            return accounts.get(known.stored_id)
    names = {known.name for known in accounts.list()}
    name, number = account.name, 2
    while name in names:
        name, number = f"{account.name} ({number})", number + 1
    return accounts.add(Account(**{**account.__dict__, "name": name}), secret)


FLOWS: dict[str, Flow] = {
    "wordpress": Flow(callback_host="connect", matches=_wordpress_matches, finish=_finish_wordpress),
    "wpcom": Flow(callback_host="wpcom", matches=_wpcom_matches, finish=_finish_wpcom),
}
