"""Merging reports of one real event across articles and outlets.

Each event mention (one event as one article reports it) is reduced to a
:class:`Mention` key. Mentions of the same *family* (ACLED event type, or the
PLOVER type for events outside ACLED's scope) are clustered by a greedy sweep in
a canonical order (date, then mention id), so the clusters depend only on the
set of stored mentions, never on the order articles arrived in. A mention joins
the nearest existing cluster whose every member it is compatible with:

* not from the same article (the article's own assembler already merged its mentions);
* neither negated nor hypothetical (those are never merged);
* compatible actors: on each side the same canonical name, or one side unknown
  (sides may be swapped for battles, where "A fought B" and "B clashed with A" agree);
* places within :data:`MAX_KM` of each other (wider for region-level places), or the
  same country when one of them is only placed at country level;
* dates whose spans (a day, a week, a month or a year by precision) lie within
  :data:`DAY_WINDOW` days of each other.

Every link records why: ``{"rule": "type+actors+place+date", "km": 12.3, "days": 1,
"with": "<mention id>"}``; a cluster's first mention records ``{"rule": "seed"}``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..resources.gazetteer import haversine_km

__all__ = ["DAY_WINDOW", "MAX_KM", "Cluster", "Mention", "cluster_mentions", "compare", "family_of"]

# Reports of one event disagree by a day ("on Sunday" vs the night of Saturday to Sunday;
# a report filed after midnight). Tuned on benchmarks/merge_corpus (python benchmarks/merge_eval.py,
# pairwise over the 180 reports with an event found, pipeline of 2026-11-25): 0 days F1 0.820,
# 1 day 0.850 (P 0.943, R 0.773), 2 days 0.841 (P 0.921: one place on consecutive days merged).
DAY_WINDOW = 1
# Distance between two places named for one event: a town and its district or province centre.
# By geo_precision: 1 a town, 2 a nearby place or district, 3 a region. On the same benchmark
# 100/150/200 km cost precision (0.943 -> 0.866: Beni and Bunia are 147 km apart) for no recall;
# 10/20/30 km changed nothing there: the margin is for provinces named by one and towns by another.
MAX_KM = {1: 30.0, 2: 50.0, 3: 75.0}


# ACLED's disorder types group its event types: reports of one massacre call it a clash, an
# attack or a raid ("Battles" vs "Violence against civilians"), so the family is the group.
# On benchmarks/merge_corpus (merge_eval.py), per-type families: pairwise F1 0.802; groups: 0.850.
FAMILIES = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
#: Families where "A fought B" and "B fought A" are one event.
SWAPPABLE = {"Political violence", "Battles"}
#: Actor names that say what kind of actor, not which one.
GENERIC_ACTORS = {
    "Militants", "Rebels", "Insurgents", "Civilians", "Unidentified Armed Group", "Opposition",
    "Protesters", "Rioters", "Gunmen", "Riot forces", "Militia",
}  # fmt: skip
_SECTOR_GROUP = {"INS": "armed", "REB": "armed", "MIL": "state", "COP": "state", "GOV": "state",
                 "CVL": "civil", "OPP": "civil", "PER": "civil"}  # fmt: skip
_FILLER_WORDS = {"force", "forces", "of", "the", "group", "fighters"}
# Words that say a crowd is a crowd, not who is in it.
_CROWD_FILLER = {
    "protester", "protesters", "demonstrator", "demonstrators", "people", "crowd", "crowds", "rioter",
    "rioters", "thousands", "hundreds", "dozens", "the", "angry", "mob", "youths", "residents", "supporters",
}  # fmt: skip


def family_of(acled_event_type: str | None, plover_type: str) -> str:
    """The type family events must share to be merged: ACLED's disorder type, or the PLOVER type."""
    if acled_event_type:
        return FAMILIES.get(acled_event_type, acled_event_type)
    return f"PLOVER:{plover_type}"


