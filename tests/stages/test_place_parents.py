"""Places written with their parents ("Sofara (Djenne, Mopti)"), towns around their parts and offsets."""

from __future__ import annotations

import pytest

from palmyra.resources.gazetteer import Candidate, Gazetteer
from palmyra.stages.actors import find_actors
from palmyra.stages.event_location import choose_location, focus_place
from palmyra.stages.place_parents import fits_in, written_places
from palmyra.stages.places import (
    _hyphenated,
    _known_part,
    context_countries,
    find_places,
)
from palmyra.stages.segment import segment

PLACES = [
    Candidate(1, "Mali", 17.0, -4.0, "MLI", None, "PCLI", 19_000_000),
    Candidate(2, "Mopti", 14.64, -3.93, "MLI", "04", "ADM1", 350_000),
    Candidate(3, "Mopti", 14.48, -4.18, "MLI", "04", "PPL", 186_000),
    Candidate(4, "Djenné", 13.91, -4.55, "MLI", "04", "PPL", 40_000),
    Candidate(5, "Borno", 11.95, 13.04, "NGA", "27", "ADM1", 1_700_000),
    Candidate(6, "Marte", 12.37, 13.83, "NGA", "27", "PPL", 15_700),
    Candidate(7, "Marte", 41.0, 12.0, "ITA", "07", "PPL", 30_000),
    Candidate(8, "Ituri", 2.21, 30.44, "COD", "17", "ADM1", 530_000),
    Candidate(9, "Djugu", 1.93, 30.27, "COD", "17", "ADM2", 87_000, "05"),
    Candidate(10, "Bulle", 46.62, 7.06, "CHE", "FR", "PPL", 23_000),
    Candidate(11, "Tyre", 33.27, 35.19, "LBN", "06", "PPL", 135_000),
    Candidate(12, "Tyre", 42.99, -76.8, "USA", "NY", "PPL", 900),
    Candidate(13, "South Lebanon", 39.37, -84.21, "USA", "OH", "PPL", 4_300),
    Candidate(14, "Aweil", 8.76, 27.39, "SSD", "05", "PPL", 38_000),
    Candidate(15, "Northern Bahr el Ghazal", 8.89, 27.48, "SSD", "05", "ADM1", 340_000),
    Candidate(16, "Wad Medani", 14.4, 33.52, "SDN", "04", "PPL", 345_000),
    Candidate(17, "Moscow", 55.75, 37.62, "RUS", "48", "PPLC", 10_000_000),
    Candidate(18, "Arbat", 40.14, 44.4, "ARM", "02", "PPL", 2_300),
    Candidate(19, "Mogadishu", 2.04, 45.34, "SOM", "02", "PPLC", 2_500_000),
    Candidate(20, "Djibo", 14.1, -1.63, "BFA", "12", "PPL", 61_000),
    Candidate(21, "Rostov-on-Don", 47.22, 39.71, "RUS", "61", "PPL", 1_100_000),
    Candidate(22, "Al-Junaynah", 13.45, 22.45, "SDN", "47", "PPL", 163_000),
    Candidate(24, "Ma’rib", 15.26, 45.08, "YEM", "14", "ADM1", 300_000),
    Candidate(25, "Ma'rib", 15.46, 45.33, "YEM", "14", "PPL", 16_800),
]
ALIASES = [("Djenne", 4), ("Wad Madani", 16), ("El Geneina", 22)]


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


def test_a_village_known_inside_its_written_parent(nlp, gaz):
    doc = nlp("Military Forces of Nigeria recaptured Marte (Borno) from ISWAP on 5 May 2022.")
    (w,) = written_places(doc, gaz, {})
    assert (w.name.text, w.place.geonameid, w.precision, w.known) == ("Marte", 6, 1, True)
    assert [(s.text, c.geonameid) for s, c in w.parents] == [("Borno", 5)]


def test_an_unknown_village_is_placed_at_its_innermost_parent(nlp, gaz):
    text = "On 14 February 2023, JNIM militants attacked a FAMa post in Sofara (Djenne, Mopti)."
    place, precision = _location(nlp, gaz, text, "attack")
    assert place is not None and (place.text, place.geonameid, place.country) == ("Sofara", None, "MLI")
    assert (place.lat, place.lon, precision) == (13.91, -4.55, 2)  # Djenne's point, under a town


def test_under_a_province_only_the_precision_is_3(nlp, gaz):
    doc = nlp("Gunmen raided the village of Intazayene (Mopti) on motorcycles.")
    (w,) = written_places(doc, gaz, {})
    assert (w.place.text, w.place.lat, w.precision) == ("Intazayene", 14.64, 3)


def test_a_namesake_abroad_loses_to_the_written_parents(nlp, gaz):
    text = "CODECO militiamen attacked a displacement site near Bule (Djugu, Ituri), killing 46 civilians."
    place, precision = _location(nlp, gaz, text, "attack")
    assert place is not None and (place.text, place.country, place.lat) == ("Bule", "COD", 1.93)
    assert precision == 2


def test_parents_that_are_small_towns_abroad_lose_to_a_sizeable_one(nlp, gaz):
    doc = nlp("Tank fire struck journalists near Alma ash-Shaab (Tyre, South Lebanon), killing one.")
    (w,) = written_places(doc, gaz, {"USA": 1.0})
    assert (w.name.text, w.place.country, w.place.lat) == ("Alma ash-Shaab", "LBN", 33.27)


