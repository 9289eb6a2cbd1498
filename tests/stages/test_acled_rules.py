"""ACLED coding rules end to end on one-sentence reports written for these tests: event nouns as
subjects, weapons that name the sub-type, demonstrations, crime that is not political violence,
and a casualty sentence that belongs to the attack before it."""

from __future__ import annotations

import datetime as dt

import pytest

from palmyra.pipeline import Pipeline
from palmyra.types import Article

from ..helpers import acled_coder

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def code(tmp_path_factory, nlp):
    return acled_coder(tmp_path_factory.mktemp("gaz"))


def _types(events):
    return [(e["acled_event_type"], e["acled_sub_event_type"]) for e in events]


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("A roadside bomb exploded next to an army convoy on Sunday.", "Remote explosive/landmine/IED"),
        (
            "An artillery barrage hit the market on Sunday, killing four people.",
            "Shelling/artillery/missile attack",
        ),
        ("A drone strike killed two commanders of the group on Sunday.", "Air/drone strike"),
        ("A suicide bomber blew himself up at a checkpoint on Sunday.", "Suicide bomb"),
        ("Heavy fighting erupted on Sunday between the army and Taliban fighters.", "Armed clash"),
    ],
)
def test_an_event_noun_as_subject_names_the_event(code, text, sub):
    assert sub in [s for _, s in _types(code(text))]


def test_a_countrys_strike_is_its_military(code):
    events = code("Turkish air strikes hit villages near the border on Sunday.")
    assert events and events[0]["actor1"]["name"] == "Military Forces of Turkey"


def test_protesters_are_actor_one_and_the_group_an_associate(code):
    events = code("Hundreds of nurses protested outside the health ministry on Sunday over unpaid wages.")
    assert _types(events) == [("Protests", "Peaceful protest")]
    assert events[0]["actor1"]["name"].startswith("Protesters")


def test_tear_gas_makes_a_protest_with_intervention(code):
    events = code(
        "Police fired tear gas at hundreds of students who were protesting in the capital on Sunday."
    )
    assert ("Protests", "Protest with intervention") in _types(events)


def test_forces_killing_protesters_is_excessive_force(code):
    events = code("Soldiers shot dead six demonstrators during a march on Sunday.")
    assert ("Protests", "Excessive force against protesters") in _types(events)
    assert events[0]["fatalities"] == 6


def test_unarmed_crowd_burning_and_looting_is_a_riot(code):
    assert ("Riots", "Violent demonstration") in _types(
        code("Angry residents torched a police station on Sunday.")
    )
    assert ("Riots", "Mob violence") in _types(code("A mob beat and killed a suspected thief on Sunday."))


@pytest.mark.parametrize(
    "text",
    [
        "A car struck a cyclist on Main Street on Sunday.",
        "The team rallied in the second half to win the cup on Sunday.",
        "John Smith, 34, was arrested on Sunday and charged with burglary.",
        "The governor signed the budget bill into law on Sunday.",
        "Jane Doe is accused of killing her neighbour with a knife on Sunday.",
        "The central bank moved on Sunday to fight inflation.",
    ],
)
def test_ordinary_news_is_not_political_violence(code, text):
    assert code(text) == []


def test_political_arrests_and_ceasefires_are_coded(code):
    assert ("Strategic developments", "Arrests") in _types(
        code("Police arrested three opposition activists in the capital on Sunday.")
    )
    assert ("Strategic developments", "Agreement") in _types(
        code("The army and the rebels signed a ceasefire on Sunday.")
    )


def test_a_casualty_sentence_belongs_to_the_attack_before_it(code):
    events = code("Militants attacked an army post on Sunday. Five soldiers were killed.")
    assert len(events) == 1
    assert events[0]["fatalities"] == 5 and len(events[0]["evidence"]) == 2


def test_killed_when_a_group_raided_codes_the_raid_with_its_toll(code):
    events = code("Nine people were killed when bandits raided a farming village on Sunday.")
    assert _types(events) == [("Violence against civilians", "Attack")]
    assert events[0]["fatalities"] == 9 and events[0]["actor1"]["name"].startswith("Unidentified Armed Group")


def test_a_toll_sentence_after_the_attack_is_its_fatalities(code):
    events = code("Gunmen attacked a bus station on Sunday. The death toll stood at 14.")
    assert events and events[0]["fatalities"] == 14


