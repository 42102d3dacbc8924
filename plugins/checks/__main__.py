"""`python -m plugins.checks [--settings FILE] [CONTENT]`: check content, exit 1 on errors."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .command import run_check


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the check."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("content", nargs="?", help="content folder (default: the settings' PATH)")
    parser.add_argument("--settings", default="pelicanconf.py", help="settings file")
    args = parser.parse_args(argv)
    if args.content and not Path(args.content).is_dir():
        parser.exit(1, f"{args.content}: no such content folder — give the folder of stories\n")
    if not Path(args.settings).is_file():
        parser.exit(1, f"{args.settings}: no such settings file — give pelicanconf.py's path\n")
    # One finding per line, as `LEVEL path:line: problem — fix`.
    logging.basicConfig(
        level=logging.WARNING, format="%(levelname)s %(message)s", stream=sys.stdout, force=True
    )
    return run_check(args.settings, args.content)


if __name__ == "__main__":
    sys.exit(main())
