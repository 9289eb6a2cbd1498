from __future__ import annotations

import datetime as dt

import pytest

from palmyra.pipeline import Pipeline
from palmyra.types import Article, Rejected

from .helpers import ARTICLE_TEXT, tiny_gazetteer

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def events(tmp_path_factory, nlp):
    pipe = Pipeline(gazetteer=tiny_gazetteer(tmp_path_factory.mktemp("gaz")))
    art = Article(id="kunduz", text=ARTICLE_TEXT, published=dt.date(2021, 6, 13), source="Example Wire")
    return [e.record() for e in pipe.extract(art)]


def _one(events, **want):
    hits = [e for e in events if all(e.get(k) == v for k, v in want.items())]
    assert hits, f"no event with {want}: {[(e['acled_sub_event_type'], e['event_date']) for e in events]}"
    return hits[0]


def test_retaking_is_coded_dated_and_placed(events):
    e = _one(events, acled_sub_event_type="Government regains territory")
    assert e["event_date"] == "2021-06-13" and e["date_precision"] == "day"  # "on Sunday", published Sunday
    assert e["plover_type"] == "ASSAULT" and e["cameo_root"] == "19" and e["acled_event_type"] == "Battles"
    assert e["actor1"]["name"] == "Military Forces of Afghanistan" and e["actor1"]["acled_inter"] == 1
    assert e["actor2"]["name"] == "Taliban"
    assert any(a["country"] == "USA" for a in e["assoc_actors1"])
    assert e["location"]["name"] == "Kunduz" and e["location"]["geo_precision"] == 1
    assert any("defence ministry" in c["source"] and c["stance"] == "asserts" for c in e["claims"])
    assert e["reported_by"] == ["Example Wire"]
    ev = e["evidence"][0]
    assert ARTICLE_TEXT[ev["start"] : ev["end"]] == ev["sentence"]


def test_friday_clash_has_its_own_date_and_figure(events):
    e = _one(events, event_date="2021-06-11")
    assert e["fatalities"] == 12 and "12 soldiers" in e["fatalities_text"]
    assert e["acled_event_type"] == "Battles"


def test_air_strike_counts_people_not_sorties_targets_or_trucks(events):
    e = _one(events, acled_sub_event_type="Air/drone strike")
    assert e["fatalities"] == 60
    assert e["actor1"]["country"] == "USA" and e["actor1"]["acled_inter"] == 8  # abroad: external force
    assert all(x["fatalities"] not in (30, 45, 7) for x in events)


def test_background_event_dated_last_autumn(events):
    e = _one(events, acled_sub_event_type="Non-state actor overtakes territory")
    assert e["event_date"] == "2020-10-01" and e["date_precision"] == "month"


def test_traps(events):
    for e in events:
        assert e["location"] is None or e["location"]["name"] != "Kabul"  # the dateline
        assert e["location"] is None or e["location"]["name"] != "Afghanistan"  # never the country centroid
        text = " ".join(x["sentence"] for x in e["evidence"])
        assert "truce" not in text or e["plover_type"] != "ASSAULT"
        assert "handout picture" not in text and "Leave a comment" not in text and "Source-" not in text
        assert not ("respond" in text and not e["negated"])


def test_same_input_same_ids(tmp_path, nlp):
    pipe = Pipeline(gazetteer=tiny_gazetteer(tmp_path))
    art = Article(id="kunduz", text=ARTICLE_TEXT, published=dt.date(2021, 6, 13))
    assert [e.event_id for e in pipe.extract(art)] == [e.event_id for e in pipe.extract(art)]


def test_undated_report_never_claims_a_day(tmp_path, nlp):
    pipe = Pipeline(gazetteer=tiny_gazetteer(tmp_path))
    found = pipe.extract(Article(id="undated", text=ARTICLE_TEXT))
    assert found
    for e in found:  # the caption's date is a lower bound, not the publication date
        assert e.date_precision in ("month", "year")


def test_run_turns_a_failing_article_into_a_record(tmp_path, nlp, monkeypatch):
    pipe = Pipeline(gazetteer=tiny_gazetteer(tmp_path))

    def boom(*a, **k):
        raise RuntimeError("stage exploded")

    monkeypatch.setattr("palmyra.pipeline.find_event_mentions", boom)
    out = list(pipe.run([Article(id="x", text="Troops attacked the town.", origin="x.txt")]))
    assert isinstance(out[0], Rejected) and "stage exploded" in out[0].reason and out[0].stage == "extract"


def test_outlet_country_tips_a_bare_local_namesake(tmp_path, nlp):
    from palmyra.resources.gazetteer import Candidate, Gazetteer

    gaz = Gazetteer.from_rows(
        [
            Candidate(2063523, "Perth", -31.95, 115.86, "AUS", "08", "PPLA", 1_896_548),
            Candidate(2640354, "Perth", 56.40, -3.43, "GBR", "SCT", "PPL", 47_430),
        ],
        [],
        tmp_path / "perths.sqlite",
    )
    pipe = Pipeline(gazetteer=gaz)
    text = "Police in Perth arrested two men after a stabbing on Monday."

    def country(url):
        places = pipe.analyse(Article(id="t", text=text, url=url)).places
        return [p.place.country for p in places if p.place.text == "Perth"]

    assert country("https://www.thecourier.co.uk/news/perth/stabbing-1") == ["GBR"]  # a Scottish paper
    assert country("https://www.example.com/stabbing") == ["AUS"]
    assert country(None) == ["AUS"]
