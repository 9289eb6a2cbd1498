"""Which place an event gets: the story's focus only where the story names it outside the event's
sentence, a town named on a site there ("a Sofia restaurant") as where it happened, a place the event
verb's own phrase names before one the clause around it names, and never a place in a clause on a noun."""

from __future__ import annotations

from dataclasses import replace

import pytest

from palmyra.resources.gazetteer import Candidate, Gazetteer
from palmyra.stages.actors import find_actors
from palmyra.stages.event_location import choose_location, focus_place
from palmyra.stages.places import context_countries, find_places
from palmyra.stages.segment import segment

PLACES = [
    Candidate(1, "United States", 39.76, -98.5, "USA", None, "PCLI", 327_000_000),
    Candidate(2, "Tampa", 27.95, -82.46, "USA", "FL", "PPL", 390_000),
    Candidate(3, "Los Angeles", 34.05, -118.24, "USA", "CA", "PPL", 3_900_000),
    Candidate(4, "Bulgaria", 42.67, 25.25, "BGR", None, "PCLI", 7_000_000),
    Candidate(5, "Sofia", 42.7, 23.32, "BGR", "42", "PPLC", 1_150_000),
    Candidate(6, "Iraq", 33.0, 44.0, "IRQ", None, "PCLI", 38_000_000),
    Candidate(7, "Baghdad", 33.34, 44.4, "IRQ", "07", "PPLC", 7_200_000),
    Candidate(8, "Nigeria", 10.0, 8.0, "NGA", None, "PCLI", 200_000_000),
    Candidate(9, "Benue", 7.34, 8.82, "NGA", "26", "ADM1", 4_200_000),
    Candidate(10, "Aliade", 7.3, 8.48, "NGA", "26", "PPL", 10_000),
    Candidate(11, "Borno", 11.5, 13.0, "NGA", "27", "ADM1", 4_100_000),
    Candidate(12, "Abuja", 9.06, 7.49, "NGA", "FC", "PPLC", 2_700_000),
    Candidate(13, "Sudan", 15.0, 30.0, "SDN", None, "PCLI", 41_000_000),
    Candidate(14, "Libreville", 0.39, 9.45, "GAB", "01", "PPLC", 700_000),
    Candidate(15, "Pakistan", 30.0, 70.0, "PAK", None, "PCLI", 212_000_000),
    Candidate(16, "Punjab", 30.5, 72.5, "PAK", "04", "ADM1", 110_000_000),
    Candidate(17, "Zhob", 31.34, 69.45, "PAK", "02", "PPL", 50_000),
    Candidate(18, "Lima", -12.04, -77.03, "PER", "15", "PPLC", 7_700_000),
    Candidate(19, "Hamburg", 53.58, 10.02, "DEU", "04", "ADM1", 1_800_000),
    Candidate(20, "Damascus", 33.51, 36.29, "SYR", "13", "PPLC", 1_700_000),
    Candidate(21, "West Bank", 32.0, 35.25, "PSE", "WE", "ADM1", 2_700_000),
    Candidate(22, "Samarra", 34.2, 43.87, "IRQ", "18", "PPL", 160_000),
    Candidate(23, "Abu Ghraib", 33.29, 44.07, "IRQ", "07", "PPL", 190_000),
    Candidate(24, "Fallujah", 33.35, 43.78, "IRQ", "01", "PPL", 250_000),
    Candidate(25, "North Carolina", 35.5, -79.0, "USA", "NC", "ADM1", 10_000_000),
    Candidate(26, "Diyala", 33.75, 45.0, "IRQ", "10", "ADM1", 1_400_000),
    Candidate(27, "Thailand", 15.5, 101.0, "THA", None, "PCLI", 69_000_000),
    Candidate(28, "Bangkok", 13.75, 100.5, "THA", "40", "PPLC", 5_100_000),
    Candidate(29, "Myanmar", 22.0, 98.0, "MMR", None, "PCLI", 53_000_000),
    Candidate(30, "Sagaing", 24.49, 95.3, "MMR", "10", "ADM1", 1_000_000),
    Candidate(31, "Mexico City", 19.43, -99.13, "MEX", "09", "PPLC", 12_300_000),
    Candidate(32, "Mexico", 23.0, -102.0, "MEX", None, "PCLI", 126_000_000),
    Candidate(33, "Michoacan", 19.15, -101.89, "MEX", "16", "ADM1", 4_000_000),
    Candidate(34, "Gaza", 31.5, 34.47, "PSE", "GZ", "PPL", 410_000),
    Candidate(35, "Ashkelon", 31.67, 34.57, "ISR", "01", "PPL", 144_000),
    Candidate(36, "Basra", 30.51, 47.78, "IRQ", "02", "PPLA", 1_300_000),
    Candidate(37, "Nasiriyah", 31.05, 46.26, "IRQ", "16", "PPLA", 400_000),
    Candidate(38, "Kenya", 1.0, 38.0, "KEN", None, "PCLI", 51_000_000),
    Candidate(39, "Nairobi", -1.28, 36.82, "KEN", "30", "PPLC", 4_400_000),
    Candidate(40, "Afghanistan", 33.0, 66.0, "AFG", None, "PCLI", 37_000_000),
    Candidate(41, "Kabul", 34.53, 69.17, "AFG", "13", "PPLC", 3_000_000),
    Candidate(42, "Democratic Republic of the Congo", -2.5, 23.5, "COD", None, "PCLI", 84_000_000),
    Candidate(43, "North Kivu", -0.8, 29.0, "COD", "19", "ADM1", 6_600_000),
    Candidate(44, "Beni", 0.6, 29.5, "COD", "19", "ADM2", 230_000, "1901"),
    Candidate(45, "Rutshuru", -1.2, 29.45, "COD", "19", "ADM2", 1_000_000, "1902"),
    Candidate(46, "Ituri", 1.5, 29.5, "COD", "20", "ADM1", 5_000_000),
    Candidate(47, "Maiduguri", 11.85, 13.16, "NGA", "27", "PPLA", 1_100_000),
    Candidate(48, "Balata", 32.21, 35.29, "PSE", "WE", "PPL", 30_000),
    Candidate(49, "Nablus", 32.22, 35.26, "PSE", "WE", "PPL", 130_000),
    Candidate(50, "Aden", 12.78, 45.04, "YEM", "02", "PPLA", 1_000_000),
    Candidate(51, "Mogadishu", 2.04, 45.34, "SOM", "13", "PPLC", 2_600_000),
    Candidate(52, "Liberia", 6.5, -9.5, "LBR", None, "PCLI", 4_800_000),
    Candidate(53, "Russia", 60.0, 100.0, "RUS", None, "PCLI", 144_000_000),
    Candidate(54, "Ukraine", 49.0, 32.0, "UKR", None, "PCLI", 44_000_000),
    Candidate(55, "Bunia", 1.57, 30.25, "COD", "20", "PPLA", 900_000),
    Candidate(56, "Ikorodu", 6.62, 3.5, "NGA", "05", "PPL", 540_000),
    Candidate(57, "Lagos", 6.45, 3.39, "NGA", "05", "PPLA", 9_000_000),
    Candidate(58, "Philippines", 13.0, 122.0, "PHL", None, "PCLI", 110_000_000),
    Candidate(59, "Tapikan", 6.95, 124.6, "PHL", "57", "PPL", 2_200),
    Candidate(60, "Cotabato", 7.22, 124.25, "PHL", "57", "PPL", 300_000),
    Candidate(61, "Kharkivska oblast", 49.5, 36.5, "UKR", "07", "ADM1", 2_700_000),
    Candidate(62, "Kharkiv", 49.98, 36.25, "UKR", "07", "PPLA", 1_400_000),
    Candidate(63, "Syria", 35.0, 38.0, "SYR", None, "PCLI", 18_000_000),
    Candidate(64, "Maguindanao del Sur", 6.9, 124.5, "PHL", "57", "ADM2", 230_000),
    Candidate(65, "Eritrea", 15.0, 39.0, "ERI", None, "PCLI", 3_500_000),
]


