"""PLOVER coding of what states and groups say and do to each other, on sentences written for these
tests: the vocabulary in triggers.tsv, objects that pick the kind, and commitments in the future."""

from __future__ import annotations

import datetime as dt

import pytest

from palmyra.pipeline import Pipeline
from palmyra.types import Article

from ..helpers import tiny_gazetteer

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def top(tmp_path_factory, nlp):
    pipe = Pipeline(gazetteer=tiny_gazetteer(tmp_path_factory.mktemp("gaz")))

    def run(text: str) -> dict | None:
        events = [
            e.record() for e in pipe.analyse(Article(id="t", text=text, published=dt.date(2020, 1, 1))).events
        ]
        events = [e for e in events if not e["hypothetical"] and not e["negated"]]
        return max(events, key=lambda e: e["confidence"]) if events else None

    return run


@pytest.mark.parametrize(
    ("text", "plover", "mode"),
    [
        (
            "Norway sent food and medicine to Sudan on Monday, its foreign minister said.",
            "AID",
            "humanitarian",
        ),
        ("Japan gave Kenya a loan of 40 million dollars on Monday.", "AID", "economic"),
        ("Chile held talks with Peru on Monday about the maritime border.", "CONSULT", None),
        ("Brazil lodged a formal protest with Paraguay over the border incident.", "ACCUSE", None),
        ("Uruguay refused to extradite the former general to Argentina.", "REJECT", None),
        ("The government lifted the curfew in the capital on Monday.", "CONCEDE", None),
        ("Canada imposed sanctions on Belarus on Monday.", "SANCTION", None),
        ("Finland will support Estonia's bid to join the alliance, the president said.", "AGREE", None),
        ("Egypt telephoned Jordan on Monday to discuss the crisis.", "CONSULT", "phone"),
        ("Kenya expelled two Somali diplomats on Monday.", "SANCTION", "expel"),
        ("The Palestinians rejected the proposal on Monday.", "REJECT", None),
    ],
)
def test_plover_types_and_modes(top, text, plover, mode):
    event = top(text)
    assert event is not None and event["plover_type"] == plover
    if mode is not None:
        assert event["plover_mode"] == mode


def test_agreeing_to_do_something_is_a_pledge_not_an_acled_agreement(top):
    event = top("Ghana agreed to open its border to traders from Togo on Monday.")
    assert event is not None and event["plover_type"] == "AGREE" and event["acled_event_type"] is None


@pytest.mark.parametrize(
    ("text", "plover", "mode", "root"),
    [
        ("Spain granted asylum to three Cuban dissidents on Monday.", "AID", "asylum", "07"),
        ("Portugal and Angola signed a trade agreement on Monday.", "SUPPORT", None, "05"),
        ("The rebels declared a unilateral ceasefire on Monday.", "RETREAT", "ceasefire", "08"),
        ("Hundreds of farmers blocked roads into the capital on Monday.", "PROTEST", "obstruct", "14"),
        ("Teachers in Kenya began a hunger strike on Monday.", "PROTEST", "hunger", "14"),
        ("Thousands of workers went on strike in Chile on Monday.", "PROTEST", "strike", "14"),
        ("Iran threatened on Monday to shell Iraqi towns.", "THREATEN", "violence", "13"),
        ("Egypt extradited two suspects to Libya on Monday.", "COOPERATE", None, "06"),
        ("Peru established diplomatic ties with Fiji on Monday.", "SUPPORT", None, "05"),
        ("The United Nations withdrew its inspectors from Iraq on Monday.", "SANCTION", "withdraw", "16"),
        ("Ghana closed its borders with Togo on Monday.", "COERCE", "restrict", "17"),
        ("Chile expressed concern on Monday about the violence in Bolivia.", "ACCUSE", None, "01"),
        ("Soldiers demolished three houses in the village on Monday.", "COERCE", "destroy", "17"),
        ("The opposition party began collecting signatures against the new tax.", "PROTEST", None, "14"),
        ("Bolivian authorities denied a permit for the march on Monday.", "REJECT", None, "12"),
        ("Cuban officials pressured the dock workers to end their stoppage.", "REQUEST", None, "10"),
        ("Both the army and the rebels violated the ceasefire agreement.", "ASSAULT", None, "19"),
        ("Peru let free four fishermen from Chile on Monday.", "CONCEDE", "release", "08"),
        ("The Commission opened infringement proceedings against Hungary.", "ACCUSE", "disapprove", "11"),
        (
            "Norway launched legal action against Denmark over the fishing quotas.",
            "ACCUSE",
            "disapprove",
            "11",
        ),
        (
            "Austria plans to impose restrictions on workers from the new member states.",
            "THREATEN",
            None,
            "13",
        ),
        (
            "Serbian police harass journalists, a rights group protested on Friday.",
            "ACCUSE",
            "disapprove",
            "11",
        ),
    ],
)
def test_codebook_conventions(top, text, plover, mode, root):
    """CAMEO2PLOVER-2021 conventions: asylum is AID, a signed (non-conflict) agreement and new ties are
    SUPPORT, a declared truce is RETREAT, demolishing homes is coercion (CAMEO 1712), extradition is
    judicial cooperation, withdrawing inspectors reduces relations; threats take the mode of the act
    threatened; an explicit statement of concern is a CAMEO 01 statement."""
    event = top(text)
    assert event is not None
    assert (event["plover_type"], event["plover_mode"], event["cameo_root"]) == (plover, mode, root)


