"""Actor and agent dictionaries in PETRARCH/TABARI (CAMEO) format, as plug-in lexicons.

Users of CAMEO coders keep their actors in files like PETRARCH's ``*.actors.txt``::

    GONDOR [GON]                  # a name and its code
    +MINAS_TIRITH                 # a synonym of the entry above
    GOLLUM                        # codes on the following lines, with date restrictions:
        [HOB < 950601]            #   before 1 June 1995
        [HOBGOV 19950601 - 19990815]
        [HOBREB > 990816]         #   after 16 August 1999
    ARNOR_ [ARN]                  # trailing underscore: the word must end there
    <!-- comments, possibly over several lines -->

and their agents (role nouns) like ``*.agents.txt``::

    !PERSON! = MAN, MEN, WOMAN, WOMEN       # a substitution set
    CONGRESS!PERSON! [~LEG]                 # CONGRESSMAN, CONGRESSMEN, ...
    ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]   # explicit plural; {} for none
    MINISTER [~GOV]                         # regular plural added (MINISTERS)

Underscores stand for spaces. ``[---]`` is a known actor with no code. A code is read
as a country (its first three letters, ISO alpha-3 for real states) followed by role
codes; the first known role code (:data:`ROLE_CODES`) is palmyra's ``sector``.
International codes (IGO, NGO, IMG, ...) are sectors with no country. Names are matched
as whole words, case-insensitively; TABARI's stem matching (``ARGENTIN`` for
"Argentina") is not reproduced.

:func:`load_actor_files` merges such files (and files in palmyra's own ``actors.tsv``
format) over the bundled lexicon: see :func:`palmyra.stages.actors.extend_lexicon`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import ResourceError
from ..stages.actors import (
    FORCE_NOUNS,
    GROUP_NOUNS,
    ActorLexicon,
    LexiconEntry,
    extend_lexicon,
    load_lexicon,
)
from ..types import SourceType
from .countries import CountryNames

Addition = tuple[LexiconEntry, list[str], list[str]]

__all__ = [
    "INTERNATIONAL_CODES",
    "ROLE_CODES",
    "CameoDictionary",
    "CameoEntry",
    "DatedCode",
    "is_cameo_file",
    "load_actor_files",
    "parse_cameo_dictionary",
    "split_code",
]

# CAMEO codes for actors with no country of their own.
INTERNATIONAL_CODES = frozenset({"IGO", "NGO", "NGM", "IMG", "MNC", "UNO", "INT"})
# CAMEO role ("agent") codes, read as palmyra sectors; religion and ethnicity codes included.
ROLE_CODES = frozenset(
    {
        "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "REB", "INS", "OPP", "SEP", "UAF", "PTY",
        "ELI", "CVL", "CIV", "BUS", "CRM", "EDU", "HLH", "HRI", "LAB", "MED", "REF", "AGR",
        "DEV", "ENV", "MOD", "RAD", "REL", "MUS", "CHR", "JEW", "BUD", "HIN", "ATH", "JAN",
        "SIK", "SHI", "SUN", "CTH", "ORT", "PRO", "MOS", "FRM", "BRD", "NAV", "AIR", "IGO",
        "NGO", "NGM", "IMG", "MNC", "PER",
    }
)  # fmt: skip
_NULL_CODES = frozenset({"---", "+++", "###"})
_SECTOR_SOURCE: dict[str, SourceType] = {
    "GOV": "government", "LEG": "government", "JUD": "government", "MIL": "military",
    "COP": "military", "SPY": "government", "REB": "armed_group", "INS": "armed_group",
    "UAF": "armed_group", "IMG": "armed_group", "MED": "media", "NGO": "ngo", "NGM": "ngo",
    "HRI": "ngo", "IGO": "igo", "CVL": "person", "CIV": "person",
}  # fmt: skip
_INTER = {"GOV": 1, "MIL": 1, "COP": 1, "REB": 2, "INS": 2, "UAF": 3, "IMG": 2}


@dataclass(frozen=True)
class DatedCode:
    """A code, valid from ``start`` (inclusive) to ``end`` (exclusive) when given."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None

    def valid_on(self, day: dt.date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day < self.end)

    @property
    def restricted(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass(frozen=True)
class CameoEntry:
    """One dictionary entry: its names (the first is the entry's own) and codes."""

    names: tuple[str, ...]
    codes: tuple[DatedCode, ...]
    line: int
    agent: bool = False
    exact: tuple[bool, ...] = ()

    def code_on(self, day: dt.date | None = None) -> str | None:
        """The code on *day*: the first restriction that holds, else the unrestricted code.

        With no day, the unrestricted code, else the code of the latest period. ``None``
        when the entry has no code at all.
        """
        if day is not None:
            for c in self.codes:
                if c.restricted and c.valid_on(day):
                    return c.code
        plain = [c for c in self.codes if not c.restricted]
        if plain:
            return plain[0].code
        if day is None and self.codes:
            return max(self.codes, key=lambda c: c.start or c.end or dt.date.min).code
        return None

    def codes_on(self, day: dt.date | None = None) -> list[str]:
        """All codes on *day*: :meth:`code_on`'s and those given with it (``[ELR/GAL]``, one
        actor coded as two: PETRARCH codes an event once per code)."""
        first = self.code_on(day)
        if first is None:
            return []
        chosen = next(c for c in self.codes if c.code == first)
        return [c.code for c in self.codes if (c.start, c.end) == (chosen.start, chosen.end)]

    @property
    def display_name(self) -> str:
        return self.names[0].title() if self.names[0].isupper() else self.names[0]


@dataclass(frozen=True)
class CameoDictionary:
    entries: tuple[CameoEntry, ...]
    problems: tuple[tuple[int, str], ...] = field(default=())  # (line, message)
    origin: str = ""


def split_code(code: str | None) -> tuple[str | None, str | None]:
    """(country, sector) of a CAMEO code: ``ARNGOV`` -> (ARN, GOV), ``IGOEEU`` -> (None, IGO).

    ``---GOV`` -> (None, GOV); a quoted or null code -> (None, None).
    """
    if not code:
        return None, None
    c = code.strip().strip("~").upper()
    if not c or c[0] in "\"'" or c in _NULL_CODES or not re.fullmatch(r"[A-Z0-9\-+#]+", c):
        return None, None
    head, rest = c[:3], c[3:]
    if head in _NULL_CODES:
        country = None
    elif head in INTERNATIONAL_CODES:
        return None, head
    else:
        country = head
    for i in range(0, len(rest) - 2, 3):
        if rest[i : i + 3] in ROLE_CODES:
            return country, rest[i : i + 3]
    return country, None


def split_agent_code(code: str) -> str | None:
    """The sector of an agent code: ``~GOVFRM`` -> GOV, ``NGO~`` -> NGO."""
    c = code.replace("~", "").strip().upper()
    for i in range(0, len(c) - 2, 3):
        if c[i : i + 3] in ROLE_CODES:
            return c[i : i + 3]
    return c[:3] or None


_COMMENT = re.compile(r"<!.*?-->", re.S)
_CODE = re.compile(r"\[([^\]]*)\]")
_DATE = r"\d{6}(?:\d{2})?"
_RESTRICT = re.compile(
    rf"^(?P<code>\S+)\s*(?:(?P<op>[<>])\s*(?P<d>{_DATE})|(?P<a>{_DATE})\s*-\s*(?P<b>{_DATE}))?$"
)
_MACRO = re.compile(r"^(!\w+!)\s*=\s*(.+)$")


def _date(s: str) -> dt.date:
    if len(s) == 6:  # YYMMDD, TABARI's form
        yy = int(s[:2])
        s = f"{2000 + yy if yy < 30 else 1900 + yy}{s[2:]}"
    return dt.date(int(s[:4]), int(s[4:6]), int(s[6:8]))


def _parse_code(body: str) -> list[DatedCode]:
    m = _RESTRICT.match(body.strip())
    if not m:
        raise ValueError(f"cannot read code [{body.strip()}]")
    start = end = None
    if m["op"] == "<":
        end = _date(m["d"])
    elif m["op"] == ">":
        start = _date(m["d"]) + dt.timedelta(days=1)
    elif m["a"]:
        start, end = _date(m["a"]), _date(m["b"]) + dt.timedelta(days=1)
    return [DatedCode(c.strip(), start, end) for c in m["code"].split("/") if c.strip()]


def _phrase(raw: str) -> tuple[str, bool]:
    """Dictionary spelling -> (words with spaces, must the last word end there)."""
    exact = raw.endswith("_")
    return " ".join(raw.replace("_", " ").split()), exact


def _plural(phrase: str) -> str:
    """Regular English plural of a noun phrase's head: the word before OF, else the last."""
    words = phrase.split()
    i = next((k - 1 for k, w in enumerate(words) if w.upper() == "OF" and k > 0), len(words) - 1)
    w = words[i]
    if w[-1:].upper() == "Y" and len(w) > 1 and w[-2].upper() not in "AEIOU":
        words[i] = w[:-1] + ("IES" if w.isupper() else "ies")
    elif w.upper().endswith(("S", "X", "CH", "SH", "Z")):
        words[i] = w + ("ES" if w.isupper() else "es")
    else:
        words[i] = w + ("S" if w.isupper() else "s")
    return " ".join(words)


def _expand(name: str, macros: dict[str, list[str]]) -> list[str]:
    out = [name]
    for key, values in macros.items():
        out = [n.replace(key, v) for n in out for v in values] if any(key in n for n in out) else out
    return out


def parse_cameo_dictionary(text: str, *, origin: str = "<dictionary>") -> CameoDictionary:
    """Read an actors or agents dictionary. Lines that cannot be read are reported in
    ``problems`` (and skipped), so :mod:`palmyra.resources.lexicon_check` can list them."""
    text = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    entries: list[CameoEntry] = []
    problems: list[tuple[int, str]] = []
    macros: dict[str, list[str]] = {}
    cur: dict[str, list] | None = None  # names, exact, codes, line

    def close() -> None:
        nonlocal cur
        if cur is not None:
            codes = tuple(cur["codes"])
            agent = any("~" in c.code for c in codes)
            if not codes:
                problems.append((cur["line"][0], f"entry {cur['names'][0]!r} has no [CODE]"))
            entries.append(
                CameoEntry(
                    names=tuple(cur["names"]),
                    codes=codes,
                    line=cur["line"][0],
                    agent=agent,
                    exact=tuple(cur["exact"]),
                )
            )
        cur = None

    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        stripped = line.strip()
        if m := _MACRO.match(stripped):
            macros[m[1]] = [v.strip().replace("_", " ") for v in m[2].split(",") if v.strip()]
            continue
        codes: list[DatedCode] = []
        for body in _CODE.findall(stripped):
            try:
                codes += _parse_code(body)
            except ValueError as e:
                problems.append((n, str(e)))
        words = _CODE.sub("", stripped).strip()
        if "[" in words:
            problems.append((n, "unclosed ["))
            words = words.split("[", 1)[0].strip()
        plurals: list[str] | None = None
        if pm := re.search(r"\{([^}]*)\}", words):
            plurals = pm[1].split()
            words = (words[: pm.start()] + words[pm.end() :]).strip()
        if not words:  # a code line belonging to the current entry
            if cur is None:
                problems.append((n, "code with no entry above it"))
            else:
                cur["codes"] += codes
            continue
        if words.startswith("+"):
            if cur is None:
                problems.append((n, f"synonym {words!r} with no entry above it"))
                continue
            phrase, exact = _phrase(words[1:].strip())
            cur["names"].append(phrase)
            cur["exact"].append(exact)
            cur["codes"] += codes
            continue
        close()
        names: list[str] = []
        exacts: list[bool] = []
        agent = any("~" in c.code for c in codes)
        variants = _expand(words, macros)
        for variant in variants:
            phrase, exact = _phrase(variant)
            names.append(phrase)
            exacts.append(exact)
        if agent and (plurals is not None or len(variants) == 1):
            extra = [_phrase(p)[0] for p in plurals] if plurals is not None else [_plural(names[0])]
            names += extra
            exacts += [exacts[0]] * len(extra)
        cur = {"names": names, "exact": exacts, "codes": codes, "line": [n]}
    close()
    return CameoDictionary(entries=tuple(entries), problems=tuple(problems), origin=origin)


def is_cameo_file(path: str | Path, text: str | None = None) -> bool:
    """Is this a CAMEO-format dictionary rather than a palmyra ``actors.tsv``?"""
    p = Path(path)
    if p.suffix.lower() == ".tsv":
        return False
    text = text if text is not None else p.read_text(encoding="utf-8", errors="replace")
    rows = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return not rows or sum(ln.count("\t") >= 5 for ln in rows) < len(rows) / 2


def _entry_for(entry: CameoEntry, day: dt.date | None) -> tuple[LexiconEntry, str | None, str | None] | None:
    codes = entry.codes_on(day)
    if not codes:
        return None
    made = [_lexicon_entry(entry, code, day) for code in codes]
    lex, country, sector = made[0]
    if len(made) > 1:  # "THE_SHIRE [FRO/BIL/SAM]": the further codes ride along with the first
        lex = replace(
            lex,
            also=tuple(
                replace(m[0], name=f"{m[0].name} ({c})") for m, c in zip(made[1:], codes[1:], strict=True)
            ),
        )
    return lex, country, sector


def _lexicon_entry(
    entry: CameoEntry, code: str, day: dt.date | None
) -> tuple[LexiconEntry, str | None, str | None]:
    if entry.agent:
        country, sector = None, split_agent_code(code)
    else:
        country, sector = split_code(code)
    source: SourceType = (
        _SECTOR_SOURCE.get(sector or "", "unknown") if sector else ("government" if country else "unknown")
    )
    inter = _INTER.get(sector or "") if country or sector in ("IMG",) else None
    if country and not sector:
        inter = 1
    lex = LexiconEntry(
        name=entry.display_name, country=country, sector=sector, acled_inter=inter, source_type=source,
        agent=entry.agent,
    )  # fmt: skip
    return lex, country, sector


def _composed_by_palmyra(phrase: str) -> bool:
    """Agent nouns the actors stage already composes with a country ("Arnor's government")."""
    last = phrase.lower().split()[-1]
    forms = {last, last.removesuffix("s"), last[:-3] + "y" if last.endswith("ies") else last}
    return bool(forms & (FORCE_NOUNS.keys() | GROUP_NOUNS.keys()))


def dictionary_additions(
    dictionaries: Sequence[CameoDictionary], *, as_of: dt.date | None = None
) -> tuple[list[Addition], dict[str, str], dict[str, str]]:
    """Lexicon additions, extra country names (name -> code) and display names (code -> name)."""
    additions: list[Addition] = []
    names: dict[str, str] = {}
    common: dict[str, str] = {}
    for d in dictionaries:
        for entry in d.entries:
            made = _entry_for(entry, as_of)
            if made is None:
                continue
            lex, country, sector = made
            aliases = [n for n in entry.names if not (entry.agent and _composed_by_palmyra(n))]
            if not aliases:
                continue
            additions.append((lex, aliases, []))
            if country and not sector and not entry.agent:
                for n in entry.names:
                    names.setdefault(n.lower(), country)
                common.setdefault(country, entry.display_name)
    return additions, names, common


def load_actor_files(
    paths: Iterable[str | Path], *, as_of: dt.date | None = None, base: ActorLexicon | None = None
) -> ActorLexicon:
    """The bundled lexicon (or *base*) with each file's actors merged over it, in order.

    Files ending ``.tsv`` (or tab-separated with six or more columns) are read as palmyra's
    ``actors.tsv``; others as CAMEO dictionaries, date-restricted codes resolved for *as_of*.
    Returns an :class:`~palmyra.stages.actors.ActorLexicon`.
    """
    lex = base or load_lexicon()
    for path in paths:
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except OSError as e:
            raise ResourceError(f"cannot read actor dictionary {p}: {e.strerror}") from e
        if is_cameo_file(p, text):
            d = parse_cameo_dictionary(text, origin=str(p))
            additions, names, common = dictionary_additions([d], as_of=as_of)
            c = lex.countries
            countries = CountryNames(
                by_name={**c.by_name, **names}, by_demonym=c.by_demonym, common={**common, **c.common}
            )
            lex = extend_lexicon(lex, additions, countries=countries)
        else:
            user = ActorLexicon.from_tsv(text, origin=str(p))
            groups: dict[int, tuple[list[str], list[str]]] = {}
            for alias, idx, cs in user.aliases:
                groups.setdefault(idx, ([], []))[1 if cs else 0].append(alias)
            additions_tsv: list[Addition] = [
                (e, *groups.get(i, ([], []))) for i, e in enumerate(user.entries)
            ]
            lex = extend_lexicon(lex, additions_tsv)
    return lex
