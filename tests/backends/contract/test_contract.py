"""The backend contract, once, for every backend against its real server (see target.py and conftest.py).

Each test names the capabilities it needs; it runs for every target whose backend declares them, and for
no other (never a skip). A declared capability that does not work is a failure here.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest

from editor.backends.base import (
    Backend,
    Capability,
    CommentsBackend,
    CommentStatus,
    ConflictError,
    NotFoundError,
    RemotePost,
    RemoteStatus,
)
from editor.core.outbox import Outbox
from tests.backends.contract.target import Target, needs
from tests.pictures import PNG


@contextmanager
def blog(target: Target) -> Iterator[Backend]:
    """A signed-in backend, its API found as `longhand accounts add` finds it."""
    backend = target.open()
    try:
        if not target.credentials.api_root:
            backend.discover()
        yield backend
    finally:
        backend.close()


def tag() -> str:
    return secrets.token_hex(4)


def new_post(**fields) -> RemotePost:
    mark = tag()
    defaults = dict(
        title=f"Contract {mark}",
        slug=f"contract-{mark}",
        content=f"<p>The contract, said once ({mark}).</p>",
        status=RemoteStatus.PUBLISH,
    )
    return RemotePost(**{**defaults, **fields})


def listed(backend: Backend, post: RemotePost, kind: str = "post") -> list[RemotePost]:
    return [p for p in backend.list_posts(kind=kind) if p.id == post.id]


def image(name: str) -> tuple[str, bytes, str]:
    """A unique PNG and its name as the outbox gives it: the content's hash in the name."""
    data = PNG + secrets.token_bytes(16)  # bytes after IEND: still a valid PNG for every library here
    digest = hashlib.sha256(data).hexdigest()
    return f"{name}-{digest[:16]}.png", data, digest


@needs(Capability.POSTS)
def test_create_then_read_back(target: Target):
    with blog(target) as backend:
        sent = new_post()
        made = backend.create_post(sent)
        assert made.id and made.modified_gmt is not None
        read = backend.get_post(made.id)
        assert (read.id, read.title) == (made.id, sent.title)
        assert sent.content.split("(")[1].split(")")[0] in read.content
        assert [p.title for p in listed(backend, made)] == [sent.title]


@needs(Capability.POSTS)
def test_update_replaces_the_post(target: Target):
    with blog(target) as backend:
        made = backend.create_post(new_post())
        changed = RemotePost(**{**made.__dict__, "title": made.title + " (edited)", "content": "<p>Second.</p>"})
        updated = backend.update_post(changed, last_seen_modified=made.modified_gmt)
        assert updated.id == made.id
        read = backend.get_post(made.id)
        assert read.title == made.title + " (edited)" and "Second." in read.content


@needs(Capability.POSTS, Capability.CONFLICT_DETECTION)
def test_a_stale_update_is_a_conflict_and_changes_nothing(target: Target):
    with blog(target) as backend:
        made = backend.create_post(new_post())
        time.sleep(1.1)  # modification times have a resolution of a second on every blog here
        theirs = RemotePost(**{**made.__dict__, "title": made.title + " (theirs)"})
        backend.update_post(theirs, last_seen_modified=None)  # somebody else, elsewhere
        mine = RemotePost(**{**made.__dict__, "title": made.title + " (mine)"})
        with pytest.raises(ConflictError) as conflict:
            backend.update_post(mine, last_seen_modified=made.modified_gmt)
        assert conflict.value.remote is not None and conflict.value.remote.title == made.title + " (theirs)"
        assert backend.get_post(made.id).title == made.title + " (theirs)"


@needs(Capability.POSTS)
def test_delete_takes_the_post_off_the_blog(target: Target):
    with blog(target) as backend:
        made = backend.create_post(new_post())
        backend.delete_post(made.id)
        assert listed(backend, made) == []


@needs(Capability.POSTS)
def test_a_create_whose_answer_was_lost_is_found_again(target: Target):
    """What the outbox does before sending a create again: it looks for the post the lost one made."""
    with blog(target) as backend:
        sent = new_post()
        sent_at = datetime.now(UTC)
        backend.create_post(sent)  # the answer is dropped on the floor, as on a dropped connection
        found = Outbox._find_lost_create(backend, sent, sent_at)
        assert found is not None and found.title == sent.title and found.id
        # And a post never sent is not mistaken for it.
        assert Outbox._find_lost_create(backend, new_post(), sent_at) is None


@needs(Capability.PAGES)
def test_pages(target: Target):
    with blog(target) as backend:
        made = backend.create_post(new_post(kind="page"))
        read = backend.get_post(made.id, kind="page")
        assert read.kind == "page" and read.title == made.title
        assert [p.id for p in listed(backend, made, kind="page")] == [made.id]
        assert listed(backend, made, kind="post") == []


@needs(Capability.MEDIA)
def test_an_upload_is_found_again_by_its_name(target: Target):
    with blog(target) as backend:
        name, data, digest = image("contract")
        item = backend.upload_media(name, data, "image/png")
        assert item.id and item.url
        found = backend.find_media(name, digest)
        assert found is not None and found.id == item.id
        other, _, other_digest = image("never-sent")
        assert backend.find_media(other, other_digest) is None


