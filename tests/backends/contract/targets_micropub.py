"""Micropub in the contract suite: the session's real Micropub site (django-indieweb on 127.0.0.1, see
tests/micropub_server/), signed in with its token."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from editor.backends.base import Credentials
from editor.backends.micropub import MicropubBackend
from tests.backends.contract.target import Target
from tests.micropub_server import shared_site

NAME = "micropub"
BACKEND = MicropubBackend


@pytest.fixture(scope="session")
def target_micropub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    with shared_site(tmp_path_factory) as site:
        yield Target(NAME, MicropubBackend, Credentials(site.url, "", site.token))
