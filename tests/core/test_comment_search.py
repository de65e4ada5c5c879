"""Searching every blog's comments against a real SQLite file: the migration that indexes the comments
already stored, the triggers that keep the index in step, prefixes, authors and post titles, and query
strings full of FTS5 syntax."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from editor.backends.base import CommentStatus, RemoteComment
from editor.core.comment_search import search
from editor.core.comment_text import comment_text
from editor.core.comments import Comments
from editor.core.paths import database_path
from editor.core.schema import MIGRATIONS
from editor.core.store import Store

T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "data") as opened:
        yield opened


def _account(store: Store, name: str = "blog") -> int:
    # Straight into the table: Accounts.add also writes to the OS keyring, which search does not need.
    with store.transaction() as conn:
        return conn.execute(
            "INSERT INTO accounts (name, backend, base_url, username, created_at) "
            "VALUES (?, 'wordpress', 'https://blog.example', 'me', ?)",
            (name, T0.isoformat()),
        ).lastrowid


def remote(cid: str, content: str, *, author: str = "Reader", email: str = "", title: str = "A post", minutes: int = 0):
    return RemoteComment(
        id=cid,
        post_id="7",
        content=content,
        parent_id=None,
        author_name=author,
        author_email=email,
        date_gmt=T0 + timedelta(minutes=minutes),
        status=CommentStatus.APPROVED,
        post_title=title,
    )


def ids(store: Store, text: str, **kwargs) -> list[int]:
    return [hit.id for hit in search(store, text, **kwargs)]


def test_comment_text_drops_markup_and_keeps_words_apart() -> None:
    assert comment_text("<p>one<strong>two</strong></p><p>three&amp;four</p><script>evil()</script>") == (
        "onetwo three&four"
    )


def test_the_migration_indexes_the_comments_already_stored(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    conn = sqlite3.connect(database_path(data))
    for migrate in MIGRATIONS[:6]:  # a library as the version before this one left it
        migrate(conn)
    conn.execute("PRAGMA user_version = 6")
    conn.execute(
        "INSERT INTO accounts (name, backend, base_url, username, created_at) "
        "VALUES ('old', 'wordpress', 'https://blog.example', 'me', '2024-01-01')"
    )
    conn.execute(
        "INSERT INTO comments (account_id, remote_id, post_id, post_title, author_name, author_email, content, html, "
        "status) VALUES (1, '5', '7', 'Gardening notes', 'Grace', 'grace@navy.example', "
        "'<p>Tomatoes <em>love</em> sunshine</p>', '<p>Tomatoes <em>love</em> sunshine</p>', 'approved')"
    )
    conn.commit()
    conn.close()

    with Store.open(data) as store:
        (hit,) = search(store, "sunsh", limit=10)
        assert hit.snippet == "Tomatoes love «sunshine»"
        assert ids(store, "em") == []  # the tag is not a word
        assert ids(store, "grace@navy") == ids(store, "gardening") == [hit.id]
        with store.transaction(write=False) as c:
            assert c.execute("SELECT text FROM comments").fetchone()[0] == "Tomatoes love sunshine"


def test_insert_update_and_delete_keep_the_index_in_step(store: Store) -> None:
    blog = _account(store)
    comments = Comments(store)
    first, _, _ = comments.upsert(blog, remote("1", "<p>The <b>aubergine</b> recipe</p>"))
    assert ids(store, "aubergine") == [first.id]

    comments.upsert(blog, remote("1", "<p>The courgette recipe</p>"))  # edited on the blog
    assert ids(store, "aubergine") == [] and ids(store, "courgette") == [first.id]

    comments.mark_read([first.id])  # a write that changes no words leaves the index alone, and correct
    assert ids(store, "courgette") == [first.id]

    assert comments.remove_remote(blog, ["1"]) == [first.id]
    assert ids(store, "courgette") == []
    with store.transaction(write=False) as c:  # the index holds nothing for the deleted row
        assert c.execute("SELECT count(*) FROM comments_fts WHERE comments_fts MATCH 'courgette'").fetchone()[0] == 0

    reply = comments.add_reply(comments.upsert(blog, remote("2", "<p>question</p>"))[0], "<p>An answer</p>", "Me")
    assert ids(store, "answer") == [reply.id]


def test_prefix_author_email_and_post_title_across_blogs(store: Store) -> None:
    comments = Comments(store)
    one, other = _account(store, "one"), _account(store, "two")
    ada, _, _ = comments.upsert(one, remote("1", "<p>Lovely engine</p>", author="Ada Lovelace", email="ada@x.org"))
    post, _, _ = comments.upsert(other, remote("1", "<p>Nice</p>", title="Analytical Engines"))
    plain, _, _ = comments.upsert(other, remote("2", "<p>Nothing here</p>"))

    assert ids(store, "lovel") == [ada.id]  # the last word is a prefix (author "Lovelace", text "Lovely")
    assert ids(store, "Ada") == ids(store, "ada@x") == [ada.id]
    assert ids(store, "analyt") == [post.id]
    assert set(ids(store, "engin")) == {ada.id, post.id}
    assert ids(store, "nice analytical") == [post.id]  # every word must be there
    assert ids(store, "nothing") == [plain.id]
    hit = search(store, "analyt", limit=5)[0]
    assert (hit.post_title, hit.account_id, hit.snippet) == ("Analytical Engines", other, "Nice")


def test_best_match_first_and_paging(store: Store) -> None:
    comments = Comments(store)
    blog = _account(store)
    rows = [comments.upsert(blog, remote(str(i), f"<p>kiwi {'filler ' * i}</p>", minutes=i))[0] for i in range(5)]
    by_rank = ids(store, "kiwi", limit=10)
    assert by_rank == [r.id for r in rows]  # bm25: a shorter comment matches better
    assert ids(store, "kiwi", limit=2, offset=2) == by_rank[2:4]
    assert ids(store, "kiwi", limit=0) == [] and ids(store, "   ", limit=5) == []


@pytest.mark.parametrize(
    "query",
    ['"', '""', "AND", "OR NOT", "NEAR(", "a*b", "-x", "^", "col:val", "text:kiwi", "(", ")", "*", "\0", "'", "{}"],
)
def test_fts_syntax_in_the_query_never_raises(store: Store, query: str) -> None:
    blog = _account(store)
    Comments(store).upsert(blog, remote("1", "<p>kiwi AND text:val a*b</p>"))
    assert isinstance(search(store, query, limit=5), list)


def test_syntax_characters_are_searched_as_words(store: Store) -> None:
    blog = _account(store)
    hit, _, _ = Comments(store).upsert(blog, remote("1", "<p>use NEAR(x) and OR here</p>"))
    assert ids(store, "NEAR(") == [hit.id] and ids(store, '"or" here') == [hit.id]
