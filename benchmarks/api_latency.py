"""API latency: p50/p99 of ``GET /api/events`` over a store of 1 M synthetic events.

    .venv/bin/python benchmarks/api_latency.py [--db /tmp/palmyra-1m.duckdb] [--events 1000000]
                                                [--requests 60] [--rebuild] [--export csv]

Besides the events list cases: ``GET /api/events/{id}`` over 50 ids (five of them reviewed),
and with ``--export FORMAT`` the time to export every event.

The store is made by palmyra's own migrations, then filled straight from DuckDB SQL
(``range()``; no NLP): merged events spread over 40 countries, 3 years and the ACLED
types, each with a merge link to itself and a small SPEC-shaped record, plus 1,000
reviews so the reviewed values have work to do. A store of the right size is
reused (migrated first if palmyra's schema has moved on). Requests go through FastAPI's
TestClient (the whole app: routing, validation, the query, JSON), one at a time, after a
warm-up request per case.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import duckdb

COUNTRIES = [
    ("SYR", 35.0, 38.0), ("IRQ", 33.0, 44.0), ("AFG", 34.5, 69.2), ("UKR", 49.0, 32.0),
    ("SDN", 15.5, 32.5), ("NGA", 9.1, 7.4), ("MLI", 17.6, -4.0), ("BFA", 12.4, -1.5),
    ("SOM", 2.0, 45.3), ("YEM", 15.4, 44.2), ("MMR", 21.9, 95.9), ("COL", 4.6, -74.1),
    ("MEX", 19.4, -99.1), ("HTI", 18.5, -72.3), ("COD", -4.3, 15.3), ("ETH", 9.0, 38.7),
    ("PAK", 33.7, 73.1), ("IND", 28.6, 77.2), ("BGD", 23.8, 90.4), ("PHL", 14.6, 121.0),
    ("LBY", 32.9, 13.2), ("EGY", 30.0, 31.2), ("TUR", 39.9, 32.9), ("IRN", 35.7, 51.4),
    ("LBN", 33.9, 35.5), ("PSE", 31.9, 35.2), ("ISR", 31.8, 35.2), ("KEN", -1.3, 36.8),
    ("MOZ", -25.9, 32.6), ("CMR", 3.9, 11.5), ("NER", 13.5, 2.1), ("TCD", 12.1, 15.0),
    ("VEN", 10.5, -66.9), ("BRA", -15.8, -47.9), ("USA", 38.9, -77.0), ("FRA", 48.9, 2.4),
    ("RUS", 55.8, 37.6), ("GEO", 41.7, 44.8), ("ARM", 40.2, 44.5), ("AZE", 40.4, 49.9),
]  # fmt: skip
TYPES = [
    ("Battles", "Armed clash", "ASSAULT", "political_violence"),
    ("Explosions/Remote violence", "Air/drone strike", "ASSAULT", "political_violence"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "ASSAULT", "political_violence"),
    ("Violence against civilians", "Attack", "ASSAULT", "political_violence"),
    ("Protests", "Peaceful protest", "PROTEST", "demonstrations"),
    ("Riots", "Violent demonstration", "PROTEST", "demonstrations"),
    ("Strategic developments", "Arrests", "COERCE", "strategic"),
]
CASES: list[tuple[str, dict[str, object]]] = [
    ("no filter", {}),
    ("country=SYR", {"country": "SYR"}),
    ("one month", {"since": "2024-03-01", "until": "2024-03-31"}),
    ("bbox (Levant)", {"bbox": "34,29,40,38"}),
    ("type=Protests", {"type": "Protests"}),
    (
        "country+month+type",
        {"country": "UKR", "since": "2023-06-01", "until": "2023-06-30", "type": "Battles"},
    ),
    ("q=place 99 (text)", {"q": "place 99"}),
    ("offset 10,000", {"offset": 10_000}),
    ("offset 500,000", {"offset": 500_000}),
    ("offset 990,000", {"offset": 990_000}),
]


def build(path: Path, n: int) -> None:
    """A store of ``n`` synthetic merged events, by palmyra's migrations and one INSERT ... SELECT."""
    from palmyra.store import Store
    from palmyra.store.reviewed import refresh

    path.unlink(missing_ok=True)
    with Store(path) as store:
        con = store.con
        con.execute(
            "CREATE TEMP TABLE c AS SELECT * FROM (VALUES "
            + ", ".join(f"({i}, '{c}', {lat}, {lon})" for i, (c, lat, lon) in enumerate(COUNTRIES))
            + ") t(ci, iso, lat, lon)"
        )
        con.execute(
            "CREATE TEMP TABLE k AS SELECT * FROM (VALUES "
            + ", ".join(f"({i}, '{a}', '{s}', '{p}', '{f}')" for i, (a, s, p, f) in enumerate(TYPES))
            + ") t(ki, acled, sub, plover, fam)"
        )
        t0 = time.perf_counter()
        con.execute(
            f"""
            CREATE TEMP TABLE g AS
            SELECT printf('%016x', hash(i)) AS event_id, i,
                   DATE '2022-01-01' + CAST(hash(i, 'd') % 1096 AS INTEGER) AS event_date,
                   CAST(hash(i, 'c') % {len(COUNTRIES)} AS INTEGER) AS ci,
                   CAST(hash(i, 'k') % {len(TYPES)} AS INTEGER) AS ki,
                   (hash(i, 'y') % 2000) / 1000.0 - 1 AS dy, (hash(i, 'x') % 2000) / 1000.0 - 1 AS dx,
                   CAST(hash(i, 'f') % 100 AS INTEGER) AS f
            FROM range({n}) r(i)
            """
        )
        con.execute(
            """
            INSERT INTO merged_events
            SELECT g.event_id, k.fam, g.event_date, 'day', k.plover, k.acled, k.sub,
                   'Military Forces of ' || c.iso,
                   CASE WHEN g.f % 3 = 0 THEN NULL ELSE 'Rebels (' || c.iso || ')' END,
                   c.iso, 'Region ' || (g.i % 7), 'Place ' || (g.i % 997), c.lat + g.dy, c.lon + g.dx, 1,
                   CASE WHEN g.f < 60 THEN 0 ELSE g.f - 60 END, CASE WHEN g.f < 60 THEN 0 ELSE g.f - 55 END,
                   1 + g.i % 3, 1 + g.i % 3, 1 + g.i % 2, FALSE, FALSE, 0.5 + (g.f % 50) / 100.0,
                   json_object('event_id', g.event_id, 'article_ids', [printf('art-%d', g.i)],
                     'event_date', CAST(g.event_date AS VARCHAR), 'date_precision', 'day',
                     'plover_type', k.plover, 'plover_mode', NULL, 'cameo_root', '19',
                     'acled_event_type', k.acled, 'acled_sub_event_type', k.sub,
                     'actor1', json_object('text', 'troops', 'name', 'Military Forces of ' || c.iso,
                        'country', c.iso, 'sector', 'MIL', 'acled_inter', 1),
                     'actor2', NULL, 'assoc_actors1', [], 'assoc_actors2', [],
                     'location', json_object('text', 'Place', 'name', 'Place ' || (g.i % 997),
                        'geonameid', NULL, 'lat', c.lat + g.dy, 'lon', c.lon + g.dx, 'admin1', 'Region',
                        'admin2', NULL, 'country', c.iso, 'geo_precision', 1),
                     'fatalities', CASE WHEN g.f < 60 THEN 0 ELSE g.f - 60 END, 'fatalities_text', NULL,
                     'claims', [], 'reported_by', ['Synthetic Wire'], 'evidence', [],
                     'negated', FALSE, 'hypothetical', FALSE, 'confidence', 0.5,
                     'disagreements', json_object())
            FROM g JOIN c USING (ci) JOIN k USING (ki)
            """
        )
        con.execute("INSERT INTO merge_links SELECT event_id, event_id, '{\"seed\": true}' FROM g")
        con.execute(
            "INSERT INTO reviews (event_id, reviewer_id, field, old_value, new_value, note, created_at)"
            " SELECT event_id, 'R1', 'fatalities', '0', CAST(f AS VARCHAR), 'synthetic', now()"
            " FROM g WHERE i % 1000 = 0"
        )
        refresh(con)  # the reviews went in by SQL, past the writer: fill reviewed_events as it would
        con.execute("CHECKPOINT")
        print(f"built {n:,} events in {time.perf_counter() - t0:.1f} s: {path}", file=sys.stderr)


