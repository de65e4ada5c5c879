"""MetaWeblog over XML-RPC in the contract suite: the session's real WordPress, through its xmlrpc.php, signed in
with the login password (what a MetaWeblog client such as MarsEdit is given)."""

from __future__ import annotations

import subprocess

import pytest

from editor.backends.base import Credentials
from editor.backends.metaweblog import MetaWeblogBackend
from tests.backends.contract.target import Target
from tests.backends.contract.targets_wordpress import reader_comment_on
from tests.wordpress_server import WordPress

NAME = "metaweblog"
BACKEND = MetaWeblogBackend


def require_php_xml(wordpress: WordPress) -> None:
    """WordPress's XML-RPC server parses requests with PHP's xml extension (Debian package php-xml); without
    it every call is answered "parse error. not well formed", which would read as a bug of the backend."""
    modules = subprocess.run([wordpress._php, "-m"], capture_output=True, text=True, check=True).stdout.split()
    if "xml" not in modules:
        pytest.fail("WordPress's XML-RPC needs PHP's xml extension: apt-get install php-xml", pytrace=False)


@pytest.fixture
def target_metaweblog(wordpress: WordPress) -> Target:
    require_php_xml(wordpress)
    return Target(
        NAME,
        MetaWeblogBackend,
        Credentials(wordpress.url, wordpress.admin_user, wordpress.admin_password),
        reader_comment=reader_comment_on(wordpress),
    )
