"""Isso in the contract suite: the session's real Isso server (tests/isso_server.py) and the static site it
keeps comments for.

Isso holds comments only, so its backend cannot make the post a comment goes under: on a static blog the
site's own tools publish it, and so does this target's `publish_elsewhere` (a page on the test site)."""

from __future__ import annotations

import pytest

from editor.backends.base import Credentials
from editor.backends.isso import IssoBackend
from tests.backends.contract.target import Target
from tests.isso_server import shared

NAME = "isso"
BACKEND = IssoBackend


@pytest.fixture
def target_isso(tmp_path_factory: pytest.TempPathFactory) -> Target:
    setup = shared(tmp_path_factory)

    def reader_comment(post_id: str, _link: str, text: str) -> str:
        return str(setup.reader_comment(post_id, text)["id"])

    def publish_elsewhere(title: str) -> tuple[str, str]:
        uri, _title = setup.publish(title)  # the static site's own generator, not Isso, publishes posts
        return uri, setup.site + uri

    return Target(
        NAME,
        IssoBackend,
        Credentials(setup.url, "Contract Author", setup.password),
        reader_comment=reader_comment,
        publish_elsewhere=publish_elsewhere,
    )
