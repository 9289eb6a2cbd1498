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
    "load_ontology",
    "load_triggers",
]

LIGHT_VERBS = {
    "launch",
    "carry",
    "conduct",
    "deliver",
    "mount",
    "stage",
    "hold",
    "unleash",
    "intensify",
    "step",
}
PERSON_NOUNS = {
    "soldier", "troop", "fighter", "militant", "civilian", "people", "person", "man", "woman", "child",
    "officer", "policeman", "rebel", "insurgent", "member", "guard", "general", "commander", "protester",
    "worker", "journalist", "resident", "villager", "student", "prisoner", "hostage", "jihadist", "terrorist",
}  # fmt: skip
CLAIM_NOUNS = {
    "assertion", "claim", "report", "allegation", "statement", "accusation", "charge", "suggestion",
    "proposal", "offer", "demand", "account", "version", "rumour", "rumor", "story", "plan", "request",
}  # fmt: skip
HYPOTHETICAL_GOVERNORS = {
    "threaten", "plan", "vow", "intend", "want", "seek", "aim", "prepare", "try", "attempt", "hope",
    "propose", "expect", "warn", "pledge", "promise", "consider", "offer", "call", "urge", "ask", "demand",
}  # fmt: skip
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
        """True when ``kind`` (or its base, before any ``:variant``) is coded PLOVER ASSAULT."""
        coding = self.rows.get(kind.split(":")[0]) or self.rows.get(kind)
        return coding is not None and coding.plover_type == "ASSAULT"


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

    @property
    def tokens(self) -> list[Token]:
        return [self.trigger, *self.folded]