@pytest.fixture(scope="module")
def gaz(tmp_path_factory):
    aliases = [("US", 1), ("Kharkiv", 61)]
    g = Gazetteer.from_rows(PLACES, aliases, tmp_path_factory.mktemp("evloc") / "g.sqlite")
    yield g
    g.close()


def _where(nlp, gaz, text, verb):
    """The place choose_location gives the first token ``verb`` (its text), as the pipeline calls it."""
    doc = nlp(text)
    segs = segment(text, is_place=gaz.is_known)
    context = context_countries(doc, segs, gaz)
    main = context.most_common(1)[0][0] if context else None
    places = find_places(doc, gaz, segments=segs, actors=find_actors(doc, main_country=main), context=context)
    trigger = next(t for t in doc if t.text == verb)
    place, _ = choose_location(trigger.sent, trigger.i, places, focus_place(places, doc), gazetteer=gaz)
    return place


def test_a_town_named_only_on_a_person_in_the_sentence_is_not_where(nlp, gaz):
    text = "A Tampa woman named Katherine Freeman fatally shot her ex-husband in May 2000."
    assert _where(nlp, gaz, text, "shot") is None


def test_the_focus_named_elsewhere_in_the_story_stands_in(nlp, gaz):
    text = (
        "Police in Tampa said on Monday that a man had died overnight. A Tampa woman fatally shot her "
        "ex-husband, a police spokesman said."
    )
    place = _where(nlp, gaz, text, "shot")
    assert place is not None and place.name == "Tampa"


