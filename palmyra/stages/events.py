"""Events: find event mentions in a sentence, code them, and say who did what to whom.

A trigger word from ``resources/triggers.tsv`` (a verb, or a noun governed by a
light verb such as "launched airstrikes") names an event *kind*;
``resources/ontology.tsv`` maps each kind to PLOVER type and mode, CAMEO root and
ACLED type and sub-type in one table. Roles come from the dependency parse:
actor1 is the subject (or the passive agent), actor2 the object or the
``from``/``against`` phrase; allies joined by "and" or "backed by" become
associated actors. Negated ("did not attack") and hypothetical ("would strike",
"threatened to attack") mentions are kept and flagged, never coded as events
that happened.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..errors import ResourceError
from ..resources import data_rows, read_data
from .actors import ActorMention, mention_at

__all__ = [
    "Coding",
    "EventMention",
    "Ontology",
    "Trigger",
    "find_event_mentions",
    "in_background_clause",
    "load_ontology",
    "mention_for",
    "load_triggers",
]

# Verbs whose object names the event: "launched air strikes", "held talks", "began a hunger strike"
# ("stag": en_core_web_md lemmatises "staged" so)
LIGHT_VERBS = {
    "launch", "carry", "conduct", "deliver", "mount", "stage", "stag", "hold", "unleash", "intensify",
    "join",
    "step", "begin", "start", "resume", "renew", "open", "undertake", "organize", "organise", "declare",
    "announce", "continue", "call", "lodge", "file", "impose", "order", "issue", "complete", "speed",
    "finish", "accelerate", "make", "pay", "set", "give", "reiterate", "repeat", "observe", "extend",
    "press", "approve", "authorize", "authorise",
}  # fmt: skip
PERSON_NOUNS = {
    "soldier", "troop", "fighter", "militant", "civilian", "people", "person", "man", "woman", "child",
    "officer", "policeman", "rebel", "insurgent", "member", "guard", "general", "commander", "protester",
    "worker", "journalist", "resident", "villager", "student", "prisoner", "hostage", "jihadist", "terrorist",
    "activist", "national", "citizen", "detainee", "captive", "official", "politician", "leader", "minister",
    "diplomat", "employee", "refugee", "migrant", "opponent", "dissident", "critic", "suspect",
    "immigrant", "girl", "boy", "inmate", "farmer", "teacher", "doctor", "nurse", "priest",
}  # fmt: skip
# Subjects that, before a bare "-ed" verb with no object, are what was done to, in headline style:
# "Six women sexually assaulted near Nizi", "Market looted in Al-Khuwei", "7 civilians killed"
HEADLINE_PATIENTS = frozenset(
    {
        "civilian", "people", "person", "woman", "child", "girl", "boy", "villager", "resident", "passenger",
        "worshipper", "pupil", "student", "farmer", "family", "market", "shop", "store", "house", "home",
        "school", "hospital", "clinic", "church", "mosque", "village", "centre", "center", "office",
        "warehouse", "vehicle", "bus", "truck", "building", "facility", "camp",
    }
)  # fmt: skip
# Verbs done to someone or something, read as passive in headline style ("students protested" is not)
HEADLINE_VERBS = frozenset(
    {
        "kill", "injure", "wound", "assault", "abduct", "kidnap", "loot", "burn", "torch", "destroy", "rape",
        "shoot", "attack", "displace", "arrest", "detain", "raid", "bomb", "shell", "strike", "hit", "target",
        "seize", "capture", "behead", "execute", "massacre", "abuse", "rob", "damage", "vandalise",
        "vandalize", "demolish", "raze", "ransack", "pillage", "evacuate", "harass",
    }
)  # fmt: skip
# Things that are places when captured or seized ("the town", "an airbase"; names by entity type)
PLACE_NOUNS = {
    "town", "city", "village", "area", "district", "region", "province", "territory", "hill", "airport",
    "airbase", "base", "position", "checkpoint", "outpost", "post", "control", "neighbourhood",
    "neighborhood", "suburb", "camp", "port", "border", "crossing", "bridge", "road", "highway", "valley",
    "island", "oilfield", "field", "dam", "capital", "stronghold", "enclave", "bastion", "front",
}  # fmt: skip
# Objects of "deploy" that are armed forces
FORCE_OBJECTS = {
    "troop", "soldier", "force", "police", "policeman", "unit", "battalion", "brigade", "warship", "ship",
    "jet", "aircraft", "plane", "peacekeeper", "tank", "army", "reinforcement", "missile", "drone",
    "helicopter", "officer", "guard", "militia", "fighter", "marine", "paratrooper", "commando", "navy",
}  # fmt: skip
# People captured or seized as individuals: an arrest, not a change of territory
SUSPECT_NOUNS = {"man", "woman", "suspect", "person", "boy", "girl", "teenager", "fugitive", "driver"}
CLAIM_NOUNS = {
    "assertion", "claim", "report", "allegation", "statement", "accusation", "charge", "suggestion",
    "proposal", "offer", "demand", "account", "version", "rumour", "rumor", "story", "plan", "request",
    "appeal", "call", "plea", "ultimatum", "invitation", "bid", "overture",
}  # fmt: skip
HYPOTHETICAL_GOVERNORS = {
    "threaten", "plan", "vow", "intend", "want", "seek", "aim", "prepare", "try", "attempt", "hope",
    "propose", "expect", "warn", "pledge", "promise", "consider", "offer", "call", "urge", "ask", "demand",
    "willing", "ready", "prepared", "committed", "determined", "eager", "keen", "agree", "refuse", "swear",
    "about",
}  # fmt: skip
# Verbs whose subject names the event: "fighting broke out", "a car bomb exploded", "a strike hit"
OCCUR_VERBS = {
    "break", "erupt", "hit", "strike", "kill", "wound", "injure", "explode", "rock", "target", "occur",
    "continue", "rage", "leave", "claim", "destroy", "damage", "go", "tear", "rip", "flare", "resume",
    "happen", "land", "slam", "pound", "shake", "arrive", "begin", "start",
}  # fmt: skip
BASE_NOUNS = {"base", "headquarters", "outpost", "garrison", "airbase", "barracks"}
# Fighters who, surrendering, leave an armed group (ACLED change to group/activity)
COMBATANT_NOUNS = {
    "combatant", "fighter", "rebel", "militant", "insurgent", "militiaman", "member", "jihadist", "guerrilla",
}  # fmt: skip
# What one defends a state or a person against when the defence is support: "against criticism"
CRITICISM_NOUNS = {
    "criticism", "accusation", "charge", "allegation", "censure", "condemnation", "attack", "claim",
}  # fmt: skip
# Taking a place with no fight: "entered the town without resistance" (ACLED non-violent transfer)
UNOPPOSED_WORDS = {"unopposed", "peacefully", "unchallenged"}
ENTERING_VERBS = {"enter", "move", "roll", "march", "walk", "sweep", "advance"}
UNOPPOSED_NOUNS = {
    "resistance", "fight", "fighting", "shot", "bloodshed", "opposition", "clash", "violence", "battle",
    "combat", "firing",
}  # fmt: skip
# Weapons that, as the subject of a verb of striking, name the attack ("shells landed", "drones hit")
PROJECTILES = {
    "shell": "shelling", "artillery": "shelling", "rocket": "shelling", "missile": "shelling",
    "mortar": "shelling", "drone": "airstrike", "warplane": "airstrike", "bomb": "explosion",
    "grenade": "grenade",
}  # fmt: skip
STRIKING_VERBS = {"hit", "strike", "slam", "pound", "land", "rain", "explode", "kill", "wound", "injure"}
# Kinds a more specific nominal trigger may replace: "a drone strike killed" is an air strike, not an attack
GENERIC_KINDS = {"attack", "airstrike", "explosion", "armed_clash"}
SPECIFIC_VIOLENCE = {
    "armed_clash", "airstrike", "shelling", "explosion", "suicide_bomb", "grenade", "attack:civilians",
    "abduction",
}  # fmt: skip
# Modifiers of a strike, attack, blast or bombing that say what kind of attack it was (lemma -> kind)
WEAPON_KINDS = {
    "missile": "shelling", "rocket": "shelling", "artillery": "shelling", "mortar": "shelling",
    "shell": "shelling", "tank": "shelling", "drone": "airstrike", "air": "airstrike", "aerial": "airstrike",
    "warplane": "airstrike", "jet": "airstrike", "helicopter": "airstrike", "suicide": "suicide_bomb",
    "grenade": "grenade", "ied": "explosion", "landmine": "explosion", "mine": "explosion",
    "roadside": "explosion", "car": "explosion", "bomb": "explosion", "aircraft": "airstrike",
    "plane": "airstrike", "airplane": "airstrike", "gunship": "airstrike",
}  # fmt: skip
# Verbs that take a labour strike as their object
LABOUR_STRIKE_VERBS = {
    "call",
    "stage",
    "stag",
    "hold",
    "begin",
    "start",
    "organize",
    "organise",
    "continue",
    "declare",
}
# Nouns named by what they are for: "a mediation mission", "a relief effort"
EFFORT_NOUNS = {"mission", "effort", "bid", "drive", "initiative", "attempt"}
# Verbs of travel whose "on"/"for" phrase names the event: "arrived in Amman on a two-day visit"
TRAVEL_VERBS = {"arrive", "travel", "fly", "come", "go", "head", "return", "leave", "land"}
# Pledges that, of a coercive act, are threats: "is ready to", "vowed to", "swore to"
THREAT_PLEDGES = {"be", "vow", "swear"}
# Verbs of weighing a course of action: "is considering sending aid" (CAMEO 014, a statement)
CONSIDER_VERBS = {"consider", "weigh", "mull", "contemplate", "explore"}
# Verbs of gathering whose "for" phrase names a protest: "converged on the capital for a rally"
GATHER_VERBS = {"converge", "gather", "assemble", "mass", "congregate"}
# Verbs whose "in" phrase names the act: "engaged in ethnic cleansing", "participated in the protests"
ENGAGE_VERBS = {"engage", "participate", "involve"}
# What makes an explosion an accident
ACCIDENT_WORDS = {"gas", "boiler", "chemical", "firework", "fireworks", "industrial", "accidental", "methane"}
# A "strike" by workers is a protest, not an air strike
LABOUR_WORDS = {
    "general", "hunger", "labor", "labour", "worker", "teacher", "nationwide", "national", "union",
}  # fmt: skip
# Predicate adjectives that are a statement's mood: doubt (CAMEO 012) or hope (013)
STANCE_ADJECTIVES = {
    "skeptical": "comment", "sceptical": "comment", "pessimistic": "comment", "doubtful": "comment",
    "optimistic": "comment:hope", "confident": "comment:hope", "hopeful": "comment:hope",
}  # fmt: skip
# Verbs of staying in a state: "remained on alert"
STANDBY_VERBS = {"remain", "stay", "be", "go", "put", "place", "keep"}
# Verbs of service whose subject or phrase names peacekeepers: "peacekeepers arrived in Juba"
PEACEKEEPING_SERVICE = {"arrive", "participate", "serve", "join", "land", "reach"}
READY_PARTICIPLES = {"commit", "prepare", "determine", "dedicate", "resolve"}
READY_ADJECTIVES = {"willing", "ready", "prepared", "committed", "determined", "eager", "keen"}
MODALS = {"would", "could", "might", "may", "will", "shall", "should", "'ll", "must", "can"}
PRONOUNS = {"it", "they", "he", "she", "we", "its", "their", "them"}
SUBJECT_DEPS = {"nsubj", "csubj"}
VIOLENT_SUBORDINATE = {
    "advcl",
    "xcomp",
    "acl",
}  # not conj: "took the city and destroyed monuments" is two events


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str
    obj: str  # *, -, a lemma, @person, @claim
    kind: str


@dataclass(frozen=True)
class Coding:
    plover_type: str
    plover_mode: str | None
    cameo_root: str
    acled_event_type: str | None
    acled_sub_event_type: str | None


@dataclass(frozen=True)
class Ontology:
    rows: dict[str, Coding]

    def code(self, kind: str, variant: str | None = None) -> tuple[str, Coding]:
        """The coding of ``kind`` (trying ``kind:variant`` first) and the key used."""
        if variant and f"{kind}:{variant}" in self.rows:
            return f"{kind}:{variant}", self.rows[f"{kind}:{variant}"]
        if kind in self.rows:
            return kind, self.rows[kind]
        raise KeyError(kind)

    def is_violent(self, kind: str) -> bool:
        """True when ``kind`` (else its base, before any ``:variant``) is coded PLOVER ASSAULT or an
        ACLED riot, or destruction of property (demolitions too, though PLOVER COERCE/destroy, CAMEO
        1712: "razed homes, killing two"): the kinds that own a sentence's fatalities."""
        coding = self.rows.get(kind) or self.rows.get(kind.split(":")[0])
        return coding is not None and (
            coding.plover_type == "ASSAULT"
            or coding.acled_event_type == "Riots"
            or coding.plover_mode == "destroy"
        )


