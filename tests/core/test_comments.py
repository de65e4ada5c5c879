"""The comment inbox's repository against a real SQLite file: upserts, views, threads, queued actions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from editor.backends.base import CommentStatus, RemoteComment
from editor.core.comment_edits import apply_edit
from editor.core.comments import CommentNotFound, Comments
from editor.core.store import Store, StoreError

T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


class FakeClock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> Iterator[Store]:
    with Store.open(tmp_path / "data", clock=clock) as opened:
        yield opened


def _account(store: Store, name: str) -> int:
    # Straight into the table: Accounts.add also writes the password to the OS keyring, which these
    # tests neither need nor should touch; comments only need the row their foreign key points at.
    with store.transaction() as conn:
        return conn.execute(
            "INSERT INTO accounts (name, backend, base_url, username, created_at) "
            "VALUES (?, 'wordpress', 'https://blog.example', 'me', ?)",
            (name, T0.isoformat()),
        ).lastrowid


@pytest.fixture
def blog(store: Store) -> int:
    return _account(store, "blog")


@pytest.fixture
def comments(store: Store) -> Comments:
    return Comments(store)


def remote(
    cid: str,
    *,
    post: str = "7",
    parent: str | None = None,
    minutes: int = 0,
    status: CommentStatus = CommentStatus.APPROVED,
    content: str = "<p>hello</p>",
) -> RemoteComment:
    return RemoteComment(
        id=cid,
        post_id=post,
        content=content,
        parent_id=parent,
        author_name=f"reader {cid}",
        author_email=f"r{cid}@example.org",
        date_gmt=T0 + timedelta(minutes=minutes),
        status=status,
        post_title=f"Post {post}",
    )


def test_upsert_inserts_then_updates_and_keeps_the_read_flag(comments: Comments, blog: int) -> None:
    first, is_new, changed = comments.upsert(blog, remote("1", content='<p onclick="x()">hi</p><script>1</script>'))
    assert is_new and not changed
    assert first.remote_id == "1" and first.status == "approved" and not first.read
    assert first.content.startswith("<p onclick") and first.html == "<p>hi</p>"
    assert first.date == T0 and first.post_title == "Post 7" and first.author_email == "r1@example.org"

    comments.mark_read([first.id])
    same, is_new, changed = comments.upsert(blog, remote("1", content='<p onclick="x()">hi</p><script>1</script>'))
    assert (same.id, is_new, changed, same.read) == (first.id, False, False, True)

    edited, is_new, changed = comments.upsert(blog, remote("1", content="<p>edited</p>", status=CommentStatus.SPAM))
    assert (edited.id, is_new, changed) == (first.id, False, True)
    assert edited.html == "<p>edited</p>" and edited.status == "spam" and edited.read
    assert comments.get(first.id) == edited


def test_same_remote_id_on_two_blogs_is_two_comments(store: Store, comments: Comments, blog: int) -> None:
    other = _account(store, "other")
    a, _, _ = comments.upsert(blog, remote("1"))
    b, is_new, _ = comments.upsert(other, remote("1"))
    assert is_new and a.id != b.id


def test_views_and_unread_counts(store: Store, comments: Comments, blog: int) -> None:
    other = _account(store, "other")
    ids = {}
    for minutes, (cid, status) in enumerate(
        [
            ("1", CommentStatus.APPROVED),
            ("2", CommentStatus.HOLD),
            ("3", CommentStatus.SPAM),
            ("4", CommentStatus.TRASH),
            ("5", CommentStatus.APPROVED),
        ]
    ):
        ids[cid] = comments.upsert(blog, remote(cid, status=status, minutes=minutes, post="8" if cid == "5" else "7"))[
            0
        ].id
    ids["o"] = comments.upsert(other, remote("9", minutes=10))[0].id
    comments.mark_read([ids["1"]])

    def view(name: str, **kw: object) -> list[int]:
        return [c.id for c in comments.list(view=name, **kw)]

    assert view("all") == [ids["o"], ids["5"], ids["2"], ids["1"]]  # newest first, no spam or trash
    assert view("unread") == [ids["o"], ids["5"], ids["2"]]
    assert view("pending") == [ids["2"]]
    assert view("approved", account_id=blog) == [ids["5"], ids["1"]]
    assert view("spam") == [ids["3"]] and view("trash") == [ids["4"]]
    assert view("all", account_id=blog, post_id="7") == [ids["2"], ids["1"]]
    assert view("all", limit=2) == [ids["o"], ids["5"]]
    with pytest.raises(ValueError):
        comments.list(view="everything")

    assert comments.unread_count() == 3 and comments.unread_count(blog) == 2 and comments.unread_count(other) == 1
    comments.mark_read([ids["2"], ids["o"]])
    assert comments.unread_count() == 1
    comments.mark_read([ids["2"]], read=False)
    assert comments.unread_count(blog) == 2


def test_get_of_a_missing_comment(comments: Comments) -> None:
    with pytest.raises(CommentNotFound):
        comments.get(404)
    assert issubclass(CommentNotFound, StoreError)


def test_thread_in_reading_order(comments: Comments, blog: int) -> None:
    made = {}
    # (remote id, parent, minutes): given out of order on purpose.
    for cid, parent, minutes in [
        ("3", "1", 3),
        ("1", None, 0),
        ("2", None, 1),
        ("4", "3", 4),
        ("5", "1", 2),
        ("6", "99", 5),
        ("7", "2", 6),
    ]:
        made[cid] = comments.upsert(blog, remote(cid, parent=parent, minutes=minutes))[0]
    comments.upsert(blog, remote("8", parent="1", minutes=7, status=CommentStatus.SPAM))
    comments.upsert(blog, remote("9", post="other", minutes=1))

    thread = comments.thread(made["4"].id)
    assert [(c.remote_id, depth) for c, depth in thread] == [
        ("1", 0),
        ("5", 1),
        ("3", 1),
        ("4", 2),
        ("2", 0),
        ("7", 1),
        ("6", 0),
    ]  # 6's parent is unknown here


def test_thread_survives_parents_that_loop(comments: Comments, blog: int) -> None:
    a = comments.upsert(blog, remote("1", parent="2"))[0]
    comments.upsert(blog, remote("2", parent="1", minutes=1))
    assert [(c.remote_id, d) for c, d in comments.thread(a.id)] == [("1", 0), ("2", 1)]


def test_queued_moderation_wins_until_sent(comments: Comments, blog: int) -> None:
    held = comments.upsert(blog, remote("1", status=CommentStatus.HOLD))[0]
    approved, previous = comments.queue_status(held.id, CommentStatus.APPROVED)
    assert previous == "hold" and approved.status == "approved" and approved.pending == "approved"

    # A sync before the approval is sent still sees it held: the author's decision stays.
    again, _, _ = comments.upsert(blog, remote("1", status=CommentStatus.HOLD, content="<p>new text</p>"))
    assert again.status == "approved" and again.pending == "approved" and again.html == "<p>new text</p>"
    assert comments.apply_statuses(blog, {"1": CommentStatus.HOLD}) == []
    assert comments.remove_remote(blog, ["1"]) == []

    done = comments.sent(held.id, remote("1", status=CommentStatus.APPROVED, content="<p>new text</p>"))
    assert done.status == "approved" and done.pending == "" and done.error == ""
    assert comments.apply_statuses(blog, {"1": CommentStatus.TRASH}) == [held.id]
    assert comments.get(held.id).status == "trash"


def test_same_status_queues_nothing(comments: Comments, blog: int) -> None:
    c = comments.upsert(blog, remote("1"))[0]
    same, previous = comments.queue_status(c.id, "approved")
    assert previous == "approved" and same.pending == ""


def test_failed_moderation_is_reverted_with_a_reason(comments: Comments, blog: int) -> None:
    c = comments.upsert(blog, remote("1"))[0]
    comments.queue_status(c.id, CommentStatus.SPAM)
    assert comments.sent(c.id).pending == ""
    _, previous = comments.queue_status(c.id, CommentStatus.TRASH)
    reverted = comments.revert(c.id, previous, "The blog said no.")
    assert (reverted.status, reverted.pending, reverted.error) == ("spam", "", "The blog said no.")
    # The next moderation starts afresh.
    assert comments.queue_status(c.id, CommentStatus.APPROVED)[0].error == ""


def test_reply_is_local_until_sent(comments: Comments, blog: int, clock: FakeClock) -> None:
    parent = comments.upsert(blog, remote("1"))[0]
    clock.now = T0 + timedelta(hours=1)
    reply = comments.add_reply(parent, '<p>Thanks!</p><img src="http://x.example/a.png">', "Me")
    assert reply.remote_id is None and reply.parent_remote_id == "1" and reply.post_id == parent.post_id
    assert reply.post_title == parent.post_title and reply.account_id == blog
    assert (reply.status, reply.read, reply.pending, reply.date) == ("approved", True, "reply", clock.now)
    assert reply.html == '<p>Thanks!</p><img data-blocked-src="http://x.example/a.png">'
    assert [(c.id, d) for c, d in comments.thread(parent.id)] == [(parent.id, 0), (reply.id, 1)]
    with pytest.raises(StoreError):
        comments.queue_status(reply.id, CommentStatus.TRASH)  # nothing on the blog to moderate yet
    with pytest.raises(StoreError):
        comments.add_reply(reply, "<p>to myself</p>", "Me")

    # A sync ran between the blog taking the reply and reply_sent: the copy it stored goes away.
    answer = remote("2", parent="1", minutes=61, content="<p>Thanks!</p>")
    copy, is_new, _ = comments.upsert(blog, answer)
    assert is_new
    sent = comments.reply_sent(reply.id, answer)
    assert (sent.id, sent.remote_id, sent.pending, sent.date) == (reply.id, "2", "", answer.date_gmt)
    with pytest.raises(CommentNotFound):
        comments.get(copy.id)
    assert comments.upsert(blog, answer)[1:] == (False, False)


def test_failed_reply_keeps_its_text(comments: Comments, blog: int) -> None:
    parent = comments.upsert(blog, remote("1"))[0]
    reply = comments.add_reply(parent, "<p>words</p>", "Me")
    failed = comments.revert(reply.id, None, "Not sent: no.")
    assert (failed.status, failed.pending, failed.error, failed.html) == (
        "approved",
        "",
        "Not sent: no.",
        "<p>words</p>",
    )


def test_recent_remote_ids_and_removal(comments: Comments, blog: int, clock: FakeClock) -> None:
    clock.now = T0 + timedelta(days=40)
    for cid, days in [("old", 0), ("a", 15), ("b", 39), ("c", 30)]:
        comments.upsert(blog, remote(cid, minutes=days * 24 * 60))
    comments.add_reply(comments.list()[0], "<p>local</p>", "Me")
    assert comments.recent_remote_ids(blog) == ["b", "c", "a"]
    assert comments.recent_remote_ids(blog, within=timedelta(days=20), limit=1) == ["b"]
    removed = comments.remove_remote(blog, ["a", "zzz"])
    assert len(removed) == 1 and comments.recent_remote_ids(blog) == ["b", "c"]


def test_sync_point_only_moves_forward(comments: Comments, blog: int) -> None:
    assert comments.sync_point(blog) is None
    comments.set_sync_point(blog, T0)
    assert comments.sync_point(blog) == T0
    comments.set_sync_point(blog, T0 - timedelta(hours=1))
    assert comments.sync_point(blog) == T0
    comments.set_sync_point(blog, T0 + timedelta(seconds=1))
    assert comments.sync_point(blog) == T0 + timedelta(seconds=1)


def test_comments_go_with_their_blog(store: Store, comments: Comments, blog: int) -> None:
    comments.upsert(blog, remote("1"))
    comments.set_sync_point(blog, T0)
    with store.transaction() as conn:
        conn.execute("DELETE FROM accounts WHERE id = ?", (blog,))
    assert comments.list() == [] and comments.sync_point(blog) is None


def test_an_edit_not_sent_yet_keeps_its_text_through_a_sync(store: Store, comments: Comments, blog: int) -> None:
    original = comments.upsert(blog, remote("1", content="<p>typo</p>"))[0]
    apply_edit(store, original.id, "<p>fixed</p>")
    # The blog still has the old text until the outbox sends the edit: the sync must not bring it back.
    again, _, _ = comments.upsert(blog, remote("1", content="<p>typo</p>"))
    assert again.html == "<p>fixed</p>" and again.pending == "edit"


def test_every_write_to_the_comments_is_counted_and_nothing_else(store: Store, comments: Comments, blog: int) -> None:
    from dataclasses import replace

    from editor.core.comment_views import comment_writes
    from editor.core.model import Draft

    counts = [comment_writes(comments)]
    first, _new, _changed = comments.upsert(blog, remote("1"))
    counts.append(comment_writes(comments))
    comments.mark_read([first.id])
    counts.append(comment_writes(comments))
    draft = store.create_draft(Draft(title="Not a comment"))
    store.save_draft(replace(draft, body="Drafts are written apart."))
    counts.append(comment_writes(comments))
    comments.remove_remote(blog, ["1"])
    counts.append(comment_writes(comments))
    assert counts[1] > counts[0] and counts[2] > counts[1] and counts[3] == counts[2] and counts[4] > counts[3]
