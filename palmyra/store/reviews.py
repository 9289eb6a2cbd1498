"""The review desk's writes: reviewer accounts, sign-in tokens and multi-field reviews.

A reviewer is created by the operator (``palmyra reviewer add EMAIL``) and gets a
sign-in token, shown once. The store keeps a random salt and the token's scrypt
hash, never the token. Everyone else knows a reviewer by a pseudonymous id (``R1``,
``R2``, ...), which is what ``reviews.reviewer_id`` records; the email stays in the
``reviewers`` table for the operator and is read only by :func:`list_reviewers`
with ``with_emails=True`` (the CLI), never by the API or exports.

Writes here go through the single writer (a :class:`~palmyra.store.Store` opened
read-write, under its lock); :func:`authenticate` is a read on any connection.
A token has the form ``R<n>.<secret>``: the id part picks the row to check, so a
check costs one scrypt hash whatever the number of reviewers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from typing import Any

import duckdb

from .queries import get_event
from .store import REVIEW_FIELDS, Store, StoreError

__all__ = [
    "ACTIONS",
    "NewReviewer",
    "ReviewError",
    "add_reviewer",
    "authenticate",
    "list_reviewers",
    "revoke_reviewer",
    "submit_review",
]

#: What a reviewer does to an event: confirm it, correct fields of it, or reject it.
ACTIONS = ("confirm", "correct", "reject")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_TOKEN = re.compile(r"^(R[0-9]+)\.([A-Za-z0-9_-]{20,})$")
# scrypt cost: n=2**14, r=8 (16 MiB, ~40 ms a check on the 2-core dev machine). The token has
# 256 random bits, so this guards stolen store files rather than guessable passwords.
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}


class ReviewError(StoreError):
    """A review or reviewer change the store refuses (unknown event, bad field, duplicate email)."""


@dataclass(frozen=True)
class NewReviewer:
    """A reviewer just created: the pseudonymous id and the sign-in token (shown once, not stored)."""

    reviewer_id: str
    token: str


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _hash(secret: str, salt: bytes) -> bytes:
    return hashlib.scrypt(secret.encode("utf-8"), salt=salt, **_SCRYPT)


def add_reviewer(store: Store, email: str) -> NewReviewer:
    """Create a reviewer for ``email``; returns its id and token (the only time the token exists)."""
    email = email.strip().lower()
    if not _EMAIL.match(email):
        raise ReviewError(f"not an email address: {email!r}")
    store._write()
    secret = secrets.token_urlsafe(32)
    salt = secrets.token_bytes(16)
    with store._lock:
        taken = store.con.execute("SELECT count(*) FROM reviewers WHERE email = ?", [email]).fetchone()
        if taken and taken[0]:
            raise ReviewError("a reviewer with this email exists already (palmyra reviewer list)")
        row = store.con.execute("SELECT nextval('reviewer_numbers')").fetchone()
        assert row is not None
        reviewer_id = f"R{int(row[0])}"
        store.con.execute(
            "INSERT INTO reviewers VALUES (?, ?, ?, ?, ?, ?, NULL)",
            [reviewer_id, int(row[0]), email, salt, _hash(secret, salt), _now()],
        )
    return NewReviewer(reviewer_id, f"{reviewer_id}.{secret}")


def revoke_reviewer(store: Store, reviewer_id: str) -> bool:
    """Stop a reviewer's token from signing in; False when no such active reviewer."""
    store._write()
    with store._lock:
        row = store.con.execute(
            "UPDATE reviewers SET revoked_at = ? WHERE reviewer_id = ? AND revoked_at IS NULL"
            " RETURNING reviewer_id",
            [_now(), reviewer_id],
        ).fetchone()
    return row is not None


def list_reviewers(con: duckdb.DuckDBPyConnection, *, with_emails: bool = False) -> list[dict[str, Any]]:
    """Reviewers with how many reviews each wrote; emails only for the operator's CLI."""
    cols = "v.reviewer_id, v.created_at, v.revoked_at, count(r.review_id) AS reviews"
    if with_emails:
        cols += ", v.email"
    cur = con.execute(
        f"SELECT {cols} FROM reviewers v LEFT JOIN reviews r ON r.reviewer_id = v.reviewer_id"
        f" GROUP BY ALL ORDER BY any_value(v.number)"
    )
    names = [d[0] for d in cur.description or []]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def authenticate(con: duckdb.DuckDBPyConnection, token: str) -> str | None:
    """The reviewer id a sign-in token belongs to, or None (unknown, malformed or revoked)."""
    m = _TOKEN.match(token.strip())
    if m is None:
        return None
    row = con.execute(
        "SELECT token_salt, token_hash FROM reviewers WHERE reviewer_id = ? AND revoked_at IS NULL",
        [m.group(1)],
    ).fetchone()
    if row is None:
        return None
    return m.group(1) if hmac.compare_digest(_hash(m.group(2), bytes(row[0])), bytes(row[1])) else None


def submit_review(
    store: Store,
    *,
    event_id: str,
    reviewer_id: str,
    action: str,
    changes: dict[str, Any] | None = None,
    note: str | None = None,
) -> list[int]:
    """Record one reviewer decision on an event in one transaction; returns the review ids.

    ``confirm`` and ``reject`` write a ``status`` review; ``correct`` writes one review per
    changed field (``changes``: field -> new value, fields from :data:`REVIEW_FIELDS`).
    The machine's record is never touched: reads apply the latest review of each field.
    Each review keeps the value shown before it (the effective value) as ``old_value``.
    """
    if action not in ACTIONS:
        raise ReviewError(f"unknown review action {action!r}: one of {', '.join(ACTIONS)}")
    changes = dict(changes or {})
    if action == "correct":
        if not changes:
            raise ReviewError("a correction changes at least one field")
        bad = sorted(set(changes) - set(REVIEW_FIELDS) - {"status"})
        if bad or "status" in changes:
            raise ReviewError(f"cannot correct {', '.join(bad or ['status'])}")
        items = sorted(changes.items())
    elif changes:
        raise ReviewError(f"{action} takes no field changes (use correct)")
    else:
        items = [("status", "confirmed" if action == "confirm" else "rejected")]
    store._write()
    ids: list[int] = []
    with store._lock:
        shown = get_event(store.con, event_id)
        if shown is None:
            raise ReviewError(f"no event {event_id!r} in the store")
        shown["status"] = shown.get("review_status")
        try:
            with store._transaction():
                for field, value in items:
                    review_id = store.add_review(
                        event_id=event_id, reviewer_id=reviewer_id, field=field, new_value=value, note=note,
                        old_value=shown.get(field),
                    )  # fmt: skip
                    ids.append(review_id)
        except StoreError as e:
            raise ReviewError(str(e)) from e
    return ids
