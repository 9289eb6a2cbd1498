"""The extraction pipeline: articles in, event records out.

Stages, in order, each a small module in ``palmyra.stages``::

    segment     story paragraphs vs captions, source lines, comment forms; the dateline
    nlp         spaCy (en_core_web_md by default): sentences, entities, dependency parse
    actors      who is named, normalised to canonical actors
    places      place mentions resolved in the gazetteer; the story's focus town
    events      event mentions: kind, roles, negation, hypotheticals
    dates       each event's date from its words, resolved against the publication date
    fatalities  counts of people killed, by ACLED's rules
    claims      who says so, with stance
    assemble    story-level gaps filled, mentions of one event merged, records built

A failure on one article becomes a :class:`~palmyra.types.Rejected` record and
the run goes on.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from spacy.tokens import Span

from .errors import PalmyraError
from .nlp import DEFAULT_MODEL, load_nlp
from .resources.gazetteer import Gazetteer
from .stages.actors import ActorLexicon, find_actors, load_lexicon
from .stages.assemble import build_drafts, finalise, in_act, merge_drafts, when_clauses
from .stages.cameo_verbs import VerbCoder
from .stages.claims import ClaimMention, find_claims
from .stages.dates import best_anchor_from_text, find_dates, in_dateline
from .stages.event_location import choose_location, focus_place
from .stages.events import SPECIFIC_VIOLENCE, EventMention, Ontology, find_event_mentions, load_ontology
from .stages.fatalities import find_fatalities
from .stages.outlet import OUTLET_WEIGHT, outlet_country
from .stages.places import PlaceMention, context_countries, find_places
from .stages.segment import Segments, line_breaks, segment
from .types import Article, DatePrecision, Event, Fatalities, Rejected

__all__ = ["Analysis", "Pipeline"]

log = logging.getLogger(__name__)

# Dates resolved against a date found in the text (a lower bound on publication), not a known
# publication date, are widened: a weekday or "this week" says the month, not the day.
_WIDER: dict[str, DatePrecision] = {"day": "month", "week": "month", "month": "month", "year": "year"}


@dataclass(frozen=True)
class Analysis:
    """Everything the pipeline found in one article (events plus the places, for geoparse)."""

    article: Article
    events: list[Event]
    places: list[PlaceMention]
    segments: Segments
    doc: Any = None  # the spaCy Doc, for scorers that look at tokens (palmyra eval geoparse)


#: Where _prepared leaves the article's segments on the Doc, so they are found once per article.
_SEGMENTS = "palmyra_segments"


class Pipeline:
    """Owns the spaCy model, the gazetteer and the lexicons; loads each on first use."""

    def __init__(
        self,
        *,
        model: str = DEFAULT_MODEL,
        gazetteer: Gazetteer | None = None,
        lexicon: ActorLexicon | None = None,
        batch_size: int = 16,
        verbs: VerbCoder | None = None,
    ) -> None:
        self.model = model
        self._gazetteer = gazetteer
        self._lexicon = lexicon
        self.batch_size = batch_size
        self.verbs = verbs  # a user's CAMEO verb dictionary (--verbs): codes the verbs it lists

    @property
    def nlp(self) -> Any:
        return load_nlp(self.model)

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = Gazetteer.default()
        return self._gazetteer

    @property
    def lexicon(self) -> ActorLexicon:
        if self._lexicon is None:
            self._lexicon = load_lexicon()
        return self._lexicon

    def warm_up(self) -> None:
        """Load the model, gazetteer and lexicons now (to fail early and time them apart)."""
        _ = self.nlp, self.gazetteer, self.lexicon, load_ontology()

    # ----------------------------------------------------------------- public

    def extract(self, article: Article) -> list[Event]:
        """Event records for one article."""
        return self.analyse(article).events

    def run(self, items: Iterable[Article | Rejected]) -> Iterator[Analysis | Rejected]:
        """Analyse a stream of articles in batches; rejected inputs pass through, failures become Rejected."""
        batch: list[Article] = []
        for item in items:
            if isinstance(item, Rejected):
                yield from self._flush(batch)
                batch = []
                yield item
                continue
            batch.append(item)
            if len(batch) >= self.batch_size:
                yield from self._flush(batch)
                batch = []
        yield from self._flush(batch)

    def _flush(self, batch: list[Article]) -> Iterator[Analysis | Rejected]:
        if not batch:
            return
        docs = self.nlp.pipe([self._prepared(a.text) for a in batch], batch_size=self.batch_size)
        for article, doc in zip(batch, docs, strict=True):
            try:
                yield self._analyse_doc(article, doc)
            except PalmyraError as e:
                yield Rejected(
                    input=article.origin or article.id, reason=str(e), stage="extract", article_id=article.id
                )
            except Exception as e:  # a bug must not sink a batch run: record it and go on
                log.debug("article %s failed", article.id, exc_info=True)
                yield Rejected(
                    input=article.origin or article.id,
                    reason=f"internal error: {e!r}",
                    stage="extract",
                    article_id=article.id,
                )

    def analyse(self, article: Article) -> Analysis:
        return self._analyse_doc(article, self.nlp(self._prepared(article.text)))

    def _prepared(self, text: str) -> Any:
        """The tokenised text, with a sentence break after a dateline lead-in ("KABUL (Reuters) - "),
        so the parser never makes the dateline the subject of the story's first verb, and before each
        bulleted line or line after a heading (``line_breaks``)."""
        doc = self.nlp.make_doc(text)
        segs = doc.user_data[_SEGMENTS] = segment(text, is_place=self.gazetteer.is_known)
        starts = [segs.lead[1]] if segs.lead is not None else []
        starts += [i for p in segs.paragraphs if p.kind == "story" for i in line_breaks(text, p.start, p.end)]
        for offset in starts:  # "KABUL (Reuters) - ", "HIGHLIGHTS\n- At least 7 civilians killed"
            after = next((t for t in doc if t.idx >= offset and not t.is_space), None)
            if after is not None and after.i > 0:
                after.is_sent_start = True
        return doc

    # ----------------------------------------------------------------- stages

    def _analyse_doc(self, article: Article, doc: Any) -> Analysis:
        gaz = self.gazetteer
        segs = doc.user_data.get(_SEGMENTS) or segment(
            article.text, is_place=gaz.is_known
        )  # found in _prepared
        story = [s for s in doc.sents if segs.is_story(s.start_char, s.end_char) and s.text.strip()]
        context = context_countries(doc, segs, gaz)
        main_country = context.most_common(1)[0][0] if context else None
        if (home := outlet_country(article.url)) is not None:
            context[home] += OUTLET_WEIGHT  # local news names its own places bare
        actors = [  # "KABUL (Reuters) -": neither the dateline nor the agency is an actor
            a
            for a in find_actors(doc, lexicon=self.lexicon, main_country=main_country)
            if not segs.in_lead(doc[a.start_token].idx)
        ]
        places = find_places(doc, gaz, segments=segs, actors=actors, context=context)
        focus = focus_place(places, doc)
        anchor, widen = article.published, False
        if anchor is None:
            anchor = best_anchor_from_text(article.text)
            widen = anchor is not None
        ontology = load_ontology()
        verb_codes: dict[int, str] = {}  # id(mention) -> full CAMEO code from the verb dictionary
        if self.verbs is not None:
            ontology = self.verbs.ontology(ontology)
        rows: list[Any] = []
        seen: list[Any] = []  # every story date, in text order
        told: Any = None  # the latest date in a story sentence with no event, for the events after it
        reported: dict[int, tuple[dt.date, DatePrecision]] = {}  # trigger -> date it was reported by
        previous: tuple[Any, list[Any]] | None = None  # (sentence, its rows) for attributions that follow
        last_violent: Any = None  # the row of the latest violent act that happened, for tolls told later
        for sent in story:
            mentions = find_event_mentions(sent, actors)
            if self.verbs is not None:
                mentions = self.verbs.code_sentence(sent, mentions, actors, ontology, verb_codes)
            claims = find_claims(sent, actors, article_id=article.id, lexicon=self.lexicon)
            if (
                mentions
                and last_violent is not None
                and all(_toll_only(m) for m in mentions)
                and not any(sent.start <= p.start_token < sent.end for p in places)
                and not _AGGREGATE.search(sent.text)
            ):
                mentions = []  # "a hospital source said 19 bodies were brought in and 50 people wounded"
            if not mentions:
                # "On 26 June, forces retook Gharyan. 43 fighters were killed.": a date told where no
                # event was found still dates the events that follow it
                own_dates = _story_dates(sent, anchor, segs)
                seen.extend(own_dates)
                told = next(iter(own_dates), told)
                toll = find_fatalities(sent)
                if previous is not None and segs.same_paragraph(previous[0].start_char, sent.start_char):
                    for row in previous[1]:  # "IS evacuated civilians. No one is left, a resident said."
                        row[5].extend(c.claim for c in claims)
                    owner = next((r for r in previous[1] if ontology.is_violent(r[0].kind)), None)
                    if toll and owner is not None and not owner[0].negated:
                        owner[4].extend(toll)  # "... attacked a market. The toll stood at 20 dead."
                    previous = (sent, previous[1]) if toll else None
                    continue
                if toll and last_violent is not None and _same_time(own_dates, last_violent[3], sent):
                    # "... invaded Ruwi village. <paragraph> Nine (9) persons were confirmed dead": a toll
                    # told with no event of its own, after the paragraph of the act, counts that act's
                    # dead; a rival figure ("a community group claiming eleven (11) deaths") is weighed
                    # against it, of which the lowest is kept
                    last_violent[4].extend(toll)
                previous = None
                continue
            start = len(rows)
            dates = _story_dates(sent, anchor, segs)
            seen.extend(dates)
            fatalities = find_fatalities(sent)
            owners = _toll_owners(fatalities, mentions, ontology, sent)
            stray = [
                f for f, i in zip(fatalities, owners, strict=True) if i is None and not _in_relative(f, sent)
            ]
            if stray and last_violent is not None and _same_time(dates, last_violent[3], sent):
                last_violent[4].extend(stray)  # "We deplore the loss of three VDP": no violent act of its own
            for m in mentions:
                place, precision = choose_location(sent, m.trigger.i, places, focus, gazetteer=gaz)
                date = _date_for(m, dates) or ((told.date, told.precision) if told is not None else None)
                if date is None and (said := _reported_date(m, dates)) is not None:
                    reported[m.trigger.i] = said
                fatal = [f for f, i in zip(fatalities, owners, strict=True) if i == m.trigger.i]
                rows.append((m, place, precision, date, fatal, _claims_for(m, claims)))
            previous = (sent, rows[start:])
            last_violent = next(
                (r for r in rows[start:] if ontology.is_violent(r[0].kind) and not _unreal(r[0])),
                last_violent,
            )
            told = None if dates else told
        fallback: tuple[dt.date, DatePrecision] | None = (
            (article.published, "day") if article.published else None
        )
        if fallback is None and anchor is not None:
            fallback = (anchor.replace(day=1), "month")
        if (lede := _lede_date(rows, seen, segs, anchor)) is not None:  # dated as if told there
            told_at = next((i for i, r in enumerate(rows) if r[3] is not None), len(rows))
            rows = [  # "the army said on Friday it had killed ...": the day told next, when before it
                r[:3] + (lede,) + r[4:]
                if i < told_at and (r[0].trigger.i not in reported or lede[0] < reported[r[0].trigger.i][0])
                else r
                for i, r in enumerate(rows)
            ]
        drafts = build_drafts(
            rows,
            actors=actors,
            ontology=ontology,
            article_id=article.id,
            fallback_date=fallback,
            reported=reported,
        )
        merged = merge_drafts(drafts)
        if widen:  # merge on the resolved dates, then say only what the text supports
            for d in merged:
                if d.date is not None and d.precision in _WIDER and _WIDER[d.precision] != d.precision:
                    d.date, d.precision = d.date.replace(day=1), _WIDER[d.precision]
        reported_by = (article.source,) if article.source else ()
        events = [finalise(d, article_id=article.id, reported_by=reported_by) for d in merged]
        if verb_codes:  # drafts keep their first mention's place in rows (Draft.order)
            events = [
                VerbCoder.recode(e, verb_codes.get(id(rows[d.order][0])))
                for d, e in zip(merged, events, strict=True)
            ]
        events = [self._with_admin(e) for e in events]
        return Analysis(article, events, places, segs, doc)

    def _with_admin(self, event: Event) -> Event:
        loc = event.location
        if loc is None:
            return event
        admin1, admin2 = self.gazetteer.admin_names(loc.lat, loc.lon)
        if (loc.feature_code or "").startswith("PCL"):
            admin1, admin2 = None, None  # a country has no single admin area
        return replace(event, location=replace(loc, admin1=admin1, admin2=admin2))


#: How many days before publication the lede's date, told later, may lie (a report's week).
LEDE_DAYS = 7


def _lede_date(
    rows: list[Any], seen: list[Any], segs: Any, anchor: dt.date | None
) -> tuple[dt.date, DatePrecision] | None:
    """The date of a lede told without one, from the first date told after it in its own or the next
    paragraph ("Gunmen have abducted 23 people from Kasuwar Daji. ... [new paragraph] The attackers
    stormed the village at about 11pm on Monday"): a recent day, else None (the publication date or
    the day it was reported on). ``seen`` holds the story's dates in text order."""
    if not rows or rows[0][3] is not None or anchor is None:
        return None
    sent = rows[0][0].trigger.sent
    paras = [p for p in segs.paragraphs if p.end > sent.start_char][:2]
    later = [d for d in seen if d.start >= sent.end_char and not _bounds_a_period(d, sent.doc)]
    if not later:
        return None
    d = later[0]
    near = any(p.start <= d.start < p.end for p in paras)
    recent = 0 < (anchor - d.date).days <= LEDE_DAYS
    return (d.date, d.precision) if near and recent and d.precision == "day" else None


