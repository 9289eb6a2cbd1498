from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from palmyra.errors import EmptyArticle
from palmyra.ingest import read_path
from palmyra.ingest.html import html_to_text, read_html
from palmyra.types import Article


@pytest.fixture(scope="module")
def page() -> Article:
    from .conftest import FIXTURES

    [article] = list(read_path(FIXTURES / "page.html"))
    assert isinstance(article, Article)
    return article


def test_metadata(page: Article) -> None:
    assert page.title == "Harbour strike ends after pay deal"
    assert page.published == dt.date(2021, 9, 14)  # article:published_time
    assert page.published_from == "page"
    assert page.source == "Coastal Herald"  # og:site_name: no outlet line in the body
    assert page.url == "https://herald.example.org/2021/09/14/harbour-strike-ends"


def test_main_text_in_paragraphs(page: Article) -> None:
    paras = page.text.split("\n\n")
    assert len(paras) == 4
    assert paras[0].startswith("Dock workers at the port of Saltmere returned to work")
    assert paras[-1] == (
        "The port authority said it expected the backlog of containers to be cleared within two weeks."
    )


@pytest.mark.parametrize(
    "boilerplate",
    [
        "Idle cranes",  # figure caption
        "Share on Facebook",  # share bar
        "Join the discussion",  # comment section
        "Replies are moderated",  # comment form
        "Send reply",
        "Sport",  # navigation menu
        "All rights reserved",  # footer
        "Harbour strike ends after pay deal",  # the <h1> is the title, not body text
    ],
)
def test_boilerplate_dropped(page: Article, boilerplate: str) -> None:
    assert boilerplate not in page.text


def test_caption_date_is_not_taken_and_outlet_line_names_source(fixtures: Path) -> None:
    [article] = list(read_path(fixtures / "page_nodate.htm", published=dt.date(2019, 6, 1)))
    assert isinstance(article, Article)
    assert "photographed on May 2, 2018" not in article.text
    assert (article.published, article.published_from) == (dt.date(2019, 6, 1), "given")
    assert article.source == "Brenhaven Courier"
    assert article.text.endswith("\n\nSource- Brenhaven Courier")  # kept: offsets stay valid


@pytest.mark.parametrize(
    "data",
    [
        b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
        b"<html><head><title>Hi</title></head><body><ul><li><a href='/'>Home</a></li>"
        b"<li><a href='/b'>News</a></li></ul><form><p>Leave a comment</p><textarea></textarea></form>"
        b"</body></html>",
        b"   ",
    ],
)
def test_page_without_article_text_is_empty(data: bytes) -> None:
    with pytest.raises(EmptyArticle, match="empty article: no text after extraction"):
        read_html(data, input="x.html")


def test_one_sentence_brief_is_kept() -> None:
    data = b"<html><body><article><p>Police arrested two men in Dorran on Friday.</p></article></body></html>"
    assert read_html(data, input="x.html").text == "Police arrested two men in Dorran on Friday."


def test_html_to_text() -> None:
    fragment = (
        "<p>First &amp; foremost,\n  the <b>news</b>.</p><figure><img src='a.jpg'>"
        "<figcaption>A caption.</figcaption></figure><p>Second<br>line</p><script>x()</script>"
    )
    assert html_to_text(fragment) == "First & foremost, the news.\n\nSecond\n\nline"
