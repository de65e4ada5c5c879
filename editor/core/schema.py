"""The store's schema, as the list of migrations that build it; `PRAGMA user_version` says how many ran."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit

from .comment_text import comment_text


def _migrate_to_1(conn: sqlite3.Connection) -> None:
    # AUTOINCREMENT so a purged draft's id is never handed to a new one: settings such as the last
    # open draft, and blogs we sync with, may still hold the old id.
    statements = [
        """CREATE TABLE drafts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            title TEXT NOT NULL DEFAULT '', slug TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '', excerpt TEXT NOT NULL DEFAULT '',
            tags TEXT NOT NULL DEFAULT '[]', categories TEXT NOT NULL DEFAULT '[]',
            status TEXT NOT NULL DEFAULT 'draft', scheduled_at TEXT,
            account_id INTEGER, remote_id TEXT, remote_url TEXT, remote_modified TEXT,
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
            cursor INTEGER NOT NULL DEFAULT 0, extra TEXT NOT NULL DEFAULT '{}')""",
        "CREATE INDEX drafts_by_updated ON drafts (deleted_at, updated_at)",
        """CREATE TABLE revisions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            draft_id INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
            reason TEXT NOT NULL, created_at TEXT NOT NULL,
            title TEXT NOT NULL, body TEXT NOT NULL, fields TEXT NOT NULL DEFAULT '{}')""",
        "CREATE INDEX revisions_by_draft ON revisions (draft_id, id)",
        "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        # An external-content index: the text lives once, in drafts, and triggers keep the index in
        # step within the writing transaction. Deleted drafts stay indexed (undelete is then free)
        # and are filtered out by the search query.
        """CREATE VIRTUAL TABLE drafts_fts USING fts5(title, body, content='drafts',
            content_rowid='id', tokenize='unicode61 remove_diacritics 2')""",
        """CREATE TRIGGER drafts_fts_insert AFTER INSERT ON drafts BEGIN
            INSERT INTO drafts_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
        END""",
        """CREATE TRIGGER drafts_fts_delete AFTER DELETE ON drafts BEGIN
            INSERT INTO drafts_fts (drafts_fts, rowid, title, body)
            VALUES ('delete', old.id, old.title, old.body);
        END""",
        # The WHEN spares re-indexing a multi-megabyte body on saves that only touched metadata.
        """CREATE TRIGGER drafts_fts_update AFTER UPDATE OF title, body ON drafts
        WHEN old.title IS NOT new.title OR old.body IS NOT new.body BEGIN
            INSERT INTO drafts_fts (drafts_fts, rowid, title, body)
            VALUES ('delete', old.id, old.title, old.body);
            INSERT INTO drafts_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
        END""",
    ]
    for statement in statements:
        conn.execute(statement)


def _migrate_to_2(conn: sqlite3.Connection) -> None:
    """Blogs, the outbox, and the media each blog already has."""
    statements = [
        "ALTER TABLE drafts ADD COLUMN featured_image TEXT NOT NULL DEFAULT ''",
        # No secret column, on purpose: passwords live in the OS keyring only.
        """CREATE TABLE accounts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE, backend TEXT NOT NULL, base_url TEXT NOT NULL,
            username TEXT NOT NULL, api_root TEXT NOT NULL DEFAULT '',
            options TEXT NOT NULL DEFAULT '{}', created_at TEXT NOT NULL)""",
        """CREATE TABLE jobs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL, account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
            draft_id INTEGER REFERENCES drafts (id) ON DELETE SET NULL,
            state TEXT NOT NULL, payload TEXT NOT NULL DEFAULT '{}',
            attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT, last_error TEXT NOT NULL DEFAULT '',
            create_sent_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""",
        "CREATE INDEX jobs_by_state ON jobs (state, next_attempt_at)",
        "CREATE INDEX jobs_by_draft ON jobs (draft_id, id)",
        # A local image is uploaded to a blog once: remembered by the hash of its bytes.
        """CREATE TABLE media (
            account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
            sha256 TEXT NOT NULL, remote_id TEXT NOT NULL, url TEXT NOT NULL,
            PRIMARY KEY (account_id, sha256))""",
        "CREATE INDEX drafts_by_remote ON drafts (account_id, remote_id)",
    ]
    for statement in statements:
        conn.execute(statement)


def _migrate_to_3(conn: sqlite3.Connection) -> None:
    """The comment inbox: every blog's comments, readable offline."""
    statements = [
        """CREATE TABLE comments (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
            remote_id TEXT, post_id TEXT NOT NULL, post_title TEXT NOT NULL DEFAULT '',
            parent_remote_id TEXT, author_name TEXT NOT NULL DEFAULT '', author_email TEXT NOT NULL DEFAULT '',
            author_url TEXT NOT NULL DEFAULT '', content TEXT NOT NULL DEFAULT '', html TEXT NOT NULL DEFAULT '',
            date TEXT, status TEXT NOT NULL, read INTEGER NOT NULL DEFAULT 0,
            pending TEXT NOT NULL DEFAULT '', error TEXT NOT NULL DEFAULT '',
            UNIQUE (account_id, remote_id))""",
        "CREATE INDEX comments_by_date ON comments (account_id, date)",
        "CREATE INDEX comments_by_post ON comments (account_id, post_id)",
        # Where each blog's comment sync got to.
        """CREATE TABLE comment_sync (
            account_id INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
            newest TEXT, synced_at TEXT)""",
    ]
    for statement in statements:
        conn.execute(statement)


