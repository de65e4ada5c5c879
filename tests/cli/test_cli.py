"""The command line, run as a real process with no display: what a script or a user sees."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

POST = """---
title: Trains without Wi-Fi
slug: trains
tags: [travel, offline]
categories: [Notes]
status: pending
excerpt: A short one.
---

# Trains

Written between stations.
"""


def longhand(data_dir: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["LONGHAND_HOME"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "editor", *args], input=stdin, capture_output=True, text=True, env=env, timeout=60
    )


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def home(tmp_path):
    return tmp_path / "data"


def test_new_from_file_then_list_json_shows_its_fields(home, tmp_path):
    post = tmp_path / "post.md"
    post.write_text(POST, encoding="utf-8")
    draft_id = int(ok(longhand(home, "drafts", "new", str(post))).strip())
    rows = json.loads(ok(longhand(home, "drafts", "list", "--json")))
    assert [r["id"] for r in rows] == [draft_id]
    row = rows[0]
    assert row["title"] == "Trains without Wi-Fi" and row["slug"] == "trains"
    assert row["tags"] == ["travel", "offline"] and row["categories"] == ["Notes"]
    assert row["status"] == "pending" and row["excerpt"] == "A short one."
    assert "body" not in row  # lists stay small; `show` has the text
    shown = json.loads(ok(longhand(home, "drafts", "show", str(draft_id), "--json")))
    assert shown["id"] == draft_id and shown["body"].startswith("# Trains")


def test_data_dir_flag_overrides_the_environment(home, tmp_path):
    other = tmp_path / "other"
    ok(longhand(home, "--data-dir", str(other), "drafts", "new", "--title", "Elsewhere"))
    assert json.loads(ok(longhand(home, "drafts", "list", "--json"))) == []
    assert (other / "longhand.sqlite3").exists()


def test_export_import_round_trip(home, tmp_path):
    post = tmp_path / "post.md"
    post.write_text(POST, encoding="utf-8")
    draft_id = ok(longhand(home, "drafts", "import", str(post))).strip()
    out = tmp_path / "out.md"
    ok(longhand(home, "drafts", "export", draft_id, "-o", str(out)))
    again = ok(longhand(home, "drafts", "import", str(out), "--json"))
    copy = json.loads(again)[0]
    original = json.loads(ok(longhand(home, "drafts", "show", draft_id, "--json")))
    for key in ("title", "slug", "tags", "categories", "status", "excerpt"):
        assert copy[key] == original[key]
    assert json.loads(ok(longhand(home, "drafts", "show", str(copy["id"]), "--json")))["body"] == original["body"]


def test_new_reads_standard_input(home):
    draft_id = ok(longhand(home, "drafts", "new", "-", stdin="---\ntitle: Piped\n---\nhello\n")).strip()
    assert json.loads(ok(longhand(home, "drafts", "show", draft_id, "--json")))["title"] == "Piped"


def test_search_and_delete(home):
    ok(longhand(home, "drafts", "new", "-", stdin="---\ntitle: Apples\n---\nred fruit\n"))
    pears = ok(longhand(home, "drafts", "new", "-", stdin="---\ntitle: Pears\n---\ngreen fruit\n")).strip()
    found = json.loads(ok(longhand(home, "drafts", "search", "green", "--json")))
    assert [r["id"] for r in found] == [int(pears)]
    ok(longhand(home, "drafts", "delete", pears))
    assert json.loads(ok(longhand(home, "drafts", "search", "green", "--json"))) == []


def test_revisions_diff_and_restore(home, tmp_path):
    post = tmp_path / "post.md"
    post.write_text(POST, encoding="utf-8")
    draft_id = ok(longhand(home, "drafts", "import", str(post))).strip()
    revisions = json.loads(ok(longhand(home, "drafts", "revisions", draft_id, "--json")))
    assert revisions and all(r["draft_id"] == int(draft_id) for r in revisions)
    assert ok(longhand(home, "drafts", "diff", str(revisions[0]["id"]))).strip() == ""


@pytest.mark.parametrize(
    "args, stdin, message",
    [
        (("drafts", "show", "999"), None, "no draft 999"),
        (("drafts", "new", "-"), "---\ntitle: [broken\n---\n", "front matter is not valid YAML"),
        (("drafts", "import", "missing.md"), None, "Cannot read missing.md"),
    ],
)
def test_failures_are_one_plain_sentence(home, args, stdin, message):
    result = longhand(home, *args, stdin=stdin)
    assert result.returncode == 1
    assert message.lower() in result.stderr.lower()
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_binary_import_imports_nothing(home, tmp_path):
    good, binary = tmp_path / "good.md", tmp_path / "photo.md"
    good.write_text("# fine\n", encoding="utf-8")
    binary.write_bytes(b"\x89PNG\0\0binary")
    result = longhand(home, "drafts", "import", str(good), str(binary))
    assert result.returncode == 1 and "is not a text file" in result.stderr
    assert json.loads(ok(longhand(home, "drafts", "list", "--json"))) == []


def test_command_line_never_imports_qt(home):
    code = "import sys, editor.cli as c; c.main(['drafts','list']); print('PySide6' in sys.modules)"
    env = {**os.environ, "LONGHAND_HOME": str(home)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert out.stdout.strip().splitlines()[-1] == "False", out.stderr


def test_core_never_imports_qt():
    root = Path(__file__).resolve().parents[2] / "editor"
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "ui" not in path.relative_to(root).parts
        and re.search(r"^\s*(from|import) PySide6", path.read_text(encoding="utf-8"), re.M)
    ]
    assert offenders == []


@pytest.mark.parametrize(
    "url", ["http://ada:s3cret@127.0.0.1:{port}", "ada:s3cret@127.0.0.1:{port}", "https://ada:s3cret@blog.example"]
)
@pytest.mark.parametrize("verify", [True, False])
def test_accounts_add_refuses_an_address_with_a_password_before_anything_is_sent(home, new_secret_service, url, verify):
    import socket

    import keyring.backends.SecretService

    new_secret_service()  # the command's keyring, and this test's alone: an entry in it can only be from here
    with socket.create_server(("127.0.0.1", 0)) as listener:
        listener.setblocking(False)
        url = url.format(port=listener.getsockname()[1])
        extra = () if verify else ("--no-verify",)
        result = longhand(
            home,
            "accounts",
            "add",
            "--backend",
            "wordpress",
            "--url",
            url,
            "--user",
            "ada",
            *extra,
            stdin="app pass word\n",
        )
        with pytest.raises(BlockingIOError):
            listener.accept()  # the blog was never contacted
    assert result.returncode == 1
    assert result.stderr.startswith("longhand: The blog's address must not contain a user name or password")
    assert "s3cret" not in result.stdout + result.stderr and "ada" not in result.stderr
    assert json.loads(ok(longhand(home, "accounts", "list", "--json"))) == []
    assert not [p for p in home.rglob("*") if p.is_file() and b"s3cret" in p.read_bytes()]
    assert keyring.backends.SecretService.Keyring().get_password("longhand", "account-1") is None
