"""The window in another language: every user-facing string goes through Qt's translation, the shipped
pseudo-locale (en_XA) is complete, and the real window shows it when it is chosen."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from editor.core.pseudo_locale import pseudo
from editor.ui import translations
from editor.ui.help_menu import show_shortcuts
from tests.ui.untranslated import scan

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = ROOT / "resources" / "translations"
LUPDATE = Path(sys.executable).with_name("pyside6-lupdate")


def test_every_user_facing_string_in_the_ui_is_translated():
    offenders = scan(ROOT / "editor" / "ui")
    assert not offenders, "wrap these in self.tr() or QCoreApplication.translate():\n" + "\n".join(
        str(o) for o in offenders
    )


def test_the_checker_finds_what_it_should(tmp_path):
    source = tmp_path / "sample.py"
    source.write_text(
        "class W(QWidget):\n"
        "    def __init__(self):\n"
        '        QPushButton("Plain")\n'
        '        self.label.setText(f"{n} words")\n'
        '        self.setToolTip(self.tr("Wrapped"))\n'
        '        QMessageBox.warning(self, translate("W", "Title"), str(exc))\n'
        '        self.setObjectName("notShown")\n'
        '        other.tr("Wrong context")\n'
        '        QLabel(f"<b>{title}</b>")\n'
        '        log.warning("For the log: %s", exc)\n'
    )
    found = {(o.line, o.text) for o in scan(tmp_path)}
    assert found == {(3, "Plain"), (4, " words"), (8, "Wrong context")}


def sources(catalogue: Path) -> set[tuple[str, str]]:
    root = ET.parse(catalogue).getroot()
    return {
        (context.findtext("name") or "", message.findtext("source") or "")
        for context in root.iter("context")
        for message in context.iter("message")
    }


def test_the_shipped_pseudo_locale_has_every_string_of_the_ui(tmp_path):
    """`make translations` was run after the last string changed: lupdate over editor/ui now finds exactly
    the strings the shipped catalogue translates."""
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [LUPDATE, "-locations", "none", *sorted((ROOT / "editor" / "ui").glob("*.py")), "-ts", fresh],
        check=True,
        capture_output=True,
    )
    shipped = CATALOGUES / "longhand_en_XA.ts"
    missing = sources(fresh) - sources(shipped)
    assert not missing, f"run `make translations`; not in the catalogue: {sorted(missing)}"
    root = ET.parse(shipped).getroot()
    for message in root.iter("message"):
        assert message.findtext("translation") == pseudo(message.findtext("source") or "")
    assert (CATALOGUES / "longhand_en_XA.qm").stat().st_mtime >= shipped.stat().st_mtime


def test_the_pseudo_locale_keeps_what_code_and_qt_read():
    assert pseudo("Save &Revision") == "[Šàvé &Ŕévîšîöñ]"
    assert pseudo("Enter your {user} on the blog.") == "[Éñtéŕ ýöûŕ {user} öñ thé blöĝ.]"
    assert pseudo('open <a href="{page}">this</a>') == '[öpéñ <a href="{page}">thîš</a>]'
    assert pseudo("Markdown (*.md *.txt);;All files (*)") == "[Màŕkdöwñ] (*.md *.txt);;[Àll fîléš] (*)"


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({"LONGHAND_LANG": "en_XA", "LANG": "de_DE.UTF-8"}, "en_XA"),
        ({"LANGUAGE": "pt_BR:pt", "LC_ALL": "fr_FR.UTF-8"}, "pt_BR"),
        ({"LC_ALL": "fr_FR.UTF-8@euro"}, "fr_FR"),
        ({"LANG": "C.UTF-8"}, ""),
        ({}, ""),
    ],
)
def test_the_language_comes_from_the_environment(environ, language):
    assert translations.chosen_language(environ) == language


@pytest.fixture
def pseudo_locale(qapp: QApplication):
    installed = translations.install(qapp, translations.PSEUDO_LOCALE)
    yield installed
    for translator in installed:
        qapp.removeTranslator(translator)


def test_the_window_speaks_the_pseudo_locale(pseudo_locale, open_window, qtbot):
    assert pseudo_locale, "the en_XA catalogue did not load"
    window = open_window()
    assert window.menus.menus["file"].title() == "[&Fîlé]"
    assert window.menus.menus["help"].title() == "[&Hélp]"
    help_texts = [a.text() for a in window.menus.menus["help"].actions()]
    assert "[&Kéýböàŕd Šhöŕtçûtš]" in help_texts
    assert window.sidebar.new_button.text() == "[Ñéw]"
    assert window.find_bar.match_case.text() == "[Màtçh çàšé]"
    qtbot.waitUntil(lambda: window.status.words.text() != "", timeout=10000)
    assert window.status.words.text().endswith("wöŕdš]")  # the welcome draft's count
    dialog = show_shortcuts(window)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "[Kéýböàŕd Šhöŕtçûtš]"
    assert ("[Ñéw Dŕàft]", "Ctrl+N") in dialog.visible_rows()


def test_english_needs_no_catalogue(qapp):
    assert translations.install(qapp, "") == []
    assert translations.install(qapp, "xx_YY") == []
