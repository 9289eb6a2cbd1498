from __future__ import annotations

import pytest
from spacy.language import Language

from palmyra.stages.fatalities import _lexicon, find_fatalities, parse_count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18", 18),
        ("at least 18", 18),
        ("over 100", 100),
        ("more than 100", 100),
        ("nearly 50", 50),
        ("about 50", 50),
        ("up to 50", 50),
        ("hundreds", 100),
        ("dozens", 12),
        ("a dozen", 12),
        ("scores", 20),
        ("tens", 10),
        ("tens of thousands", 10_000),
        ("hundreds of thousands", 100_000),
        ("thousands", 1000),
        ("several", 3),
        ("a few", 3),
        ("many", 10),
        ("several hundred", 300),
        ("18 to 25", 18),
        ("18-25", 18),
        ("between 18 and 25", 18),
        ("1,200", 1200),
        ("more than 1,200", 1200),
        ("1.5 million", 1_500_000),
        ("eighteen", 18),
        ("twenty-five", 25),
        ("one hundred and five", 105),
        ("two dozen", 24),
        ("a hundred", 100),
        ("at least 18 soldiers", 18),
        ("no one", 0),
    ],
)
def test_parse_count(text: str, expected: int) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", ["", "soldiers", "the army", "a colonel", "3rd"])
def test_parse_count_without_a_number(text: str) -> None:
    assert parse_count(text) is None


def test_lexicon_keeps_people_apart_from_things() -> None:
    lex = _lexicon()
    for word in ("soldier", "militant", "civilian", "people", "fighter", "general"):
        assert word in lex.person_nouns
    for word in ("target", "objective", "sortie", "tank", "vehicle", "depot", "monument", "year", "site"):
        assert word not in lex.person_nouns
    assert not lex.kill_verbs & {"wound", "injure"}


def _found(nlp: Language, text: str) -> list[tuple[int, str]]:
    doc = nlp(text)
    out = []
    for sent in doc.sents:
        for f in find_fatalities(sent):
            assert doc.text[f.start : f.end] == f.text
            out.append((f.count, f.text))
    return out


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The regiment lost at least 18 soldiers in the assault on Thursday, including a colonel.",
         [(18, "at least 18 soldiers")]),
        ("Bombers hit 120 rebel positions and flew 35 sorties, killing more than 60 fighters and "
         "destroying three tanks and two fuel depots.", [(60, "more than 60 fighters")]),
        ("Hundreds of fighters were killed in the clashes.", [(100, "Hundreds of fighters")]),
        ("The offensive left hundreds of insurgents killed, officials said.",
         [(100, "hundreds of insurgents")]),
        ("Dozens died when the bridge collapsed under shelling.", [(12, "Dozens")]),
        ("Two dozen protesters were killed near the square.", [(24, "Two dozen protesters")]),
        ("Between 18 and 25 civilians died in the raid.", [(18, "Between 18 and 25 civilians")]),
        ("The blast left 20 dead and 45 wounded.", [(20, "20")]),
        ("The clashes left 15 people dead.", [(15, "15 people")]),
        ("The attack killed 20, including five children.", [(20, "20")]),
        ("The death toll rose to 45 on Monday.", [(45, "45")]),
        ("The fighting claimed 30 lives.", [(30, "30 lives")]),
        ("The shelling claimed the lives of 30 people.", [(30, "30 people")]),
        ("Gunmen shot dead three policemen and a soldier.", [(3, "three policemen"), (1, "a soldier")]),
        ("Airstrikes killed 12 soldiers and 3 civilians in the town.",
         [(12, "12 soldiers"), (3, "3 civilians")]),
        ("The militants executed 14 prisoners on Tuesday.", [(14, "14 prisoners")]),
        ("Eighteen of the soldiers were killed.", [(18, "Eighteen of the soldiers")]),
        ("Twenty soldiers killed in ambush.", [(20, "Twenty soldiers")]),
        ("Fighters who killed 12 civilians were arrested.", [(12, "12 civilians")]),
        ("More than 1,200 people have died since the war began in 2014.", [(1200, "More than 1,200 people")]),
        ("The bombing caused 20 deaths.", [(20, "20 deaths")]),
        ("Several soldiers died.", [(3, "Several soldiers")]),
        ("Many civilians were killed.", [(10, "Many civilians")]),
        ("Officials said a policeman was killed and two others were injured.", [(1, "a policeman")]),
        ("Nine (9) persons were confirmed dead.", [(9, "Nine (9) persons")]),
        ("Two men were found dead in the village.", [(2, "Two men")]),
        ("Twelve people are feared dead after the attack.", []),
        ("Troops neutralised 12 terrorists in the forest.", [(12, "12 terrorists")]),
    ],
)  # fmt: skip
def test_find_fatalities(nlp: Language, text: str, expected: list[tuple[int, str]]) -> None:
    assert _found(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Twelve people were wounded in the blast.",  # wounded are not deaths
        "The explosion injured dozens of shoppers.",
        "The ruins drew tens of thousands of tourists every year.",  # people, but no death word
        "Jets struck 158 targets and destroyed four tanks.",  # not people
        "The army lost 5 tanks in the battle.",
        "Soldiers were killed in the attack.",  # killed, but no figure: the caller gives 0
        "No one was killed in the attack.",
        "The soldiers were not killed.",
        "The strike could kill thousands of people.",
        "The temple, built 2,000 years ago, was destroyed.",
    ],
)
def test_find_fatalities_finds_nothing(nlp: Language, text: str) -> None:
    assert _found(nlp, text) == []


