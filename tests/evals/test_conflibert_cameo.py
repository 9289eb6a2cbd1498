from __future__ import annotations

from pathlib import Path

import pytest

from palmyra.evals import conflibert_cameo as C
from palmyra.types import Actor, Event, Evidence

FIX = Path(__file__).parent.parent / "fixtures" / "evals"


def actor(start, end):
    return Actor(text="x", name="x", country=None, sector=None, acled_inter=None, start=start, end=end)


def ev(root, a1=None, a2=None, conf=0.6):
    return Event(
        event_id="e", article_ids=("x",), event_date=None, date_precision=None, plover_type="ASSAULT",
        plover_mode=None, cameo_root=root, acled_event_type=None, acled_sub_event_type=None,
        actor1=a1, actor2=a2, confidence=conf, evidence=(Evidence("x", "", 0, 3),),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("root", "cls"), [("01", "0"), ("02", "0"), ("03", "1"), ("05", "1"), ("08", "2"), ("09", "3"),
                      ("13", "3"), ("14", "4"), ("16", "3"), ("17", "4"), ("20", "4"), (None, "none")],
)  # fmt: skip
def test_root_class(root, cls):
    assert C.root_class(root) == cls


def test_parse_and_classify():
    rows = C.parse_classes((FIX / "conflibert_class.tsv").read_text())
    assert rows[1] == ("Arnor agreed to talks with Gondor.", "1")
    s = C.score_classes(rows, {"c1": [ev("03")], "c2": [ev("19", conf=0.9)]})
    assert s.accuracy() == pytest.approx(2 / 3)
    pc = s.per_class()
    assert pc["0"][:3] == (0.0, 0.0, 0.0)  # the statement got no event
    assert pc["1"][2] == 1.0 and pc["4"][2] == 1.0
    assert s.macro_f1() == pytest.approx(2 / 5)
    assert s.macro_f1(none_as="0") == pytest.approx(3 / 5)
    assert s.reliability.right[">= 0.8"] == 1


def test_ner_parsing_and_spans():
    sents = C.parse_ner((FIX / "conflibert_ner.txt").read_text())
    assert len(sents) == 2
    assert C.gold_spans(sents[0].tags) == {("S", 0, 1), ("T", 2, 3)}
    assert C.gold_spans(sents[1].tags) == {("S", 0, 1), ("R", 1, 2)}  # stray I- starts a span
    text, offsets = C.detokenize(sents[1].tokens)
    assert text == "The kings met (again)"
    assert offsets[1] == (4, 9)


def test_span_scores():
    sents = C.parse_ner((FIX / "conflibert_ner.txt").read_text())
    texts = [C.detokenize(s.tokens) for s in sents]
    # sentence 0: "Arnor attacked Gondor." -> source right, target given the wrong span
    # sentence 1: "The kings ..." -> "kings" as a target matches the reciprocal span
    events = {"n0": [ev("19", actor(0, 5), actor(6, 14))], "n1": [ev("04", None, actor(4, 9))]}
    s = C.score_spans(sents, events, texts)
    assert s.exact == [2, 3, 4]
    assert s.overlap == [2, 3, 4]
    assert C.prf(*s.exact)[2] == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))


def test_overlap_is_looser_than_exact():
    gold = {("S", 0, 3)}
    assert C.span_counts(gold, {("S", 1, 2)}, overlap=False)[0] == 0
    assert C.span_counts(gold, {("S", 1, 2)}, overlap=True)[0] == 1
    assert C.span_counts(gold, {("T", 0, 3)}, overlap=True)[0] == 0  # wrong role
