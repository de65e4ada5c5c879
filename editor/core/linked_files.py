"""Drafts opened from a Markdown file remember it: `longhand post.md` links the draft to the file's path
and to the sha256 of the bytes read, so opening the file again finds the same draft, Ctrl+S writes the
file back (atomically, in the format it came in), and a change made by another program shows.

No Qt: the window watches the file (`editor.ui.linked_file`) and asks this module what to do.
"""

from __future__ import annotations

import codecs
import enum
import errno
import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from . import frontmatter, images
from .importing import import_draft
from .model import Draft, PostStatus, RevisionReason
from .store import Store

_DEFAULT_UMASK = 0o022
_WRITE_PROBLEMS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "permission was denied",
    errno.EPERM: "permission was denied",
    errno.ENOENT: "its folder no longer exists",
    errno.ENOTDIR: "its folder no longer exists",
}


class LinkedFileError(Exception):
    """A linked file that cannot be read or written; str() is one sentence, and the draft is untouched."""


class FileChangedOnDisk(LinkedFileError):
    """Another program changed the file since Longhand last read or wrote it: writing would lose that."""


class DiskState(enum.Enum):
    """How a linked file on disk compares with what Longhand last read or wrote."""

    SAME = "same"
    CHANGED = "changed"
    MISSING = "missing"  # deleted, or moved away
    UNREADABLE = "unreadable"


@dataclass(frozen=True)
class LinkedFile:
    """A draft's file: where it is, and the sha256 of its bytes as Longhand last read or wrote them."""

    draft_id: int
    path: Path
    sha256: str


@dataclass(frozen=True)
class Opened:
    """A file opened as a draft; `created` is False when the file already had a draft."""

    draft: Draft
    created: bool


def digest(data: bytes) -> str:
    """The sha256 of `data`, as recorded in the store."""
    return hashlib.sha256(data).hexdigest()


def canonical(path: Path) -> Path:
    """One name per file: absolute, symlinks followed (so writing replaces the file, not the link)."""
    return Path(os.path.realpath(path))


def link_of(store: Store, draft_id: int) -> LinkedFile | None:
    """The file `draft_id` is linked to, if any."""
    with store.transaction("read the draft's file", write=False) as conn:
        row = conn.execute("SELECT path, sha256 FROM linked_files WHERE draft_id = ?", (draft_id,)).fetchone()
    return None if row is None else LinkedFile(draft_id, Path(row["path"]), row["sha256"])


def find(store: Store, path: Path) -> LinkedFile | None:
    """The link of the file at `path` to a draft that is not deleted, if any."""
    with store.transaction("read the draft's file", write=False) as conn:
        row = conn.execute(
            "SELECT l.draft_id, l.sha256 FROM linked_files AS l JOIN drafts AS d ON d.id = l.draft_id "
            "WHERE l.path = ? AND d.deleted_at IS NULL",
            (str(canonical(path)),),
        ).fetchone()
    return None if row is None else LinkedFile(row["draft_id"], canonical(path), row["sha256"])


def record(store: Store, draft_id: int, path: Path, sha256: str) -> LinkedFile:
    """Link `draft_id` to `path` with the sha256 of the file's bytes; a deleted draft that held the path,
    or the draft's own older link, gives way."""
    path = canonical(path)
    with store.transaction("remember the draft's file") as conn:
        conn.execute("DELETE FROM linked_files WHERE path = ? OR draft_id = ?", (str(path), draft_id))
        conn.execute(
            "INSERT INTO linked_files (draft_id, path, sha256) VALUES (?, ?, ?)", (draft_id, str(path), sha256)
        )
    return LinkedFile(draft_id, path, sha256)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        # Worded as frontmatter.read_file words it, so a caller shows one kind of sentence.
        raise frontmatter.FrontMatterError(f"Cannot read {path}: {exc.strerror or exc}.") from None


def open_file(store: Store, path: Path) -> Opened:
    """The draft of the Markdown file at `path`: its existing draft when it has one that is not deleted,
    else a new draft imported from it (pictures beside it copied, as any import) and linked to it.
    FrontMatterError when the file cannot be read as a post; StoreError when the store fails."""
    path = canonical(path)
    # The bytes hashed are read before the draft is parsed: should the file change in between, the
    # recorded sha is the older one, and the change is offered like any other.
    data = _read(path)
    existing = find(store, path)
    if existing is not None:
        return Opened(store.get_draft(existing.draft_id), created=False)
    created = import_draft(store, frontmatter.read_file(path), path)
    record(store, created.stored_id, path, digest(data))
    return Opened(created, created=True)


def disk_state(link: LinkedFile) -> DiskState:
    """Whether the file still holds the bytes Longhand last read or wrote."""
    try:
        data = link.path.read_bytes()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return DiskState.MISSING
    except OSError:
        return DiskState.UNREADABLE
    return DiskState.SAME if digest(data) == link.sha256 else DiskState.CHANGED


