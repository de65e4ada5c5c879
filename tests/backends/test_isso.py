"""IssoBackend (editor/backends/isso.py, isso_client.py) against a real Isso server on 127.0.0.1 and the static
site it keeps comments for (tests/isso_server.py): readers comment through Isso's public API as its embed
does; the author lists, approves, answers, edits and deletes through the backend; what readers see is read
back through the public API.

The session's Isso is shared: every test publishes pages of its own. Faults the real Isso cannot show (a
portal's page, a server error, a redirect elsewhere) come from tests/fault_proxy.py; each such test says so.
"""

from __future__ import annotations

import html
import re
import secrets
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from editor.backends.base import (
    AuthenticationError,
    BadResponseError,
    Capability,
    CommentsBackend,
    CommentStatus,
    Credentials,
    CredentialsRejectedError,
    InsecureTransportError,
    NotFoundError,
    PermanentError,
    RateLimitedError,
    RemotePost,
    TransientError,
)
from editor.backends.html_markdown import html_to_markdown
from editor.backends.isso import NOT_HERE, IssoBackend
from editor.core.render import plain_html
from tests.fault_proxy import FaultProxy
from tests.isso_server import IssoSetup, shared, start_isso

AUTHOR = "Ada Author"


def tag() -> str:
    return secrets.token_hex(4)


@pytest.fixture(scope="module")
def isso(tmp_path_factory: pytest.TempPathFactory) -> IssoSetup:
    return shared(tmp_path_factory)


def make(url: str, isso: IssoSetup, *, password: str | None = None, timeout: float = 30.0) -> IssoBackend:
    return IssoBackend(Credentials(url, AUTHOR, password or isso.password), timeout=timeout)


@pytest.fixture
def backend(isso: IssoSetup) -> Iterator[IssoBackend]:
    with make(isso.url, isso) as b:
        yield b


def recent() -> datetime:
    return datetime.now(UTC) - timedelta(minutes=5)


def listed(backend: IssoBackend, comment_id: object) -> dict:
    found = {c.id: c for c in backend.list_comments(after=recent())}
    return found.get(str(comment_id))


def public_ids(isso: IssoSetup, uri: str) -> dict[str, dict]:
    return {str(c["id"]): c for c in isso.public(uri) if c["mode"] == 1}


# -- signing in --------------------------------------------------------------------------------------
def test_declares_comments_and_moderation_only():
    assert IssoBackend.capabilities == {Capability.COMMENTS, Capability.MODERATION}
    with IssoBackend(Credentials("http://127.0.0.1:9", AUTHOR, "unused")) as backend:
        assert isinstance(backend, CommentsBackend)


def test_discover_and_sign_in(backend: IssoBackend, isso: IssoSetup):
    assert backend.discover() == isso.url
    info = backend.verify()
    assert info.url == isso.site and info.api_root == isso.url  # the site, as Isso's answers name it
    assert info.user_name == AUTHOR


def test_a_wrong_password_is_refused_without_repeating_it(isso: IssoSetup):
    wrong = "not-" + secrets.token_urlsafe(12)
    with make(isso.url, isso, password=wrong) as backend, pytest.raises(CredentialsRejectedError) as refused:
        backend.verify()
    assert isinstance(refused.value, AuthenticationError)
    assert wrong not in str(refused.value) and "admin password" in str(refused.value)
    with make(isso.url, isso, password=wrong) as backend, pytest.raises(AuthenticationError):
        list(backend.list_comments())


def test_the_sites_own_address_is_not_an_isso_server(isso: IssoSetup):
    with make(isso.site, isso) as backend, pytest.raises(PermanentError, match="not an Isso server"):
        backend.discover()


def test_plain_http_to_another_machine_is_refused_before_any_request(isso: IssoSetup):
    with make("http://comments.example.com", isso) as backend:
        for step in (backend.discover, backend.verify):
            with pytest.raises(InsecureTransportError) as refused:
                step()
            assert isso.password not in str(refused.value)


def test_an_expired_session_signs_in_again(backend: IssoBackend, isso: IssoSetup):
    uri, _ = isso.publish()
    held = isso.reader_comment(uri, f"Still there? {tag()}")
    backend.verify()
    backend._client._session = "expired.session.cookie"  # what Isso says to a day-old cookie: its sign-in form
    assert listed(backend, held["id"]).status == CommentStatus.HOLD


