"""Event location: where each event happened, from the places its sentence names or the story's focus.

An event goes to the town its sentence names where it happened (one the event verb's own phrase
names before one the clause around it names, never one in a clause on a noun or in another clause
with a subject of its own); failing that, to the article's focus town (the town the story names
most, not where the news came from nor one only measured from), with ACLED geo_precision 2, where
the story names it outside the event's sentence and it lies in the area the sentence names; a wider
area (a province's seat at precision 2, a district the story names inside the province, else the
area at 3) only when no town is named at all. The dateline, a place named as an actor ("Damascus
denied"), a place that describes a person or a thing ("a cab driver from Abidjan", "the US
embassy"), one that says where the news came from ("officials in Kabul said") and a place only named
to say where another lies ("Amara, south of Baghdad") are not where the event was; a town named on a
site ("a Sofia restaurant") is, and a site the gazetteer lacks ("Freedom Square") is coded at the town
the story names where it lies. A country written on a thing ("near a U.S. patrol") says whose, not
where; a place the subject comes from ("the bomber, from a village near Jenin, detonated") says who.
Recognition and resolution of the places themselves are in ``places``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..resources.gazetteer import COUNTRY_CODES, Gazetteer, haversine_km
from ..types import Place
from .place_parents import to_place
from .places import (
    COMPASS,
    DIRECTIONS,
    EDGE_NOUNS,
    NEAR_PREPS,
    PLACE_HEADS,
    TOWN_RATIO,
    WHERE_PREPS,
    PlaceMention,
    contains_another,
    is_attribute,
    names_a_thing,
    one_phrase,
)

__all__ = ["choose_location", "focus_place"]


def focus_place(places: list[PlaceMention], doc: Doc | None = None) -> Place | None:
    """The town the story names most often (not the dateline) where things happen; ties go to the first
    named. With no town, the locality (a village or district the gazetteer lacks) named most, outside the
    dateline's lead-in ("MEXICO CITY (AP) —") where the doc is given."""
    towns = [p for p in places if p.is_town and not p.dateline and not p.actor and p.kind != "parent"]
    if doc is not None:
        # "officials in Kabul said", "told reporters in Nairobi": where the news came from; "about 20 km
        # from Maiduguri", "south of Baghdad": only named to say where another place is
        # "evacuated to the Kumbo district hospital": where the wounded were taken, not where things happened
        towns = [
            p for p in towns if not (_speaks_from(doc, p) or _reference_point(doc, p) or _taken_to(doc, p))
        ]
    if not towns:
        return _focus_locality(places, doc) if doc is not None else None
    # a town named where things happen outranks one only named on an agency or a thing ("Gaza's civil
    # defence agency"); one named only so ("the Chernobyl nuclear plant") is still better than none;
    # between towns named as often, one not written around a smaller one ("the Paris suburb of Nanterre")
    where = Counter(p.place.geonameid for p in towns if not p.aside)
    counts = Counter(p.place.geonameid for p in towns)
    best = max(
        towns,
        key=lambda p: (where[p.place.geonameid], counts[p.place.geonameid], not p.around, -p.start_token),
    )
    return best.place


# verbs of taking someone somewhere: the place they were taken to is not where the event was
TAKING_TO_VERBS = frozenset(
    {"take", "evacuate", "rush", "transfer", "airlift", "bring", "send", "deport", "carry", "admit", "fly"}
)


def _taken_to(doc: Doc, p: PlaceMention, trigger: Token | None = None) -> bool:
    """A place someone was taken to ("evacuated to the Kumbo district hospital", "deported to the camp at
    Mauthausen"), by a verb other than the event's own."""
    t = doc[p.start_token : p.end_token].root
    to = False
    for _ in range(8):
        if t.head.i == t.i:
            return False
        to = to or (t.dep_ == "pobj" and t.head.lower_ in ("to", "towards"))
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            mine = trigger is not None and t.i == trigger.i
            return to and not mine and t.lemma_.lower() in TAKING_TO_VERBS
    return False


# verbs that tell who said what: a place on their speaker or hearer is where the news came from
SPEECH_VERBS = frozenset(
    {"say", "tell", "speak", "report", "announce", "state", "confirm", "quote", "brief", "accord"}
)


def _speaks_from(doc: Doc, p: PlaceMention) -> bool:
    """A place that says where the news came from: "officials in Kabul said", "a commander told reporters
    in Nairobi", "according to sources in Nineveh", "speaking to ARA News from Mosul"."""
    t = doc[p.start_token : p.end_token].root
    for _ in range(6):
        if t.head.i == t.i:
            return False
        t = t.head
        if t.pos_ in ("VERB", "AUX") or t.lower_ == "according":
            return t.lemma_.lower() in SPEECH_VERBS or t.lower_ == "according"
    return False


SUBJECT_PRONOUNS = frozenset({"they", "we", "it", "he", "she", "i"})


