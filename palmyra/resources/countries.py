"""Country names and demonyms, from pycountry and countryinfo.

pycountry gives ISO codes and official/common names; countryinfo gives
demonyms ("Syrian") and alternative spellings. A few short forms that news uses
and neither package carries ("U.S.", "Britain") are in ``country_terms.tsv``; the
gazetteer's own aliases (``country_aliases.tsv``: "U.S.", "UK", "Britain") are read too.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from . import data_rows, read_data

__all__ = ["CountryNames", "country_names"]


@dataclass(frozen=True)
class CountryNames:
    by_name: dict[str, str]  # lower-cased name or alias -> ISO alpha-3
    by_demonym: dict[str, str]  # lower-cased demonym -> ISO alpha-3
    common: dict[str, str]  # ISO alpha-3 -> short common name ("Syria", "Russia")

    def lookup(self, text: str) -> str | None:
        """ISO alpha-3 for a country name, alias or demonym ("Syria's" and "Syrian" included)."""
        t = text.strip().lower()
        for suffix in ("'s", "’s"):
            if t.endswith(suffix):
                t = t[: -len(suffix)]
        t = t.removeprefix("the ")
        return self.by_name.get(t) or self.by_demonym.get(t)

    def name(self, alpha3: str | None) -> str | None:
        return self.common.get(alpha3) if alpha3 else None


def _short(name: str) -> str:
    # "Syrian Arab Republic" -> keep; "Korea, Republic of" -> "Republic of Korea"
    if ", " in name:
        a, b = name.split(", ", 1)
        return f"{b} {a}"
    return name


@functools.lru_cache(maxsize=1)
def country_names() -> CountryNames:
    """Build (once) the country name and demonym tables."""
    import countryinfo
    import pycountry

    by_name: dict[str, str] = {}
    by_demonym: dict[str, str] = {}
    common: dict[str, str] = {}
    for c in pycountry.countries:
        a3 = c.alpha_3
        names = [c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)]
        for n in names:
            if n:
                by_name.setdefault(n.lower(), a3)
                by_name.setdefault(_short(n).lower(), a3)
        common[a3] = getattr(c, "common_name", None) or _short(c.name)
    for info in countryinfo.all_countries():
        iso = info.iso() or {}
        a3 = iso.get("alpha3")
        if not a3:
            continue
        if info.name():
            by_name.setdefault(info.name().lower(), a3)
            common.setdefault(a3, info.name())
        for alt in info.alt_spellings() or []:
            if len(alt) > 3:  # two/three-letter codes ("SY") collide with words and initials
                by_name.setdefault(alt.lower(), a3)
        dem = info.demonym()
        if dem:
            by_demonym.setdefault(dem.lower(), a3)
    for _, cols in data_rows(read_data("country_aliases.tsv")):
        by_name[cols[0].lower()] = cols[1]
    for _, (kind, alias, a3) in data_rows(read_data("country_terms.tsv")):
        if kind == "common":
            common[a3] = alias
        (by_demonym if kind == "demonym" else by_name)[alias.lower()] = a3
    return CountryNames(by_name=by_name, by_demonym=by_demonym, common=common)
