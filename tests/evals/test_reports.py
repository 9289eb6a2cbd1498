from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import pytest

from palmyra.errors import PalmyraError
from palmyra.evals import reports
from palmyra.types import Event, Place

FIX = Path(__file__).parent.parent / "fixtures" / "evals" / "reports"


def test_gold_gives_each_report_its_own_toll():
    gold = reports.gold_by_report(FIX)
    assert gold["xyz-01-r1"]["fat"] == 10 and gold["xyz-01-r2"]["fat"] == 12
    assert gold["xyz-02-r1"] == {
        "type": "Protests",
        "country": "IRQ",
        "place": "Basra",
        "date": "2024-03-17",
        "fat": 0,
    }


def test_missing_corpus_is_a_clear_error(tmp_path):
    with pytest.raises(PalmyraError, match="no generate.py"):
        reports.gold_by_report(tmp_path)


def test_fields_are_scored_apart():
    gold = reports.gold_by_report(FIX)["xyz-01-r1"]
    place = Place(text="Kabul", start=0, end=5, name="Kabul", geonameid=1, lat=34.5, lon=69.2, country="AFG")
    e = Event(
        event_id="e", article_ids=("xyz-01-r1",), event_date=dt.date(2024, 6, 2), date_precision="day",
        plover_type="ASSAULT", plover_mode=None, cameo_root="18",
        acled_event_type="Explosions/Remote violence", acled_sub_event_type="Remote explosive/landmine/IED",
        actor1=None, actor2=None, location=place, geo_precision=1, fatalities=9, fatalities_text="9",
        confidence=0.9,
    )  # fmt: skip
    got = reports.score_event(gold, e)
    assert got == {"type": True, "country": True, "place": True, "date": True, "fatalities": False}
    assert not any(reports.score_event(gold, None).values())


@pytest.mark.model
def test_measure_on_the_fixture_corpus(nlp):
    ns = argparse.Namespace(corpus=str(FIX), model="en_core_web_md", gazetteer=None, actors=[], batch_size=8)
    got = reports.measure(ns)
    assert set(got) == set(reports.FIELDS) and got["type"] is not None and got["type"] >= 2 / 3
