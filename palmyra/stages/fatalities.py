"""Fatality counts: how many people a sentence says were killed.

Two steps, each usable alone:

* :func:`parse_count` turns a number phrase ("at least 18", "hundreds",
  "tens of thousands", "two dozen") into ACLED's lowest credible figure.
* :func:`find_fatalities` walks a sentence's dependency parse for numbers that
  count *people* (a person noun, or a bare "20 dead" / "20 were killed") tied
  to a *death* word, using the lexicon in ``resources/fatality_terms.json``.

ACLED counts deaths only: wounded, injured and missing are not fatalities, and
a killing with no figure yields nothing here (the caller records 0).
"""

from __future__ import annotations

import functools
import json
import logging
import re
from dataclasses import dataclass, replace
from importlib import resources

from number_parser import parse_number
from spacy.tokens import Span, Token

from ..errors import ResourceError
from ..types import Fatalities

__all__ = ["VAGUE_COUNTS", "find_fatalities", "parse_count", "reset_caches"]

log = logging.getLogger(__name__)

#: Vague quantities and the figure each stands for. ACLED's codebook: "dozens" = 12,
#: "hundreds" = 100 (the lowest credible figure the word allows); the others follow the
#: same rule: the smallest count the word can mean in a news report.
VAGUE_COUNTS: dict[str, int] = {
    "couple": 2,  # "a couple of"
    "few": 3,  # "a few"
    "handful": 3,  # "a handful of"
    "several": 3,
    "tens": 10,
    "many": 10,  # SPEC: "several"/"many" = 3 or 10 by context; "many" is the larger
    "numerous": 10,
    "dozen": 12,  # "a dozen"
    "dozens": 12,
    "score": 20,  # "a score of"
    "scores": 20,
    "hundreds": 100,
    "thousands": 1000,
    "millions": 1_000_000,
}

#: Words that multiply the quantity before them: "two dozen" = 24, "several hundred" = 300,
#: "tens of thousands" = 10,000, "1.5 million".
MULTIPLIERS: dict[str, int] = {
    "dozen": 12,
    "dozens": 12,
    "score": 20,
    "scores": 20,
    "hundred": 100,
    "hundreds": 100,
    "thousand": 1000,
    "thousands": 1000,
    "million": 1_000_000,
    "millions": 1_000_000,
}

#: Number words handed to number-parser as one run ("one hundred and twenty-five").
NUMBER_WORDS = frozenset(
    {
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
        "hundred", "thousand", "million", "billion",
    }
)  # fmt: skip

#: Words that make the phrase an explicit zero ("no one", "none").
ZERO_WORDS = frozenset({"no", "none", "nobody", "zero"})

#: Words joining the two ends of a range; ACLED takes the lower end ("18 to 25" = 18).
RANGE_WORDS = frozenset({"to", "-", "and", "or"})

#: Modal auxiliaries that make a killing hypothetical ("could kill thousands"): no count.
MODALS = frozenset({"could", "would", "might", "may", "will", "shall", "should", "can", "must"})

#: Children that make a kill verb active with its own victims ("fighters killed 12 civilians").
_OBJECTS = frozenset({"dobj", "dative", "ccomp", "xcomp", "oprd"})

_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?(?![\w])|\d+\w*|[a-z]+(?:-[a-z]+)*|-")


# --------------------------------------------------------------------------- parse_count


def parse_count(text: str) -> int | None:
    """The lowest credible figure in a number phrase, or None when it holds no number.

    Qualifiers keep the stated figure: "at least 18" = 18, "over 100" = 100 and also
    "nearly 50" / "about 50" / "up to 50" = 50 (the figure the report gives; ACLED codes
    the reported number, not a guess around it). Ranges give their lower end
    ("between 18 and 25" = 18); vague words follow :data:`VAGUE_COUNTS`.
    """
    tokens = _TOKEN.findall(text.lower().replace("\u2013", " - ").replace("\u2014", " - "))
    if any(t in ZERO_WORDS for t in tokens[:2]):
        return 0
    for i in range(len(tokens)):
        first = _quantity(tokens, i)
        if first is None:
            continue
        value, nxt = first
        if nxt < len(tokens) and tokens[nxt] in RANGE_WORDS:
            second = _quantity(tokens, nxt + 1)
            if second is not None:
                value = min(value, second[0])
        return int(value)
    return None


