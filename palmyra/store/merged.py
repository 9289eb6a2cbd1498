"""Keeping ``merged_events`` and ``merge_links`` in step with ``mentions``, incrementally.

The clusters of :func:`palmyra.store.merge.cluster_mentions` decompose over connected
components of the "could report one event" graph: a mention only ever joins a cluster
whose members are all compatible with it, so mentions in different components never
meet. When an article comes in, only the component around its mentions (found by a
breadth-first walk over mentions whose date spans are close) is clustered again; the
result is the one a full re-merge of the store would give, whatever the arrival order.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter
from collections.abc import Iterable
from typing import Any

import duckdb

from .merge import DAY_WINDOW, Cluster, Mention, cluster_mentions, compare
from .reviewed import refresh

__all__ = ["component_around", "insert_rows", "rewrite", "span_of"]

# Rows per INSERT statement: DuckDB's executemany runs one statement a row, so rows go in as
# one multi-row VALUES list instead (ten times faster on 2,000 articles).
_ROWS_PER_INSERT = 200


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[list[Any]]) -> None:
    """Insert ``rows`` (lists of column values, in table order) with a few multi-row statements."""
    for i in range(0, len(rows), _ROWS_PER_INSERT):
        chunk = rows[i : i + _ROWS_PER_INSERT]
        one = "(" + ", ".join("?" * len(chunk[0])) + ")"
        con.execute(
            f"INSERT INTO {table} VALUES {', '.join([one] * len(chunk))}", [v for r in chunk for v in r]
        )


_COLS = (
    "mention_id, article_id, family, event_date, date_precision, actor1, actor2, country, lat, lon,"
    " geo_precision, negated, hypothetical, record"
)
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def span_of(date: dt.date | None, precision: str | None) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day a date of this precision could mean (stored with each mention)."""
    if date is None:
        return None, None
    m = Mention("", "", "", date, precision, None, None, None, None, None, None)
    span = m.span()
    assert span is not None
    return span


def _mentions(rows: Iterable[tuple[Any, ...]]) -> dict[str, Mention]:
    out = {}
    for r in rows:
        rec = json.loads(r[13])
        loc = rec.get("location") or {}
        a1, a2 = rec.get("actor1") or {}, rec.get("actor2") or {}
        out[r[0]] = Mention(
            mention_id=r[0], article_id=r[1], family=r[2], event_date=r[3], date_precision=r[4],
            actor1=r[5], actor2=r[6], country=r[7], lat=r[8], lon=r[9], geo_precision=r[10],
            negated=r[11], hypothetical=r[12],
            country_level=loc.get("geo_precision") == 3 and not (loc.get("admin1") or loc.get("admin2")),
            sector1=a1.get("sector"), sector2=a2.get("sector"), event_type=rec.get("acled_event_type"),
            text1=a1.get("text"), text2=a2.get("text"),
        )  # fmt: skip
    return out


def load(con: duckdb.DuckDBPyConnection, where: str, params: list[Any]) -> dict[str, Mention]:
    return _mentions(con.execute(f"SELECT {_COLS} FROM mentions WHERE {where}", params).fetchall())


def _windows(frontier: list[Mention]) -> list[tuple[str, dt.date, dt.date]]:
    """(family, first day, last day) ranges covering every day a frontier mention could match."""
    by_family: dict[str, list[tuple[dt.date, dt.date]]] = {}
    pad = dt.timedelta(days=DAY_WINDOW)
    for m in frontier:
        span = m.span()
        if span is not None and not (m.negated or m.hypothetical):
            by_family.setdefault(m.family, []).append((span[0] - pad, span[1] + pad))
    out = []
    for fam, ranges in sorted(by_family.items()):
        ranges.sort()
        lo, hi = ranges[0]
        for a, b in ranges[1:]:
            if a > hi:
                out.append((fam, lo, hi))
                lo, hi = a, b
            else:
                hi = max(hi, b)
        out.append((fam, lo, hi))
    return out


def component_around(con: duckdb.DuckDBPyConnection, seeds: Iterable[str]) -> dict[str, Mention]:
    """Every mention connected to ``seeds`` through chains of mentions that could report one event.

    Walks outwards a ring at a time; each ring reads the mentions whose date spans are near
    the ring's, one query per family and run of close days.
    """
    found = load(con, "list_contains(?, mention_id)", [sorted(set(seeds))])
    frontier = list(found.values())
    while frontier:
        near: dict[str, Mention] = {}
        for fam, lo, hi in _windows(frontier):
            near.update(load(con, "family = ? AND span_start <= ? AND span_end >= ?", [fam, hi, lo]))
        ring = []
        for other in near.values():
            if other.mention_id in found:
                continue
            if any(m.family == other.family and compare(m, other) is not None for m in frontier):
                found[other.mention_id] = other
                ring.append(other)
        frontier = ring
    return found


