"""WordPressBackend's comments and moderation (editor/backends/wordpress_comments.py) against the real
test WordPress (tests/wordpress_server.py), with readers commenting through the public form
(tests/comment_form.py).

The session's WordPress is shared: every test makes its own post, and every comment has a text (and
every reader a name and e-mail) of its own. Faults the real WordPress cannot show come from
tests/fault_proxy.py; each such test says which and why.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

import httpx
import pytest

from editor.backends.base import (
    Capability,
    CommentsBackend,
    CommentStatus,
    ConflictError,
    Credentials,
    NotFoundError,
    RemotePost,
    RemoteStatus,
    TransientError,
)
from editor.backends.wordpress import WordPressBackend
from tests.comment_form import BROWSER_UA, comment_tree, post_public_comment
from tests.fault_proxy import FaultProxy
from tests.wordpress_server import WordPress

UTC = dt.timezone.utc
COMMENTS = "/wp-json/wp/v2/comments"


def unique(label: str) -> str:
    return f"{label} {uuid.uuid4().hex[:8]}"


def make(url: str, wp: WordPress, *, api_root: str = "", timeout: float = 30.0) -> WordPressBackend:
    return WordPressBackend(Credentials(url, wp.admin_user, wp.app_password, api_root=api_root), timeout=timeout)


@pytest.fixture
def backend(wordpress: WordPress) -> Iterator[WordPressBackend]:
    with make(wordpress.url, wordpress, api_root=wordpress.rest_root) as b:
        yield b


@pytest.fixture
def proxied(wordpress: WordPress, proxy: FaultProxy) -> Iterator[WordPressBackend]:
    """The admin's backend through the proxy, told its API root (so no discovery requests)."""
    with make(proxy.url, wordpress, api_root=proxy.url + "/wp-json/", timeout=10) as b:
        yield b


@pytest.fixture
def post(backend: WordPressBackend) -> RemotePost:
    """A published post of the test's own; its title has characters WordPress escapes when rendering."""
    return backend.create_post(
        RemotePost(
            title=unique("Readers’ & <b>notes</b>"), content="<p>Say something.</p>", status=RemoteStatus.PUBLISH
        )
    )


class Reader:
    """A visitor with a name and e-mail of their own, commenting through the public form."""

    def __init__(self, wp: WordPress, label: str) -> None:
        tag = uuid.uuid4().hex[:8]
        self.wp, self.name, self.email = wp, f"{label} {tag}", f"{label.lower()}-{tag}@example.net"

    def comment(self, post: RemotePost, text: str, *, parent: int = 0) -> tuple[str, bool]:
        """(comment id, held?) of a new comment."""
        answer = post_public_comment(self.wp.url, post.id, self.name, self.email, text, parent=parent)
        return str(answer.comment_id), "unapproved=" in answer.location


def public_page(wp: WordPress, post: RemotePost) -> tuple[str, dict[str, str | None]]:
    """The post's public page as a visitor sees it (no cookies), and its comment tree."""
    response = httpx.get(post.link or f"{wp.url}/?p={post.id}", follow_redirects=True, timeout=30)
    assert response.status_code == 200
    return response.text, comment_tree(response.text)


def by_id(comments: Iterator) -> dict:
    return {c.id: c for c in comments}


