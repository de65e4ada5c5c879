"""A backend from another distribution is found through the `longhand.backends` entry points."""

import os
import subprocess
import sys
from pathlib import Path

PLUGIN = Path(__file__).resolve().parents[1] / "plugin_backend"


def test_a_plugin_backend_appears_in_accounts_add_help(tmp_path):
    target = tmp_path / "site-packages"
    # A real install of the tiny distribution, into a folder of its own so the venv stays clean.
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(PLUGIN),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    env = {**os.environ, "PYTHONPATH": str(target), "LONGHAND_HOME": str(tmp_path / "data")}
    shown = subprocess.run(
        [sys.executable, "-m", "editor", "accounts", "add", "--help"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert shown.returncode == 0, shown.stderr
    text = " ".join(shown.stdout.split())  # argparse wraps long help lines
    assert "example (Example Folder Blog)" in text
    assert "wordpress (WordPress)" in text
    without = subprocess.run(
        [sys.executable, "-m", "editor", "accounts", "add", "--help"],
        env={**env, "PYTHONPATH": ""},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Example Folder Blog" not in without.stdout