@pytest.mark.parametrize(
    ("text", "verb", "where"),
    [
        ("Last month, the owner of a posh Sofia restaurant was shot dead as he left.", "shot", "Sofia"),
        ("A truck was detonated Tuesday by unknown individuals outside the UN's Baghdad headquarters.",
         "detonated", "Baghdad"),
        ("The committee's Baghdad headquarters were mostly destroyed by U.S.-led bombing raids.", "destroyed",
         "Baghdad"),
    ],
)  # fmt: skip
def test_a_town_named_on_a_site_is_where(nlp, gaz, text, verb, where):
    place = _where(nlp, gaz, text, verb)
    assert place is not None and place.name == where


def test_a_town_named_on_a_broadcaster_is_not_a_site(nlp, gaz):
    text = "The barricaded suspect shot himself, according to Los Angeles television station KCAL."
    assert _where(nlp, gaz, text, "shot") is None


def test_a_town_in_a_clause_on_a_noun_is_not_where_even_beside_a_wider_place(nlp, gaz):
    text = (
        "Some 30 supporters of the guerrilla movement which held hostages in the Japanese embassy in Lima, "
        "demonstrated in Hamburg Wednesday."
    )
    place = _where(nlp, gaz, text, "demonstrated")
    assert place is not None and place.name == "Hamburg"


def test_a_place_in_the_event_phrase_before_one_around_it(nlp, gaz):
    text = (
        '"I was bombed on December 28 by aircraft inside Sudan," the rebel leader said, reached by '
        "satellite telephone from Libreville."
    )
    place = _where(nlp, gaz, text, "bombed")
    assert place is not None and place.name == "Sudan"


def test_a_town_around_the_event_inside_the_province_it_names(nlp, gaz):
    text = (
        "President Bola Tinubu on Tuesday ordered security agencies to hunt down the gunmen who killed "
        "worshippers at a Catholic church in Benue State, as mourners in the town of Aliade buried the "
        "victims."
    )
    place = _where(nlp, gaz, text, "killed")
    assert place is not None and place.name == "Aliade"
    # without the gazetteer's admin codes the province is all that can be said
    doc = nlp(text)
    segs = segment(text, is_place=gaz.is_known)
    context = context_countries(doc, segs, gaz)
    actors = find_actors(doc, main_country="NGA")
    places = find_places(doc, gaz, segments=segs, actors=actors, context=context)
    trigger = next(t for t in doc if t.text == "killed")
    place, precision = choose_location(trigger.sent, trigger.i, places, focus_place(places), gazetteer=None)
    assert place is not None and place.name == "Benue" and precision == 3


def test_the_focus_stands_in_for_a_province_only_where_it_lies_in_it(nlp, gaz):
    story = "Officials in Abuja said on Monday that the toll was rising. Officials in Abuja met on Sunday. "
    place = _where(nlp, gaz, story + "Gunmen killed 12 villagers in Borno state on Saturday.", "killed")
    assert place is not None and place.name == "Borno"
    story = "Officials in Aliade said on Monday that the toll was rising. Officials in Aliade met on Sunday. "
    place = _where(nlp, gaz, story + "Gunmen killed 12 villagers in Benue state on Saturday.", "killed")
    assert place is not None and place.name == "Aliade"


def test_a_province_people_come_from_is_not_where(nlp, gaz):
    text = "Gunmen stopped two buses on a highway near Zhob and shot dead nine men from Punjab province."
    place = _where(nlp, gaz, text, "shot")
    assert place is not None and place.name == "Zhob"


def test_a_town_named_with_its_kind_is_a_place_not_a_modifier(nlp, gaz):
    text = "A civilian was killed by a mortar in al-Tijara neighbourhood in central Damascus on Thursday."
    place = _where(nlp, gaz, text, "killed")  # at the town it is in, written from the neighbourhood
    assert place is not None and place.name == "Damascus" and place.text.startswith("al-Tijara")


def test_a_place_written_on_a_place_in_a_clause_on_a_noun_still_says_where(nlp, gaz):
    text = (
        "Asher Weisgan on Wednesday shot four Palestinian laborers working in an aluminum factory in a "
        "West Bank settlement."
    )
    place = _where(nlp, gaz, text, "shot")
    assert place is not None and place.name == "West Bank"


def test_a_place_in_a_clause_with_its_own_subject_is_that_clause_s(nlp, gaz):
    text = (
        "In Samarra, a merchant was killed by gunmen, and in the Abu Ghraib area four people were hurt "
        "when a roadside bomb exploded."
    )
    place = _where(nlp, gaz, text, "killed")
    assert place is not None and place.name == "Samarra"


def test_a_place_in_the_subject_s_phrase_says_who_not_where(nlp, gaz):
    text = (
        "The four, employees of the private US firm Blackwater Security Consulting of North Carolina, were "
        "killed Wednesday in an ambush and their vehicles set ablaze in Fallujah."
    )
    place = _where(nlp, gaz, text, "killed")
    assert place is not None and place.name == "Fallujah"


