from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from palmyra.evals import petrarch2_unit_tests as P
from palmyra.types import Actor, Event, Evidence

FIX = Path(__file__).parent.parent / "fixtures" / "evals"


def actor(country, sector=None):
    return Actor(text=country or "?", name=country or "?", country=country, sector=sector, acled_inter=None)


def ev(root, a1=None, a2=None, *, assoc1=(), conf=0.6, negated=False):
    return Event(
        event_id="e", article_ids=("x",), event_date=None, date_precision=None, plover_type="ASSAULT",
        plover_mode=None, cameo_root=root, acled_event_type=None, acled_sub_event_type=None,
        actor1=a1, actor2=a2, assoc_actors1=tuple(assoc1), confidence=conf, negated=negated,
        evidence=(Evidence("x", "", 0, 3),),
    )  # fmt: skip


def records():
    return P.parse_records((FIX / "petr_records.xml").read_text())


def test_parse_records():
    rs = records()
    assert [r.id for r in rs] == ["T-01", "T-02", "T-03", "T-04"]
    assert rs[0].text == "Arnor is about to restore full diplomatic ties with Gondor."
    assert rs[0].date == dt.date(1995, 1, 1)
    assert rs[0].dyads == (P.Dyad("ARN", "GON", "064"),)
    assert len(rs[1].dyads) == 3 and rs[1].dyads[2].root is None  # 903: a test-only verb code
    assert rs[2].no_events and not rs[2].dyads
    assert rs[3].error == "storydiscard"


def test_compound_event_covers_two_dyads():
    e = ev("19", actor("ARN", "GOV"), actor("OSG"), assoc1=[actor("GON", "GOV")])
    s = P.score(records()[1:2], {"T-02": [e]})
    assert (s.root_ok, s.root_n, s.no_root) == (2, 2, 1)
    assert s.counts["source_code"] == [2, 3]  # the third dyad's source ARN has no match left
    assert s.counts["target_code"] == [2, 3]
    assert s.extra_events == 0


def test_no_event_sentences_and_errors():
    s = P.score(records(), {"T-03": [ev("04", negated=True)]})
    assert (s.no_event_clean, s.no_event_sentences) == (0, 1)
    assert s.no_event_clean_asserted == 1  # a negated event is not an asserted one
    assert s.skipped_errors == 1
    assert s.counts["root"] == [0, 3]  # T-01 and T-02's two CAMEO dyads missed
    assert s.reliability.total["0.5-0.8"] == 1 and s.reliability.right["0.5-0.8"] == 0


def test_wrong_root_and_extra_events():
    rs = records()[:1]
    s = P.score(rs, {"T-01": [ev("06", actor("ARN"), actor("GON")), ev("01", actor("GON"))]})
    assert s.root_ok == 1  # 064 has root 06
    assert s.counts["source_code"] == [1, 1] and s.counts["target_code"] == [1, 1]
    assert s.extra_events == 1
    assert "n/a" in P.report(s)  # no full codes from palmyra


def test_run_with_validation_dictionaries(tmp_path, capsys):
    d = tmp_path / P.NAME
    d.mkdir()
    shutil.copy(FIX / "petr_records.xml", d / P.RECORDS)
    shutil.copy(FIX / "actors.txt", d / P.DICTIONARIES[0])
    shutil.copy(FIX / "agents.txt", d / P.DICTIONARIES[1])
    shutil.copy(FIX / "verbs.txt", d / P.VERBS)
    from palmyra.cli import main

    rc = main(["eval", P.NAME, "--data-dir", str(tmp_path), "--no-progress", "--show-errors", "5"])
    assert rc == 0
    out = capsys.readouterr().out
    assert "CAMEO root agreement" in out and "no-event sentences" in out
    assert "full CAMEO code agreement" in out and "n/a" not in out.split("full CAMEO code agreement")[1][:20]
    assert out.strip().splitlines()[-1].startswith("petrarch2_unit_tests: CAMEO root")
