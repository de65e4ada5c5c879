"""One row of the reliability table, and the table itself."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Row:
    """What one check found: `cases` tried, `failures` among them (any case that did not end as it
    should), `lost` and `duplicated` items of data (drafts' keystrokes, posts, media, replies,
    moderations), and a short note (what was counted, the fault mix)."""

    check: str
    cases: int
    failures: int
    lost: int = 0
    duplicated: int = 0
    note: str = ""

    @property
    def ok(self) -> bool:
        return self.failures == 0 and self.lost == 0 and self.duplicated == 0


def table(rows: list[Row]) -> str:
    """The rows as a Markdown table."""
    lines = ["| check | cases | failures | lost | duplicated | note |", "|---|---:|---:|---:|---:|---|"]
    lines += [f"| {r.check} | {r.cases} | {r.failures} | {r.lost} | {r.duplicated} | {r.note} |" for r in rows]
    return "\n".join(lines)