@pytest.mark.parametrize(
    "text",
    [
        "Four soldiers were killed Sunday when a roadside bomb exploded near their patrol in the restive "
        "Diyala province, north of Baghdad.",
        "Four soldiers were killed Sunday in Diyala province, some 50 kilometres from Baghdad.",
    ],
)
def test_a_town_only_named_to_say_where_the_area_is_is_not_where(nlp, gaz, text):
    place = _where(nlp, gaz, text, "killed")
    assert place is not None and place.name == "Diyala"


def test_a_town_inside_a_site_s_name_is_where(nlp):
    from palmyra.stages.places import PlaceMention
    from palmyra.types import Place

    text = "Fourteen people were killed at the checkpoint near the Baghdad International Airport."
    doc = nlp(text)
    i = next(t.i for t in doc if t.text == "Baghdad")
    start = doc[i].idx
    baghdad = Place("Baghdad", start, start + 7, "Baghdad", 7, 33.34, 44.4, "IRQ", feature_code="PPLC")
    # as the recogniser marks a town inside an organisation's or a facility's name
    mention = PlaceMention(baghdad, i, i + 1, actor=True, kind="embedded")
    trigger = next(t for t in doc if t.text == "killed")
    place, _ = choose_location(trigger.sent, trigger.i, [mention], None)
    assert place is not None and place.name == "Baghdad"
    brigade = nlp("Troops of the Baghdad Brigade were killed on Monday.")
    mention = PlaceMention(replace(baghdad, start=14, end=21), 3, 4, actor=True, kind="embedded")
    trigger = next(t for t in brigade if t.text == "killed")
    assert choose_location(trigger.sent, trigger.i, [mention], None) == (None, None)


def test_a_village_named_later_in_the_story_inside_the_region(nlp, gaz):
    text = (
        "BANGKOK (AP) — A Myanmar military airstrike hit a school in the central Sagaing region on Monday, "
        "killing 22 people.\n\nA fighter jet dropped a bomb on the school in a village in Depayin township "
        "as classes were underway, said a member of the local People's Defense Force."
    )
    place = _where(nlp, gaz, text, "hit")
    assert place is not None and place.name == "Depayin township"


def test_no_locality_from_the_dateline_lead_in_stands_in(nlp, gaz):
    text = (
        "MEXICO CITY (AP) — Gunmen shot and killed a police officer in the western state of Michoacan on "
        "Thursday night, state prosecutors said."
    )
    doc = nlp(text)
    segs = segment(text, is_place=gaz.is_known)
    context = context_countries(doc, segs, gaz)
    places = find_places(doc, gaz, segments=segs, actors=find_actors(doc), context=context)
    assert focus_place(places, doc) is None  # not the agency, "AP", read as a locality
    place = _where(nlp, gaz, text, "shot")
    assert place is not None and place.name == "Michoacan"


def test_a_town_inside_a_court_s_name_is_where(nlp):
    from palmyra.stages.places import PlaceMention
    from palmyra.types import Place

    doc = nlp("Rangers arrested the former prime minister on the premises of the Islamabad High Court.")
    i = next(t.i for t in doc if t.text == "Islamabad")
    start = doc[i].idx
    town = Place("Islamabad", start, start + 9, "Islamabad", 1, 33.72, 73.04, "PAK", feature_code="PPLC")
    mention = PlaceMention(town, i, i + 1, actor=True, kind="embedded")
    trigger = next(t for t in doc if t.text == "arrested")
    place, _ = choose_location(trigger.sent, trigger.i, [mention], None)
    assert place is not None and place.name == "Islamabad"


def test_fire_is_placed_where_it_struck_not_where_it_was_fired_from(nlp, gaz):
    text = "Palestinian militants fired dozens of rockets from Gaza towards Ashkelon on Monday evening."
    place = _where(nlp, gaz, text, "fired")
    assert place is not None and place.name == "Ashkelon"
    place = _where(nlp, gaz, "Gunmen fired on a crowd in Gaza on Monday evening.", "fired")
    assert place is not None and place.name == "Gaza"


def test_of_places_named_one_after_another_the_first(nlp, gaz):
    text = "Separate street battles in the southern cities of Basra and Nasiriyah killed at least 66 people."
    place = _where(nlp, gaz, text, "killed")
    assert place is not None and place.name == "Basra"


def test_the_town_the_news_came_from_does_not_stand_in(nlp, gaz):
    text = (
        "NAIROBI, Kenya (AP) — Suspected militants killed 12 people in an attack on a village in "
        "northeastern Kenya on Tuesday, police said.\n\nThe attackers struck the village of Dhamasa before "
        "dawn, a police commander told reporters in Nairobi."
    )
    place = _where(nlp, gaz, text, "killed")
    assert place is not None and place.name == "Dhamasa"
    text = (
        "KABUL, Afghanistan (Reuters) - A roadside bomb killed five policemen in northern Afghanistan on "
        "Sunday, officials said. Officials in Kabul said the blast hit a patrol near the provincial capital."
    )
    place = _where(nlp, gaz, text, "killed")
    assert place is not None and place.name == "Afghanistan"


