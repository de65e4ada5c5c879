"""Drafts linked to the Markdown file they were opened from, on real files and a real store: linking, the
same draft found again, writing back atomically in the file's own format, changes by other programs, and
disks that refuse the write."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from editor.core import images, linked_files
from editor.core.frontmatter import FrontMatterError
from editor.core.linked_files import DiskState, FileChangedOnDisk, LinkedFileError
from editor.core.model import Draft, PostStatus, RevisionReason
from editor.core.store import Store
from tests.small_disk import remount_read_only, small_disk

POST = "---\ntitle: Night train\ntags: [travel]\nlayout: post\n---\n\nWritten between stations.\n\n![](pic.png)\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as opened:
        yield opened


@pytest.fixture
def folder(tmp_path):
    where = tmp_path / "posts"
    where.mkdir()
    return where


def write(path: Path, text: str) -> bytes:
    path.write_bytes(text.encode("utf-8"))
    return path.read_bytes()


def test_opening_a_file_imports_it_links_it_with_its_sha_and_copies_its_pictures(store, folder):
    post = folder / "post.md"
    data = write(post, POST)
    (folder / "pic.png").write_bytes(PNG)
    opened = linked_files.open_file(store, post)
    assert opened.created
    assert opened.draft.title == "Night train" and opened.draft.tags == ["travel"]
    assert opened.draft.body.startswith("Written between stations.")
    link = linked_files.link_of(store, opened.draft.stored_id)
    assert link == linked_files.LinkedFile(opened.draft.stored_id, post.resolve(), sha(data))
    assert (images.media_folder(store.path.parent, opened.draft.stored_id) / "pic.png").read_bytes() == PNG
    assert [r.reason for r in store.list_revisions(opened.draft.stored_id)] == [RevisionReason.IMPORT]


def test_opening_the_same_file_again_by_another_name_finds_its_draft(store, folder, tmp_path):
    post = folder / "post.md"
    write(post, POST)
    first = linked_files.open_file(store, post)
    (tmp_path / "elsewhere").symlink_to(folder)
    for name in (folder / ".." / "posts" / "post.md", tmp_path / "elsewhere" / "post.md"):
        again = linked_files.open_file(store, name)
        assert not again.created and again.draft.id == first.draft.id
    assert len(store.list_drafts()) == 1


def test_a_deleted_draft_gives_its_file_to_a_new_draft(store, folder):
    post = folder / "post.md"
    write(post, POST)
    first = linked_files.open_file(store, post)
    store.delete_draft(first.draft.stored_id)
    second = linked_files.open_file(store, post)
    assert second.created and second.draft.id != first.draft.id
    assert linked_files.link_of(store, first.draft.stored_id) is None
    assert linked_files.find(store, post).draft_id == second.draft.id


def test_a_file_that_is_not_a_post_opens_nothing(store, folder):
    broken = folder / "broken.md"
    write(broken, "---\ntitle: [unclosed\n---\nbody\n")
    with pytest.raises(FrontMatterError, match="not valid YAML"):
        linked_files.open_file(store, broken)
    with pytest.raises(FrontMatterError, match="Cannot read"):
        linked_files.open_file(store, folder / "missing.md")
    assert store.list_drafts() == []
    with store.transaction(write=False) as conn:
        assert conn.execute("SELECT count(*) FROM linked_files").fetchone()[0] == 0


def test_saving_writes_the_file_atomically_keeping_its_permissions_and_records_the_sha(store, folder):
    post = folder / "post.md"
    write(post, POST)
    post.chmod(0o640)
    inode = post.stat().st_ino
    draft = linked_files.open_file(store, post).draft
    draft.body = "Rewritten on the train.\n"
    link = linked_files.save_to_file(store, draft)
    data = post.read_bytes()
    assert data.startswith(b"---\ntitle: Night train\n") and data.endswith(b"\n---\n\nRewritten on the train.\n")
    assert b"layout: post" in data  # front matter Longhand does not know is kept
    assert stat.S_IMODE(post.stat().st_mode) == 0o640
    assert post.stat().st_ino != inode  # a new file renamed over the old one, not the old one rewritten
    assert sorted(p.name for p in folder.iterdir()) == ["post.md"]  # no temporary file left
    assert link.sha256 == sha(data) == linked_files.link_of(store, draft.stored_id).sha256
    assert linked_files.disk_state(link) is DiskState.SAME


def test_a_draft_without_a_file_is_not_written(store):
    draft = store.create_draft(Draft(body="no file"))
    assert linked_files.save_to_file(store, draft) is None


def test_a_plain_markdown_file_stays_plain_until_the_draft_has_fields(store, folder):
    post = folder / "notes.md"
    original = write(post, "# Notes\n\nNo front matter here.\n")
    draft = linked_files.open_file(store, post).draft
    linked_files.save_to_file(store, draft)
    assert post.read_bytes() == original  # opened and saved: byte for byte the same
    draft.body += "More.\n"
    linked_files.save_to_file(store, draft)
    assert post.read_bytes() == original + b"More.\n"
    draft.title = "Notes"
    linked_files.save_to_file(store, draft)
    assert post.read_text().startswith("---\ntitle: Notes\n")


def test_an_empty_front_matter_block_is_kept_and_so_are_windows_line_ends_and_the_bom(store, folder):
    post = folder / "dos.md"
    post.write_bytes(b"\xef\xbb\xbf---\r\nstatus: draft\r\n---\r\n\r\nLine one\r\nLine two\r\n")
    draft = linked_files.open_file(store, post).draft
    draft.body = "Line one\nLine three\n"  # the editor's text has plain line ends
    linked_files.save_to_file(store, draft)
    expected = b"\xef\xbb\xbf---\r\ntitle: ''\r\nstatus: draft\r\n---\r\n\r\nLine one\r\nLine three\r\n"
    assert post.read_bytes() == expected


def test_a_change_by_another_program_is_never_overwritten_unless_the_author_keeps_theirs(store, folder):
    post = folder / "post.md"
    write(post, POST)
    draft = linked_files.open_file(store, post).draft
    link = linked_files.link_of(store, draft.stored_id)
    theirs = write(post, POST.replace("Written", "Edited elsewhere"))
    assert linked_files.disk_state(link) is DiskState.CHANGED
    draft.body = "Mine.\n"
    with pytest.raises(FileChangedOnDisk, match="post.md was changed by another program"):
        linked_files.save_to_file(store, draft)
    assert post.read_bytes() == theirs
    linked_files.acknowledge(store, link)  # Keep mine
    linked_files.save_to_file(store, draft)
    assert post.read_text().endswith("\n\nMine.\n")


def test_the_same_text_written_by_another_program_is_no_conflict(store, folder):
    post = folder / "post.md"
    write(post, "plain\n")
    draft = linked_files.open_file(store, post).draft
    draft.body = "both wrote this\n"
    write(post, "both wrote this\n")
    link = linked_files.save_to_file(store, draft)
    assert link.sha256 == sha(b"both wrote this\n")


def test_reload_takes_the_file_and_keeps_the_replaced_text_as_a_revision(store, folder):
    post = folder / "post.md"
    write(post, POST)
    draft = linked_files.open_file(store, post).draft
    draft.body = "My unsaved-to-file words.\n"
    store.save_draft(draft)
    changed = write(post, "---\ntitle: Day train\nstatus: pending\n---\n\nTheir words.\n")
    reloaded = linked_files.reload(store, linked_files.link_of(store, draft.stored_id))
    assert (reloaded.title, reloaded.body, reloaded.status, reloaded.tags) == (
        "Day train",
        "Their words.\n",
        PostStatus.PENDING,
        [],
    )
    assert store.get_draft(draft.stored_id).body == "Their words.\n"
    revisions = store.list_revisions(draft.stored_id)
    assert [r.reason for r in revisions] == [RevisionReason.IMPORT, RevisionReason.RESTORE, RevisionReason.IMPORT]
    assert revisions[1].body == "My unsaved-to-file words.\n" and revisions[1].title == "Night train"
    assert linked_files.link_of(store, draft.stored_id).sha256 == sha(changed)


def test_reloading_a_plain_file_leaves_the_fields_alone(store, folder):
    post = folder / "post.md"
    write(post, POST)
    draft = linked_files.open_file(store, post).draft
    write(post, "Just text now.\n")
    reloaded = linked_files.reload(store, linked_files.link_of(store, draft.stored_id))
    assert (reloaded.title, reloaded.tags, reloaded.body) == ("Night train", ["travel"], "Just text now.\n")


def test_a_file_moved_away_is_missing_and_a_save_writes_it_again(store, folder):
    post = folder / "post.md"
    write(post, POST)
    draft = linked_files.open_file(store, post).draft
    post.rename(folder / "moved.md")
    link = linked_files.link_of(store, draft.stored_id)
    assert linked_files.disk_state(link) is DiskState.MISSING
    linked_files.acknowledge(store, link)  # nothing to acknowledge: left as it is
    assert linked_files.link_of(store, draft.stored_id) == link
    linked_files.save_to_file(store, draft)
    assert post.read_text().endswith("Written between stations.\n\n![](pic.png)\n")
    assert stat.S_IMODE(post.stat().st_mode) == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_full_disk_says_so_and_leaves_the_file_as_it_was(store, tmp_path):
    with small_disk(tmp_path / "disk", size_kb=256) as disk:
        post = disk / "post.md"
        original = write(post, POST)
        draft = linked_files.open_file(store, post).draft
        draft.body = "x" * 400_000
        with pytest.raises(LinkedFileError, match=r"^Could not write .*post\.md: the disk is full\.$"):
            linked_files.save_to_file(store, draft)
        assert post.read_bytes() == original
        assert sorted(p.name for p in disk.iterdir()) == ["post.md"]
        assert linked_files.link_of(store, draft.stored_id).sha256 == sha(original)


def test_a_read_only_disk_says_so_in_one_sentence(store, tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        post = disk / "post.md"
        original = write(post, POST)
        draft = linked_files.open_file(store, post).draft
        remount_read_only(disk)
        draft.body = "kept in the store"
        with pytest.raises(LinkedFileError, match=r"^Could not write .*post\.md: the disk is read-only\.$"):
            linked_files.save_to_file(store, draft)
        assert post.read_bytes() == original
