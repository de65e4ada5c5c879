"""The bench's own tools: the table written into docs/performance.md's "Latest run" block and only there;
the PSS of a group of processes counting only the sharing among them."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks import own_pss as own_pss_module
from benchmarks.latest_run import PERFORMANCE_DOC, write_docs
from benchmarks.own_pss import own_pss


def test_the_table_replaces_the_latest_run_block_only(tmp_path: Path) -> None:
    page = tmp_path / "performance.md"
    page.write_text(
        "# Performance\n\n```\nan example\n```\n\n## Latest run\n\n```\nold table\nold summary\n```\n\n"
        "Run on a machine.\n\n## Pulled posts\n\n```\nanother table\n```\n",
        encoding="utf-8",
    )
    write_docs("new table\nTargets: met\n", page)
    assert page.read_text(encoding="utf-8") == (
        "# Performance\n\n```\nan example\n```\n\n## Latest run\n\n```\nnew table\nTargets: met\n```\n\n"
        "Run on a machine.\n\n## Pulled posts\n\n```\nanother table\n```\n"
    )


def test_the_performance_page_has_a_latest_run_block() -> None:
    text = PERFORMANCE_DOC.read_text(encoding="utf-8")
    after = text[text.index("## Latest run") :]
    assert after.index("```\n") < after.index("\n```", after.index("```\n") + 4)


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(os.geteuid() != 0, reason="page frame numbers are readable by root only")
def test_own_pss_divides_pages_only_among_the_group() -> None:
    alone = own_pss([os.getpid()])
    assert alone is not None
    assert alone == pytest.approx(_rss_mb(os.getpid()), rel=0.05)  # one process: every page is wholly its own
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        time.sleep(0.5)
        pair = own_pss([os.getpid(), child.pid])
        assert pair is not None
        # The two Pythons share their interpreter's and libraries' pages: counted once between them.
        assert pair < _rss_mb(os.getpid()) + _rss_mb(child.pid) - 1
    finally:
        child.communicate(b"")


def test_own_pss_is_none_without_the_frames(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(own_pss_module, "_frames", lambda pid: {0})
    assert own_pss([os.getpid()]) is None