def test_the_town_the_news_came_from_gives_way_to_another_place(nlp, gaz):
    text = "Officials in Kabul said a roadside bomb killed five policemen in northern Afghanistan on Sunday."
    place = _where(nlp, gaz, text, "killed")
    assert place is not None and place.name == "Afghanistan"
    # where it is the only word on where, it stays ("police in Kabul said")
    text = "A roadside bomb killed five policemen on Sunday, police in Kabul said."
    place = _where(nlp, gaz, text, "killed")
    assert place is not None and place.name == "Kabul"


def test_a_district_the_story_names_inside_the_province(nlp, gaz):
    text = (
        "Rebels killed 15 civilians in an attack on a village in North Kivu province, local officials said "
        "on Sunday. The attack took place in Beni district overnight, they said."
    )
    place = _where(nlp, gaz, text, "killed")
    assert place is not None and place.name == "Beni"
    text = (
        "Rebels killed 15 civilians in an attack on a village in Ituri province, local officials said on "
        "Sunday. Earlier attacks had struck Beni district, they said."
    )
    place = _where(nlp, gaz, text, "killed")  # Beni lies in North Kivu, not Ituri
    assert place is not None and place.name == "Ituri"


def test_a_town_only_measured_from_is_no_focus(nlp, gaz):
    text = (
        "MAIDUGURI, Nigeria (Reuters) - Islamist militants killed at least 40 farmers in Borno state on "
        "Saturday, a local official said. The farmers were attacked in rice fields near the village of "
        "Zabarmari, about 20 km from Maiduguri."
    )
    place = _where(nlp, gaz, text, "killed")
    assert place is not None and place.name == "Zabarmari"


def test_a_town_named_on_a_site_through_common_nouns(nlp, gaz):
    text = (
        "Two explosive devices were detonated near troops who were operating in the Balata refugee camp "
        "near Nablus, but no one was hurt."
    )
    place = _where(nlp, gaz, text, "detonated")
    assert place is not None and place.name == "Balata"
    text = "Mortar shells landed near Aden Adde International Airport in Mogadishu on Wednesday."
    place = _where(nlp, gaz, text, "landed")  # "Aden" is part of the airport's name
    assert place is not None and place.name == "Mogadishu"


@pytest.mark.parametrize(
    ("text", "verb", "where"),
    [
        ("By early 2003, the insurgents had captured much of Liberia.", "captured", "Liberia"),
        ("Most were captured on the battlefields of Afghanistan, accused of links to the Taliban.",
         "captured", "Afghanistan"),
        ("Russia invaded Ukraine in February 2022, the ministry said.", "invaded", "Ukraine"),
        ("\"Musharraf has destroyed Pakistan.", "destroyed", "Pakistan"),
    ],
)  # fmt: skip
def test_a_country_named_as_the_land_taken_is_where(nlp, gaz, text, verb, where):
    place = _where(nlp, gaz, text, verb)
    assert place is not None and place.name == where


@pytest.mark.parametrize(
    ("text", "verb", "where"),
    [
        # a name with a place noun after it ("the Markab area")
        ("The bomb was detonated when a patrol passed on a road in the Markab area, in southern Iraq.",
         "detonated", "Markab"),
        ("Three civilians were killed on Wednesday in al-Thawra areas, south of Damascus, amid shelling.",
         "killed", "al-Thawra"),
        # a name set beside a noun of a held place
        ("Iraqi armed forces on Saturday captured Knin, the one-time stronghold of the rebels, and set a "
         "flag flying.", "captured", "Knin"),
        # a name measured from another place is a place, and the event's, not the one it is measured from
        ("Thousands of people had marched through Tizi Ouzou, 110 kilometres (70 miles) east of Baghdad, in "
         "defiance of a ban.", "marched", "Tizi Ouzou"),
        ("The air force bombers bombed Pooneryn, just 30 kilometres from Kabul where the meeting was taking "
         "place.", "bombed", "Pooneryn"),
        # a name NER split ("Sheikh" unlabelled, "Najjar" a person) after a place noun
        ("Seven civilians were killed on Saturday by a bombardment launched by helicopters on the village of "
         "Sheikh Najjar in the eastern countryside of Diyala province.", "killed", "Sheikh Najjar"),
    ],
)  # fmt: skip
def test_a_name_its_words_mark_as_a_place_is_where(nlp, gaz, text, verb, where):
    place = _where(nlp, gaz, text, verb)
    assert place is not None and place.text == where


