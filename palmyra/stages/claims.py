"""Claims: who says what, with what stance.

A reporting verb ("said", "confirmed", "denied", "told", "reported") or "according
to" names a source; the clause it governs is the claim's scope, and every event
whose trigger lies in that scope carries the claim. Stance comes from the verb:
confirm → confirms, deny/dismiss → denies, dispute/question → disputes, else
asserts. The source is named canonically when it is in the curated lexicon
("the Observatory" → Syrian Observatory for Human Rights) and as written otherwise
("the Syrian army" → "Syrian army").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..types import Claim, SourceType, Stance
from .actors import ActorLexicon, ActorMention, load_lexicon, mention_at, source_type_of

__all__ = ["ClaimMention", "REPORTING_VERBS", "find_claims"]

REPORTING_VERBS: dict[str, Stance] = {
    "say": "asserts", "announce": "asserts", "report": "asserts", "tell": "asserts", "state": "asserts",
    "add": "asserts", "claim": "asserts", "declare": "asserts", "assert": "asserts", "insist": "asserts",
    "allege": "asserts", "write": "asserts", "tweet": "asserts", "post": "asserts", "note": "asserts",
    "explain": "asserts", "warn": "asserts", "quote": "asserts", "cite": "asserts", "publish": "asserts",
    "confirm": "confirms", "acknowledge": "confirms", "verify": "confirms", "admit": "confirms",
    "deny": "denies", "dismiss": "denies", "reject": "denies", "refute": "denies", "rebuff": "denies",
    "dispute": "disputes", "question": "disputes", "challenge": "disputes", "contest": "disputes",
    "doubt": "disputes",
}  # fmt: skip
MEDIA_NOUNS = {
    "site",
    "media",
    "outlet",
    "newspaper",
    "agency",
    "channel",
    "television",
    "tv",
    "radio",
    "website",
}
PERSON_SOURCES = {
    "resident",
    "witness",
    "activist",
    "doctor",
    "source",
    "official",
    "spokesman",
    "spokeswoman",
}
_DETERMINERS = {"the", "a", "an"}


@dataclass(frozen=True)
class ClaimMention:
    claim: Claim
    scope: frozenset[int]  # token indices of the clause the claim covers
    verb_i: int


def _source_span(tok: Token) -> Span:
    """The noun phrase of a source, including "the Russian news agency" before "Tass"."""
    doc = tok.doc
    start = tok.left_edge.i
    cc = [t.i for t in doc[start : tok.i] if t.dep_ == "cc"]
    if cc:  # "the Observatory and IS-affiliated media sites": only the part after "and"
        start = cc[-1] + 1
    while start > tok.sent.start and doc[start - 1].pos_ in ("DET", "ADJ", "NOUN", "PROPN", "PART"):
        start -= 1
    end = tok.i + 1
    for c in tok.rights:
        if c.dep_ in ("compound", "flat"):
            end = max(end, c.i + 1)
    return doc[start:end]


def _source_of(tok: Token, actors: list[ActorMention], lex: ActorLexicon) -> tuple[str, SourceType]:
    span = _source_span(tok)
    words = [t for t in span if not (t.i == span.start and t.lower_ in _DETERMINERS) and not t.is_punct]
    text = " ".join(t.text for t in words) if words else tok.text
    head = tok.lemma_.lower()
    if (head in MEDIA_NOUNS or tok.lower_ in MEDIA_NOUNS) and tok.pos_ == "NOUN":  # "media" -> "medium"
        return text, "media"
    m = mention_at(actors, tok.i) or next(
        (mention_at(actors, t.i) for t in span if mention_at(actors, t.i)), None
    )
    if m is not None:
        if m.kind == "person":
            return m.actor.name, "person"
        entry = lex.entry_for(m.actor.name)
        name = m.actor.name if entry is not None or m.kind == "country" else text
        return name, source_type_of(m.actor, lex)
    if head in PERSON_SOURCES:
        return text, "person"
    if tok.ent_type_ == "PERSON":
        return text, "person"
    return text, "unknown"


def _trailing_sources(verb: Token) -> list[Token]:
    """Sources of a sentence-final "..., the Observatory and media sites reported." left without a subject."""
    sent = verb.sent
    if any(not (t.is_punct or t.is_space) for t in sent if t.i > verb.i):
        return []
    i = verb.i - 1
    while i >= sent.start and not (sent.doc[i].text in (",", "”", '"') or sent.doc[i].is_quote):
        i -= 1
    words = sent.doc[i + 1 : verb.i]
    if not words or len(words) > 12 or not any(t.pos_ in ("NOUN", "PROPN") for t in words):
        return []
    heads: list[Token] = []
    part: list[Token] = []
    for t in [*words, None]:
        if t is None or (t.dep_ == "cc" and t.lower_ in ("and", "&")):
            nouns = [w for w in part if w.pos_ in ("NOUN", "PROPN")]
            if nouns:
                heads.append(nouns[-1])
            part = []
        else:
            part.append(t)
    return heads


def _sources(verb: Token) -> list[Token]:
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj:
        return _trailing_sources(verb)
    out = [subj[0]]
    out += [c for c in subj[0].children if c.dep_ == "conj"]
    return out


def find_claims(
    sent: Span, actors: list[ActorMention], *, article_id: str, lexicon: ActorLexicon | None = None
) -> list[ClaimMention]:
    """Claims made in one sentence, each with the token indices of what it covers."""
    lex = lexicon or load_lexicon()
    out: list[ClaimMention] = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma in REPORTING_VERBS:
            sources = _sources(tok)
            if not sources:
                continue
            stance = REPORTING_VERBS[lemma]
            excluded = {
                t.i for s in sources for t in s.subtree if t.i > tok.i or s.i < tok.i and t.i >= s.left_edge.i
            }
            scope = frozenset(t.i for t in tok.subtree if t.i not in excluded and t.i != tok.i)
            if tok.dep_ in ("ROOT",) or tok.head.i == tok.i or sources[0].dep_ not in ("nsubj", "nsubjpass"):
                scope = scope | frozenset(t.i for t in sent if t.i not in excluded)  # "..., the army said."
        elif tok.lower_ == "according" and tok.dep_ == "prep":  # lemmatised "accord"
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            pobj = next((c for c in (to.children if to is not None else []) if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            sources, stance = [pobj], "asserts"
            excluded = {t.i for t in tok.subtree}
            scope = frozenset(t.i for t in sent if t.i not in excluded)
        else:
            continue
        for src in sources:
            name, stype = _source_of(src, actors, lex)
            out.append(
                ClaimMention(
                    Claim(
                        source=name,
                        source_type=stype,
                        stance=stance,
                        evidence=sent.text.strip(),
                        article_id=article_id,
                        start=sent.start_char,
                        end=sent.end_char,
                    ),
                    scope,
                    tok.i,
                )
            )
    return out
