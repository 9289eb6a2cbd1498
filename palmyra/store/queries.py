"""Read queries over the store, shared by exports, the REST API and the web UI.

Every function takes a DuckDB connection (``Store.reader()`` in the writer's
process, or ``Store(path, read_only=True).con`` elsewhere) and returns plain
JSON-ready values. Events are read as the ``events_effective`` view shows them (from
``merged_events`` and the writer's ``reviewed_events``, see :mod:`palmyra.store.reviewed`),
so the values a reviewer settled are the ones filtered on and returned, and each event
says whether and how it was reviewed (``reviewed``, ``reviewed_fields``,
``review_status``, and ``machine``: the machine's values of the fields changed).

::

    EventFilter(since=, until=, country=, type=, bbox=, include_rejected=)
    list_events(con, flt, limit=, offset=)  -> {"total", "limit", "offset", "items": [summary...]}
    iter_events(con, flt)                    -> full merged records, in (event_date, event_id) order
    get_event(con, event_id)                 -> record + reports (mentions, link reasons), articles, reviews
    get_article(con, article_id)             -> the article with its text and its events
    list_articles(con, limit=, offset=)
    stats(con, by="day"|"country"|"type", flt) -> [{"key", "events", "fatalities"}]
    list_reviews(con, event_id=None, ...)    -> the audit trail, newest first
    count_reviews(con)                       -> how many reviews the audit trail holds
    article_spans(con, article_id)           -> the evidence and claim sentences in an article, by event
    list_rejected(con)
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import duckdb

from .reviewed import SUMMARY, sql_ids

__all__ = [
    "EventFilter",
    "article_spans",
    "count_reviews",
    "effective_record",
    "get_article",
    "get_event",
    "iter_events",
    "list_articles",
    "list_events",
    "list_rejected",
    "list_reviews",
    "stats",
]

MAX_PAGE = 1000
_SUMMARY = SUMMARY  # an event in a list: the columns of events_effective, less the record
_OVERRIDES = "v_date, v_type, v_sub, v_actor1, v_actor2, v_loc, v_fatal"
_TEXT_COLUMNS = (
    "actor1", "actor2", "location", "admin1", "country", "acled_event_type", "acled_sub_event_type",
    "plover_type",
)  # fmt: skip


@dataclass(frozen=True)
class EventFilter:
    """Which events to read. ``type`` matches an ACLED type or sub-type or a PLOVER type (any case);
    ``bbox`` is (west, south, east, north) in degrees; ``country`` an ISO 3166-1 alpha-3 code.
    Events reviewers rejected are left out unless ``include_rejected``. ``q`` is a text that an
    actor, place, admin1, country code or event (sub-)type must contain (any case)."""

    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    type: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    include_rejected: bool = False
    q: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses, params = ["TRUE"], []  # type: list[str], list[Any]
        if self.since is not None:
            clauses.append("event_date >= ?")
            params.append(self.since)
        if self.until is not None:
            clauses.append("event_date <= ?")
            params.append(self.until)
        if self.country:
            clauses.append("country = ?")
            params.append(self.country.upper())
        if self.type:
            clauses.append(
                "(lower(acled_event_type) = ? OR lower(acled_sub_event_type) = ? OR lower(plover_type) = ?)"
            )
            params += [self.type.lower()] * 3
        if self.bbox is not None:
            w, s, e, n = self.bbox
            clauses.append("lat BETWEEN ? AND ?")
            params += [s, n]
            if w <= e:
                clauses.append("lon BETWEEN ? AND ?")
                params += [w, e]
            else:  # a box across the antimeridian
                clauses.append("(lon >= ? OR lon <= ?)")
                params += [w, e]
        if self.q and self.q.strip():
            like = "%" + self.q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            clauses.append("(" + " OR ".join(f"{c} ILIKE ? ESCAPE '\\'" for c in _TEXT_COLUMNS) + ")")
            params += [like] * len(_TEXT_COLUMNS)
        if not self.include_rejected:
            clauses.append("coalesce(review_status, '') <> 'rejected'")
        return " AND ".join(clauses), params


def _dicts(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    cols = [d[0] for d in cur.description or []]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, dt.date | dt.datetime) else v) for k, v in row.items()}


def list_events(
    con: duckdb.DuckDBPyConnection, flt: EventFilter | None = None, *, limit: int = 100, offset: int = 0
) -> dict[str, Any]:
    """One page of event summaries (no evidence), in (event_date, event_id) order, and the total.

    Reads as if from ``events_effective``, without its cost (see :class:`_Reviewed`): the
    matching events per day give the total and the days the page lies on; only the keys of
    those days' events are sorted, and only the page's rows are read.
    """
    flt = flt or EventFilter()
    limit, offset = max(0, min(limit, MAX_PAGE)), max(0, offset)
    rev = _Reviewed.read(con, flt, key="event_date")
    days = sorted(_counts(con, flt, "event_date", rev).items(), key=lambda kv: _date_key(kv[0]))
    total = sum(n for _, n in days)
    items: list[dict[str, Any]] = []
    if limit and offset < total:
        cum, before, span = 0, 0, []  # events up to a day; before the page's first day; its days
        for day, n in days:
            cum += n
            if cum <= offset:
                before = cum
                continue
            span.append(day)
            if cum >= offset + limit:
                break
        items = _page(con, flt, rev, span[0], span[-1], offset - before, limit)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def _date_key(day: dt.date | None) -> tuple[bool, dt.date]:
    """(event_date NULLS LAST) as a Python sort key."""
    return (day is None, day or dt.date.min)


# Up to this many ids are looked up one by one in an index (about 20 us each on the 1 M
# benchmark store); more are joined by hash, which costs one scan (about 25 ms) whatever
# their number. DuckDB's own index-scan limit is 2048 rows.
_INDEX_LOOKUPS = 2000
#: merged_events as events_effective shows an event nobody reviewed.
_MACHINE = (
    "(SELECT *, NULL::VARCHAR AS review_status, FALSE AS reviewed, []::VARCHAR[] AS reviewed_fields"
    " FROM merged_events)"
)


def _id_match(column: str, ids: list[str]) -> tuple[str, list[Any]]:
    if len(ids) <= _INDEX_LOOKUPS:
        return f"{column} IN ({sql_ids(ids)})", []
    return f"{column} IN (SELECT unnest(?::VARCHAR[]))", [ids]


@dataclass(frozen=True)
class _Reviewed:
    """The events reviewers touched (few), read apart so filters reach ``merged_events`` directly.

    ``events_effective`` applies reviews with a CASE per column over a LEFT JOIN, so no filter
    on those columns reaches the table scan: every read built all 1 M rows (250-900 ms on the
    benchmark store). Instead the events nobody reviewed are read from ``merged_events`` with
    the filter pushed into the scan, and the reviewed ones from ``reviewed_events`` (kept by
    the writer, see :mod:`palmyra.store.reviewed`) with the same values and filter the view
    gives them: ``ids`` are every reviewed event's, ``machine`` holds ``(key, fatalities)`` of
    those whose machine values match the filter (to take out of a count over
    ``merged_events``), ``effective`` ``(event_id, event_date, key, fatalities)`` of those whose
    reviewed values match it (to put in).
    """

    ids: frozenset[str]
    machine: list[tuple[Any, int]]
    effective: list[tuple[str, dt.date | None, Any, int]]

    @classmethod
    def read(cls, con: duckdb.DuckDBPyConnection, flt: EventFilter, *, key: str) -> _Reviewed:
        """Only the keys: the summary rows the page needs are read by :func:`_page`."""
        where, params = flt.where()
        rows = con.execute(
            f"SELECT machine, event_id, event_date, {key}, fatalities, coalesce({where}, FALSE)"
            " FROM reviewed_events",
            params,
        ).fetchall()
        machine = [(k, f) for is_machine, _, _, k, f, hit in rows if is_machine and hit]
        effective = [(i, d, k, f) for is_machine, i, d, k, f, hit in rows if hit and not is_machine]
        return cls(frozenset(r[1] for r in rows), machine, effective)


def _counts(
    con: duckdb.DuckDBPyConnection, flt: EventFilter, key: str, rev: _Reviewed, *, fatalities: bool = False
) -> dict[Any, Any]:
    """Matching events per ``key`` (with ``fatalities``: ``[events, fatalities]`` per key),
    counted over ``merged_events`` and then corrected for the reviewed events."""
    where, params = flt.where()
    rows = con.execute(
        f"SELECT {key}, count(*), sum(fatalities) FROM {_MACHINE} WHERE {where} GROUP BY 1", params
    ).fetchall()
    out = {k: [n, f] for k, n, f in rows}
    for k, f in rev.machine:
        out[k][0] -= 1
        out[k][1] -= f
    for _, _, k, f in rev.effective:
        got = out.setdefault(k, [0, 0])
        got[0] += 1
        got[1] += f
    return {k: (v if fatalities else v[0]) for k, v in out.items() if v[0] > 0}


def _page(
    con: duckdb.DuckDBPyConnection,
    flt: EventFilter,
    rev: _Reviewed,
    first: dt.date | None,
    last: dt.date | None,
    skip: int,
    limit: int,
) -> list[dict[str, Any]]:
    """The page: ``limit`` events after the first ``skip`` of those dated ``first``..``last``."""
    where, params = flt.where()
    if first is None:
        days, dparams = "event_date IS NULL", []  # type: str, list[Any]
    elif last is None:
        days, dparams = "(event_date >= ? OR event_date IS NULL)", [first]
    else:
        days, dparams = "event_date BETWEEN ? AND ?", [first, last]
    keys = [
        (d, i, False)
        for d, i in con.execute(
            f"SELECT event_date, event_id FROM {_MACHINE} WHERE {where} AND {days}", [*params, *dparams]
        ).fetchall()
        if i not in rev.ids
    ]
    lo, hi = _date_key(first), _date_key(last)
    keys += [(d, i, True) for i, d, _, _ in rev.effective if lo <= _date_key(d) <= hi]
    keys.sort(key=lambda k: (_date_key(k[0]), k[1]))
    page = keys[skip : skip + limit]
    rows: dict[str, dict[str, Any]] = {}
    for reviewed in (False, True):
        ids = [i for _, i, r in page if r is reviewed]
        if not ids:
            continue
        match, mparams = _id_match("event_id", ids)
        table = "reviewed_events WHERE NOT machine AND" if reviewed else f"{_MACHINE} WHERE"
        cur = con.execute(f"SELECT {_SUMMARY} FROM {table} {match}", mparams)
        rows.update((r["event_id"], r) for r in _dicts(cur))
    summary = [c.strip() for c in _SUMMARY.split(",")]
    return [_jsonable({c: rows[i][c] for c in summary}) for _, i, _ in page]


def effective_record(row: dict[str, Any]) -> dict[str, Any]:
    """The merged SPEC record with reviewed values applied; ``machine`` keeps what they replaced."""
    rec: dict[str, Any] = json.loads(row["record"])
    machine: dict[str, Any] = {}
    overrides = {
        "event_date": row.get("v_date"), "acled_event_type": row.get("v_type"),
        "acled_sub_event_type": row.get("v_sub"), "actor1": row.get("v_actor1"),
        "actor2": row.get("v_actor2"), "location": row.get("v_loc"), "fatalities": row.get("v_fatal"),
    }  # fmt: skip
    for fld, raw in overrides.items():
        if raw is None:
            continue
        machine[fld] = rec.get(fld)
        rec[fld] = json.loads(raw)
        if fld == "event_date":
            machine["date_precision"] = rec.get("date_precision")
            rec["date_precision"] = "day"
    rec["reviewed"] = bool(row.get("reviewed"))
    rec["review_status"] = row.get("review_status")
    rec["reviewed_fields"] = list(row.get("reviewed_fields") or [])
    rec["machine"] = machine
    return rec


def iter_events(
    con: duckdb.DuckDBPyConnection, flt: EventFilter | None = None, *, batch: int = 1000
) -> Iterator[dict[str, Any]]:
    """Every matching event as a full record (reviewed values applied), in (event_date, event_id) order."""
    where, params = (flt or EventFilter()).where()
    cur = con.cursor()
    cur.execute(_ITER_SQL.format(where=where, overrides=_OVERRIDES), [*params, *params])
    cols = [d[0] for d in cur.description or []]
    while rows := cur.fetchmany(batch):
        for r in rows:
            yield effective_record(dict(zip(cols, r, strict=True)))


# events_effective, as the union of the events nobody reviewed (straight from merged_events,
# the filter in the scan) and the reviewed ones (from reviewed_events, with the record).
_ITER_SQL = """
SELECT record, reviewed, review_status, reviewed_fields, {overrides} FROM (
    SELECT event_date, event_id, record, reviewed, review_status, reviewed_fields,
        NULL::JSON AS v_date, NULL::JSON AS v_type, NULL::JSON AS v_sub, NULL::JSON AS v_actor1,
        NULL::JSON AS v_actor2, NULL::JSON AS v_loc, NULL::JSON AS v_fatal
    FROM (SELECT *, NULL::VARCHAR AS review_status, FALSE AS reviewed, []::VARCHAR[] AS reviewed_fields
          FROM merged_events)
    WHERE ({where}) AND event_id NOT IN (SELECT event_id FROM reviewed_events)
    UNION ALL
    SELECT r.event_date, r.event_id, m.record, r.reviewed, r.review_status, r.reviewed_fields,
        r.v_date, r.v_type, r.v_sub, r.v_actor1, r.v_actor2, r.v_loc, r.v_fatal
    FROM (SELECT * FROM reviewed_events WHERE NOT machine AND ({where})) r
    JOIN merged_events m USING (event_id)
)
ORDER BY event_date NULLS LAST, event_id
"""


def get_event(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """One event by any id it has had (merged or mention id): its record, reports, articles and reviews."""
    row = con.execute("SELECT event_id FROM merge_links WHERE mention_id = ?", [event_id]).fetchone()
    if row is None:
        return None
    merged_id = row[0]
    rows = _dicts(con.execute("SELECT record FROM merged_events WHERE event_id = ?", [merged_id]))
    if not rows:
        return None
    review = _dicts(
        con.execute(
            f"SELECT reviewed, review_status, reviewed_fields, {_OVERRIDES} FROM reviewed_events"
            " WHERE event_id = ? AND NOT machine",
            [merged_id],
        )
    )
    if review:
        rows[0].update(review[0])
    rec = effective_record(rows[0])
    reports = _dicts(
        con.execute(
            "SELECT m.mention_id, m.article_id, a.outlet, a.title, m.event_date, m.date_precision,"
            " m.acled_sub_event_type, m.actor1, m.actor2, m.location, m.fatalities, l.reason"
            " FROM merge_links l JOIN mentions m USING (mention_id) JOIN articles a USING (article_id)"
            " WHERE l.event_id = ? ORDER BY m.event_date, m.mention_id",
            [merged_id],
        )
    )
    for r in reports:
        r["reason"] = json.loads(r["reason"])
    rec["reports"] = [_jsonable(r) for r in reports]
    rec["articles"] = [
        _jsonable(a)
        for a in _dicts(
            con.execute(
                "SELECT article_id, url, title, outlet, published FROM articles"
                " WHERE article_id IN (SELECT article_id FROM mentions m"
                " JOIN merge_links l USING (mention_id) WHERE l.event_id = ?) ORDER BY article_id",
                [merged_id],
            )
        )
    ]
    rec["reviews"] = list_reviews(con, event_id=merged_id, limit=MAX_PAGE)
    return rec


def get_article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """One article with its text and the merged events it reports."""
    rows = _dicts(
        con.execute(
            "SELECT article_id, url, title, outlet, published, language, text, content_hash, n_events"
            " FROM articles WHERE article_id = ?",
            [article_id],
        )
    )
    if not rows:
        return None
    art = _jsonable(rows[0])
    art["event_ids"] = [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT l.event_id FROM mentions m JOIN merge_links l USING (mention_id)"
            " WHERE m.article_id = ? ORDER BY 1",
            [article_id],
        ).fetchall()
    ]
    return art


def list_articles(con: duckdb.DuckDBPyConnection, *, limit: int = 100, offset: int = 0) -> dict[str, Any]:
    limit = max(0, min(limit, MAX_PAGE))
    total = con.execute("SELECT count(*) FROM articles").fetchone()
    items = _dicts(
        con.execute(
            "SELECT article_id, url, title, outlet, published, n_events FROM articles"
            " ORDER BY published NULLS LAST, article_id LIMIT ? OFFSET ?",
            [limit, max(0, offset)],
        )
    )
    return {"total": int(total[0]) if total else 0, "limit": limit, "offset": offset,
            "items": [_jsonable(i) for i in items]}  # fmt: skip


_STAT_KEYS = {"day": "CAST(event_date AS VARCHAR)", "country": "country", "type": "acled_event_type"}


def stats(con: duckdb.DuckDBPyConnection, by: str, flt: EventFilter | None = None) -> list[dict[str, Any]]:
    """Events and fatalities grouped by ``day``, ``country`` or ``type`` (ACLED event type)."""
    if by not in _STAT_KEYS:
        raise ValueError(f"stats by {by!r}: one of {', '.join(_STAT_KEYS)}")
    flt, key = flt or EventFilter(), _STAT_KEYS[by]
    got = _counts(con, flt, key, _Reviewed.read(con, flt, key=key), fatalities=True)
    return [
        {"key": k, "events": n, "fatalities": int(f)}
        for k, (n, f) in sorted(got.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))
    ]


def list_reviews(
    con: duckdb.DuckDBPyConnection, *, event_id: str | None = None, limit: int = 100, offset: int = 0
) -> list[dict[str, Any]]:
    """The audit trail, newest first: who changed which field of which event, from what to what."""
    where, params = "TRUE", []  # type: str, list[Any]
    if event_id is not None:
        where = "l.event_id = (SELECT event_id FROM merge_links WHERE mention_id = ?)"
        params.append(event_id)
    rows = _dicts(
        con.execute(
            "SELECT r.review_id, l.event_id, r.event_id AS reviewed_as, r.reviewer_id, r.field, r.old_value,"
            " r.new_value, r.note, r.created_at FROM reviews r"
            " LEFT JOIN merge_links l ON l.mention_id = r.event_id"
            f" WHERE {where} ORDER BY r.review_id DESC LIMIT ? OFFSET ?",
            [*params, max(0, min(limit, MAX_PAGE)), max(0, offset)],
        )
    )
    for r in rows:
        r["old_value"] = json.loads(r["old_value"]) if r["old_value"] is not None else None
        r["new_value"] = json.loads(r["new_value"]) if r["new_value"] is not None else None
    return [_jsonable(r) for r in rows]


def list_rejected(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    rows = _dicts(
        con.execute("SELECT input, stage, reason, article_id, first_seen FROM rejected ORDER BY input, stage")
    )
    return [_jsonable(r) for r in rows]


def count_reviews(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("SELECT count(*) FROM reviews").fetchone()
    return int(row[0]) if row else 0


def article_spans(con: duckdb.DuckDBPyConnection, article_id: str) -> list[dict[str, Any]]:
    """The sentences of an article that are evidence for, or claims about, a stored event.

    Each span: ``event_id`` (merged), ``mention_id``, ``kind`` (``evidence`` or ``claim``),
    ``start``/``end`` (character offsets into the article text), ``sentence``, and for
    claims ``source``, ``source_type`` and ``stance``; in text order.
    """
    rows = _dicts(
        con.execute(
            "SELECT l.event_id, e.mention_id, 'evidence' AS kind, e.start_char AS start,"
            ' e.end_char AS "end", e.sentence, NULL AS source, NULL AS source_type, NULL AS stance'
            " FROM evidence e JOIN merge_links l USING (mention_id) WHERE e.article_id = ?"
            " UNION ALL "
            "SELECT l.event_id, c.mention_id, 'claim', c.start_char, c.end_char, c.evidence,"
            " c.source, c.source_type, c.stance"
            " FROM claims c JOIN merge_links l USING (mention_id)"
            " WHERE c.article_id = ? AND c.start_char IS NOT NULL"
            " ORDER BY start, kind DESC, event_id",
            [article_id, article_id],
        )
    )
    return rows
