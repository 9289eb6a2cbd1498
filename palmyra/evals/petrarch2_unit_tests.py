"""PETRARCH2's unit-test records: stylised sentences with their expected CAMEO codings.

The sentences use invented actors (Arnor, Gondor, ...) and verb codes defined in the
validation dictionaries beside the records; they are loaded as plug-in resources: the
folder's ``PETR.Validate.actors.txt`` and ``.agents.txt`` as the actor lexicon (unless
``--actors`` names others), with date-restricted codes resolved for each sentence's date, and
``PETR.Validate.verbs.txt`` as the CAMEO verb dictionary (unless ``--verbs`` names another).
``--bundled-only`` loads none of them.

Matching rule (printed with the table): a palmyra event stands for one dyad per pair of its
actors (actor1 or an allied actor, actor2 or an allied actor). Within a sentence, each gold
dyad (source, target, event code) takes, in order, the unused palmyra dyad that agrees with it
most (CAMEO root, then source code, then target code, then countries). Codes are compared
as (country, sector): the first three letters and the first known role code after
them (``ARNGOV`` = ARN, GOV).
Gold event codes outside CAMEO's roots 01-20 (the suite's invented 8xx/9xx verbs) are left
out of root agreement. The 7 ``error`` records test PETRARCH's input handling and are skipped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..resources.cameo_dict import parse_cameo_dictionary, split_code
from ..types import Actor, Article, Event
from ._coding import (
    Reliability,
    add_common_arguments,
    format_table,
    gate_exit,
    pct,
    print_reliability,
    ratio,
    run_articles,
)

NAME = "petrarch2_unit_tests"
HELP = "CAMEO root and actor codes on PETRARCH2's unit-test sentences (invented actors)"
RECORDS = "PETR.UnitTest.records.xml"
DICTIONARIES = ("PETR.Validate.actors.txt", "PETR.Validate.agents.txt")
VERBS = "PETR.Validate.verbs.txt"
RULE = (
    "rule: each gold dyad takes the unused palmyra dyad (event x actor1/allies x actor2/allies) of its "
    "sentence that agrees most (root, source, target); codes compared as (country, sector); "
    "roots outside 01-20 skipped"
)


@dataclass(frozen=True)
class Dyad:
    source: str
    target: str
    code: str

    @property
    def root(self) -> str | None:
        r = self.code[:2]
        return r if r.isdigit() and 1 <= int(r) <= 20 else None


@dataclass(frozen=True)
class UnitRecord:
    id: str
    date: dt.date | None
    category: str
    text: str
    dyads: tuple[Dyad, ...]
    no_events: bool
    error: str | None
    key: str = ""  # unique in the suite (two sentences share the id AGENTS-18, two AGENTS-19)


def parse_records(xml_text: str) -> list[UnitRecord]:
    root = ET.fromstring(xml_text)
    out: list[UnitRecord] = []
    seen: Counter[str] = Counter()
    for s in root.iter("Sentence"):
        dyads, no_events, error = [], False, None
        for ec in s.findall("EventCoding"):
            a = {k.strip(): v.strip() for k, v in ec.attrib.items()}
            if a.get("noevents", "").lower() == "true":
                no_events = True
            elif "error" in a:
                error = a["error"]
            elif "eventcode" in a:
                dyads.append(Dyad(a.get("sourcecode", ""), a.get("targetcode", ""), a["eventcode"]))
        raw_date = (s.get("date") or "").strip()
        try:
            date = dt.date(int(raw_date[:4]), int(raw_date[4:6]), int(raw_date[6:8]))
        except ValueError:
            date = None
        text = " ".join((s.findtext("Text") or "").split())
        rid = (s.get("id") or "").strip()
        seen[rid] += 1
        out.append(
            UnitRecord(
                id=rid,
                date=date,
                category=(s.get("category") or "").strip(),
                text=text,
                dyads=tuple(dyads),
                no_events=no_events,
                error=error,
                key=rid if seen[rid] == 1 else f"{rid}#{seen[rid]}",
            )
        )
    return out


def actor_code(a: Actor | None) -> tuple[str | None, str | None]:
    return (a.country, a.sector) if a is not None else (None, None)


def code_match(gold: str, a: Actor | None) -> bool | None:
    """Exact (country, sector) agreement; None when the gold code carries neither."""
    g = split_code(gold)
    if g == (None, None):
        return None
    return actor_code(a) == g


def country_match(gold: str, a: Actor | None) -> bool | None:
    g, _ = split_code(gold)
    if g is None:
        return None
    return a is not None and a.country == g


@dataclass(frozen=True)
class DyadView:
    """One (source, target) pair of a palmyra event: actor1 or an allied actor, actor2 or one
    of its allies. A PETRARCH compound ("Arnor and Gondor attacked ...") is several dyads."""

    event: Event
    source: Actor | None
    target: Actor | None


def dyad_views(e: Event) -> list[DyadView]:
    ones = [e.actor1, *e.assoc_actors1] if e.actor1 else [None, *e.assoc_actors1]
    twos = [e.actor2, *e.assoc_actors2] if e.actor2 else [None, *e.assoc_actors2]
    return [DyadView(e, a, b) for a in ones for b in twos]


def _agreement(d: Dyad, v: DyadView) -> tuple[bool, bool, bool, bool, bool]:
    return (
        d.root is not None and v.event.cameo_root == d.root,
        bool(code_match(d.source, v.source)),
        bool(code_match(d.target, v.target)),
        bool(country_match(d.source, v.source)),
        bool(country_match(d.target, v.target)),
    )


def match_dyads(dyads: Sequence[Dyad], events: Sequence[Event]) -> list[DyadView | None]:
    """For each gold dyad in order, the unused dyad of palmyra's events that agrees most (or None)."""
    free = [v for e in events for v in dyad_views(e)]
    out: list[DyadView | None] = []
    for d in dyads:
        if not free:
            out.append(None)
            continue
        best = max(free, key=lambda v: _agreement(d, v))
        free.remove(best)
        out.append(best)
    return out