def test_suspension_of_aid_is_a_sanction(nlp):
    from palmyra.stages.actors import find_actors
    from palmyra.stages.events import find_event_mentions

    doc = nlp("Italy announced a suspension of aid to Niger on Monday.")
    kinds = [m.kind for s in doc.sents for m in find_event_mentions(s, find_actors(doc))]
    assert kinds == ["sanction"]


def test_declining_to_comment_is_no_rejection(nlp):
    from palmyra.stages.actors import find_actors
    from palmyra.stages.events import find_event_mentions

    doc = nlp("The Egyptian foreign ministry declined to comment on the report.")
    kinds = [m.kind for s in doc.sents for m in find_event_mentions(s, find_actors(doc))]
    assert "reject" not in kinds


def test_troops_backed_by_warplanes_is_no_act_of_support(tmp_path, nlp):
    pipe = Pipeline(gazetteer=tiny_gazetteer(tmp_path))
    text = "Afghan army troops backed by U.S. warplanes recaptured Kunduz from the Taliban on Monday."
    events = pipe.analyse(Article(id="t", text=text, published=dt.date(2020, 1, 1))).events
    assert [e.plover_type for e in events] == ["ASSAULT"]


def test_backing_a_plan_is_support(top):
    event = top("Germany backed the French peace plan for Afghanistan on Monday.")
    assert event is not None and event["plover_type"] == "SUPPORT"


@pytest.mark.parametrize(
    "text",
    [
        "Argentina said it will not accept the new border proposal.",
        "Ecuador and Peru failed to reach agreement on fishing rights on Friday.",
        "Peru said it would not meet the kidnappers' demands.",
    ],
)
def test_refusing_a_cooperative_act_is_a_rejection(top, text):
    event = top(text)
    assert event is not None and event["plover_type"] == "REJECT"


def test_a_rejected_demand_is_not_the_rejecters_demand(top):
    event = top("Finland rejected a Swedish request to extradite the two suspects.")
    assert event is not None and event["plover_type"] == "REJECT"
    assert event["actor1"]["country"] == "FIN"


def test_a_capital_that_acts_is_its_government(top):
    event = top("Berlin rejected new calls by the opposition for early elections.")
    assert event is not None and event["actor1"]["country"] == "DEU"


