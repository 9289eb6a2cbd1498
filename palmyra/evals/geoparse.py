"""``palmyra eval geoparse``: place recognition and resolution against LGL, TR-News and GeoVirus,
beside the published systems' outputs, and event-location accuracy on Halterman's sentences.

For each geoparsing corpus (``DATA/geoparsing``) it prints detection precision,
recall and F1 and, on matched mentions, Acc@161, mean and median error in km and
Gritta et al.'s AUC (definitions and the matching rule: :mod:`palmyra.evals._geodata`),
for palmyra and for every output in ``baseline_outputs/`` for that corpus (LGL
only: CLAVIN, CLIFF, Edinburgh, GeoTxt, Topocluster, Yahoo! Placemaker, Palladian
and Mordecai v2), all on the same articles.

Event location (``DATA/event_location_halterman``, the hand-checked RELABEL subset):
each record is one sentence with its event verb marked and the span naming where
that event happened, or none. palmyra's location for the verb (``choose_location``
over the sentence's resolved places) is right when it is that place (its span
overlaps the gold span or reads the same name) or, when the sentence names no event
place, when palmyra gives none.

Under each corpus's table, palmyra's errors are counted by kind (:class:`ErrorKinds`): places put
over 161 km off that are the gold's own GeoNames place at another point (LGL and TR-News give ids;
their country and province points are GeoNames', ours are derived, see
:mod:`palmyra.resources.gazetteer`) or another place, gold places missed whose name the gazetteer
knows (recognition) or lacks, and false alarms. Halterman's errors are split the same way.

Time: the places stage (country context, recognition, resolution, focus) is
re-run on each article's parsed Doc and timed apart; the ratio to the whole
extraction time (spaCy included) is printed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ._geodata import (
    GoldDoc,
    Mention,
    Rule,
    Scores,
    match,
    read_geovirus,
    read_lgl,
    read_system_output,
    score,
)

__all__ = ["HELP", "NAME", "add_arguments", "run"]

NAME = "geoparse"
HELP = "place recognition/resolution (LGL, TR-News, GeoVirus) and event location (Halterman)"

CORPORA = {  # option → (file, reader, label)
    "lgl": ("lgl.xml", read_lgl, "LGL"),
    "trnews": ("TR-News.xml", read_lgl, "TR-News"),
    "geovirus": ("GeoVirus.xml", read_geovirus, "GeoVirus"),
}
HALTERMAN = "halterman"
SYSTEMS = {  # baseline file suffix → (label, matching rule forced for it or None)
    "clavin": ("CLAVIN", None),
    "cliff": ("CLIFF", None),
    "edin": ("Edinburgh", None),
    "geo": ("GeoTxt", None),
    "topo": ("Topocluster", "surface"),  # its offsets do not point into the text (Gritta et al.)
    "yahoo": ("Yahoo! Placemaker", None),
    "palladian_hr": ("Palladian (rules)", None),
    "palladian_ml": ("Palladian (ML)", None),
    "mordecai_Original": ("Mordecai v2", None),
    "mordecai_Modified": ("Mordecai v2 (mod.)", None),
}
# Figures the issue quotes from the papers, not recomputed here (no outputs in the data folder).
PUBLISHED = {
    "lgl": "Mordecai 3 Acc@161 0.827",
    "trnews": "Mordecai 3 Acc@161 0.873",
    "geovirus": "CamCoder Acc@161 0.82",
}


def add_arguments(p: argparse.ArgumentParser) -> None:
    from ..commands._common import add_model_arguments

    p.add_argument(
        "--corpus",
        action="append",
        choices=[*CORPORA, HALTERMAN],
        help="corpus to score (repeatable; default: all)",
    )
    p.add_argument("--limit", type=int, metavar="N", help="first N articles (sentences) of each corpus")
    p.add_argument(
        "--match",
        choices=["overlap", "gritta"],
        default="overlap",
        help="mention matching rule (default overlap; gritta reproduces the published LGL figures)",
    )
    p.add_argument(
        "--errors", metavar="FILE", help="write palmyra's misses, false alarms and far errors here"
    )
    p.add_argument(
        "--show-errors",
        type=int,
        default=0,
        metavar="N",
        help="print the first N Halterman cases palmyra gets wrong (sentence, gold place, ours)",
    )
    p.add_argument(
        "--with-hits",
        action="store_true",
        help="with --errors, also write the matches within 161 km (kind near)",
    )
    p.add_argument("--batch-size", type=int, default=16, help="articles per spaCy batch (default: 16)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar, even on a terminal")
    add_model_arguments(p)


@dataclass
class _Timing:
    total: float = 0.0
    places: float = 0.0
    articles: int = 0


@dataclass
class _Run:
    timing: _Timing = field(default_factory=_Timing)
    summary: list[str] = field(default_factory=list)


def run(args: argparse.Namespace) -> int:
    from ..commands._common import make_pipeline

    data = Path(args.data_dir)
    chosen = args.corpus or [*CORPORA, HALTERMAN]
    pipe = make_pipeline(args)
    state = _Run()
    errors_fh = open(args.errors, "w", encoding="utf-8") if args.errors else None  # noqa: SIM115
    try:
        for key in chosen:
            if key == HALTERMAN:
                _halterman(pipe, data / "event_location_halterman", args, state)
            else:
                _corpus(pipe, data / "geoparsing", key, args, state, errors_fh)
    finally:
        if errors_fh is not None:
            errors_fh.close()
    t = state.timing
    if t.total > 0:
        print(
            f"\ntime: places stage {t.places:.2f} s of {t.total:.1f} s extraction over {t.articles} articles "
            f"({100 * t.places / t.total:.1f}%)"
        )
        state.summary.append(f"geoparsing {100 * t.places / t.total:.1f}% of extraction time")
    print("geoparse: " + " | ".join(state.summary))
    return 0


# ------------------------------------------------------------------ geoparsing corpora


def _corpus(
    pipe: Any, folder: Path, key: str, args: argparse.Namespace, state: _Run, errors: IO[str] | None
) -> None:
    file, reader, label = CORPORA[key]
    docs: list[GoldDoc] = reader(folder / file)
    if args.limit is not None:
        docs = docs[: args.limit]
    rule: Rule = args.match
    gold = [list(d.places) for d in docs]
    mine = Scores()
    kinds = ErrorKinds()
    for doc, predicted in zip(docs, _palmyra(pipe, docs, args, state.timing, label), strict=True):
        m = match(list(doc.places), [p for p, _ in predicted], rule=rule)
        mine.add(m)
        kinds.add(m, pipe.gazetteer)
        if errors is not None:
            _write_errors(errors, label, doc, m, dict(predicted), hits=args.with_hits)
    rows = [("palmyra", mine)]
    for path in sorted((folder / "baseline_outputs").glob(f"{key}_*.txt")):
        suffix = path.stem[len(key) + 1 :]
        name, forced = SYSTEMS.get(suffix, (suffix, None))
        rows.append((name, score(gold, read_system_output(path), rule=forced or rule)))  # type: ignore[arg-type]
    n_gold = sum(1 for g in gold for m in g if m.has_point)
    print(f"\n{label}: {len(docs)} articles, {n_gold} gold mentions with coordinates; matching: {rule}")
    _table(rows)
    print(kinds.line())
    if key in PUBLISHED:
        print(f"  published, not recomputed: {PUBLISHED[key]}")
    state.summary.append(f"{label} Acc@161 {_f(mine.acc161)} F1 {_f(mine.f1)}")


@dataclass
class ErrorKinds:
    """What limits palmyra's figures on one corpus, counted: matched places over 161 km off (the gold's
    own GeoNames place at another point, where the gold gives ids, or another place), gold places
    missed (a name the gazetteer knows, so recognition missed it, or one it lacks) and false alarms."""

    far: int = 0
    far_same_place: int = 0
    far_with_ids: int = 0
    missed: int = 0
    missed_known: int = 0
    false: int = 0

    def add(self, m: Any, gazetteer: Any) -> None:
        from ._geodata import ACC_KM, haversine_km

        for g, p in m.pairs:
            if haversine_km(g.lat, g.lon, p.lat, p.lon) <= ACC_KM:
                continue
            self.far += 1
            if g.geonameid is not None:
                self.far_with_ids += 1
                self.far_same_place += p.geonameid == g.geonameid
        self.missed += len(m.missed)
        self.missed_known += sum(1 for g in m.missed if gazetteer.is_known(g.text))
        self.false += len(m.false)

    def line(self) -> str:
        far = f"{self.far} over 161 km"
        if self.far_with_ids:
            same = f"{self.far_same_place} of {self.far_with_ids} with a gold id"
            far += f" ({same}: the right place, another point)"
        missed = f"{self.missed} missed ({self.missed_known} known to the gazetteer: not recognised)"
        return f"  palmyra's errors: {far}; {missed}; {self.false} false alarms"


def _palmyra(
    pipe: Any, docs: list[GoldDoc], args: argparse.Namespace, timing: _Timing, label: str
) -> Iterator[list[tuple[Mention, Any]]]:
    """palmyra's resolved mentions per article (each with its Place), timing the run and the places stage."""
    from ..types import Article, Rejected

    articles = [Article(id=d.id, text=d.text, title=d.title, url=d.url) for d in docs]
    bar = _bar(args, len(articles), label)
    start = time.perf_counter()
    for item in pipe.run(articles):
        if isinstance(item, Rejected):
            print(f"palmyra: rejected {item.input}: {item.reason}", file=sys.stderr)
            yield []
        else:
            timing.total += time.perf_counter() - start
            timing.places += _places_seconds(pipe, item)
            timing.articles += 1
            yield [(_mention(p.place), p) for p in item.places]
        if bar is not None:
            bar.update(1)
        start = time.perf_counter()
    if bar is not None:
        bar.close()


