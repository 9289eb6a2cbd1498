"""The ``reviewed_events`` table: the events reviewers touched, kept by the writer for fast reads.

``events_effective`` (migration 002) applies reviews with a CASE per column over a LEFT JOIN
of all merged events, so every read through it builds all of them, and reading only the
reviewed ones through it costs one index look-up per event (about 40 ms for 1,000 reviewed
events on the 1 M benchmark store). Instead the writer keeps two rows per reviewed merged
event here, in the same transaction as the write that changes them:

* ``machine = FALSE``: the event's summary as ``events_effective`` shows it (reviewed values
  applied, ``reviewed``, ``review_status``, ``reviewed_fields``), with ``reviewed_at`` and the
  raw reviewed values (``v_date`` ... ``v_fatal``) that :func:`queries.effective_record` applies
  to the stored record;
* ``machine = TRUE``: the machine's summary, as ``merged_events`` shows the event (no review),

so a read counts and pages over ``merged_events`` with its filter pushed into the scan, takes
out what the ``machine`` rows match and puts in what the reviewed rows match, reading a table
of a few rows instead of the view.

Rows change when a review is added (:meth:`Store.add_review`) and when merged events are
rewritten (:func:`palmyra.store.merged.rewrite`, a deleted article, a full re-merge): each calls
:func:`refresh` with the merged ids whose rows may have changed. ``tests/store`` checks the
table against the view after each of these.
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb

__all__ = ["COLUMNS", "SUMMARY", "refresh", "sql_ids"]

#: The summary columns a list of events returns (``queries.list_events``), in order.
SUMMARY = (
    "event_id, event_date, date_precision, plover_type, acled_event_type, acled_sub_event_type,"
    " actor1, actor2, country, admin1, location, lat, lon, geo_precision, fatalities, fatalities_max,"
    " n_mentions, n_articles, n_sources, negated, hypothetical, confidence,"
    " reviewed, review_status, reviewed_fields"
)
#: Every column of ``reviewed_events``, in table order.
COLUMNS = SUMMARY + ", machine, reviewed_at, v_date, v_type, v_sub, v_actor1, v_actor2, v_loc, v_fatal"


def sql_ids(ids: Iterable[str]) -> str:
    """Ids as an SQL list of literals: DuckDB answers ``col IN ('a', 'b')`` from the column's
    ART index (a bound list or a join scans the whole column)."""
    return ", ".join("'" + i.replace("'", "''") + "'" for i in ids) or "NULL"


def refresh(con: duckdb.DuckDBPyConnection, event_ids: Iterable[str] | None = None) -> None:
    """Recompute the rows of these merged events (all with None) from ``reviews``,
    ``merge_links`` and ``merged_events``; an id with no review or no merged event loses its
    rows. Run it inside the transaction of the write that made the change."""
    if event_ids is None:
        con.execute("DELETE FROM reviewed_events")
        match = "TRUE"
    else:
        ids = sorted(set(event_ids))
        if not ids:
            return
        con.execute("DELETE FROM reviewed_events WHERE list_contains(?, event_id)", [ids])
        # few ids: literals, so the indexes on merge_links.event_id and merged_events answer
        match = f"event_id IN ({sql_ids(ids)})"
    con.execute(f"INSERT INTO reviewed_events ({COLUMNS}) " + _ROWS.format(match=match))


# The events_effective view (migration 002_effective_events) for the given merged events,
# plus each one's machine row: keep the two in step (tests/store/test_queries_fast.py
# compares them field by field).
_ROWS = """
WITH l AS (SELECT mention_id, event_id FROM merge_links WHERE {match}),
lr AS (
    SELECT l.event_id, r.field, arg_max(r.new_value, r.review_id) AS value,
           max(r.created_at) AS reviewed_at
    FROM reviews r JOIN l ON l.mention_id = r.event_id GROUP BY l.event_id, r.field
),
p AS (
    SELECT event_id,
        max(CASE WHEN field = 'event_date' THEN value END) AS v_date,
        max(CASE WHEN field = 'acled_event_type' THEN value END) AS v_type,
        max(CASE WHEN field = 'acled_sub_event_type' THEN value END) AS v_sub,
        max(CASE WHEN field = 'actor1' THEN value END) AS v_actor1,
        max(CASE WHEN field = 'actor2' THEN value END) AS v_actor2,
        max(CASE WHEN field = 'location' THEN value END) AS v_loc,
        max(CASE WHEN field = 'fatalities' THEN value END) AS v_fatal,
        max(CASE WHEN field = 'status' THEN value END) AS v_status,
        list(field ORDER BY field) FILTER (WHERE field <> 'status') AS reviewed_fields,
        max(reviewed_at) AS reviewed_at
    FROM lr GROUP BY event_id
),
m AS MATERIALIZED (
    SELECT event_id, event_date, date_precision, plover_type, acled_event_type, acled_sub_event_type,
           actor1, actor2, country, admin1, location, lat, lon, geo_precision, fatalities,
           fatalities_max, n_mentions, n_articles, n_sources, negated, hypothetical, confidence
    FROM merged_events WHERE {match}
)
SELECT
    m.event_id,
    coalesce(TRY_CAST(json_extract_string(p.v_date, '$') AS DATE), m.event_date) AS event_date,
    CASE WHEN p.v_date IS NOT NULL THEN 'day' ELSE m.date_precision END AS date_precision,
    m.plover_type,
    CASE WHEN p.v_type IS NOT NULL THEN json_extract_string(p.v_type, '$')
         ELSE m.acled_event_type END AS acled_event_type,
    CASE WHEN p.v_sub IS NOT NULL THEN json_extract_string(p.v_sub, '$')
         ELSE m.acled_sub_event_type END AS acled_sub_event_type,
    CASE WHEN p.v_actor1 IS NOT NULL THEN json_extract_string(p.v_actor1, '$.name')
         ELSE m.actor1 END AS actor1,
    CASE WHEN p.v_actor2 IS NOT NULL THEN json_extract_string(p.v_actor2, '$.name')
         ELSE m.actor2 END AS actor2,
    CASE WHEN p.v_loc IS NOT NULL THEN json_extract_string(p.v_loc, '$.country')
         ELSE m.country END AS country,
    CASE WHEN p.v_loc IS NOT NULL THEN json_extract_string(p.v_loc, '$.admin1')
         ELSE m.admin1 END AS admin1,
    CASE WHEN p.v_loc IS NOT NULL THEN json_extract_string(p.v_loc, '$.name')
         ELSE m.location END AS location,
    CASE WHEN p.v_loc IS NOT NULL THEN TRY_CAST(json_extract(p.v_loc, '$.lat') AS DOUBLE)
         ELSE m.lat END AS lat,
    CASE WHEN p.v_loc IS NOT NULL THEN TRY_CAST(json_extract(p.v_loc, '$.lon') AS DOUBLE)
         ELSE m.lon END AS lon,
    CASE WHEN p.v_loc IS NOT NULL
         THEN coalesce(TRY_CAST(json_extract(p.v_loc, '$.geo_precision') AS INTEGER), 1)
         ELSE m.geo_precision END AS geo_precision,
    coalesce(TRY_CAST(json_extract(p.v_fatal, '$') AS INTEGER), m.fatalities) AS fatalities,
    m.fatalities_max, m.n_mentions, m.n_articles, m.n_sources, m.negated, m.hypothetical,
    m.confidence,
    TRUE AS reviewed,
    coalesce(json_extract_string(p.v_status, '$'), 'corrected') AS review_status,
    coalesce(p.reviewed_fields, []) AS reviewed_fields,
    FALSE AS machine, p.reviewed_at,
    p.v_date, p.v_type, p.v_sub, p.v_actor1, p.v_actor2, p.v_loc, p.v_fatal
FROM m JOIN p USING (event_id)
UNION ALL
SELECT
    m.*, FALSE AS reviewed, NULL AS review_status, []::VARCHAR[] AS reviewed_fields,
    TRUE AS machine, NULL AS reviewed_at,
    NULL AS v_date, NULL AS v_type, NULL AS v_sub, NULL AS v_actor1, NULL AS v_actor2, NULL AS v_loc,
    NULL AS v_fatal
FROM m SEMI JOIN p USING (event_id)
"""
