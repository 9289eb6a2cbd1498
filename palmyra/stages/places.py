"""Places: find place mentions and resolve them in the gazetteer.

Mentions are spaCy GPE/LOC/FAC entities in story paragraphs, plus the dateline.
Each is resolved with the article's country context (countries and demonyms
counted over the story), so "Palmyra" in a report about Syria is Tadmur, not
Palmyra, New York. A country used as an actor ("Russia said") and the dateline
are marked so that ``event_location`` never makes them an event's location; the
phrase tests it shares with this module (a place naming a thing, describing a
person, written inside another's phrase) live here.

A place written with its parents ("Sofara (Djenne, Mopti)", see ``place_parents``) is the
event's place, at its innermost parent when the gazetteer lacks it. A part of a town written
in the town's phrase ("Bondhere district, Mogadishu", "Moscow's Arbat street") is coded at the
town when it is unknown or its namesake lies far away; a small town abroad that only its own
name brings into the story is taken for a place the gazetteer lacks in the story's country.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..resources.countries import CountryNames, country_names
from ..resources.gazetteer import COUNTRY_CODES, Candidate, Gazetteer, haversine_km, normalise
from ..resources.gazetteer_sources import REGION_CODES
from ..types import Place
from .actors import PLACE_NOUNS, PLACE_PREPS, ActorMention
from .actors import placelike as _placelike
from .place_parents import fits_in, locality_at, to_place, written_places
from .segment import Segments

__all__ = [
    "PlaceMention",
    "contains_another",
    "context_countries",
    "find_places",
    "is_attribute",
    "names_a_thing",
    "one_phrase",
    "to_place",
]

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# labels spaCy gives place names it does not know ("the city of Manbij" is a PRODUCT)
NAME_LABELS = frozenset({"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "NORP"})
LOCATIVE_PREPS = frozenset({"in", "near", "outside", "at", "around"})
# prepositions whose object is where something is, even when it is also an actor ("across Spain")
WHERE_PREPS = frozenset(
    PLACE_PREPS | {"across", "inside", "throughout", "within", "over", "through", "off", "into"}
)
NEAR_PREPS = frozenset({"near", "outside", "around", "nearby"})  # ACLED geo_precision 2: near a town
# parts of a town ("districts of Homs") stay precision 1: ACLED codes neighbourhoods at their town
EDGE_NOUNS = frozenset({"outskirts", "outskirt", "edge", "vicinity", "countryside", "environs"})
# nouns that say the name beside them is a place: "the village of X", "X district", "the capital, X"
LOCALITY_NOUNS = frozenset(
    {
        "town", "city", "village", "district", "province", "region", "governorate", "suburb", "neighbourhood",
        "neighborhood", "quarter", "camp", "capital", "hamlet", "county", "municipality", "subdistrict",
        "settlement", "locality", "community", "barangay", "corregimiento", "vereda", "colonia",
    }
)  # fmt: skip
# nouns set beside a name (apposition) that say it is a place held or fought over: "Knin, the one-time
# stronghold of the Croatian Serbs", "Ballymurphy, an IRA stronghold"
HELD_PLACE_NOUNS = frozenset({"stronghold", "bastion", "enclave"})
# nouns whose "of" names a place, beside the locality nouns: "the state of Michoacán", "the mayor of X",
# "residents of Kibera" (NER often calls such a name a person), "the Red Sea island of Hanish al-Kabir"
RESIDENT_NOUNS = frozenset({"resident", "inhabitant", "villager"})
LOCALITY_OF_NOUNS = LOCALITY_NOUNS | RESIDENT_NOUNS | {"state", "mayor", "island"}  # "the island of X"
# last words of a building's name: "the residents of Fithian House" live in no locality of that name
BUILDING_WORDS = frozenset(
    {"house", "home", "hall", "tower", "towers", "apartments", "court", "manor", "lodge"}
)
# place nouns written at the head of a locality's own name: "Barangay Tapikan", "Kampung Baru"
# (a numbered ward, "Kebele 02", is a part of its town: ACLED codes the town)
LOCALITY_PREFIXES = frozenset({"barangay", "sitio", "purok", "kampung", "desa", "kelurahan"})
# words between a name and "camp" that keep it a camp's name: "the Nur Shams refugee camp"
CAMP_WORDS = frozenset({"refugee", "refugees", "idp", "displacement", "displaced"})
# verbs whose object is a place even when NER calls it a person or an organisation: "captured Badme"
PLACE_VERBS = frozenset(
    {
        "capture", "recapture", "seize", "retake", "liberate", "storm", "overrun", "besiege", "bomb",
        "shell", "bombard", "patrol", "raid", "occupy", "invade", "annex", "encircle", "surround",
        "evacuate", "blockade",
    }
)  # fmt: skip
# verbs of attack whose object may be a person or a place: a name NER calls a person or an organisation
# there is taken for a place only when the gazetteer knows a big town called just that ("struck Odesa")
ATTACK_VERBS = frozenset({"attack", "strike", "hit", "target", "pound", "bomb", "shell", "rock"})
ATTACK_NOUNS = frozenset({"raid", "strike", "airstrike", "attack", "bombing", "shelling", "bombardment"})
STRUCK_PERSON_MIN_POPULATION = 200_000  # hand-set: Odesa, Sanaa are read; Bell, Davis (US towns) are not
PERSON_OBJECT_VERBS = frozenset({"capture", "recapture", "seize", "evacuate", "surround", "encircle", "raid"})
# nouns on which "of"/"on" or a possessive names a place: "the siege on Manbij", "Grozny's streets"
PLACE_OF_NOUNS = frozenset(
    {
        "siege", "vicinity", "outskirts", "outskirt", "streets", "street", "centre", "center", "countryside",
        "environs", "perimeter", "suburbs", "suburb", "fall", "capture", "recapture", "liberation", "assault",
        "offensive", "battle", "campaign",
    }
)  # fmt: skip
# last words of a name that make it a place ("Baliem Valley", "Baghdad International Airport")
PLACE_WORDS = frozenset(
    {
        "airport", "airbase", "base", "border", "province", "district", "city", "camp", "valley", "gorge",
        "square", "peninsula", "strait", "straits", "palace", "stadium", "heights", "crossing", "checkpoint",
        "outpost", "refinery", "embassy",
    }
)  # fmt: skip
# (streets, schools, churches, hospitals, lakes left out: on LGL --limit 150 they cost Acc@161 0.836 → 0.819
# as localities placed at a town far from where the gold set puts them)
# prepositions whose object a name-like entity unknown to the gazetteer is taken to be a place after
UNKNOWN_PLACE_PREPS = frozenset({"in", "near", "outside", "around", "through", "inside"})
TOWN_PREFIX = "PP"
AREA_CODES = frozenset({"ADM1", "ADM2"})
WIDE_CODES = COUNTRY_CODES | REGION_CODES | {"ADM1", "CONT"}  # too wide to say where a neighbour is

# Hand-set, then checked on ``palmyra eval geoparse`` (see the closing note of issue 3):
# a place written right after a town ("Springfield, Ohio") is worth 3 orders of population;
W_WRITTEN_PARENT = 3.0
# a place opening an organisation's name counts when it is a country, subdivision or a town this big;
EMBEDDED_MIN_POPULATION = 20_000
# a candidate in the first-level subdivision where the article's other places lie gains this much
# times their share there (local news: Paris, Tenn. beside Henry County); see the closing note
W_AREA_CONTEXT = 2.0
# a town abroad with fewer people than this, in a story whose countries (STRAY_CONTEXT mentions or
# more) lie elsewhere, is a namesake of a place the gazetteer lacks; hand-set (Bulle, Switzerland,
# 23,438 people, read for "Bule" in Ituri), then checked on ``palmyra eval geoparse``
STRAY_MAX_POPULATION = 50_000
STRAY_CONTEXT = 2
# a one-word name that finds a town abroad only as one of its alternate names ("Boni" for Bonn) is such
# a namesake up to this size; capitals, provincial seats and bigger towns are named abroad by their
# English names ("Kiev", "New Delhi")
STRAY_ALIAS_MAX_POPULATION = 1_000_000
# each other name of the article with a namesake within SUPPORT_KM of a candidate (or the state it lies
# in) adds W_SUPPORT / SUPPORT_NAMES, up to SUPPORT_NAMES names; names with more namesakes than
# SUPPORT_MAX_NAMESAKES ("Washington", "Franklin") are everywhere and say nothing
W_SUPPORT = 2.0
SUPPORT_KM = 60.0
SUPPORT_NAMES = 2
SUPPORT_MAX_NAMESAKES = 25
# in a roundup (a story naming ROUNDUP_COUNTRIES countries or more) a candidate gains from the article's
# states and neighbouring names only in a country that holds at least GAIN_MIN_SHARE of its country
# mentions: such a story has a neighbour for Melbourne, Derbyshire and Toronto, New South Wales by
# chance (19 countries; their shares 0.08, 0.10). Hand-set; the share alone, at 0.15 or 0.5, cost local
# stories that name few countries (Edmonton, London; Palestine, Texas)
ROUNDUP_COUNTRIES = 8
# a town of at least HOME_MIN_POPULATION people in the country holding HOME_MIN_SHARE of the story's
# country mentions beats a namesake abroad in a country the story never names; hand-set (London,
# Ontario has 422,324 people; Paris, Texas 24,782 must not beat Paris in a US story)
HOME_MIN_POPULATION = 100_000
HOME_MIN_SHARE = 0.5
# a town at least this many times smaller than the state of its name that leads for a name gains nothing
# from the article's neighbouring names (hand-set: two orders of magnitude)
OWN_NAME_RATIO = 100
GAIN_MIN_SHARE = 0.15
# a name listed with at least this many others, most of them states (or countries), is one too
LISTED_MIN = 2
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
# the directions a place is measured from: "15 km east of Djibo"
COMPASS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
    | {"north-east", "north-west", "south-east", "south-west"}
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
    "W. Va.": "West Virginia", "Wis.": "Wisconsin", "Wyo.": "Wyoming",
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
    # name | dateline | demonym | embedded | locality (marked as a place, not in the gazetteer) | written
    # (with its parents in brackets: "Sofara (Djenne, Mopti)") | parent (one of those parents)
    kind: str = "name"
    precision: int | None = None  # ACLED geo_precision the recogniser already knows (written places)
    # written only to describe a person, an outlet or a thing ("Gaza's civil defence agency", "the Gaza
    # health ministry"): it may still be where its sentence's event was, but it is no story's focus
    aside: bool = False
    around: bool = False  # written around a more specific place: "Paris" in "the Paris suburb of Nanterre"
    # the capital, for a country named as the owner of an institution that sits there ("outside
    # Indonesia's parliament"): where an event at that institution happened
    seat: Place | None = None

    @property
    def is_town(self) -> bool:
        return (self.place.feature_code or "").startswith(TOWN_PREFIX)

    @property
    def is_locality(self) -> bool:
        return self.kind == "locality" or (self.kind == "written" and self.place.geonameid is None)


def context_countries(
    doc: Doc, segments: Segments, gazetteer: Gazetteer | None = None, countries: CountryNames | None = None
) -> Counter[str]:
    """Countries the story is about: country names and demonyms, then the countries of the towns it
    names (resolved with that first count as context), over story paragraphs and the dateline."""
    counts, towns = _named_countries(doc, segments, countries or country_names())
    if gazetteer is not None:
        first = Counter(counts)
        for name in towns:
            name = re.sub(r"['’]s$", "", name)  # "Plateau State's Bassa LGA"
            words = name.split()
            if len(words) > 1 and words[-1].lower() in AREA_WORDS and not gazetteer.is_known(name):
                name = " ".join(words[:-1])  # "Mbeya Region"
            cand = gazetteer.resolve(name, context_countries=first)
            if cand is None or not cand.country:
                continue
            if cand.feature_code.startswith(TOWN_PREFIX) and normalise(cand.name) != normalise(name):
                continue  # a town abroad reached by another of its names ("Zike" for Syke): no evidence
            if cand.feature_code.startswith(TOWN_PREFIX) or _named_area(name, cand, gazetteer):
                counts[cand.country] += 1
    return counts


def _named_countries(doc: Doc, segments: Segments, names: CountryNames) -> tuple[Counter[str], list[str]]:
    """The countries the story names (names and demonyms), and its other place names, which
    :func:`context_countries` resolves with that count to add their towns' countries."""
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
    return counts, towns


