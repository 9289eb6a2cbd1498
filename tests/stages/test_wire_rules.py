"""ACLED coding of wire-style sentences written for these tests: tolls with no actor but a weapon,
drones and missiles launched at a country, herders who kill, and a participle of killing that is the
toll of the act it hangs on."""

from __future__ import annotations

import pytest

from ..helpers import acled_coder

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def code(tmp_path_factory, nlp):
    return acled_coder(tmp_path_factory.mktemp("gaz"))


def _coded(events):
    return [(e["acled_event_type"], e["acled_sub_event_type"], e["fatalities"]) for e in events]


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "At least 8 people were killed when a roadside bomb struck a minibus on Sunday, police said.",
            "Remote explosive/landmine/IED",
        ),
        (
            "Two soldiers were killed when their vehicle hit a landmine on Sunday.",
            "Remote explosive/landmine/IED",
        ),
        (
            "Eight people were killed on Sunday when an explosive device went off on a bus.",
            "Remote explosive/landmine/IED",
        ),
    ],
)
def test_a_toll_with_a_weapon_and_no_actor_is_an_event(code, text, sub):
    events = code(text)
    assert [s for _, s, _ in _coded(events)] == [sub]


def test_a_death_with_no_doer_and_no_weapon_is_no_event(code):
    assert code("Two people were killed on Sunday, police said.") == []


def test_drones_launched_at_a_country_are_an_air_strike_with_the_toll_that_follows(code):
    events = code("Russia launched 80 drones at Ukraine overnight into Sunday. One person was killed.")
    assert _coded(events) == [("Explosions/Remote violence", "Air/drone strike", 1)]


def test_missiles_launched_are_shelling(code):
    events = code("The militia launched rockets at the town on Sunday.")
    assert [s for _, s, _ in _coded(events)] == ["Shelling/artillery/missile attack"]


def test_herders_who_kill_are_armed_not_rioters(code):
    events = code("Suspected herders killed 11 people in an attack on a village on Sunday.")
    assert _coded(events) == [("Violence against civilians", "Attack", 11)]
    assert not events[0]["actor1"]["name"].startswith("Rioters")


def test_herders_killed_are_civilians(code):
    events = code("Gunmen killed three herders on Sunday.")
    assert _coded(events) == [("Violence against civilians", "Attack", 3)]


def test_a_participle_of_killing_is_the_toll_of_its_act(code):
    events = code("A suicide bomber blew himself up outside a mosque on Sunday, killing 9 worshippers.")
    assert _coded(events) == [("Explosions/Remote violence", "Suicide bomb", 9)]


def test_a_killing_in_an_explosion_is_the_explosion(code):
    events = code("At least 7 civilians were killed in a car bomb explosion in the city on Sunday.")
    assert _coded(events) == [("Explosions/Remote violence", "Remote explosive/landmine/IED", 7)]


def test_a_passive_toll_belongs_to_the_act_of_its_when_clause(code):
    events = code(
        "At least seven people were killed and 15 others injured when a suicide bomber blew himself up "
        "outside an office on Sunday."
    )
    assert _coded(events) == [("Explosions/Remote violence", "Suicide bomb", 7)]


def test_neutralised_fighters_are_killed(code):
    events = code("Troops neutralised 12 terrorists on Sunday, the army said.")
    assert _coded(events) == [("Battles", "Armed clash", 12)]


def test_headline_participles_are_passive(code):
    events = code("Six women sexually assaulted by gunmen near the village on Sunday.")
    assert _coded(events) == [("Violence against civilians", "Sexual violence", 0)]
    assert events[0]["actor1"]["name"] == "Unidentified Armed Group"


def test_a_noun_phrase_headline_names_the_victims(code):
    events = code("Two civilians killed by gunmen on Monday.")
    assert _coded(events) == [("Violence against civilians", "Attack", 2)]


def test_people_who_protested_are_not_headline_patients(code):
    events = code("On Thursday, students protested outside government offices, chanting slogans.")
    assert [t for t, _, _ in _coded(events)] == ["Protests"]