def _own_act_told(doc: Doc, p: PlaceMention, trigger: Token) -> bool:
    """A speaker's place where the event is what the speaker said it did itself: "several factions in
    Suwayda announced that they were merging" (the event verb under the speech verb, its subject a
    pronoun)."""
    t = doc[p.start_token : p.end_token].root
    for _ in range(6):
        if t.head.i == t.i:
            return False
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            break
    else:
        return False
    speech = t
    under = trigger.i == speech.i or any(a.i == speech.i for a in trigger.ancestors)
    subject = next((c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return under and trigger.i != speech.i and subject is not None and subject.lower_ in SUBJECT_PRONOUNS


def _focus_locality(places: list[PlaceMention], doc: Doc) -> Place | None:
    """A story that names no town the gazetteer knows may still name the village or township where
    things happen ("a bomb on the school in a village in Depayin township"): the one named most."""
    leads = {doc[p.start_token].sent.start for p in places if p.dateline}
    found = [
        p
        for p in places
        if p.is_locality
        and not (p.dateline or p.actor or p.aside or p.kind == "parent")
        and doc[p.start_token].sent.start not in leads
        and not (_speaks_from(doc, p) or _reference_point(doc, p))
    ]
    if not found:
        return None
    counts = Counter(p.place.text.casefold() for p in found)
    return max(found, key=lambda p: (counts[p.place.text.casefold()], -p.start_token)).place


def choose_location(
    sent: Span,
    trigger_i: int,
    places: list[PlaceMention],
    focus: Place | None,
    *,
    gazetteer: Gazetteer | None = None,
) -> tuple[Place | None, int | None]:
    """The event's place and ACLED geo_precision, from its sentence or the story's focus town. The
    gazetteer, where given, tells which province or district a town lies in."""
    doc = sent.doc
    here = [
        p
        for p in places
        if sent.start <= p.start_token < sent.end
        and not p.dateline
        # a place read as a party is still where when it is a town inside a site's name ("the Baghdad
        # International Airport") or the land the event took or was on ("captured much of Liberia")
        and (
            not p.actor
            or (p.kind == "embedded" and _names_a_site(doc, p))
            or _territory_of(doc, p)
            or _land_taken(doc, p, doc[trigger_i])
            or _antecedent(doc, p, doc[trigger_i])
        )
        and p.kind != "parent"  # "Mopti" in "Sofara (Djenne, Mopti)" says where Sofara is
        and (
            p.kind == "written"
            or _names_a_site(doc, p)
            or _land_site(doc, p)
            or _way_from(doc, p)
            or not is_attribute(doc, p)
        )
        and not _from_area(doc, p)
    ]
    # a place that only names a thing ("the US embassy", "U.S.-led strikes", "Baghdad Security Plan")
    here = [p for p in here if p.kind == "written" or _names_a_site(doc, p) or not names_a_thing(doc, p)]
    here = [p for p in here if not _whose_country(doc, p)]
    # what a protest was against, and where that was, is not where the protest was ("protesting against
    # the Israeli military operation in Gaza")
    here = [p for p in here if not _grievance(doc, p, doc[trigger_i])]
    here = [p for p in here if p.kind == "written" or not _taken_to(doc, p, doc[trigger_i])]
    trigger = doc[trigger_i]
    # the story's focus stands in only where the story names it outside this sentence: a town this
    # sentence names only to describe someone ("a Tampa woman shot") is no word on where it happened
    if focus is not None and not any(
        p.place.geonameid == focus.geonameid and not sent.start <= p.start_token < sent.end for p in places
    ):
        focus = None
    # a place that only says where the news came from ("officials in Kabul said the blast hit a patrol",
    # "according to sources in Nineveh") is no word on where the event was, where there is another
    # unless the speaker told of its own act ("factions in Suwayda announced that they were merging")
    told = [
        p
        for p in here
        if p.kind != "written" and _speaks_from(doc, p) and not _own_act_told(doc, p, doc[trigger_i])
    ]
    if told and (focus is not None or len(told) < len(here)):
        here = [p for p in here if p not in told]
    # a place written with its parents is the one the report locates: ACLED's notes bracket the event's
    # place ("rioters in Aweil (Northern Bahr el Ghazal) attacked traders ... killed in Wad Madani")
    attached = {id(p) for p in here if p.kind == "written" or _attached(doc, p, trigger)}
    containers = {id(p) for p in here if contains_another(doc, p, here)}

    # of places written one after another ("the southern cities of Basra and Nasiriyah"), the first named
    heads = {doc[p.start_token : p.end_token].root.i for p in here}

    def order(p: PlaceMention) -> tuple[bool, bool, bool, bool, bool, bool, int]:
        root = doc[p.start_token : p.end_token].root
        return (
            p.kind != "written",
            id(p) in containers,
            _reference_point(doc, p),
            id(p) not in attached,
            _fired_from(doc, p, trigger),
            root.dep_ == "conj" and root.head.i in heads,
            abs(p.start_token - trigger_i),
        )

    if here and not attached:
        # the sentence names places, none of them where this event happened ("bases in Turkey",
        # "a Tampa woman shot"): only a focus named elsewhere in the story stands in
        named_here = any(p.place.geonameid == (focus.geonameid if focus else None) for p in here)
        if focus is not None and not named_here:
            return focus, 2
        # no focus elsewhere: a place in a clause on a noun ("crowds protesting in Yangon", "children
        # herding goats near Ghazni") is still the best word on where it happened; one that only
        # modifies a person or outlet ("a Tampa woman") is not, one written on a place or a site there
        # ("laborers working in a West Bank settlement") is
        here = [p for p in here if not _modifies_a_person(doc, p)]
        # nor one in a clause that states a standing fact, not something done ("troops which have their
        # bases in Turkey", "the Taliban, which control Kabul", "a law regulating associations in Bahrain")
        here = [p for p in here if not _in_stative_clause(doc, p, trigger)]
        attached = {id(p) for p in here}
    # a town in a clause on a noun ("the embassy in Lima") is not where this event was, even where the
    # only place said to be is wider ("demonstrated in Hamburg", a city-state)
    cands = [p for p in here if id(p) in attached]
    # a place in the event verb's own phrase outranks one the main clause names around it ("bombed
    # inside Sudan, Makaye said, reached from Libreville"; "killed in Borno state, police in Maiduguri said")
    where = {id(p): "own" if _antecedent(doc, p, trigger) else _clause(doc, p, trigger) for p in cands}
    # a place in a clause of its own joined to the event's ("in Samarra a merchant was killed, and in the
    # Abu Ghraib area four people were hurt") is that clause's event's place
    own = [p for p in cands if where[id(p)] == "own"]
    if own:
        cands = [p for p in cands if where[id(p)] != "other"]
        # but a town named around it inside the area its phrase names is more precise ("the gunmen who
        # killed worshippers in Benue State, as mourners in the town of Aliade buried the victims")
        areas = [p for p in own if not p.is_town and not p.is_locality]
        inside = [
            p
            for p in cands
            if p not in own and any(_inside(p.place, a.place, gazetteer, places) for a in areas)
        ]
        cands = own if len(areas) < len(own) else own + inside
    towns = sorted((p for p in cands if p.is_town or p.is_locality), key=order)
    if any(not (p.is_town or p.is_locality) and not _reference_point(doc, p) for p in cands):
        # a town only named to say where the place is ("in the restive Diyala province, north of
        # Baghdad", "bombed Pooneryn, 30 kilometres from Kilinochchi") is not where, even beside an area
        towns = [p for p in towns if not _reference_point(doc, p)]
    if towns:
        best = towns[0]
        near = _near(doc, best) or _offset(doc, best)
        if best.precision is not None:
            return best.place, max(best.precision, 2 if near else 1)
        if (town := _town_around(doc, best, here)) is not None:
            return town, 2 if near else 1
        if (town := _city_of_part(doc, best, here, gazetteer)) is not None:
            return town, 2 if near else 1
        if (town := _site_town(best, places)) is not None:
            return town, 2 if near else 1
        if best.is_town and (span := _named_site_at(doc, best, places)) is not None:
            # "at a voting station in al-Zahawi school in western Baghdad": Baghdad, written with its site
            text = doc.text[span[0] : span[1]]
            return replace(best.place, text=text, start=span[0], end=span[1]), 2 if near else 1
        return best.place, 2 if best.is_locality or near else 1
    wider = [p for p in cands if not p.is_town and not p.is_locality]
    if focus is not None and (not wider or any(_may_hold(w.place, focus, gazetteer, places) for w in wider)):
        return focus, 2
    if wider:
        best = min(wider, key=order)
        if best.seat is not None:
            return best.seat, 2
        # a district the story names inside the province ("an attack in North Kivu province ... in Beni
        # territory") says more precisely where
        elsewhere = [p for p in places if not sent.start <= p.start_token < sent.end]
        finer = _finer_area(doc, best.place, elsewhere, gazetteer) if gazetteer is not None else None
        return finer or best.place, 3
    # ACLED codes every event somewhere: a town the story names only as where the news came from ("Police
    # in Nairobi said") or in an organisation's name ("the Bristol Trades Union Council") stands in, near
    if (town := _named_elsewhere(doc, sent, places)) is not None:
        return town, 2
    return None, None


def _named_elsewhere(doc: Doc, sent: Span, places: list[PlaceMention]) -> Place | None:
    """The town another sentence of the story names, where no town is named where things happen: where the
    news came from ("Police in Nairobi said") or in an organisation's name ("the Bristol Trades Union
    Council"); the one named most, ties to the first. Not a place someone was taken to, nor the dateline."""
    found = [
        p
        for p in places
        if p.is_town
        and not sent.start <= p.start_token < sent.end
        and not p.dateline
        and p.kind in ("name", "embedded")
        and (not p.actor or p.kind == "embedded")
        and not _taken_to(doc, p)
    ]
    if not found:
        return None
    counts = Counter(p.place.geonameid for p in found)
    return max(found, key=lambda p: (counts[p.place.geonameid], -p.start_token)).place


# nouns of a town's parts: "the Saltivskyi district of Kharkiv", "the Kibera neighbourhood of Nairobi"
TOWN_PART_NOUNS = frozenset({"district", "neighbourhood", "neighborhood", "quarter", "suburb"})


def _city_of_part(
    doc: Doc, p: PlaceMention, here: list[PlaceMention], gazetteer: Gazetteer | None
) -> Place | None:
    """The city a part the gazetteer lacks is written in, where the city's name was read as its province's
    ("the Saltivskyi district of Kharkiv": Kharkiv the city, not Kharkiv oblast): ACLED codes a town's
    part at the town. Its text spans both."""
    i = p.end_token
    if gazetteer is None or not p.is_locality or i + 1 >= len(doc):
        return None
    if doc[i].lemma_.lower() not in TOWN_PART_NOUNS or doc[i + 1].lower_ not in ("of", "in"):
        return None
    start = i + 2 + (i + 2 < len(doc) and doc[i + 2].lower_ == "the")
    area = next((q for q in here if q.start_token == start and not q.is_town and not q.is_locality), None)
    if area is None or area.place.feature_code not in ("ADM1", "ADM2"):
        return None
    key = area.place.text.casefold()
    towns = [
        c
        for c in gazetteer.lookup(area.place.text)
        if c.feature_code.startswith("PP") and c.country == area.place.country and c.name.casefold() == key
    ]
    if not towns:
        return None
    town = max(towns, key=lambda c: c.population)
    begin, end = min(p.place.start, area.place.start), max(p.place.end, area.place.end)
    return to_place(town, text=doc.text[begin:end], start=begin, end=end)


FINER_CODES = frozenset({"ADM2", "ADM3", "ADM4"})


def _finer_area(doc: Doc, area: Place, places: list[PlaceMention], gazetteer: Gazetteer) -> Place | None:
    """The district (ADM2 or finer) the story names most, in other sentences, inside a province (ADM1)
    its event names."""
    if area.feature_code != "ADM1":
        return None
    theirs = _admin_codes(gazetteer, area)
    if theirs is None or theirs[0] is None:
        return None
    found = [
        p
        for p in places
        if p.place.feature_code in FINER_CODES
        and p.place.country == area.country
        and not (p.dateline or p.actor or p.aside or p.kind == "parent" or _speaks_from(doc, p))
        and not names_a_thing(doc, p)
        and (mine := _admin_codes(gazetteer, p.place)) is not None
        and mine[0] == theirs[0]
    ]
    if not found:
        return None
    counts = Counter(p.place.geonameid for p in found)
    return max(found, key=lambda p: (counts[p.place.geonameid], -p.start_token)).place


# a place under one of these arcs describes something else: a clause on a noun ("bases in Turkey",
# "which have"), a person or outlet it modifies ("a Tampa woman", "Caracas' newspaper")
DETACHED_DEPS = frozenset({"relcl", "acl", "parataxis"})
MODIFIER_DEPS = frozenset({"compound", "poss", "amod", "nmod"})
ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "agent"})