def _quantity(tokens: list[str], i: int) -> tuple[float, int] | None:
    """A quantity starting at ``tokens[i]``: its value and the index after it."""
    head = _head(tokens, i)
    if head is None:
        return None
    value, j = head
    while True:  # multipliers, optionally joined by "of": "tens of thousands"
        k = j + 1 if j < len(tokens) and tokens[j] == "of" else j
        if k < len(tokens) and tokens[k] in MULTIPLIERS:
            value *= MULTIPLIERS[tokens[k]]
            j = k + 1
        else:
            return value, j


def _head(tokens: list[str], i: int) -> tuple[float, int] | None:
    if i >= len(tokens):  # a range word at the end: "18 to"
        return None
    tok = tokens[i]
    if tok[0].isdigit():
        try:
            return float(tok.replace(",", "")), i + 1
        except ValueError:  # an ordinal or a code such as "3rd", "2a"
            return None
    if tok in ("a", "an") and i + 1 < len(tokens):
        nxt = tokens[i + 1]
        if nxt in MULTIPLIERS:
            return 1.0, i + 1
        if nxt in VAGUE_COUNTS:
            return float(VAGUE_COUNTS[nxt]), i + 2
        return None
    if tok in VAGUE_COUNTS:
        return float(VAGUE_COUNTS[tok]), i + 1
    j = i
    while j < len(tokens) and (
        all(p in NUMBER_WORDS for p in tokens[j].split("-"))
        or (tokens[j] == "and" and j > i and j + 1 < len(tokens) and tokens[j + 1] in NUMBER_WORDS)
    ):
        j += 1
    if j == i:
        return None
    value = parse_number(" ".join(tokens[i:j]))
    if value is None:
        log.debug("number-parser could not read %r", tokens[i:j])
        return None
    return float(value), j


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class _Lexicon:
    kill_verbs: frozenset[str]
    die_verbs: frozenset[str]
    loss_verbs: frozenset[str]
    life_verbs: frozenset[str]
    leave_verbs: frozenset[str]
    shoot_verbs: frozenset[str]
    dead_words: frozenset[str]
    death_nouns: frozenset[str]
    toll_nouns: frozenset[str]
    person_nouns: frozenset[str]


