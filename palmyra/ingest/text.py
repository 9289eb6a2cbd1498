"""Plain-text articles: the first non-empty line is the title, the rest is the body.

A publication date is taken only from a line near the top that is nothing but
a date ("Published: March 27, 2016", "2016-03-27", "Updated 27 March 2016 10:42").
Dates inside sentences are never taken: a photo caption's "March 26, 2016" is
when the photo was taken, not when the report was published.
"""

from __future__ import annotations

import datetime as dt
import re

from ..errors import EmptyArticle
from ..types import Article
from ._common import EMPTY_REASON, decode_text, finish_article

__all__ = ["DATE_LINE_WINDOW", "parse_date_line", "read_text"]

# Date lines are searched in this many non-empty lines after the title: a
# dateline sits right under the headline, possibly after a byline and a kicker.
DATE_LINE_WINDOW = 3

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_PREFIX = (
    r"(?:(?:(?:first\s+|last\s+)?(?:published|updated|modified)|posted|date[d]?)(?:\s+(?:on|at))?"
    r"\s*[:\-\u2013\u2014|]?\s*)?"
)
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_CLOCK = r"\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?(?:\s*\(?[a-z]{2,5}\)?|\s*[+-]\d{2}:?\d{2})?"
_DATE = (
    rf"(?:(?P<y1>\d{{4}})-(?P<m1>\d{{2}})-(?P<d1>\d{{2}})"
    rf"(?:[t\s]\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?(?:z|[+-]\d{{2}}:?\d{{2}})?)?"
    rf"|(?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
    rf"|(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m3>{_MONTH})\.?,?\s+(?P<y3>\d{{4}}))"
)
_DATE_LINE = re.compile(
    rf"^\s*{_PREFIX}(?:{_CLOCK},?\s+)?{_WEEKDAY}{_DATE}(?:\s*(?:,|at|-|\|)?\s*{_CLOCK})?\s*$",
    re.IGNORECASE,
)


def parse_date_line(line: str) -> dt.date | None:
    """The date of a line that is only a (possibly labelled) date, else None."""
    m = _DATE_LINE.match(line)
    if m is None:
        return None
    g = m.groupdict()
    try:
        if g["y1"]:
            return dt.date(int(g["y1"]), int(g["m1"]), int(g["d1"]))
        if g["y2"]:
            return dt.date(int(g["y2"]), _MONTHS[g["m2"][:3].lower()], int(g["d2"]))
        return dt.date(int(g["y3"]), _MONTHS[g["m3"][:3].lower()], int(g["d3"]))
    except ValueError:  # "February 30"
        return None


def read_text(data: bytes, *, input: str, published: dt.date | None = None) -> Article:
    """Read one plain-text article from ``data``.

    Raises InputEncodingError (not UTF-8/UTF-16) or EmptyArticle (no body).
    """
    content = decode_text(data, input=input)
    lines = content.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise EmptyArticle(input, EMPTY_REASON)
    title = lines[first].strip()
    rest = lines[first + 1 :]
    while rest and not rest[0].strip():
        rest.pop(0)
    body = "\n".join(rest).rstrip()
    if not body.strip():
        raise EmptyArticle(input, "empty article: only a title line, no body text")
    page_date = _find_date_line(body)
    return finish_article(
        text=body,
        input=input,
        title=title,
        published=page_date,
        published_from="page" if page_date else None,
        fallback_published=published,
    )


def _find_date_line(body: str) -> dt.date | None:
    near_top = [line for line in body.split("\n") if line.strip()][:DATE_LINE_WINDOW]
    for line in near_top:
        date = parse_date_line(line)
        if date is not None:
            return date
    return None