def test_violent_protests_and_crowds_burning_cars_are_riots(code):
    assert _types(code("Violent protests broke out in the port city on Sunday."))[0][0] == "Riots"
    assert _types(code("Striking dockers torched cars near the port on Sunday."))[0][0] == "Riots"


def test_a_date_phrase_is_not_the_target(code):
    events = code("On Sunday, rebels opened fire on civilians at a bus stop, killing seven people.")
    assert _types(events)[0] == ("Violence against civilians", "Attack")


def test_a_gas_explosion_is_an_accident(code):
    assert code("A gas explosion at a restaurant killed two people on Sunday.") == []


def test_its_fighters_are_the_speakers_not_the_enemy(code):
    events = code(
        "Syrian troops captured the town from Islamic State on Sunday. "
        "The army said its fighters killed 20 militants in the fighting."
    )
    assert events[0]["actor1"]["name"] == "Military Forces of Syria"
    assert all(
        e["actor1"]["name"] != "Islamic State" or e["acled_event_type"] != "Battles" for e in events[1:]
    )


def test_allies_of_the_target_are_associated_actors(code):
    events = code(
        "Islamic State fighters attacked the Syrian Democratic Forces and US special forces on Sunday."
    )
    assert events[0]["actor2"]["name"] == "Syrian Democratic Forces"
    assert [a["name"] for a in events[0]["assoc_actors2"]] == ["Military Forces of United States"]


def test_a_device_that_went_off_is_an_explosion(code):
    events = code("Six people were killed when an explosive device went off in a market on Sunday.")
    assert _types(events) == [("Explosions/Remote violence", "Remote explosive/landmine/IED")]
    assert events[0]["fatalities"] == 6


def test_tolls_of_different_sides_add_up_and_rival_counts_keep_the_lowest(code):
    events = code(
        "Militants attacked an army post on Sunday, killing 27 soldiers. Fourteen attackers were also killed."
    )
    assert events[0]["fatalities"] == 41
    events = code(
        "Militants attacked an army post on Sunday, killing 27 soldiers. Later 30 soldiers were killed."
    )
    assert events[0]["fatalities"] == 27


def test_figures_for_two_sides_in_one_sentence_add_up(code):
    events = code("On Sunday 5 soldiers and 12 militants were killed in clashes in the north.")
    assert events[0]["fatalities"] == 17
    events = code(
        "Hundreds of people were killed in the fighting on Sunday, though officials said only 40 died."
    )
    assert events[0]["fatalities"] == 40


def test_a_toll_belongs_to_the_act_that_governs_it(code):
    events = code("On Sunday soldiers torched houses in a village and shot dead two villagers.")
    tolls = {e["acled_sub_event_type"]: e["fatalities"] for e in events}
    assert tolls["Attack"] == 2
    assert tolls.get("Looting/property destruction", 0) == 0
    events = code("On Sunday a suicide bomber struck a market in the town, killing 7 civilians.")
    assert events[0]["fatalities"] == 7


def test_a_wire_dateline_is_neither_actor_nor_date(code):
    events = code(
        "KABUL, June 14 (Reuters) - Afghan government forces recaptured the town from the Taliban "
        "on Sunday, the army said."
    )
    assert events[0]["actor1"]["name"] == "Military Forces of Afghanistan"
    assert events[0]["acled_sub_event_type"] == "Government regains territory"
    assert events[0]["event_date"] == "2021-06-13"


def test_gunmen_stay_unidentified_when_the_named_group_denies(code):
    events = code(
        "Gunmen shot dead three health workers in the town on Sunday. The Taliban denied any involvement."
    )
    assert events[0]["actor1"]["name"].startswith("Unidentified Armed Group")
    assert events[0]["acled_event_type"] == "Violence against civilians"


def test_storming_a_hotel_with_no_armed_opponent_is_violence_against_civilians(code):
    events = code("Al-Shabab extremists stormed a hotel in the city on Sunday, killing at least 26 people.")
    assert events[0]["actor1"]["name"] == "Al Shabaab"
    assert (events[0]["acled_event_type"], events[0]["fatalities"]) == ("Violence against civilians", 26)


