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

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..resources.countries import CountryNames, country_names
from ..resources.gazetteer import COUNTRY_CODES, Candidate, Gazetteer, normalise
from ..types import Place
from .actors import PLACE_NOUNS, PLACE_PREPS, ActorMention
from .actors import placelike as _placelike
from .segment import Segments

__all__ = ["PlaceMention", "choose_location", "context_countries", "find_places", "focus_place", "to_place"]

PLACE_LABELS = {"GPE", "LOC", "FAC"}
TOWN_PREFIX = "PP"
AREA_CODES = frozenset({"ADM1", "ADM2"})
WIDE_CODES = COUNTRY_CODES | {"ADM1", "CONT"}  # too wide to say where a neighbour is

# Hand-set, then checked on ``palmyra eval geoparse`` (see the closing note of issue 3):
# a place written right after a town ("Springfield, Ohio") is worth 3 orders of population;
W_WRITTEN_PARENT = 3.0
# a place opening an organisation's name counts when it is a country, subdivision or a town this big;
EMBEDDED_MIN_POPULATION = 20_000
# a candidate in the first-level subdivision where the article's other places lie gains this much
# times their share there (local news: Paris, Tenn. beside Henry County); see the closing note
W_AREA_CONTEXT = 2.0
# nearness is measured to at most this many other places of the article.
MAX_NEAR = 12

DIRECTIONS = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "upper",
        "lower",
        "greater",
        "downtown",
    ]
)
# Saying and deciding verbs whose subject is a government, not a place: "Damascus denied".
METONYM_VERBS = frozenset(
    [
        "say",
        "deny",
        "accuse",
        "announce",
        "claim",
        "warn",
        "condemn",
        "reject",
        "agree",
        "demand",
        "urge",
        "insist",
        "confirm",
        "respond",
        "vow",
        "threaten",
        "blame",
        "refuse",
        "sign",
        "vote",
        "recognize",
        "recognise",
        "criticize",
        "criticise",
        "welcome",
        "declare",
        "dismiss",
        "decide",
        "insist",
        "tell",
        "state",
        "argue",
        "expel",
        "summon",
        "retaliate",
    ]
)
# AP Stylebook abbreviations of US states, as written after a town ("Alexandria, La.").
US_STATE_ABBREVIATIONS = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California", "Colo.": "Colorado",
    "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida", "Ga.": "Georgia", "Ill.": "Illinois",
    "Ind.": "Indiana", "Kan.": "Kansas", "Ky.": "Kentucky", "La.": "Louisiana", "Md.": "Maryland",
    "Mass.": "Massachusetts", "Mich.": "Michigan", "Minn.": "Minnesota", "Miss.": "Mississippi",
    "Mo.": "Missouri", "Mont.": "Montana", "Neb.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire",
    "N.J.": "New Jersey", "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina",
    "N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon", "Pa.": "Pennsylvania",
    "R.I.": "Rhode Island", "S.C.": "South Carolina", "S.D.": "South Dakota", "Tenn.": "Tennessee",
    "Vt.": "Vermont", "Va.": "Virginia", "Wash.": "Washington", "W.Va.": "West Virginia",
    "Wis.": "Wisconsin", "Wyo.": "Wyoming",
}  # fmt: skip
_STATE_ABBREVIATION = re.compile(
    r"(?:,\s+|\b(?:in|of|from|near|across|western|eastern|northern|southern|central)\s+)("
    + "|".join(re.escape(a) for a in sorted(US_STATE_ABBREVIATIONS, key=len, reverse=True))
    + r")(?!\w)"
)


@dataclass(frozen=True)
class PlaceMention:
    place: Place
    start_token: int
    end_token: int
    dateline: bool = False
    actor: bool = False  # named as an actor, a demonym, inside an organisation's name: not an event place
    kind: str = "name"  # name | dateline | demonym | embedded

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
    """Resolved place mentions in story paragraphs (and the dateline), in text order.

    Recognition: place entities, country demonyms ("Russian"), places that open or
    close an organisation's name ("Ohio Supreme Court", "Bank of Japan"), an
    ALL-CAPS dateline NER missed and AP state abbreviations ("Alexandria, La.").
    Resolution runs twice: first with the article's country context, then again with
    what the first pass found: the subdivisions the article names as parents, the
    one written right after a place ("Springfield, Ohio"), and nearness to the other
    places it resolved.
    """
    # a place inside a named actor ("Russia said", "the U.S. military") is not where anything happened;
    # inside a group ("Kunduz residents") it still is
    actor_tokens = {i for m in actors if m.kind != "group" for i in range(m.start_token, m.end_token)}
    names = country_names()
    found = _recognise(doc, gazetteer, segments, names)
    first: list[Candidate | None] = [_first_pass(m, gazetteer, context) for m in found]
    out: list[PlaceMention] = []
    for i, m in enumerate(found):
        cand = first[i] if m.kind == "demonym" else _second_pass(i, found, first, gazetteer, context, doc)
        if cand is None:
            continue
        place = to_place(cand, text=m.text, start=m.start_char, end=m.end_char)
        span = doc[m.start_token : m.end_token]
        is_actor = m.kind in ("demonym", "embedded") or (
            (any(t in actor_tokens for t in range(m.start_token, m.end_token)) or _metonym(span))
            and not _locative(span)
        )
        out.append(
            PlaceMention(
                place, m.start_token, m.end_token, dateline=m.kind == "dateline", actor=is_actor, kind=m.kind
            )
        )
    return out


