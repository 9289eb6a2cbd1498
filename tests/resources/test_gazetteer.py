from __future__ import annotations

import math
import pickle
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from palmyra.errors import ResourceError
from palmyra.resources import gazetteer as gz
from palmyra.resources.gazetteer import Candidate, Gazetteer, normalise

SYRIA = Candidate(163843, "Syria", 35.0, 38.0, "SYR", None, "PCLI", 16_906_283)
USA = Candidate(6252001, "United States", 38.0, -97.0, "USA", None, "PCLI", 327_167_434)
UK = Candidate(2635167, "United Kingdom", 54.0, -2.0, "GBR", None, "PCLI", 66_488_991)
BRAZIL = Candidate(3469034, "Brazil", -10.0, -55.0, "BRA", None, "PCLI", 209_469_333)
TADMUR = Candidate(163808, "Tadmur", 34.5624, 38.28402, "SYR", "11", "PPL", 51_015)
PALMYRA_NY = Candidate(5130441, "Palmyra", 43.06395, -77.23332, "USA", "NY", "PPL", 3_413)
PALMYRA_NJ = Candidate(4503136, "Palmyra", 40.00706, -75.02823, "USA", "NJ", "PPL", 7_451)
SANTOS_DUMONT = Candidate(3449427, "Santos Dumont", -21.45667, -43.5525, "BRA", "15", "PPL", 42_406)
DAMASCUS = Candidate(170654, "Damascus", 33.5102, 36.29128, "SYR", "13", "PPLC", 1_569_394)
DAMASCUS_MD = Candidate(4354265, "Damascus", 39.28844, -77.20387, "USA", "MD", "PPL", 15_257)
US_TOWN = Candidate(2971041, "Us", 49.1, 1.97, "FRA", "11", "PPL", 1_248)
UK_TOWN = Candidate(1488429, "Uk", 55.08, 98.86, "RUS", "31", "PPL", 2_342)
PLACES = [SYRIA, USA, UK, BRAZIL, TADMUR, PALMYRA_NY, PALMYRA_NJ, SANTOS_DUMONT]
PLACES += [DAMASCUS, DAMASCUS_MD, US_TOWN, UK_TOWN]
ALIASES = [
    ("Palmyra", 163808),  # Tadmur
    ("Tadmor", 163808),
    ("Palmyra", 3449427),  # Santos Dumont
    ("U.S.", 6252001),
    ("US", 6252001),
    ("UK", 2635167),
    ("Britain", 2635167),
]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    path = tmp_path_factory.mktemp("gazetteer") / "tiny.sqlite"
    return Gazetteer.from_rows(PLACES, ALIASES, path)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("U.S.", "us"),
        ("the U.S.", "us"),
        ("The United  States ", "united states"),
        ("Ḩimş", "hims"),
        ("Saint-Étienne", "saint etienne"),
        ("Deir ez-Zor", "deir ez zor"),
        ("Côte d'Ivoire", "cote divoire"),
        ("Łódź", "lodz"),
        ("Washington, D.C.", "washington dc"),
        ("São Paulo", "sao paulo"),
        ("...", ""),
    ],
)
def test_normalise(name: str, key: str) -> None:
    assert normalise(name) == key


def test_lookup_finds_aliases_and_ranks_countries_then_population(tiny: Gazetteer) -> None:
    assert [c.geonameid for c in tiny.lookup("palmyra")] == [
        TADMUR.geonameid,
        SANTOS_DUMONT.geonameid,
        PALMYRA_NJ.geonameid,
        PALMYRA_NY.geonameid,
    ]
    assert tiny.lookup("TADMOR") == [TADMUR]
    assert tiny.lookup("Nowhere") == []
    assert tiny.lookup("") == []


@pytest.mark.parametrize(("name", "country"), [("U.S.", USA), ("US", USA), ("the US", USA), ("UK", UK)])
def test_country_aliases_beat_towns_of_the_same_name(tiny: Gazetteer, name: str, country: Candidate) -> None:
    candidates = tiny.lookup(name)
    assert candidates[0] == country
    assert len(candidates) == 2  # the town Us (France) or Uk (Russia) is still a candidate
    assert tiny.resolve(name) == country
    assert tiny.resolve(name, context_countries={"FRA": 1, "RUS": 1}) == country


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        ({}, TADMUR),  # by population alone, narrowly
        ({"SYR": 5, "USA": 1}, TADMUR),
        ({"usa": 1.0}, PALMYRA_NJ),
        ({"BRA": 2}, SANTOS_DUMONT),
    ],
)
def test_resolve_palmyra_by_country_context(
    tiny: Gazetteer, context: dict[str, float], expected: Candidate
) -> None:
    assert tiny.resolve("Palmyra", context_countries=context) == expected


