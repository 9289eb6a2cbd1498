"""Merge benchmark: ingest the merge corpus into a temporary store and score the merging.

    .venv/bin/python benchmarks/merge_eval.py                 # pairwise and B-cubed P/R/F1
    .venv/bin/python benchmarks/merge_eval.py --show 20       # and the first 20 wrong pairs, explained
    .venv/bin/python benchmarks/merge_eval.py --db kept.duckdb  # keep the store (re-runs skip the NLP)

Each report of ``merge_corpus/reports.jsonl`` belongs to one real event in ``gold.json``.
A report's predicted event is the merged event, among those of its ACLED-coded asserted
mentions, that the most articles report (ties: the first in the text); reports where the
pipeline finds no such mention count as singletons. Two reports are predicted
together when their predicted events are the same; pairs are scored against gold pairs.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).parent
CORPUS = HERE / "merge_corpus"


def predicted(con) -> tuple[dict[str, str], dict[str, dict]]:  # type: ignore[no-untyped-def]
    rows = con.execute(
        "SELECT m.article_id, l.event_id, m.family, m.event_date, m.actor1, m.actor2, m.location,"
        " m.lat, m.lon FROM mentions m JOIN merge_links l USING (mention_id)"
        " WHERE m.acled_event_type IS NOT NULL AND NOT m.negated AND NOT m.hypothetical"
        " ORDER BY m.article_id, m.seq"
    ).fetchall()
    size = dict(con.execute("SELECT event_id, n_articles FROM merged_events").fetchall())
    pred: dict[str, str] = {}
    info: dict[str, dict] = {}
    for art, eid, fam, day, a1, a2, loc, lat, lon in rows:
        if art not in pred or size[eid] > size[pred[art]]:
            pred[art] = eid
            info[art] = {"family": fam, "date": str(day), "actors": (a1, a2), "place": loc, "ll": (lat, lon)}
    return pred, info


def score(gold: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    ids = sorted(gold)
    cluster = {r: pred.get(r, f"single:{r}") for r in ids}
    tp = fp = fn = 0
    for a, b in itertools.combinations(ids, 2):
        same_gold, same_pred = gold[a] == gold[b], cluster[a] == cluster[b]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    by_gold, by_pred = defaultdict(set), defaultdict(set)
    for x in ids:
        by_gold[gold[x]].add(x)
        by_pred[cluster[x]].add(x)
    bp = sum(len(by_gold[gold[x]] & by_pred[cluster[x]]) / len(by_pred[cluster[x]]) for x in ids) / len(ids)
    br = sum(len(by_gold[gold[x]] & by_pred[cluster[x]]) / len(by_gold[gold[x]]) for x in ids) / len(ids)
    return {
        "pairs_gold": tp + fn, "pairs_pred": tp + fp, "tp": tp,
        "precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "b3_precision": bp, "b3_recall": br, "b3_f1": 2 * bp * br / (bp + br) if bp + br else 0.0,
    }  # fmt: skip


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="store file to use and keep (default: a temporary one)")
    ap.add_argument("--show", type=int, default=0, help="print this many wrong pairs")
    ap.add_argument("--model", default=None, help="spaCy pipeline (default: palmyra's)")
    args = ap.parse_args()

    from palmyra.ingest import read_inputs
    from palmyra.pipeline import Pipeline
    from palmyra.store import Store, ingest

    gold = json.loads((CORPUS / "gold.json").read_text())["reports"]
    tmp = tempfile.TemporaryDirectory()
    db = args.db or str(Path(tmp.name) / "merge.duckdb")
    pipe = Pipeline(model=args.model) if args.model else Pipeline()
    t0 = time.perf_counter()
    with Store(db) as store:
        summary = ingest(read_inputs([str(CORPUS / "reports.jsonl")]), store=store, pipeline=pipe)
        t1 = time.perf_counter()
        n = store.remerge_all()
        t2 = time.perf_counter()
        pred, info = predicted(store.reader())
    s = score(gold, pred)
    print(f"corpus: {len(gold)} reports, {len(set(gold.values()))} events ({CORPUS / 'reports.jsonl'})")
    print(f"ingest: {summary.new} new articles in {t1 - t0:.1f} s;"
          f" {summary.mentions_total} mentions -> {n} events;"
          f" re-merge of the whole store {1000 * (t2 - t1):.0f} ms")  # fmt: skip
    print(f"reports with no ACLED event found: {len(gold) - len(pred)}")
    print(f"pairwise  precision {s['precision']:.3f}  recall {s['recall']:.3f}  F1 {s['f1']:.3f}"
          f"  (gold pairs {s['pairs_gold']}, predicted {s['pairs_pred']}, right {s['tp']})")  # fmt: skip
    print(f"B-cubed   precision {s['b3_precision']:.3f}  recall {s['b3_recall']:.3f}  F1 {s['b3_f1']:.3f}")
    found = {r: g for r, g in gold.items() if r in pred}
    c = score(found, pred)
    print(f"merging alone, over the {len(found)} reports with an event found:")
    print(f"pairwise  precision {c['precision']:.3f}  recall {c['recall']:.3f}  F1 {c['f1']:.3f}"
          f"  (gold pairs {c['pairs_gold']}, predicted {c['pairs_pred']}, right {c['tp']})")  # fmt: skip
    print(f"B-cubed   precision {c['b3_precision']:.3f}  recall {c['b3_recall']:.3f}  F1 {c['b3_f1']:.3f}")
    if args.show:
        shown = 0
        for a, b in itertools.combinations(sorted(gold), 2):
            same_gold = gold[a] == gold[b]
            same_pred = a in pred and pred.get(a) == pred.get(b)
            if a not in pred or b not in pred:
                continue
            if same_gold != same_pred and shown < args.show:
                kind = "MISSED" if same_gold else "FALSE "
                print(f"{kind} {a} {info.get(a)}\n       {b} {info.get(b)}")
                shown += 1
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