def _named_area(name: str, cand: Candidate, gazetteer: Gazetteer) -> bool:
    """A province or district that says its country: written as one ("Plateau State", "Kalat district")
    or of a name no other country has ("Ituri", "Borno")."""
    if cand.feature_code not in AREA_CODES:
        return False
    words = name.lower().split()
    if len(words) > 1 and words[-1] in REGION_NOUNS | {"lga", "territory", "prefecture", "municipality"}:
        return True
    return {c.country for c in gazetteer.lookup(name)} == {cand.country}


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
    written = [
        w
        for w in written_places(doc, gazetteer, context)
        if segments.is_story(w.name.start_char, w.parents[-1][0].end_char)
    ]
    reserved = {
        i for w in written for s in (w.name, *(p for p, _ in w.parents)) for i in range(s.start, s.end)
    }
    main = context.most_common(1)[0][0] if context else None
    found = _recognise(doc, gazetteer, segments, names, reserved, main)
    first: list[Candidate | None] = [_first_pass(m, gazetteer, context) for m in found]
    out: list[PlaceMention] = []
    localities: list[_Found] = []
    # a name written once with its parents means that place wherever else the story names it
    by_name = {normalise(w.name.text): w for w in written}
    # and so does a name written once with its state or country after it ("GLASGOW, Ky.", "Paris, Texas")
    pool = _namesakes(found, gazetteer)
    voted = _town_votes(doc, segments, gazetteer, names)
    parents = _parents_read_again(found, first, doc, pool)
    first = [
        parents.get(normalise(m.lookup), c) if m.kind == "name" else c
        for m, c in zip(found, first, strict=True)
    ]
    anchored = parents | _anchored(found, first, gazetteer, context, names, doc, pool, voted)
    for i, m in enumerate(found):
        if m.kind in ("name", "locality") and (w := by_name.get(normalise(m.lookup))) is not None:
            again = replace(w.place, text=m.text, start=m.start_char, end=m.end_char)
            out.append(PlaceMention(again, m.start_token, m.end_token, kind="written", precision=w.precision))
            continue
        if m.kind == "locality":
            localities.append(m)
            continue
        if m.kind == "border":
            if (place := _border_place(m, gazetteer)) is not None:
                out.append(PlaceMention(place, m.start_token, m.end_token, kind="border"))
            continue
        fixed = m.kind in ("demonym", "capital")
        others = _without_own_vote(m, context, names, found, voted)
        cand = (
            first[i]
            if fixed
            else anchored.get(normalise(m.lookup))
            or _second_pass(i, found, first, gazetteer, others, doc, pool=pool)
        )
        if cand is None:
            continue
        lead_in = m.kind == "dateline" or (m.kind == "name" and m.start_char == 0 and m.text.isupper())
        if lead_in and normalise(m.lookup) not in anchored:  # "WASHINGTON Barack Obama pardoned ..." too
            cand = _dateline_capital(m, gazetteer, context) or cand
        owner = _owner(i, found, first, doc) if m.kind == "name" else None
        if owner is not None and not fits_in(cand, owner):
            inside = [c for c in gazetteer.lookup(m.lookup) if fits_in(c, owner)]
            if inside:
                cand = max(inside, key=lambda c: c.population)
            elif owner.feature_code not in COUNTRY_CODES:
                # "London's Heathrow", "Giza's Haram district": a part of the town the gazetteer lacks,
                # not a namesake far away
                place = locality_at(m.text, m.start_char, m.end_char, owner)
                out.append(PlaceMention(place, m.start_token, m.end_token, kind="locality"))
                continue
        stray = m.kind == "name" and normalise(m.lookup) not in anchored
        if stray and _stray(cand, _with_areas(others, first), normalise(m.lookup)):
            localities.append(m)  # "Bule" in a Congolese story is not Bulle, Switzerland
            continue
        place = to_place(cand, text=m.text, start=m.start_char, end=m.end_char)
        span = doc[m.start_token : m.end_token]
        is_actor = m.kind in ("demonym", "embedded") or (
            m.kind != "capital"
            and (any(t in actor_tokens for t in range(m.start_token, m.end_token)) or _metonym(span))
            and not _locative(span)
            and not _in_place_slot(span)
            and not _locality(span)  # "seized the town of Masisi", "the central Sagaing region"
            and not _struck_town(span, gazetteer)  # "Russian drones struck Odesa"
        )
        seat = None
        if cand.feature_code in COUNTRY_CODES and cand.country and _seat_of_state(span):
            capital = gazetteer.capital(cand.country)
            if capital is not None:
                seat = to_place(capital, text=m.text, start=m.start_char, end=m.end_char)
        out.append(
            PlaceMention(
                place,
                m.start_token,
                m.end_token,
                dateline=m.kind == "dateline",
                actor=is_actor,
                kind=m.kind,
                seat=seat,
            )
        )
    out += [
        loc
        for m in localities
        if (loc := _locality_mention(m, out, doc, gazetteer, context, actors)) is not None
    ]
    for w in written:
        out.append(PlaceMention(w.place, w.name.start, w.name.end, kind="written", precision=w.precision))
        out += [
            PlaceMention(
                to_place(c, text=s.text, start=s.start_char, end=s.end_char), s.start, s.end, kind="parent"
            )
            for s, c in w.parents
        ]
    out.sort(key=lambda p: p.start_token)
    out = [replace(p, aside=True) if _aside(doc, p) else p for p in out]
    told = [p for p in out if not p.dateline and not p.actor and p.kind != "parent"]
    by_sentence: dict[int, list[PlaceMention]] = {}
    for p in told:
        by_sentence.setdefault(doc[p.start_token].sent.start, []).append(p)
    around = {id(p) for here in by_sentence.values() for p in here if contains_another(doc, p, here)}
    return [replace(p, around=True) if id(p) in around else p for p in out]


def _anchored(
    found: list[_Found],
    first: list[Candidate | None],
    gazetteer: Gazetteer,
    context: Counter[str],
    names: CountryNames,
    doc: Doc,
    pool: Mapping[str, list[Candidate]] | None = None,
    voted: Mapping[str, str] | None = None,
) -> dict[str, Candidate]:
    """Names the article writes once with the subdivision or country they lie in right after them
    ("GLASGOW, Ky. —", "Springfield, Ohio"), each with the place that resolves to (the first such
    mention's), by normalised name: the story means that place wherever else it names it."""
    out: dict[str, Candidate] = {}
    for i, m in enumerate(found):
        key = normalise(m.lookup)
        if m.kind not in ("name", "dateline") or key in out:
            continue
        parent = _written_parent(i, found, first, doc)
        if parent is None:
            continue
        cand = _second_pass(
            i, found, first, gazetteer, _without_own_vote(m, context, names, found, voted), doc, pool=pool
        )
        if cand is not None and _within(cand, parent):
            out[key] = cand
    return out


def _dateline_capital(m: _Found, gazetteer: Gazetteer, context: Counter[str]) -> Candidate | None:
    """The national capital a bare dateline names, where one of that name is the capital of a country the
    story names ("WASHINGTON (CNN) --" in a story of the U.S. president is not a town in Tyne and Wear)."""
    key = normalise(m.lookup)
    capitals = [
        c
        for c in gazetteer.lookup(m.lookup)
        if c.feature_code == "PPLC" and normalise(c.name) == key and context.get(c.country or "", 0) > 0
    ]
    return max(capitals, key=lambda c: context[c.country or ""]) if capitals else None


