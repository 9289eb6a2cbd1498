"""Choosing between namesakes: the words around a name and the story's other places."""

from __future__ import annotations

import pytest

from palmyra.resources.gazetteer import Candidate, Gazetteer
from palmyra.stages import places as P
from tests.stages import places_helpers as ns

PLACES = [
    Candidate(1, "Australia", -25.0, 134.0, "AUS", None, "PCLI", 25_000_000),
    Candidate(2, "Canada", 60.0, -95.0, "CAN", None, "PCLI", 38_000_000),
    Candidate(3, "Queensland", -22.0, 144.0, "AUS", "04", "ADM1", 5_000_000),
    Candidate(4, "Queensland", 50.94, -114.02, "CAN", "01", "PPL", 4_585),
    Candidate(5, "Alberta", 54.0, -115.0, "CAN", "01", "ADM1", 4_000_000),
    Candidate(6, "Red Deer", 52.27, -113.8, "CAN", "01", "PPL", 100_000),
    Candidate(7, "Innisfail", 52.03, -113.95, "CAN", "01", "PPL", 7_800),
    Candidate(10, "United Kingdom", 54.0, -2.0, "GBR", None, "PCLI", 66_000_000),
    Candidate(11, "London", 51.51, -0.13, "GBR", "ENG", "PPLC", 8_900_000),
    Candidate(12, "Heathrow", 28.9, -81.4, "USA", "FL", "PPL", 5_900),
    Candidate(20, "France", 46.0, 2.0, "FRA", None, "PCLI", 67_000_000),
    Candidate(21, "Paris", 48.85, 2.35, "FRA", "11", "PPLC", 2_100_000),
    Candidate(22, "Paris", 38.21, -84.25, "USA", "KY", "PPL", 9_900),
    Candidate(23, "Kentucky", 37.5, -85.0, "USA", "KY", "ADM1", 4_400_000),
    Candidate(24, "Georgetown", 38.21, -84.56, "USA", "KY", "PPL", 33_000),
    Candidate(25, "Lexington", 38.05, -84.5, "USA", "KY", "PPL", 320_000),
    Candidate(30, "China", 35.0, 105.0, "CHN", None, "PCLI", 1_400_000_000),
    Candidate(31, "Hunan", 27.5, 111.5, "CHN", "11", "ADM1", 66_000_000),
    Candidate(32, "Hunan", 25.0, 113.0, "CHN", "11", "PPL", 0),
    Candidate(33, "Yueyang", 29.37, 113.09, "CHN", "11", "PPL", 1_000_000),
    Candidate(34, "China", 17.0, -93.0, "MEX", "07", "ADM2", 20_000),
    Candidate(40, "Pacific", 0.0, -160.0, None, None, "OCN", 100_000_000),
    Candidate(41, "Pacific", 46.5, -123.7, "USA", "WA", "ADM2", 21_000),
]


@pytest.fixture(scope="module")
def gaz(tmp_path_factory):
    g = Gazetteer.from_rows(PLACES, [], tmp_path_factory.mktemp("resolution") / "g.sqlite")
    yield g
    g.close()


def _place(places, text):
    return next(p for p in places if p.place.text == text).place


def test_a_place_written_with_its_country_after_it_lies_in_that_country(nlp, gaz):
    # the story's other places all lie in Alberta, where a small Queensland lies too
    text = (
        "The Innisfail skater trains in Red Deer and skates for Alberta. She was named the state "
        "champion for Queensland, Australia when she was seven."
    )
    _, _, places = ns.analyse(nlp, gaz, text)
    assert _place(places, "Queensland").geonameid == 3


def test_a_part_of_a_town_written_with_its_possessive_is_placed_at_that_town(nlp, gaz):
    text = "Workers represented by the union work out of London's Heathrow, one of the busiest airports."
    _, _, places = ns.analyse(nlp, gaz, text)
    heathrow = _place(places, "Heathrow")
    assert heathrow.geonameid is None  # not Heathrow, Florida
    assert (heathrow.lat, heathrow.lon) == (51.51, -0.13)