def test_an_apposition_does_not_hide_the_subject(top):
    event = top("Chile, a close ally of Peru, has refused to send troops to the border.")
    assert event is not None and event["actor1"]["country"] == "CHL"


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        # a demand whose clause hangs on the verb, not on the noun
        ("The Arab League reiterated its demand on Monday that Israel lift restrictions on Gaza.", "REQUEST"),
        # a reminder that "it" must act: the speaker demands, "it" is not the speaker
        ("Germany issued a stern reminder to Serbia that it must cooperate with the tribunal.", "REQUEST"),
        # readiness to coerce is a threat, not a pledge
        ("Jordan's government announced that it is prepared to impose martial law.", "THREATEN"),
        # a reported future of a coercive act is a threat
        ("Angry farmers said they would blockade the capital from Monday.", "THREATEN"),
        # the purpose of a resignation is not a second act
        ("Peru's interior minister resigned on Friday to allow an independent inquiry.", "RETREAT"),
        # a demand the speaker will not meet is rejected, not made
        ("Spain said it would not meet the hijackers' demands to free prisoners.", "REJECT"),
        # "must" under a speaker, on a verb that codes nothing itself: still the speaker's demand
        ("The Red Cross said US forces must ensure security in the city.", "REQUEST"),
        ("Germany said on Monday that Iran must stop its enrichment programme.", "REQUEST"),
    ],
)
def test_speech_acts_around_demands_and_futures(top, text, plover):
    event = top(text)
    assert event is not None and event["plover_type"] == plover, event


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("The IAEA dispatched inspectors to a plant in southern Iran on Monday.", "ACCUSE"),
        ("Canada suspended part of its training programme for Mali's army.", "SANCTION"),
    ],
)
def test_inspections_and_suspended_programmes(top, text, plover):
    event = top(text)
    assert event is not None and event["plover_type"] == plover, event


def test_a_mission_is_named_by_its_purpose(top):
    event = top("The United Nations sent 30 experts to Angola on Monday to investigate the massacre.")
    assert event is not None and event["plover_type"] == "ACCUSE", event


def test_a_refusal_explained_by_a_participle_stays_a_refusal(top):
    event = top("Egypt's president refused to meet the Libyan envoy, saying he would only receive him later.")
    assert event is not None and event["plover_type"] == "REJECT", event


def test_an_object_specific_trigger_wins_over_the_catch_all():
    from palmyra.stages.events import load_triggers

    for trigs in load_triggers().values():
        objs = [t.obj for t in trigs]
        assert objs[-1] == "*" or "*" not in objs


@pytest.mark.parametrize(
    ("text", "plover", "mode"),
    [
        (
            "Thousands of Kenyans converged on Nairobi on Monday for a rally against the new tax.",
            "PROTEST",
            "demo",
        ),
        ("Serbian forces engaged in ethnic cleansing in the province, Albania said.", "ASSAULT", "firearms"),
        ("Chile's president hosted the Peruvian foreign minister in Santiago on Monday.", "CONSULT", "visit"),
        ("Spain's king gave a warm welcome on Monday to the Moroccan prime minister.", "CONSULT", "visit"),
    ],
)
def test_gatherings_engagements_and_hosts(top, text, plover, mode):
    event = top(text)
    assert event is not None and (event["plover_type"], event["plover_mode"]) == (plover, mode), event


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("Chad said it is committed to opening talks with the rebels.", "AGREE"),
        ("The rebels vowed to attack the capital within a week, Chad said.", "THREATEN"),
        ("Turkey reopened its border with Syria on Monday.", "RETREAT"),
        ("Kenya dropped its demand for a new vote, the ministry said.", "CONCEDE"),
        ("Nepalese protesters threw stones at police in Kathmandu on Friday.", "PROTEST"),
        ("Indian and French warships launched ten days of naval exercises on Monday.", "COOPERATE"),
    ],
)
def test_readiness_vows_openings_and_stones(top, text, plover):
    event = top(text)
    assert event is not None and event["plover_type"] == plover, event


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("The Ghana Medical Association said it will not end the strike until pay is raised.", "12"),
        ("Iran's president called his Iraqi counterpart on Tuesday.", "04"),
        ("Egypt's foreign minister attended talks in Geneva on Monday.", "04"),
    ],
)
def test_strikes_not_ended_calls_and_meetings(top, text, root):
    event = top(text)
    assert event is not None and event["cameo_root"] == root, event


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("Kenya's government denied charges that it had tortured the prisoners.", "01"),
        ("Peru rejected the accusation that its army had crossed the border.", "01"),
        ("Peru rejected the Chilean proposal for new border talks.", "12"),
        ("Canada offered to send troops to Haiti to help the police.", "03"),
    ],
)
def test_denials_are_statements_and_offers_are_not_threats(top, text, root):
    event = top(text)
    assert event is not None and event["cameo_root"] == root, event


