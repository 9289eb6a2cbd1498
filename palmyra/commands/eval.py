"""``palmyra eval NAME``: score palmyra against a gold set (one scorer per set)."""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["register"]


def register(sub: Any) -> None:
    from ..evals import DATA_ENV, eval_modules

    p = sub.add_parser("eval", help="score against a gold set and print a table")
    gold = p.add_subparsers(dest="gold", required=True, metavar="GOLD")
    for module in eval_modules():
        g = gold.add_parser(module.NAME, help=module.HELP)
        g.add_argument(
            "--data-dir",
            metavar="DIR",
            help=f"folder holding the gold sets (default: ${DATA_ENV}, else ../shared/data)",
        )
        module.add_arguments(g)
        g.set_defaults(handler=_handler(module))


def _handler(module: Any) -> Any:
    def run(args: argparse.Namespace) -> int:
        from ..evals import data_dir

        if getattr(module, "NEEDS_DATA", True) or args.data_dir:
            args.data_dir = data_dir(args.data_dir)
        return int(module.run(args))

    return run