def _opt(v: str) -> str | None:
    return None if v in ("", "-") else v


@functools.lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    rows: dict[str, Coding] = {}
    for n, cols in data_rows(read_data("ontology.tsv")):
        if len(cols) < 6:
            raise ResourceError(f"ontology.tsv:{n}: expected 6+ tab-separated columns")
        kind, ptype, mode, root, acled, sub = cols[:6]
        rows[kind] = Coding(ptype, _opt(mode), root, _opt(acled), _opt(sub))
    return Ontology(rows)


@functools.lru_cache(maxsize=1)
def load_triggers() -> dict[tuple[str, str], list[Trigger]]:
    ontology = load_ontology()
    out: dict[tuple[str, str], list[Trigger]] = {}
    for n, cols in data_rows(read_data("triggers.tsv")):
        if len(cols) < 4:
            raise ResourceError(f"triggers.tsv:{n}: expected 4 tab-separated columns")
        t = Trigger(*cols[:4])
        base = t.kind.split(":")[0]
        if t.kind not in ontology.rows and base not in ontology.rows:
            raise ResourceError(f"triggers.tsv:{n}: kind {t.kind!r} is not in ontology.tsv")
        out.setdefault((t.lemma, t.pos), []).append(t)
    for trigs in out.values():  # an object-specific reading before the catch-all "*"
        trigs.sort(key=lambda t: t.obj == "*")
    return out


@dataclass
class EventMention:
    """One mention of an event in one sentence, before places, dates and merging."""

    kind: str
    trigger: Token
    sent: Span
    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    assoc1: list[ActorMention] = field(default_factory=list)
    assoc2: list[ActorMention] = field(default_factory=list)
    negated: bool = False
    hypothetical: bool = False
    folded: list[Token] = field(default_factory=list)  # subordinate triggers folded in ("..., killing 100")
    actor2_inferred: bool = False
    nominal: bool = False  # a noun named the event ("clashes erupted", "launched air strikes")

    @property
    def tokens(self) -> list[Token]:
        return [self.trigger, *self.folded]


# Nouns that name a group of what follows "of": "a mission of observers" is observers
GROUP_OBJECT_NOUNS = {
    "mission", "deployment", "team", "group", "contingent", "delegation", "batch", "patch", "unit", "convoy",
    "shipment", "part", "some", "all", "most", "many", "dozens", "thousands", "hundreds",
}  # fmt: skip
# Truce nouns: declared or observed by one side a truce is a de-escalation (PLOVER RETREAT, CAMEO 0871);
# agreed or signed between sides an agreement
TRUCE_NOUNS = {"ceasefire", "cease-fire", "truce", "armistice"}
TRUCE_DECLARING_VERBS = {"declare", "announce", "observe", "order", "call", "implement", "begin", "start"}
# Agreements that end or limit a conflict: signed, they are ACLED agreements (kind agree), not trade deals
CONFLICT_AGREEMENT_WORDS = TRUCE_NOUNS | {
    "peace", "hostility", "disarmament", "withdrawal", "surrender", "reconciliation", "prisoner", "hostage",
}  # fmt: skip
# The mode of a threat, by the kind of act threatened (CAMEO2PLOVER-2021: 1312, 1313, 132-138)
THREAT_MODES = {
    "attack": "violence", "armed_clash": "violence", "airstrike": "violence", "shelling": "violence",
    "explosion": "violence", "suicide_bomb": "violence", "destroy_property": "violence",
    "territory": "violence", "abduction": "violence", "mobilize": "violence", "sanction": "restrict",
    "protest": "restrict",
    "coerce:restrict": "restrict", "coerce:curfew": "curfew", "coerce:martial-law": "martial-law",
    "coerce:ban": "ban", "coerce:censor": "ban", "arrest": "ban", "sanction:withdraw": "relations",
    "expel": "relations", "retreat": "relations", "reject": "relations",
}  # fmt: skip

QUANTITY_NOUNS = {
    "dozen", "hundred", "thousand", "score", "barrage", "salvo", "volley", "number", "series", "wave",
    "kg", "kilogram", "tonne", "ton", "pound", "batch", "shipment", "consignment", "load", "worth",
    "day", "week", "month", "hour", "round",  # "launched 10 days of war games", "another round of talks"
}  # fmt: skip


def _dobj(tok: Token) -> Token | None:
    """The direct object, looking through quantities: "fired dozens of rockets" -> rockets."""
    for c in tok.children:
        if c.dep_ in ("dobj", "obj"):
            if c.ent_type_ in ("MONEY", "CARDINAL", "QUANTITY"):  # "announced $33 million in assistance"
                for prep in c.children:
                    if prep.dep_ == "prep" and prep.lower_ in ("in", "of"):
                        inner = next((p for p in prep.children if p.dep_ == "pobj"), None)
                        if inner is not None and _noun_kind(inner) is not None:
                            return inner
            if c.lemma_.lower() in QUANTITY_NOUNS:
                for prep in c.children:
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        inner = next((p for p in prep.children if p.dep_ == "pobj"), None)
                        if inner is not None:
                            return inner
            return c
    return None


def _object_lemmas(obj: Token | None) -> set[str]:
    """What an object is, by lemma: the noun itself, what a group noun is made of ("a mission of
    observers"), and what an effort is for ("mediation efforts")."""
    if obj is None:
        return set()
    out = {obj.lemma_.lower()}
    lemma = obj.lemma_.lower()
    if lemma in GROUP_OBJECT_NOUNS:
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                out |= {p.lemma_.lower() for p in prep.children if p.dep_ == "pobj"}
    if lemma in EFFORT_NOUNS or lemma in GROUP_OBJECT_NOUNS or lemma in DEAL_NOUNS:
        out |= {c.lemma_.lower() for c in obj.children if c.dep_ in ("compound", "amod")}
    # two-word objects as written: "tear gas", "water cannon"
    out |= {f"{c.lemma_.lower()} {lemma}" for c in obj.children if c.dep_ in ("compound", "amod")}
    return out


# Nouns of a deal named by what it is: "violated the ceasefire agreement" is a ceasefire violated
DEAL_NOUNS = {"agreement", "accord", "deal", "pact", "arrangement"}


def _object_ok(trig: Trigger, tok: Token) -> bool:
    """Whether ``tok`` meets the trigger's object column: ``*`` (always), ``-`` (no object or clause at
    all: "protested" yes, "demonstrated a belief" or "demonstrated that" no), or any of its
    ``|``-separated alternatives: a lemma of the direct object; ``@person`` (a person as object or
    passive subject), ``@claim`` (a class of object nouns); ``@suspect`` (an individual as object or
    passive subject: "a man was captured"); ``prep:at`` (a preposition child, with no direct object)
    or ``prt:up`` (a particle: "blew up")."""
    if trig.obj == "*":
        return True
    if trig.obj == "-":
        return not any(c.dep_ in ("dobj", "obj", "ccomp", "xcomp") for c in tok.children)
    obj = _dobj(tok)
    obj_lemma = obj.lemma_.lower() if obj is not None else None
    lemmas = _object_lemmas(obj if obj is not None else passive_subject(tok))  # "11 drones were destroyed"
    for alt in trig.obj.split("|"):
        if alt.startswith(("prep:", "prt:")):
            dep, word = alt.split(":", 1)
            if dep == "prep" and obj is not None:
                continue  # "fired on the crowd", not "fired Reams at the centre"
            if any(c.dep_ == dep and c.lower_ == word for c in tok.children):
                return True
            if dep == "prt" and any(c.dep_ == "advmod" and c.lower_ == word for c in tok.children):
                return True  # "breaking away to form a new faction": the particle read as an adverb
            if dep == "prt" and any(  # "forced the agency out of the country": "out" read as a preposition
                c.dep_ == "prep" and c.lower_ == word and any(g.lower_ == "of" for g in c.children)
                for c in tok.children
            ):
                return True
        elif alt == "@person":
            who = obj or passive_subject(tok)  # "beat a man", "a man was beaten to death"
            if who is not None and (who.lemma_.lower() in PERSON_NOUNS or who.ent_type_ == "PERSON"):
                return True
        elif alt in ("@place", "@force"):
            what = obj or next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            if what is None or (_is_place(what) if alt == "@place" else what.lemma_.lower() in FORCE_OBJECTS):
                return True
        elif alt == "@suspect":
            who = obj or next((c for c in tok.children if c.dep_ == "nsubjpass"), None)  # "was captured"
            if who is not None and (who.lemma_.lower() in SUSPECT_NOUNS or who.ent_type_ == "PERSON"):
                return True
        elif alt == "@claim":
            if obj_lemma in CLAIM_NOUNS:
                return True
        elif alt in lemmas:
            return True
    return False


