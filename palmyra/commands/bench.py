"""``palmyra bench``: throughput and peak memory."""

from __future__ import annotations

import argparse
from typing import Any

from ..nlp import DEFAULT_MODEL

__all__ = ["register"]


def register(sub: Any) -> None:
    b = sub.add_parser("bench", help="throughput and peak memory on a corpus")
    b.add_argument(
        "inputs", nargs="*", metavar="INPUT", help="corpus (default: the bundled sample, repeated)"
    )
    b.add_argument("--repeat", type=int, default=50, help="copies of the bundled sample (default: 50)")
    b.add_argument("--model", default=DEFAULT_MODEL)
    b.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from ..bench import run_bench

    print(run_bench(inputs=args.inputs, repeat=args.repeat, model=args.model).summary())
    return 0
