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
import functools
import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from ..resources.countries import country_names
from ..resources.gazetteer import haversine_km
from ..types import Actor, Claim, DatePrecision, Event, Evidence, Fatalities, Place
from .actors import GROUP_NOUNS, ActorMention, mention_at
from .claims import REPORTING_VERBS
from .confidence import confidence
from .events import (
    FORCE_OBJECTS,
    LIGHT_VERBS,
    PERSON_NOUNS,
    PLACE_NOUNS,
    RECIPROCAL_VERBS,
    TRAVEL_VERBS,
    Coding,
    EventMention,
    Ontology,
    in_background_clause,
    no_one,
    passive_subject,
)

__all__ = [
    "Draft",
    "build_drafts",
    "combine_fatalities",
    "finalise",
    "in_act",
    "when_clauses",
    "merge_drafts",
    "salient_armed_group",
    "sentence_toll",
]

PROTEST_LEMMAS = {"protest", "protester", "demonstration", "demonstrator", "rally", "march", "sit-in"}
RIOT_LEMMAS = {
    "riot", "rioter", "loot", "torch", "burn", "vandalise", "vandalize", "ransack", "smash", "stone",
    "violent", "clash",
}  # fmt: skip
INTERVENTION_LEMMAS = {"disperse", "teargas", "baton", "truncheon", "arrest", "detain"}
INTERVENTION_WORDS = ("tear gas", "tear-gas", "water cannon", "rubber bullet", "stun grenade", "pepper spray")
# Verbs of a crowd attacking people (mob violence when the target is not the state) and state targets
MOB_VERBS = {"attack", "beat", "lynch", "stab", "hack", "assault", "kill", "chase"}
STATE_TARGETS = {
    "police", "policeman", "officer", "soldier", "troop", "station", "force", "army", "guard", "convoy",
    "patrol", "checkpoint", "barracks", "base", "office", "building", "headquarters", "parliament",
}  # fmt: skip
# Bombings that, claimed by no one, ACLED gives to an unidentified armed group
UNCLAIMED_BOMBS = {"explosion", "grenade", "suicide_bomb"}
# Nouns that "riot" modifies without saying there was a riot: "riot police", "riot gear"
RIOT_GEAR_HEADS = {"police", "policeman", "officer", "squad", "unit", "gear", "shield", "control", "force"}
ARMED_SECTORS = {"MIL", "COP", "REB", "INS"}
# Verbs that code an attack only when an armed actor does them ("a car struck a tree" is not an air strike)
ARMED_ONLY_VERBS = {"strike", "hit", "pound", "bomb", "shell", "target", "raid", "storm"}
CROWD_VERBS = {"storm"}
# Subjects that can protest ("teachers protested"; "the team rallied" is sport)
CROWD_NOUNS = {
    "people", "thousand", "hundred", "dozen", "resident", "student", "worker", "teacher", "farmer",
    "supporter", "activist", "protester", "demonstrator", "crowd", "villager", "citizen", "opposition",
    "woman", "mother", "family", "union", "member", "employee", "doctor", "nurse", "lawyer", "trader",
    "driver", "youth", "civilian", "refugee", "voter", "group", "party", "miner", "pensioner", "vendor",
    "inhabitant", "fan", "shopkeeper", "merchant", "farmworker",
}  # fmt: skip
# Verbs of harm whose object must be someone or something that can be harmed
HARM_VERBS = {
    "kill",
    "attack",
    "shoot",
    "strike",
    "hit",
    "assault",
    "ambush",
    "target",
    "bomb",
    "shell",
    "storm",
}
TARGET_NOUNS = {
    "building", "home", "house", "office", "station", "school", "hospital", "market", "mosque", "church",
    "temple", "vehicle", "car", "truck", "bus", "convoy", "patrol", "plane", "helicopter", "ship", "boat",
    "target", "infrastructure", "facility", "plant", "headquarters", "compound", "residence", "embassy",
    "prison", "jail", "hotel", "restaurant", "shop", "store", "bank", "clinic", "tanker", "train", "pipeline",
    "people", "dozen", "hundred", "thousand", "family", "crowd", "group", "gathering", "wedding", "funeral",
    "tribe", "community", "leader", "member", "official", "minister", "worshipper", "worshiper", "victim",
    "outskirts", "edge", "vicinity", "position", "stronghold", "hideout", "site", "depot", "warehouse",
    "thief", "suspect", "boy", "girl", "teenager", "youth", "pastor", "priest", "imam", "teacher", "doctor",
    "nurse", "driver", "trader", "chief", "elder", "mayor", "governor", "lawmaker", "activist", "judge",
    "lawyer", "candidate", "politician", "individual", "couple", "relative", "son", "daughter", "wife",
    "pitch", "stadium", "fan",
}  # fmt: skip
CONFLICT_LEMMAS = {
    "fighting", "fight", "attack", "offensive", "clash", "shelling", "siege", "ceasefire", "cease-fire",
    "militant", "rebel", "war", "airstrike", "strike", "bombardment", "battle", "insurgent", "militia",
}  # fmt: skip
# Arrests ACLED codes: of political actors, not of criminal suspects
POLITICAL_SECTORS = {"OPP", "REB", "INS", "MED", "NGO", "GOV", "LEG", "JUD", "REL"}
POLITICAL_DETAINEES = {
    "activist", "journalist", "protester", "demonstrator", "opponent", "dissident", "militant", "rebel",
    "politician", "lawmaker", "blogger", "critic", "minister", "opposition", "leader", "insurgent",
    "jihadist", "terrorist", "reporter", "candidate", "organiser", "organizer", "unionist", "student",
    "party", "movement", "separatist", "coup", "secretary", "chairman", "chairwoman", "chairperson",
    "spokesman", "spokeswoman", "spokesperson", "senator", "mp", "deputy", "mayor", "governor", "campaigner",
    "defender", "supporter", "rapper", "cleric", "commander",
}  # fmt: skip
# What makes a signature or consent an ACLED agreement (between parties to a conflict) rather than a
# trade deal or a bill signed into law
CONFLICT_AGREEMENTS = {
    "ceasefire", "cease-fire", "truce", "armistice", "peace", "hostilities", "exchange", "surrender",
    "evacuation", "reconciliation", "disarmament", "withdrawal", "prisoner", "hostage", "humanitarian",
}  # fmt: skip
# Kinds coded even when no actor is named: the act itself is political violence or a demonstration
ACTORLESS_KINDS = {
    "armed_clash", "explosion", "suicide_bomb", "grenade", "airstrike", "shelling", "protest", "riot",
}  # fmt: skip
VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
STATE_SECTORS = {"MIL", "GOV", "COP"}
# A one-sided battle takes its opponent only from fighting this close in time (days); a hand-set bound.
OTHER_SIDE_DAYS = 14
# More specific ACLED sub-types win when mentions of one battle merge.
SUBTYPE_RANK = {
    "Government regains territory": 3, "Non-state actor overtakes territory": 3,
    "Abduction/forced disappearance": 2, "Sexual violence": 2, "Armed clash": 1,
    "Excessive force against protesters": 2, "Protest with intervention": 1,
}  # fmt: skip
#: A protest and the forces' answer to it, told apart, are one event of the answer's sub-type.
PROTEST_ANSWERS = {"Protest with intervention", "Excessive force against protesters"}
#: Acts that only open another in the same sentence by the same actor: "stormed a school and abducted
#: 300 pupils" is one abduction (when the storming killed no one).
STAGING = {("Battles", "Armed clash"), ("Violence against civilians", "Attack")}
STAGED = {
    ("Violence against civilians", "Abduction/forced disappearance"),
    ("Violence against civilians", "Sexual violence"),
}


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
    assoc2: list[Actor] = field(default_factory=list)
    n_mentions: int = 1
    triggers: list[str] = field(default_factory=list)
    background: bool = False  # told in a relative or adverbial clause, not as the sentence's own news


