"""``palmyra eval reviewed``: the machine's accuracy against what reviewers settled."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from palmyra.cli import main
from palmyra.evals import reviewed as R
from palmyra.store import Store, ingest
from palmyra.store.reviews import submit_review
from tests.store.conftest import ARTICLES, FakePipeline, read

SARAQIB = {"name": "Saraqib", "lat": 35.86, "lon": 36.8, "country": "SYR", "admin1": "Idlib"}
HTS = {"name": "Hayat Tahrir al-Sham", "country": "SYR", "sector": "REB", "acled_inter": 2}


def build(path: Path) -> dict[str, str]:
    """The five fixture events; returns merged ids by a short name."""
    with Store(path) as s:
        ingest(read(ARTICLES), store=s, pipeline=FakePipeline())
        rows = (
            s.reader()
            .execute("SELECT event_id, plover_type, acled_sub_event_type, n_articles FROM merged_events")
            .fetchall()
        )
    names = {}
    for eid, plover, sub, n in rows:
        name = {"Air/drone strike": "strike", "Peaceful protest": "protest"}.get(sub or "", plover.lower())
        names["battle2" if n == 2 else ("battle1" if sub == "Armed clash" else name)] = eid
    return names


def review(path: Path, event_id: str, action: str, changes: dict[str, object] | None = None) -> None:
    with Store(path) as s:
        submit_review(s, event_id=event_id, reviewer_id="R1", action=action, changes=changes)


@pytest.fixture
def db(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    path = tmp_path / "reviewed.duckdb"
    return path, build(path)


def score(path: Path) -> R.ReviewedScore:
    with Store(path, read_only=True) as s:
        return R.score(s.con)


def test_counts_confirmed_corrected_and_rejected(db: tuple[Path, dict[str, str]]) -> None:
    path, ids = db
    assert set(ids) == {"battle1", "battle2", "strike", "protest", "accuse"}
    review(path, ids["protest"], "confirm")
    review(path, ids["battle2"], "correct", {"fatalities": 20, "actor2": HTS, "location": SARAQIB})
    review(path, ids["strike"], "reject")
    review(path, ids["battle1"], "correct", {"fatalities": 0})  # the machine's value: not a correction
    s = score(path)
    assert (s.events, s.kept, s.rejected, s.confirmed, s.corrected) == (4, 3, 1, 2, 1)
    assert s.wrong == {"type": 0, "sub-type": 0, "actors": 1, "place": 1, "date": 0, "fatalities": 1}
    assert (s.right("fatalities"), s.right("type"), s.fields_scored, s.fields_wrong) == (2, 3, 18, 3)
    text = R.tables(s) + "\n" + R.summary(s)
    assert "overall     15         3          0.833 (15/18)" in text
    assert R.summary(s) == (
        "reviewed: 4 events, precision 0.750 (3/4), field accuracy 0.833 (15/18), "
        "events with every field right 0.667 (2/3)"
    )


def test_latest_review_of_each_field_is_what_counts(db: tuple[Path, dict[str, str]]) -> None:
    path, ids = db
    review(path, ids["battle2"], "reject")
    review(path, ids["battle2"], "confirm")  # rejected, then reinstated
    review(path, ids["battle2"], "correct", {"event_date": "2024-03-09"})
    review(path, ids["battle2"], "correct", {"event_date": "2024-03-10"})  # back to the machine's date
    review(path, ids["protest"], "correct", {"acled_sub_event_type": "Protest with intervention"})
    s = score(path)
    assert (s.events, s.rejected, s.confirmed, s.corrected) == (2, 0, 1, 1)
    assert s.wrong["date"] == 0 and s.wrong["sub-type"] == 1 and s.fields_wrong == 1


def test_review_through_a_report_id_counts_for_the_merged_event(db: tuple[Path, dict[str, str]]) -> None:
    path, ids = db
    with Store(path, read_only=True) as s:
        row = s.con.execute(
            "SELECT mention_id FROM merge_links WHERE event_id = ? AND mention_id <> event_id",
            [ids["battle2"]],
        ).fetchone()
    assert row is not None
    review(path, row[0], "correct", {"acled_event_type": "Battles", "fatalities": 3})
    review(path, ids["battle2"], "confirm")
    s = score(path)
    assert (s.events, s.corrected, s.wrong["fatalities"], s.wrong["type"]) == (1, 1, 1, 0)


def test_cli_prints_tables_and_summary(
    db: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, ids = db
    review(path, ids["strike"], "correct", {"location": SARAQIB})
    assert main(["eval", "reviewed", "--data-dir", str(path.parent), "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "place       0          1          0.000 (0/1)" in out
    assert out.strip().splitlines()[-1].startswith("reviewed: 1 events, precision 1.000 (1/1)")


def test_no_reviews_is_a_clear_message(
    db: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = db
    assert R.run(argparse.Namespace(db=str(path), data_dir=path.parent)) == 0
    assert "no reviewed events" in capsys.readouterr().out


def test_missing_db_is_a_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.duckdb"
    assert main(["eval", "reviewed", "--data-dir", str(tmp_path), "--db", str(missing)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "no such store" in err
    assert not missing.exists()
