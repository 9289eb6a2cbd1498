"""Assemble: turn event mentions into event records and merge mentions of one event.

This is where the per-sentence findings meet the article: generic armed nouns
("militants") take the name of the story's armed group, a one-sided battle takes
its other side from the story's earlier fighting, a government that bombs
becomes its military, dates without words of their own follow the narrative,
and mentions of the same event (same kind family, compatible actors, place and
date) become one record with all their evidence and claims.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field, replace

from ..resources.countries import country_names
from ..types import Actor, Claim, DatePrecision, Event, Evidence, Fatalities, Place
from .actors import ActorMention
from .events import Coding, EventMention, Ontology

__all__ = ["Draft", "build_drafts", "finalise", "merge_drafts", "salient_armed_group"]

VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
STATE_SECTORS = {"MIL", "GOV", "COP"}
# A one-sided battle takes its opponent only from fighting this close in time (days); a hand-set bound.
OTHER_SIDE_DAYS = 14
# More specific ACLED sub-types win when mentions of one battle merge.
SUBTYPE_RANK = {"Government regains territory": 3, "Non-state actor overtakes territory": 3, "Armed clash": 1}


@dataclass
class Draft:
    """An event being assembled from one or more mentions."""

    kind: str
    coding: Coding
    actor1: Actor | None
    actor2: Actor | None
    assoc1: list[Actor]
    location: Place | None
    geo_precision: int | None
    date: dt.date | None
    precision: DatePrecision | None
    date_explicit: bool
    fatalities: Fatalities | None
    claims: list[Claim]
    evidence: list[Evidence]
    negated: bool
    hypothetical: bool
    order: int
    actor2_inferred: bool = False
    n_mentions: int = 1
    triggers: list[str] = field(default_factory=list)


def salient_armed_group(actors: list[ActorMention]) -> Actor | None:
    """The non-state armed group the story names most (by curated name), for "militants" and "fighters"."""
    named = [m.actor for m in actors if m.kind == "lexicon" and m.actor.sector in ("INS", "REB")]
    if not named:
        return None
    counts = Counter(a.name for a in named)
    best = max(counts, key=lambda n: (counts[n], -[a.name for a in named].index(n)))
    return next(a for a in named if a.name == best)


def _resolve_actor(m: ActorMention | None, armed: Actor | None, *, violent: bool) -> Actor | None:
    if m is None:
        return None
    a = m.actor
    if m.generic_armed and armed is not None:
        a = replace(armed, text=a.text, start=a.start, end=a.end)
    if violent and a.sector == "GOV" and a.country and m.kind in ("country", "state", "state-implicit"):
        # a government that bombs or fights does so through its military
        cname = country_names().name(a.country) or a.country
        a = replace(a, name=f"Military Forces of {cname}", sector="MIL", acled_inter=1)
    return a


def _variant(kind: str, actor1: Actor | None, actor2: Actor | None) -> str | None:
    base = kind.split(":")[0]
    if base == "territory" and actor1 is not None:
        return "state" if actor1.sector in STATE_SECTORS else "nonstate"
    if base in ("attack", "armed_clash") and actor2 is not None and actor2.sector == "CVL":
        return "civilians"
    return None


def build_drafts(
    mentions: list[
        tuple[
            EventMention,
            Place | None,
            int | None,
            tuple[dt.date, DatePrecision] | None,
            list[Fatalities],
            list[Claim],
        ]
    ],
    *,
    actors: list[ActorMention],
    ontology: Ontology,
    article_id: str,
    fallback_date: tuple[dt.date, DatePrecision] | None,
) -> list[Draft]:
    """One draft per mention, in text order, with story-level gaps filled."""
    armed = salient_armed_group(actors)
    drafts: list[Draft] = []
    last_date = fallback_date
    for order, (m, place, precision, date, fatal, claims) in enumerate(mentions):
        violent = ontology.is_violent(m.kind)
        a1 = _resolve_actor(m.actor1, armed, violent=violent)
        a2 = _resolve_actor(m.actor2, armed, violent=violent)
        if a1 is None and a2 is None:
            continue  # nobody did anything: not an event we can code
        kind = m.kind
        variant = _variant(kind, a1, a2)
        if ":" in kind:
            key, coding = kind, ontology.rows[kind]
        else:
            key, coding = ontology.code(kind, variant)
        inferred = False
        if coding.acled_event_type == "Battles" and a2 is None and a1 is not None:
            a2 = _other_side(a1, drafts, date[0] if date else None)
            inferred = a2 is not None
        explicit = date is not None
        if date is None:
            date = last_date
        else:
            last_date = date
        sent = m.sent
        ev = Evidence(
            article_id, sent.text.strip(), sent.start_char, sent.start_char + len(sent.text.rstrip())
        )
        assoc = [a for a in (_resolve_actor(x, armed, violent=violent) for x in m.assoc1) if a is not None]
        drafts.append(
            Draft(
                kind=key,
                coding=coding,
                actor1=a1,
                actor2=a2,
                assoc1=assoc,
                location=place,
                geo_precision=precision,
                date=date[0] if date else None,
                precision=date[1] if date else None,
                date_explicit=explicit,
                fatalities=min(fatal, key=lambda f: f.count) if fatal else None,
                claims=claims,
                evidence=[ev],
                negated=m.negated,
                hypothetical=m.hypothetical,
                order=order,
                actor2_inferred=inferred,
                triggers=[t.text for t in m.tokens],
            )
        )
    return drafts


def _other_side(a1: Actor, earlier: list[Draft], when: dt.date | None) -> Actor | None:
    """The opponent of ``a1`` in the story's latest earlier battle of the same fortnight."""
    for d in reversed(earlier):
        if d.coding.acled_event_type not in VIOLENT_TYPES or d.negated or d.hypothetical:
            continue
        if when is not None and d.date is not None and abs((when - d.date).days) > OTHER_SIDE_DAYS:
            continue
        if d.actor1 is not None and d.actor1.name == a1.name and d.actor2 is not None:
            return d.actor2
        if d.actor2 is not None and d.actor2.name == a1.name and d.actor1 is not None:
            return d.actor1
    return None


