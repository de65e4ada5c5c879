"""A static site in the contract suite: a Hugo site in a folder, built by the real `hugo` after each change,
each change committed and pushed to a bare git repository beside it (see tests/static_sites/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.backends.base import Credentials
from editor.backends.static import StaticSiteBackend
from tests.backends.contract.target import Target
from tests.static_sites import make_site, put_in_git

NAME = "static"
BACKEND = StaticSiteBackend


@pytest.fixture(scope="session")
def target_static(tmp_path_factory: pytest.TempPathFactory) -> Target:
    root: Path = tmp_path_factory.mktemp("static-contract")
    site = make_site(root / "site", "hugo", build=True, commit=True, push="origin")
    put_in_git(site, root / "remote.git")
    return Target(NAME, StaticSiteBackend, Credentials(site.as_uri(), "author", ""))
