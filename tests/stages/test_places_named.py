"""Places NER misreads after a verb of attack, namesakes found only through an alternate name, and
localities written with the area they lie in ("the Mangochar area of Kalat district", "X, Y district")."""

from __future__ import annotations

import pytest

from palmyra.resources.gazetteer import Candidate, Gazetteer
from palmyra.stages.actors import find_actors
from palmyra.stages.event_location import choose_location, focus_place
from palmyra.stages.place_parents import written_places
from palmyra.stages.places import context_countries, find_places
from palmyra.stages.segment import segment

PLACES = [
    Candidate(1, "Ukraine", 49.0, 32.0, "UKR", None, "PCLI", 41_000_000),
    Candidate(2, "Odesa", 46.48, 30.73, "UKR", "17", "PPL", 1_010_000),
    Candidate(3, "Yemen", 15.5, 47.5, "YEM", None, "PCLI", 28_000_000),
    Candidate(4, "Sanaa", 15.35, 44.2, "YEM", "26", "PPLC", 1_900_000),
    Candidate(5, "Bonn", 50.73, 7.1, "DEU", "07", "PPL", 330_000),
    Candidate(6, "Nigeria", 10.0, 8.0, "NGA", None, "PCLI", 200_000_000),
    Candidate(7, "Borno", 11.95, 13.04, "NGA", "27", "ADM1", 1_700_000),
    Candidate(8, "Maiduguri", 11.85, 13.16, "NGA", "27", "PPLA", 800_000),
    Candidate(9, "Pakistan", 30.0, 70.0, "PAK", None, "PCLI", 220_000_000),
    Candidate(10, "Kalat", 29.03, 66.59, "PAK", "02", "ADM2", 400_000, "05"),
    Candidate(11, "Quetta", 30.19, 67.01, "PAK", "02", "PPLA", 1_000_000),
    Candidate(12, "Uganda", 1.25, 32.5, "UGA", None, "PCLI", 45_000_000),
    Candidate(13, "Gulu", 2.78, 32.3, "UGA", "C", "ADM2", 150_000, "30"),
    Candidate(14, "Afghanistan", 33.0, 66.0, "AFG", None, "PCLI", 38_000_000),
    Candidate(15, "Kunduz", 36.73, 68.86, "AFG", "24", "PPLA", 270_000),
    Candidate(16, "Baghlan", 36.0, 68.75, "AFG", "03", "ADM1", 900_000),
    Candidate(17, "Bangladesh", 24.0, 90.0, "BGD", None, "PCLI", 160_000_000),
    Candidate(18, "Gazipur", 24.0, 90.42, "BGD", "81", "PPL", 120_000),
    Candidate(19, "Dhaka", 23.71, 90.41, "BGD", "81", "PPLC", 10_000_000),
]
ALIASES = [("Boni", 5)]


@pytest.fixture(scope="module")
def gaz(tmp_path_factory):
    g = Gazetteer.from_rows(PLACES, ALIASES, tmp_path_factory.mktemp("gaz") / "g.sqlite")
    yield g
    g.close()


def _analyse(nlp, gaz, text):
    doc = nlp(text)
    segs = segment(text, is_place=gaz.is_known)
    context = context_countries(doc, segs, gaz)
    actors = find_actors(doc, main_country=context.most_common(1)[0][0] if context else None)
    return doc, find_places(doc, gaz, segments=segs, actors=actors, context=context)


def _location(nlp, gaz, text, lemma):
    doc, places = _analyse(nlp, gaz, text)
    trigger = next(t for t in doc if t.lemma_.lower() == lemma)
    return choose_location(trigger.sent, trigger.i, places, focus_place(places))


@pytest.mark.parametrize(
    ("text", "lemma", "name"),
    [
        ("Russian drones struck Odesa in southern Ukraine overnight, killing two people.", "strike", "Odesa"),
        ("Houthi fighters attacked Sanaa, the capital of Yemen, killing three.", "attack", "Sanaa"),
    ],
)
def test_a_big_town_struck_is_a_place_whatever_ner_calls_it(nlp, gaz, text, lemma, name):
    place, _ = _location(nlp, gaz, text, lemma)
    assert place is not None and place.name == name


def test_a_namesake_abroad_found_by_an_alternate_name_is_an_unknown_place(nlp, gaz):
    text = (
        "Boko Haram fighters attacked the village of Boni in Borno, Nigeria, killing three farmers "
        "near Maiduguri. Nigerian troops later reached Boni."
    )
    _, places = _analyse(nlp, gaz, text)
    boni = [p for p in places if p.place.text == "Boni"]
    assert boni and all(p.place.country == "NGA" and p.place.geonameid is None for p in boni)


def test_the_area_of_a_district_is_coded_at_the_district(nlp, gaz):
    text = (
        "Armed men set up a blockade in the Mangochar area of Kalat district late on Tuesday, stopped "
        "a Quetta-bound passenger coach and shot seven passengers."
    )
    place, precision = _location(nlp, gaz, text, "shoot")
    assert place is not None and (place.text, place.geonameid, place.lat) == ("Mangochar", None, 29.03)
    assert precision == 2


def test_a_village_written_with_its_district_after_a_comma(nlp, gaz):
    doc = nlp("Gunmen killed three people in Kalabo, Gulu district, on Monday.")
    (w,) = written_places(doc, gaz, {})
    assert (w.place.text, w.place.country, w.place.lat, w.precision) == ("Kalabo", "UGA", 2.78, 2)
    assert w.parents[0][0].text == "Gulu district"


def test_a_list_of_known_places_is_not_one_inside_another(nlp, gaz):
    doc = nlp("Taliban fighters attacked police posts in Kunduz, Baghlan province and Takhar, killing six.")
    assert written_places(doc, gaz, {}) == []


def test_a_locality_owned_by_a_town(nlp, gaz):
    text = "Workers of a garment factory in Gazipur's Kashimpur blocked the Dhaka highway for four hours."
    place, _ = _location(nlp, gaz, text, "block")
    assert place is not None and "Kashimpur" in place.text and place.country == "BGD"


@pytest.mark.parametrize(
    "text",
    ["The town of Gulu was quiet on Monday.", "Ugandan troops entered the Ugandan town of Gulu on Monday."],
)
def test_a_function_word_or_a_nationality_before_town_of_is_not_a_place(nlp, gaz, text):
    assert written_places(nlp(text), gaz, {}) == []


def test_a_neighbourhood_of_a_town_is_coded_at_the_town(nlp, gaz):
    doc = nlp("Police fired tear gas in the Kallyanpur neighbourhood of Dhaka on Sunday.")
    (w,) = written_places(doc, gaz, {})
    assert (w.place.text, w.place.geonameid, w.precision) == ("Kallyanpur", 19, 1)


def test_a_small_town_struck_stays_a_person(nlp, gaz):
    _, places = _analyse(nlp, gaz, "In Uganda, the officer fired five shots, two of which struck Gazipur.")
    assert all(p.place.name != "Gazipur" for p in places)


def test_a_big_town_raided_is_a_place_whatever_ner_calls_it(nlp, gaz):
    place, _ = _location(nlp, gaz, "Air raids on Sanaa on Saturday night left at least 4 dead.", "raid")
    assert place is not None and place.name == "Sanaa"


def test_an_unlabelled_town_after_a_direction_word(nlp, gaz):
    text = "Textile workers protested in central Odesa on May 12, the governor said."
    place, _ = _location(nlp, gaz, text, "protest")
    assert place is not None and place.name == "Odesa"
