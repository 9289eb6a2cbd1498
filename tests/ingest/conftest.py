from __future__ import annotations

from pathlib import Path

import pytest

from palmyra.types import Article, Rejected

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


@pytest.fixture
def fixtures() -> Path:
    """The folder of hand-written ingest fixtures."""
    return FIXTURES


def articles(items: list[Article | Rejected]) -> list[Article]:
    return [x for x in items if isinstance(x, Article)]


def rejected(items: list[Article | Rejected]) -> list[Rejected]:
    return [x for x in items if isinstance(x, Rejected)]
