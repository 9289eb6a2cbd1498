"""reviewed_events stays in step with the events_effective view through every write."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from palmyra.store import EventFilter, Store, ingest, queries
from palmyra.store.migrations import MIGRATIONS, migrate
from palmyra.store.reviews import submit_review
from palmyra.store.store import _mention_id

from .conftest import ARTICLES, FakePipeline, read

_VIEW_ONLY = "reviewed_at, v_date, v_type, v_sub, v_actor1, v_actor2, v_loc, v_fatal"


def table(con: duckdb.DuckDBPyConnection, *, machine: bool) -> dict[str, dict[str, object]]:
    cur = con.execute(
        f"SELECT {queries._SUMMARY}, {_VIEW_ONLY} FROM reviewed_events WHERE machine = ?", [machine]
    )
    return {r["event_id"]: r for r in queries._dicts(cur)}


def assert_in_step(con: duckdb.DuckDBPyConnection) -> None:
    """The table's reviewed rows are the view's, field by field; its machine rows are merged_events'."""
    view = queries._dicts(
        con.execute(f"SELECT {queries._SUMMARY}, {_VIEW_ONLY} FROM events_effective WHERE reviewed")
    )
    assert table(con, machine=False) == {r["event_id"]: r for r in view}
    machine = queries._dicts(
        con.execute(
            f"SELECT {queries._SUMMARY} FROM {queries._MACHINE}"
            " WHERE event_id IN (SELECT event_id FROM events_effective WHERE reviewed)"
        )
    )
    view_only = {c.strip() for c in _VIEW_ONLY.split(",")}
    got = {i: {k: v for k, v in r.items() if k not in view_only} for i, r in table(con, machine=True).items()}
    assert got == {r["event_id"]: r for r in machine}


def subset(tmp_path: Path, *ids: str) -> Path:
    lines = [ln for ln in ARTICLES.read_text().splitlines() if json.loads(ln)["id"] in ids]
    out = tmp_path / f"{'-'.join(ids)}.jsonl"
    out.write_text("\n".join(lines) + "\n")
    return out


def test_in_step_after_add_review_and_submit_review(store: Store) -> None:
    ingest(read(ARTICLES), store=store, pipeline=FakePipeline())
    con = store.reader()
    assert_in_step(con)
    assert table(con, machine=False) == {}
    eid = con.execute("SELECT event_id FROM merged_events ORDER BY event_id LIMIT 1").fetchone()[0]
    store.add_review(event_id=eid, reviewer_id="R1", field="fatalities", new_value=3)
    assert_in_step(con)
    assert table(con, machine=False)[eid]["fatalities"] == 3
    submit_review(
        store, event_id=eid, reviewer_id="R1", action="correct",
        changes={"actor1": {"name": "Someone Else"}, "event_date": "2024-01-02"},
    )  # fmt: skip
    assert_in_step(con)
    row = table(con, machine=False)[eid]
    assert (row["actor1"], str(row["event_date"]), row["reviewed_fields"]) == (
        "Someone Else",
        "2024-01-02",
        ["actor1", "event_date", "fatalities"],
    )


def test_in_step_after_a_review_that_rejects(store: Store) -> None:
    ingest(read(ARTICLES), store=store, pipeline=FakePipeline())
    con = store.reader()
    eid = con.execute("SELECT event_id FROM merged_events ORDER BY event_id LIMIT 1").fetchone()[0]
    before = queries.list_events(con)["total"]
    submit_review(store, event_id=eid, reviewer_id="R1", action="reject")
    assert_in_step(con)
    assert table(con, machine=False)[eid]["review_status"] == "rejected"
    assert queries.list_events(con)["total"] == before - 1
    assert eid not in {e["event_id"] for e in queries.list_events(con)["items"]}
    submit_review(store, event_id=eid, reviewer_id="R1", action="confirm")  # changed their mind
    assert_in_step(con)
    assert queries.list_events(con)["total"] == before


def test_in_step_after_a_remerge_that_changes_merged_ids(store: Store, tmp_path: Path) -> None:
    """Review the battle while one report of it is stored, then store the report that becomes
    its seed: the merged id changes, and the review (and the row) follow the event."""
    later, earlier = sorted(["a1", "a2"], key=lambda a: _mention_id(a, f"{a}-e0"), reverse=True)
    ingest(read(subset(tmp_path, later, "a3")), store=store, pipeline=FakePipeline())
    con = store.reader()
    old = _mention_id(later, f"{later}-e0")
    submit_review(store, event_id=old, reviewer_id="R1", action="correct", changes={"fatalities": 11})
    assert set(table(con, machine=False)) == {old}
    ingest(read(subset(tmp_path, earlier)), store=store, pipeline=FakePipeline())
    new = _mention_id(earlier, f"{earlier}-e0")
    assert con.execute("SELECT event_id FROM merge_links WHERE mention_id = ?", [old]).fetchone() == (new,)
    assert_in_step(con)
    assert set(table(con, machine=False)) == {new}
    assert table(con, machine=False)[new]["fatalities"] == 11
    assert table(con, machine=True)[new]["n_articles"] == 2
    # the whole store re-merged, and an article replaced: still in step
    store.remerge_all()
    assert_in_step(con)
    changed = json.loads(subset(tmp_path, earlier).read_text())
    changed["text"] += " Updated."
    path = tmp_path / "changed.jsonl"
    path.write_text(json.dumps(changed) + "\n")
    ingest(read(path), store=store, pipeline=FakePipeline())
    assert_in_step(con)
    assert set(table(con, machine=False)) == {new}


def test_in_step_when_the_reviewed_events_article_goes(store: Store, tmp_path: Path) -> None:
    """An article replaced with no events any more: its reviewed event's rows go with it."""
    ingest(read(subset(tmp_path, "a3")), store=store, pipeline=FakePipeline())
    con = store.reader()
    eid = con.execute("SELECT event_id FROM merged_events").fetchone()[0]
    submit_review(store, event_id=eid, reviewer_id="R1", action="confirm")
    assert set(table(con, machine=False)) == {eid}

    class Nothing(FakePipeline):
        def run(self, items):  # type: ignore[no-untyped-def]
            for a in super().run(items):
                yield type(a)(a.article, [])

    changed = json.loads(subset(tmp_path, "a3").read_text())
    changed["text"] += " Retracted."
    path = tmp_path / "gone.jsonl"
    path.write_text(json.dumps(changed) + "\n")
    ingest(read(path), store=store, pipeline=Nothing())
    assert con.execute("SELECT count(*) FROM merged_events").fetchone() == (0,)
    assert table(con, machine=False) == table(con, machine=True) == {}
    assert_in_step(con)


def test_migration_backfills_an_existing_store(tmp_path: Path) -> None:
    """A store reviewed before migration 005: the migration fills the table from its reviews."""
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    migrate(con, [m for m in MIGRATIONS if m[0] < "005"])
    con.close()
    with Store(path) as store:
        ingest(read(ARTICLES), store=store, pipeline=FakePipeline())
        eid = store.reader().execute("SELECT min(event_id) FROM merged_events").fetchone()[0]
        submit_review(store, event_id=eid, reviewer_id="R1", action="reject")
        store.con.execute("DELETE FROM reviewed_events")
        store.con.execute("DELETE FROM migrations WHERE name = '005_reviewed_events'")
        store.con.execute("DROP TABLE reviewed_events")
    with Store(path) as store:
        assert store.applied == ["005_reviewed_events"]
        assert_in_step(store.reader())
        assert set(table(store.reader(), machine=False)) == {eid}
        assert queries.list_events(store.reader(), EventFilter(include_rejected=True))["total"] == 5
