from __future__ import annotations

import pytest

from palmyra.resources.gazetteer import Candidate, Gazetteer
from palmyra.stages.actors import find_actors
from palmyra.stages.event_location import choose_location, focus_place
from palmyra.stages.places import context_countries, find_places
from palmyra.stages.segment import segment

PLACES = [
    Candidate(1, "Syria", 35.0, 38.0, "SYR", None, "PCLI", 18_000_000),
    Candidate(2, "Russia", 60.0, 100.0, "RUS", None, "PCLI", 144_000_000),
    Candidate(3, "Damascus", 33.51, 36.29, "SYR", "13", "PPLC", 1_700_000),
    Candidate(4, "Homs", 34.73, 36.71, "SYR", "11", "PPLA", 650_000),
    Candidate(5, "Hama", 35.13, 36.75, "SYR", "12", "PPLA", 460_000),
    Candidate(6, "Aleppo", 36.2, 37.16, "SYR", "09", "PPLA", 1_600_000),
]


@pytest.fixture(scope="module")
def gaz(tmp_path_factory):
    g = Gazetteer.from_rows(PLACES, [], tmp_path_factory.mktemp("gaz") / "g.sqlite")
    yield g
    g.close()


def _analyse(nlp, gaz, text):
    doc = nlp(text)
    segs = segment(text, is_place=gaz.is_known)
    context = context_countries(doc, segs)
    main_country = context.most_common(1)[0][0] if context else None
    actors = find_actors(doc, main_country=main_country)
    places = find_places(doc, gaz, segments=segs, actors=actors, context=context)
    return doc, segs, places


def _trigger(doc, lemma):
    return next(t for t in doc if t.lemma_.lower() == lemma)


TEXT = (
    "Damascus, Syrian troops shelled rebel districts of Homs on Monday. "
    "Residents of Homs said the bombardment lasted all night. "
    "Rebels in Hama attacked an army checkpoint on Tuesday. "
    "Fighting also flared elsewhere in Syria."
)


def test_dateline_is_marked_and_ignored_by_focus(nlp, gaz):
    doc, segs, places = _analyse(nlp, gaz, TEXT)
    assert segs.dateline is not None
    assert TEXT[segs.dateline[0] : segs.dateline[1]] == "Damascus"
    dl = [p for p in places if p.dateline]
    assert [p.place.name for p in dl] == ["Damascus"]
    focus = focus_place(places)
    assert focus is not None and focus.name == "Homs"


def test_town_in_sentence_wins(nlp, gaz):
    doc, _, places = _analyse(nlp, gaz, TEXT)
    focus = focus_place(places)
    sents = list(doc.sents)
    place, precision = choose_location(sents[2], _trigger(doc, "attack").i, places, focus)
    assert place is not None and place.name == "Hama"
    assert precision == 1


def test_event_in_first_sentence_is_not_the_dateline(nlp, gaz):
    doc, _, places = _analyse(nlp, gaz, TEXT)
    focus = focus_place(places)
    sents = list(doc.sents)
    place, precision = choose_location(sents[0], _trigger(doc, "shell").i, places, focus)
    assert place is not None and place.name == "Homs"
    assert precision == 1


def test_country_only_falls_back_to_focus(nlp, gaz):
    doc, _, places = _analyse(nlp, gaz, TEXT)
    focus = focus_place(places)
    sent = list(doc.sents)[-1]
    place, precision = choose_location(sent, _trigger(doc, "flare").i, places, focus)
    assert place is not None and place.name == "Homs"
    assert precision == 2


def test_no_place_no_focus(nlp, gaz):
    doc, _, places = _analyse(nlp, gaz, "Fighting flared again overnight.")
    assert places == []
    assert focus_place(places) is None
    sent = next(iter(doc.sents))
    assert choose_location(sent, _trigger(doc, "flare").i, places, None) == (None, None)


