"""PLOVER gold-standard records (the CAMEO manual's example sentences, coded in PLOVER 0.5).

Each gold record is one sentence with one event: its PLOVER type and mode, and the source and
target actors (country code and sector). palmyra reads each sentence as an article.

Matching rule (printed with the table): the gold record is compared with the event palmyra
ranks first for the sentence (highest confidence, then earliest in the text); "any event"
counts a type as right when any of palmyra's events for the sentence has it. A sentence
with no palmyra event is wrong on every measure.

The gold file predates PLOVER's 2021 revision: its DEMAND, DISAPPROVE, INVESTIGATE and
FIGHT are read as REQUEST, ACCUSE, ACCUSE and ASSAULT (as ``CAMEO2PLOVER-2021.txt`` maps
their CAMEO roots 10, 11, 09 and 19), and its mode names through :data:`MODE_2021`.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..types import Actor, Article, Event
from ._coding import (
    Reliability,
    add_common_arguments,
    format_table,
    gate_exit,
    make_pipeline_for,
    pct,
    print_reliability,
    ratio,
    top_event,
)

NAME = "plover_gsr_cameo"
HELP = "PLOVER type, mode and actors on the CAMEO-manual sentences (PLOVER GSR)"
GOLD_FILE = "PLOVER_GSR_CAMEO.json"

TYPE_2021 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# PLOVER 0.5 mode names -> the 2021 names in CAMEO2PLOVER-2021.txt (others are compared as written)
MODE_2021 = {
    "strike-hun": "hunger",
    "strike-gen": "boycott",
    "demo-org": "demo",
    "demo-spon": "demo",
    "riot-spon": "riot",
    "host": "visit",
    "confiscate": "seize",
    "detain": "arrest",
}
# codes in the gold file that are not ISO 3166 alpha-3
CODE_FIX = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
NON_STATE_CODES = frozenset({"IGO", "NGO", "IMG", "ISM"})
SECTOR_FIX = {"CIV": "CVL"}
RULE = (
    "rule: each gold sentence is scored against palmyra's top event for it (highest confidence, "
    "then earliest); 'any' = any of its events; no event = wrong. Gold PLOVER 0.5 types mapped: "
    + ", ".join(f"{k}->{v}" for k, v in TYPE_2021.items())
)


@dataclass(frozen=True)
class GoldActor:
    text: str
    code: str | None
    sector: str | None


@dataclass(frozen=True)
class GoldRecord:
    id: str
    text: str
    event: str  # PLOVER 2021 type
    event_raw: str
    mode: str | None
    sources: tuple[GoldActor, ...]
    targets: tuple[GoldActor, ...]


def _actors(raw: Any) -> tuple[GoldActor, ...]:
    if not isinstance(raw, list):
        return ()
    out = []
    for a in raw:
        code = (a.get("code") or "").strip().upper() or None
        sector = (a.get("sector") or "").strip()[:3].upper() or None
        if sector in ("***", ""):
            sector = None
        out.append(
            GoldActor(
                text=a.get("actorText", ""),
                code=CODE_FIX.get(code, code) if code else None,
                sector=SECTOR_FIX.get(sector, sector) if sector else None,
            )
        )
    return tuple(out)


def parse_gold(records: Sequence[Mapping[str, Any]]) -> list[GoldRecord]:
    """Gold records from the JSON array (the DOCUMENT header skipped)."""
    out = []
    for r in records:
        if r.get("event") in (None, "DOCUMENT") or not r.get("text"):
            continue
        raw = r["event"].strip().upper()
        mode = (r.get("mode") or "").strip().lower() or None
        out.append(
            GoldRecord(
                id=r["id"],
                text=" ".join(r["text"].split()).lstrip("{").rstrip("}"),
                event=TYPE_2021.get(raw, raw),
                event_raw=raw,
                mode=MODE_2021.get(mode, mode) if mode else None,
                sources=_actors(r.get("source")),
                targets=_actors(r.get("target")),
            )
        )
    return out


def load_gold(path: str | Path) -> list[GoldRecord]:
    with open(path, encoding="utf-8") as fh:
        return parse_gold(json.load(fh))


def _slot_match(gold: GoldActor, actor: Actor) -> bool:
    if gold.code in NON_STATE_CODES:
        return actor.sector == gold.code
    return gold.code is not None and actor.country == gold.code


def country_match(gold: Sequence[GoldActor], side: Sequence[Actor]) -> bool | None:
    """Does any of palmyra's actors on this side carry a gold actor's country (or IGO/NGO)?
    None when the gold side has no coded actor."""
    coded = [g for g in gold if g.code]
    if not coded:
        return None
    return any(_slot_match(g, a) for g in coded for a in side)


def sector_match(gold: Sequence[GoldActor], side: Sequence[Actor]) -> bool | None:
    sectors = {g.sector for g in gold if g.sector}
    if not sectors:
        return None
    return any(a.sector in sectors for a in side)


def sides(e: Event | None) -> tuple[list[Actor], list[Actor]]:
    if e is None:
        return [], []
    one = ([e.actor1] if e.actor1 else []) + list(e.assoc_actors1)
    two = ([e.actor2] if e.actor2 else []) + list(e.assoc_actors2)
    return one, two


@dataclass
class Scores:
    n: int = 0
    with_event: int = 0
    type_top: int = 0
    type_any: int = 0
    mode_n: int = 0
    mode_ok: int = 0
    counts: dict[str, list[int]] = field(default_factory=dict)  # measure -> [right, scored]
    per_type: dict[str, Counter[str]] = field(default_factory=dict)  # gold type -> predicted counts
    per_type_any: Counter[str] = field(default_factory=Counter)
    reliability: Reliability = field(default_factory=Reliability.empty)
    wrong: list[tuple[GoldRecord, list[Event]]] = field(default_factory=list)

    def add_measure(self, name: str, ok: bool | None) -> None:
        if ok is None:
            return
        c = self.counts.setdefault(name, [0, 0])
        c[0] += int(ok)
        c[1] += 1

    def summary(self) -> dict[str, float | None]:
        out: dict[str, float | None] = {
            "type_accuracy": ratio(self.type_top, self.n),
            "type_accuracy_any": ratio(self.type_any, self.n),
            "mode_accuracy": ratio(self.mode_ok, self.mode_n),
        }
        for k, (r, t) in self.counts.items():
            out[k] = ratio(r, t)
        return out


def score(gold: Sequence[GoldRecord], events: Mapping[str, Sequence[Event]]) -> Scores:
    s = Scores()
    for g in gold:
        evs = list(events.get(g.id, []))
        top = top_event(evs)
        s.n += 1
        s.with_event += bool(evs)
        ok = top is not None and top.plover_type == g.event
        s.type_top += ok
        any_ok = any(e.plover_type == g.event for e in evs)
        s.type_any += any_ok
        s.per_type.setdefault(g.event, Counter())[top.plover_type if top else "(none)"] += 1
        s.per_type_any[g.event] += any_ok
        if g.mode:
            s.mode_n += 1
            s.mode_ok += top is not None and top.plover_mode == g.mode
        one, two = sides(top)
        s.add_measure("source_country", country_match(g.sources, one))
        s.add_measure("source_sector", sector_match(g.sources, one))
        s.add_measure("target_country", country_match(g.targets, two))
        s.add_measure("target_sector", sector_match(g.targets, two))
        if top is not None:
            s.reliability.add(top.confidence, ok)
        if not ok:
            s.wrong.append((g, evs))
    return s


def report(s: Scores) -> str:
    lines = [RULE, ""]
    rows = []
    for t in sorted(s.per_type, key=lambda t: -sum(s.per_type[t].values())):
        c = s.per_type[t]
        n = sum(c.values())
        wrong = [(p, k) for p, k in c.most_common() if p != t]
        rows.append(
            [t, n, pct(c[t], n), pct(s.per_type_any[t], n), ", ".join(f"{p}:{k}" for p, k in wrong[:3])]
        )
    lines.append(
        format_table(["gold type", "n", "top event right", "any event right", "top confusions"], rows)
    )
    lines.append("")
    measures: list[list[object]] = [
        ["PLOVER type (top event)", pct(s.type_top, s.n)],
        ["PLOVER type (any event)", pct(s.type_any, s.n)],
        ["PLOVER mode (gold mode given)", pct(s.mode_ok, s.mode_n)],
    ]
    for k in ("source_country", "source_sector", "target_country", "target_sector"):
        right, total = s.counts.get(k, [0, 0])
        measures.append([k.replace("_", " "), pct(right, total)])
    measures.append(["sentences with any event", pct(s.with_event, s.n)])
    lines.append(format_table(["measure", "score"], measures))
    return "\n".join(lines)


def describe(e: Event) -> str:
    a1 = f"{e.actor1.country}/{e.actor1.sector}:{e.actor1.text}" if e.actor1 else "-"
    a2 = f"{e.actor2.country}/{e.actor2.sector}:{e.actor2.text}" if e.actor2 else "-"
    flags = ("N" if e.negated else "") + ("H" if e.hypothetical else "")
    return f"{e.plover_type}/{e.plover_mode} [{e.trigger}] {a1} -> {a2} c={e.confidence:.2f} {flags}"


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_common_arguments(p)


def evaluate(args: argparse.Namespace) -> tuple[Scores, list[GoldRecord]]:
    gold = load_gold(Path(args.data_dir) / NAME / GOLD_FILE)
    if args.limit:
        gold = gold[: args.limit]
    pipe = make_pipeline_for(args)
    from ._coding import run_articles

    events = run_articles(pipe, [Article(id=g.id, text=g.text) for g in gold], args)
    return score(gold, events), gold


def run(args: argparse.Namespace) -> int:
    s, _ = evaluate(args)
    print(report(s))
    print_reliability(s.reliability, "top events; right = PLOVER type matches")
    for g, evs in s.wrong[: args.show_errors]:
        src = ", ".join(f"{a.code}/{a.sector}" for a in g.sources)
        tgt = ", ".join(f"{a.code}/{a.sector}" for a in g.targets)
        print(f"\n{g.id} gold {g.event}/{g.mode} {src} -> {tgt}\n  {g.text}")
        for e in evs:
            print(f"  palmyra {describe(e)}")
    scores = s.summary()
    got = {k: v or 0.0 for k, v in scores.items()}
    print(
        f"\nplover_gsr_cameo: type {got['type_accuracy']:.3f} (any {got['type_accuracy_any']:.3f}), "
        f"mode {got['mode_accuracy']:.3f}, source country {got.get('source_country', 0):.3f}, "
        f"target country {got.get('target_country', 0):.3f} on {s.n} sentences"
    )
    return gate_exit(NAME, scores, args)


def measure(args: argparse.Namespace) -> dict[str, float | None]:
    """The scores the gate compares with their floors."""
    return evaluate(args)[0].summary()