def test_a_capital_of_a_country_the_story_names_keeps_its_name_beside_local_namesakes(nlp, gaz):
    text = (
        "A Kentucky doctor and his family were on holiday in France. They had planned to leave Paris on "
        "Saturday."
    )
    _, _, places = ns.analyse(nlp, gaz, text)
    assert _place(places, "Paris").geonameid == 21


def test_a_local_namesake_still_wins_when_the_story_names_no_capital_country(nlp, gaz):
    text = "A Georgetown man was arrested in Paris on Sunday after a chase from Lexington, Kentucky."
    _, _, places = ns.analyse(nlp, gaz, text)
    assert _place(places, "Paris").geonameid == 22


def test_a_name_before_town_of_holds_the_town(nlp, gaz):
    text = "In the Hunan city of Yueyang, 47 reservoirs overflowed, China's state media said."
    _, _, places = ns.analyse(nlp, gaz, text)
    assert _place(places, "Hunan").geonameid == 31  # the province, not a village called Hunan


def test_a_plural_noun_before_of_does_not_make_a_country_a_province(nlp, gaz):
    text = "The disease has spread across 30 provinces and regions of China, officials said."
    _, _, places = ns.analyse(nlp, gaz, text)
    assert _place(places, "China").geonameid == 30


def test_an_ocean_written_as_a_region_is_the_ocean(nlp, gaz):
    text = "El Niño is a change in the tropical Pacific region that brings floods and droughts."
    _, _, places = ns.analyse(nlp, gaz, text)
    assert _place(places, "Pacific").geonameid == 40


ALIASED = [
    Candidate(50, "West Virginia", 38.9, -80.2, "USA", "WV", "ADM1", 1_800_000),
    Candidate(51, "California", 37.25, -119.75, "USA", "CA", "ADM1", 39_500_000),
    Candidate(52, "Spencer", 38.8, -81.35, "USA", "WV", "PPL", 2_195),  # once called California
    Candidate(53, "Charleston", 38.35, -81.63, "USA", "WV", "PPL", 46_000),
    Candidate(54, "Nitro", 38.41, -81.84, "USA", "WV", "PPL", 6_800),
]


@pytest.fixture(scope="module")
def aliased(tmp_path_factory):
    g = Gazetteer.from_rows(ALIASED, [("California", 52)], tmp_path_factory.mktemp("aliased") / "g.sqlite")
    yield g
    g.close()


def test_a_town_only_alternately_called_a_name_does_not_beat_the_place_called_that(nlp, aliased):
    text = (
        "Officials in Charleston and Nitro said West Virginia's rules on same-sex marriage differ from "
        "those in California."
    )
    _, _, places = ns.analyse(nlp, aliased, text)
    assert _place(places, "California").geonameid == 51


GEORGIAS = [
    Candidate(60, "Georgia", 42.0, 43.5, "GEO", None, "PCLI", 3_700_000),
    Candidate(61, "Georgia", 32.75, -83.5, "USA", "GA", "ADM1", 1_000_000),  # small: the country leads
    Candidate(62, "Atlanta", 33.75, -84.39, "USA", "GA", "PPL", 500_000),
    Candidate(63, "Wichita", 37.69, -97.34, "USA", "KS", "PPL", 390_000),
    Candidate(64, "Kansas", 38.5, -98.0, "USA", "KS", "ADM1", 2_900_000),
    Candidate(65, "Lyons", 38.35, -98.2, "USA", "KS", "PPL", 3_700),  # also called Atlanta
]


@pytest.fixture(scope="module")
def georgias(tmp_path_factory):
    g = Gazetteer.from_rows(GEORGIAS, [("Atlanta", 65)], tmp_path_factory.mktemp("georgias") / "g.sqlite")
    yield g
    g.close()


def test_a_parent_written_after_a_town_is_the_namesake_that_holds_it(nlp, georgias):
    text = "The girl fell ill on the flight from Atlanta, Georgia to Wichita, Kansas, officials said."
    _, _, places = ns.analyse(nlp, georgias, text)
    assert _place(places, "Atlanta").geonameid == 62  # not Lyons, Kansas, beside the story's Wichita
    assert _place(places, "Georgia").geonameid == 61  # the state, not the country


