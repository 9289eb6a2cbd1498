"""Argument types and helpers shared by the commands."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from ..nlp import DEFAULT_MODEL

__all__ = [
    "UsageError",
    "add_input_arguments",
    "add_model_arguments",
    "date_arg",
    "make_pipeline",
    "open_output",
    "progress_bar",
]


class UsageError(Exception):
    """A mistake in the command line or the set-up: printed as one line, exit code 2."""


def date_arg(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {value!r}") from e


def add_input_arguments(sp: argparse.ArgumentParser, *, output: bool = True) -> None:
    """INPUT... and the options every command that runs the pipeline takes."""
    sp.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="files (.txt .html .jsonl, RSS/Atom), directories, or - for JSON Lines on stdin",
    )
    sp.add_argument(
        "--published",
        type=date_arg,
        metavar="DATE",
        help="publication date for inputs that give none (anchors 'on Sunday')",
    )
    if output:
        sp.add_argument("-o", "--output", metavar="FILE", help="write JSON Lines here instead of stdout")
    add_model_arguments(sp)
    sp.add_argument("--batch-size", type=int, default=16, help="articles per spaCy batch (default: 16)")
    sp.add_argument("--no-progress", action="store_true", help="no progress bar, even on a terminal")


def add_model_arguments(sp: argparse.ArgumentParser) -> None:
    sp.add_argument(
        "--model",
        default=DEFAULT_MODEL,
        help=f"installed spaCy pipeline name or path (default: {DEFAULT_MODEL})",
    )
    sp.add_argument("--gazetteer", metavar="PATH", help="gazetteer file (default: built once, cached)")
    sp.add_argument(
        "--actors",
        action="append",
        default=[],
        metavar="FILE",
        help="actor dictionary merged over the bundled lexicon: palmyra actors.tsv format or "
        "PETRARCH/CAMEO actors/agents format (repeatable; later files win)",
    )
    sp.add_argument(
        "--verbs",
        metavar="FILE",
        help="CAMEO verb dictionary (PETRARCH/TABARI verbs format): the verbs it lists are coded by "
        "its patterns (full CAMEO code and root; PLOVER type from the root)",
    )


@contextmanager
def open_output(path: str | None) -> Iterator[IO[str]]:
    """stdout, or the file at *path* (a UsageError when it cannot be written)."""
    if path is None:
        yield sys.stdout
        return
    try:
        fh = open(path, "w", encoding="utf-8")  # noqa: SIM115
    except OSError as e:
        raise UsageError(f"cannot write {path}: {e.strerror}") from e
    with fh:
        yield fh


def progress_bar(args: argparse.Namespace, *, unit: str = " articles", total: int | None = None) -> Any:
    """A tqdm bar on stderr when it is a terminal and --no-progress was not given; else None."""
    if getattr(args, "no_progress", False) or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(unit=unit, total=total, file=sys.stderr, leave=False)


def make_pipeline(args: argparse.Namespace) -> Any:
    """A warmed-up Pipeline from --model, --gazetteer, --actors, --verbs and --batch-size."""
    from ..pipeline import Pipeline

    gaz = None
    if getattr(args, "gazetteer", None):
        from ..resources.gazetteer import Gazetteer

        gaz = Gazetteer(args.gazetteer)
    lexicon = None
    if getattr(args, "actors", None):
        from ..errors import ResourceError
        from ..resources.cameo_dict import load_actor_files

        try:
            # date-restricted CAMEO codes are resolved for --published when given
            lexicon = load_actor_files(args.actors, as_of=getattr(args, "published", None))
        except ResourceError as e:
            raise UsageError(str(e)) from e
    verbs = None
    if getattr(args, "verbs", None):
        from ..errors import ResourceError
        from ..stages.cameo_verbs import load_verb_coder

        try:
            verbs = load_verb_coder(args.verbs)
        except ResourceError as e:
            raise UsageError(str(e)) from e
    pipe = Pipeline(
        model=args.model,
        gazetteer=gaz,
        lexicon=lexicon,
        batch_size=max(1, getattr(args, "batch_size", 16)),
        verbs=verbs,
    )
    pipe.warm_up()
    return pipe