def _owner(i: int, found: list[_Found], first: list[Candidate | None], doc: Doc) -> Candidate | None:
    """The town, province or country that mention ``i`` is written as a part of with a possessive:
    "London's Heathrow", "Giza's Haram district", "Syria's Aleppo"; else None."""
    me = found[i]
    root = doc[me.start_token : me.end_token].root
    heads = {root.i, root.head.i} if root.dep_ == "compound" else {root.i}
    for j in (i - 1, i - 2):
        if j < 0:
            break
        o, c = found[j], first[j]
        if (
            c is None
            or o.kind not in ("name", "dateline", "capital")
            or normalise(o.lookup) == normalise(me.lookup)
        ):
            continue
        if (
            c.feature_code not in AREA_CODES
            and c.feature_code not in COUNTRY_CODES
            and not c.feature_code.startswith(TOWN_PREFIX)
        ):
            continue
        owner = doc[o.start_token : o.end_token].root
        if owner.dep_ == "poss" and owner.head.i in heads and owner.i < me.start_token:
            return c
    return None


def _parents_read_again(
    found: list[_Found], first: list[Candidate | None], doc: Doc, pool: Mapping[str, list[Candidate]]
) -> dict[str, Candidate]:
    """Parents written after a place, each as the namesake that holds one of the place's namesakes: the
    first pass's reading where it does, else the one that does ("Atlanta, Georgia" is in the state, not the
    country; "Stroud, Ontario" is in the province, not Ontario, California), by normalised name: the story
    means that parent wherever it names it. A parent read as a town is read again only as a first-level
    subdivision or a country ("Columbus, Franklin" may list two towns, not one in Franklin County)."""
    out: dict[str, Candidate] = {}
    for i in range(len(found) - 1):
        me, nxt, read = found[i], found[i + 1], first[i + 1]
        gap = doc[me.end_token : nxt.start_token]
        if read is None or len(gap) != 1 or gap[0].text not in (",", "("):
            continue
        if nxt.kind != "name" or normalise(nxt.lookup) in out:
            continue
        area = read.feature_code in AREA_CODES or read.feature_code in COUNTRY_CODES
        level = _level(read) if area else "ADM1"
        mine = [c for c in pool.get(normalise(me.lookup), []) if _level(c) not in (level, "country")]
        if not mine:
            continue
        if area and any(_within(c, read) for c in mine):
            out[normalise(nxt.lookup)] = read  # "Mississauga, Ontario": the province, wherever it is named
            continue
        kinds = AREA_CODES if area else frozenset({"ADM1"})
        options = [
            p
            for p in pool.get(normalise(nxt.lookup), [])
            if (p.feature_code in kinds or p.feature_code in COUNTRY_CODES) and p.geonameid != read.geonameid
        ]
        holding = [p for p in options if any(_within(c, p) for c in mine)]
        if holding:
            out[normalise(nxt.lookup)] = max(holding, key=lambda p: p.population)
    return out


def _town_votes(doc: Doc, segments: Segments, gazetteer: Gazetteer, names: CountryNames) -> dict[str, str]:
    """The country each place name's town counted for in :func:`context_countries`, by normalised name."""
    counts, towns = _named_countries(doc, segments, names)
    out: dict[str, str] = {}
    for name in towns:
        cand = gazetteer.resolve(name, context_countries=counts)
        if cand is not None and cand.country and cand.feature_code.startswith(TOWN_PREFIX):
            out.setdefault(normalise(name), cand.country)
    return out


def _aside(doc: Doc, p: PlaceMention) -> bool:
    return p.kind != "written" and (is_attribute(doc, p) or names_a_thing(doc, p))


def _with_areas(context: Counter[str], first: list[Candidate | None]) -> Counter[str]:
    """The article's countries, with those of the provinces and districts it names ("Ituri")."""
    return context + Counter(
        c.country for c in first if c is not None and c.country and c.feature_code in AREA_CODES
    )


def _stray(c: Candidate, context: Counter[str], key: str | None = None) -> bool:
    """A small town abroad that nothing but its own name puts in the story: the article's countries
    (``context``, without this name's own votes) are elsewhere (at least STRAY_CONTEXT mentions, most of
    them in one other country), so the name is a place the gazetteer lacks there, not this namesake.
    A town of any size abroad found only through one of its alternate names (``key`` is not its own
    name: "Boni" for Bonn) is one too."""
    alias = (
        key is not None
        and normalise(c.name) != key
        and " " not in key
        and "-" not in key
        and c.feature_code not in ("PPLC", "PPLA")
        and c.population < STRAY_ALIAS_MAX_POPULATION
    )
    small = c.population < STRAY_MAX_POPULATION or alias
    if not c.feature_code.startswith(TOWN_PREFIX) or not small or not c.country:
        return False
    if context.get(c.country, 0) > 0:
        return False
    rest = +Counter({a3: n for a3, n in context.items() if a3 != c.country})
    if not rest:
        return False
    _, n = rest.most_common(1)[0]
    return n >= STRAY_CONTEXT and n / sum(rest.values()) >= 0.5


def _locality_mention(
    m: _Found,
    resolved: list[PlaceMention],
    doc: Doc,
    gazetteer: Gazetteer,
    context: Counter[str],
    actors: Sequence[ActorMention] = (),
) -> PlaceMention | None:
    """A place the text marks as one ("the village of Tamthil") but the gazetteer lacks: its own words,
    at the point of the nearest place it is written beside (same sentence first), else of the article's
    main country (geo_precision 3); no geonameid, so a reader knows it is only near that point (ACLED
    geo_precision 2). Where the story names no place at all, the country the nearest demonym or actor
    names ("Serb forces", "the YPG")."""
    sent = doc[m.start_token].sent
    options = [p for p in resolved if not p.dateline and p.kind not in ("demonym", "border")]
    options.sort(
        key=lambda p: (not sent.start <= p.start_token < sent.end, abs(p.start_token - m.start_token))
    )
    parent: Place | Candidate | None = options[0].place if options else None
    inner = _inner_place(doc[m.start_token : m.end_token], gazetteer, context)
    if inner is not None:
        parent = inner
    # at a country's point where nothing else places it, it is only known to lie in the country (ACLED
    # geo_precision 3)
    precision = 3 if parent is None else None
    if parent is None and context:
        parent = gazetteer.country(context.most_common(1)[0][0])
    if parent is None:
        # "Serb forces shelled Sheykler": the country a demonym or an actor names, nearest first
        named = [(p.start_token, p.place.country) for p in resolved if p.kind == "demonym"]
        named += [(a.start_token, a.actor.country) for a in actors if a.country_from_text]
        named.sort(key=lambda n: abs(n[0] - m.start_token))
        parent = next((c for _, a3 in named if a3 and (c := gazetteer.country(a3)) is not None), None)
    if parent is None:
        return None
    place = locality_at(m.text, m.start_char, m.end_char, parent)
    return PlaceMention(place, m.start_token, m.end_token, kind="locality", precision=precision)


def _border_place(m: _Found, gazetteer: Gazetteer) -> Place | None:
    """A border between two countries, at the midpoint of their points: only the region of the event
    is known (ACLED geo_precision 3, as a feature with no town code)."""
    a, b = (gazetteer.country(c) for c in (m.country or "/").split("/"))
    if a is None or b is None:
        return None
    return Place(
        text=m.text,
        start=m.start_char,
        end=m.end_char,
        name=m.text,
        geonameid=None,
        lat=(a.lat + b.lat) / 2,
        lon=(a.lon + b.lon) / 2,
        country=a.country,
        feature_code=None,
    )


def _inner_place(span: Span, gazetteer: Gazetteer, context: Counter[str]) -> Candidate | None:
    """A town or area that opens a locality's name: "Baghdad" in "Baghdad International Airport"."""
    for k in range(min(3, len(span) - 1), 0, -1):
        head = span[:k]
        if not all(t.is_alpha and (t.is_title or t.is_upper) for t in head) or head[0].lower_ in DIRECTIONS:
            continue  # "Southern Military District" is not in a province called Southern
        c = gazetteer.resolve(head.text, context_countries=context)
        if c is None or not _prominent(c, normalise(head.text)) or c.feature_code == "CONT":
            continue
        if _small_town_abroad(c, context):
            continue  # "Nur Shams" in the West Bank is not by Nur, Iran
        return c
    return None


def _small_town_abroad(c: Candidate, context: Counter[str]) -> bool:
    """A town too small to be named abroad in a story that is about another country (named at least
    STRAY_CONTEXT times, as in :func:`_stray`)."""
    if (
        c.country in context
        or not c.feature_code.startswith(TOWN_PREFIX)
        or c.population >= STRAY_MAX_POPULATION
    ):
        return False
    return bool(context) and context.most_common(1)[0][1] >= STRAY_CONTEXT


@dataclass(frozen=True)
class _Found:
    """A recognised mention before resolution: where it is, the name to look up and how it was found."""

    start_token: int
    end_token: int
    start_char: int
    end_char: int
    text: str
    lookup: str
    kind: str  # name | dateline | demonym | embedded | locality
    country: str | None = None  # a demonym's country


