"""The inbox's search box: as the author types, the list narrows to the comments that match (their words,
author, email or post title, across every blog), best match first.

The query runs off the UI thread a moment after typing stops; an answer to an older query than the box
now holds is dropped. Escape clears the box, and the list shows every comment again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from ..core.comment_search import CommentHit, search
from ..core.model import Comment
from ..core.store import Store
from .background import plain_error, run_in_background

DEBOUNCE_MS = 150  # about the pause between two keystrokes of someone typing a word
MAX_HITS = 500  # as many as the inbox lists at once

Searcher = Callable[[Store, str], list[CommentHit]]


def _search(store: Store, text: str) -> list[CommentHit]:
    return search(store, text, limit=MAX_HITS)


class CommentSearchBox(QLineEdit):
    """The box. `hits` is None while it is empty (nothing filtered), else the matching comments, best
    first; `results_changed()` follows each change of `hits`, `failed(str)` a search that could not run."""

    results_changed = Signal()
    failed = Signal(str)

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        on_change: Callable[[], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        searcher: Searcher = _search,
    ) -> None:
        """`on_change` and `on_error`, if given, are connected to `results_changed` and `failed`."""
        super().__init__(parent)
        self.setObjectName("commentSearch")
        self.setPlaceholderText(self.tr("Search comments, authors, posts"))
        self.setAccessibleName(self.tr("Search comments"))
        self.setClearButtonEnabled(True)
        self.hits: list[CommentHit] | None = None
        self._store, self._searcher = store, searcher
        self._asked = 0  # numbers each query; only the answer to the latest one is taken
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._run)
        self.textChanged.connect(lambda _text: self._timer.start())
        if on_change is not None:
            self.results_changed.connect(on_change)
        if on_error is not None:
            self.failed.connect(on_error)

    def filter(self, comments: list[Comment]) -> list[Comment]:
        """The comments the search found, in its order (all of them while the box is empty)."""
        if self.hits is None:
            return comments
        rank = {hit.id: number for number, hit in enumerate(self.hits)}
        return sorted((c for c in comments if c.id in rank), key=lambda c: rank[c.id])

    def _run(self) -> None:
        self._asked += 1
        asked, text = self._asked, self.text()
        if not text.split():
            self._take(asked, None, None)
            return
        store, searcher = self._store, self._searcher
        run_in_background(
            lambda: searcher(store, text),
            lambda hits, error: self._take(asked, hits, error),
            owner=self,
            name="longhand-comment-search",
        )

    def _take(self, asked: int, hits: list[CommentHit] | None, error: BaseException | None) -> None:
        if asked != self._asked:
            return  # the author typed on since: a newer answer is on its way
        if error is not None:
            self.failed.emit(plain_error(error))
            hits = []
        self.hits = hits
        self.results_changed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()  # this restarts the timer: stopped, since the answer (everything) is known now
            self._timer.stop()
            self._asked += 1
            self._take(self._asked, None, None)
        else:
            super().keyPressEvent(event)
