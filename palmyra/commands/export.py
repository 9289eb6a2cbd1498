"""``palmyra export``: events from the store as csv, acled-csv, jsonl, geojson or parquet."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ._common import UsageError, date_arg, open_output

__all__ = ["register"]

FORMATS = ("csv", "acled-csv", "jsonl", "geojson", "parquet")


def bbox_arg(value: str) -> tuple[float, float, float, float]:
    try:
        w, s, e, n = (float(x) for x in value.split(","))
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"not a bounding box W,S,E,N in degrees: {value!r}") from err
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= n <= 90):
        raise argparse.ArgumentTypeError(f"bounding box out of range (W,S,E,N; S <= N): {value!r}")
    return w, s, e, n


def country_arg(value: str) -> str:
    if len(value) != 3 or not value.isalpha():
        raise argparse.ArgumentTypeError(f"not an ISO 3166-1 alpha-3 country code: {value!r}")
    return value.upper()


def register(sub: Any) -> None:
    p = sub.add_parser("export", help="events from the store as csv, acled-csv, jsonl, geojson or parquet")
    p.add_argument("--format", required=True, choices=FORMATS, help="output format")
    p.add_argument(
        "--db", metavar="PATH", default="palmyra.duckdb", help="store file (default: palmyra.duckdb)"
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout (parquet needs it)")
    p.add_argument("--since", type=date_arg, metavar="DATE", help="events on or after this day")
    p.add_argument("--until", type=date_arg, metavar="DATE", help="events on or before this day")
    p.add_argument("--country", type=country_arg, metavar="ISO3", help="events in this country")
    p.add_argument("--type", metavar="TYPE", help="ACLED event type or sub-type, or PLOVER type")
    p.add_argument("--bbox", type=bbox_arg, metavar="W,S,E,N", help="events inside this box (degrees)")
    p.add_argument("--include-rejected", action="store_true", help="keep events reviewers rejected")
    p.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    import duckdb

    from ..store import EventFilter, Store
    from ..store.export import export

    if args.since and args.until and args.since > args.until:
        raise UsageError(f"--since {args.since} is after --until {args.until}")
    if args.format == "parquet" and not args.output:
        raise UsageError("--format parquet writes a binary file: give -o FILE")
    flt = EventFilter(
        since=args.since, until=args.until, country=args.country, type=args.type, bbox=args.bbox,
        include_rejected=args.include_rejected,
    )  # fmt: skip
    with Store(args.db, read_only=True) as store:
        if args.format == "parquet":
            try:
                n = export(store.reader(), "parquet", path=args.output, flt=flt)
            except duckdb.IOException as e:
                raise UsageError(f"cannot write {args.output}: {e}") from e
        else:
            with open_output(args.output) as out:
                n = export(store.reader(), args.format, out=out, flt=flt)
    if args.output:
        print(f"palmyra: {n} events written to {args.output}", file=sys.stderr)
    return 0