def _mention(p: Any) -> Mention:
    return Mention(p.text, p.start, p.end, p.lat, p.lon, p.geonameid)


def _places_seconds(pipe: Any, analysis: Any) -> float:
    """Seconds the places stage takes on this article's Doc (actors, which it needs, untimed)."""
    from ..stages.actors import find_actors
    from ..stages.event_location import focus_place
    from ..stages.places import context_countries, find_places

    doc, segs, gaz = analysis.doc, analysis.segments, pipe.gazetteer
    t0 = time.perf_counter()
    context = context_countries(doc, segs, gaz)
    t1 = time.perf_counter()
    main = context.most_common(1)[0][0] if context else None
    actors = find_actors(doc, lexicon=pipe.lexicon, main_country=main)
    t2 = time.perf_counter()
    focus_place(find_places(doc, gaz, segments=segs, actors=actors, context=context))
    return (t1 - t0) + (time.perf_counter() - t2)


def _write_errors(
    fh: IO[str], label: str, doc: GoldDoc, m: Any, places: dict[Mention, Any], *, hits: bool = False
) -> None:
    def window(x: Mention) -> str:
        return doc.text[max(0, x.start - 60) : x.end + 60].replace("\n", " ")

    rows: list[dict[str, Any]] = [
        {"kind": "missed", "text": g.text, "start": g.start, "context": window(g)} for g in m.missed
    ]
    for p in m.false:
        pl = places.get(p)
        rows.append({"kind": "false", "text": p.text, "start": p.start, "how": getattr(pl, "kind", None),
                     "name": getattr(getattr(pl, "place", pl), "name", None),
                     "context": window(p)})  # fmt: skip
    from ._geodata import haversine_km

    for g, p in m.pairs:
        assert g.lat is not None and g.lon is not None and p.lat is not None and p.lon is not None
        km = haversine_km(g.lat, g.lon, p.lat, p.lon)
        if km > 161 or hits:
            pl = places.get(p)
            place: Any = getattr(pl, "place", pl)
            kind = "far" if km > 161 else "near"
            rows.append({"kind": kind, "text": g.text, "start": g.start, "km": round(km),
                         "gold": [g.lat, g.lon], "got": [p.lat, p.lon], "how": getattr(pl, "kind", None),
                         "name": place.name, "country": place.country, "feature_code": place.feature_code,
                         "context": window(g)})  # fmt: skip
    for r in rows:
        fh.write(json.dumps({"corpus": label, "doc": doc.id, **r}, ensure_ascii=False) + "\n")


