"""``palmyra eval gate``: run the fast scorers and fail when a score drops below its floor.

Floors are pinned in ``benchmarks/eval_floors.json`` (``{"scorer": {"metric": floor}}``); they
only go up. Each scorer named there is run with its default options and the data folder given
to the gate; a metric below its floor, or missing, fails the gate (exit 1).
"""

from __future__ import annotations

import argparse
import importlib
import time

from ._coding import FLOORS_FILE, check_floors, format_table, load_floors

NAME = "gate"
HELP = "run the fast evals and exit 1 when a score is below its floor in benchmarks/eval_floors.json"


def add_arguments(p: argparse.ArgumentParser) -> None:
    from ..commands._common import add_model_arguments

    p.add_argument(
        "--floors", metavar="FILE", default=str(FLOORS_FILE), help="floors file (default: %(default)s)"
    )
    p.add_argument("--only", nargs="+", metavar="NAME", help="gate only these scorers")
    p.add_argument("--no-progress", action="store_true", help="no progress bars")
    add_model_arguments(p)


def scorer_args(module: object, args: argparse.Namespace) -> argparse.Namespace:
    """The scorer's default options, with the gate's data folder and model options."""
    p = argparse.ArgumentParser()
    module.add_arguments(p)  # type: ignore[attr-defined]
    ns = p.parse_args([])
    for k in ("data_dir", "model", "gazetteer", "actors", "no_progress"):
        if hasattr(args, k) and (k != "actors" or getattr(args, k)):
            setattr(ns, k, getattr(args, k))
    return ns


def run(args: argparse.Namespace) -> int:
    floors = load_floors(args.floors)
    names = [n for n in floors if not args.only or n in args.only]
    rows = []
    failures: list[str] = []
    for name in names:
        module = importlib.import_module(f"{__package__}.{name}")
        t0 = time.perf_counter()
        got = module.measure(scorer_args(module, args))
        secs = time.perf_counter() - t0
        fails = check_floors(name, got, args.floors)
        failures += fails
        for metric, floor in floors[name].items():
            v = got.get(metric)
            ok = not any(f.startswith(f"{name}.{metric}:") for f in fails)
            rows.append(
                [name, metric, f"{floor:.3f}", "-" if v is None else f"{v:.3f}", "ok" if ok else "FAIL"]
            )
        rows.append([name, "(seconds)", "", f"{secs:.1f}", ""])
    print(format_table(["scorer", "metric", "floor", "score", ""], rows))
    for f in failures:
        print(f"GATE FAIL {f}")
    print(
        f"\ngate: {'FAIL' if failures else 'OK'}, "
        f"{len(failures)} score(s) below floor in {len(names)} scorer(s)"
    )
    return 1 if failures else 0