# -- reading -----------------------------------------------------------------------------------------
def test_a_readers_comment_is_listed_held_with_all_isso_knows(backend: IssoBackend, isso: IssoSetup):
    uri, title = isso.publish()
    mark = tag()
    sent = isso.reader_comment(
        uri,
        f"Do they have *showers*? <script>alert(1)</script> {mark}",
        author="Tom & Jerry <x>",
        email=f"tj-{mark}@example.com",
        website="example.com",
    )
    assert sent["mode"] == 2 and str(sent["id"]) not in public_ids(isso, uri)  # held: readers do not see it
    comment = listed(backend, sent["id"])
    assert comment.status == CommentStatus.HOLD
    assert (comment.post_id, comment.post_title, comment.parent_id) == (uri, title, None)
    assert (comment.author_name, comment.author_email, comment.author_url) == (
        "Tom & Jerry <x>",
        f"tj-{mark}@example.com",
        "http://example.com",
    )
    # Isso's own rendering: Markdown made HTML, the reader's HTML escaped.
    assert "<em>showers</em>" in comment.content and "&lt;script&gt;" in comment.content
    assert comment.link == f"{isso.site}{uri}#isso-{sent['id']}"
    # The admin page shows the time to the minute, in the server's zone (UTC+5:45); until the zone is learned
    # the time is capped by the server's clock (its Date header, to the second).
    made = datetime.fromtimestamp(sent["created"], UTC)
    assert comment.date_gmt is not None and -timedelta(seconds=2) < made - comment.date_gmt < timedelta(seconds=61)
    assert backend.comment_statuses([str(sent["id"]), "999999", "x"]) == {str(sent["id"]): CommentStatus.HOLD}


def test_approved_comments_have_their_exact_time_and_the_zone_is_learned(backend: IssoBackend, isso: IssoSetup):
    uri, _ = isso.publish()
    first = isso.reader_comment(uri, f"First {tag()}")
    backend.set_comment_status(str(first["id"]), CommentStatus.APPROVED)
    answer = isso.reader_comment(uri, f"An answer to the first {tag()}", parent=str(first["id"]))
    backend.set_comment_status(str(answer["id"]), CommentStatus.APPROVED)
    held = isso.reader_comment(uri, f"Held {tag()}")
    with make(isso.url, isso) as fresh:  # knows nothing yet
        found = {c.id: c for c in fresh.list_comments(after=recent())}
        assert found[str(first["id"])].date_gmt == datetime.fromtimestamp(first["created"], UTC)
        assert found[str(answer["id"])].parent_id == str(first["id"])
        assert fresh._offset == timedelta(hours=5, minutes=45)  # Asia/Kathmandu, from the approved ones
        made = datetime.fromtimestamp(held["created"], UTC)
        assert timedelta(0) <= made - found[str(held["id"])].date_gmt < timedelta(seconds=61)
        # Oldest first (a held comment's time is known to the minute only); a later `after` leaves out the
        # approved ones made before it.
        ordered = [c.id for c in found.values() if c.post_id == uri and c.status == CommentStatus.APPROVED]
        assert ordered == [str(first["id"]), str(answer["id"])]
        later = {c.id for c in fresh.list_comments(after=datetime.fromtimestamp(answer["created"] + 0.5, UTC))}
        assert str(first["id"]) not in later and str(held["id"]) in later


# -- moderating --------------------------------------------------------------------------------------
def test_approve_reply_edit_delete_as_readers_see_them(backend: IssoBackend, isso: IssoSetup):
    uri, title = isso.publish()
    question = isso.reader_comment(uri, f"Do they have showers? {tag()}")
    cid = str(question["id"])

    approved = backend.set_comment_status(cid, CommentStatus.APPROVED)
    assert approved.status == CommentStatus.APPROVED and approved.post_title == title
    assert cid in public_ids(isso, uri)
    assert backend.set_comment_status(cid, CommentStatus.APPROVED).status == CommentStatus.APPROVED  # done already
    assert backend.comment_statuses([cid]) == {cid: CommentStatus.APPROVED}

    mark = tag()
    reply = backend.reply_comment(uri, cid, f"<p>Yes, <strong>hot</strong> ones: 2 * 3 &lt; 7, snake_case {mark}</p>")
    assert reply.status == CommentStatus.APPROVED and reply.parent_id == cid and reply.author_name == AUTHOR
    seen = public_ids(isso, uri)[reply.id]
    assert seen["parent"] == question["id"] and seen["author"] == AUTHOR
    assert f"<strong>hot</strong> ones: 2 * 3 &lt; 7, snake_case {mark}" in seen["text"]  # Markdown, escaped
    assert listed(backend, reply.id).parent_id == cid

    # Isso files a reply to a reply under the top-level comment.
    deeper = backend.reply_comment(uri, reply.id, "<p>And towels.</p>")
    assert deeper.parent_id == cid

    edited = backend.edit_comment(cid, "<p>Do they have <em>hot</em> showers?</p>")
    assert "<em>hot</em> showers?" in edited.content and edited.status == CommentStatus.APPROVED
    assert "<em>hot</em> showers?" in public_ids(isso, uri)[cid]["text"]

    backend.delete_comment(deeper.id)
    assert deeper.id not in public_ids(isso, uri)
    assert backend.comment_statuses([deeper.id, reply.id]) == {reply.id: CommentStatus.APPROVED}
    backend.delete_comment(deeper.id)  # already gone: done (a retry after a lost answer)
    with pytest.raises(NotFoundError):
        backend.edit_comment(deeper.id, "<p>Too late</p>")


