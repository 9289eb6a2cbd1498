"""Geoparsing gold sets and system outputs: readers, the mention matcher and the metrics.

Pure functions over small typed values, so ``palmyra eval geoparse`` stays a thin
driver and each piece is tested on hand-written snippets.

**Readers.** LGL and TR-News share one XML schema (``<article>`` with ``<text>`` and
``<toponyms><toponym><start><end><phrase><gaztag>``); GeoVirus has its own
(``<article><text><locations><location><name><start><end><lat><lon>``). The
published system outputs (and Gritta's ``*_gold.txt``) are one line per article,
mentions separated by ``||`` and fields by ``,,``:
``resolved_name,,surface,,lat,,lon,,start,,end[,,...]``, with ``null`` where a
system gave no coordinates.

Known defects of the gold files are repaired by one general rule, :func:`realign`:
a span whose text is not its phrase is moved onto the nearest occurrence of the
phrase within :data:`REALIGN_WINDOW` characters (TR-News drifts by 1-10 characters
in 19 articles). GeoVirus offsets are all one character to the right of the text
an XML parser returns, so its reader shifts them by one first.

**Matching** (:func:`match`), one-to-one, gold mentions in text order, each taking
the best unused prediction:

* ``overlap`` (the default): the character spans overlap, or the surface forms are
  equal (casefolded) and the span centres are under 10 characters apart (that second
  clause lets published outputs with drifted offsets, such as Edinburgh's, match).
  The prediction overlapping most wins, then the nearest. A prediction matching a
  gold mention that has no coordinates (LGL leaves 626 unresolved) is neither a hit
  nor a false alarm: the annotators saw a place they could not pin.
* ``gritta``: Gritta et al.'s rule from ``methods.py`` (WhatsMissingInGeoparsing):
  equal surface forms (casefolded), span centres under 10 characters apart, first
  prediction in its order wins; gold mentions without coordinates are dropped before
  matching, so predicting them is a false positive. It reproduces the published
  LGL figures of the baseline systems.
* ``surface``: equal surface forms anywhere in the article, as Gritta et al. scored
  Topocluster, whose offsets do not point into the article text.

**Metrics** (:class:`Scores`): precision, recall and F1 of detection; on matched
mentions with coordinates on both sides, the great-circle error in km, Acc@161
(share within 161 km, i.e. 100 miles), mean and median error, and the AUC of
Gritta et al. 2018 ("What's missing in geographical parsing?", LRE 52): the errors
sorted, each taken as ln(1 + km), the area under that curve by the trapezoidal rule
divided by the area if every error were the largest possible, ln(20039 km) over
n - 1 steps. Lower is better; 0 is perfect.
"""

from __future__ import annotations

import math
import statistics
import xml.etree.ElementTree as et
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..resources.gazetteer import haversine_km

__all__ = [
    "ACC_KM",
    "MAX_ERROR_KM",
    "REALIGN_WINDOW",
    "GoldDoc",
    "Matching",
    "Mention",
    "Rule",
    "Scores",
    "auc",
    "haversine_km",
    "match",
    "read_geovirus",
    "read_lgl",
    "read_system_output",
    "realign",
    "score",
]

MAX_ERROR_KM = 20039.0  # half the Earth's circumference: the largest possible error (Gritta et al.)
ACC_KM = 161.0  # Acc@161: within 100 miles
REALIGN_WINDOW = 20  # TR-News drifts by up to 10 characters (SOURCE.md); twice that, to be safe
CENTRE_CHARS = 10  # Gritta's rule: span centres under 10 characters apart

Rule = Literal["overlap", "gritta", "surface"]


@dataclass(frozen=True)
class Mention:
    """A place mention: its surface text, character span and point (None when unresolved), and its
    GeoNames id where the gold or the system gives one."""

    text: str
    start: int
    end: int
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def centre(self) -> float:
        return (self.start + self.end) / 2


@dataclass(frozen=True)
class GoldDoc:
    id: str
    text: str
    places: tuple[Mention, ...]
    title: str | None = None
    published: str | None = None
    url: str | None = None


# ---------------------------------------------------------------- readers


def realign(text: str, phrase: str, start: int, *, window: int = REALIGN_WINDOW) -> int:
    """``start`` moved onto the nearest occurrence of ``phrase`` within ``window`` characters
    (unchanged when the span already reads ``phrase`` or no occurrence is that near)."""
    if not phrase or text[start : start + len(phrase)] == phrase:
        return start
    best: int | None = None
    lo = max(0, start - window)
    i = text.find(phrase, lo, start + window + len(phrase))
    while i != -1:
        if best is None or abs(i - start) < abs(best - start):
            best = i
        i = text.find(phrase, i + 1, start + window + len(phrase))
    return start if best is None else best


def _float(s: str | None) -> float | None:
    if s is None or s.strip() in ("", "null", "None"):
        return None
    try:
        return float(s)
    except ValueError:
        return None


def _child_text(node: et.Element, tag: str) -> str | None:
    child = node.find(tag)
    return None if child is None or child.text is None else child.text.strip()


def read_lgl(path: str | Path) -> list[GoldDoc]:
    """LGL or TR-News XML: every toponym, with the gaztag point when there is one."""
    docs = []
    for n, art in enumerate(et.parse(path).getroot().iter("article")):
        text = (art.find("text").text if art.find("text") is not None else None) or ""  # type: ignore[union-attr]
        places = []
        for top in art.iter("toponym"):
            phrase = _child_text(top, "phrase") or ""
            start = int(_child_text(top, "start") or 0)
            start = realign(text, phrase, start)
            tag = top.find("gaztag")
            lat = _float(_child_text(tag, "lat")) if tag is not None else None
            lon = _float(_child_text(tag, "lon")) if tag is not None else None
            gid = tag.get("geonameid") if tag is not None else None
            geonameid = int(gid) if gid and gid.isdigit() else None
            places.append(Mention(phrase, start, start + len(phrase), lat, lon, geonameid))
        docs.append(
            GoldDoc(
                id=art.get("docid") or str(n),
                text=text,
                places=tuple(places),
                title=_child_text(art, "title"),
                published=(_child_text(art, "dltime") or "")[:10] or None,
                url=_child_text(art, "url"),
            )
        )
    return docs