def _modifier_ok(trig: Trigger, noun: Token) -> bool:
    """Whether an event noun meets its trigger's object column: ``-`` or ``*`` (always), else a lemma
    among its modifiers or its "of"/"to"/"on" complement ("a suspension of aid", "military exercises",
    "a state of emergency")."""
    if trig.obj in ("-", "*"):
        return True
    words = {c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod", "nmod", "npadvmod")}
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "to", "on", "for", "in"):
            for p in prep.children:
                if p.dep_ == "pobj":
                    words.add(p.lemma_.lower())
                    words |= {c.lemma_.lower() for c in p.children if c.dep_ in ("compound", "amod")}
    return any(alt in words for alt in trig.obj.split("|"))


def _is_place(tok: Token, depth: int = 0) -> bool:
    """A place word, a place name, or part of one ("part of a guerrilla stronghold")."""
    if tok.ent_type_ in ("GPE", "LOC", "FAC") or tok.lemma_.lower() in PLACE_NOUNS:
        return True
    if any(c.ent_type_ in ("GPE", "LOC", "FAC") for c in tok.children if c.dep_ == "compound"):
        return True
    return depth < 2 and any(
        _is_place(p, depth + 1)
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children
    )


def _noun_kind(noun: Token) -> str | None:
    """The event kind a noun names ("clashes", "a car bomb", "fighting"), refined by its modifiers."""
    table = load_triggers()
    lemma = noun.lemma_.lower()
    if _truce(noun):
        lemma = "ceasefire"
    trigs = [t for t in table.get((lemma, "NOUN"), []) if _modifier_ok(t, noun)]
    if not trigs and noun.lower_ == "fighting":
        trigs = table.get(("fighting", "NOUN"), [])
    if not trigs and lemma in EFFORT_NOUNS:  # "a mediation mission", "a peace effort"
        for c in noun.children:
            if c.dep_ == "compound" and (c.lemma_.lower(), "NOUN") in table:
                trigs = table[(c.lemma_.lower(), "NOUN")]
                break
    if not trigs:
        if lemma == "bomber" and _weapon_kind(noun) == "suicide_bomb":
            return "suicide_bomb"
        if lemma in ("device", "vest", "charge") and any(
            c.lemma_.lower() in ("explosive", "improvise") for c in noun.children
        ):
            return "explosion"  # "an explosive device went off"
        if lemma in ("fire", "gunfire"):  # "artillery fire hit Kharkiv"; a plain fire is a blaze
            weapon = _weapon_kind(noun)
            return weapon if weapon is not None else ("attack" if lemma == "gunfire" else None)
        return None
    kind = trigs[0].kind
    if kind == "explosion" and any(c.lemma_.lower() in ACCIDENT_WORDS for c in noun.children):
        return None  # "a gas explosion", "a boiler blast": an accident
    if lemma in ("strike", "striker") and any(c.lemma_.lower() == "hunger" for c in noun.children):
        return "protest:hunger"
    if lemma == "strike" and any(c.lemma_.lower() in LABOUR_WORDS for c in noun.children):
        return "protest:strike"
    if kind == "protest" and any(c.lemma_.lower() in ("violent", "riot") for c in noun.children):
        return "riot"  # "violent protests broke out"
    weapon = _weapon_kind(noun)
    if weapon is not None and kind.split(":")[0] in GENERIC_KINDS | {"shelling"}:
        return weapon
    return kind


def _split_noun_kind(obj: Token) -> str | None:
    """A hyphenated event noun the tokenizer split and the parser scattered through the object's
    phrase: "staged a sit-in outside parliament" read as "a sit - in outside parliament"."""
    table = load_triggers()
    doc = obj.doc
    for t in obj.subtree:
        if t.i >= obj.sent.start + 2 and doc[t.i - 1].text == "-":
            trigs = table.get((f"{doc[t.i - 2].lower_}-{t.lower_}", "NOUN"))
            if trigs:
                return trigs[0].kind
    return None


def _truce(noun: Token) -> bool:
    """ "a ceasefire", "a truce", and "a cease-fire" however the tokenizer split it."""
    if noun.lemma_.lower() in TRUCE_NOUNS:
        return True
    return noun.lower_ == "fire" and any(c.lower_ == "cease" for c in noun.children)


def _ambiguous_strike(noun: Token) -> bool:
    """ "The strike continued": a labour strike or an air strike? Only a weapon word says."""
    return noun.lemma_.lower() in ("strike", "raid") and _weapon_kind(noun) is None


def _weapon_kind(noun: Token) -> str | None:
    """What a strike, attack or blast was made with, from its modifiers ("suicide", "drone", "rocket")."""
    found = [
        WEAPON_KINDS[c.lemma_.lower()]
        for c in noun.children
        if c.dep_ in ("compound", "amod", "nmod", "npadvmod") and c.lemma_.lower() in WEAPON_KINDS
    ]
    if "suicide_bomb" in found:
        return "suicide_bomb"
    if not found and noun.dep_ == "dobj":  # "warplanes carried out raids": the subject's weapon
        found = [
            WEAPON_KINDS[c.lemma_.lower()]
            for c in noun.head.children
            if c.dep_ == "nsubj" and WEAPON_KINDS.get(c.lemma_.lower()) == "airstrike"
        ]
    return found[0] if found else None


