"""Score palmyra's event fields on the merge benchmark's short reports (benchmarks/merge_corpus/).

Each of the 223 reports describes one hand-listed event (``EVENTS`` in generate.py: kind, country,
place, day, and the death toll that report gives). For each report the *primary* event is the
first event palmyra codes with an ACLED type (neither negated nor hypothetical). Fields: ACLED event
type (from the kind), country, place (the listed place name in the record's location text or name),
date (exact day) and fatalities (the report's own figure). The reports were written from templates,
so this measures coverage of common phrasings, not accuracy on real news.

    .venv/bin/python benchmarks/report_eval.py [--verbose]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
from collections import Counter
from pathlib import Path

from palmyra.pipeline import Pipeline
from palmyra.types import Article, Rejected

HERE = Path(__file__).parent / "merge_corpus"
ACLED_TYPE = {
    "battle": "Battles", "airstrike": "Explosions/Remote violence", "shelling": "Explosions/Remote violence",
    "bombing": "Explosions/Remote violence", "vac": "Violence against civilians", "protest": "Protests",
    "riot": "Riots", "arrest": "Strategic developments",
}  # fmt: skip


def gold_by_report() -> dict[str, dict[str, object]]:
    spec = importlib.util.spec_from_file_location("merge_generate", HERE / "generate.py")
    assert spec is not None and spec.loader is not None
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    out: dict[str, dict[str, object]] = {}
    for line in gen.EVENTS.strip().splitlines():
        gid, kind, country, place, day, _a, _b, tolls = line.split("|")
        for i, toll in enumerate(tolls.split(",")):
            out[f"{gid}-r{i + 1}"] = {
                "type": ACLED_TYPE[kind], "country": country, "place": place, "date": day, "fat": int(toll),
            }  # fmt: skip
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="print each miss")
    args = ap.parse_args()
    gold = gold_by_report()
    rows = [json.loads(line) for line in (HERE / "reports.jsonl").read_text().splitlines() if line.strip()]
    articles = [
        Article(
            id=r["id"], text=r["text"], title=r.get("title"), published=dt.date.fromisoformat(r["published"])
        )
        for r in rows
    ]
    right: Counter[str] = Counter()
    misses: Counter[str] = Counter()
    for item in Pipeline().run(articles):
        if isinstance(item, Rejected):
            continue
        g = gold[item.article.id]
        coded = [e for e in item.events if e.acled_event_type and not e.negated and not e.hypothetical]
        e = coded[0] if coded else None
        loc = e.location if e is not None else None
        names = [(loc.text or "").lower(), (loc.name or "").lower()] if loc is not None else []
        place = str(g["place"]).lower()
        got = {
            "type": e is not None and e.acled_event_type == g["type"],
            "country": loc is not None and loc.country == g["country"],
            "place": any(n and (place in n or n in place) for n in names),
            "date": e is not None and e.event_date is not None and e.event_date.isoformat() == g["date"],
            "fatalities": e is not None and e.fatalities == g["fat"],
        }
        for field, ok in got.items():
            right[field] += ok
            if not ok:
                misses[field] += 1
        if args.verbose and not all(got.values()):
            brief = (
                None
                if e is None
                else (e.acled_event_type, e.event_date, loc.name if loc else None, e.fatalities)
            )
            print(
                item.article.id, [f for f, ok in got.items() if not ok], brief, "|", item.article.text[:120]
            )
    n = len(rows)
    print(f"{'field':11} {'right':>5} {'of':>4} {'acc':>6}")
    for field in ("type", "country", "place", "date", "fatalities"):
        print(f"{field:11} {right[field]:5d} {n:4d} {right[field] / n:6.3f}")
    print(
        f"report eval: type {right['type'] / n:.3f}, place {right['place'] / n:.3f}, "
        f"date {right['date'] / n:.3f}, fatalities {right['fatalities'] / n:.3f} on {n} reports"
    )


if __name__ == "__main__":
    main()