def test_in_a_roundup_of_many_countries_neighbours_count_only_in_a_country_it_names_often():
    big = Candidate(70, "Toronto", 43.7, -79.4, "CAN", "08", "PPL", 2_800_000)
    small = Candidate(71, "Toronto", -33.01, 151.59, "AUS", "02", "PPL", 5_670)
    roundup = {"USA": 10, "BRA": 5, "TUR": 5, "CHL": 3, "RUS": 3, "GBR": 4, "SGP": 2, "AUS": 2, "CAN": 3}
    assert not P._may_gain(small, big, roundup, "toronto")
    assert P._may_gain(small, big, {"AUS": 3, "CAN": 1}, "toronto")
    assert P._may_gain(small, big, {"CHN": 5, "FRA": 3, "AUS": 1}, "toronto")  # a local story naming few


ONTARIOS = [
    Candidate(80, "United States", 39.8, -98.6, "USA", None, "PCLI", 330_000_000),
    Candidate(81, "Ontario", 50.0, -85.0, "CAN", "08", "ADM1", 3_000_000),  # small: the town leads
    Candidate(82, "Ontario", 34.06, -117.65, "USA", "CA", "PPL", 175_000),
    Candidate(83, "Stroud", 51.74, -2.22, "GBR", "ENG", "PPL", 32_000),
    Candidate(84, "Stroud", 44.32, -79.62, "CAN", "08", "PPL", 3_000),
]


@pytest.fixture(scope="module")
def ontarios(tmp_path_factory):
    g = Gazetteer.from_rows(ONTARIOS, [], tmp_path_factory.mktemp("ontarios") / "g.sqlite")
    yield g
    g.close()


def test_a_parent_first_read_as_a_town_is_read_again_as_the_province_that_holds_the_place(nlp, ontarios):
    text = "The recall began in the United States after a crash in Stroud, Ontario, on Tuesday."
    _, _, places = ns.analyse(nlp, ontarios, text)
    assert _place(places, "Ontario").geonameid == 81
    assert _place(places, "Stroud").geonameid == 84


CONFIRMED = [
    Candidate(90, "Ontario", 50.0, -85.0, "CAN", "08", "ADM1", 18_000_000),
    Candidate(91, "Ontario", 34.06, -117.65, "USA", "CA", "PPL", 171_000),
    Candidate(92, "Mississauga", 43.58, -79.66, "CAN", "08", "PPL", 720_000),
    Candidate(93, "California", 37.25, -119.75, "USA", "CA", "ADM1", 39_500_000),
    Candidate(94, "Pomona", 34.06, -117.75, "USA", "CA", "PPL", 150_000),
    Candidate(95, "Chino", 34.01, -117.69, "USA", "CA", "PPL", 90_000),
]


@pytest.fixture(scope="module")
def confirmed(tmp_path_factory):
    g = Gazetteer.from_rows(CONFIRMED, [], tmp_path_factory.mktemp("confirmed") / "g.sqlite")
    yield g
    g.close()


def test_a_parent_that_holds_the_place_before_it_is_that_parent_wherever_the_story_names_it(nlp, confirmed):
    text = (
        "Pet food made by a firm based in Mississauga, Ontario, was sold in Pomona and Chino, California. "
        "Regulators in Ontario said on Monday they would review the plant."
    )
    _, _, places = ns.analyse(nlp, confirmed, text)
    assert {p.place.geonameid for p in places if p.place.text == "Ontario"} == {90}


FLORIDAS = [
    Candidate(100, "Florida", 28.0, -81.7, "USA", "FL", "ADM1", 1_000_000),  # small: a close call
    Candidate(101, "Florida", 41.33, -74.36, "USA", "NY", "PPL", 2_800),  # a village in Orange County
    Candidate(102, "New York City", 40.71, -74.01, "USA", "NY", "PPL", 8_800_000),
    Candidate(103, "New York", 42.9, -75.5, "USA", "NY", "ADM1", 19_000_000),
    Candidate(104, "Goshen", 41.4, -74.32, "USA", "NY", "PPL", 5_400),
]