def _nominal_subject(verb: Token) -> Token | None:
    """A noun naming an event that is the subject of ``verb`` ("clashes erupted")."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass") and _noun_kind(c) is not None:
            return c
    return None


def _nominal(verb: Token) -> Token | None:
    """A noun naming an event that is the subject of ``verb`` ("clashes erupted") or the object of its
    "in"/"by" phrase ("killed in an air strike")."""
    subject = _nominal_subject(verb)
    if subject is not None:
        return subject
    for c in verb.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in ("in", "by", "during"):
            for p in c.children:
                if p.dep_ == "pobj" and _noun_kind(p) is not None:
                    return p
    return None


def _match(tok: Token) -> tuple[str, Token, bool] | None:
    """(kind, trigger token, whether a noun named the event) when ``tok`` triggers an event."""
    table = load_triggers()
    lemma = tok.lemma_.lower()
    ready = (c for c in tok.children if c.dep_ == "acomp" and c.lemma_.lower() in READY_ADJECTIVES)
    if tok.lemma_ == "be" and any(_to_act(x) for c in ready for x in c.children):
        return "pledge", tok, False  # "Syria is willing to withdraw its troops", "is committed to opening"
    if tok.lemma_ == "be":  # "said it is skeptical of the plan" (CAMEO 012), "is confident that" (013)
        mood = next((STANCE_ADJECTIVES[c.lemma_.lower()] for c in tok.children if c.dep_ == "acomp"
                     and c.lemma_.lower() in STANCE_ADJECTIVES), None)  # fmt: skip
        if mood is not None:
            return mood, tok, False
    mistagged = (
        tok.pos_ == "PROPN" and tok.is_lower and (tok.lower_, "VERB") in table
    )  # "retook" read as a name
    if (tok.pos_ != "VERB" and not mistagged) or _fronted_participle(tok) or _participle_as_noun(tok):
        return None
    if lemma == "free" and tok.i > 0 and tok.nbor(-1).lemma_.lower() == "let":
        return None  # "let free": the release is coded at "let"
    if lemma == "let" and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "free":
        return "release", tok, False  # "Yemen let free dozens of activists" (CAMEO 0841)
    if lemma == "protest" and (any(c.dep_ == "ccomp" for c in tok.children) or _reporting_tail(tok)):
        return "accuse", tok, False  # "authorities are failing to uphold rights, a group protested"
    course = any(c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VBG" for c in tok.children)
    if lemma in CONSIDER_VERBS and course:
        return "comment:consider", tok, False  # "is considering sending aid" (CAMEO 014)
    kind: str | None = None
    nominal = False
    # irregular forms the lemmatiser leaves alone ("retook") are listed in triggers.tsv as written
    trigs = table.get((lemma, "VERB"), []) or table.get((tok.lower_, "VERB"), [])
    if not trigs and tok.lower_.endswith(("ed", "es", "ing")):
        trigs = table.get((lemma + "e", "VERB"), [])  # the lemmatiser's "hoped" -> "hop"
    for trig in trigs:
        if _object_ok(trig, tok):
            kind = trig.kind
            break
    if kind is None and lemma in ("set", "move") and _settled_at_base(tok):
        kind = "base_established"  # "set up at Air Base 101", "moved into a new base"
    if kind is None and lemma == "set" and _set_alight(tok):
        kind = "destroy_property:arson"  # "set cars ablaze", "set the office on fire", "set fire to homes"
    against = _pobj_of(tok, {"against"}) if lemma == "defend" else None
    if kind is None and against is not None and against.lemma_.lower() in CRITICISM_NOUNS:
        kind = "support"  # "Arafat defended Iraq against Western criticism" (CAMEO 05)
    under = _pobj_of(tok, {"under"}) if lemma in ("put", "place", "keep") else None
    if kind is None and under is not None and under.lemma_.lower() in ("arrest", "detention", "custody"):
        kind = "arrest"  # "placed the opposition leader under house arrest"
    if kind is None and under is not None and _noun_kind(under) == "investigate":
        kind = "investigate"  # "was put under investigation in Italy"
    if kind is None and lemma in ("order", "summon") and _ordered_person(tok):
        kind = "request"  # "a judge ordered the former president to appear" (CAMEO 10)
    if kind is None and lemma in LIGHT_VERBS:
        obj = _dobj(tok)
        if obj is not None:
            kind = _noun_kind(obj) or _split_noun_kind(obj)
            nominal = kind is not None
            if kind == "protest" and lemma in ("lodge", "file"):
                kind = "accuse"  # "lodged an official protest with Albania": a diplomatic complaint
            if (
                obj.lemma_.lower() == "strike"
                and _weapon_kind(obj) is None
                and lemma in LABOUR_STRIKE_VERBS
                and kind != "protest:hunger"
            ):
                kind = "protest:strike"  # "called a general strike", "began a strike": labour, not aircraft
            if kind == "agree" and _truce(obj) and lemma in TRUCE_DECLARING_VERBS:
                kind = "ceasefire"  # "declared a unilateral ceasefire": one side stands down
    if kind is None and lemma in TRAVEL_VERBS:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("on", "for"):
                for p in c.children:
                    purpose = _noun_kind(p) if p.dep_ == "pobj" else None
                    if purpose is not None and purpose.split(":")[0] in ("visit", "consult"):
                        kind, nominal = purpose, True
                    elif purpose is not None and p.lemma_.lower() == "strike" and lemma == "go":
                        kind, nominal = purpose if purpose == "protest:hunger" else "protest:strike", True
    if kind is None and lemma in GATHER_VERBS:  # "thousands converged on Lagos for a rally"
        rally = _pobj_of(tok, {"for"})
        purpose = _noun_kind(rally) if rally is not None else None
        if purpose is not None and purpose.split(":")[0] in ("protest", "consult"):
            kind, nominal = purpose, True  # "will gather for a meeting"
    if kind is None and lemma in ENGAGE_VERBS:  # "engaged in ethnic cleansing", "took part in clashes"
        act = _pobj_of(tok, {"in"})
        act_kind = _noun_kind(act) if act is not None else None
        if act_kind is not None:
            kind, nominal = act_kind, True
    alert = _pobj_of(tok, {"on"}) if lemma in STANDBY_VERBS else None
    if kind is None and alert is not None and alert.lemma_.lower() == "alert":
        kind = "mobilize"  # "troops remained on alert" (CAMEO 154, raised alert status)
    shield = _pobj_of(tok, {"as"}) if lemma in ("hold", "use", "keep") and _dobj(tok) is not None else None
    if kind is None and shield is not None and shield.lemma_.lower() in ("shield", "hostage"):
        kind = "abduction"  # "held civilians as human shields" (CAMEO 181)
    if kind is None and lemma in PEACEKEEPING_SERVICE and _peacekeepers(tok, any_prep=True):
        kind = "aid:peacekeeping"  # "peacekeepers arrived in Juba", "troops participate in peacekeeping"
    if kind == "sign" and any(t.lemma_.lower() in CONFLICT_AGREEMENT_WORDS for t in tok.subtree):
        kind = "agree"  # "signed a ceasefire", "signed a peace accord": an agreement that ends fighting
    if (
        kind == "reject"
        and lemma in ("decline", "refuse")
        and any(
            c.dep_ == "xcomp" and c.lemma_.lower() in ("comment", "elaborate", "speculate")
            for c in tok.children
        )
    ):
        kind = "comment:decline"  # "declined to comment": no rejection of anyone
    if kind == "retreat" and _peacekeepers(tok):
        kind = "sanction:withdraw"  # "peacekeepers were shipped out of Gorazde" (CAMEO 1661)
    elif kind is not None and kind.split(":")[0] in ("mobilize", "retreat", "visit") and _peacekeepers(tok):
        kind = "aid:peacekeeping"  # peacekeepers sent or arriving: protection given (CAMEO 074)
    noun = _nominal(tok)
    if noun is not None:
        noun_kind = _noun_kind(noun)
        if kind is None and lemma in OCCUR_VERBS and noun.dep_ in ("nsubj", "nsubjpass"):
            # "clashes erupted", "a car bomb exploded"; a bare "strike" may be a labour strike
            kind, nominal = noun_kind, not _ambiguous_strike(noun)
        elif kind in GENERIC_KINDS and noun_kind in SPECIFIC_VIOLENCE:
            kind, nominal = noun_kind, True  # "a drone strike killed": the strike says what kind
    if kind == "retreat" and lemma == "surrender" and _combatants_give_up(tok):
        kind = "disarm"  # "60 combatants surrendered with their weapons": fighters leaving the fight
    if kind is None and lemma in ENTERING_VERBS and _unopposed(tok) and _entered_place(tok):
        kind = "territory"  # "M23 entered Sake without resistance": made peaceful below
    if kind is None and lemma == "take" and _taken_over_place(tok):
        kind = "territory"  # "STC forces took over military positions and the airport in Seiyun"
    if kind is not None and kind.split(":")[0] == "territory" and _unopposed(tok):
        kind = "territory:peaceful"  # "took control of the town without a fight"
    projectile = _projectile_subject(tok)
    if (
        projectile is not None
        and (kind in GENERIC_KINDS or (kind is None and lemma in STRIKING_VERBS))
        and (lemma != "land" or projectile != "airstrike")  # "a drone landed in a field" is no attack
    ):
        kind, nominal = projectile, True  # "artillery shells struck the town", "drones hit two districts"
    if kind is not None and kind.split(":")[0] in GENERIC_KINDS and _suicide(tok):
        kind = "suicide_bomb"
    return (kind, tok, nominal) if kind is not None else None


def _settled_at_base(tok: Token) -> bool:
    """ "set up at Air Base 101", "set up in a former airbase": a force settling in a base."""
    if tok.lemma_.lower() == "set" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children):
        return False
    where = _pobj_of(tok, {"at", "in", "into"})
    return where is not None and where.lemma_.lower() in BASE_NOUNS and _dobj(tok) is None


def _set_alight(tok: Token) -> bool:
    """ "set cars ablaze", "set the office on fire", and "set fire to" however it was parsed ("Armed men
    on horseback set fire to homes" with "set" read as a modifier of "fire")."""
    if any(c.lower_ in ("ablaze", "alight", "afire") for c in tok.children):
        return True
    if any(
        c.dep_ == "prep" and c.lower_ == "on" and any(p.lower_ == "fire" for p in c.children)
        for c in tok.children
    ):
        return True
    doc = tok.doc
    return tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "fire" and doc[tok.i + 2].lower_ in ("to", "on")


def _combatants_give_up(verb: Token) -> bool:
    """Fighters surrendering themselves (no place given up): "60 combatants surrendered to the army"."""
    obj = _dobj(verb)
    if obj is not None and obj.lemma_.lower() not in ("weapon", "arm", "rifle", "gun", "themselves"):
        return False
    subj = _subject(verb)
    return subj is not None and subj.lemma_.lower() in COMBATANT_NOUNS


def _taken_over_place(verb: Token) -> bool:
    """ "took over the airport": "take" with the particle "over" and a place as object."""
    obj = _dobj(verb)
    over = any(c.dep_ in ("prt", "advmod") and c.lower_ == "over" for c in verb.children)
    return over and obj is not None and _is_place(obj)


WITHDRAWAL_VERBS = {"withdraw", "retreat", "pull", "leave", "evacuate", "abandon"}


def _unopposed(verb: Token) -> bool:
    """ "without resistance", "without a fight", "unopposed", "peacefully", "after the troops withdrew",
    or a next sentence "No clashes were reported": no fighting for the place."""
    for c in verb.children:
        if (
            c.dep_ == "advcl"
            and c.lemma_.lower() in WITHDRAWAL_VERBS
            and any(m.dep_ == "mark" and m.lower_ == "after" for m in c.children)
        ):
            return True  # "took over the positions after the army's units withdrew": handed over
    doc, sents = verb.doc, [verb.sent]
    while len(sents) < 3 and sents[-1].end < len(doc):
        sents.append(doc[sents[-1].end].sent)
    if any(  # here or in the next two sentences: "No clashes were reported.", "and no resistance was met"
        t.lemma_.lower() in UNOPPOSED_NOUNS and any(c.dep_ == "det" and c.lower_ == "no" for c in t.children)
        for sent in sents
        for t in sent
    ):
        return True  # "... took the town. No clashes were reported."
    for c in verb.children:
        if c.dep_ in ("advmod", "acomp", "oprd", "xcomp") and c.lower_ in UNOPPOSED_WORDS:
            return True
        if c.dep_ != "prep" or c.lower_ != "without":
            continue
        for p in c.children:  # "without a fight", "without facing resistance"
            what = (_dobj(p) or p) if p.dep_ == "pcomp" else p
            if what.lemma_.lower() in UNOPPOSED_NOUNS:
                return True
    return False


def _entered_place(verb: Token) -> bool:
    """The verb's object, or its "into" phrase, is a place ("entered Sake", "moved into the town")."""
    obj = _dobj(verb)
    if obj is not None:
        return _is_place(obj)
    into = _pobj_of(verb, {"into"})
    return into is not None and _is_place(into)


def _projectile_subject(verb: Token) -> str | None:
    """The kind a weapon that is the verb's subject gives ("artillery shells struck", "a drone hit")."""
    for c in verb.children:
        if c.dep_ == "nsubj" and c.lemma_.lower() in PROJECTILES:
            return PROJECTILES[c.lemma_.lower()]
    return None


def _ordered_person(tok: Token) -> bool:
    """ "ordered Carlos Menem to appear": a named person (not troops or a unit) told to do something."""
    obj = _dobj(tok)
    if obj is None or obj.ent_type_ != "PERSON":
        return False
    return any(c.dep_ in ("xcomp", "ccomp") for c in tok.children) or any(
        c.dep_ in ("xcomp", "ccomp") for c in obj.children
    )


def _reporting_tail(tok: Token) -> bool:
    """ "Police harass journalists, a rights group protested": a verb of saying after a comma, parsed
    as a conjunct of the clause it reports (no "and" joins them, no object of its own)."""
    if tok.dep_ != "conj" or tok.head.i > tok.i or any(c.dep_ == "dobj" for c in tok.children):
        return False
    for prep in (c for c in tok.children if c.dep_ == "prep"):  # "protested on Friday", not "in Novi Sad"
        if not all(p.ent_type_ in ("DATE", "TIME") for p in prep.children if p.dep_ == "pobj"):
            return False
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.left_edge.i == 0 or tok.doc[subj.left_edge.i - 1].text != ",":
        return False
    return not any(t.dep_ == "cc" for t in tok.doc[tok.head.i : subj.left_edge.i])


def _to_act(x: Token) -> bool:
    """An act an adjective is ready for: "willing to withdraw", "committed to opening" (to + pcomp)."""
    if x.dep_ == "xcomp":
        return True
    return x.dep_ == "prep" and x.lower_ == "to" and any(g.dep_ == "pcomp" for g in x.children)


def _peacekeepers(verb: Token, *, any_prep: bool = False) -> bool:
    """Peacekeepers as the verb's subject or object ("deployed peacekeepers", "peacekeepers arrived"),
    or with *any_prep* in a phrase of it ("participate in peacekeeping operations")."""
    deps = ("nsubj", "nsubjpass", "dobj") + (("pobj",) if any_prep else ())
    kids = list(verb.children)
    if any_prep:
        kids += [p for c in verb.children if c.dep_ == "prep" for p in c.children]
    for c in kids:
        if c.dep_ in deps:
            words = {
                c.lemma_.lower(),
                *(m.lemma_.lower() for m in c.children if m.dep_ in ("compound", "amod")),
            }
            words |= _object_lemmas(c)
            words |= {  # "the first deployment of NATO peacekeeping troops"
                m.lemma_.lower()
                for prep in c.children
                if prep.dep_ == "prep" and prep.lower_ == "of"
                for p in prep.children
                for m in p.children
                if m.dep_ in ("compound", "amod")
            }
            if words & {"peacekeeper", "peacekeeping", "blue-helmet"}:
                return True
    return False


def _participle_as_noun(tok: Token) -> bool:
    """ "evacuated the wounded", "the injured were taken to hospital": a participle used as a noun."""
    return (
        tok.tag_ == "VBN"
        and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj")
        and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
    )


def _fronted_participle(tok: Token) -> bool:
    """ "Rebuked by X, Y agreed ...", "Accused of fraud, the minister resigned": a past participle that
    opens the sentence as background to its main clause, not a reported act."""
    return (
        tok.i == tok.sent.start
        and tok.tag_ == "VBN"
        and tok.dep_ == "advcl"
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children)
    )


