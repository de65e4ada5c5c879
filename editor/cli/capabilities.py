"""`longhand backends`: the installed blog backends and what each declares it can do."""

from __future__ import annotations

import argparse

from ..backends.base import Capability, available_backends
from ..core.store import Store
from . import leaf_command, show

# The README's table, in this order, with these headings.
COLUMNS = [
    (Capability.POSTS, "posts"),
    (Capability.PAGES, "pages"),
    (Capability.MEDIA, "media"),
    (Capability.FEATURED_IMAGE, "featured image"),
    (Capability.TAGS, "tags"),
    (Capability.CATEGORIES, "categories"),
    (Capability.SCHEDULING, "schedule"),
    (Capability.COMMENTS, "comments"),
    (Capability.MODERATION, "moderation"),
    (Capability.UNAPPROVE, "unapprove"),
    (Capability.SPAM, "spam"),
    (Capability.TRASH, "trash"),
    (Capability.CONFLICT_DETECTION, "conflict detection"),
    (Capability.BROWSE, "open from blog"),
]


def table() -> str:
    """The backends × capabilities table in Markdown, from the backends' own declarations."""
    rows = [
        "| backend | " + " | ".join(heading for _, heading in COLUMNS) + " |",
        "|---|" + "---|" * len(COLUMNS),
    ]
    for name, backend in sorted(available_backends().items()):
        marks = " | ".join("✓" if capability in backend.capabilities else "—" for capability, _ in COLUMNS)
        rows.append(f"| {backend.label} (`{name}`) | {marks} |")
    return "\n".join(rows)


def _backends(_store: Store, args: argparse.Namespace) -> None:
    data = {
        name: {"label": backend.label, "capabilities": sorted(c.value for c in backend.capabilities)}
        for name, backend in sorted(available_backends().items())
    }
    show(args, data, table)


def add_commands(commands) -> None:
    """`longhand backends`."""
    leaf_command(commands, "backends", _backends, "list the installed blog backends and what each can do")
