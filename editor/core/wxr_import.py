"""A WordPress export (editor/core/wxr.py) brought into the store: its posts and pages as drafts, and, when
the export's blog is one of the author's, its comments in the inbox.

Linked or not: when the export's address (its <link>, wp:base_blog_url or wp:base_site_url) is a WordPress
blog the author has added, each draft is linked to its post there (account, remote id = wp:post_id,
address), so publishing updates that post instead of making a second one, and the comments go into the
inbox exactly as a sync stores them (`Comments.upsert`: found by remote id, threaded by parent). Otherwise
the drafts are not linked and the comments are skipped: without the blog the inbox could neither show
them under a blog nor send a reply; adding the blog and importing again brings them (and links the drafts
imported the first time).

Importing twice makes nothing twice: a draft is found again by its post's guid, kept in
`Draft.extra["wordpress_guid"]` (so it also survives a Markdown export and import), or by the blog and
remote id; such a draft is left as it is, since the author may have edited it. Comments are found by their
remote id. Everything is written in one transaction: the import happens whole or not at all. The
conversion to Markdown, the slow part, is done before it, so the store is held only for the writes.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..backends.base import RemoteComment, RemotePost, RemoteStatus
from ..backends.wordpress_connect import same_site
from . import wxr
from .accounts import Accounts
from .comments import Comments
from .model import Account, Draft, DraftKind, RevisionReason
from .publish import to_draft
from .store import Store

GUID_KEY = "wordpress_guid"
WORDPRESS_BACKENDS = ("wordpress", "wpcom")  # blogs whose post and comment ids are WordPress's own
KINDS = {"post": DraftKind.POST, "page": DraftKind.PAGE}
_BLOCK_HTML = re.compile(r"<(p|div|blockquote|ul|ol|pre|h[1-6]|table)\b", re.I)

Progress = Callable[[int, int], None]  # (items converted, items to convert)


@dataclass
class WxrImport:
    """What an import did, for the sentences the window and the command line show."""

    blog_title: str
    blog: Account | None  # the author's blog the export came from, if it is one
    created: list[int] = field(default_factory=list)  # new drafts
    created_kinds: Counter[str] = field(default_factory=Counter)  # how many of them are posts, pages
    linked: list[int] = field(default_factory=list)  # drafts of an earlier import, now linked to the blog
    existing: list[int] = field(default_factory=list)  # drafts of an earlier import, left as they are
    comments_new: int = 0
    comments_updated: int = 0
    comments_skipped: int = 0  # the blog is not one of the author's
    left_out: Counter[str] = field(default_factory=Counter)  # items that are not drafts, by what they are

    def lines(self) -> list[str]:
        """The import said in a few plain sentences."""
        made = ", ".join(f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in sorted(self.created_kinds.items()))
        blog = f"your blog “{self.blog.name}”" if self.blog else ""
        where = f"linked to {blog}" if self.blog else "not linked to any of your blogs"
        said = [
            f"Imported {len(self.created)} drafts ({made}) from {self.blog_title}, {where}."
            if self.created
            else f"No new drafts from {self.blog_title}."
        ]
        if self.linked:
            said.append(f"{len(self.linked)} drafts imported before are now linked to {blog}.")
        if self.existing:
            said.append(f"{len(self.existing)} were already imported and were left as they are.")
        if self.blog:
            said.append(f"{self.comments_new} comments added to the inbox, {self.comments_updated} updated.")
        elif self.comments_skipped:
            said.append(
                f"{self.comments_skipped} comments skipped: the blog is not one of your blogs; "
                "add it (Blog ▸ Blogs…, or `longhand accounts add`) and import again."
            )
        if self.left_out:
            parts = ", ".join(f"{what} ({n})" for what, n in sorted(self.left_out.items()))
            said.append(f"Left out (not posts or pages): {parts}; images stay on the blog, nothing was downloaded.")
        return said


def blog_of(export: wxr.WxrExport, accounts: list[Account]) -> Account | None:
    """The author's WordPress blog the export was made on, if it is one of theirs."""
    addresses = [a for a in (export.base_blog_url, export.link, export.base_site_url) if a]
    for account in accounts:
        if account.backend in WORDPRESS_BACKENDS and any(same_site(account.base_url, a) for a in addresses):
            return account
    return None


def _guid(export: wxr.WxrExport, item: wxr.WxrItem) -> str:
    return item.guid or f"{export.base_blog_url or export.link}/?p={item.post_id}"