def _family(d: Draft) -> str:
    return d.coding.acled_event_type or f"{d.coding.plover_type}/{d.coding.cameo_root}"


def _same(a: Actor | None, b: Actor | None) -> bool:
    return a is None or b is None or a.name == b.name


def _compatible(a: Draft, b: Draft) -> bool:
    if _family(a) != _family(b) or a.negated != b.negated or a.hypothetical != b.hypothetical:
        return False
    sa, sb = a.coding.acled_sub_event_type, b.coding.acled_sub_event_type
    if sa != sb and not (a.coding.acled_event_type == "Battles" and "Armed clash" in (sa, sb)):
        return False  # a clash may be part of a territory change; two different changes are two events
    if not (_same(a.actor1, b.actor1) and _same(a.actor2, b.actor2)):
        return False
    if a.location and b.location and a.location.geonameid != b.location.geonameid:
        return False
    return not (a.date and b.date and a.date != b.date and a.date_explicit and b.date_explicit)


def _absorb(a: Draft, b: Draft) -> None:
    """Fold draft ``b`` into ``a``."""
    if SUBTYPE_RANK.get(b.coding.acled_sub_event_type or "", 0) > SUBTYPE_RANK.get(
        a.coding.acled_sub_event_type or "", 0
    ):
        a.kind, a.coding = b.kind, b.coding
    a.actor1 = a.actor1 or b.actor1
    if a.actor2 is None or (a.actor2_inferred and b.actor2 is not None and not b.actor2_inferred):
        a.actor2, a.actor2_inferred = b.actor2, b.actor2_inferred
    a.assoc1 += [x for x in b.assoc1 if x.name not in {y.name for y in a.assoc1}]
    if b.location is not None and (a.location is None or (b.geo_precision or 9) < (a.geo_precision or 9)):
        a.location, a.geo_precision = b.location, b.geo_precision
    if b.date_explicit and not a.date_explicit:
        a.date, a.precision, a.date_explicit = b.date, b.precision, True
    figures = [f for f in (a.fatalities, b.fatalities) if f is not None and f.count > 0]
    a.fatalities = min(figures, key=lambda f: f.count) if figures else None  # ACLED: lowest credible figure
    seen = {(c.source, c.stance, c.start) for c in a.claims}
    a.claims += [c for c in b.claims if (c.source, c.stance, c.start) not in seen]
    a.evidence += [e for e in b.evidence if e not in a.evidence]
    a.n_mentions += b.n_mentions
    a.triggers += b.triggers


def merge_drafts(drafts: list[Draft]) -> list[Draft]:
    """Merge mentions of one event within an article (greedy, in text order; deterministic)."""
    out: list[Draft] = []
    for d in drafts:
        target = next((o for o in out if _compatible(o, d)), None)
        if target is None:
            out.append(d)
        else:
            _absorb(target, d)
    return out


def _confidence(d: Draft) -> float:
    """A heuristic score in [0.05, 0.95]; not yet calibrated (see issue 4)."""
    score = 0.35
    score += 0.15 if d.actor1 is not None else 0.0
    score += 0.10 if d.actor2 is not None and not d.actor2_inferred else 0.05 if d.actor2 else 0.0
    score += 0.10 if d.geo_precision == 1 else 0.05 if d.location is not None else 0.0
    score += 0.10 if d.date_explicit and d.precision == "day" else 0.05 if d.date else 0.0
    score += 0.05 if d.claims else 0.0
    score += min(0.10, 0.05 * (d.n_mentions - 1))
    if d.negated or d.hypothetical:
        score -= 0.30
    return max(0.05, min(0.95, score))


def finalise(d: Draft, *, article_id: str, reported_by: tuple[str, ...]) -> Event:
    a1 = d.actor1
    loc_country = d.location.country if d.location else None
    if a1 is not None and a1.acled_inter == 1 and a1.country and loc_country and a1.country != loc_country:
        a1 = replace(a1, acled_inter=8)  # ACLED: state forces acting outside their country
    assoc = tuple(
        replace(x, acled_inter=8)
        if x.acled_inter == 1 and d.location and x.country and x.country != d.location.country
        else x
        for x in d.assoc1
    )
    first = d.evidence[0]
    key = "|".join(
        [article_id, d.kind, a1.name if a1 else "", d.actor2.name if d.actor2 else "",
         d.date.isoformat() if d.date else "", str(first.start)]
    )  # fmt: skip
    fatal = d.fatalities
    return Event(
        event_id=hashlib.sha256(key.encode()).hexdigest()[:16],
        article_ids=(article_id,),
        event_date=d.date,
        date_precision=d.precision,
        plover_type=d.coding.plover_type,
        plover_mode=d.coding.plover_mode,
        cameo_root=d.coding.cameo_root,
        acled_event_type=d.coding.acled_event_type,
        acled_sub_event_type=d.coding.acled_sub_event_type,
        actor1=a1,
        actor2=d.actor2,
        assoc_actors1=assoc,
        location=d.location,
        geo_precision=d.geo_precision,
        fatalities=fatal.count if fatal else 0,
        fatalities_text=fatal.text if fatal else None,
        claims=tuple(d.claims),
        reported_by=reported_by,
        evidence=tuple(d.evidence),
        negated=d.negated,
        hypothetical=d.hypothetical,
        confidence=_confidence(d),
        trigger=",".join(d.triggers),
    )