@dataclass
class Scores:
    dyads: int = 0
    root_n: int = 0
    root_ok: int = 0
    full_n: int = 0
    full_ok: int = 0
    no_root: int = 0
    unmatched: int = 0
    extra_events: int = 0
    no_event_sentences: int = 0
    no_event_clean: int = 0
    no_event_clean_asserted: int = 0
    skipped_errors: int = 0
    counts: dict[str, list[int]] = field(default_factory=dict)
    per_category: dict[str, Counter[str]] = field(default_factory=dict)
    reliability: Reliability = field(default_factory=Reliability.empty)
    wrong: list[tuple[UnitRecord, list[Event]]] = field(default_factory=list)

    def add(self, name: str, ok: bool | None, category: str) -> None:
        if ok is None:
            return
        c = self.counts.setdefault(name, [0, 0])
        c[0] += int(ok)
        c[1] += 1
        cat = self.per_category.setdefault(category, Counter())
        cat[name + "_ok"] += int(ok)
        cat[name + "_n"] += 1

    def summary(self) -> dict[str, float | None]:
        out: dict[str, float | None] = {
            "root_agreement": ratio(self.root_ok, self.root_n),
            "full_code_agreement": ratio(self.full_ok, self.full_n),
            "no_event_clean": ratio(self.no_event_clean, self.no_event_sentences),
        }
        for k, (r, t) in self.counts.items():
            out[k] = ratio(r, t)
        return out


def score(records: Sequence[UnitRecord], events: Mapping[str, Sequence[Event]]) -> Scores:
    s = Scores()
    for r in records:
        evs = list(events.get(r.key or r.id, []))
        cat = s.per_category.setdefault(r.category, Counter())
        if r.error:
            s.skipped_errors += 1
            continue
        if r.no_events and not r.dyads:
            s.no_event_sentences += 1
            clean = not evs
            s.no_event_clean += clean
            s.no_event_clean_asserted += not [e for e in evs if not (e.negated or e.hypothetical)]
            cat["noevent_n"] += 1
            cat["noevent_ok"] += clean
            for ev in evs:
                s.reliability.add(ev.confidence, False)
            if not clean:
                s.wrong.append((r, evs))
            continue
        matched = match_dyads(r.dyads, evs)
        used = [v.event for v in matched if v is not None]
        for extra in evs:
            if all(extra is not u for u in used):
                s.extra_events += 1
                s.reliability.add(extra.confidence, False)
        wrong = False
        for d, v in zip(r.dyads, matched, strict=True):
            e: Event | None = v.event if v is not None else None
            s.dyads += 1
            s.unmatched += e is None
            if d.root is None:
                s.no_root += 1
            else:
                ok = e is not None and e.cameo_root == d.root
                s.add("root", ok, r.category)
                s.root_n += 1
                s.root_ok += ok
                wrong |= not ok
                if e is not None:
                    s.reliability.add(e.confidence, ok)
            full = getattr(e, "cameo_code", None) if e is not None else None
            if full is not None or e is None:
                s.full_n += 1
                s.full_ok += full == d.code
            a1 = v.source if v else None
            a2 = v.target if v else None
            for name, ok2 in (
                ("source_code", code_match(d.source, a1)),
                ("target_code", code_match(d.target, a2)),
                ("source_country", country_match(d.source, a1)),
                ("target_country", country_match(d.target, a2)),
            ):
                s.add(name, ok2, r.category)
                wrong |= ok2 is False
        if wrong:
            s.wrong.append((r, evs))
    if s.full_n == s.unmatched:  # palmyra gave no full codes at all: the measure does not apply
        s.full_n = s.full_ok = 0
    return s