def test_country_as_actor(nlp, gaz):
    text = "Russia said its jets had struck targets near Aleppo in Syria."
    doc, _, places = _analyse(nlp, gaz, text)
    by_name = {p.place.name: p for p in places}
    assert by_name["Russia"].actor is True
    assert by_name["Aleppo"].actor is False
    place, precision = choose_location(
        next(iter(doc.sents)), _trigger(doc, "strike").i, places, focus_place(places)
    )
    assert place is not None and place.name == "Aleppo" and precision == 2  # near a town: ACLED 2


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("Thousands of students demonstrated across Syria on Sunday.", "demonstrate"),
        ("At least 20 people have been killed in Syria's conflict this year.", "kill"),
        ("Most were captured in the mountains of Syria last year.", "capture"),
    ],
)
def test_a_country_where_something_happened_is_not_an_actor(nlp, gaz, text, verb):
    doc, _, places = _analyse(nlp, gaz, text)
    (syria,) = [p for p in places if p.place.name == "Syria"]
    assert syria.actor is False
    place, _ = choose_location(next(iter(doc.sents)), _trigger(doc, verb).i, places, focus_place(places))
    assert place is not None and place.name == "Syria"


# ---------------------------------------------------------------- resolver on namesakes

from tests.stages import places_helpers as ns  # noqa: E402


@pytest.fixture(scope="module")
def namesakes(tmp_path_factory):
    g = ns.namesakes_gazetteer(tmp_path_factory.mktemp("namesakes"))
    yield g
    g.close()


def test_palmyra_in_syria_by_country_context(nlp, namesakes):
    _, _, places = ns.analyse(nlp, namesakes, "Syrian troops recaptured Palmyra on Sunday.")
    assert ns.by_text(places)["Palmyra"].place.geonameid == ns.TADMUR


def test_palmyra_in_new_york_by_the_state_written_after_it(nlp, namesakes):
    text = "Firefighters in Palmyra, New York, saved a barn from a blaze on Saturday."
    _, _, places = ns.analyse(nlp, namesakes, text)
    found = ns.by_text(places)
    assert found["Palmyra"].place.geonameid == ns.PALMYRA_NY
    assert found["New York"].place.geonameid == ns.NEW_YORK


def test_all_caps_dateline_with_its_state(nlp, namesakes):
    text = "BOWLING GREEN, Ohio (AP) — Police arrested two men after a shooting near the campus on Friday."
    _, segs, places = ns.analyse(nlp, namesakes, text)
    assert segs.dateline is not None
    found = ns.by_text(places)
    town = found["BOWLING GREEN"]
    assert town.dateline and town.place.geonameid == ns.BOWLING_GREEN_OH  # not the larger one in Kentucky
    assert focus_place(places) is None  # a dateline is never the story's focus


def test_subdivision_named_elsewhere_picks_the_town_inside_it(nlp, namesakes):
    text = "Storms swept across Ohio all week. In Springfield, a tornado damaged homes on Tuesday."
    _, _, places = ns.analyse(nlp, namesakes, text)
    assert ns.by_text(places)["Springfield"].place.geonameid == ns.SPRINGFIELD_OH


def test_ap_state_abbreviation_is_a_place_and_a_parent(nlp, namesakes):
    text = "A tornado struck Springfield, Ill., on Tuesday, officials said."
    _, _, places = ns.analyse(nlp, namesakes, text)
    found = ns.by_text(places)
    assert found["Springfield"].place.geonameid == ns.SPRINGFIELD_IL


def test_metonym_capital_is_not_an_event_place(nlp, namesakes):
    text = "Damascus denied that its forces had shelled Homs on Monday."
    doc, _, places = ns.analyse(nlp, namesakes, text)
    found = ns.by_text(places)
    assert found["Damascus"].actor is True
    assert found["Homs"].actor is False
    place, precision = choose_location(
        next(iter(doc.sents)), _trigger(doc, "shell").i, places, focus_place(places)
    )
    assert place is not None and place.geonameid == ns.HOMS and precision == 1


