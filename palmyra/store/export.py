"""Exports from the store: csv, acled-csv, jsonl, geojson and parquet.

Every format reads :func:`palmyra.store.queries.iter_events`, so it carries the
values reviewers settled (and says so: ``reviewed``, ``reviewed_fields``) and
leaves out events reviewers rejected. Rows come in (event_date, event_id) order:
two identical stores give byte-identical exports.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import duckdb

from .acled import ACLED_COLUMNS, EXTRA_COLUMNS, AcledCoder
from .queries import EventFilter, iter_events

__all__ = ["FLAT_COLUMNS", "FORMATS", "export", "flat_row"]

FORMATS = ("csv", "acled-csv", "jsonl", "geojson", "parquet")

#: (column, DuckDB type) of the flat table: csv, geojson properties and parquet.
FLAT_COLUMNS: list[tuple[str, str]] = [
    ("event_id", "VARCHAR"),
    ("event_date", "DATE"),
    ("date_precision", "VARCHAR"),
    ("plover_type", "VARCHAR"),
    ("plover_mode", "VARCHAR"),
    ("cameo_root", "VARCHAR"),
    ("acled_event_type", "VARCHAR"),
    ("acled_sub_event_type", "VARCHAR"),
    ("actor1", "VARCHAR"),
    ("actor1_country", "VARCHAR"),
    ("actor1_sector", "VARCHAR"),
    ("actor1_inter", "INTEGER"),
    ("actor2", "VARCHAR"),
    ("actor2_country", "VARCHAR"),
    ("actor2_sector", "VARCHAR"),
    ("actor2_inter", "INTEGER"),
    ("assoc_actors1", "VARCHAR"),
    ("assoc_actors2", "VARCHAR"),
    ("location", "VARCHAR"),
    ("geonameid", "BIGINT"),
    ("admin1", "VARCHAR"),
    ("admin2", "VARCHAR"),
    ("country", "VARCHAR"),
    ("lat", "DOUBLE"),
    ("lon", "DOUBLE"),
    ("geo_precision", "INTEGER"),
    ("fatalities", "INTEGER"),
    ("fatalities_text", "VARCHAR"),
    ("fatality_reports", "VARCHAR"),
    ("n_articles", "INTEGER"),
    ("n_sources", "INTEGER"),
    ("article_ids", "VARCHAR"),
    ("reported_by", "VARCHAR"),
    ("claim_sources", "VARCHAR"),
    ("negated", "BOOLEAN"),
    ("hypothetical", "BOOLEAN"),
    ("confidence", "DOUBLE"),
    ("reviewed", "BOOLEAN"),
    ("review_status", "VARCHAR"),
    ("reviewed_fields", "VARCHAR"),
]


def _join(values: list[Any]) -> str:
    return "; ".join(str(v) for v in values)


def flat_row(rec: dict[str, Any]) -> dict[str, Any]:
    """An effective merged record as one flat row (lists joined with "; ")."""
    a1, a2, loc = rec.get("actor1") or {}, rec.get("actor2") or {}, rec.get("location") or {}
    figures = rec.get("disagreements", {}).get("fatalities") or (
        [rec["fatalities"]] if rec["fatalities"] else []
    )
    return {
        "event_id": rec["event_id"],
        "event_date": rec.get("event_date"),
        "date_precision": rec.get("date_precision"),
        "plover_type": rec.get("plover_type"),
        "plover_mode": rec.get("plover_mode"),
        "cameo_root": rec.get("cameo_root"),
        "acled_event_type": rec.get("acled_event_type"),
        "acled_sub_event_type": rec.get("acled_sub_event_type"),
        "actor1": a1.get("name"),
        "actor1_country": a1.get("country"),
        "actor1_sector": a1.get("sector"),
        "actor1_inter": a1.get("acled_inter"),
        "actor2": a2.get("name"),
        "actor2_country": a2.get("country"),
        "actor2_sector": a2.get("sector"),
        "actor2_inter": a2.get("acled_inter"),
        "assoc_actors1": _join([x["name"] for x in rec.get("assoc_actors1", [])]),
        "assoc_actors2": _join([x["name"] for x in rec.get("assoc_actors2", [])]),
        "location": loc.get("name"),
        "geonameid": loc.get("geonameid"),
        "admin1": loc.get("admin1"),
        "admin2": loc.get("admin2"),
        "country": loc.get("country"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "geo_precision": loc.get("geo_precision"),
        "fatalities": rec.get("fatalities", 0),
        "fatalities_text": rec.get("fatalities_text"),
        "fatality_reports": _join(figures),
        "n_articles": rec.get("n_articles", 1),
        "n_sources": rec.get("n_sources", 1),
        "article_ids": _join(rec.get("article_ids", [])),
        "reported_by": _join(rec.get("reported_by", [])),
        "claim_sources": _join(sorted({c["source"] for c in rec.get("claims", [])})),
        "negated": bool(rec.get("negated")),
        "hypothetical": bool(rec.get("hypothetical")),
        "confidence": rec.get("confidence"),
        "reviewed": bool(rec.get("reviewed")),
        "review_status": rec.get("review_status"),
        "reviewed_fields": _join(rec.get("reviewed_fields", [])),
    }


def export(
    con: duckdb.DuckDBPyConnection,
    fmt: str,
    *,
    out: IO[str] | None = None,
    path: str | Path | None = None,
    flt: EventFilter | None = None,
) -> int:
    """Write the matching events in ``fmt`` to ``out`` (text formats) or ``path``; returns the row count.

    Parquet needs ``path`` (a binary file written by DuckDB's COPY).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}")
    records = iter_events(con, flt)
    if fmt == "parquet":
        if path is None:
            raise ValueError("parquet needs an output file (-o FILE)")
        return _parquet(records, Path(path))
    if out is None:
        raise ValueError(f"{fmt} needs an output stream")
    if fmt == "jsonl":
        n = 0
        for rec in records:
            out.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
        return n
    if fmt == "geojson":
        return _geojson(records, out)
    if fmt == "acled-csv":
        return _acled_csv(con, records, out)
    writer = csv.DictWriter(out, fieldnames=[c for c, _ in FLAT_COLUMNS], lineterminator="\n")
    writer.writeheader()
    n = 0
    for rec in records:
        writer.writerow(flat_row(rec))
        n += 1
    return n


def _acled_csv(con: duckdb.DuckDBPyConnection, records: Iterator[dict[str, Any]], out: IO[str]) -> int:
    coder = AcledCoder()
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS + EXTRA_COLUMNS, lineterminator="\n")
    writer.writeheader()
    # when each reviewed event was last reviewed, as events_effective.reviewed_at gives it
    reviewed_at = dict(
        con.execute("SELECT event_id, reviewed_at FROM reviewed_events WHERE NOT machine").fetchall()
    )
    n = 0
    for rec in records:
        acled = coder.row(rec, reviewed_at=reviewed_at.get(rec["event_id"]) if rec.get("reviewed") else None)
        if acled is not None:
            writer.writerow(acled)
            n += 1
    return n


