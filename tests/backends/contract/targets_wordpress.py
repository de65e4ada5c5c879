"""WordPress (self-hosted) in the contract suite: the session's real WordPress."""

from __future__ import annotations

import pytest

from editor.backends.base import Credentials
from editor.backends.wordpress import WordPressBackend
from tests.backends.contract.target import Target
from tests.comment_form import post_public_comment
from tests.wordpress_server import WordPress

NAME = "wordpress"
BACKEND = WordPressBackend


def reader_comment_on(wordpress: WordPress):
    """A stranger's comment through the blog's public comment form."""

    def comment(post_id: str, _link: str, text: str) -> str:
        answer = post_public_comment(wordpress.url, post_id, "Reader", "reader@example.com", text)
        return str(answer.comment_id)

    return comment


@pytest.fixture
def target_wordpress(wordpress: WordPress) -> Target:
    return Target(
        NAME,
        WordPressBackend,
        Credentials(wordpress.url, wordpress.admin_user, wordpress.app_password),
        reader_comment=reader_comment_on(wordpress),
    )