def test_us_and_uk_are_countries_not_towns(nlp, namesakes):
    text = "The U.S. and the UK sent aid to flood victims, and US officials visited the camps."
    _, _, places = ns.analyse(nlp, namesakes, text)
    ids = {p.place.text: p.place.geonameid for p in places}
    assert ids["U.S."] == ns.USA
    assert ids["UK"] == ns.UK
    assert ids.get("US", ns.USA) == ns.USA
    assert ns.US_TOWN not in ids.values() and ns.UK_TOWN not in ids.values()


def test_demonym_is_a_country_mention_but_never_an_event_place(nlp, namesakes):
    text = "Syrian jets bombed Homs on Monday."
    doc, _, places = ns.analyse(nlp, namesakes, text)
    syrian = ns.by_text(places)["Syrian"]
    assert syrian.kind == "demonym" and syrian.place.geonameid == ns.SYRIA and syrian.actor
    place, _ = choose_location(next(iter(doc.sents)), _trigger(doc, "bomb").i, places, focus_place(places))
    assert place is not None and place.geonameid == ns.HOMS


LOCAL = [
    Candidate(101, "France", 46.0, 2.0, "FRA", None, "PCLI", 67_000_000),
    Candidate(102, "United States", 39.76, -98.5, "USA", None, "PCLI", 327_000_000),
    Candidate(103, "Paris", 48.85, 2.35, "FRA", "11", "PPLC", 2_100_000),
    Candidate(104, "Paris", 33.66, -95.56, "USA", "TX", "PPL", 25_000),
    Candidate(105, "El Paso", 31.76, -106.49, "USA", "TX", "PPL", 680_000),
    Candidate(106, "Amarillo", 35.22, -101.83, "USA", "TX", "PPL", 200_000),
    Candidate(107, "Lyon", 45.75, 4.85, "FRA", "84", "PPL", 500_000),
    Candidate(108, "Lubbock", 33.58, -101.85, "USA", "TX", "PPL", 250_000),
]


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    g = Gazetteer.from_rows(LOCAL, [], tmp_path_factory.mktemp("local") / "g.sqlite")
    yield g
    g.close()


def test_a_namesake_in_the_state_where_the_other_places_lie(nlp, local):
    # El Paso, Amarillo and Lubbock are too far from Paris, Texas for nearness; their state decides
    text = "Paris police arrested a man on Monday. He had driven there from El Paso, Lubbock and Amarillo."
    _, _, places = ns.analyse(nlp, local, text)
    paris = next(p for p in places if p.place.text == "Paris")
    assert (paris.place.country, paris.place.geonameid) == ("USA", 104)
    text = "Paris police arrested a man on Monday. He had driven there from Lyon."
    _, _, places = ns.analyse(nlp, local, text)
    assert next(p for p in places if p.place.text == "Paris").place.geonameid == 103


def test_a_village_the_gazetteer_lacks_is_named_at_its_neighbours_point(nlp, gaz):
    text = "Government forces captured the village of Tamthil east of Homs on Monday."
    doc, _, places = _analyse(nlp, gaz, text)
    village = next(p for p in places if p.place.text == "Tamthil")
    assert village.kind == "locality" and village.place.geonameid is None
    assert (village.place.lat, village.place.lon, village.place.country) == (34.73, 36.71, "SYR")
    place, precision = choose_location(
        next(doc.sents), _trigger(doc, "capture").i, places, focus_place(places)
    )
    assert place is not None and place.text == "Tamthil" and precision == 2


def test_near_a_town_is_geo_precision_2(nlp, gaz):
    text = "Rebels attacked an army checkpoint near Hama on Tuesday."
    doc, _, places = _analyse(nlp, gaz, text)
    place, precision = choose_location(
        next(doc.sents), _trigger(doc, "attack").i, places, focus_place(places)
    )
    assert place is not None and place.name == "Hama" and precision == 2