def _story_dates(sent: Any, anchor: dt.date | None, segs: Any) -> list[Any]:
    """The sentence's dates, less the lead-in's and a dateline's ("RAWALPINDI, Oct 20 (APP): ...")."""
    text = sent.doc.text
    return [
        d
        for d in find_dates(sent, anchor=anchor)
        if not segs.in_lead(d.start) and not in_dateline(text, d.start, d.end)
    ]


def _bounds_a_period(d: Any, doc: Any) -> bool:
    """A date that bounds a period ("since August 2020", "until March") is no event's day."""
    words = doc.text[max(0, d.start - 8) : d.start].lower().split()
    return (
        bool(words)
        and words[-1] in ("since", "until", "till")
        or (d.text or "").lower().startswith(("since ", "until ", "till "))
    )


def _date_for(m: EventMention, dates: list[Any]) -> tuple[dt.date, DatePrecision] | None:
    """The event's date: a date phrase in the trigger's clause first, then anywhere in its sentence,
    except a date of a clause the event is only reported or described in: "the rebels said on Saturday
    they had captured the town", "ordered on Tuesday a hunt for the gunmen who killed worshippers"."""
    dates = [d for d in dates if not _bounds_a_period(d, m.trigger.doc)]  # "held since August 2020"
    if not dates:
        return None
    nested = {t.idx for c in m.trigger.subtree if c.dep_ == "relcl" and c.i != m.trigger.i for t in c.subtree}
    starts = {t.idx for t in m.trigger.subtree} - nested  # not a relative clause's own date
    inside = [d for d in dates if d.start in starts]
    if inside:
        return inside[0].date, inside[0].precision
    framed = _framed_clause(m.trigger)
    if framed is not None:  # keep the dates of the reported clause itself; the frame's are reported()'s
        own = {t.idx for t in framed.subtree}
        dates = [d for d in dates if d.start in own]
    return (dates[0].date, dates[0].precision) if dates else None


