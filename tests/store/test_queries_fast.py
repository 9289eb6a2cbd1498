"""list_events reads merged_events directly and reviewed events apart: same answers as the view."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from palmyra.store import EventFilter, Store, ingest, queries
from palmyra.store.reviews import submit_review

from .conftest import ARTICLES, FakePipeline, read

ALEPPO = {"name": "Aleppo", "lat": 36.2, "lon": 37.16, "country": "SYR", "admin1": "Aleppo"}
KANDAHAR = {"name": "Kandahar", "lat": 31.61, "lon": 65.71, "country": "AFG", "admin1": "Kandahar"}


def via_view(con: duckdb.DuckDBPyConnection, flt: EventFilter, *, limit: int, offset: int) -> dict[str, Any]:
    """The page as the events_effective view gives it (the slow reference)."""
    where, params = flt.where()
    row = con.execute(f"SELECT count(*) FROM events_effective WHERE {where}", params).fetchone()
    cur = con.execute(
        f"SELECT {queries._SUMMARY} FROM events_effective WHERE {where}"
        " ORDER BY event_date NULLS LAST, event_id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    items = [queries._jsonable(r) for r in queries._dicts(cur)]
    return {"total": int(row[0]) if row else 0, "limit": limit, "offset": offset, "items": items}


FILTERS = [
    EventFilter(),
    EventFilter(country="SYR"),
    EventFilter(country="AFG"),
    EventFilter(type="Battles"),
    EventFilter(type="protests"),
    EventFilter(type="Protests", country="AFG"),
    EventFilter(since=dt.date(2024, 3, 12)),
    EventFilter(until=dt.date(2024, 3, 9)),
    EventFilter(bbox=(60.0, 25.0, 70.0, 35.0)),
    EventFilter(q="kandahar"),
    EventFilter(q="rebels"),
    EventFilter(include_rejected=True),
]


@pytest.fixture
def reviewed(tmp_path: Path) -> Iterator[Store]:
    """The five fixture events: one moved to Kandahar (AFG) as a protest, one rejected, one
    confirmed, and the battle corrected through the id of its second report (not its own)."""
    store = Store(tmp_path / "fast.duckdb")
    ingest(read(ARTICLES), store=store, pipeline=FakePipeline())
    con = store.reader()
    ids = {
        r[0]: r[1] for r in con.execute("SELECT acled_sub_event_type, event_id FROM merged_events").fetchall()
    }
    battle = con.execute(
        "SELECT l.mention_id FROM merged_events m JOIN merge_links l USING (event_id)"
        " WHERE m.n_articles = 2 AND l.mention_id <> m.event_id"
    ).fetchone()
    assert battle is not None  # a report of the battle that is not its merged id
    strike = ids["Air/drone strike"]
    changes = {
        "location": KANDAHAR,
        "acled_event_type": "Protests",
        "acled_sub_event_type": "Peaceful protest",
    }
    submit_review(store, event_id=strike, reviewer_id="R1", action="correct", changes=changes)
    submit_review(store, event_id=battle[0], reviewer_id="R1", action="correct", changes={"location": ALEPPO})
    submit_review(
        store, event_id=battle[0], reviewer_id="R1", action="correct", changes={"event_date": "2024-03-14"}
    )
    single = con.execute(
        "SELECT event_id FROM merged_events WHERE acled_event_type = 'Battles' AND n_articles = 1"
    ).fetchone()
    assert single is not None
    submit_review(store, event_id=single[0], reviewer_id="R1", action="reject")
    submit_review(store, event_id=ids["Peaceful protest"], reviewer_id="R1", action="confirm")
    yield store
    store.close()


@pytest.mark.parametrize("flt", FILTERS, ids=repr)
@pytest.mark.parametrize(("limit", "offset"), [(100, 0), (2, 0), (2, 1), (2, 3), (1, 4), (3, 10), (0, 0)])
def test_every_page_is_the_views(reviewed: Store, flt: EventFilter, limit: int, offset: int) -> None:
    con = reviewed.reader()
    assert queries.list_events(con, flt, limit=limit, offset=offset) == via_view(
        con, flt, limit=limit, offset=offset
    )


def test_a_correction_moves_the_event_between_filters(reviewed: Store) -> None:
    con = reviewed.reader()
    strike = queries.list_events(con, EventFilter(q="kandahar"))["items"]
    assert [(e["country"], e["acled_event_type"], e["reviewed"]) for e in strike] == [
        ("AFG", "Protests", True)
    ]
    sid = strike[0]["event_id"]
    assert sid in ids(con, EventFilter(country="AFG", type="Protests"))
    assert sid not in ids(con, EventFilter(country="SYR"))
    assert sid not in ids(con, EventFilter(type="Explosions/Remote violence"))
    assert sid in ids(con, EventFilter(bbox=(60.0, 25.0, 70.0, 35.0)))
    # the battle, reviewed through a report's id: its new date and place, not the machine's
    battle = next(e for e in queries.list_events(con)["items"] if e["n_articles"] == 2)
    assert (battle["event_date"], battle["location"], battle["review_status"]) == (
        "2024-03-14",
        "Aleppo",
        "corrected",
    )
    assert battle["reviewed_fields"] == ["event_date", "location"]
    assert battle["event_id"] not in ids(con, EventFilter(until=dt.date(2024, 3, 13)))
    assert queries.list_events(con)["items"][-1]["event_id"] == battle["event_id"]  # now the latest
    # the rejected one is left out unless asked for; the confirmed one says so
    assert queries.list_events(con)["total"] == 4
    assert queries.list_events(con, EventFilter(include_rejected=True))["total"] == 5
    statuses = {
        e["review_status"] for e in queries.list_events(con, EventFilter(include_rejected=True))["items"]
    }
    assert statuses == {"corrected", "rejected", "confirmed", None}  # one nobody reviewed


def test_reviewed_rows_match_the_view_field_by_field(reviewed: Store) -> None:
    con = reviewed.reader()
    cur = con.execute(f"SELECT {queries._SUMMARY} FROM reviewed_events WHERE NOT machine")
    fast = {r["event_id"]: r for r in queries._dicts(cur)}
    cur = con.execute(f"SELECT {queries._SUMMARY} FROM events_effective WHERE reviewed")
    view = {r["event_id"]: r for r in queries._dicts(cur)}
    assert len(view) == 4
    assert fast == view


def test_no_reviews_and_an_empty_store(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.duckdb") as s:
        assert queries.list_events(s.reader()) == {"total": 0, "limit": 100, "offset": 0, "items": []}
        ingest(read(ARTICLES), store=s, pipeline=FakePipeline())
        for flt in FILTERS:
            assert queries.list_events(s.reader(), flt, limit=2, offset=1) == via_view(
                s.reader(), flt, limit=2, offset=1
            )


def ids(con: duckdb.DuckDBPyConnection, flt: EventFilter) -> list[str]:
    return [e["event_id"] for e in queries.list_events(con, flt)["items"]]


@pytest.mark.parametrize("by", ["day", "country", "type"])
@pytest.mark.parametrize("flt", FILTERS, ids=repr)
def test_stats_are_the_views(reviewed: Store, by: str, flt: EventFilter) -> None:
    con = reviewed.reader()
    where, params = flt.where()
    key = queries._STAT_KEYS[by]
    view = queries._dicts(
        con.execute(
            f"SELECT {key} AS key, count(*) AS events, CAST(sum(fatalities) AS BIGINT) AS fatalities"
            f" FROM events_effective WHERE {where} GROUP BY 1 ORDER BY 1 NULLS LAST",
            params,
        )
    )
    assert queries.stats(con, by, flt) == view


@pytest.mark.parametrize("flt", FILTERS, ids=repr)
def test_iter_events_is_the_views(reviewed: Store, flt: EventFilter) -> None:
    con = reviewed.reader()
    where, params = flt.where()
    cur = con.execute(
        f"SELECT record, reviewed, review_status, reviewed_fields, {queries._OVERRIDES} FROM events_effective"
        f" WHERE {where} ORDER BY event_date NULLS LAST, event_id",
        params,
    )
    view = [queries.effective_record(r) for r in queries._dicts(cur)]
    assert list(queries.iter_events(con, flt, batch=2)) == view


def test_get_event_is_the_views(reviewed: Store) -> None:
    con = reviewed.reader()
    named = [r[0] for r in con.execute("SELECT mention_id FROM merge_links ORDER BY 1").fetchall()]
    assert len(named) > 5
    for i in named:
        merged = con.execute("SELECT event_id FROM merge_links WHERE mention_id = ?", [i]).fetchone()[0]
        cur = con.execute(
            f"SELECT record, reviewed, review_status, reviewed_fields, {queries._OVERRIDES}"
            " FROM events_effective WHERE event_id = ?",
            [merged],
        )
        view = queries.effective_record(queries._dicts(cur)[0])
        got = queries.get_event(con, i)
        assert got is not None
        added = {"reports", "articles", "reviews"}  # what get_event sets beside the record
        assert {k: v for k, v in got.items() if k not in added} == {
            k: v for k, v in view.items() if k not in added
        }
    assert queries.get_event(con, "no-such-event") is None
