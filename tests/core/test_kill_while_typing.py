"""Longhand SIGKILLed 100 times while the author types loses nothing typed more than half a second
before each kill, and the library always opens intact (soak/kill_typing.py does the typing)."""

from soak.kill_typing import run


def test_a_hundred_kills_while_typing_lose_nothing_older_than_half_a_second(tmp_path):
    row = run(100, tmp_path)
    assert row.cases == 100
    assert (row.failures, row.lost, row.duplicated) == (0, 0, 0), (
        f"{row.failures} of {row.cases} kills failed, {row.lost} keystrokes lost, {row.duplicated} "
        f"characters never typed ({row.note}); the failing cases are printed above, and "
        f"`python -m soak.kill_typing --cases 100 --seed <seed>` replays the run"
    )
