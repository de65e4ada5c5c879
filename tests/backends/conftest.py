"""The `wordpress` fixture: one real WordPress (Debian's packages) on 127.0.0.1 for the whole session;
and `proxy`, a FaultProxy in front of it for one test.

Without the Debian packages the tests that need them are skipped, unless we are root: then
`make test` has installed them, so their absence is an error.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.fault_proxy import FaultProxy
from tests.wordpress_server import DEBIAN_PACKAGES, WordPress, missing_requirements, start_wordpress, stop_wordpress
from tests.wpcom_shim import WordPressComShim


@pytest.fixture(scope="session")
def wordpress_packages() -> None:
    """Skips (not root) or fails (root) when the Debian packages for the test WordPress are missing."""
    missing = missing_requirements()
    if missing:
        message = (
            "the test WordPress needs the Debian packages "
            + " ".join(DEBIAN_PACKAGES)
            + "; missing: "
            + "; ".join(missing)
        )
        if os.geteuid() != 0:
            pytest.skip(message)
        pytest.fail(message + " (as root, `make test` installs them)", pytrace=False)


@pytest.fixture(scope="session")
def wordpress(wordpress_packages: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WordPress]:
    """A freshly installed WordPress at wordpress.url, shared by the whole session; stopped at its end.

    Tests that call wordpress.stop() must call wordpress.start() again (in a `finally`)."""
    wp = start_wordpress(tmp_path_factory.mktemp("wordpress"))
    try:
        yield wp
    finally:
        stop_wordpress(wp)


@pytest.fixture
def proxy(wordpress: WordPress) -> Iterator[FaultProxy]:
    """A FaultProxy in front of the session's WordPress, passing everything until the test says otherwise."""
    with FaultProxy(wordpress.url) as p:
        yield p


@pytest.fixture(scope="module")
def shim(wordpress: WordPress) -> Iterator[WordPressComShim]:
    """WordPress.com's URL layout, OAuth2 and error shapes on loopback, before the session's WordPress."""
    with WordPressComShim(wordpress) as running:
        yield running
