from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from palmyra.cli import main
from palmyra.errors import ResourceError
from palmyra.resources import geonames
from palmyra.resources.gazetteer import Gazetteer
from palmyra.resources.geonames import build_from_geonames, kept

FIXTURES = Path(__file__).parent.parent / "fixtures" / "geonames"
TABLE = FIXTURES / "allCountries-sample.txt"
ALTERNATES = FIXTURES / "alternateNames-sample.txt"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Gazetteer, dict[str, int]]:
    path = tmp_path_factory.mktemp("geonames") / "g.sqlite"
    counts = build_from_geonames(TABLE, path, alternate_names=ALTERNATES)
    return Gazetteer(path), counts


def test_keeps_places_areas_and_camps_and_counts_the_rest(built: tuple[Gazetteer, dict[str, int]]) -> None:
    gaz, counts = built
    assert gaz.feature_counts() == {
        "PCLI": 3,
        "ADM1": 2,
        "PPL": 2,
        "ADM2": 1,
        "CMPRF": 1,
        "PPLA": 1,
        "PPLC": 1,
    }
    # a mountain, a historical town and a river are not kept; two table lines and one
    # alternate-names line are malformed
    assert counts["skipped"] == 3
    assert counts["malformed"] == 3
    assert counts["places"] == 11
    assert not gaz.is_known("Jabal Bishri") and not gaz.is_known("Old Tadmur") and not gaz.is_known("Orontes")


def test_names_from_both_files(built: tuple[Gazetteer, dict[str, int]]) -> None:
    gaz, _ = built
    assert [c.name for c in gaz.lookup("Palmyra")] == ["Tadmur", "Palmyra"]  # alternate-names file
    assert [c.name for c in gaz.lookup("تدمر")] == ["Tadmur"]  # alternatenames column
    assert [c.name for c in gaz.lookup("Homs Province")] == ["Homs Governorate"]
    assert gaz.resolve("U.S.A.") == gaz.country("USA")  # abbr kept
    assert not gaz.is_known("10001")  # postal codes and links dropped
    assert not gaz.is_known("https://en.wikipedia.org/wiki/Palmyra")
    assert not gaz.is_known("Bishri Range")  # names of places not kept


def test_countries_codes_and_admin_parents(built: tuple[Gazetteer, dict[str, int]]) -> None:
    gaz, _ = built
    kosovo = gaz.country("XKX")  # ISO alpha-2 XK is not in pycountry
    assert kosovo is not None and kosovo.name == "Kosovo"
    palmyra_ny = gaz.resolve("Palmyra", context_countries={"USA": 1})
    assert palmyra_ny is not None and (palmyra_ny.admin1_code, palmyra_ny.admin2_code) == ("NY", "117")
    admin1, admin2 = gaz.admin_parents(palmyra_ny)
    assert admin1 is not None and admin1.name == "New York"
    assert admin2 is not None and admin2.name == "Wayne County"
    tadmur = gaz.resolve("Palmyra", context_countries={"SYR": 1})
    assert tadmur is not None and tadmur.name == "Tadmur"
    assert gaz.admin_parents(tadmur)[0] == gaz.resolve("Homs Province")
    assert gaz.meta["geonames_modified"] == "2024-01-15"
    assert "allCountries-sample.txt" in gaz.meta["sources"]


def test_min_population_applies_to_populated_places_only(tmp_path: Path) -> None:
    counts = build_from_geonames(TABLE, tmp_path / "g.sqlite", min_population=100_000)
    gaz = Gazetteer(tmp_path / "g.sqlite")
    assert counts["places"] == 9  # Tadmur and Palmyra, NY dropped; areas and the camp kept
    assert not gaz.is_known("Tadmur") and gaz.is_known("Homs") and gaz.is_known("Wayne County")