def _migrate_to_4(conn: sqlite3.Connection) -> None:
    """Each blog's theme, fetched once: the page template the preview renders drafts inside."""
    conn.execute("""CREATE TABLE themes (
        account_id INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
        page_url TEXT NOT NULL, html TEXT NOT NULL, fetched_at TEXT NOT NULL)""")


def _migrate_to_5(conn: sqlite3.Connection) -> None:
    """Jobs claimed by one runner across processes, under a lease it renews; uploads remembered from
    the moment they are sent, so one whose answer was lost is looked for on the blog, not sent again."""
    statements = [
        # `runner` names the process holding a running job; a job whose lease ran out lost its runner.
        "ALTER TABLE jobs ADD COLUMN runner TEXT",
        "ALTER TABLE jobs ADD COLUMN lease_until TEXT",
        # As create_sent_at, for an update: its answer was lost, so the blog's copy may be our own write.
        "ALTER TABLE jobs ADD COLUMN update_sent_at TEXT",
        # Sentences for the author that are not errors: which images were left out, and why.
        "ALTER TABLE jobs ADD COLUMN notes TEXT NOT NULL DEFAULT ''",
        """CREATE TABLE media_sent (
            account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
            sha256 TEXT NOT NULL, filename TEXT NOT NULL, sent_at TEXT NOT NULL,
            PRIMARY KEY (account_id, sha256))""",
    ]
    for statement in statements:
        conn.execute(statement)
    # A blog added with `user:password@` in its address kept them there, shown wherever the address
    # is: drop the user info (the password itself is in the keyring).
    for account_id, base_url in conn.execute("SELECT id, base_url FROM accounts").fetchall():
        parts = urlsplit(base_url)
        if "@" in parts.netloc:
            clean = urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))
            conn.execute("UPDATE accounts SET base_url = ? WHERE id = ?", (clean, account_id))


def _migrate_to_6(conn: sqlite3.Connection) -> None:
    """Drafts opened from a Markdown file remember it; connections asked for in the browser wait in the
    store, so the short `longhand open-url` process started by the browser finds who asked."""
    statements = [
        # sha256: the file's bytes as last read or written, so a change by another program shows.
        """CREATE TABLE linked_files (
            draft_id INTEGER PRIMARY KEY REFERENCES drafts (id) ON DELETE CASCADE,
            path TEXT NOT NULL UNIQUE, sha256 TEXT NOT NULL)""",
        # No secret here: the password or token goes from the callback straight to the socket of the
        # process that asked, and from there to the keyring.
        """CREATE TABLE connect_requests (
            id TEXT PRIMARY KEY, kind TEXT NOT NULL, site TEXT NOT NULL, name TEXT NOT NULL DEFAULT '',
            socket TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL)""",
    ]
    for statement in statements:
        conn.execute(statement)


