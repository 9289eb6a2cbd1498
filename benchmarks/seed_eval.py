"""Score palmyra on the seed report: a thin wrapper around ``palmyra eval seed``.

Usage: python benchmarks/seed_eval.py [SHARED_DIR]   (default: ../shared beside the repository)
Prints each form's score; with --gate, exits 1 when a pinned floor is not met.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    from palmyra.cli import main as palmyra

    root = Path(__file__).resolve().parent.parent
    shared = Path(argv[1]) if len(argv) > 1 and not argv[1].startswith("-") else root.parent / "shared"
    rest = [a for a in argv[1:] if a.startswith("-")]
    return palmyra(["eval", "seed", "--data-dir", str(shared / "data"), *rest])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
