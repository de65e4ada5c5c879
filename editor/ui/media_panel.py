"""The Media panel (View ▸ Media): the open draft's media folder, each picture with a thumbnail, its name,
its size and where the text uses it; Insert puts it at the cursor, Delete removes an unused one, Remove
Unused clears out what the draft no longer names.

What is used is worked out by `core/media.py` from the text as it is in the editor, on a timer that
waits for a pause in typing, and only while the panel is shown; thumbnails are made once per file version.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, cast

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QIcon, QImageReader, QKeyEvent, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.images import media_folder
from ..core.media import MediaFile, delete_media, human_size, list_media
from ..core.session import DraftSession
from ..core.store import Store
from .editor import MarkdownEditor
from .menus import Menus
from .pictures import PictureInserter


class WindowParts(Protocol):
    """What the panel uses of the main window (which imports this module, so it is not imported here)."""

    store: Store
    session: DraftSession
    editor: MarkdownEditor
    pictures: PictureInserter
    menus: Menus


REFRESH_MS = 400  # a pause in typing before the uses are worked out again
THUMBNAIL = 48  # pixels, the longer side
NAME, SIZE, USE = range(3)


def thumbnail(path: Path) -> QIcon:
    """A small picture of the image file, decoded at that size (a large photo is not read in full); an
    empty icon for what Qt cannot read."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and not size.isEmpty():
        reader.setScaledSize(size.scaled(THUMBNAIL, THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return QIcon(QPixmap.fromImage(image)) if not image.isNull() else QIcon()


def _icon_key(item: MediaFile) -> tuple[str, int, int]:
    """What identifies a version of a file, for its thumbnail."""
    return (str(item.path), item.size, item.modified_ns)


class MediaPanel(QDockWidget):
    """The open draft's pictures, and Insert, Delete and Remove Unused."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(self.tr("Media"), window)
        self.setObjectName("mediaPanel")
        self.parts = cast(WindowParts, window)
        self.files: list[MediaFile] = []
        self._icons: dict[tuple[str, int, int], QIcon] = {}  # (path, size, mtime) → thumbnail
        self._shown_folder: Path | None = None
        self._rows: list[QTreeWidgetItem] = []  # the list's rows, one for each of `files`

        self.list = QTreeWidget()
        self.list.setAccessibleName(self.tr("Pictures in this draft's media folder"))
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels([self.tr("File"), self.tr("Size"), self.tr("In the text")])
        self.list.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        self.list.header().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.list.header().setStretchLastSection(False)
        self.insert_button = QPushButton(self.tr("&Insert"))
        self.insert_button.setAccessibleName(self.tr("Insert the picture at the cursor"))
        self.delete_button = QPushButton(self.tr("&Delete"))
        self.delete_button.setAccessibleName(self.tr("Delete the picture's file"))
        self.remove_unused_button = QPushButton(self.tr("Remove &Unused"))
        self.remove_unused_button.setAccessibleName(self.tr("Delete every picture the draft does not use"))
        self.summary = QLabel(wordWrap=True)
        self.summary.setAccessibleName(self.tr("Media folder summary"))
        self.message = QLabel(wordWrap=True)
        self.message.setAccessibleName(self.tr("Media panel message"))
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QHBoxLayout()
        for button in (self.insert_button, self.delete_button, self.remove_unused_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.setWidget(body)

        # Typing only restarts the timer; the folder is read when the author pauses.
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        # The document's signal, not the editor's: opening another draft loads its text with the
        # editor's signals blocked, and that must refresh the panel too.
        self.parts.editor.document().contentsChanged.connect(self._timer.start)
        self.parts.pictures.added.connect(self.refresh)
        self.visibilityChanged.connect(lambda visible: self.refresh() if visible else None)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemActivated.connect(lambda *_: self.insert_selected())
        self.insert_button.clicked.connect(self.insert_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.remove_unused_button.clicked.connect(self.remove_unused)
        self.list.installEventFilter(self)  # the Delete key on the list deletes the selected file
        self._update_buttons()

    # -- what is shown ----------------------------------------------------------------------------
    def folder(self) -> Path | None:
        """The open draft's media folder."""
        draft = self.parts.session.draft
        return media_folder(self.parts.store.path.parent, draft.stored_id) if draft is not None else None

    def _read(self) -> tuple[Path | None, str, str]:
        draft = self.parts.session.draft
        featured = draft.featured_image if draft is not None else ""
        return self.folder(), self.parts.editor.toPlainText(), featured

    def refresh(self) -> None:
        """List the open draft's media folder again, with where the text uses each file (while shown)."""
        self._timer.stop()
        if not self.isVisible():
            return
        folder, body, featured = self._read()
        files = list_media(folder, body, featured) if folder is not None else []
        selected = self.selected()
        same_files = folder == self._shown_folder and [f.name for f in files] == [f.name for f in self.files]
        self.files, self._shown_folder = files, folder
        if not same_files:
            self.list.clear()
            self._rows = [QTreeWidgetItem(self.list) for _ in files]
        for row, item in zip(self._rows, files, strict=True):
            self._show(row, item)
        # Thumbnails of files gone or changed are let go.
        current = {_icon_key(f) for f in files}
        self._icons = {key: icon for key, icon in self._icons.items() if key in current}
        if selected is not None:
            self.select(selected.name)
        unused = sum(1 for f in files if not f.used)
        total = human_size(sum(f.size for f in files))
        pictures = self.tr("1 file, %1") if len(files) == 1 else self.tr("%2 files, %1").replace("%2", str(len(files)))
        self.summary.setText(
            pictures.replace("%1", total) + (self.tr("; %1 unused").replace("%1", str(unused)) if unused else "")
        )
        self._update_buttons()

    def _show(self, row: QTreeWidgetItem, item: MediaFile) -> None:
        row.setData(NAME, Qt.ItemDataRole.UserRole, item.name)
        row.setText(NAME, item.name)
        row.setIcon(NAME, self._thumbnail(item))
        row.setText(SIZE, human_size(item.size))
        row.setTextAlignment(SIZE, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row.setText(USE, self.tr("Used: %1").replace("%1", item.where) if item.used else self.tr("Unused"))

    def _thumbnail(self, item: MediaFile) -> QIcon:
        key = _icon_key(item)
        if key not in self._icons:
            self._icons[key] = thumbnail(item.path)
        return self._icons[key]

    def selected(self) -> MediaFile | None:
        """The file selected in the list."""
        row = self.list.currentItem()
        if row is None or not row.isSelected():
            return None
        name = row.data(NAME, Qt.ItemDataRole.UserRole)
        return next((f for f in self.files if f.name == name), None)

    def select(self, name: str) -> bool:
        """Select the file `name` in the list; False when it is not there."""
        for row in self._rows:
            if row.data(NAME, Qt.ItemDataRole.UserRole) == name:
                self.list.setCurrentItem(row)
                return True
        return False

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.insert_button.setEnabled(chosen is not None)
        self.delete_button.setEnabled(chosen is not None)
        self.remove_unused_button.setEnabled(any(not f.used for f in self.files))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (
            watched is self.list
            and event.type() == QEvent.Type.KeyPress
            and cast(QKeyEvent, event).matches(QKeySequence.StandardKey.Delete)
        ):
            self.delete_selected()
            return True
        return False

    # -- what it does -----------------------------------------------------------------------------
    def insert_selected(self) -> None:
        """Put an image for the selected file at the editor's cursor, its alt text ready to type over."""
        chosen = self.selected()
        if chosen is None:
            return
        self.parts.pictures.insert_media(chosen.name)
        self.parts.editor.setFocus()

    def delete_selected(self) -> None:
        """Delete the selected file, after asking; a file the draft uses is refused, saying where."""
        self.refresh()  # the uses as the text is now, not at the last pause in typing
        chosen = self.selected()
        if chosen is None:
            return
        if chosen.used:
            refusal = self.tr("%1 is used (%2), so it was not deleted.")
            self.message.setText(refusal.replace("%1", chosen.name).replace("%2", chosen.where))
            return
        question = self.tr("Delete %1 (%2) from this draft's media folder? This cannot be undone.")
        question = question.replace("%1", chosen.name).replace("%2", human_size(chosen.size))
        if self.confirm(self.tr("Delete Picture"), question):
            self._delete([chosen.name])

    def remove_unused(self) -> None:
        """Delete every file the text and the featured image do not use, after a confirmation that says
        how many and how much space it frees."""
        self.refresh()  # what is unused now, not at the last pause in typing
        unused = [f for f in self.files if not f.used]
        if not unused:
            return
        question = (
            self.tr("Delete 1 unused file (%1) from this draft's media folder? This cannot be undone.")
            if len(unused) == 1
            else self.tr("Delete %2 unused files (%1) from this draft's media folder? This cannot be undone.")
        )
        question = question.replace("%2", str(len(unused))).replace("%1", human_size(sum(f.size for f in unused)))
        if self.confirm(self.tr("Remove Unused"), question):
            self._delete([f.name for f in unused])

    def _delete(self, names: list[str]) -> None:
        folder, body, featured = self._read()
        if folder is None:
            return
        # The core checks the uses again as it deletes: the text may have changed since the question.
        done = delete_media(folder, names, body, featured)
        said = list(done.refused)
        if done.removed:
            deleted = self.tr("Deleted 1 file") if len(done.removed) == 1 else self.tr("Deleted %2 files")
            freed = self.tr("%1 freed.").replace("%1", human_size(done.freed))
            said.insert(0, deleted.replace("%2", str(len(done.removed))) + ", " + freed)
        self.message.setText(" ".join(said))
        self.refresh()

    def confirm(self, title: str, question: str) -> bool:
        """Ask before deleting; Cancel is the default."""
        box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=self)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes


def install(window: QMainWindow) -> MediaPanel:
    """Add the Media panel (hidden at first, on the right) and its View ▸ Media toggle to the window."""
    panel = MediaPanel(window)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
    panel.hide()
    toggle = panel.toggleViewAction()
    toggle.setText(QCoreApplication.translate("MediaPanel", "&Media"))
    cast(WindowParts, window).menus.add("view", toggle)
    return panel