def report(s: Scores) -> str:
    rows = []
    for cat in sorted(s.per_category, key=lambda c: -s.per_category[c]["root_n"]):
        c = s.per_category[cat]
        if not (c["root_n"] or c["noevent_n"] or c["source_code_n"]):
            continue
        rows.append([
            cat, c["root_n"], pct(c["root_ok"], c["root_n"]), pct(c["source_code_ok"], c["source_code_n"]),
            pct(c["target_code_ok"], c["target_code_n"]), pct(c["noevent_ok"], c["noevent_n"]),
        ])  # fmt: skip
    lines = [RULE, ""]
    lines.append(
        format_table(
            ["category", "dyads", "CAMEO root", "source code", "target code", "no-event clean"], rows
        )
    )

    def m(k: str) -> str:
        r, t = s.counts.get(k, [0, 0])
        return pct(r, t)

    full = pct(s.full_ok, s.full_n) if s.full_n else "n/a (palmyra records carry cameo_root only)"
    lines += [
        "",
        format_table(
            ["measure", "score"],
            [
                ["CAMEO root agreement", pct(s.root_ok, s.root_n)],
                ["full CAMEO code agreement", full],
                ["source code (country+sector)", m("source_code")],
                ["source country", m("source_country")],
                ["target code (country+sector)", m("target_code")],
                ["target country", m("target_country")],
                ["dyads with no palmyra event", pct(s.unmatched, s.dyads)],
                ["dyads with non-CAMEO codes (skipped for root)", s.no_root],
                ["extra palmyra events on coded sentences", s.extra_events],
                ["no-event sentences with no event", pct(s.no_event_clean, s.no_event_sentences)],
                [
                    "  ... counting negated/hypothetical as none",
                    pct(s.no_event_clean_asserted, s.no_event_sentences),
                ],
                ["error records skipped", s.skipped_errors],
            ],
        ),
    ]
    return "\n".join(lines)


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_common_arguments(p)
    p.add_argument(
        "--bundled-only",
        action="store_true",
        help="do not load the suite's validation dictionaries (palmyra's bundled lexicon and coding only)",
    )


def _lexicon_key(paths: Sequence[Path], day: dt.date | None) -> tuple[str | None, ...]:
    """Which codes the date-restricted entries take on *day* (days with equal keys share a lexicon)."""
    key: list[str | None] = []
    for p in paths:
        if p.suffix.lower() == ".tsv":
            continue
        for e in parse_cameo_dictionary(p.read_text(encoding="utf-8")).entries:
            if any(c.restricted for c in e.codes):
                key.append(e.code_on(day))
    return tuple(key)


def evaluate(args: argparse.Namespace) -> tuple[Scores, list[UnitRecord]]:
    from ..commands._common import make_pipeline
    from ..pipeline import Pipeline
    from ..resources.cameo_dict import load_actor_files
    from ..stages.cameo_verbs import load_verb_coder

    folder = Path(args.data_dir) / NAME
    records = parse_records((folder / RECORDS).read_text(encoding="utf-8"))
    if args.limit:
        records = records[: args.limit]
    paths = [Path(a) for a in args.actors]
    if not paths and not args.bundled_only:
        paths = [folder / d for d in DICTIONARIES]
    verbs_path = args.verbs or (None if args.bundled_only else folder / VERBS)
    verbs = load_verb_coder(verbs_path) if verbs_path else None
    base = make_pipeline(argparse.Namespace(**{**vars(args), "actors": [], "verbs": None}))
    groups: dict[tuple[str | None, ...], list[UnitRecord]] = {}
    days: dict[tuple[str | None, ...], dt.date | None] = {}
    for r in records:
        k = _lexicon_key(paths, r.date)
        groups.setdefault(k, []).append(r)
        days.setdefault(k, r.date)
    events: dict[str, list[Event]] = {}
    for k, recs in groups.items():
        lexicon = load_actor_files(paths, as_of=days[k]) if paths else None
        pipe = Pipeline(
            model=base.model,
            gazetteer=base.gazetteer,
            lexicon=lexicon,
            batch_size=base.batch_size,
            verbs=verbs,
        )
        arts = [Article(id=r.key, text=r.text, published=r.date, published_from="given") for r in recs]
        events.update(run_articles(pipe, arts, args))
    return score(records, events), records


def run(args: argparse.Namespace) -> int:
    from .plover_gsr_cameo import describe

    s, _ = evaluate(args)
    print(report(s))
    print_reliability(s.reliability, "all palmyra events; right = matched to a gold dyad with its CAMEO root")
    for r, evs in s.wrong[: args.show_errors]:
        gold = "; ".join(f"{d.source}->{d.target} {d.code}" for d in r.dyads) or "no event"
        print(f"\n{r.id} [{r.category}] gold {gold}\n  {r.text}")
        for e in evs:
            print(f"  palmyra {e.cameo_code or e.cameo_root} {describe(e)}")
    got = {k: v or 0.0 for k, v in s.summary().items()}
    print(
        f"\npetrarch2_unit_tests: CAMEO root {got['root_agreement']:.3f} on {s.root_n} dyads, "
        f"source code {got.get('source_code', 0):.3f}, target code {got.get('target_code', 0):.3f}, "
        f"no event on {s.no_event_clean}/{s.no_event_sentences} no-event sentences"
    )
    return gate_exit(NAME, s.summary(), args)


def measure(args: argparse.Namespace) -> dict[str, float | None]:
    """The scores the gate compares with their floors."""
    return evaluate(args)[0].summary()
