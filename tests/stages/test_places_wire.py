"""Where a wire story's event happened: a town written with a place noun even when NER calls it a person
or a date, the town a district is named for, "the capital", and the story's focus among its towns."""

from __future__ import annotations

import pytest

from palmyra.resources.gazetteer import Candidate, Gazetteer
from palmyra.stages.actors import find_actors
from palmyra.stages.event_location import choose_location, focus_place
from palmyra.stages.places import (
    _unlabelled_places,
    context_countries,
    find_places,
)
from palmyra.stages.segment import segment

PLACES = [
    Candidate(1, "Sudan", 15.0, 30.0, "SDN", None, "PCLI", 41_000_000),
    Candidate(2, "Singa", 13.15, 33.93, "SDN", "58", "PPL", 250_000),
    Candidate(3, "Sennar", 13.24, 33.69, "SDN", "58", "ADM1", 540_000),
    Candidate(4, "Libya", 27.0, 17.0, "LBY", None, "PCLI", 6_700_000),
    Candidate(5, "Tripoli", 32.89, 13.19, "LBY", "77", "PPLC", 1_300_000),
    Candidate(6, "United Kingdom", 54.76, -2.7, "GBR", None, "PCLI", 66_000_000),
    Candidate(7, "Rotherham", 53.42, -1.32, "GBR", "ENG", "ADM2", 224_000),
    Candidate(8, "Rotherham", 53.43, -1.36, "GBR", "ENG", "PPL", 117_000),
    Candidate(9, "Congo", -2.9, 23.6, "COD", None, "PCLI", 90_000_000),
    Candidate(10, "Masisi", -1.57, 29.04, "COD", "19", "ADM2", 17_000),
    Candidate(11, "North Kivu", -0.49, 29.28, "COD", "19", "ADM1", 1_000_000),
    Candidate(12, "Palestinian Territory", 31.9, 35.2, "PSE", None, "PCLI", 4_500_000),
    Candidate(13, "West Bank", 32.0, 35.25, "PSE", "WE", "ADM1", 2_700_000),
    Candidate(14, "Nur", 36.57, 52.01, "IRN", "35", "PPL", 27_000),
    Candidate(15, "Khan Younis", 31.34, 34.31, "PSE", "GZ", "PPL", 173_000),
    Candidate(16, "Gaza", 31.5, 34.47, "PSE", "GZ", "PPL", 410_000),
    Candidate(17, "Israel", 31.5, 34.75, "ISR", None, "PCLI", 8_900_000),
    Candidate(18, "Somalia", 6.0, 47.0, "SOM", None, "PCLI", 15_000_000),
]


@pytest.fixture(scope="module")
def gaz(tmp_path_factory):
    g = Gazetteer.from_rows(PLACES, [("UK", 6)], tmp_path_factory.mktemp("wire") / "g.sqlite")
    yield g
    g.close()


def _places(nlp, gaz, text):
    doc = nlp(text)
    segs = segment(text, is_place=gaz.is_known)
    context = context_countries(doc, segs, gaz)
    main = context.most_common(1)[0][0] if context else None
    actors = find_actors(doc, main_country=main)
    return doc, find_places(doc, gaz, segments=segs, actors=actors, context=context)


def _where(nlp, gaz, text, lemma):
    doc, places = _places(nlp, gaz, text)
    trigger = next(t for t in doc if t.lemma_.lower() == lemma)
    place, _ = choose_location(trigger.sent, trigger.i, places, focus_place(places))
    return place


def test_a_town_named_as_a_capital_beside_it(nlp, gaz):
    text = "Sudan's military said it had retaken Singa, the capital of Sennar province, on Saturday."
    place = _where(nlp, gaz, text, "retake")
    assert place is not None and place.name == "Singa"


def test_a_town_of_a_place_noun_is_no_actor(nlp, gaz):
    text = "M23 rebels seized the town of Masisi in Congo's North Kivu province on Saturday."
    _, places = _places(nlp, gaz, text)
    masisi = [p for p in places if p.place.text == "Masisi"]
    assert masisi and not masisi[0].actor
    place = _where(nlp, gaz, text, "seize")
    assert place is not None and place.text == "Masisi"


def test_a_bare_district_name_is_the_town_it_is_named_for(nlp, gaz):
    _, places = _places(nlp, gaz, "Rioters set fire to a hotel in Rotherham in the United Kingdom.")
    assert [p.place.feature_code for p in places if p.place.text == "Rotherham"] == ["PPL"]
    _, places = _places(nlp, gaz, "Rioters clashed with police across Rotherham district in the UK.")
    assert [p.place.feature_code for p in places if p.place.text == "Rotherham"] == ["ADM2"]


