from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from palmyra.errors import EmptyArticle, InputFormatError
from palmyra.ingest import article_id_for, read_path
from palmyra.ingest.feeds import looks_like_feed, read_feed
from palmyra.types import Article, Rejected

from .conftest import articles


def test_rss(fixtures: Path) -> None:
    path = fixtures / "feed.rss"
    items = list(read_path(path))
    ferry, keeper = articles(items)
    assert ferry.id == "harbour-2019-0412"
    assert ferry.title == "Ferry service suspended as storm nears"
    assert ferry.text == (
        "The island ferry will not sail on Monday or Tuesday because of a storm moving in from the west, "
        "the operator said.\n\nPassengers with tickets can travel later in the week at no extra cost."
    )
    # "Mon, 08 Apr 2019 01:30:00 +0300": the outlet's own date, not the UTC one (7 April)
    assert (ferry.published, ferry.published_from) == (dt.date(2019, 4, 8), "page")
    assert ferry.source == "Harbour Daily"
    assert ferry.url == "https://harbour.example.com/ferry-suspended"
    assert ferry.origin == f"{path}#1"
    assert ferry.language == "en"  # <language>en-gb</language>
    assert keeper.id == article_id_for(keeper.text)  # no guid
    assert keeper.published is None
    assert items[-1] == Rejected(input=f"{path}#3", reason="empty article: no text after extraction")


def test_atom(fixtures: Path) -> None:
    pass_closed, lift = articles(list(read_path(fixtures / "feed.atom", published=dt.date(2023, 3, 1))))
    assert pass_closed.id == "urn:uuid:6a1c0f3e-0000-4000-8000-000000000002"
    assert pass_closed.published == dt.date(2023, 2, 19)  # published wins over updated
    assert pass_closed.url == "https://post.example.org/avalanche-pass"
    assert pass_closed.source == "Mountain Post"
    assert pass_closed.text.split("\n\n") == [
        "An avalanche buried a stretch of the road over the Kestrel Pass on Sunday evening, "
        "and the police closed the pass in both directions.",
        "No one was hurt, a police spokesman said.",  # the caption is dropped
    ]
    assert (lift.published, lift.published_from) == (dt.date(2023, 2, 20), "page")  # from <updated>
    assert lift.text == "The upper ski lift at Hollin reopened on Monday after repairs to a cable."


def test_feed_sniffed_from_content(fixtures: Path) -> None:
    items = list(read_path(fixtures / "sniffed_feed.dat"))
    assert [a.id for a in articles(items)][0] == "harbour-2019-0412"


def test_not_a_feed() -> None:
    with pytest.raises(InputFormatError, match="not an RSS or Atom feed"):
        list(read_feed(b"<notes><note>hello</note></notes>", input="x.xml"))


def test_feed_without_entries() -> None:
    data = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'
    with pytest.raises(EmptyArticle, match="no entries"):
        list(read_feed(data, input="x.rss"))


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<?xml version="1.0"?>\n<!-- c -->\n<rss version="2.0">', True),
        (b'\xef\xbb\xbf<feed xmlns="http://www.w3.org/2005/Atom">', True),
        (b"<rdf:RDF xmlns:rdf='x'>", True),
        (b"<!DOCTYPE html><html>", False),
        (b"Plain text about an rss feed", False),
    ],
)
def test_looks_like_feed(head: bytes, expected: bool) -> None:
    assert looks_like_feed(head) is expected


def test_entry_is_an_article(fixtures: Path) -> None:
    assert all(isinstance(a, Article) for a in articles(list(read_path(fixtures / "feed.atom"))))