def test_a_listed_toll_adds_up_in_a_follow_up_sentence(code):
    events = code(
        "On Sunday a suicide bomber blew himself up at the airport gate. "
        "At least 170 Afghan civilians and 13 US service members were killed."
    )
    assert events[0]["fatalities"] == 183


def test_a_follow_up_toll_is_not_moved_elsewhere_by_a_place_carried_over(code):
    events = code(
        "On Sunday a suicide bomber detonated an explosive vest outside a cafe in Kabul. "
        "5 people, including the bomber, were killed and 20 others injured."
    )
    assert events[0]["fatalities"] == 5


def test_a_sentence_pointing_back_to_the_assault_is_the_same_fight(code):
    events = code(
        "On Sunday Taliban fighters attacked an army post in Kunduz. The soldiers repelled the assault "
        "after hours of fighting. 8 soldiers and 15 assailants were killed."
    )
    assert len([e for e in events if e["acled_event_type"] == "Battles"]) == 1
    assert events[0]["fatalities"] == 23
    assert events[0]["actor2"]["name"] == "Military Forces of Afghanistan"


def test_storming_a_school_to_abduct_pupils_is_one_abduction(code):
    events = code("On Sunday gunmen stormed a secondary school in Kunduz and abducted over 300 schoolboys.")
    assert _types(events) == [("Violence against civilians", "Abduction/forced disappearance")]


def test_a_crowd_that_storms_a_building_riots(code):
    events = code(
        "On Sunday thousands of supporters of the former president stormed and vandalised the parliament."
    )
    assert _types(events)[:1] == [("Riots", "Violent demonstration")]
    assert events[0]["actor1"]["name"].startswith("Rioters")


def test_a_road_accident_is_not_political_violence(code):
    assert code("On Sunday a passenger bus collided with a truck near Kabul, killing 14 people.") == []


def test_a_settler_raid_is_not_an_air_strike(code):
    events = code(
        "On Sunday an Israeli settler shot dead a Palestinian man during a settler raid on the village."
    )
    assert _types(events) == [("Violence against civilians", "Attack")]


def test_arresting_a_party_secretary_general_is_political(code):
    events = code("On Sunday police arrested the party's secretary general at his home in Kabul.")
    assert _types(events) == [("Strategic developments", "Arrests")]


def test_one_named_or_definite_victim_counts_one(code):
    events = code("On Sunday police fired at protesters in Kabul, killing student Abu Sayeed.")
    assert events[0]["fatalities"] == 1
    events = code("On Sunday a mob lynched the Sri Lankan manager of a factory in Kabul.")
    assert events[0]["fatalities"] == 1


def test_the_forces_answer_to_a_protest_told_next_is_the_same_event(code):
    events = code(
        "On Sunday opposition supporters held a march in Kabul. Police fired live ammunition at the "
        "marchers, killing 2 protesters."
    )
    protests = [e for e in events if e["acled_event_type"] == "Protests"]
    assert [(e["acled_sub_event_type"], e["fatalities"]) for e in protests] == [
        ("Excessive force against protesters", 2)
    ]


def test_a_date_told_in_a_sentence_without_an_event_dates_the_next(code):
    events = code(
        "On 12 June 2021, government forces entered Kunduz. 43 Taliban fighters were killed in the fighting."
    )
    assert events[0]["event_date"] == "2021-06-12"
    assert events[0]["fatalities"] == 43


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "On Sunday militants hurled a grenade at a crowded market in Kabul, injuring 12 civilians.",
            "Grenade",
        ),
        (
            "On Sunday a military jet and a helicopter attacked a crowd in a village near Kabul.",
            "Air/drone strike",
        ),
    ],
)
def test_the_weapon_used_names_the_sub_type(code, text, sub):
    assert _types(code(text))[0] == ("Explosions/Remote violence", sub)


def test_a_militant_camp_is_not_a_civilian_target(code):
    events = code("On Sunday the Afghan army raided a Taliban militant camp near Kunduz, killing 8 fighters.")
    assert events[0]["acled_event_type"] == "Battles"


def test_armed_youth_of_a_people_are_an_identity_militia(code):
    events = code("On Sunday armed Lou Nuer youth attacked a village near Kunduz, killing 7 civilians.")
    assert events[0]["actor1"]["name"].startswith("Lou Nuer Ethnic Militia")
    assert events[0]["actor1"]["acled_inter"] == 4
    assert (events[0]["acled_event_type"], events[0]["fatalities"]) == ("Violence against civilians", 7)


