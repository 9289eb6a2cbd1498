"""Store: migrations, idempotent and resumable ingest, rejected inputs, reviews."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest

from palmyra.store import Store, StoreError, ingest
from palmyra.store.migrations import MIGRATIONS, applied_migrations, migrate
from palmyra.types import Article, Rejected

from .conftest import ARTICLES, FakePipeline, read

TABLES = {
    "articles": "article_id, url, title, outlet, published, text, content_hash, n_events",
    "mentions": "*",
    "claims": "*",
    "evidence": "*",
    "merged_events": "*",
    "merge_links": "*",
    "rejected": "input, stage, reason, article_id",
}


def snapshot(store: Store) -> dict[str, list[Any]]:
    """Every table's rows, without the times they were written."""
    con = store.reader()
    return {
        t: sorted(map(str, con.execute(f"SELECT {cols} FROM {t}").fetchall())) for t, cols in TABLES.items()
    }


def test_migrations_applied_once_and_recorded(tmp_path: Path) -> None:
    path = tmp_path / "m.duckdb"
    with Store(path) as s:
        assert s.applied == [name for name, _ in MIGRATIONS]
        assert applied_migrations(s.con) == [name for name, _ in MIGRATIONS]
    with Store(path) as s:
        assert s.applied == []  # nothing applied twice
        rows = s.con.execute("SELECT name, seq FROM migrations ORDER BY seq").fetchall()
        assert rows == [(name, i) for i, (name, _) in enumerate(MIGRATIONS, start=1)]


def test_new_migration_applied_in_order_and_failed_one_rolled_back(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "m.duckdb"))
    migrate(con)

    def add_col(c: duckdb.DuckDBPyConnection) -> None:
        c.execute("ALTER TABLE articles ADD COLUMN extra VARCHAR")

    def broken(c: duckdb.DuckDBPyConnection) -> None:
        c.execute("CREATE TABLE half_done (x INT)")
        raise RuntimeError("bad migration")

    assert migrate(con, [*MIGRATIONS, ("003_extra", add_col)]) == ["003_extra"]
    with pytest.raises(RuntimeError):
        migrate(con, [*MIGRATIONS, ("003_extra", add_col), ("004_broken", broken)])
    assert applied_migrations(con)[-1] == "003_extra"
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert "half_done" not in tables


def test_ingest_stores_articles_events_and_summary(store: Store) -> None:
    summary = ingest(read(ARTICLES), store=store, pipeline=FakePipeline())
    assert (summary.read, summary.new, summary.skipped, summary.events) == (6, 6, 0, 6)
    con = store.reader()
    assert con.execute("SELECT count(*) FROM articles").fetchone() == (6,)
    assert con.execute("SELECT n_events FROM articles WHERE article_id = 'a6'").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM mentions").fetchone() == (6,)
    assert con.execute("SELECT count(*) FROM claims").fetchone() == (2,)
    assert con.execute("SELECT count(*) FROM evidence").fetchone() == (6,)
    assert summary.mentions_total == 6
    assert summary.merged_events == 5  # a1 and a2 report one battle
    assert any("merged into 5 events" in line for line in summary.lines())


def test_reingest_changes_nothing_and_skips_before_nlp(store: Store) -> None:
    ingest(read(ARTICLES), store=store, pipeline=FakePipeline())
    before = snapshot(store)
    pipe = FakePipeline()
    summary = ingest(read(ARTICLES), store=store, pipeline=pipe)
    assert pipe.analysed == []  # the NLP never saw a stored article
    assert (summary.new, summary.skipped, summary.events) == (0, 6, 0)
    assert snapshot(store) == before