def acknowledge(store: Store, link: LinkedFile) -> LinkedFile:
    """The author chose "Keep mine": the file's present bytes count as seen, so they are not offered
    again and the next save may overwrite them. A file that is gone is left as it is."""
    try:
        data = link.path.read_bytes()
    except OSError:
        return link
    return record(store, link.draft_id, link.path, digest(data))


def reload(store: Store, link: LinkedFile) -> Draft:
    """Replace the draft's text (and, when the file has front matter, its fields) with the file's; the
    replaced state is kept as a revision first, the file's as another. Records the file's sha256."""
    data = _read(link.path)
    parsed = frontmatter.read_file(link.path)
    current = store.get_draft(link.draft_id)
    store.keep_revision(current, RevisionReason.RESTORE)
    updated = replace(current, body=parsed.body)
    if _has_front_matter(data):
        # A file without front matter says nothing about the fields, so they stay as they are.
        updated = replace(
            updated,
            **{
                key: getattr(parsed, key)
                for key in ("title", "slug", "excerpt", "tags", "categories", "status", "scheduled_at")
            },
            featured_image=parsed.featured_image,
            extra=parsed.extra,
        )
    saved = store.save_draft(updated, revision=RevisionReason.IMPORT)
    addresses = images.local_sources(saved.body) + ([saved.featured_image] if saved.featured_image else [])
    images.copy_beside(link.path.parent, addresses, images.media_folder(store.path.parent, saved.stored_id))
    record(store, link.draft_id, link.path, digest(data))
    return saved


def has_fields(draft: Draft) -> bool:
    """Whether the draft carries anything only front matter can hold."""
    return bool(
        draft.title
        or draft.slug
        or draft.excerpt
        or draft.tags
        or draft.categories
        or draft.status is not PostStatus.DRAFT
        or draft.scheduled_at is not None
        or draft.featured_image
        or draft.extra
    )


def _has_front_matter(data: bytes) -> bool:
    return frontmatter.split(data.decode("utf-8-sig", errors="replace"))[0] is not None


def file_bytes(draft: Draft, previous: bytes | None) -> bytes:
    """The file `draft` is written as, in the format of `previous` (the file's present bytes, or None):
    front matter when the file had some or the draft has fields, plain Markdown otherwise; the file's
    byte order mark and Windows line ends are kept."""
    front = has_fields(draft) or (previous is not None and _has_front_matter(previous))
    text = frontmatter.dump(draft) if front else draft.body
    if previous is not None and b"\r\n" in previous:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    data = text.encode("utf-8")
    if previous is not None and previous.startswith(codecs.BOM_UTF8):
        data = codecs.BOM_UTF8 + data
    return data


def save_to_file(store: Store, draft: Draft) -> LinkedFile | None:
    """Write `draft` back to its file, if it has one (None otherwise), and record the new sha256.

    FileChangedOnDisk when another program changed the file since Longhand last read or wrote it (the
    author chooses first: reload, or keep theirs through `acknowledge`); LinkedFileError when the file
    cannot be written, and then it is as it was. A file that was deleted is written again."""
    link = link_of(store, draft.stored_id)
    if link is None:
        return None
    try:
        previous: bytes | None = link.path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        previous = None
    except OSError as exc:
        raise LinkedFileError(f"Could not read {link.path}: {exc.strerror or exc}.") from None
    data = file_bytes(draft, previous)
    if previous is not None and digest(previous) != link.sha256 and previous != data:
        raise FileChangedOnDisk(f"{link.path.name} was changed by another program since Longhand read it.")
    write_atomically(link.path, data)
    return record(store, link.draft_id, link.path, digest(data))


def _new_file_mode() -> int:
    # os.umask can only be read by setting it, which races with other threads creating files.
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o666 & ~_DEFAULT_UMASK


def write_atomically(path: Path, data: bytes) -> None:
    """Replace the file at `path` with `data` so that a reader, a crash or a full disk sees either the old
    file or the new one, never half of it: a temporary file in the same folder, flushed to the disk, then
    renamed over it. The file keeps its permissions (and, where allowed, its owner and group).
    LinkedFileError, with one sentence, when it cannot be done; the old file is then untouched."""
    try:
        before: os.stat_result | None = os.stat(path)
    except OSError:
        before = None
    temp: str | None = None
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".longhand-tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
            os.fchmod(out.fileno(), stat.S_IMODE(before.st_mode) if before else _new_file_mode())
            if before is not None and (before.st_uid, before.st_gid) != (os.getuid(), os.getgid()):
                try:
                    os.fchown(out.fileno(), before.st_uid, before.st_gid)
                except PermissionError:
                    pass  # only root may give a file away; the author's own copy is theirs then
        os.replace(temp, path)
        temp = None
    except OSError as exc:
        problem = _WRITE_PROBLEMS.get(exc.errno or 0, exc.strerror or str(exc))
        raise LinkedFileError(f"Could not write {path}: {problem}.") from None
    finally:
        if temp is not None:
            try:
                os.unlink(temp)
            except OSError:
                pass
    # The rename is durable only once the folder itself is on the disk.
    try:
        folder = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(folder)
    except OSError:
        pass
    finally:
        os.close(folder)
