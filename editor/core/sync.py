"""Bringing a blog's comments into the local inbox."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from itertools import islice

from ..backends.base import CommentsBackend, CredentialsRejectedError
from .accounts import NEEDS_CONNECT, Accounts
from .comments import HIDDEN, Comments
from .store import Store

# Comments are listed from a minute before the newest one already seen: a comment saved on the blog in
# the same second, or a server clock a little off, is not missed. Repeats are harmless (upserts).
SLACK = timedelta(minutes=1)
# Comments stored per transaction: a first sync brings thousands, and a commit each would cost more than
# the comments themselves.
BATCH = 200


@dataclass
class SyncResult:
    """What a sync changed in the store, as comment ids (the local ones)."""

    new: list[int] = field(default_factory=list)
    changed: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)


def sync_comments(store: Store, account_id: int, backend: CommentsBackend) -> SyncResult:
    """Bring a blog's new comments, and the status changes made elsewhere, into the store.

    Two steps, both cheap when nothing happened:

    1. `list_comments(after=sync point - SLACK)`: comments created since the last sync (all of them the
       first time), upserted by remote id, BATCH to a transaction. Creation dates only: a blog API cannot
       list "comments changed since", so step 2 covers changes.
    2. One `comment_statuses(ids)` call for the comments of the last 30 days (at most 100): a status changed
       in the web admin (approved, spammed, trashed, restored) reaches the store, and a comment missing
       from the answer was deleted for good and is removed here, unless an action on it is still pending
       (the author's queued decision waits for the outbox, which will find it gone). Older comments are
       not checked: a change to a comment months old may go unseen, the price of a bounded request.

    Cost: when nothing is new, one request for step 1 (one page: the comments of the last SLACK before the
    newest one seen, listed again, unless there are more than a page of them) and one for step 2, so 2
    requests per blog, given a backend whose `list_comments` takes one request per page and whose
    `comment_statuses` takes one for 100 ids (WordPress: `include=` with `per_page=100`).

    The sync point moves to the newest creation date seen, after step 1 has read every page; if the
    listing fails halfway, what was stored stays and the next sync lists it again. Backend errors are
    the caller's to report (BackendError), store errors too (StoreError).

    A blog that no longer accepts its password or token (CredentialsRejectedError) is marked NEEDS_CONNECT,
    and from then on is not asked at all: each sync raises the same error again, without a request, until
    the blog is connected again (which clears the mark).
    """
    accounts = Accounts(store)
    refused = accounts.get(account_id).options.get(NEEDS_CONNECT)
    if refused:
        raise CredentialsRejectedError(str(refused))
    try:
        return _sync(store, account_id, backend)
    except CredentialsRejectedError as exc:
        accounts.set_option(account_id, NEEDS_CONNECT, str(exc))
        raise


def _sync(store: Store, account_id: int, backend: CommentsBackend) -> SyncResult:
    comments = Comments(store)
    point = comments.sync_point(account_id)
    result = SyncResult()
    newest = point
    listed = iter(backend.list_comments(after=point - SLACK if point is not None else None))
    while batch := list(islice(listed, BATCH)):
        for remote, (comment_id, is_new, changed) in zip(batch, comments.upsert_many(account_id, batch), strict=True):
            if is_new:
                result.new.append(comment_id)
            elif changed:
                result.changed.append(comment_id)
            if remote.date_gmt is not None and (newest is None or remote.date_gmt > newest):
                newest = remote.date_gmt
    if newest is not None and newest != point:
        comments.set_sync_point(account_id, newest)
    recent = comments.recent_remote_ids(account_id)
    if recent:
        statuses = backend.comment_statuses(recent)
        fresh = set(result.new)  # a comment just listed is new, whatever its status did since
        result.changed += [
            i for i in comments.apply_statuses(account_id, statuses) if i not in fresh and i not in result.changed
        ]
        result.removed = comments.remove_remote(account_id, [r for r in recent if r not in statuses])
    return result


# The comment id up to which comments were looked at for news (ids only grow: AUTOINCREMENT).
NEWS_MARK_KEY = "notifications/comments_seen"


@dataclass(frozen=True)
class News:
    """Comments worth telling the author about, newest first (local ids), and the posts they are on."""

    ids: list[int] = field(default_factory=list)
    posts: dict[tuple[int, str], str] = field(default_factory=dict)  # (blog, post id) -> its title


def take_news(store: Store) -> News:
    """The comments stored since the last call (by any sync: the window's or `longhand comments sync`) that
    a reader wrote and the author has not seen, and move the mark past every comment stored now.

    Left out: comments already read (a reply written here is stored read), spam and trash, the author's own
    (written under the blog's user name, as a reply made in the blog's admin comes back), and everything
    a blog's first sync brings, whose thousands of old comments are not news: a blog none of whose
    comments was stored before the mark is on its first sync. The first call on a store only sets the mark.
    A blog's first comment ever is therefore never news either, a price of not keeping a sync count.
    """
    seen = store.get_setting(NEWS_MARK_KEY)
    with store.transaction("read the new comments", write=False) as conn:
        mark = int(conn.execute("SELECT COALESCE(MAX(id), 0) FROM comments").fetchone()[0])
        rows = (
            []
            if seen is None
            else conn.execute(
                "SELECT c.id, c.account_id, c.post_id, c.post_title, c.author_name, a.username "
                "FROM comments c JOIN accounts a ON a.id = c.account_id "
                "WHERE c.id > ? AND c.id <= ? AND c.read = 0 AND c.remote_id IS NOT NULL "
                "AND c.status NOT IN (?, ?) AND EXISTS "
                "(SELECT 1 FROM comments o WHERE o.account_id = c.account_id AND o.id <= ?) "
                "ORDER BY c.date DESC, c.id DESC",
                (int(seen), mark, *HIDDEN, int(seen)),
            ).fetchall()
        )
    if seen != str(mark):
        store.set_setting(NEWS_MARK_KEY, str(mark))
    news = News()
    for comment_id, account_id, post_id, title, author, username in rows:
        if author.strip().casefold() == (username or "").strip().casefold():
            continue
        news.ids.append(comment_id)
        news.posts.setdefault((account_id, post_id), title)
    return news
