"""Store throughput and read latency on hand-built events (no NLP): what the store adds to ingest.

    .venv/bin/python benchmarks/merge_corpus/store_scale.py 2000

Builds N articles of 1-3 events each (300 towns, one year, three event kinds), ingests them
through ``palmyra.store.ingest`` with a stand-in pipeline, then times ``list_events`` (p50 and
max of 20 calls), ``stats`` and a csv export on the result.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from palmyra.store import EventFilter, Store, ingest, queries  # noqa: E402
from palmyra.store.export import export  # noqa: E402
from palmyra.types import Article, Place  # noqa: E402
from tests.store.conftest import AIR, ARMY, CIVILIANS, REBELS, FakeAnalysis, event  # noqa: E402


def corpus(n: int) -> list[FakeAnalysis]:
    rng = random.Random(1)
    towns = [
        Place(f"T{i}", 0, 1, f"Town{i}", 1000 + i, rng.uniform(-30, 50), rng.uniform(-20, 100),
              rng.choice(["SYR", "IRQ", "NGA", "MLI", "AFG"]), "A", None, "PPL", 1000)
        for i in range(300)
    ]  # fmt: skip
    items = []
    for i in range(n):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(365))
        evs = [
            event(f"x{i}", seq=k, date=day.isoformat(), place=rng.choice(towns), fatalities=rng.randrange(20),
                  actor1=rng.choice([ARMY, AIR, None]), actor2=rng.choice([REBELS, CIVILIANS, None]),
                  kind=rng.choice(["battle", "airstrike", "protest"]), source="s")
            for k in range(rng.randint(1, 3))
        ]  # fmt: skip
        items.append(FakeAnalysis(Article(id=f"x{i}", text=f"t{i}", source=f"o{i % 20}", published=day), evs))
    return items


class Replay:
    def __init__(self, items: list[FakeAnalysis]) -> None:
        self.by_id = {x.article.id: x for x in items}

    def run(self, arts: Iterable[Any]) -> Iterator[FakeAnalysis]:
        for a in arts:
            yield self.by_id[a.id]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    items = corpus(n)
    db = Path(tempfile.mkdtemp()) / f"scale{n}.duckdb"
    with Store(db) as s:
        t = time.perf_counter()
        summ = ingest([x.article for x in items], store=s, pipeline=Replay(items))
        el = time.perf_counter() - t
        print(f"{n} articles, {summ.mentions_total} mentions -> {summ.merged_events} events:"
              f" {el:.1f} s, {1000 * el / n:.1f} ms/article")  # fmt: skip
        con = s.reader()
        for label, f in [
            ("all", EventFilter()),
            ("country+type", EventFilter(country="SYR", type="Battles")),
            ("bbox", EventFilter(bbox=(0, 0, 40, 40))),
        ]:
            ts = []
            for _ in range(20):
                t = time.perf_counter()
                queries.list_events(con, f, limit=100, offset=200)
                ts.append(time.perf_counter() - t)
            ts.sort()
            print(f"list_events {label}: p50 {1000 * ts[10]:.1f} ms, max {1000 * ts[-1]:.1f} ms")
        t = time.perf_counter()
        queries.stats(con, "day")
        print(f"stats by day: {1000 * (time.perf_counter() - t):.1f} ms")
        t = time.perf_counter()
        rows = export(con, "csv", out=io.StringIO())
        print(f"csv export of {rows} events: {time.perf_counter() - t:.2f} s")


if __name__ == "__main__":
    main()