# sites and operations a town's name is written on: the town is where they are ("a Sofia restaurant", "the
# UN's Baghdad headquarters", "Grozny's streets", "the Chernobyl nuclear plant", "the Mosul operation")
SITE_NOUNS = frozenset(
    {
        "headquarters", "office", "restaurant", "hotel", "market", "bazaar", "plant", "street", "road",
        "fence", "border", "hospital", "school", "mosque", "church", "synagogue", "temple", "airport",
        "prison", "jail", "checkpoint", "university", "campus", "courthouse", "home", "house", "residence",
        "compound", "square", "bridge", "station", "operation", "offensive", "battle", "siege", "front",
        "court",
    }
)  # fmt: skip


BROADCAST_WORDS = frozenset({"television", "tv", "radio"})
# sites a country or province owns on its land or waters: "patrolled Venezuela's major oil installations"
LAND_SITE_NOUNS = frozenset(
    {"installation", "facility", "oilfield", "field", "pipeline", "refinery", "port", "coast", "waters"}
)


WAY_NOUNS = frozenset({"road", "highway", "route", "motorway", "track", "corridor", "railway"})


def _way_from(doc: Doc, p: PlaceMention) -> bool:
    """A place a road runs from, not where someone comes from: "on the road from Kiseljak to Sarajevo"."""
    root = doc[p.start_token : p.end_token].root
    head = root.head
    return root.dep_ == "pobj" and head.lower_ == "from" and head.head.lemma_.lower() in WAY_NOUNS