@dataclass(frozen=True)
class Mention:
    """What merging needs to know about one event mention."""

    mention_id: str
    article_id: str
    family: str
    event_date: dt.date | None
    date_precision: str | None
    actor1: str | None
    actor2: str | None
    country: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    negated: bool = False
    hypothetical: bool = False
    country_level: bool = False
    sector1: str | None = None
    sector2: str | None = None
    event_type: str | None = None
    text1: str | None = None
    text2: str | None = None

    def sort_key(self) -> tuple[str, bool, str]:
        """Canonical order: by date, placed reports before those with no place, then by id."""
        placed = self.lat is not None or self.country_level
        return (self.event_date.isoformat() if self.event_date else "9999", not placed, self.mention_id)

    def span(self) -> tuple[dt.date, dt.date] | None:
        """The days the date could mean, from its precision."""
        d = self.event_date
        if d is None:
            return None
        if self.date_precision == "week":
            return d - dt.timedelta(days=3), d + dt.timedelta(days=3)
        if self.date_precision == "month":
            last = calendar.monthrange(d.year, d.month)[1]
            return d.replace(day=1), d.replace(day=last)
        if self.date_precision == "year":
            return d.replace(month=1, day=1), d.replace(month=12, day=31)
        return d, d


@dataclass
class Cluster:
    seed: Mention
    members: list[Mention]
    reasons: dict[str, dict[str, Any]]


def _km(a: Mention, b: Mention) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def _days_apart(a: Mention, b: Mention) -> int | None:
    sa, sb = a.span(), b.span()
    if sa is None or sb is None:
        return None
    if sa[1] < sb[0]:
        return (sb[0] - sa[1]).days
    if sb[1] < sa[0]:
        return (sa[0] - sb[1]).days
    return 0


def _tokens(name: str) -> frozenset[str]:
    words = re.findall(r"[a-z]+", name.lower())
    return frozenset(w.removesuffix("s") for w in words if w not in _FILLER_WORDS)


def _generic(name: str) -> bool:
    return "unidentified" in name.lower() or name.split(" (")[0] in GENERIC_ACTORS


def _same(x: str | None, xs: str | None, y: str | None, ys: str | None) -> bool:
    """One actor as two reports name it: the same name, one name inside the other ("Houthis",
    "Houthi forces"), or a generic name ("Militants (Mali)") against one of the same kind."""
    if x is None or y is None or x == y:
        return True
    tx, ty = _tokens(x), _tokens(y)
    if tx and ty and (tx <= ty or ty <= tx):
        return True
    return (_generic(x) or _generic(y)) and _SECTOR_GROUP.get(xs or "") == _SECTOR_GROUP.get(
        ys or ""
    ) is not None


def _crowd_words(text: str | None) -> frozenset[str]:
    """Who a crowd is, from the words as written: "striking teachers" -> {"teacher"}."""
    words = re.findall(r"[a-z]+", (text or "").lower())
    return frozenset(w.removesuffix("s") for w in words if w not in _CROWD_FILLER and len(w) > 2)


def _crowds_differ(a: Mention, b: Mention) -> bool:
    """Two generic crowds ("Protesters (Kenya)") the texts tell apart: teachers vs farmers."""
    if a.family != "Demonstrations" or not (
        a.actor1 and b.actor1 and _generic(a.actor1) and _generic(b.actor1)
    ):
        return False
    wa, wb = _crowd_words(a.text1), _crowd_words(b.text1)
    return bool(wa and wb and not wa & wb)


def _actors_agree(a: Mention, b: Mention) -> bool:
    if _crowds_differ(a, b):
        return False
    if _same(a.actor1, a.sector1, b.actor1, b.sector1) and _same(a.actor2, a.sector2, b.actor2, b.sector2):
        return True
    # "A fought B" and "B clashed with A": sides swapped in fighting
    return (
        a.family in SWAPPABLE
        and _same(a.actor1, a.sector1, b.actor2, b.sector2)
        and _same(a.actor2, a.sector2, b.actor1, b.sector1)
    )


