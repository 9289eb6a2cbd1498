"""One JSON error shape for 404, 405, 422 and 500; the docs page works offline."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from palmyra.api import create_app


def assert_error(r: Any, status: int, code: str) -> dict[str, Any]:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]


def test_not_found(client: TestClient) -> None:
    assert "no event" in assert_error(client.get("/api/events/nope"), 404, "not_found")["message"]
    assert_error(client.get("/api/articles/nope"), 404, "not_found")
    assert_error(client.get("/api/nothing/here"), 404, "not_found")
    assert_error(client.post("/api/events/nope/reviews", json={"action": "confirm"}), 401, "unauthorized")


def test_method_not_allowed(client: TestClient) -> None:
    assert_error(client.delete("/api/events"), 405, "method_not_allowed")


def test_validation_errors(client: TestClient) -> None:
    for params in (
        {"limit": -1},
        {"limit": 5000},
        {"offset": "x"},
        {"since": "yesterday"},
        {"since": "2024-03-12", "until": "2024-03-01"},
        {"country": "SY"},
        {"bbox": "1,2,3"},
        {"bbox": "10,50,20,40"},  # south above north
    ):
        err = assert_error(client.get("/api/events", params=params), 422, "validation_error")
        assert err["message"]
    err = assert_error(client.get("/api/stats", params={"by": "week"}), 422, "validation_error")
    assert err["details"][0]["loc"] == "query.by"


def test_internal_error_has_the_same_shape(db: tuple[Path, str]) -> None:
    app = create_app(db[0])
    app.state.store.close()  # the database goes away under the server
    with TestClient(app, raise_server_exceptions=False) as c:
        err = assert_error(c.get("/api/events"), 500, "internal_error")
    assert "Traceback" not in err["message"]


def test_docs_served_offline(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    urls = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert urls and all(u.startswith("/static/") for u in urls), urls
    for u in urls:
        assert client.get(u).status_code == 200, u
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/events/{event_id}/reviews", "/api/audit"} <= set(
        spec["paths"]
    )


def test_web_ui_and_its_vendored_files_are_served(client: TestClient) -> None:
    index = client.get("/")
    assert index.status_code == 200 and "<html" in index.text.lower()
    for u in re.findall(r'(?:src|href)="([^"]+)"', index.text):
        assert not u.startswith(("http:", "https:", "//")), f"index.html loads {u} from the internet"
        assert client.get(u).status_code == 200, u