def test_a_figure_inside_another_is_not_counted_again(code):
    events = code(
        "On Sunday a car bomb exploded in Kabul, killing six people, including two police officers."
    )
    assert events[0]["fatalities"] == 6


def test_attackers_killed_add_to_their_victims(code):
    events = code(
        "On Sunday Taliban fighters stormed a hotel in Kabul, killing at least 26 people. "
        "The siege lasted hours before security forces killed the four attackers."
    )
    assert events[0]["fatalities"] == 30


def test_a_date_of_the_report_does_not_beat_the_events_own_date(code):
    events = code(
        "The Taliban said on Monday they had captured the town of Kunduz after weeks of fighting. "
        "The group said its fighters took full control of the town on Saturday."
    )
    assert events[0]["event_date"] == "2021-06-12"


def test_a_date_of_the_report_dates_an_event_that_has_none(code):
    events = code(
        "Local activists said on 10 June that government aircraft bombed homes in Kunduz, killing 12 people."
    )
    assert events[0]["event_date"] == "2021-06-10"


def test_killed_in_the_fighting_counts_for_the_fight_told_paragraphs_before(code):
    events = code(
        "Taliban fighters took control of Kunduz on Sunday, storming the police station.\n\n"
        "A local official said police officers ran out of ammunition.\n\n"
        "At least five people were killed in the fighting, including two police officers."
    )
    assert events[0]["fatalities"] == 5


def test_a_total_broken_down_by_side_is_not_counted_twice(code):
    events = code(
        "At least 22 people were killed on Sunday when Taliban fighters attacked army positions in Kunduz. "
        "Seven soldiers and at least 15 Taliban fighters were killed in fighting that lasted for hours."
    )
    assert events[0]["fatalities"] == 22


def test_shells_that_landed_name_the_sub_type(code):
    events = code(
        "Two civilians were killed and four others injured on Sunday when mortar shells fired by "
        "Taliban fighters landed in a residential area of Kabul."
    )
    assert _types(events)[0] == ("Explosions/Remote violence", "Shelling/artillery/missile attack")


def test_gunmen_who_shot_and_killed_a_mayor_attacked_a_civilian(code):
    events = code("Gunmen shot and killed the mayor outside his home on Sunday night.")
    assert _types(events)[0] == ("Violence against civilians", "Attack")


def test_a_date_that_bounds_a_period_or_a_relative_clause_is_not_the_events(code):
    events = code(
        "Afghan troops have retaken the town of Kunduz from the Taliban, the army said on Sunday. "
        "A spokesman said 14 fighters were killed in the final assault on the town, which the Taliban "
        "had held since August 2020."
    )
    assert events[0]["event_date"] == "2021-06-13"
    assert events[0]["fatalities"] == 14


def test_a_gerund_naming_a_kind_of_act_is_no_event(code):
    events = code(
        "Police fired tear gas at protesters in Kabul on Sunday. "
        '"We are tired of police killing our people," one said.'
    )
    assert [e["acled_sub_event_type"] for e in events] == ["Protest with intervention"]


def test_the_doer_and_weapon_of_a_when_clause(code):
    events = code(
        "Two people were killed and 11 others wounded when unknown assailants threw a grenade into a "
        "crowded bar in Kabul on Saturday evening."
    )
    assert _types(events)[0] == ("Explosions/Remote violence", "Grenade")
    assert events[0]["fatalities"] == 2


def test_a_claimed_figure_for_a_side_already_counted_is_a_rival(code):
    events = code(
        "Taliban fighters stormed a military base in Kunduz on Sunday, setting off hours of fighting that "
        "killed at least seven soldiers and more than 20 militants. "
        "The Taliban claimed to have killed 30 soldiers."
    )
    assert events[0]["fatalities"] == 27