def test_a_reply_to_a_held_comment(backend: IssoBackend, isso: IssoSetup):
    """Isso takes it, approved, but readers see it only once its parent is approved."""
    uri, _ = isso.publish()
    held = isso.reader_comment(uri, f"A first question {tag()}")
    reply = backend.reply_comment(uri, str(held["id"]), f"<p>Answered before approving {tag()}</p>")
    assert reply.status == CommentStatus.APPROVED and reply.parent_id == str(held["id"])
    assert listed(backend, reply.id).parent_id == str(held["id"])  # learned from Isso's answer
    assert reply.id not in public_ids(isso, uri)
    backend.set_comment_status(str(held["id"]), CommentStatus.APPROVED)
    assert reply.id in public_ids(isso, uri)


MARKDOWN_REPLIES = [
    "Yes, **hot** ones, and *cold*; 2 * 3 < 7 & snake_case ~tilde~ ^caret^ [not a link] <b>not bold</b>",
    "1986. A good year.\n\n# not a heading, escaped: \\# nor \\- a list",
    "A `code span` and ``a `tick` inside``; &copy; typed as text stays text: &amp;copy;",
    "- one\n- two\n\n1. first\n2. second\n\n> a quote\n\n    indented code\n\n---\n\n[a link](https://example.com/a_b?x=1&y=2)",
    "line one  \nline two\n\n~~struck~~ and “quotes” — dashes…",
]


@pytest.mark.parametrize("markdown_text", MARKDOWN_REPLIES)
def test_a_reply_keeps_its_text_through_isso_markdown(isso: IssoSetup, markdown_text: str):
    """What Longhand sends (the author's Markdown, rendered) comes out of Isso's own renderer with the same
    text: the HTML is written back as Markdown, escaped where Isso would read markup."""
    sent = plain_html(markdown_text)
    rendered = httpx.post(f"{isso.url}/preview", json={"text": html_to_markdown(sent)}, timeout=10).json()["text"]
    assert words(rendered) == words(sent)


