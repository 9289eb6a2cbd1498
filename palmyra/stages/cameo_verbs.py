"""Code events with a user's CAMEO verb dictionary (``--verbs FILE``), PETRARCH's way.

For each verb of a sentence that the dictionary lists (by its spelling or lemma, with the
other words of a multi-word verb around it), the verb's patterns are tried against the
sentence: pattern words before ``*`` must come before the verb, words after it after (``_``:
adjacent), ``&SET`` any member of a synonym set, ``$``/``+``/``%`` an actor (source, target,
compound). The most specific matching pattern gives the code, else the verb's own code,
else its block's. Then:

- a CAMEO code (root 01-20 with a PLOVER type, ``resources/cameo_roots.tsv``) codes the
  event: palmyra's mention at that verb keeps its kind when the kind has the code's PLOVER type
  (its ACLED coding stays), else takes the root's; a verb palmyra had no mention for gets
  one. The full code is kept for the record (``Event.cameo_code``);
- ``[x:y]``: a second event with the actors swapped takes ``y``;
- a pattern coded ``[---]`` says the phrase is no event: palmyra's mention there is dropped;
  so is one whose code is outside CAMEO (the record has no place for it);
- a verb whose own code is ``[---]`` and no pattern matched leaves palmyra's coding alone.

Roles come from the events stage; the dictionary's slots override them, and for a coded verb
with a missing side the first actor in the verb's object phrases is taken (PETRARCH's target).
A subject named only by its role ("a senior official said") is that role with no country
(PETRARCH's ``---GOV``). Actors joined by "and" (at any depth: "Mordor, Rohan, Fornost and
Bree", also where the parser read the list as appositions) become allies, and a name the
dictionary gives two codes ("LORIEN [ELR/GAL]") stands for both.
As in PETRARCH's output, a coded event needs a coded source (a country or a sector: a bare
name guessed to be a person is not coded) and a coded target or none; an event with no target
("..., an official said") is kept only when the sentence also has a coded dyad or another
one-sided event (on PETRARCH2's unit tests, one-sided events are reports of coded events).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.tokens import Span, Token

from ..resources import data_rows, read_data
from ..resources.cameo_verbs import (
    Element,
    Pattern,
    VerbCode,
    VerbDictionary,
    VerbForm,
    is_cameo_code,
    load_verb_file,
)
from ..types import Actor, Event
from .actors import FORCE_NOUNS, ActorMention, mention_at
from .events import Coding, EventMention, Ontology, mention_for

__all__ = ["VerbCoder", "VerbMatch", "cameo_plover", "load_verb_coder"]

KIND_PREFIX = "cameo:"
# Phrases on the verb whose actors are not its target ("... five years after crowds trashed its
# embassy, an official said"), and, anywhere, relative clauses and appositions
_VERB_ASIDES = {"advcl", "parataxis", "npadvmod"}
_ASIDES = {"relcl", "appos"}


@functools.lru_cache(maxsize=1)
def cameo_plover() -> dict[str, str | None]:
    """CAMEO root -> PLOVER type (None: the root has none), from ``cameo_roots.tsv``."""
    return {c[0]: (None if c[1] == "-" else c[1]) for _, c in data_rows(read_data("cameo_roots.tsv"))}


@dataclass(frozen=True)
class VerbMatch:
    """What the dictionary says about one verb of a sentence."""

    trigger: Token
    code: VerbCode
    form: VerbForm
    pattern: Pattern | None
    source: ActorMention | None = None
    target: ActorMention | None = None
    compound: ActorMention | None = None
    span: tuple[int, int] = (0, 0)  # token range of the verb's words ("wire tap")

    @property
    def says_no_event(self) -> bool:
        """A pattern coded null, or a code palmyra cannot record (outside CAMEO's roots)."""
        if self.code.null:
            return self.pattern is not None
        return not any(_recordable(c) for c in (self.code.forward, self.code.reverse))


def _recordable(code: str | None) -> bool:
    return code is not None and is_cameo_code(code) and cameo_plover().get(code[:2]) is not None


def _word_ok(tok: Token, word: str) -> bool:
    text = tok.text.upper()
    if word in (text, tok.lemma_.upper()):
        return True
    # TABARI matches pattern words as stems ("CONTRIBUT"); only long ones, so "ARM" is not "ARMY"
    return len(word) >= 5 and text.startswith(word)


class VerbCoder:
    """A parsed verb dictionary, ready to match sentences."""

    def __init__(self, dictionary: VerbDictionary) -> None:
        self.dictionary = dictionary
        self._by_word = dictionary.by_word()
        self._sets = {name: dictionary.expand(name) for name in dictionary.synsets}

    # ------------------------------------------------------------- matching

    def match(self, tok: Token, actors: list[ActorMention]) -> VerbMatch | None:
        """The dictionary's reading of verb ``tok``, or None when it does not list the verb."""
        if tok.pos_ != "VERB":
            return None
        found = self._form(tok)
        if found is None:
            return None
        form, start, end = found
        sent = tok.sent
        post = [t for t in sent if t.i >= end]
        pre = [t for t in reversed(list(sent)) if t.i < start]
        best: tuple[Pattern, dict[str, ActorMention]] | None = None
        for p in self.dictionary.patterns.get(form.block, []):
            if best is not None and p.weight <= best[0].weight:
                continue
            slots_pre = self._seq(p.pre, pre, 0, 0, {}, actors, leftwards=True)
            if slots_pre is None:
                continue
            slots = self._seq(p.post, post, 0, 0, slots_pre, actors, leftwards=False)
            if slots is not None:
                best = (p, slots)
        if best is not None:
            p, slots = best
            return VerbMatch(
                tok,
                p.code,
                form,
                p,
                slots.get("source"),
                slots.get("target"),
                slots.get("compound"),
                (start, end),
            )
        code = form.code or self.dictionary.block_codes.get(form.block) or VerbCode(None, None, "---")
        return VerbMatch(tok, code, form, None, span=(start, end))

    def _form(self, tok: Token) -> tuple[VerbForm, int, int] | None:
        """The longest verb form whose words stand around ``tok``, with the span they take."""
        # by spelling, as PETRARCH does: the dictionary lists irregular forms, regular ones are
        # generated; a misspelt verb ("departes") is not the dictionary's verb
        keys = {tok.text.upper()}
        best: tuple[VerbForm, int, int] | None = None
        for key in keys:
            for f in self._by_word.get(key, []):
                span = self._around(tok, f)
                if span is not None and (best is None or len(f.words) > len(best[0].words)):
                    best = (f, *span)
        return best

    @staticmethod
    def _around(tok: Token, f: VerbForm) -> tuple[int, int] | None:
        doc = tok.doc
        before, after = f.words[: f.verb], f.words[f.verb + 1 :]
        start = tok.i - len(before)
        if start < tok.sent.start or not all(_word_ok(doc[start + k], w) for k, w in enumerate(before)):
            return None
        end = tok.i + 1
        for w in after:  # adjacent, or a particle of the verb ("cordoned the roads off")
            if end < tok.sent.end and _word_ok(doc[end], w):
                end += 1
            elif not any(c.dep_ == "prt" and _word_ok(c, w) for c in tok.children):
                return None
        return start, end

    def _seq(
        self,
        elements: tuple[Element, ...],
        lane: list[Token],
        k: int,
        pos: int,
        slots: dict[str, ActorMention],
        actors: list[ActorMention],
        *,
        leftwards: bool,
    ) -> dict[str, ActorMention] | None:
        """Match ``elements[k:]`` along ``lane`` from ``pos``; the actor slots filled, or None."""
        if k == len(elements):
            return slots
        el = elements[k]
        if el.kind == "skip":  # "^": a phrase is skipped, at least one word of it
            if pos >= len(lane):
                return None
            return self._seq(elements, lane, k + 1, pos + 1, slots, actors, leftwards=leftwards)
        starts = [pos] if el.joined else range(pos, len(lane))
        for p in starts:
            for used, slot in self._element(el, lane, p, actors, leftwards=leftwards):
                more = {**slots, el.kind: slot} if slot is not None else slots
                got = self._seq(elements, lane, k + 1, p + used, more, actors, leftwards=leftwards)
                if got is not None:
                    return got
        return None

    def _element(
        self, el: Element, lane: list[Token], p: int, actors: list[ActorMention], *, leftwards: bool
    ) -> Iterator[tuple[int, ActorMention | None]]:
        """(tokens used, actor filled) for each way ``el`` matches at ``lane[p]``."""
        if p >= len(lane):
            return
        tok = lane[p]
        if el.kind == "word":
            if any(_word_ok(tok, a) for a in el.alts):
                yield 1, None
        elif el.kind == "set":
            for member in self._sets.get(el.name, []):
                words = list(reversed(member)) if leftwards else list(member)
                if p + len(words) <= len(lane) and all(_word_ok(lane[p + j], w) for j, w in enumerate(words)):
                    yield len(words), None
        else:  # an actor slot: an actor mention must start (end, leftwards) here
            m = mention_at(actors, tok.i)
            if m is not None and tok.i == (m.end_token - 1 if leftwards else m.start_token):
                yield m.end_token - m.start_token, m

    # ------------------------------------------------------------- coding

    def ontology(self, base: Ontology) -> Ontology:
        """``base`` with a kind per CAMEO root (``cameo:04``) for verbs palmyra had no kind for."""
        rows = dict(base.rows)
        for root, plover in cameo_plover().items():
            if plover is not None:
                rows[KIND_PREFIX + root] = Coding(plover, None, root, None, None)
        return Ontology(rows)

    def code_sentence(
        self,
        sent: Span,
        mentions: list[EventMention],
        actors: list[ActorMention],
        ontology: Ontology,
        codes: dict[int, str],
    ) -> list[EventMention]:
        """The sentence's mentions as the dictionary codes them; ``codes`` gets id(mention) -> code.

        ``ontology`` must come from :meth:`ontology` (it knows the ``cameo:`` kinds).
        """
        out = list(mentions)
        one_sided: list[EventMention] = []
        done: list[EventMention] = []  # mentions a verb of this sentence has coded
        dyadic = False
        for tok in sent:
            hit = self.match(tok, actors)
            if hit is None:
                continue
            own = _owner(tok, out)
            if own is not None and any(own is x for x in done) and own.trigger.i != tok.i:
                own = None  # "X left for Y, the agency reported": "reported" folded into a coded verb
            if hit.says_no_event:
                if own is not None:
                    out.remove(own)
                continue
            if hit.code.null:
                continue  # the dictionary has no code for this use of the verb: palmyra's stands
            fwd, rev = hit.code.forward, hit.code.reverse
            m = own if own is not None else mention_for(tok, KIND_PREFIX + "00", sent, actors)
            _fill_roles(m, hit, actors)
            if not _coded(m.actor1) or (m.actor2 is not None and not _coded(m.actor2)):
                if own is not None:
                    out.remove(own)
                continue  # PETRARCH's events have a coded source (and a coded target or none)
            if own is None:
                out.append(m)
            done.append(m)
            if m.actor2 is None:
                one_sided.append(m)
            elif _recordable(fwd) or _recordable(rev):
                dyadic = True
            if _recordable(fwd):
                assert fwd is not None
                _set_code(m, fwd, ontology, codes)
            else:
                out.remove(m)
            if _recordable(rev) and m.actor1 is not None and m.actor2 is not None:
                assert rev is not None
                back = replace(
                    m, actor1=m.actor2, actor2=m.actor1, assoc1=list(m.assoc2), assoc2=list(m.assoc1)
                )
                _set_code(back, rev, ontology, codes)
                out.append(back)
        if not dyadic and len({m.trigger.i for m in one_sided if any(m is x for x in out)}) < 2:
            out = [m for m in out if all(m is not x for x in one_sided)]
        return sorted(out, key=lambda m: m.trigger.i)

    @staticmethod
    def recode(event: Event, code: str | None) -> Event:
        """``event`` with the dictionary's full code and root (its PLOVER type was set by the kind)."""
        if code is None:
            return event
        return replace(event, cameo_root=code[:2], cameo_code=code)


def _coded(a: ActorMention | None) -> bool:
    """An actor with a code: a country or a sector (a bare name guessed to be a person has none)."""
    return a is not None and (a.actor.country is not None or a.actor.sector not in (None, "PER"))


def _owner(tok: Token, mentions: list[EventMention]) -> EventMention | None:
    """palmyra's mention at verb ``tok``: its trigger, a folded verb, or the event noun it governs."""
    for m in mentions:
        if m.trigger.i == tok.i or any(f.i == tok.i for f in m.folded):
            return m
        if m.nominal and m.trigger.head.i == tok.i:
            return m
    return None


def _set_code(m: EventMention, code: str, ontology: Ontology, codes: dict[int, str]) -> None:
    root = code[:2]
    plover = cameo_plover()[root]
    coding = ontology.rows.get(m.kind) or ontology.rows.get(m.kind.split(":")[0])
    if coding is None or coding.plover_type != plover or m.kind.startswith(KIND_PREFIX):
        m.kind = KIND_PREFIX + root
    codes[id(m)] = code


def _conjuncts(tok: Token, actors: list[ActorMention] | None = None) -> list[Token]:
    """``tok`` and the words joined to it by "and"/commas, at any depth, either side.

    With ``actors``, a list the parser read as appositions ("Mordor, Rohan, Fornost and Bree":
    "Rohan" an apposition of "Mordor") or as a modifier with its own "and" ("Fornost and the evil
    Gondor": "Fornost" a modifier of "Gondor") is a list too, when the two words are actors of
    different countries (one state is not another's apposition; "Telemar, Dagolath's minister"
    is one actor).
    """

    def listed(child: Token) -> bool:
        if child.dep_ == "conj":
            return True
        if actors is None or not _other_states(child, child.head, actors):
            return False
        coordinated = any(c.dep_ in ("cc", "conj") for c in child.children)
        return child.dep_ == "appos" or (child.dep_ in ("amod", "compound", "nmod") and coordinated)

    while listed(tok) and tok.head.i != tok.i:
        tok = tok.head
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack += [c for c in t.children if listed(c)]
    return sorted(out, key=lambda t: t.i)


def _other_states(a: Token, b: Token, actors: list[ActorMention]) -> bool:
    """Are ``a`` and ``b`` actors of two different countries?"""
    x, y = mention_at(actors, a.i), mention_at(actors, b.i)
    return (
        x is not None
        and y is not None
        and x.actor.country is not None
        and y.actor.country is not None
        and x.actor.country != y.actor.country
    )


def _fill_roles(m: EventMention, hit: VerbMatch, actors: list[ActorMention]) -> None:
    """The dictionary's slots over the events stage's roles; a missing target from the object."""
    verb = hit.trigger
    doc = verb.doc
    if hit.compound is not None:
        group = _group_at(hit.compound, doc, actors)
        subject = hit.source or _subject_actor(verb, actors)
        if hit.compound.start_token > verb.i and _coded(subject) and all(subject is not g for g in group):
            # "Eriador agrees with the Philippines and France": the subject with each of them
            assert subject is not None
            m.actor1, m.actor2, m.assoc2 = subject, group[0], group[1:]
            return
        if len(group) >= 2:  # "Gondor and Osgiliath have postponed their meeting": with each other
            m.actor1, m.actor2, m.assoc1, m.assoc2 = group[0], group[1], group[2:], []
            return
    if hit.source is not None:
        m.actor1 = hit.source
    if hit.target is not None:
        m.actor2 = hit.target
    if m.actor2 is None:
        m.actor2 = _object_actor(verb, actors, exclude=m.actor1)
    if m.actor2 is None and verb.dep_ == "xcomp" and hit.span[0] <= verb.head.i < hit.span[1]:
        # "will not wire tap the links into Mordor": the verb's first word governs the object
        m.actor2 = _object_actor(verb.head, actors, exclude=m.actor1)
    if not _coded(m.actor1) and hit.source is None:
        named = m.actor1 or _subject_actor(verb, actors)
        m.actor1 = named if _coded(named) else (_agent_subject(verb) or named)
    if hit.target is None and m.actor2 is not None:
        # an actor does not act on itself ("the Philippines was criticized over its dispute with
        # Eriador"), and a place the act happened in yields to a party named ("celebrated Iftar in
        # Osgiliath with the leaders of Gondor")
        same = m.actor1 is not None and m.actor2.actor.name == m.actor1.actor.name
        if same or _locative(doc[m.actor2.head]):
            other = _object_actor(verb, actors, exclude=m.actor1)
            if other is not None and (same or not _locative(doc[other.head])):
                m.actor2 = other
    for side in (1, 2):
        head = m.actor1 if side == 1 else m.actor2
        if head is None:
            continue
        group = _group_at(head, doc, actors)
        first, rest = group[0], [a for a in group[1:] if a.actor.name != group[0].actor.name]
        if side == 1:
            m.actor1 = first
            m.assoc1 = _union(rest, m.assoc1, first)
        else:
            m.actor2 = first
            m.assoc2 = _union(rest, m.assoc2, first)


def _union(a: list[ActorMention], b: list[ActorMention], head: ActorMention) -> list[ActorMention]:
    out: list[ActorMention] = []
    for x in [*a, *b]:
        if x.actor.name != head.actor.name and all(x.actor.name != y.actor.name for y in out):
            out.append(x)
    return out


def _group_at(m: ActorMention, doc: object, actors: list[ActorMention]) -> list[ActorMention]:
    """``m`` and the actors conjoined with its head word, in text order."""
    head = doc[m.end_token - 1]  # type: ignore[index]
    group: list[ActorMention] = []
    for t in _conjuncts(_phrase_head(head, m), actors):
        a = mention_at(actors, t.i) or _inside(t, actors)
        if a is not None and all(a.actor.name != g.actor.name for g in group):
            group.append(a)
    if all(m.actor.name != g.actor.name for g in group):
        group = [m, *group]
    else:
        group.sort(key=lambda a: a.start_token)
    # a name coded twice ("Lorien [ELR/GAL]") stands for each of its actors
    return [x for a in group for x in [a, *(replace(a, actor=o, also=()) for o in a.also)]]


def _phrase_head(tok: Token, m: ActorMention) -> Token:
    """The mention's own syntactic head: its word whose head lies outside it."""
    for t in tok.doc[m.start_token : m.end_token]:
        if not (m.start_token <= t.head.i < m.end_token) or t.head.i == t.i:
            return t
    return tok


def _inside(tok: Token, actors: list[ActorMention]) -> ActorMention | None:
    """An actor named within ``tok``'s phrase ("the government of Gondor", "lawmakers in Fornost")."""
    for t in tok.subtree:
        a = mention_at(actors, t.i)
        if a is not None:
            return a
    return None


def _object_actor(
    verb: Token, actors: list[ActorMention], *, exclude: ActorMention | None
) -> ActorMention | None:
    """The first actor after the verb in its object or prepositional phrases (not in a subordinate
    clause, not the source); in an apposition only when none stands elsewhere ("broke into an
    anti- Gondor parade", "parade" parsed as an apposition)."""
    for asides in (_ASIDES, _ASIDES - {"appos"}):
        skip: set[int] = set()
        for c in verb.subtree:
            if c.i == verb.i or _purpose(c):  # "signed an accord to supply Gondor": the purpose counts
                continue
            if c.dep_ in asides or (c.dep_ in _VERB_ASIDES and c.head.i == verb.i):
                skip |= {t.i for t in c.subtree}
        found = [
            (t, a)
            for t in verb.subtree
            if t.i > verb.i and t.i not in skip
            for a in [mention_at(actors, t.i)]
            if a is not None and (exclude is None or a.actor.name != exclude.actor.name)
        ]
        if found:
            # a place the act happened in is the target only when no one else is named: "celebrated
            # Iftar in Osgiliath with the leaders of Gondor" (Gondor), "arrived in Gondor" (Gondor)
            return next((a for t, a in found if not _locative(t)), found[0][1])
    return None


_LOCATIVE_PREPS = {"in", "at", "near", "inside", "outside", "around"}


def _purpose(tok: Token) -> bool:
    """A to-infinitive clause with no subject of its own: "(signed an accord) to supply Gondor"."""
    return (
        tok.dep_ == "advcl"
        and tok.tag_ == "VB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
    )


def _locative(tok: Token) -> bool:
    """Is ``tok`` (in) the object of a preposition of place ("in Osgiliath")?"""
    while tok.dep_ in ("compound", "amod", "poss", "conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE_PREPS


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or its governing verb's for a verb that shares it: "Gollum was seen to
    break into ...", "the government condemned ... and promised raids ..." (xcomp, conj)."""
    while True:
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None or verb.dep_ not in ("xcomp", "conj") or verb.head.i == verb.i:
            return subj
        verb = verb.head


def _subject_actor(verb: Token, actors: list[ActorMention]) -> ActorMention | None:
    subj = _subject(verb)
    return None if subj is None else mention_at(actors, subj.i) or _inside(subj, actors)


def _agent_subject(verb: Token) -> ActorMention | None:
    """A subject named only by its role ("a senior official said", "the official news agency
    said"): PETRARCH codes the role alone (``---GOV``), where palmyra's actors stage wants to know
    whose official it is. The first role noun or adjective of the subject phrase gives the sector."""
    subj = _subject(verb)
    if subj is None:
        return None
    for t in subj.subtree:
        role = FORCE_NOUNS.get(t.lemma_.lower())
        if role is not None and not _aside_within(t, subj):
            span = t.doc[t.i : t.i + 1]
            actor = Actor(
                text=t.text, name=t.text.lower(), country=None, sector=role[1], acled_inter=None,
                start=span.start_char, end=span.end_char,
            )  # fmt: skip
            return ActorMention(actor, t.i, t.i + 1, "agent")
    return None


def _aside_within(tok: Token, top: Token) -> bool:
    """Is ``tok`` inside a relative clause of ``top``'s phrase, or an apposition within it? (An
    apposition of ``top`` itself renames it: "a 12-year rift, the official agency said", misparsed.)"""
    while tok.i != top.i and tok.head.i != tok.i:
        if tok.dep_ in _ASIDES and not (tok.dep_ == "appos" and tok.head.i == top.i):
            return True
        tok = tok.head
    return False


def load_verb_coder(path: str | Path) -> VerbCoder:
    """A :class:`VerbCoder` for the verbs dictionary at ``path`` (ResourceError when malformed)."""
    return VerbCoder(load_verb_file(path))
