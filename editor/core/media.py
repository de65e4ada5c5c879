"""A draft's media folder as the author manages it: which files are there, how big, and where the draft
uses each; deleting the ones it does not use.

"Used" is read from the text alone (every image address the Markdown or HTML names, link definitions
included) and the featured image, so the answer is quick enough to recompute while the author types.
Deleting is careful: only regular files inside the folder, reached without following a symlink (a link
in the folder is never listed, so never deleted, and its target is never touched), and never a file the
draft uses at the moment of deleting.
"""

from __future__ import annotations

import bisect
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from . import images

_NEWLINE = re.compile("\n")


@dataclass(frozen=True)
class MediaFile:
    """A file in a draft's media folder, and where the draft uses it."""

    name: str  # relative to the folder, with "/" between folders: what the draft's text names it by
    path: Path
    size: int  # bytes
    modified_ns: int
    lines: tuple[int, ...] = ()  # the lines of the text that name it
    featured: bool = False  # it is the featured image

    @property
    def used(self) -> bool:
        """Whether the draft's text or its featured image names the file."""
        return bool(self.lines) or self.featured

    @property
    def where(self) -> str:
        """Where the draft uses the file, as the author reads it ("line 3 and the featured image"); ""
        when unused."""
        places = []
        if self.lines:
            numbers = [str(n) for n in self.lines]
            places.append(f"line {numbers[0]}" if len(numbers) == 1 else f"lines {', '.join(numbers)}")
        if self.featured:
            places.append("the featured image")
        return " and ".join(places)


@dataclass(frozen=True)
class Removal:
    """What deleting files from a media folder did."""

    removed: list[str] = field(default_factory=list)  # names deleted
    freed: int = 0  # bytes
    refused: list[str] = field(default_factory=list)  # one sentence per file left in place, saying why


def human_size(size: int) -> str:
    """A size as a file manager shows it: "512 bytes", "48 KB", "3.2 MB"."""
    if size < 1024:
        return "1 byte" if size == 1 else f"{size} bytes"
    value = float(size)
    for unit in ("KB", "MB", "GB"):
        value /= 1024
        if value < 1024 or unit == "GB":
            break
    return f"{value:.1f} {unit}" if value < 10 and unit != "KB" else f"{max(1, round(value))} {unit}"


def uses(media: Path, body: str, featured: str = "") -> dict[Path, tuple[tuple[int, ...], bool]]:
    """The local files a draft names (resolved), each with the lines of `body` naming it and whether it
    is the featured image. Only files that exist; the addresses are read as publishing reads them."""
    line_starts = [match.start() for match in _NEWLINE.finditer(body)]
    lines: dict[Path, dict[int, None]] = {}
    resolved: dict[str, Path | None] = {}  # a picture named many times is looked for once
    for offset, src in images.located_addresses(body):
        if src not in resolved:
            resolved[src] = _local_file(src, media)
        path = resolved[src]
        if path is not None:
            lines.setdefault(path, {})[bisect.bisect_left(line_starts, offset) + 1] = None
    featured_path = _local_file(featured, media) if featured else None
    found = {path: (tuple(numbers), path == featured_path) for path, numbers in lines.items()}
    if featured_path is not None and featured_path not in found:
        found[featured_path] = ((), True)
    return found


def _local_file(src: str, media: Path) -> Path | None:
    found = images.resolve(src, media)
    if not isinstance(found, images.LocalImage):
        return None
    try:
        return found.path.resolve(strict=True)
    except (OSError, RuntimeError):
        return None


def list_media(media: Path, body: str, featured: str = "") -> list[MediaFile]:
    """The regular files in a draft's media folder (its subfolders too, symlinks left out), by name,
    each with its size and where `body` and `featured` use it. An absent folder has none."""
    used = uses(media, body, featured)
    try:
        root = media.resolve(strict=True)
    except (OSError, RuntimeError):
        return []
    found = []
    for folder, dirs, files in os.walk(root):  # os.walk does not enter symlinked folders
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            try:
                info = path.lstat()
            except OSError:
                continue  # gone meanwhile
            if not stat.S_ISREG(info.st_mode):
                continue
            lines, featured_here = used.get(path, ((), False))
            relative = path.relative_to(root).as_posix()
            found.append(MediaFile(relative, path, info.st_size, info.st_mtime_ns, lines, featured_here))
    return sorted(found, key=lambda item: item.name.casefold())


def unused(media: Path, body: str, featured: str = "") -> list[MediaFile]:
    """The files of the media folder the draft does not use."""
    return [item for item in list_media(media, body, featured) if not item.used]


def delete_media(media: Path, names: Iterable[str], body: str, featured: str = "") -> Removal:
    """Delete the named files from the media folder, except those the draft uses now (each refused
    with a sentence saying where it is used) and anything that is not a regular file inside the folder."""
    current = {item.name: item for item in list_media(media, body, featured)}
    removed: list[str] = []
    refused: list[str] = []
    freed = 0
    for name in dict.fromkeys(names):
        item = current.get(name)
        if item is None:
            refused.append(f"{name} is not a file in this draft's media folder.")
        elif item.used:
            refused.append(f"{name} is used ({item.where}), so it was not deleted.")
        else:
            try:
                freed += _unlink_inside(media, name)
            except OSError as exc:
                refused.append(f"Could not delete {name}: {exc.strerror or exc}.")
            else:
                removed.append(name)
    return Removal(removed, freed, refused)


def _unlink_inside(media: Path, name: str) -> int:
    """Delete the regular file `name` (relative, "/"-separated) in `media`, reaching it folder by folder
    without following a symlink, so a link swapped in meanwhile cannot lead out; returns its size."""
    parts = PurePosixPath(name).parts
    if not parts or PurePosixPath(name).is_absolute() or any(part in (".", "..") for part in parts):
        raise OSError(f"{name} is not inside the media folder")
    fd = os.open(media, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for part in parts[:-1]:
            inner = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
            os.close(fd)
            fd = inner
        info = os.stat(parts[-1], dir_fd=fd, follow_symlinks=False)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(f"{name} is not a regular file")
        os.unlink(parts[-1], dir_fd=fd)
        return info.st_size
    finally:
        os.close(fd)