def words(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def test_what_isso_cannot_do_is_refused_and_changes_nothing(backend: IssoBackend, isso: IssoSetup):
    uri, _ = isso.publish()
    held = str(isso.reader_comment(uri, f"Cheap tickets {tag()}")["id"])
    with pytest.raises(PermanentError, match="no spam"):
        backend.set_comment_status(held, CommentStatus.SPAM)
    with pytest.raises(PermanentError, match="no trash"):
        backend.set_comment_status(held, CommentStatus.TRASH)
    assert backend.set_comment_status(held, CommentStatus.HOLD).status == CommentStatus.HOLD  # held already
    assert backend.comment_statuses([held]) == {held: CommentStatus.HOLD}
    backend.set_comment_status(held, CommentStatus.APPROVED)
    with pytest.raises(PermanentError, match="once it is approved"):
        backend.set_comment_status(held, CommentStatus.HOLD)
    assert backend.comment_statuses([held]) == {held: CommentStatus.APPROVED}
    with pytest.raises(PermanentError, match="three characters"):
        backend.reply_comment(uri, held, "<p>ok</p>")
    with pytest.raises(NotFoundError):
        backend.set_comment_status("999999", CommentStatus.APPROVED)


def test_posts_media_and_terms_belong_to_the_site(backend: IssoBackend):
    for call in (
        lambda: backend.list_posts(),
        lambda: backend.get_post("/posts/x/"),
        lambda: backend.create_post(RemotePost(title="A post")),
        lambda: backend.update_post(RemotePost(id="/posts/x/"), last_seen_modified=None),
        lambda: backend.delete_post("/posts/x/"),
        lambda: backend.upload_media("a.png", b"", "image/png"),
        lambda: backend.find_media("a-0123456789abcdef.png", "0123456789abcdef"),
        lambda: backend.list_terms("tag"),
        lambda: backend.create_term("tag", "trains"),
    ):
        with pytest.raises(PermanentError) as refused:
            call()
        assert str(refused.value) == NOT_HERE


def test_isso_guard_applies_to_the_author_too(tmp_path):
    """A server with Isso's default guard: two comments a minute from one address, no reply to a comment
    its writer may still edit. The author writes from this machine, as any reader might."""
    strict = start_isso(tmp_path / "strict")
    try:
        uri, _ = strict.publish()
        reader = str(strict.reader_comment(uri, f"A question {tag()}")["id"])
        with make(strict.url, strict) as backend:
            own = backend.reply_comment(uri, None, f"<p>A note from the author {tag()}</p>")
            with pytest.raises(TransientError, match="may still be edited") as own_reply:
                backend.reply_comment(uri, own.id, f"<p>And a reply to it {tag()}</p>")
            backend.reply_comment(uri, reader, f"<p>An answer {tag()}</p>")  # the second of the minute
            with pytest.raises(RateLimitedError) as limited:
                backend.reply_comment(uri, reader, f"<p>One too many {tag()}</p>")
        assert limited.value.retry_after == 60.0 and limited.value.retryable and own_reply.value.retryable
        assert "127.0.0.0" not in str(limited.value) + str(own_reply.value)  # Isso's reason names it
    finally:
        strict.stop()


# -- faults the real server cannot show --------------------------------------------------------------
def test_a_web_page_instead_of_isso_is_a_bad_response(isso: IssoSetup):
    """Fault proxy: a Wi-Fi portal's page answers every request."""
    uri, _ = isso.publish()
    cid = str(isso.reader_comment(uri, f"Through a portal {tag()}")["id"])
    with FaultProxy(isso.url) as proxy, make(proxy.url, isso, timeout=10) as backend:
        backend.verify()
        proxy.set("html")
        with pytest.raises(BadResponseError) as page:
            list(backend.list_comments())
        with pytest.raises(BadResponseError):
            backend.reply_comment(uri, cid, "<p>Through a portal</p>")
        with pytest.raises(BadResponseError):
            backend.verify()
    assert isso.password not in str(page.value) and "web page" in str(page.value)


def test_server_errors_and_dropped_connections_are_transient(isso: IssoSetup):
    """Fault proxy: a 500, a 429 with Retry-After, and an answer lost after Isso acted."""
    uri, _ = isso.publish()
    cid = str(isso.reader_comment(uri, f"Flaky network {tag()}")["id"])
    with FaultProxy(isso.url) as proxy, make(proxy.url, isso, timeout=10) as backend:
        proxy.set("status", status=500, body=b"<h1>Internal Server Error</h1>")
        with pytest.raises(TransientError):
            backend.comment_statuses([cid])
        proxy.set("status", status=429, headers={"Retry-After": "7"})
        with pytest.raises(RateLimitedError) as slow:
            backend.verify()
        assert slow.value.retry_after == 7
        proxy.set("pass")
        backend.verify()
        proxy.chaos(1, 1.0, faults=("drop_response",), only=lambda method, target: "/delete/" in target)
        with pytest.raises(TransientError):
            backend.delete_comment(cid)
        assert proxy.fault_counts() == {"drop_response": 1}
        backend.delete_comment(cid)  # Isso had deleted it: done, without a second delete
        assert backend.comment_statuses([cid]) == {}


def test_a_redirect_elsewhere_is_not_followed_with_the_password(isso: IssoSetup):
    """Fault proxy: the sign-in answered with a redirect to another host."""
    with FaultProxy(isso.url) as proxy, make(proxy.url, isso, timeout=10) as backend:
        proxy.set("status", status=302, headers={"Location": "http://203.0.113.9/login/"})
        with pytest.raises(BadResponseError, match="203.0.113.9") as moved:
            backend.verify()
        assert proxy.count() == 1 and isso.password not in str(moved.value)
