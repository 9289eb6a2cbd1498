"""``palmyra serve``: the REST API (OpenAPI at /docs) and the web UI over a store, with uvicorn."""

from __future__ import annotations

import argparse
import sys
from typing import Any

__all__ = ["register"]


def register(sub: Any) -> None:
    p = sub.add_parser("serve", help="REST API (OpenAPI at /docs), web map and review desk over a store")
    p.add_argument(
        "--db", metavar="PATH", default="palmyra.duckdb", help="store file (default: palmyra.duckdb)"
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument(
        "--read-only",
        action="store_true",
        help="open the store read-only: other readers may share it, reviews are refused",
    )
    p.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    import uvicorn

    from ..api import create_app

    app = create_app(args.db, read_only=args.read_only)
    print(
        f"palmyra: serving {args.db} on http://{args.host}:{args.port}/ (API docs at /docs)", file=sys.stderr
    )
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
