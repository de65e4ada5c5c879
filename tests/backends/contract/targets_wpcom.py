"""WordPress.com in the contract suite: the loopback shim (tests/wpcom_shim.py) before the real WordPress —
WordPress.com itself cannot be reached from the test machines."""

from __future__ import annotations

import pytest

from editor.backends.base import Credentials
from editor.backends.wpcom import WordPressComBackend, site_root
from tests.backends.contract.target import Target
from tests.backends.contract.targets_wordpress import reader_comment_on
from tests.wordpress_server import WordPress
from tests.wpcom_shim import SITE, WordPressComShim

NAME = "wpcom"
BACKEND = WordPressComBackend


@pytest.fixture
def target_wpcom(wordpress: WordPress, shim: WordPressComShim) -> Target:
    root = site_root(str(shim.site_id(SITE)), shim.url)
    return Target(
        NAME,
        WordPressComBackend,
        Credentials(f"https://{SITE}", wordpress.admin_user, shim.issue(SITE), root),
        reader_comment=reader_comment_on(wordpress),  # readers comment on the blog itself, not through the API
    )
