"""A tiny gazetteer of namesakes for the resolver tests: two Palmyras, three Springfields,
two Bowling Greens, towns called Us and Uk, and the states and countries that tell them apart."""

from __future__ import annotations

from pathlib import Path

from palmyra.resources.gazetteer import Candidate, Gazetteer
from palmyra.stages.actors import find_actors
from palmyra.stages.places import PlaceMention, context_countries, find_places
from palmyra.stages.segment import Segments, segment

SYRIA, USA, UK = 1, 2, 3
TADMUR, PALMYRA_NY = 10, 11
US_TOWN, UK_TOWN = 13, 14
OHIO, NEW_YORK, ILLINOIS = 20, 21, 29
BOWLING_GREEN_KY, BOWLING_GREEN_OH = 22, 23
SPRINGFIELD_IL, SPRINGFIELD_MO, SPRINGFIELD_OH = 24, 25, 26
DAMASCUS, HOMS = 27, 28

NAMESAKES = [
    Candidate(SYRIA, "Syria", 35.0, 38.0, "SYR", None, "PCLI", 18_000_000),
    Candidate(USA, "United States", 39.76, -98.5, "USA", None, "PCLI", 327_000_000),
    Candidate(UK, "United Kingdom", 54.76, -2.7, "GBR", None, "PCLI", 66_000_000),
    Candidate(TADMUR, "Tadmur", 34.56, 38.28, "SYR", "14", "PPL", 51_015),
    Candidate(PALMYRA_NY, "Palmyra", 43.06, -77.23, "USA", "NY", "PPL", 3_500),
    Candidate(US_TOWN, "Us", 49.1, 1.97, "FRA", "11", "PPL", 1_200),
    Candidate(UK_TOWN, "Uk", 55.06, 98.26, "RUS", "29", "PPL", 1_000),
    Candidate(OHIO, "Ohio", 40.25, -82.75, "USA", "OH", "ADM1", 11_000_000),
    Candidate(NEW_YORK, "New York", 43.0, -75.5, "USA", "NY", "ADM1", 19_000_000),
    Candidate(ILLINOIS, "Illinois", 40.0, -89.25, "USA", "IL", "ADM1", 12_800_000),
    Candidate(BOWLING_GREEN_KY, "Bowling Green", 36.99, -86.44, "USA", "KY", "PPL", 58_000),
    Candidate(BOWLING_GREEN_OH, "Bowling Green", 41.37, -83.65, "USA", "OH", "PPL", 31_000),
    Candidate(SPRINGFIELD_IL, "Springfield", 39.8, -89.64, "USA", "IL", "PPLA", 116_000),
    Candidate(SPRINGFIELD_MO, "Springfield", 37.22, -93.3, "USA", "MO", "PPL", 160_000),
    Candidate(SPRINGFIELD_OH, "Springfield", 39.92, -83.81, "USA", "OH", "PPL", 59_000),
    Candidate(DAMASCUS, "Damascus", 33.51, 36.29, "SYR", "13", "PPLC", 1_700_000),
    Candidate(HOMS, "Homs", 34.73, 36.71, "SYR", "11", "PPLA", 650_000),
]
ALIASES = [
    ("U.S.", USA),
    ("US", USA),
    ("America", USA),
    ("UK", UK),
    ("U.K.", UK),
    ("Britain", UK),
    ("Palmyra", TADMUR),
    ("Tadmor", TADMUR),
]


def namesakes_gazetteer(folder: Path) -> Gazetteer:
    return Gazetteer.from_rows(NAMESAKES, ALIASES, folder / "namesakes.sqlite")


def analyse(nlp, gaz: Gazetteer, text: str) -> tuple[object, Segments, list[PlaceMention]]:
    """Run the stages the places stage needs, as the pipeline does: spaCy, segments, context, actors."""
    doc = nlp(text)
    segs = segment(text, is_place=gaz.is_known)
    context = context_countries(doc, segs, gaz)
    main = context.most_common(1)[0][0] if context else None
    actors = find_actors(doc, main_country=main)
    return doc, segs, find_places(doc, gaz, segments=segs, actors=actors, context=context)


def by_text(places: list[PlaceMention]) -> dict[str, PlaceMention]:
    return {p.place.text: p for p in places}
