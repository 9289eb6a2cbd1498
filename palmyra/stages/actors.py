"""Actors: find who is named in a sentence and normalise them to canonical actors.

Three sources, in this order of trust:

1. the curated lexicon ``resources/actors.tsv`` (armed groups, agencies, outlets,
   NGOs, IGOs), matched with spaCy's PhraseMatcher;
2. generated state actors: a force noun ("forces", "army", "troops", "warplanes",
   "police", "government") with a country modifier ("Syrian", "Syria's", "loyal
   to Syria's President") becomes *Military Forces of Syria*, *Police Forces of
   Syria* or *Government of Syria*; without one, the article's main country;
3. generic groups ("civilians", "protesters", "rebels", "militants") and people
   (spaCy PERSON), with a surname seen again later ("Assad") resolved to the
   earlier full mention.

Country names used as subjects ("Russia said") resolve to *Government of X*;
the events stage turns a government into its military forces for military acts.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ..errors import ResourceError
from ..resources import data_rows, read_data
from ..resources.countries import CountryNames, country_names
from ..types import Actor, SourceType

__all__ = [
    "ActorLexicon",
    "ActorMention",
    "capital_country",
    "LexiconEntry",
    "extend_lexicon",
    "find_actors",
    "load_lexicon",
    "placelike",
    "source_type_of",
]

# Force nouns: lemma -> (kind, sector). Kinds: military, police, government.
FORCE_NOUNS: dict[str, tuple[str, str]] = {
    "force": ("military", "MIL"),
    "army": ("military", "MIL"),
    "troop": ("military", "MIL"),
    "soldier": ("military", "MIL"),
    "military": ("military", "MIL"),
    "warplane": ("military", "MIL"),
    "jet": ("military", "MIL"),
    "aircraft": ("military", "MIL"),
    "airstrike": ("military", "MIL"),
    "airforce": ("military", "MIL"),
    "navy": ("military", "MIL"),
    "gunship": ("military", "MIL"),
    "helicopter": ("military", "MIL"),
    "drone": ("military", "MIL"),
    "tank": ("military", "MIL"),
    "warship": ("military", "MIL"),
    "gunboat": ("military", "MIL"),
    "frigate": ("military", "MIL"),
    "paratrooper": ("military", "MIL"),
    "ranger": ("military", "MIL"),
    "serviceman": ("military", "MIL"),
    "servicemember": ("military", "MIL"),
    "sailor": ("military", "MIL"),
    "airman": ("military", "MIL"),
    "commando": ("military", "MIL"),  # "Pakistan Rangers", "a ranger patrol" (Thailand's paramilitary)
    "marine": ("military", "MIL"),
    "police": ("police", "COP"),
    "policeman": ("police", "COP"),
    "officer": ("police", "COP"),
    "sheriff": ("police", "COP"),  # "sheriff's deputies"
    "trooper": ("police", "COP"),  # "state troopers"
    "constable": ("police", "COP"),
    "gendarme": ("police", "COP"),
    "gendarmerie": ("police", "COP"),
    "government": ("government", "GOV"),
    "regime": ("government", "GOV"),
    "authority": ("government", "GOV"),
    "ministry": ("government", "GOV"),
    "official": ("government", "GOV"),
    "president": ("government", "GOV"),
    "diplomat": ("government", "GOV"),
    "envoy": ("government", "GOV"),
    "ambassador": ("government", "GOV"),
    "negotiator": ("government", "GOV"),
    "delegation": ("government", "GOV"),
    "minister": ("government", "GOV"),
    "parliament": ("government", "GOV"),
    "cabinet": ("government", "GOV"),
    "premier": ("government", "GOV"),
    "council": ("government", "GOV"),
    "presidency": ("government", "GOV"),
    "emir": ("government", "GOV"),
    "king": ("government", "GOV"),
    "sultan": ("government", "GOV"),
    "monarch": ("government", "GOV"),
    "court": ("judiciary", "JUD"),
    "judge": ("judiciary", "JUD"),
    "prosecutor": ("judiciary", "JUD"),
    "tribunal": ("judiciary", "JUD"),
}
# Group nouns with no country of their own: lemma -> (name template, sector, ACLED inter, generic armed?)
GROUP_NOUNS: dict[str, tuple[str, str, int | None, bool]] = {
    "civilian": ("Civilians", "CVL", 7, False),
    "resident": ("Civilians", "CVL", 7, False),
    "villager": ("Civilians", "CVL", 7, False),
    "worshipper": ("Civilians", "CVL", 7, False),
    "worshiper": ("Civilians", "CVL", 7, False),
    "tourist": ("Civilians", "CVL", 7, False),
    "farmer": ("Civilians", "CVL", 7, False),
    "herder": ("Civilians", "CVL", 7, False),
    "passenger": ("Civilians", "CVL", 7, False),
    "pilgrim": ("Civilians", "CVL", 7, False),
    "shopper": ("Civilians", "CVL", 7, False),
    "mourner": ("Civilians", "CVL", 7, False),
    "churchgoer": ("Civilians", "CVL", 7, False),
    "refugee": ("Civilians", "CVL", 7, False),
    "migrant": ("Civilians", "CVL", 7, False),
    "detainee": ("Civilians", "CVL", 7, False),
    "prisoner": ("Prisoners", "CVL", 7, False),  # ACLED: "Prisoners (Country)", civilians
    "youth": ("Civilians", "CVL", 7, False),
    "national": ("Civilians", "CVL", 7, False),  # "a US national", "two British nationals"
    "citizen": ("Civilians", "CVL", 7, False),
    "hacker": ("Hackers", "CRM", None, False),  # not armed: CAMEO's criminals
    "journalist": ("Journalists", "CVL", 7, False),  # ACLED: "Journalists (Country)"
    "elder": ("Civilians", "CVL", 7, False),  # "traditional elders", "tribal elders"
    "inmate": ("Prisoners", "CVL", 7, False),
    "schoolchild": ("Civilians", "CVL", 7, False),
    "crowd": ("Civilians", "CVL", 7, False),
    "mob": ("Rioters", "CVL", 5, False),
    "assailant": ("Unidentified Armed Group", "INS", 3, True),
    "attacker": ("Unidentified Armed Group", "INS", 3, True),
    "bandit": ("Unidentified Armed Group", "INS", 3, True),
    "kidnapper": ("Unidentified Armed Group", "INS", 3, True),
    "abductor": ("Unidentified Armed Group", "INS", 3, True),
    "protester": ("Protesters", "CVL", 6, False),
    "demonstrator": ("Protesters", "CVL", 6, False),
    "rioter": ("Rioters", "CVL", 5, False),
    "rebel": ("Rebels", "REB", 2, False),
    "guerrilla": ("Rebels", "REB", 2, False),
    "guerilla": ("Rebels", "REB", 2, False),
    "insurgent": ("Insurgents", "INS", 2, True),
    "militant": ("Militants", "INS", 2, True),
    "jihadist": ("Militants", "INS", 2, True),
    "terrorist": ("Militants", "INS", 2, True),
    "gunman": ("Unidentified Armed Group", "INS", 3, True),
    "extremist": ("Militants", "INS", 2, True),
    "islamist": ("Militants", "INS", 2, True),
    "gang": ("Unidentified Armed Group", "INS", 3, True),
    "settler": ("Settlers", "REB", 4, False),  # ACLED: an identity militia, like "Militia"
    "gangster": ("Unidentified Armed Group", "INS", 3, True),
    "fighter": ("Militants", "INS", 2, True),
    "militia": ("Militia", "REB", 3, False),
    "militiaman": ("Militia", "REB", 3, False),
    "opposition": ("Opposition", "OPP", None, False),
}
# The sector of a named body without a lexicon entry, by its head noun
ORG_SECTOR_WORDS = {
    "parliament": "LEG", "congress": "LEG", "assembly": "LEG", "senate": "LEG", "legislature": "LEG",
    "court": "JUD", "tribunal": "JUD", "ministry": "GOV", "government": "GOV", "cabinet": "GOV",
    "council": "GOV", "administration": "GOV", "commission": "GOV", "party": "OPP", "front": "REB",
    "movement": "OPP", "church": "REL", "bank": "BUS", "company": "BUS", "corporation": "BUS",
    "agency": "GOV", "police": "COP", "army": "MIL", "department": "GOV", "presidency": "GOV",
    "judiciary": "JUD", "prosecutor": "JUD",
}  # fmt: skip
# Words that make a named body with "union" in it a labour organisation, whatever its head noun
# ("Trades Union Council", "National Union of Teachers"; not "the African Union")
UNION_MEMBERS = frozenset({
    "trade", "trades", "worker", "workers", "teacher", "teachers", "nurse", "nurses", "doctor", "doctors",
    "employee", "employees", "transport", "miner", "miners", "journalist", "journalists", "student",
    "students",
})  # fmt: skip
_ROLE_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos")
# Government people named by their role: only an actor when a country says whose ("Moroccan diplomats")
_NEEDS_COUNTRY = {
    "official", "president", "officer", "ministry", "diplomat", "envoy", "ambassador", "negotiator",
    "delegation", "minister", "parliament", "cabinet", "premier", "council", "presidency", "emir", "king",
    "sultan", "monarch",
}  # fmt: skip
UNIDENTIFIED_ARMED = ("Unidentified Armed Group", "INS", 3, True)
_UNNAMED = {"unidentified", "unknown", "suspected"}  # "suspected militants": no one named
_ARMED_ADJECTIVES = {"armed", "masked", "unidentified", "unknown", "gun-wielding", "hooded"}
_LEADER_NOUNS = {"leader", "commander", "spokesman", "spokeswoman", "official", "member", "chief"}
_GOV_WORDS = {"government", "pro-government", "regime", "state", "loyalist", "pro-regime"}
_OWN_FORCE_WORDS = _GOV_WORDS | {
    "security", "army", "air", "armed", "national", "royal", "defence", "defense", "regular", "special",
    "federal", "border", "naval", "republican", "self", "-", "patrol", "customs", "immigration", "riot",
    "traffic", "coast", "civil", "municipal", "metropolitan", "provincial", "military", "judicial",
}  # fmt: skip
# Agents of a state's policing service: "border patrol agents", "customs agents" (not "travel agents")
_POLICING_WORDS = {"patrol", "border", "customs", "immigration"}
# Nouns whose country modifier names who acted: "a Russian missile strike", "Israeli shelling"
EVENT_HEAD_NOUNS = {
    "strike", "airstrike", "raid", "attack", "bombardment", "shelling", "missile", "rocket", "offensive",
    "assault", "operation", "fire", "bombing", "incursion", "shell", "artillery", "sortie", "barrage",
}  # fmt: skip
_SECTOR_SOURCE_TYPE: dict[str, SourceType] = {
    "MED": "media",
    "NGO": "ngo",
    "IGO": "igo",
    "MIL": "military",
    "COP": "military",
    "GOV": "government",
    "REB": "armed_group",
    "INS": "armed_group",
    "OPP": "armed_group",
    "PER": "person",
    "CVL": "person",
}


@dataclass(frozen=True)
class LexiconEntry:
    name: str
    country: str | None
    sector: str | None
    acled_inter: int | None
    source_type: SourceType
    also: tuple[LexiconEntry, ...] = ()  # further codes of one name (a CAMEO "[ELR/GAL]")
    agent: bool = False  # a role with no country of its own (a CAMEO agents dictionary's "~LEG")


@dataclass(frozen=True)
class ActorMention:
    """An actor found in the text: the actor, its token span, and whether it came from the lexicon."""

    actor: Actor
    start_token: int
    end_token: int
    kind: str  # lexicon | agent | state | group | person | country
    generic_armed: bool = False
    country_from_text: bool = True  # False: a group noun given the story's main country ("civilians")
    also: tuple[Actor, ...] = ()  # the same name's further codes (a CAMEO "[ELR/GAL]"), for CAMEO coding

    @property
    def head(self) -> int:
        return self.end_token - 1


@dataclass
class ActorLexicon:
    entries: list[LexiconEntry]
    aliases: list[tuple[str, int, bool]]  # alias, entry index, case-sensitive
    countries: CountryNames
    _matchers: dict[int, tuple[PhraseMatcher, PhraseMatcher]] = field(default_factory=dict, repr=False)

    def matchers(self, doc: Doc) -> tuple[PhraseMatcher, PhraseMatcher]:
        key = id(doc.vocab)
        if key not in self._matchers:
            lower = PhraseMatcher(doc.vocab, attr="LOWER")
            exact = PhraseMatcher(doc.vocab, attr="ORTH")
            tok = doc.vocab
            for alias, idx, cs in self.aliases:
                words = _words(alias)
                patterns = [Doc(tok, words=words)]
                split = [p for w in words for p in re.split(r"([-'’])", w) if p]
                if split != words:  # spaCy splits "Al-Shabab" in some contexts and not in others
                    patterns.append(Doc(tok, words=split))
                (exact if cs else lower).add(str(idx), patterns)
            self._matchers[key] = (lower, exact)
        return self._matchers[key]

    @classmethod
    def from_tsv(cls, text: str, *, origin: str = "actors.tsv") -> ActorLexicon:
        entries: list[LexiconEntry] = []
        aliases: list[tuple[str, int, bool]] = []
        for n, cols in data_rows(text):
            if len(cols) < 6:
                raise ResourceError(
                    f"{origin}:{n}: expected at least 6 tab-separated columns, got {len(cols)}"
                )
            name, alias_col, country, sector, inter, stype = cols[:6]
            exact_col = cols[6] if len(cols) > 6 else ""
            if stype not in _SOURCE_TYPES:
                raise ResourceError(f"{origin}:{n}: unknown source_type {stype!r}")
            try:
                inter_v = None if inter in ("", "-") else int(inter)
            except ValueError as e:
                raise ResourceError(f"{origin}:{n}: acled_inter must be 1-8 or -, got {inter!r}") from e
            idx = len(entries)
            entries.append(
                LexiconEntry(
                    name=name,
                    country=None if country in ("", "-") else country,
                    sector=None if sector in ("", "-") else sector,
                    acled_inter=inter_v,
                    source_type=stype,  # type: ignore[arg-type]
                )
            )
            for a in filter(None, (s.strip() for s in alias_col.split("|"))):
                aliases.append((a, idx, False))
            for a in filter(None, (s.strip() for s in exact_col.split("|"))):
                aliases.append((a, idx, True))
        return cls(entries=entries, aliases=aliases, countries=country_names())

    def entry_for(self, name: str) -> LexiconEntry | None:
        for e in self.entries:
            if e.name == name:
                return e
        return None


_SOURCE_TYPES = {"ngo", "government", "military", "media", "armed_group", "person", "igo", "unknown"}


def _words(alias: str) -> list[str]:
    """Tokenise an alias roughly as spaCy's English tokenizer would."""

    return [w for w in re.findall(r"[A-Za-z]\.(?:[A-Za-z]\.)+|[\w]+(?:[-'’][\w]+)*|[^\w\s]", alias) if w]