@functools.lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    path = resources.files("palmyra.resources").joinpath("fatality_terms.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return _Lexicon(**{name: frozenset(data[name]) for name in _Lexicon.__dataclass_fields__})
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ResourceError(f"{path}: cannot read the fatality lexicon: {e}") from e


def reset_caches() -> None:
    _lexicon.cache_clear()


# --------------------------------------------------------------------------- find_fatalities


def find_fatalities(sent: Span) -> list[Fatalities]:
    """Counts of people killed in ``sent``, in text order; offsets are into the Doc's text.

    Each figure is returned once, with the words it came from ("at least 18 soldiers",
    "hundreds of militants", "20"); coordinated figures ("12 soldiers and 3 civilians")
    come back separately and the caller decides whether to add them.
    """
    lex = _lexicon()
    found: dict[int, Fatalities] = {}
    heads: dict[int, Token] = {}
    triggers: dict[int, Token] = {}  # the death word of each figure, its verb for "were shot dead"
    for tok in sent:
        cand = _candidate(tok, lex)
        if cand is None or cand.count <= 0 or cand.first.i in found:
            continue
        trigger = _death_trigger(cand, lex)
        if trigger is None:
            continue
        if cand.person is None and cand.outer.dep_ == "appos":
            continue  # "four combatants killed, two on each side": the four broken down
        start, end = cand.first.idx, cand.last.idx + len(cand.last)
        text = sent.doc.text[start:end]
        found[cand.first.i] = Fatalities(count=cand.count, text=text, start=start, end=end)
        heads[cand.first.i] = cand.outer
        triggers[cand.first.i] = trigger.head if trigger.dep_ in ("oprd", "acomp", "xcomp") else trigger
    if not found:  # "The toll stood at 12 dead.": a figure written straight before "dead"
        for tok in sent[:-1]:
            nxt = tok.nbor(1)
            if tok.text.isdigit() and nxt.lower_ in lex.dead_words and _asserted(nxt):
                start, end = tok.idx, nxt.idx + len(nxt)
                found[tok.i] = Fatalities(
                    count=int(tok.text), text=sent.doc.text[start:end], start=start, end=end
                )
    order = [i for i in sorted(found) if not _PART_GAP.fullmatch(_gap_before(found, i, sent))]
    out = [found[i] for i in order]  # "six people, including two police officers": the two are of the six
    for k in range(1, len(out)):
        gap = sent.doc.text[out[k - 1].end : out[k].start]
        a, b = triggers.get(order[k - 1]), triggers.get(order[k])
        # "three men were shot dead ..., and a woman died": a death of its own, told in a joined clause
        joined = a is not None and b is not None and b in a.conjuncts
        if _LIST_GAP.fullmatch(gap) or _same_list(heads[order[k - 1]], heads[order[k]]) or joined:
            out[k] = replace(out[k], listed=True)
    return out


def _gap_before(found: dict[int, Fatalities], i: int, sent: Span) -> str:
    """The text between figure ``i`` and the figure before it (None before the first)."""
    before = [j for j in found if j < i]
    return sent.doc.text[found[max(before)].end : found[i].start] if before else "-"


#: What puts a figure inside the one before it: "six people, including two police officers".
_PART_GAP = re.compile(
    r"[\s,(]*(?:including|among them|among whom|of whom|of them|among those)\s+(?:at least\s+)?"
)


def _same_list(a: Token, b: Token) -> bool:
    """``b`` is a later member of ``a``'s list ("a colonel, a major, a soldier"): joined by conj or appos."""
    while b.dep_ in ("conj", "appos") and b.head.i != b.i:
        b = b.head
        if b.i == a.i:
            return True
    return False


#: What stands between two figures of one list: "170 civilians and 13 US service members".
_LIST_GAP = re.compile(r"\s*(?:,\s*)?(?:and|as well as|plus|along with)\s+|\s*,\s*")


@dataclass(frozen=True)
class _Candidate:
    """A counted phrase: ``first``..``last`` in the text; ``outer`` attaches it to its clause;
    ``person`` is the person noun, None for a bare number ("killed 20")."""

    count: int
    first: Token
    last: Token
    outer: Token
    person: Token | None


def _candidate(tok: Token, lex: _Lexicon) -> _Candidate | None:
    if _is_person(tok, lex):
        quant = _quantity_head(tok)
        if quant is not None:  # "hundreds of militants": the clause attaches to "hundreds"
            phrase = _phrase(quant, stop=tok)
            count = parse_count(phrase.text)
            return None if count is None else _Candidate(count, phrase[0], tok, quant, tok)
        mods = [c for c in tok.children if _is_count_modifier(c)]
        if mods:
            phrase = _extend_left(tok.doc[min(m.left_edge.i for m in mods) : tok.i])
            count = parse_count(phrase.text)
            return None if count is None else _Candidate(count, phrase[0], tok, tok, tok)
        article = [c for c in tok.children if c.dep_ == "det" and c.lower_ in ("a", "an")]
        if article and tok.tag_ in ("NN", "NNP"):
            return _Candidate(1, article[0], tok, tok, tok)  # "a policeman was killed"
        definite = [c for c in tok.children if c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ == "the")]
        died = tok.dep_ == "nsubj" and tok.head.lemma_.lower() in lex.die_verbs  # "the suspect had died"
        if (
            definite
            and tok.tag_ == "NN"
            and tok.lemma_.lower() not in COLLECTIVE
            and (tok.dep_ in _VICTIM or died)
        ):
            return _Candidate(1, tok.left_edge, tok, tok, tok)  # "lynched the manager", "killed his brother"
        return None
    if tok.pos_ == "PROPN" and tok.text.isupper() and len(tok) <= 6:
        mods = [c for c in tok.children if c.dep_ == "nummod"]
        if mods:  # "three VDP", "12 FARDC": a force's initials counted are its members
            count = parse_count(tok.doc[mods[0].left_edge.i : tok.i].text)
            return None if count is None else _Candidate(count, mods[0].left_edge, tok, tok, tok)
    if tok.ent_type_ == "PERSON" and tok.tag_ == "NNP" and tok.dep_ in _VICTIM:
        return _Candidate(1, tok.left_edge, tok, tok, tok)  # "killing videographer Issam Abdallah"
    if _is_bare_number(tok):
        phrase = _extend_left(_phrase(tok, stop=None))
        count = parse_count(phrase.text)
        return None if count is None else _Candidate(count, phrase[0], phrase[-1], tok, None)
    return None


