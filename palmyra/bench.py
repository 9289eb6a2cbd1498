"""``palmyra bench``: extraction throughput and peak memory on a corpus.

Times model/gazetteer loading apart from extraction, so the articles-per-second
figure is steady-state throughput on one process.
"""

from __future__ import annotations

import io
import json
import resource
import sys
import time
from dataclasses import dataclass, replace
from importlib import resources

from .ingest import read_inputs
from .nlp import DEFAULT_MODEL
from .pipeline import Pipeline
from .types import Article, Rejected

__all__ = ["BenchResult", "run_bench"]


@dataclass(frozen=True)
class BenchResult:
    articles: int
    words: int
    events: int
    rejected: int
    load_s: float
    run_s: float
    peak_rss_mb: float
    model: str

    def summary(self) -> str:
        rate = self.articles / self.run_s if self.run_s else 0.0
        return (
            f"bench: {self.articles} articles, {self.words} words, {self.events} events, "
            f"{self.rejected} rejected | load {self.load_s:.1f} s | extract {self.run_s:.1f} s = "
            f"{rate:.1f} articles/s, {self.words / self.run_s if self.run_s else 0:.0f} words/s | "
            f"peak RSS {self.peak_rss_mb:.0f} MB | model {self.model}"
        )


def _sample(repeat: int) -> list[Article]:
    text = resources.files("palmyra.samples").joinpath("sample.jsonl").read_text(encoding="utf-8")
    base = [json.loads(line) for line in text.splitlines() if line.strip()]
    items = [a for a in read_inputs(["-"], stdin=_lines(base)) if isinstance(a, Article)]
    return [replace(a, id=f"{a.id}-{i}") for i in range(repeat) for a in items]


def _lines(rows: list[dict[str, object]]) -> io.StringIO:
    return io.StringIO("\n".join(json.dumps(r) for r in rows) + "\n")


def run_bench(*, inputs: list[str], repeat: int = 50, model: str = DEFAULT_MODEL) -> BenchResult:
    t0 = time.perf_counter()
    pipe = Pipeline(model=model)
    pipe.warm_up()
    load = time.perf_counter() - t0
    items: list[Article | Rejected] = list(read_inputs(inputs)) if inputs else list(_sample(repeat))
    words = sum(len(a.text.split()) for a in items if isinstance(a, Article))
    n_articles = events = rejected = 0
    t1 = time.perf_counter()
    for out in pipe.run(items):
        if isinstance(out, Rejected):
            rejected += 1
        else:
            n_articles += 1
            events += len(out.events)
    run = time.perf_counter() - t1
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 if sys.platform != "darwin" else 1024**2)
    return BenchResult(n_articles, words, events, rejected, load, run, rss, model)
