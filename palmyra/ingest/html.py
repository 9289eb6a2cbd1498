"""HTML pages: main text and metadata through trafilatura; small fragments to plain text.

trafilatura drops navigation, captions (``figcaption``), share bars, related
links and comment sections; we ask it for metadata and turn its one-line-per-
block text into paragraphs separated by a blank line, the shape the rest of
palmyra splits on.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from html.parser import HTMLParser
from typing import Any

from ..errors import EmptyArticle, InputFormatError
from ..types import Article
from ._common import EMPTY_REASON, finish_article

__all__ = ["html_to_text", "read_html"]

log = logging.getLogger(__name__)

_SPACE = re.compile(r"\s+")
# On a page with no article trafilatura falls back to whatever text there is
# ("Home", "Leave a comment"). An extraction where no paragraph has this many
# words is taken as empty: it rejects the menu-and-form pages in tests/ingest/
# test_html.py and keeps a one-sentence brief (8 words).
MIN_PARAGRAPH_WORDS = 4


def read_html(data: bytes, *, input: str, published: dt.date | None = None) -> Article:
    """Read one article from an HTML page.

    The page's own date (``article:published_time``, ``<time>``, JSON-LD, URL)
    gives ``published`` with ``published_from="page"``; dates in the running
    text are not searched, so a caption's date is never taken.
    Raises EmptyArticle when no main text is found, InputFormatError when the
    page cannot be parsed.
    """
    if not data.strip():
        raise EmptyArticle(input, EMPTY_REASON)
    doc = _extract(data, input=input)
    if doc is None or not (doc.text or "").strip():
        raise EmptyArticle(input, EMPTY_REASON)
    title = _clean(doc.title) or None
    text = _paragraphs(doc.text, title=title)
    if not any(len(p.split()) >= MIN_PARAGRAPH_WORDS for p in text.split("\n\n")):
        raise EmptyArticle(input, EMPTY_REASON)
    page_date = _parse_page_date(doc.date, input=input)
    return finish_article(
        text=text,
        input=input,
        title=title,
        published=page_date,
        published_from="page" if page_date else None,
        fallback_published=published,
        site_source=_clean(doc.sitename) or None,
        url=doc.url or None,
    )


def _extract(data: bytes, *, input: str) -> Any:
    import trafilatura  # imported when first used: it is slow to import

    # Only the page's markup is searched for its date (extensive_search=False):
    # the extensive search reads dates out of the running text, captions included.
    date_params = {
        "original_date": True,
        "extensive_search": False,
        "max_date": dt.date.today().isoformat(),
    }
    try:
        return trafilatura.bare_extraction(
            data,
            include_comments=False,
            include_images=False,
            with_metadata=True,
            date_extraction_params=date_params,
            as_dict=False,
        )
    except Exception as e:  # trafilatura and lxml raise many kinds on broken pages
        raise InputFormatError(input, f"cannot parse HTML ({type(e).__name__}: {e})") from e


def _paragraphs(text: str, *, title: str | None) -> str:
    """trafilatura's one-block-per-line text as paragraphs separated by a blank line."""
    paras = [line.strip() for line in text.split("\n") if line.strip()]
    # trafilatura keeps the page's <h1>; the title is already in Article.title.
    if paras and title and _SPACE.sub(" ", paras[0]).casefold() == title.casefold():
        paras = paras[1:]
    return "\n\n".join(paras)


def _parse_page_date(value: str | None, *, input: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        log.debug("%s: ignoring unreadable page date %r", input, value)
        return None


def _clean(value: str | None) -> str:
    return _SPACE.sub(" ", value or "").strip()


# Elements whose end starts a new paragraph in html_to_text.
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figure", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "table", "tbody", "td", "th", "thead", "tr", "ul",
})  # fmt: skip
# Elements whose content is not article text.
_SKIP = frozenset({
    "figcaption", "script", "style", "noscript", "template", "button", "form", "select", "textarea",
})  # fmt: skip


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._current: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip_depth += 1
        elif tag == "br" or tag in _BLOCKS:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" or tag in _BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self._current.append(data)

    def _break(self) -> None:
        para = _SPACE.sub(" ", "".join(self._current)).strip()
        if para:
            self.paragraphs.append(para)
        self._current = []

    def close(self) -> None:
        super().close()
        self._break()


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content): paragraphs separated by a blank line.

    Block elements and ``<br>`` end a paragraph; scripts, styles, captions and
    form controls are dropped; entities are decoded.
    """
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    return "\n\n".join(collector.paragraphs)
