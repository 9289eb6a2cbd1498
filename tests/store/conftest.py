"""Hand-built events and a stand-in pipeline: store and merge tests run without the spaCy model."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from palmyra.ingest import read_inputs
from palmyra.store import Store
from palmyra.types import Actor, Article, Claim, Event, Evidence, Place, Rejected

FIXTURES = Path(__file__).parent.parent / "fixtures" / "store"
ARTICLES = FIXTURES / "articles.jsonl"

ARMY = Actor("troops", "Military Forces of Syria", "SYR", "MIL", 1)
REBELS = Actor("rebels", "Syrian Rebels", "SYR", "REB", 2)
CIVILIANS = Actor("civilians", "Civilians (Syria)", "SYR", "CVL", 7)
AIR = Actor("warplanes", "Military Forces of Russia", "RUS", "MIL", 8)
TEACHERS = Actor("teachers", "Protesters (Afghanistan)", "AFG", "CVL", 6)

IDLIB = Place("Idlib", 0, 5, "Idlib", 163345, 35.93062, 36.63393, "SYR", "Idlib", None, "PPLA", 128840)
SARAQIB = Place("Saraqib", 0, 7, "Saraqib", 163000, 35.86, 36.80, "SYR", "Idlib", None, "PPL", 30000)
ALEPPO = Place("Aleppo", 0, 6, "Aleppo", 170063, 36.20124, 37.16117, "SYR", "Aleppo", None, "PPLA", 1602264)
KABUL = Place("Kabul", 0, 5, "Kabul", 1138958, 34.52813, 69.17233, "AFG", "Kabul", None, "PPLC", 3043532)
SYRIA = Place("Syria", 0, 5, "Syria", 163843, 35.0, 38.0, "SYR", None, None, "PCLI", 0)


def event(
    article_id: str,
    *,
    kind: str = "battle",
    actor1: Actor | None = ARMY,
    actor2: Actor | None = REBELS,
    place: Place | None = IDLIB,
    date: str | None = "2024-03-10",
    precision: str = "day",
    fatalities: int = 0,
    source: str | None = None,
    seq: int = 0,
    negated: bool = False,
) -> Event:
    """An Event as the pipeline would make it, built by hand."""
    codes = {
        "battle": ("ASSAULT", "firearms", "19", "Battles", "Armed clash"),
        "airstrike": ("ASSAULT", "aerial", "19", "Explosions/Remote violence", "Air/drone strike"),
        "protest": ("PROTEST", None, "14", "Protests", "Peaceful protest"),
        "accuse": ("ACCUSE", None, "11", None, None),
    }
    plover, mode, cameo, acled, sub = codes[kind]
    sentence = f"sentence {seq} of {article_id}"
    claims = (Claim(source, "ngo", "asserts", sentence, article_id, 0, len(sentence)),) if source else ()
    return Event(
        event_id=f"{article_id}-e{seq}",
        article_ids=(article_id,),
        event_date=dt.date.fromisoformat(date) if date else None,
        date_precision=precision if date else None,  # type: ignore[arg-type]
        plover_type=plover,
        plover_mode=mode,
        cameo_root=cameo,
        acled_event_type=acled,
        acled_sub_event_type=sub,
        actor1=actor1,
        actor2=actor2,
        location=place,
        geo_precision=place.geo_precision if place else None,
        fatalities=fatalities,
        fatalities_text=f"{fatalities} killed" if fatalities else None,
        claims=claims,
        evidence=(Evidence(article_id, sentence, 0, len(sentence)),),
        negated=negated,
        confidence=0.6,
    )


#: What the stand-in pipeline "finds" in each fixture article.
EVENTS: dict[str, Callable[[Article], list[Event]]] = {
    "a1": lambda a: [event("a1", fatalities=18, source="Syrian Observatory for Human Rights")],
    "a2": lambda a: [
        event("a2", actor1=REBELS, actor2=ARMY, place=SARAQIB, fatalities=25, source="residents")
    ],
    "a3": lambda a: [
        event(
            "a3",
            kind="airstrike",
            actor1=AIR,
            actor2=CIVILIANS,
            place=ALEPPO,
            date="2024-03-12",
            fatalities=7,
        )
    ],
    "a4": lambda a: [
        event("a4", kind="protest", actor1=TEACHERS, actor2=None, place=KABUL, date="2024-03-12"),
        event("a4", kind="accuse", actor1=TEACHERS, actor2=None, place=KABUL, date="2024-03-12", seq=1),
    ],
    "a5": lambda a: [event("a5", date="2024-03-13")],
    "a6": lambda a: [],
}


@dataclass
class FakeAnalysis:
    article: Article
    events: list[Event]


class FakePipeline:
    """Yields hand-built events per article id; counts the articles it analysed.

    ``fail_after`` raises after that many articles, as a kill would stop a run.
    """

    def __init__(self, *, fail_after: int | None = None, fail_ids: Iterable[str] = ()) -> None:
        self.fail_after = fail_after
        self.fail_ids = set(fail_ids)
        self.analysed: list[str] = []

    def run(self, items: Iterable[Article | Rejected]) -> Iterator[Any]:
        for item in items:
            if isinstance(item, Rejected):
                yield item
                continue
            if self.fail_after is not None and len(self.analysed) >= self.fail_after:
                raise KeyboardInterrupt("simulated kill")
            self.analysed.append(item.id)
            if item.id in self.fail_ids:
                yield Rejected(
                    input=item.origin, reason="internal error: boom", stage="extract", article_id=item.id
                )
                continue
            yield FakeAnalysis(item, EVENTS.get(item.id, lambda a: [])(item))


def read(*paths: str | Path) -> Iterator[Article | Rejected]:
    return read_inputs([str(p) for p in paths])


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "test.duckdb") as s:
        yield s