def test_changed_article_is_replaced(store: Store, tmp_path: Path) -> None:
    ingest(read(ARTICLES), store=store, pipeline=FakePipeline())
    lines = ARTICLES.read_text().splitlines()
    first = json.loads(lines[0])
    first["text"] += " Updated."
    changed = tmp_path / "changed.jsonl"
    changed.write_text(json.dumps(first) + "\n")
    pipe = FakePipeline()
    summary = ingest(read(changed), store=store, pipeline=pipe)
    assert pipe.analysed == ["a1"] and summary.new == 1
    con = store.reader()
    assert con.execute("SELECT count(*) FROM articles WHERE article_id = 'a1'").fetchone() == (1,)
    assert con.execute("SELECT count(*) FROM mentions WHERE article_id = 'a1'").fetchone() == (1,)
    assert con.execute("SELECT text FROM articles WHERE article_id = 'a1'").fetchone()[0].endswith("Updated.")


@pytest.mark.parametrize("commit_every", [1, 4])
@pytest.mark.parametrize("kill_after", [0, 1, 3, 5])
def test_killed_run_resumed_ends_like_uninterrupted(
    tmp_path: Path, kill_after: int, commit_every: int
) -> None:
    with Store(tmp_path / "whole.duckdb") as whole:
        ingest(read(ARTICLES), store=whole, pipeline=FakePipeline())
        expected = snapshot(whole)
    with Store(tmp_path / "killed.duckdb") as killed:
        with pytest.raises(KeyboardInterrupt):
            pipe = FakePipeline(fail_after=kill_after)
            ingest(read(ARTICLES), store=killed, pipeline=pipe, commit_every=commit_every)
        stored = kill_after - kill_after % commit_every  # whole batches only
        assert killed.reader().execute("SELECT count(*) FROM articles").fetchone() == (stored,)
        pipe = FakePipeline()
        ingest(read(ARTICLES), store=killed, pipeline=pipe, commit_every=commit_every)
        assert len(pipe.analysed) == 6 - stored
        assert snapshot(killed) == expected


