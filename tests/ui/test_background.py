"""run_in_background's threads: kept for the next call, never making one call wait for another."""

from __future__ import annotations

import threading

from editor.ui.background import IDLE_NAME, run_in_background

WAIT_MS = 5000


def test_a_call_stuck_on_the_network_holds_up_no_other_and_idle_threads_are_used_again(qtbot):
    release = threading.Event()
    answers: list[tuple[str, str]] = []

    def stuck() -> str:
        release.wait(10)  # as a request to a blog that does not answer
        return "late"

    def quick() -> str:
        return threading.current_thread().name

    run_in_background(stuck, lambda result, _error: answers.append(("stuck", result)), name="test-stuck")
    run_in_background(quick, lambda result, _error: answers.append(("quick", result)), name="test-quick")
    qtbot.waitUntil(lambda: ("quick", "test-quick") in answers, timeout=WAIT_MS)
    assert ("stuck", "late") not in answers  # the quick call did not wait behind the stuck one
    release.set()
    qtbot.waitUntil(lambda: ("stuck", "late") in answers, timeout=WAIT_MS)

    qtbot.waitUntil(lambda: not any(t.name.startswith("test-") for t in threading.enumerate()), timeout=WAIT_MS)
    before = {t.ident for t in threading.enumerate() if t.name == IDLE_NAME}
    assert len(before) >= 2  # both kept, renamed while idle
    seen: list[int | None] = []
    run_in_background(lambda: threading.get_ident(), lambda result, _error: seen.append(result), name="test-again")
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT_MS)
    assert seen[0] in before and {t.ident for t in threading.enumerate() if t.name == IDLE_NAME} | set(seen) == before
