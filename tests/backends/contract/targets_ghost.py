"""Ghost in the contract suite: the session's real Ghost (tests/ghost_server.py), signed in with its
integration's Admin API key."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from editor.backends.base import Credentials
from editor.backends.ghost import GhostBackend
from tests.backends.contract.target import Target
from tests.ghost_server import session_ghost, stop_session_ghost

NAME = "ghost"
BACKEND = GhostBackend


@pytest.fixture(scope="session")
def target_ghost(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    ghost = session_ghost(tmp_path_factory)  # the one test_ghost.py uses too, when both run
    yield Target(NAME, GhostBackend, Credentials(ghost.url, "integration", ghost.admin_key))
    stop_session_ghost()