@dataclass(frozen=True)
class _Found:
    """A recognised mention before resolution: where it is, the name to look up and how it was found."""

    start_token: int
    end_token: int
    start_char: int
    end_char: int
    text: str
    lookup: str
    kind: str  # name | dateline | demonym | embedded
    country: str | None = None  # a demonym's country


def _recognise(doc: Doc, gazetteer: Gazetteer, segments: Segments, names: CountryNames) -> list[_Found]:
    found: list[_Found] = []
    taken: set[int] = set()

    def add(span: Span, kind: str, lookup: str | None = None, country: str | None = None) -> None:
        if any(t in taken for t in range(span.start, span.end)):
            return
        taken.update(range(span.start, span.end))
        text = span.text
        found.append(
            _Found(span.start, span.end, span.start_char, span.end_char, text, lookup or text, kind, country)
        )

    dateline = segments.dateline
    if dateline is not None:
        for span, _ in _dateline_parts(doc, dateline):
            if gazetteer.is_known(span.text):
                add(span, "dateline")
    for ent in doc.ents:
        if not segments.is_story(ent.start_char, ent.end_char):
            continue
        if ent.label_ in PLACE_LABELS or _placelike(ent):
            if (part := _known_part(_strip_article(ent), gazetteer)) is not None:
                add(part, "name")
        elif ent.label_ == "NORP":
            a3 = _demonym_country(ent.text, names)
            if a3 is not None:
                add(ent, "demonym", country=a3)
        elif ent.label_ == "ORG" and (inner := _embedded_place(_strip_article(ent), gazetteer)) is not None:
            add(inner, "embedded")
    for match in _STATE_ABBREVIATION.finditer(doc.text):
        abbr = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
        if abbr is not None and segments.is_story(abbr.start_char, abbr.end_char):
            add(abbr, "name", lookup=US_STATE_ABBREVIATIONS[match.group(1)])
    found.sort(key=lambda m: m.start_token)
    return found


def _dateline_parts(doc: Doc, dateline: tuple[int, int]) -> list[tuple[Span, str]]:
    """The dateline's place and, after a comma, its region ("BOWLING GREEN", "Ohio")."""
    parts = []
    at = dateline[0]
    for piece in doc.text[dateline[0] : dateline[1]].split(","):
        lead = len(piece) - len(piece.lstrip())
        s, e = at + lead, at + len(piece.rstrip())
        span = doc.char_span(s, e, alignment_mode="expand") if e > s else None
        if span is not None:
            parts.append((span, piece.strip()))
        at += len(piece) + 1
    return parts


def _known_part(span: Span, gazetteer: Gazetteer) -> Span | None:
    """``span`` if the gazetteer knows it, else the part that remains without a direction word in front
    ("North Texas" → "Texas") or a possessive after ("Ohio's" → "Ohio")."""
    if gazetteer.is_known(span.text):
        return span
    if len(span) > 1 and span[-1].lower_ in ("'s", "’s"):
        span = span[:-1]
        if gazetteer.is_known(span.text):
            return span
    if len(span) > 1 and span[0].lower_ in DIRECTIONS:
        rest = span[1:]
        if gazetteer.is_known(rest.text):
            return rest
    return None


def _demonym_country(text: str, names: CountryNames) -> str | None:
    t = text.strip()
    a3 = names.by_demonym.get(t.lower())
    if a3 is None and t.endswith("s"):  # "Palestinians", "Russians"
        a3 = names.by_demonym.get(t[:-1].lower())
    return a3


def _embedded_place(org: Span, gazetteer: Gazetteer) -> Span | None:
    """A well-known place that opens an organisation's name ("Ohio Supreme Court", "Texas Department of
    Health") or closes it after "of" ("Bank of Japan", "University of Texas")."""
    if len(org) < 2:
        return None
    options = [org[:k] for k in range(min(3, len(org) - 1), 0, -1)]
    of = [t.i for t in org if t.lower_ == "of"]
    if of and of[-1] + 1 < org.end:
        options.append(org.doc[of[-1] + 1 : org.end])
    for span in options:
        if not all(t.is_alpha and (t.is_title or t.is_upper) for t in span) or span[0].lower_ in DIRECTIONS:
            continue
        key = normalise(span.text)
        if any(_prominent(c, key) for c in gazetteer.lookup(span.text)):
            return span
    return None


def _prominent(c: Candidate, key: str) -> bool:
    """A country, first-level subdivision or continent, or a big town called just that (not by an alias:
    "Center", "Federal" and "King" are alternate names of small places)."""
    if c.feature_code in WIDE_CODES:
        return True
    return c.population >= EMBEDDED_MIN_POPULATION and normalise(c.name) == key


