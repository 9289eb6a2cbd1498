"""Ingest: read inputs, extract events from the articles not yet stored, store each one.

Idempotent and resumable: an article already stored with the same content hash
is skipped *before* the NLP runs on it, articles are committed in small batches, each
in one transaction with their events and the re-merge, and rejected inputs are recorded
once. A run killed at any point and started again ends with the same store as
an uninterrupted run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..types import Article, Event, Rejected
from .store import Store

__all__ = ["COMMIT_EVERY", "IngestSummary", "ingest"]

# Articles per transaction. Each commit costs DuckDB milliseconds whatever its size; 16 (the
# pipeline's batch) with multi-row inserts took the store's share of ingest from 37.5 ms to 4.0 ms
# an article (benchmarks/merge_corpus/store_scale.py 2000), and a kill loses at most 16 articles' NLP.
COMMIT_EVERY = 16


class _Analysis(Protocol):
    article: Article
    events: list[Event]


class _Pipeline(Protocol):
    def run(self, items: Iterable[Article | Rejected]) -> Iterator[Any]: ...


@dataclass
class IngestSummary:
    """What one ingest run did."""

    read: int = 0
    new: int = 0
    skipped: int = 0
    events: int = 0
    merged_events: int = 0
    mentions_total: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    rejected_new: int = 0

    def lines(self) -> list[str]:
        out = [
            f"articles read: {self.read} (new {self.new}, already stored {self.skipped})",
            f"events found in new articles: {self.events}",
            f"store: {self.mentions_total} event mentions merged into {self.merged_events} events",
            f"rejected: {len(self.rejected)} ({self.rejected_new} not seen before)",
        ]
        reasons = Counter(f"{r.stage}: {r.reason}" for r in self.rejected)
        out += [f"  {n} x {reason}" for reason, n in sorted(reasons.items(), key=lambda x: (-x[1], x[0]))]
        return out


def ingest(
    items: Iterable[Article | Rejected],
    *,
    store: Store,
    pipeline: _Pipeline,
    on_article: Callable[[Article | Rejected], None] | None = None,
    commit_every: int = COMMIT_EVERY,
) -> IngestSummary:
    """Extract and store every article of ``items`` not yet in ``store``; return a summary.

    Articles are committed ``commit_every`` at a time, each batch in one transaction with its
    events and the re-merge: a kill loses at most that batch, which the next run redoes.
    """
    summary = IngestSummary()
    seen: set[str] = set()

    def reject(item: Rejected) -> None:
        summary.rejected.append(item)
        summary.rejected_new += store.add_rejected(item)
        if on_article is not None:
            on_article(item)

    def todo() -> Iterator[Article | Rejected]:
        for item in items:
            if isinstance(item, Rejected):
                yield item
                continue
            summary.read += 1
            first = item.id not in seen
            seen.add(item.id)  # the first copy of an id in a run wins, stored or not
            if not first or store.has_article(item):
                summary.skipped += 1  # stored in an earlier run, or earlier in this one
                if on_article is not None:
                    on_article(item)
                continue
            yield item

    batch: list[_Analysis] = []

    def commit() -> None:
        stored = store.add_articles([(x.article, x.events) for x in batch])
        for analysis, new in zip(batch, stored, strict=True):
            summary.new += new
            summary.skipped += not new
            summary.events += len(analysis.events) if new else 0
            if on_article is not None:
                on_article(analysis.article)
        batch.clear()

    for out in pipeline.run(todo()):
        if isinstance(out, Rejected):
            reject(out)
            continue
        batch.append(out)
        if len(batch) >= commit_every:
            commit()
    if batch:
        commit()
    con = store.reader()
    row = con.execute(
        "SELECT (SELECT count(*) FROM mentions), (SELECT count(*) FROM merged_events)"
    ).fetchone()
    assert row is not None
    summary.mentions_total, summary.merged_events = int(row[0]), int(row[1])
    return summary