def test_a_name_after_a_noun_of_places_is_in_a_place_slot(nlp):
    from spacy.tokens import Span

    from palmyra.stages.places import _place_slot

    doc = nlp("Over 200 fighters were killed in attempts to break the siege on Manbij.")
    manbij = next(t.i for t in doc if t.text == "Manbij")
    doc.ents = [Span(doc, manbij, manbij + 1, label="PRODUCT")]  # "on" hangs on "break", not "siege"
    assert _place_slot(doc.ents[0])
    doc = nlp("The talks were held in attempts to break the deadlock on Manbij.")
    manbij = next(t.i for t in doc if t.text == "Manbij")
    doc.ents = [Span(doc, manbij, manbij + 1, label="PRODUCT")]
    assert not _place_slot(doc.ents[0])


def test_a_name_left_in_a_place_slot_by_a_verb_of_leaving(nlp):
    from spacy.tokens import Span

    from palmyra.stages.places import _place_slot

    doc = nlp("The rebels lost 12 fighters before withdrawing from Akhtreen on Monday.")
    i = next(t.i for t in doc if t.text == "Akhtreen")
    doc.ents = [Span(doc, i, i + 1, label="PERSON")]
    assert _place_slot(doc.ents[0])
    doc = nlp("The rebels lost 12 fighters before hearing from Akhtreen on Monday.")
    i = next(t.i for t in doc if t.text == "Akhtreen")
    doc.ents = [Span(doc, i, i + 1, label="PERSON")]
    assert not _place_slot(doc.ents[0])


def test_a_name_before_a_military_site_is_a_place(nlp, gaz):
    from palmyra.stages.places import _unlabelled_places

    doc = nlp("Militants were killed near the Damascus military airport and near Kawkab army base.")
    doc.ents = []  # as if NER had missed them
    found = [span.text for span, _ in _unlabelled_places(doc, gaz)]
    assert "Damascus" in found
    assert "Kawkab" not in found  # unknown: the base's own name, placed nowhere near it
    doc = nlp("A total of 186 fighters surrendered to troops at the Damascus forward operating base.")
    doc.ents = []
    assert "Damascus" in [span.text for span, _ in _unlabelled_places(doc, gaz)]
    doc = nlp("Officials met Damascus army officers.")
    doc.ents = []
    assert _unlabelled_places(doc, gaz) == []


def test_a_country_on_a_thing_in_the_event_phrase_is_whose_not_where(nlp, gaz):
    text = "A roadside bomb detonated near a U.S. patrol passing on a bridge west of Baghdad late last night."
    place = _where(nlp, gaz, text, "detonated")
    assert place is None or place.name == "Baghdad"


def test_a_site_the_gazetteer_lacks_is_coded_at_its_town(nlp, gaz):
    text = "Protesters gathered in Baghdad on Monday. Riot police pushed protesters towards Freedom Square."
    place = _where(nlp, gaz, text, "pushed")
    assert place is not None and place.name == "Baghdad" and place.text == "Freedom Square"


def test_a_place_the_subject_comes_from_is_not_where(nlp, gaz):
    text = (
        "The suicide bomber, from a village near the West Bank city of Nablus, detonated his explosive "
        "device at a checkpoint in Gaza, killing himself."
    )
    place = _where(nlp, gaz, text, "detonated")
    assert place is not None and place.name == "Gaza"


def test_a_count_ner_ran_into_a_name_is_left_out(nlp):
    from spacy.tokens import Span

    from palmyra.stages.places import _without_count

    doc = nlp("Residential areas were shelled: in Aleppo - 6 times; on Route 58 twice.")
    aleppo = next(t.i for t in doc if t.text == "Aleppo")
    assert _without_count(Span(doc, aleppo, aleppo + 3, label="EVENT")).text == "Aleppo"
    route = next(t.i for t in doc if t.text == "Route")
    assert _without_count(Span(doc, route, route + 2, label="FAC")).text == "Route 58"


def test_an_unlabelled_name_owned_by_a_place_after_a_preposition(nlp, gaz):
    from spacy.tokens import Span

    from palmyra.stages.places import _unlabelled_places

    doc = nlp("A commander was killed when rifts turned violent in Iraq's Fallujah.")
    iraq = next(t.i for t in doc if t.text == "Iraq")
    doc.ents = [Span(doc, iraq, iraq + 1, label="GPE")]  # NER left "Fallujah" unlabelled
    assert "Fallujah" in [span.text for span, _ in _unlabelled_places(doc, gaz)]


def test_the_place_a_where_or_whose_clause_holding_the_event_is_written_on(nlp, gaz):
    text = (
        "Iraq, whose military targets have been repeatedly bombed by US and British jets since 1991, backed "
        "Sudan diplomatically against NATO."
    )
    place = _where(nlp, gaz, text, "bombed")
    assert place is not None and place.name == "Iraq"