@pytest.mark.model
def test_offsets_point_into_the_doc_text(nlp: Language) -> None:
    doc = nlp("The town was quiet on Monday. By evening the garrison had lost at least 18 soldiers.")
    second = list(doc.sents)[1]
    [f] = find_fatalities(second)
    assert (f.count, f.text) == (18, "at least 18 soldiers")
    assert f.start == doc.text.index("at least 18") and doc.text[f.start : f.end] == f.text


def test_range_word_at_the_end_is_not_an_error():
    from palmyra.stages.fatalities import parse_count

    assert parse_count("18 to") == 18
    assert parse_count("between 18 and") == 18


def test_a_figure_straight_before_dead(nlp):
    doc = nlp("The toll stood at 12 dead.")
    assert [f.count for s in doc.sents for f in find_fatalities(s)] == [12]


@pytest.mark.model
def test_members_of_one_list_add_up_and_bodies_are_dead(nlp):
    from palmyra.stages.assemble import sentence_toll

    figures = find_fatalities(nlp("An army colonel, a major, a soldier and a policeman were killed.")[:])
    toll = sentence_toll(figures)
    assert toll is not None and toll.count >= 3
    figures = find_fatalities(nlp("Authorities recovered 23 bodies on Monday.")[:])
    assert [f.count for f in figures] == [23]


@pytest.mark.model
def test_a_body_of_people_is_not_a_dead_body(nlp):
    text = "Soldiers shot dead at least 12 civilians on Tuesday, residents and a rights body said."
    assert [f.count for f in find_fatalities(nlp(text)[:])] == [12]


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "A mob beat to death a former local leader on Tuesday.",
        "Villagers stoned a man to death on Tuesday.",
        "A mob looted shops on Monday, killing a Somali shopkeeper.",
    ],
)
def test_one_victim_put_to_death(nlp, text):
    assert [f.count for f in find_fatalities(nlp(text)[:])] == [1]


@pytest.mark.model
def test_paying_the_supreme_price_is_dying(nlp):
    text = "The army said two soldiers paid the supreme price in the battle."
    assert [f.count for f in find_fatalities(nlp(text)[:])] == [2]


# --------------------------------------------------------------------------- tolls told apart from their act


@pytest.fixture(scope="module")
def first_toll(tmp_path_factory, nlp):
    import datetime as dt

    from palmyra.pipeline import Pipeline
    from palmyra.types import Article

    from ..helpers import tiny_gazetteer

    pipe = Pipeline(gazetteer=tiny_gazetteer(tmp_path_factory.mktemp("gaz")))

    def run(text: str) -> int:
        article = Article(id="t", text=text, published=dt.date(2021, 6, 14))
        events = [e.record() for e in pipe.analyse(article).events]
        violent = [e for e in events if e["acled_event_type"] and not e["negated"] and not e["hypothetical"]]
        return int(violent[0]["fatalities"])

    return run


