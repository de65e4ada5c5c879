"""The "Latest run" block of docs/performance.md, rewritten with a run's table (`benchmarks/run.py
--write-docs`, which `make bench` passes)."""

from __future__ import annotations

from pathlib import Path

PERFORMANCE_DOC = Path(__file__).resolve().parent.parent / "docs" / "performance.md"
HEADING = "## Latest run"


def write_docs(report: str, path: Path = PERFORMANCE_DOC) -> None:
    """Replace the fenced block under the "Latest run" heading of `path` with `report`; the rest of the
    page, the run's description below the block included, is kept as it is."""
    text = path.read_text(encoding="utf-8")
    heading = text.index(HEADING)
    start = text.index("```\n", heading) + len("```\n")
    end = text.index("\n```", start)
    path.write_text(text[:start] + report.rstrip("\n") + text[end:], encoding="utf-8")
