"""palmyra's store: DuckDB schema, named migrations, the single writer, shared read queries.

::

    migrations.py  the schema, created and changed only by named, recorded migrations
    store.py       Store: the one writer (articles + events in one transaction each, re-merge, reviews)
    merge.py       which reports describe one real event, and why (pure functions)
    ingest.py      ingest(): skip stored articles before the NLP, store the rest, summarise
    queries.py     read queries shared by exports, the API and the web UI
    export.py      csv, acled-csv, jsonl, geojson and parquet writers over queries.iter_events

Nothing here opens a database on import.
"""

from __future__ import annotations

from .ingest import IngestSummary, ingest
from .queries import EventFilter
from .store import DEFAULT_DB, REVIEW_FIELDS, Store, StoreError, content_hash

__all__ = [
    "DEFAULT_DB",
    "REVIEW_FIELDS",
    "EventFilter",
    "IngestSummary",
    "Store",
    "StoreError",
    "content_hash",
    "ingest",
]
