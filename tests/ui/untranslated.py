"""Finds user-facing string literals in editor/ui that do not go through Qt's translation.

A literal counts as user-facing when it is passed to a call that shows text (a widget's constructor with a
title or label, setText, setToolTip, QMessageBox.*, …). It is wrapped when it is the text argument of
`self.tr(...)` (lupdate takes the enclosing class's name as the context, as PySide6 does) or of
`QCoreApplication.translate("Context", ...)` (or a function named `translate` called the same way): the
forms pyside6-lupdate extracts with the context Qt looks them up in. A `tr(...)` not called on self (a bare
helper, `panel.tr`) is reported too: lupdate files its strings under a context Qt never asks for.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

# Calls whose every positional string argument is shown to the user.
TEXT_CALLS = {
    "setText",
    "setWindowTitle",
    "setToolTip",
    "setStatusTip",
    "setWhatsThis",
    "setPlaceholderText",
    "setAccessibleName",
    "setAccessibleDescription",
    "setTitle",
    "setLabelText",
    "setTabText",
    "setTabToolTip",
    "setItemText",
    "setHeaderLabels",
    "setHeaderLabel",
    "setSuffix",
    "setPrefix",
    "setSpecialValueText",
    "showMessage",
    "setInformativeText",
    "setDetailedText",
    "setWindowIconText",
    "setIconText",
    "addMenu",
    "addTab",
    "insertTab",
    "addItem",
    "addItems",
    "insertItem",
    "addRow",
    "addButton",
    "QAction",
    "QMenu",
    "QPushButton",
    "QToolButton",
    "QLabel",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QCommandLinkButton",
    "QDockWidget",
    "QListWidgetItem",
    "QTreeWidgetItem",
    "QStandardItem",
    "information",
    "warning",
    "critical",
    "question",
    "about",
    "getText",
    "getItem",
    "getInt",
    "getMultiLineText",
    "getOpenFileName",
    "getOpenFileNames",
    "getSaveFileName",
    "getExistingDirectory",
}
# Keyword arguments of Qt constructors that are shown to the user.
TEXT_KEYWORDS = {"text", "title", "windowTitle", "toolTip", "statusTip", "placeholderText", "accessibleName"}
# The product's name is never translated.
NAMES = {"Longhand"}


@dataclass(frozen=True)
class Offender:
    path: Path
    line: int
    text: str
    why: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.why}: {self.text!r}"


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _is_wrapped(node: ast.expr) -> bool:
    """A call lupdate extracts under the context Qt asks for: self.tr("…") (the class's name) or
    translate("Context", "…")."""
    if not isinstance(node, ast.Call):
        return False
    name = _name(node.func)
    if name == "tr":
        return _is_self_tr(node.func)
    return name == "translate" and bool(node.args) and isinstance(node.args[0], ast.Constant)


def _is_logging(func: ast.expr) -> bool:
    """log.warning(...) and the like: for the log, which stays English, not for the author."""
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id in {"log", "logger", "logging"}
    )


def _is_self_tr(func: ast.expr) -> bool:
    return isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "self"


def _literal_text(node: ast.expr) -> str | None:
    """The text of a literal (or of a literal concatenation or f-string) that has letters in it."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        text = (_literal_text(node.left) or "") + (_literal_text(node.right) or "")
    elif isinstance(node, ast.IfExp):
        text = (_literal_text(node.body) or "") + (_literal_text(node.orelse) or "")
    else:
        return None
    # Markup around translated words (f"<b>{title}</b>") has no words of its own.
    words = re.sub(r"<[^<>]*>", "", text)
    return text if any(c.isalpha() for c in words) and text not in NAMES else None


def offenders(path: Path) -> list[Offender]:
    """The unwrapped user-facing literals in one file, and its bare tr() calls."""
    found: list[Offender] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if name == "tr" and not _is_self_tr(node.func):
            text = _literal_text(node.args[0]) if node.args else None
            why = "tr() not on self: lupdate files it under a context Qt never asks for"
            found.append(Offender(path, node.lineno, text or "", why))
            continue
        if name not in TEXT_CALLS or _is_logging(node.func):
            continue
        arguments = [*node.args, *(k.value for k in node.keywords if k.arg in TEXT_KEYWORDS)]
        for argument in arguments:
            text = _literal_text(argument)
            if text is not None:
                found.append(Offender(path, argument.lineno, text, f"not translated in {name}()"))
    return found


def scan(folder: Path) -> list[Offender]:
    """Every offender in the Python files of `folder`."""
    return [o for path in sorted(folder.glob("*.py")) for o in offenders(path)]