def _geojson(records: Iterator[dict[str, Any]], out: IO[str]) -> int:
    """A FeatureCollection, one Point feature per event (geometry null when the event has no place)."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for rec in records:
        row = flat_row(rec)
        geometry = None
        if row["lat"] is not None and row["lon"] is not None:
            geometry = {"type": "Point", "coordinates": [row["lon"], row["lat"]]}
        feature = {"type": "Feature", "id": row["event_id"], "geometry": geometry, "properties": row}
        out.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


def _parquet(records: Iterator[dict[str, Any]], path: Path) -> int:
    """Rows into an in-memory DuckDB table, then DuckDB's COPY ... (FORMAT parquet)."""
    mem = duckdb.connect()
    try:
        cols = ", ".join(f'"{c}" {t}' for c, t in FLAT_COLUMNS)
        mem.execute(f"CREATE TABLE events ({cols})")
        marks = ", ".join("?" * len(FLAT_COLUMNS))
        batch: list[list[Any]] = []
        n = 0
        for rec in records:
            row = flat_row(rec)
            batch.append([row[c] for c, _ in FLAT_COLUMNS])
            n += 1
            if len(batch) >= 1000:
                mem.executemany(f"INSERT INTO events VALUES ({marks})", batch)
                batch = []
        if batch:
            mem.executemany(f"INSERT INTO events VALUES ({marks})", batch)
        target = str(path).replace("'", "''")
        mem.execute(f"COPY (SELECT * FROM events ORDER BY rowid) TO '{target}' (FORMAT parquet)")
    finally:
        mem.close()
    return n
