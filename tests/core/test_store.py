"""The local store against real SQLite files: schema upgrades, drafts, search, revisions, failures."""

from __future__ import annotations

import dataclasses
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from editor.core import database as store_module
from editor.core import paths
from editor.core.model import Draft, PostStatus, RevisionReason
from editor.core.store import (
    AUTO_REVISION_INTERVAL,
    DraftNotFound,
    RevisionNotFound,
    Store,
    StoreError,
)
from tests.small_disk import remount_read_only, small_disk

T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock):
    with Store.open(tmp_path / "data", clock=clock) as opened:
        yield opened


def raw(directory: Path) -> sqlite3.Connection:
    """A plain connection, to look at the file without going through the store."""
    return sqlite3.connect(paths.database_path(directory))


def assert_plain(error: BaseException) -> None:
    message = str(error)
    assert message.endswith(".") and "\n" not in message
    for jargon in ("sqlite3.", "SQLITE_", "Error", "SELECT", "PRAGMA", "Traceback"):
        assert jargon not in message


# --- opening and schema versions ---------------------------------------------------------------


def test_fresh_database_reaches_latest_version_in_wal_mode(tmp_path: Path) -> None:
    Store.open(tmp_path / "nested" / "data").close()
    conn = raw(tmp_path / "nested" / "data")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(store_module.MIGRATIONS)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"drafts", "revisions", "settings", "drafts_fts"} <= tables


def test_reopening_is_idempotent_and_keeps_data(tmp_path: Path) -> None:
    with Store.open(tmp_path) as first:
        draft_id = first.create_draft(Draft(title="Kept")).id
        first.set_setting("last_open_draft", str(draft_id))
    for _ in range(2):
        with Store.open(tmp_path) as again:
            assert again.get_draft(draft_id).title == "Kept"
            assert again.get_setting("last_open_draft") == str(draft_id)
    assert raw(tmp_path).execute("PRAGMA user_version").fetchone()[0] == len(store_module.MIGRATIONS)


