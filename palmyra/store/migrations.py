"""Named, recorded schema migrations.

The schema is created and changed only here. Each migration is a named
function applied once, in list order, inside its own transaction, and recorded
in the ``migrations`` table (name, position, time). A new schema change is a new
function appended to :data:`MIGRATIONS`; an applied one is never edited.

Tables (see ``m001_initial``)::

    articles        one row per stored article (id, url, title, outlet, published, text, content_hash)
    mentions        one row per event the pipeline found in one article: key columns + SPEC record JSON
    claims          who says what, per mention          (mention_id, idx) → source, stance, sentence
    evidence        the sentences behind each mention   (mention_id, idx) → sentence, offsets
    merged_events   one row per real event: key columns + the merged SPEC record JSON
    merge_links     mention → merged event, with the reason as JSON
    rejected        inputs that failed (input, stage, reason), first and last time seen
    reviews         a reviewer's change to one field of one event (old, new, note, time)

``m002_effective_events`` adds the ``events_effective`` view: merged events with
the latest reviewed value of each field applied, which reads and exports share.
``m004_reviewers`` adds the ``reviewers`` table (pseudonymous ids, hashed sign-in tokens).
``m005_reviewed_events`` adds ``reviewed_events``: the reviewed events' rows of the view, and
their machine rows, kept by the writer (:mod:`palmyra.store.reviewed`) so reads skip the view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import duckdb

__all__ = ["MIGRATIONS", "applied_migrations", "migrate"]

Migration = Callable[[duckdb.DuckDBPyConnection], None]


def m001_initial(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        """
        CREATE TABLE articles (
            article_id     VARCHAR PRIMARY KEY,
            url            VARCHAR,
            title          VARCHAR,
            outlet         VARCHAR,
            published      DATE,
            published_from VARCHAR,
            language       VARCHAR,
            origin         VARCHAR,
            text           VARCHAR NOT NULL,
            content_hash   VARCHAR NOT NULL,
            n_events       INTEGER NOT NULL,
            ingested_at    TIMESTAMP NOT NULL
        );
        CREATE TABLE mentions (
            mention_id           VARCHAR PRIMARY KEY,
            article_id           VARCHAR NOT NULL,
            seq                  INTEGER NOT NULL,
            family               VARCHAR NOT NULL,
            event_date           DATE,
            date_precision       VARCHAR,
            plover_type          VARCHAR NOT NULL,
            acled_event_type     VARCHAR,
            acled_sub_event_type VARCHAR,
            actor1               VARCHAR,
            actor2               VARCHAR,
            country              VARCHAR,
            admin1               VARCHAR,
            location             VARCHAR,
            lat                  DOUBLE,
            lon                  DOUBLE,
            geo_precision        INTEGER,
            fatalities           INTEGER NOT NULL,
            negated              BOOLEAN NOT NULL,
            hypothetical         BOOLEAN NOT NULL,
            confidence           DOUBLE NOT NULL,
            outlet               VARCHAR,
            record               JSON NOT NULL
        );
        CREATE INDEX mentions_article ON mentions (article_id);
        CREATE INDEX mentions_family ON mentions (family);
        CREATE TABLE claims (
            mention_id  VARCHAR NOT NULL,
            idx         INTEGER NOT NULL,
            article_id  VARCHAR NOT NULL,
            source      VARCHAR NOT NULL,
            source_type VARCHAR NOT NULL,
            stance      VARCHAR NOT NULL,
            evidence    VARCHAR NOT NULL,
            start_char  INTEGER,
            end_char    INTEGER,
            PRIMARY KEY (mention_id, idx)
        );
        CREATE TABLE evidence (
            mention_id VARCHAR NOT NULL,
            idx        INTEGER NOT NULL,
            article_id VARCHAR NOT NULL,
            sentence   VARCHAR NOT NULL,
            start_char INTEGER NOT NULL,
            end_char   INTEGER NOT NULL,
            PRIMARY KEY (mention_id, idx)
        );
        CREATE TABLE merged_events (
            event_id             VARCHAR PRIMARY KEY,
            family               VARCHAR NOT NULL,
            event_date           DATE,
            date_precision       VARCHAR,
            plover_type          VARCHAR NOT NULL,
            acled_event_type     VARCHAR,
            acled_sub_event_type VARCHAR,
            actor1               VARCHAR,
            actor2               VARCHAR,
            country              VARCHAR,
            admin1               VARCHAR,
            location             VARCHAR,
            lat                  DOUBLE,
            lon                  DOUBLE,
            geo_precision        INTEGER,
            fatalities           INTEGER NOT NULL,
            fatalities_max       INTEGER NOT NULL,
            n_mentions           INTEGER NOT NULL,
            n_articles           INTEGER NOT NULL,
            n_sources            INTEGER NOT NULL,
            negated              BOOLEAN NOT NULL,
            hypothetical         BOOLEAN NOT NULL,
            confidence           DOUBLE NOT NULL,
            record               JSON NOT NULL
        );
        CREATE INDEX merged_date ON merged_events (event_date);
        CREATE TABLE merge_links (
            mention_id VARCHAR PRIMARY KEY,
            event_id   VARCHAR NOT NULL,
            reason     JSON NOT NULL
        );
        CREATE INDEX merge_links_event ON merge_links (event_id);
        CREATE TABLE rejected (
            input      VARCHAR NOT NULL,
            stage      VARCHAR NOT NULL,
            reason     VARCHAR NOT NULL,
            article_id VARCHAR,
            first_seen TIMESTAMP NOT NULL,
            last_seen  TIMESTAMP NOT NULL,
            PRIMARY KEY (input, stage, reason)
        );
        CREATE SEQUENCE review_ids START 1;
        CREATE TABLE reviews (
            review_id   BIGINT PRIMARY KEY DEFAULT nextval('review_ids'),
            event_id    VARCHAR NOT NULL,
            reviewer_id VARCHAR NOT NULL,
            field       VARCHAR NOT NULL,
            old_value   JSON,
            new_value   JSON,
            note        VARCHAR,
            created_at  TIMESTAMP NOT NULL
        );
        CREATE INDEX reviews_event ON reviews (event_id);
        """
    )


def m002_effective_events(con: duckdb.DuckDBPyConnection) -> None:
    """The ``events_effective`` view: merged events with reviewed values applied.

    A review names an event by any id it has had: merged ids are the id of their
    seed mention, so ``reviews.event_id`` is resolved through ``merge_links`` and a
    review survives a later re-merge that changes the merged id. The latest review
    of each field wins. ``status`` reviews set ``review_status`` (``confirmed`` or
    ``rejected``); ``reviewed_fields`` lists the fields a reviewer changed.
    """
    con.execute(
        """
        CREATE VIEW latest_reviews AS
        SELECT l.event_id, r.field,
               arg_max(r.new_value, r.review_id) AS value,
               max(r.created_at) AS reviewed_at
        FROM reviews r JOIN merge_links l ON l.mention_id = r.event_id
        GROUP BY l.event_id, r.field;

        CREATE VIEW events_effective AS
        WITH p AS (
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
            FROM latest_reviews GROUP BY event_id
        )
        SELECT
            m.event_id, m.family,
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
            m.confidence, m.record,
            coalesce(json_extract_string(p.v_status, '$'),
                     CASE WHEN p.event_id IS NOT NULL THEN 'corrected' END) AS review_status,
            coalesce(p.reviewed_fields, []) AS reviewed_fields,
            p.event_id IS NOT NULL AS reviewed,
            p.reviewed_at,
            p.v_date, p.v_type, p.v_sub, p.v_actor1, p.v_actor2, p.v_loc, p.v_fatal
        FROM merged_events m LEFT JOIN p ON p.event_id = m.event_id;
        """
    )


def m003_mention_spans(con: duckdb.DuckDBPyConnection) -> None:
    """The days each mention's date could mean (``span_start``..``span_end``, from its precision),
    so merging finds the mentions near a new one without reading the whole family."""
    con.execute(
        """
        ALTER TABLE mentions ADD COLUMN span_start DATE;
        ALTER TABLE mentions ADD COLUMN span_end DATE;
        UPDATE mentions SET
            span_start = CASE date_precision
                WHEN 'week' THEN event_date - INTERVAL 3 DAY
                WHEN 'month' THEN date_trunc('month', event_date)
                WHEN 'year' THEN date_trunc('year', event_date)
                ELSE event_date END,
            span_end = CASE date_precision
                WHEN 'week' THEN event_date + INTERVAL 3 DAY
                WHEN 'month' THEN last_day(event_date)
                WHEN 'year' THEN date_trunc('year', event_date) + INTERVAL 1 YEAR - INTERVAL 1 DAY
                ELSE event_date END;
        CREATE INDEX mentions_span ON mentions (family, span_start);
        """
    )


def m004_reviewers(con: duckdb.DuckDBPyConnection) -> None:
    """Reviewer accounts for the review desk (``palmyra reviewer add``, ``palmyra serve``).

    A reviewer is known to everyone else by ``reviewer_id`` (``R1``, ``R2``, ...), the
    value written in ``reviews.reviewer_id``. The email is kept for the operator only
    (``palmyra reviewer list``): no query shared with the API or exports reads it. The
    sign-in token is never stored: only a random salt and its scrypt hash.
    """
    con.execute(
        """
        CREATE SEQUENCE reviewer_numbers START 1;
        CREATE TABLE reviewers (
            reviewer_id VARCHAR PRIMARY KEY,
            number      INTEGER NOT NULL UNIQUE,
            email       VARCHAR NOT NULL UNIQUE,
            token_salt  BLOB NOT NULL,
            token_hash  BLOB NOT NULL,
            created_at  TIMESTAMP NOT NULL,
            revoked_at  TIMESTAMP
        );
        """
    )


def m005_reviewed_events(con: duckdb.DuckDBPyConnection) -> None:
    """The ``reviewed_events`` table (see :mod:`palmyra.store.reviewed`), filled from the
    reviews already stored. Two rows per reviewed merged event: ``machine = FALSE`` holds its
    summary as ``events_effective`` shows it, ``machine = TRUE`` as ``merged_events`` does.

    The backfill is :func:`~palmyra.store.reviewed.refresh`, which writes this table's columns:
    a later change to them is a new migration that rebuilds the table its own way.
    """
    from .reviewed import refresh

    con.execute(
        """
        CREATE TABLE reviewed_events (
            event_id             VARCHAR NOT NULL,
            event_date           DATE,
            date_precision       VARCHAR,
            plover_type          VARCHAR NOT NULL,
            acled_event_type     VARCHAR,
            acled_sub_event_type VARCHAR,
            actor1               VARCHAR,
            actor2               VARCHAR,
            country              VARCHAR,
            admin1               VARCHAR,
            location             VARCHAR,
            lat                  DOUBLE,
            lon                  DOUBLE,
            geo_precision        INTEGER,
            fatalities           INTEGER,
            fatalities_max       INTEGER NOT NULL,
            n_mentions           INTEGER NOT NULL,
            n_articles           INTEGER NOT NULL,
            n_sources            INTEGER NOT NULL,
            negated              BOOLEAN NOT NULL,
            hypothetical         BOOLEAN NOT NULL,
            confidence           DOUBLE NOT NULL,
            reviewed             BOOLEAN NOT NULL,
            review_status        VARCHAR,
            reviewed_fields      VARCHAR[] NOT NULL,
            machine              BOOLEAN NOT NULL,
            reviewed_at          TIMESTAMP,
            v_date               JSON,
            v_type               JSON,
            v_sub                JSON,
            v_actor1             JSON,
            v_actor2             JSON,
            v_loc                JSON,
            v_fatal              JSON,
            PRIMARY KEY (event_id, machine)
        );
        """
    )
    refresh(con)


#: Every migration, in the order it is applied. Append; never edit or reorder.
MIGRATIONS: list[tuple[str, Migration]] = [
    ("001_initial", m001_initial),
    ("002_effective_events", m002_effective_events),
    ("003_mention_spans", m003_mention_spans),
    ("004_reviewers", m004_reviewers),
    ("005_reviewed_events", m005_reviewed_events),
]


def applied_migrations(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Names of the migrations recorded in this database, in order (empty for a new file)."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'migrations'"
    ).fetchone()
    if not exists or not exists[0]:
        return []
    return [r[0] for r in con.execute("SELECT name FROM migrations ORDER BY seq").fetchall()]


def migrate(
    con: duckdb.DuckDBPyConnection, migrations: list[tuple[str, Migration]] | None = None
) -> list[str]:
    """Apply the migrations not yet recorded, each in its own transaction; return their names."""
    todo = MIGRATIONS if migrations is None else migrations
    con.execute(
        "CREATE TABLE IF NOT EXISTS migrations ("
        "name VARCHAR PRIMARY KEY, seq INTEGER NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    done = set(applied_migrations(con))
    applied: list[str] = []
    for seq, (name, fn) in enumerate(todo, start=1):
        if name in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            fn(con)
            now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            con.execute("INSERT INTO migrations VALUES (?, ?, ?)", [name, seq, now])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied
