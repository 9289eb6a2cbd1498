"""``palmyra ingest``: extract events from articles and store them, merging reports of one event."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from itertools import chain
from typing import Any

from ._common import add_input_arguments, make_pipeline, progress_bar

__all__ = ["register"]


def add_db_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db", metavar="PATH", default="palmyra.duckdb", help="store file (default: palmyra.duckdb)"
    )


def register(sub: Any) -> None:
    p = sub.add_parser("ingest", help="extract and store events; resumable and idempotent")
    add_input_arguments(p, output=False)
    add_db_argument(p)
    p.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
    p.set_defaults(handler=_run)


class _LazyPipeline:
    """Loads the model only when an article not yet stored turns up: a finished run resumes in seconds."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args

    def run(self, items: Iterable[Any]) -> Iterator[Any]:
        from ..types import Rejected

        it = iter(items)
        for first in it:
            if isinstance(first, Rejected):
                yield first
                continue
            yield from make_pipeline(self.args).run(chain([first], it))
            return


def _run(args: argparse.Namespace) -> int:
    from ..ingest import read_inputs
    from ..store import Store, ingest
    from ..types import Rejected

    bar = progress_bar(args)

    def tick(item: Any) -> None:
        if isinstance(item, Rejected):
            print(f"palmyra: rejected {item.input}: {item.reason}", file=sys.stderr)
        if bar is not None:
            bar.update(1)

    with Store(args.db) as store:
        summary = ingest(
            read_inputs(args.inputs, published=args.published),
            store=store,
            pipeline=_LazyPipeline(args),
            on_article=tick,
        )
    if bar is not None:
        bar.close()
    if not args.quiet:
        for line in summary.lines():
            print(f"palmyra: {line}", file=sys.stderr)
    return 1 if summary.rejected else 0
