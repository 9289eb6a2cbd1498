from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from palmyra.errors import InputFormatError
from palmyra.ingest import article_id_for, read_path
from palmyra.ingest.jsonl import parse_published, read_jsonl
from palmyra.types import Article, Rejected

from .conftest import articles, rejected


def test_good_and_bad_lines(fixtures: Path) -> None:
    path = fixtures / "batch.jsonl"
    items = list(read_path(path))
    assert [x.origin if isinstance(x, Article) else x.input for x in items] == [
        f"{path}:1",
        f"{path}:2",
        f"{path}:4",  # line 3 is blank: skipped
        f"{path}:5",
        f"{path}:6",
        f"{path}:7",
    ]
    first, second, last = articles(items)
    assert first == Article(
        id="wire-001",
        text="Negotiators from both sides met again on Thursday in the lakeside town of Merrow to "
        "discuss a ceasefire, a mediator said.\n\nThe talks had stalled last month.",
        title="Ceasefire talks resume",
        published=dt.date(2022, 5, 12),
        published_from="given",
        source="Wire Service",
        url="https://wire.example.net/001",
        language="en",
        origin=f"{path}:1",
    )
    assert second.id == article_id_for(second.text)
    assert second.published == dt.date(2022, 5, 13)  # the date as written, not moved to UTC
    assert last.published is None and last.language == "en"
    reasons = [r.reason for r in rejected(items)]
    assert reasons[0].startswith("invalid JSON")
    assert reasons[1] == "missing required key 'text'"
    assert reasons[2] == "'published' is not an ISO date or date-time: 'last Saturday'"
    assert all(r.stage == "ingest" for r in rejected(items))


def test_published_fill_in(fixtures: Path) -> None:
    items = articles(list(read_path(fixtures / "batch.jsonl", published=dt.date(2022, 5, 15))))
    assert [(a.published, a.published_from) for a in items] == [
        (dt.date(2022, 5, 12), "given"),
        (dt.date(2022, 5, 13), "given"),
        (dt.date(2022, 5, 15), "given"),
    ]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('["a list"]', "not a JSON object (got list)"),
        ('{"text": "   "}', "empty article: no text after extraction"),
        ('{"text": 5}', "'text' must be a string, not int"),
        ('{"text": "x", "title": ["a"]}', "'title' must be a string, not list"),
        ('{"text": "x", "published": 20160327}', "'published' must be an ISO date string, not int"),
        ('{"text": "x", "id": {"a": 1}}', "'id' must be a string, not dict"),
    ],
)
def test_bad_line_reasons(line: str, reason: str) -> None:
    [rej] = list(read_jsonl([line], input="in.jsonl"))
    assert rej == Rejected(input="in.jsonl:1", reason=reason)


def test_bad_bytes_reject_only_that_line() -> None:
    lines = [b'{"text": "caf\xe9"}\n', b'{"text": "fine"}\n']
    first, second = read_jsonl(lines, input="in.jsonl")
    assert first == Rejected(input="in.jsonl:1", reason="not UTF-8 text (invalid byte 0xe9 at offset 13)")
    assert isinstance(second, Article) and second.text == "fine"


def test_numeric_id_and_bom() -> None:
    [article] = list(read_jsonl(['\ufeff{"id": 7, "text": "x", "language": "fr"}'], input="-"))
    assert isinstance(article, Article)
    assert (article.id, article.language) == ("7", "fr")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016-03-27", dt.date(2016, 3, 27)),
        ("2016-03-27T23:30:00-05:00", dt.date(2016, 3, 27)),
        ("2016-03-27T10:00:00Z", dt.date(2016, 3, 27)),
        ("2016-03-27 10:00", dt.date(2016, 3, 27)),
        (None, None),
    ],
)
def test_parse_published(value: str | None, expected: dt.date | None) -> None:
    assert parse_published(value, where="x") == expected


def test_parse_published_rejects_other_forms() -> None:
    with pytest.raises(InputFormatError):
        parse_published("27/03/2016", where="x")