def _land_site(doc: Doc, p: PlaceMention) -> bool:
    """A country or area owning a site on its land: "Venezuela's major oil installations"."""
    root = doc[p.start_token : p.end_token].root
    return root.dep_ == "poss" and not p.is_town and root.head.lemma_.lower() in LAND_SITE_NOUNS


def _names_a_site(doc: Doc, p: PlaceMention) -> bool:
    """A town written on a site or an operation there: "a posh Sofia restaurant", "Grozny's streets"."""
    return _site(doc, p) is not None


def _site(doc: Doc, p: PlaceMention) -> Token | None:
    """The site a town's name is written on, through a run of nouns ("the Balata refugee camp")."""
    if not p.is_town:
        return None
    root = doc[p.start_token : p.end_token].root
    if root.dep_ not in MODIFIER_DEPS | {"npadvmod"} or root.head.i == root.i:
        return None
    head = root.head
    # through common nouns only: "Aden" in "Aden Adde International Airport" is part of a name
    while head.dep_ == "compound" and head.pos_ == "NOUN" and head.head.i > head.i:
        head = head.head
    # "Los Angeles television station KCAL": a station that broadcasts is an outlet, not a site
    broadcaster = head.lower_ == "station" and head.i > 0 and doc[head.i - 1].lower_ in BROADCAST_WORDS
    if broadcaster:
        return None
    word = head.lemma_.lower()
    if word in SITE_NOUNS or head.lower_ in SITE_NOUNS or (head.i != root.head.i and word in PLACE_HEADS):
        return head
    return None


