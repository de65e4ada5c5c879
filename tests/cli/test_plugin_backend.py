"""A backend from another distribution is found through the `longhand.backends` entry points."""

import json
import os
import subprocess
import sys
from pathlib import Path

PLUGIN = Path(__file__).resolve().parents[1] / "plugin_backend"


def install_plugin(tmp_path: Path) -> Path:
    """A real install of the tiny distribution, into a folder of its own so the venv stays clean."""
    target = tmp_path / "site-packages"
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
    return target


def test_a_plugin_backend_appears_in_accounts_add_help(tmp_path):
    target = install_plugin(tmp_path)
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


def test_a_plugin_backend_publishes_through_the_outbox(tmp_path, secret_service):
    """Not only listed: a blog with no network address (a folder) is never "waiting for the network"."""
    target = install_plugin(tmp_path)
    folder = tmp_path / "folder-blog"
    folder.mkdir()
    env = {**secret_service.child_env(), "PYTHONPATH": str(target), "LONGHAND_HOME": str(tmp_path / "data")}

    def longhand(*args: str, stdin: str | None = None) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "editor", *args], input=stdin, env=env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    longhand("accounts", "add", "--backend", "example", "--url", folder.as_uri(), "--user", "me", stdin="unused\n")
    draft = longhand("drafts", "new", "-", "--title", "Through the outbox", stdin="Kept in a folder.").strip()
    longhand("publish", draft, "--status", "publish")
    [post] = [json.loads(p.read_text()) for p in folder.glob("*.json")]
    assert post["title"] == "Through the outbox" and "Kept in a folder." in post["content"]