def _reported_date(m: EventMention, dates: list[Any]) -> tuple[dt.date, DatePrecision] | None:
    """The date of the clause that reports or describes the event ("said on 15 July that ..."): when
    the event's own clause has none, the event happened by then; a later explicit date wins over it."""
    framed = _framed_clause(m.trigger)
    if framed is None or not dates:
        return None
    own = {t.idx for t in framed.subtree}
    outside = [d for d in dates if d.start not in own]
    return (outside[0].date, outside[0].precision) if outside else None


def _framed_clause(trigger: Any) -> Any:
    """The clause holding the trigger that another verb reports or describes (the nearest ccomp or
    relative clause on the way up), or None when the trigger's clause is the sentence's own."""
    tok = trigger
    while tok.head.i != tok.i:
        if tok.dep_ in ("ccomp", "relcl"):
            return tok
        tok = tok.head
    return None


#: Words of a toll summed over a period: "more than 200 people killed since the start of the year".
_AGGREGATE = re.compile(r"\b(?:since|so far|this year|to date|in recent (?:days|weeks|months|years))\b", re.I)


def _same_time(dates: list[Any], when: tuple[dt.date, DatePrecision] | None, sent: Span) -> bool:
    """A sentence's dates leave it on the act's own time: none, or only days on or after the act's
    ("counted six bodies on Wednesday evening"); never a background year ("In 2023, ...") nor a
    period's sum ("since the start of the year")."""
    return not _AGGREGATE.search(sent.text) and all(
        d.precision == "day" and (when is None or d.date >= when[0]) for d in dates
    )