def test_a_place_in_a_clause_stating_a_standing_fact_is_no_fallback(nlp, gaz):
    text = "The zone is patrolled at present by U.S. and British troops which have their bases in Kenya."
    assert _where(nlp, gaz, text, "patrolled") is None
    text = "The zone is patrolled at present by British troops who were operating in Kenya."
    place = _where(nlp, gaz, text, "patrolled")
    assert place is not None and place.name == "Kenya"
    # a clause on what the event struck says where it was
    text = (
        "On Sunday, Taliban fighters attacked positions held by Afghan soldiers near Kabul, sparking clashes."
    )
    place = _where(nlp, gaz, text, "attacked")
    assert place is not None and place.name == "Kabul"


def test_a_country_on_its_embassy_is_not_where(nlp, gaz):
    text = "Thousands of Iranians marched Sunday on the anniversary of the seizure of the US embassy in 1979."
    assert _where(nlp, gaz, text, "marched") is None


def test_where_a_protest_grievance_happened_is_not_where_the_protest_was(nlp, gaz):
    text = (
        "The Palestinians were protesting against the Israeli military operation in Gaza which left 9 dead."
    )
    assert _where(nlp, gaz, text, "protesting") is None
    text = "The Palestinians were protesting in Gaza against the Israeli military operation."
    place = _where(nlp, gaz, text, "protesting")
    assert place is not None and place.name == "Gaza"
    place = _where(nlp, gaz, "Thousands marched over a bridge in Baghdad on Sunday.", "marched")
    assert place is not None and place.name == "Baghdad"


def test_a_speakers_place_is_where_it_told_of_its_own_act(nlp, gaz):
    text = (
        "Several armed factions in the province of Diyala announced on Saturday that they were merging into "
        "a single military body. The authorities in Baghdad criticised the move. Baghdad was quiet."
    )
    place = _where(nlp, gaz, text, "merging")
    assert place is not None and place.name == "Diyala"
    text = (
        "Officials in Diyala said on Saturday that gunmen had killed two people. The authorities in Baghdad "
        "criticised the attack. Baghdad was quiet."
    )
    place = _where(nlp, gaz, text, "killed")
    assert place is None or place.name != "Diyala"


def test_a_country_owning_a_site_on_its_land_is_where(nlp, gaz):
    place = _where(nlp, gaz, "National Guard troops patrolled Kenya's major oil installations.", "patrolled")
    assert place is not None and place.name == "Kenya"


def test_the_place_a_road_runs_from_is_where(nlp, gaz):
    text = "Gunmen captured three people yesterday on the road from Fallujah through Abu Ghraib to Baghdad."
    place = _where(nlp, gaz, text, "captured")
    assert place is not None and place.name == "Fallujah"


@pytest.mark.parametrize(
    ("text", "verb", "where"),
    [
        ("In March, gunmen killed 21 tourists at the popular Bardo Museum in the Iraqi capital of Baghdad.",
         "killed", "Bardo Museum in the Iraqi capital of Baghdad"),
        ("Police patrolled inside and outside Baghdad's Al-Nur hospital on Sunday.", "patrolled",
         "Baghdad's Al-Nur hospital"),
        ("Worried neighbours of the Tuwaitha plant outside Baghdad demonstrated at the site Sunday.",
         "demonstrated", "Tuwaitha plant outside Baghdad"),
        ("One suicide bomber detonated his belt at the entrance of a voting station in al-Zahawi school in "
         "western Baghdad.", "detonated", "al-Zahawi school in western Baghdad"),
    ],
)  # fmt: skip
def test_a_town_is_written_with_the_named_site_in_it(nlp, gaz, text, verb, where):
    place = _where(nlp, gaz, text, verb)
    assert place is not None and place.name == "Baghdad" and place.text == where


def test_a_site_with_no_name_of_its_own_is_left_out(nlp, gaz):
    place = _where(nlp, gaz, "Gunmen killed 21 tourists at a museum in Baghdad on Monday.", "killed")
    assert place is not None and place.text == "Baghdad"


def test_a_place_someone_was_taken_to_is_not_where(nlp, gaz):
    text = "The officers were captured in December and deported to Baghdad, where they were executed."
    assert _where(nlp, gaz, text, "captured") is None
    text = (
        "Troops raided a camp in the locality of Tadu in the West Bank on Monday. One soldier was injured "
        "and evacuated to the Nablus district hospital."
    )
    doc = nlp(text)
    segs = segment(text, is_place=gaz.is_known)
    context = context_countries(doc, segs, gaz)
    main = context.most_common(1)[0][0] if context else None
    places = find_places(doc, gaz, segments=segs, actors=find_actors(doc, main_country=main), context=context)
    focus = focus_place(places, doc)
    assert focus is None or focus.name != "Nablus"