def _attached(doc: Doc, p: PlaceMention, trigger: Token) -> bool:
    """Whether the place can say where the event happened: it hangs from the event verb (or the clause
    around it) without passing through a clause on a noun, or through a modifier of the verb's subject."""
    t = doc[p.start_token : p.end_token].root
    if (site := _site(doc, p)) is not None:
        t = site  # "the owner of a Sofia restaurant was shot": the site, not the town, is the modifier
    through_modifier = False
    for _ in range(len(doc)):
        if t.i == trigger.i:
            return True
        if t.dep_ in DETACHED_DEPS:
            return False
        if t.dep_ in ACTOR_DEPS and through_modifier and t.head.i == trigger.i:
            return False
        # "a Tampa woman" modifies a person; "al-Tijara neighbourhood" is still a place
        through_modifier = through_modifier or (
            t.dep_ in MODIFIER_DEPS and t.head.lemma_.lower() not in PLACE_HEADS
        )
        if t.head.i == t.i:
            return True  # a place elsewhere in the sentence's main clause still may say where
        t = t.head
    return True


# nouns whose "of" names a land, not a party: "captured much of Liberia", "the battlefields of Afghanistan"
TERRITORY_NOUNS = frozenset(
    {
        "much", "most", "part", "rest", "half", "third", "swathe", "swath", "territory", "soil",
        "battlefield", "occupation", "invasion",
    }
)  # fmt: skip


def _territory_of(doc: Doc, p: PlaceMention) -> bool:
    """A country or area named as the land an event took or was on, though read as a party: "the
    insurgents had captured much of Liberia", "captured on the battlefields of Afghanistan"."""
    if p.kind in ("demonym", "embedded"):
        return False
    root = doc[p.start_token : p.end_token].root
    if root.dep_ != "pobj" or root.head.lower_ != "of":
        return False
    owner = root.head.head
    return owner.lemma_.lower() in TERRITORY_NOUNS | PLACE_HEADS


# verbs whose object, a country or area, is the land they struck or took ("Russia invaded Ukraine")
TAKING_VERBS = frozenset(
    {"capture", "seize", "take", "occupy", "invade", "destroy", "bomb", "shell", "attack", "raid", "overrun"}
)


def _land_taken(doc: Doc, p: PlaceMention, trigger: Token) -> bool:
    """A country or area read as a party but the object of the event verb that struck or took it:
    "Musharraf has destroyed Pakistan", "troops invaded Ukraine"."""
    if p.kind in ("demonym", "embedded"):
        return False
    root = doc[p.start_token : p.end_token].root
    return root.dep_ == "dobj" and root.head.i == trigger.i and trigger.lemma_.lower() in TAKING_VERBS


MISSION_NOUNS = frozenset({"embassy", "consulate"})
PROTEST_VERBS = frozenset({"protest", "demonstrate", "march", "rally"})


def _grievance(doc: Doc, p: PlaceMention, trigger: Token) -> bool:
    """A place in what a protest verb's "against" or "over" names: "protesting against the Israeli
    military operation in Gaza", "protested over the killing of a student in Lahore"."""
    if trigger.lemma_.lower() not in PROTEST_VERBS:
        return False
    t = doc[p.start_token : p.end_token].root
    while t.head.i != t.i and t.i != trigger.i:
        # "over" names a grievance, though one marches over a bridge
        grievance = t.lower_ == "against" or (t.lower_ == "over" and trigger.lemma_.lower() != "march")
        if grievance and t.dep_ == "prep" and t.head.i == trigger.i:
            return True
        t = t.head
    return False