SLOT_PLACES = [
    *PLACES,
    Candidate(7, "Somalia", 6.0, 47.0, "SOM", None, "PCLI", 15_000_000),
    Candidate(8, "Mogadishu", 2.04, 45.34, "SOM", "02", "PPLC", 2_500_000),
    Candidate(9, "Lebanon", 33.83, 35.83, "LBN", None, "PCLI", 6_000_000),
    Candidate(10, "Israel", 31.5, 34.75, "ISR", None, "PCLI", 9_000_000),
    Candidate(11, "Manbij", 36.53, 37.95, "SYR", "09", "PPL", 99_000),
]


@pytest.fixture(scope="module")
def slot_gaz(tmp_path_factory):
    g = Gazetteer.from_rows(SLOT_PLACES, [], tmp_path_factory.mktemp("slot") / "g.sqlite")
    yield g
    g.close()


def test_country_capital_is_the_capital(nlp, slot_gaz):
    doc, _, places = _analyse(nlp, slot_gaz, "A helicopter was shot down in Somalia's capital on Friday.")
    capital = [p for p in places if p.kind == "capital"]
    assert capital and capital[0].place.name == "Mogadishu"
    place, _ = choose_location(doc[0].sent, _trigger(doc, "shoot").i, places, None)
    assert place is not None and place.name == "Mogadishu"


def test_border_between_two_countries(nlp, slot_gaz):
    text = "Peacekeepers patrol near the Lebanese-Israeli border every day."
    doc, _, places = _analyse(nlp, slot_gaz, text)
    border = [p for p in places if p.kind == "border"]
    assert border and border[0].place.text == "Lebanese-Israeli border"
    assert border[0].place.lat == pytest.approx((33.83 + 31.5) / 2)


def test_object_of_a_place_verb_is_a_place(nlp, slot_gaz):
    doc, _, places = _analyse(nlp, slot_gaz, "Syrian rebels shelled Manbij on Monday.")
    assert any(p.place.name == "Manbij" and not p.actor for p in places)


def test_people_captured_are_not_places(nlp, slot_gaz):
    _, _, places = _analyse(nlp, slot_gaz, "Police captured Ahmed Zubaydi in Homs.")
    assert [p.place.text for p in places if not p.actor] == ["Homs"]


def test_unknown_place_name_after_in_is_a_locality(nlp, slot_gaz):
    text = "Syrian troops shelled Homs, and two people were killed in Khaldiyah near Homs."
    _, _, places = _analyse(nlp, slot_gaz, text)
    loc = [p for p in places if p.kind == "locality"]
    assert loc and loc[0].place.text == "Khaldiyah" and loc[0].place.name == "Khaldiyah"


def test_place_word_name_is_a_locality_at_its_town(nlp, slot_gaz):
    text = "Two bombs exploded at the Damascus International Airport on Sunday."
    _, _, places = _analyse(nlp, slot_gaz, text)
    loc = [p for p in places if p.kind == "locality"]
    assert loc and loc[0].place.text == "Damascus International Airport"
    assert (loc[0].place.lat, loc[0].place.country) == (33.51, "SYR")


def test_a_settlement_the_gazetteer_lacks_is_a_locality(nlp, gaz):
    text = "Rebel groups shelled the settlement of Mortlu near Hama on Sunday."
    doc, _, places = _analyse(nlp, gaz, text)
    place, _ = choose_location(next(doc.sents), _trigger(doc, "shell").i, places, focus_place(places))
    assert place is not None and place.text == "Mortlu" and place.geonameid is None


def test_names_listed_with_a_place_noun_are_all_places(nlp, gaz):
    # only "Shindiffu" stands next to "villages"; "Shaffa", listed with it, is a village too
    text = "Suspected militants attacked Shaffa and Shindiffu villages near Aleppo, killing a pastor."
    doc, _, places = _analyse(nlp, gaz, text)
    localities = {p.place.text for p in places if p.kind == "locality"}
    assert {"Shaffa", "Shindiffu"} <= localities
    place, _ = choose_location(next(doc.sents), _trigger(doc, "attack").i, places, focus_place(places))
    assert place is not None and place.text == "Shaffa"