def _in_relative(f: Fatalities, sent: Span) -> bool:
    """The figure is told inside a relative clause ("accused them of bewitching a student who had died")."""
    span = sent.doc.char_span(f.start, f.end, alignment_mode="expand")
    return span is None or any(t.dep_ == "relcl" for t in span.root.ancestors)


#: What wounds or kills with no doer named: "wounded by a stray bullet".
_NO_DOER = frozenset({"bullet", "shell", "shrapnel", "gunfire", "fire", "blast", "explosion", "bomb", "mine"})


def _toll_only(m: EventMention) -> bool:
    """A killing or wounding told with no doer ("four combatants killed", "50 people were wounded"):
    the dead and hurt of an act told before it, not an act of its own."""
    trig = m.trigger
    if trig.lemma_.lower() not in ("kill", "wound", "injure") or trig.dep_ in ("ROOT", "conj"):
        return False  # the sentence's own act: "Eight passengers were injured"
    for c in trig.children:
        if c.dep_ in ("nsubj", "csubj"):
            return False
        if c.dep_ == "agent" and not all(
            g.lemma_.lower() in _NO_DOER for g in c.children if g.dep_ == "pobj"
        ):
            return False
    return True


def _unreal(m: EventMention) -> bool:
    return bool(m.negated or m.hypothetical)


