"""Reading events, articles and stats through the API: filters, paging, evidence spans."""

from __future__ import annotations

from fastapi.testclient import TestClient


def ids(client: TestClient, **params: object) -> list[str]:
    r = client.get("/api/events", params={"limit": 1000, **params})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == len(body["items"])
    return [e["event_id"] for e in body["items"]]


def test_list_events_total_order_and_summary_fields(client: TestClient) -> None:
    body = client.get("/api/events").json()
    assert body["total"] == 5  # a1 and a2 report one battle
    dates = [e["event_date"] for e in body["items"]]
    assert dates == sorted(dates)
    battle = next(e for e in body["items"] if e["n_articles"] == 2)
    assert (battle["country"], battle["location"], battle["fatalities"], battle["fatalities_max"]) == (
        "SYR", "Idlib", 18, 25,
    )  # fmt: skip
    assert battle["reviewed"] is False and battle["lat"] is not None


def test_paging_covers_every_event_once(client: TestClient) -> None:
    every = ids(client)
    pages = []
    for offset in range(0, 6, 2):
        page = client.get("/api/events", params={"limit": 2, "offset": offset}).json()
        assert page["total"] == 5 and page["limit"] == 2 and page["offset"] == offset
        pages += [e["event_id"] for e in page["items"]]
    assert pages == every
    assert client.get("/api/events", params={"offset": 50}).json()["items"] == []


def test_filters(client: TestClient) -> None:
    assert len(ids(client, country="afg")) == 2  # the Kabul protest and accusation
    assert len(ids(client, country="SYR")) == 3
    assert len(ids(client, since="2024-03-12")) == 4
    assert len(ids(client, since="2024-03-11", until="2024-03-12")) == 3
    assert len(ids(client, type="Protests")) == 1
    assert len(ids(client, type="air/drone strike")) == 1
    assert len(ids(client, type="ASSAULT")) == 3
    assert len(ids(client, bbox="36,35,37,36.5")) == 2  # Idlib, not Aleppo (37.16 E)
    assert len(ids(client, bbox="60,30,70,40")) == 2
    assert len(ids(client, q="kabul")) == 2
    assert len(ids(client, q="russia")) == 1  # actor1 of the Aleppo air strike
    assert ids(client, q="%") == []  # LIKE wildcards are matched literally
    assert len(ids(client, country="SYR", type="Battles")) == 2


def test_event_has_claims_evidence_articles_and_merge_reasons(client: TestClient) -> None:
    battle = next(e for e in client.get("/api/events").json()["items"] if e["n_articles"] == 2)
    ev = client.get(f"/api/events/{battle['event_id']}").json()
    assert ev["article_ids"] == ["a1", "a2"]
    assert {a["article_id"] for a in ev["articles"]} == {"a1", "a2"}
    assert {c["source"] for c in ev["claims"]} == {"Syrian Observatory for Human Rights", "residents"}
    assert all({"source", "stance", "evidence", "article_id"} <= set(c) for c in ev["claims"])
    assert len(ev["evidence"]) == 2
    assert len(ev["reports"]) == 2 and all("reason" in r for r in ev["reports"])
    assert ev["disagreements"] == {"fatalities": [18, 25]}
    assert ev["reviews"] == [] and ev["machine"] == {} and ev["reviewed"] is False
    # any id the event has had finds it
    other = next(m for m in ev["mention_ids"] if m != ev["event_id"])
    assert client.get(f"/api/events/{other}").json()["event_id"] == ev["event_id"]


def test_article_text_and_evidence_spans(client: TestClient) -> None:
    art = client.get("/api/articles/a4").json()
    assert "Kabul" in art["text"] and art["title"]
    assert len(art["event_ids"]) == 2
    spans = art["spans"]
    assert {s["event_id"] for s in spans} == set(art["event_ids"])
    for s in spans:
        assert s["kind"] in ("evidence", "claim")
        assert 0 <= s["start"] < s["end"]
    a1 = client.get("/api/articles/a1").json()
    claim = next(s for s in a1["spans"] if s["kind"] == "claim")
    assert (claim["source"], claim["stance"]) == ("Syrian Observatory for Human Rights", "asserts")
    listing = client.get("/api/articles", params={"limit": 4}).json()
    assert listing["total"] == 6 and len(listing["items"]) == 4
    assert "text" not in listing["items"][0]


def test_stats(client: TestClient) -> None:
    by_country = client.get("/api/stats", params={"by": "country"}).json()
    assert by_country["by"] == "country"
    assert {r["key"]: r["events"] for r in by_country["items"]} == {"AFG": 2, "SYR": 3}
    by_day = client.get("/api/stats", params={"by": "day", "country": "SYR"}).json()["items"]
    assert sum(r["events"] for r in by_day) == 3
    assert {r["key"]: r["fatalities"] for r in by_day}["2024-03-10"] == 18
    by_type = {r["key"]: r["events"] for r in client.get("/api/stats?by=type").json()["items"]}
    assert by_type["Battles"] == 2 and by_type[None] == 1  # the accusation is outside ACLED's scope


def test_vocabulary_lists_acled_types(client: TestClient) -> None:
    v = client.get("/api/vocabulary").json()
    assert "Air/drone strike" in v["acled_types"]["Explosions/Remote violence"]
    assert "fatalities" in v["review_fields"]
