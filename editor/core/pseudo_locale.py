"""The pseudo-locale: every English string of a Qt .ts catalogue bracketed and accented ("Save" becomes
"[Šàvé]"), so a string that skips translation stands out in the running window and a label too narrow for
longer words shows its clipping. `make translations` writes resources/translations/longhand_en_XA.ts with it.

Usage: python -m editor.core.pseudo_locale SOURCE.ts PSEUDO.ts
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ACCENTED = str.maketrans("ACEGILNORSUYZaceginorsuyz", "ÀÇÉĜÎĹÑÖŔŠÛÝŽàçéĝîñöŕšûýž")
# Kept as they are: placeholders ({name}, %1, %n), markup and entities, which Qt and the code read.
_KEEP = re.compile(r"\{[^{}]*\}|%(?:n|L?\d)|<[^<>]*>|&[a-z]+;")


def pseudo(text: str) -> str:
    """`text` in the pseudo-locale: bracketed, letters accented, placeholders and markup left alone. A file
    dialog's filter ("Markdown (*.md);;All files (*)") gets each name bracketed, so Qt still reads it."""
    if "(*" in text:
        filters = (part.partition("(") for part in text.split(";;"))
        return ";;".join(f"{_accent(name.strip())} ({patterns}" for name, _, patterns in filters)
    return _accent(text)


def _accent(text: str) -> str:
    parts: list[str] = []
    last = 0
    for match in _KEEP.finditer(text):
        parts.append(text[last : match.start()].translate(ACCENTED))
        parts.append(match.group())
        last = match.end()
    parts.append(text[last:].translate(ACCENTED))
    return "[" + "".join(parts) + "]"


def translate_catalogue(source: Path, target: Path) -> int:
    """Write `target`, the catalogue `source` with every message translated by `pseudo`; returns how many."""
    tree = ET.parse(source)
    root = tree.getroot()
    root.set("language", "en_XA")
    count = 0
    for message in root.iter("message"):
        text = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        translation.attrib.pop("type", None)  # finished: lrelease leaves out unfinished ones
        if message.get("numerus") == "yes":
            forms = translation.findall("numerusform") or [ET.SubElement(translation, "numerusform")]
            for form in forms:
                form.text = pseudo(text)
        else:
            translation.text = pseudo(text)
        count += 1
    target.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + ET.tostring(root, "unicode") + "\n")
    return count


if __name__ == "__main__":
    print(f"{translate_catalogue(Path(sys.argv[1]), Path(sys.argv[2]))} strings in the pseudo-locale")
