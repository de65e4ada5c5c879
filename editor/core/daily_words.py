"""Words written today, across every draft and every Longhand process: counted when a draft is saved,
never per keystroke, and kept in the store's settings under a key with the day in it (a new day starts
at zero by itself; nothing has to reset it)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from .store import Store

KEY_PREFIX = "words_today/"


def day_key(day: date) -> str:
    """The settings key holding the words written on `day`."""
    return f"{KEY_PREFIX}{day.isoformat()}"


def _common_prefix(old: str, new: str) -> int:
    # Binary search on slices: each comparison is one C-level memcmp, so a 50,000-word draft costs
    # about twenty of them instead of a Python loop over every character.
    low, high = 0, min(len(old), len(new))
    while low < high:
        middle = (low + high + 1) // 2
        if old[:middle] == new[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix(old: str, new: str, limit: int) -> int:
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if old[len(old) - middle :] == new[len(new) - middle :]:
            low = middle
        else:
            high = middle - 1
    return low


def words_added(old: str, new: str) -> int:
    """How many more words `new` has than `old` in the part that changed (0 when words were removed).

    Only the changed stretch is split into words, widened to whole words, so the cost follows the edit,
    not the draft's length; deleting never counts against what was written."""
    if old == new:
        return 0
    start = _common_prefix(old, new)
    end = _common_suffix(old, new, min(len(old), len(new)) - start)
    # Widen to whole words, so finishing a word ("cat" → "cats") is not a new one.
    while start > 0 and not new[start - 1].isspace():
        start -= 1
    while end > 0 and not new[len(new) - end].isspace():
        end -= 1
    added = len(new[start : len(new) - end].split()) - len(old[start : len(old) - end].split())
    return max(added, 0)


class DailyWords:
    """Counts the words each save adds and adds them to today's total in the store.

    `today` is the clock (injected by tests). The store is safe to share between threads, and the total
    is added to in one statement, so two processes saving at once both count."""

    def __init__(self, store: Store, today: Callable[[], date] = date.today) -> None:
        self.store = store
        self.today = today

    def total(self) -> int:
        """The words written today, by every process."""
        value = self.store.get_setting(day_key(self.today()), "0") or "0"
        return int(value) if value.isdigit() else 0

    def count(self, old: str, new: str) -> int:
        """A save replaced `old` with `new`: add the words it gained to today's total; returns them."""
        added = words_added(old, new)
        if added:
            with self.store.transaction("count the words written today") as conn:
                conn.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + excluded.value",
                    (day_key(self.today()), str(added)),
                )
        return added
