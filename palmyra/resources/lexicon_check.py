"""Validate palmyra's coding data files (and users' own), for ``palmyra lexicon check``.

Each check takes a file's text and returns :class:`Problem` values (file, line, message);
:func:`check_file` picks the check from the file's name (``actors*.tsv``, ``triggers*.tsv``,
``ontology*.tsv``, ``country_terms*.tsv``, ``country_aliases*.tsv``, ``*.json``) or, for
other names, from its content (a CAMEO verbs dictionary, a CAMEO actors/agents dictionary, else
palmyra's actors format).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import data_rows, read_data
from .cameo_dict import ROLE_CODES, is_cameo_file, parse_cameo_dictionary
from .cameo_verbs import is_verb_dictionary, parse_verb_dictionary

__all__ = ["BUNDLED", "Problem", "check_bundled", "check_file", "check_text"]

BUNDLED = (
    "actors.tsv",
    "triggers.tsv",
    "ontology.tsv",
    "country_terms.tsv",
    "country_aliases.tsv",
    "fatality_terms.json",
)
PLOVER_TYPES = frozenset(
    [
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
    ]
)
from .acled_types import ACLED_TYPES  # noqa: E402  (shared with the API; re-exported here)

SECTORS = ROLE_CODES | {"CVL", "PER", "INS", "OPP"}
SOURCE_TYPES = frozenset(
    {"ngo", "government", "military", "media", "armed_group", "person", "igo", "unknown"}
)
TRIGGER_POS = frozenset({"VERB", "NOUN"})
_EXTRA_ISO3 = frozenset({"XKX"})  # Kosovo: user-assigned, used by GeoNames and ACLED


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@functools.lru_cache(maxsize=1)
def _iso3() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries) | _EXTRA_ISO3


def _count(origin: str, n: int, cols: list[str], least: int, most: int) -> Problem | None:
    if not least <= len(cols) <= most:
        want = str(least) if least == most else f"{least}-{most}"
        return Problem(origin, n, f"expected {want} tab-separated columns, got {len(cols)}")
    return None


def _country(origin: str, n: int, code: str, what: str = "country") -> Problem | None:
    if code in ("", "-") or code in _iso3():
        return None
    return Problem(origin, n, f"unknown {what} {code!r} (not an ISO 3166-1 alpha-3 code)")


def check_actors(text: str, origin: str = "actors.tsv") -> list[Problem]:
    out: list[Problem] = []
    seen: dict[tuple[str, bool], tuple[str, int]] = {}
    for n, cols in data_rows(text):
        if p := _count(origin, n, cols, 6, 7):
            out.append(p)
            continue
        name, aliases, country, sector, inter, stype = cols[:6]
        exact = cols[6] if len(cols) > 6 else ""
        if not name.strip():
            out.append(Problem(origin, n, "empty name"))
        if p := _country(origin, n, country):
            out.append(p)
        if sector not in ("", "-") and sector not in SECTORS:
            out.append(Problem(origin, n, f"unknown sector {sector!r}"))
        if inter not in ("", "-") and not (inter.isdigit() and 1 <= int(inter) <= 8):
            out.append(Problem(origin, n, f"acled_inter must be 1-8 or -, got {inter!r}"))
        if stype not in SOURCE_TYPES:
            out.append(Problem(origin, n, f"unknown source_type {stype!r}"))
        names = [(a.strip(), False) for a in aliases.split("|") if a.strip()]
        names += [(a.strip(), True) for a in exact.split("|") if a.strip()]
        if not names:
            out.append(Problem(origin, n, f"{name!r} has no alias"))
        for a, cs in names:
            key = (a if cs else a.lower(), cs)
            other = seen.get(key)
            if other and other[0] != name:
                out.append(Problem(origin, n, f"alias {a!r} also names {other[0]!r} (line {other[1]})"))
            seen.setdefault(key, (name, n))
    return out


def check_ontology(text: str, origin: str = "ontology.tsv") -> list[Problem]:
    out: list[Problem] = []
    kinds: dict[str, int] = {}
    for n, cols in data_rows(text):
        if p := _count(origin, n, cols, 7, 7):
            out.append(p)
            continue
        kind, plover, _mode, root, acled, sub, _desc = cols
        if kind in kinds:
            out.append(Problem(origin, n, f"kind {kind!r} already defined on line {kinds[kind]}"))
        kinds.setdefault(kind, n)
        if plover not in PLOVER_TYPES:
            out.append(Problem(origin, n, f"unknown PLOVER type {plover!r}"))
        if not (len(root) == 2 and root.isdigit() and 1 <= int(root) <= 20):
            out.append(Problem(origin, n, f"CAMEO root must be 01-20, got {root!r}"))
        if acled in ("", "-"):
            if sub not in ("", "-"):
                out.append(Problem(origin, n, f"ACLED sub-event type {sub!r} without an event type"))
        elif acled not in ACLED_TYPES:
            out.append(Problem(origin, n, f"unknown ACLED event type {acled!r}"))
        elif sub not in ACLED_TYPES[acled]:
            out.append(Problem(origin, n, f"{sub!r} is not an ACLED sub-event type of {acled!r}"))
    return out


def ontology_kinds(text: str) -> set[str]:
    return {cols[0] for _, cols in data_rows(text) if cols}


def check_triggers(
    text: str, origin: str = "triggers.tsv", *, kinds: set[str] | None = None
) -> list[Problem]:
    kinds = kinds if kinds is not None else ontology_kinds(read_data("ontology.tsv"))
    out: list[Problem] = []
    seen: dict[tuple[str, str, str], tuple[str, int]] = {}
    for n, cols in data_rows(text):
        if p := _count(origin, n, cols, 4, 4):
            out.append(p)
            continue
        lemma, pos, obj, kind = cols
        if not lemma.strip():
            out.append(Problem(origin, n, "empty lemma"))
        if pos not in TRIGGER_POS:
            out.append(Problem(origin, n, f"pos must be VERB or NOUN, got {pos!r}"))
        if kind not in kinds:
            out.append(Problem(origin, n, f"kind {kind!r} is not in the ontology"))
        key = (lemma.lower(), pos, obj)
        other = seen.get(key)
        if other and other[0] != kind:
            out.append(
                Problem(origin, n, f"{lemma} {pos} {obj} already means {other[0]!r} (line {other[1]})")
            )
        seen.setdefault(key, (kind, n))
    return out


def check_country_terms(text: str, origin: str = "country_terms.tsv") -> list[Problem]:
    out: list[Problem] = []
    for n, cols in data_rows(text):
        if p := _count(origin, n, cols, 3, 3):
            out.append(p)
            continue
        if cols[0] not in ("name", "demonym", "common"):
            out.append(Problem(origin, n, f"kind must be name, demonym or common, got {cols[0]!r}"))
        if p := _country(origin, n, cols[2]):
            out.append(p)
    return out


def check_country_aliases(text: str, origin: str = "country_aliases.tsv") -> list[Problem]:
    out: list[Problem] = []
    seen: dict[str, tuple[str, int]] = {}
    for n, cols in data_rows(text):
        if p := _count(origin, n, cols, 2, 2):
            out.append(p)
            continue
        if p := _country(origin, n, cols[1]):
            out.append(p)
        other = seen.get(cols[0].lower())
        if other and other[0] != cols[1]:
            out.append(Problem(origin, n, f"alias {cols[0]!r} also means {other[0]} (line {other[1]})"))
        seen.setdefault(cols[0].lower(), (cols[1], n))
    return out


def check_json(text: str, origin: str) -> list[Problem]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        return [Problem(origin, e.lineno, f"not valid JSON: {e.msg}")]
    if not isinstance(data, dict):
        return [Problem(origin, 1, "expected a JSON object")]
    return [
        Problem(origin, 1, f"{k!r} must be a list of strings")
        for k, v in data.items()
        if not k.endswith("about") and not (isinstance(v, list) and all(isinstance(x, str) for x in v))
        and not isinstance(v, dict)
    ]  # fmt: skip


def check_cameo(text: str, origin: str) -> list[Problem]:
    d = parse_cameo_dictionary(text, origin=origin)
    out = [Problem(origin, n, m) for n, m in d.problems]
    seen: dict[str, tuple[str, int]] = {}
    for e in d.entries:
        code = e.code_on(None) or ""
        for name in e.names:
            other = seen.get(name.lower())
            if other and other[0] != code:
                out.append(Problem(origin, e.line, f"{name!r} also coded {other[0]!r} (line {other[1]})"))
            seen.setdefault(name.lower(), (code, e.line))
    return sorted(out, key=lambda p: p.line)


def check_verbs(text: str, origin: str) -> list[Problem]:
    """A CAMEO verbs dictionary (PETRARCH/TABARI format): lines it cannot read."""
    d = parse_verb_dictionary(text, origin=origin)
    out = [Problem(origin, n, m) for n, m in d.problems]
    if not d.forms:
        out.append(Problem(origin, 0, "no verb blocks (--- VERB [CODE] ---)"))
    return out


_BY_NAME: tuple[tuple[str, Callable[[str, str], list[Problem]]], ...] = (
    ("actors", check_actors),
    ("triggers", check_triggers),
    ("ontology", check_ontology),
    ("country_terms", check_country_terms),
    ("country_aliases", check_country_aliases),
)


def check_text(text: str, origin: str) -> list[Problem]:
    """Problems in *text*, the check chosen by *origin*'s name (or the content)."""
    name = Path(origin).name.lower()
    if name.endswith(".json"):
        return check_json(text, origin)
    if name.endswith(".tsv"):
        for stem, check in _BY_NAME:
            if name.startswith(stem):
                return check(text, origin)
    if is_verb_dictionary(text):
        return check_verbs(text, origin)
    if is_cameo_file(origin, text):
        return check_cameo(text, origin)
    return check_actors(text, origin)


def check_file(path: str | Path) -> list[Problem]:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        return [Problem(str(p), 0, f"cannot read: {e}")]
    return check_text(text, str(p))


def check_bundled() -> list[Problem]:
    """Problems in palmyra's own data files (named ``palmyra/resources/NAME``)."""
    out: list[Problem] = []
    for name in BUNDLED:
        out += check_text(read_data(name), f"palmyra/resources/{name}")
    return out