@pytest.fixture(scope="module")
def floridas(tmp_path_factory):
    g = Gazetteer.from_rows(FLORIDAS, [], tmp_path_factory.mktemp("floridas") / "g.sqlite")
    yield g
    g.close()


def test_a_state_keeps_its_name_from_a_far_smaller_town_beside_the_storys_places(nlp, floridas):
    text = "Letters were sent to the media in New York City, Goshen and Florida, officials said."
    _, _, places = ns.analyse(nlp, floridas, text)
    assert _place(places, "Florida").geonameid == 100


LISTED = [
    Candidate(110, "New York", 42.9, -75.5, "USA", "NY", "ADM1", 19_000_000),
    Candidate(111, "Pennsylvania", 40.9, -77.8, "USA", "PA", "ADM1", 12_800_000),
    Candidate(112, "New Jersey", 40.2, -74.5, "USA", "NJ", "ADM1", 8_900_000),
    Candidate(113, "Long Island", 41.0, -73.0, "USA", None, "RGN", 8_000_000),
    Candidate(114, "Long Island", 23.1, -75.0, "BHS", "14", "ADM1", 3_000),
    Candidate(120, "West Virginia", 38.9, -80.2, "USA", "WV", "ADM1", 1_800_000),
    Candidate(121, "Saint Albans", 38.39, -81.84, "USA", "WV", "PPL", 11_000),  # once called Philippi
    Candidate(122, "Philippi", 39.15, -80.04, "USA", "WV", "PPL", 3_256),
]


@pytest.fixture(scope="module")
def listed(tmp_path_factory):
    g = Gazetteer.from_rows(LISTED, [("Philippi", 121)], tmp_path_factory.mktemp("listed") / "g.sqlite")
    yield g
    g.close()


def test_a_region_listed_with_states_is_the_region(nlp, listed):
    text = "People became ill in Long Island, New York, Pennsylvania and New Jersey, the company said."
    _, _, places = ns.analyse(nlp, listed, text)
    assert _place(places, "Long Island").geonameid == 113  # not a Bahamian district


def test_a_town_written_with_its_state_is_the_one_called_that_there(nlp, listed):
    text = "A mother from Philippi, West Virginia, was convicted of child abuse on Monday."
    _, _, places = ns.analyse(nlp, listed, text)
    assert _place(places, "Philippi").geonameid == 122


def test_a_spaced_ap_abbreviation_is_the_state(nlp, listed):
    text = "The man is held in a jail in Philippi, W. Va., on a parole violation."
    _, _, places = ns.analyse(nlp, listed, text)
    found = {p.place.text: p.place.geonameid for p in places}
    assert found.get("W. Va.") == 120 or found.get("W. Va") == 120
    assert found["Philippi"] == 122


LONDONS = [
    Candidate(130, "Canada", 60.0, -95.0, "CAN", None, "PCLI", 38_000_000),
    Candidate(131, "United Kingdom", 54.0, -2.0, "GBR", None, "PCLI", 66_000_000),
    Candidate(132, "London", 51.51, -0.13, "GBR", "ENG", "PPLC", 8_900_000),
    Candidate(133, "London", 42.98, -81.23, "CAN", "08", "PPL", 422_000),
    Candidate(134, "Paris", 48.85, 2.35, "FRA", "11", "PPLC", 2_100_000),
    Candidate(135, "Paris", 33.66, -95.56, "USA", "TX", "PPL", 24_800),
    Candidate(136, "United States", 39.8, -98.6, "USA", None, "PCLI", 330_000_000),
]


@pytest.fixture(scope="module")
def londons(tmp_path_factory):
    g = Gazetteer.from_rows(LONDONS, [], tmp_path_factory.mktemp("londons") / "g.sqlite")
    yield g
    g.close()


def test_a_sizeable_namesake_in_the_storys_country_beats_a_famous_one_in_a_country_it_never_names(
    nlp, londons
):
    text = (
        "More than 200 people attended the London rally on Saturday. The imam of the Islamic Centre in "
        "London said Canada's stand was appreciated. We want Canada to act, he said."
    )
    _, _, places = ns.analyse(nlp, londons, text)
    assert {p.place.geonameid for p in places if p.place.text == "London"} == {133}