def rewrite(con: duckdb.DuckDBPyConnection, mentions: dict[str, Mention]) -> None:
    """Cluster ``mentions`` (whole components) and replace their merged events and links."""
    if not mentions:
        return
    ids = sorted(mentions)
    old = [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT event_id FROM merge_links WHERE list_contains(?, mention_id)", [ids]
        ).fetchall()
    ]
    con.execute("DELETE FROM merged_events WHERE list_contains(?, event_id)", [old])
    con.execute("DELETE FROM merge_links WHERE list_contains(?, mention_id)", [ids])
    rows = con.execute(
        "SELECT m.mention_id, m.record, a.outlet, a.published"
        " FROM mentions m JOIN articles a USING (article_id) WHERE list_contains(?, m.mention_id)",
        [ids],
    ).fetchall()
    records = {r[0]: json.loads(r[1]) for r in rows}
    outlets = {r[0]: (r[2], r[3]) for r in rows}
    links, merged = [], []
    for c in cluster_mentions(mentions.values()):
        for m in c.members:
            links.append(
                [m.mention_id, c.seed.mention_id, json.dumps(c.reasons[m.mention_id], sort_keys=True)]
            )
        merged.append(_merged_row(c, records, outlets))
    insert_rows(con, "merge_links", links)
    insert_rows(con, "merged_events", merged)
    # reviewed_events: the replaced merged events' rows go, the new events a review names
    # (by any member's id) get theirs
    con.execute("DELETE FROM reviewed_events WHERE list_contains(?, event_id)", [old])
    named = con.execute("SELECT DISTINCT event_id FROM reviews WHERE list_contains(?, event_id)", [ids])
    seed_of = {m: e for m, e, _ in links}
    refresh(con, [seed_of[r[0]] for r in named.fetchall()])


def _pick(values: list[Any]) -> Any:
    """The most common non-null value; ties go to the first (canonical order)."""
    vals = [v for v in values if v is not None]
    if not vals:
        return None
    counts = Counter(vals)
    return max(vals, key=lambda v: (counts[v], -vals.index(v)))


def _merged_row(
    c: Cluster, records: dict[str, dict[str, Any]], outlets: dict[str, tuple[str | None, dt.date | None]]
) -> list[Any]:
    """One ``merged_events`` row: the merged SPEC record and its key columns.

    Every article, claim and piece of evidence is kept; the type, sides and date are the
    ones most reports give (the most precise date wins), the place the most precise one,
    and the fatalities ACLED's lowest credible figure, with every report's figure kept.
    """
    members = sorted(c.members, key=Mention.sort_key)
    ids = [m.mention_id for m in members]
    recs = [records[i] for i in ids]
    sub = _pick([r["acled_sub_event_type"] for r in recs])
    base = next((r for r in recs if r["acled_sub_event_type"] == sub), recs[0])
    a1 = _pick([(r["actor1"] or {}).get("name") for r in recs])
    a2 = _pick([(r["actor2"] or {}).get("name") for r in recs])
    actor1 = next((r["actor1"] for r in recs if (r["actor1"] or {}).get("name") == a1), None)
    actor2 = next((r["actor2"] for r in recs if (r["actor2"] or {}).get("name") == a2), None)
    located = [r["location"] for r in recs if r["location"]]
    loc = min(located, key=lambda x: (x.get("geo_precision") or 9, -located.count(x))) if located else None
    dated = [r for r in recs if r["event_date"]]
    best = min((_PRECISION_RANK.get(r["date_precision"], 9) for r in dated), default=9)
    date = _pick([r["event_date"] for r in dated if _PRECISION_RANK.get(r["date_precision"], 9) == best])
    precision = next((r["date_precision"] for r in dated if r["event_date"] == date), None)
    reports = [
        {"article_id": r["article_ids"][0], "outlet": outlets[i][0], "fatalities": r["fatalities"],
         "fatalities_text": r["fatalities_text"]}
        for i, r in zip(ids, recs, strict=True)
    ]  # fmt: skip
    figures = sorted({r["fatalities"] for r in recs if r["fatalities"] > 0})
    fatal = figures[0] if figures else 0  # ACLED: the lowest credible figure
    fatal_text = next((r["fatalities_text"] for r in recs if r["fatalities"] == fatal and fatal), None)
    articles = sorted({a for r in recs for a in r["article_ids"]})
    sources = sorted({outlets[i][0] or m.article_id for i, m in zip(ids, members, strict=True)})
    published = [p for _, p in (outlets[i] for i in ids) if p is not None]
    claims = [cl for r in recs for cl in r["claims"]]
    assoc1 = {x["name"]: x for r in recs for x in r["assoc_actors1"]}
    assoc2 = {x["name"]: x for r in recs for x in r["assoc_actors2"]}
    confidence = min(0.99, round(1 - math.prod(1 - r["confidence"] for r in recs), 3))
    outlet_names = {o for o, _ in (outlets[i] for i in ids) if o}
    record = {
        **base,
        "event_id": c.seed.mention_id,
        "article_ids": articles,
        "event_date": date,
        "date_precision": precision,
        "actor1": actor1,
        "actor2": actor2,
        "assoc_actors1": [assoc1[k] for k in sorted(assoc1)],
        "assoc_actors2": [assoc2[k] for k in sorted(assoc2)],
        "location": loc,
        "fatalities": fatal,
        "fatalities_text": fatal_text,
        "claims": claims,
        "reported_by": sorted({o for r in recs for o in r["reported_by"]} | outlet_names),
        "evidence": [e for r in recs for e in r["evidence"]],
        "confidence": confidence,
        "n_articles": len(articles),
        "n_sources": len(sources),
        "n_claim_sources": len({cl["source"] for cl in claims}),
        "mention_ids": ids,
        "latest_published": max(published).isoformat() if published else None,
        "reports": reports,
        "disagreements": {"fatalities": figures} if len(figures) > 1 else {},
    }
    return [
        c.seed.mention_id, c.seed.family, date, precision, base["plover_type"], base["acled_event_type"], sub,
        a1, a2, loc["country"] if loc else None, loc.get("admin1") if loc else None,
        loc["name"] if loc else None, loc["lat"] if loc else None, loc["lon"] if loc else None,
        loc.get("geo_precision") if loc else None, fatal, figures[-1] if figures else 0,
        len(members), len(articles), len(sources), base["negated"], base["hypothetical"],
        confidence, json.dumps(record, ensure_ascii=False, sort_keys=True),
    ]  # fmt: skip
