"""Shared parts of the event-coding scorers: running the pipeline over gold texts,
choosing the event to score, tables, the reliability table and the ``--gate`` check."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..types import Article, Event

__all__ = [
    "CONFIDENCE_BINS",
    "FLOORS_FILE",
    "add_common_arguments",
    "check_floors",
    "format_table",
    "pct",
    "reliability_rows",
    "run_articles",
    "top_event",
]

# (label, low inclusive, high exclusive): SPEC's calibration promise is about >= 0.8.
CONFIDENCE_BINS: tuple[tuple[str, float, float], ...] = (
    (">= 0.8", 0.8, 1.01),
    ("0.5-0.8", 0.5, 0.8),
    ("< 0.5", -0.01, 0.5),
)
FLOORS_FILE = Path(__file__).resolve().parents[2] / "benchmarks" / "eval_floors.json"


def add_common_arguments(p: argparse.ArgumentParser, *, model: bool = True) -> None:
    """--limit, --gate, --floors, --no-progress, and the pipeline's --model/--gazetteer/--actors."""
    p.add_argument("--limit", type=int, metavar="N", help="score only the first N gold items")
    p.add_argument("--gate", action="store_true", help="exit 1 when a score is below its pinned floor")
    p.add_argument(
        "--floors", metavar="FILE", default=str(FLOORS_FILE), help="floors file (default: %(default)s)"
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar, even on a terminal")
    p.add_argument("--show-errors", type=int, default=0, metavar="N", help="print N wrong cases")
    if model:
        from ..commands._common import add_model_arguments

        add_model_arguments(p)
        p.add_argument("--batch-size", type=int, default=32, help="articles per spaCy batch")


def pct(num: int, den: int) -> str:
    return f"{num / den:.3f} ({num}/{den})" if den else "n/a (0)"


def ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def format_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A plain fixed-width table."""
    body = [[str(c) for c in r] for r in rows]
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in body]
    return "\n".join(out)


def run_articles(pipe: Any, articles: Sequence[Article], args: argparse.Namespace) -> dict[str, list[Event]]:
    """Events per article id (a rejected article has none), with a progress bar on a terminal."""
    from ..commands._common import progress_bar
    from ..types import Rejected

    out: dict[str, list[Event]] = {a.id: [] for a in articles}
    bar = progress_bar(args, unit=" texts", total=len(articles))
    for item in pipe.run(articles):
        if not isinstance(item, Rejected):
            out[item.article.id] = list(item.events)
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    return out


def event_start(e: Event) -> int:
    return min((ev.start for ev in e.evidence), default=0)


def top_event(events: Sequence[Event]) -> Event | None:
    """The event palmyra ranks first for a text: highest confidence, then earliest in the text."""
    if not events:
        return None
    return min(events, key=lambda e: (-e.confidence, event_start(e)))


@dataclass
class Reliability:
    """Counts of right and scored events per confidence bin."""

    right: dict[str, int]
    total: dict[str, int]

    @classmethod
    def empty(cls) -> Reliability:
        return cls({b[0]: 0 for b in CONFIDENCE_BINS}, {b[0]: 0 for b in CONFIDENCE_BINS})

    def add(self, confidence: float, ok: bool) -> None:
        for label, lo, hi in CONFIDENCE_BINS:
            if lo <= confidence < hi:
                self.total[label] += 1
                self.right[label] += int(ok)
                return


def reliability_rows(rel: Reliability) -> list[list[object]]:
    return [
        [label, rel.total[label], rel.right[label], pct(rel.right[label], rel.total[label])]
        for label, _, _ in CONFIDENCE_BINS
    ]


def print_reliability(rel: Reliability, what: str) -> None:
    print(f"\nReliability ({what}):")
    print(format_table(["confidence", "events", "right", "share right"], reliability_rows(rel)))


def load_floors(path: str | Path) -> dict[str, dict[str, float]]:
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    return {k: v for k, v in data.items() if isinstance(v, dict)}


def check_floors(
    name: str, scores: dict[str, float | None], floors_path: str | Path, *, limited: bool = False
) -> list[str]:
    """Scores below their floor, as messages (empty: the gate passes)."""
    floors = load_floors(floors_path).get(name, {})
    failures = []
    for metric, floor in floors.items():
        got = scores.get(metric)
        if got is None:
            failures.append(f"{name}.{metric}: no score (floor {floor})")
        elif got + 1e-9 < floor:
            failures.append(f"{name}.{metric}: {got:.3f} below floor {floor:.3f}")
    if limited and floors:
        failures.append(f"{name}: --gate with --limit compares a subset against full-set floors")
    return failures


def gate_exit(name: str, scores: dict[str, float | None], args: argparse.Namespace) -> int:
    """Print the gate's verdict when --gate was given; the exit code."""
    if not getattr(args, "gate", False):
        return 0
    failures = check_floors(name, scores, args.floors, limited=bool(getattr(args, "limit", None)))
    for f in failures:
        print(f"GATE FAIL {f}")
    if not failures:
        print(f"GATE OK {name}")
    return 1 if failures else 0


def make_pipeline_for(args: argparse.Namespace, lexicon: Any = None) -> Any:
    """A warmed-up pipeline from the eval's model options (*lexicon* overrides --actors)."""
    from ..commands._common import make_pipeline

    if lexicon is None:
        return make_pipeline(args)
    from ..pipeline import Pipeline

    base = make_pipeline(argparse.Namespace(**{**vars(args), "actors": []}))
    pipe = Pipeline(model=base.model, gazetteer=base.gazetteer, lexicon=lexicon, batch_size=base.batch_size)
    return pipe


ScoreFn = Callable[[argparse.Namespace], dict[str, float | None]]
