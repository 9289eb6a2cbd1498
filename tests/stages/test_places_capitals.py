"""A province named bare for its capital town: "Sumy", "Kidal" and "Cusco" mean the towns, "Sumy oblast"
and "the Kidal region" the provinces, and a small town called after a state ("Oklahoma") is not it."""

from __future__ import annotations

import pytest

from palmyra.resources.gazetteer import Candidate, Gazetteer
from palmyra.stages.actors import find_actors
from palmyra.stages.places import context_countries, find_places
from palmyra.stages.segment import segment

PLACES = [
    Candidate(1, "Ukraine", 49.0, 32.0, "UKR", None, "PCLI", 44_000_000),
    Candidate(2, "Sumska oblast", 50.9, 34.0, "UKR", "21", "ADM1", 1_100_000),
    Candidate(3, "Sumy", 50.91, 34.8, "UKR", "21", "PPL", 256_000),
    Candidate(4, "United States", 39.8, -98.6, "USA", None, "PCLI", 330_000_000),
    Candidate(5, "Oklahoma", 35.5, -97.5, "USA", "OK", "ADM1", 3_900_000),
    Candidate(6, "Oklahoma City", 35.47, -97.52, "USA", "OK", "PPL", 681_000),
]
NAMES = [("Sumy", 2), ("Oklahoma", 6)]


@pytest.fixture(scope="module")
def gaz(tmp_path_factory):
    g = Gazetteer.from_rows(PLACES, NAMES, tmp_path_factory.mktemp("capitals") / "g.sqlite")
    yield g
    g.close()


def _resolved(nlp, gaz, text):
    doc = nlp(text)
    segs = segment(text, is_place=gaz.is_known)
    places = find_places(
        doc, gaz, segments=segs, actors=find_actors(doc), context=context_countries(doc, segs, gaz)
    )
    return {p.place.text: p.place.feature_code for p in places}


@pytest.mark.model
def test_a_bare_province_name_is_its_capital_town(nlp, gaz):
    assert (
        _resolved(nlp, gaz, "Russian missiles struck the centre of Sumy in Ukraine on Sunday.")["Sumy"]
        == "PPL"
    )


@pytest.mark.model
def test_a_province_written_as_one_stays_the_province(nlp, gaz):
    found = _resolved(nlp, gaz, "Russian drones struck villages in Sumy oblast in Ukraine on Sunday.")
    assert "ADM1" in found.values()


@pytest.mark.model
def test_a_state_is_not_the_city_that_also_bears_its_name(nlp, gaz):
    assert _resolved(nlp, gaz, "Storms hit Oklahoma in the United States on Sunday.")["Oklahoma"] == "ADM1"


CONTEXT_PLACES = [
    Candidate(11, "Nigeria", 9.0, 8.0, "NGA", None, "PCLI", 200_000_000),
    Candidate(12, "Plateau", 9.2, 9.5, "NGA", "49", "ADM1", 1_175_000),
    Candidate(13, "Syke", 52.91, 8.83, "DEU", "06", "PPL", 24_000),
    Candidate(14, "Tanzania", -6.0, 35.0, "TZA", None, "PCLI", 60_000_000),
    Candidate(15, "Mbeya", -8.9, 33.45, "TZA", "09", "ADM1", 1_060_000),
]
CONTEXT_NAMES = [("Zike", 13), ("Plateau State", 12)]


@pytest.fixture(scope="module")
def context_gaz(tmp_path_factory):
    g = Gazetteer.from_rows(CONTEXT_PLACES, CONTEXT_NAMES, tmp_path_factory.mktemp("context") / "g.sqlite")
    yield g
    g.close()


def _context(nlp, gaz, text):
    doc = nlp(text)
    return dict(context_countries(doc, segment(text, is_place=gaz.is_known), gaz))


@pytest.mark.model
def test_a_province_written_as_one_says_the_country_and_a_foreign_alias_does_not(nlp, context_gaz):
    text = "Gunmen attacked the village of Zike in Plateau State's Bassa area late on Saturday."
    assert _context(nlp, context_gaz, text) == {"NGA": 1}


@pytest.mark.model
def test_a_region_unknown_with_its_area_word_is_known_without_it(nlp, context_gaz):
    text = "Police in Mbeya Region on Sunday arrested the vice-chairman of the opposition party."
    assert _context(nlp, context_gaz, text) == {"TZA": 1}
