"""Places: find place mentions, resolve them in the gazetteer, and pick where each event happened.

Mentions are spaCy GPE/LOC/FAC entities in story paragraphs, plus the dateline.
Each is resolved with the article's country context (countries and demonyms
counted over the story), so "Palmyra" in a report about Syria is Tadmur, not
Palmyra, New York. A country used as an actor ("Russia said") and the dateline
are never an event's location. An event goes to the town its sentence names;
failing that, to the article's focus town (the town the story names most), with
ACLED geo_precision 2; a country centroid only when no town is named at all.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..resources.countries import CountryNames, country_names
from ..resources.gazetteer import Candidate, Gazetteer
from ..types import Place
from .actors import ActorMention
from .actors import placelike as _placelike
from .segment import Segments

__all__ = ["PlaceMention", "choose_location", "context_countries", "find_places", "focus_place", "to_place"]

PLACE_LABELS = {"GPE", "LOC", "FAC"}
TOWN_PREFIX = "PP"


@dataclass(frozen=True)
class PlaceMention:
    place: Place
    start_token: int
    end_token: int
    dateline: bool = False
    actor: bool = False

    @property
    def is_town(self) -> bool:
        return (self.place.feature_code or "").startswith(TOWN_PREFIX)


def to_place(c: Candidate, *, text: str, start: int, end: int) -> Place:
    return Place(
        text=text,
        start=start,
        end=end,
        name=c.name,
        geonameid=c.geonameid,
        lat=c.lat,
        lon=c.lon,
        country=c.country,
        feature_code=c.feature_code,
        population=c.population,
    )


def context_countries(
    doc: Doc, segments: Segments, gazetteer: Gazetteer | None = None, countries: CountryNames | None = None
) -> Counter[str]:
    """Countries the story is about: country names and demonyms, then the countries of the towns it
    names (resolved with that first count as context), over story paragraphs and the dateline."""
    names = countries or country_names()
    counts: Counter[str] = Counter()
    towns: list[str] = []
    for ent in doc.ents:
        in_story = segments.is_story(ent.start_char, ent.end_char) or (
            segments.dateline is not None and ent.start_char == segments.dateline[0]
        )
        if not in_story or ent.label_ not in ("GPE", "NORP", "LOC"):
            continue
        a3 = names.lookup(ent.text)
        if a3:
            counts[a3] += 1
        elif ent.label_ != "NORP":
            towns.append(_strip_article(ent).text)
    if gazetteer is not None:
        first = Counter(counts)
        for name in towns:
            cand = gazetteer.resolve(name, context_countries=first)
            if cand is not None and cand.country and cand.feature_code.startswith(TOWN_PREFIX):
                counts[cand.country] += 1
    return counts


def find_places(
    doc: Doc,
    gazetteer: Gazetteer,
    *,
    segments: Segments,
    actors: list[ActorMention],
    context: Counter[str],
) -> list[PlaceMention]:
    """Resolved place mentions in story paragraphs (and the dateline), in text order."""
    # a place inside a named actor ("Russia said", "the U.S. military") is not where anything happened;
    # inside a group ("Kunduz residents") it still is
    actor_tokens = {i for m in actors if m.kind != "group" for i in range(m.start_token, m.end_token)}
    out: list[PlaceMention] = []
    near: list[tuple[float, float]] = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS and not _placelike(ent):
            continue
        is_dateline = segments.dateline is not None and ent.start_char == segments.dateline[0]
        if not is_dateline and not segments.is_story(ent.start_char, ent.end_char):
            continue
        text = _strip_article(ent)
        cand = gazetteer.resolve(text.text, context_countries=context, near=near[:5])
        if cand is None:
            continue
        place = to_place(cand, text=text.text, start=text.start_char, end=text.end_char)
        is_actor = any(i in actor_tokens for i in range(ent.start, ent.end))
        out.append(PlaceMention(place, ent.start, ent.end, dateline=is_dateline, actor=is_actor))
        if cand.feature_code.startswith(TOWN_PREFIX) and not is_dateline:
            near.append((cand.lat, cand.lon))
    return out


def _strip_article(ent: Span) -> Span:
    if len(ent) > 1 and ent[0].lower_ == "the":
        return ent[1:]
    return ent


def focus_place(places: list[PlaceMention]) -> Place | None:
    """The town the story names most often (not the dateline); ties go to the first named."""
    towns = [p for p in places if p.is_town and not p.dateline and not p.actor]
    if not towns:
        return None
    counts = Counter(p.place.geonameid for p in towns)
    best = max(towns, key=lambda p: (counts[p.place.geonameid], -p.start_token))
    return best.place


def choose_location(
    sent: Span, trigger_i: int, places: list[PlaceMention], focus: Place | None
) -> tuple[Place | None, int | None]:
    """The event's place and ACLED geo_precision, from its sentence or the story's focus town."""
    here = [p for p in places if sent.start <= p.start_token < sent.end and not p.dateline and not p.actor]
    trigger = sent.doc[trigger_i]
    in_clause = {t.i for t in trigger.subtree}
    towns = [p for p in here if p.is_town]
    towns.sort(key=lambda p: (p.start_token not in in_clause, abs(p.start_token - trigger_i)))
    if towns:
        return towns[0].place, 1
    wider = [p for p in here if not p.is_town]
    if focus is not None and (not wider or any(w.place.country == focus.country for w in wider)):
        return focus, 2
    if wider:
        wider.sort(key=lambda p: (p.start_token not in in_clause, abs(p.start_token - trigger_i)))
        return wider[0].place, 3
    return None, None