DISOWN_VERBS = {"deny", "reject", "disown", "dismiss", "refute"}


def salient_armed_group(actors: list[ActorMention], doc: Doc | None = None) -> Actor | None:
    """The non-state armed group the story names most (by curated name), for "militants" and "fighters".

    With ``doc``, a group named only as the one denying ("The Taliban denied any involvement",
    "No group has claimed") is not the story's armed group.
    """
    named = [
        m.actor
        for m in actors
        if m.kind == "lexicon"
        and m.actor.sector in ("INS", "REB")
        and (doc is None or not _disowns(doc[m.head]))
    ]
    if not named:
        return None
    counts = Counter(a.name for a in named)
    best = max(counts, key=lambda n: (counts[n], -[a.name for a in named].index(n)))
    return next(a for a in named if a.name == best)


def _disowns(tok: Token) -> bool:
    """The verb governing ``tok`` denies or is negated ("the Taliban denied", "IS did not claim")."""
    verb = next((t for t in (tok, *tok.ancestors) if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    return verb.lemma_.lower() in DISOWN_VERBS or any(c.dep_ == "neg" for c in verb.children)


def _resolve_actor(
    m: ActorMention | None, armed: Actor | None, *, violent: bool, place: Place | None = None
) -> Actor | None:
    if m is None:
        return None
    a = m.actor
    if m.generic_armed and armed is not None:
        a = replace(armed, text=a.text, start=a.start, end=a.end)
    elif m.kind == "group" and not m.country_from_text and place is not None and place.country:
        a = _in_country(a, a.name.split(" (")[0], place.country)  # "civilians" are those of the place
    if violent and a.sector == "GOV" and a.country and m.kind in ("country", "state", "state-implicit"):
        # a government that bombs or fights does so through its military
        cname = country_names().name(a.country) or a.country
        a = replace(a, name=f"Military Forces of {cname}", sector="MIL", acled_inter=1)
    return a


def _in_country(a: Actor | None, label: str, country: str | None, **kw: object) -> Actor:
    """An ACLED group actor, "Protesters (Lebanon)", keeping the text it was read from."""
    cname = country_names().name(country) if country else None
    name = f"{label} ({cname})" if cname else label
    if a is None:
        return Actor(text="", name=name, country=country, **kw)  # type: ignore[arg-type]
    return replace(a, name=name, country=country, **kw)  # type: ignore[arg-type]


def _is_state(a: Actor | None) -> bool:
    return a is not None and a.sector in STATE_SECTORS


def _is_crowd(a: Actor | None, label: str | None = None) -> bool:
    """Protesters, rioters or other unarmed people (not a named armed group, not a state force)."""
    if a is None:
        return False
    if label is not None:
        return a.name.startswith(label)
    return a.sector in ("CVL", "OPP") or a.name.startswith(("Protesters", "Rioters"))


def _demonstration(
    kind: str, a1: Actor | None, a2: Actor | None, sent: Span, place: Place | None, *, violent: bool
) -> tuple[str, Actor | None, Actor | None, Actor | None]:
    """ACLED's demonstration rules: (kind, actor1, actor2, the crowd's own name as an associate).

    Protesters and rioters are always actor 1, named "Protesters (Country)" / "Rioters (Country)";
    the group they came from ("teachers", "opposition supporters") becomes an associated actor. A
    protest that forces disperse is a protest with intervention; state forces killing or shooting
    at protesters is excessive force against protesters; unarmed people fighting, burning or
    looting is a riot (mob violence when a mob attacks people)."""
    base = kind.split(":")[0]
    if kind in ("protest:boycott", "protest:armed_obstruct"):
        return kind, a1, a2, None  # a party boycotting an election, gunmen blocking a road: no crowd
    country = (place.country if place else None) or next((a.country for a in (a1, a2) if a), None)
    lemmas = {
        t.lemma_.lower()
        for t in sent
        if t.pos_ in ("NOUN", "VERB", "ADJ")
        and not t.ent_type_
        and t.dep_ != "compound"  # not "riot police"
        and not (t.dep_ == "amod" and t.head.lemma_.lower() in RIOT_GEAR_HEADS)  # "Riot police used ..."
    }
    text = sent.text.lower()
    crowd: Actor | None = None
    if base == "protest":
        if _is_state(a1) and (a2 is None or _is_crowd(a2)):  # "police dispersed the protesters"
            a1, a2, kind = a2, a1, "protest:intervention"
        if lemmas & RIOT_LEMMAS:
            kind, label, inter = "riot", "Rioters", 5
        else:
            label, inter = "Protesters", 6
            intervened = (
                lemmas & INTERVENTION_LEMMAS
                or any(w in text for w in INTERVENTION_WORDS)
                or _police_next(sent)
            )
            if kind in ("protest", "protest:obstruct") and intervened:
                kind = "protest:intervention"  # "police arrested 12 after protesters blocked the gate"
        crowd = a1 if a1 is not None and not a1.name.startswith(label) else None
        a1 = _in_country(a1, label, country, sector="CVL", acled_inter=inter)
    elif base == "riot":
        if _mob_attack(sent, lemmas):
            kind = "riot:mob"  # "supporters stormed the pitch and attacked rival fans"
        crowd = a1 if a1 is not None and not a1.name.startswith("Rioters") else None
        a1 = _in_country(a1, "Rioters", country, sector="CVL", acled_inter=5)
    elif violent or base in ("destroy_property", "looting"):
        if _is_crowd(a2, "Protesters") or (_is_state(a1) and lemmas & PROTEST_LEMMAS and violent):
            kind = "protest:excessive"
            a1, a2 = _in_country(a2, "Protesters", country, sector="CVL", acled_inter=6), a1
        elif a1 is not None and _is_crowd(a1) and (a2 is not None or base not in ("armed_clash",)):
            mob = "mob" in a1.text.lower() or kind == "riot:mob" or _mob_attack(sent, lemmas)
            kind = "riot:mob" if mob else "riot"
            crowd = a1 if not a1.name.startswith("Rioters") else None
            a1 = _in_country(a1, "Rioters", country, sector="CVL", acled_inter=5)
    return kind, a1, a2, crowd


def _police_next(sent: Span) -> bool:
    """The next sentence has police arresting or dispersing ("Hundreds protested in Moscow. Police
    detained more than 500 people."): the protest met an intervention."""
    if sent.end >= len(sent.doc):
        return False
    follow = sent.doc[sent.end].sent
    lemmas = {t.lemma_.lower() for t in follow}
    text = follow.text.lower()
    force = lemmas & {"police", "policeman", "officer", "riot", "security", "gendarme"}
    return bool(force) and bool(lemmas & INTERVENTION_LEMMAS or any(w in text for w in INTERVENTION_WORDS))


def _mob_attack(sent: Span, lemmas: set[str]) -> bool:
    """A crowd attacking people or their shops, with no demonstration told: ACLED mob violence
    ("rioters attacked and looted shops owned by traders"), not rioters fighting police."""
    if lemmas & PROTEST_LEMMAS:
        return False
    for t in sent:
        if t.pos_ != "VERB" or t.lemma_.lower() not in MOB_VERBS:
            continue
        obj = next((c for c in t.children if c.dep_ in ("dobj", "obj")), None)
        if obj is None:  # "attacked and looted shops": the object they share
            shared = [v for v in t.conjuncts if v.pos_ == "VERB"]
            obj = next((c for v in shared for c in v.children if c.dep_ in ("dobj", "obj")), None)
        if obj is None:  # "attacked and looted shops" parsed with "shops" joined to "attacked"
            obj = next((c for c in t.children if c.dep_ == "conj" and c.pos_ == "NOUN"), None)
        if obj is not None and obj.lemma_.lower() not in STATE_TARGETS and obj.ent_type_ != "ORG":
            return True
    return False


def _variant(
    kind: str, actor1: Actor | None, actor2: Actor | None, m: EventMention | None = None
) -> str | None:
    base = kind.split(":")[0]
    if base == "territory" and actor1 is not None:
        return "state" if actor1.sector in STATE_SECTORS else "nonstate"
    if base in ("attack", "armed_clash") and actor2 is not None and actor2.sector == "CVL":
        return "civilians"
    if base in ("attack", "armed_clash") and _civilian_side(actor2):
        return "civilians"  # "stormed St. Charles Catholic Church"
    if base == "attack" and actor2 is None and m is not None and _civilian_target(m):
        return "civilians"  # "attacked the village, killing 12 people"
    person = actor2 is not None and actor2.sector == "PER"  # "invaded Kwall community": NER's person
    if base in ("attack", "armed_clash") and person and m is not None and _civilian_target(m, ("on", "at")):
        return "civilians"
    if (
        base == "armed_clash"
        and actor2 is None
        and m is not None
        and m.trigger.lemma_.lower() not in RECIPROCAL_VERBS  # "gunmen clashed, killing two people"
        and _civilian_target(m, preps=("on", "at"))
    ):
        return "civilians"  # "stormed a hotel", "opened fire on a bus": no armed opponent
    return None


# What an attack with no armed opponent hit when it hit civilians (ACLED: violence against civilians)
CIVILIAN_TARGETS = {
    "people", "person", "village", "market", "mosque", "church", "school", "home", "house", "hospital",
    "camp", "bus", "wedding", "funeral", "shop", "restaurant", "hotel", "crowd", "family", "passenger",
    "worshipper", "worshiper", "villager", "resident", "civilian", "farmer", "student", "child", "woman",
    "community", "neighbourhood", "neighborhood", "settlement", "hamlet", "clinic", "residence", "worker",
    "journalist", "reporter", "teacher", "pupil", "schoolgirl", "schoolboy", "doctor", "nurse", "trader",
    "merchant", "vendor", "herder", "shepherd", "fisherman", "miner", "pilgrim", "mourner", "shopper",
    "tourist", "traveller", "traveler", "commuter", "motorist", "driver", "priest", "pastor", "imam",
    "cleric", "refugee", "migrant", "man", "boy", "girl", "baby", "elder", "mayor", "official", "politician",
    "lawmaker", "councillor", "councilor", "chief", "judge", "prosecutor", "candidate", "activist",
    "businessman", "congregation", "procession", "governor", "commissioner", "administrator",
}  # fmt: skip


#: Modifiers that make a target armed: "a separatist camp", "a militant hideout", "an army base".
ARMED_MODIFIERS = {
    "separatist", "militant", "rebel", "insurgent", "terrorist", "jihadist", "military", "army", "militia",
    "guerrilla", "training", "police",
}  # fmt: skip


def _civilian_target(m: EventMention, preps: tuple[str, ...] = ("on", "at", "in")) -> bool:
    verbs = list(m.tokens)
    if not any(
        c.dep_ == "dobj" for c in m.trigger.children
    ):  # "shot and killed the mayor": the shared object
        verbs += [v for v in m.trigger.conjuncts if v.pos_ == "VERB"]
    for verb in verbs:
        for c in verb.children:
            objs = [c] if c.dep_ in ("dobj", "nsubjpass") else []
            if c.dep_ == "prep" and c.lower_ in preps:
                objs = [p for p in c.children if p.dep_ == "pobj"]
            objs = [o for o in objs if not any(x.lemma_.lower() in ARMED_MODIFIERS for x in o.children)]
            if any(o.lemma_.lower() in CIVILIAN_TARGETS or o.lower_ in ("him", "her") for o in objs):
                return True
    return False


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
    reported: dict[int, tuple[dt.date, DatePrecision]] | None = None,
) -> list[Draft]:
    """One draft per mention, in text order, with story-level gaps filled.

    ``reported`` maps a trigger to the date of the clause that reports it ("said on 15 July that
    ..."), used when the mention has no date of its own, without making the date explicit.
    """
    armed = salient_armed_group(actors, mentions[0][0].sent.doc if mentions else None)
    drafts: list[Draft] = []
    last_date = fallback_date
    last_violent: tuple[Draft, Span] | None = None
    acts = {m.trigger.i for m, *_ in mentions if ontology.is_violent(m.kind) and not m.negated}
    for order, (m, place, precision, date, fatal, claims) in enumerate(mentions):
        violent = ontology.is_violent(m.kind)
        if violent and _toll_of(m, acts):
            continue  # "a suicide bomber blew himself up, killing 9": the toll of the bombing, one event
        if last_violent is not None and _casualty_follow_up(m, place, date, *last_violent):
            # "Al-Shabaab attacked a base. Three soldiers were killed.": the toll of the attack
            prev = last_violent[0]
            if fatal:
                prev.fatalities = combine_fatalities(prev.fatalities, sentence_toll(fatal))
            ev = _evidence(article_id, m.sent)
            if ev not in prev.evidence:
                prev.evidence.append(ev)
            last_violent = (prev, m.sent)
            continue
        actor1 = m.actor1 or (_doer_in_when_clause(m, actors) if violent else None)
        continued = False
        if actor1 is None and violent and fatal:
            actor1 = _doer_told_before(m, actors)  # "armed men stopped a coach. Seven were shot dead."
            continued = actor1 is not None
        a1 = _resolve_actor(actor1, armed, violent=violent, place=place)
        a2 = _resolve_actor(m.actor2, armed, violent=violent, place=place)
        if violent and last_violent is not None and _elaboration(m, place, date, *last_violent):
            # "JNIM attacked a post. The soldiers repelled the assault.": the same fight, told on
            prev = last_violent[0]
            if prev.actor2 is None and a1 is not None and not _same(a1, prev.actor1):
                prev.actor2, prev.actor2_inferred = a1, False
            if fatal:
                prev.fatalities = combine_fatalities(prev.fatalities, sentence_toll(fatal))
            ev = _evidence(article_id, m.sent)
            if ev not in prev.evidence:
                prev.evidence.append(ev)
            prev.claims += [c for c in claims if c not in prev.claims]
            last_violent = (prev, m.sent)
            continue
        damage = m.kind.split(":")[0] in ("destroy_property", "looting")
        crowd_led = (  # "thousands of supporters of X", not "members of the gang"
            a1 is not None and a1.sector not in ARMED_SECTORS and not _heads_subject(m) and _crowd_subject(m)
        )
        armed_group = (
            _subject_lemma(m) == "group"
        )  # "the Iran-aligned group attacked ships": armed, not a crowd
        if (
            (a1 is None or crowd_led)
            and (violent or damage)
            and not armed_group
            and _crowd_subject(m, any_plural=damage)
        ):
            # "garment workers torched cars": a crowd, made rioters below
            subject = _subject(m)
            text = subject.text if subject is not None else m.trigger.text
            a1 = Actor(text=text, name="Crowd", country=None, sector="CVL", acled_inter=None)
        named_men = a1 is not None and (a1.sector is None or (a1.sector == "PER" and not _heads_subject(m)))
        if violent and named_men and a1 is not None and _armed_subject(m):
            # "armed Lou Nuer youth attacked": an identity militia of the people named
            a1 = replace(a1, name=f"{a1.name} Ethnic Militia", sector="REB", acled_inter=4)
        elif violent and a1 is not None and a1.sector == "CVL" and (people := _armed_people(m)) is not None:
            name = f"{people} Ethnic Militia" if people else "Unidentified Armed Group"  # "armed youth"
            a1 = replace(a1, name=name, sector="REB" if people else "INS", acled_inter=4 if people else 3)
        if (a1 is None and a2 is None and not _actorless_ok(m)) or not _plausible(m, a1, a2, violent=violent):
            # nobody did anything, or not an event we code; its date still dates what follows
            last_date = date if date is not None else last_date
            continue
        kind = m.kind
        if kind == "protest:obstruct" and a1 is not None and a1.sector in ARMED_SECTORS - {"COP"}:
            kind = "protest:armed_obstruct"  # "gunmen blocked the highway": PLOVER obstruct, no ACLED protest
        if kind == "armed_clash" and _is_crowd(a1) and m.trigger.lemma_.lower() in CROWD_VERBS:
            kind = "riot"  # "supporters stormed the Congress"
        if kind == "armed_clash" and _is_crowd(a1) and a2 is None and _rival_crowds(m):
            kind = "riot:mob"  # "rival fans clashed inside the stadium": a brawl between crowds
        kind, a1, a2, crowd = _demonstration(kind, a1, a2, m.sent, place, violent=violent)
        if kind in ("arrest", "coerce:seize") and place is not None and _holds_place(m, place):
            kind = "territory"  # "announced it had seized Lashio": a town taken, not a person or goods
        if kind == "arrest" and not _political_detention(m, a2):
            kind = "arrest:criminal"  # a police-blotter arrest: PLOVER coercion, not an ACLED event
        base = kind.split(":")[0]
        if base == "retreat" and not (a1 is not None and a1.sector in ARMED_SECTORS):
            kind = "retreat:civil"  # "suspects surrendered to police": not a transfer of territory
        if kind == "protest:intervention" and m.trigger.lemma_.lower() == "use" and not _is_state(a2):
            continue  # "the gang used tear gas to rob a bank": no force policing a crowd
        if base == "base_established" and not (a1 is not None and a1.sector in ARMED_SECTORS):
            continue  # "the company opened its headquarters in Nairobi": no armed force settling in
        if base in ("merge", "breakaway") and not _armed_group_change(m, a1, a2):
            continue  # "the two banks merged", "he broke away from the party": no armed group changing
        if base == "disarm" and not (a1 is not None and a1.sector in ("REB", "INS") and _own_disarmament(m)):
            # "troops disarmed the rebels": not a group changing what it is
            fighters = a1 is not None and a1.sector in ARMED_SECTORS
            kind = "retreat" if fighters and m.trigger.lemma_.lower() == "surrender" else "retreat:civil"
        if base == "attack" and a1 is not None and a1.sector == "COP" and m.trigger.lemma_.lower() == "raid":
            kind = "coerce"  # police raids are searches and arrests, not attacks
        if kind == "armed_clash" and _is_crowd(a1) and a2 is None:
            continue  # "residents battling the crisis": no opponent, no fight
        if kind == "agree" and (
            a1 is None
            or a1.sector in (None, "PER")  # "the suspect agreed to surrender to police"
            or not any(t.lemma_.lower() in CONFLICT_AGREEMENTS for t in m.trigger.subtree)
        ):
            kind = "pledge"  # "agreed to set up a centre", a trade deal: a commitment, not an ACLED agreement
        if kind == "protest:intervention" and a2 is None:  # "police fired tear gas at students who ..."
            force = next(
                (
                    x.actor
                    for x in actors
                    if m.sent.start <= x.start_token < m.sent.end and x.actor.sector in STATE_SECTORS
                ),
                None,
            )
            a2 = force
        if kind in ("attack", "armed_clash") and (weapon := _weapon_used(m)) is not None:
            kind = weapon  # "hurled a grenade at the market", "a military jet attacked a crowd"
        if a1 is None and kind.split(":")[0] in UNCLAIMED_BOMBS and not (m.negated or m.hypothetical):
            # "an IED exploded as a patrol passed; no group claimed it": ACLED's unidentified armed group
            country = (place.country if place else None) or (a2.country if a2 else None)
            a1 = _in_country(None, "Unidentified Armed Group", country, sector="INS", acled_inter=3)
        variant = _variant(kind, a1, a2, m)
        if ":" in kind:
            key, coding = kind, ontology.rows[kind]
        else:
            key, coding = ontology.code(kind, variant)
        inferred = False
        if coding.acled_event_type == "Battles" and a2 is None and a1 is not None:
            a2 = _other_side(a1, drafts, date[0] if date else None)
            inferred = a2 is not None
        explicit = date is not None
        if date is None and continued:
            date = last_date  # the act told just before, by the same men, is dated there
        elif date is None and (said := (reported or {}).get(m.trigger.i)) is not None:
            date = last_date = said  # the report's date: an event told after it happened by then too
        elif date is None:
            date = last_date
        else:
            last_date = date
        ev = _evidence(article_id, m.sent)
        assoc = [a for a in (_resolve_actor(x, armed, violent=violent) for x in m.assoc1) if a is not None]
        assoc2 = [
            a
            for a in (_resolve_actor(x, armed, violent=violent) for x in m.assoc2 if not x.generic_armed)
            if a
        ]
        if crowd is not None and (a1 is None or crowd.name != a1.name):
            assoc.insert(0, crowd)
        drafts.append(
            Draft(
                kind=key,
                coding=coding,
                actor1=a1,
                actor2=a2,
                assoc1=assoc,
                assoc2=assoc2,
                location=place,
                geo_precision=precision,
                date=date[0] if date else None,
                precision=date[1] if date else None,
                date_explicit=explicit,
                fatalities=sentence_toll(fatal),
                claims=claims,
                evidence=[ev],
                negated=m.negated,
                hypothetical=m.hypothetical,
                order=order,
                actor2_inferred=inferred,
                triggers=[t.text for t in m.tokens],
                background=in_background_clause(m.trigger),
            )
        )
        d = drafts[-1]
        if ontology.is_violent(d.kind) and not (d.negated or d.hypothetical):
            last_violent = (d, m.sent)
    return drafts


# Who a figure counts, by its last word: figures for different sides add up ("27 soldiers ...
# Fourteen attackers were also killed" is 41 dead); figures for the same side or for unnamed
# "people" are rival counts of the same dead, of which ACLED keeps the lowest.
SIDE_WORDS = {
    "state": {
        "soldier", "troop", "officer", "policeman", "police", "guard", "serviceman", "gendarme", "marine",
    },
    "armed": {
        "militant", "attacker", "fighter", "insurgent", "jihadist", "gunman", "rebel", "assailant",
        "terrorist", "bandit", "militiaman",
    },
    "civilian": {
        "civilian", "villager", "resident", "child", "woman", "worshipper", "passenger", "student", "farmer",
    },
}  # fmt: skip


def _side(f: Fatalities) -> str | None:
    return _side_of(f.text)


def _side_of(text: str) -> str | None:
    words = [w for w in text.lower().replace("-", " ").split() if w.isalpha()]
    if not words:
        return None
    last = words[-1]
    for cand in (last, last[:-1], last[:-2]):  # as written, less a plural "s" or "es" ("soldiers")
        for side, nouns in SIDE_WORDS.items():
            if cand in nouns:
                return side
    return None


def combine_fatalities(a: Fatalities | None, b: Fatalities | None) -> Fatalities | None:
    """One event's toll from two figures: the sum when they count different sides, else the lowest."""
    figures = [f for f in (a, b) if f is not None and f.count > 0]
    if len(figures) < 2:
        return figures[0] if figures else None
    x, y = figures
    for whole, part in ((x, y), (y, x)):  # "7 soldiers + 20 militants", then "30 soldiers" claimed
        if " + " in whole.text and _side(part) in {_side_of(t) for t in whole.text.split(" + ")}:
            return whole  # a side already counted: a rival figure, and the list is the lower reading
    sides = {_side(x), _side(y)}
    # different sides add up; so do the attackers killed beside victims of no named side
    # ("stormed a hotel, killing 26 people ... forces killed the four attackers": 30)
    apart = len(sides) == 2 and (None not in sides or "armed" in sides)
    if None in sides and any(" + " in f.text for f in (x, y)):
        apart = False  # "22 people were killed ... 7 soldiers and 15 Houthis": the total broken down
    if x.start != y.start and apart:
        first, second = sorted(figures, key=lambda f: f.start)
        return Fatalities(
            count=x.count + y.count, text=f"{first.text} + {second.text}", start=first.start, end=second.end
        )
    return min(figures, key=lambda f: f.count)  # ACLED: lowest credible figure


def sentence_toll(figures: list[Fatalities]) -> Fatalities | None:
    """One sentence's toll from its figures in text order: a list ("5 soldiers and 12 militants were
    killed") adds up to 17; "hundreds died, the government said only 40" keeps the lowest."""
    groups: list[Fatalities] = []
    for f in sorted(figures, key=lambda f: f.start):
        if f.listed and groups:  # "170 civilians and 13 US service members": one list, one sum
            g = groups[-1]
            f = Fatalities(count=g.count + f.count, text=f"{g.text} + {f.text}", start=g.start, end=f.end)
            groups[-1] = f
        else:
            groups.append(f)
    return functools.reduce(combine_fatalities, groups, None)


def _evidence(article_id: str, sent: Span) -> Evidence:
    return Evidence(article_id, sent.text.strip(), sent.start_char, sent.start_char + len(sent.text.rstrip()))


CASUALTY_VERBS = {"kill", "wound", "injure"}
#: Verbs that judge or name an act already told when their object is that act with "the".
JUDGING_VERBS = {"call", "describe", "condemn", "denounce", "term", "label", "decry", "deplore", "brand"}


def _toll_of(m: EventMention, acts: set[int]) -> bool:
    """A participle of killing or wounding hung on another violent act in its sentence ("blew himself
    up outside a mosque, killing 9"), or deaths in an act named by a noun: that act's toll, which
    ``_toll_owners`` has given it."""
    trig = m.trigger
    if trig.lemma_.lower() not in CASUALTY_VERBS:
        return False
    hung = trig.tag_ == "VBG" and trig.dep_ in ("advcl", "xcomp")
    if hung and trig.head.i in acts and trig.head.i != trig.i:
        return True
    return in_act(trig, acts) is not None  # "7 civilians killed in a car bomb explosion": the explosion's


def in_act(verb: Token, acts: Iterable[int]) -> int | None:
    """The violent act a death or injury happened in, named by a noun: "killed in a car bomb explosion",
    "wounded in the attack"; None when there is none."""
    preps = (c for v in (verb, *verb.conjuncts) for c in v.children if c.dep_ == "prep")
    for prep in (p for p in preps if p.lower_ in ("in", "during", "by")):  # "killed and 20 injured in"
        for noun in prep.children:
            if noun.dep_ == "pobj" and noun.i in acts:
                return int(noun.i)
    return None


def _names_back(verb: Token) -> bool:
    """``verb``'s object is a definite event noun: "the attack", "this bombing"."""
    return any(c.dep_ == "dobj" and _definite(c) for c in verb.children)


#: Prepositions whose gerund names a kind of act, not an act that happened ("tired of police killing").
GERUND_FRAMES = {"of", "about", "against", "over"}
#: Words of an accident: deaths in their sentence are not political violence.
ACCIDENT_LEMMAS = {"collide", "collision", "crash", "overturn", "derail", "capsize", "accident", "plunge"}


def _casualty_follow_up(
    m: EventMention,
    place: Place | None,
    date: tuple[dt.date, DatePrecision] | None,
    prev: Draft,
    prev_sent: Span,
) -> bool:
    """A sentence that only counts the dead of the violent event just told, in the same paragraph:
    "Three soldiers were killed." (passive, no attacker, no place or date of its own)."""
    trig = m.trigger
    if trig.lemma_.lower() not in CASUALTY_VERBS or m.actor1 is not None or m.folded:
        return False
    back = _points_back(trig)  # "... were killed in the fighting": the fight told, wherever it was told
    if m.nominal and not back:
        return False
    reduced = trig.dep_ == "acl" and trig.tag_ == "VBN"  # "documented 179 civilians killed in Soro"
    if not (reduced or any(c.dep_ == "nsubjpass" for c in trig.children)) or m.hypothetical:
        return False
    if m.negated and not no_one(trig):  # "No residents were injured": the attack's (empty) toll
        return False
    if m.sent.start_char < prev_sent.end_char or m.sent.start == prev_sent.start:
        return False
    if not back and "\n\n" in m.sent.doc.text[prev_sent.end_char : m.sent.start_char]:
        return False  # another paragraph
    if not back and m.sent.start - prev_sent.end > 0 and m.sent.start != prev_sent.end:
        return False  # not the next sentence
    if date is not None and prev.date is not None and date[0] != prev.date:
        return False
    return not _elsewhere(place, prev, m.sent)


#: Event nouns a casualty sentence points back with: "five people were killed in the fighting".
BACK_EVENTS = {
    "fighting", "clash", "attack", "assault", "raid", "ambush", "violence", "explosion", "blast", "bombing",
    "strike", "shelling", "siege", "offensive", "battle", "incident", "unrest", "massacre", "shooting",
}  # fmt: skip


def _definite(noun: Token) -> bool:
    """``noun`` points at something already told: "the attack", "this bombing", "its offensive"."""
    return any(
        d.dep_ == "poss" or (d.dep_ == "det" and d.lower_ in ("the", "this", "that", "these"))
        for d in noun.children
    )


def _points_back(verb: Token) -> bool:
    """``verb`` has an "in/during the <event noun>" phrase: the event already told."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "during"):
            for noun in c.children:
                if noun.dep_ == "pobj" and _definite(noun) and noun.lemma_.lower() in BACK_EVENTS:
                    return True
    return False


#: Definite nouns that point back to a fight just told: "repelled the assault", "the attackers fled".
BACK_REFERENCES = {
    "assault", "attack", "raid", "ambush", "offensive", "incursion", "advance", "attacker", "assailant",
    "onslaught", "siege",
}  # fmt: skip


def _elaboration(
    m: EventMention,
    place: Place | None,
    date: tuple[dt.date, DatePrecision] | None,
    prev: Draft,
    prev_sent: Span,
) -> bool:
    """The next sentence of the paragraph goes on about the violent event just told, pointing back
    to it with a definite noun ("The soldiers repelled the assault"), with no date or place of its own."""
    if m.negated or m.hypothetical or prev.negated or prev.hypothetical or m.nominal:
        return False
    if m.sent.start != prev_sent.end or "\n\n" in m.sent.doc.text[prev_sent.end_char : m.sent.start_char]:
        return False
    if date is not None and prev.date is not None and date[0] != prev.date:
        return False
    if _elsewhere(place, prev, m.sent):
        return False
    for c in m.trigger.children:
        nouns = [c] if c.dep_ in ("dobj", "nsubj", "nsubjpass") else []
        if c.dep_ == "prep":
            nouns = [p for p in c.children if p.dep_ == "pobj"]
        for n in nouns:
            if _definite(n) and n.lemma_.lower() in BACK_REFERENCES:
                return True
    return False


def _elsewhere(place: Place | None, prev: Draft, sent: Span) -> bool:
    """``place``, named in ``sent`` itself, is more than 25 km from the previous event's place."""
    if place is None or prev.location is None or not (sent.start_char <= place.start < sent.end_char):
        return False  # a place carried over from earlier in the story says nothing new
    if place.geonameid == prev.location.geonameid:
        return False
    return haversine_km(place.lat, place.lon, prev.location.lat, prev.location.lon) > 25


def _actorless_ok(m: EventMention) -> bool:
    """Whether a mention naming no actor is still an event: a bomb, a strike, shelling, fighting or a
    protest named by a noun ("a car bomb exploded", "clashes erupted"), a killing by a weapon named
    ("killed when a bomb struck a bus"), not a verb that is often figurative or about traffic ("fight
    inflation", "a car struck a tree")."""
    base = m.kind.split(":")[0]
    if base == "disrupted_weapons":
        return True  # "two missiles were intercepted over Kabul": whoever stopped them
    if base in ("merge", "breakaway"):
        return any(t.lemma_.lower() in ARMED_GROUP_WORDS for t in m.sent)  # "armed factions announced ..."
    if base == "attack" and _weapon_used(m) in ACTORLESS_KINDS:
        return True  # "eight people were killed when a roadside bomb struck a minibus"
    if base not in ACTORLESS_KINDS:
        return False
    return m.nominal or (base in ("protest", "riot") and _crowd_subject(m))


def _crowd_subject(m: EventMention, *, any_plural: bool = False) -> bool:
    """The verb's subject is a crowd: "hundreds of nurses protested", "students who were protesting";
    with ``any_plural``, any plural common noun ("striking dockers torched cars")."""
    trig = m.trigger
    subject = _subject(m)
    if subject is not None and subject.lower_ in ("who", "that") and trig.dep_ == "relcl":
        subject = trig.head
    if subject is None:
        return False
    collective = subject.lemma_.lower() in (
        "crowd",
        "mob",
        "group",
        "union",
        "party",
        "thousand",
        "hundred",
        "dozen",
    )
    if subject.tag_ not in ("NNS", "NNPS") and not collective:
        return False  # a crowd is many: "Woman stabbed" is not one
    words = {subject.lemma_.lower()} | {
        p.lemma_.lower() for prep in subject.children if prep.lower_ == "of" for p in prep.children
    }
    return bool(words & CROWD_NOUNS) or (any_plural and subject.tag_ == "NNS")


#: Weapons named as what an attacker threw, fired or planted, or as the attacker itself.
_WEAPON_OBJECTS = {
    "grenade": "grenade", "rocket": "shelling", "missile": "shelling", "mortar": "shelling",
    "shell": "shelling", "bomb": "explosion", "ied": "explosion", "mine": "explosion",
    "landmine": "explosion", "explosive": "explosion",
}  # fmt: skip
_AIRCRAFT = {"jet", "warplane", "aircraft", "plane", "helicopter", "drone", "gunship", "airplane"}


def _weapon_used(m: EventMention) -> str | None:
    """The ACLED kind a verb's weapon gives: "hurled a grenade" (grenade), "fired rockets at" (shelling),
    "a military jet and a helicopter attacked" (air strike); None when no weapon is named."""
    verbs = [m.trigger] + ([m.trigger.head] if m.trigger.dep_ in ("advcl", "conj") else [])
    for c in (c for v in verbs for c in v.children):  # "hurled a grenade at the market, injuring 12"
        if c.dep_ == "dobj" and c.lemma_.lower() in _WEAPON_OBJECTS:
            return _WEAPON_OBJECTS[c.lemma_.lower()]
        if c.dep_ == "nsubj" and c.lemma_.lower() in _AIRCRAFT:
            return "airstrike"
    heads = [m.trigger, *m.trigger.conjuncts]
    named = [  # "killed when mortar shells landed", "killed and 20 injured in an explosive device blast"
        *(c for v in heads for clause in v.children if clause.dep_ == "advcl" for c in clause.children
          if c.dep_ in ("nsubj", "nsubjpass", "dobj")),
        *(c for v in heads if m.trigger.lemma_.lower() in CASUALTY_VERBS for prep in v.children
          if prep.dep_ == "prep" and prep.lower_ in ("in", "by") for c in prep.children if c.dep_ == "pobj"),
    ]  # fmt: skip
    for c in named:
        words = [c.lemma_.lower()] + [  # "an explosive device", "a roadside bomb"
            x.lemma_.lower() for x in c.children if x.dep_ in ("compound", "amod")
        ]
        if any(w in _WEAPON_OBJECTS for w in words):
            return next(_WEAPON_OBJECTS[w] for w in reversed(words) if w in _WEAPON_OBJECTS)
    return None


def _armed_subject(m: EventMention) -> bool:
    """The verb's subject is armed men of a people: "armed Lou Nuer youth", "Fulani gunmen"."""
    subject = _subject(m)
    if subject is None:
        return False
    armed = any(c.dep_ == "amod" and c.lower_ in ("armed", "heavily-armed") for c in subject.children)
    return armed or subject.lemma_.lower() in ("youth", "gunman", "militiaman", "combatant", "fighter")


def when_clauses(verb: Token, marks: frozenset[str] = frozenset({"when", "as"})) -> Iterator[Token]:
    """The adverbial clauses on ``verb`` or a verb joined to it that say when it happened, opened by one
    of ``marks`` ("killed when a bomb struck"); not "killed since the group began its insurgency"."""

    def opened(clause: Token) -> bool:
        return clause.dep_ == "advcl" and any(
            c.dep_ in ("advmod", "mark") and c.lower_ in marks for c in clause.children
        )

    for v in (verb, *verb.conjuncts):
        yield from (c for c in v.children if opened(c))
    head = verb.head
    if verb.dep_ == "ccomp" and head.i > verb.i and head.lemma_.lower() in REPORTING_VERBS:
        # "Two officers were killed when rebels attacked a post, authorities reported": the parser hangs
        # the clause on the reporting verb; one between the killing and that verb tells the killing
        yield from (c for c in head.children if verb.i < c.i < head.i and opened(c))


def _doer_in_when_clause(m: EventMention, actors: list[ActorMention]) -> ActorMention | None:
    """ "Two people were killed when unknown assailants threw a grenade": the passive toll's doer is
    the subject of its "when" clause."""
    for clause in when_clauses(m.trigger):
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        found = mention_at(actors, subject.i) if subject is not None else None
        if found is None and subject is not None:  # "when mortar shells fired by al-Shabaab landed"
            agents = [
                p
                for c in subject.children
                if c.dep_ == "acl"
                for a in c.children
                if a.dep_ == "agent"
                for p in a.children
                if p.dep_ == "pobj"
            ]
            agents += [
                p for a in clause.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"
            ]
            found = next((x for x in (mention_at(actors, p.i) for p in agents) if x is not None), None)
        if found is not None:
            return found
    return None


def _doer_told_before(m: EventMention, actors: list[ActorMention]) -> ActorMention | None:
    """For deaths told with no doer ("Seven passengers were offloaded and shot dead"), the armed men
    the sentence before, in the same paragraph, named as acting ("armed men set up a blockade")."""
    if m.trigger.dep_ == "ROOT" and not passive_subject(m.trigger):
        return None
    doc, start = m.sent.doc, m.sent.start
    if start == 0:
        return None
    before = doc[start - 1].sent
    if "\n\n" in doc.text[before.end_char : m.sent.start_char]:
        return None
    subjects = [
        a
        for a in actors
        if before.start <= a.start_token < before.end
        and a.actor.sector in ARMED_SECTORS
        and doc[a.start_token : a.end_token].root.dep_ == "nsubj"
        and not (m.actor2 is not None and a.actor.name == m.actor2.actor.name)  # not the dead themselves
    ]
    return subjects[-1] if subjects else None


def _rival_crowds(m: EventMention) -> bool:
    """Two crowds fighting each other: "rival supporters clashed", "fans fought one another"."""
    subject = _subject(m)
    if subject is not None and any(c.lower_ in ("rival", "opposing") for c in subject.children):
        return True
    text = m.sent.text.lower()
    return "each other" in text or "one another" in text


ARMED_GROUP_WORDS = {
    "faction", "militant", "rebel", "militia", "armed", "insurgent", "fighter", "combatant", "jihadist",
    "brigade", "guerrilla", "front", "dissident",
}  # fmt: skip


def _armed_group_change(m: EventMention, a1: Actor | None, a2: Actor | None) -> bool:
    """A merger or split of armed groups: a side is one, or the sentence names one ("to form a new
    faction", "the fronts of the FARC dissidents announced they were breaking away")."""
    if any(a is not None and a.sector in ("REB", "INS") for a in (a1, a2)):
        return True
    return any(t.lemma_.lower() in ARMED_GROUP_WORDS for t in m.sent)


def _own_disarmament(m: EventMention) -> bool:
    """ "the militia disbanded", "fighters burned their weapons": the group disarms itself (no object, or
    its own arms), not "disarmed the rebels"."""
    if m.nominal:
        return True  # "announced the dissolution of our armed movement"
    obj = next((c for c in m.trigger.children if c.dep_ == "dobj"), None)
    return obj is None or any(c.dep_ == "poss" for c in obj.children)


def _subject(m: EventMention) -> Token | None:
    """The trigger's own subject, or for a verb joined by "and" to one before it, that verb's
    ("supporters stormed the pitch and attacked fans"); never what was done to ("Six women assaulted")."""
    verb = m.trigger
    own = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    patient = passive_subject(verb)
    if own is not None and patient is not None and patient.i == own.i:
        return None
    if own is None and verb.dep_ == "conj" and verb.head.i < verb.i and verb.head.pos_ == "VERB":
        return next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return own


def _subject_lemma(m: EventMention) -> str | None:
    subject = _subject(m)
    return subject.lemma_.lower() if subject is not None else None


# people whose trade is civilian but who, when they kill, are armed men of a community in conflict
# reporting ("herders killed 11 villagers"): coded as an identity militia or an unidentified armed group
ARMED_WHEN_VIOLENT = frozenset({"herder", "herdsman", "herdsmen"})


def _armed_people(m: EventMention) -> str | None:
    """For a subject of civilians called armed ("armed Lou Nuer youth") or herders who kill ("Fulani
    herdsmen attacked"), the people named in it ("Lou Nuer", or "" when none is); None otherwise."""
    subject = _subject(m)
    if subject is None:
        return None
    armed = any(c.dep_ == "amod" and c.lower_ == "armed" for c in subject.children)
    if not armed and subject.lemma_.lower() not in ARMED_WHEN_VIOLENT:
        return None
    return " ".join(
        t.text for t in subject.subtree if t.i < subject.i and (t.pos_ == "PROPN" or t.ent_type_ == "NORP")
    )


def _heads_subject(m: EventMention) -> bool:
    """Actor 1 is the verb's subject itself, not a name inside it ("thousands of supporters of X")."""
    subject = _subject(m)
    return m.actor1 is None or subject is None or m.actor1.start_token <= subject.i < m.actor1.end_token


def _holds_place(m: EventMention, place: Place) -> bool:
    """The verb's object is the place named ("seized Lashio"), which NER may have called a person."""
    return any(c.dep_ == "dobj" and place.start <= c.idx < place.end for c in m.trigger.children)


def _political_detention(m: EventMention, a2: Actor | None) -> bool:
    """ACLED codes arrests of political actors (activists, opposition members, journalists,
    protesters, armed group members), not of people charged with ordinary crimes."""
    if a2 is not None and (a2.sector in POLITICAL_SECTORS or a2.name.startswith(("Protesters", "Rioters"))):
        return True
    if m.actor1 is not None and m.actor1.actor.sector == "MIL":
        return True  # soldiers detaining people: a security operation, not a police blotter
    held = [c for c in m.trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(t.lemma_.lower() in POLITICAL_DETAINEES for h in held for t in h.subtree)


def _targetable(tok: Token) -> bool:
    """Whether a direct object can be the target of violence: people, a place, a structure, a number."""
    if tok.ent_type_ in ("PERSON", "NORP", "GPE", "LOC", "FAC", "ORG") or tok.pos_ == "NUM":
        return True
    if tok.lower_ in ("him", "her", "them"):
        return True  # "fighters detained and killed him"
    lemma = tok.lemma_.lower()
    known = TARGET_NOUNS | PERSON_NOUNS | PLACE_NOUNS | FORCE_OBJECTS | GROUP_NOUNS.keys()
    if lemma in known:
        return True
    # "the outskirts of Khan Younis", "positions of the army": what the phrase is part of
    return any(
        p.dep_ == "pobj" and _targetable(p)
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children
    )


def _plausible(m: EventMention, a1: Actor | None, a2: Actor | None, *, violent: bool) -> bool:
    """Verbs that are events only in the hands of the right actor: "warplanes struck" but not "a car
    struck"; "thousands of teachers protested" but not "the team rallied"."""
    lemma = m.trigger.lemma_.lower()
    trig = m.trigger
    if m.nominal and trig.lemma_.lower() == "join" and m.kind.split(":")[0] != "protest":
        return False  # one joins a march; "join the flood fighting effort" is no fight
    if m.nominal and trig.lemma_.lower() in JUDGING_VERBS and _names_back(trig):
        return False  # "calling the attack barbaric", "condemned the bombing": a judgement of an act told
    if trig.tag_ == "VBG" and trig.dep_ in ("pcomp", "pobj") and trig.head.lower_ in GERUND_FRAMES:
        return False  # "tired of police killing our people", "accused of torching homes": no act told
    if m.kind.split(":")[0] == "support" and m.trigger.tag_ == "VBN" and m.trigger.dep_ == "acl":
        return False  # "troops backed by coalition warplanes": who fought alongside, not an act of support
    if violent and lemma in CASUALTY_VERBS and {t.lemma_.lower() for t in m.sent} & ACCIDENT_LEMMAS:
        return False  # "a bus collided with a truck, killing 14": a road accident
    if m.nominal and lemma in TRAVEL_VERBS and m.kind.split(":")[0] in ("visit", "consult"):
        return a1 is not None and a1.sector not in (None, "PER")  # a private person's trip is no visit
    if m.nominal:
        return True
    lone = a1 is not None and a1.sector == "PER"
    unplaced = a1 is not None and a1.sector is None and a1.acled_inter != 1  # a state has inter 1
    if violent and unplaced and (a2 is None or (a2.sector is None and a2.acled_inter != 1)):
        return False  # a company or club "attacked" a rival: not organised violence
    if violent and a1 is None and _weapon_used(m) in ACTORLESS_KINDS:
        return True  # "killed when a roadside bomb struck a minibus": someone planted it
    if violent and (lone or (a1 is None and (a2 is None or a2.sector == "PER"))):
        return False  # one person killing another, or a death with no one behind it: crime or accident
    base = m.kind.split(":")[0]
    if violent and a2 is None and lemma in HARM_VERBS:
        obj = next((c for c in m.trigger.children if c.dep_ in ("dobj", "obj")), None)
        if obj is not None and not _targetable(obj):
            return False  # "hoping to kill off the siesta", "struck a deal"
    if base == "evacuate" and not (a1 is not None and a1.sector in ("REB", "INS")):
        return bool({t.lemma_.lower() for t in m.sent} & CONFLICT_LEMMAS)  # not a flood or a fire
    if lemma in ARMED_ONLY_VERBS:  # a crowd may storm a building (a riot), not bomb one
        return a1 is not None and (a1.sector in ARMED_SECTORS or (lemma in CROWD_VERBS and _is_crowd(a1)))
    if m.kind == "protest" and m.trigger.pos_ == "VERB" and lemma not in LIGHT_VERBS:
        return _crowd_subject(m) or (a1 is not None and a1.sector in ("CVL", "OPP"))
    return True


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


def _staged(a: Draft, b: Draft) -> bool:
    """``a`` and ``b`` are one act opening another, told in one sentence by one actor (see STAGING)."""
    if (
        a.evidence[0] != b.evidence[0]
        or a.actor1 is None
        or b.actor1 is None
        or a.actor1.name != b.actor1.name
    ):
        return False
    pair = {(d.coding.acled_event_type, d.coding.acled_sub_event_type) for d in (a, b)}
    opener = a if (a.coding.acled_event_type, a.coding.acled_sub_event_type) in STAGING else b
    return len(pair & STAGING) == 1 and len(pair & STAGED) == 1 and opener.fatalities is None


def _civilian_side(a: Actor | None) -> bool:
    """Civilians, or a civilian place named as the target ("St. Charles Catholic Church")."""
    if a is None:
        return False
    words = {a.name.split()[-1].lower(), (a.text.split() or [""])[-1].lower()}  # "Kwall community"
    unarmed = a.sector not in ARMED_SECTORS | STATE_SECTORS
    return a.sector == "CVL" or (unarmed and bool(words & CIVILIAN_TARGETS))


def _both_civilian(a: Actor | None, b: Actor | None) -> bool:
    return _civilian_side(a) and _civilian_side(b)


def _compatible(a: Draft, b: Draft) -> bool:
    if a.negated != b.negated or a.hypothetical != b.hypothetical:
        return False
    if _staged(a, b):
        return True
    if _family(a) != _family(b):
        return False
    sa, sb = a.coding.acled_sub_event_type, b.coding.acled_sub_event_type
    answered = a.coding.acled_event_type == "Protests" and {sa, sb} & PROTEST_ANSWERS and len({sa, sb}) == 2
    if answered:  # the forces' answer to the protest just told, maybe at a spot in the same town
        near = not (a.location and b.location) or (
            haversine_km(a.location.lat, a.location.lon, b.location.lat, b.location.lon) <= 25
        )
        return near and not (a.date and b.date and a.date != b.date)
    if (
        sa != sb
        and not (a.coding.acled_event_type == "Battles" and "Armed clash" in (sa, sb))
        and not answered
    ):
        return False  # a clash may be part of a territory change; two different changes are two events
    targets = _same(a.actor2, b.actor2) or _both_civilian(a.actor2, b.actor2)
    same_sides = _same(a.actor1, b.actor1) and targets
    swapped = (  # "troops repelled an attack by ISWAP ... The terrorists stormed the base": one battle
        a.coding.acled_event_type == "Battles"
        and _same(a.actor1, b.actor2)
        and _same(a.actor2, b.actor1)
        and (None not in (a.actor1, b.actor2) or None not in (a.actor2, b.actor1))
    )
    if not (same_sides or swapped):
        return False
    if a.location and b.location and a.location.geonameid != b.location.geonameid:
        return False
    if a.date and b.date and abs((a.date - b.date).days) > BACKGROUND_DAYS:
        return False  # "Gunmen killed five ... Last month, gunmen killed 40": the lede is not last month's
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
    a.assoc2 += [x for x in b.assoc2 if x.name not in {y.name for y in a.assoc2}]
    if b.location is not None and (a.location is None or (b.geo_precision or 9) < (a.geo_precision or 9)):
        a.location, a.geo_precision = b.location, b.geo_precision
    if b.date_explicit and not a.date_explicit:
        a.date, a.precision, a.date_explicit = b.date, b.precision, True
    a.fatalities = combine_fatalities(a.fatalities, b.fatalities)
    seen = {(c.source, c.stance, c.start) for c in a.claims}
    a.claims += [c for c in b.claims if (c.source, c.stance, c.start) not in seen]
    a.evidence += [e for e in b.evidence if e not in a.evidence]
    a.n_mentions += b.n_mentions
    a.triggers += b.triggers
    a.background = a.background and b.background


def _placed(a: Actor | None, country: str | None) -> Actor | None:
    """ "Military Forces (unidentified country)" fighting in Mali are Mali's, when nothing else says whose."""
    if a is None or country is None or not a.name.endswith(" (unidentified country)") or a.country:
        return a
    cname = country_names().name(country)
    if cname is None:
        return a
    return replace(a, name=f"{a.name.removesuffix(' (unidentified country)')} of {cname}", country=country)


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


#: Days apart beyond which two drafts are two events even when one's date is only inherited.
BACKGROUND_DAYS = 31


def finalise(d: Draft, *, article_id: str, reported_by: tuple[str, ...]) -> Event:
    loc_country = d.location.country if d.location else None
    a1, a2 = _placed(d.actor1, loc_country), _placed(d.actor2, loc_country)
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
    event = Event(
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
        actor2=a2,
        assoc_actors1=assoc,
        assoc_actors2=tuple(d.assoc2),
        location=d.location,
        geo_precision=d.geo_precision,
        fatalities=fatal.count if fatal else 0,
        fatalities_text=fatal.text if fatal else None,
        claims=tuple(d.claims),
        reported_by=reported_by,
        evidence=tuple(d.evidence),
        negated=d.negated,
        hypothetical=d.hypothetical,
        confidence=0.0,  # set below from the finished record
        trigger=",".join(d.triggers),
    )
    return replace(event, confidence=confidence(event, background=d.background))