def _whose_country(doc: Doc, p: PlaceMention) -> bool:
    """A country written on a noun that is not a place, a site or a land: whose it is, not where ("a
    bomb detonated near a U.S. patrol"), though the noun's phrase may say where ("near")."""
    if p.kind == "written" or p.place.feature_code not in COUNTRY_CODES:
        return False
    root = doc[p.start_token : p.end_token].root
    head = root.head
    if root.dep_ not in ("compound", "nmod", "amod") or head.i == root.i:
        return False
    if head.pos_ not in ("NOUN", "PROPN"):
        return False
    word = head.lemma_.lower()
    if word in MISSION_NOUNS:
        return True  # "the seizure of the US embassy" in Tehran: a country's embassy is abroad
    if word in PLACE_HEADS or word in SITE_NOUNS or word in TERRITORY_NOUNS or head.lower_ in DIRECTIONS:
        return False
    return head.ent_type_ not in ("GPE", "LOC", "FAC")


# verbs of a clause on a noun that state a standing fact: a place in it is no word on where anything was done
STATIVE_VERBS = frozenset(
    {
        "have", "be", "control", "hold", "own", "include", "contain", "govern", "regulate", "promote",
        "represent", "follow", "prompt", "dominate", "border", "belong", "remain", "base",
    }
)  # fmt: skip


# nouns of what an attack hits: a clause on them says where the attack was ("attacked positions held by
# Malian soldiers near Timbuktu")
TARGET_NOUNS = frozenset({"position", "post", "territory", "line", "stronghold", "front", "area", "zone"})


def _in_stative_clause(doc: Doc, p: PlaceMention, trigger: Token) -> bool:
    """A place in a clause on a noun whose verb states a standing fact: "bases in Turkey" in "troops
    which have their bases in Turkey"; not on what the event struck or a place ("attacked positions held
    by Malian soldiers near Timbuktu")."""
    t = doc[p.start_token : p.end_token].root
    for _ in range(len(doc)):
        if t.pos_ in ("VERB", "AUX") and t.dep_ in ("relcl", "acl"):
            noun = t.head
            word = noun.lemma_.lower()
            if (noun.dep_ == "dobj" and noun.head.i == trigger.i) or word in TARGET_NOUNS | PLACE_HEADS:
                return False
            return t.lemma_.lower() in STATIVE_VERBS
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def _antecedent(doc: Doc, p: PlaceMention, trigger: Token) -> bool:
    """The place a "where" or "whose" clause holding the event is written on, though read as a party:
    "Iraq, whose military targets have been repeatedly bombed by US jets", "Kabul, where gunmen shot"."""
    root = doc[p.start_token : p.end_token].root
    for verb in (trigger, *trigger.ancestors):
        if verb.dep_ == "relcl" and verb.head.i == root.i:
            return doc[verb.left_edge.i].lower_ in ("where", "whose")
    return False


def _modifies_a_person(doc: Doc, p: PlaceMention) -> bool:
    """A place written as a modifier of something other than a place or a site: "a Tampa woman"."""
    root = doc[p.start_token : p.end_token].root
    if root.dep_ not in MODIFIER_DEPS:
        return False
    return root.head.lemma_.lower() not in PLACE_HEADS and not _names_a_site(doc, p)


def _from_area(doc: Doc, p: PlaceMention) -> bool:
    """A place written with its kind on where people come from: "nine men from Punjab province"."""
    t = doc[p.start_token : p.end_token].root
    if t.dep_ != "compound" or t.head.lemma_.lower() not in PLACE_HEADS:
        return False
    t = t.head
    # "nine men from Punjab province", where the parser may hang "from" on the verb
    return t.dep_ == "pobj" and t.head.lower_ == "from" and doc[t.head.i - 1].pos_ in ("NOUN", "PROPN")


# verbs of fire from afar: the place fired from is not where the fire struck
FIRE_VERBS = frozenset({"fire", "launch", "lob", "shell"})


def _fired_from(doc: Doc, p: PlaceMention, trigger: Token) -> bool:
    """The place fire was launched from: "fired dozens of rockets from Gaza towards Ashkelon"."""
    root = doc[p.start_token : p.end_token].root
    return trigger.lemma_.lower() in FIRE_VERBS and root.dep_ == "pobj" and root.head.lower_ == "from"


