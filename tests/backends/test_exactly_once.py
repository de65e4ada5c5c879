"""Exactly-once through the chaos proxy, against the real WordPress: the soak's check at a small count.

Posts, media, replies and moderation are sent by the real outbox while every request may be dropped,
reset, cut short, delayed, answered 500/503/429 or by a portal's HTML page; the blog then holds each item
once. The keyring is the real Secret Service.
"""

from __future__ import annotations

import keyring
from keyring.backends import SecretService

from soak.exactly_once import run
from soak.report import table
from tests.wordpress_server import WordPress

OPERATIONS = 40
SEED = 11


def test_nothing_lost_or_duplicated_through_faults(
    wordpress: WordPress, secret_service, restore_keyring, tmp_path
) -> None:
    keyring.set_keyring(SecretService.Keyring())
    rows = run(OPERATIONS, tmp_path, wordpress, seed=SEED, budget=300)
    assert [row.check for row in rows] == [
        "exactly-once: posts",
        "exactly-once: media",
        "exactly-once: replies",
        "exactly-once: moderation",
    ]
    for row in rows:
        assert (row.lost, row.duplicated, row.failures) == (0, 0, 0), table(rows)
