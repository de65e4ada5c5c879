"""Changing a static site's files as one undoable edit: a post written, renamed or removed, taken back
whole when the build, the commit or the push that follows it fails."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from editor.backends.base import BackendError, PermanentError, TransientError


def os_error(exc: OSError, what: str) -> BackendError:
    """The BackendError for a file that could not be written: a full disk may pass, a refusal will not."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return TransientError(f"{what}: the disk is full.")
    return PermanentError(f"{what}: {exc.strerror or exc}.")


def write_atomically(path: Path, data: bytes) -> None:
    """Replace a file's content at once (a crash leaves the old file or the new one, never half): the
    temporary file's name starts with a dot, which every generator skips."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".longhand-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


class FileEdit:
    """Files written, moved and removed for one change; `undo` puts them back as they were, modification
    times included (they are how a change by somebody else is noticed)."""

    def __init__(self) -> None:
        self.paths: list[Path] = []  # every path touched, for the commit
        self._undo: list[Callable[[], None]] = []

    def write(self, path: Path, text: str) -> None:
        """Write a file (new, or replacing one)."""
        self._folders(path.parent)
        self._keep(path)
        self._do(path, lambda: write_atomically(path, text.encode("utf-8")))

    def remove(self, path: Path) -> None:
        """Remove a file (and its folder, a page bundle's, once nothing else is in it)."""
        self._keep(path)
        self._do(path, path.unlink)
        if path.stem == "index" and not any(path.parent.iterdir()):
            path.parent.rmdir()
            self._undo.append(lambda: path.parent.mkdir(exist_ok=True))

    def move(self, source: Path, target: Path) -> None:
        """Rename a file or folder (a page bundle) to a name nothing has."""
        if target.exists():
            raise PermanentError(f"{target} is in the way.")
        self._folders(target.parent)
        self._do(target, lambda: os.rename(source, target))
        self.paths.append(source)
        self._undo.append(lambda: os.rename(target, source))

    def undo(self) -> None:
        """Put everything back, newest first; what cannot be put back is left (the error was said)."""
        while self._undo:
            with contextlib.suppress(OSError):
                self._undo.pop()()

    def _do(self, path: Path, action: Callable[[], object]) -> None:
        try:
            action()
        except OSError as exc:
            raise os_error(exc, f"Could not change {path}") from None
        self.paths.append(path)

    def _keep(self, path: Path) -> None:
        """Remember a file's content and times (or that it did not exist) to put back on undo."""
        try:
            data, stat = path.read_bytes(), path.stat()
        except FileNotFoundError:
            self._undo.append(lambda: path.unlink(missing_ok=True))
            return
        except OSError as exc:
            raise os_error(exc, f"Could not read {path}") from None

        def restore() -> None:
            write_atomically(path, data)
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))

        self._undo.append(restore)

    def _folders(self, folder: Path) -> None:
        """Create a folder and its missing parents (removed again on undo, if empty then)."""
        missing = []
        while not folder.exists():
            missing.append(folder)
            folder = folder.parent
        try:
            for made in reversed(missing):
                made.mkdir()
        except OSError as exc:
            raise os_error(exc, f"Could not make the folder {made}") from None

        def remove_empty() -> None:
            for made in missing:  # innermost first
                if not any(made.iterdir()):
                    made.rmdir()

        self._undo.append(remove_empty)