def _clause(doc: Doc, p: PlaceMention, trigger: Token) -> str:
    """Where the place is written: in the event verb's own phrase ("own": the verb is above it in the
    parse), in another clause joined to it with a subject of its own ("other"), or around it."""
    line = {trigger.i, *(a.i for a in trigger.ancestors)}
    t = doc[p.start_token : p.end_token].root
    located = False  # under "in", "near", ... on the way up
    origin = False  # under "from" on a noun: where someone comes from ("a bomber from a village near X")
    for _ in range(len(doc)):
        if t.i == trigger.i:
            return "own"
        located = located or t.lower_ in WHERE_PREPS
        origin = origin or (t.lower_ == "from" and t.head.pos_ in ("NOUN", "PROPN"))
        if t.head.i == trigger.i and t.dep_ in ("nsubj", "nsubjpass") and (origin or not located):
            # "employees of a firm of North Carolina were killed", "the bomber, from a village near
            # Jenin, detonated": the subject's phrase says who, not where; "a car bomb in Hama province
            # killed" says where
            return "around"
        if t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") and t.i not in line and _has_subject(t):
            return "other"
        if t.head.i == t.i:
            break
        t = t.head
    return "around"


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _inside(
    town: Place, area: Place, gazetteer: Gazetteer | None, places: list[PlaceMention] | None = None
) -> bool:
    """Whether a town lies in an area: its country, or its province (ADM1) or district (ADM2) by the
    gazetteer's admin codes. A locality the gazetteer lacks sits at the point of the place it was found
    in: the area itself, or a town the story names (``places``) that lies in it."""
    if area.country is None or town.country != area.country:
        return False
    if area.feature_code in COUNTRY_CODES:
        return True
    if town.geonameid is None:
        if haversine_km(town.lat, town.lon, area.lat, area.lon) < 1.0:
            return True
        anchor = next(
            (
                q.place
                for q in places or []
                if q.place.geonameid is not None
                and (q.place.feature_code or "").startswith("PP")
                and haversine_km(town.lat, town.lon, q.place.lat, q.place.lon) < 1.0
            ),
            None,
        )
        return anchor is not None and _inside(anchor, area, gazetteer)
    if area.feature_code not in ("ADM1", "ADM2") or gazetteer is None:
        return False
    mine, theirs = _admin_codes(gazetteer, town), _admin_codes(gazetteer, area)
    if mine is None or theirs is None or theirs[0] is None or mine[0] != theirs[0]:
        return False
    return area.feature_code == "ADM1" or (theirs[1] is not None and mine[1] == theirs[1])


def _may_hold(area: Place, town: Place, gazetteer: Gazetteer | None, places: list[PlaceMention]) -> bool:
    """Whether the town may lie in the area: in a province or district the gazetteer says it does not
    ("killed in Borno state" in a story about Abuja), it does not."""
    if area.feature_code in ("ADM1", "ADM2") and (gazetteer is not None or town.geonameid is None):
        return _inside(town, area, gazetteer, places)
    return area.country == town.country


def _admin_codes(gazetteer: Gazetteer, place: Place) -> tuple[str | None, str | None] | None:
    """The GeoNames admin1 and admin2 codes of a place the gazetteer has."""
    if place.geonameid is None:
        return None
    for c in gazetteer.lookup(place.name):
        if c.geonameid == place.geonameid:
            return c.admin1_code, c.admin2_code
    return None


# a place written inside a town's phrase further than this from it is another place of that name
# (ACLED's 25 km tolerance: "Moscow's Arbat street" is not Arbat in Armenia)
NEIGHBOURHOOD_KM = 25.0


ROUTE_PREPS = frozenset({"to", "from", "through", "towards", "toward", "via"})


def _town_around(doc: Doc, p: PlaceMention, here: list[PlaceMention]) -> Place | None:
    """The town a part of it is written in ("Bondhere district, Mogadishu", "Tayaran Square in central
    Baghdad", "Moscow's Arbat street"), where ACLED codes the event: when the part is not in the gazetteer,
    is a section of a town (GeoNames PPLX) or lies far from the town (a namesake). Its text spans both."""
    if not (p.is_locality or p.place.feature_code == "PPLX" or p.is_town):
        return None
    for q in here:
        if q is p or not q.is_town or q.place.feature_code == "PPLX" or not one_phrase(doc, q, p):
            continue
        if _near(doc, q) or _reference_point(doc, q):
            continue  # "Tamthil, east of Homs", "a village near Homs": beside the town, not in it
        if doc[q.start_token : q.end_token].root.head.lower_ in ROUTE_PREPS:
            continue  # "the road from Fallujah through Abu Ghraib to Baghdad": where a way runs to
        km = haversine_km(p.place.lat, p.place.lon, q.place.lat, q.place.lon)
        if p.is_town and p.place.feature_code != "PPLX" and km <= NEIGHBOURHOOD_KM:
            continue  # a real town by a bigger one ("the Los Angeles suburb of Rosemead")
        if p.is_town and (p.place.population or 0) * TOWN_RATIO >= (q.place.population or 0):
            continue
        start, end = min(p.place.start, q.place.start), max(p.place.end, q.place.end)
        return replace(q.place, text=doc.text[start:end], start=start, end=end)
    return None


# sites inside a town, where ACLED codes the town: "pushed demonstrators towards Freedom Square"
URBAN_SITE_WORDS = frozenset({"square", "palace", "stadium", "embassy"})


