from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from palmyra.resources.cameo_dict import (
    is_cameo_file,
    load_actor_files,
    parse_cameo_dictionary,
    split_code,
)

FIX = Path(__file__).parent.parent / "fixtures" / "evals"


def _entries(name: str) -> dict:
    d = parse_cameo_dictionary((FIX / name).read_text(), origin=name)
    assert d.problems == ()
    return {e.names[0]: e for e in d.entries}


def test_actor_names_synonyms_and_comments():
    es = _entries("actors.txt")
    assert set(es) == {
        "ARNOR", "GONDOR", "GOLLUM", "SAM GAMGEE", "LORIEN", "BOROMIR", "EUROPEAN UNION", "HAMAS",
    }  # fmt: skip
    assert es["GONDOR"].names == ("GONDOR", "MINAS TIRITH")
    assert es["ARNOR"].exact[0] is True and es["GONDOR"].exact[0] is False
    assert es["GONDOR"].code_on() == "GON"
    assert [c.code for c in es["LORIEN"].codes] == ["ELR", "GAL"]


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (dt.date(1995, 5, 31), "HOB"),
        (dt.date(1995, 6, 1), "HOBGOV"),
        (dt.date(1999, 8, 15), "HOBGOV"),
        (dt.date(1999, 8, 16), None),  # the gap between the restrictions
        (dt.date(1999, 8, 17), "HOBREB"),
    ],
)
def test_date_restricted_codes(day, code):
    assert _entries("actors.txt")["GOLLUM"].code_on(day) == code


def test_first_restriction_wins_and_default_code():
    sam = _entries("actors.txt")["SAM GAMGEE"]
    assert sam.code_on(dt.date(2010, 1, 10)) == "ORCHOB"  # listed first, overrides HOBMIL
    assert sam.code_on(dt.date(2011, 1, 1)) == "HOBMIL"
    assert sam.code_on(dt.date(2020, 1, 1)) == "HOB"
    assert sam.code_on(None) == "HOB"
    assert _entries("actors.txt")["GOLLUM"].code_on(None) == "HOBREB"  # latest period


def test_agents_plurals_and_substitutions():
    es = _entries("agents.txt")
    assert all(e.agent for e in es.values())
    assert es["CONGRESSMAN"].names == ("CONGRESSMAN", "CONGRESSMEN", "CONGRESSWOMAN", "CONGRESSWOMEN")
    assert es["ATTORNEY GENERAL"].names == ("ATTORNEY GENERAL", "ATTORNEYS GENERAL")
    assert es["FOREIGN MINISTER"].names == ("FOREIGN MINISTER", "FOREIGN MINISTERS")
    assert es["PRESS"].names == ("PRESS",)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("ARN", ("ARN", None)),
        ("ARNGOV", ("ARN", "GOV")),
        ("PSEREBHMS", ("PSE", "REB")),
        ("GONGMOOPP", ("GON", "OPP")),
        ("IGOEEU", (None, "IGO")),
        ("---GOV", (None, "GOV")),
        ("---", (None, None)),
        ('"INJURY TOLL"', (None, None)),
        ("MORORC", ("MOR", None)),
    ],
)
def test_split_code(code, expected):
    assert split_code(code) == expected


def test_problems_reported_with_lines():
    d = parse_cameo_dictionary((FIX / "bad_actors.txt").read_text())
    lines = {n for n, _ in d.problems}
    assert 1 in lines  # unclosed [
    assert 4 in lines  # unreadable date restriction
    assert any("ROHAN" in m and "no [CODE]" in m for _, m in d.problems)


def test_is_cameo_file(tmp_path):
    assert is_cameo_file(FIX / "actors.txt")
    tsv = tmp_path / "mine.txt"
    tsv.write_text("Arnor Army\tArnor Army\tARN\tMIL\t1\tmilitary\t\n")
    assert not is_cameo_file(tsv)


def test_merged_lexicon_maps_codes_to_country_and_sector():
    lex = load_actor_files([FIX / "actors.txt", FIX / "agents.txt"], as_of=dt.date(1996, 1, 1))
    by_alias = {a.lower(): lex.entries[i] for a, i, _ in lex.aliases}
    assert (by_alias["gondor"].country, by_alias["gondor"].sector) == ("GON", None)
    assert by_alias["minas tirith"].name == "Gondor"
    assert (by_alias["smeagol"].country, by_alias["smeagol"].sector) == ("HOB", "GOV")
    assert (by_alias["hamas"].country, by_alias["hamas"].sector) == (
        "PSE",
        "REB",
    )  # overrides the bundled Hamas
    assert [i for a, i, _ in lex.aliases if a.lower() == "hamas"] == [lex.entries.index(by_alias["hamas"])]
    assert (by_alias["european union"].country, by_alias["european union"].sector) == (None, "IGO")
    assert (by_alias["attorneys general"].country, by_alias["attorneys general"].sector) == (None, "GOV")
    assert "government" not in by_alias  # palmyra composes "Arnor's government" itself
    assert "foreign ministers" not in by_alias  # and "Arnor's foreign minister"
    assert lex.countries.lookup("Arnor's") == "ARN"
    assert lex.entry_for("Islamic State") is not None  # the bundled lexicon is still there


def test_palmyra_tsv_plugin(tmp_path):
    f = tmp_path / "extra.tsv"
    f.write_text("# mine\nArnor Rangers\tRangers of the North\tARN\tREB\t2\tarmed_group\t\n")
    lex = load_actor_files([f])
    e = next(lex.entries[i] for a, i, _ in lex.aliases if a == "Rangers of the North")
    assert (e.name, e.country, e.sector) == ("Arnor Rangers", "ARN", "REB")


def test_actors_found_in_text(nlp):
    from palmyra.stages.actors import find_actors

    lex = load_actor_files([FIX / "actors.txt"], as_of=dt.date(1996, 1, 1))
    ms = find_actors(nlp("Smeagol met envoys from Minas Tirith on Monday."), lexicon=lex)
    got = {(m.actor.text, m.actor.country, m.actor.sector) for m in ms}
    assert ("Smeagol", "HOB", "GOV") in got
    assert ("Minas Tirith", "GON", None) in got
