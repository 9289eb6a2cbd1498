"""palmyra's command line: thin wrappers around the library.

Each command lives in its own module under ``palmyra/commands/``. Exit codes
(SPEC §3): 0 success; 1 some inputs rejected (each reported on stderr, the rest
processed); 2 usage or set-up error.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from . import __version__
from .commands import command_modules
from .commands._common import UsageError
from .errors import PalmyraError

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="palmyra", description="News in, event data out.")
    p.add_argument("--version", action="version", version=f"palmyra {__version__}")
    p.add_argument("-v", "--verbose", action="store_true", help="log what each stage loads and does")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in command_modules():
        module.register(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="palmyra: %(message)s",
        stream=sys.stderr,
    )
    try:
        return int(args.handler(args))
    except (UsageError, PalmyraError) as e:
        print(f"palmyra: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("palmyra: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