#: Dead words that are also ordinary nouns: counted only in the plural ("23 bodies").
REMAINS = {"body", "corpse"}
#: Person nouns that name a body of people: never one victim by themselves ("the police").
COLLECTIVE = {"police", "personnel", "forces", "militia", "family", "troops", "crowd", "youth", "opposition"}
#: Where a single victim stands: the object of a killing or the subject of a passive one.
_VICTIM = ("dobj", "nsubjpass")


def _is_person(tok: Token, lex: _Lexicon) -> bool:
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    if tok.lemma_.lower() in lex.person_nouns or tok.lower_ in lex.person_nouns:
        return True
    if tok.lemma_.lower() in REMAINS:
        return tok.tag_ == "NNS"  # "23 bodies were recovered", never "a rights body"
    if tok.lemma_.lower() in lex.dead_words:
        return True  # "20 dead", "20 deaths", "20 fatalities"
    if tok.lemma_.lower() == "life":
        return True  # only tied to death by a life verb ("claimed 30 lives")
    return tok.ent_type_ == "NORP" and tok.tag_ in ("NNS", "NNPS")


def _is_count_modifier(tok: Token) -> bool:
    if tok.dep_ == "nummod" or (tok.dep_ == "quantmod" and tok.pos_ == "NUM"):
        return True
    return tok.dep_ in ("amod", "det") and tok.lower_ in VAGUE_COUNTS  # "several soldiers"


def _is_quantity_word(tok: Token) -> bool:
    return tok.pos_ == "NUM" or tok.lower_ in VAGUE_COUNTS or tok.lower_ in MULTIPLIERS


def _quantity_head(person: Token) -> Token | None:
    """The quantity in "<quantity> of <person>" ("hundreds of fighters", "18 of the soldiers")."""
    prep = person.head
    if person.dep_ == "pobj" and prep.lower_ == "of" and prep.dep_ == "prep" and _is_quantity_word(prep.head):
        return prep.head
    return None


