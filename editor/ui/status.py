"""The status bar: word count, reading time, whether the draft is saved, and what went wrong in the
background."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from ..core.render import reading_minutes
from ..core.session import SaveState

PROBLEM_MS = 15_000  # long enough to be read by someone looking back from the text


# The core's words for the save states, marked for lupdate; translated where shown.
SAVE_STATES = cast(
    dict[SaveState, str],
    {
        SaveState.SAVED: QT_TRANSLATE_NOOP("EditorStatusBar", "Saved"),
        SaveState.PENDING: QT_TRANSLATE_NOOP("EditorStatusBar", "Saving…"),
        SaveState.FAILED: QT_TRANSLATE_NOOP("EditorStatusBar", "Not saved"),
    },
)


class EditorStatusBar(QStatusBar):
    """Shows the open draft's size and save state; a failed save stays visible until one succeeds."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words = QLabel()
        self.today = QLabel()
        self.today.setToolTip(
            self.tr("Words added to any draft today, in every window; deleting does not take them back")
        )
        self.reading = QLabel()
        self.save_state = QLabel()
        self.save_state.setObjectName("saveState")
        self.network = QLabel()
        self.network.setToolTip(self.tr("Publishing and replies wait in the outbox until the network is back"))
        self._shown: tuple[SaveState, str] | None = None
        for label in (self.network, self.words, self.reading, self.today, self.save_state):
            self.addPermanentWidget(label)

    def set_words(self, count: int) -> None:
        """Show the word count and the reading time it implies."""
        words = self.tr("{count} word") if count == 1 else self.tr("{count} words")
        self.words.setText(words.format(count=f"{count:,}"))
        minutes = reading_minutes(count)
        self.reading.setText(self.tr("{minutes} min read").format(minutes=minutes) if minutes else "")

    def set_words_today(self, count: int) -> None:
        """Show how many words were written today, across all drafts."""
        words = self.tr("{count} word today") if count == 1 else self.tr("{count} words today")
        self.today.setText(words.format(count=f"{count:,}"))

    def set_online(self, online: bool) -> None:
        """Say "Offline" while the network is gone."""
        self.network.setText("" if online else self.tr("Offline"))

    def show_problem(self, sentence: str) -> None:
        """Say, for a while, how work in the background ended (a failure, and what happens next; or a
        connection made)."""
        self.showMessage(sentence, PROBLEM_MS)

    def set_save_state(self, state: SaveState, message: str = "") -> None:
        """Show "Saved", "Saving…", or why the last save failed."""
        if (state, message) == self._shown:
            return  # called on every keystroke: restyling the label each time is wasted work
        self._shown = (state, message)
        failed = state is SaveState.FAILED
        self.save_state.setText(message if failed and message else self.tr(SAVE_STATES[state]))
        self.save_state.setStyleSheet("color: #c62828; font-weight: bold;" if failed else "")
        self.save_state.setToolTip(message)