@functools.lru_cache(maxsize=1)
def load_lexicon() -> ActorLexicon:
    """The bundled actor lexicon (loaded once)."""
    return ActorLexicon.from_tsv(read_data("actors.tsv"))


def extend_lexicon(
    base: ActorLexicon,
    additions: Iterable[tuple[LexiconEntry, Iterable[str], Iterable[str]]],
    *,
    countries: CountryNames | None = None,
) -> ActorLexicon:
    """A new lexicon: *base* plus ``(entry, aliases, exact aliases)`` additions, which win.

    A base alias spelled like an added one (case-insensitively) is dropped, so a plug-in
    dictionary overrides the bundled lexicon; *countries* replaces the country names.
    """
    entries = list(base.entries)
    added: list[tuple[str, int, bool]] = []
    for entry, aliases, exact in additions:
        idx = len(entries)
        entries.append(entry)
        added += [(a, idx, False) for a in aliases] + [(a, idx, True) for a in exact]
    taken = {a.lower() for a, _, _ in added}
    kept = [t for t in base.aliases if t[0].lower() not in taken]
    return ActorLexicon(entries=entries, aliases=kept + added, countries=countries or base.countries)


def source_type_of(actor: Actor, lexicon: ActorLexicon | None = None) -> SourceType:
    if lexicon is not None:
        entry = lexicon.entry_for(actor.name)
        if entry is not None:
            return entry.source_type
    return _SECTOR_SOURCE_TYPE.get(actor.sector or "", "unknown")