def test_bulleted_highlights_are_sentences_of_their_own(code):
    events = code(
        "HIGHLIGHTS\n- Shops looted by soldiers in the town on Sunday.\n- Two civilians shot dead by gunmen."
    )
    assert sorted(s for _, s, _ in _coded(events)) == ["Attack", "Looting/property destruction"]


def test_a_fight_named_with_its_sides_is_an_event_wherever_it_stands(code):
    events = code("Seven people were left dead after combats between the army and the rebels on Sunday.")
    assert _coded(events) == [("Battles", "Armed clash", 7)]


def test_water_cannon_used_on_demonstrators_is_an_intervention(code):
    events = code("Special forces used water cannon and pepper spray to push demonstrators back on Monday.")
    assert [s for _, s, _ in _coded(events)] == ["Protest with intervention"]


def test_a_man_beaten_to_death_by_a_mob_is_mob_violence(code):
    events = code("A man was beaten to death by a mob on suspicion of cattle theft late on Sunday night.")
    assert _coded(events) == [("Riots", "Mob violence", 1)]


def test_gunmen_blocking_a_highway_are_no_protest(code):
    events = code("Gunmen blocked the highway on Sunday and killed five truck drivers.")
    assert [t for t, _, _ in _coded(events)] == ["Violence against civilians"]


def test_deaths_told_after_armed_men_acted_are_theirs_and_dated_there(code):
    events = code(
        "Armed men set up a blockade on the highway late on Tuesday night and stopped a coach. "
        "Seven passengers were offloaded and shot dead, officials said on Thursday."
    )
    assert _coded(events) == [("Violence against civilians", "Attack", 7)]
    assert events[0]["actor1"]["name"].startswith("Unidentified Armed Group")
    assert events[0]["event_date"] == "2021-06-08"


def test_one_battle_told_from_both_sides_is_one_event(code):
    events = code(
        "Troops repelled an attack by Boko Haram fighters on their base. "
        "The terrorists stormed the base on Sunday night, engaging the troops in a gun duel. "
        "Officials said 14 terrorists were neutralised."
    )
    assert _coded(events) == [("Battles", "Armed clash", 14)]
    assert events[0]["event_date"] == "2021-06-13"


@pytest.mark.parametrize(
    "text",
    [
        "Eleven attack drones were destroyed by air defence units over the district on Sunday.",
        "Troops recovered a cache of firearms and explosives of the rebels on Sunday.",
        "Police seized weapons and ammunition from a hideout on Sunday.",
    ],
)
def test_weapons_stopped_or_seized_are_disrupted_weapons_use(code, text):
    assert [s for _, s, _ in _coded(code(text))] == ["Disrupted weapons use"]


def test_a_prisoner_exchange_is_an_agreement(code):
    events = code("Government forces and the rebels exchanged 14 prisoners on Saturday under a local deal.")
    assert [s for _, s, _ in _coded(events)][:1] == ["Agreement"]


@pytest.mark.parametrize("doers", ["An armed group", "A group of armed civilians"])
def test_armed_groups_and_armed_civilians_are_an_unidentified_armed_group(code, doers):
    events = code(f"{doers} abducted seven workers on a rural road on Wednesday.")
    assert [s for _, s, _ in _coded(events)] == ["Abduction/forced disappearance"]
    assert events[0]["actor1"]["name"].startswith("Unidentified Armed Group")


def test_militants_who_invade_a_community_and_kill_attack_civilians(code):
    events = code("Terrorists on Saturday night invaded Kwall community, killing eight persons.")
    assert _coded(events)[:1] == [("Violence against civilians", "Attack", 8)]


def test_no_one_hurt_is_no_event_of_its_own(code):
    assert code("No residents were injured in the village on Sunday.") == []
    events = code("Gunmen attacked the village on Sunday. No residents were injured.")
    assert _coded(events) == [("Violence against civilians", "Attack", 0)]
