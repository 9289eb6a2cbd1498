"""``palmyra ingest`` end to end with the spaCy model: store, re-run, rejected inputs, export."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from palmyra.cli import main

from .conftest import ARTICLES


@pytest.mark.model
def test_ingest_twice_then_export(nlp: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "cli.duckdb")
    missing = str(tmp_path / "missing.txt")
    assert main(["ingest", ARTICLES.as_posix(), missing, "--db", db, "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert f"rejected {missing}: no such file or directory" in err
    assert "articles read: 6 (new 6, already stored 0)" in err
    out = tmp_path / "first.jsonl"
    assert main(["export", "--db", db, "--format", "jsonl", "-o", str(out)]) == 0
    first = out.read_text()
    assert first and all(json.loads(line)["article_ids"] for line in first.splitlines())

    assert main(["ingest", ARTICLES.as_posix(), missing, "--db", db, "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert "articles read: 6 (new 0, already stored 6)" in err
    assert "rejected: 1 (0 not seen before)" in err
    assert main(["export", "--db", db, "--format", "jsonl", "-o", str(out)]) == 0
    assert out.read_text() == first
