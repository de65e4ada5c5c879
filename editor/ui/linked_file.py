"""The window's side of files that remember where they came from (`editor.core.linked_files`): opening
files handed to the window, writing the open draft back on Ctrl+S, and noticing when another program
changes its file — a bar above the editor then offers "[Reload] [Keep mine]".

Editors save by writing a new file and renaming it over the old one, which ends a watch on the old
file: the file's folder is watched too and the file watched again after each change; the window
coming to the front checks once more.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ..core import linked_files
from ..core.frontmatter import FrontMatterError
from ..core.linked_files import DiskState, LinkedFile
from ..core.model import Draft
from ..core.session import DraftSession
from ..core.store import Store, StoreError
from .status import EditorStatusBar

# Editors write a file in steps (truncate, write, rename): one look once they have settled.
SETTLE_MS = 150


class Host(Protocol):
    """What of the main window this module uses."""

    store: Store
    session: DraftSession
    status: EditorStatusBar

    def run_step(self, step: Callable[[], object]) -> None: ...
    def open_draft(self, draft_id: int) -> None: ...
    def show_draft(self, draft: Draft) -> None: ...


class DiskChangeBar(QWidget):
    """The bar "FILE changed on disk. [Reload] [Keep mine]" above the editor (the find bar's look);
    for a file that went away, the sentence and a Dismiss button."""

    reload_requested = Signal()
    keep_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diskChangeBar")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.reload_button = QPushButton(self.tr("Reload"))
        self.reload_button.setToolTip(
            self.tr("Replace the draft with the file; the draft's text is kept as a revision")
        )
        self.keep_button = QPushButton(self.tr("Keep mine"))
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 4, 6, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.reload_button)
        row.addWidget(self.keep_button)
        self.reload_button.clicked.connect(self.reload_requested)
        self.keep_button.clicked.connect(self.keep_requested)
        self.hide()

    def offer_changed(self, path: Path) -> None:
        """Say that another program changed the file, offering both versions."""
        self._show(self.tr("{file} changed on disk.").format(file=path.name), path, reload=True)

    def offer_missing(self, path: Path, state: DiskState) -> None:
        """Say that the file is gone (or cannot be read) and that the draft stays."""
        if state is DiskState.MISSING:
            text = self.tr("{file} was deleted or moved away; the draft is kept in Longhand.")
        else:
            text = self.tr("{file} can no longer be read; the draft is kept in Longhand.")
        self._show(text.format(file=path.name), path, reload=False)

    def _show(self, text: str, path: Path, *, reload: bool) -> None:
        self.label.setText(text)
        self.label.setToolTip(str(path))
        self.reload_button.setVisible(reload)
        self.keep_button.setText(self.tr("Keep mine") if reload else self.tr("Dismiss"))
        self.show()

    def dismiss(self) -> None:
        """Hide the bar."""
        self.hide()


class LinkedFileView(QObject):
    """The open draft's file, if it has one: watched while the draft is shown, written back on save."""

    def __init__(self, host: Host, window: QWidget) -> None:
        super().__init__(window)
        self._host = host
        self.bar = DiskChangeBar()
        self.link: LinkedFile | None = None
        self._dismissed: DiskState | None = None  # a missing file the author was already told about
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._changed)
        self.watcher.directoryChanged.connect(self._changed)
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self.check)
        self.bar.reload_requested.connect(self.reload)
        self.bar.keep_requested.connect(self.keep_mine)
        window.installEventFilter(self)

    # -- opening ----------------------------------------------------------------------------------
    def open_targets(self, targets: object) -> tuple[bool, str]:
        """Open each Markdown file named in `targets` (absolute paths) as its draft, the last one in the
        window; returns (all opened, one sentence). What cannot be opened is named, and said in the status
        bar too; the others still open."""
        if not isinstance(targets, list) or not all(isinstance(t, str) for t in targets):
            return False, "The files to open must be given as a list of paths."
        opened: list[Path] = []
        problems: list[str] = []
        last: int | None = None
        for target in targets:
            if "://" in target:
                problems.append(f"Longhand cannot open {target}.")
                continue
            if not os.path.isabs(target):
                problems.append(f"{target} is not a full path, so Longhand cannot tell which file it is.")
                continue
            try:
                last = linked_files.open_file(self._host.store, Path(target)).draft.stored_id
            except (FrontMatterError, StoreError) as exc:
                problems.append(str(exc))
                continue
            opened.append(Path(target))
        if last is not None:
            self._host.open_draft(last)
        if problems:
            self._host.status.show_problem(" ".join(problems))
            return False, " ".join(problems)
        names = ", ".join(path.name for path in opened)
        return True, f"Opened {names}." if names else "The window is open."

    # -- the open draft's file --------------------------------------------------------------------
    def draft_shown(self, draft: Draft) -> None:
        """The window shows `draft`: watch its file, if it has one, and look at it now."""
        try:
            link = linked_files.link_of(self._host.store, draft.stored_id)
        except StoreError:
            link = None
        moved = (link and link.path) != (self.link and self.link.path)
        self.link = link
        self._dismissed = None
        if moved:
            self._watch()
        self.check()

    def _watch(self) -> None:
        watched = self.watcher.files() + self.watcher.directories()
        if watched:
            self.watcher.removePaths(watched)
        if self.link is not None:
            for path in (self.link.path, self.link.path.parent):
                if path.exists():
                    self.watcher.addPath(str(path))

    def _changed(self, _path: str) -> None:
        # A rename over the file ended the watch on it: watch the new file.
        if self.link is not None and str(self.link.path) not in self.watcher.files() and self.link.path.exists():
            self.watcher.addPath(str(self.link.path))
        self._settle.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate and self.link is not None:
            self._settle.start()  # changed while the author was in another program, unwatched or not
        return False

    def check(self) -> DiskState | None:
        """Compare the file with what Longhand last read or wrote, and offer or withdraw the bar."""
        if self.link is None:
            self.bar.dismiss()
            return None
        state = linked_files.disk_state(self.link)
        if state is DiskState.SAME:
            self._dismissed = None
            self.bar.dismiss()
        elif state is DiskState.CHANGED:
            self.bar.offer_changed(self.link.path)
        elif state is not self._dismissed:
            self.bar.offer_missing(self.link.path, state)
        if state is not DiskState.MISSING and str(self.link.path) not in self.watcher.files():
            self._watch()  # the file came back (written again by someone)
        return state

    def reload(self) -> None:
        """Take the file's version: the draft's text goes into a revision, the file's into the draft."""
        link = self.link
        if link is None:
            return

        def take_the_file() -> None:
            try:
                linked_files.reload(self._host.store, link)
            except FrontMatterError as exc:
                self._host.status.show_problem(str(exc))
                return
            self._host.show_draft(self._host.session.reload())

        self._host.run_step(take_the_file)  # saves what is typed first, so the revision has every word

    def keep_mine(self) -> None:
        """Keep the draft: the file's version is not offered again, and the next save overwrites it."""
        if self.link is not None:
            state = linked_files.disk_state(self.link)
            if state is DiskState.CHANGED:
                try:
                    self.link = linked_files.acknowledge(self._host.store, self.link)
                except StoreError as exc:
                    self._host.status.show_problem(str(exc))
                    return
            else:
                self._dismissed = state
        self.bar.dismiss()

    def save_to_file(self) -> None:
        """Write the open draft back to its file, if it has one (after the store saved it: Ctrl+S). A
        failure is said in one sentence in the status bar; the draft is safe in the store either way."""
        draft = self._host.session.draft
        if draft is None:
            return
        try:
            link = linked_files.save_to_file(self._host.store, draft)
        except linked_files.FileChangedOnDisk as exc:
            self.check()
            self._host.status.show_problem(
                self.tr("{problem}: reload it or keep yours, then save again.").format(problem=str(exc).rstrip("."))
            )
            return
        except linked_files.LinkedFileError as exc:
            self._host.status.show_problem(
                self.tr("{problem}; the draft is saved in Longhand.").format(problem=str(exc).rstrip("."))
            )
            return
        except StoreError as exc:
            self._host.status.show_problem(str(exc))
            return
        if link is not None:
            self.link = link
            self._dismissed = None
            self.check()
            self._host.status.showMessage(self.tr("Saved, and written to {file}").format(file=link.path), 3000)
