from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from palmyra.errors import EmptyArticle, InputEncodingError
from palmyra.ingest import read_path
from palmyra.ingest.text import parse_date_line, read_text
from palmyra.types import Article, Rejected


def test_title_body_and_date_line(fixtures: Path) -> None:
    [article] = list(read_path(fixtures / "report.txt"))
    assert isinstance(article, Article)
    assert article.title == "Floodwaters force thousands from homes in Varna valley"
    assert article.text.startswith("Published: April 4, 2019\n\nBy a staff correspondent\n\nThree days")
    assert article.published == dt.date(2019, 4, 4)
    assert article.published_from == "page"
    assert article.source == "Valley Gazette"  # from the "Source:" line
    assert article.origin == str(fixtures / "report.txt")
    assert article.language == "en"


def test_caption_date_in_body_is_not_the_publication_date(fixtures: Path) -> None:
    [article] = list(read_path(fixtures / "undated.txt"))
    assert isinstance(article, Article)
    assert article.title == "Border crossing reopens after week-long closure"  # leading blank line skipped
    assert article.text.startswith("A lorry waits")
    assert article.published is None
    assert article.published_from is None


def test_published_fills_in_only_when_missing(fixtures: Path) -> None:
    given = dt.date(2020, 6, 8)
    [undated] = list(read_path(fixtures / "undated.txt", published=given))
    [dated] = list(read_path(fixtures / "report.txt", published=given))
    assert isinstance(undated, Article) and isinstance(dated, Article)
    assert (undated.published, undated.published_from) == (given, "given")
    assert (dated.published, dated.published_from) == (dt.date(2019, 4, 4), "page")


def test_utf16_with_bom(fixtures: Path) -> None:
    [article] = list(read_path(fixtures / "utf16.txt"))
    assert isinstance(article, Article)
    assert article.title == "Bridge repairs finished"
    assert article.text == (
        "Workers finished repairing the old stone bridge at Ambry on Thursday, a week early."
    )


def test_latin1_file_is_rejected_with_the_bad_byte(fixtures: Path) -> None:
    [rej] = list(read_path(fixtures / "latin1.txt"))
    assert rej == Rejected(
        input=str(fixtures / "latin1.txt"),
        reason="not UTF-8 text (invalid byte 0xe9 at offset 3)",
        stage="ingest",
    )


def test_empty_file_is_rejected(fixtures: Path) -> None:
    [rej] = list(read_path(fixtures / "empty.txt"))
    assert isinstance(rej, Rejected)
    assert rej.reason == "empty article: no text after extraction"


def test_bom_and_crlf_are_normalised() -> None:
    data = "\ufeffTitle line\r\n\r\nFirst paragraph.\r\n\r\nSecond paragraph.\r\n".encode()
    article = read_text(data, input="x.txt")
    assert article.title == "Title line"
    assert article.text == "First paragraph.\n\nSecond paragraph."


def test_title_only_is_empty() -> None:
    with pytest.raises(EmptyArticle, match="only a title line"):
        read_text(b"Just a headline\n\n  \n", input="x.txt")


def test_binary_is_not_text() -> None:
    with pytest.raises(InputEncodingError, match="NUL"):
        read_text(b"T\x00i\x00t\x00l\x00e\x00", input="x.txt")


def test_same_text_same_id() -> None:
    a = read_text(b"One\n\nBody text here.", input="a.txt")
    b = read_text(b"Another title\n\nBody text here.", input="b.txt")
    assert a.id == b.id and len(a.id) == 16


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published: March 27, 2016", dt.date(2016, 3, 27)),
        ("March 27, 2016", dt.date(2016, 3, 27)),
        ("2016-03-27", dt.date(2016, 3, 27)),
        ("Updated 27 March 2016 10:42", dt.date(2016, 3, 27)),
        ("Posted on Sunday, Mar. 27, 2016 at 3:42 p.m. ET", dt.date(2016, 3, 27)),
        ("Last updated: 2016-03-27T15:42:10+00:00", dt.date(2016, 3, 27)),
        ("  Sept 5th, 2019  ", dt.date(2019, 9, 5)),
        ("10:42 GMT, 27 March 2016", dt.date(2016, 3, 27)),
    ],
)
def test_date_lines(line: str, expected: dt.date) -> None:
    assert parse_date_line(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "The photo was taken on March 26, 2016.",
        "Forces entered the city on March 27, 2016 after a siege",
        "February 30, 2016",
        "03/27/2016",
        "By a staff correspondent",
        "",
    ],
)
def test_not_date_lines(line: str) -> None:
    assert parse_date_line(line) is None


def test_date_line_must_be_near_the_top() -> None:
    body = "\n\n".join(["Para one.", "Para two.", "Para three.", "March 27, 2016"])
    article = read_text(f"Title\n\n{body}".encode(), input="x.txt")
    assert article.published is None