# -- what the REST API itself does (the facts the backend relies on) -------------------------------
def test_status_any_lists_every_status_in_one_request(wordpress: WordPress, post: RemotePost) -> None:
    """WordPress 6.1: `status=any` returns approved, held, spam and trash comments; `status=all` only
    the first two; statuses read "approved", "hold", "spam", "trash"."""
    made = {}
    for status in ("approve", "hold", "spam", "trash"):
        made[status] = wordpress.wp_eval(
            "$id = wp_insert_comment(array('comment_post_ID' => $args['post'], 'comment_content' => $args['text'],"
            " 'comment_author' => 'Probe', 'comment_author_email' => 'probe@example.net',"
            " 'comment_approved' => $args['approved']));"
            " if ($args['status'] === 'trash') { wp_trash_comment($id); } echo $id;",
            args={
                "post": int(post.id),
                "text": unique(status),
                "status": status,
                "approved": {"approve": "1", "hold": "0", "spam": "spam", "trash": "1"}[status],
            },
        ).strip()
    with httpx.Client(
        base_url=wordpress.rest_root, auth=(wordpress.admin_user, wordpress.app_password), timeout=30
    ) as client:

        def statuses(status: str) -> dict[str, str]:
            answer = client.get(
                "wp/v2/comments",
                params={"post": post.id, "status": status, "context": "edit", "_fields": "id,status", "per_page": 100},
            )
            assert answer.status_code == 200, answer.text
            return {str(c["id"]): c["status"] for c in answer.json()}

        assert statuses("any") == {
            made["approve"]: "approved",
            made["hold"]: "hold",
            made["spam"]: "spam",
            made["trash"]: "trash",
        }
        assert statuses("all") == {made["approve"]: "approved", made["hold"]: "hold"}
        # Any update, a status change too, rewrites the author's IP and user agent with the moderator's
        # (hence the backend's read before each write); the status already set is no error.
        same = client.post(
            f"wp/v2/comments/{made['spam']}", json={"status": "spam"}, headers={"User-Agent": "Moderator/1.0"}
        )
        assert same.status_code == 200 and same.json()["status"] == "spam"
        assert same.json()["author_user_agent"] == "Moderator/1.0"


def test_capabilities(backend: WordPressBackend) -> None:
    assert {Capability.COMMENTS, Capability.MODERATION} <= WordPressBackend.capabilities
    assert isinstance(backend, CommentsBackend)


# -- readers, moderation and listing -----------------------------------------------------------------
def test_readers_comments_are_moderated_and_all_listed(
    wordpress: WordPress, backend: WordPressBackend, post: RemotePost
) -> None:
    since = dt.datetime.now(UTC) - dt.timedelta(seconds=2)
    alice, mallory = Reader(wordpress, "Alice"), Reader(wordpress, "Mallory")

    first, held = alice.comment(post, unique("First time here"))
    assert held  # a new name and e-mail: held for moderation
    assert backend.set_comment_status(first, CommentStatus.APPROVED).status == CommentStatus.APPROVED
    again = unique("Back again")
    second, held = alice.comment(post, again)
    assert not held  # an approved comment before: straight through
    links, held = alice.comment(post, unique("See http://example.com/a and http://example.com/b"))
    assert held  # two links or more: held, whoever writes
    hostile_text = unique('<script>alert(1)</script> <img src="http://203.0.113.9/x.png" onerror="x()"> hi')
    hostile, held = mallory.comment(post, hostile_text)
    assert held

    # The form's own refusals, as a reader's browser sees them.
    no_email = post_public_comment(wordpress.url, post.id, "Nobody", "", unique("Anonymous"), check=False)
    assert no_email.status == 200 and "required fields" in no_email.text
    duplicate = post_public_comment(wordpress.url, post.id, alice.name, alice.email, again, check=False)
    assert duplicate.status == 409  # the same text by the same reader on the same post

    comments = by_id(backend.list_comments(after=since))
    mine = [c for c in comments if c in (first, second, links, hostile)]
    assert mine == [first, second, links, hostile]  # oldest first
    assert {i: comments[i].status for i in mine} == {
        first: CommentStatus.APPROVED,
        second: CommentStatus.APPROVED,
        links: CommentStatus.HOLD,
        hostile: CommentStatus.HOLD,
    }
    for i in mine:
        assert comments[i].post_id == post.id and comments[i].post_title == post.title
        assert comments[i].parent_id is None and comments[i].date_gmt is not None
    assert comments[first].author_name == alice.name and comments[first].author_email == alice.email
    # The HTML the server would show: KSES dropped the script and the image when the reader saved it.
    shown = comments[hostile].content
    assert "alert(1)" in shown and "<script" not in shown and "onerror" not in shown and "<img" not in shown

    assert backend.set_comment_status(links, CommentStatus.SPAM).status == CommentStatus.SPAM
    assert backend.set_comment_status(hostile, CommentStatus.TRASH).status == CommentStatus.TRASH
    comments = by_id(backend.list_comments(after=since))
    assert comments[links].status == CommentStatus.SPAM and comments[hostile].status == CommentStatus.TRASH
    assert comments[links].post_title == post.title

    # Asking twice is fine (a retry), and restoring from the trash or spam sets the status asked for.
    assert backend.set_comment_status(hostile, CommentStatus.TRASH).status == CommentStatus.TRASH
    assert backend.set_comment_status(hostile, CommentStatus.HOLD).status == CommentStatus.HOLD
    assert backend.set_comment_status(links, CommentStatus.APPROVED).status == CommentStatus.APPROVED
    assert backend.comment_statuses([links, hostile]) == {links: CommentStatus.APPROVED, hostile: CommentStatus.HOLD}
    # Moderating kept what WordPress knows of the reader (a spam report names them, not the moderator).
    agents = wordpress.wp_eval(
        'foreach ($args as $id) { echo get_comment($id)->comment_agent, "\\n"; }', args=[first, links, hostile]
    ).splitlines()
    assert agents == [BROWSER_UA] * 3