def test_a_reaction_story_codes_the_attack_it_reacts_to(code):
    events = code(
        "The president on Monday ordered security agencies to hunt down the gunmen who killed worshippers "
        "at a church in Kunduz.\n\nGunmen stormed St. Charles Catholic Church during Sunday morning Mass, "
        "opening fire on the congregation. Police said nine people were killed.\n\n"
        '"This is a grave assault on our freedom," the president said, calling the attack barbaric.'
    )
    assert [(e["acled_sub_event_type"], e["event_date"], e["fatalities"]) for e in events] == [
        ("Attack", "2021-06-13", 9)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Afghan bomb disposal experts defused an improvised explosive device near Kunduz on Sunday.",
        "Air defences intercepted two missiles over Kabul on Sunday.",
    ],
)
def test_a_weapon_stopped_before_harm_is_disrupted_weapons_use(code, text):
    assert _types(code(text))[:1] == [("Strategic developments", "Disrupted weapons use")]


def test_a_suspect_agreeing_to_surrender_is_no_agreement(code):
    assert (
        code("After three hours of talks on Sunday, the suspect agreed to surrender himself to police.") == []
    )


def test_a_reduced_relative_toll_follows_the_attack(code):
    events = code(
        "On Sunday soldiers summarily executed villagers in Kunduz. "
        "Human Rights Watch documented 179 civilians killed in the village."
    )
    assert events[0]["fatalities"] == 179


def test_a_town_seized_is_territory_even_when_ner_calls_it_a_person(tmp_path, nlp):
    from palmyra.resources.gazetteer import Candidate, Gazetteer

    from ..helpers import NAMES, PLACES

    lashio = Candidate(1314759, "Lashio", 22.93, 97.75, "MMR", "17", "PPLA", 88590)
    burma = Candidate(1327865, "Myanmar", 21.0, 96.0, "MMR", None, "PCLI", 53000000)
    gaz = Gazetteer.from_rows([*PLACES, lashio, burma], NAMES, tmp_path / "g.sqlite")
    text = "On 3 August 2024, the MNDAA announced it had seized Lashio in Myanmar after weeks of fighting."
    events = Pipeline(gazetteer=gaz).analyse(Article(id="t", text=text, published=dt.date(2024, 8, 4))).events
    assert [(e.acled_event_type, e.acled_sub_event_type) for e in events][:1] == [
        ("Battles", "Non-state actor overtakes territory")
    ]


def test_a_date_of_a_dropped_mention_still_dates_what_follows(code):
    events = code("On 12 June 2021, forces retook the town. 43 Taliban fighters were killed in the fighting.")
    assert events[0]["event_date"] == "2021-06-12"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # arson by armed men: property destruction, whoever the parser makes the subject
        (
            "Armed men on motorbikes set fire to twenty homes in a village on Sunday, officials said.",
            ("Strategic developments", "Looting/property destruction"),
        ),
        # a crowd setting things ablaze is a riot
        (
            "Youths set cars and shops ablaze in the capital on Sunday night.",
            ("Riots", "Violent demonstration"),
        ),
        # water cannon and "break up" are forces intervening in a protest
        (
            "Riot police used water cannon on Sunday to break up hundreds of protesters outside parliament.",
            ("Protests", "Protest with intervention"),
        ),
        (
            "Police broke up a rally by opposition supporters on Sunday.",
            ("Protests", "Protest with intervention"),
        ),
        # a split "sit-in" is still a protest
        (
            "Hundreds of nurses staged a sit-in outside the ministry on Sunday.",
            ("Protests", "Peaceful protest"),
        ),
        # weapons as the subject of a verb of striking name the sub-type
        (
            "Artillery shells struck the outskirts of the town on Sunday, killing a farmer.",
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ),
        # a town taken without a fight changes hands without violence
        (
            "Rebel fighters entered the town on Sunday without resistance, residents said.",
            ("Strategic developments", "Non-violent transfer of territory"),
        ),
        (
            "Islamist fighters took control of the town without a fight on Sunday.",
            ("Strategic developments", "Non-violent transfer of territory"),
        ),
        # rival crowds fighting each other: mob violence, not a battle
        (
            "Rival supporters clashed inside the stadium on Sunday, throwing seats at each other.",
            ("Riots", "Mob violence"),
        ),
        # an armed group burning its own weapons changes what it is
        (
            "Two hundred rebel fighters burned their weapons at a ceremony on Sunday.",
            ("Strategic developments", "Change to group/activity"),
        ),
    ],
)
def test_wire_vocabulary(code, text, want):
    assert _types(code(text))[:1] == [want]


