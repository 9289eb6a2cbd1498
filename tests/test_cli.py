from __future__ import annotations

import json

import pytest

from palmyra.cli import main

from .helpers import ARTICLE_TEXT, tiny_gazetteer

pytestmark = pytest.mark.model


@pytest.fixture()
def gaz(tmp_path):
    return str(tiny_gazetteer(tmp_path).path)


def test_extract_writes_events_and_exits_0(tmp_path, gaz, capsys, nlp):
    src = tmp_path / "kunduz.jsonl"
    src.write_text(json.dumps({"id": "k", "text": ARTICLE_TEXT, "published": "2021-06-13"}) + "\n")
    out = tmp_path / "events.jsonl"
    assert main(["extract", str(src), "--gazetteer", gaz, "-o", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows and all(r["article_ids"] == ["k"] for r in rows)


def test_missing_file_is_reported_and_the_rest_processed(tmp_path, gaz, capsys, nlp):
    good = tmp_path / "good.txt"
    good.write_text("Troops retake Kunduz\n\n" + ARTICLE_TEXT)
    code = main(
        ["extract", str(tmp_path / "nope.txt"), str(good), "--gazetteer", gaz, "--published", "2021-06-13"]
    )
    captured = capsys.readouterr()
    assert code == 1
    assert "nope.txt" in captured.err and "no such file" in captured.err
    assert "Traceback" not in captured.err
    assert captured.out.strip()  # the good file still produced events


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty article"), (b"Title\n\nCaf\xe9 bombing kills two\n", "not UTF-8")],
)
def test_unreadable_inputs_get_one_line_errors(tmp_path, gaz, capsys, content, reason, nlp):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    assert main(["extract", str(bad), "--gazetteer", gaz]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "bad.txt" in err[0] and reason in err[0]


def test_bad_published_date_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["extract", "x.txt", "--published", "last tuesday"])
    assert exc.value.code == 2
    assert "not an ISO date" in capsys.readouterr().err


def test_unknown_model_is_a_clear_setup_error(tmp_path, gaz, capsys):
    f = tmp_path / "a.txt"
    f.write_text("T\n\nTroops attacked the town.\n")
    assert main(["extract", str(f), "--model", "no_such_pipeline_xyz", "--gazetteer", gaz]) == 2
    assert "no_such_pipeline_xyz" in capsys.readouterr().err


def test_geoparse_lists_places_and_marks_the_dateline(tmp_path, gaz, capsys, nlp):
    src = tmp_path / "k.jsonl"
    src.write_text(json.dumps({"id": "k", "text": ARTICLE_TEXT, "published": "2021-06-13"}) + "\n")
    assert main(["geoparse", str(src), "--gazetteer", gaz]) == 0
    row = json.loads(capsys.readouterr().out.splitlines()[0])
    names = {p["name"] for p in row["places"]}
    assert {"Kabul", "Kunduz"} <= names
    assert any(p["dateline"] and p["name"] == "Kabul" for p in row["places"])
    assert row["event_locations"] and all(loc["name"] != "Kabul" for loc in row["event_locations"])