def _recognise(
    doc: Doc,
    gazetteer: Gazetteer,
    segments: Segments,
    names: CountryNames,
    reserved: set[int],
    main: str | None = None,
) -> list[_Found]:
    found: list[_Found] = []
    taken = set(reserved)  # tokens already read as a written place or its parents

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
    for span, code in _capitals(doc, names, main):
        if segments.is_story(span.start_char, span.end_char):
            add(span, "capital", country=code)
    for span, code in _borders(doc, names):
        if segments.is_story(span.start_char, span.end_char):
            add(span, "border", country=code)
    for ent in doc.ents:
        if not segments.is_story(ent.start_char, ent.end_char):
            continue
        ent = _without_count(ent)
        slot = _place_slot(ent)
        struck = _struck_town(ent, gazetteer) or _market_town(ent, gazetteer) or _address_part(ent, gazetteer)
        if ent.label_ in PLACE_LABELS or _placelike(ent) or _place_by_context(ent) or slot or struck:
            ent = _joined(_hyphenated(ent, gazetteer), gazetteer)
            name = _strip_direction(_strip_article(ent))
            if (state := _state_abbreviation(name)) is not None:
                add(name, "name", lookup=state)  # "Kan." is Kansas, not Kano (an alternate name)
            elif (
                _place_word(name)
                and not gazetteer.is_known(name.text)
                and _area_name(name, gazetteer) is None
            ):
                add(name, "locality")
            elif name[0].lower_ in LOCALITY_PREFIXES and len(name) > 1 and gazetteer.is_known(name[1:].text):
                add(name[1:], "name")  # "Barangay Tapikan": the village the gazetteer knows
            elif (part := _known_part(_strip_article(ent), gazetteer)) is not None:
                add(part, "name")
            elif (area := _area_name(name, gazetteer)) is not None:
                add(area, "name")
            elif _unknown_place(name, slot):
                add(name, "locality")
        elif ent.label_ == "NORP":
            a3 = _demonym_country(ent.text, names)
            if a3 is not None:
                add(ent, "demonym", country=a3)
        elif ent.label_ == "ORG" and (inner := _embedded_place(_strip_article(ent), gazetteer)) is not None:
            add(inner, "embedded")
    for span, known in _unlabelled_places(doc, gazetteer):
        if segments.is_story(span.start_char, span.end_char):
            add(span, "name" if known else "locality")
    for span in _place_word_names(doc):
        if segments.is_story(span.start_char, span.end_char) and not gazetteer.is_known(span.text):
            add(span, "locality")
    for match in _STATE_ABBREVIATION.finditer(doc.text):
        abbr = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
        if abbr is not None and segments.is_story(abbr.start_char, abbr.end_char):
            add(abbr, "name", lookup=US_STATE_ABBREVIATIONS[match.group(1)])
    found.sort(key=lambda m: m.start_token)
    return found


def _without_count(ent: Span) -> Span:
    """An entity without a count NER ran into it after a dash: "Aleppo" in "in Aleppo - 6 times"."""
    for k in range(1, len(ent)):
        if ent[k].text in ("-", "–", "—") and all(t.like_num or t.is_punct for t in ent[k:]):
            return Span(ent.doc, ent.start, ent.start + k, label=ent.label_)
    return ent


def _state_abbreviation(span: Span) -> str | None:
    """The US state a place entity abbreviates as AP writes it ("Kan.", "N.Y." whose final dot the
    tokenizer split off), else None."""
    text = span.text
    if text not in US_STATE_ABBREVIATIONS and span.doc.text[span.end_char : span.end_char + 1] == ".":
        text += "."
    return US_STATE_ABBREVIATIONS.get(text)


def _unlabelled_places(doc: Doc, gazetteer: Gazetteer) -> list[tuple[Span, bool]]:
    """Capitalised names NER gave no label that their words mark as places: after a place preposition
    known to the gazetteer ("held in Khiam", "near Batrah"), or with a place noun ("the hub of Kano",
    "the Zahraa district", "the town of Kafr Nabl"), known or not. (span, known to the gazetteer)."""
    out: list[tuple[Span, bool]] = []
    i = 0
    while i < len(doc):
        t = doc[i]
        if not _name_token(t) or t.is_sent_start:
            i += 1
            continue
        j = i + 1
        while j < len(doc):
            if _name_token(doc[j]):
                j += 1
            elif doc[j].lower_ in NAME_JOINERS and j + 1 < len(doc) and not doc[j].ent_type_:
                k = j + 1 + (doc[j + 1].text == "-" and j + 2 < len(doc))
                if not _name_token(doc[k]):
                    break
                j = k + 1
            else:
                break
        if j < len(doc) and doc[j].ent_iob_ == "B" and doc[j].ent_type_ in NAME_LABELS and doc[j].is_title:
            # "the village of Sheikh Najjar", where NER took only "Najjar" for a person's name
            j += 1
            while j < len(doc) and doc[j].ent_iob_ == "I":
                j += 1
        span = doc[i:j]
        i = j
        before = doc[span.start - 1]
        named = _place_noun_after(doc, span.end, sites=False)
        # "the Deir ez-Zor military airport": the town the base is named after, where the gazetteer knows it
        sited = _place_noun_after(doc, span.end)
        named = named or (
            before.lower_ == "of" and span.start >= 2 and doc[span.start - 2].lemma_.lower() in LOCALITY_NOUNS
        )
        prep = before
        if before.is_lower and before.lower_ in DIRECTIONS and span.start >= 2:
            prep = doc[span.start - 2]  # "in central Odesa"
        elif before.dep_ == "case" and before.head.ent_type_ in ("GPE", "LOC") and before.head.i < before.i:
            owner = before.head.i  # "in Syria's Raqqa": the preposition before the owning place
            while owner > 0 and doc[owner].ent_iob_ == "I":
                owner -= 1
            prep = doc[owner - 1] if owner > 0 else before
        placed = prep.lower_ in UNKNOWN_PLACE_PREPS and prep.pos_ == "ADP"
        placed = placed and not any(t.ent_type_ for t in span)  # only a place noun marks a misread date
        if not (named or placed or sited):
            # "a camp at Lala, about 40 km north of Bunia": only a place lies so far and such a way from
            # another; NER saw no place in it, so it is the locality there, not a namesake far away
            if _measured_from(span) and not any(t.ent_type_ for t in span):
                out.append((span, False))
            continue
        known = gazetteer.is_known(span.text)
        if known or named:
            out.append((span, known))
    return out


# lowercase words between hyphens inside a name: "Rostov-on-Don", "Stratford-upon-Avon", "Port-au-Prince"
HYPHEN_JOINERS = frozenset(
    {"on", "upon", "sur", "au", "aux", "en", "de", "la", "le", "les", "am", "im", "al", "el"}
)
# what may join the words of a name: "Deir ez-Zor", "Ras al-Ain", "Kafr-Nabl"
NAME_JOINERS = frozenset(
    {"-", "al", "el", "ez", "ed", "ad", "as", "ash", "es", "bin", "ibn", "de", "du", "la"}
)


def _name_token(t: Token) -> bool:
    """A token of a name NER left unlabelled (or called a date): capitalised (or "al-"), not a common word."""
    if (t.ent_type_ and not _misdated(t)) or t.is_punct or t.like_num:
        return False
    return t.pos_ == "PROPN" and (t.is_title or t.text[:3].lower() in ("al-", "el-")) and not t.is_stop


# words NER rightly calls dates; another capitalised "date" is a name it misread ("the town of Mahaday")
DATE_WORDS = frozenset(
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
        "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "christmas", "easter", "ramadan", "eid", "new", "year", "day", "week", "month", "today",
        "tonight", "yesterday", "tomorrow", "noon", "midnight", "spring", "summer", "autumn", "winter",
    }
)  # fmt: skip


def _misdated(t: Token) -> bool:
    return t.ent_type_ in ("DATE", "TIME") and t.pos_ == "PROPN" and t.is_title and t.lower_ not in DATE_WORDS


AREA_WORDS = frozenset(
    {"province", "district", "governorate", "county", "region", "city", "state", "town", "village"}
)
# nouns written beside a name that say which kind of place it is: "Marib city" is the town, not the
# governorate; "Mopti region" is the region, not the town
TOWN_NOUNS = frozenset({"city", "town", "village", "hamlet", "township"})
REGION_NOUNS = frozenset({"province", "governorate", "region", "state", "county", "district", "oblast"})


def _area_name(span: Span, gazetteer: Gazetteer) -> Span | None:
    """The known name inside "Diyala province" or "Kunduz city" when the whole is unknown."""
    if len(span) > 1 and span[-1].lower_ in AREA_WORDS and gazetteer.is_known(span[:-1].text):
        return span[:-1]
    return None


# verbs whose "from" names the place left: "the FSA lost 12 fighters before withdrawing from Akhtreen"
LEAVING_VERBS = frozenset({"withdraw", "retreat", "expel", "evict", "oust", "dislodge"})


def _place_slot(ent: Span) -> bool:
    """A name in a place's slot: the object of a verb that takes places ("captured Badme", "patrolled
    Kakata"), the "of"/"on" or possessive on a noun of places ("the siege on Manbij", "Grozny's streets",
    "the Manbij campaign")."""
    if ent.label_ not in PLACE_LABELS and ent.label_ not in NAME_LABELS:
        return False
    if ent.label_ == "PERSON" and ent.root.head.lemma_.lower() in PERSON_OBJECT_VERBS:
        return False  # "Sassi was captured": people are captured too
    return _in_place_slot(ent)


def _struck_town(ent: Span, gazetteer: Gazetteer) -> bool:
    """A name NER calls a person, an organisation or a product as the object of a verb of attack
    ("Russian drones struck Odesa", "Houthi fighters attacked Sanaa") that is a big town, a
    first-level subdivision or a country called just that in the gazetteer (not by an alternate name);
    people are struck too ("four shots struck Bell"), so a person's name only when it is a city's."""
    label = ent.label_ or ent.root.ent_type_
    if label not in NAME_LABELS or label == "NORP":
        return False
    root = ent.root
    verb = root.dep_ in ("dobj", "nsubjpass") and root.head.pos_ == "VERB"
    struck = verb and root.head.lemma_.lower() in ATTACK_VERBS
    # "Air raids on Sanaa", "strikes against Idlib"
    on = root.dep_ == "pobj" and root.head.lower_ in ("on", "against")
    if not (struck or (on and root.head.head.lemma_.lower() in ATTACK_NOUNS)):
        return False
    if not all(t.is_title for t in ent if t.is_alpha):
        return False
    key = normalise(ent.text)
    # a person's name ("struck Bell", "hit Davis") is also a town's: only a city is read through it
    least = STRUCK_PERSON_MIN_POPULATION if label == "PERSON" else 0
    for c in gazetteer.lookup(ent.text):
        big = c.population >= least or c.feature_code in WIDE_CODES
        if big and _prominent(c, key):
            return True
    return False