def test_refusing_to_ease_sanctions_is_a_rejection(nlp):
    from palmyra.stages.actors import find_actors
    from palmyra.stages.events import find_event_mentions

    doc = nlp("The senators refused to lift sanctions on Iran.")
    kinds = [(m.kind, m.negated) for s in doc.sents for m in find_event_mentions(s, find_actors(doc))]
    assert ("reject", False) in kinds and not any(k.startswith("retreat") for k, _ in kinds)


def test_a_threat_takes_the_target_of_the_act_threatened(top):
    event = top("Pakistan threatened to break off diplomatic relations with Chile on Monday.")
    assert event is not None and event["plover_type"] == "THREATEN"
    assert event["actor2"] is not None and event["actor2"]["country"] == "CHL", event


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("The UN envoy to Sudan demanded the parties in Darfur to allow aid convoys through.", "REQUEST"),
        ("Kurdish rebels have sworn to fight until they gain control of the border villages.", "THREATEN"),
    ],
)
def test_demanded_infinitives_and_goals_of_vows(top, text, plover):
    event = top(text)
    assert event is not None and event["plover_type"] == plover, event


def test_considering_a_course_is_a_statement(top):
    event = top("The European Union is considering sending aid to Gaza, its foreign policy chief said.")
    assert event is not None and event["cameo_root"] == "01", event


def test_a_criminal_arrest_is_coercion_outside_acled(tmp_path, nlp):
    pipe = Pipeline(gazetteer=tiny_gazetteer(tmp_path))
    text = "Police arrested a man on Monday on suspicion of stealing cars in Kabul."
    events = [
        e.record() for e in pipe.analyse(Article(id="t", text=text, published=dt.date(2020, 1, 1))).events
    ]
    assert [(e["plover_type"], e["acled_event_type"]) for e in events] == [("COERCE", None)]


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("The Peruvian government said it hoped for more talks with the miners.", "01"),  # "hoped" -> "hop"
        ("The Kenyan government said on Monday it is skeptical of the new figures.", "01"),
        ("Ghana is exploring the possibility of building a new port.", "01"),
        ("The rebel group claimed responsibility for the ambush on Monday.", "01"),
        ("Chilean officials attended a memorial ceremony in Lima on Monday.", "01"),
        ("Canada returned three stolen paintings to Mexico on Monday.", "08"),
        ("Thai troops remained on alert on Monday along the border.", "15"),
        ("Dutch peacekeepers arrived in Juba on Monday.", "07"),
    ],
)
def test_statements_returns_and_alerts(top, text, root):
    """CAMEO 012/013 (doubt or hope stated), 014 (weighing an option), 015 (claiming responsibility),
    017 (a symbolic act), 0842 (returning property), 154 (raised alert) and 074 (peacekeepers)."""
    event = top(text)
    assert event is not None and event["cameo_root"] == root


def test_a_hardship_under_must_is_no_demand(top):
    event = top("Refugees must walk ten kilometres to get water, the UN said.")
    assert event is None or event["plover_type"] != "REQUEST", event


def test_the_subject_of_a_verb_after_a_preposition(top):
    event = top("Nepalese students resorted to throwing stones at the police in Kathmandu.")
    assert event is not None and event["actor1"]["country"] == "NPL", event


def test_a_protest_in_a_place_after_a_comma_is_still_a_protest(top):
    event = top("Thousands marched in Belgrade, and students protested in Novi Sad.")
    assert event is not None and event["plover_type"] == "PROTEST", event


def test_a_person_ordered_to_act_is_a_demand(top):
    event = top("A Chilean judge ordered former minister Pablo Rojas to appear for questioning.")
    assert event is not None and event["plover_type"] == "REQUEST", event
    assert event["actor1"]["country"] == "CHL", event


def test_troops_ordered_to_move_are_no_demand(top):
    event = top("The president ordered troops to withdraw from the border.")
    assert event is None or event["plover_type"] != "REQUEST", event