def count(path: Path) -> int:
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return -1
    try:
        row = con.execute("SELECT count(*) FROM merged_events").fetchone()
        return int(row[0]) if row else -1
    except duckdb.Error:
        return -1
    finally:
        con.close()


def sample_ids(path: Path, n: int) -> list[str]:
    """``n`` event ids spread over the store, one in ten of them reviewed."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        plain = con.execute(
            "SELECT event_id FROM merged_events ORDER BY hash(event_id) LIMIT ?", [n - n // 10]
        )
        reviewed = con.execute("SELECT DISTINCT event_id FROM reviews ORDER BY 1 LIMIT ?", [n // 10])
        return [r[0] for r in plain.fetchall()] + [r[0] for r in reviewed.fetchall()]
    finally:
        con.close()


def time_export(path: Path, fmt: str) -> None:
    """Every event exported in ``fmt`` to a scratch file: the time and the rows."""
    import tempfile

    from palmyra.store import Store
    from palmyra.store.export import export

    with Store(path, read_only=True) as store, tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"events.{fmt}"
        t0 = time.perf_counter()
        if fmt == "parquet":
            n = export(store.reader(), fmt, path=out)
        else:
            with out.open("w", encoding="utf-8") as f:
                n = export(store.reader(), fmt, out=f)
        print(f"export {fmt}: {n:,} events in {time.perf_counter() - t0:.1f} s")


def timed(client: Any, name: str, urls: list[tuple[str, dict[str, Any]]], requests: int) -> None:
    """Time ``requests`` GETs cycling over ``urls`` after one warm-up request each; print a line."""
    total = "-"
    for url, params in urls:
        first = client.get(url, params=params)
        assert first.status_code == 200, first.text
        total = f"{first.json()['total']:,}" if "total" in first.json() else "-"
    times = []
    for k in range(requests):
        url, params = urls[k % len(urls)]
        t0 = time.perf_counter()
        r = client.get(url, params=params)
        times.append((time.perf_counter() - t0) * 1000)
        assert r.status_code == 200
    print(
        f"{name:<22} {total:>9} {statistics.median(times):>8.1f} {pct(times, 0.99):>8.1f} {max(times):>8.1f}"
    )


class GcPauses:
    """While entered, the duration in ms of each full collection of Python's garbage collector."""

    def __init__(self) -> None:
        self.full: list[float] = []
        self._start = 0.0

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.full.append((time.perf_counter() - self._start) * 1000)

    def __enter__(self) -> GcPauses:
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self._callback)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default="/tmp/palmyra-1m.duckdb", type=Path)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--requests", type=int, default=60, help="timed requests per case (default: 60)")
    ap.add_argument("--limit", type=int, default=100, help="page size (default: 100)")
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument(
        "--export", choices=["csv", "acled-csv", "jsonl", "geojson", "parquet"],
        help="also time an export of every event in this format (seconds, not milliseconds)",
    )  # fmt: skip
    args = ap.parse_args(argv)

    if args.rebuild or count(args.db) != args.events:
        build(args.db, args.events)
    else:
        from palmyra.store import Store

        Store(args.db).close()  # a store built before a schema change: apply the new migrations

    from fastapi.testclient import TestClient

    from palmyra.api import create_app

    print(f"command: {' '.join(['python', *sys.argv])}")
    print(
        f"store: {args.db} ({args.events:,} events), page size {args.limit}, {args.requests} requests a case"
    )
    print(f"{'case':<22} {'total':>9} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    ids = sample_ids(args.db, 50)
    pauses = GcPauses()
    with TestClient(create_app(args.db, read_only=True)) as client, pauses:
        for name, params in CASES:
            timed(client, name, [("/api/events", {"limit": args.limit, **params})], args.requests)
        timed(client, "one event (50 ids)", [(f"/api/events/{i}", {}) for i in ids], max(args.requests, 50))
    print(
        f"full (generation 2) garbage collections while timing: {len(pauses.full)},"
        f" longest {max(pauses.full, default=0):.0f} ms (they make the slowest requests)"
    )
    if args.export:
        time_export(args.db, args.export)
    return 0


if __name__ == "__main__":
    sys.exit(main())