def test_comment_statuses_follow_the_web_admin(
    wordpress: WordPress, backend: WordPressBackend, post: RemotePost
) -> None:
    reader = Reader(wordpress, "Bob")
    ids = [reader.comment(post, unique(f"Comment {n}"))[0] for n in range(3)]
    assert backend.comment_statuses(ids) == dict.fromkeys(ids, CommentStatus.HOLD)
    wordpress.wp_eval(
        "wp_set_comment_status((int) $args[0], 'approve'); wp_spam_comment((int) $args[1]);"
        " wp_delete_comment((int) $args[2], true);",
        args=ids,
    )
    assert backend.comment_statuses([*ids, "999999", "not-an-id"]) == {
        ids[0]: CommentStatus.APPROVED,
        ids[1]: CommentStatus.SPAM,
    }
    assert backend.comment_statuses([]) == {}


def test_incremental_sync_costs_two_requests(
    wordpress: WordPress, proxy: FaultProxy, proxied: WordPressBackend, post: RemotePost
) -> None:
    reader = Reader(wordpress, "Carol")
    ids = [reader.comment(post, unique(f"Sync {n}"))[0] for n in range(3)]
    known = list(proxied.list_comments())  # the first, full read
    assert [c.id for c in known if c.id in ids] == ids
    newest = max(c.date_gmt for c in known)

    proxy.requests.clear()
    new = [c for c in proxied.list_comments(after=newest) if c.id not in {k.id for k in known}]
    statuses = proxied.comment_statuses(ids)
    assert new == [] and statuses == dict.fromkeys(ids, CommentStatus.HOLD)
    assert proxy.count("GET", COMMENTS) == 2 and proxy.count() == 2  # no post titles asked for

    # A new instance (titles not known yet) with nothing new: still one request, no posts.
    with make(proxy.url, wordpress, api_root=proxy.url + "/wp-json/") as fresh:
        proxy.requests.clear()
        assert list(fresh.list_comments(after=newest + dt.timedelta(seconds=1))) == []
        assert proxy.count() == 1 and proxy.count("GET", "/wp-json/wp/v2/posts") == 0
        # Something new on a post it has not seen: one more request for the title, once.
        late, _ = reader.comment(post, unique("Late"))
        proxy.requests.clear()
        found = {c.id: c for c in fresh.list_comments(after=newest)}
        assert found[late].post_title == post.title
        assert proxy.count("GET", COMMENTS) == 1 and proxy.count("GET", "/wp-json/wp/v2/posts") == 1
        proxy.requests.clear()
        list(fresh.list_comments(after=newest))
        assert proxy.count() == 1