def _table(rows: list[tuple[str, Scores]]) -> None:
    head = (
        f"  {'system':<20} {'P':>6} {'R':>6} {'F1':>6} {'matched':>8} "
        f"{'Acc@161':>8} {'mean km':>8} {'med km':>7} {'AUC':>6}"
    )
    print(head)
    print("  " + "-" * (len(head) - 2))
    for name, s in rows:
        print(
            f"  {name:<20} {_f(s.precision):>6} {_f(s.recall):>6} {_f(s.f1):>6} {len(s.errors):>8} "
            f"{_f(s.acc161):>8} {_f(s.mean_km, 0):>8} {_f(s.median_km, 1):>7} {_f(s.auc):>6}"
        )


def _f(x: float | None, digits: int = 3) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


def _bar(args: argparse.Namespace, total: int, label: str) -> Any:
    from ..commands._common import progress_bar

    bar = progress_bar(args, total=total)
    if bar is not None:
        bar.set_description(label)
    return bar


# ------------------------------------------------------------------ event location


@dataclass(frozen=True)
class EventCase:
    """One Halterman sentence: the event verb's span and the event place's span (None: not named)."""

    id: str
    text: str
    verb: tuple[int, int]
    place: tuple[int, int] | None


def read_halterman(folder: Path) -> list[EventCase]:
    """The hand-checked RELABEL records, from ``labeled_text.jsonl.zip`` when it is there.

    The zip's records carry tokens; their LOCATION spans have right token offsets but
    character offsets that often point elsewhere ("Rome" at 8-8), so spans are read
    from the tokens. ``gold_RELABEL_subset.jsonl`` (character offsets only, and texts
    filled from those offsets) is the fallback.
    """
    archive = folder / "labeled_text.jsonl.zip"
    if archive.is_file():
        with zipfile.ZipFile(archive) as z:
            records = [r for r in json.loads(z.read("labeled_text.jsonl")) if r.get("source") == "RELABEL"]
    else:
        path = folder / "gold_RELABEL_subset.jsonl"
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [c for r in records if (c := halterman_case(r)) is not None]