def _migrate_to_7(conn: sqlite3.Connection) -> None:
    """Search across every blog's comments: their plain text (kept next to the HTML by the code that
    writes comments, since FTS5 cannot strip tags) with author and post title, in an FTS5 index."""
    conn.execute("ALTER TABLE comments ADD COLUMN text TEXT NOT NULL DEFAULT ''")
    rows = conn.execute("SELECT id, html FROM comments").fetchall()
    conn.executemany("UPDATE comments SET text = ? WHERE id = ?", [(comment_text(html), i) for i, html in rows])
    statements = [
        # External content, as drafts_fts: the words live once, in comments, and triggers keep the index
        # in step within the writing transaction.
        """CREATE VIRTUAL TABLE comments_fts USING fts5(text, author_name, author_email, post_title,
            content='comments', content_rowid='id', tokenize='unicode61 remove_diacritics 2')""",
        "INSERT INTO comments_fts (comments_fts) VALUES ('rebuild')",  # the comments already stored
        """CREATE TRIGGER comments_fts_insert AFTER INSERT ON comments BEGIN
            INSERT INTO comments_fts (rowid, text, author_name, author_email, post_title)
            VALUES (new.id, new.text, new.author_name, new.author_email, new.post_title);
        END""",
        """CREATE TRIGGER comments_fts_delete AFTER DELETE ON comments BEGIN
            INSERT INTO comments_fts (comments_fts, rowid, text, author_name, author_email, post_title)
            VALUES ('delete', old.id, old.text, old.author_name, old.author_email, old.post_title);
        END""",
        # The WHEN spares re-indexing on the frequent writes that change no words (read, status, pending).
        """CREATE TRIGGER comments_fts_update AFTER UPDATE OF text, author_name, author_email, post_title
        ON comments WHEN old.text IS NOT new.text OR old.author_name IS NOT new.author_name
            OR old.author_email IS NOT new.author_email OR old.post_title IS NOT new.post_title BEGIN
            INSERT INTO comments_fts (comments_fts, rowid, text, author_name, author_email, post_title)
            VALUES ('delete', old.id, old.text, old.author_name, old.author_email, old.post_title);
            INSERT INTO comments_fts (rowid, text, author_name, author_email, post_title)
            VALUES (new.id, new.text, new.author_name, new.author_email, new.post_title);
        END""",
    ]
    for statement in statements:
        conn.execute(statement)


def _migrate_to_8(conn: sqlite3.Connection) -> None:
    """A draft is a post or a page (publish and pull send it to the matching collection), and remembers
    the language its spelling is checked in ('' = the default dictionary)."""
    conn.execute("ALTER TABLE drafts ADD COLUMN kind TEXT NOT NULL DEFAULT 'post'")
    conn.execute("ALTER TABLE drafts ADD COLUMN language TEXT NOT NULL DEFAULT ''")


def _migrate_to_9(conn: sqlite3.Connection) -> None:
    """Search as the author types over thousands of drafts: the drafts' index again, now with prefix
    indexes, since the last word typed is matched as a prefix ("the" is "the*": the, them, then, there…)
    and merging every matching word's list costs 20-100 ms a query at 10,000 drafts, and as much again
    for each highlighted row. The triggers of migration 1 name the table, so they keep it in step."""
    conn.execute("DROP TABLE drafts_fts")
    conn.execute("""CREATE VIRTUAL TABLE drafts_fts USING fts5(title, body, content='drafts',
        content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')""")
    conn.execute("INSERT INTO drafts_fts (drafts_fts) VALUES ('rebuild')")


def _migrate_to_10(conn: sqlite3.Connection) -> None:
    """The inbox at ten thousand comments: each view newest first, and the unread count, read from one
    covering index in date order instead of sorting the table's rows (their HTML and text) each time."""
    conn.execute("CREATE INDEX comments_in_order ON comments (date, id, status, read, account_id, post_id)")


def _migrate_to_11(conn: sqlite3.Connection) -> None:
    """A count of the writes to comments, kept by SQLite itself (any process, any code path): the inbox
    shown again need not read ten thousand comments' order when the count says nothing changed, whatever
    else was written meanwhile (a draft saved, a job claimed)."""
    conn.execute("CREATE TABLE comment_writes (id INTEGER PRIMARY KEY CHECK (id = 1), count INTEGER NOT NULL)")
    conn.execute("INSERT INTO comment_writes VALUES (1, 0)")
    for event in ("INSERT", "UPDATE", "DELETE"):
        conn.execute(
            f"CREATE TRIGGER comments_{event.lower()}_counted AFTER {event} ON comments "
            "BEGIN UPDATE comment_writes SET count = count + 1; END"
        )


# MIGRATIONS[i] takes the schema from user_version i to i + 1. Append new steps; never edit old ones.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _migrate_to_1,
    _migrate_to_2,
    _migrate_to_3,
    _migrate_to_4,
    _migrate_to_5,
    _migrate_to_6,
    _migrate_to_7,
    _migrate_to_8,
    _migrate_to_9,
    _migrate_to_10,
    _migrate_to_11,
]
