from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from palmyra.evals import plover_gsr_cameo as P
from palmyra.types import Actor, Event, Evidence

FIX = Path(__file__).parent.parent / "fixtures" / "evals"


def ev(ptype, *, a1=None, a2=None, mode=None, conf=0.6, start=0, root="03"):
    return Event(
        event_id=f"e{start}", article_ids=("x",), event_date=None, date_precision=None,
        plover_type=ptype, plover_mode=mode, cameo_root=root, acled_event_type=None,
        acled_sub_event_type=None, actor1=a1, actor2=a2, confidence=conf,
        evidence=(Evidence("x", "", start, start + 5),),
    )  # fmt: skip


def actor(country, sector=None):
    return Actor(text=country or "?", name=country or "?", country=country, sector=sector, acled_inter=None)


@pytest.fixture
def gold():
    return P.load_gold(FIX / "plover_gsr.json")


def test_gold_parsing(gold):
    assert [g.id for g in gold] == ["T-AGREE-1", "T-DEMAND-1", "T-PROTEST-1"]
    demand = gold[1]
    assert (demand.event, demand.event_raw) == ("REQUEST", "DEMAND")  # PLOVER 0.5 -> 2021
    assert demand.targets == ()
    protest = gold[2]
    assert protest.mode == "demo"
    assert protest.sources[0].code == "JPN" and protest.sources[0].sector == "CVL"
    assert protest.text == "Students marched in Tokyo."


def test_top_event_is_scored(gold):
    events = {
        # top event (higher confidence) is wrong, a lower one is right: top wrong, any right
        "T-AGREE-1": [ev("CONSULT", conf=0.9, a1=actor("JOR")), ev("AGREE", conf=0.5, start=10)],
        "T-DEMAND-1": [ev("REQUEST", a1=actor(None, "IGO"), root="10")],
        "T-PROTEST-1": [],
    }
    s = P.score(gold, events)
    assert (s.n, s.type_top, s.type_any) == (3, 1, 2)
    summary = s.summary()
    assert summary["type_accuracy"] == pytest.approx(1 / 3)
    assert summary["mode_accuracy"] == 0.0  # the protest had no event
    assert s.counts["source_country"] == [2, 3]  # JOR and IGO right, protest missed
    assert s.counts["target_country"] == [0, 1]  # only the AGREE record has a target
    assert s.counts["target_sector"] == [0, 1]
    assert s.reliability.total[">= 0.8"] == 1 and s.reliability.right[">= 0.8"] == 0
    assert s.reliability.right["0.5-0.8"] == 1
    assert [g.id for g, _ in s.wrong] == ["T-AGREE-1", "T-PROTEST-1"]


def test_ties_go_to_the_earliest_event(gold):
    events = {"T-AGREE-1": [ev("CONSULT", start=20), ev("AGREE", start=3)]}
    assert P.score(gold[:1], events).type_top == 1


def test_mode_and_report(gold):
    events = {"T-PROTEST-1": [ev("PROTEST", mode="demo", a1=actor("JPN", "CVL"), root="14")]}
    s = P.score(gold[2:], events)
    assert (s.mode_ok, s.mode_n) == (1, 1)
    assert s.counts["source_sector"] == [1, 1]
    text = P.report(s)
    assert "rule:" in text and "PROTEST" in text and "1.000 (1/1)" in text


def test_gate(tmp_path, gold):
    floors = tmp_path / "floors.json"
    floors.write_text('{"plover_gsr_cameo": {"type_accuracy": 0.5}}')
    s = P.score(gold, {})
    args = argparse.Namespace(gate=True, floors=str(floors), limit=None)
    assert P.gate_exit(P.NAME, s.summary(), args) == 1
    s = P.score(gold, {g.id: [ev(g.event)] for g in gold})
    assert P.gate_exit(P.NAME, s.summary(), args) == 0


def test_run_end_to_end(tmp_path, capsys):
    d = tmp_path / "data" / P.NAME
    d.mkdir(parents=True)
    (d / P.GOLD_FILE).write_text((FIX / "plover_gsr.json").read_text())
    from palmyra.cli import main

    assert main(["eval", P.NAME, "--data-dir", str(tmp_path / "data"), "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "PLOVER type (top event)" in out
    assert out.strip().splitlines()[-1].startswith("plover_gsr_cameo: type ")
