"""A small store built from the store tests' hand-made events (no spaCy model), and an app over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from palmyra.api import create_app
from palmyra.store import Store, ingest
from palmyra.store.reviews import add_reviewer
from tests.store.conftest import ARTICLES, FakePipeline, read

EMAIL = "analyst.secret@example.org"


def build_store(path: Path) -> str:
    """Ingest the six fixture articles (5 merged events) and add one reviewer; returns its token."""
    with Store(path) as store:
        ingest(read(ARTICLES), store=store, pipeline=FakePipeline())
        return add_reviewer(store, EMAIL).token


@pytest.fixture
def db(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "api.duckdb"
    return path, build_store(path)


@pytest.fixture
def client(db: tuple[Path, str]) -> Iterator[TestClient]:
    with TestClient(create_app(db[0])) as c:
        yield c


@pytest.fixture
def token(db: tuple[Path, str]) -> str:
    return db[1]


@pytest.fixture
def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
