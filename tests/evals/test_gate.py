from __future__ import annotations

import json

from palmyra.evals._coding import check_floors

FAKE_SCORER = """import json, sys
events = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
print(f"seed: must {min(len(events), 1)}/1 should 0/2 traps 0")
"""
TEXT = "Syrian government forces recaptured the town of Palmyra from Islamic State on Sunday."


def _data(tmp_path):
    seed = tmp_path / "data" / "seed"
    seed.mkdir(parents=True)
    (seed / "article.jsonl").write_text(
        json.dumps({"id": "a", "text": TEXT, "published": "2016-03-27"}) + "\n"
    )
    (seed / "article.html").write_text(f"<html><body><article><p>{TEXT}</p></article></body></html>")
    (seed / "article.txt").write_text(f"Palmyra\n\n{TEXT}\n")
    (seed / "expected.json").write_text("{}")
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "score_seed.py").write_text(FAKE_SCORER)
    return tmp_path / "data"


def test_check_floors(tmp_path):
    f = tmp_path / "floors.json"
    f.write_text('{"about": "x", "s": {"a": 0.5, "b": 0.2}}')
    assert check_floors("s", {"a": 0.5, "b": 0.3}, f) == []
    assert check_floors("s", {"a": 0.49, "b": 0.3}, f) == ["s.a: 0.490 below floor 0.500"]
    assert check_floors("s", {"a": 0.6}, f) == ["s.b: no score (floor 0.2)"]
    assert check_floors("other", {}, f) == []


def test_gate_passes_and_fails(tmp_path, capsys):
    from palmyra.cli import main

    data = _data(tmp_path)
    floors = tmp_path / "floors.json"
    floors.write_text('{"seed": {"jsonl_must": 1.0, "txt_trap_free": 1.0}}')
    argv = ["eval", "gate", "--data-dir", str(data), "--floors", str(floors), "--no-progress"]
    assert main(argv) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith("gate: OK")
    floors.write_text('{"seed": {"jsonl_must": 1.0, "jsonl_should": 0.5}}')
    assert main(argv) == 1
    out = capsys.readouterr().out
    assert "GATE FAIL seed.jsonl_should: 0.000 below floor 0.500" in out
