"""The review desk: sign-in, confirm/correct/reject, reviews beside the machine record, audit, privacy."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from palmyra.api import create_app
from palmyra.cli import main
from palmyra.store import Store
from palmyra.store.export import export
from palmyra.store.reviews import ReviewError, add_reviewer, authenticate, revoke_reviewer, submit_review

from .conftest import EMAIL

PLACE = {"name": "Saraqib", "lat": 35.86, "lon": 36.8, "country": "SYR", "admin1": "Idlib"}


def battle_id(client: TestClient) -> str:
    return next(e["event_id"] for e in client.get("/api/events").json()["items"] if e["n_articles"] == 2)


def machine_record(client: TestClient, event_id: str) -> dict[str, Any]:
    """The machine's stored record, read straight from the table (the same process's store)."""
    con = client.app.state.store.reader()  # type: ignore[attr-defined]
    row = con.execute("SELECT record FROM merged_events WHERE event_id = ?", [event_id]).fetchone()
    assert row is not None
    return dict(json.loads(row[0]))


def test_reviews_need_a_valid_token(client: TestClient, token: str, db: tuple[Path, str]) -> None:
    eid = battle_id(client)
    body = {"action": "confirm"}
    assert client.post(f"/api/events/{eid}/reviews", json=body).status_code == 401
    bad = {"Authorization": "Bearer " + token[:-4] + "AAAA"}
    r = client.post(f"/api/events/{eid}/reviews", json=body, headers=bad)
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
    assert (
        client.post(
            f"/api/events/{eid}/reviews", json=body, headers={"Authorization": "Bearer x"}
        ).status_code
        == 401
    )
    assert client.get("/api/me").status_code == 401
    ok = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/me", headers=ok).json() == {"reviewer_id": "R1"}
    assert client.post(f"/api/events/{eid}/reviews", json=body, headers=ok).status_code == 201
    assert client.get("/api/audit").json()["total"] == 1  # the refused ones left no trace


def test_revoked_token_cannot_sign_in(db: tuple[Path, str]) -> None:
    with Store(db[0]) as s:
        assert authenticate(s.reader(), db[1]) == "R1"
        assert revoke_reviewer(s, "R1") is True
        assert authenticate(s.reader(), db[1]) is None
        assert revoke_reviewer(s, "R1") is False


def test_token_is_not_stored(db: tuple[Path, str]) -> None:
    secret = db[1].split(".", 1)[1]
    raw = db[0].read_bytes()
    assert secret.encode() not in raw
    with Store(db[0], read_only=True) as s:
        row = s.reader().execute("SELECT token_hash FROM reviewers").fetchone()
    assert row is not None and secret.encode() not in bytes(row[0])


def test_correction_is_stored_beside_the_machine_record(
    client: TestClient, auth: dict[str, str], db: tuple[Path, str]
) -> None:
    eid = battle_id(client)
    before = machine_record(client, eid)
    changes = {
        "fatalities": 20,
        "acled_sub_event_type": "Government regains territory",
        "event_date": "2024-03-09",
        "actor2": {"name": "Hayat Tahrir al-Sham", "country": "SYR", "sector": "REB", "acled_inter": 2},
        "location": PLACE,
    }
    body = {"action": "correct", "changes": changes, "note": "HTS, not rebels"}
    r = client.post(f"/api/events/{eid}/reviews", json=body, headers=auth)
    assert r.status_code == 201, r.text
    assert len(r.json()["review_ids"]) == 5
    ev = client.get(f"/api/events/{eid}").json()
    # reviewed values shown, the machine's kept beside them
    assert ev["fatalities"] == 20 and ev["machine"]["fatalities"] == 18
    assert ev["acled_sub_event_type"] == "Government regains territory"
    assert ev["machine"]["acled_sub_event_type"] == "Armed clash"
    assert (
        ev["actor2"]["name"] == "Hayat Tahrir al-Sham" and ev["machine"]["actor2"]["name"] == "Syrian Rebels"
    )
    assert ev["location"]["name"] == "Saraqib" and ev["machine"]["location"]["name"] == "Idlib"
    assert (ev["event_date"], ev["date_precision"]) == ("2024-03-09", "day")
    assert ev["reviewed"] is True and ev["review_status"] == "corrected"
    assert set(ev["reviewed_fields"]) == set(changes)
    assert {x["field"] for x in ev["reviews"]} == set(changes)
    assert all(x["reviewer_id"] == "R1" and x["note"] == "HTS, not rebels" for x in ev["reviews"])
    # the stored machine record is untouched
    assert machine_record(client, eid) == before
    # list and filters read the reviewed values
    summary = next(e for e in client.get("/api/events").json()["items"] if e["event_id"] == eid)
    assert (summary["fatalities"], summary["location"], summary["event_date"]) == (
        20,
        "Saraqib",
        "2024-03-09",
    )
    assert eid in [
        e["event_id"] for e in client.get("/api/events", params={"until": "2024-03-09"}).json()["items"]
    ]
    # the audit trail: who, what, from what, to what, when
    audit = client.get("/api/audit").json()
    assert audit["total"] == 5
    fat = next(x for x in audit["items"] if x["field"] == "fatalities")
    assert (fat["old_value"], fat["new_value"], fat["reviewer_id"], fat["event_id"]) == (18, 20, "R1", eid)
    assert fat["created_at"]
    # a second correction: old value is what the reviewer saw (the first correction)
    client.post(
        f"/api/events/{eid}/reviews", json={"action": "correct", "changes": {"fatalities": 19}}, headers=auth
    )
    latest = client.get("/api/audit", params={"limit": 1}).json()["items"][0]
    assert (latest["old_value"], latest["new_value"]) == (20, 19)
    assert client.get(f"/api/events/{eid}").json()["machine"]["fatalities"] == 18


def test_export_uses_reviewed_values_and_says_so(
    client: TestClient, auth: dict[str, str], db: tuple[Path, str]
) -> None:
    eid = battle_id(client)
    client.post(
        f"/api/events/{eid}/reviews", json={"action": "correct", "changes": {"fatalities": 21}}, headers=auth
    )
    app_store = client.app.state.store  # type: ignore[attr-defined]
    out = io.StringIO()
    export(app_store.reader(), "csv", out=out)
    header = out.getvalue().splitlines()[0].split(",")
    parsed = {r["event_id"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert "reviewed" in header and "reviewed_fields" in header
    assert parsed[eid]["fatalities"] == "21" and parsed[eid]["reviewed"] == "True"
    assert parsed[eid]["reviewed_fields"] == "fatalities"
    assert len(parsed) == 5
    assert EMAIL not in out.getvalue()


def test_reject_hides_the_event_and_confirm_sets_status(client: TestClient, auth: dict[str, str]) -> None:
    eid = battle_id(client)
    r = client.post(
        f"/api/events/{eid}/reviews", json={"action": "reject", "note": "not an event"}, headers=auth
    )
    assert r.status_code == 201 and r.json()["event"]["review_status"] == "rejected"
    assert client.get("/api/events").json()["total"] == 4
    assert client.get("/api/events", params={"include_rejected": True}).json()["total"] == 5
    client.post(f"/api/events/{eid}/reviews", json={"action": "confirm"}, headers=auth)
    assert client.get(f"/api/events/{eid}").json()["review_status"] == "confirmed"
    assert client.get("/api/events").json()["total"] == 5


@pytest.mark.parametrize(
    "body",
    [
        {"action": "correct"},
        {"action": "correct", "changes": {}},
        {"action": "confirm", "changes": {"fatalities": 3}},
        {"action": "approve"},
        {"action": "correct", "changes": {"fatalities": -1}},
        {"action": "correct", "changes": {"fatalities": None}},
        {"action": "correct", "changes": {"acled_event_type": "Battle"}},
        {"action": "correct", "changes": {"acled_sub_event_type": "Peaceful protest"}},  # not a battle
        {"action": "correct", "changes": {"location": {"name": "X", "lat": 95, "lon": 0, "country": "SYR"}}},
        {"action": "correct", "changes": {"location": {"name": "X", "lat": 5, "lon": 0, "country": "Syria"}}},
        {"action": "correct", "changes": {"event_date": "last week"}},
        {"action": "correct", "changes": {"colour": "red"}},
    ],
)
def test_bad_reviews_are_refused_and_leave_no_trace(
    client: TestClient, auth: dict[str, str], body: Any
) -> None:
    eid = battle_id(client)
    r = client.post(f"/api/events/{eid}/reviews", json=body, headers=auth)
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] == "validation_error"
    assert client.get("/api/audit").json()["total"] == 0


def test_review_of_unknown_event_is_404(client: TestClient, auth: dict[str, str]) -> None:
    r = client.post("/api/events/nope/reviews", json={"action": "confirm"}, headers=auth)
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


def test_read_only_server_refuses_reviews(db: tuple[Path, str]) -> None:
    with TestClient(create_app(db[0], read_only=True)) as c:
        eid = battle_id(c)
        r = c.post(
            f"/api/events/{eid}/reviews",
            json={"action": "confirm"},
            headers={"Authorization": f"Bearer {db[1]}"},
        )
        assert r.status_code == 403 and r.json()["error"]["code"] == "read_only"
        assert c.get("/api/events").json()["total"] == 5


def test_emails_never_appear_in_any_response(client: TestClient, auth: dict[str, str]) -> None:
    eid = battle_id(client)
    texts = [
        client.post(
            f"/api/events/{eid}/reviews",
            json={"action": "correct", "changes": {"fatalities": 2}},
            headers=auth,
        ).text,
        client.get("/api/me", headers=auth).text,
    ]
    for path in ("/api/events", f"/api/events/{eid}", "/api/articles", "/api/articles/a1", "/api/audit",
                 "/api/stats", "/api/vocabulary", "/openapi.json", "/"):  # fmt: skip
        r = client.get(path)
        assert r.status_code == 200, path
        texts.append(r.text)
    for t in texts:
        assert EMAIL not in t and "example.org" not in t


def test_submit_review_is_one_transaction(db: tuple[Path, str]) -> None:
    with Store(db[0]) as s:
        eid = s.reader().execute("SELECT event_id FROM merged_events ORDER BY 1 LIMIT 1").fetchone()[0]
        with pytest.raises(ReviewError):  # the second field is unknown: the first is not kept either
            submit_review(
                s, event_id=eid, reviewer_id="R1", action="correct", changes={"fatalities": 1, "zz": 2}
            )
        with pytest.raises(ReviewError):
            submit_review(s, event_id="nope", reviewer_id="R1", action="confirm")
        assert s.reader().execute("SELECT count(*) FROM reviews").fetchone() == (0,)
        with pytest.raises(ReviewError):
            add_reviewer(s, EMAIL.upper())  # one account per email
        with pytest.raises(ReviewError):
            add_reviewer(s, "not-an-email")


def test_reviewer_cli_prints_the_token_once_and_lists_without_emails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "r.duckdb")
    assert main(["reviewer", "add", "someone@example.net", "--db", db]) == 0
    token = capsys.readouterr().out.strip()
    assert token.startswith("R1.")
    with Store(db, read_only=True) as s:
        assert authenticate(s.reader(), token) == "R1"
    assert main(["reviewer", "list", "--db", db]) == 0
    listing = capsys.readouterr().out
    assert "R1" in listing and "someone@example.net" not in listing and token not in listing
    assert main(["reviewer", "list", "--emails", "--db", db]) == 0
    assert "someone@example.net" in capsys.readouterr().out
    assert main(["reviewer", "add", "someone@example.net", "--db", db]) == 2
    assert main(["reviewer", "revoke", "R1", "--db", db]) == 0
    assert main(["reviewer", "revoke", "R1", "--db", db]) == 1