def _where_how(nlp, gaz, text, verb):
    """The place and ACLED geo_precision choose_location gives the first token ``verb``."""
    doc = nlp(text)
    segs = segment(text, is_place=gaz.is_known)
    context = context_countries(doc, segs, gaz)
    main = context.most_common(1)[0][0] if context else None
    places = find_places(doc, gaz, segments=segs, actors=find_actors(doc, main_country=main), context=context)
    trigger = next(t for t in doc if t.text == verb)
    return choose_location(trigger.sent, trigger.i, places, focus_place(places, doc), gazetteer=gaz)


def test_a_name_measured_from_a_town_is_a_locality_at_that_town(nlp, gaz):
    text = (
        "Ituri has seen years of violence. On Saturday night, militiamen attacked a camp for displaced "
        "people at Lala, about 40 km north of Bunia, killing 14 civilians."
    )
    place, precision = _where_how(nlp, gaz, text, "attacked")
    assert place is not None and place.text == "Lala" and place.country == "COD"
    assert (place.lat, place.lon, precision) == (1.57, 30.25, 2)


def test_a_known_town_written_on_a_market_is_where(nlp, gaz):
    text = "A mob on Sunday beat to death a man suspected of stealing a motorcycle at Ikorodu market."
    place, _ = _where_how(nlp, gaz, text, "beat")
    assert place is not None and place.name == "Ikorodu" and place.country == "NGA"


def test_the_place_residents_are_of_is_a_locality(nlp, gaz):
    text = (
        "Residents of Kibera set tyres ablaze and blocked roads on Sunday after a young man was shot dead, "
        "witnesses said. Police in Nairobi said officers had responded to a robbery."
    )
    place, precision = _where_how(nlp, gaz, text, "set")
    assert place is not None and place.text == "Kibera" and place.country == "KEN"
    assert (place.lat, place.lon, precision) == (-1.28, 36.82, 2)
    # residents of a building live in no locality of its name
    text = "Angry residents of Fithian House blocked the street in Kenya."
    place, _ = _where_how(nlp, gaz, text, "blocked")
    assert place is None or place.text != "Fithian House"


def test_a_village_written_after_its_local_noun_is_known(nlp, gaz):
    text = (
        "Gunmen ambushed an Army patrol in Barangay Tapikan, Shariff Saydona Mustapha, on Sunday, killing "
        "two soldiers, the Philippine military said."
    )
    place, _ = _where_how(nlp, gaz, text, "ambushed")
    assert place is not None and place.name == "Tapikan"


@pytest.mark.parametrize(
    ("text", "verb", "where"),
    [
        ("Protesters set tyres ablaze and blocked roads on Sunday, witnesses said. Police in Nairobi said "
         "officers had responded to a robbery.", "blocked", "Nairobi"),
        ("More than 2,000 people marched on Saturday to protest against planned cuts to bus services. The "
         "march was organised by the Nairobi Trades Union Council.", "marched", "Nairobi"),
    ],
)  # fmt: skip
def test_a_town_named_elsewhere_as_a_source_stands_in_near(nlp, gaz, text, verb, where):
    place, precision = _where_how(nlp, gaz, text, verb)
    assert place is not None and place.name == where and precision == 2


def test_a_source_town_in_the_events_own_sentence_does_not_stand_in(nlp, gaz):
    text = "Protesters blocked roads on Sunday, organisers of the Nairobi Trades Union Council said."
    place, _ = _where_how(nlp, gaz, text, "blocked")
    assert place is None


def test_a_part_of_a_city_read_as_its_province_is_coded_at_the_city(nlp, gaz):
    text = "A drone struck a residential building in the Saltivskyi district of Kharkiv overnight."
    place, precision = _where_how(nlp, gaz, text, "struck")
    assert place is not None and place.name == "Kharkiv" and "Saltivskyi" in place.text and precision == 1


def test_a_locality_with_no_place_beside_it_sits_at_its_actors_country(nlp, gaz):
    text = "YPG fighters clashed with militants in the village of Tel Hamis on Sunday."
    place, precision = _where_how(nlp, gaz, text, "clashed")
    assert place is not None and place.text == "Tel Hamis" and place.country == "SYR"
    assert (place.lat, place.lon, precision) == (35.0, 38.0, 3)


def test_a_province_at_the_end_of_an_address_chain_places_the_village(nlp, gaz):
    text = (
        "Gunmen ambushed an Army patrol in Barangay Kalumenga, Shariff Saydona Mustapha, Maguindanao del "
        "Sur, on Sunday, killing two soldiers, the Philippine military said."
    )
    place, precision = _where_how(nlp, gaz, text, "ambushed")
    assert place is not None and place.text == "Barangay Kalumenga" and place.country == "PHL"
    assert (place.lat, place.lon, precision) == (6.9, 124.5, 2)


def test_the_island_of_a_name_is_a_locality(nlp, gaz):
    text = "On December 18 Eritrea captured the Red Sea island of Hanish al-Kabir after days of fighting."
    place, _ = _where_how(nlp, gaz, text, "captured")
    assert place is not None and place.text == "Hanish al-Kabir" and place.country == "ERI"
