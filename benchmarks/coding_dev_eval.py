"""Score palmyra on the hand-coded dev notes in benchmarks/coding_dev/notes.jsonl.

For each report the *primary* event is the first event in text order that ACLED would code
(an ACLED event type, neither negated nor hypothetical). Fields: ACLED event type, sub-event
type, date, fatalities (exact), location (gold name found in the record's location text or
gazetteer name, either way round, case-insensitive), actor 1 (gold substring in actor 1's name).
A report whose gold type is null is right when palmyra codes no ACLED event for it.

    .venv/bin/python benchmarks/coding_dev_eval.py [--verbose] [--notes FILE ...]

``--notes`` scores other files in the same format, e.g. the blind hold-out set
``benchmarks/coding_holdout/notes.jsonl`` and ``articles.jsonl`` (written without seeing the
code or these dev notes: see its README). With a gold ``country`` (ISO 3166-1 alpha-2, or a name), the
location's country is scored too. Actor 1 matches case-insensitively as a substring.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import unicodedata
from pathlib import Path
from typing import Any

from palmyra.pipeline import Pipeline
from palmyra.types import Article, Rejected

HERE = Path(__file__).parent / "coding_dev" / "notes.jsonl"
FIELDS = ("type", "sub", "date", "fat", "loc", "country", "actor1")


def primary(events: list[dict[str, Any]]) -> dict[str, Any] | None:
    coded = [e for e in events if e["acled_event_type"] and not e["negated"] and not e["hypothetical"]]
    return coded[0] if coded else None


def _fold(name: str) -> str:
    return name.lower().replace("-", " ")


def _plain(name: str) -> str:
    """Lower case without accents: gold written "Lere" matches palmyra's "Léré"."""
    return "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c))


def score(gold: dict[str, Any], ev: dict[str, Any] | None) -> dict[str, bool]:
    if gold.get("type") is None:
        return {"type": ev is None}
    if ev is None:
        return {f: False for f in FIELDS if gold.get(f) is not None or f in ("type", "fat")}
    loc = ev.get("location") or {}
    want_loc, want_a1 = _plain(gold.get("loc") or ""), (gold.get("actor1") or "").lower()
    names = [_plain(loc.get("text") or ""), _plain(loc.get("name") or "")]
    got = {
        "type": ev["acled_event_type"] == gold["type"],
        "sub": ev["acled_sub_event_type"] == gold.get("sub"),
        "date": ev["event_date"] == gold.get("date"),
        "fat": ev["fatalities"] == gold.get("fat", 0),
        "loc": any(n and (want_loc in n or n in want_loc) for n in names),
        "country": _alpha2(loc.get("country")) == _gold_alpha2(gold.get("country")),
        # hyphens folded: news writes "Al-Shabaab", ACLED's actor list "Al Shabaab"
        "actor1": _fold(want_a1) in _fold((ev.get("actor1") or {}).get("name") or ""),
    }
    return {f: v for f, v in got.items() if f in ("type", "fat") or gold.get(f) is not None}


def _gold_alpha2(country: str | None) -> str | None:
    """The gold country as ISO alpha-2: given so, or a name ("Democratic Republic of Congo")."""
    if country is None or len(country) == 2:
        return country
    from palmyra.resources.countries import country_names

    return _alpha2(country_names().lookup(country)) or country


def _alpha2(alpha3: str | None) -> str | None:
    import pycountry

    found = pycountry.countries.get(alpha_3=alpha3) if alpha3 else None
    return found.alpha_2 if found else None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="print every report, not just misses")
    ap.add_argument(
        "--notes", nargs="+", type=Path, default=[HERE], help="note files (default: the dev notes)"
    )
    args = ap.parse_args()
    rows = [json.loads(line) for f in args.notes for line in f.read_text().splitlines() if line.strip()]
    pipe = Pipeline()
    articles = [
        Article(id=r["id"], text=r["text"], published=dt.date.fromisoformat(r["published"])) for r in rows
    ]
    totals: dict[str, list[int]] = {f: [0, 0] for f in FIELDS}
    for row, item in zip(rows, pipe.run(articles), strict=True):
        if isinstance(item, Rejected):
            print(f"{row['id']}: rejected: {item.reason}")
            continue
        events = [e.record() for e in item.events]
        ev = primary(events)
        marks = score(row["gold"], ev)
        for f, ok in marks.items():
            totals[f][0] += ok
            totals[f][1] += 1
        if args.verbose or not all(marks.values()):
            wrong = [f for f, ok in marks.items() if not ok]
            brief = None
            if ev is not None:
                loc = ev.get("location") or {}
                brief = (
                    ev["acled_event_type"],
                    ev["acled_sub_event_type"],
                    ev["event_date"],
                    ev["fatalities"],
                    loc.get("name"),
                    (ev.get("actor1") or {}).get("name"),
                )
            print(f"{row['id']}: wrong {wrong}: got {brief}")
    print()
    print(f"{'field':8} {'right':>5} {'of':>4} {'acc':>6}")
    for f, (ok, n) in totals.items():
        print(f"{f:8} {ok:5d} {n:4d} {ok / n:6.2f}" if n else f"{f:8} {'-':>5} {0:4d} {'-':>6}")
    all_ok = sum(ok for ok, _ in totals.values())
    all_n = sum(n for _, n in totals.values())
    print(f"coding dev: {all_ok}/{all_n} field values right ({all_ok / all_n:.2f}) over {len(rows)} reports")


if __name__ == "__main__":
    main()