def _locative(span: Span) -> bool:
    """The object of a place preposition ("in Afghanistan"): a place even where actors are named."""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS


def _metonym(span: Span) -> bool:
    """A place that is the subject of a saying or deciding verb: "Damascus denied", "Moscow warned"."""
    root = span.root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in METONYM_VERBS


def _first_pass(m: _Found, gazetteer: Gazetteer, context: Counter[str]) -> Candidate | None:
    if m.kind == "demonym":
        return gazetteer.country(m.country) if m.country else None
    return gazetteer.resolve(m.lookup, context_countries=context)


def _second_pass(
    i: int,
    found: list[_Found],
    first: list[Candidate | None],
    gazetteer: Gazetteer,
    context: Counter[str],
    doc: Doc,
) -> Candidate | None:
    """Re-rank with the subdivisions the article names, the one written after this place, and nearness."""
    me = found[i]
    key = normalise(me.lookup)
    parents = [c for j, c in enumerate(first) if c is not None and j != i and c.feature_code in AREA_CODES]
    near = [
        (c.lat, c.lon)
        for j, c in enumerate(first)
        if c is not None and normalise(found[j].lookup) != key and c.feature_code not in WIDE_CODES
    ][:MAX_NEAR]
    ranked = gazetteer.ranked(me.lookup, context_countries=context, near=near, parents=parents)
    if not ranked:
        return None
    written = _written_parent(i, found, first, doc)
    areas = _area_shares(i, found, first)
    if written is not None or areas:
        ranked = [
            (
                s
                + (W_WRITTEN_PARENT * _within(c, written) if written is not None else 0.0)
                + W_AREA_CONTEXT * areas.get((c.country, c.admin1_code), 0.0),
                c,
            )
            for s, c in ranked
        ]
        ranked.sort(key=lambda sc: -sc[0])
    return ranked[0][1]


def _area_shares(
    i: int, found: list[_Found], first: list[Candidate | None]
) -> dict[tuple[str | None, str | None], float]:
    """The share of the article's other places (first pass, other names) in each first-level subdivision."""
    key = normalise(found[i].lookup)
    counts = Counter(
        (c.country, c.admin1_code)
        for j, c in enumerate(first)
        if c is not None
        and c.admin1_code
        and found[j].kind != "demonym"
        and c.feature_code not in COUNTRY_CODES
        and normalise(found[j].lookup) != key
    )
    total = sum(counts.values())
    return {a: n / total for a, n in counts.items()} if total else {}


def _written_parent(i: int, found: list[_Found], first: list[Candidate | None], doc: Doc) -> Candidate | None:
    """The subdivision or country written right after mention ``i`` ("Springfield, Ohio")."""
    if i + 1 >= len(found):
        return None
    nxt, parent = found[i + 1], first[i + 1]
    if parent is None or not (parent.feature_code in AREA_CODES or parent.feature_code in COUNTRY_CODES):
        return None
    gap = doc[found[i].end_token : nxt.start_token]
    return parent if len(gap) == 1 and gap[0].text == "," else None


def _within(c: Candidate, area: Candidate) -> bool:
    if c.country != area.country or c.geonameid == area.geonameid:
        return False
    if area.feature_code == "ADM1":
        return c.admin1_code == area.admin1_code
    if area.feature_code == "ADM2":
        return c.admin1_code == area.admin1_code and c.admin2_code == area.admin2_code
    return area.feature_code in COUNTRY_CODES


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
    doc = sent.doc
    here = [
        p
        for p in places
        if sent.start <= p.start_token < sent.end
        and not p.dateline
        and not p.actor
        and not _attribute(doc, p)
    ]
    trigger = doc[trigger_i]
    in_clause = {t.i for t in trigger.subtree}
    towns = [p for p in here if p.is_town]
    towns.sort(
        key=lambda p: (
            _reference_point(doc, p),
            p.start_token not in in_clause,
            abs(p.start_token - trigger_i),
        )
    )
    if towns:
        return towns[0].place, 1
    wider = [p for p in here if not p.is_town]
    if focus is not None and (not wider or any(w.place.country == focus.country for w in wider)):
        return focus, 2
    if wider:
        wider.sort(
            key=lambda p: (
                _reference_point(doc, p),
                p.start_token not in in_clause,
                abs(p.start_token - trigger_i),
            )
        )
        return wider[0].place, 3
    return None, None


def _attribute(doc: Doc, p: PlaceMention) -> bool:
    """A place that describes a person or an organisation, not where something happened:
    "a cab driver from Abidjan", "Caracas' Diario 2001 newspaper"."""
    root = doc[p.start_token : p.end_token].root
    head = root.head
    if root.dep_ == "poss" and head.lemma_.lower() not in PLACE_NOUNS:
        return True
    return root.dep_ == "pobj" and head.lower_ == "from" and head.head.pos_ in ("NOUN", "PROPN")


def _reference_point(doc: Doc, p: PlaceMention) -> bool:
    """A place named to say where another is: "Amara, south of Baghdad"."""
    root = doc[p.start_token : p.end_token].root
    head = root.head
    return root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in DIRECTIONS