def _is_bare_number(tok: Token) -> bool:
    """A number standing for people by itself: "killed 20", "dozens died", "five of them"."""
    if not _is_quantity_word(tok) or tok.dep_ in ("nummod", "quantmod", "compound", "amod", "det"):
        return False
    of_objects = [g for c in tok.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return all(g.pos_ == "PRON" for g in of_objects)


def _phrase(quant: Token, *, stop: Token | None) -> Span:
    """The number phrase headed by ``quant``, without the "of <noun>" it quantifies."""
    end = quant.i + 1
    for c in quant.rights:
        if c.lower_ == "of" and (stop is None or stop in c.subtree):
            break
        if stop is None and c.dep_ in ("prep", "acl", "relcl", "punct", "appos"):
            break
        end = c.right_edge.i + 1
    return quant.doc[quant.left_edge.i : end]


def _extend_left(span: Span) -> Span:
    """Take in a range opener left outside the parse's subtree ("between 18 and 25")."""
    if span.start > 0 and span.doc[span.start - 1].lower_ in ("between", "from"):
        return span.doc[span.start - 1 : span.end]
    return span


# --------------------------------------------------------------------------- tying to a death word


def _death_trigger(cand: _Candidate, lex: _Lexicon) -> Token | None:
    """The death word whose victim the counted phrase is, or None when it is no death's victim."""
    outer, person = cand.outer, cand.person
    if any(
        c.dep_ in ("acl", "amod") and c.lemma_.lower() in HURT_WORDS
        for x in (person, outer)
        if x
        for c in x.children
    ):
        return None  # "four combatants killed, as well as a civilian wounded": the civilian lives
    while outer.dep_ in ("conj", "appos") and outer.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON", "ADJ"):
        outer = (
            outer.head
        )  # "12 soldiers and 3 civilians", "a colonel, a major, a soldier": the first attaches
    if person is not None and person.lemma_.lower() in lex.dead_words:
        return person if _asserted(person) else None  # "20 deaths", "20 dead"
    trigger = _clause_trigger(outer, person, lex)
    for x in (person, cand.outer):
        if trigger is None and x is not None:
            trigger = _modifier_trigger(x, lex)
    return trigger if trigger is not None and _asserted(trigger) else None


#: Words of a wound that, put on a figure of its own, keep it out of the dead it is listed with.
HURT_WORDS = frozenset({"wound", "wounded", "injure", "injured", "hurt", "maim", "maimed"})

# verbs whose "dead" complement is a fear, not a count: "12 people are feared dead"
HEDGED_DEAD = frozenset({"fear", "believe", "presume"})


def _clause_trigger(x: Token, person: Token | None, lex: _Lexicon) -> Token | None:
    """The death word whose victim ``x`` is, by its grammatical role; None if it is none's."""
    head, dep = x.head, x.dep_
    lemma = head.lemma_.lower()
    is_life = person is not None and person.lemma_ == "life"
    if dep == "nsubjpass" and (lemma in lex.kill_verbs or _shot_dead(head, lex)):
        return head
    if dep == "nsubjpass":  # "seven passengers were offloaded and shot dead": the shared subject
        for verb in head.conjuncts:
            own = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
            if not own and (verb.lemma_.lower() in lex.kill_verbs or _shot_dead(verb, lex)):
                return verb
    if dep == "nsubj":
        if lemma in lex.die_verbs or _fell_in_action(head):
            return head
        if lemma in lex.kill_verbs and not any(c.dep_ in _OBJECTS for c in head.children):
            return head  # headline style, no object: "Twenty soldiers killed in ambush"
        if lemma in lex.loss_verbs and any(c.dep_ == "dobj" and c.lemma_ == "life" for c in head.children):
            return head  # "seven Syrians lost their lives"
        if lemma == "pay" and any(
            c.dep_ == "dobj"
            and c.lemma_ == "price"
            and any(a.lower_ in ("supreme", "ultimate") for a in c.children)
            for c in head.children
        ):
            return head  # "two soldiers paid the supreme price"
        if lemma == "be" and any(
            c.dep_ in ("acomp", "attr") and c.lemma_ in lex.dead_words for c in head.children
        ):
            return head  # "twenty people are dead"
    if dep in ("nsubj", "nsubjpass") and lemma not in HEDGED_DEAD:
        for c in head.children:
            if c.dep_ in ("oprd", "acomp", "xcomp") and c.lemma_ in lex.dead_words:
                return c  # "nine persons were confirmed dead", "two bodies were found dead"
    if dep == "npadvmod" and _shot_dead(head, lex):
        return head  # "shot dead six demonstrators", parsed as a noun-phrase adverbial
    if dep == "dobj":
        if (lemma in lex.kill_verbs or _shot_dead(head, lex)) and not is_life:
            return head
        if lemma in lex.loss_verbs and person is not None and not is_life:
            return head  # "lost at least 18 soldiers"; never a bare "lost 18"
        if lemma in lex.life_verbs and is_life:
            return head  # "claimed 30 lives"
        if lemma in lex.leave_verbs:
            return _dead_complement(head, person or x, lex)
        conj = [c for c in head.children if c.dep_ == "conj" and c.lemma_.lower() in lex.kill_verbs]
        if conj and not _has(conj[0], "dobj"):
            return conj[0]  # "shot and killed three villagers" with the object on "shot"
    if dep == "pobj" and head.lower_ == "of":
        noun = head.head
        if noun.lemma_.lower() in lex.death_nouns | lex.toll_nouns:
            return noun  # "the deaths of 20 soldiers", "a toll of 45"
        if noun.lemma_ == "life" and noun.head.lemma_.lower() in lex.life_verbs | lex.loss_verbs:
            return noun.head  # "claimed the lives of 30 people"
    if dep == "pobj" and head.lower_ in ("to", "at"):
        return _toll_of(head.head, lex)  # "the death toll rose to 45"
    if dep in ("dobj", "attr"):
        return _toll_of(head, lex)  # "the toll reached 45"
    return None


def _modifier_trigger(x: Token, lex: _Lexicon) -> Token | None:
    """A death word modifying the phrase: "militants killed", "people dead", "civilians who died"."""
    children = list(x.children)
    if x.dep_ == "pobj" and x.head.lower_ == "of":
        # "the loss of three VDP who fell": a relative clause the parser hung on the noun before "of"
        children += [c for c in x.head.head.children if c.dep_ == "relcl" and c.left_edge.i == x.i + 1]
    for c in children:
        lemma = c.lemma_.lower()
        killed = lemma in lex.kill_verbs and c.tag_ == "VBN"
        if c.dep_ in ("acl", "amod") and (lemma in lex.dead_words or killed):
            return c
        if c.dep_ == "relcl" and (
            lemma in lex.die_verbs or (lemma in lex.kill_verbs and _has(c, "auxpass")) or _fell_in_action(c)
        ):
            return c
    return None


#: What a fall in action is told with: "fell with their weapons in hand", "fell in combat".
FALLEN_WITH = frozenset({"arm", "arms", "weapon", "combat", "action", "battle", "battlefield"})


def _fell_in_action(verb: Token) -> bool:
    """``verb`` is "fell" of a death in action ("three VDP fell with arms in hand"), not of prices."""
    return verb.lemma_.lower() == "fall" and any(
        c.dep_ == "prep"
        and c.lower_ in ("with", "in", "on")
        and any(g.lemma_.lower() in FALLEN_WITH for g in c.children)
        for c in verb.children
    )


def _dead_complement(leave: Token, person: Token, lex: _Lexicon) -> Token | None:
    for c in [*leave.children, *person.children]:
        lemma = c.lemma_.lower()
        if c.dep_ != "dobj" and (lemma in lex.dead_words or lemma in lex.kill_verbs):
            return c
    return None


def _toll_of(verb: Token, lex: _Lexicon) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.lemma_.lower() in lex.toll_nouns:
            return c
    return None


def _shot_dead(verb: Token, lex: _Lexicon) -> bool:
    if any(
        c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children)
        for c in verb.children
    ):
        return True  # "beat to death", "stoned to death", "hacked to death"
    if verb.lemma_.lower() not in lex.shoot_verbs:
        return False
    after = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    return (after is not None and after.lower_ in ("dead", "down")) or any(
        c.lower_ in ("dead", "down") for c in verb.children
    )


def _asserted(trigger: Token) -> bool:
    """False for "were not killed" and "could kill": no count from those."""
    return not any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in MODALS) for c in trigger.children)


def _has(tok: Token, dep: str) -> bool:
    return any(c.dep_ == dep for c in tok.children)
