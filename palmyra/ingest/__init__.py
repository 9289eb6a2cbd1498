"""Articles in: text, HTML, JSON Lines and feed files, directories and stdin → Article.

::

    read_inputs(["a.txt", "pages/", "-"])   # yields Article | Rejected, in input order
      ├── "-"          → jsonl.read_jsonl over stdin             (Rejected as "<stdin>:LINENO")
      ├── a directory  → every .txt .html .htm .jsonl .xml .rss .atom file below it, by sorted path
      └── a file       → by extension, or by content for others:
            .txt        text.read_text       title line + body; a date line near the top
            .html .htm  html.read_html       trafilatura: main text and page metadata
            .jsonl      jsonl.read_jsonl     one article a line   (Rejected as "FILE:LINENO")
            .xml .rss .atom, or content that starts like a feed
                        feeds.read_feed      one article an entry (Rejected as "FILE#N")

An input that cannot be read becomes a ``Rejected`` with the reason, and the
next input is read: nothing here raises for a bad input.
"""

from __future__ import annotations

import codecs
import datetime as dt
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Literal, TextIO

from ..errors import EmptyArticle, InputEncodingError, InputError
from ..types import Article, Rejected
from ._common import EMPTY_REASON, article_id_for, decode_text, find_outlet_line
from .feeds import looks_like_feed, read_feed
from .html import read_html
from .jsonl import read_jsonl
from .text import read_text

__all__ = ["EXTENSIONS", "STDIN_NAME", "article_id_for", "find_outlet_line", "read_inputs", "read_path"]

log = logging.getLogger(__name__)

Form = Literal["text", "html", "jsonl", "feed"]
Item = Article | Rejected

#: The forms read by file extension, and the files a directory walk reads.
EXTENSIONS: dict[str, Form] = {
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
#: How standard input is named in ``Rejected.input`` and ``Article.origin``.
STDIN_NAME = "<stdin>"

_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAG = re.compile(rb"<(?:p|div|article|main|h1|title)\b", re.I)
_SNIFF_BYTES = 4096
NOT_FOUND_REASON = "no such file or directory"


def read_inputs(
    inputs: Sequence[str], *, published: dt.date | None = None, stdin: TextIO | None = None
) -> Iterator[Article | Rejected]:
    """Read every input in order: file paths, directories, or ``-`` for JSON Lines on stdin.

    ``published`` is the publication date for articles whose input gives none
    (their ``published_from`` is then ``"given"``). Every input, JSON line or
    feed entry that cannot be read is yielded as a ``Rejected``; reading goes on.
    """
    for item in inputs:
        if item == "-":
            stream = stdin if stdin is not None else sys.stdin
            lines = _stream_lines(stream)
            yield from _guard(STDIN_NAME, read_jsonl(lines, input=STDIN_NAME, published=published))
        else:
            yield from read_path(item, published=published)


def read_path(
    path: str | os.PathLike[str], *, published: dt.date | None = None
) -> Iterator[Article | Rejected]:
    """Read one file (any form) or every article file below a directory."""
    name = os.fspath(path)
    if os.path.isdir(name):
        yield from _walk(name, published=published)
    else:
        yield from _guard(name, _read_file(name, published=published))


def _guard(input: str, items: Iterable[Item]) -> Iterator[Item]:
    """Pass on a reader's items; its InputError or OSError becomes a Rejected."""
    try:
        yield from items
    except InputError as e:
        yield Rejected(input=e.input, reason=e.reason)
    except OSError as e:
        yield Rejected(input=input, reason=_os_reason(e))


def _os_reason(e: OSError) -> str:
    if isinstance(e, FileNotFoundError):
        return NOT_FOUND_REASON
    return (e.strerror or str(e)).lower()  # "permission denied", "is a directory", ...


def _read_file(path: str, *, published: dt.date | None) -> Iterator[Item]:
    form = EXTENSIONS.get(os.path.splitext(path)[1].lower())
    if form == "jsonl":
        yield from _read_jsonl_file(path, published=published)
        return
    with open(path, "rb") as f:
        data = f.read()
    if not data.strip():
        raise EmptyArticle(path, EMPTY_REASON)
    if form is None or looks_like_feed(data):
        form = _sniff(data)
    log.debug("reading %s as %s", path, form)
    if form == "feed":
        yield from read_feed(data, input=path, published=published)
    elif form == "jsonl":
        yield from read_jsonl(data.split(b"\n"), input=path, published=published)
    elif form == "html":
        yield read_html(data, input=path, published=published)
    else:
        yield read_text(data, input=path, published=published)


def _read_jsonl_file(path: str, *, published: dt.date | None) -> Iterator[Item]:
    with open(path, "rb") as f:
        head = f.read(4)
        f.seek(0)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            # UTF-16 cannot be split on b"\n": decode the file whole.
            text = decode_text(f.read(), input=path)
            yield from read_jsonl(text.split("\n"), input=path, published=published)
        else:
            yield from read_jsonl(f, input=path, published=published)


def _stream_lines(stream: TextIO) -> Iterator[str]:
    """The lines of a text stream; a decoding error becomes an InputEncodingError."""
    lineno = 0
    try:
        for line in stream:
            lineno += 1
            yield line
    except UnicodeDecodeError as e:
        bad = e.object[e.start : e.start + 1].hex()
        reason = f"not UTF-8 text (invalid byte 0x{bad} after line {lineno})"
        raise InputEncodingError(STDIN_NAME, reason) from e


def _sniff(data: bytes) -> Form:
    """The form of a file whose extension does not say: feed, HTML, JSON Lines or text."""
    head = data[:_SNIFF_BYTES]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    head = head.removeprefix(codecs.BOM_UTF8)
    if looks_like_feed(head):
        return "feed"
    if _HTML_START.match(head) or (head.lstrip().startswith(b"<") and _HTML_TAG.search(head)):
        return "html"
    if head.lstrip().startswith(b"{"):
        return "jsonl"
    return "text"


def _walk(root: str, *, published: dt.date | None) -> Iterator[Item]:
    """Read the article files below ``root`` in sorted path order, skipping hidden entries."""
    errors: list[OSError] = []
    paths: list[tuple[tuple[str, ...], str]] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            path = os.path.join(dirpath, name)
            if name.startswith("."):
                log.debug("skipping hidden file %s", path)
            elif os.path.splitext(name)[1].lower() not in EXTENSIONS:
                log.debug("skipping %s: not an article file extension", path)
            else:
                paths.append((Path(os.path.relpath(path, root)).parts, path))
    for e in errors:  # unreadable subdirectories
        yield Rejected(input=e.filename or root, reason=_os_reason(e))
    if not paths:
        yield Rejected(input=root, reason="no article files in directory")
    for _, path in sorted(paths):
        yield from _guard(path, _read_file(path, published=published))
