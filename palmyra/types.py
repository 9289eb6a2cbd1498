"""Typed values passed between palmyra's stages.

Every value that comes out of the text carries character offsets (``start``,
``end``) into ``Article.text`` so a reviewer can see the words it came from.
All dataclasses are frozen: a stage returns new values, it never edits old ones.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

__all__ = [
    "Actor",
    "Article",
    "Claim",
    "DateRef",
    "Event",
    "Evidence",
    "Fatalities",
    "Place",
    "Rejected",
    "DatePrecision",
    "Stance",
    "SourceType",
]

DatePrecision = Literal["day", "week", "month", "year"]
Stance = Literal["asserts", "confirms", "denies", "disputes"]
SourceType = Literal["ngo", "government", "military", "media", "armed_group", "person", "igo", "unknown"]


@dataclass(frozen=True)
class Article:
    """One news report, as read from any input form.

    ``published`` anchors relative dates; ``published_from`` says where it came
    from: ``given`` (caller or JSON ``published``), ``page`` (HTML metadata or
    feed entry) or ``None`` when unknown.
    """

    id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    published_from: str | None = None
    source: str | None = None
    url: str | None = None
    language: str = "en"
    origin: str = ""


@dataclass(frozen=True)
class Rejected:
    """An input that could not be turned into event records, and why."""

    input: str
    reason: str
    stage: str = "ingest"
    article_id: str | None = None


@dataclass(frozen=True)
class Evidence:
    article_id: str
    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class Actor:
    """An actor mention resolved to a canonical entry of the lexicon."""

    text: str
    name: str
    country: str | None
    sector: str | None
    acled_inter: int | None
    start: int = -1
    end: int = -1

    def record(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
            "acled_inter": self.acled_inter,
        }


@dataclass(frozen=True)
class Place:
    """A place mention resolved against the gazetteer."""

    text: str
    start: int
    end: int
    name: str
    geonameid: int | None
    lat: float
    lon: float
    country: str | None
    admin1: str | None = None
    admin2: str | None = None
    feature_code: str | None = None
    population: int = 0

    @property
    def geo_precision(self) -> int:
        """ACLED geo_precision for an event placed here: 1 town, 3 a larger region."""
        return 1 if (self.feature_code or "").startswith("PP") else 3


@dataclass(frozen=True)
class DateRef:
    """A date resolved from the text (or inherited), with how precise it is."""

    date: dt.date
    precision: DatePrecision
    text: str | None = None
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class Fatalities:
    count: int
    text: str
    start: int
    end: int
    listed: bool = False  # in one list with the figure before it: "170 civilians and 13 soldiers"


@dataclass(frozen=True)
class Claim:
    source: str
    source_type: SourceType
    stance: Stance
    evidence: str
    article_id: str
    start: int = -1
    end: int = -1

    def record(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "source_type": self.source_type,
            "stance": self.stance,
            "evidence": self.evidence,
            "article_id": self.article_id,
        }


@dataclass(frozen=True)
class Event:
    """One event record as SPEC section 2 defines it."""

    event_id: str
    article_ids: tuple[str, ...]
    event_date: dt.date | None
    date_precision: DatePrecision | None
    plover_type: str
    plover_mode: str | None
    cameo_root: str
    acled_event_type: str | None
    acled_sub_event_type: str | None
    actor1: Actor | None
    actor2: Actor | None
    assoc_actors1: tuple[Actor, ...] = ()
    assoc_actors2: tuple[Actor, ...] = ()
    location: Place | None = None
    geo_precision: int | None = None
    fatalities: int = 0
    fatalities_text: str | None = None
    claims: tuple[Claim, ...] = ()
    reported_by: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    negated: bool = False
    hypothetical: bool = False
    confidence: float = 0.5
    trigger: str = field(default="", compare=False)
    # The full CAMEO code ("064") when a user's verb dictionary (--verbs) coded the event; the
    # record (SPEC section 2) carries cameo_root only, so this stays off record() until SPEC has it.
    cameo_code: str | None = None

    def record(self) -> dict[str, Any]:
        """The JSON-ready record, with SPEC's field names and value sets."""
        loc = None
        if self.location is not None:
            p = self.location
            loc = {
                "text": p.text,
                "name": p.name,
                "geonameid": p.geonameid,
                "lat": round(p.lat, 5),
                "lon": round(p.lon, 5),
                "admin1": p.admin1,
                "admin2": p.admin2,
                "country": p.country,
                "geo_precision": self.geo_precision or p.geo_precision,
            }
        return {
            "event_id": self.event_id,
            "article_ids": list(self.article_ids),
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "date_precision": self.date_precision,
            "plover_type": self.plover_type,
            "plover_mode": self.plover_mode,
            "cameo_root": self.cameo_root,
            "acled_event_type": self.acled_event_type,
            "acled_sub_event_type": self.acled_sub_event_type,
            "actor1": self.actor1.record() if self.actor1 else None,
            "actor2": self.actor2.record() if self.actor2 else None,
            "assoc_actors1": [a.record() for a in self.assoc_actors1],
            "assoc_actors2": [a.record() for a in self.assoc_actors2],
            "location": loc,
            "fatalities": self.fatalities,
            "fatalities_text": self.fatalities_text,
            "claims": [c.record() for c in self.claims],
            "reported_by": list(self.reported_by),
            "evidence": [asdict(e) for e in self.evidence],
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "confidence": round(self.confidence, 3),
        }
