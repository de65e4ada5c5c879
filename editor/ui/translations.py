"""The window in the author's language: Longhand's catalogue and Qt's own, loaded before any widget.

The language is $LONGHAND_LANG, else the first of $LANGUAGE, $LC_ALL, $LC_MESSAGES, $LANG that is set (the
order gettext reads them in). Catalogues are resources/translations/longhand_<lang>.qm, built by
`make translations`; one is shipped: the pseudo-locale en_XA, every string bracketed and accented, which shows
at a glance a string that skips translation. A language without a catalogue stays English.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from ..core.paths import resource, resource_file

ENV_LANG = "LONGHAND_LANG"
PSEUDO_LOCALE = "en_XA"
CATALOGUE = "translations/longhand_{}.qm"


def chosen_language(environ: dict[str, str] | None = None) -> str:
    """The language asked for, as "ll" or "ll_CC" (no encoding or modifier), or "" when none is."""
    environ = dict(os.environ) if environ is None else environ
    for name in (ENV_LANG, "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "").split(":")[0]
        value = value.split(".")[0].split("@")[0]
        if value:
            return "" if value in ("C", "POSIX") else value
    return ""


def _candidates(language: str) -> list[str]:
    """The language, then the language without its country ("pt_BR", then "pt")."""
    names = [language]
    if "_" in language:
        names.append(language.split("_")[0])
    return names


def install(app: QCoreApplication, language: str | None = None) -> list[QTranslator]:
    """Load and install the catalogues for `language` (default: the one the environment asks for); returns
    the translators installed (children of `app`), none for English or a language without a catalogue."""
    language = chosen_language() if language is None else language
    installed: list[QTranslator] = []
    if not language:
        return installed
    for name in _candidates(language):
        catalogue = CATALOGUE.format(name)
        if resource(catalogue).is_file():
            translator = QTranslator(app)
            if translator.load(str(resource_file(catalogue))):
                installed.append(translator)
                break
    # Qt's own words (the standard buttons, the file dialog), where PySide6 ships them.
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in _candidates(language):
        translator = QTranslator(app)
        if translator.load(f"qtbase_{name}", qt_folder):
            installed.append(translator)
            break
    for translator in installed:
        app.installTranslator(translator)
    return installed