def test_an_acronym_in_brackets_is_not_a_parent(nlp, gaz):
    doc = nlp("Fighters of the Islamic State Sahel Province (ISSP) raided Mopti.")
    assert written_places(doc, gaz, {}) == []


def test_the_bracketed_place_is_the_event_place(nlp, gaz):
    text = (
        "On 17 January 2025, rioters in Aweil (Northern Bahr el Ghazal) attacked shops in retaliation "
        "for the killing of traders in Wad Madani."
    )
    place, _ = _location(nlp, gaz, text, "attack")
    assert place is not None and place.name == "Aweil"


def test_fits_in_by_codes_then_distance():
    town = PLACES[3]  # Djenné, admin1 04
    assert fits_in(town, PLACES[1]) and not fits_in(town, PLACES[4])
    assert fits_in(PLACES[5], PLACES[4])  # Marte in Borno
    assert not fits_in(PLACES[2], PLACES[3])  # Mopti town is 90 km from Djenné


def test_a_namesake_far_from_the_town_it_is_written_in_gives_way_to_the_town(nlp, gaz):
    text = "Hundreds protested in Moscow's Arbat street against the mobilisation."
    place, precision = _location(nlp, gaz, text, "protest")
    assert place is not None and place.name == "Moscow" and place.text == "Moscow's Arbat"
    assert precision == 1


def test_an_unknown_district_of_a_town_is_coded_at_the_town(nlp, gaz):
    text = "A suicide bomber blew himself up outside a cafe in Bondhere district, Mogadishu, killing five."
    place, _ = _location(nlp, gaz, text, "blow")
    assert place is not None and place.name == "Mogadishu" and "Bondhere" in place.text


def test_a_distance_from_a_town_is_geo_precision_2(nlp, gaz):
    place, precision = _location(nlp, gaz, "Militants attacked a convoy 15 km east of Djibo.", "attack")
    assert place is not None and place.name == "Djibo" and precision == 2


def test_a_name_cut_at_its_hyphen_is_made_whole(nlp, gaz):
    doc = nlp.make_doc("Fighters took Rostov-on-Don yesterday.")
    start = next(t.i for t in doc if t.text == "Rostov")
    assert _hyphenated(doc[start : start + 1], gaz).text == "Rostov-on-Don"
    assert _hyphenated(doc[1:2], gaz).text == "took"


def test_a_common_word_ner_took_in_is_dropped(nlp, gaz):
    doc = nlp.make_doc("He was killed in El Geneina hours later.")
    assert _known_part(doc[4:7], gaz).text == "El Geneina"


def test_a_parent_written_with_its_area_noun(nlp, gaz):
    doc = nlp("Soldiers clashed with militants near Boni (Mopti region) on Sunday.")
    (w,) = written_places(doc, gaz, {})
    assert (w.place.text, w.place.country, w.precision) == ("Boni", "MLI", 3)
    assert w.parents[0][0].text == "Mopti region" and w.parents[0][1].feature_code == "ADM1"


def test_a_small_namesake_abroad_gives_way_to_the_story_s_country(nlp, gaz):
    text = "Militiamen attacked a camp near Bule in Ituri on Monday. Ituri officials said 46 people died."
    doc, places = _analyse(nlp, gaz, text)
    bule = next(p for p in places if p.place.text == "Bule")
    assert bule.kind == "locality" and bule.place.country == "COD" and bule.place.geonameid is None


def test_a_small_town_abroad_stays_when_the_story_names_its_country(nlp, gaz):
    text = "Police in Bulle, Switzerland, arrested two men on Monday."
    _, places = _analyse(nlp, gaz, text)
    assert next(p for p in places if p.place.text == "Bulle").place.geonameid == 10


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Houthi fighters shelled Marib city on Sunday.", "PPL"),
        ("Houthi fighters shelled the town of Marib on Sunday.", "PPL"),
        ("Houthi fighters shelled the province of Marib on Sunday.", "ADM1"),
    ],
)
def test_a_noun_beside_the_name_says_town_or_area(nlp, gaz, text, code):
    _, places = _analyse(nlp, gaz, text)
    assert next(p for p in places if "rib" in p.place.text).place.feature_code == code


def test_a_long_run_of_names_is_read_in_linear_time(nlp, gaz):
    import time

    doc = nlp.make_doc(" ".join(["Abu al-Bab"] * 40) + " said.")
    began = time.perf_counter()
    assert written_places(doc, gaz, {}) == []
    assert time.perf_counter() - began < 0.5  # the first pattern took 1 s for 18 names, doubling each


def test_a_name_written_once_with_its_parents_keeps_that_place_later(nlp, gaz):
    text = (
        "Soldiers executed villagers in Sofara (Djenne, Mopti) on Sunday. "
        "Witnesses said 20 civilians were killed in Sofara."
    )
    _, places = _analyse(nlp, gaz, text)
    sofaras = [p for p in places if p.place.text == "Sofara"]
    assert len(sofaras) == 2 and {(p.place.country, p.place.lat) for p in sofaras} == {("MLI", 13.91)}
