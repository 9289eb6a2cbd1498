"""``palmyra gazetteer build`` and ``palmyra gazetteer info``: the place index."""

from __future__ import annotations

import argparse
from typing import Any

from ._common import UsageError, progress_bar

__all__ = ["register"]


def register(sub: Any) -> None:
    g = sub.add_parser("gazetteer", help="build or describe the gazetteer (place index)")
    actions = g.add_subparsers(dest="gazetteer_command", required=True, metavar="ACTION")
    b = actions.add_parser(
        "build", help="build the index from the bundled sources, or from GeoNames dump files"
    )
    b.add_argument("--geonames", metavar="FILE", help="GeoNames geoname table (allCountries.zip or a .txt)")
    b.add_argument(
        "--alternate-names", metavar="FILE", help="GeoNames alternate names (alternateNamesV2.zip or .txt)"
    )
    b.add_argument(
        "--min-population",
        type=int,
        default=0,
        metavar="N",
        help="with --geonames: keep populated places of at least N people (default: 0, all)",
    )
    b.add_argument("-o", "--output", metavar="PATH", help="where to write it (default: the cached index)")
    b.add_argument("--no-progress", action="store_true", help="no progress bar, even on a terminal")
    b.set_defaults(handler=_build)
    i = actions.add_parser("info", help="counts by feature code, sources and versions")
    i.add_argument("path", nargs="?", metavar="PATH", help="gazetteer file (default: the cached index)")
    i.set_defaults(handler=_info)


def _build(args: argparse.Namespace) -> int:
    from ..resources import gazetteer

    path = args.output or gazetteer.default_path()
    if args.geonames is None:
        if args.alternate_names is not None:
            raise UsageError("--alternate-names needs --geonames")
        gazetteer.build(path)
    else:
        from ..resources.geonames import build_from_geonames, table_size

        files = [args.geonames, *([args.alternate_names] if args.alternate_names else [])]
        bar = progress_bar(args, unit="B", total=sum(table_size(f) for f in files))
        if bar is not None:
            bar.unit_scale = True
        try:
            counts = build_from_geonames(
                args.geonames,
                path,
                alternate_names=args.alternate_names,
                min_population=args.min_population,
                progress=None if bar is None else bar.update,
            )
        finally:
            if bar is not None:
                bar.close()
        print(
            f"read {args.geonames}: {counts.get('malformed', 0):,} malformed lines skipped, "
            f"{counts.get('skipped', 0):,} features of kinds not kept"
        )
    return _info(argparse.Namespace(path=path))


def _info(args: argparse.Namespace) -> int:
    from ..resources.gazetteer import Gazetteer, default_path

    path = args.path or default_path()
    with Gazetteer(path) as gaz:
        counts = gaz.feature_counts()
        print(f"{gaz.path}: {sum(counts.values()):,} places, {gaz.path.stat().st_size / 1e6:.1f} MB")
        for key, value in sorted(gaz.meta.items()):
            print(f"  {key}: {value}")
        for code, n in counts.items():
            print(f"  {code:<6} {n:>10,}")
    return 0
