"""palmyra's command line: thin wrappers around the library.

Exit codes (SPEC §3): 0 success; 1 some inputs rejected (each reported on stderr,
the rest processed); 2 usage or set-up error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import IO, Any

from . import __version__
from .errors import PalmyraError
from .nlp import DEFAULT_MODEL

__all__ = ["main"]

log = logging.getLogger("palmyra")


class UsageError(Exception):
    pass


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {value!r}") from e


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="palmyra", description="News in, event data out.")
    p.add_argument("--version", action="version", version=f"palmyra {__version__}")
    p.add_argument("-v", "--verbose", action="store_true", help="log what each stage loads and does")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument(
            "inputs",
            nargs="+",
            metavar="INPUT",
            help="files (.txt .html .jsonl, RSS/Atom), directories, or - for JSON Lines on stdin",
        )
        sp.add_argument(
            "--published",
            type=_date,
            metavar="DATE",
            help="publication date for inputs that give none (anchors 'on Sunday')",
        )
        sp.add_argument("-o", "--output", metavar="FILE", help="write JSON Lines here instead of stdout")
        sp.add_argument(
            "--model",
            default=DEFAULT_MODEL,
            help=f"installed spaCy pipeline name or path (default: {DEFAULT_MODEL})",
        )
        sp.add_argument("--gazetteer", metavar="PATH", help="gazetteer file (default: built once, cached)")
        sp.add_argument("--batch-size", type=int, default=16, help="articles per spaCy batch (default: 16)")
        sp.add_argument("--no-progress", action="store_true", help="no progress bar, even on a terminal")

    common(sub.add_parser("extract", help="articles -> event records (JSON Lines)"))
    common(sub.add_parser("geoparse", help="articles -> place mentions and event locations (JSON Lines)"))
    b = sub.add_parser("bench", help="throughput and peak memory on a corpus")
    b.add_argument(
        "inputs", nargs="*", metavar="INPUT", help="corpus (default: the bundled sample, repeated)"
    )
    b.add_argument("--repeat", type=int, default=50, help="copies of the bundled sample (default: 50)")
    b.add_argument("--model", default=DEFAULT_MODEL)
    return p


@contextmanager
def _output(path: str | None) -> Iterator[IO[str]]:
    if path is None:
        yield sys.stdout
        return
    try:
        fh = open(path, "w", encoding="utf-8")  # noqa: SIM115
    except OSError as e:
        raise UsageError(f"cannot write {path}: {e.strerror}") from e
    with fh:
        yield fh


def _progress(args: argparse.Namespace) -> Any:
    if args.no_progress or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(unit=" articles", file=sys.stderr, leave=False)


def _pipeline(args: argparse.Namespace) -> Any:
    from .pipeline import Pipeline

    gaz = None
    if getattr(args, "gazetteer", None):
        from .resources.gazetteer import Gazetteer

        gaz = Gazetteer(args.gazetteer)
    pipe = Pipeline(model=args.model, gazetteer=gaz, batch_size=max(1, args.batch_size))
    pipe.warm_up()
    return pipe


def _run(args: argparse.Namespace, emit: Any) -> int:
    from .ingest import read_inputs
    from .types import Rejected

    pipe = _pipeline(args)
    rejected = 0
    bar = _progress(args)
    with _output(args.output) as out:
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


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="palmyra: %(message)s",
        stream=sys.stderr,
    )
    try:
        if args.command == "extract":
            return _run(args, _events)
        if args.command == "geoparse":
            return _run(args, _geo)
        if args.command == "bench":
            from .bench import run_bench

            print(run_bench(inputs=args.inputs, repeat=args.repeat, model=args.model).summary())
            return 0
    except (UsageError, PalmyraError) as e:
        print(f"palmyra: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("palmyra: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
