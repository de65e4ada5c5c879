"""File ▸ Import WordPress Export…, Export All Drafts… and Export as HTML… clicked in the real window (the
file choosers answer with a path: they are the system's dialogs, not Longhand's)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog

from editor.ui.archive_files import ArchiveFiles

EXPORT = Path(__file__).resolve().parents[1] / "data" / "wordpress_export.xml"


def menu_action(window, text: str) -> QAction:
    file_menu = window.menus.menus["file"]
    return next(a for a in file_menu.actions() if a.text().replace("&", "") == text)


def sidebar_titles(window) -> list[str]:
    model = window.sidebar.model
    return [model.index(i).data() for i in range(model.rowCount())]


def test_import_wordpress_export_from_the_file_menu(qtbot, open_window, monkeypatch):
    window = open_window()
    archive = window.findChild(ArchiveFiles)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(EXPORT), ""))
    menu_action(window, "Import WordPress Export…").trigger()
    qtbot.waitUntil(lambda: archive.message is not None, timeout=30000)
    assert archive.message.text().startswith("Imported 9 drafts (3 pages, 6 posts) from Longhand Test Blog")
    assert archive.message.accessibleName()
    assert any("Coming soon" in title for title in sidebar_titles(window))
    archive.message.close()

    archive.message = None
    menu_action(window, "Import WordPress Export…").trigger()  # again: nothing twice
    qtbot.waitUntil(lambda: archive.message is not None, timeout=30000)
    assert "9 were already imported" in archive.message.text()
    assert len(window.store.list_drafts()) == 10  # the welcome draft and the nine


def test_a_malformed_export_is_said_and_nothing_imported(qtbot, open_window, monkeypatch, tmp_path):
    window = open_window()
    archive = window.findChild(ArchiveFiles)
    broken = tmp_path / "broken.xml"
    broken.write_text(EXPORT.read_text(encoding="utf-8")[:5000], encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(broken), ""))
    menu_action(window, "Import WordPress Export…").trigger()
    qtbot.waitUntil(lambda: archive.message is not None, timeout=30000)
    assert "broken.xml is not a complete WordPress export" in archive.message.text()
    assert "Nothing was imported." in archive.message.text()
    assert len(window.store.list_drafts()) == 1


def test_export_all_and_export_html_from_the_file_menu(qtbot, open_window, monkeypatch, tmp_path):
    window = open_window()
    archive = window.findChild(ArchiveFiles)
    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(folder))
    menu_action(window, "Export All Drafts…").trigger()
    assert [p.name for p in folder.iterdir()] == ["welcome-to-longhand.md"]
    assert "Drafts written to" in archive.message.text() and ": 1." in archive.message.text()
    page = tmp_path / "page.html"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(page), ""))
    menu_action(window, "Export as HTML…").trigger()
    assert "<h1>Welcome to Longhand</h1>" in page.read_text(encoding="utf-8")
