"""Browsing a blog: its posts or pages a page at a time, searched and filtered by status, so the author can
pick one to open (Blog ▸ Open from Blog…). A backend declaring `Capability.BROWSE` implements
`BrowsingBackend`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from editor.backends.base import RemotePost, RemoteStatus


@dataclass(frozen=True)
class PostsPage:
    """One page of a blog's posts or pages, as `browse_posts` found them, and how many match in all."""

    posts: list[RemotePost]
    total: int


@runtime_checkable
class BrowsingBackend(Protocol):
    """What a backend with Capability.BROWSE adds to `Backend`."""

    def browse_posts(
        self,
        *,
        kind: str = "post",
        search: str = "",
        status: RemoteStatus | None = None,
        page: int = 1,
        per_page: int = 20,
    ) -> PostsPage:
        """Page `page` (from 1) of the posts (or pages) matching `search` and `status` (None: every status
        an author may edit), newest first, each with its id, title, status and dates; its content may be
        left out (`get_post` reads it). A page past the end is empty."""


def browse_listed(
    posts: Iterable[RemotePost],
    *,
    search: str = "",
    status: RemoteStatus | None = None,
    page: int = 1,
    per_page: int = 20,
) -> PostsPage:
    """`browse_posts` for a backend that reads every post anyway (a folder of files): `posts`, newest
    first, kept when every word searched for is in the title or the text and the status matches, cut into
    pages."""
    words = search.casefold().split()
    found = [
        post
        for post in posts
        if (status is None or post.status == status)
        and all(word in f"{post.title}\n{post.content}".casefold() for word in words)
    ]
    start = (max(page, 1) - 1) * per_page
    return PostsPage(found[start : start + per_page], len(found))