def _site_town(p: PlaceMention, places: list[PlaceMention]) -> Place | None:
    """The town a site the gazetteer lacks lies in ("Freedom Square", placed at the Tbilisi the story
    names), under the site's words: the event is coded at the town. A village or a camp stays itself."""
    words = p.place.text.split()
    if not (p.is_locality and p.place.geonameid is None and words and words[-1].lower() in URBAN_SITE_WORDS):
        return None
    for q in places:
        if not q.is_town or q.place.geonameid is None or q.actor or q.kind == "demonym":
            continue
        if haversine_km(p.place.lat, p.place.lon, q.place.lat, q.place.lon) < 1.0:
            return replace(q.place, text=p.place.text, start=p.place.start, end=p.place.end)
    return None


# nouns of sites with names of their own in a town: "al-Shaab Stadium in eastern Baghdad"
NAMED_SITE_NOUNS = SITE_NOUNS | {"stadium", "museum", "palace", "plant", "camp", "base", "embassy"}


def _named_site_at(doc: Doc, p: PlaceMention, places: list[PlaceMention]) -> tuple[int, int] | None:
    """The character span of a named site and the town it is written in, where the town is: "al-Zahawi
    school in western Baghdad", "the Bardo Museum in the Tunisian capital of Tunis", "Mecca's Al-Nur
    hospital", "the Tuwaitha plant outside Baghdad"; None where the site has no name of its own (a
    place the gazetteer knows on it says whose it is: "the US embassy in Baghdad")."""
    known = {i for q in places if q.place.geonameid is not None for i in range(q.start_token, q.end_token)}
    root = doc[p.start_token : p.end_token].root
    if root.dep_ == "poss":  # "Mecca's Al-Nur hospital"
        site = root.head
        if _own_name(site, known) is not None and site.i > root.i:
            return doc[p.start_token].idx, site.idx + len(site.text)
        return None
    t = root
    # up through "the Tunisian capital of Tunis", "the city of X"
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in PLACE_HEADS:
        t = t.head.head
    if t.dep_ != "pobj" or t.head.lower_ not in ("in", "outside", "near", "at"):
        return None
    site = t.head.head
    if site.i > root.i:
        return None
    start = _own_name(site, known)
    if start is None:
        # "a voting station in al-Zahawi school in western Baghdad", the parser hanging both on "station"
        named = [
            g
            for c in site.children
            if c.dep_ == "prep" and c.lower_ in ("in", "at") and c.i < t.head.i
            for g in c.children
            if g.dep_ == "pobj"
        ]
        start = next((k for g in named if (k := _own_name(g, known)) is not None), None)
    if start is None:
        return None
    return start, doc[p.end_token - 1].idx + len(doc[p.end_token - 1].text)


def _own_name(site: Token, known: set[int]) -> int | None:
    """The character offset a site's own name opens at ("al-Zahawi school", "al-Shaab Stadium"), or None
    where the site has no name (a common noun with no proper noun on it but a people's or a known place's:
    "the Nazi camp", "the US embassy")."""
    if site.lemma_.lower() not in NAMED_SITE_NOUNS and site.lower_ not in NAMED_SITE_NOUNS:
        return None
    names = [
        c
        for c in site.lefts
        if c.dep_ == "compound" and c.pos_ == "PROPN" and c.ent_type_ != "NORP" and c.i not in known
    ]
    if not names:
        return None
    return names[0].left_edge.idx


def _offset(doc: Doc, p: PlaceMention) -> bool:
    """A place an event is measured from: "15 km east of Djibo", "north of Kidal" (ACLED geo_precision 2)."""
    i = p.start_token
    if i < 2 or doc[i - 1].lower_ != "of" or doc[i - 2].lower_ not in COMPASS:
        return False
    return not (i >= 3 and doc[i - 3].lower_ in ("the", "its", "their"))  # "the north of Mali" is a region


def _near(doc: Doc, p: PlaceMention) -> bool:
    """A town the event was near or on the edge of: "near Aleppo", "the outskirts of Kabul"."""
    root = doc[p.start_token : p.end_token].root
    head = root.head
    if root.dep_ != "pobj":
        return False
    if head.lower_ in NEAR_PREPS:
        return True
    return head.lower_ == "of" and head.head.lemma_.lower() in EDGE_NOUNS


def _reference_point(doc: Doc, p: PlaceMention) -> bool:
    """A place named to say where another is: "Amara, south of Baghdad"."""
    root = doc[p.start_token : p.end_token].root
    head = root.head
    if root.dep_ != "pobj":
        return False
    if head.lower_ == "from":  # "30 kilometres from Kilinochchi", "two miles away from Djibo"
        near = [head.head, *head.children]  # the distance heads "from" or hangs from it
        return any(t.lemma_.lower() in DISTANCE_WORDS for t in near)
    return head.lower_ == "of" and head.head.lower_ in DIRECTIONS


DISTANCE_WORDS = frozenset({"kilometre", "kilometer", "km", "mile", "metre", "meter", "away"})
