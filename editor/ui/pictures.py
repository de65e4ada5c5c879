"""Pictures put in the open draft: dropped or pasted files, pasted image data, or files chosen in a
dialog. Each is copied into the draft's media folder and a Markdown image for it is typed at the cursor,
its alt text selected so that typing replaces it: the folder is where relative image addresses point, in
the preview and when publishing."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QObject, Signal
from PySide6.QtGui import QImage, QTextCursor
from PySide6.QtWidgets import QFileDialog, QWidget

from ..core.images import add_to_media
from .editor import MarkdownEditor

PICTURE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".bmp"}
_IMAGE_END = re.compile(r"\]\([^)\n]*\)")  # what follows an image's alt text: "](address)"
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


def alt_text(name: str) -> str:
    """The alt text offered for a picture named `name`: its stem, without what would end the alt early."""
    return " ".join(Path(name).stem.replace("[", " ").replace("]", " ").split()) or "picture"


def utf16_length(text: str) -> int:
    """How long `text` is in a QTextDocument's positions (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def _end_of_image_with_alt_selected(cursor: QTextCursor) -> int | None:
    """Where the Markdown image ends whose whole alt text the cursor selects (as it is right after an
    insertion); None for any other selection."""
    if not cursor.hasSelection():
        return None
    block = cursor.block()
    line = block.text().encode("utf-16-le")  # Qt's positions count UTF-16 code units
    start, end = cursor.selectionStart() - block.position(), cursor.selectionEnd() - block.position()
    before, after = line[: 2 * start].decode("utf-16-le"), line[2 * end :].decode("utf-16-le")
    rest = _IMAGE_END.match(after)
    if not before.endswith("![") or rest is None:
        return None
    return cursor.selectionEnd() + utf16_length(rest.group(0))


class PictureInserter(QObject):
    """Handles pictures given to the editor (drop, paste) and the Insert Picture… dialog."""

    failed = Signal(str)  # a sentence: the picture could not be copied
    added = Signal()  # images were put in the text (their files in the media folder)

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
        self._insert([(alt_text(path.name), _copier(path)) for path in files])

    def insert_media(self, name: str) -> None:
        """Put an image for `name`, a file already in the media folder ("/"-separated), at the cursor."""
        self._insert([(alt_text(name), lambda _folder: quote(name))])

    def choose(self) -> None:
        """Ask for pictures with a file dialog, then insert them."""
        title = self.tr("Insert Picture")
        names, _ = QFileDialog.getOpenFileNames(self._window, title, str(Path.home()), DIALOG_FILTER)
        if names:
            self.insert_files([Path(name) for name in names])

    def _insert(self, pictures: list[tuple[str, Callable[[Path], str]]]) -> None:
        folder = self._media_folder()
        lines, first_alt = [], ""
        for alt, copy in pictures:
            try:
                lines.append(f"![{alt}]({copy(folder)})")
            except OSError as exc:
                said = self.tr("Could not copy the picture into the draft's folder: %1.")
                self.failed.emit(said.replace("%1", str(exc.strerror or exc)))
            else:
                first_alt = first_alt or alt
        if not lines:
            return
        cursor, separator = self._editor.textCursor(), ""
        after_image = _end_of_image_with_alt_selected(cursor)
        if after_image is not None:  # a second picture straight after one: beside it, not in its alt text
            cursor.setPosition(after_image)
            separator = "\n\n"
        # The text typed replaces a selection, so the images start where the selection does.
        start = cursor.selectionStart() + utf16_length(separator)
        cursor.insertText(separator + "\n\n".join(lines))
        # The first image's alt text is selected: typing describes the picture.
        cursor.setPosition(start + utf16_length("!["))
        cursor.setPosition(cursor.position() + utf16_length(first_alt), QTextCursor.MoveMode.KeepAnchor)
        self._editor.setTextCursor(cursor)
        self.added.emit()