def _violent_owner(mentions: list[EventMention], ontology: Ontology) -> int | None:
    """The trigger index of the sentence's first violent mention that happened (fatalities belong to it)."""
    for m in mentions:
        if ontology.is_violent(m.kind) and not m.negated and not m.hypothetical:
            return int(m.trigger.i)
    return None


def _toll_owners(
    fatalities: list[Fatalities], mentions: list[EventMention], ontology: Ontology, sent: Span
) -> list[int | None]:
    """For each toll in the sentence, the trigger index of the violent event it belongs to.

    The nearest violent, asserted mention governing the toll's words ("troops torched houses and
    shot dead two villagers": the shooting's), climbing on past a mention subordinate to another
    ("bombed a market, killing 7": the bombing's); else the sentence's first violent mention.
    """
    default = _violent_owner(mentions, ontology)
    owners = {
        int(m.trigger.i): m.kind
        for m in mentions
        if ontology.is_violent(m.kind) and not m.negated and not m.hypothetical
    }
    out: list[int | None] = []
    for f in fatalities:
        span = sent.doc.char_span(f.start, f.end, alignment_mode="expand")
        owner = default
        if span is not None:
            governing = [t for t in span.root.ancestors if t.i in owners]
            if governing:
                nearest = governing[0]
                for upper in governing[1:]:  # a participle or clause under another act is that act
                    if nearest.dep_ == "conj" and not (
                        owners[nearest.i] == "attack" and owners[upper.i] in SPECIFIC_VIOLENCE
                    ):
                        break  # "torched houses and shot dead two villagers": a second act
                    nearest = upper  # "jets flew sorties and hit targets, killing 60": the air strike's
                dangling = nearest.tag_ == "VBG" and nearest.dep_ in ("advcl", "acl", "xcomp")
                owner = default if dangling else int(nearest.i)  # ", ... said, killing 12": the attack's
                act = None if dangling else _act_when(nearest, owners) or in_act(nearest, owners)
                if act is not None:
                    owner = act  # "seven were killed when a suicide bomber blew himself up": the bombing's
        out.append(owner)
    return out


def _act_when(verb: Any, owners: dict[int, str]) -> int | None:
    """The violent act of a passive toll's "when" clause ("seven people were killed when a suicide bomber
    blew himself up"), which the toll belongs to; None when the verb has no such clause."""
    if not any(c.dep_ == "nsubjpass" for c in verb.children):
        return None
    return next((int(c.i) for c in when_clauses(verb, _WHEN_OR_AFTER) if c.i in owners), None)


_WHEN_OR_AFTER = frozenset({"when", "as", "after"})


def _claims_for(m: EventMention, claims: list[ClaimMention]) -> list[Any]:
    return [c.claim for c in claims if m.trigger.i in c.scope and c.verb_i != m.trigger.i]