@needs(Capability.POSTS, Capability.MEDIA, Capability.FEATURED_IMAGE)
def test_featured_image(target: Target):
    with blog(target) as backend:
        name, data, _ = image("featured")
        item = backend.upload_media(name, data, "image/png")
        made = backend.create_post(new_post(featured_media=item.id))
        assert backend.get_post(made.id).featured_media == item.id


def check_terms(target: Target, kind: str) -> None:
    with blog(target) as backend:
        name = f"contract {kind} {tag()}"
        made = backend.create_term(kind, name)
        assert made.name == name and made.kind == kind
        field = "tags" if kind == "tag" else "categories"
        post = backend.create_post(new_post(**{field: [name]}))
        assert name in getattr(backend.get_post(post.id), field)
        # Listed once a post carries it (on some blogs — Micropub's — a tag exists only on its posts).
        assert name in [t.name for t in backend.list_terms(kind)]


@needs(Capability.POSTS, Capability.TAGS)
def test_tags(target: Target):
    check_terms(target, "tag")


@needs(Capability.POSTS, Capability.CATEGORIES)
def test_categories(target: Target):
    check_terms(target, "category")


@needs(Capability.POSTS, Capability.SCHEDULING)
def test_a_scheduled_post_keeps_its_time(target: Target):
    when = (datetime.now(UTC) + timedelta(days=30)).replace(microsecond=0, second=0)
    with blog(target) as backend:
        made = backend.create_post(new_post(status=RemoteStatus.FUTURE, date_gmt=when))
        read = backend.get_post(made.id)
        assert read.status == RemoteStatus.FUTURE and read.date_gmt == when


def published_with_comment(target: Target, backend: Backend) -> tuple[str, str]:
    """A published post (by the backend, or by the site for a comments-only backend) with a reader's
    comment under it: (the post's id, the comment's id)."""
    assert target.reader_comment is not None, f"{target.name} declares comments but gives no way to post one"
    if target.declares(Capability.POSTS):
        post = backend.create_post(new_post())
        post_id, link = str(post.id), post.link or ""
    else:
        assert target.publish_elsewhere is not None, f"{target.name} has comments only and no way to make a post"
        post_id, link = target.publish_elsewhere(f"Contract {tag()}")
    return post_id, target.reader_comment(post_id, link, f"A reader's question {tag()}")


@needs(Capability.COMMENTS)
def test_a_readers_comment_is_listed_and_answered(target: Target):
    with blog(target) as backend:
        assert isinstance(backend, CommentsBackend)
        since = datetime.now(UTC) - timedelta(minutes=5)
        post_id, comment_id = published_with_comment(target, backend)
        seen = {c.id: c for c in backend.list_comments(after=since)}
        assert comment_id in seen and seen[comment_id].post_id == post_id
        reply = backend.reply_comment(post_id, comment_id, f"<p>The author's answer {tag()}</p>")
        assert reply.parent_id == comment_id
        again = {c.id: c for c in backend.list_comments(after=since)}
        assert again[reply.id].parent_id == comment_id


@needs(Capability.COMMENTS, Capability.MODERATION)
def test_moderation_approves_edits_and_deletes(target: Target):
    with blog(target) as backend:
        assert isinstance(backend, CommentsBackend)
        _post, comment_id = published_with_comment(target, backend)
        backend.set_comment_status(comment_id, CommentStatus.APPROVED)
        assert backend.comment_statuses([comment_id]) == {comment_id: CommentStatus.APPROVED}
        edited = backend.edit_comment(comment_id, "<p>Edited by the author.</p>")
        assert "Edited by the author." in edited.content
        backend.delete_comment(comment_id)
        assert backend.comment_statuses([comment_id]) == {}


def check_status_and_back(target: Target, status: CommentStatus) -> None:
    with blog(target) as backend:
        assert isinstance(backend, CommentsBackend)
        _post, comment_id = published_with_comment(target, backend)
        for wanted in (CommentStatus.APPROVED, status, CommentStatus.APPROVED):
            backend.set_comment_status(comment_id, wanted)
            assert backend.comment_statuses([comment_id]) == {comment_id: wanted}


@needs(Capability.COMMENTS, Capability.UNAPPROVE)
def test_unapprove(target: Target):
    check_status_and_back(target, CommentStatus.HOLD)


@needs(Capability.COMMENTS, Capability.SPAM)
def test_spam_and_back(target: Target):
    check_status_and_back(target, CommentStatus.SPAM)


@needs(Capability.COMMENTS, Capability.TRASH)
def test_trash_and_restore(target: Target):
    check_status_and_back(target, CommentStatus.TRASH)


@needs(Capability.POSTS)
def test_a_post_that_never_was_is_not_found(target: Target):
    with blog(target) as backend:
        made = backend.create_post(new_post())
        assert made.id
        never = made.id + "0000" if made.id.isdigit() else made.id + "-never-made"
        with pytest.raises(NotFoundError):
            backend.get_post(never)