def test_plain_permalink_root(wordpress: WordPress, post: RemotePost) -> None:
    reader = Reader(wordpress, "Dora")
    comment, _ = reader.comment(post, unique("Via rest_route"))
    with make(wordpress.url, wordpress, api_root=wordpress.url + "/?rest_route=/") as plain:
        listed = by_id(plain.list_comments(after=dt.datetime.now(UTC) - dt.timedelta(minutes=1)))
        assert listed[comment].post_title == post.title
        assert plain.comment_statuses([comment]) == {comment: CommentStatus.HOLD}


# -- replies, edits, deletion ------------------------------------------------------------------------
def test_reply_shows_nested_on_the_public_page(
    wordpress: WordPress, backend: WordPressBackend, post: RemotePost
) -> None:
    reader = Reader(wordpress, "Erin")
    question_text = unique("Is this thing on")
    question, held = reader.comment(post, question_text)
    assert held
    page, _ = public_page(wordpress, post)
    assert question_text not in page  # held: visitors do not see it

    backend.set_comment_status(question, CommentStatus.APPROVED)
    page, tree = public_page(wordpress, post)
    assert question_text in page and tree[question] is None

    answer_text = unique("Yes, loud and clear")
    reply = backend.reply_comment(post.id, question, f"<p>{answer_text}</p>")
    assert reply.status == CommentStatus.APPROVED and reply.parent_id == question and reply.post_id == post.id
    assert reply.author_name and reply.post_title == post.title and answer_text in reply.content
    page, tree = public_page(wordpress, post)
    assert answer_text in page
    assert tree[reply.id] == question  # the reply's <li id="comment-N"> sits inside the question's

    top = backend.reply_comment(post.id, None, f"<p>{unique('An update from the author')}</p>")
    assert top.parent_id is None and backend.comment_statuses([top.id]) == {top.id: CommentStatus.APPROVED}

    backend.set_comment_status(question, CommentStatus.SPAM)
    page, tree = public_page(wordpress, post)
    assert question_text not in page and question not in tree


def test_edit_and_delete(wordpress: WordPress, backend: WordPressBackend, post: RemotePost) -> None:
    comment, _ = Reader(wordpress, "Frank").comment(post, unique("Typo hree"))
    edited = backend.edit_comment(comment, "<p>Typo <em>here</em></p>")
    assert edited.status == CommentStatus.HOLD and "<em>here</em>" in edited.content
    backend.delete_comment(comment)
    assert backend.comment_statuses([comment]) == {}
    backend.delete_comment(comment)  # already gone: done (a retry after a lost answer)
    with pytest.raises(NotFoundError) as caught:
        backend.edit_comment(comment, "<p>Too late</p>")
    assert wordpress.app_password not in str(caught.value)
    with pytest.raises(NotFoundError):
        backend.set_comment_status("../users/1", CommentStatus.SPAM)


def test_lost_reply_answer(
    wordpress: WordPress, backend: WordPressBackend, proxy: FaultProxy, proxied: WordPressBackend, post: RemotePost
) -> None:
    # Fault: WordPress makes the reply, but the answer never reaches Longhand (a dropped connection).
    question, _ = Reader(wordpress, "Gina").comment(post, unique("Anyone there"))
    text = unique("Here I am")
    proxy.set("drop_response")
    with pytest.raises(TransientError) as caught:
        proxied.reply_comment(post.id, question, f"<p>{text}</p>")
    assert wordpress.app_password not in str(caught.value)
    assert proxy.count("POST", COMMENTS) == 1
    replies = [
        c for c in backend.list_comments(after=dt.datetime.now(UTC) - dt.timedelta(minutes=1)) if text in c.content
    ]
    assert len(replies) == 1 and replies[0].parent_id == question  # made once: the core reconciles
    # A blind retry is refused by WordPress as a duplicate, not made twice.
    proxy.set("pass")
    with pytest.raises(ConflictError):
        proxied.reply_comment(post.id, question, f"<p>{text}</p>")