def _span(record: dict[str, Any], span: dict[str, Any]) -> tuple[int, int]:
    tokens = record.get("tokens")
    if tokens and "token_start" in span and "token_end" in span and span["token_end"] < len(tokens):
        return int(tokens[span["token_start"]]["start"]), int(tokens[span["token_end"]]["end"])
    return int(span["start"]), int(span["end"])


def halterman_case(record: dict[str, Any]) -> EventCase | None:
    """One record as a case: its first verb and its first event place (None when it names none)."""
    spans = [(s.get("label"), _span(record, s)) for s in record.get("spans") or []]
    verbs = [se for label, se in spans if label == "VERB" and se[1] > se[0]]
    if not verbs:
        return None
    places = [se for label, se in spans if label == "LOCATION" and se[1] > se[0]]
    place = places[0] if places else None
    return EventCase(str(record.get("_id", "")).strip(), record["text"], verbs[0], place)


def location_right(case: EventCase, got: Any | None) -> bool:
    """Halterman's rule as this scorer reads it: the same place mention, or no place when none is named."""
    if case.place is None:
        return got is None
    if got is None:
        return False
    s, e = case.place
    if min(e, got.end) > max(s, got.start):
        return True
    return bool(got.text.casefold() == case.text[s:e].casefold())


def _halterman(pipe: Any, folder: Path, args: argparse.Namespace, state: _Run) -> None:
    from ..stages.event_location import choose_location, focus_place
    from ..types import Article, Rejected

    cases = read_halterman(folder)
    if args.limit is not None:
        cases = cases[: args.limit]
    right = {True: 0, False: 0}
    total = {True: 0, False: 0}
    wrong: list[tuple[EventCase, Any]] = []
    bar = _bar(args, len(cases), "Halterman")
    articles = [Article(id=f"h{i}", text=c.text) for i, c in enumerate(cases)]
    for case, item in zip(cases, pipe.run(articles), strict=True):
        named = case.place is not None
        total[named] += 1
        place = None
        if not isinstance(item, Rejected):
            doc = item.doc
            trigger = next((t for t in doc if t.idx >= case.verb[0]), None)
            if trigger is not None:
                focus = focus_place(item.places, doc)
                place, _ = choose_location(
                    trigger.sent, trigger.i, item.places, focus, gazetteer=pipe.gazetteer
                )
        ok = location_right(case, place)
        right[named] += ok
        if not ok:
            wrong.append((case, place))
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    n = total[True] + total[False]
    acc = (right[True] + right[False]) / n if n else None
    print(f"\nHalterman event location (RELABEL subset): {n} sentences")
    print(
        f"  accuracy {_f(acc)}   place named: {right[True]}/{total[True]}"
        f"   none named: {right[False]}/{total[False]}"
    )
    unplaced = sum(1 for case, place in wrong if case.place is not None and place is None)
    print(
        f"  errors: {unplaced} named place not given, {total[True] - right[True] - unplaced} another place "
        f"given, {total[False] - right[False]} a place given where none is named"
    )
    state.summary.append(f"event location {_f(acc)}")
    for case, place in wrong[: getattr(args, "show_errors", 0)]:
        verb = case.text[case.verb[0] : case.verb[1]]
        gold = case.text[case.place[0] : case.place[1]] if case.place else "-"
        ours = f"{place.text} ({place.name}, {place.country})" if place is not None else "-"
        print(f"\n[{case.id}] verb {verb!r}  gold {gold!r}  ours {ours}\n  {case.text.strip()}")
