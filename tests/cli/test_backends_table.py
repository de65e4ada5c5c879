"""`longhand backends`, and the README's table of backends × capabilities, which is its output: the table
is filled from the backends' own declarations, so a backend that changes what it declares changes it."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.longhand_cli import ROOT


def longhand_backends(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "editor", "backends", *args], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_readme_table_is_what_the_backends_declare():
    table = longhand_backends().strip()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert table in readme, f"README.md's backends table is out of date; paste `longhand backends`:\n{table}"


def test_json_lists_each_backend_with_its_capabilities():
    data = json.loads(longhand_backends("--json"))
    assert data["wordpress"]["label"] == "WordPress"
    assert "conflict_detection" in data["wordpress"]["capabilities"]
    assert set(data) >= {"wordpress", "wpcom"}