def test_resolve_prefers_candidates_near_known_points(tiny: Gazetteer) -> None:
    rochester = (43.155, -77.616)
    assert tiny.resolve("Palmyra", context_countries={"USA": 1}, near=[rochester]) == PALMYRA_NY
    assert tiny.resolve("Palmyra", near=[rochester]) == PALMYRA_NY


def test_resolve_keeps_famous_places_against_weak_context(tiny: Gazetteer) -> None:
    assert tiny.resolve("Damascus", context_countries={"USA": 1}) == DAMASCUS
    assert tiny.resolve("Damascus", context_countries={"USA": 1}, near=[(39.0, -77.0)]) == DAMASCUS_MD


def test_a_town_beats_the_larger_county_named_like_it_by_an_alias(tmp_path: Path) -> None:
    county = Candidate(4196398, "DeKalb County", 33.77, -84.23, "USA", "GA", "ADM2", 740_000, "089")
    town = Candidate(4890864, "DeKalb", 41.93, -88.75, "USA", "IL", "PPL", 43_000)
    middle_east = Candidate(-1, "Middle East", 29.0, 42.0, None, None, "RGN", 400_000_000)
    middle_east_md = Candidate(4362015, "Middle East", 39.3, -76.59, "USA", "MD", "PPL", 1_872)
    places = [county, town, middle_east, middle_east_md]
    with Gazetteer.from_rows(places, [("DeKalb", county.geonameid)], tmp_path / "g.sqlite") as g:
        assert g.resolve("DeKalb") == town
        assert g.resolve("DeKalb County") == county
        assert g.resolve("the Middle East") == middle_east


def test_a_name_geonames_qualifies_after_a_comma_is_the_places_own(tmp_path: Path) -> None:
    dc = Candidate(4140963, "Washington, D.C.", 38.9, -77.04, "USA", "DC", "PPLC", 700_000)
    state = Candidate(5815135, "Washington", 47.5, -120.5, "USA", "WA", "ADM1", 5_000_000)
    with Gazetteer.from_rows([dc, state], [("Washington", dc.geonameid)], tmp_path / "g.sqlite") as g:
        scores = {c.geonameid: s for s, c in g.ranked("Washington")}
        # the capital's own name, not an alternate one: log10 population, capital and own-name bonuses
        assert scores[dc.geonameid] == pytest.approx(
            math.log10(700_001) + gz.FEATURE_BONUS["PPLC"] + gz.W_PRIMARY_NAME
        )
        assert g.resolve("Washington") == dc


def test_ranked_scores_are_sorted(tiny: Gazetteer) -> None:
    ranked = tiny.ranked("Palmyra", context_countries={"SYR": 1})
    scores = [score for score, _ in ranked]
    assert scores == sorted(scores, reverse=True)
    assert ranked[0][1] == TADMUR


def test_unknown_names(tiny: Gazetteer) -> None:
    assert tiny.resolve("Atlantis") is None
    assert not tiny.is_known("Atlantis")
    assert tiny.is_known("u.s.")
    assert not tiny.is_known("  ")


def test_country(tiny: Gazetteer) -> None:
    assert tiny.country("SYR") == SYRIA
    assert tiny.country("gbr") == UK
    assert tiny.country("XXX") is None


def test_admin_names_from_reverse_geocoder(tiny: Gazetteer) -> None:
    assert tiny.admin_names(TADMUR.lat, TADMUR.lon) == ("Homs", None)
    assert tiny.admin_names(PALMYRA_NY.lat, PALMYRA_NY.lon) == ("New York", "Wayne County")


def test_pickles_by_path(tiny: Gazetteer) -> None:
    copy = pickle.loads(pickle.dumps(tiny))
    assert copy.path == tiny.path
    assert copy.resolve("UK") == UK