def _suicide(verb: Token) -> bool:
    """A suicide bomber or vest among the verb's subject or object ("a suicide bomber detonated ...")."""
    return any(
        c.dep_ in ("nsubj", "dobj", "nsubjpass") and _weapon_kind(c) == "suicide_bomb" for c in verb.children
    )


def _subject(verb: Token) -> Token | None:
    """The subject of ``verb``, climbing through xcomp/conj/advcl chains when it has none."""
    cur: Token | None = verb
    seen = 0
    while cur is not None and seen < 6:
        auxes = [c for c in cur.children if c.dep_ in ("aux", "auxpass")]
        subjects = [c for c in cur.children if c.dep_ in SUBJECT_DEPS] or [
            g for c in auxes for g in c.children if g.dep_ in SUBJECT_DEPS
        ]  # "Vietnam is committed to ...", with "Vietnam" hung on "is"
        if len(subjects) > 1:  # "Kabul, Afghan forces retook ...": the dateline is parsed as a second subject
            subjects = [
                c for c in subjects if not (c.i == c.sent.start and c.nbor(1).text == ",")
            ] or subjects
        for c in subjects:
            if c.dep_ in SUBJECT_DEPS:
                appos = [a for a in c.children if a.dep_ == "appos" and not _parenthetical(a)]
                if appos and c.i == c.sent.start and c.nbor(1).text in (",", "-", "—", "–"):
                    return appos[0]  # "Mosul, Iraqi troops retook ...": the dateline is not the subject
                return c
        if cur.dep_ in ("xcomp", "conj", "advcl", "acl", "pcomp", "acomp") and cur.head.i != cur.i:
            if (
                cur.dep_ == "pcomp"
                and cur.head.dep_ == "prep"
                and cur.head.head.pos_ in ("VERB", "AUX", "ADJ")
            ):
                # "youths resorted to throwing stones", "are guilty of violating the truce"
                cur = cur.head
            cur = cur.head
            seen += 1
            continue
        return _verbless_root(verb)
    return None


def _fronted_object(noun: Token) -> bool:
    """ "Armed men ... set fire to homes, officials said" read with "men" as the object of "said": an
    object before its verb is a misparse of a clause's subject."""
    return noun.dep_ == "dobj" and noun.head.i > noun.i


def _verbless_root(verb: Token) -> Token | None:
    """ "Doctors from two aid groups donated goods", "Armed men on horseback set fire to homes, officials
    said": a verb the parser hung inside a noun phrase before it (the phrase the sentence's root, or
    the subject of another verb) has that phrase's head as its subject, when it reads as an active
    past tense ("Fighters killed in the clash were buried", "Two soldiers killed in attack" are
    passives)."""
    if verb.dep_ in ("relcl", "ROOT"):
        return None
    cur = verb.head
    for _ in range(6):
        if cur.pos_ not in ("NOUN", "PROPN", "ADP", "NUM", "ADJ", "DET"):
            return None
        if cur.dep_ in ("ROOT", "nsubj", "nsubjpass") or cur.head.i == cur.i or _fronted_object(cur):
            break
        cur = cur.head
    else:
        return None
    if cur.pos_ not in ("NOUN", "PROPN") or cur.i >= verb.i:
        return None
    past = (
        verb.tag_ == "VBD"
        or verb.pos_ == "PROPN"  # a verb read as a name: "forces loyal to the GNA retook Gharyan"
        or (verb.tag_ == "VBN" and verb.lower_ == verb.lemma_.lower())  # "set", "hit"
        or (
            cur.dep_ == "ROOT"  # "donated and delivered goods": active, not "soldiers killed in an attack"
            and verb.tag_ == "VBN"
            and any(
                c.dep_ in ("dobj", "xcomp", "ccomp") or (c.dep_ == "conj" and c.tag_ == "VBD")
                for c in verb.children
            )
        )
    )
    return cur if past else None


def _parenthetical(appos: Token) -> bool:
    """ "Pakistan, a key U.S. ally, has refused": an apposition set off by commas or opened by an
    article describes the subject; a dateline ("Mosul, Iraqi troops retook") runs on into the verb."""
    edge = appos.right_edge
    closed = edge.i + 1 < len(edge.doc) and edge.nbor(1).text in (",", "—", "–")
    return closed or appos.left_edge.lower_ in ("a", "an")


def passive_subject(verb: Token) -> Token | None:
    """The passive subject; in headline style, with no auxiliary, also the subject of a participle
    ("Six women sexually assaulted near Nizi", "7 civilians killed in Al-Bab", the parser's nsubj)."""
    for c in verb.children:
        if c.dep_ == "nsubjpass":
            return c
    if verb.tag_ == "VBN" and verb.dep_ == "acl" and verb.lemma_.lower() in HEADLINE_VERBS:
        return verb.head  # "two civilians killed by gunmen", parsed as a noun phrase
    if verb.tag_ in ("VBN", "VBD") and verb.dep_ == "ROOT" and verb.lemma_.lower() in HEADLINE_VERBS:
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if (
            subject is not None
            and subject.lemma_.lower() in HEADLINE_PATIENTS
            and not any(c.dep_ in ("aux", "auxpass", "dobj", "ccomp", "xcomp") for c in verb.children)
        ):
            return subject
    return None


def _agent(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def _actor_of(tok: Token | None, actors: list[ActorMention]) -> ActorMention | None:
    """The actor mention naming the phrase headed by ``tok``."""
    if tok is None:
        return None
    m = mention_at(actors, tok.i)
    if m is not None:
        return m
    for t in _phrase(tok):  # "the ancient city of Palmyra": no actor; "members of IS": IS
        m = mention_at(actors, t.i)
        if m is not None and m.actor.sector is not None:
            return m
    return None


def _phrase(tok: Token) -> list[Token]:
    """The tokens of ``tok``'s noun phrase that may name who it is, in text order: modifiers,
    "of" phrases and a passive agent ("an IED planted by Taliban fighters"), but not a relative
    clause or a place ("the village of Sobane in central Mali" names no actor)."""
    out: list[Token] = []
    stack = [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ == "relcl" or (c.dep_ == "prep" and c.lower_ not in ("of", "from")):
                continue
            if c.dep_ == "acl" and not any(g.dep_ == "agent" for g in c.children):
                continue
            stack.append(c)
    return sorted(out, key=lambda t: t.i)


def _pobj_of(verb: Token, preps: set[str]) -> Token | None:
    """The object of the verb's first ``preps`` phrase that is not a date ("on Friday")."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj" and p.ent_type_ not in ("DATE", "TIME"):
                    return p
    return None


def _allies(
    head: ActorMention | None, head_tok: Token | None, actors: list[ActorMention]
) -> list[ActorMention]:
    """Actors joined to actor1 by "and" or by "backed by"/"supported by"."""
    if head is None or head_tok is None:
        return []
    out: list[ActorMention] = []
    for c in head_tok.children:
        if c.dep_ == "conj":
            m = _actor_of(c, actors)
            if m is not None and m.actor.name != head.actor.name:
                out.append(m)
        if c.dep_ == "acl" and c.lemma_ in ("back", "support", "aid", "assist", "help", "accompany"):
            m = _actor_of(_agent(c), actors)
            if m is not None and m.actor.name != head.actor.name:
                out.append(m)
    return out


# Verbs that say their complement did not happen: "refused to extradite", "failed to reach"
NEGATING_GOVERNORS = {"refuse", "decline", "fail", "reject", "avoid", "deny", "renege"}


def _negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    if no_one(tok):
        return True  # "No residents were injured", "no one was hurt in the attack"
    if _none_of(tok) or any(_none_of(c) for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")):
        return True  # "but no major clashes occurred", "no attack on the camp"
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in NEGATING_GOVERNORS:
        return True
    return tok.dep_ == "xcomp" and any(c.dep_ == "neg" for c in tok.head.children)


def _none_of(noun: Token) -> bool:
    """An event noun counted as none: "no clashes", "no major attacks"."""
    if noun.pos_ not in ("NOUN", "PROPN") or (noun.lemma_.lower(), "NOUN") not in load_triggers():
        return False
    return any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)


def no_one(verb: Token) -> bool:
    """The verb's passive subject is nobody: "no residents", "no one", "nobody", "none"."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")), None)
    if subject is None or passive_subject(verb) is None:
        return False
    if subject.lower_ in ("nobody", "none", "noone"):
        return True
    return any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children)


SAYING_VERBS = {
    "say", "tell", "insist", "reiterate", "stress", "demand", "urge", "add", "state", "declare",
    "announce", "argue", "write", "repeat", "emphasise", "emphasize", "maintain", "conclude", "remind",
    "warn", "reminder", "believe",
}  # fmt: skip


# Nouns of saying that a light verb issues: "issued a stern reminder to Iraq that it must cooperate"
SAYING_NOUNS = {"reminder", "warning", "statement", "message", "call", "demand", "ultimatum", "appeal"}


def _obliged(tok: Token) -> bool:
    """ "(X said) Y must/should do Z": an obligation reported by a speaker."""
    if not any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in tok.children):
        return False
    cur = tok
    for _ in range(3):
        if cur.dep_ not in ("ccomp", "conj", "xcomp", "acl") or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.lemma_.lower() in SAYING_VERBS:
            return True
        if any(c.dep_ == "dobj" and c.lemma_.lower() in SAYING_NOUNS for c in cur.children):
            return True
    return False


