from __future__ import annotations

import re
from pathlib import Path

import pytest

from palmyra.stages.actors import find_actors
from palmyra.stages.events import find_event_mentions, in_background_clause, load_ontology, load_triggers

PLOVER = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip
ACLED = {
    "Battles", "Protests", "Riots", "Explosions/Remote violence", "Violence against civilians",
    "Strategic developments",
}  # fmt: skip
VIOLENT = {
    "attack",
    "armed_clash",
    "airstrike",
    "shelling",
    "explosion",
    "destroy_property",
    "suicide_bomb",
    "territory",
    "abduction",
    "sexual_violence",
}


def _mentions(nlp, text, **kw):
    doc = nlp(text)
    actors = find_actors(doc, **kw)
    return [m for s in doc.sents for m in find_event_mentions(s, actors)]


def _kinds(ms):
    return [m.kind.split(":")[0] for m in ms]


def test_territory_roles(nlp):
    ms = _mentions(nlp, "Syrian troops recaptured the town from Islamic State on Sunday.")
    terr = [m for m in ms if m.kind.startswith("territory")]
    assert len(terr) == 1
    m = terr[0]
    assert m.actor1 is not None and m.actor1.actor.name == "Military Forces of Syria"
    assert m.actor2 is not None and m.actor2.actor.name == "Islamic State"


def test_retook_is_territory(nlp):
    ms = _mentions(nlp, "The Syrian army retook the town from Islamic State on Sunday.")
    assert "territory" in _kinds(ms)


def test_reject(nlp):
    ms = _mentions(nlp, "Rebel leaders dismissed the president's claims on Thursday.")
    assert "reject" in _kinds(ms)


def test_negated(nlp):
    ms = _mentions(nlp, "The rebels did not attack the base, a spokesman said.")
    att = [m for m in ms if m.kind.startswith("attack")]
    assert att and att[0].negated
    assert not att[0].hypothetical


@pytest.mark.parametrize(
    "text",
    [
        "The militants threatened to attack the city's airport.",
        "The rebels would attack the garrison if talks failed.",
        "Two men threatened to do a drive-by shooting at the club, police said.",
        "The rebels said they were committed to attacking the garrison.",
    ],
)
def test_hypothetical(nlp, text):
    ms = _mentions(nlp, text)
    att = [m for m in ms if m.kind.startswith("attack")]
    assert att and att[0].hypothetical


def test_plain_attack_is_real(nlp):
    ms = _mentions(nlp, "Gunmen attacked a police station in the north on Monday.")
    att = [m for m in ms if m.kind.startswith("attack")]
    assert att and not att[0].negated and not att[0].hypothetical


def test_killing_folded_into_airstrike(nlp):
    text = "Russian warplanes carried out strikes on rebel positions near the city, killing 30 fighters."
    ms = _mentions(nlp, text)
    violent = [m for m in ms if m.kind.split(":")[0] in VIOLENT]
    assert len(violent) == 1
    assert violent[0].kind.startswith("airstrike")
    assert len(violent[0].folded) == 1
    assert violent[0].folded[0].lemma_ == "kill"


def test_ceasefire_holding_is_not_violent(nlp):
    ms = _mentions(nlp, "A ceasefire between the government and the rebels continued to hold on Saturday.")
    assert not [m for m in ms if m.kind.split(":")[0] in VIOLENT]


def _kinds_in(name):
    path = Path(__file__).resolve().parents[2] / "palmyra" / "resources" / name
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ln.split("\t") for ln in lines if ln.strip() and ln[0] != "#"]


def test_every_trigger_kind_is_in_ontology():
    ontology = load_ontology()
    for cols in _kinds_in("triggers.tsv"):
        kind = cols[3]
        assert kind.split(":")[0] in ontology.rows, kind
    assert load_triggers()


def test_ontology_codes():
    ontology = load_ontology()
    assert ontology.rows
    for kind, c in ontology.rows.items():
        assert re.fullmatch(r"\d\d", c.cameo_root), (kind, c.cameo_root)
        assert 1 <= int(c.cameo_root) <= 20, (kind, c.cameo_root)
        assert c.plover_type in PLOVER, (kind, c.plover_type)
        assert c.acled_event_type is None or c.acled_event_type in ACLED, (kind, c.acled_event_type)


def test_ontology_code_variant():
    ontology = load_ontology()
    key, coding = ontology.code("territory", "state")
    assert key == "territory:state"
    assert coding.acled_sub_event_type == "Government regains territory"
    key, _ = ontology.code("airstrike", "nonexistent")
    assert key == "airstrike"
    with pytest.raises(KeyError):
        ontology.code("no_such_kind")


def test_fronted_participle_is_background(nlp):
    ms = _mentions(nlp, "Rebuked by Chile, Peru agreed on Monday to reopen the border crossing.")
    assert "accuse" not in _kinds(ms)
    assert "agree" in _kinds(ms)


def test_about_to_act_has_not_happened(nlp):
    ms = _mentions(nlp, "Peru is about to restore full diplomatic ties with Fiji, an official said.")
    assert [m.hypothetical for m in ms if m.kind.startswith("support")] == [True]


def test_a_claim_in_a_following_sentence_names_the_attacker(nlp):
    doc = nlp("A roadside bomb hit an army truck near the border on Monday. Boko Haram claimed the attack.")
    actors = find_actors(doc)
    first = next(iter(doc.sents))
    mentions = find_event_mentions(first, actors)
    assert mentions and mentions[0].actor1 is not None and mentions[0].actor1.actor.name == "Boko Haram"


def test_a_denied_claim_names_no_attacker(nlp):
    doc = nlp("A roadside bomb hit an army truck near the border on Monday. Boko Haram did not claim it.")
    actors = find_actors(doc)
    mentions = find_event_mentions(next(iter(doc.sents)), actors)
    assert all(m.actor1 is None for m in mentions)


@pytest.mark.parametrize(
    ("text", "trigger", "background"),
    [
        ("Russia said Sudan must return a helicopter that was captured last week.", "captured", True),
        ("Russia said Sudan must return a helicopter that was captured last week.", "return", False),
        ("Shevardnadze resigned as the opposition threatened to storm his residence.", "threatened", True),
        ("Shevardnadze resigned as the opposition threatened to storm his residence.", "resigned", False),
        ("The Serbs demanded a truce before allowing aid convoys into the town.", "allowing", True),
        ("The Serbs demanded a truce before allowing aid convoys into the town.", "demanded", False),
    ],
)
def test_background_clause(nlp, text, trigger, background):
    tok = next(t for t in nlp(text) if t.text == trigger)
    assert in_background_clause(tok) is background
