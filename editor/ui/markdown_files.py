"""File ▸ Import Markdown… and Export Markdown…: drafts to and from Markdown files with YAML front matter."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..core import frontmatter
from ..core.importing import import_draft
from ..core.model import Draft
from ..core.store import Store, StoreError

translate = QCoreApplication.translate


def import_files(parent: QWidget, store: Store) -> Draft | None:
    """Ask for Markdown files and import each as a new draft; returns the last one imported. A file that
    cannot be read is named in a message and the others are still imported."""
    paths, _ = QFileDialog.getOpenFileNames(
        parent,
        translate("MarkdownFiles", "Import Markdown"),
        str(Path.home()),
        translate("MarkdownFiles", "Markdown (*.md *.markdown *.txt);;All files (*)"),
    )
    last = None
    for path in paths:
        try:
            last = import_draft(store, frontmatter.read_file(Path(path)), Path(path))
        except (frontmatter.FrontMatterError, StoreError) as exc:
            QMessageBox.warning(parent, translate("MarkdownFiles", "Import"), str(exc))
    return last


def export_file(parent: QWidget, draft: Draft) -> None:
    """Ask where, then write `draft` as a Markdown file with YAML front matter."""
    name = (draft.slug or draft.display_title).replace("/", "-") + ".md"
    path, _ = QFileDialog.getSaveFileName(
        parent,
        translate("MarkdownFiles", "Export Markdown"),
        str(Path.home() / name),
        translate("MarkdownFiles", "Markdown (*.md)"),
    )
    if not path:
        return
    try:
        Path(path).write_text(frontmatter.dump(draft), encoding="utf-8")
    except OSError as exc:
        QMessageBox.warning(
            parent,
            translate("MarkdownFiles", "Export"),
            translate("MarkdownFiles", "Could not write {file}: {problem}.").format(
                file=path, problem=exc.strerror or exc
            ),
        )
