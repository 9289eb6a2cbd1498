"""The single writer to palmyra's DuckDB store.

Concurrency rule: one :class:`Store` opened for writing owns the database file.
DuckDB lets one process open a file read-write, and then no other process may
open it at all; read-only connections from several processes are allowed only
while no process writes. So:

* every write goes through one ``Store`` object (``read_only=False``); its methods
  take an internal lock, so threads in one process (a web server) can share it;
* readers in the same process use :meth:`Store.reader` (a cursor on the same
  database, safe in its own thread) with the functions in :mod:`palmyra.store.queries`;
* another process reads with ``Store(path, read_only=True)`` when nobody writes.

Articles are stored a batch at a time (:meth:`Store.add_articles`), each batch in one
transaction with its mentions, claims, evidence and the re-merge of the events around
them, so a run killed at any point leaves whole articles or none of them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from ..errors import PalmyraError
from ..types import Article, Event, Rejected
from .merge import family_of
from .merged import component_around, insert_rows, load, rewrite, span_of
from .migrations import migrate
from .reviewed import refresh

__all__ = ["DEFAULT_DB", "REVIEW_FIELDS", "Store", "StoreError", "content_hash"]

DEFAULT_DB = "palmyra.duckdb"
#: Fields a reviewer may change; ``status`` takes ``confirmed`` or ``rejected``.
REVIEW_FIELDS = (
    "status",
    "acled_event_type",
    "acled_sub_event_type",
    "actor1",
    "actor2",
    "location",
    "event_date",
    "fatalities",
)
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


class StoreError(PalmyraError):
    """The store cannot be opened or written (locked, not a DuckDB file, read-only)."""


def content_hash(article: Article) -> str:
    """A hash of everything stored about an article: a changed article is re-extracted."""
    parts = [
        article.text,
        article.title or "",
        article.published.isoformat() if article.published else "",
        article.source or "",
        article.url or "",
        article.language,
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Store:
    """A DuckDB store of articles, event mentions, merged events, rejected inputs and reviews."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such store (run palmyra ingest first)")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as e:
            raise StoreError(f"{self.path}: cannot open the store: {e}") from e
        self._lock = threading.RLock()
        self._in_transaction = False
        if read_only:
            from .migrations import MIGRATIONS, applied_migrations

            missing = {n for n, _ in MIGRATIONS} - set(applied_migrations(self.con))
            if missing:
                self.con.close()
                raise StoreError(f"{self.path}: store schema is out of date (run palmyra ingest to migrate)")
        else:
            with self._lock:
                self.applied = migrate(self.con)

    # ------------------------------------------------------------- lifecycle

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def reader(self) -> duckdb.DuckDBPyConnection:
        """A cursor for read queries (one per thread)."""
        return self.con.cursor()

    def _write(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """A transaction around the block, or the block inside the one already open (under the lock)."""
        if self._in_transaction:
            yield
            return
        self.con.execute("BEGIN TRANSACTION")
        self._in_transaction = True
        try:
            yield
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        finally:
            self._in_transaction = False

    # ------------------------------------------------------------- articles

    def article_state(self, article_id: str) -> str | None:
        """The stored content hash of an article, or None when it is not stored."""
        with self._lock:
            row = self.con.execute(
                "SELECT content_hash FROM articles WHERE article_id = ?", [article_id]
            ).fetchone()
        return row[0] if row else None

    def has_article(self, article: Article) -> bool:
        """True when this article, with this content, is already stored."""
        return self.article_state(article.id) == content_hash(article)

    def add_article(self, article: Article, events: list[Event]) -> bool:
        """Store an article and its events, and re-merge; False (nothing changed) when already stored."""
        return self.add_articles([(article, events)])[0]

    def add_articles(self, items: Sequence[tuple[Article, list[Event]]]) -> list[bool]:
        """Store articles with their events and re-merge, all in one transaction.

        Returns, per item, whether it was stored: an article already stored with the same
        content, or a second copy of an id within ``items``, changes nothing. An article
        stored before with other content is replaced, its old mentions with it.
        """
        self._write()
        digests = [content_hash(a) for a, _ in items]
        with self._lock:
            self.con.execute("BEGIN TRANSACTION")
            try:
                stored = dict(
                    self.con.execute(
                        "SELECT article_id, content_hash FROM articles WHERE list_contains(?, article_id)",
                        [sorted({a.id for a, _ in items})],
                    ).fetchall()
                )
                done: list[bool] = []
                fresh: list[tuple[Article, list[Event], str]] = []
                seeds: set[str] = set()
                for (article, events), digest in zip(items, digests, strict=True):
                    new = stored.get(article.id) != digest and all(article.id != f[0].id for f in fresh)
                    done.append(new)
                    if not new:
                        continue
                    if article.id in stored:
                        seeds |= self._delete_article(article.id)
                    fresh.append((article, events, digest))
                if fresh:
                    seeds |= self._insert(fresh)
                    rewrite(self.con, component_around(self.con, seeds))
                self.con.execute("COMMIT")
            except BaseException:
                self.con.execute("ROLLBACK")
                raise
        return done

    def _delete_article(self, article_id: str) -> set[str]:
        """Delete an article and its mentions; return the other members of their merged events."""
        others = [
            r[0]
            for r in self.con.execute(
                "SELECT l2.mention_id FROM mentions m JOIN merge_links l USING (mention_id)"
                " JOIN merge_links l2 ON l2.event_id = l.event_id WHERE m.article_id = ?",
                [article_id],
            ).fetchall()
        ]
        gone = [
            r[0]
            for r in self.con.execute(
                "SELECT DISTINCT l.event_id FROM merge_links l JOIN mentions m USING (mention_id)"
                " WHERE m.article_id = ?",
                [article_id],
            ).fetchall()
        ]
        self.con.execute("DELETE FROM merged_events WHERE list_contains(?, event_id)", [gone])
        refresh(self.con, gone)
        ids = "SELECT mention_id FROM mentions WHERE article_id = ?"
        for table in ("claims", "evidence", "merge_links"):
            self.con.execute(f"DELETE FROM {table} WHERE mention_id IN ({ids})", [article_id])
        self.con.execute("DELETE FROM mentions WHERE article_id = ?", [article_id])
        self.con.execute("DELETE FROM articles WHERE article_id = ?", [article_id])
        remaining = self.con.execute(
            "SELECT mention_id FROM mentions WHERE list_contains(?, mention_id)", [others]
        ).fetchall()
        return {r[0] for r in remaining}

    def _insert(self, fresh: list[tuple[Article, list[Event], str]]) -> set[str]:
        """Insert articles and their events as mentions (a few statements for the lot); the mention ids."""
        now = _now()
        arts, mentions, claims, evidence = [], [], [], []
        for a, events, digest in fresh:
            arts.append([a.id, a.url, a.title, a.source, a.published, a.published_from, a.language, a.origin,
                         a.text, digest, len(events), now])  # fmt: skip
            for seq, ev in enumerate(events):
                mid = _mention_id(a.id, ev.event_id)
                mentions.append(_mention_row(mid, a, seq, ev))
                claims += [
                    [mid, i, c.article_id, c.source, c.source_type, c.stance, c.evidence, c.start, c.end]
                    for i, c in enumerate(ev.claims)
                ]
                evidence += [
                    [mid, i, e.article_id, e.sentence, e.start, e.end] for i, e in enumerate(ev.evidence)
                ]
        for table, rows in (
            ("articles", arts),
            ("mentions", mentions),
            ("claims", claims),
            ("evidence", evidence),
        ):
            if rows:
                insert_rows(self.con, table, rows)
        return {m[0] for m in mentions}

    # ------------------------------------------------------------- merging

    def remerge_all(self) -> int:
        """Recluster every family (after a change to the merge rules); returns the merged event count."""
        self._write()
        with self._lock:
            self.con.execute("BEGIN TRANSACTION")
            try:
                kinds = self.con.execute(
                    "SELECT DISTINCT acled_event_type, plover_type, family FROM mentions"
                ).fetchall()
                for acled, plover, fam in kinds:  # the family rule may have changed
                    if family_of(acled, plover) != fam:
                        self.con.execute(
                            "UPDATE mentions SET family = ? WHERE acled_event_type IS NOT DISTINCT FROM ?"
                            " AND plover_type = ?",
                            [family_of(acled, plover), acled, plover],
                        )
                self.con.execute("DELETE FROM merge_links")
                self.con.execute("DELETE FROM merged_events")
                fams = [r[0] for r in self.con.execute("SELECT DISTINCT family FROM mentions").fetchall()]
                for fam in sorted(fams):
                    rewrite(self.con, load(self.con, "family = ?", [fam]))
                refresh(self.con)
                self.con.execute("COMMIT")
            except BaseException:
                self.con.execute("ROLLBACK")
                raise
            row = self.con.execute("SELECT count(*) FROM merged_events").fetchone()
        return int(row[0]) if row else 0

    # ------------------------------------------------------------- rejected inputs

    def add_rejected(self, item: Rejected) -> bool:
        """Record a rejected input; True when it is new (the same input, stage and reason are kept once)."""
        self._write()
        now = _now()
        with self._lock:
            row = self.con.execute(
                "SELECT count(*) FROM rejected WHERE input = ? AND stage = ? AND reason = ?",
                [item.input, item.stage, item.reason],
            ).fetchone()
            if row and row[0]:
                self.con.execute(
                    "UPDATE rejected SET last_seen = ? WHERE input = ? AND stage = ? AND reason = ?",
                    [now, item.input, item.stage, item.reason],
                )
                return False
            self.con.execute(
                "INSERT INTO rejected VALUES (?, ?, ?, ?, ?, ?)",
                [item.input, item.stage, item.reason, item.article_id, now, now],
            )
        return True

    # ------------------------------------------------------------- reviews

    def add_review(
        self,
        *,
        event_id: str,
        reviewer_id: str,
        field: str,
        new_value: Any,
        note: str | None = None,
        old_value: Any = None,
    ) -> int:
        """Record a reviewer's change to one field of an event; returns the review id.

        ``event_id`` may be any id the event has had (merged or mention id). The
        machine's record is never changed. ``old_value`` defaults to the value shown now.
        """
        self._write()
        if field not in REVIEW_FIELDS:
            raise StoreError(f"cannot review field {field!r}: one of {', '.join(REVIEW_FIELDS)}")
        if field == "status" and new_value not in ("confirmed", "rejected"):
            raise StoreError(f"status must be 'confirmed' or 'rejected', not {new_value!r}")
        with self._lock, self._transaction():
            row = self.con.execute(
                "SELECT l.event_id FROM merge_links l WHERE l.mention_id = ?", [event_id]
            ).fetchone()
            if row is None:
                raise StoreError(f"no event {event_id!r} in the store")
            if old_value is None and field != "status":
                rec = self.con.execute(
                    "SELECT record FROM merged_events WHERE event_id = ?", [row[0]]
                ).fetchone()
                old_value = json.loads(rec[0]).get(field) if rec else None
            out = self.con.execute(
                "INSERT INTO reviews (event_id, reviewer_id, field, old_value, new_value, note, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING review_id",
                [event_id, reviewer_id, field, json.dumps(old_value), json.dumps(new_value), note, _now()],
            ).fetchone()
            refresh(self.con, [row[0]])
        assert out is not None
        return int(out[0])

    def add_analyses(self, items: Iterable[tuple[Article, list[Event]]]) -> int:
        """Store several articles (each in its own transaction); the number newly stored."""
        return sum(self.add_article(a, evs) for a, evs in items)


def _mention_id(article_id: str, event_id: str) -> str:
    # pipeline event ids hash the article id in already; hash again so ids from other
    # producers (tests, imports) stay unique per article too
    return hashlib.sha256(f"{article_id}\x1f{event_id}".encode()).hexdigest()[:16]


def _mention_row(mention_id: str, article: Article, seq: int, ev: Event) -> list[Any]:
    """A ``mentions`` row: key columns for merging and filtering, and the SPEC record as JSON."""
    loc = ev.location
    return [
        mention_id, article.id, seq, family_of(ev.acled_event_type, ev.plover_type), ev.event_date,
        ev.date_precision, ev.plover_type, ev.acled_event_type, ev.acled_sub_event_type,
        ev.actor1.name if ev.actor1 else None, ev.actor2.name if ev.actor2 else None,
        loc.country if loc else None, loc.admin1 if loc else None, loc.name if loc else None,
        loc.lat if loc else None, loc.lon if loc else None,
        (ev.geo_precision or loc.geo_precision) if loc else None,
        ev.fatalities, ev.negated, ev.hypothetical, ev.confidence, article.source,
        json.dumps(ev.record(), ensure_ascii=False, sort_keys=True),
        *span_of(ev.event_date, ev.date_precision),
    ]  # fmt: skip