def _obligation(tok: Token) -> bool:
    """ "The Red Cross said US forces must ensure security": a verb that codes no event itself but,
    with "must" and a named subject under a speaker, is the speaker's demand (CAMEO 10)."""
    if tok.pos_ not in ("VERB", "AUX") or not any(
        c.dep_ == "aux" and c.lower_ == "must" for c in tok.children
    ):
        return False
    if any(c.dep_ == "neg" for c in tok.children) or tok.lemma_.lower() in ("be", "have"):
        return False  # "must not", "must be careful", "must have known": no act demanded
    subj = _subject(tok)
    return subj is not None and subj.lower_ not in PRONOUNS and _obliged(tok)


# Acts that, announced for the future, are threats rather than promises (PLOVER THREATEN)
COERCIVE_KINDS = {
    "attack", "armed_clash", "airstrike", "shelling", "explosion", "destroy_property", "territory",
    "sanction", "expel", "coerce", "arrest", "protest", "reject", "mobilize",
}  # fmt: skip


# Verbs of planning whose infinitive, when it coerces without violence, is a threat
PLANNING_VERBS = {"plan", "intend"}
PLANNED_COERCION = {"sanction", "expel", "coerce", "arrest"}


def _planned_coercion(m: EventMention) -> bool:
    """ "plans to impose restrictions", "intends to expel the envoys": a stated plan to coerce."""
    tok = m.trigger
    return (
        m.kind.split(":")[0] in PLANNED_COERCION
        and tok.dep_ == "xcomp"
        and tok.head.lemma_.lower() in PLANNING_VERBS
        and tok.head.tag_ in ("VBZ", "VBP", "VBD", "VBN")
        and not _negated(tok.head)
        and not any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.head.children)
    )


def _threat(m: EventMention) -> bool:
    """ "will impose sanctions", "will withdraw unless ...": a future act that coerces."""
    if m.kind.split(":")[0] in COERCIVE_KINDS:
        return True
    return any(t.lower_ == "unless" for t in m.sent)


def _threat_kind(act: str) -> str:
    """The threaten kind (with its PLOVER mode) for a threatened act of kind ``act``."""
    mode = THREAT_MODES.get(act) or THREAT_MODES.get(act.split(":")[0])
    return f"threaten:{mode}" if mode else "threaten"


DEMAND_WORDS = {"demand", "call", "urge", "insist", "ask", "press", "request", "appeal", "push", "plead"}


def _demand_of(tok: Token) -> Token | None:
    """The demand word whose content the act is: "reiterated its demand that Israel ease restrictions"."""
    cur = tok
    for _ in range(3):
        if cur.head.i == cur.i:
            return None
        infinitive = cur.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
        if (
            cur.dep_ in ("ccomp", "xcomp", "acl", "relcl") or infinitive
        ) and cur.head.lemma_.lower() in DEMAND_WORDS:
            return cur.head  # "demanded that X allow", "demanded the parties to allow"
        if cur.dep_ == "ccomp":  # "reiterated its demand that Israel ease ...": the clause hangs on the verb
            noun = next(
                (c for c in cur.head.children if c.dep_ == "dobj" and c.lemma_.lower() in DEMAND_WORDS), None
            )
            if noun is not None:
                return noun
        cur = cur.head
    return None


def _demanded(tok: Token) -> bool:
    """The act is what the speaker demands (not a demand the speaker rejects)."""
    demand = _demand_of(tok)
    return demand is not None and not _rejected_demand(demand)


def _rejected_demand(demand: Token) -> bool:
    """ "rejected North Korea's demand to sever ties", "dismissed an appeal to lay down arms": the
    demand is someone else's, refused, so the act it asks for neither happened nor is demanded here."""
    if demand.pos_ != "NOUN" or demand.dep_ not in ("dobj", "nsubjpass"):
        return False
    governor = demand.head
    if any(c.dep_ == "neg" for c in governor.children):  # "would not meet the kidnappers' demands"
        return True
    return any(t.kind == "reject" for t in load_triggers().get((governor.lemma_.lower(), "VERB"), []))


# Cooperative kinds whose plain refusal is a rejection: "will not accept refugees", "failed to reach
# agreement", "would not meet the kidnappers' demands" (PLOVER REJECT; CAMEO 12)
REFUSABLE_TYPES = {"AGREE", "CONCEDE", "CONSULT", "COOPERATE", "SUPPORT", "RETREAT", "AID"}  # CAMEO 121-124


def _refusal(tok: Token, kind: str) -> bool:
    """A cooperative act its subject says it will not (or failed to) do, stated as such, not as a
    condition ("if ..."), a report of what others did not do, or a question of ability."""
    coding = load_ontology().rows.get(kind) or load_ontology().rows.get(kind.split(":")[0])
    if coding is None or coding.plover_type not in REFUSABLE_TYPES:
        return False
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children):
        return False
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ("fail", "refuse", "decline"):
        return True
    if not any(c.dep_ == "neg" for c in tok.children):
        return False
    return not any(c.dep_ == "aux" and c.lower_ in ("could", "can", "might", "may") for c in tok.children)


# Verbs that report what their subject announced: "said it would", "confirmed it would"
ANNOUNCING_VERBS = {
    "say", "announce", "declare", "confirm", "tell", "state", "insist", "vow", "pledge", "warn",
}  # fmt: skip


def _stated_future(tok: Token) -> bool:
    """The verb is a plain future ("will visit"), or one reported in the past tense ("said they would
    blockade Paris"), not a condition, a possibility or a reported plan."""
    warning = (  # "warned that it would attack", not "warned that rebels would attack": its own act
        tok.dep_ == "ccomp"
        and tok.head.lemma_.lower() == "warn"
        and any(c.dep_ == "nsubj" and c.lower_ in ("it", "they", "we", "he", "she") for c in tok.children)
    )
    if (
        tok.dep_ in ("xcomp", "ccomp", "advcl")
        and tok.head.lemma_.lower() in HYPOTHETICAL_GOVERNORS
        and not warning
    ):
        return False
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children):
        return False
    if any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall") for c in tok.children):
        return True
    return (
        tok.dep_ == "ccomp"
        and tok.head.lemma_.lower() in ANNOUNCING_VERBS
        and tok.head.tag_ != "VBG"  # not "refused to meet him, saying he would only welcome him in X"
        and any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in tok.children)
        and not any(
            c.dep_ == "advcl" and any(g.lower_ in ("if", "unless") for g in c.children) for c in tok.children
        )
    )


def _own_word(m: EventMention, actors: list[ActorMention]) -> bool:
    """The speaker speaks for the doer: not "Israeli officials said Hamas could attack if ...", a
    prediction about another side."""
    speaker = _reporter(m.trigger, actors)
    if speaker is None or m.actor1 is None:
        return True
    one, two = speaker.actor.country, m.actor1.actor.country
    return one is None or two is None or one == two


CONDITIONAL_MODALS = {"would", "'d", "may", "might", "could"}


def _conditional_offer(tok: Token) -> bool:
    """ "said they would meet Cordovez if he gave them a veto", "may halt mediation if cooperation
    founders, the minister said": an act its doer says it would do on a condition, told by the
    speaker: an offer (PLOVER AGREE) or, when the act coerces, a threat."""
    if not any(c.dep_ == "aux" and c.lower_ in CONDITIONAL_MODALS for c in tok.children):
        return False
    if tok.dep_ != "ccomp" or tok.head.lemma_.lower() not in ANNOUNCING_VERBS:
        return False
    if tok.head.tag_ == "VBG" or _negated(tok.head):
        return False
    end = tok.head.i if tok.head.i > tok.i else tok.sent.end
    return any(t.lower_ in ("if", "unless") for t in tok.doc[tok.i + 1 : end])


# Kinds of sending or going whose purpose ("to investigate", "to mediate") is the event itself
MISSION_KINDS = {"consult", "visit", "mobilize", "aid"}


def _purpose(tok: Token, mentions: list[EventMention]) -> bool:
    """ "resigned to allow elections", "opened the bridge to allow deliveries": an infinitive of purpose
    hanging on another event is what that act was for, not a second act."""
    if tok.dep_ not in ("advcl", "xcomp") or not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in tok.children
    ):
        return False
    head = tok.head
    if head.lemma_.lower() in HYPOTHETICAL_GOVERNORS | NEGATING_GOVERNORS:
        return False
    # "sent personnel to investigate": a mission is named by what it is sent to do
    return any(o.trigger.i == head.i and o.kind.split(":")[0] not in MISSION_KINDS for o in mentions)


def _hypothetical(tok: Token) -> bool:
    goal = tok.head is not tok and any(c.dep_ == "mark" and c.lower_ == "until" for c in tok.children)
    if goal and (tok.head.lemma_.lower() in HYPOTHETICAL_GOVERNORS or _hypothetical(tok.head)):
        return True  # "have sworn to fight until they gain control": the goal of a vow
    cur = tok
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in ("do", "carry", "commit"):
        cur = tok.head  # "threatened to do a drive-by shooting": the act is the light verb's
    for _ in range(4):
        if any(c.dep_ == "aux" and c.lower_ in MODALS for c in cur.children):
            return True
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in cur.children):
            return True
        if cur.dep_ in ("xcomp", "ccomp") and cur.head.lemma_.lower() in HYPOTHETICAL_GOVERNORS:
            return True
        gov = cur.head.head
        if (  # "committed to opening talks", "ready for holding a vote": what they stand ready to do
            cur.dep_ == "pcomp"
            and cur.head.lower_ in ("to", "for")
            and {gov.lemma_.lower(), gov.lower_} & HYPOTHETICAL_GOVERNORS
        ):
            return True
        if _content_of_plan(cur):
            return True
        if cur.dep_ not in ("xcomp", "conj", "advcl") or cur.head is cur:
            return False
        cur = cur.head
    return False


# Nouns whose "to" infinitive or "on"/"for" phrase is an act not (yet) done: "a plan to attack",
# "an agreement on holding a peaceful protest", "a threat to strike"
PLAN_NOUNS = {
    "plan", "agreement", "deal", "accord", "pact", "proposal", "threat", "order", "decision", "plot",
    "scheme", "intention", "warning", "ultimatum", "offer", "promise", "pledge", "vow", "readiness",
    "permission", "right", "authorization", "authorisation", "mandate", "commitment", "strategy",
}  # fmt: skip