# sites a town's name is written on where a crowd or a crime may be: "a man beaten at Ikorodu market"
MARKET_NOUNS = frozenset({"market", "bazaar", "motor park", "park", "junction", "roundabout", "bus", "taxi"})


def _market_town(ent: Span, gazetteer: Gazetteer) -> bool:
    """A name NER calls an organisation or a person written on a site after a place preposition ("at
    Ikorodu market", "near Kamukunji bus station") that is a big town, a district or a province called
    just that in the gazetteer."""
    label = ent.label_ or ent.root.ent_type_
    if label not in NAME_LABELS or label == "NORP" or not all(t.is_title for t in ent if t.is_alpha):
        return False
    root = ent.root
    if root.dep_ != "compound" or not root.head.is_lower or root.head.lemma_.lower() not in MARKET_NOUNS:
        return False
    site = root.head
    while site.dep_ == "compound" and site.head.i > site.i:
        site = site.head  # "Kamukunji bus station"
    if not (site.dep_ == "pobj" and site.head.lower_ in LOCATIVE_PREPS):
        return False
    key = normalise(ent.text)
    return any(_prominent(c, key) for c in gazetteer.lookup(ent.text))


def _address_part(ent: Span, gazetteer: Gazetteer) -> bool:
    """A name NER calls a person or an organisation in a chain of places after commas, from the smallest
    ("in Barangay Kalumenga, Shariff Saydona Mustapha, Maguindanao del Sur"), that the gazetteer knows as
    a province or a district called just that."""
    label = ent.label_ or ent.root.ent_type_
    if label not in NAME_LABELS or label == "NORP" or not all(t.is_title or t.is_lower for t in ent):
        return False
    doc, i = ent.doc, ent.start
    if ent.end < len(doc) and not (doc[ent.end].is_punct or doc[ent.end].lower_ in ("and", "or")):
        return False  # "in or near Boston, Wagner said": a speaker
    for _ in range(3):
        if i < 2 or doc[i - 1].text != ",":
            return False
        prev = doc[i - 2]
        if not prev.ent_type_:
            return False
        i = i - 2
        while i > 0 and doc[i].ent_iob_ == "I":
            i -= 1
        first = doc[i]
        if first.ent_type_ in PLACE_LABELS or first.lower_ in LOCALITY_PREFIXES:
            break
    else:
        return False
    key = normalise(ent.text)
    return any(c.feature_code in AREA_CODES and normalise(c.name) == key for c in gazetteer.lookup(ent.text))


def _in_place_slot(ent: Span) -> bool:
    root = ent.root
    head = root.head
    if root.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB" and head.lemma_.lower() in PLACE_VERBS:
        return True
    if root.dep_ == "pobj" and head.lower_ in ("of", "on") and head.head.lower_ in PLACE_OF_NOUNS:
        return True
    if root.dep_ == "pobj" and head.lower_ == "from" and head.head.lemma_.lower() in LEAVING_VERBS:
        return True  # "before withdrawing from Akhtreen"
    if ent.start >= 2 and ent.doc[ent.start - 1].lower_ in ("of", "on"):
        # "to break the siege on Manbij", where the parser hangs "on" on the verb
        noun = ent.doc[ent.start - 2]
        if noun.lower_ in PLACE_OF_NOUNS and noun.pos_ == "NOUN":
            return True
    return root.dep_ in ("poss", "compound") and head.lower_ in PLACE_OF_NOUNS


def _place_word(span: Span) -> bool:
    """A capitalised name ending in a place word: "Baliem Valley", "Manger Square", "Route 58" is not."""
    if len(span) < 2 or span[-1].lower_ not in PLACE_WORDS:
        return False
    return all(t.is_title or t.is_upper or t.like_num or not t.is_alpha for t in span)


def _unknown_place(span: Span, slot: bool) -> bool:
    """A name the gazetteer lacks that its label and place say is a place: a place entity where places go
    ("in Khaldiyah", "captured Todee"), a name written with a place noun ("the village of Tamthil"), or a
    person-like name after a place preposition ("in Ain Issa") that is written like a name, not an acronym."""
    label = span.label_ or span.root.ent_type_
    if label == "NORP" or not span[-1].is_alpha:
        return False  # "Palestinian cities", "the Shiite- dominated"
    if _locality(span, sites=False):
        return True
    root = span.root
    locative = root.dep_ == "pobj" and root.head.lower_ in UNKNOWN_PLACE_PREPS
    # people are captured too: only a verb that takes nothing but places says an unknown name is one
    slot = slot and root.head.lemma_.lower() not in PERSON_OBJECT_VERBS
    if label in ("GPE", "LOC"):
        return slot or locative or (root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS)
    if label == "FAC":
        return slot
    if label == "ORG" and locative and len(span) == 1 and _owned_by_place(root):
        return span[0].is_title  # "in Gazipur's Kashimpur", not "in Alexandria's Circuit Court"
    # not ORG: "in the Legislature", "at the Pentagon"
    if label in ("PERSON", "PRODUCT") and locative:
        return all(t.is_title for t in span if t.is_alpha and t.lower_ not in ("al", "el"))
    return False


def _owned_by_place(t: Token) -> bool:
    """A name owned by a place: "Kashimpur" in "Gazipur's Kashimpur"."""
    return any(c.dep_ == "poss" and c.ent_type_ in ("GPE", "LOC") for c in t.children)


_PLACE_WORD_NAME = re.compile(
    r"\b(?:[A-Z][\w'’.-]*\s+){1,4}(?:" + "|".join(sorted(w.title() for w in PLACE_WORDS)) + r")\b"
)


def _place_word_names(doc: Doc) -> list[Span]:
    """Capitalised names ending in a place word that NER missed ("the Baghdad International Airport")."""
    out = []
    for m in _PLACE_WORD_NAME.finditer(doc.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="contract")
        if span is None:
            continue
        while len(span) > 1 and (span[0].is_stop or (span[0].is_sent_start and not span[0].ent_type_)):
            span = span[1:]
        if _place_word(span):
            out.append(span)
    return out


def _capitals(doc: Doc, names: CountryNames, main: str | None = None) -> list[tuple[Span, str]]:
    """ "Somalia's capital", "the Tunisian capital": the country's capital city; "the capital", "the
    country's capital": the capital of the story's main country ``main``."""
    out = []
    for t in doc:
        if t.lower_ != "capital" or t.i == 0 or t.pos_ != "NOUN":
            continue
        before = doc[t.i - 1]
        if before.lower_ in ("'s", "’s", "'") and t.i >= 2:
            start = t.i - 2
            while start > 0 and doc[start].ent_iob_ == "I":
                start -= 1
            owner = doc[start : t.i - 1]
            if owner.text.lower() in ("country", "nation"):
                a3 = main if _capital_as_place(t) else None
            else:
                a3 = names.lookup(owner.text)
            start = start - (start > 0 and doc[start - 1].lower_ == "the")
        elif before.lower_ == "the" and _capital_as_place(t):
            start, a3 = t.i - 1, main
        else:
            start = t.i - 1
            a3 = _demonym_country(before.text, names) if before.ent_type_ == "NORP" else None
        if a3 is None:
            continue
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        after = doc[t.i + 2] if t.i + 2 < len(doc) else None
        if nxt is not None and (
            nxt.lower_ == "of" or nxt.ent_type_ or (nxt.text == "," and after is not None and after.ent_type_)
        ):
            continue  # "the Tunisian capital of Tunis", "the capital, Kabul": the city is named
        out.append((doc[start : t.i + 1], a3))
    return out


MONEY_VERBS = frozenset({"have", "raise", "need", "lack", "invest", "borrow", "provide", "inject", "return"})


def _capital_as_place(t: Token) -> bool:
    """ "in the capital", "the capital's streets": the city, not money ("didn't have the capital") nor a
    city named next ("the capital city of Nairobi")."""
    after = t.doc[t.i + 1 : t.i + 3]
    if after.text.lower().startswith("city") or (
        len(after) == 2 and after[0].lower_ == "to" and after[1].pos_ == "VERB"
    ):
        return False  # "the capital city of Nairobi", "the capital to build a plant" (money)
    if t.dep_ == "appos" or (t.i >= 3 and t.doc[t.i - 2].text == "," and t.doc[t.i - 3].ent_type_):
        return False  # "Singa, the capital of Sennar province": the city is named, and is not this one
    return not (t.dep_ == "dobj" and t.head.lemma_.lower() in MONEY_VERBS)


_BORDER = re.compile(r"\b([A-Z][a-z]+)\s*[-–/]\s*([A-Z][a-z]+)\s+(?:border|frontier)\b")


def _borders(doc: Doc, names: CountryNames) -> list[tuple[Span, str]]:
    """ "the Lebanese-Israeli border": a border between two countries named by demonym or name; the
    country is the first one."""
    out = []
    for m in _BORDER.finditer(doc.text):
        a = _demonym_country(m.group(1), names) or names.lookup(m.group(1))
        b = _demonym_country(m.group(2), names) or names.lookup(m.group(2))
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if a and b and a != b and span is not None:
            out.append((span, f"{a}/{b}"))
    return out


def _place_by_context(ent: Span) -> bool:
    """An entity of any name-like label that its words mark as a place: "the city of Manbij" (PRODUCT),
    "the regional capital, Grozny" (ORG), "the Aziziyah district", "in Swat"."""
    if ent.label_ not in NAME_LABELS:
        return False
    if _locality(ent):
        return True
    root = ent.root
    if ent.start >= 2 and ent.doc[ent.start - 1].lower_ == "of" and ent.doc[ent.start - 2].lower_ in COMPASS:
        return True  # "15 km east of Djibo" (a PRODUCT), "north of Kidal"
    return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS and ent.label_ != "PERSON"