@pytest.mark.model
def test_a_toll_in_a_later_paragraph_counts_the_act_before_it(first_toll):
    text = (
        "Unknown gunmen invaded the village on Sunday night and shot sporadically at residents.\n\n"
        "Police officers moved to the scene, but the assailants had fled. "
        "Nine persons were confirmed dead.\n\n"
        "A community group claimed eleven deaths; the police figure remains nine."
    )
    assert first_toll(text) == 9


@pytest.mark.model
def test_a_toll_of_a_background_year_stays_out(first_toll):
    text = (
        "Unknown gunmen invaded the village on Sunday night and shot sporadically at residents.\n\n"
        "In 2019, more than 200 people died in the district."
    )
    assert first_toll(text) == 0


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare figure in apposition breaks the toll down; a wounded civilian listed with it lives
        ("Officials report a toll of at least four combatants killed, two on each side, as well as a "
         "civilian wounded by a stray bullet.", [(4, "at least four combatants")]),
        ("The attack killed three people, two of them children.", [(3, "three people")]),
        # one victim told by "the" dying
        ("By the time policemen arrived, the suspect had died.", [(1, "the suspect")]),
    ],
)  # fmt: skip
def test_breakdowns_wounded_and_a_named_death(nlp: Language, text: str, expected: list) -> None:
    assert _found(nlp, text) == expected


@pytest.mark.model
def test_the_dying_of_a_body_of_people_is_no_count(nlp: Language) -> None:
    assert _found(nlp, "The police said the crowd had died down by evening.") == []


@pytest.mark.model
def test_deaths_told_in_joined_clauses_add_up_and_rival_claims_do_not(nlp: Language) -> None:
    from palmyra.stages.assemble import sentence_toll

    def toll(text: str) -> int | None:
        found = sentence_toll(find_fatalities(nlp(text)[:]))
        return None if found is None else found.count

    assert toll("Three men were shot dead as they tried to flee, and a woman died after being stabbed.") == 4
    assert toll("Hundreds died, but the government said only 40 people were killed.") == 40


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On the friendly side, three VDP fell with their weapons in hand.", [(3, "three VDP")]),
        ("Unfortunately, we deplore the loss of three VDP who fell with arms in hand.", [(3, "three VDP")]),
        ("Two soldiers fell in combat.", [(2, "Two soldiers")]),
        ("Two soldiers fell from the truck.", []),  # a fall, not a death in action
        ("Three VDP were deployed to the village.", []),  # initials counted, but no death
    ],
)  # fmt: skip
def test_a_fall_in_action_is_a_death(nlp: Language, text: str, expected: list) -> None:
    assert _found(nlp, text) == expected


@pytest.mark.model
def test_a_toll_in_a_sentence_of_no_violent_act_counts_the_act_before_it(first_toll):
    text = (
        "On Tuesday, army units conducted an offensive operation against terrorist positions near the "
        "town and neutralised about forty terrorists.\n\n"
        "Unfortunately, we deplore the loss of three soldiers who fell with arms in hand."
    )
    assert first_toll(text) == 43


@pytest.mark.model
def test_a_toll_told_with_a_bare_killed_counts_the_fight_before_it(tmp_path_factory, nlp):
    import datetime as dt

    from palmyra.pipeline import Pipeline
    from palmyra.types import Article

    from ..helpers import tiny_gazetteer

    pipe = Pipeline(gazetteer=tiny_gazetteer(tmp_path_factory.mktemp("gaz")))
    text = (
        "Fighting broke out on Tuesday between militia combatants and rebels near the hill.\n\n"
        "The head of the local civil society reports a provisional toll of at least four combatants "
        "killed, two on each side, as well as a civilian wounded by a stray bullet."
    )
    article = Article(id="t", text=text, published=dt.date(2021, 6, 14))
    events = [e.record() for e in pipe.analyse(article).events]
    coded = [(e["acled_event_type"], e["fatalities"]) for e in events if e["acled_event_type"]]
    assert coded == [("Battles", 4)]  # no attack on civilians made of the wounded bystander


@pytest.mark.model
def test_a_toll_summed_over_a_period_stays_out(first_toll):
    text = (
        "A mob lynched a suspected gang member on Tuesday.\n\n"
        "Observers have recorded more than 200 people killed in such lynchings since the start of the year."
    )
    assert first_toll(text) == 1
