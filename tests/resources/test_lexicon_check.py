from __future__ import annotations

from pathlib import Path

from palmyra.resources.lexicon_check import (
    check_bundled,
    check_file,
    check_ontology,
    check_text,
    check_triggers,
)

FIX = Path(__file__).parent.parent / "fixtures" / "evals"


def _msgs(problems):
    return [(p.line, p.message) for p in problems]


def test_bundled_files_pass():
    assert [str(p) for p in check_bundled()] == []


def test_good_cameo_dictionaries_pass():
    assert check_file(FIX / "actors.txt") == []
    assert check_file(FIX / "agents.txt") == []


def test_bad_actors_tsv():
    got = _msgs(check_file(FIX / "bad_actors.tsv"))
    assert (2, "unknown country 'XXY' (not an ISO 3166-1 alpha-3 code)") in got
    assert (3, "unknown sector 'WIZ'") in got
    assert (3, "acled_inter must be 1-8 or -, got '9'") in got
    assert (3, "unknown source_type 'soldiers'") in got
    assert (3, "alias 'Rangers' also names 'Arnor Army' (line 2)") in got
    assert (4, "expected 6-7 tab-separated columns, got 3") in got
    assert str(check_file(FIX / "bad_actors.tsv")[0]).startswith(str(FIX / "bad_actors.tsv") + ":2: ")


def test_bad_ontology():
    got = _msgs(check_ontology((FIX / "ontology_bad.tsv").read_text(), "o.tsv"))
    assert (3, "kind 'hit' already defined on line 2") in got
    assert (3, "unknown PLOVER type 'SMACK'") in got
    assert (3, "CAMEO root must be 01-20, got '25'") in got
    assert (3, "'Air/drone strike' is not an ACLED sub-event type of 'Battles'") in got
    assert all(line != 4 for line, _ in got)  # a meeting outside ACLED's scope is fine


def test_bad_triggers_against_an_ontology():
    kinds = {"airstrike", "shelling"}
    got = _msgs(check_triggers((FIX / "triggers_bad.tsv").read_text(), "t.tsv", kinds=kinds))
    assert (3, "strike VERB * already means 'airstrike' (line 2)") in got
    assert (4, "pos must be VERB or NOUN, got 'ADJ'") in got
    assert (4, "kind 'bonking' is not in the ontology") in got
    assert (5, "expected 4 tab-separated columns, got 2") in got


def test_check_chosen_by_name_and_json():
    assert check_text('{"kill_verbs": ["kill"], "x_about": "..."}', "fatality_terms.json") == []
    assert check_text("{not json", "f.json")[0].message.startswith("not valid JSON")
    assert check_text("U.S.\tUSA\nUS\tGBR\nUS\tUSA\n", "country_aliases.tsv")[0].message == (
        "alias 'US' also means GBR (line 2)"
    )


def test_cli(capsys):
    from palmyra.cli import main

    assert main(["lexicon", "check"]) == 0
    assert "OK" in capsys.readouterr().out
    assert main(["lexicon", "check", str(FIX / "bad_actors.txt")]) == 1
    out = capsys.readouterr().out
    assert f"{FIX / 'bad_actors.txt'}:4: cannot read code [XYZ 1995]" in out
    assert out.strip().splitlines()[-1].startswith("lexicon check: 4 problem(s)")
