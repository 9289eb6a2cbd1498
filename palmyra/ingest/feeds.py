"""RSS and Atom feed files: every entry is one article.

The entry's content (or, failing that, its summary) is turned from HTML into
plain text; its published (or updated) date is the page date; its link is the
url; the feed's title names the site. A bad entry is rejected as
``FILE#N`` (N counts entries from 1) and the other entries are still read.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import io
import logging
import re
from collections.abc import Iterator
from typing import Any

from ..errors import EmptyArticle, InputError, InputFormatError
from ..types import Article, Rejected
from ._common import EMPTY_REASON, finish_article
from .html import html_to_text

__all__ = ["looks_like_feed", "read_feed"]

log = logging.getLogger(__name__)

# The root element of a feed, after an optional BOM, XML declaration, comments,
# processing instructions and doctype.
_FEED_ROOT = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*|<!doctype[^>]*>\s*)*<(?:rss|feed|rdf:rdf)\b",
    re.IGNORECASE | re.DOTALL,
)
_SNIFF_BYTES = 4096


def looks_like_feed(data: bytes) -> bool:
    """True when ``data`` starts like an RSS, Atom or RDF feed document."""
    return _FEED_ROOT.match(data[:_SNIFF_BYTES]) is not None


def read_feed(data: bytes, *, input: str, published: dt.date | None = None) -> Iterator[Article | Rejected]:
    """Read every entry of an RSS/Atom feed as an article.

    Raises InputFormatError when ``data`` is not a feed and EmptyArticle when
    the feed has no entries.
    """
    import feedparser  # imported when first used

    # A stream, never bytes or str: feedparser.parse would try those as a path or URL.
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        if parsed.get("bozo") or not parsed.get("version"):
            problem = parsed.get("bozo_exception")
            detail = f" ({problem})" if problem else ""
            raise InputFormatError(input, f"not an RSS or Atom feed{detail}")
        raise EmptyArticle(input, "feed has no entries")
    if parsed.get("bozo"):
        log.debug(
            "%s: feed is not well-formed (%s); reading its entries anyway",
            input,
            parsed.get("bozo_exception"),
        )
    site = _plain(parsed.feed.get("title"), parsed.feed.get("title_detail")) or None
    feed_language = parsed.feed.get("language")
    for n, entry in enumerate(parsed.entries, start=1):
        where = f"{input}#{n}"
        try:
            yield _article(entry, where=where, site=site, language=feed_language, published=published)
        except InputError as e:
            yield Rejected(input=where, reason=e.reason)


def _article(
    entry: Any, *, where: str, site: str | None, language: str | None, published: dt.date | None
) -> Article:
    text = _entry_text(entry)
    if not text:
        raise EmptyArticle(where, EMPTY_REASON)
    date = _entry_date(entry, where=where)
    return finish_article(
        text=text,
        input=where,
        id=entry.get("id") or None,
        title=_plain(entry.get("title"), entry.get("title_detail")) or None,
        published=date,
        published_from="page" if date else None,
        fallback_published=published,
        site_source=site,
        url=entry.get("link") or None,
        language=_language(entry, default=language),
    )


def _entry_text(entry: Any) -> str:
    """The longest content block, or the summary; as plain-text paragraphs."""
    candidates = [(c.get("value", ""), c) for c in entry.get("content", [])]
    if entry.get("summary"):
        candidates.append((entry["summary"], entry.get("summary_detail")))
    texts = [_plain(value, detail, paragraphs=True) for value, detail in candidates]
    return max(texts, key=len, default="")


def _plain(value: str | None, detail: Any, *, paragraphs: bool = False) -> str:
    if not value:
        return ""
    kind = (detail or {}).get("type", "text/html")
    if "html" in kind:
        text = html_to_text(value)
    else:
        text = "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", value) if p.strip())
    return text if paragraphs else " ".join(text.split())


def _entry_date(entry: Any, *, where: str) -> dt.date | None:
    """The entry's own calendar date, as written (not moved to UTC)."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if raw:
            date = _parse_feed_date(raw)
            if date is None and entry.get(f"{key}_parsed"):
                date = dt.date(*entry[f"{key}_parsed"][:3])  # feedparser's UTC reading
            if date is not None:
                return date
            log.debug("%s: ignoring unreadable %s date %r", where, key, raw)
    return None


def _parse_feed_date(raw: str) -> dt.date | None:
    try:  # RSS: RFC 822, "Sun, 27 Mar 2016 15:42:10 +0000"
        return email.utils.parsedate_to_datetime(raw).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:  # Atom: RFC 3339, "2016-03-27T15:42:10Z"
        return dt.datetime.fromisoformat(raw.strip()).date()
    except ValueError:
        return None


def _language(entry: Any, *, default: str | None) -> str:
    """The entry's xml:lang, else the feed's language, as a bare code ("en-us" -> "en")."""
    details = [*entry.get("content", []), entry.get("summary_detail") or {}]
    lang = next((d.get("language") for d in details if d.get("language")), None) or default
    return str(lang).split("-")[0].lower() if lang else "en"