def _named_in_common(a: Mention, b: Mention) -> bool:
    """The two share a specific (not generic) actor, on either side."""
    named = {x for x in (a.actor1, a.actor2) if x and not _generic(x)}
    return any(
        y and not _generic(y) and any(_same(x, None, y, None) for x in named) for y in (b.actor1, b.actor2)
    )


def compare(a: Mention, b: Mention) -> dict[str, Any] | None:
    """Why ``a`` and ``b`` report one event (a reason dict), or None when they cannot."""
    if a.family != b.family or a.article_id == b.article_id:
        return None
    if a.negated or a.hypothetical or b.negated or b.hypothetical:
        return None
    if not _actors_agree(a, b):
        return None
    if a.event_type != b.event_type and not (any((a.actor1, a.actor2)) and any((b.actor1, b.actor2))):
        return None  # types differ within a family: only named sides can say it is one event
    days = _days_apart(a, b)
    if days is None or days > DAY_WINDOW:
        return None
    parts = ["type"]
    if any((a.actor1, a.actor2)) and any((b.actor1, b.actor2)):
        parts.append("actors")
    km = _km(a, b)
    if a.country_level or b.country_level:
        if a.country is None or a.country != b.country:
            return None
        parts.append("country")
    elif km is not None:
        limit = MAX_KM.get(max(a.geo_precision or 1, b.geo_precision or 1), MAX_KM[3])
        if km > limit:
            return None
        parts.append("place")
    elif not _named_in_common(a, b) or (a.country and b.country and a.country != b.country):
        return None  # without a place, only a named actor on both sides can tell the event apart
    parts.append("date")
    reason: dict[str, Any] = {"rule": "+".join(parts), "days": days}
    if km is not None and "place" in parts:
        reason["km"] = round(km, 1)
    return reason


def cluster_mentions(mentions: Iterable[Mention]) -> list[Cluster]:
    """Clusters of mentions that report one event, independent of the input order."""
    clusters: list[Cluster] = []
    active: dict[str, list[Cluster]] = {}
    for m in sorted(mentions, key=Mention.sort_key):
        best: tuple[tuple[float, float, str], Cluster, dict[str, Any]] | None = None
        candidates: list[Cluster] = []
        for c in active.get(m.family, []):
            reasons = [compare(m, other) for other in c.members]
            if any(r is None for r in reasons):
                continue
            # the closest member explains the link
            nearest, r = min(
                ((o, r) for o, r in zip(c.members, reasons, strict=True) if r is not None),
                key=lambda x: (x[1]["days"], x[1].get("km", 0.0), x[0].mention_id),
            )
            score = (float(r["days"]), float(r.get("km", 0.0)), c.seed.mention_id)
            candidates.append(c)
            if best is None or score < best[0]:
                best = (score, c, {**r, "with": nearest.mention_id})
        if m.lat is None and not m.country_level and len(candidates) > 1:
            best = None  # a report with no place that fits two events joins neither
        if best is None:
            c = Cluster(seed=m, members=[m], reasons={m.mention_id: {"rule": "seed"}})
            clusters.append(c)
            active.setdefault(m.family, []).append(c)
        else:
            best[1].members.append(m)
            best[1].reasons[m.mention_id] = best[2]
        _expire(active.get(m.family, []), m)
    return clusters


def _expire(active: list[Cluster], m: Mention) -> None:
    """Drop clusters whose latest day is too far behind ``m`` to take it or any later mention."""
    span = m.span()
    if span is None:
        return
    start = span[0]
    keep = []
    for c in active:
        ends = [s[1] for s in (x.span() for x in c.members) if s is not None]
        if not ends or (start - max(ends)).days <= DAY_WINDOW + 366:
            keep.append(c)
    active[:] = keep
