from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import palmyra.ingest
from palmyra.ingest import read_inputs, read_path
from palmyra.types import Article, Rejected

from .conftest import articles, rejected


def test_public_surface() -> None:
    for name in palmyra.ingest.__all__:
        assert hasattr(palmyra.ingest, name)
    assert {"read_inputs", "read_path", "article_id_for", "find_outlet_line"} <= set(palmyra.ingest.__all__)


def test_inputs_in_order_and_rejections_do_not_stop(fixtures: Path) -> None:
    inputs = [str(fixtures / "report.txt"), str(fixtures / "missing.txt"), str(fixtures / "page.html")]
    items = list(read_inputs(inputs))
    assert [type(x) for x in items] == [Article, Rejected, Article]
    assert items[1] == Rejected(input=inputs[1], reason="no such file or directory")


def test_directory_walk(fixtures: Path) -> None:
    root = fixtures / "tree"
    items = list(read_path(root))
    assert [a.origin for a in articles(items)] == [
        str(root / "a_first.txt"),
        str(root / "sub" / "b_second.jsonl") + ":1",
        str(root / "z_last.txt"),
    ]  # sorted by path; hidden files, hidden folders and notes.md skipped
    assert not rejected(items)


def test_directory_without_articles(fixtures: Path) -> None:
    root = str(fixtures / "no_articles")
    assert list(read_path(root)) == [Rejected(input=root, reason="no article files in directory")]


def test_stdin_jsonl() -> None:
    stdin = io.StringIO(
        '{"id": "s1", "text": "Rebels shelled the airport on Monday.", "published": "2018-01-08"}\n'
        "\n"
        "not json\n"
        '{"text": "Talks resumed in the capital."}\n'
    )
    items = list(read_inputs(["-"], stdin=stdin, published=dt.date(2018, 1, 9)))
    first, bad, last = items
    assert isinstance(first, Article) and isinstance(last, Article)
    assert (first.id, first.published, first.origin) == ("s1", dt.date(2018, 1, 8), "<stdin>:1")
    assert isinstance(bad, Rejected) and bad.input == "<stdin>:3" and bad.reason.startswith("invalid JSON")
    assert (last.published, last.published_from) == (dt.date(2018, 1, 9), "given")


def test_empty_stdin_is_reported() -> None:
    [rej] = list(read_inputs(["-"], stdin=io.StringIO("")))
    assert isinstance(rej, Rejected) and rej.input == "<stdin>"


def test_unknown_extensions_are_sniffed(fixtures: Path) -> None:
    [page] = list(read_path(fixtures / "sniffed_page.dat"))
    [story] = list(read_path(fixtures / "story.news"))
    [record] = list(read_path(fixtures / "records.ndjson"))
    assert isinstance(page, Article) and page.title == "Library reopens after repairs"
    assert "photographed" not in page.text  # read as HTML, caption dropped
    assert isinstance(story, Article) and story.title == "Council approves new bus routes"
    assert isinstance(record, Article) and record.title == "Grain convoy arrives"


def test_published_fill_in_everywhere(fixtures: Path) -> None:
    given = dt.date(2024, 1, 1)
    inputs = [str(fixtures / name) for name in ("report.txt", "undated.txt", "page.html", "feed.rss")]
    got = [(a.published, a.published_from) for a in articles(list(read_inputs(inputs, published=given)))]
    assert got == [
        (dt.date(2019, 4, 4), "page"),
        (given, "given"),
        (dt.date(2021, 9, 14), "page"),
        (dt.date(2019, 4, 8), "page"),
        (given, "given"),
    ]


def test_datetime_given_as_published(fixtures: Path) -> None:
    [article] = list(read_path(fixtures / "undated.txt", published=dt.datetime(2020, 6, 8, 12, 0)))
    assert isinstance(article, Article)
    assert type(article.published) is dt.date


def test_same_input_same_ids(fixtures: Path) -> None:
    first = [a.id for a in articles(list(read_path(fixtures)))]
    second = [a.id for a in articles(list(read_path(fixtures)))]
    assert first == second and len(first) > 10