def _dobj(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("dobj", "obj"):
            return c
    return None


def _object_ok(trig: Trigger, tok: Token) -> bool:
    if trig.obj in ("*", "-"):
        return True
    obj = _dobj(tok)
    if trig.obj == "@person":
        return obj is not None and obj.lemma_.lower() in PERSON_NOUNS
    if trig.obj == "@claim":
        return obj is not None and obj.lemma_.lower() in CLAIM_NOUNS
    return obj is not None and obj.lemma_.lower() == trig.obj


def _match(tok: Token) -> tuple[str, Token] | None:
    """(kind, trigger token) when ``tok`` triggers an event."""
    table = load_triggers()
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB":
        # irregular forms the lemmatiser leaves alone ("retook") are listed in triggers.tsv as written
        for trig in table.get((lemma, "VERB"), []) or table.get((tok.lower_, "VERB"), []):
            if _object_ok(trig, tok):
                return trig.kind, tok
        if lemma in LIGHT_VERBS:
            obj = _dobj(tok)
            if obj is not None:
                for trig in table.get((obj.lemma_.lower(), "NOUN"), []):
                    return trig.kind, tok
    return None


def _subject(verb: Token) -> Token | None:
    """The subject of ``verb``, climbing through xcomp/conj/advcl chains when it has none."""
    cur: Token | None = verb
    seen = 0
    while cur is not None and seen < 6:
        subjects = [c for c in cur.children if c.dep_ in SUBJECT_DEPS]
        if len(subjects) > 1:  # "Kabul, Afghan forces retook ...": the dateline is parsed as a second subject
            subjects = [
                c for c in subjects if not (c.i == c.sent.start and c.nbor(1).text == ",")
            ] or subjects
        for c in subjects:
            if c.dep_ in SUBJECT_DEPS:
                appos = [a for a in c.children if a.dep_ == "appos"]
                if appos and c.i == c.sent.start and c.nbor(1).text in (",", "-", "—", "–"):
                    return appos[0]  # "Mosul, Iraqi troops retook ...": the dateline is not the subject
                return c
        if cur.dep_ in ("xcomp", "conj", "advcl", "acl") and cur.head is not cur:
            cur = cur.head
            seen += 1
            continue
        return None
    return None


def _passive_subject(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "nsubjpass":
            return c
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
    for t in tok.subtree:  # "the ancient city of Palmyra": no actor; "members of IS": IS
        if t.dep_ in ("relcl", "acl"):
            continue
        m = mention_at(actors, t.i)
        if m is not None and m.actor.sector is not None:
            return m
    return None


def _pobj_of(verb: Token, preps: set[str]) -> Token | None:
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj":
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


def _negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    return tok.dep_ == "xcomp" and any(c.dep_ == "neg" for c in tok.head.children)


def _hypothetical(tok: Token) -> bool:
    cur = tok
    for _ in range(4):
        if any(c.dep_ == "aux" and c.lower_ in MODALS for c in cur.children):
            return True
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in cur.children):
            return True
        if cur.dep_ in ("xcomp", "ccomp") and cur.head.lemma_.lower() in HYPOTHETICAL_GOVERNORS:
            return True
        if cur.dep_ not in ("xcomp", "conj", "advcl") or cur.head is cur:
            return False
        cur = cur.head
    return False


def _roles(mention: EventMention, actors: list[ActorMention]) -> None:
    verb = mention.trigger
    subj = _subject(verb)
    agent = _agent(verb)
    patient = _passive_subject(verb)
    a1_tok = agent if agent is not None else subj
    if patient is not None and agent is None:
        a1_tok = None
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
        alt = _pobj_of(verb, {"from", "against", "on", "with", "at"})
        if alt is None and obj is not None:
            alt = _pobj_of(obj, {"against", "on", "of", "from"})
        target = alt if alt is not None else target
    if mention.kind in ("reject", "accuse") and target is not None:
        poss = [c for c in (_dobj(verb) or target).children if c.dep_ == "poss"]
        if poss and _actor_of(poss[0], actors) is not None:
            target = poss[0]
    mention.actor2 = _actor_of(target, actors)
    if a1_tok is not None and a1_tok.lower_ in PRONOUNS and mention.actor1 is None:
        mention.actor1 = _reporter(verb, actors)  # "Russia said it had flown 40 sorties"
    a1, a2 = mention.actor1, mention.actor2
    if a1 is not None and a2 is not None and a1.actor.name == a2.actor.name:
        mention.actor2 = None  # "forces lost 18 soldiers": their own men, not the enemy
    mention.assoc1 = _allies(mention.actor1, a1_tok, actors)


def _reporter(verb: Token, actors: list[ActorMention]) -> ActorMention | None:
    """The subject of the verb that reports ``verb``'s clause, for resolving "it"/"they"."""
    cur = verb
    for _ in range(3):
        if cur.head is cur:
            return None
        cur = cur.head
        for c in cur.children:
            if c.dep_ in SUBJECT_DEPS and c.lower_ not in PRONOUNS:
                return _actor_of(c, actors)
    return None


def find_event_mentions(sent: Span, actors: list[ActorMention]) -> list[EventMention]:
    """Event mentions in one sentence, with actors (as mentions), negation and hypothetical flags."""
    found: list[EventMention] = []
    for tok in sent:
        hit = _match(tok)
        if hit is None:
            continue
        kind, trig = hit
        found.append(EventMention(kind=kind, trigger=trig, sent=sent))
    found = _fold(found)
    for m in found:
        _roles(m, actors)
        m.negated = _negated(m.trigger)
        m.hypothetical = _hypothetical(m.trigger)
        for f in m.folded:  # "..., killing over 100 militants": the folded verb's object is the target
            if m.actor2 is None:
                m.actor2 = _actor_of(_dobj(f), actors)
    return found


_VIOLENT = {"attack", "armed_clash", "airstrike", "shelling", "explosion", "destroy_property"}


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
            and m.kind.split(":")[0] in _VIOLENT
            and parent.kind.split(":")[0] in (_VIOLENT | {"territory"})
        ):
            parent.folded.append(m.trigger)
            continue
        keep.append(m)
    return keep


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