PLACE_NOUNS = {"town", "city", "village", "district", "province", "region", "governorate", "area", "suburb"}
PLACE_PREPS = {"in", "near", "outside", "at", "around"}


def placelike(ent: Span) -> bool:
    """A PERSON/ORG entity the context marks as a place: "the town of Tal Afar", "fighting near X"."""
    if ent.label_ not in ("PERSON", "ORG", "NORP"):
        return False
    doc = ent.doc
    before = doc[max(0, ent.start - 2) : ent.start]
    if len(before) == 2 and before[0].lemma_.lower() in PLACE_NOUNS and before[1].lower_ == "of":
        return True
    head = ent.root.head
    return ent.root.dep_ == "pobj" and head.lower_ in PLACE_PREPS


def _shouting(sent: Span) -> bool:
    letters = [c for c in sent.text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def _span_actor(span: Span, **kw: object) -> Actor:
    return Actor(text=span.text, start=span.start_char, end=span.end_char, **kw)  # type: ignore[arg-type]


def _lexicon_mentions(doc: Doc, lex: ActorLexicon) -> list[ActorMention]:
    lower, exact = lex.matchers(doc)
    found = [(s, e, int(doc.vocab.strings[m])) for m, s, e in list(lower(doc)) + list(exact(doc))]
    # "IS" only as a name: not the verb "is" in an all-capitals headline
    found = [
        (s, e, i) for s, e, i in found if not (e - s == 1 and doc[s].text == "IS" and _shouting(doc[s].sent))
    ]
    found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    out: list[ActorMention] = []
    taken: set[int] = set()
    for s, e, idx in found:
        if any(i in taken for i in range(s, e)):
            continue
        taken.update(range(s, e))
        en = lex.entries[idx]
        span = doc[s:e]
        if span[0].lower_ == "the":
            span = doc[s + 1 : e]
        also = tuple(
            _span_actor(span, name=x.name, country=x.country, sector=x.sector, acled_inter=x.acled_inter)
            for x in en.also
        )
        out.append(
            ActorMention(
                _span_actor(
                    span, name=en.name, country=en.country, sector=en.sector, acled_inter=en.acled_inter
                ),
                span.start,
                span.end,
                "agent" if en.agent else "lexicon",
                also=also,
            )
        )
    return out


_AGENT_PREPS = ("in", "of", "from")


def _compose_agents(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """A dictionary's role (an agent: "cleric", "lawmakers") joined to the country it is named
    with, as CAMEO codes it: "Arnor cleric", "Gondor's main opposition group" (ARNREL, GONMOP);
    "lawmakers in Fornost and Gondor" (FORLEG, and GONLEG for the second country)."""
    by_end = {m.end_token: m for m in mentions}
    out: list[ActorMention] = []
    dropped: set[int] = set()
    for m in mentions:
        if m.kind != "agent" or m.actor.country is not None:
            out.append(m)
            continue
        left = by_end.get(m.start_token)
        if left is None and m.start_token >= 2 and doc[m.start_token - 1].lower_ in ("'s", "’s"):
            left = by_end.get(m.start_token - 1)
        if left is not None and _named_state(left):
            span = doc[left.start_token : m.end_token]
            actor = _span_actor(
                span, name=f"{m.actor.name} ({left.actor.name})", country=left.actor.country,
                sector=m.actor.sector, acled_inter=m.actor.acled_inter,
            )  # fmt: skip
            out.append(replace(m, actor=actor, start_token=span.start, kind="lexicon"))
            dropped.add(id(left))
            continue
        states: list[ActorMention] = []
        for t in _agent_place_words(doc[m.end_token - 1]):
            at = mention_at(mentions, t.i)
            if at is not None and _named_state(at) and all(at is not x for x in states):
                states.append(at)
        if not states:
            out.append(m)
            continue
        a = m.actor
        composed = [replace(a, name=f"{a.name} ({s.actor.name})", country=s.actor.country) for s in states]
        out.append(replace(m, actor=composed[0], also=tuple(composed[1:]), kind="lexicon"))
    return [m for m in out if id(m) not in dropped]


def _named_state(m: ActorMention) -> bool:
    return m.kind != "agent" and m.actor.country is not None and m.actor.sector is None


def _agent_place_words(head: Token) -> list[Token]:
    """The words of a role's first "in/of/from" phrase, and its conjuncts: "lawmakers in Fornost and
    Gondor", also where the parser joined "Gondor" to "lawmakers" right after the phrase."""
    doc = head.doc
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.lower_ not in _AGENT_PREPS:
            continue
        out = [
            t
            for obj in prep.children
            if obj.dep_ == "pobj"
            for t in obj.subtree
            if t.dep_ in ("pobj", "conj")
        ]
        after = [c for c in head.rights if c.dep_ == "conj" and c.i > prep.right_edge.i]
        if out and after and all(t.dep_ in ("cc", "punct") for t in doc[prep.right_edge.i + 1 : after[0].i]):
            out.append(after[0])
        return out
    return []


# Force nouns whose "of" phrase may name their country: "soldiers of the Burkinabe army", "Military
# Forces of Nigeria"
_OF_COUNTRY_NOUNS = {"soldier", "troop", "officer", "member", "unit", "force", "army", "military", "police"}


def _country_of_modifiers(tok: Token, countries: CountryNames) -> tuple[str | None, list[Token]]:
    """Country named by a noun's modifiers: "Syrian forces", "Syria's army", "forces loyal to Syria's X"."""
    mods = [c for c in tok.lefts if c.dep_ in ("amod", "compound", "poss", "nmod", "npadvmod")]
    for m in mods:
        for t in [m, *m.subtree]:
            a3 = countries.lookup(t.text)
            if a3:
                return a3, mods
    lemma = tok.lemma_.lower()
    if lemma in _OF_COUNTRY_NOUNS or (lemma.endswith("s") and lemma[:-1] in _OF_COUNTRY_NOUNS):
        # "soldiers of the Burkinabe army", "troops of the Philippine Army's 103rd Brigade"
        for c in tok.rights:
            if c.dep_ == "prep" and c.lower_ == "of":
                for t in c.subtree:
                    a3 = countries.lookup(t.text)
                    if a3:
                        return a3, mods
    for c in tok.rights:  # forces loyal to Syria's President ...
        # not "backed": "forces backed by Russian air strikes" are not Russia's, nor are "Turkish-backed" ones
        if c.dep_ in ("amod", "acl") and c.lemma_ in ("loyal", "allied"):
            for t in c.subtree:
                if t.dep_ == "poss" or t.ent_type_ in ("NORP", "GPE"):
                    a3 = countries.lookup(t.text)
                    if a3:
                        return a3, mods
    return None, mods


# Envoys serve abroad: "the ambassador in Kenya" is not Kenya's
_ENVOYS = {"diplomat", "ambassador", "envoy", "delegation", "negotiator"}


def _countries_named_after(tok: Token, countries: CountryNames, *, in_too: bool = False) -> list[str]:
    """The countries a role noun's "of"/"from" phrase names as its object: "soldiers from Chad",
    "the government of South Sudan", "the ambassadors of France, Spain and Italy" (not "the
    president of the European Commission", nor a country deeper in the phrase). ``in_too``:
    "officials in Kenya" as well (not for soldiers: "troops in Syria" are often someone else's).
    A noun joined to another before the phrase shares it: "lawmakers and officials in Kenya"."""
    preps = ("of", "from", "in") if in_too else ("of", "from")
    shared = list(tok.head.rights) if tok.dep_ == "conj" and tok.head.i < tok.i else []
    for prep in [*tok.rights, *shared]:
        if prep.dep_ != "prep" or prep.lower_ not in preps or prep.i < tok.i:
            continue
        out: list[str] = []
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            for t in [obj, *(c for c in obj.subtree if c.dep_ == "conj" and c.head.dep_ in ("pobj", "conj"))]:
                words = [w for w in t.lefts if w.dep_ == "compound"] + [t]
                a3 = countries.lookup(" ".join(w.text for w in words)) or countries.lookup(t.text)
                if a3 is None:
                    return []  # "officials of France and the EU": not a list of states
                out.append(a3)
        return out
    return []


def _state_name(kind: str, country: str | None, countries: CountryNames) -> str:
    cname = countries.name(country) if country else None
    base = {
        "military": "Military Forces", "police": "Police Forces", "government": "Government",
        "judiciary": "Judiciary",
    }[kind]  # fmt: skip
    return f"{base} of {cname}" if cname else f"{base} (unidentified country)"


def _np_start(tok: Token) -> int:
    left = tok.i
    for c in tok.lefts:
        if c.dep_ in ("amod", "compound", "poss", "nmod", "det", "nummod", "quantmod", "npadvmod", "case"):
            left = min(left, c.left_edge.i)
    return left


def _state_mentions(
    doc: Doc, lex: ActorLexicon, taken: set[int], main_country: str | None, lexical: list[ActorMention]
) -> list[ActorMention]:
    out: list[ActorMention] = []
    countries = lex.countries
    armed = Counter(m.actor.name for m in lexical if m.actor.sector in ("INS", "REB"))
    salient = next((m.actor for m in lexical if armed and m.actor.name == armed.most_common(1)[0][0]), None)
    for tok in doc:
        if tok.i in taken or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        lemma = tok.lemma_.lower()
        if salient is not None and _the_group(tok):
            # "The group denied ...": the story's armed group, named again
            span = doc[tok.i - 1 : tok.i + 1]
            actor = replace(salient, text=span.text, start=span.start_char, end=span.end_char)
            out.append(ActorMention(actor, span.start, span.end, "lexicon"))
            taken.update(range(span.start, span.end))
            continue
        if tok.lower_ == "force" and tok.i > 0 and doc[tok.i - 1].lower_ == "air":
            lemma = "airforce"
        if lemma not in FORCE_NOUNS and lemma.endswith("s") and lemma[:-1] in FORCE_NOUNS:
            lemma = lemma[:-1]  # "Forces" as a proper noun keeps its plural lemma
        civil = _civil_body(tok)
        if civil is not None:
            # "a human rights group", "two American aid groups", "a local newspaper"
            label, sector = civil
            country, _ = _country_of_modifiers(tok, countries)
            if sector == "MED":
                country = country or main_country
            start = _np_start(tok)
            while start < tok.i and (
                doc[start].pos_ in ("DET", "NUM") or doc[start].lower_ in ("some", "several")
            ):
                start += 1
            span = doc[start : tok.i + 1]
            cname = countries.name(country)
            actor = _span_actor(
                span,
                name=f"{label} ({cname})" if cname else label,
                country=country,
                sector=sector,
                acled_inter=None,
            )
            out.append(
                ActorMention(actor, span.start, span.end, "group", country_from_text=country is not None)
            )
            taken.update(range(span.start, span.end))
            continue
        if lemma == "agent" and any(
            c.dep_ in ("compound", "amod") and c.lemma_.lower() in _POLICING_WORDS for c in tok.children
        ):
            lemma = "policeman"
        if lemma in FORCE_NOUNS:
            kind, sector = FORCE_NOUNS[lemma]
            country, mods = _country_of_modifiers(tok, countries)
            further: list[str] = []
            if country is None and tok.dep_ == "conj" and tok.head.lemma_.lower().rstrip("s") in FORCE_NOUNS:
                country, _ = _country_of_modifiers(tok.head, countries)  # "Indian army and police"
            if country is None:  # "soldiers from Chad", "the ambassadors of France and Spain"
                named = _countries_named_after(
                    tok, countries, in_too=kind != "military" and lemma not in _ENVOYS
                )
                if named:
                    country, further = named[0], named[1:]
            if kind in ("government", "judiciary") and tok.dep_ in ("compound", "amod"):
                continue  # "government forces": the head noun decides
            if tok.dep_ == "compound" and tok.head.lemma_.lower().rstrip("s") in FORCE_NOUNS:
                continue  # "Military Forces of Nigeria", "army troops": one mention, at the head
            if lemma in ("soldier", "troop") and _in_named_force(tok, lexical):
                continue  # "troops of the Philippine Army": the named force is the actor
            if kind == "military" and _take_named_group(tok, lexical, taken):
                continue  # "drones launched by the Rapid Support Forces": the group is the actor
            national = False
            if lemma in _NEEDS_COUNTRY and country is None:
                if not (
                    main_country
                    and _national_office(tok, mods)
                    and _names_no_other_country(tok, countries, main_country)
                ):
                    continue  # too vague without a country
                # "The finance minister said ...": in a sentence naming no country, the story's own
                country, national = main_country, True
            if lemma == "officer" and not any(m.lower_ == "police" for m in mods):
                kind, sector = "military", "MIL"  # "Syrian officers" (a country is needed, above)
            explicit = country is not None and not national
            foreign = [
                m for m in mods
                if m.pos_ in ("NOUN", "PROPN") and m.lemma_.lower() not in _OWN_FORCE_WORDS
            ]  # fmt: skip
            if not explicit and foreign and not national:
                # "coalition warplanes": someone's forces, but not the story's country's
                span = doc[_np_start(tok) : tok.i + 1]
                if span[0].lower_ == "the":
                    span = span[1:]
                label = " ".join(t.text for t in span if t.i != tok.i).strip()
                name = f"{label[:1].upper()}{label[1:]} forces"
                actor = _span_actor(span, name=name, country=None, sector=sector, acled_inter=None)
                out.append(ActorMention(actor, span.start, span.end, "state-implicit"))
                taken.update(range(span.start, span.end))
                continue
            country = country or main_country
            start = _np_start(tok)
            if doc[start].lower_ == "the":
                start += 1
            span = doc[start : tok.i + 1]
            if kind == "military" and any(m.lower_ in _GOV_WORDS for m in mods):
                pass  # "government forces" are the state's military
            actor = _span_actor(
                span,
                name=_state_name(kind, country, countries),
                country=country,
                sector=sector,
                acled_inter=1,
            )
            also = tuple(
                replace(actor, name=_state_name(kind, c, countries), country=c)
                for c in further
                if c != country
            )
            out.append(
                ActorMention(
                    actor, span.start, span.end, "state" if explicit else "state-implicit", also=also
                )
            )
            taken.update(range(span.start, span.end))
        elif lemma in GROUP_NOUNS or _armed_men(tok):
            name, sector, inter, generic = UNIDENTIFIED_ARMED if _armed_men(tok) else GROUP_NOUNS[lemma]
            if sector in _ARMED_SECTORS and _take_named_group(tok, lexical, taken):
                continue  # "rebels from the Allied Democratic Forces": the named group
            if generic and any(c.dep_ == "amod" and c.lower_ in _UNNAMED for c in tok.children):
                name, sector, inter, generic = UNIDENTIFIED_ARMED  # ACLED: "unidentified militants"
            country, _ = _country_of_modifiers(tok, countries)
            from_text = country is not None
            start = _np_start(tok)
            if doc[start].lower_ in ("the", "a", "an", "some", "many", "no"):
                start += 1
            head = tok
            if tok.dep_ == "compound" and tok.head.lemma_ in _LEADER_NOUNS:
                head = tok.head  # "rebel leaders", "opposition spokesman"
            span = doc[start : head.i + 1]
            owner = next((m for m in lexical if m.start_token <= head.i - 1 < m.end_token), None)
            if owner is not None and owner.start_token >= start:
                # "Islamic State militants": the named group, over the whole noun phrase
                i = lexical.index(owner)
                lexical[i] = replace(
                    owner,
                    actor=replace(owner.actor, text=span.text, start=span.start_char, end=span.end_char),
                    start_token=span.start,
                    end_token=span.end,
                )
                taken.update(range(span.start, span.end))
                continue
            gang = _gang_name(tok, countries)
            if gang is not None:  # "the Wharf Jeremie gang": ACLED names the gang
                country = country or main_country
                actor = _span_actor(span, name=gang, country=country, sector=sector, acled_inter=inter)
                out.append(ActorMention(actor, span.start, span.end, "group", country_from_text=from_text))
                taken.update(range(span.start, span.end))
                continue
            country = country or main_country
            cname = countries.name(country)
            full = f"{name} ({cname})" if cname else name
            out.append(
                ActorMention(
                    _span_actor(span, name=full, country=country, sector=sector, acled_inter=inter),
                    span.start,
                    span.end,
                    "group",
                    generic_armed=generic,
                    country_from_text=from_text,
                )
            )
            taken.update(range(span.start, span.end))
    return out


_BODY_WORDS = {
    "union", "association", "committee", "organization", "organisation", "group", "league", "front",
    "network", "institute", "office", "authority", "service", "federation", "alliance", "coalition",
    "board", "foundation", "forum", "community", "conference", "mission", "club", "society", "syndicate",
}  # fmt: skip


def _body(ent: Span) -> bool:
    """An ORG entity that names a body ("the Serbian parliament", "OSCE"), not a mislabelled place
    or person ("Idlib", "Assad")."""
    words = {t.lemma_.lower() for t in ent}
    if words & (_BODY_WORDS | ORG_SECTOR_WORDS.keys()):
        return True
    text = ent.text.strip()
    return len(ent) == 1 and text.isupper() and 2 <= len(text) <= 6  # an acronym


_ARMED_SECTORS = {"REB", "INS", "MIL", "COP", "UAF", "IMG"}
_LOYAL_SECTORS = _ARMED_SECTORS | {"GOV"}  # "forces loyal to the Government of National Accord"
_LAUNCH_VERBS = {"launch", "operate", "fire", "fly", "deploy", "send", "use"}


def _take_named_group(tok: Token, lexical: list[ActorMention], taken: set[int]) -> bool:
    """ "Rebels from the Allied Democratic Forces", "fighters of al-Shabaab", "drones launched by
    the RSF", "forces loyal to the GNA": a generic armed noun whose "of"/"from" phrase ("launched
    by", "loyal to" phrase) names an armed group (or, loyal to, a government) of the lexicon. The
    group's mention then spans the whole phrase (so the subject noun finds it); True when it was
    taken so."""
    objs: list[tuple[Token, set[str]]] = []
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ in ("of", "from"):
            objs += [(o, _ARMED_SECTORS) for o in c.children if o.dep_ == "pobj"]
        elif c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in _LAUNCH_VERBS:
            objs += [
                (o, _ARMED_SECTORS)
                for a in c.children
                if a.dep_ == "agent"
                for o in a.children
                if o.dep_ == "pobj"
            ]
        elif c.dep_ in ("amod", "acl") and c.lemma_.lower() == "loyal":  # "forces loyal to the GNA"
            objs += [
                (o, _LOYAL_SECTORS)
                for p in c.children
                if p.dep_ == "prep"
                for o in p.children
                if o.dep_ == "pobj"
            ]
    for obj, sectors in objs:
        if _unlisted_body(obj, lexical, taken):
            # "forces of the 444 Combat Brigade", "fighters of the Stability Support Apparatus":
            # a named armed body the lexicon does not list
            doc = tok.doc
            first = obj.left_edge.i + (doc[obj.left_edge.i].lower_ == "the")
            start = _np_start(tok)
            if doc[start].lower_ in ("the", "a", "an", "some", "many"):
                start += 1
            span = doc[start : obj.i + 1]
            actor = _span_actor(
                span, name=doc[first : obj.i + 1].text, country=None, sector="REB", acled_inter=3
            )
            lexical.append(ActorMention(actor, span.start, span.end, "org"))
            taken.update(range(span.start, span.end))
            return True
        for i, m in enumerate(lexical):
            if m.start_token <= obj.i < m.end_token and m.actor.sector in sectors:
                start = _np_start(tok)
                if tok.doc[start].lower_ in ("the", "a", "an", "some", "many"):
                    start += 1
                span = tok.doc[start : m.end_token]
                lexical[i] = replace(
                    m,
                    actor=replace(m.actor, text=span.text, start=span.start_char, end=span.end_char),
                    start_token=span.start,
                )
                taken.update(range(span.start, span.end))
                return True
    return False


def _unlisted_body(obj: Token, lexical: list[ActorMention], taken: set[int]) -> bool:
    """A proper name NER calls an organisation, that no mention covers and no country names."""
    return (
        obj.pos_ == "PROPN"
        and obj.ent_type_ == "ORG"
        and all(i not in taken for i in range(obj.left_edge.i, obj.i + 1))
        and mention_at(lexical, obj.i) is None
        and not any(t.ent_type_ in ("GPE", "NORP") or country_names().lookup(t.text) for t in obj.subtree)
    )


def _gang_name(tok: Token, countries: CountryNames) -> str | None:
    """ "the Wharf Jeremie gang", "the Gran Grif gang": a gang named by the proper nouns before it
    (not a country's: "Haitian gangs", not a place's: "Port-au-Prince gangs" are unnamed)."""
    if tok.lemma_.lower() != "gang" or tok.tag_ != "NN":
        return None
    words = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if not words or words[-1].i != tok.i - 1 or any(c.ent_type_ in ("GPE", "LOC") for c in words):
        return None
    if any(countries.lookup(c.text) for c in words):
        return None
    first = min(w.left_edge.i for w in words)
    nums = [c.i for c in tok.lefts if c.dep_ == "nummod" and c.i == first - 1]  # "the 400 Mawozo gang"
    return " ".join(t.text for t in tok.doc[min([first, *nums]) : tok.i]) + " Gang"


def _in_named_force(tok: Token, lexical: list[ActorMention]) -> bool:
    """ "troops of the Philippine Army's 103rd Brigade": the "of" phrase names a state force."""
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ == "of":
            for t in c.subtree:
                if any(
                    m.start_token <= t.i < m.end_token and m.actor.sector in ("MIL", "COP") for m in lexical
                ):
                    return True
    return False


def _the_group(tok: Token) -> bool:
    """ "the group" / "the militia" / "the organisation" standing alone (no "of", no modifier)."""
    return (
        tok.lemma_.lower() in ("group", "organisation", "organization", "movement", "militia", "outfit")
        and tok.i > 0
        and tok.nbor(-1).lower_ == "the"
        and not any(c.dep_ in ("prep", "amod", "compound", "relcl", "acl") for c in tok.children)
    )


# Offices of a national government that a sentence may name without saying whose: "the finance
# minister", "the prime minister", "the cabinet" (not "officials" or "diplomats": anyone's)
_NATIONAL_OFFICES = {"minister", "premier", "cabinet", "presidency", "president"}
_OFFICE_MODIFIERS = {
    "prime", "finance", "foreign", "defence", "defense", "interior", "justice", "health", "education",
    "trade", "energy", "economy", "agriculture", "labour", "labor", "transport", "information", "oil",
    "home", "deputy", "vice", "acting",
}  # fmt: skip


def _labour_body(ent: Span) -> bool:
    """A trade union or labour federation named by its words: "Labour Congress", "Trades Union Council",
    "National Union of Teachers" (not "the African Union" or "the Labour Party", a party)."""
    words = {t.lower_ for t in ent}
    if "party" in words:
        return False
    unionised = bool(words & {"union", "unions"}) and bool(words & UNION_MEMBERS)
    return unionised or bool(words & {"labour", "labor"})


def _national_office(tok: Token, mods: list[Token]) -> bool:
    """ "the finance minister", "Prime Minister", "the cabinet": a singular national office, named
    definitely or as a title, with no modifier but the portfolio ("a local minister" is not)."""
    lemma = tok.lemma_.lower()
    if lemma not in _NATIONAL_OFFICES or tok.tag_ in ("NNS", "NNPS"):
        return False
    if any(m.lower_ not in _OFFICE_MODIFIERS and m.lower_ != "minister" for m in mods):
        return False
    if lemma in ("president", "cabinet", "presidency") and mods:
        return False
    first = tok.doc[_np_start(tok)]
    return first.lower_ == "the" or tok.text[:1].isupper()


def _names_no_other_country(tok: Token, countries: CountryNames, main_country: str) -> bool:
    """The sentence names no country, by name or adjective, but the story's own ("the prime minister
    met Iraq's president" leaves the minister's country open)."""
    named = {countries.lookup(e.text) for e in tok.sent.ents if e.label_ in ("GPE", "NORP")}
    return named <= {None, main_country}


# Unnamed civil bodies that act in the news: an NGO by what it works for, a news outlet by its kind
_NGO_HEADS = {"group", "organisation", "organization", "agency", "charity", "watchdog", "ngo"}
_NGO_MODIFIERS = {
    "rights": "Human rights group", "right": "Human rights group", "aid": "Aid group", "relief": "Aid group",
    "humanitarian": "Aid group",
}  # fmt: skip
_MEDIA_NOUNS = {"newspaper", "broadcaster", "tabloid"}


def _civil_body(tok: Token) -> tuple[str, str] | None:
    """(label, sector) of "a human rights group", "aid agencies" (NGO) or "a newspaper" (MED)."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "NOUN":
        return None
    if lemma in _MEDIA_NOUNS:
        return "Media", "MED"
    if lemma in _NGO_HEADS:
        for c in tok.children:
            if c.dep_ in ("compound", "amod") and c.lemma_.lower() in _NGO_MODIFIERS:
                if any(g.lower_ in ("un", "u.n.", "united") for g in tok.lefts):
                    return None  # "the UN refugee agency" is the lexicon's
                return _NGO_MODIFIERS[c.lemma_.lower()], "NGO"
    return None


def _armed_men(tok: Token) -> bool:
    """ "armed men", "unidentified men", "masked individuals", "an armed group", "armed civilians" (the
    Mexican prosecutors' word for gunmen): an unidentified armed group."""
    return tok.lemma_.lower() in (
        "man",
        "individual",
        "people",
        "person",
        "group",
        "civilian",
        "element",
    ) and any(c.dep_ == "amod" and c.lower_ in _ARMED_ADJECTIVES for c in tok.children)


def _country_and_person_mentions(
    doc: Doc, lex: ActorLexicon, taken: set[int], main_country: str | None
) -> list[ActorMention]:
    out: list[ActorMention] = []
    countries = lex.countries
    persons: dict[str, Actor] = {}
    for ent in doc.ents:
        if any(i in taken for i in range(ent.start, ent.end)):
            continue
        by_modifier = (
            ent.root.dep_ in ("amod", "compound", "poss", "nmod")
            and ent.root.head.lemma_.lower() in EVENT_HEAD_NOUNS
        )
        if ent.label_ in ("GPE", "LOC") or (ent.label_ == "NORP" and by_modifier):
            a3 = countries.lookup(ent.text)
            if a3 is None and ent.label_ == "GPE" and ent.root.dep_ == "nsubj":
                a3 = capital_country(ent.text)  # "Berlin rejected ...": the German government
            role = ent.root.dep_ in _ROLE_DEPS
            if a3 and (role or by_modifier):
                actor = _span_actor(
                    ent, name=countries.name(a3) or ent.text, country=a3, sector="GOV", acled_inter=1
                )
                out.append(ActorMention(actor, ent.start, ent.end, "country"))
                taken.update(range(ent.start, ent.end))
        elif ent.label_ == "NORP" and ent.root.dep_ in _ROLE_DEPS and ent.root.tag_ == "NNPS":
            # "The Palestinians rejected ...", "ethnic Albanians demonstrated": a people, as civilians
            a3 = countries.lookup(ent.text) or countries.lookup(ent.text[:-1])
            if not a3:  # "Iraqi Kurds": a people of a country
                adjectives = (c.text for c in ent.root.children if c.dep_ == "amod")
                a3 = next((a for a in map(countries.lookup, adjectives) if a), None)
            if a3:
                cname = countries.name(a3) or ent.text
                actor = _span_actor(ent, name=f"Civilians ({cname})", country=a3, sector="CVL", acled_inter=7)
                out.append(ActorMention(actor, ent.start, ent.end, "group"))
                taken.update(range(ent.start, ent.end))
        elif (
            ent.label_ == "ORG" and ent.root.dep_ in _ROLE_DEPS and ent[-1].text not in persons and _body(ent)
        ):
            # a named body with no lexicon entry: "the Security Council", "the Serbian parliament"
            span = ent[1:] if ent[0].lower_ == "the" and len(ent) > 1 else ent
            sector = ORG_SECTOR_WORDS.get(ent.root.lemma_.lower())
            if _labour_body(ent):
                sector = "LAB"  # "the Bristol Trades Union Council", "the Nigeria Labour Congress"
            inside = next((c for c in map(countries.lookup, (t.text for t in ent)) if c), None)
            country = (
                inside
                or _person_country(ent, countries)
                or (main_country if sector in ("LEG", "JUD") else None)
            )
            actor = _span_actor(span, name=span.text, country=country, sector=sector, acled_inter=None)
            out.append(ActorMention(actor, ent.start, ent.end, "org"))
            taken.update(range(ent.start, ent.end))
        elif ent.label_ == "PERSON" and len(ent) == 1 and ent.text in persons:
            first = persons[ent.text]
            out.append(
                ActorMention(
                    replace(first, text=ent.text, start=ent.start_char, end=ent.end_char),
                    ent.start,
                    ent.end,
                    "person",
                )
            )
            taken.update(range(ent.start, ent.end))
        elif ent.label_ == "PERSON" and not placelike(ent):
            country = _person_country(ent, countries)
            sector = _person_sector(ent)
            if country is None and sector == "GOV" and _national_title(ent):
                country = main_country  # "President Museveni banned ...": the story's country's president
            actor = _span_actor(ent, name=ent.text, country=country, sector=sector, acled_inter=None)
            out.append(ActorMention(actor, ent.start, ent.end, "person"))
            taken.update(range(ent.start, ent.end))
            persons.setdefault(ent[-1].text, actor)
    # surnames seen again ("Assad"), whatever NER called them
    for tok in doc:
        if tok.i in taken or tok.pos_ != "PROPN" or tok.text not in persons:
            continue
        first = persons[tok.text]
        actor = replace(first, text=tok.text, start=tok.idx, end=tok.idx + len(tok.text))
        out.append(ActorMention(actor, tok.i, tok.i + 1, "person"))
        taken.add(tok.i)
    return out


# Subject nouns that a country modifier makes a country's people or body ("Chinese regulators"):
# lemma -> sector (CAMEO); only these: "Palestinian suicide bombers", "US Predator attacks" are not
_SUBJECT_SECTORS = {
    "authority": "GOV", "regulator": "GOV", "administration": "GOV", "lawmaker": "LEG",
    "legislator": "LEG", "senator": "LEG", "peacekeeper": "MIL", "marine": "MIL", "paratrooper": "MIL",
    "faction": "OPP", "party": "OPP", "expert": "CVL", "scientist": "CVL", "donor": "CVL",
    "musician": "CVL", "scholar": "CVL", "academic": "CVL", "economist": "CVL", "analyst": "CVL",
    "activist": "ACT", "organization": "NGO", "organisation": "NGO", "group": "NGO", "worker": "LAB",
    "union": "LAB", "student": "EDU", "business": "BUS",
    "firm": "BUS", "company": "BUS", "bank": "BUS", "diplomat": "GOV", "official": "GOV",
    "minister": "GOV", "leader": "GOV", "envoy": "GOV", "negotiator": "GOV", "delegation": "GOV",
    "nation": "GOV", "country": "GOV", "state": "GOV", "ruler": "GOV", "monarch": "GOV",
}  # fmt: skip


# Acronyms that name things, not bodies: weapons, diseases, measures ("an IED exploded")
_THING_ACRONYMS = {
    "IED", "VBIED", "SVBIED", "PBIED", "RCIED", "RPG", "UAV", "AK", "MANPADS", "ICBM", "WMD", "COVID",
    "HIV", "AIDS", "SARS", "MERS", "DNA", "GDP", "CPI", "VAT", "OK", "TV", "PM", "AM", "CEO",
}  # fmt: skip


def _subject_mentions(doc: Doc, lex: ActorLexicon, taken: set[int]) -> list[ActorMention]:
    """A clause's subject that no other rule took: a common noun that a country modifies ("Chinese
    regulators", "Palestinian factions") or an acronym that NER missed ("ICE returned ..."). Only as a
    subject: in other roles such nouns are mostly not actors ("Iraqi oil", "a US dollar")."""
    out: list[ActorMention] = []
    for tok in doc:
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.i in taken:
            continue
        if any(i in taken for i in range(tok.left_edge.i, tok.i)):
            continue
        text = tok.text
        if (
            tok.pos_ in ("PROPN", "NOUN")
            and text.isalpha()
            and text.isupper()
            and 2 <= len(text) <= 6
            and not tok.ent_type_
        ):
            if lex.countries.lookup(text) is None and text not in _THING_ACRONYMS:
                span = doc[tok.i : tok.i + 1]
                actor = _span_actor(span, name=text, country=None, sector=None, acled_inter=None)
                out.append(ActorMention(actor, tok.i, tok.i + 1, "org"))
                taken.add(tok.i)
            continue
        lemma = tok.lemma_.lower()
        if tok.pos_ != "NOUN" or lemma not in _SUBJECT_SECTORS:  # not "Palestinian suicide bombers"
            continue
        country, _ = _country_of_modifiers(tok, lex.countries)
        if country is None:
            continue
        start = _np_start(tok)
        while start < tok.i and (
            doc[start].lower_ in ("the", "a", "an", "some", "many") or doc[start].like_num
        ):
            start += 1
        span = doc[start : tok.i + 1]
        sector = _SUBJECT_SECTORS.get(lemma, "CVL")
        cname = lex.countries.name(country) or country
        name = f"Civilians ({cname})" if sector == "CVL" else span.text
        actor = _span_actor(
            span, name=name, country=country, sector=sector, acled_inter=7 if sector == "CVL" else None
        )
        out.append(ActorMention(actor, span.start, span.end, "group"))
        taken.update(range(span.start, span.end))
    return out


# Capitals news uses for governments that countryinfo spells otherwise (or leaves out)
_CAPITAL_SPELLINGS = {"Washington": "USA", "Kiev": "UKR", "Naypyitaw": "MMR", "Nay Pyi Taw": "MMR"}


@functools.lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    import countryinfo

    seen: dict[str, set[str]] = {}
    for info in countryinfo.all_countries():
        a3 = (info.iso() or {}).get("alpha3")
        try:
            caps = info.capital()
        except (KeyError, AttributeError):
            continue
        for cap in [caps] if isinstance(caps, str) else caps or []:
            if a3 and cap:
                seen.setdefault(cap.lower(), set()).add(a3)
    out = {cap: next(iter(a3s)) for cap, a3s in seen.items() if len(a3s) == 1}  # not Jerusalem
    out.update((k.lower(), v) for k, v in _CAPITAL_SPELLINGS.items())
    return out


def capital_country(text: str) -> str | None:
    """ISO alpha-3 of the country whose capital is named ``text`` ("Berlin" -> DEU), if any: PLOVER
    and CAMEO code a capital that acts ("Washington demanded") as that country's government."""
    return _capitals().get(text.strip().lower())


def _person_country(ent: Span, countries: CountryNames) -> str | None:
    doc = ent.doc
    window = doc[max(ent.sent.start, ent.start - 4) : ent.start]
    for t in window:
        a3 = countries.lookup(t.text)
        if a3:
            return a3
    for t in ent.root.subtree:  # appositive: "..., head of Syria's ... Directorate"
        if t.i >= ent.end:
            a3 = countries.lookup(t.text)
            if a3:
                return a3
    return None


def _national_title(ent: Span) -> bool:
    """ "President X", "Prime Minister X", "X, the president": a head of state or government."""
    doc = ent.doc
    before = {t.lower_ for t in doc[max(ent.sent.start, ent.start - 3) : ent.start]}
    return bool(before & {"president", "premier", "prime", "chancellor", "king", "emir"})


def _person_sector(ent: Span) -> str:
    doc = ent.doc
    titles = {t.lower_ for t in doc[max(ent.sent.start, ent.start - 3) : ent.start]}
    titles |= {t.lower_ for t in ent.root.subtree if t.i >= ent.end}
    if titles & {"president", "minister", "premier", "governor", "spokesman", "spokeswoman", "head", "mayor"}:
        return "GOV"
    if titles & {"general", "commander", "colonel", "major"}:
        return "MIL"
    if titles & {"opposition", "rebel", "coalition"}:
        return "OPP"
    return "PER"


def find_actors(
    doc: Doc, *, lexicon: ActorLexicon | None = None, main_country: str | None = None
) -> list[ActorMention]:
    """All actor mentions in ``doc``, in text order, without overlaps."""
    lex = lexicon or load_lexicon()
    mentions = _compose_agents(doc, _lexicon_mentions(doc, lex))
    taken = {i for m in mentions for i in range(m.start_token, m.end_token)}
    mentions += _state_mentions(doc, lex, taken, main_country, mentions)
    mentions += _country_and_person_mentions(doc, lex, taken, main_country)
    mentions += _subject_mentions(doc, lex, taken)
    mentions = _titled(doc, [m for m in mentions if not _absorbed(m, mentions)])
    mentions.sort(key=lambda m: m.start_token)
    return mentions


def _bare_state(m: ActorMention) -> bool:
    """A dictionary's actor with a country and no role: a state, or a person coded only by country."""
    return m.kind == "lexicon" and m.actor.country is not None and m.actor.sector is None


def _absorbed(m: ActorMention, mentions: list[ActorMention]) -> bool:
    """A bare state inside a wider mention of its own country's body ("Osgiliath soldiers",
    "the Calenardhon government": one actor, the state's military or government)."""
    return _bare_state(m) and any(
        o is not m
        and o.start_token <= m.start_token
        and m.end_token <= o.end_token
        and (o.end_token - o.start_token) > (m.end_token - m.start_token)
        and o.actor.country == m.actor.country
        and o.actor.sector is not None
        for o in mentions
    )


def _titled(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """A person the dictionary codes by country alone, named with a title ("Bree Prime Minister
    Romendacil"), takes the title's sector (CAMEO's BREGOV)."""
    out = []
    for m in mentions:
        i = m.start_token - 1
        if _bare_state(m) and i >= 0 and doc[i].dep_ == "compound" and doc[i].head.i == m.head:
            role = FORCE_NOUNS.get(doc[i].lemma_.lower())
            if role is not None:
                m = replace(m, actor=replace(m.actor, sector=role[1]))
        out.append(m)
    return out


def mention_at(mentions: Iterable[ActorMention], token_i: int) -> ActorMention | None:
    """The mention that covers token ``token_i``, if any."""
    for m in mentions:
        if m.start_token <= token_i < m.end_token:
            return m
    return None
