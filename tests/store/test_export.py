"""Exports: each format parses, filters select, reviewed values are used and flagged."""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import json
from pathlib import Path

import duckdb
import pytest

from palmyra.cli import main
from palmyra.store import EventFilter, Store, ingest, queries
from palmyra.store.acled import ACLED_COLUMNS
from palmyra.store.export import FLAT_COLUMNS, export

from .conftest import ARTICLES, FakePipeline, read


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    path = tmp_path / "filled.duckdb"
    with Store(path) as s:
        ingest(read(ARTICLES), store=s, pipeline=FakePipeline())
    return path


def _export(path: Path, fmt: str, flt: EventFilter | None = None) -> str:
    buf = io.StringIO()
    with Store(path, read_only=True) as s:
        export(s.reader(), fmt, out=buf, flt=flt)
    return buf.getvalue()


def test_csv_parses_with_every_event(filled: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(_export(filled, "csv"))))
    assert len(rows) == 5
    assert list(rows[0]) == [c for c, _ in FLAT_COLUMNS]
    battle = next(r for r in rows if r["n_articles"] == "2")
    assert battle["fatalities"] == "18"  # the lowest of 18 and 25
    assert battle["fatality_reports"] == "18; 25"
    assert battle["reported_by"] == "Daily Two; Wire One" and battle["n_sources"] == "2"
    assert battle["claim_sources"] == "Syrian Observatory for Human Rights; residents"


def test_acled_csv_columns_and_values(filled: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(_export(filled, "acled-csv"))))
    assert list(rows[0])[: len(ACLED_COLUMNS)] == ACLED_COLUMNS
    assert len(rows) == 4  # the accusation is outside ACLED's scope
    by_type = {r["sub_event_type"]: r for r in rows}
    strike = by_type["Air/drone strike"]
    assert strike["event_type"] == "Explosions/Remote violence"
    assert strike["disorder_type"] == "Political violence"
    assert (strike["inter1"], strike["inter2"], strike["interaction"]) == ("8", "7", "78")
    assert strike["civilian_targeting"] == "Civilian targeting"
    assert (strike["iso"], strike["country"], strike["region"]) == ("760", "Syria", "Middle East")
    assert (
        strike["event_date"] == "2024-03-12" and strike["year"] == "2024" and strike["time_precision"] == "1"
    )
    assert strike["event_id_cnty"].startswith("SYR") and strike["event_id_cnty"][3:].isdigit()
    protest = by_type["Peaceful protest"]
    assert protest["disorder_type"] == "Demonstrations" and protest["interaction"] == "60"
    assert protest["region"] == "South Asia" and protest["civilian_targeting"] == ""
    assert by_type["Armed clash"]["interaction"] == "12"
    assert all(r["timestamp"].isdigit() for r in rows)


def test_jsonl_records_keep_every_article_claim_and_evidence(filled: Path) -> None:
    recs = [json.loads(line) for line in _export(filled, "jsonl").splitlines()]
    battle = next(r for r in recs if r["n_articles"] == 2)
    assert battle["article_ids"] == ["a1", "a2"]
    assert {c["article_id"] for c in battle["claims"]} == {"a1", "a2"}
    assert {e["article_id"] for e in battle["evidence"]} == {"a1", "a2"}
    assert battle["disagreements"] == {"fatalities": [18, 25]}
    assert battle["reviewed"] is False and battle["machine"] == {}


def test_geojson_structure(filled: Path) -> None:
    doc = json.loads(_export(filled, "geojson"))
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == 5
    for f in doc["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert (lon, lat) == (f["properties"]["lon"], f["properties"]["lat"])


def test_parquet_reads_back(filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    assert main(["export", "--db", str(filled), "--format", "parquet", "-o", str(out)]) == 0
    rows = duckdb.sql(f"SELECT event_id, event_date, fatalities FROM '{out}' ORDER BY event_date").fetchall()
    assert len(rows) == 5 and isinstance(rows[0][1], dt.date)


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (EventFilter(since=dt.date(2024, 3, 12)), 4),
        (EventFilter(until=dt.date(2024, 3, 11)), 1),
        (EventFilter(since=dt.date(2024, 3, 12), until=dt.date(2024, 3, 12)), 3),
        (EventFilter(country="afg"), 2),
        (EventFilter(type="Battles"), 2),
        (EventFilter(type="air/drone strike"), 1),
        (EventFilter(type="ACCUSE"), 1),
        (EventFilter(bbox=(36.0, 35.0, 38.0, 37.0)), 3),
        (EventFilter(bbox=(60.0, 30.0, 70.0, 40.0), type="Protests"), 1),
        (EventFilter(country="FRA"), 0),
    ],
)
def test_filters(filled: Path, flt: EventFilter, expected: int) -> None:
    assert len(_export(filled, "jsonl", flt).splitlines()) == expected
    with Store(filled, read_only=True) as s:
        assert queries.list_events(s.reader(), flt)["total"] == expected