def read_geovirus(path: str | Path) -> list[GoldDoc]:
    """GeoVirus XML, offsets shifted one character left (see the module docstring)."""
    docs = []
    for n, art in enumerate(et.parse(path).getroot().iter("article")):
        text = _raw_text(art)
        places = []
        for loc in art.iter("location"):
            name = _child_text(loc, "name") or ""
            start = int(_child_text(loc, "start") or 1) - 1
            end = int(_child_text(loc, "end") or 1) - 1
            if text[start:end] != name:
                start = realign(text, name, start)
                end = start + len(name)
            places.append(
                Mention(
                    text[start:end],
                    start,
                    end,
                    _float(_child_text(loc, "lat")),
                    _float(_child_text(loc, "lon")),
                )
            )
        source = _child_text(art, "source")
        docs.append(GoldDoc(id=source or str(n), text=text, places=tuple(places), url=source))
    return docs


def _raw_text(art: et.Element) -> str:
    node = art.find("text")
    return "" if node is None or node.text is None else node.text


def read_system_output(path: str | Path) -> list[list[Mention]]:
    """One list of mentions per article line (duplicates of one span dropped)."""
    out = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh.read().split("\n"):
            mentions: list[Mention] = []
            seen = set()
            for item in line.split("||"):
                fields = item.split(",,")
                if len(fields) < 6:
                    continue
                try:
                    start, end = int(fields[4]), int(fields[5])
                except ValueError:
                    continue
                m = Mention(fields[1], start, end, _float(fields[2]), _float(fields[3]))
                if (m.start, m.end, m.text) not in seen:
                    seen.add((m.start, m.end, m.text))
                    mentions.append(m)
            out.append(mentions)
    return out


# ---------------------------------------------------------------- matching


@dataclass
class Matching:
    """The pairs (gold, prediction) and what was left: missed gold, false predictions."""

    pairs: list[tuple[Mention, Mention]] = field(default_factory=list)
    missed: list[Mention] = field(default_factory=list)
    false: list[Mention] = field(default_factory=list)


def _overlap(a: Mention, b: Mention) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def _same_surface(a: Mention, b: Mention) -> bool:
    return a.text.casefold().strip() == b.text.casefold().strip() and abs(a.centre - b.centre) < CENTRE_CHARS


def match(gold: Sequence[Mention], predicted: Sequence[Mention], *, rule: Rule = "overlap") -> Matching:
    """Pair gold and predicted mentions one-to-one by ``rule`` (see the module docstring)."""
    if rule != "overlap":
        gold = [g for g in gold if g.has_point]
    free = list(predicted)
    result = Matching()
    for g in sorted(gold, key=lambda m: m.start):
        if rule == "gritta":
            hit = next((p for p in free if _same_surface(g, p)), None)
        elif rule == "surface":
            hit = next((p for p in free if p.text.casefold().strip() == g.text.casefold().strip()), None)
        else:
            options = [p for p in free if _overlap(g, p) > 0 or _same_surface(g, p)]
            hit = max(options, key=lambda p: (_overlap(g, p), -abs(g.centre - p.centre)), default=None)
        if hit is None:
            if g.has_point:
                result.missed.append(g)
            continue
        free.remove(hit)
        if g.has_point:
            result.pairs.append((g, hit))
    result.false = free
    return result


# ---------------------------------------------------------------- metrics


def auc(errors_km: Iterable[float]) -> float | None:
    """Gritta et al.'s AUC: area under the sorted ln(1 + km) curve over the worst case (0 best, 1 worst)."""
    ys = sorted(math.log1p(max(e, 0.0)) for e in errors_km)
    if not ys:
        return None
    if len(ys) == 1:
        return ys[0] / math.log(MAX_ERROR_KM)
    area = sum((a + b) / 2 for a, b in zip(ys, ys[1:], strict=False))
    return area / (math.log(MAX_ERROR_KM) * (len(ys) - 1))


@dataclass
class Scores:
    """Detection counts and resolution errors (km), summed over articles."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[float] = field(default_factory=list)

    def add(self, m: Matching) -> None:
        self.tp += len(m.pairs)
        self.fp += len(m.false)
        self.fn += len(m.missed)
        for g, p in m.pairs:
            if p.has_point:
                assert g.lat is not None and g.lon is not None and p.lat is not None and p.lon is not None
                self.errors.append(haversine_km(g.lat, g.lon, p.lat, p.lon))

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p and r else None

    @property
    def acc161(self) -> float | None:
        return sum(e <= ACC_KM for e in self.errors) / len(self.errors) if self.errors else None

    @property
    def mean_km(self) -> float | None:
        return statistics.fmean(self.errors) if self.errors else None

    @property
    def median_km(self) -> float | None:
        return statistics.median(self.errors) if self.errors else None

    @property
    def auc(self) -> float | None:
        return auc(self.errors)


def score(
    gold: Sequence[Sequence[Mention]], predicted: Sequence[Sequence[Mention]], *, rule: Rule = "overlap"
) -> Scores:
    """Scores of one system over articles (gold and predictions aligned by index; missing lines are empty)."""
    s = Scores()
    for i, g in enumerate(gold):
        s.add(match(g, predicted[i] if i < len(predicted) else [], rule=rule))
    return s
