"""`longhand [FILE.md | longhand://URL …]`: the window, one per data folder.

A browser's connection callback goes to whoever asked for it (see `editor.cli.connect`); files and
other addresses go to the window already running on this data folder, or start one. Handing over
needs no Qt, so a second `longhand` returns at once."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..core import handoff
from ..core.store import Store, StoreError
from . import CommandError, leaf_command, show
from .connect import deliver, is_callback


def _local(target: str) -> str:
    """A path made absolute (the window runs elsewhere); a file:// address, as file managers hand them
    to `Exec=longhand %U`, as its path; any other address as it is."""
    parts = urlsplit(target)
    if parts.scheme == "file" and parts.netloc in ("", "localhost"):
        return unquote(parts.path)
    return target if "://" in target else os.path.abspath(target)


def open_targets(directory: Path, targets: list[str]) -> int:
    """Open `targets` (Markdown files, longhand:// addresses) in Longhand; returns the exit status."""
    callbacks = [t for t in targets if is_callback(t)]
    others = [_local(t) for t in targets if not is_callback(t)]
    status = 0
    for url in callbacks:  # may hold a password: handed over, never kept in this process's argv for long
        try:
            with Store.open(directory) as store:
                print(deliver(store, url))
        except (CommandError, StoreError) as exc:
            print(f"longhand: {exc}", file=sys.stderr)
            status = 1
    if callbacks and not others:
        return status
    try:
        answer = handoff.send(handoff.socket_path(directory, handoff.WINDOW), {"kind": "open", "targets": others})
    except handoff.HandoffError:
        from ..ui.app import run  # Qt is imported only to open the window

        return run(directory, others)
    if not answer.get("ok"):
        print(f"longhand: {answer.get('message')}", file=sys.stderr)
        return 1
    return status


def _open_url(store: Store, args: argparse.Namespace) -> None:
    # The address may hold a password: it is never printed, and this process exits at once.
    if not is_callback(args.url):
        status = open_targets(Path(store.path.parent), [args.url])
        if status:
            raise CommandError("The window could not be opened.", status=status)
        return
    sentence = deliver(store, args.url)
    show(args, {"ok": True, "message": sentence}, lambda: sentence)


def add_commands(commands) -> None:
    """`longhand open-url URL` (the desktop's handler of longhand:// addresses)."""
    opener = leaf_command(
        commands, "open-url", _open_url, "give a longhand:// address to the Longhand waiting for it (or the window)"
    )
    opener.add_argument("url", help="a longhand:// address, as the browser opens it")