def test_reads_a_zip(tmp_path: Path) -> None:
    archive = tmp_path / "allCountries.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.write(TABLE, "allCountries.txt")
        zf.writestr("readme.txt", "GeoNames readme\n")
    seen: list[int] = []
    counts = build_from_geonames(archive, tmp_path / "g.sqlite", progress=seen.append)
    assert counts["places"] == 11
    assert sum(seen) == geonames.table_size(archive) == TABLE.stat().st_size


@pytest.mark.parametrize(
    ("feature", "population", "expected"),
    [
        (("P", "PPL"), 0, True),
        (("P", "PPLH"), 5_000, False),
        (("A", "ADM2"), 0, True),
        (("A", "ADM3"), 0, False),
        (("T", "MT"), 0, False),
        (("L", "RGN"), 0, True),
    ],
)
def test_kept(feature: tuple[str, str], population: int, expected: bool) -> None:
    assert kept(*feature, population) is expected


def test_bad_inputs_are_resource_errors(tmp_path: Path) -> None:
    with pytest.raises(ResourceError, match="absent.zip: file not found"):
        build_from_geonames(tmp_path / "absent.zip", tmp_path / "g.sqlite")
    with pytest.raises(ResourceError, match="not a GeoNames table"):
        build_from_geonames(ALTERNATES, tmp_path / "g.sqlite")  # 10 columns, not 19
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(ResourceError, match="empty.txt: not a GeoNames table"):
        build_from_geonames(empty, tmp_path / "g.sqlite")
    two = tmp_path / "two.zip"
    with zipfile.ZipFile(two, "w") as zf:
        zf.writestr("a.txt", "")
        zf.writestr("b.txt", "")
    with pytest.raises(ResourceError, match="expected one .txt table"):
        build_from_geonames(two, tmp_path / "g.sqlite")
    with pytest.raises(ResourceError, match="allCountries-sample.txt: not a GeoNames table"):
        build_from_geonames(TABLE, tmp_path / "g.sqlite", alternate_names=TABLE)  # 19 columns, not 10
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.txt", "two.zip"]  # no half-written index


def test_cli_build_and_info(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "g.sqlite"
    argv = ["gazetteer", "build", "--geonames", str(TABLE), "--alternate-names", str(ALTERNATES)]
    assert main([*argv, "-o", str(out), "--no-progress"]) == 0
    printed = capsys.readouterr().out
    assert "2 malformed lines" not in printed and "3 malformed lines skipped" in printed
    assert "ADM2" in printed and "schema_version: 2" in printed
    assert main(["gazetteer", "info", str(out)]) == 0
    assert "11 places" in capsys.readouterr().out
    assert Gazetteer(out).resolve("Homs Province") is not None


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["build", "--geonames", "{tmp}/absent.zip"], "absent.zip: file not found"),
        (["build", "--geonames", str(ALTERNATES)], "not a GeoNames table"),
        (["build", "--alternate-names", str(ALTERNATES)], "--alternate-names needs --geonames"),
        (["info", "{tmp}/absent.sqlite"], "absent.sqlite: gazetteer file not found"),
        (["info", str(TABLE)], "not a palmyra gazetteer"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    if argv[0] == "build":
        argv += ["-o", str(tmp_path / "g.sqlite")]
    assert main(["gazetteer", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.model
def test_geoparse_with_a_geonames_built_gazetteer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], nlp: object
) -> None:
    build_from_geonames(TABLE, tmp_path / "g.sqlite", alternate_names=ALTERNATES)
    article = tmp_path / "a.jsonl"
    text = "DAMASCUS (Reuters) - Government forces shelled Palmyra in Syria on Sunday, killing four people."
    article.write_text(json.dumps({"id": "a", "text": text, "published": "2016-03-27"}) + "\n")
    assert main(["geoparse", str(article), "--gazetteer", str(tmp_path / "g.sqlite")]) == 0
    row = json.loads(capsys.readouterr().out.splitlines()[0])
    assert {(p["name"], p["geonameid"]) for p in row["places"]} >= {("Tadmur", 163808), ("Syria", 163843)}