def test_a_small_namesake_in_the_storys_country_does_not(nlp, londons):
    text = "The United States team flew to Paris on Monday, and the United States coach said they were ready."
    _, _, places = ns.analyse(nlp, londons, text)
    assert _place(places, "Paris").geonameid == 134


WASHINGTONS = [
    Candidate(140, "Washington", 47.5, -120.5, "USA", "WA", "ADM1", 7_600_000),
    Candidate(141, "Washington, D.C.", 38.9, -77.04, "USA", "DC", "PPLC", 700_000),
    Candidate(142, "Piqua", 40.14, -84.24, "USA", "OH", "PPL", 20_500),  # once called Washington
    Candidate(143, "Ohio", 40.25, -82.75, "USA", "OH", "ADM1", 11_700_000),
    Candidate(144, "Dayton", 39.76, -84.19, "USA", "OH", "PPL", 137_000),
    Candidate(145, "Troy", 40.04, -84.2, "USA", "OH", "PPL", 26_000),
]


@pytest.fixture(scope="module")
def washingtons(tmp_path_factory):
    aliases = [("Washington", 141), ("Washington", 142)]
    g = Gazetteer.from_rows(WASHINGTONS, aliases, tmp_path_factory.mktemp("washingtons") / "g.sqlite")
    yield g
    g.close()


def test_a_town_only_alternately_called_like_a_state_is_never_read_for_it(nlp, washingtons):
    text = "Schools in Dayton and Troy, Ohio, will get money from Washington, officials in Ohio said."
    _, _, places = ns.analyse(nlp, washingtons, text)
    assert _place(places, "Washington").geonameid in (140, 141)  # not Piqua, beside Dayton and Troy


DATELINE_WASHINGTONS = [
    Candidate(50, "United States", 39.8, -98.6, "USA", None, "PCLI", 330_000_000),
    Candidate(51, "Washington", 38.9, -77.04, "USA", "DC", "PPLC", 690_000),
    Candidate(52, "Washington", 41.3, -91.69, "USA", "IA", "PPL", 7_300),
    Candidate(53, "Iowa", 42.0, -93.5, "USA", "IA", "ADM1", 3_200_000),
    Candidate(54, "Washington", 54.9, -1.52, "GBR", "ENG", "PPL", 67_000),
    Candidate(55, "United Kingdom", 54.0, -2.0, "GBR", None, "PCLI", 66_000_000),
]


@pytest.mark.parametrize(
    "text",
    [
        "WASHINGTON (AP) — The U.S. president pardoned a turkey from Iowa on Wednesday.",
        "WASHINGTON The U.S. president pardoned a turkey from Iowa on Wednesday.",  # the dash lost
        "WASHINGTON A former British spy wrote the reports on the U.S. president, officials in Britain said.",
    ],
)
def test_a_dateline_that_names_a_capital_of_a_country_in_the_story_is_that_capital(nlp, tmp_path, text):
    g = Gazetteer.from_rows(DATELINE_WASHINGTONS, [], tmp_path / "w.sqlite")
    try:
        _, _, places = ns.analyse(nlp, g, text)
        assert _place(places, "WASHINGTON").geonameid == 51
    finally:
        g.close()


QUEBECS = [
    Candidate(60, "Canada", 60.0, -95.0, "CAN", None, "PCLI", 38_000_000),
    Candidate(61, "Quebec", 52.0, -72.0, "CAN", "10", "ADM1", 8_500_000),
    Candidate(62, "Québec", 46.81, -71.21, "CAN", "10", "PPLA", 530_000),
]


def test_a_province_written_with_its_own_government_is_the_province_throughout(nlp, tmp_path):
    g = Gazetteer.from_rows(QUEBECS, [("quebec", 62)], tmp_path / "q.sqlite")
    try:
        text = (
            "Drivers want the Quebec government to allow right turns at red lights. Such turns became "
            "legal everywhere in Canada except in Quebec."
        )
        _, _, places = ns.analyse(nlp, g, text)
        assert {p.place.geonameid for p in places if p.place.text == "Quebec"} == {61}
    finally:
        g.close()
