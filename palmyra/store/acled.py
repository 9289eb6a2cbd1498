"""ACLED's export columns and value sets, from a merged event record.

Column names and order follow ACLED's public data export (codebook 2023+, after
the March 2023 column changes: ``disorder_type``, ``civilian_targeting`` and
``tags`` added; ``iso`` numeric). Dates are ``YYYY-MM-DD`` as ACLED's API gives
them. palmyra's own columns (``palmyra_event_id``, ``reviewed``, ...) follow
ACLED's, so scripts that select ACLED columns by name read the file unchanged.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

__all__ = ["ACLED_COLUMNS", "EXTRA_COLUMNS", "AcledCoder"]

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]  # fmt: skip
EXTRA_COLUMNS = ["palmyra_event_id", "reviewed", "reviewed_fields", "n_sources", "n_articles"]

# ACLED time_precision: 1 the day is known, 2 the week, 3 the month (a year is coded as 3 too).
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
# Sub-event types whose disorder type is not their event type's.
DISORDER_SUB = {
    "Mob violence": "Political violence",
    "Excessive force against protesters": "Political violence; Demonstrations",
}
# ACLED regions by ISO3 where the UN subregion does not say it (Africa and the Americas are
# split finer by ACLED; Iran, the Caucasus and Russia are placed by ACLED's own convention).
_REGIONS = {
    "Western Africa": "BEN BFA CPV CIV GMB GHA GIN GNB LBR MLI MRT NER NGA SEN SLE TGO SHN",
    "Middle Africa": "AGO CMR CAF TCD COG COD GNQ GAB STP",
    "Eastern Africa": "BDI COM DJI ERI ETH KEN MDG MWI MUS MYT MOZ REU RWA SYC SOM SSD TZA UGA ZMB ZWE",
    "Northern Africa": "DZA EGY LBY MAR SDN TUN ESH",
    "Southern Africa": "BWA SWZ LSO NAM ZAF",
    "Middle East": "BHR IRN IRQ ISR JOR KWT LBN OMN PSE QAT SAU SYR TUR ARE YEM",
    "Caucasus and Central Asia": "ARM AZE GEO KAZ KGZ TJK TKM UZB",
    "South Asia": "AFG BGD BTN IND MDV NPL PAK LKA",
    "Southeast Asia": "BRN KHM IDN LAO MYS MMR PHL SGP THA TLS VNM",
    "East Asia": "CHN HKG JPN MAC MNG PRK KOR TWN",
    "North America": "CAN USA BMU GRL SPM",
    "Central America": "BLZ CRI SLV GTM HND MEX NIC PAN",
    "South America": "ARG BOL BRA CHL COL ECU FLK GUF GUY PRY PER SUR URY VEN",
    "Europe": "RUS CYP",
    "Antarctica": "ATA",
}
_SUBREGION = {
    "Latin America and the Caribbean": "Caribbean",
    "Australia and New Zealand": "Oceania",
    "Melanesia": "Oceania",
    "Micronesia": "Oceania",
    "Polynesia": "Oceania",
}


class AcledCoder:
    """Turns effective merged records into ACLED rows; remembers country look-ups for one export."""

    def __init__(self) -> None:
        self._regions: dict[str, str] = {}
        self._countries: dict[str, tuple[str, int | None]] = {}

    def region(self, iso3: str | None) -> str:
        """ACLED's region for a country (ISO 3166-1 alpha-3), or "" when unknown."""
        if not iso3:
            return ""
        if iso3 not in self._regions:
            self._regions[iso3] = _region(iso3)
        return self._regions[iso3]

    def country(self, iso3: str | None) -> tuple[str, int | None]:
        """(country name, ISO numeric code)."""
        if not iso3:
            return "", None
        if iso3 not in self._countries:
            import pycountry

            c = pycountry.countries.get(alpha_3=iso3)
            name = (getattr(c, "common_name", None) or c.name) if c is not None else iso3
            self._countries[iso3] = (name, int(c.numeric) if c is not None else None)
        return self._countries[iso3]

    def row(self, rec: dict[str, Any], *, reviewed_at: dt.datetime | None = None) -> dict[str, Any] | None:
        """One ACLED export row for an effective merged record; None for events outside ACLED's scope."""
        return _acled_row(self, rec, reviewed_at)


