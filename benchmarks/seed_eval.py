"""Score palmyra on the seed report in its three forms (.jsonl, .html, .txt) with shared/tools/score_seed.py.

Usage: python benchmarks/seed_eval.py [SHARED_DIR]   (default: ../shared beside the repository)
Prints each form's score line; exits 1 if the .jsonl or .html form misses a 'must' event or hits a trap.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parent.parent
    shared = Path(argv[1]) if len(argv) > 1 else root.parent / "shared"
    seed, scorer = shared / "data" / "seed", shared / "tools" / "score_seed.py"
    if not scorer.is_file():
        print(f"seed_eval: {scorer} not found; pass the shared directory", file=sys.stderr)
        return 2
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for form in ("jsonl", "html", "txt"):
            out = Path(tmp) / f"events-{form}.jsonl"
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "palmyra.cli",
                    "extract",
                    str(seed / f"article.{form}"),
                    "-o",
                    str(out),
                ],
                check=True,
            )
            res = subprocess.run([sys.executable, str(scorer), str(out)], capture_output=True, text=True)
            print(f"{form:5s} {res.stdout.strip().splitlines()[-1]}")
            failed |= form != "txt" and res.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