def _content_of_plan(verb: Token) -> bool:
    """The verb is what a plan, deal or threat is about, not an act told as done."""
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in PLAN_NOUNS:
        return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return (
        verb.dep_ == "pcomp"
        and verb.head.dep_ == "prep"
        and verb.head.lower_ in ("on", "for", "to")
        and verb.head.head.lemma_.lower() in PLAN_NOUNS
    )


def _roles(mention: EventMention, actors: list[ActorMention]) -> None:
    verb = mention.trigger
    subj = _subject(verb)
    agent = _agent(verb)
    patient = passive_subject(verb)
    a1_tok = agent if agent is not None else subj
    if patient is not None and agent is None:
        a1_tok = None
    if mention.kind == "pledge" and patient is not None and verb.lemma_.lower() in READY_PARTICIPLES:
        a1_tok, patient = patient, None  # "Vietnam is committed to opening up": a state of readiness
    mention.actor1 = _actor_of(a1_tok, actors)
    obj = _dobj(verb)
    if obj is not None and obj.lemma_.lower() in LIGHT_VERBS | {"control"}:
        obj = None
    target = patient if patient is not None else obj
    if mention.kind.startswith("territory"):
        # "retook the city from IS": the city is a place, IS the loser ("from" may hang on the city)
        target = _pobj_of(verb, {"from"}) or next(
            (
                p
                for t in verb.subtree
                if t.dep_ == "prep" and t.lower_ == "from"
                for p in t.children
                if p.dep_ == "pobj"
            ),
            None,
        )
    elif target is None or _actor_of(target, actors) is None:
        alt = _pobj_of(verb, {"from", "against", "on", "with", "at", "to"})
        if alt is None:  # "gave the Ivory Coast 5 million dollars"
            alt = next((c for c in verb.children if c.dep_ == "dative"), None)
        event_noun = obj is not None and (obj.lemma_.lower(), "NOUN") in load_triggers()
        by = _pobj_of(obj, {"by"}) if obj is not None and event_noun else None
        if by is not None and _actor_of(by, actors) is not None:
            alt = by  # "repelled an attack by ISWAP fighters on their base": the attackers
        if alt is None and obj is not None:
            alt = _pobj_of(obj, {"against", "on", "of", "from", "with", "to", "for"})
        target = alt if alt is not None else target
    if mention.kind in ("reject", "accuse") and target is not None:
        poss = [c for c in (_dobj(verb) or target).children if c.dep_ == "poss"]
        if poss and _actor_of(poss[0], actors) is not None:
            target = poss[0]
    mention.actor2 = _actor_of(target, actors)
    mention.assoc2 = _allies(mention.actor2, target, actors)  # "clashed with the army and allied militias"
    if a1_tok is not None and a1_tok.lower_ in PRONOUNS and mention.actor1 is None:
        mention.actor1 = _reporter(verb, actors)  # "Russia said it had flown 40 sorties"
    elif (
        a1_tok is not None
        and mention.actor1 is not None
        and mention.actor1.generic_armed
        and any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in a1_tok.children)
    ):
        owner = _reporter(verb, actors)  # "the army said its fighters killed 20 militants"
        if owner is not None and not owner.generic_armed:
            mention.actor1 = owner
    a1, a2 = mention.actor1, mention.actor2
    if a1 is not None and a2 is not None and a1.actor.name == a2.actor.name:
        mention.actor2 = None  # "forces lost 18 soldiers": their own men, not the enemy
    if mention.actor1 is None:  # "fighting broke out between the army and the RSF"
        sides = _between(verb, actors)
        if sides is not None:
            mention.actor1 = sides[0]
            if mention.actor2 is None or mention.actor2.actor.name == sides[0].actor.name:
                mention.actor2 = sides[1]
            return
    allies = _allies(mention.actor1, a1_tok, actors)
    if mention.actor2 is None and a1_tok is not None and verb.lemma_.lower() in RECIPROCAL_VERBS:
        # "Soldiers and rebels clashed": the second named is the other side, not an ally; "Vendors and
        # municipal police clashed": police, found only in the second of the joined subjects, are it
        if allies:
            mention.actor2, allies = allies[0], allies[1:]
        elif mention.actor1 is not None and mention_at(actors, a1_tok.i) is None:
            joined = {t.i for c in a1_tok.children if c.dep_ == "conj" for t in c.subtree}
            if mention.actor1.head in joined:
                mention.actor1, mention.actor2 = None, mention.actor1
    mention.assoc1 = allies


# Verbs whose joined subjects are the two sides, not allies: "X and Y clashed"
RECIPROCAL_VERBS = frozenset({"clash", "fight", "battle", "skirmish", "scuffle", "brawl"})


BACKGROUND_DEPS = {"relcl", "advcl", "acl"}
TEMPORAL_PREPS = {"before", "after", "while", "since", "until"}


def in_background_clause(tok: Token) -> bool:
    """The trigger sits in a relative or adverbial clause, or a "before"/"after" phrase: background to
    the sentence's news.

    "Sudan must return a helicopter *that was captured* last week", "Shevardnadze resigned *as the
    opposition threatened* to storm his residence": the clause tells what led to or surrounds the
    event the sentence reports, so the event is less likely the one the sentence is about.
    """
    x = tok
    for _ in range(len(tok.sent) + 1):
        if x.dep_ in BACKGROUND_DEPS:
            return True
        if x.dep_ == "pcomp" and x.head.lower_ in TEMPORAL_PREPS:
            return True  # "demanded a truce before allowing aid convoys", "after killing ten"
        if x.head is x:
            return False
        x = x.head
    return False


# verbs of making ready whose "to" clause names an act of force not yet done: "prepared to resume shelling"
READY_VERBS = frozenset({"prepare", "gear", "mass"})


def _readied(trigger: Token) -> bool:
    """A violent act that forces are only made ready for: the act is the "to" clause of a verb of making
    ready ("prepared to resume shelling", "massed to attack"), itself asserted."""
    t = trigger
    while t.dep_ in ("xcomp",) and t.head.i != t.i:
        t = t.head
        if t.lemma_.lower() in READY_VERBS:
            return not any(c.dep_ == "neg" for c in t.children)
        if t.lemma_.lower() not in ("resume", "begin", "start", "launch"):
            return False
    return False


# Nouns that count the dead of an event named after "from"/"of"/"in": "the death toll from the bombing"
TOLL_NOUNS = frozenset({"toll", "casualty", "casualties"})


def _toll_event(noun: Token) -> str | None:
    """The kind of a violent event named only as what a death toll counts: "the death toll from Monday's
    suicide bombing has risen to 34", "the toll of the attack rose to 12", "the toll rose to 20 after the
    blast"; None for any other word."""
    if noun.pos_ != "NOUN" or noun.dep_ != "pobj" or noun.head.lower_ not in ("from", "of", "in", "after"):
        return None
    holder = noun.head.head
    counted = holder.lemma_.lower() in TOLL_NOUNS or any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in TOLL_NOUNS for c in holder.children
    )
    if not counted:
        return None
    kind = _noun_kind(noun)  # "suicide bombing" is a suicide bomb; "a gas explosion" is no event
    return kind if kind is not None and kind.split(":")[0] in _VIOLENT else None


def _fight_between(noun: Token) -> str | None:
    """The kind of a fight named by a noun with its two sides, "clashes between X and Y", wherever the
    noun stands ("killed in clashes between", "after combats between"); None for any other word."""
    if noun.pos_ != "NOUN" or not any(c.dep_ == "prep" and c.lower_ == "between" for c in noun.children):
        return None
    kinds = [t.kind for t in load_triggers().get((noun.lemma_.lower(), "NOUN"), [])]
    return next((k for k in kinds if k.split(":")[0] == "armed_clash"), None)


def _between(verb: Token, actors: list[ActorMention]) -> tuple[ActorMention, ActorMention | None] | None:
    """The two sides named by "between X and Y" on the verb or on its event-noun subject."""
    heads = [verb, *(c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))]
    for h in heads:
        for prep in h.children:
            if prep.dep_ != "prep" or prep.lower_ != "between":
                continue
            first = next((p for p in prep.children if p.dep_ == "pobj"), None)
            a = _actor_of(first, actors)
            if first is None or a is None:
                continue
            second = next((c for c in first.children if c.dep_ == "conj"), None)
            b = _actor_of(second, actors)
            return a, b if b is not None and b.actor.name != a.actor.name else None
    return None


def _reporter(verb: Token, actors: list[ActorMention]) -> ActorMention | None:
    """The subject of the verb that reports ``verb``'s clause, for resolving "it"/"they"."""
    cur = verb
    for _ in range(3):
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        for c in cur.children:
            if c.dep_ in SUBJECT_DEPS and c.lower_ not in PRONOUNS:
                return _actor_of(c, actors)
            if c.dep_ == "nsubjpass" and cur.lemma_.lower() in QUOTING_VERBS and c.lower_ not in PRONOUNS:
                return _actor_of(c, actors)  # "King Hassan was quoted as saying he would be ready"
    return None


# Passive verbs of reporting whose subject is the speaker: "was quoted as saying", "was reported to have said"
QUOTING_VERBS = {"quote", "report", "cite"}


