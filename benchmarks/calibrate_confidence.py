"""Fit palmyra's confidence model (palmyra/resources/confidence.json) on a dev split.

Data: the *train* split of ConfliBERT's CAMEO sentences (``conflibert_cameo/cameo_class_train.tsv``
in the gold folder; the test split and all PLOVER gold records stay held out for the reliability
tables that ``palmyra eval conflibert_cameo`` and ``palmyra eval plover_gsr_cameo`` print). Every
event palmyra codes on a sentence is one example, right when its CAMEO root falls in the sentence's
gold class. The model is an L2-regularised logistic regression over
``palmyra.stages.confidence.FEATURES``, fitted by gradient descent (numpy; no new dependency).

    .venv/bin/python benchmarks/calibrate_confidence.py [--data-dir ../shared/data] [--write]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

import numpy as np

from palmyra.evals import data_dir
from palmyra.evals.conflibert_cameo import parse_classes, root_class
from palmyra.pipeline import Pipeline
from palmyra.stages import assemble
from palmyra.stages.confidence import FEATURES, confidence, features
from palmyra.types import Article, Event, Rejected

OUT = Path(__file__).resolve().parent.parent / "palmyra" / "resources" / "confidence.json"
L2 = 1.0  # ridge penalty on the summed log-loss; 1.0 keeps rare type weights near 0
STEPS = 4000
RATE = 0.5


def fit(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    w = np.zeros(x.shape[1])
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) / len(y) + L2 * w / len(y)
        grad[0] -= L2 * w[0] / len(y)  # no penalty on the bias
        w -= RATE * grad
    return w


def reliability(probs: list[float], labels: list[int]) -> list[tuple[str, int, float]]:
    rows = []
    for name, lo, hi in (("< 0.5", 0.0, 0.5), ("0.5-0.8", 0.5, 0.8), (">= 0.8", 0.8, 1.01)):
        sel = [y for p, y in zip(probs, labels, strict=True) if lo <= p < hi]
        rows.append((name, len(sel), sum(sel) / len(sel) if sel else float("nan")))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir")
    ap.add_argument("--write", action="store_true", help=f"write the weights to {OUT}")
    args = ap.parse_args()
    rows = parse_classes((data_dir(args.data_dir) / "conflibert_cameo" / "cameo_class_train.tsv").read_text())
    # The background flag (a clause the record does not carry) is seen where assembly scores the event
    told_in_background: dict[str, bool] = {}

    def scored(e: Event, weights: dict[str, float] | None = None, *, background: bool = False) -> float:
        told_in_background[e.event_id] = background
        return confidence(e, weights, background=background)

    assemble.confidence = scored
    pipe = Pipeline()
    articles = [Article(id=f"t{i}", text=t) for i, (t, _) in enumerate(rows)]
    xs, ys, events = [], [], []
    for (_, gold), item in zip(rows, pipe.run(articles), strict=True):
        if isinstance(item, Rejected):
            continue
        for e in item.events:
            xs.append(features(e, background=told_in_background.get(e.event_id, False)))
            ys.append(int(root_class(e.cameo_root) == gold))
            events.append((e, told_in_background.get(e.event_id, False)))
    x, y = np.array(xs), np.array(ys, dtype=float)
    w = fit(x, y)
    weights = {name: round(float(v), 4) for name, v in zip(FEATURES, w, strict=True) if abs(v) >= 1e-4}
    probs = [confidence(e, weights, background=bg) for e, bg in events]
    table = reliability(probs, ys)
    print(f"examples: {len(ys)} events on {len(rows)} train sentences, {int(y.sum())} right ({y.mean():.3f})")
    print("reliability on the training events (held out: palmyra eval conflibert_cameo, plover_gsr_cameo)")
    for name, n, share in table:
        print(f"  {name:8} {n:5d} events  {share:.3f} right")
    if args.write:
        OUT.write_text(
            json.dumps(
                {
                    "about": (
                        "Logistic confidence model (palmyra/stages/confidence.py), fitted "
                        f"{dt.date.today().isoformat()} by benchmarks/calibrate_confidence.py --write on "
                        f"{len(ys)} events from the {len(rows)} ConfliBERT CAMEO train sentences "
                        f"(L2={L2}, {STEPS} steps); training reliability: "
                        + "; ".join(f"{name}: {n} events, {share:.3f} right" for name, n, share in table)
                    ),
                    "weights": weights,
                },
                indent=1,
            )
            + "\n"
        )
        print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
