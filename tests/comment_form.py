"""A reader leaving a comment through a WordPress post's public "Leave a Reply" form, as a browser does.

The form POSTs to /wp-comments-post.php (application/x-www-form-urlencoded). WordPress answers a
comment it took with a 302 back to the post (`#comment-N`; a held one adds `unapproved=N` and a
`moderation-hash`). It answers an error page with 200 when the name or e-mail is missing
(require_name_email), and 409 for the same text twice on a post ("Duplicate comment detected").
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import NamedTuple

import httpx

BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0"


class FormAnswer(NamedTuple):
    status: int
    location: str
    text: str = ""  # the page, when WordPress answered one (an error) rather than a redirect

    @property
    def comment_id(self) -> int | None:
        """The new comment's id, from the redirect's `#comment-N`."""
        found = re.search(r"#comment-(\d+)$", self.location)
        return int(found.group(1)) if found else None


def post_public_comment(
    url: str,
    post_id: int | str,
    author: str,
    email: str,
    text: str,
    *,
    parent: int | str = 0,
    check: bool = True,
    timeout: float = 30.0,
) -> FormAnswer:
    """POSTs the public comment form of the site at `url`, without signing in and without following
    the redirect. With `check`, anything but WordPress's 302 to the comment raises AssertionError."""
    form = {
        "author": author,
        "email": email,
        "url": "",
        "comment": text,
        "comment_post_ID": str(post_id),
        "comment_parent": str(parent),
        "submit": "Post Comment",
    }
    response = httpx.post(
        url.rstrip("/") + "/wp-comments-post.php",
        data=form,
        follow_redirects=False,
        timeout=timeout,
        headers={"User-Agent": BROWSER_UA, "Referer": url},
    )
    answer = FormAnswer(
        response.status_code, response.headers.get("location", ""), "" if response.status_code == 302 else response.text
    )
    if check:
        assert answer.status == 302 and answer.comment_id is not None, (
            f"the comment form answered {answer.status} (location {answer.location!r}): "
            f"{re.sub(r'<[^>]+>', ' ', answer.text)[:500]}"
        )
    return answer


class _CommentTree(HTMLParser):
    """Which `<li id="comment-N">` of a page sits inside which (the parent of each comment on the page)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str | None] = []
        self.parent: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "li":
            ident = dict(attrs).get("id") or ""
            comment = ident.removeprefix("comment-") if ident.startswith("comment-") else None
            if comment:
                self.parent[comment] = next((c for c in reversed(self.stack) if c), None)
            self.stack.append(comment)

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self.stack:
            self.stack.pop()


def comment_tree(page: str) -> dict[str, str | None]:
    """Each comment on a public page (by id) and the comment it is nested under (None at top level)."""
    tree = _CommentTree()
    tree.feed(page)
    return tree.parent