ABBREVIATED = [
    Candidate(201, "Illinois", 40.0, -89.25, "USA", "IL", "ADM1", 12_800_000),
    Candidate(202, "Willmar", 45.12, -95.04, "USA", "MN", "PPL", 20_000),  # GeoNames lists "Ill" for it
    Candidate(203, "Chicago", 41.85, -87.65, "USA", "IL", "PPL", 2_700_000),
]


@pytest.fixture(scope="module")
def abbreviated(tmp_path_factory):
    names = [("Ill", 202)]
    g = Gazetteer.from_rows(ABBREVIATED, names, tmp_path_factory.mktemp("abbr") / "g.sqlite")
    yield g
    g.close()


def test_a_state_abbreviation_ner_labels_is_the_state_not_a_town_of_that_alternate_name(nlp, abbreviated):
    _, _, places = ns.analyse(nlp, abbreviated, "Missing Ill. man found in stolen car sunk in lake.")
    ill = next(p for p in places if p.place.text == "Ill.")
    assert ill.place.geonameid == 201


DATELINED = [
    Candidate(301, "Kentucky", 37.5, -85.3, "USA", "KY", "ADM1", 4_400_000),
    Candidate(302, "Glasgow", 55.86, -4.26, "GBR", "SCT", "PPL", 600_000),
    Candidate(303, "Glasgow", 37.0, -85.91, "USA", "KY", "PPL", 14_000),
]


@pytest.fixture(scope="module")
def datelined(tmp_path_factory):
    g = Gazetteer.from_rows(DATELINED, [], tmp_path_factory.mktemp("dl") / "g.sqlite")
    yield g
    g.close()


def test_a_name_written_once_with_its_state_means_that_place_throughout(nlp, datelined):
    text = (
        "GLASGOW, Ky. (AP) — A woman was struck by a car on Main Street on Friday. "
        "Glasgow police said the driver stopped. The Glasgow Police Department is investigating."
    )
    _, _, places = ns.analyse(nlp, datelined, text)
    glasgows = [p for p in places if p.place.text.lower() == "glasgow"]
    assert len(glasgows) >= 2
    assert {p.place.geonameid for p in glasgows} == {303}


NEIGHBOURS = [
    Candidate(401, "Paris", 33.66, -95.56, "USA", "TX", "PPL", 25_000),
    Candidate(402, "Paris", 36.30, -88.33, "USA", "TN", "PPL", 10_000),
    Candidate(403, "Henry County", 33.45, -84.15, "USA", "GA", "ADM2", 200_000, "151"),
    Candidate(404, "Henry County", 36.33, -88.30, "USA", "TN", "ADM2", 32_000, "079"),
]


@pytest.fixture(scope="module")
def neighbours(tmp_path_factory):
    g = Gazetteer.from_rows(NEIGHBOURS, [], tmp_path_factory.mktemp("nb") / "g.sqlite")
    yield g
    g.close()


def test_a_namesake_beside_a_namesake_of_another_name_in_the_story_wins(nlp, neighbours):
    # Paris, Texas is the larger; only Paris, Tennessee has a Henry County beside it
    text = "A Paris man was arrested on Sunday after a chase through Henry County, deputies said."
    _, _, places = ns.analyse(nlp, neighbours, text)
    assert next(p for p in places if p.place.text == "Paris").place.geonameid == 402


