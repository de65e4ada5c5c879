"""`longhand [FILE.md | longhand://URL …]`: the window, one per data folder.

A browser's connection callback goes to whoever asked for it (see `editor.cli.connect`); files and
other addresses go to the window already running on this data folder, or start one. Handing over
needs no Qt, so a second `longhand` returns at once."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..core import handoff
from ..core.store import Store, StoreError
from . import CommandError


def open_targets(directory: Path, targets: list[str]) -> int:
    """Open `targets` (Markdown files, longhand:// addresses) in Longhand; returns the exit status."""
    from .connect import deliver, is_callback

    callbacks = [t for t in targets if is_callback(t)]
    others = [t if "://" in t else os.path.abspath(t) for t in targets if not is_callback(t)]
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
