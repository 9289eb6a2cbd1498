"""Helpers shared by the input forms: ids, decoding, the outlet line, finishing an Article."""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re

from ..errors import EmptyArticle, InputEncodingError
from ..types import Article

__all__ = [
    "EMPTY_REASON",
    "article_id_for",
    "decode_text",
    "find_outlet_line",
    "finish_article",
]

EMPTY_REASON = "empty article: no text after extraction"

# How many non-empty lines at the end of a text are searched for a "Source- ..." line.
# Syndicated copies often carry a comment-form tail after it: the seed report
# (data/seed/article.txt) has three such lines after "Source- USA Today", so 6 leaves room.
OUTLET_TAIL_LINES = 6
# An outlet name is a short proper name ("USA Today", "Agence France-Presse"), not a sentence.
OUTLET_MAX_CHARS = 60
OUTLET_MAX_WORDS = 8

_OUTLET_LINE = re.compile(r"\s*sources?\s*(?:[-\u2013\u2014:]\s*)+(?P<name>.+?)\s*$", re.IGNORECASE)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def article_id_for(text: str) -> str:
    """The default article id: the first 16 hex digits of the SHA-256 of ``text`` (UTF-8).

    The same text always gives the same id, whatever form it came in.
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def decode_text(data: bytes, *, input: str) -> str:
    """Decode ``data`` as UTF-8 (BOM stripped) or UTF-16/32 with a BOM; newlines become ``\\n``.

    Raises InputEncodingError naming the first bad byte for anything else
    (Latin-1, Windows-1252, binary files).
    """
    encoding = "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding = name
            break
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        bad = e.object[e.start : e.start + 1]
        label = "UTF-8" if encoding.startswith("utf-8") else encoding.upper()
        reason = f"not {label} text (invalid byte 0x{bad.hex()} at offset {e.start})"
        raise InputEncodingError(input, reason) from e
    if "\x00" in text:
        raise InputEncodingError(input, "not text (NUL characters: binary data, or UTF-16 without a BOM)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def find_outlet_line(text: str) -> tuple[str, int, int] | None:
    """Find a syndication line such as ``Source- USA Today`` near the end of ``text``.

    Returns the outlet name and the character offsets (start, end) of the line
    (without its surrounding whitespace), or None. Only the last few non-empty
    lines are searched, so a "source: ..." phrase inside the story is not taken.
    """
    lines: list[tuple[int, int]] = []
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        if raw.strip():
            lines.append((start, end))
    for start, end in reversed(lines[-OUTLET_TAIL_LINES:]):
        m = _OUTLET_LINE.match(text, start, end)
        if m is None:
            continue
        name = m.group("name").strip().strip("()[]").rstrip(".").strip()
        if not name or not name[0].isalnum():
            continue
        if len(name) > OUTLET_MAX_CHARS or len(name.split()) > OUTLET_MAX_WORDS:
            continue
        line = text[start:end]
        lead = len(line) - len(line.lstrip())
        trail = len(line) - len(line.rstrip())
        return name, start + lead, end - trail
    return None


def as_date(value: dt.date | None) -> dt.date | None:
    """A ``datetime`` passed as a date is cut to its date."""
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def finish_article(
    *,
    text: str,
    input: str,
    id: str | None = None,
    title: str | None = None,
    published: dt.date | None = None,
    published_from: str | None = None,
    fallback_published: dt.date | None = None,
    source: str | None = None,
    site_source: str | None = None,
    url: str | None = None,
    language: str = "en",
) -> Article:
    """Build the Article every form produces, applying the shared rules.

    - no text (only whitespace) raises EmptyArticle;
    - ``id`` defaults to ``article_id_for(text)``;
    - ``fallback_published`` (the caller's ``published=``) is used only when the
      input gives no date, and then ``published_from`` is ``"given"``;
    - ``source`` given by the input (JSON ``source``) is kept; otherwise an outlet
      line in the text ("Source- USA Today") names it, and failing that the site
      or feed name (``site_source``), since a syndicated copy's site is not its outlet.
    """
    if not text.strip():
        raise EmptyArticle(input, EMPTY_REASON)
    if published is None and fallback_published is not None:
        published, published_from = as_date(fallback_published), "given"
    elif published is None:
        published_from = None
    if not source:
        outlet = find_outlet_line(text)
        source = outlet[0] if outlet else site_source
    return Article(
        id=id or article_id_for(text),
        text=text,
        title=title or None,
        published=published,
        published_from=published_from,
        source=source or None,
        url=url or None,
        language=language or "en",
        origin=input,
    )
