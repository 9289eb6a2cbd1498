"""Which of a sentence's places is where its event happened: the most specific of places written one
inside the other, never a place that only names a thing, and names NER left unlabelled."""

from __future__ import annotations

import pytest

from palmyra.resources.gazetteer import Candidate, Gazetteer
from palmyra.stages.actors import find_actors
from palmyra.stages.event_location import choose_location, focus_place
from palmyra.stages.places import context_countries, find_places
from palmyra.stages.segment import segment

PLACES = [
    Candidate(1, "Iraq", 33.0, 44.0, "IRQ", None, "PCLI", 38_000_000),
    Candidate(2, "United States", 39.76, -98.5, "USA", None, "PCLI", 327_000_000),
    Candidate(3, "Baghdad", 33.34, 44.4, "IRQ", "07", "PPLC", 7_200_000),
    Candidate(4, "Zafaraniyah", 33.25, 44.5, "IRQ", "07", "PPL", 20_000),
    Candidate(5, "Najaf", 31.99, 44.31, "IRQ", "17", "PPLA", 480_000),
    Candidate(6, "Kufa", 32.03, 44.4, "IRQ", "17", "PPL", 110_000),
    Candidate(7, "West Bank", 32.0, 35.25, "PSE", None, "ADM1", 2_700_000),
    Candidate(8, "Tulkarm", 32.31, 35.03, "PSE", "WE", "PPL", 50_000),
    Candidate(9, "Kano", 12.0, 8.52, "NGA", "29", "PPLA", 3_600_000),
    Candidate(10, "Nigeria", 10.0, 8.0, "NGA", None, "PCLI", 200_000_000),
]


@pytest.fixture(scope="module")
def gaz(tmp_path_factory):
    g = Gazetteer.from_rows(PLACES, [("US", 2), ("U.S.", 2)], tmp_path_factory.mktemp("ev") / "g.sqlite")
    yield g
    g.close()


def _where(nlp, gaz, text, lemma):
    doc = nlp(text)
    segs = segment(text, is_place=gaz.is_known)
    context = context_countries(doc, segs, gaz)
    main = context.most_common(1)[0][0] if context else None
    places = find_places(doc, gaz, segments=segs, actors=find_actors(doc, main_country=main), context=context)
    trigger = next(t for t in doc if t.lemma_.lower() == lemma)
    place, _ = choose_location(trigger.sent, trigger.i, places, focus_place(places))
    return place


@pytest.mark.parametrize(
    ("text", "lemma", "where"),
    [
        ("Two civilians were killed by a bomb in the Zafaraniyah district of southern Baghdad.", "kill",
         "Zafaraniyah"),
        ("Israeli soldiers shot a policeman in the West Bank town of Tulkarm on Friday.", "shoot", "Tulkarm"),
        ("A car bomb exploded at a market in Kufa town near Najaf, killing 36 people.", "explode", "Kufa"),
    ],
)  # fmt: skip
def test_the_most_specific_of_nested_places(nlp, gaz, text, lemma, where):
    place = _where(nlp, gaz, text, lemma)
    assert place is not None and place.text == where


def test_a_place_that_names_a_thing_is_not_where(nlp, gaz):
    text = "Demonstrators were protesting against the U.S. missile strikes."
    assert _where(nlp, gaz, text, "protest") is None
    place = _where(nlp, gaz, "Hundreds of students protested outside the US embassy in Baghdad.", "protest")
    assert place is not None and place.text == "Baghdad"


def test_a_thing_named_after_its_place_where_it_happened(nlp, gaz):
    place = _where(nlp, gaz, "He was shot outside his Baghdad office on Tuesday.", "shoot")
    assert place is not None and place.text == "Baghdad"


def test_names_ner_left_unlabelled(nlp, gaz):
    from palmyra.stages.places import _unlabelled_places

    doc = nlp("Gunmen killed four people near Kufa and in the Hayy al-Askari district on Monday.")
    doc.ents = []  # as if NER had missed them
    found = [(span.text, known) for span, known in _unlabelled_places(doc, gaz)]
    assert ("Kufa", True) in found
    assert ("Hayy al-Askari", False) in found
    doc = nlp("Officials in Washington met Kufa elders.")
    doc.ents = []
    assert [span.text for span, _ in _unlabelled_places(doc, gaz)] == []  # no place word, unknown


US_PLACES = [
    Candidate(20, "Georgia", 42.0, 43.5, "GEO", None, "PCLI", 3_700_000),
    Candidate(21, "Georgia", 32.75, -83.5, "USA", "GA", "ADM1", 10_000_000),
    Candidate(23, "Chicago", 41.85, -87.65, "USA", "IL", "PPL", 2_700_000),
    Candidate(2, "United States", 39.76, -98.5, "USA", None, "PCLI", 327_000_000),
]


def test_a_country_name_does_not_vote_for_its_own_reading(nlp, tmp_path):
    from palmyra.stages.places import context_countries

    gaz = Gazetteer.from_rows(US_PLACES, [], tmp_path / "us.sqlite")
    try:
        text = (
            "Georgia will expand the program, officials in Chicago said. Georgia lawmakers and Georgia "
            "schools agreed."
        )
        doc = nlp(text)
        segs = segment(text, is_place=gaz.is_known)
        context = context_countries(doc, segs, gaz)
        places = find_places(
            doc, gaz, segments=segs, actors=find_actors(doc, main_country="USA"), context=context
        )
        georgia = [p.place for p in places if p.place.text == "Georgia"]
        assert georgia and all(p.country == "USA" for p in georgia)
    finally:
        gaz.close()


def test_parent_in_brackets_picks_the_namesake_inside_it(nlp, tmp_path):
    rows = [
        Candidate(30, "Nigeria", 10.0, 8.0, "NGA", None, "PCLI", 200_000_000),
        Candidate(31, "Katsina", 12.5, 7.5, "NGA", "21", "ADM1", 7_800_000),
        Candidate(32, "Kankara", 11.93, 7.41, "NGA", "21", "PPL", 5_000),
        Candidate(33, "Kankara", 9.5, 6.0, "NGA", "31", "PPL", 20_000),
    ]
    gaz = Gazetteer.from_rows(rows, [], tmp_path / "ng.sqlite")
    try:
        text = "Gunmen abducted students in Kankara (Katsina) in Nigeria on Friday."
        doc = nlp(text)
        segs = segment(text, is_place=gaz.is_known)
        context = context_countries(doc, segs, gaz)
        places = find_places(
            doc, gaz, segments=segs, actors=find_actors(doc, main_country="NGA"), context=context
        )
        kankara = [p.place for p in places if p.place.text == "Kankara"]
        assert kankara and kankara[0].geonameid == 32
    finally:
        gaz.close()


def test_a_country_flown_over_is_where(nlp, gaz):
    place = _where(nlp, gaz, "A US drone was shot down over Iraq on Friday.", "shoot")
    assert place is not None and place.text == "Iraq"
