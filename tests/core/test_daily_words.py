"""Words written today: what a save counts, and the total shared through the store."""

import dataclasses
import threading
from datetime import date

from editor.core.daily_words import DailyWords, day_key, words_added
from editor.core.model import Draft
from editor.core.session import DraftSession
from editor.core.store import Store


def test_new_words_count_and_deleted_ones_do_not_take_any_back():
    assert words_added("", "one two three") == 3
    assert words_added("one two three", "one three") == 0
    assert words_added("one two", "one two three four") == 2
    assert words_added("start end", "start middle words here end") == 3


def test_finishing_a_word_is_not_a_new_word():
    assert words_added("the cat", "the cats") == 0
    assert words_added("the ca", "the cat sat") == 1
    assert words_added("the cat sat", "the cat sat") == 0


def test_only_the_changed_stretch_is_counted_in_a_long_draft():
    body = "word " * 50_000
    assert words_added(body, body[:100_000] + "brand new words " + body[100_000:]) == 3
    assert words_added(body, body + "x") == 1


def test_the_total_is_per_day_survives_reopening_and_adds_up_across_processes(tmp_path):
    day = date(2026, 3, 1)
    first, second = Store.open(tmp_path), Store.open(tmp_path)  # two processes' connections to one file
    try:
        counters = [DailyWords(first, lambda: day), DailyWords(second, lambda: day)]
        threads = [threading.Thread(target=lambda c=c: [c.count("", "a b") for _ in range(50)]) for c in counters]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert counters[0].total() == 200
        assert counters[0].count("a b c", "a") == 0
        assert counters[1].total() == 200
        assert DailyWords(first, lambda: date(2026, 3, 2)).total() == 0
    finally:
        first.close()
        second.close()
    reopened = Store.open(tmp_path)
    try:
        assert reopened.get_setting(day_key(day)) == "200"
        assert DailyWords(reopened, lambda: day).total() == 200
    finally:
        reopened.close()


def test_a_session_tells_what_each_write_replaced_as_the_store_had_it(tmp_path):
    """What the count compares: the stored text a save replaces, even one changed behind the session's back
    (a pull, a restored revision, another process), which nobody typed here."""
    store = Store.open(tmp_path)
    try:
        draft = store.create_draft(Draft(title="t", body="already here"))
        session = DraftSession(store)
        written: list[tuple[str, str]] = []
        session.on_written = lambda replaced, saved: written.append((replaced, saved.body))
        session.open(draft.id)
        store.save_draft(dataclasses.replace(store.get_draft(draft.id), body="changed elsewhere"))
        session.set_body("mine now")
        assert session.save()
        assert written == [("changed elsewhere", "mine now")]
    finally:
        store.close()
