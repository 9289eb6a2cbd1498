from __future__ import annotations

import json

import pytest

from palmyra.evals import seed as S

FAKE_SCORER = """import json, sys
events = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
expected = json.load(open(sys.argv[2]))
ok = sum(1 for e in events if e["plover_type"] == expected["type"])
print(f"{len(events)} events read")
print(f"seed: must {min(ok, 1)}/1 should 0/2 traps {len(events) - ok}")
"""


def test_parse_summary():
    out = "7 events read\n[must] PASS x\nseed: must 3/3 should 2/4 traps 1\n"
    r = S.parse_summary("html", 7, out)
    assert (r.must, r.must_of, r.should, r.should_of, r.traps) == (3, 3, 2, 4, 1)
    assert S.scores([r]) == {"html_must": 1.0, "html_should": 0.5, "html_trap_free": 0.0}
    with pytest.raises(ValueError):
        S.parse_summary("txt", 0, "Traceback ...")


def test_run_with_a_scorer(tmp_path, capsys):
    seed = tmp_path / "data" / "seed"
    seed.mkdir(parents=True)
    text = "Syrian government forces recaptured the town of Palmyra from Islamic State on Sunday."
    (seed / "article.jsonl").write_text(
        json.dumps({"id": "a", "text": text, "published": "2016-03-27"}) + "\n"
    )
    (seed / "expected.json").write_text(json.dumps({"type": "ASSAULT"}))
    scorer = tmp_path / "score.py"
    scorer.write_text(FAKE_SCORER)
    from palmyra.cli import main

    argv = ["eval", "seed", "--data-dir", str(tmp_path / "data"), "--scorer", str(scorer), "--forms", "jsonl"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "jsonl" in out
    assert out.strip().splitlines()[-1] == "seed: jsonl must 1/1 should 0/2 traps 0"
