"""JSON Lines: one article per line.

Keys: ``id`` (default: content hash), ``text`` (required), ``title``,
``published`` (ISO date or date-time), ``source``, ``url``, ``language``
(default ``en``). Other keys are ignored. A bad line is rejected as
``FILE:LINENO`` with the reason, and the lines after it are still read.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import EmptyArticle, InputError, InputFormatError
from ..types import Article, Rejected
from ._common import EMPTY_REASON, decode_text, finish_article

__all__ = ["KNOWN_KEYS", "parse_published", "read_jsonl"]

log = logging.getLogger(__name__)

KNOWN_KEYS = frozenset({"id", "text", "title", "published", "source", "url", "language"})
_STRING_KEYS = ("title", "source", "url", "language")


def read_jsonl(
    lines: Iterable[bytes | str], *, input: str, published: dt.date | None = None
) -> Iterator[Article | Rejected]:
    """Read articles from JSON lines (bytes from a file, or str from a text stream).

    Yields an Article for every good line and a Rejected (``input`` is
    ``"INPUT:LINENO"``) for every bad one; blank lines are skipped. Raises
    EmptyArticle when there is no line at all.
    """
    seen = 0
    for lineno, raw in enumerate(lines, start=1):
        where = f"{input}:{lineno}"
        try:
            line = decode_text(raw, input=where) if isinstance(raw, bytes) else raw
            if lineno == 1:
                line = line.removeprefix("\ufeff")  # a text stream does not strip a BOM
            if not line.strip():
                continue
            seen += 1
            yield _article(line, where=where, published=published)
        except InputError as e:
            yield Rejected(input=where, reason=e.reason)
    if not seen:
        raise EmptyArticle(input, "no articles: no JSON lines")


def _article(line: str, *, where: str, published: dt.date | None) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputFormatError(where, f"invalid JSON ({e.msg}: column {e.colno})") from e
    if not isinstance(record, dict):
        raise InputFormatError(where, f"not a JSON object (got {type(record).__name__})")
    text = record.get("text")
    if text is None:
        raise InputFormatError(where, "missing required key 'text'")
    if not isinstance(text, str):
        raise InputFormatError(where, f"'text' must be a string, not {type(text).__name__}")
    if not text.strip():
        raise EmptyArticle(where, EMPTY_REASON)
    fields = {key: _string(record, key, where=where) for key in _STRING_KEYS}
    unknown = sorted(set(record) - KNOWN_KEYS)
    if unknown:
        log.debug("%s: ignoring keys %s", where, ", ".join(unknown))
    date = parse_published(record.get("published"), where=where)
    return finish_article(
        text=text,
        input=where,
        id=_id(record.get("id"), where=where),
        title=fields["title"],
        published=date,
        published_from="given" if date else None,
        fallback_published=published,
        source=fields["source"],
        url=fields["url"],
        language=fields["language"] or "en",
    )


def parse_published(value: Any, *, where: str) -> dt.date | None:
    """An ISO date (``2016-03-27``) or date-time (``2016-03-27T15:42:10+00:00``) as a date.

    A date-time keeps the calendar date it was written with, not the UTC one.
    Raises InputFormatError for anything else.
    """
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputFormatError(where, f"'published' must be an ISO date string, not {type(value).__name__}")
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        return dt.datetime.fromisoformat(value).date()
    except ValueError as e:
        raise InputFormatError(where, f"'published' is not an ISO date or date-time: {value!r}") from e


def _string(record: dict[str, Any], key: str, *, where: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value or None
    raise InputFormatError(where, f"{key!r} must be a string, not {type(value).__name__}")


def _id(value: Any, *, where: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InputFormatError(where, f"'id' must be a string, not {type(value).__name__}")
    return str(value)
