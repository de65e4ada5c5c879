"""The house rules the code map promises, checked on the source: no import circle inside `editor/`, the
backends import nothing of the core, and no module grows past 400 lines."""

from __future__ import annotations

import ast
from pathlib import Path

EDITOR = Path(__file__).resolve().parent.parent / "editor"
MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = path.relative_to(EDITOR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, modules: set[str]) -> set[str]:
    """The editor modules `path` imports, anywhere in it (a function-level import is a dependency too)."""
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        found |= {name for name in names if name in modules and name != here}
    return found


def graph() -> dict[str, set[str]]:
    paths = {module_name(path): path for path in EDITOR.rglob("*.py")}
    modules = set(paths)
    # A package's own __init__ importing its submodules is how packages work, not a circle.
    return {
        name: {dep for dep in imports(path, modules) if not name.startswith(dep + ".")} for name, path in paths.items()
    }


def test_no_import_circle_inside_editor():
    edges = graph()
    seen: set[str] = set()
    circles = []

    def visit(node: str, trail: list[str]) -> None:
        if node in trail:
            circles.append(trail[trail.index(node) :] + [node])
            return
        if node in seen:
            return
        for dep in sorted(edges[node]):
            visit(dep, [*trail, node])
        seen.add(node)

    for node in sorted(edges):
        visit(node, [])
    assert circles == []


def test_the_backends_import_nothing_of_the_core_or_the_widgets():
    edges = graph()
    leaks = {
        name: sorted(dep for dep in deps if dep.startswith(("editor.core", "editor.ui")))
        for name, deps in edges.items()
        if name.startswith("editor.backends")
    }
    assert {name: deps for name, deps in leaks.items() if deps} == {}


def test_no_module_is_longer_than_four_hundred_lines():
    long = {
        str(path.relative_to(EDITOR.parent)): count
        for path in EDITOR.rglob("*.py")
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