def test_kill_inside_a_transaction_leaves_no_partial_article(store: Store, monkeypatch: Any) -> None:
    import palmyra.store.store as store_module

    calls = {"n": 0}
    real = store_module.rewrite

    def dying(con: Any, mentions: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt("killed while merging")
        real(con, mentions)

    monkeypatch.setattr(store_module, "rewrite", dying)
    with pytest.raises(KeyboardInterrupt):
        ingest(read(ARTICLES), store=store, pipeline=FakePipeline(), commit_every=1)
    con = store.reader()
    assert con.execute("SELECT count(*) FROM articles").fetchone() == (1,)
    orphans = con.execute(
        "SELECT count(*) FROM mentions WHERE article_id NOT IN (SELECT article_id FROM articles)"
    ).fetchone()
    assert orphans == (0,)


def test_rejected_inputs_stored_once(store: Store, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": ""}\nnot json\n')
    inputs = (ARTICLES, bad, tmp_path / "missing.txt")
    s1 = ingest(read(*inputs), store=store, pipeline=FakePipeline(fail_ids={"a3"}))
    s2 = ingest(read(*inputs), store=store, pipeline=FakePipeline(fail_ids={"a3"}))
    assert len(s1.rejected) == len(s2.rejected) == 4
    assert s1.rejected_new == 4 and s2.rejected_new == 0
    rows = store.reader().execute("SELECT input, stage FROM rejected ORDER BY input").fetchall()
    assert len(rows) == 4
    assert ("extract" in {r[1] for r in rows}) and ("ingest" in {r[1] for r in rows})
    assert store.add_rejected(Rejected(input="y", reason="r")) is True
    assert store.add_rejected(Rejected(input="y", reason="r")) is False


def test_duplicate_ids_in_one_run_first_wins(store: Store, tmp_path: Path) -> None:
    dup = tmp_path / "dup.jsonl"
    dup.write_text(
        '{"id": "a1", "text": "first version", "source": "S"}\n{"id": "a1", "text": "second version"}\n'
    )
    s = ingest(read(dup), store=store, pipeline=FakePipeline())
    assert (s.new, s.skipped) == (1, 1)
    again = ingest(read(dup), store=store, pipeline=FakePipeline())
    assert (again.new, again.skipped) == (0, 2)
    assert store.reader().execute("SELECT text FROM articles").fetchall() == [("first version",)]


def test_reviews_written_and_read_back(store: Store) -> None:
    from palmyra.store import queries

    ingest(read(ARTICLES), store=store, pipeline=FakePipeline())
    con = store.reader()
    (eid,) = con.execute(
        "SELECT event_id FROM merged_events WHERE acled_event_type = 'Battles' AND n_articles = 2"
    ).fetchone()
    rid = store.add_review(
        event_id=eid, reviewer_id="rev-1", field="fatalities", new_value=20, note="checked"
    )
    assert rid >= 1
    trail = queries.list_reviews(con, event_id=eid)
    assert trail[0]["field"] == "fatalities" and trail[0]["old_value"] == 18 and trail[0]["new_value"] == 20
    assert trail[0]["reviewer_id"] == "rev-1" and trail[0]["note"] == "checked"
    with pytest.raises(StoreError, match="cannot review field"):
        store.add_review(event_id=eid, reviewer_id="rev-1", field="colour", new_value="red")
    with pytest.raises(StoreError, match="no event"):
        store.add_review(event_id="nope", reviewer_id="rev-1", field="fatalities", new_value=1)
    with pytest.raises(StoreError, match="status must be"):
        store.add_review(event_id=eid, reviewer_id="rev-1", field="status", new_value="maybe")


def test_read_only_store(tmp_path: Path) -> None:
    path = tmp_path / "ro.duckdb"
    with pytest.raises(StoreError, match="no such store"):
        Store(path, read_only=True)
    with Store(path) as s:
        ingest(read(ARTICLES), store=s, pipeline=FakePipeline())
    with Store(path, read_only=True) as ro:
        assert ro.reader().execute("SELECT count(*) FROM articles").fetchone() == (6,)
        with pytest.raises(StoreError, match="read-only"):
            ro.add_rejected(Rejected(input="x", reason="y"))


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.duckdb"
    path.write_text("this is not a database")
    with pytest.raises(StoreError, match="cannot open the store"):
        Store(path)


def test_incremental_merge_equals_full_remerge_in_any_order(tmp_path: Path) -> None:
    """Many overlapping reports, ingested in three orders: one store; a full re-merge changes nothing."""
    import datetime as dt
    import random

    from .conftest import ALEPPO, ARMY, IDLIB, REBELS, SARAQIB, FakeAnalysis, event

    rng = random.Random(11)
    items = []
    for i in range(40):
        day = dt.date(2024, 3, 10) + dt.timedelta(days=rng.randrange(6))
        place = rng.choice([IDLIB, SARAQIB, ALEPPO, None])
        evs = [
            event(f"r{i}", date=day.isoformat(), place=place, fatalities=rng.randrange(30),
                  actor1=rng.choice([ARMY, None]), actor2=rng.choice([REBELS, None]),
                  kind=rng.choice(["battle", "airstrike"]), source=f"src{rng.randrange(3)}")
        ]  # fmt: skip
        art = Article(id=f"r{i}", text=f"report {i}", source=f"outlet{i % 7}", published=day)
        items.append(FakeAnalysis(art, evs))

    class Replay:
        def run(self, arts: Any) -> Any:
            by_id = {x.article.id: x for x in items}
            for a in arts:
                yield by_id[a.id]

    snaps = []
    for k in range(3):
        order = [x.article for x in items]
        random.Random(k).shuffle(order)
        with Store(tmp_path / f"o{k}.duckdb") as s:
            ingest(order, store=s, pipeline=Replay())
            snaps.append(snapshot(s))
            assert s.reader().execute("SELECT count(*) FROM merged_events").fetchone()[0] < 40
            s.remerge_all()
            assert snapshot(s) == snaps[-1]
    assert snaps[0] == snaps[1] == snaps[2]
