"""`longhand`: with no command, the window; with one, the command line."""

from __future__ import annotations

import gc
import sys


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `longhand` script."""
    # Importing is nearly all allocation of objects that live as long as the process (modules, classes,
    # functions): the collector would walk them again and again (~40 ms of a start) and find nothing to
    # free. It is off while the command line is imported; the window does the same while it is built.
    gc.disable()
    try:
        from . import cli
    finally:
        gc.enable()
    return cli.main(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