def test_exports_use_reviewed_values_and_drop_rejected(filled: Path) -> None:
    with Store(filled) as s:
        con = s.reader()
        battle = con.execute("SELECT event_id FROM merged_events WHERE n_articles = 2").fetchone()[0]
        strike = con.execute(
            "SELECT event_id FROM merged_events WHERE acled_event_type LIKE 'Explosions%'"
        ).fetchone()[0]
        # reviewed through a member mention id: still applies to the merged event
        member = con.execute(
            "SELECT mention_id FROM merge_links WHERE event_id = ? AND mention_id <> event_id", [battle]
        ).fetchone()[0]
        s.add_review(
            event_id=member, reviewer_id="r1", field="fatalities", new_value=21, note="hospital list"
        )
        s.add_review(event_id=battle, reviewer_id="r2", field="event_date", new_value="2024-03-09")
        s.add_review(
            event_id=strike, reviewer_id="r1", field="status", new_value="rejected", note="duplicate"
        )
    rows = list(csv.DictReader(io.StringIO(_export(filled, "acled-csv"))))
    b = next(r for r in rows if r["palmyra_event_id"] == battle)
    assert b["fatalities"] == "21" and b["event_date"] == "2024-03-09"
    assert b["reviewed"] == "True" and b["reviewed_fields"] == "event_date; fatalities"
    with Store(filled, read_only=True) as s:  # a reviewed row's timestamp: its latest review
        row = s.reader().execute("SELECT reviewed_at FROM events_effective WHERE event_id = ?", [battle])
        assert b["timestamp"] == str(calendar.timegm(row.fetchone()[0].timetuple()))
    assert all(r["palmyra_event_id"] != strike for r in rows)
    recs = {r["event_id"]: r for r in map(json.loads, _export(filled, "jsonl").splitlines())}
    assert recs[battle]["machine"]["fatalities"] == 18 and recs[battle]["fatalities"] == 21
    with Store(filled, read_only=True) as s:
        con = s.reader()
        assert queries.list_events(con, EventFilter(until=dt.date(2024, 3, 9)))["total"] == 1
        assert queries.list_events(con, EventFilter(include_rejected=True))["total"] == 5
        ev = queries.get_event(con, member)
        assert ev is not None and ev["event_id"] == battle and len(ev["reviews"]) == 2
        assert [r["reason"]["rule"] for r in ev["reports"]][0] == "seed"
        assert ev["reports"][1]["reason"]["rule"] == "type+actors+place+date"


def test_queries_for_the_api(filled: Path) -> None:
    with Store(filled, read_only=True) as s:
        con = s.reader()
        page = queries.list_events(con, limit=2, offset=0)
        nxt = queries.list_events(con, limit=2, offset=2)
        assert page["total"] == 5 and len(page["items"]) == 2 and len(nxt["items"]) == 2
        assert {i["event_id"] for i in page["items"]}.isdisjoint(i["event_id"] for i in nxt["items"])
        json.dumps(page)  # JSON-ready
        assert queries.stats(con, "country") == [
            {"key": "AFG", "events": 2, "fatalities": 0},
            {"key": "SYR", "events": 3, "fatalities": 25},
        ]
        days = queries.stats(con, "day")
        assert [d["key"] for d in days] == ["2024-03-10", "2024-03-12", "2024-03-13"]
        assert {t["key"] for t in queries.stats(con, "type")} >= {"Battles", "Protests", None}
        with pytest.raises(ValueError):
            queries.stats(con, "colour")
        art = queries.get_article(con, "a2")
        assert art is not None and art["text"].startswith("At least 25") and len(art["event_ids"]) == 1
        assert queries.get_article(con, "nope") is None and queries.get_event(con, "nope") is None
        assert queries.list_articles(con, limit=3)["total"] == 6


def test_export_command_errors(filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.duckdb"
    assert main(["export", "--db", str(missing), "--format", "csv"]) == 2
    assert "no such store" in capsys.readouterr().err
    assert main(["export", "--db", str(filled), "--format", "parquet"]) == 2
    assert "-o FILE" in capsys.readouterr().err
    assert (
        main(
            [
                "export",
                "--db",
                str(filled),
                "--format",
                "csv",
                "--since",
                "2024-03-12",
                "--until",
                "2024-03-01",
            ]
        )
        == 2
    )
    for bad in (
        ["--bbox", "1,2,3"],
        ["--bbox", "0,50,10,40"],
        ["--country", "France"],
        ["--since", "yesterday"],
    ):
        with pytest.raises(SystemExit) as e:
            main(["export", "--db", str(filled), "--format", "csv", *bad])
        assert e.value.code == 2
    with pytest.raises(SystemExit):
        main(["export", "--db", str(filled), "--format", "xlsx"])
    bad_dir = tmp_path / "no" / "such" / "dir"
    for fmt in ("parquet", "csv"):
        assert main(["export", "--db", str(filled), "--format", fmt, "-o", str(bad_dir / f"x.{fmt}")]) == 2
        assert "cannot write" in capsys.readouterr().err


def test_export_command_writes_file(filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "e.geojson"
    assert (
        main(["export", "--db", str(filled), "--format", "geojson", "--country", "SYR", "-o", str(out)]) == 0
    )
    assert len(json.loads(out.read_text())["features"]) == 3