def test_a_hardship_under_must_beside_a_threat_codes_without_error(tmp_path, nlp):
    # an obligation dropped as no demand must not break the threat's target lookup in the same sentence
    pipe = Pipeline(gazetteer=tiny_gazetteer(tmp_path))
    text = (
        "Officials said villagers must walk ten kilometres for water and warned they would cut supplies "
        "to Kabul if the fighting continued."
    )
    pipe.analyse(Article(id="t", text=text, published=dt.date(2020, 1, 1)))


@pytest.fixture(scope="module")
def first(tmp_path_factory, nlp):
    """The top event by confidence, hypothetical ones included (a conditional offer is still an offer)."""
    pipe = Pipeline(gazetteer=tiny_gazetteer(tmp_path_factory.mktemp("gaz")))

    def run(text: str) -> dict | None:
        events = [
            e.record() for e in pipe.analyse(Article(id="t", text=text, published=dt.date(2020, 1, 1))).events
        ]
        return max(events, key=lambda e: e["confidence"]) if events else None

    return run


@pytest.mark.parametrize(
    ("text", "plover", "mode"),
    [
        # a state of readiness whose subject the parser hung on "is"
        ("The minister said Chile is committed to opening its markets.", "AGREE", None),
        # a conditional offer is an offer; a conditional act that coerces is a threat
        ("Rebel leaders said on Monday they would meet the mediator if he gave them a veto.", "AGREE", None),
        (
            "Chile may halt mediation between the two sides if the fighting goes on, the minister said.",
            "THREATEN",
            "relations",
        ),
        # the speaker of "was quoted as saying"
        ("The king of Jordan was quoted as saying he would be ready to host a meeting.", "AGREE", None),
        # defending someone against criticism is support
        ("Peru defended Bolivia on Monday against criticism of its mining policy.", "SUPPORT", None),
        # "the wounded" is no wounding; evacuating them is humanitarian aid
        ("U.N. helicopters evacuated the wounded from the town on Monday.", "AID", "humanitarian"),
        # peacekeepers arriving (named through "a deployment of") and shipped out
        (
            "The first deployment of NATO peacekeeping troops arrived in Bosnia on Monday.",
            "AID",
            "peacekeeping",
        ),
        ("Eighty UN peacekeepers were shipped out of the enclave on Monday.", "SANCTION", "withdraw"),
        # "out of" read as a preposition still makes "forced ... out" an expulsion
        ("Chile forced the UN refugee agency out of the country on Monday.", "SANCTION", "expel"),
        # "placed under house arrest", "put under investigation"
        ("Police placed the opposition leader under house arrest on Monday.", "COERCE", "arrest"),
    ],
)
def test_offers_conditions_and_phrasal_acts(first, text, plover, mode):
    event = first(text)
    assert event is not None and event["plover_type"] == plover
    if mode is not None:
        assert event["plover_mode"] == mode


def test_a_prediction_about_another_side_is_no_threat_of_its_own(first):
    event = first("Israeli officials said Hamas could attack if the blockade continued.")
    assert event is None or event["plover_type"] != "THREATEN" or event["hypothetical"]


@pytest.mark.parametrize(
    ("text", "plover", "mode"),
    [
        ("The army warned that it would attack rebel positions.", "THREATEN", "violence"),
        ("Chile warned that it would impose sanctions on Peru.", "THREATEN", "restrict"),
    ],
)
def test_a_warning_of_ones_own_act_is_a_threat(top, text, plover, mode):
    event = top(text)
    assert event is not None and event["plover_type"] == plover and event["plover_mode"] == mode


def test_a_warning_of_another_sides_act_is_no_threat_by_it(first):
    event = first("Officials warned that rebels would attack the town.")
    assert event is None or event["plover_type"] != "THREATEN"


@pytest.mark.model
def test_forces_readied_to_strike_mobilize(nlp):
    from palmyra.stages.actors import find_actors
    from palmyra.stages.events import find_event_mentions

    doc = nlp("The Macedonian army prepared to resume shelling rebel-held territory.")
    sent = next(iter(doc.sents))
    kinds = {(m.kind, m.hypothetical) for m in find_event_mentions(sent, find_actors(doc))}
    assert ("mobilize:ready", False) in kinds
    assert not any(k.split(":")[0] == "shelling" for k, _ in kinds)
