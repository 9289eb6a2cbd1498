"""The seed report (USA Today, Palmyra retaken, 27 March 2016) in its three input forms,
scored by the project's ``tools/score_seed.py`` against ``data/seed/expected.json``.

Each form (``article.jsonl``, ``.html``, ``.txt``) is read as ``palmyra extract`` reads it
(the .txt form carries no publication date), its events are written as JSON Lines and the
scorer is run on them; its summary line (``must a/b should c/d traps n``) is the score.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ._coding import add_common_arguments, format_table, gate_exit, make_pipeline_for

NAME = "seed"
HELP = "the seed report in .jsonl/.html/.txt form, scored by tools/score_seed.py"
FORMS = ("jsonl", "html", "txt")
_SUMMARY = re.compile(r"must (\d+)/(\d+) should (\d+)/(\d+) traps (\d+)")


@dataclass(frozen=True)
class SeedResult:
    form: str
    events: int
    must: int
    must_of: int
    should: int
    should_of: int
    traps: int
    detail: str


def parse_summary(form: str, events: int, output: str) -> SeedResult:
    """Read score_seed.py's output (its last matching line is the summary)."""
    found = _SUMMARY.findall(output)
    if not found:
        raise ValueError(f"no summary line in the seed scorer's output: {output[-200:]!r}")
    m, mo, s, so, t = map(int, found[-1])
    return SeedResult(form, events, m, mo, s, so, t, output)


def scores(results: list[SeedResult]) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for r in results:
        out[f"{r.form}_must"] = r.must / r.must_of if r.must_of else None
        out[f"{r.form}_should"] = r.should / r.should_of if r.should_of else None
        out[f"{r.form}_trap_free"] = 1.0 if r.traps == 0 else 0.0
    return out


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_common_arguments(p)
    p.add_argument(
        "--scorer",
        metavar="FILE",
        help="score_seed.py (default: tools/score_seed.py beside the data folder)",
    )
    p.add_argument("--forms", nargs="+", choices=FORMS, default=list(FORMS), help="input forms to score")


def evaluate(args: argparse.Namespace) -> list[SeedResult]:
    from ..ingest import read_inputs
    from ..types import Rejected

    seed = Path(args.data_dir) / NAME
    scorer = (
        Path(args.scorer) if args.scorer else Path(args.data_dir).resolve().parent / "tools" / "score_seed.py"
    )
    if not scorer.is_file():
        from ..errors import PalmyraError

        raise PalmyraError(f"seed scorer not found at {scorer}: pass --scorer FILE")
    pipe = make_pipeline_for(args)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for form in args.forms:
            out = Path(tmp) / f"events-{form}.jsonl"
            n = 0
            with out.open("w", encoding="utf-8") as fh:
                for item in pipe.run(read_inputs([str(seed / f"article.{form}")])):
                    if isinstance(item, Rejected):
                        continue
                    for e in item.events:
                        fh.write(json.dumps(e.record(), ensure_ascii=False) + "\n")
                        n += 1
            res = subprocess.run(
                [sys.executable, str(scorer), str(out), str(seed / "expected.json")],
                capture_output=True,
                text=True,
                check=False,
            )
            results.append(parse_summary(form, n, res.stdout))
    return results


def run(args: argparse.Namespace) -> int:
    results = evaluate(args)
    rows = [
        [r.form, r.events, f"{r.must}/{r.must_of}", f"{r.should}/{r.should_of}", r.traps] for r in results
    ]
    print(format_table(["form", "events", "must", "should", "traps"], rows))
    for r in results:
        fails = [ln for ln in r.detail.splitlines() if "FAIL" in ln or ln.startswith(("[trap]", "      "))]
        if fails:
            print(f"\n{r.form}:")
            print("\n".join(fails))
    head = results[0] if results else None
    if head is not None:
        others = "".join(f"; {r.form} must {r.must} should {r.should} traps {r.traps}" for r in results[1:])
        print(
            f"\nseed: {head.form} must {head.must}/{head.must_of} should {head.should}/{head.should_of} "
            f"traps {head.traps}{others}"
        )
    return gate_exit(NAME, scores(results), args)


def measure(args: argparse.Namespace) -> dict[str, float | None]:
    """The scores the gate compares with their floors."""
    return scores(evaluate(args))
