"""The geoparsing scorer's readers, matcher and metrics, on hand-written snippets."""

from __future__ import annotations

import json
import math
import zipfile
from pathlib import Path

import pytest

from palmyra.evals._geodata import (
    MAX_ERROR_KM,
    Mention,
    Scores,
    auc,
    haversine_km,
    match,
    read_geovirus,
    read_lgl,
    read_system_output,
    realign,
    score,
)
from palmyra.evals.geoparse import ErrorKinds, EventCase, halterman_case, location_right, read_halterman

FIXTURES = Path(__file__).parent.parent / "fixtures" / "geoparse"


def test_read_lgl_realigns_drifted_spans_and_keeps_unresolved_mentions():
    docs = read_lgl(FIXTURES / "lgl_tiny.xml")
    assert [d.id for d in docs] == ["1", "2"]
    first = docs[0]
    assert first.title == "Fire in Alexandria" and first.published == "2009-03-20"
    assert first.url == "http://www.thetowntalk.com/article/20090320/NEWS01/90320003" and docs[1].url is None
    assert [m.geonameid for m in first.places] == [4314550, 4338356, None]
    for m in first.places + docs[1].places:
        assert first.text[m.start : m.end] == m.text or docs[1].text[m.start : m.end] == m.text
    pineville = first.places[2]
    assert (pineville.start, pineville.has_point) == (50, False)
    assert docs[1].places[0].start == 11  # given as 14: moved onto "Ohio"


def test_read_geovirus_shifts_offsets_one_left():
    (doc,) = read_geovirus(FIXTURES / "geovirus_tiny.xml")
    assert [(m.text, m.start, m.end) for m in doc.places] == [("Pandi", 15, 20), ("Bulacan", 22, 29)]
    assert doc.places[0].lat == pytest.approx(14.87)


def test_read_system_output_drops_duplicates_and_reads_null_points():
    lines = read_system_output(FIXTURES / "lgl_tiny_system.txt")
    assert [m.text for m in lines[0]] == ["Alexandria", "Rapides", "1935", "Pineville"]
    assert not lines[0][2].has_point
    assert lines[1][0].text == "Ohio"


def test_realign_moves_only_to_a_near_occurrence():
    text = "a Homs b Homs"
    assert realign(text, "Homs", 2) == 2
    assert realign(text, "Homs", 4) == 2
    assert realign(text, "Homs", 11) == 9
    assert realign(text, "Aleppo", 4) == 4
    assert realign("x" * 100 + "Homs", "Homs", 0, window=20) == 0


def test_overlap_rule_matches_partial_spans_and_ignores_unresolved_gold():
    docs = read_lgl(FIXTURES / "lgl_tiny.xml")
    system = read_system_output(FIXTURES / "lgl_tiny_system.txt")
    m = match(list(docs[0].places), system[0])
    assert [(g.text, p.text) for g, p in m.pairs] == [
        ("Alexandria", "Alexandria"),
        ("Rapides Parish", "Rapides"),
    ]
    assert [p.text for p in m.false] == [
        "1935"
    ]  # Pineville matched a gold mention without a point: not false
    assert m.missed == []
    m2 = match(list(docs[1].places), system[1])  # drifted by 5: same surface, centres close
    assert len(m2.pairs) == 1


def test_gritta_rule_needs_the_same_surface_and_counts_unresolved_gold_as_false():
    docs = read_lgl(FIXTURES / "lgl_tiny.xml")
    system = read_system_output(FIXTURES / "lgl_tiny_system.txt")
    m = match(list(docs[0].places), system[0], rule="gritta")
    assert [g.text for g, _ in m.pairs] == ["Alexandria"]
    assert [g.text for g in m.missed] == ["Rapides Parish"]
    assert sorted(p.text for p in m.false) == ["1935", "Pineville", "Rapides"]


def test_surface_rule_ignores_offsets():
    gold = [Mention("Ohio", 11, 15, 40.0, -83.0)]
    assert len(match(gold, [Mention("Ohio", 500, 504, 40.0, -83.0)], rule="surface").pairs) == 1


def test_match_is_one_to_one():
    gold = [Mention("Homs", 0, 4, 34.7, 36.7), Mention("Homs", 10, 14, 34.7, 36.7)]
    m = match(gold, [Mention("Homs", 0, 4, 34.7, 36.7)])
    assert len(m.pairs) == 1 and len(m.missed) == 1


