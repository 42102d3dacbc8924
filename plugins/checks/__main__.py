"""`python -m plugins.checks [--settings FILE] [CONTENT]`: check content, exit 1 on errors."""

from __future__ import annotations

import argparse
import logging
import sys

from .command import run_check


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the check."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("content", nargs="?", help="content folder (default: the settings' PATH)")
    parser.add_argument("--settings", default="pelicanconf.py", help="settings file")
    args = parser.parse_args(argv)
    # One finding per line, as `LEVEL path:line: problem — fix`.
    logging.basicConfig(
        level=logging.WARNING, format="%(levelname)s %(message)s", stream=sys.stdout, force=True
    )
    return run_check(args.settings, args.content)


if __name__ == "__main__":
    sys.exit(main())