def _region(iso3: str) -> str:
    for region, codes in _REGIONS.items():
        if iso3 in codes.split():
            return region
    try:
        from countryinfo import CountryInfo

        sub = CountryInfo(iso3).subregion() or ""
    except Exception:  # countryinfo raises its own errors for codes it lacks
        return ""
    return "Europe" if sub.endswith("Europe") else _SUBREGION.get(sub, "")


def _interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED interaction: the two inter codes, lowest first ("13"); a lone actor gives "10"-style codes."""
    if inter1 is None and inter2 is None:
        return None
    codes = sorted(c for c in (inter1, inter2) if c is not None)
    if len(codes) == 1:
        return codes[0] * 10
    return codes[0] * 10 + codes[1]


def _timestamp(rec: dict[str, Any], reviewed_at: dt.datetime | None) -> int:
    """When the record last changed: the review, else the latest publication day of its articles
    (deterministic, so two identical stores export identical files)."""
    if reviewed_at is not None:
        return calendar.timegm(reviewed_at.timetuple())
    day = rec.get("latest_published") or rec.get("event_date")
    return calendar.timegm(dt.date.fromisoformat(day).timetuple()) if day else 0


def _acled_row(
    coder: AcledCoder, rec: dict[str, Any], reviewed_at: dt.datetime | None
) -> dict[str, Any] | None:
    etype = rec.get("acled_event_type")
    if not etype or rec.get("negated") or rec.get("hypothetical"):
        return None
    a1, a2 = rec.get("actor1") or {}, rec.get("actor2") or {}
    loc = rec.get("location") or {}
    iso3 = loc.get("country") or a1.get("country")
    country, numeric = coder.country(iso3)
    sub = rec.get("acled_sub_event_type") or ""
    inter1, inter2 = a1.get("acled_inter"), a2.get("acled_inter")
    date = rec.get("event_date") or ""
    violent = DISORDER.get(etype) == "Political violence"
    notes = (rec.get("evidence") or [{}])[0].get("sentence", "")
    if date:
        notes = f"On {dt.date.fromisoformat(date).strftime('%-d %B %Y')}, reported: {notes}"
    tags = []
    if len(rec.get("disagreements", {}).get("fatalities", [])) > 1:
        figures = ", ".join(map(str, rec["disagreements"]["fatalities"]))
        tags.append(f"fatality reports differ: {figures}")
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}{int(rec['event_id'][:12], 16)}",
        "event_date": date,
        "year": date[:4],
        "time_precision": TIME_PRECISION.get(rec.get("date_precision") or "", 3),
        "disorder_type": DISORDER_SUB.get(sub, DISORDER.get(etype, "")),
        "event_type": etype,
        "sub_event_type": sub,
        "actor1": a1.get("name", ""),
        "assoc_actor_1": "; ".join(x["name"] for x in rec.get("assoc_actors1", [])),
        "inter1": inter1 if inter1 is not None else "",
        "actor2": a2.get("name", ""),
        "assoc_actor_2": "; ".join(x["name"] for x in rec.get("assoc_actors2", [])),
        "inter2": inter2 if inter2 is not None else "",
        "interaction": _interaction(inter1, inter2) or "",
        "civilian_targeting": "Civilian targeting" if violent and inter2 == 7 else "",
        "iso": numeric if numeric is not None else "",
        "region": coder.region(iso3),
        "country": country,
        "admin1": loc.get("admin1") or "",
        "admin2": loc.get("admin2") or "",
        "admin3": "",
        "location": loc.get("name", ""),
        "latitude": loc.get("lat", ""),
        "longitude": loc.get("lon", ""),
        "geo_precision": loc.get("geo_precision", ""),
        "source": "; ".join(rec.get("reported_by") or []),
        "source_scale": "",
        "notes": notes,
        "fatalities": rec.get("fatalities", 0),
        "tags": "; ".join(tags),
        "timestamp": _timestamp(rec, reviewed_at),
        "palmyra_event_id": rec["event_id"],
        "reviewed": bool(rec.get("reviewed")),
        "reviewed_fields": "; ".join(rec.get("reviewed_fields") or []),
        "n_sources": rec.get("n_sources", 1),
        "n_articles": rec.get("n_articles", 1),
    }