def test_haversine_and_auc():
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.19, abs=0.1)
    assert auc([0.0, 0.0, 0.0]) == 0.0
    assert auc([MAX_ERROR_KM - 1] * 4) == pytest.approx(1.0)
    # trapezoid over sorted ln(1 + km): (0 + ln 11)/2 + (ln 11 + ln 101)/2 over 2 steps
    expected = ((math.log(11)) / 2 + (math.log(11) + math.log(101)) / 2) / (2 * math.log(MAX_ERROR_KM))
    assert auc([100.0, 0.0, 10.0]) == pytest.approx(expected)
    assert auc([]) is None


def test_scores_from_a_small_system():
    docs = read_lgl(FIXTURES / "lgl_tiny.xml")
    s = score([list(d.places) for d in docs], read_system_output(FIXTURES / "lgl_tiny_system.txt"))
    assert (s.tp, s.fp, s.fn) == (3, 1, 0)
    assert s.precision == pytest.approx(0.75) and s.recall == 1.0
    assert s.f1 == pytest.approx(2 * 0.75 / 1.75)
    assert len(s.errors) == 3 and s.acc161 == 1.0
    assert s.median_km is not None and s.median_km < 30
    assert Scores().acc161 is None and Scores().f1 is None


def test_halterman_cases_and_rule(tmp_path):
    records = [json.loads(line) for line in (FIXTURES / "halterman_tiny.jsonl").read_text().splitlines()]
    (tmp_path / "gold_RELABEL_subset.jsonl").write_text((FIXTURES / "halterman_tiny.jsonl").read_text())
    cases = read_halterman(tmp_path)
    assert cases == [halterman_case(r) for r in records]
    a, b = cases
    assert a == EventCase("a", "Rebels attacked Homs on Monday.", (7, 15), (16, 20))
    assert b.place is None
    homs = Mention("Homs", 16, 20, 34.7, 36.7)
    damascus = Mention("Damascus", 37, 45, 33.5, 36.3)
    assert location_right(a, homs) and not location_right(a, None) and not location_right(a, damascus)
    assert location_right(b, None) and not location_right(b, damascus)


def test_halterman_spans_come_from_tokens_in_the_archive(tmp_path):
    text = "Supporters demonstrated in Rome on Saturday."
    words = text.replace(".", " .").split()
    tokens, at = [], 0
    for i, w in enumerate(words):
        at = text.index(w, at)
        tokens.append({"text": w, "start": at, "end": at + len(w), "id": i})
        at += len(w)
    record = {
        "_id": 7,
        "source": "RELABEL",
        "text": text,
        "tokens": tokens,
        "spans": [
            {"start": 11, "end": 23, "token_start": 1, "token_end": 1, "label": "VERB"},
            {"start": 3, "end": 3, "token_start": 3, "token_end": 3, "label": "LOCATION"},  # broken chars
        ],
    }
    other = {**record, "source": "AP"}
    with zipfile.ZipFile(tmp_path / "labeled_text.jsonl.zip", "w") as z:
        z.writestr("labeled_text.jsonl", json.dumps([record, other]))
    (case,) = read_halterman(tmp_path)
    assert text[case.place[0] : case.place[1]] == "Rome"
    assert text[case.verb[0] : case.verb[1]] == "demonstrated"


class _Known:
    def is_known(self, name):
        return name in ("Paris", "Athens")


def test_error_kinds_count_same_place_at_another_point_and_misses_the_gazetteer_knows():
    gold = [
        Mention("Canada", 0, 6, 60.1, -113.6, 6251999),  # ours: Canada, at another point
        Mention("Paris", 10, 15, 33.66, -95.56, 4717560),  # ours: Paris, France
        Mention("Athens", 20, 26, 34.8, -86.97, 4830198),  # missed, a known name
        Mention("Smallville", 30, 40, 40.0, -90.0),  # missed, unknown
        Mention("Ohio", 50, 54, 40.25, -83.0),  # right, no id
    ]
    ours = [
        Mention("Canada", 0, 6, 60.0, -95.0, 6251999),
        Mention("Paris", 10, 15, 48.85, 2.35, 2988507),
        Mention("Ohio", 50, 54, 40.4, -82.5),
        Mention("Mayor", 60, 65, 1.0, 1.0),
    ]
    kinds = ErrorKinds()
    kinds.add(match(gold, ours), _Known())
    assert (kinds.far, kinds.far_with_ids, kinds.far_same_place) == (2, 2, 1)
    assert (kinds.missed, kinds.missed_known, kinds.false) == (2, 1, 1)
    assert "1 of 2 with a gold id" in kinds.line()
