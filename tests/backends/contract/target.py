"""A real blog of one backend, as the contract suite (test_contract.py) drives it.

Each backend's tests provide one `Target` through a fixture named `target_<name>` in a module of this
package (`targets_<name>.py`, imported by conftest.py), starting its real server or tool on 127.0.0.1.
The suite runs each contract test only for the targets whose backend declares the capability it needs
(not a skip: the pair is never made), so a capability a backend declares but fails is a failure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from editor.backends.base import Backend, Capability, Credentials


@dataclass
class Target:
    """One backend against its real server: how to sign in, and what only the server's side can do."""

    name: str  # the test id, e.g. "wordpress"
    backend: type[Backend]
    credentials: Credentials
    # A stranger's comment on a published post, posted the way a reader would (the blog's comment form, the
    # comment server's API): (post's remote id, the post's public address, text) → the comment's remote id.
    # Needed by targets whose backend declares Capability.COMMENTS.
    reader_comment: Callable[[str, str, str], str] | None = None
    # For a comments-only backend (no Capability.POSTS: Isso), the post a comment goes under, published the
    # way the site publishes it: title → (the post's id as the backend names it, its public address).
    publish_elsewhere: Callable[[str], tuple[str, str]] | None = None

    def open(self) -> Backend:
        """A signed-in backend; close it after use."""
        return self.backend(self.credentials)

    def declares(self, capability: Capability) -> bool:
        """Whether the backend says it can."""
        return capability in self.backend.capabilities


def needs(*capabilities: Capability) -> pytest.MarkDecorator:
    """The capabilities a contract test needs: it runs only for targets whose backend declares them all."""
    return pytest.mark.needs(*capabilities)
