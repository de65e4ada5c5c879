"""Prepared theme templates, one per blog, in the store's `themes` table."""

from __future__ import annotations

from ..rows import dump_time
from ..store import Store


class ThemeCache:
    """One prepared theme template per blog, in the store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, account_id: int) -> str | None:
        """The blog's cached template, or None when none was fetched (or the blog is gone)."""
        with self.store.transaction("read the blog's theme", write=False) as conn:
            row = conn.execute("SELECT html FROM themes WHERE account_id = ?", (account_id,)).fetchone()
        return row["html"] if row else None

    def put(self, account_id: int, page_url: str, html: str) -> None:
        """Keep `html`, made from `page_url`, as the blog's template (replacing any older one)."""
        with self.store.transaction("save the blog's theme") as conn:
            conn.execute(
                "INSERT INTO themes (account_id, page_url, html, fetched_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (account_id) DO UPDATE SET page_url = excluded.page_url, "
                "html = excluded.html, fetched_at = excluded.fetched_at",
                (account_id, page_url, html, dump_time(self.store.clock())),
            )

    def forget(self, account_id: int) -> None:
        """Drop the blog's template, so the next use fetches it again."""
        with self.store.transaction("forget the blog's theme") as conn:
            conn.execute("DELETE FROM themes WHERE account_id = ?", (account_id,))