def _draft(export: wxr.WxrExport, item: wxr.WxrItem, blog: Account | None) -> Draft:
    """An item as a draft: its HTML as Markdown where that says the same (publish.to_draft, as a pull does)."""
    status = RemoteStatus(item.status)
    draft = to_draft(
        RemotePost(
            title=item.title,
            content=item.content,
            slug=item.slug,
            excerpt=item.excerpt,
            status=status,
            date_gmt=item.date_gmt,
            categories=item.categories,
            tags=item.tags,
            link=item.link,
        )
    )
    return replace(
        draft,
        kind=KINDS[item.post_type],
        scheduled_at=item.date_gmt,  # the post's date, as front matter's `date` keeps it
        remote_modified=item.modified_gmt if blog else None,
        extra={GUID_KEY: _guid(export, item)},
        account_id=blog.id if blog else None,
        remote_id=item.post_id if blog else None,
        remote_url=item.link if blog else None,
    )


def _as_shown(content: str) -> str:
    """A comment's stored text as WordPress shows it: paragraphs at blank lines, line breaks at newlines
    (what the REST API's rendered comment, which a sync stores, has)."""
    if _BLOCK_HTML.search(content):
        return content
    paragraphs = (p.strip() for p in re.split(r"\n[ \t]*\n", content))
    return "\n".join("<p>" + re.sub(r"[ \t]*\n", "<br />\n", p) + "</p>" for p in paragraphs if p)


def _remote_comment(item: wxr.WxrItem, comment: wxr.WxrComment) -> RemoteComment:
    return RemoteComment(
        id=comment.id,
        post_id=item.post_id,
        content=_as_shown(comment.content),
        parent_id=comment.parent_id,
        author_name=comment.author,
        author_email=comment.author_email,
        author_url=comment.author_url,
        date_gmt=comment.date_gmt,
        status=comment.status,
        post_title=item.title,
    )


def _found(store: Store, conn: sqlite3.Connection, draft: Draft) -> Draft | None:
    """The draft an earlier import made of the same post: by blog and remote id, else by guid."""
    if draft.account_id is not None and draft.remote_id is not None:
        found = store.find_by_remote(draft.account_id, draft.remote_id)
        if found is not None:
            return found
    row = conn.execute(
        "SELECT id FROM drafts WHERE deleted_at IS NULL AND json_extract(extra, '$.' || ?) = ? ORDER BY id LIMIT 1",
        (GUID_KEY, draft.extra[GUID_KEY]),
    ).fetchone()
    return store.get_draft(row[0]) if row else None


def import_export(store: Store, export: wxr.WxrExport, *, progress: Progress | None = None) -> WxrImport:
    """Bring a read export into the store (see the module's docstring); StoreError if the store refuses,
    and then nothing was imported."""
    blog = blog_of(export, Accounts(store).list())
    result = WxrImport(blog_title=export.title or export.link or "the export", blog=blog)
    wanted: list[wxr.WxrItem] = []
    for item in export.items:
        if item.post_type in KINDS and item.status in set(RemoteStatus):
            wanted.append(item)
        else:
            what = item.post_type if item.post_type not in KINDS else f"{item.post_type} ({item.status or 'no status'})"
            result.left_out[what or "unknown item"] += 1
        if item.other_comments:
            result.left_out["pingback or trackback"] += item.other_comments
    drafts: list[Draft] = []
    for done, item in enumerate(wanted):
        if progress is not None:
            progress(done, len(wanted))
        drafts.append(_draft(export, item, blog))
    # The store's methods inside this transaction join it: the whole import commits or none of it.
    with store.transaction("import the WordPress export") as conn:
        comments = Comments(store)
        for item, draft in zip(wanted, drafts, strict=True):
            earlier = _found(store, conn, draft)
            if earlier is None:
                result.created.append(store.create_draft(draft, revision=RevisionReason.IMPORT).stored_id)
                result.created_kinds[draft.kind.value] += 1
            elif blog is not None and earlier.account_id is None:
                store.set_remote(
                    earlier.stored_id,
                    account_id=blog.id,
                    remote_id=draft.remote_id,
                    remote_url=draft.remote_url,
                    remote_modified=draft.remote_modified,
                )
                result.linked.append(earlier.stored_id)
            else:
                result.existing.append(earlier.stored_id)
            if blog is None:
                result.comments_skipped += len(item.comments)
                continue
            for comment in item.comments:
                _, new, changed = comments.upsert(blog.stored_id, _remote_comment(item, comment))
                result.comments_new += new
                result.comments_updated += changed
    if progress is not None:
        progress(len(wanted), len(wanted))
    return result


def import_file(store: Store, path: Path, *, progress: Progress | None = None) -> WxrImport:
    """Read a WordPress export file and import it; WxrError (nothing imported) when it is not one."""
    return import_export(store, wxr.read(path), progress=progress)
