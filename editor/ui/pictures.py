"""Pictures put in the open draft: dropped or pasted files, pasted image data, or files chosen in a
dialog. Each is copied into the draft's media folder and a Markdown image for it is typed at the cursor:
the folder is where relative image addresses point, in the preview and when publishing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QWidget

from ..core.images import add_to_media
from .editor import MarkdownEditor

PICTURE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".bmp"}
DIALOG_FILTER = "Pictures (" + " ".join(f"*{suffix}" for suffix in sorted(PICTURE_SUFFIXES)) + ");;All files (*)"


def picture_files(mime: QMimeData) -> list[Path]:
    """The local picture files a drop or a paste carries."""
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [path for path in paths if path.suffix.lower() in PICTURE_SUFFIXES and path.is_file()]


def png_bytes(image: QImage) -> bytes:
    """An image as PNG data."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 takes the format as a str (its stubs say bytes, which it rejects with ValueError).
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    return bytes(data.data())


def _copier(path: Path) -> Callable[[Path], str]:
    """Copies the picture file at `path` into the media folder it is given."""
    return lambda folder: add_to_media(folder, path)


class PictureInserter(QObject):
    """Handles pictures given to the editor (drop, paste) and the Insert Picture… dialog."""

    failed = Signal(str)  # a sentence: the picture could not be copied

    def __init__(self, editor: MarkdownEditor, media_folder: Callable[[], Path], parent: QWidget) -> None:
        super().__init__(parent)
        self._editor, self._media_folder = editor, media_folder
        self._window = parent  # the file dialog's parent
        editor.picture_handler = self.insert_from_mime

    def insert_from_mime(self, mime: QMimeData) -> bool:
        """Insert the pictures a drop or a paste carries; False when it carries none (plain text)."""
        files = picture_files(mime)
        if files:
            self.insert_files(files)
        elif mime.hasImage() and not mime.hasText():
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            self._insert(
                [
                    (
                        "pasted picture",
                        lambda folder: add_to_media(
                            folder, data=png_bytes(QImage(mime.imageData())), name=f"pasted-{stamp}.png"
                        ),
                    )
                ]
            )
        else:
            return False
        return True

    def insert_files(self, files: list[Path]) -> None:
        """Copy `files` into the media folder and put an image for each at the cursor."""
        self._insert([(path.stem, _copier(path)) for path in files])

    def choose(self) -> None:
        """Ask for pictures with a file dialog, then insert them."""
        names, _ = QFileDialog.getOpenFileNames(self._window, "Insert Picture", str(Path.home()), DIALOG_FILTER)
        if names:
            self.insert_files([Path(name) for name in names])

    def _insert(self, pictures: list[tuple[str, Callable[[Path], str]]]) -> None:
        folder = self._media_folder()
        lines = []
        for alt, copy in pictures:
            try:
                lines.append(f"![{alt}]({copy(folder)})")
            except OSError as exc:
                self.failed.emit(f"Could not copy the picture into the draft's folder: {exc.strerror or exc}.")
        if lines:
            self._editor.textCursor().insertText("\n\n".join(lines))