def _locality(ent: Span, *, sites: bool = True) -> bool:
    """A name written with a place noun: "the village of Tamthil", "Aziziyah district", "the capital, X"
    (with ``sites``, also "the X military airport")."""
    doc = ent.doc
    if not all(
        t.is_title or t.is_upper or t.lower_ in NAME_JOINERS or t.lower_ in DIRECTIONS
        for t in ent
        if t.is_alpha
    ):
        return False
    before = doc[max(0, ent.start - 2) : ent.start]
    if len(before) == 2 and before[0].lemma_.lower() in LOCALITY_OF_NOUNS and before[1].lower_ == "of":
        return before[0].lemma_.lower() not in RESIDENT_NOUNS or ent[-1].lower_ not in BUILDING_WORDS
    if len(ent) > 1 and ent[0].lower_ in LOCALITY_PREFIXES and all(t.is_alpha for t in ent[1:]):
        return True  # "in Barangay Tapikan"
    # "the Nur Shams refugee camp"
    after = ent.end + (ent.end + 1 < len(doc) and doc[ent.end].lower_ in CAMP_WORDS)
    if _place_noun_after(doc, after, sites=sites):
        return True
    root = ent.root
    if root.dep_ == "appos" and root.head.lemma_.lower() in LOCALITY_NOUNS:
        return True
    if any(_locality_appos(c) for c in root.rights):
        return True  # "Singa, the capital of Sennar province", "Kidal, a town in northern Mali"
    if _measured_from(ent):
        return True
    return any(_written_as_locality(t) for t in _conjuncts(root) if t.i != root.i)


# words between a name and a place word that keep it a site's name: "the Deir ez-Zor military airport",
# "the Bama forward operating base"
FORCE_WORDS = frozenset({"military", "army", "air", "naval", "navy", "police", "forward", "operating"})


def _place_noun_after(doc: Doc, i: int, *, sites: bool = True) -> bool:
    """Whether the lower-case words from token ``i`` say the name before them is a place: "X district",
    "the X area", and with ``sites`` "the X military airport", "X army base" (a known name: an unknown
    one is the base's own, placed nowhere near it)."""
    if i >= len(doc) or not doc[i].is_lower:
        return False
    k = i
    while k < min(i + 3, len(doc)) and doc[k].lower_ in FORCE_WORDS and doc[k].is_lower:
        k += 1  # "the Bama forward operating base"
    if k > i and k < len(doc) and doc[k].lower_ in PLACE_WORDS:
        return sites and doc[k].is_lower
    word = doc[i].lemma_.lower()
    if word in AREA_NOUNS:
        # a one-word name ("the Markab area", "al-Thawra areas"); a longer one is often a feature named
        # after a bigger place ("the Tennessee Colony area", "the Danube Delta area")
        return i < 2 or not (doc[i - 2].is_title and doc[i - 2].pos_ == "PROPN")
    return word in LOCALITY_NOUNS or doc[i].lower_ in DIVISION_NOUNS | ROAD_SITE_NOUNS


# administrative units only a lower-case word after the name marks ("the Mayo-Tsanaga division", "the
# Antioquia department"): "the Department of Justice" names no place
DIVISION_NOUNS = frozenset({"division", "prefecture", "commune", "canton"})
# "the Markab area", "al-Thawra areas" (not "the area of X": "a wooded area of Dagestan" is no locality)
AREA_NOUNS = frozenset({"area"})
# road sites named after their town: "at Umm al-Fahm junction", "near the Kissufim crossing point"
ROAD_SITE_NOUNS = frozenset({"junction", "crossing", "crossroads", "roundabout"})


def _locality_appos(t: Token) -> bool:
    """A place noun set beside a name: "the capital of ...", "a small Georgian town", "an IRA stronghold";
    not "Story City" in "Sen. Rich Olive, D-Story City" (a name's own word)."""
    return t.dep_ == "appos" and t.is_lower and t.lemma_.lower() in LOCALITY_NOUNS | HELD_PLACE_NOUNS


# words that may open the distance after a name measured from another place: "Pooneryn, just 30 km from"
ROUGHLY = frozenset(
    {"just", "about", "some", "around", "roughly", "nearly", "approximately", "only", "barely"}
)


def _measured_from(ent: Span) -> bool:
    """A name followed by how far and which way it lies from another place, which only a place does:
    "Tizi Ouzou, 110 kilometres (70 miles) east of Algiers", "Pooneryn, just 30 kilometres from
    Kilinochchi", "Amara, south of Baghdad"."""
    doc = ent.doc
    i = ent.end
    if i >= len(doc) or doc[i].text != ",":
        return False
    i += 1
    while i < len(doc) and doc[i].lower_ in ROUGHLY:
        i += 1
    distance = False
    if i + 1 < len(doc) and doc[i].like_num and doc[i + 1].lemma_.lower() in DISTANCE_UNITS:
        distance, i = True, i + 2
        if i < len(doc) and doc[i].text == "(":  # "(70 miles)"
            close = next((k for k in range(i, min(i + 6, len(doc))) if doc[k].text == ")"), None)
            if close is None:
                return False
            i = close + 1
    if i + 1 < len(doc) and doc[i].lower_ in COMPASS and doc[i + 1].lower_ == "of":
        return True
    if distance and i < len(doc) and doc[i].lower_ == "away":
        i += 1
    return distance and i < len(doc) and doc[i].lower_ == "from"


DISTANCE_UNITS = frozenset({"kilometre", "kilometer", "km", "kms", "mile", "metre", "meter", "yard"})


def _conjuncts(t: Token) -> list[Token]:
    """The names listed with ``t`` ("Shaffa and Shindiffu villages", "the settlements of Arbin, Hawsh
    Nasri, ..."): the head of the list and its conjuncts."""
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    return [t, *t.conjuncts]


def _written_as_locality(t: Token) -> bool:
    """A name token written with a place noun after its name ("Shindiffu villages") or before it ("the
    villages of Arbin")."""
    doc = t.doc
    if not (t.is_title or t.is_upper) or t.pos_ != "PROPN":
        return False
    end = t.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    start = t.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    if end < len(doc) and doc[end].is_lower and doc[end].lemma_.lower() in LOCALITY_NOUNS:
        return True
    return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lemma_.lower() in LOCALITY_NOUNS


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
    end = span.end
    while (
        end - 1 > span.start and span.doc[end - 1].is_lower and span.doc[end - 1].lower_ not in NAME_JOINERS
    ):
        end -= 1  # "El Geneina hours": a common word NER took in
    if end < span.end and gazetteer.is_known(span.doc[span.start : end].text):
        return span.doc[span.start : end]
    return None


def _hyphenated(span: Span, gazetteer: Gazetteer) -> Span:
    """The name NER cut at a hyphen, whole when the gazetteer knows it: "Rostov" → "Rostov-on-Don"."""
    doc, end = span.doc, span.end
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_:
        nxt = doc[end + 1]
        if not (nxt.is_title or nxt.lower_ in HYPHEN_JOINERS):
            break
        end += 2
    while end > span.end and not (doc[end - 1].is_title and gazetteer.is_known(doc[span.start : end].text)):
        end -= 2
    return doc[span.start : end]


def _joined(span: Span, gazetteer: Gazetteer) -> Span:
    """The name NER cut in two at "of": "Democratic Republic" + "of the" + "Congo", whole when the
    gazetteer knows the whole (and ``span`` alone otherwise)."""
    doc, end = span.doc, span.end
    if end < len(doc) and doc[end].lower_ == "of":
        after = end + 2 if end + 1 < len(doc) and doc[end + 1].lower_ == "the" else end + 1
        if after < len(doc) and doc[after].ent_iob_ == "B" and doc[after].ent_type_ in PLACE_LABELS:
            stop = after + 1
            while stop < len(doc) and doc[stop].ent_iob_ == "I":
                stop += 1
            whole = doc[span.start : stop]
            if gazetteer.is_known(_strip_article(whole).text):
                return whole
    return span


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
    """The object of a place preposition ("in Afghanistan", "across Spain"): a place even where actors are
    named; also through a possessive or an "of" on that object ("in Syria's conflict", "near Lebanon's
    border", "on the battlefields of Afghanistan")."""
    t = span.root
    for _ in range(2):
        if t.dep_ == "pobj" and t.head.lower_ in WHERE_PREPS:
            return True
        if t.dep_ == "poss" or (t.dep_ == "pobj" and t.head.lower_ == "of"):
            t = t.head if t.dep_ == "poss" else t.head.head
        else:
            return False
    return t.dep_ == "pobj" and t.head.lower_ in WHERE_PREPS


# institutions that sit in a country's capital
SEAT_NOUNS = frozenset({"parliament", "legislature", "congress", "senate", "palace", "presidency"})


def _seat_of_state(span: Span) -> bool:
    """A country owning an institution an event happened at: "outside Indonesia's parliament"."""
    root = span.root
    if root.dep_ not in ("poss", "compound", "amod") or root.head.lemma_.lower() not in SEAT_NOUNS:
        return False
    head = root.head
    return head.dep_ == "pobj" and head.head.lower_ in WHERE_PREPS


def _metonym(span: Span) -> bool:
    """A place that is the subject of a saying or deciding verb: "Damascus denied", "Moscow warned"."""
    root = span.root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in METONYM_VERBS


def _without_own_vote(
    m: _Found,
    context: Counter[str],
    names: CountryNames,
    found: list[_Found],
    voted: Mapping[str, str] | None = None,
) -> Counter[str]:
    """The article's country context less the votes of this very name: "Georgia" beside Atlanta and
    Macon must not count for the country Georgia when it is itself read, nor "London", which
    :func:`context_countries` read as the capital (``voted``: the country each name's town counted
    for, by normalised name), for Britain when the story is about London, Ontario."""
    key = normalise(m.lookup)
    a3 = names.lookup(m.lookup) or (voted or {}).get(key)
    if a3 is None or not context.get(a3):
        return context
    own = sum(1 for f in found if f.kind in ("name", "dateline") and normalise(f.lookup) == key)
    rest = Counter(context)
    rest[a3] = max(0, rest[a3] - own)
    return +rest