def find_event_mentions(sent: Span, actors: list[ActorMention]) -> list[EventMention]:
    """Event mentions in one sentence, with actors (as mentions), negation and hypothetical flags."""
    found: list[EventMention] = []
    for tok in sent:
        hit = _match(tok)
        if hit is None:
            continue
        kind, trig, nominal = hit
        if kind.split(":")[0] == "attack" and any(c.lower_ == "sexually" for c in trig.children):
            kind = "sexual_violence"  # "six women sexually assaulted"
        found.append(EventMention(kind=kind, trigger=trig, sent=sent, nominal=nominal))
    found = _fold(found)
    coded = {t.i for m in found for t in (m.trigger, *m.folded)}
    fights = ((tok, _fight_between(tok)) for tok in sent if tok.i not in coded)
    found += [  # "seven dead after combats between the ELN and FARC dissidents": the noun names the fight
        EventMention(kind=fight, trigger=tok, sent=sent, nominal=True)
        for tok, fight in fights
        if fight is not None
    ]
    coded |= {m.trigger.i for m in found}
    tolls = ((tok, _toll_event(tok)) for tok in sent if tok.i not in coded)
    found += [  # "The death toll from Monday's suicide bombing has risen to 34": the noun is the news
        EventMention(kind=kind, trigger=tok, sent=sent, nominal=True)
        for tok, kind in tolls
        if kind is not None
    ]
    obligations = [
        EventMention(kind="request", trigger=tok, sent=sent)
        for tok in sent
        if tok.i not in coded and _obligation(tok)
    ]
    found = sorted(found + obligations, key=lambda m: m.trigger.i)
    for m in found:
        if m.kind == "threaten":  # "threatened to shell Iraqi towns": the act threatened gives the mode
            m.kind = _threat_kind(
                next(
                    (o.kind for o in found if o.trigger.head.i == m.trigger.i and o.trigger.dep_ == "xcomp"),
                    "threaten",
                )
            )
        if m.kind.split(":")[0] in _VIOLENT and _readied(m.trigger):
            m.kind = "mobilize:ready"  # "the army prepared to resume shelling": forces readied, not yet fire
        if m.kind == "pledge" and m.trigger.lemma_ in THREAT_PLEDGES:
            # "it is prepared to impose martial law", "vowed to fight on": readiness to coerce is a threat
            # (an offer or a promise to send troops is not)
            act = next(
                (
                    o
                    for o in found
                    if o.trigger.dep_ == "xcomp" and m.trigger.i in (o.trigger.head.i, o.trigger.head.head.i)
                ),
                None,
            )
            if act is not None and _threat(act):
                m.kind = _threat_kind(act.kind)
        _roles(m, actors)
        m.negated = _negated(m.trigger)
        m.hypothetical = _hypothetical(m.trigger) or _purpose(m.trigger, found)
        if m.kind == "mobilize:ready":
            m.hypothetical = False  # the readying happened; the shelling it readies for has not
        demand = _demand_of(m.trigger)
        if demand is not None and _rejected_demand(demand):
            m.hypothetical = True  # the refused demand's content: the rejection is the event
        elif m.negated and _refusal(m.trigger, m.kind):
            m.kind, m.negated, m.hypothetical = "reject", False, False
        if m.hypothetical and not m.negated and _planned_coercion(m):
            # "Greece plans to impose restrictions on workers from new members": a coercive plan
            # announced is a threat (PLOVER THREATEN, CAMEO 13)
            m.kind, m.hypothetical = _threat_kind(m.kind), False
        elif (
            m.hypothetical
            and not m.negated
            and (_stated_future(m.trigger) or (_conditional_offer(m.trigger) and _own_word(m, actors)))
        ):
            # "Hungary will support the resolution": a commitment made now (PLOVER AGREE), or a threat
            m.kind = _threat_kind(m.kind) if _threat(m) else "pledge"
            m.hypothetical = False
        elif not m.negated and ((m.hypothetical and _obliged(m.trigger)) or _demanded(m.trigger)):
            # "Britain said Libya must hand over the suspects": Britain's demand on Libya (PLOVER REQUEST)
            speaker = _reporter(m.trigger, actors)
            subject = _subject(m.trigger)
            if speaker is not None and subject is not None and subject.lower_ in PRONOUNS:
                m.actor1 = None  # "reminded Iraq that it must cooperate": "it" is not the speaker
            if speaker is not None and (m.actor1 is None or speaker.actor.name != m.actor1.actor.name):
                m.kind, m.actor1, m.actor2, m.hypothetical = "request", speaker, m.actor1, False
                m.assoc1 = []
            elif speaker is not None and _demand_of(m.trigger) is not None:
                m.hypothetical = True  # "X demanded the parties to allow ...": X's demand is its own event
        if any(m is o for o in obligations) and (
            m.hypothetical or m.actor1 is None or m.actor2 is None or m.actor2.actor.sector in ("CVL", "REF")
        ):
            # no speaker, not someone else's obligation, or a hardship ("refugees must walk ten
            # kilometres for water, the UN said"): no demand to code
            m.kind = ""
        for f in m.folded:  # "..., killing over 100 militants": the folded verb's object is the target
            if m.actor2 is None:
                m.actor2 = _actor_of(_dobj(f), actors)
        if m.actor1 is None and m.kind.split(":")[0] in CLAIMABLE_KINDS and not _bare_casualty(m):
            # not "Four soldiers were killed.": a toll that follows the attack, which takes the claim
            m.actor1 = _claimed_by(sent, actors)
    found = [m for m in found if m.kind]  # a demand or obligation found to be no event ("" above)
    for m in found:
        if m.actor2 is None:  # "threatened to break relations with Russia": the act's target is the threat's
            act = _act_of(m, found)
            if (
                act is not None
                and act.actor2 is not None
                and (m.actor1 is None or act.actor2.actor.name != m.actor1.actor.name)
            ):
                m.actor2 = act.actor2
    return [m for m in found if m.kind]


def _act_of(m: EventMention, mentions: list[EventMention]) -> EventMention | None:
    """The act a threat, pledge, demand or refusal is about: its infinitive ("threatened to shell",
    "is ready to impose", "refused to lift")."""
    if load_ontology().code(m.kind)[1].plover_type not in SPEECH_ACT_TYPES:
        return None
    for o in mentions:
        t = o.trigger
        if t.dep_ == "conj" and t.head.dep_ == "xcomp":  # "called on Arabs to unite and mobilize against"
            t = t.head
        if o is not m and t.dep_ == "xcomp" and m.trigger.i in (t.head.i, t.head.head.i):
            return o
    return None


# Types whose target is the target of the act they are about
SPEECH_ACT_TYPES = {"THREATEN", "AGREE", "REQUEST", "REJECT"}


# Attacks an armed group may claim; what a claim names; how far after the attack a claim may come
CLAIMABLE_KINDS = {"attack", "airstrike", "shelling", "explosion", "suicide_bomb", "grenade", "abduction"}
CLAIM_OBJECTS = {
    "responsibility", "attack", "bombing", "blast", "explosion", "killing", "ambush", "assault", "raid",
    "abduction", "kidnapping",
}  # fmt: skip
CLAIM_WINDOW = 3  # sentences: "An IED hit a convoy. Four soldiers were killed. JNIM claimed it."


def _claimed_by(sent: Span, actors: list[ActorMention]) -> ActorMention | None:
    """The armed group that claimed the attack in this sentence or one of the next two ("Al Shabaab
    claimed the attack", "police attributed the bombing to Jamaat-ul-Ahrar")."""
    sents = list(sent.doc.sents)
    at = next((i for i, s in enumerate(sents) if s.start == sent.start), None)
    if at is None:
        return None
    for s in sents[at : at + CLAIM_WINDOW + 1]:
        for tok in s:
            lemma = tok.lemma_.lower()
            if tok.pos_ != "VERB" or _negated(tok) or _hypothetical(tok):
                continue
            if lemma == "claim":
                obj = _dobj(tok)
                if obj is None or obj.lemma_.lower() not in CLAIM_OBJECTS | {"it"}:
                    continue
                who = _agent(tok) if passive_subject(tok) is not None else _subject(tok)
            elif lemma in ("attribute", "blame"):
                obj = _dobj(tok)
                who = _pobj_of(tok, {"to", "on"}) or (
                    _pobj_of(obj, {"to", "on"}) if obj is not None else None
                )
                if (
                    who is None
                    and lemma == "blame"
                    and obj is not None
                    and obj.lemma_.lower() not in CLAIM_OBJECTS
                ):
                    who = obj  # "Authorities blamed Boko Haram"
            elif lemma == "suspect":  # "Boko Haram was suspected", "police suspected Boko Haram"
                who = passive_subject(tok) or _dobj(tok)
            else:
                continue
            m = _actor_of(who, actors)
            if m is not None and m.actor.sector in ("INS", "REB") and not m.generic_armed:
                return m
    return None


def mention_for(tok: Token, kind: str, sent: Span, actors: list[ActorMention]) -> EventMention:
    """A mention of ``kind`` at ``tok`` with this stage's roles and flags (for plug-in verb coders)."""
    m = EventMention(kind=kind, trigger=tok, sent=sent)
    _roles(m, actors)
    m.negated, m.hypothetical = _negated(tok), _hypothetical(tok)
    return m


_VIOLENT = {
    "attack", "armed_clash", "airstrike", "shelling", "explosion", "destroy_property", "suicide_bomb",
    "grenade",
}  # fmt: skip


def _fold(mentions: list[EventMention]) -> list[EventMention]:
    """Fold a subordinate violence verb into the event that governs it.

    "Warplanes delivered strikes ..., killing 100 militants, destroying four tanks" is one air strike,
    not three events.
    """
    keep: list[EventMention] = []
    for m in mentions:
        parent = _governing(m, mentions)
        if (
            parent is not None
            and parent in keep
            and _bare_casualty(parent)
            and m.kind.split(":")[0] in _VIOLENT
        ):
            # "11 people were killed when Boko Haram raided a village": the raid is the event, the
            # killing its toll
            keep[keep.index(parent)] = m
            m.folded.extend([parent.trigger, *parent.folded])
            continue
        if (
            parent is not None
            and m.kind.split(":")[0] in _VIOLENT
            and parent.kind.split(":")[0] in (_VIOLENT | {"territory", "riot", "protest"})
        ):
            parent.folded.append(m.trigger)
            continue
        keep.append(m)
    return keep


def _bare_casualty(m: EventMention) -> bool:
    """A passive death or injury with no one named behind it ("11 people were killed")."""
    t = m.trigger
    casualty = ("kill", "wound", "injure")
    if t.lemma_.lower() not in casualty or any(c.dep_ == "agent" for c in t.children):
        return False
    if any(c.dep_ == "nsubjpass" for c in t.children):
        return True
    # "seven were killed and 15 others injured when ...": the second casualty verb of the list
    head = t.head
    return (
        t.dep_ == "conj"
        and head.lemma_.lower() in casualty
        and any(c.dep_ == "nsubjpass" for c in head.children)
    )


def _governing(m: EventMention, mentions: list[EventMention]) -> EventMention | None:
    """The mention whose clause ``m`` is a participle of ("..., killing 60"), through conjoined verbs."""
    cur = m.trigger
    if cur.dep_ == "conj":  # "killing 60 fighters and destroying seven trucks": follows its first verb
        first = next((o for o in mentions if o is not m and o.trigger.i == cur.head.i), None)
        return _governing(first, mentions) if first is not None else None
    for step in range(4):
        allowed = VIOLENT_SUBORDINATE if step == 0 else VIOLENT_SUBORDINATE | {"conj"}
        if cur.dep_ not in allowed or cur.head.i == cur.i:
            return None
        cur = cur.head
        for other in mentions:
            if other is not m and (other.trigger.i == cur.i or any(f.i == cur.i for f in other.folded)):
                return other
    return None