def test_place_without_geonameid_is_rejected(tmp_path: Path) -> None:
    nameless = Candidate(None, "Somewhere", 0.0, 0.0, None, None, "PPL", 0)
    with pytest.raises(ValueError, match="Somewhere"):
        Gazetteer.from_rows([nameless], [], tmp_path / "g.sqlite")


def test_missing_or_foreign_file_is_a_resource_error(tmp_path: Path) -> None:
    with pytest.raises(ResourceError, match="not found"):
        Gazetteer(tmp_path / "absent.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database, just some bytes" * 100)
    with pytest.raises(ResourceError, match="not a palmyra gazetteer"):
        Gazetteer(junk)


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    Gazetteer.from_rows([TADMUR], [], path).close()
    before = path.read_bytes()

    def names_then_crash() -> Iterator[tuple[str, int]]:
        yield ("palmyra", 163808)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        gz._write(path, [TADMUR, SYRIA], names_then_crash(), sources="test")
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["g.sqlite"]


def test_default_path_honours_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PALMYRA_CACHE", str(tmp_path))
    assert gz.default_path() == tmp_path / f"gazetteer-v{gz.SCHEMA_VERSION}.sqlite"
    assert gz.default_path(tmp_path / "x").parent == tmp_path / "x"


def test_exported_members() -> None:
    assert set(gz.__all__) <= set(dir(gz))


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """The real gazetteer, built from the installed packages (about 10 s)."""
    return Gazetteer.default(cache_dir=tmp_path_factory.mktemp("cache"))


def test_full_gazetteer_resolves_the_seed_places(full: Gazetteer) -> None:
    palmyra = full.resolve("Palmyra", context_countries={"SYR": 1})
    assert palmyra is not None
    assert (palmyra.name, palmyra.country) == ("Tadmur", "SYR")
    assert palmyra.lat == pytest.approx(34.56, abs=0.05)
    assert palmyra.lon == pytest.approx(38.27, abs=0.05)
    homs = full.resolve("Homs", context_countries={"SYR": 1})
    assert homs is not None and homs.country == "SYR" and homs.feature_code.startswith("PPL")
    damascus = full.resolve("Damascus")
    assert damascus is not None and (damascus.country, damascus.feature_code) == ("SYR", "PPLC")
    syria = full.resolve("Syria")
    assert syria is not None and (syria.country, syria.feature_code) == ("SYR", "PCLI")
    assert syria.lat == pytest.approx(35, abs=2) and syria.lon == pytest.approx(38, abs=2)


@pytest.mark.parametrize(
    ("name", "iso3"), [("U.S.", "USA"), ("US", "USA"), ("UK", "GBR"), ("Britain", "GBR")]
)
def test_full_gazetteer_country_aliases(full: Gazetteer, name: str, iso3: str) -> None:
    place = full.resolve(name)
    assert place is not None and (place.country, place.feature_code) == (iso3, "PCLI")


def test_full_gazetteer_us_states_have_points(full: Gazetteer) -> None:
    texas = full.resolve("Texas")
    assert texas is not None and (texas.feature_code, texas.admin1_code) == ("ADM1", "TX")
    assert 26 < texas.lat < 36 and -106 < texas.lon < -93


def test_full_gazetteer_is_reused_from_the_cache(full: Gazetteer) -> None:
    start = time.perf_counter()
    again = Gazetteer.default(cache_dir=full.path.parent)
    assert time.perf_counter() - start < 1.0
    assert again.path == full.path
    assert again.meta["sources"] == full.meta["sources"]


def test_full_gazetteer_subdivisions_countries_and_continents(full: Gazetteer) -> None:
    homs = full.resolve("Homs Governorate")
    assert homs is not None and (homs.country, homs.feature_code, homs.admin1_code) == ("SYR", "ADM1", "11")
    assert 33.5 < homs.lat < 35.5 and 36.0 < homs.lon < 41.0
    assert full.resolve("محافظة حمص") == homs
    tadmur = full.resolve("Palmyra", context_countries={"SYR": 1})
    assert tadmur is not None and full.admin_parents(tadmur)[0] == homs
    uae = full.resolve("U.A.E.")
    assert uae is not None and (uae.country, uae.feature_code) == ("ARE", "PCLI")
    europe = full.resolve("Europe")
    assert europe is not None and europe.feature_code == "CONT"
    counts = full.feature_counts()
    assert counts["ADM1"] > 3000 and counts["ADM2"] > 30000