def _first_pass(m: _Found, gazetteer: Gazetteer, context: Counter[str]) -> Candidate | None:
    if m.kind in ("locality", "border"):
        return None
    if m.kind == "capital":
        return gazetteer.capital(m.country) if m.country else None
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
    *,
    pool: Mapping[str, list[Candidate]] | None = None,
) -> Candidate | None:
    """Re-rank with the subdivisions the article names, the one written after this place, nearness, and
    the other names that have a namesake beside each candidate (``pool``: :func:`_namesakes`)."""
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
    # a state or country called just this name is never a smaller town only alternately called so
    # ("Washington" is not Piqua, Ohio, nor "California" Spencer, West Virginia, whatever lies near them)
    wide = [c for _, c in ranked if c.feature_code in WIDE_CODES and normalise(c.name) == key]
    if wide:
        floor = max(c.population for c in wide)
        ranked = [sc for sc in ranked if not _alias_town(sc[1], key, floor)]
    kind = _written_kind(doc, me)
    if kind is None and any(
        normalise(f.lookup) == key and _governed_area(doc, f) for f in found
    ):  # "the Quebec government ... legal in Quebec": the province wherever the story names it
        kind = "area"
    if kind is not None:
        wanted = (lambda c: c.feature_code.startswith(TOWN_PREFIX)) if kind == "town" else _is_area
        ranked = [sc for sc in ranked if wanted(sc[1])] or ranked
    elif (level := _listed_level(i, found, first, doc)) is not None:
        # a region listed with states is one of the areas listed ("New York City, Long Island, New York")
        ranked = [sc for sc in ranked if _level(sc[1]) == level or _listed_region(sc[1], level)] or ranked
    written = _written_parent(i, found, first, doc)
    if written is not None and not any(_level(c) == _level(written) for _, c in ranked):
        # "Queensland, Australia": a place written with its state or country after it lies inside it
        # (not when the name is itself one of that kind: "Ohio, Michigan" lists states)
        ranked = [sc for sc in ranked if _within(sc[1], written)] or ranked
        if _within(ranked[0][1], written):
            # and is the place called that there, not one only alternately called that ("Philippi, West
            # Virginia" is not Saint Albans, once called Philippi)
            ranked = [sc for sc in ranked if normalise(sc[1].name) == key] or ranked
    areas = _area_shares(i, found, first)
    others = [cands for k, cands in (pool or {}).items() if k != key and len(cands) <= SUPPORT_MAX_NAMESAKES]
    if not 1 < len(ranked) <= 2 * SUPPORT_MAX_NAMESAKES or ranked[0][1].feature_code in WIDE_CODES:
        # neighbours choose between namesake towns, not between a state or country and a town; a name
        # with namesakes in every state ("Washington") finds a neighbour by chance
        others = []
    lead = ranked[0][1]
    if written is not None or areas or others:
        ranked = [
            (
                s
                + (W_WRITTEN_PARENT * _within(c, written) if written is not None else 0.0)
                + (
                    W_AREA_CONTEXT * areas.get((c.country, c.admin1_code), 0.0)
                    + W_SUPPORT * _support(c, others)
                )
                * _may_gain(c, lead, context, key),
                c,
            )
            for s, c in ranked
        ]
        ranked.sort(key=lambda sc: -sc[0])
    best = ranked[0][1]
    if (home := _home_namesake(best, ranked, context)) is not None:
        best = home
    if best.feature_code == "ADM2" and kind != "area":
        return _seat(best, [c for _, c in ranked if normalise(c.name) == key]) or best
    if best.feature_code == "ADM1" and kind != "area":
        return _capital_town(best, [c for _, c in ranked if normalise(c.name) == key]) or best
    return best


def _home_namesake(
    best: Candidate, ranked: list[tuple[float, Candidate]], context: Mapping[str, float]
) -> Candidate | None:
    """A sizeable town of the name in the country that holds most of the story, when the famous namesake
    that leads lies in a country the story never names ("London" in a story of Londoners, Canada and
    its Islamic Centre is London, Ontario; "Tripoli" in a story about Lebanon is Tripoli, Lebanon)."""
    total = sum(context.values())
    if not total or not best.feature_code.startswith(TOWN_PREFIX) or context.get(best.country or "", 0) > 0:
        return None
    home, n = max(context.items(), key=lambda kv: kv[1])
    if n < HOME_MIN_SHARE * total:
        return None
    towns = [
        c
        for _, c in ranked
        if c.country == home
        and c.feature_code.startswith(TOWN_PREFIX)
        and c.population >= HOME_MIN_POPULATION
    ]
    return towns[0] if towns else None


def _may_gain(c: Candidate, lead: Candidate, context: Mapping[str, float], key: str = "") -> bool:
    """Whether ``c`` may gain from the article's states and neighbouring names: not a town of the country
    that leads by its own name ("Mexico" is the country, not Mexico City, in a story that names Mexico
    City too), nor a namesake abroad of a capital whose country the story names ("Paris' iconic
    Champs-Elysees" in a story of Kentucky tourists in France is not Paris, Kentucky), nor a town only
    alternately called ``key`` (normalised) when the lead is a country or subdivision called just that
    ("California" beside West Virginia's towns is the state, not Spencer, West Virginia, once called
    California)."""
    town = c.feature_code.startswith(TOWN_PREFIX)
    if lead.feature_code in COUNTRY_CODES and town and c.country == lead.country:
        return False
    total = sum(context.values())
    if len(context) >= ROUNDUP_COUNTRIES and context.get(c.country or "", 0) < GAIN_MIN_SHARE * total:
        return False  # a story of many countries has a neighbour for every small town by chance
    wide = lead.feature_code in AREA_CODES or lead.feature_code in COUNTRY_CODES
    # nor a town of that name this many times smaller than a state ("Florida" beside New York City is the
    # state, not Florida, New York; a country is not: "Jordan" and "Lebanon" in local news are US towns)
    small = lead.feature_code in AREA_CODES and c.population * OWN_NAME_RATIO < lead.population
    if town and wide and key and normalise(lead.name) == key and (normalise(c.name) != key or small):
        return False
    return not (
        lead.feature_code == "PPLC" and c.country != lead.country and context.get(lead.country or "", 0) > 0
    )


def _alias_town(c: Candidate, key: str, below: int) -> bool:
    """A town smaller than ``below`` that the name ``key`` reaches only as one of its alternate names; not
    a capital or a city of STRAY_ALIAS_MAX_POPULATION people, which news names by a short English name
    ("New York" for New York City, "Washington" for Washington, D.C.)."""
    if not c.feature_code.startswith(TOWN_PREFIX) or c.feature_code == "PPLC":
        return False
    return normalise(c.name) != key and c.population < min(below, STRAY_ALIAS_MAX_POPULATION)


def _listed_region(c: Candidate, level: str) -> bool:
    return level == "ADM1" and c.feature_code in REGION_CODES


def _level(c: Candidate) -> str:
    """A country, a first-level subdivision, or anything else."""
    return "country" if c.feature_code in COUNTRY_CODES else "ADM1" if c.feature_code == "ADM1" else "other"


def _listed_level(i: int, found: list[_Found], first: list[Candidate | None], doc: Doc) -> str | None:
    """ "country" or "ADM1" when mention ``i`` is listed with at least LISTED_MIN other names ("Michigan,
    Oregon, New Mexico and Indiana"; "Chad, Guinea and Mali") most of which the first pass read as
    countries or as first-level subdivisions: a list names places of one kind ("Oregon" there is the
    state, not Oregon, Wisconsin). Else None."""
    me = found[i]
    listed = {t.i for t in _conjuncts(doc[me.start_token : me.end_token].root)}
    levels = [
        _level(c)
        for j, (f, c) in enumerate(zip(found, first, strict=True))
        if j != i and c is not None and any(f.start_token <= t < f.end_token for t in listed)
    ]
    if len(levels) < LISTED_MIN:
        return None
    level, n = Counter(levels).most_common(1)[0]
    return level if level != "other" and 2 * n > len(levels) else None


def _namesakes(found: list[_Found], gazetteer: Gazetteer) -> dict[str, list[Candidate]]:
    """Every candidate of each name the article reads as a place (by normalised name)."""
    out: dict[str, list[Candidate]] = {}
    for m in found:
        key = normalise(m.lookup)
        if m.kind in ("name", "dateline", "embedded") and key not in out:
            out[key] = gazetteer.lookup(m.lookup)
    return out


def _support(c: Candidate, others: list[list[Candidate]]) -> float:
    """The share (up to SUPPORT_NAMES) of the article's other names with a namesake beside ``c``: a town
    or district within SUPPORT_KM, or the first-level subdivision it lies in. Local news names its
    towns with their neighbours (Paris beside Henry County, Tennessee)."""
    if c.feature_code in WIDE_CODES:
        return 0.0
    n = 0
    for cands in others:
        for o in cands:
            if o.geonameid == c.geonameid or o.feature_code in COUNTRY_CODES or o.feature_code == "CONT":
                continue
            if o.feature_code == "ADM1":
                if o.country == c.country and o.admin1_code == c.admin1_code:
                    break
            elif o.feature_code not in WIDE_CODES and haversine_km(c.lat, c.lon, o.lat, o.lon) <= SUPPORT_KM:
                break
        else:
            continue
        n += 1
        if n >= SUPPORT_NAMES:
            break
    return n / SUPPORT_NAMES


# a town this close to a second-level subdivision of its name, in the same country and province, is the
# seat the subdivision is named for ("Rotherham", "Culiacán"): hand-set from GeoNames' seat-to-centroid
# distances, which stay within a few tens of km
SEAT_KM = 50.0


