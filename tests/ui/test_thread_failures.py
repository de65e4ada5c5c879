"""No silent thread deaths: when the render worker, the autosave thread or the outbox worker hits an
unexpected error, the author reads a sentence in the status bar, the log has the traceback, and the
work goes on (the preview at the next edit, the save by itself, the outbox at its next wake).

The faults are injected by monkeypatching (the renderer, the store's save_draft, Outbox.run_due): no
real Markdown text, disk or blog makes them raise a bare RuntimeError on demand, and that is exactly
the kind of error these tests are about — one the code was not written to expect.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import pytest

import editor.core.credentials
from editor.core.accounts import Accounts
from editor.core.incremental import IncrementalRenderer
from editor.core.model import Account
from editor.core.outbox import Outbox
from editor.core.session import SaveState
from tests.ui.test_main_window import type_new_draft

WAIT_MS = 10_000


def failing(original: Callable[..., Any], times: int) -> Callable[..., Any]:
    """`original`, except that its first `times` calls raise a RuntimeError."""
    calls = {"n": 0}

    def call(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] <= times:
            raise RuntimeError(f"injected fault {calls['n']}")
        return original(*args, **kwargs)

    return call


def errors_from(caplog: pytest.LogCaptureFixture, logger: str) -> list[logging.LogRecord]:
    """The ERROR records, with their traceback, that `logger` wrote."""
    return [r for r in caplog.records if r.name == logger and r.levelno == logging.ERROR and r.exc_info]


def thread_alive(name: str) -> bool:
    return any(t.name == name and t.is_alive() for t in threading.enumerate())


# The text preview fallback: the render scheduler and its worker thread are the same as with the web
# page, and its text can be read without waiting on JavaScript.
def test_a_render_that_raises_is_reported_and_the_next_edit_renders(qtbot, open_window, monkeypatch, caplog):
    window = open_window(use_web_preview=False)
    type_new_draft(qtbot, window, "# First")
    qtbot.waitUntil(lambda: "First" in window.preview.view.toPlainText(), timeout=WAIT_MS)
    monkeypatch.setattr(IncrementalRenderer, "render", failing(IncrementalRenderer.render, times=1))

    window.editor.insertPlainText(" broken")  # one edit, one render: the one that raises
    qtbot.waitUntil(
        lambda: window.status.currentMessage().startswith("The preview could not be updated"), timeout=WAIT_MS
    )
    assert "RuntimeError" in window.status.currentMessage()
    shown = window.preview.view.toPlainText()
    assert "First" in shown and "broken" not in shown  # the last good preview stays
    assert len(errors_from(caplog, "editor.ui.render_worker")) == 1

    window.editor.insertPlainText(" then fixed")
    qtbot.waitUntil(lambda: "First broken then fixed" in window.preview.view.toPlainText(), timeout=WAIT_MS)
    assert window.status.words.text() == "4 words"


def test_an_autosave_that_raises_keeps_the_text_dirty_and_saves_it_later(qtbot, open_window, monkeypatch, caplog):
    monkeypatch.setattr("editor.ui.saver.RETRY_FIRST_MS", 200)  # the retry timer, without the wait
    window = open_window(use_web_preview=False)
    type_new_draft(qtbot, window, "kept")
    window.save_now()
    monkeypatch.setattr(window.store, "save_draft", failing(window.store.save_draft, times=2))
    states: list[SaveState] = []  # every save state the session reports, in order
    monkeypatch.setattr(
        window.session,
        "_on_state",
        lambda state, message: (states.append(state), window.status.set_save_state(state, message)),
    )

    window.editor.insertPlainText(" and safe")
    window._save_in_background()  # what the autosave timer and focus loss do
    qtbot.waitUntil(lambda: window.status.save_state.text().startswith("Could not save"), timeout=WAIT_MS)
    assert "RuntimeError" in window.status.save_state.text()
    assert window.session.dirty and window.session.state is SaveState.FAILED

    # Nobody types again: the saver tries by itself, fails once more, then the fault is gone.
    qtbot.waitUntil(lambda: window.status.save_state.text() == "Saved", timeout=WAIT_MS)
    assert window.store.get_draft(window.session.draft.id).body == "kept and safe"
    assert states.count(SaveState.FAILED) == 2 and SaveState.SAVED not in states[:-1]
    assert len(errors_from(caplog, "editor.ui.saver")) == 2
    assert thread_alive("longhand-saver")


def test_an_outbox_run_that_raises_is_reported_and_the_next_wake_runs_jobs(qtbot, open_window, monkeypatch, caplog):
    monkeypatch.setattr(Outbox, "run_due", failing(Outbox.run_due, times=1))  # the run at start raises
    monkeypatch.setattr(editor.core.credentials, "set_secret", lambda account_id, secret: None)
    window = open_window(use_web_preview=False)
    qtbot.waitUntil(lambda: window.status.currentMessage().startswith("Sending to your blogs stopped"), timeout=WAIT_MS)
    assert "RuntimeError" in window.status.currentMessage()
    assert len(errors_from(caplog, "editor.core.outbox")) == 1

    # A closed port: the job runs as far as "waiting for the network", which shows the worker ran it.
    account = Accounts(window.store).add(
        Account(id=None, name="Test blog", backend="wordpress", base_url="http://127.0.0.1:9", username="author"),
        "secret",
    )
    window.services.publish(window.session.draft.id, account.id)
    qtbot.waitUntil(lambda: window.publish_status.sentence.startswith("Waiting for the network"), timeout=WAIT_MS)
    assert thread_alive("longhand-outbox")
