"""``palmyra lexicon check [FILE...]``: validate the coding data files."""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["register"]


def register(sub: Any) -> None:
    p = sub.add_parser("lexicon", help="coding resources: actor lexicon, triggers, ontology")
    lex = p.add_subparsers(dest="lexicon_command", required=True, metavar="COMMAND")
    c = lex.add_parser(
        "check",
        help="validate the bundled data files and any given ones (actors.tsv, triggers.tsv, "
        "ontology.tsv, country files, CAMEO-format dictionaries); problems as FILE:LINE: message",
    )
    c.add_argument("files", nargs="*", metavar="FILE", help="user data files to check as well")
    c.add_argument("--no-bundled", action="store_true", help="check only the given files")
    c.set_defaults(handler=_check)


def _check(args: argparse.Namespace) -> int:
    from ..resources.lexicon_check import BUNDLED, check_bundled, check_file

    problems = [] if args.no_bundled else check_bundled()
    for f in args.files:
        problems += check_file(f)
    for p in problems:
        print(p)
    n_files = (0 if args.no_bundled else len(BUNDLED)) + len(args.files)
    if problems:
        print(f"lexicon check: {len(problems)} problem(s) in {n_files} file(s)")
        return 1
    print(f"lexicon check: {n_files} file(s) OK")
    return 0
