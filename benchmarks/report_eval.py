"""Score palmyra's event fields on the merge benchmark's short reports: a thin wrapper around
``palmyra eval reports`` (see palmyra/evals/reports.py for what is scored and how).

    .venv/bin/python benchmarks/report_eval.py [--verbose]
"""

from __future__ import annotations

import sys

from palmyra.cli import main

if __name__ == "__main__":
    sys.exit(main(["eval", "reports", *sys.argv[1:]]))
