"""File ▸ Import WordPress Export…, Export All Drafts… and Export as HTML…: whole blogs in and out.

The import reads and converts off the UI thread (a big export takes a while), with a progress dialog;
what it did is then said in a message, and the drafts list and the inbox re-read the store. The core is
editor/core/wxr_import.py and editor/core/export.py. Installed on the window by `install`: one line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from ..core.model import Draft
from ..core.store import StoreError
from .background import plain_error, run_in_background
from .menus import Menus
from .services import Services

# The WordPress import (lxml) and the exports are imported when an action first needs them, not as the
# window starts.


def translate(text: str) -> str:
    return QCoreApplication.translate("ArchiveFiles", text)


class WindowParts(Protocol):
    """What this module uses of the main window (which imports it, so it is not imported here)."""

    services: Services
    menus: Menus

    @property
    def current_draft(self) -> Draft: ...

    def save_now(self) -> None: ...


class _Progress(QObject):
    """Carries the import's progress from its thread to the dialog (a queued signal)."""

    changed = Signal(int, int)


class ArchiveFiles(QObject):
    """The three File menu actions, for one window."""

    def __init__(self, window: WindowParts, parent: QWidget) -> None:
        super().__init__(parent)
        self._window, self._parent, self._services = window, parent, window.services
        self.message: QMessageBox | None = None  # the last result shown (tests read it)
        self.progress: QProgressDialog | None = None

    def _say(self, title: str, text: str, *, problem: bool = False) -> QMessageBox:
        icon = QMessageBox.Icon.Warning if problem else QMessageBox.Icon.Information
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self._parent)
        box.setAccessibleName(title)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.message = box
        return box

    def import_export(self) -> None:
        """Ask for a WordPress export file and import it in the background."""
        path, _ = QFileDialog.getOpenFileName(
            self._parent,
            self.tr("Import WordPress Export"),
            str(Path.home()),
            self.tr("WordPress export (*.xml);;All files (*)"),
        )
        if path:
            self.start_import(Path(path))

    def start_import(self, path: Path) -> None:
        """Import `path` off the UI thread, showing progress; the result is said in a message."""
        from ..core import wxr, wxr_import

        progress = QProgressDialog(self.tr("Importing {name}…").format(name=path.name), "", 0, 0, self._parent)
        progress.setWindowTitle(self.tr("Import WordPress Export"))
        progress.setAccessibleName(self.tr("Import progress"))
        progress.setCancelButton(None)  # one transaction: it is all or nothing, and quick to write
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        relay = _Progress(progress)

        def advance(done: int, total: int) -> None:
            progress.setMaximum(total)
            progress.setValue(done)

        relay.changed.connect(advance)
        self.progress = progress
        store = self._services.store

        def work() -> wxr_import.WxrImport | wxr.WxrError:
            try:
                return wxr_import.import_file(store, path, progress=relay.changed.emit)
            except wxr.WxrError as exc:  # the file's fault, said to the author; not a bug to log
                return exc

        run_in_background(
            work,
            lambda result, error: self._imported(progress, result, error),
            owner=self,
            name="longhand-wxr-import",
        )

    def _imported(self, progress: QProgressDialog, result: object, error: BaseException | None) -> None:
        from ..core import wxr, wxr_import

        progress.close()
        progress.deleteLater()
        self.progress = None
        title = self.tr("Import WordPress Export")
        if isinstance(result, wxr.WxrError):
            self._say(title, self.tr("{problem} Nothing was imported.").format(problem=result), problem=True)
            return
        if error is not None or not isinstance(result, wxr_import.WxrImport):
            self._say(title, plain_error(error or RuntimeError()), problem=True)
            return
        self._services.drafts_changed.emit()
        self._services.comments_synced.emit(0)  # the inbox re-reads; 0: no "new comments" notice
        self._say(title, "\n".join(result.lines()))

    def export_all(self) -> None:
        """Ask for a folder and write every draft into it as Markdown (never overwriting a file)."""
        from ..core import export

        self._window.save_now()
        folder = QFileDialog.getExistingDirectory(self._parent, self.tr("Export All Drafts"), str(Path.home()))
        if not folder:
            return
        title = self.tr("Export All Drafts")
        try:
            written = export.export_all(self._services.store, Path(folder))
        except (export.ExportError, StoreError) as exc:
            self._say(title, str(exc), problem=True)
            return
        self._say(
            title,
            self.tr(
                "Drafts written to {folder}: {count}. A name already taken got -2, -3, … (nothing overwritten)."
            ).format(count=len(written), folder=folder),
        )

    def export_html(self) -> None:
        """Ask where, then write the open draft as one standalone HTML page."""
        from ..core import export

        self._window.save_now()
        draft = self._window.current_draft
        suggested = str(Path.home() / f"{export.file_stem(draft)}.html")
        path, _ = QFileDialog.getSaveFileName(
            self._parent, self.tr("Export as HTML"), suggested, self.tr("Web page (*.html)")
        )
        if not path:
            return
        try:
            export.export_html(self._services.store, draft, Path(path))
        except (export.ExportError, StoreError) as exc:
            self._say(self.tr("Export as HTML"), str(exc), problem=True)


def install(window: WindowParts) -> ArchiveFiles:
    """Put the three actions in the File menu, beside Import/Export Markdown."""
    parent = window if isinstance(window, QWidget) else None
    if parent is None:
        raise TypeError("archive_files.install needs the main window")
    archive = ArchiveFiles(window, parent)
    window.menus.action("file.import", translate("Import &WordPress Export…"), archive.import_export)
    window.menus.action("file.import", translate("Export &All Drafts…"), archive.export_all)
    window.menus.action("file.import", translate("Export as &HTML…"), archive.export_html)
    return archive
