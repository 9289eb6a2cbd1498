"""The machine's accuracy against what reviewers settled: ``palmyra eval reviewed --db PATH``.

Reads the store's reviews (no gold folder, no NLP) and scores every reviewed event:

* a **rejected** event (its latest ``status`` review is ``rejected``) counts against
  precision, the share of reviewed events reviewers kept; its fields are not scored;
* a kept event scores six fields: type, sub-type, actors (actor1 and actor2), place,
  date and fatalities. A field is **corrected** (wrong) when the value reviewers settled
  (the latest review of that field, as ``events_effective`` applies it) differs from the
  machine's; every other field of a kept event is **confirmed** (right), so a confirmed
  event counts every field right and a correction only its corrected fields wrong.

Reviews name events by any id they have had and are resolved through ``merge_links``, as
the reads do; a review whose event is no longer in the store is counted apart.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb

from ._coding import format_table, pct

NAME = "reviewed"
NEEDS_DATA = False  # reads the store, not a gold-set folder
HELP = "the machine's accuracy against what reviewers settled, from the store's reviews (--db PATH)"

#: Scored fields: (label, the record fields a review may change for it).
FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("type", ("acled_event_type",)),
    ("sub-type", ("acled_sub_event_type",)),
    ("actors", ("actor1", "actor2")),
    ("place", ("location",)),
    ("date", ("event_date",)),
    ("fatalities", ("fatalities",)),
)


@dataclass
class ReviewedScore:
    """Counts over the reviewed events of one store."""

    reviews: int = 0
    orphans: int = 0  # reviews whose event is no longer in the store
    rejected: int = 0
    confirmed: int = 0  # kept with no field corrected
    corrected: int = 0  # kept with at least one field corrected
    wrong: dict[str, int] = field(default_factory=lambda: {label: 0 for label, _ in FIELDS})

    @property
    def events(self) -> int:
        return self.rejected + self.confirmed + self.corrected

    @property
    def kept(self) -> int:
        return self.confirmed + self.corrected

    def right(self, label: str) -> int:
        return self.kept - self.wrong[label]

    @property
    def fields_wrong(self) -> int:
        return sum(self.wrong.values())

    @property
    def fields_scored(self) -> int:
        return self.kept * len(FIELDS)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="PATH", default="palmyra.duckdb", help="the store (default: %(default)s)")


def _name(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    return str(value).strip().casefold() if value is not None else None


def _place(value: Any) -> tuple[Any, ...] | None:
    """A place as reviewers see it: name, country and point (to 0.01 degree, about 1 km)."""
    if not isinstance(value, dict):
        return None if value is None else (_name(value),)
    point = tuple(
        round(float(value[k]), 2) if isinstance(value.get(k), int | float) else None for k in ("lat", "lon")
    )
    return (_name(value), str(value.get("country") or "").upper(), *point)


def same_value(record_field: str, machine: Any, settled: Any) -> bool:
    """Whether a settled value is the machine's value, compared as the reviewed view shows them."""
    if record_field in ("actor1", "actor2"):
        return _name(machine) == _name(settled)
    if record_field == "location":
        return _place(machine) == _place(settled)
    if record_field == "event_date":
        return (str(machine)[:10] if machine else None) == (str(settled)[:10] if settled else None)
    if record_field == "fatalities":
        try:
            return int(machine) == int(settled)
        except (TypeError, ValueError):
            return bool(machine == settled)
    return _name(machine) == _name(settled)


def score(con: duckdb.DuckDBPyConnection) -> ReviewedScore:
    """Score the machine's records against the latest review of each field of each reviewed event."""
    out = ReviewedScore()
    row = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE l.event_id IS NULL)"
        " FROM reviews r LEFT JOIN merge_links l ON l.mention_id = r.event_id"
    ).fetchone()
    out.reviews, out.orphans = (int(row[0]), int(row[1])) if row else (0, 0)
    settled: dict[str, dict[str, Any]] = {}
    records: dict[str, dict[str, Any]] = {}
    rows = con.execute(
        "WITH s AS (SELECT l.event_id, r.field, arg_max(r.new_value, r.review_id) AS value"
        " FROM reviews r JOIN merge_links l ON l.mention_id = r.event_id GROUP BY ALL)"
        " SELECT s.event_id, s.field, s.value, m.record FROM s JOIN merged_events m USING (event_id)"
    ).fetchall()
    for event_id, fld, value, record in rows:
        settled.setdefault(event_id, {})[fld] = json.loads(value) if value is not None else None
        if event_id not in records:
            records[event_id] = json.loads(record)
    for event_id, fields in settled.items():
        if fields.get("status") == "rejected":
            out.rejected += 1
            continue
        rec = records[event_id]
        wrong = [
            label
            for label, names in FIELDS
            if any(n in fields and not same_value(n, rec.get(n), fields[n]) for n in names)
        ]
        for label in wrong:
            out.wrong[label] += 1
        if wrong:
            out.corrected += 1
        else:
            out.confirmed += 1
    return out


def tables(s: ReviewedScore) -> str:
    outcomes = [
        ["kept as the machine coded it", s.confirmed, pct(s.confirmed, s.events)],
        ["kept, some field corrected", s.corrected, pct(s.corrected, s.events)],
        ["rejected (not an event)", s.rejected, pct(s.rejected, s.events)],
    ]
    rows: list[Sequence[object]] = [
        [label, s.right(label), s.wrong[label], pct(s.right(label), s.kept)] for label, _ in FIELDS
    ]
    rows.append(
        [
            "overall",
            s.fields_scored - s.fields_wrong,
            s.fields_wrong,
            pct(s.fields_scored - s.fields_wrong, s.fields_scored),
        ]
    )
    return (
        format_table(["reviewed events", "events", "share"], outcomes)
        + "\n\n"
        + format_table(["field", "confirmed", "corrected", "accuracy"], rows)
    )


def summary(s: ReviewedScore) -> str:
    return (
        f"reviewed: {s.events} events, precision {pct(s.kept, s.events)}, "
        f"field accuracy {pct(s.fields_scored - s.fields_wrong, s.fields_scored)}, "
        f"events with every field right {pct(s.confirmed, s.kept)}"
    )


def run(args: argparse.Namespace) -> int:
    from ..store import Store

    with Store(args.db, read_only=True) as store:
        s = score(store.con)
    orphans = f"; {s.orphans} of events no longer in the store, not scored" if s.orphans else ""
    if s.events == 0:
        print(f"reviewed: no reviewed events in {args.db} ({s.reviews} reviews{orphans}): nothing to score")
        return 0
    print(f"store: {args.db}, {s.reviews} reviews of {s.events} events{orphans}\n")
    print(tables(s))
    print("\n" + summary(s))
    return 0
