"""``palmyra eval reports``: event fields on the merge benchmark's 223 short reports.

Each report in ``benchmarks/merge_corpus/reports.jsonl`` (written for palmyra, in the repository)
describes one listed event (``EVENTS`` in its ``generate.py``: kind, country, place, day, and the
death toll that report gives). The *primary* event of a report is the first event palmyra codes
with an ACLED type (neither negated nor hypothetical). Fields: ACLED event type, country, place (the
listed name in the record's location text or name), date (exact day) and fatalities (the report's
own figure). The reports come from templates, so this measures coverage of common phrasings, not
accuracy on real news; it is fast (~10 s) and catches regressions the gold sets miss.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import PalmyraError
from ..types import Article, Event, Rejected

NAME = "reports"
HELP = "ACLED type, place, date and fatalities on the merge benchmark's short reports (in the repo)"
NEEDS_DATA = False  # reads benchmarks/merge_corpus in the repository, not a gold-set folder
CORPUS = Path(__file__).resolve().parents[2] / "benchmarks" / "merge_corpus"
FIELDS = ("type", "country", "place", "date", "fatalities")
ACLED_TYPE = {
    "battle": "Battles", "airstrike": "Explosions/Remote violence", "shelling": "Explosions/Remote violence",
    "bombing": "Explosions/Remote violence", "vac": "Violence against civilians", "protest": "Protests",
    "riot": "Riots", "arrest": "Strategic developments",
}  # fmt: skip

__all__ = ["NAME", "add_arguments", "gold_by_report", "measure", "run", "score_event"]


def add_arguments(p: argparse.ArgumentParser) -> None:
    from ..commands._common import add_model_arguments

    p.add_argument(
        "--corpus", metavar="DIR", default=str(CORPUS), help="the merge corpus (default: %(default)s)"
    )
    p.add_argument("--verbose", action="store_true", help="print each report with a wrong field")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    add_model_arguments(p)


def gold_by_report(corpus: Path) -> dict[str, dict[str, Any]]:
    """Per report id: the listed event's ACLED type, country, place, day and that report's toll."""
    gen_path = corpus / "generate.py"
    if not gen_path.is_file():
        raise PalmyraError(f"{corpus}: no generate.py (the merge corpus is in the repository's benchmarks/)")
    spec = importlib.util.spec_from_file_location("palmyra_merge_generate", gen_path)
    if spec is None or spec.loader is None:
        raise PalmyraError(f"{gen_path}: cannot be loaded")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    out: dict[str, dict[str, Any]] = {}
    for line in gen.EVENTS.strip().splitlines():
        gid, kind, country, place, day, _a, _b, tolls = line.split("|")
        for i, toll in enumerate(tolls.split(",")):
            out[f"{gid}-r{i + 1}"] = {
                "type": ACLED_TYPE[kind], "country": country, "place": place, "date": day, "fat": int(toll),
            }  # fmt: skip
    return out


def score_event(gold: dict[str, Any], e: Event | None) -> dict[str, bool]:
    """Which fields of the primary event ``e`` match the report's ``gold``."""
    loc = e.location if e is not None else None
    names = [(loc.text or "").lower(), (loc.name or "").lower()] if loc is not None else []
    place = str(gold["place"]).lower()
    return {
        "type": e is not None and e.acled_event_type == gold["type"],
        "country": loc is not None and loc.country == gold["country"],
        "place": any(n and (place in n or n in place) for n in names),
        "date": e is not None and e.event_date is not None and e.event_date.isoformat() == gold["date"],
        "fatalities": e is not None and e.fatalities == gold["fat"],
    }


def _evaluate(args: argparse.Namespace) -> tuple[Counter[str], int, list[str]]:
    from ._coding import make_pipeline_for

    corpus = Path(args.corpus)
    gold = gold_by_report(corpus)
    path = corpus / "reports.jsonl"
    if not path.is_file():
        raise PalmyraError(f"{path}: no such file")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = [
        Article(
            id=r["id"], text=r["text"], title=r.get("title"), published=dt.date.fromisoformat(r["published"])
        )
        for r in rows
    ]
    right: Counter[str] = Counter()
    misses: list[str] = []
    for item in make_pipeline_for(args).run(articles):
        if isinstance(item, Rejected):
            continue
        coded = [e for e in item.events if e.acled_event_type and not e.negated and not e.hypothetical]
        got = score_event(gold[item.article.id], coded[0] if coded else None)
        right.update(f for f, ok in got.items() if ok)
        if not all(got.values()):
            misses.append(
                f"{item.article.id} {[f for f, ok in got.items() if not ok]} | {item.article.text[:110]}"
            )
    return right, len(rows), misses


def measure(args: argparse.Namespace) -> dict[str, float | None]:
    right, n, _ = _evaluate(args)
    return {f: right[f] / n if n else None for f in FIELDS}


def run(args: argparse.Namespace) -> int:
    right, n, misses = _evaluate(args)
    if args.verbose:
        print("\n".join(misses), end="\n\n" if misses else "")
    print(f"{'field':11} {'right':>5} {'of':>4} {'acc':>6}")
    for f in FIELDS:
        print(f"{f:11} {right[f]:5d} {n:4d} {right[f] / n if n else 0:6.3f}")
    print(
        f"reports: type {right['type'] / n:.3f}, place {right['place'] / n:.3f}, "
        f"date {right['date'] / n:.3f}, fatalities {right['fatalities'] / n:.3f} on {n} reports"
    )
    return 0
