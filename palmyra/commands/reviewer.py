"""``palmyra reviewer add|list|revoke``: the review desk's accounts (run while no server writes the store)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

__all__ = ["register"]


def register(sub: Any) -> None:
    p = sub.add_parser("reviewer", help="add, list or revoke review-desk reviewers")
    rsub = p.add_subparsers(dest="reviewer_command", required=True, metavar="ACTION")
    db_help = "store file (default: palmyra.duckdb)"
    a = rsub.add_parser("add", help="create a reviewer; prints the sign-in token once")
    a.add_argument("email", metavar="EMAIL", help="kept for the operator only, never shown by the API")
    a.add_argument("--db", metavar="PATH", default="palmyra.duckdb", help=db_help)
    a.set_defaults(handler=_add)
    li = rsub.add_parser("list", help="reviewers, their pseudonymous ids and review counts")
    li.add_argument("--db", metavar="PATH", default="palmyra.duckdb", help=db_help)
    li.add_argument("--emails", action="store_true", help="show each reviewer's email (operator only)")
    li.set_defaults(handler=_list)
    r = rsub.add_parser("revoke", help="stop a reviewer's token from signing in")
    r.add_argument("reviewer_id", metavar="ID", help="pseudonymous id, e.g. R3")
    r.add_argument("--db", metavar="PATH", default="palmyra.duckdb", help=db_help)
    r.set_defaults(handler=_revoke)


def _add(args: argparse.Namespace) -> int:
    from ..store import Store
    from ..store.reviews import add_reviewer

    with Store(args.db) as store:
        new = add_reviewer(store, args.email)
    print(
        f"palmyra: reviewer {new.reviewer_id} added; sign-in token (shown once, not stored):", file=sys.stderr
    )
    print(new.token)
    return 0


def _list(args: argparse.Namespace) -> int:
    from ..store import Store
    from ..store.reviews import list_reviewers

    with Store(args.db, read_only=True) as store:
        rows = list_reviewers(store.reader(), with_emails=args.emails)
    for r in rows:
        state = f"revoked {r['revoked_at']:%Y-%m-%d}" if r["revoked_at"] else "active"
        email = f"\t{r['email']}" if args.emails else ""
        print(f"{r['reviewer_id']}\t{state}\tadded {r['created_at']:%Y-%m-%d}\t{r['reviews']} reviews{email}")
    return 0


def _revoke(args: argparse.Namespace) -> int:
    from ..store import Store
    from ..store.reviews import revoke_reviewer

    with Store(args.db) as store:
        done = revoke_reviewer(store, args.reviewer_id)
    if not done:
        print(f"palmyra: no active reviewer {args.reviewer_id}", file=sys.stderr)
        return 1
    print(f"palmyra: reviewer {args.reviewer_id} revoked", file=sys.stderr)
    return 0
