"""`longhand accounts connect` and `longhand accounts wpcom-client`: connecting a blog through the browser
(self-hosted WordPress, or WordPress.com and Jetpack sites). The browser's answer comes back through
`longhand open-url` (editor.cli.window)."""

from __future__ import annotations

import argparse
import sys
import uuid
import webbrowser
from urllib.parse import urlsplit

from ..backends.base import BackendError
from ..backends.wpcom_connect import CALLBACK, CLIENT_VARIABLE, valid_client_id
from ..core import handoff
from ..core.connect import (
    FLOWS,
    LIFETIME,
    SCHEME,
    WPCOM_CLIENT_SETTING,
    ConnectError,
    Connections,
    ConnectRequest,
    ask,
)
from ..core.credentials import CredentialsError
from ..core.model import utcnow
from ..core.store import Store
from . import CommandError, show


def is_callback(url: str) -> bool:
    """Whether `url` is a browser's answer to a connection (longhand://connect?…, longhand://wpcom?…)."""
    parts = urlsplit(url)
    return parts.scheme == SCHEME and any(flow.callback_host == parts.hostname for flow in FLOWS.values())


def connect_account(store: Store, args: argparse.Namespace) -> None:
    """`accounts connect --url URL`: ask the blog, open its approval page, wait for the answer."""
    path = handoff.socket_path(store.path.parent, f"connect-{uuid.uuid4().hex}")
    connections = Connections(store)
    with handoff.Listener(path) as listener:
        try:
            asked = ask(store, args.url, args.name or "", path, wpcom=args.wpcom)
        except ConnectError as exc:
            raise CommandError(str(exc)) from exc
        request = asked.request
        try:
            print(
                f"To connect Longhand to {asked.title}, approve it in your browser at this address:\n"
                f"  {asked.page}\nWaiting for the browser…",
                file=sys.stderr,
                flush=True,
            )
            if not args.no_browser:
                webbrowser.open(asked.page)
            sentence = wait_for_answer(listener, connections, request)
        finally:
            connections.forget(request.id)
    show(args, {"ok": True, "message": sentence}, lambda: sentence)


def wait_for_answer(listener: handoff.Listener, connections: Connections, request: ConnectRequest) -> str:
    """Take messages on `listener` until the answer to `request` comes and is finished; returns the
    sentence to show. CommandError when it refuses, fails, or does not come before the request expires."""
    while (remaining := (request.expires_at - utcnow()).total_seconds()) > 0:
        received = listener.accept(timeout=remaining)
        if received is None:
            continue
        conn, message = received
        if message.get("kind") != "callback" or message.get("request") != request.id:
            handoff.reply(conn, ok=False, message="This Longhand is waiting for another connection.")
            continue
        try:
            sentence = connections.finish(request.id, str(message.get("url", "")), listener.path)
        except (ConnectError, BackendError, CredentialsError) as exc:
            handoff.reply(conn, ok=False, message=str(exc))
            raise CommandError(str(exc)) from exc
        handoff.reply(conn, ok=True, message=sentence)
        return sentence
    minutes = int(LIFETIME.total_seconds() // 60)
    raise CommandError(f"No answer came from the browser within {minutes} minutes; nothing was stored.")


def deliver(store: Store, url: str) -> str:
    """Hand a browser's callback to the Longhand that asked for it; its sentence, or CommandError."""
    try:
        return Connections(store).deliver(url)
    except ConnectError as exc:
        raise CommandError(str(exc)) from exc


def wpcom_client(store: Store, args: argparse.Namespace) -> None:
    """`accounts wpcom-client --id ID`: the WordPress.com client id to connect with (`--id ""` forgets it)."""
    client_id = args.id.strip()
    if client_id and not valid_client_id(client_id):
        raise CommandError(f"{args.id!r} is not a WordPress.com client id: the apps manager shows it as a number.")
    store.set_setting(WPCOM_CLIENT_SETTING, client_id or None)
    sentence = (
        f"Longhand will connect to WordPress.com as the app {client_id}."
        if client_id
        else "Longhand forgot its WordPress.com client id."
    )
    show(args, {"ok": True, "client_id": client_id or None, "message": sentence}, lambda: sentence)


def add_connect_action(action) -> None:
    """`longhand accounts connect` and `accounts wpcom-client` (actions of the `accounts` group)."""
    connect = action(
        "connect", connect_account, "connect a blog by approving Longhand in the browser (no password typed)"
    )
    connect.add_argument("--url", required=True, help="the blog's address, e.g. https://example.org")
    connect.add_argument("--name", help="a short name for the blog (default: its title)")
    connect.add_argument(
        "--no-browser", action="store_true", help="do not open a browser; only print the address to open"
    )
    connect.add_argument(
        "--wpcom",
        action="store_true",
        help="connect through WordPress.com (a Jetpack site; SITE.wordpress.com addresses always are)",
    )
    client = action(
        "wpcom-client",
        wpcom_client,
        f"set the WordPress.com client id to connect with (registered with the redirect address {CALLBACK}; "
        f"{CLIENT_VARIABLE} overrides it)",
    )
    client.add_argument("--id", required=True, help='the app\'s client id, a number ("" forgets it)')