TWO_LONDONS = [
    Candidate(501, "Canada", 60.0, -95.0, "CAN", None, "PCLI", 38_000_000),
    Candidate(502, "United Kingdom", 54.0, -2.0, "GBR", None, "PCLI", 66_000_000),
    Candidate(503, "London", 51.51, -0.13, "GBR", "ENG", "PPLC", 7_500_000),
    Candidate(504, "London", 42.98, -81.23, "CAN", "08", "PPL", 30_000),
    Candidate(505, "Ontario", 50.0, -85.0, "CAN", "08", "ADM1", 14_000_000),
]


@pytest.fixture(scope="module")
def two_londons(tmp_path_factory):
    g = Gazetteer.from_rows(TWO_LONDONS, [], tmp_path_factory.mktemp("ldn") / "g.sqlite")
    yield g
    g.close()


def test_a_town_read_first_as_its_famous_namesake_does_not_vote_for_that_country(nlp, two_londons):
    text = (
        "London police arrested two men in Ontario on Monday, the first such arrests in Canada this "
        "year. London city council met on Tuesday. Residents of London said they felt safer."
    )
    _, _, places = ns.analyse(nlp, two_londons, text)
    londons = [p for p in places if p.place.text == "London"]
    assert londons and {p.place.geonameid for p in londons} == {504}


STATES = [
    Candidate(601, "Michigan", 44.0, -85.0, "USA", "MI", "ADM1", 10_000_000),
    Candidate(602, "Ohio", 40.25, -82.75, "USA", "OH", "ADM1", 11_000_000),
    Candidate(603, "Wisconsin", 44.5, -90.0, "USA", "WI", "ADM1", 5_800_000),
    Candidate(604, "Oregon", 44.0, -120.5, "USA", "OR", "ADM1", 4_000_000),
    Candidate(605, "Oregon", 42.93, -89.38, "USA", "WI", "PPL", 20_000),  # Oregon, Wisconsin
]


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    g = Gazetteer.from_rows(STATES, [], tmp_path_factory.mktemp("states") / "g.sqlite")
    yield g
    g.close()


def test_a_name_listed_with_states_is_a_state(nlp, states):
    text = "Cases of salmonella were reported in Michigan, Oregon, Ohio and Wisconsin last week."
    _, _, places = ns.analyse(nlp, states, text)
    assert next(p for p in places if p.place.text == "Oregon").place.geonameid == 604


CAPITAL_ALIAS = [
    Candidate(701, "Mexico", 23.0, -102.0, "MEX", None, "PCLI", 126_000_000),
    Candidate(702, "Mexico City", 19.43, -99.13, "MEX", "09", "PPLC", 12_300_000),
]


@pytest.fixture(scope="module")
def capital_alias(tmp_path_factory):
    g = Gazetteer.from_rows(CAPITAL_ALIAS, [("Mexico", 702)], tmp_path_factory.mktemp("mx") / "g.sqlite")
    yield g
    g.close()


def test_a_country_is_not_its_capital_because_the_story_names_the_capital_too(nlp, capital_alias):
    text = "Flu deaths in Mexico rose again on Monday, health officials in Mexico City said."
    _, _, places = ns.analyse(nlp, capital_alias, text)
    assert next(p for p in places if p.place.text == "Mexico").place.geonameid == 701


CONGOS = [
    Candidate(801, "Democratic Republic of the Congo", -2.88, 23.65, "COD", None, "PCLI", 86_000_000),
    Candidate(802, "Republic of the Congo", -1.0, 15.0, "COG", None, "PCLI", 5_200_000),
]


@pytest.fixture(scope="module")
def congos(tmp_path_factory):
    g = Gazetteer.from_rows(CONGOS, [("Congo", 802)], tmp_path_factory.mktemp("cg") / "g.sqlite")
    yield g
    g.close()


def test_a_name_ner_cuts_at_of_is_read_whole(nlp, congos):
    text = "Pneumonic plague has killed 61 people as of February 15 in the Democratic Republic of the Congo."
    _, _, places = ns.analyse(nlp, congos, text)
    assert [(p.place.text, p.place.geonameid) for p in places] == [("Democratic Republic of the Congo", 801)]
