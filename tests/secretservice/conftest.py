"""The Secret Service fixtures live in tests/conftest.py, for every test folder. These names stay importable
from here for the modules that still import them by this path (in tests/backends); they need not."""

from tests.conftest import _point_at_secret_service, restore_keyring, secret_service  # noqa: F401
