"""``palmyra extract`` and ``palmyra geoparse``: articles in, JSON Lines out."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from ._common import add_input_arguments, make_pipeline, open_output, progress_bar

__all__ = ["register"]


def register(sub: Any) -> None:
    p = sub.add_parser("extract", help="articles -> event records (JSON Lines)")
    add_input_arguments(p)
    p.set_defaults(handler=lambda args: _run(args, _events))
    g = sub.add_parser("geoparse", help="articles -> place mentions and event locations (JSON Lines)")
    add_input_arguments(g)
    g.set_defaults(handler=lambda args: _run(args, _geo))


def _run(args: argparse.Namespace, emit: Callable[[Any], list[dict[str, Any]]]) -> int:
    from ..ingest import read_inputs
    from ..types import Rejected

    pipe = make_pipeline(args)
    rejected = 0
    bar = progress_bar(args)
    with open_output(args.output) as out:
        for item in pipe.run(read_inputs(args.inputs, published=args.published)):
            if isinstance(item, Rejected):
                rejected += 1
                print(f"palmyra: rejected {item.input}: {item.reason}", file=sys.stderr)
            else:
                for line in emit(item):
                    out.write(json.dumps(line, ensure_ascii=False) + "\n")
            if bar is not None:
                bar.update(1)
        out.flush()
    if bar is not None:
        bar.close()
    return 1 if rejected else 0


def _events(analysis: Any) -> list[dict[str, Any]]:
    return [e.record() for e in analysis.events]


def _geo(analysis: Any) -> list[dict[str, Any]]:
    places = []
    for m in analysis.places:
        p = m.place
        places.append({
            "text": p.text, "start": p.start, "end": p.end, "name": p.name, "geonameid": p.geonameid,
            "lat": round(p.lat, 5), "lon": round(p.lon, 5), "country": p.country,
            "feature_code": p.feature_code,
            "dateline": m.dateline,
        })  # fmt: skip
    locations = [
        {"event_id": e.event_id, **e.record()["location"]} for e in analysis.events if e.location is not None
    ]
    return [{"article_id": analysis.article.id, "places": places, "event_locations": locations}]
