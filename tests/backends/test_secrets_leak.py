"""The application password is nowhere but the keyring: soak.secrets' session at a small count, against the
real WordPress and a real Secret Service, then a search of every file, output, /proc entry and exception
text it left for the password in every form."""

from __future__ import annotations

from soak.report import table
from soak.secrets import run
from tests.wordpress_server import WordPress

DRAFTS = 3


def test_the_application_password_leaks_nowhere(wordpress: WordPress, tmp_path) -> None:
    row = run(DRAFTS, tmp_path, wordpress)
    assert row.failures == 0, table([row])
    assert row.cases >= 40, table([row])  # the places were really searched: files, outputs, /proc, exceptions