def test_a_drone_that_lands_is_no_attack_and_troops_disarming_others_is_no_change_of_group(code):
    assert code("A drone landed in a field near the border on Sunday.") == []
    assert _types(code("Troops disarmed forty rebels near the border on Sunday.")) == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a crowd attacking people (not the state), with no demonstration told: mob violence
        ("Supporters stormed the pitch and attacked rival fans with knives.", ("Riots", "Mob violence")),
        ("Rioters attacked and looted shops owned by foreign traders on Sunday.", ("Riots", "Mob violence")),
        # against the police it is a violent demonstration
        ("Youths attacked a police station in the town on Sunday.", ("Riots", "Violent demonstration")),
        # police arresting in the next sentence: the protest met an intervention
        (
            "Hundreds protested in the capital on Sunday against the new law. Police detained forty people.",
            ("Protests", "Protest with intervention"),
        ),
        (
            "Hundreds protested in the capital on Sunday. Police said the march was peaceful.",
            ("Protests", "Peaceful protest"),
        ),
        # "without facing resistance" is still no fight
        (
            "Rebel fighters entered the capital without facing resistance on Sunday.",
            ("Strategic developments", "Non-violent transfer of territory"),
        ),
        # fighters surrendering themselves leave the group; a town surrendered changes hands
        (
            "Sixty rebel combatants surrendered with their weapons to the army on Sunday.",
            ("Strategic developments", "Change to group/activity"),
        ),
        (
            "The rebels surrendered the town to the army on Sunday.",
            ("Strategic developments", "Non-violent transfer of territory"),
        ),
        # a force settling in a base
        (
            "Russian military instructors arrived on Sunday and set up at the air base.",
            ("Strategic developments", "Headquarters or base established"),
        ),
        (
            "Rebel fighters established a base in the forest on Sunday.",
            ("Strategic developments", "Headquarters or base established"),
        ),
        # an armed group killing one man is violence against a civilian
        (
            "Rebel fighters detained and killed him in the town on Sunday.",
            ("Violence against civilians", "Attack"),
        ),
    ],
)
def test_crowds_protests_and_strategic_developments(code, text, want):
    assert _types(code(text))[:1] == [want]


def test_a_company_opening_headquarters_is_no_event(code):
    assert code("The company opened its headquarters in the capital on Monday.") == []


def test_tear_gas_used_by_a_gang_is_no_protest(code):
    assert code("Police said the gang used tear gas to rob a bank on Monday.") == []


@pytest.mark.parametrize(
    "text",
    [
        "The army unveiled a plan to attack rebel positions on Sunday.",
        "Police and students reached an agreement on holding a peaceful protest on Sunday.",
    ],
)
def test_what_a_plan_or_deal_is_about_did_not_happen(code, text):
    assert [e for e in code(text) if e["acled_event_type"] in ("Battles", "Protests")] == []


def test_a_verb_read_as_a_modifier_of_its_subject_keeps_the_subject_but_a_passive_headline_does_not(code):
    events = code("Armed men on horseback set fire to homes in a village on Sunday, officials said.")
    assert events and events[0]["actor1"]["sector"] in ("INS", "REB")


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        (
            "A suicide bomber blew himself up at a market, killing seven people. Boko Haram was suspected.",
            "Boko Haram",
        ),
        (
            "A suicide bomber blew himself up at a wedding, killing 18. Authorities blamed Boko Haram.",
            "Boko Haram",
        ),
        (
            "A suicide bomber blew himself up in a mosque on Sunday, killing 40 people. "
            "Police attributed the attack to Al Shabaab.",
            "Al Shabaab",
        ),
        (
            "Two civilians were killed when mortar shells fired by al-Shabaab militants landed nearby.",
            "Al Shabaab",
        ),
        # claimed by no one: ACLED's unidentified armed group
        (
            "A roadside bomb exploded as an army patrol passed on Sunday, killing two soldiers.",
            "Unidentified Armed Group",
        ),
    ],
)
def test_who_is_behind_a_bombing(code, text, actor):
    events = code(text)
    assert events and actor in events[0]["actor1"]["name"]


