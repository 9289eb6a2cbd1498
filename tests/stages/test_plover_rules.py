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
