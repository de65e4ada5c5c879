"""The real things a soak check runs against, started for a run on its own (`python -m soak.<check>`)
or once for all of them (`make soak`): a private Secret Service that this process and the `longhand`
commands it starts keep blog passwords in, and a real WordPress on 127.0.0.1."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from soak.report import Row, table
from tests.wordpress_server import WordPress


@contextmanager
def real_world(workdir: Path, *, wordpress: bool = True) -> Iterator[WordPress | None]:
    """Start the Secret Service (this process's keyring and environment pointed at it) and, with
    `wordpress`, a WordPress under `workdir`; stop both afterwards."""
    import keyring
    from keyring.backends import SecretService

    from tests.secret_service import start_secret_service
    from tests.wordpress_server import start_wordpress, stop_wordpress

    with start_secret_service() as service:
        os.environ.update(service.env)
        keyring.set_keyring(SecretService.Keyring())
        site = start_wordpress(workdir) if wordpress else None
        try:
            yield site
        finally:
            if site is not None:
                stop_wordpress(site)


def main(check: Callable[[int, Path, WordPress], Row | list[Row]], default_cases: int) -> None:
    """A check's command line: `python -m soak.<check> [CASES]` in a world of its own; prints the rows
    and exits 1 unless they are clean."""
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else default_cases
    with tempfile.TemporaryDirectory(prefix="longhand-soak-") as tmp, real_world(Path(tmp)) as wordpress:
        found = check(cases, Path(tmp) / "work", wordpress)
    rows = found if isinstance(found, list) else [found]
    print(table(rows))
    sys.exit(0 if all(row.ok for row in rows) else 1)