@pytest.mark.parametrize(
    "text",
    [
        "The militia led by Ali Musa announced on Monday that it had merged with the Taliban.",
        "A commander of the rebels announced that he was breaking away to form a new faction.",
        "The militia announced the dissolution of its armed wing.",
    ],
)
def test_armed_groups_merging_splitting_or_dissolving_change_the_group(code, text):
    assert ("Strategic developments", "Change to group/activity") in _types(code(text))


def test_a_merger_without_an_armed_group_is_no_acled_event(code):
    assert _types(code("Two Nigerian banks merged last year, the company said.")) == []


@pytest.mark.parametrize(
    "text",
    [
        "Rebels took over the town on Monday. No clashes were reported.",
        "Rebels took over military positions on Monday after the army's units withdrew.",
    ],
)
def test_a_place_taken_over_without_a_fight_is_a_non_violent_transfer(code, text):
    assert _types(code(text))[:1] == [("Strategic developments", "Non-violent transfer of territory")]


def test_a_dismantled_rocket_platform_is_disrupted_weapons_use(code):
    events = code("Iraqi forces found and dismantled a rocket launch platform in an orchard on Sunday.")
    assert _types(events)[:1] == [("Strategic developments", "Disrupted weapons use")]


def test_armed_factions_merging_need_no_named_actor(code):
    events = code("Several armed factions announced on Saturday that they were merging into a single body.")
    assert _types(events)[:1] == [("Strategic developments", "Change to group/activity")]


def test_a_when_clause_the_parser_hangs_on_the_reporting_verb_still_tells_the_killing(code):
    (e,) = code(
        "Two police officers were killed on Monday when dissidents of the former FARC attacked a police "
        "station in the rural area of the municipality of Suárez, in the department of Cauca, authorities "
        "reported from Popayán."
    )
    assert e["acled_sub_event_type"] == "Armed clash" and e["fatalities"] == 2


def test_joined_subjects_of_a_clash_are_its_two_sides(code):
    (e,) = code("Soldiers and rebels clashed near Kunduz on Monday.")
    assert e["acled_sub_event_type"] == "Armed clash"
    assert e["actor2"] is not None and e["actor2"]["name"].startswith("Rebels")


def test_civilians_and_police_clashing_are_a_riot_with_police_as_the_other_side(code):
    (e,) = code("Vendors and municipal police clashed in Kunduz on Monday after the council removed stalls.")
    assert e["acled_event_type"] == "Riots" and e["actor1"]["name"].startswith("Rioters")
    assert e["actor2"]["name"].startswith("Police Forces")


def test_gunmen_who_clashed_killing_people_fought_each_other(code):
    (e,) = code("Gunmen loyal to rival factions clashed in Kunduz on Monday, killing two people.")
    assert e["acled_sub_event_type"] == "Armed clash" and e["fatalities"] == 2


def test_an_event_named_only_by_its_rising_death_toll_is_coded(code):
    (e,) = code(
        "The death toll from Saturday's suicide bombing at a mosque in Kunduz has risen to 34, "
        "officials said on Monday."
    )
    assert e["acled_sub_event_type"] == "Suicide bomb" and e["fatalities"] == 34
    assert e["event_date"] == "2021-06-12"  # Saturday before Monday 14 June 2021


def test_sheriffs_deputies_using_pepper_spray_on_protesters_is_an_intervention(code):
    (e,) = code("Sheriff's deputies used pepper spray on protesters outside the county building on Thursday.")
    assert e["acled_sub_event_type"] == "Protest with intervention"
    assert e["actor2"]["name"].startswith("Police Forces")


def test_arrests_of_protesters_who_blocked_a_gate_make_it_an_intervention(code):
    events = code("Police arrested 12 people on Sunday after protesters blocked the entrance to a factory.")
    assert [e["acled_sub_event_type"] for e in events] == ["Protest with intervention"]


def test_the_union_that_organised_a_march_is_not_the_force_that_met_it(code):
    (e,) = code(
        "The march, organised by the Bristol Trades Union Council, started at College Green and ended "
        "outside City Hall."
    )
    assert e["acled_sub_event_type"] == "Peaceful protest" and e["actor2"] is None


def test_no_clashes_occurred_is_no_clash(code):
    assert code("Police detained 70 people for occupying roads, but no major clashes occurred.") == []


def test_a_death_toll_of_an_accident_is_no_event(code):
    assert code("The death toll from Saturday's gas explosion at a market in Kunduz has risen to 12.") == []