# a town of a province's name holding at least this share of the province's people is its capital,
# which the bare name means ("Sumy", "Kidal", "Cusco"); a small namesake town is not ("Texas")
CAPITAL_SHARE = 0.1


def _capital_town(area: Candidate, candidates: list[Candidate]) -> Candidate | None:
    """The town of a province's name inside it, its capital ("Sumy" for Sumy oblast, "Cusco" for the
    Cusco region), which a bare name means: news writes "in Kidal" for the town, "Kidal region" for
    the province (ACLED codes the town). ``candidates`` are those of the town's own name: "Oklahoma" is
    also a name of Oklahoma City, but means the state."""
    towns = [
        c
        for c in candidates
        if c.feature_code.startswith(TOWN_PREFIX)
        and (c.country, c.admin1_code) == (area.country, area.admin1_code)
        and (c.population or 0) >= CAPITAL_SHARE * (area.population or 0)
    ]
    return max(towns, key=lambda c: c.population or 0, default=None)


def _seat(area: Candidate, candidates: list[Candidate]) -> Candidate | None:
    """The town a district is named for, which a bare name means: news writes "in Rotherham" for the town,
    "Rotherham district" for the district (ACLED codes the town)."""
    for c in candidates:
        if not c.feature_code.startswith(TOWN_PREFIX) or (c.country, c.admin1_code) != (
            area.country,
            area.admin1_code,
        ):
            continue
        if haversine_km(c.lat, c.lon, area.lat, area.lon) <= SEAT_KM:
            return c
    return None


def _is_area(c: Candidate) -> bool:
    """A subdivision, or a region the curated list adds ("the Pacific region", "the Sahel region")."""
    return c.feature_code in AREA_CODES or c.feature_code in REGION_CODES


def _written_kind(doc: Doc, m: _Found) -> str | None:
    """ "town" or "area" when a noun beside the name says so: "Marib city", "the town of Marib", "Diyala
    province", "the province of Diyala"; else None."""
    after = doc[m.end_token].lemma_.lower() if m.end_token < len(doc) else ""
    if m.end_token + 1 < len(doc) and doc[m.end_token + 1].lower_ == "of":
        after = ""  # "the Hunan city of Yueyang": the noun is the next name's, this one holds it
    before = doc[m.start_token - 2].lemma_.lower() if m.start_token >= 2 else ""
    if m.start_token < 2 or doc[m.start_token - 1].lower_ != "of":
        before = ""
    elif doc[m.start_token - 2].tag_ in ("NNS", "NNPS") and not _listed_after(doc, m):
        before = ""  # "30 provinces and regions of China": the places lie in this one
    if after in TOWN_NOUNS or before in TOWN_NOUNS:
        return "town"
    if after in REGION_NOUNS or before in REGION_NOUNS:
        return "area"
    return None


# Nouns of a province's or state's own institutions: "the Quebec government", "Ontario's premier"
AREA_INSTITUTIONS = frozenset({"government", "premier", "legislature"})


def _governed_area(doc: Doc, m: _Found) -> bool:
    """A name written on its own government: "the Quebec government", "Ontario's premier" (a province or
    state, not its capital town of the same name)."""
    root = doc[m.start_token : m.end_token].root
    return root.dep_ in ("compound", "poss") and root.head.lemma_.lower() in AREA_INSTITUTIONS


def _listed_after(doc: Doc, m: _Found) -> bool:
    """Whether a list goes on after the name: "the towns of Kafr Nabl and Maarat", "of Kafr Nabl, Maarat"."""
    if m.end_token + 1 >= len(doc):
        return False
    nxt, then = doc[m.end_token], doc[m.end_token + 1]
    return nxt.lower_ in ("and", "or") or (nxt.text == "," and then.ent_type_ in PLACE_LABELS)


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
    """The subdivision or country written right after mention ``i`` ("Springfield, Ohio", "Kankara
    (Katsina)")."""
    if i + 1 >= len(found):
        return None
    nxt, parent = found[i + 1], first[i + 1]
    if parent is None or not (parent.feature_code in AREA_CODES or parent.feature_code in COUNTRY_CODES):
        return None
    gap = doc[found[i].end_token : nxt.start_token]
    # "Springfield, Ohio"; ACLED's notes write "Kankara (Katsina)"
    return parent if len(gap) == 1 and gap[0].text in (",", "(") else None


def _within(c: Candidate, area: Candidate) -> bool:
    if c.country != area.country or c.geonameid == area.geonameid:
        return False
    if area.feature_code == "ADM1":
        return c.admin1_code == area.admin1_code
    if area.feature_code == "ADM2":
        return c.admin1_code == area.admin1_code and c.admin2_code == area.admin2_code
    return area.feature_code in COUNTRY_CODES


def _strip_direction(ent: Span) -> Span:
    """Without a trailing direction word NER took in: "Tamthil east (of Homs)" → "Tamthil"."""
    if len(ent) > 1 and ent[-1].lower_ in DIRECTIONS:
        return ent[:-1]
    return ent


def _strip_article(ent: Span) -> Span:
    if len(ent) > 1 and ent[0].lower_ == "the":
        return ent[1:]
    return ent


# arcs along which one place name is written inside the phrase of another ("Zafaraniyah district of
# southern Baghdad", "Thangam Nagar in Erode", "the West Bank town of Tulkarm", "Kufa town near Najaf")
NESTING_DEPS = frozenset({"pobj", "prep", "compound", "poss", "appos", "amod", "nmod", "npadvmod", "advmod"})
NESTING_POS = frozenset({"NOUN", "PROPN", "ADP", "ADJ", "ADV", "NUM"})
# nouns a place name may modify and still say where: "the Kandahar province", "the Damascus area"
PLACE_HEADS = frozenset(
    LOCALITY_NOUNS | PLACE_NOUNS | PLACE_OF_NOUNS | PLACE_WORDS | EDGE_NOUNS
    | {"area", "areas", "countryside", "part", "parts", "side", "coast", "highway", "road", "front", "zone"}
)  # fmt: skip
THING_DEPS = frozenset({"compound", "nmod", "npadvmod", "amod"})
TOWN_RATIO = 3  # a town this many times smaller than another written in the same phrase lies inside it


def names_a_thing(doc: Doc, p: PlaceMention) -> bool:
    """A place written as a modifier of a noun that is not a place ("the US embassy", "US-led strikes",
    "Baghdad Security Plan"): it names or qualifies that thing, not where the event was."""
    if p.is_locality:
        return False
    root = doc[p.start_token : p.end_token].root
    head = root.head
    if root.dep_ not in THING_DEPS or head.i == root.i:
        return False
    if head.lemma_.lower() in PLACE_HEADS or head.lower_ in DIRECTIONS or head.ent_type_ in PLACE_LABELS:
        return False
    # "outside his Istanbul office", "on an Afghanistan battlefield": the thing is where it happened
    return not (head.dep_ == "pobj" and head.head.lower_ in WHERE_PREPS | {"on", "into", "inside"})


def _nest_path(doc: Doc, p: PlaceMention) -> list[int]:
    """Token ids from the place's root up through the noun phrase around it (no verb, no clause)."""
    t = doc[p.start_token : p.end_token].root
    path = [t.i]
    while t.dep_ in NESTING_DEPS and t.head.i != t.i and t.head.pos_ in NESTING_POS:
        t = t.head
        path.append(t.i)
    return path


def _specificity(p: PlaceMention) -> tuple[int, int]:
    """Smaller is more specific: a locality, a town (the smaller the town the more specific), a second-
    then first-level subdivision, anything wider."""
    code = p.place.feature_code or ""
    if p.is_locality or p.kind == "locality":
        return 0, 0
    if code.startswith(TOWN_PREFIX):
        return 1, p.place.population or 0
    if code == "ADM2":
        return 2, 0
    if code == "ADM1":
        return 3, 0
    return 4, 0


def one_phrase(doc: Doc, p: PlaceMention, q: PlaceMention) -> bool:
    """Whether ``q`` is written inside the phrase of ``p`` or beside it in one noun phrase."""
    mine, theirs = _nest_path(doc, p), _nest_path(doc, q)
    if not (set(mine) & set(theirs) or any(p.start_token <= i < p.end_token for i in theirs)):
        return False
    # "New York and Washington": alternatives, not one inside the other
    return not any(doc[i].dep_ == "conj" for i in (mine[0], theirs[0]))


def contains_another(doc: Doc, p: PlaceMention, here: list[PlaceMention]) -> bool:
    """A place written in one phrase with a more specific one, which says where within it the event
    was: "Zafaraniyah district of Baghdad", "Thangam Nagar in Erode", "the West Bank town of Tulkarm"."""
    mine = _nest_path(doc, p)
    for q in here:
        if q is p or q.place.geonameid is not None and q.place.geonameid == p.place.geonameid:
            continue
        if not one_phrase(doc, p, q):
            continue
        theirs = _nest_path(doc, q)
        (rank_q, people_q), (rank_p, people_p) = _specificity(q), _specificity(p)
        if rank_q < rank_p:
            return True
        # two towns: the one written inside the other's phrase ("Thangam Nagar in Erode") or, side by
        # side ("the Los Angeles suburb of Rosemead"), the much smaller one
        if rank_q == rank_p == 1 and (theirs[0] in mine[1:] or people_q * TOWN_RATIO < people_p):
            return True
    return False


def is_attribute(doc: Doc, p: PlaceMention) -> bool:
    """A place that describes a person or an organisation, not where something happened:
    "a cab driver from Abidjan", "Caracas' Diario 2001 newspaper"."""
    root = doc[p.start_token : p.end_token].root
    head = root.head
    if root.dep_ == "poss" and head.lemma_.lower() not in PLACE_NOUNS:
        return not _locative(doc[p.start_token : p.end_token])  # "killed in Syria's war" says where
    return root.dep_ == "pobj" and head.lower_ == "from" and head.head.pos_ in ("NOUN", "PROPN")
