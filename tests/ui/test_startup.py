"""Start-up: Python's garbage collector is paused while Longhand imports and builds the window, and is
always on again afterwards."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from editor import __main__ as entry
from editor import cli
from editor.ui import app


@pytest.fixture(autouse=True)
def collector_restored():
    was = gc.isenabled()
    yield
    if was:
        gc.enable()


def test_a_command_runs_with_the_collector_on(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    monkeypatch.setattr(cli, "main", lambda argv: seen.append(gc.isenabled()) or 0)
    assert entry.main(["drafts", "list"]) == 0
    assert seen == [True]
    assert gc.isenabled()


@pytest.mark.parametrize("fails", [False, True])
def test_the_window_is_built_with_the_collector_paused_then_on(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fails: bool
) -> None:
    seen: list[bool] = []

    def start_window(data_dir: Path, targets: list[str]) -> int:
        seen.append(gc.isenabled())
        if fails:
            raise RuntimeError("the window could not be built")
        return 1  # as when the store cannot be opened

    monkeypatch.setattr(app, "_start_window", start_window)
    if fails:
        with pytest.raises(RuntimeError):
            app._run_window(tmp_path, [])
    else:
        assert app._run_window(tmp_path, []) == 1
    assert seen == [False]
    assert gc.isenabled()
