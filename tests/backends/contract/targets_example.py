"""The tiny third-party backend of tests/plugin_backend/ (a blog kept as files in a folder) in the contract
suite: a backend from another distribution is held to the same contract as ours."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from editor.backends.base import Credentials
from tests.backends.contract.target import Target

PLUGIN = Path(__file__).resolve().parents[2] / "plugin_backend" / "longhand_example_backend.py"


def _load():
    spec = importlib.util.spec_from_file_location("longhand_example_backend", PLUGIN)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.ExampleBackend


NAME = "example"
BACKEND = _load()


@pytest.fixture
def target_example(tmp_path: Path) -> Target:
    folder = tmp_path / "example-blog"
    folder.mkdir()
    return Target(NAME, BACKEND, Credentials(folder.as_uri(), "", ""))