def test_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    Store.open(tmp_path).close()
    conn = raw(tmp_path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    db = paths.database_path(tmp_path)
    before = db.read_bytes()
    with pytest.raises(StoreError, match="newer version of Longhand") as error:
        Store.open(tmp_path)
    assert_plain(error.value)
    assert db.read_bytes() == before


def test_failed_migration_leaves_previous_version_intact(tmp_path: Path, monkeypatch) -> None:
    Store.open(tmp_path).close()
    known = len(store_module.MIGRATIONS)

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("simulated failure halfway through")

    monkeypatch.setattr(store_module, "MIGRATIONS", [*store_module.MIGRATIONS, broken])
    with pytest.raises(StoreError) as error:
        Store.open(tmp_path)
    assert_plain(error.value)
    conn = raw(tmp_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == known
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0
    conn.close()
    monkeypatch.undo()
    Store.open(tmp_path).close()  # the failed attempt left no lock or half state behind


def test_garbage_file_is_reported_as_damaged(tmp_path: Path) -> None:
    db = paths.database_path(tmp_path)
    db.write_bytes(b"Dear diary, this is not a database. " * 200)
    with pytest.raises(StoreError, match="damaged or is not a Longhand database") as error:
        Store.open(tmp_path)
    assert_plain(error.value)
    assert db.read_bytes().startswith(b"Dear diary")


def test_data_dir_that_is_a_file_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="in the way") as error:
        Store.open(blocker)
    assert_plain(error.value)
    with pytest.raises(StoreError, match="in the way"):
        Store.open(blocker / "inside")


# --- drafts ------------------------------------------------------------------------------------


def test_every_field_round_trips(store: Store, clock: FakeClock, tmp_path: Path) -> None:
    paris = timezone(timedelta(hours=2))
    original = Draft(
        title="Sur le pont",
        slug="sur-le-pont",
        body="# Heading\n\nText with ünïcödé 🎉\n",
        excerpt="A short one",
        tags=["travel", "été"],
        categories=["Notes", "Paris"],
        status=PostStatus.SCHEDULED,
        scheduled_at=datetime(2024, 6, 1, 18, 30, tzinfo=paris),
        account_id=3,
        remote_id="1234",
        remote_url="https://example.org/?p=1234",
        remote_modified=datetime(2024, 2, 28, 12, 0, 5, 123456, tzinfo=UTC),
    )
    created = store.create_draft(original)
    assert created.id is not None and original.id is None
    assert created.created_at == created.updated_at == T0
    store.close()
    with Store.open(tmp_path / "data", clock=clock) as reopened:
        loaded = reopened.get_draft(created.id)
    assert loaded == created
    assert loaded.scheduled_at == datetime(2024, 6, 1, 16, 30, tzinfo=UTC)
    assert loaded.scheduled_at.tzinfo is not None and loaded.created_at.tzinfo is not None
    assert isinstance(loaded.status, PostStatus)


def test_save_updates_fields_and_time_but_not_creation(store: Store, clock: FakeClock) -> None:
    draft = store.create_draft(Draft(title="One", tags=["a"]))
    clock.advance(minutes=1)
    edited = dataclasses.replace(
        draft,
        title="Two",
        tags=["b", "c"],
        status=PostStatus.PUBLISHED,
        scheduled_at=None,
        remote_id="99",
        created_at=T0 + timedelta(days=9),
    )
    saved = store.save_draft(edited)
    assert saved.updated_at == clock.now and saved.created_at == T0
    assert store.get_draft(draft.id) == saved


def test_missing_drafts_and_revisions_raise_plain_errors(store: Store) -> None:
    with pytest.raises(DraftNotFound) as error:
        store.get_draft(12345)
    assert_plain(error.value)
    with pytest.raises(DraftNotFound):
        store.save_draft(Draft(id=12345, title="ghost"))
    with pytest.raises(RevisionNotFound) as error:
        store.get_revision(777)
    assert_plain(error.value)


def test_list_drafts_newest_first_with_display_titles(store: Store, clock: FakeClock) -> None:
    first = store.create_draft(Draft(title="First"))
    clock.advance(minutes=1)
    second = store.create_draft(Draft(body="\n\n## Untitled thoughts on tea\nmore"))
    clock.advance(minutes=1)
    third = store.create_draft(Draft(title="Third"))
    clock.advance(minutes=1)
    store.save_draft(dataclasses.replace(first, body="touched"))
    summaries = store.list_drafts()
    assert [s.id for s in summaries] == [first.id, third.id, second.id]
    assert [s.title for s in summaries] == ["First", "Third", "Untitled thoughts on tea"]
    assert summaries[0].updated_at == clock.now


def test_soft_delete_undelete_and_purge(store: Store, clock: FakeClock, tmp_path: Path) -> None:
    keep = store.create_draft(Draft(title="Keep"))
    gone = store.create_draft(Draft(title="Gone", body="unique zebra"))
    store.save_draft(gone, revision=RevisionReason.SAVE)
    store.delete_draft(gone.id)
    assert [s.id for s in store.list_drafts()] == [keep.id]
    with pytest.raises(DraftNotFound):
        store.get_draft(gone.id)
    assert store.undelete_draft(gone.id).title == "Gone"
    assert {s.id for s in store.list_drafts()} == {keep.id, gone.id}

    store.delete_draft(gone.id)
    clock.advance(days=1)
    assert store.purge_deleted(timedelta(days=7)) == 0
    assert store.undelete_draft(gone.id).id == gone.id  # still recoverable inside the window
    store.delete_draft(gone.id)
    clock.advance(days=8)
    assert store.purge_deleted(timedelta(days=7)) == 1
    with pytest.raises(DraftNotFound):
        store.undelete_draft(gone.id)
    conn = raw(tmp_path / "data")
    assert conn.execute("SELECT count(*) FROM revisions WHERE draft_id = ?", (gone.id,)).fetchone()[0] == 0
    assert store.search("zebra") == []
    assert store.create_draft(Draft(title="New")).id > gone.id  # purged ids are never reused


def test_cursor_is_kept_without_touching_updated_at(store: Store, clock: FakeClock) -> None:
    draft = store.create_draft(Draft(body="hello"))
    assert store.get_cursor(draft.id) == 0
    clock.advance(minutes=3)
    store.set_cursor(draft.id, 4)
    assert store.get_cursor(draft.id) == 4
    assert store.get_draft(draft.id).updated_at == T0


def test_settings(store: Store) -> None:
    assert store.get_setting("last_open_draft") is None
    assert store.get_setting("last_open_draft", "none") == "none"
    store.set_setting("last_open_draft", "7")
    store.set_setting("last_open_draft", "8")
    assert store.get_setting("last_open_draft") == "8"
    store.set_setting("last_open_draft", None)
    assert store.get_setting("last_open_draft") is None


def test_a_worker_thread_can_share_the_store(store: Store) -> None:
    draft = store.create_draft(Draft(title="Shared"))
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for n in range(50):
                store.save_draft(dataclasses.replace(draft, body=f"version {n}"))
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread
            errors.append(exc)

    thread = threading.Thread(target=worker)
    thread.start()
    for _ in range(50):
        store.list_drafts()
    thread.join()
    assert errors == []
    assert store.get_draft(draft.id).body == "version 49"


def test_five_megabyte_body_round_trips(store: Store) -> None:
    body = "".join(f"Paragraph {n}: the quick brown fox, ça va? 🦊\n\n" for n in range(120_000))
    assert len(body.encode()) > 5_000_000
    draft = store.create_draft(Draft(title="Long", body=body))
    saved = store.save_draft(dataclasses.replace(draft, body=body + "The end."), revision=RevisionReason.SAVE)
    assert store.get_draft(draft.id).body == saved.body
    assert store.list_revisions(draft.id)[0].body == saved.body
    assert [s.id for s in store.search("Paragraph 119999")] == [draft.id]
    # 120,000 hits in one body: FTS5's own snippet() would take over a minute here.
    started = time.monotonic()
    assert [s.id for s in store.search("paragraph")] == [draft.id]
    assert time.monotonic() - started < 5


# --- search ------------------------------------------------------------------------------------


def test_search_by_title_body_and_prefix(store: Store) -> None:
    tea = store.create_draft(Draft(title="Green tea", body="Steep it for two minutes."))
    coffee = store.create_draft(Draft(title="Morning", body="Coffee, then green smoothies."))
    assert [s.id for s in store.search("tea")] == [tea.id]
    assert [s.id for s in store.search("steep")] == [tea.id]
    assert [s.id for s in store.search("smoo")] == [coffee.id]  # the last word is a prefix
    assert store.search("smoo coffee") == []  # only the last word is a prefix
    assert [s.id for s in store.search("green")] == [tea.id, coffee.id]  # title weighs more
    assert store.search("  ") == store.list_drafts()
    hit = store.search("minutes")[0]
    assert "«minutes»" in hit.snippet and hit.title == "Green tea"


def test_search_snippet_is_plain_text_around_the_first_match(store: Store) -> None:
    words = " ".join(f"word{n}" for n in range(200))
    store.create_draft(Draft(title="Long", body=f"{words}\n\nThe «quoted» kestrel\thovers. {words}"))
    store.create_draft(Draft(title="Kestrel notes", body="Nothing about birds here, only weather."))
    title_only, inside = store.search("kestrel")  # a title match ranks first
    assert inside.snippet == ("…word198 word199 The «quoted» «kestrel» hovers. word0 word1 word2 word3 word4 word5…")
    assert title_only.title == "Kestrel notes"
    assert title_only.snippet == "Nothing about birds here, only weather."


def test_search_follows_updates_deletes_and_restores(store: Store) -> None:
    draft = store.create_draft(Draft(title="Birds", body="A robin sang."))
    store.save_draft(dataclasses.replace(draft, body="A wren sang."), revision=RevisionReason.SAVE)
    assert store.search("robin") == [] and len(store.search("wren")) == 1
    first_revision = store.list_revisions(draft.id)[0].id
    store.save_draft(dataclasses.replace(draft, title="Owls", body="A barn owl hooted."))
    assert store.search("wren") == [] and store.search("birds") == []
    store.delete_draft(draft.id)
    assert store.search("owl") == []
    store.undelete_draft(draft.id)
    assert len(store.search("owl")) == 1
    store.restore_revision(first_revision)
    assert store.search("owl") == [] and len(store.search("wren")) == 1


def test_search_accepts_hostile_queries(store: Store) -> None:
    foo = store.create_draft(Draft(title="foo", body="Un café au 日本語 lait, NEAR the river (AND more)."))
    for query in [
        '"',
        "AND",
        "*",
        "(",
        "NEAR(",
        "-foo",
        "foo OR",
        "title:foo",
        "^",
        "'",
        "a AND (b",
        '"unbalanced',
        "NOT",
        "{x}",
        ")",
        "+",
        "café",
        "日本語",
        "\u0000",
        "🦊",
        "foo*bar",
    ]:
        store.search(query)
    assert [s.id for s in store.search("-foo")] == [foo.id]
    assert [s.id for s in store.search("cafe")] == [foo.id]
    assert [s.id for s in store.search("日本語")] == [foo.id]
    assert [s.id for s in store.search("NEAR(")] == [foo.id]


# --- revisions ---------------------------------------------------------------------------------


def test_explicit_revision_snapshots_the_saved_state(store: Store) -> None:
    draft = store.create_draft(Draft(title="Post", body="v1"))
    saved = store.save_draft(dataclasses.replace(draft, body="v2", tags=["x"]), revision=RevisionReason.SAVE)
    store.save_draft(saved, revision=RevisionReason.SAVE)  # unchanged: no copy
    revisions = store.list_revisions(draft.id)
    assert len(revisions) == 1
    assert (revisions[0].reason, revisions[0].body, revisions[0].fields["tags"]) == (RevisionReason.SAVE, "v2", ["x"])
    assert store.get_revision(revisions[0].id) == revisions[0]
    store.save_draft(saved, revision=RevisionReason.PUBLISH)  # a different event is recorded
    assert [r.reason for r in store.list_revisions(draft.id)] == [RevisionReason.PUBLISH, RevisionReason.SAVE]


def test_auto_revisions_follow_the_clock(store: Store, clock: FakeClock) -> None:
    draft = store.create_draft(Draft(title="Auto", body="start"))
    clock.advance(minutes=4, seconds=59)
    store.save_draft(dataclasses.replace(draft, body="typing"))
    assert store.list_revisions(draft.id) == []  # the draft is younger than the interval

    clock.advance(seconds=2)
    store.save_draft(dataclasses.replace(draft, body="typing more"))
    revisions = store.list_revisions(draft.id)
    assert [(r.reason, r.body, r.created_at) for r in revisions] == [(RevisionReason.AUTO, "typing more", clock.now)]

    clock.advance(minutes=1)
    store.save_draft(dataclasses.replace(draft, body="still typing"))
    assert len(store.list_revisions(draft.id)) == 1  # the last snapshot is too recent

    clock.advance(minutes=5)
    store.save_draft(dataclasses.replace(draft, body="still typing"))
    assert [r.body for r in store.list_revisions(draft.id)] == ["still typing", "typing more"]

    clock.advance(minutes=30)
    store.save_draft(dataclasses.replace(draft, body="still typing"))
    assert len(store.list_revisions(draft.id)) == 2  # nothing changed since the last snapshot
    assert timedelta(minutes=5) == AUTO_REVISION_INTERVAL


def test_diff_shows_changed_lines(store: Store, clock: FakeClock) -> None:
    draft = store.create_draft(Draft(title="Old title", body="line one\nline two\nline three\n"))
    store.save_draft(draft, revision=RevisionReason.SAVE)
    first = store.list_revisions(draft.id)[0].id
    clock.advance(minutes=1)
    store.save_draft(
        dataclasses.replace(draft, title="New title", body="line one\nline 2\nline three\n"),
        revision=RevisionReason.SAVE,
    )
    second = store.list_revisions(draft.id)[0].id

    diff = store.diff_revision(first).splitlines()
    assert "-Title: Old title" in diff and "+Title: New title" in diff
    assert "-line two" in diff and "+line 2" in diff and " line one" in diff
    assert "-line one" not in diff
    assert store.diff_revision(first, against=second).splitlines()[2:] == diff[2:]
    assert store.diff_revision(second) == ""


def test_restore_writes_old_text_and_keeps_replaced_state(store: Store, clock: FakeClock) -> None:
    draft = store.create_draft(Draft(title="A", body="old words", tags=["old"]))
    store.save_draft(draft, revision=RevisionReason.SAVE)
    old = store.list_revisions(draft.id)[0]
    clock.advance(minutes=1)
    store.save_draft(dataclasses.replace(draft, title="B", body="new words", tags=["new"], status=PostStatus.PUBLISHED))
    clock.advance(minutes=1)

    restored = store.restore_revision(old.id)
    assert (restored.title, restored.body, restored.tags) == ("A", "old words", ["old"])
    assert restored.status == PostStatus.PUBLISHED  # publishing state is not rewound
    assert restored.updated_at == clock.now and store.get_draft(draft.id) == restored
    kept = store.list_revisions(draft.id)[0]
    assert (kept.reason, kept.title, kept.body) == (RevisionReason.RESTORE, "B", "new words")

    undone = store.restore_revision(kept.id)
    assert (undone.title, undone.body, undone.tags) == ("B", "new words", ["new"])


# --- failures ----------------------------------------------------------------------------------

WRITER = """
import sys
from pathlib import Path
from editor.core.model import Draft
from editor.core.store import Store

store = Store.open(Path(sys.argv[1]))
n = 0
while True:
    draft = store.create_draft(Draft(title=f"draft {n}", body=f"body of draft {n}. " * 5000))
    print(draft.id, n, flush=True)
    n += 1
"""


def test_committed_drafts_survive_sigkill(tmp_path: Path) -> None:
    data = tmp_path / "data"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(data)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    printed: list[str] = []
    while len(printed) < 50:
        line = writer.stdout.readline()
        if not line:
            writer.kill()
            pytest.fail(f"the writer stopped early: {writer.stderr.read()}")
        printed.append(line)
    writer.send_signal(signal.SIGKILL)  # mid-loop: it is busy writing the next drafts
    writer.wait()
    assert writer.returncode == -signal.SIGKILL
    printed += writer.stdout.read().splitlines(keepends=True)
    committed = [line.split() for line in printed if line.endswith("\n")]

    with Store.open(data) as reopened:
        for draft_id, n in committed:
            draft = reopened.get_draft(int(draft_id))
            assert draft.title == f"draft {n}"
            assert draft.body == f"body of draft {n}. " * 5000
    conn = raw(data)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.execute("INSERT INTO drafts_fts (drafts_fts) VALUES ('integrity-check')")


def test_disk_full_is_a_plain_error_and_keeps_the_saved_draft(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", size_kb=512) as disk:
        with Store.open(disk) as store:
            draft = store.create_draft(Draft(title="Precious", body="safe text"))
            saved = store.save_draft(dataclasses.replace(draft, body="safe text, edited"))
            with pytest.raises(StoreError) as error:
                store.save_draft(dataclasses.replace(saved, body="x" * 2_000_000))
            assert str(error.value) == "Could not save: the disk is full."
            assert store.get_draft(draft.id) == saved  # the failed save changed nothing
            store.save_draft(dataclasses.replace(saved, body="fits again"))  # and the store still works
        with Store.open(disk) as reopened:
            assert reopened.get_draft(draft.id).body == "fits again"
            assert reopened._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_read_only_disk_is_a_plain_error(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        with Store.open(disk / "data") as store:
            store.create_draft(Draft(title="Kept"))
        remount_read_only(disk)
        with pytest.raises(StoreError) as error:
            Store.open(disk / "elsewhere")
        assert str(error.value) == f"Could not create the data folder {disk / 'elsewhere'}: the disk is read-only."
        with pytest.raises(StoreError) as error, Store.open(disk / "data") as store:
            store.create_draft(Draft(title="Lost"))
        assert_plain(error.value)


def test_saves_on_a_disk_filled_to_random_levels_land_whole_or_change_nothing(tmp_path: Path) -> None:
    from soak.full_disk import run

    row = run(40, tmp_path)
    assert (row.failures, row.lost) == (0, 0), row.note


def test_store_methods_inside_a_transaction_join_it(store: Store) -> None:
    with store.transaction("import"):
        first = store.create_draft(Draft(title="one"))
        store.create_draft(Draft(title="two"))
    assert {s.title for s in store.list_drafts()} >= {"one", "two"} and store.get_draft(first.stored_id)

    with pytest.raises(RuntimeError), store.transaction("import"):
        store.create_draft(Draft(title="three"))
        raise RuntimeError("the import failed half-way")
    assert "three" not in {s.title for s in store.list_drafts()}  # rolled back with the outer one

    with pytest.raises(StoreError, match="read-only"), store.transaction("read", write=False):
        store.create_draft(Draft(title="four"))


def test_a_query_too_common_to_rank_lists_its_drafts_newest_first(store: Store, monkeypatch) -> None:
    titled = store.create_draft(Draft(title="Rivers", body="A river."))
    newer = store.create_draft(Draft(title="Notes", body="The river again, and a river."))
    assert [s.id for s in store.search("river")] == [titled.id, newer.id]  # the title match ranks first
    monkeypatch.setattr("editor.core.store.RANKED_HITS", 1)
    assert [s.id for s in store.search("river")] == [newer.id, titled.id]
    assert [s.id for s in store.search("river", 1, 1)] == [titled.id]  # pages keep that order
