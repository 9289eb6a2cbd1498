"""Event dates: resolving a date expression against the publication date.

:func:`resolve_date` reads one expression (a spaCy DATE or TIME entity's text,
with or without a leading preposition) and returns the date it points at and
how precise that is, following news convention: a report's "Sunday" is the
latest Sunday on or before the day it was published. Relative expressions need
the publication date (``anchor``); absolute ones with a year do not. Durations
and ages ("a three-week siege", "for years", "every year") are not points in
time and give None.

Conventions for coarse dates (ACLED codes the first day of the period):

* ``week``: the anchor's day moved by whole weeks ("this week" = anchor,
  "last week" = anchor - 7 days): the week around that day.
* ``month``: the 1st of the month.
* ``year``: the 1st of January.
* seasons (northern hemisphere, meteorological: spring Mar-May, summer Jun-Aug,
  autumn Sep-Nov, winter Dec-Feb): the 1st of the middle month (April, July,
  October, January) with precision ``month``; "winter 2015" is Dec 2014-Feb 2015.

:func:`find_dates` applies it to the entities of a sentence and
:func:`best_anchor_from_text` guesses a lower bound for a missing publication date.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from typing import Any

from spacy.tokens import Doc, Span

from ..types import DatePrecision, DateRef
from .fatalities import VAGUE_COUNTS, parse_count

__all__ = ["best_anchor_from_text", "find_dates", "in_dateline", "resolve_date", "reset_caches"]

log = logging.getLogger(__name__)

Resolved = tuple[dt.date, DatePrecision]

#: Leading words dropped before reading the expression ("on Sunday", "since last spring",
#: "early March", "the end of 2015"). Modifiers such as "early"/"late" keep the precision of
#: the period they qualify: "late Friday" is Friday, "early 2015" is 2015.
LEADING = re.compile(
    r"^(?:on|in|at|during|since|by|from|as of|until|till|through|throughout|over|around|before|after|"
    r"the|of|early|earlier|late|later|mid|middle|end|beginning|start|the start|the end|"
    r"overnight into|overnight on|overnight)\b[\s-]*"
    # a clock time before the day ("at about 11pm on Monday", "around 2:30 a.m. on 3 May")
    r"|^(?:at\s+)?(?:about\s+|around\s+)?\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|a\.m\.?|p\.m\.?|hrs|hours)?\s+on\s+"
)
#: Trailing words dropped: parts of the day ("Friday night") and emphasis ("Friday alone").
TRAILING = re.compile(
    r"[\s,]+(?:morning|afternoon|evening|night|noon|midday|dawn|alone|local time|instant|inst\.?)$"
)

#: Expressions that name a day relative to the anchor, with the offset in days (precision day).
#: "in the last day", "in the past 24 hours" and "overnight" are taken as the day before the
#: report: a wire report's "last day" mostly covers the previous day's events.
DAY_OFFSETS: dict[str, int] = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "yesterday": -1,
    "last night": -1,
    "overnight": -1,
    "last day": -1,
    "past day": -1,
    "last 24 hours": -1,
    "past 24 hours": -1,
    "last twenty-four hours": -1,
    "past twenty-four hours": -1,
    "day before yesterday": -2,
    "tomorrow": 1,
}

#: Expressions that name a period relative to the anchor: (unit, offset in units).
PERIODS: dict[str, tuple[str, int]] = {
    "this week": ("week", 0),
    "this past week": ("week", 0),
    "past week": ("week", 0),
    "past few days": ("week", 0),
    "last few days": ("week", 0),
    "past several days": ("week", 0),
    "recent days": ("week", 0),
    "weekend": ("weekend", 0),
    "this weekend": ("weekend", 0),
    "last weekend": ("weekend", 0),
    "past weekend": ("weekend", 0),
    "last week": ("week", -1),
    "next week": ("week", 1),
    "this month": ("month", 0),
    "last month": ("month", -1),
    "next month": ("month", 1),
    "this year": ("year", 0),
    "last year": ("year", -1),
    "next year": ("year", 1),
}

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(rf"^(?:(last|this|past|next)\s+)?({'|'.join(WEEKDAYS)})$")

#: Season -> its middle month (January for winter).
SEASONS: dict[str, int] = {"spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 1}
_SEASON = re.compile(
    r"^(?:(last|this|past|next)\s+)?(spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(\d{4}))?$"
)

_AGO = re.compile(r"^(.+?)\s+(day|week|month|year)s?\s+ago$")
_YEAR_ONLY = re.compile(r"^(?:the year\s+)?(\d{4})$")
_HAS_YEAR = re.compile(r"(?<!\d)(?:1[89]\d\d|2\d\d\d)(?!\d)")
_MONTH = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b\.?")
_NUMERIC = re.compile(r"\b\d{4}-\d{1,2}(?:-\d{1,2})?\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")
_ORDINAL_DAY = re.compile(r"^(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)$")
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
#: A day, month and year written out ("3 May 2021", "3rd of May, 2021", "May 3, 2021",
#: "2021-05-03"): found in the sentence's text when the NER misses it or cuts it short
#: ("Around 3 May 2021 (between 1-3 May)", "On the night of 2 May 2021" tagged TIME "the night of 2").
_WRITTEN_DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+{_MONTHS},?\s+(?:1[89]|2\d)\d\d"
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:1[89]|2\d)\d\d"
    r"|(?:1[89]|2\d)\d\d-\d{2}-\d{2})\b"
)
#: A full written date, for best_anchor_from_text.
_FULL_DATE = re.compile(
    r"\b(?:[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]{2,8}\.? \d{4}|\d{4}-\d{2}-\d{2})\b"
)
_RANGE = re.compile(
    r"^(?:between\s+|from\s+)?(.+?)\s*(?:-|\u2013|\bto\b|\band\b|\bthrough\b|\buntil\b)\s*(.+)$"
)


def resolve_date(text: str, anchor: dt.date | None) -> Resolved | None:
    """The date ``text`` points at, seen from a report published on ``anchor``, and its precision.

    None when ``text`` is not a point in time, or is relative and ``anchor`` is None.
    """
    phrase = _normalise(text)
    if not phrase:
        return None
    for rule in (
        _relative_day,
        _relative_period,
        _weekday,
        _ago,
        _season,
        _year,
        _day_of_month,
        _month_of_year,
    ):
        found = rule(phrase, anchor)
        if found is not None:
            return found
    if _NUMERIC.fullmatch(phrase):  # "2016-03-26" is a date, not a range
        return _slashed(phrase, anchor) or _absolute(phrase, anchor)
    return _range(phrase, anchor) or _absolute(phrase, anchor)


# Month names that are also words: a date only when written with a capital ("the march started")
LOWERCASE_NOT_MONTHS = frozenset({"march", "may", "the march", "a march", "june"})
# Day adverbs read as dates where the NER leaves them untagged and they modify a verb
BARE_DAY_ADVERBS = frozenset({"overnight", "yesterday", "today", "tonight"})


def find_dates(sent: Span | Doc, *, anchor: dt.date | None) -> list[DateRef]:
    """Every DATE or TIME entity in ``sent`` that resolves, as :class:`DateRef` with offsets, in text order.

    A full written date (day, month and year) that no resolved entity covers counts too: the
    NER misses dates next to brackets and cuts "the night of 2 May 2021" short.
    """
    out = []
    for ent in sent.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if ent.text.lower() == "overnight" and ent.start > 0 and ent.doc[ent.start - 1].lower_ in ("a", "an"):
            continue  # "killed 18 in an overnight raid, officials said Wednesday": which night is told later
        if ent.text in LOWERCASE_NOT_MONTHS:
            continue  # "the march, organised by ...", "they may": a month is written with a capital
        found = resolve_date(ent.text, anchor)
        if found is not None:
            out.append(DateRef(found[0], found[1], ent.text, ent.start_char, ent.end_char))
            continue
        # "yesterday, Wednesday": one entity the parser cannot read whole; each part on its own
        at = ent.start_char
        for part in ent.text.split(","):
            start = ent.start_char + ent.text.index(part, at - ent.start_char)
            at = start + len(part)
            bare = part.strip()
            found = resolve_date(bare, anchor) if bare and "," in ent.text else None
            if found is not None:
                lead = len(part) - len(part.lstrip())
                out.append(DateRef(found[0], found[1], bare, start + lead, start + lead + len(bare)))
                break
    for tok in sent:  # "set fire to a school overnight": the NER leaves some day adverbs untagged
        if tok.lower_ not in BARE_DAY_ADVERBS or tok.dep_ not in ("advmod", "npadvmod") or tok.ent_type_:
            continue
        if any(d.start <= tok.idx < d.end for d in out):
            continue
        found = resolve_date(tok.lower_, anchor)
        if found is not None:
            out.append(DateRef(found[0], found[1], tok.text, tok.idx, tok.idx + len(tok.text)))
    offset = sent.start_char if isinstance(sent, Span) else 0
    for m in _WRITTEN_DATE.finditer(sent.text):
        start, end = offset + m.start(), offset + m.end()
        if any(d.start < end and start < d.end for d in out):
            continue
        found = resolve_date(m.group(0), anchor)
        if found is not None:
            out.append(DateRef(found[0], found[1], m.group(0), start, end))
    return sorted(out, key=lambda d: d.start)


#: What may stand before a dateline's date on its line: a place ("RAWALPINDI, ", "Ouagadougou, ").
_DATELINE_BEFORE = re.compile(
    r"[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3}(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?,?\s+"
)
#: What follows it: an agency in brackets and a colon or dash ("Oct 20 (APP):", "14 January 2026 (AIB) -").
_DATELINE_AFTER = re.compile(r"\s*(?:\([A-Za-z/ .-]{2,20}\))?\s*(?:[:\u2013\u2014]|-{1,2}\s)")


def in_dateline(text: str, start: int, end: int) -> bool:
    """Whether the date at ``text[start:end]`` is a dateline's ("RAWALPINDI, Oct 20 (APP): ...",
    "Ouagadougou, 14 January 2026 (AIB) - ..."): the report's own date, not an event's."""
    line = text.rfind("\n", 0, start) + 1
    return bool(_DATELINE_BEFORE.fullmatch(text, line, start) and _DATELINE_AFTER.match(text, end))


def best_anchor_from_text(text: str, *, max_chars: int = 5000) -> dt.date | None:
    """The latest full date (day, month and year) written in the first ``max_chars`` of ``text``.

    For reports with no publication date: a report is published on or after every full
    date it mentions, so this is a lower bound; None when the text gives no full date.
    """
    found = []
    for m in _FULL_DATE.finditer(text[:max_chars]):
        resolved = resolve_date(m.group(0), None)
        if resolved is not None and resolved[1] == "day":
            found.append(resolved[0])
    return max(found, default=None)


# --------------------------------------------------------------------------- rules


def _normalise(text: str) -> str:
    phrase = " ".join(text.lower().replace("\u2019", "'").split()).strip(" .,;:!?'\"()")
    previous = None
    while phrase != previous:
        previous = phrase
        phrase = LEADING.sub("", phrase, count=1) if phrase not in DAY_OFFSETS | PERIODS else phrase
        if phrase not in DAY_OFFSETS:
            phrase = TRAILING.sub("", phrase)
    return phrase.strip()


def _relative_day(phrase: str, anchor: dt.date | None) -> Resolved | None:
    if phrase not in DAY_OFFSETS or anchor is None:
        return None
    return anchor + dt.timedelta(days=DAY_OFFSETS[phrase]), "day"


def _relative_period(phrase: str, anchor: dt.date | None) -> Resolved | None:
    if phrase not in PERIODS or anchor is None:
        return None
    unit, n = PERIODS[phrase]
    if unit == "weekend":  # the latest Saturday on or before the anchor
        return anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7), "week"
    return _shift(anchor, unit, n)


def _weekday(phrase: str, anchor: dt.date | None) -> Resolved | None:
    """A weekday ("Friday", "on Friday", "last Friday"): the latest such day on or before the anchor.

    "last Friday" in a report published on a Friday is the week before; "next Friday"
    is the first one after the anchor.
    """
    m = _WEEKDAY.match(phrase)
    if m is None or anchor is None:
        return None
    modifier, day = m.groups()
    back = (anchor.weekday() - WEEKDAYS.index(day)) % 7
    if modifier == "next":
        return anchor + dt.timedelta(days=7 - back if back else 7), "day"
    if modifier == "last" and back == 0:
        back = 7
    return anchor - dt.timedelta(days=back), "day"


def _ago(phrase: str, anchor: dt.date | None) -> Resolved | None:
    """Counted units ago ("three days ago", "two years ago").

    A vague count ("a few days ago") widens the precision one step.
    """
    m = _AGO.match(phrase)
    if m is None or anchor is None:
        return None
    amount, unit = m.groups()
    n = 1 if amount in ("a", "an") else parse_count(amount)
    if n is None:
        return None
    vague = any(word in VAGUE_COUNTS for word in amount.split())
    if unit == "day":
        return anchor - dt.timedelta(days=n), "week" if vague else "day"
    date, precision = _shift(anchor, unit, -n)
    if vague and precision == "week":
        precision = "month"
    return date, precision


def _season(phrase: str, anchor: dt.date | None) -> Resolved | None:
    """A season: the 1st of its middle month, precision month (see the module docstring)."""
    m = _SEASON.match(phrase)
    if m is None:
        return None
    modifier, name, year = m.groups()
    middle = SEASONS[name]
    if year is not None:
        return dt.date(int(year), middle, 1), "month"
    if anchor is None:
        return None
    # the season's occurrences, named by their middle month; the latest one started by the anchor
    start = _month_start(dt.date(anchor.year + 1, middle, 1), -1)
    while start > anchor:
        start = _month_start(start, -12)
    occurrence = _month_start(start, 1)
    current = anchor < _month_start(start, 3)
    if modifier == "next":
        occurrence = _month_start(occurrence, 12)
    elif modifier in ("last", "past") and current:
        occurrence = _month_start(occurrence, -12)
    return occurrence, "month"


def _year(phrase: str, anchor: dt.date | None) -> Resolved | None:
    m = _YEAR_ONLY.match(phrase)
    if m is None or not 1000 <= int(m.group(1)) <= 2999:
        return None
    return dt.date(int(m.group(1)), 1, 1), "year"


_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_OF_YEAR = re.compile(
    r"^(?:(?P<pre>last|this|next)\s+(?P<m1>[a-z]+)|(?P<m2>[a-z]+)\s+(?:of\s+)?(?P<post>last|this|next)\s+year)$"
)


def _month_of_year(phrase: str, anchor: dt.date | None) -> Resolved | None:
    """ "June last year", "March this year", "last June" (the latest June before this month)."""
    m = _MONTH_OF_YEAR.match(phrase)
    if m is None or anchor is None:
        return None
    name = (m.group("m1") or m.group("m2"))[:3]
    if name not in _MONTH_NAMES or not (m.group("m1") or m.group("m2")).startswith(name):
        return None
    month = _MONTH_NAMES.index(name) + 1
    if m.group("post"):
        year = anchor.year + {"last": -1, "this": 0, "next": 1}[m.group("post")]
    elif m.group("pre") == "last":
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif m.group("pre") == "next":
        year = anchor.year if month > anchor.month else anchor.year + 1
    else:
        year = anchor.year
    return dt.date(year, month, 1), "month"


def _day_of_month(phrase: str, anchor: dt.date | None) -> Resolved | None:
    """ "On the 3rd": the latest 3rd of a month on or before the anchor."""
    m = _ORDINAL_DAY.match(phrase)
    if m is None or anchor is None:
        return None
    day, month = int(m.group(1)), _month_start(anchor, 0)
    for back in range(13):  # the 31st may be months back
        start = _month_start(month, -back)
        try:
            date = start.replace(day=day)
        except ValueError:
            continue
        if date <= anchor:
            return date, "day"
    return None


def _absolute(phrase: str, anchor: dt.date | None) -> Resolved | None:
    """Month names and numeric dates, through dateparser; a year must be written when no anchor."""
    if not (_MONTH.search(phrase) or _NUMERIC.search(phrase)):
        return None
    written_years = {int(y) for y in _HAS_YEAR.findall(phrase)}
    if anchor is None and not _HAS_YEAR.search(phrase):
        return None
    data = _parser(anchor).get_date_data(phrase)
    if data.date_obj is None:
        return None
    date = data.date_obj.date()
    if written_years and date.year not in written_years:
        log.debug("dateparser read %r as %s; year not in the text", phrase, date)
        return None
    if not written_years and anchor is not None and not (anchor - dt.timedelta(days=366) < date <= anchor):
        return None
    period = data.period or "day"
    if period == "month":
        return date.replace(day=1), "month"
    if period == "year":
        return date.replace(month=1, day=1), "year"
    if period == "week":
        return date, "week"
    return date, "day"


_SLASHED = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})")


def _slashed(phrase: str, anchor: dt.date | None) -> Resolved | None:
    """ "03/08/2026": day first or month first, whichever reading is the latest on or before the
    anchor (most of the world writes the day first; US wires the month). Without an anchor, day
    first when the first number cannot be a month, else None (dateparser's month-first reading)."""
    m = _SLASHED.fullmatch(phrase)
    if m is None:
        return None
    a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    year = y if y >= 100 else 2000 + y
    readings = []
    for day, month in ((a, b), (b, a)):
        try:
            readings.append(dt.date(year, month, day))
        except ValueError:
            continue
    if anchor is not None:
        past = [d for d in readings if d <= anchor]
        return (max(past), "day") if past else None
    return (readings[0], "day") if a > 12 and readings else None


def _range(phrase: str, anchor: dt.date | None) -> Resolved | None:
    """A range ("March 26-27", "26 to 28 March 2016", "between March 1 and March 5"): its first day.

    Precision: week when a range of days spans at most 7 days, else month (year for years).
    """
    m = _RANGE.match(phrase)
    if m is None:
        return None
    left, right = m.groups()
    if re.fullmatch(r"\d{1,2}", left):  # "26-28 march 2016": borrow the right end's month and year
        left = re.sub(r"^\d{1,2}(?:st|nd|rd|th)?\b", left, right, count=1)
    elif not _HAS_YEAR.search(left) and (year := _HAS_YEAR.search(right)):
        left = f"{left} {year.group(0)}"
    if re.match(r"\d{1,2}\b", right) and not _MONTH.search(right) and (month := _MONTH.search(left)):
        right = f"{month.group(0)} {right}"  # "march 26-27": the right end borrows the month
        if not _HAS_YEAR.search(right) and (year := _HAS_YEAR.search(left)):
            right = f"{right} {year.group(0)}"
    start = resolve_date(left, anchor)
    if start is None:
        return None
    end = resolve_date(right, anchor)
    if start[1] != "day":  # "March and April 2015", "2014 to 2015": the coarser period
        return start[0], start[1] if start[1] == "year" else "month"
    span = (end[0] - start[0]).days if end is not None else 0
    return start[0], "week" if 0 <= span <= 7 else "month"


# --------------------------------------------------------------------------- helpers


def _shift(anchor: dt.date, unit: str, n: int) -> Resolved:
    if unit == "week":
        return anchor + dt.timedelta(weeks=n), "week"
    if unit == "month":
        return _month_start(anchor, n), "month"
    return dt.date(anchor.year + n, 1, 1), "year"


def _month_start(date: dt.date, months: int) -> dt.date:
    index = date.year * 12 + date.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@functools.lru_cache(maxsize=64)
def _parser(anchor: dt.date | None) -> Any:
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
    if anchor is not None:
        settings["RELATIVE_BASE"] = dt.datetime(anchor.year, anchor.month, anchor.day)
    return DateDataParser(languages=["en"], settings=settings)


def reset_caches() -> None:
    _parser.cache_clear()
