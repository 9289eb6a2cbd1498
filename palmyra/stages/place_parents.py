"""Places written with their parents in brackets: "Sofara (Djenne, Mopti)", "Marte (Borno)".

ACLED's notes and many agency reports name an event's village followed by the
subdivisions it lies in, innermost first. The brackets say more than NER does
(spaCy reads "Marte (Borno" as one organisation and "Boni (Mopti" as an ORG), so
the pattern is found in the text itself, before the entities are read.

Resolution: in each country, the parents are resolved outermost first, each inside
the one written after it; the country where most of them resolve wins (then the
one that knows the village's name, then the one whose parents are areas or sizeable
towns: "Tyre, South Lebanon" is not in South Lebanon, Ohio; then the article's
countries, then the parents' size). The
village is the place of that name inside its innermost resolved parent. A village
the gazetteer lacks there (or knows only abroad: "Bule (Djugu, Ituri)" is not
Bulle in Switzerland) keeps its own words but is placed at that parent's point,
with ACLED geo_precision 2 under a town or district and 3 under a province or
country (ACLED codes an event whose village cannot be found at the smallest
known area around it).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..resources.countries import country_names
from ..resources.gazetteer import COUNTRY_CODES, Candidate, Gazetteer, haversine_km
from ..types import Place

__all__ = ["WrittenPlace", "written_places"]

# a word of a name, and the lowercase particles that may join such words ("Alma ash-Shaab",
# "Lanao del Sur", "Rostov-on-Don", "Jabal al Gharbi")
_UPPER = r"[A-ZÀ-ÖØ-Þ]"
_ARTICLE = r"(?:al|el|as|ash|ad|ar|at|an|ed|ez|es)"
_SPACED = r"(?:al|el|ash|ad|ar|ed|ez|es)"  # not "as", "at", "an": English words between two names
_WORD = rf"(?:{_ARTICLE}-)?{_UPPER}[\w'’]*"
_PARTICLE = (
    r"(?:ul|de|del|della|der|di|da|do|dos|das|du|des|la|le|les|los|las|bin|ibn|bani|beni|abu|wa|on|upon"
    r"|sur|en|au|aux|am|im|op|aan|van|von|y)"
)
# each joiner is read one way only (an article before a hyphen belongs to the word), so the pattern
# never backtracks through the ways of splitting a long run of names
_NAME = rf"{_WORD}(?:(?: |-)(?:{_SPACED} |{_PARTICLE}[ \-])*{_WORD})*"
_DIRECTION = (
    r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|north-?east(?:ern)?"
    r"|north-?west(?:ern)?|south-?east(?:ern)?|south-?west(?:ern)?|upper|lower) )"
)
# an area noun after a parent: "Boni (Mopti region)"
_AREA = (
    r"(?: (?:region|province|state|district|county|governorate|department|division|prefecture|territory"
    r"|municipality|oblast|raion))?"
)
_PART = re.compile(rf"(?P<dir>{_DIRECTION})?(?P<name>{_NAME}){_AREA}")
# a noun between the village and its brackets: "Khamenlok village (Imphal East, Manipur)"
_NOUN = (
    r"(?: (?:village|town|city|district|camp|area|locality|commune|settlement|township|municipality"
    r"|neighbou?rhood|sub-?district|county|region|province))?"
)
_ONE_PART = rf"{_DIRECTION}?{_NAME}{_AREA}"
_WRITTEN = re.compile(rf"(?P<name>{_NAME}){_NOUN} ?\((?P<parts>{_ONE_PART}(?: ?, ?{_ONE_PART}){{0,4}})\)")
# a locality written with the area it lies in after a place noun and "of" ("the Mangochar area of Kalat
# district", "Khambhat town of Anand district"), or after a comma where the area says what it is
# ("Kalabo, Gulu district", "Mayikengo, in the Bapere sector, Lubero territory")
_AREA_NOUN = (
    r" (?:region|province|state|district|county|governorate|department|division|prefecture|territory"
    r"|municipality|oblast|raion|sector|sub-?county|chiefdom|commune|lga|upazila|tehsil)"
)
# the area's name: capitalised words only ("Addis Abeba on Tuesday" is not "Rostov-on-Don")
_PLAIN = rf"{_WORD}(?:[ -]{_WORD}){{0,3}}"
_IN_AREA = rf"(?:in )?(?:the )?{_DIRECTION}?{_PLAIN}{_AREA_NOUN}"
_PHRASED = re.compile(
    rf"(?P<name>{_NAME}) (?:(?:area|locality|neighbou?rhood|quarter) of (?P<parts>{_DIRECTION}?{_PLAIN}"
    rf"(?:{_AREA_NOUN})?)|(?:village|town|hamlet|settlement) of "
    rf"(?P<area>{_DIRECTION}?{_PLAIN}{_AREA_NOUN}))\b"
)
# (after "town" or "village" only an area written as one is a parent: "the West Bank town of Tulkarm"
# names the town after the noun)
_LISTED = re.compile(rf"(?P<name>{_NAME}), (?P<parts>{_IN_AREA}(?:, {_IN_AREA})?)\b")
_LEAD = re.compile(r"(?:in )?(?:the )?")
MAX_NAME_WORDS = 5
# a written parent is a district, a province, a country or a town at least this big: "Tyre, South
# Lebanon" is not in South Lebanon, Ohio (4,346 people); hand-set, a small-town threshold
PARENT_MIN_POPULATION = 10_000
MIN_SUFFIX = 4  # shorter endings ("Ma" of "Kin Ma") match too many small places
PARENT_CODES = frozenset({"ADM1", "ADM2"}) | COUNTRY_CODES
# how far a place may lie from a written parent that is a town and still be "in" it
TOWN_RADIUS_KM = 60.0
# without admin codes to compare, how far from a province's or district's point a place may lie:
# hand-set to the size of a large district and a large province
AREA_RADIUS_KM = {"ADM2": 120.0, "ADM1": 400.0}


@dataclass(frozen=True)
class WrittenPlace:
    """A place written with its parents: its own words, the resolved parents (innermost first) and where
    the event is put, with the ACLED geo_precision that placement allows."""

    name: Span
    parents: tuple[tuple[Span, Candidate], ...]
    place: Place
    precision: int
    known: bool  # found in the gazetteer inside its parents (else placed at the innermost parent)


def written_places(doc: Doc, gazetteer: Gazetteer, context: Mapping[str, float]) -> list[WrittenPlace]:
    """Every "Name (Parent, Parent)" in the text whose parents the gazetteer knows, resolved."""
    out: list[WrittenPlace] = []
    matches = [(m, "brackets") for m in _WRITTEN.finditer(doc.text)]
    matches += [(m, "phrase") for m in _PHRASED.finditer(doc.text)]
    matches += [(m, "comma") for m in _LISTED.finditer(doc.text)]
    taken: set[int] = set()
    for m, form in sorted(matches, key=lambda mf: mf[0].start()):
        if any(i in taken for i in range(m.start(), m.end())):
            continue
        group = "area" if form == "phrase" and m.group("parts") is None else "parts"
        parts = [
            (p.start() + m.start(group), p.end() + m.start(group), p.group("name"))
            for p in _PART.finditer(m.group(group))
            if not _LEAD.fullmatch(p.group(0))
        ]
        parts = [_unled(doc.text, *p) for p in parts]
        if any(len(name) > 1 and name.isupper() for _, _, name in parts):
            continue  # "Islamic State Sahel Province (ISSP)": an acronym, not a parent
        name = doc.char_span(m.start("name"), m.end("name"), alignment_mode="expand")
        if name is None:
            continue
        name = _trim(name)
        found = _resolve(name, [p[2] for p in parts], gazetteer, context)
        if found is None:
            continue
        country, parents, cand = found
        if form != "brackets" and (all(t.is_stop for t in name) or _nationality(name)):
            continue  # "The town of Babanusa", "the Lebanese town of Khiam": not a place in the town
        if form == "comma" and (cand is not None or _known_in(name, country, gazetteer)):
            continue  # "Kosti, White Nile state" is resolved without this; "in Kunduz, Baghlan province
            # and Takhar" lists places, not one in another
        spans = []
        for (start, end, _), parent in zip(parts, parents, strict=True):
            span = doc.char_span(start, end, alignment_mode="expand")
            if parent is not None and span is not None:
                spans.append((span, parent))
        if not spans:
            continue
        if form == "phrase" and cand is None and spans[0][1].feature_code.startswith("PP"):
            # "the Kamenge neighbourhood of Bujumbura": ACLED codes a part of a town at the town
            town = to_place(spans[0][1], text=name.text, start=name.start_char, end=name.end_char)
            out.append(WrittenPlace(name, tuple(spans), town, 1, False))
        else:
            out.append(_written(name, tuple(spans), cand, country))
        taken.update(range(m.start(), m.end()))
    return out


def _unled(text: str, start: int, end: int, name: str) -> tuple[int, int, str]:
    """A part without the "in the" written before it ("in the Bapere sector")."""
    for lead in ("in the ", "in ", "the "):
        if text[start:end].startswith(lead) and name.startswith(lead):
            return start + len(lead), end, name[len(lead) :]
    return start, end, name


def _nationality(name: Span) -> bool:
    names = country_names()
    return any(t.ent_type_ == "NORP" for t in name) or names.lookup(name.text) is not None


def _known_in(name: Span, country: str, gazetteer: Gazetteer) -> bool:
    return any(c.country == country for n in _suffixes(name) for c in gazetteer.lookup(n))


def _trim(name: Span) -> Span:
    """At most MAX_NAME_WORDS words, without a leading function word ("The", "In")."""
    words = [t for t in name if t.is_alpha]
    if len(words) > MAX_NAME_WORDS:
        name = name.doc[words[-MAX_NAME_WORDS].i : name.end]
    while len(name) > 1 and name[0].is_stop:
        name = name[1:]
    return name


def _written(
    name: Span, parents: tuple[tuple[Span, Candidate], ...], cand: Candidate | None, country: str
) -> WrittenPlace:
    if cand is not None:
        place = to_place(cand, text=name.text, start=name.start_char, end=name.end_char)
        return WrittenPlace(name, parents, place, 1, True)
    inner = parents[0][1]
    place = locality_at(name.text, name.start_char, name.end_char, inner, country=country)
    under_town = inner.feature_code.startswith("PP") or inner.feature_code == "ADM2"
    return WrittenPlace(name, parents, place, 2 if under_town else 3, False)


def to_place(c: Candidate, *, text: str, start: int, end: int) -> Place:
    """The gazetteer entry ``c`` as the place named by ``text`` at ``start``..``end``."""
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


def locality_at(
    text: str, start: int, end: int, parent: Place | Candidate, *, country: str | None = None
) -> Place:
    """A locality the gazetteer lacks, named as written, at the point of the place it lies in."""
    return Place(
        text=text,
        start=start,
        end=end,
        name=text,
        geonameid=None,
        lat=parent.lat,
        lon=parent.lon,
        country=parent.country or country,
        feature_code=None,
    )


def _resolve(
    name: Span, parts: list[str], gazetteer: Gazetteer, context: Mapping[str, float]
) -> tuple[str, list[Candidate | None], Candidate | None] | None:
    """(country, each part's place or None, the named place inside them or None); None when no part is
    known."""
    options = [[c for c in gazetteer.lookup(_undirected(p)) if c.country] for p in parts]
    names = _suffixes(name)
    name_options = {n: [c for c in gazetteer.lookup(n) if c.country] for n in names}
    chains = {a3: _chain(options, a3) for a3 in {c.country for cands in options for c in cands if c.country}}
    if not chains:
        return None
    own = {c.country for cands in name_options.values() for c in cands}

    def rank(a3: str) -> tuple[int, bool, int, float, float]:
        chain = [c for c in chains[a3] if c is not None]
        likely = sum(c.feature_code in PARENT_CODES or c.population >= PARENT_MIN_POPULATION for c in chain)
        return len(chain), a3 in own, likely, context.get(a3, 0.0), sum(_size(c) for c in chain)

    country = max(sorted(chains), key=rank)
    resolved = chains[country]
    inner = next((c for c in resolved if c is not None), None)
    if inner is None:
        return None
    for n in names:
        inside = [c for c in name_options[n] if c.country == country and fits_in(c, inner) and c != inner]
        if inside:
            return country, resolved, max(inside, key=lambda c: (c.feature_code.startswith("PP"), _size(c)))
    return country, resolved, None


def _chain(options: list[list[Candidate]], country: str) -> list[Candidate | None]:
    """Each written part's place in ``country``, outermost first, each inside the one written after it."""
    resolved: list[Candidate | None] = [None] * len(options)
    outer: Candidate | None = None
    for k in reversed(range(len(options))):
        fits = [c for c in options[k] if c.country == country and (outer is None or fits_in(c, outer))]
        if fits:
            # a written parent is an area more often than a town of the same name ("Mopti", "Mandera")
            resolved[k] = outer = max(fits, key=lambda c: (c.feature_code in PARENT_CODES, _size(c)))
    return resolved


def fits_in(c: Candidate, area: Candidate) -> bool:
    """Whether ``c`` may lie inside ``area``: by GeoNames admin codes where both have them, else by
    distance from the area's point."""
    if c.country != area.country:
        return False
    code = area.feature_code
    if code in COUNTRY_CODES:
        return True
    km = haversine_km(c.lat, c.lon, area.lat, area.lon)
    if code == "ADM1":
        if c.admin1_code and area.admin1_code:
            return c.admin1_code == area.admin1_code
        return km <= AREA_RADIUS_KM["ADM1"]
    if code == "ADM2":
        if c.admin1_code and area.admin1_code and c.admin1_code != area.admin1_code:
            return False
        if c.admin2_code and area.admin2_code:
            return c.admin2_code == area.admin2_code
        return km <= AREA_RADIUS_KM["ADM2"]
    return km <= TOWN_RADIUS_KM


def _size(c: Candidate) -> float:
    return math.log10(1 + max(c.population, 0))


def _suffixes(name: Span) -> list[str]:
    """The name and its shorter endings of MIN_SUFFIX letters or more, longest first: "Reuters Sofara",
    "Sofara" (the pattern takes every capitalised word before the brackets)."""
    words = [t for t in name if not t.is_punct or t.text == "-"]
    out = [name.text]
    for k in range(1, len(words)):
        rest = name.doc[words[k].i : name.end].text
        if words[k].is_alpha and words[k].text[0].isupper() and len(rest) >= MIN_SUFFIX:
            out.append(rest)
    return out


def _undirected(part: str) -> str:
    m = _PART.fullmatch(part)
    return m.group("name") if m else part
