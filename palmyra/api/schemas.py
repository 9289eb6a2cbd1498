"""Request bodies: a reviewer's decision on an event, checked against ACLED's value sets."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..resources.acled_types import ACLED_TYPES

__all__ = ["ActorIn", "Changes", "PlaceIn", "ReviewIn", "acled_vocabulary"]

ISO3 = r"^[A-Z]{3}$"


def acled_vocabulary() -> dict[str, list[str]]:
    """ACLED event types and their sub-event types, for the review form."""
    return {t: sorted(subs) for t, subs in sorted(ACLED_TYPES.items())}


class ActorIn(BaseModel):
    """A corrected actor: the canonical name at least (the SPEC actor object's fields)."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200)
    text: str | None = Field(None, max_length=200)
    country: str | None = Field(None, pattern=ISO3)
    sector: str | None = Field(None, max_length=10)
    acled_inter: int | None = Field(None, ge=1, le=8)

    def record(self) -> dict[str, Any]:
        return {
            "text": self.text or self.name,
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
            "acled_inter": self.acled_inter,
        }


class PlaceIn(BaseModel):
    """A corrected place: name, coordinates and country at least (the SPEC location object)."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200)
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    country: str = Field(pattern=ISO3)
    admin1: str | None = Field(None, max_length=200)
    admin2: str | None = Field(None, max_length=200)
    geonameid: int | None = None
    geo_precision: int = Field(1, ge=1, le=3)
    text: str | None = Field(None, max_length=200)

    def record(self) -> dict[str, Any]:
        return {
            "text": self.text or self.name,
            "name": self.name,
            "geonameid": self.geonameid,
            "lat": self.lat,
            "lon": self.lon,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "country": self.country,
            "geo_precision": self.geo_precision,
        }


class Changes(BaseModel):
    """The fields a correction sets; a field left out keeps its value. ``actor2`` may be set to null."""

    model_config = ConfigDict(extra="forbid")
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    actor1: ActorIn | None = None
    actor2: ActorIn | None = None
    location: PlaceIn | None = None
    event_date: dt.date | None = None
    fatalities: int | None = Field(None, ge=0, le=1_000_000)

    @model_validator(mode="after")
    def _known_values(self) -> Changes:
        for name in self.model_fields_set - {"actor2"}:
            if getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        if self.acled_event_type is not None and self.acled_event_type not in ACLED_TYPES:
            raise ValueError(f"acled_event_type must be one of {', '.join(sorted(ACLED_TYPES))}")
        subs = {s for v in ACLED_TYPES.values() for s in v}
        if self.acled_sub_event_type is not None and self.acled_sub_event_type not in subs:
            raise ValueError(f"unknown ACLED sub-event type {self.acled_sub_event_type!r}")
        return self

    def values(self) -> dict[str, Any]:
        """field -> new value as stored in the review (JSON-ready, SPEC shapes)."""
        out: dict[str, Any] = {}
        for name in sorted(self.model_fields_set):
            value = getattr(self, name)
            if isinstance(value, ActorIn | PlaceIn):
                out[name] = value.record()
            elif isinstance(value, dt.date):
                out[name] = value.isoformat()
            else:
                out[name] = value
        return out


class ReviewIn(BaseModel):
    """A reviewer's decision: confirm the event, correct some of its fields, or reject it."""

    model_config = ConfigDict(extra="forbid")
    action: Literal["confirm", "correct", "reject"]
    changes: Changes | None = None
    note: str | None = Field(None, max_length=2000)

    @model_validator(mode="after")
    def _changes_match_action(self) -> ReviewIn:
        has_changes = self.changes is not None and bool(self.changes.model_fields_set)
        if self.action == "correct" and not has_changes:
            raise ValueError("a correction needs at least one field in changes")
        if self.action != "correct" and has_changes:
            raise ValueError(f"{self.action} takes no changes (use action 'correct')")
        return self