def test_the_capital_is_the_story_countrys_capital(nlp, gaz):
    text = (
        "Libya's defence ministry said it had signed a ceasefire with armed groups in the capital on "
        "Wednesday. Clashes in Libya killed eight people."
    )
    place = _where(nlp, gaz, text, "sign")
    assert place is not None and place.name == "Tripoli"


def test_a_name_misread_as_a_date_after_a_place_noun(nlp, gaz):
    doc = nlp("Fighters stormed a base near the town of Mahaday in Somalia on Tuesday.")
    i = next(t.i for t in doc if t.text == "Mahaday")
    doc.ents = [doc.char_span(doc[i].idx, doc[i].idx + 7, label="DATE")]
    assert ("Mahaday", False) in [(s.text, known) for s, known in _unlabelled_places(doc, gaz)]
    doc = nlp("Fighters stormed a base in Mahaday on Tuesday.")
    i = next(t.i for t in doc if t.text == "Mahaday")
    doc.ents = [doc.char_span(doc[i].idx, doc[i].idx + 7, label="DATE")]
    assert _unlabelled_places(doc, gaz) == []  # only a place noun says a "date" is a name


def test_a_camp_is_placed_in_the_storys_country_not_by_a_namesake_abroad(nlp, gaz):
    text = (
        "Israeli forces demolished buildings in the Nur Shams refugee camp in the northern West Bank, "
        "Palestinian officials said. Palestinian families fled."
    )
    _, places = _places(nlp, gaz, text)
    camp = [p for p in places if p.place.text == "Nur Shams"]
    assert camp and camp[0].place.country == "PSE"


def test_the_focus_is_a_town_where_things_happen_not_one_naming_an_agency(nlp, gaz):
    text = (
        "Israeli airstrikes on tents sheltering families in Khan Younis killed at least 12 people. "
        "Gaza's civil defence agency put the toll at 14. The Gaza health ministry gave no figure."
    )
    _, places = _places(nlp, gaz, text)
    focus = focus_place(places)
    assert focus is not None and focus.name == "Khan Younis"


def test_the_capital_written_beside_a_named_city_or_as_money_is_no_place(nlp, gaz):
    doc, places = _places(nlp, gaz, "Sudan's army retook Singa, the capital of Sennar province, on Saturday.")
    assert [p.place.name for p in places if p.kind == "capital"] == []
    doc, places = _places(nlp, gaz, "In Libya, the firm did not have the capital to build a plant.")
    assert [p.place.name for p in places if p.kind == "capital"] == []


def test_a_district_keeps_its_reading_when_no_town_has_its_name(nlp, tmp_path):
    rows = [
        Candidate(40, "Mexico", 23.0, -102.0, "MEX", None, "PCLI", 126_000_000),
        Candidate(41, "Zinapécuaro", 19.85, -100.79, "MEX", "16", "ADM2", 32_000),
        Candidate(42, "Zinapécuaro de Figueroa", 19.86, -100.83, "MEX", "16", "PPL", 15_000),
    ]
    gaz = Gazetteer.from_rows(rows, [("Zinapécuaro", 42)], tmp_path / "mx.sqlite")
    try:
        _, places = _places(nlp, gaz, "Gunmen killed two people in Zinapécuaro, Mexico, on Thursday.")
        assert [p.place.geonameid for p in places if p.place.text == "Zinapécuaro"] == [41]
    finally:
        gaz.close()


def test_the_focus_is_not_the_town_written_around_a_smaller_one(nlp, tmp_path):
    rows = [
        Candidate(50, "France", 46.0, 2.0, "FRA", None, "PCLI", 67_000_000),
        Candidate(51, "Paris", 48.85, 2.35, "FRA", "11", "PPLC", 2_100_000),
        Candidate(52, "Nanterre", 48.89, 2.2, "FRA", "11", "PPL", 87_000),
    ]
    gaz = Gazetteer.from_rows(rows, [], tmp_path / "fr.sqlite")
    try:
        text = "Youths set cars ablaze in the Paris suburb of Nanterre in France. Police fired tear gas."
        _, places = _places(nlp, gaz, text)
        focus = focus_place(places)
        assert focus is not None and focus.name == "Nanterre"
    finally:
        gaz.close()


def test_a_protest_at_a_countrys_parliament_is_in_its_capital(nlp, gaz):
    text = "A protest outside Libya's parliament turned into a riot on Thursday."
    place = _where(nlp, gaz, text, "protest")
    assert place is not None and place.name == "Tripoli"
    place = _where(nlp, gaz, "Protesters marched across Libya on Thursday.", "march")
    assert place is not None and place.name == "Libya"
