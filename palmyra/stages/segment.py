"""Segment: tell the story apart from what surrounds it, and find the dateline.

Paragraphs (blocks separated by a blank line) are classed as ``story``,
``caption`` (photo captions and credits), ``source`` (a "Source- USA Today"
line), ``heading`` (a line in capitals: "PRESS RELEASE") or ``footer`` (comment
forms, share bars, subscription prompts). Only story paragraphs yield events;
inside one, a bulleted line or a line after a heading starts a sentence
(``line_breaks``), as situation reports list their highlights. The text itself is
never changed, so every offset still points into ``Article.text``.

The dateline ("Damascus, ...", "BOWLING GREEN, Ohio (AP) —") names where the
report was filed, not where anything happened; its span is returned so the
places stage can keep it out of event locations.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Segment", "Segments", "line_breaks", "segment"]

_CAPTION = re.compile(
    r"\b(?:REUTERS|AFP|AP Photo|Getty Images|EPA|Anadolu|Handout|SANA)/|"
    r"\bin this (?:handout |file )?(?:picture|photo|image|photograph)\b|"
    r"\b(?:handout )?(?:picture|photo) (?:provided|released|taken) by\b|"
    r"^\s*(?:Photo|Image|Caption|Credit|Pictured)\s*[:|]|"
    r"\((?:AP|Reuters|AFP) Photo",
    re.IGNORECASE | re.MULTILINE,
)
_SOURCE = re.compile(r"^\s*(?:Source|Via|Originally published (?:by|in|at))\s*[-–—:]\s*\S", re.IGNORECASE)
_FOOTER = re.compile(
    r"Leave a (?:comment|reply)|Your email address will not be published|Be the first to comment|"
    r"Required fields are marked|^\s*(?:Share|Share this|Tweet|Email|Print)\s*$|Click to share|"
    r"Subscribe to|Sign up for|All rights reserved|^\s*©|^\s*Related( articles| stories)?\s*:?\s*$|"
    r"^\s*Read more\b|^\s*Comments?\s*$|Post a comment",
    re.IGNORECASE | re.MULTILINE,
)
_PARA = re.compile(r"\S(?:.|\n(?!\s*\n))*", re.MULTILINE)
# A dateline: a place (capitalised words, optionally ", Region"), an optional "(AP)", then "," or a dash.
#: Wire services and agencies named in a dateline's brackets ("KABUL (Reuters) -").
AGENCIES = (
    "AP|AFP|Reuters|UPI|dpa|DPA|IANS|PTI|ANI|Xinhua|Anadolu|AA|Bernama|Kyodo|EFE|ANSA|IRNA|TASS|"
    "Interfax|CNN|BBC|Al Jazeera|NNA|SANA|KUNA|WAM|APA|PAP|Yonhap|Bloomberg|RFE/RL|VOA|UNI|NAN|APP|AIB|"
    "MAP|APS|ANP|ACP|SUNA|ENA|KNA|BSS|PNA|Lusa|Ukrinform"
)
_DATELINE = re.compile(
    r"(?!(?:On|In|At|By|From|Since|After|Before|During|Until|Between|Around|Early|Late|Last|This|Earlier|"
    r"Later|Meanwhile|However|Overnight)\b)"  # "On May 9, missiles ...": a date, not a dateline
    r"(?P<place>[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3})"
    r"(?:,\s+(?P<region>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2}))?"
    r"(?:,?\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}(?:\s+\d{4})?))?"
    # "YANGON, April 12 (Reuters)", "Ouagadougou, 14 January 2026 (AIB)"
    rf"(?:\s*\((?:{AGENCIES})\))?"
    r"\s*(?:[,:]|[-–—]{1,2})\s+"
)
#: A bare agency lead-in with no place: "(Reuters) - ".
_AGENCY_LEAD = re.compile(rf"\s*\((?:{AGENCIES})\)\s*[-–—:]{{1,2}}\s+")


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    kind: str  # story | caption | source | footer


@dataclass(frozen=True)
class Segments:
    paragraphs: tuple[Segment, ...]
    dateline: tuple[int, int] | None  # char span of the dateline's place name
    #: char span of the whole lead-in ("YANGON, April 12 (Reuters) - "): no actor, event or date in it
    lead: tuple[int, int] | None = None

    def in_lead(self, offset: int) -> bool:
        return self.lead is not None and self.lead[0] <= offset < self.lead[1]

    def kind_at(self, offset: int) -> str:
        for p in self.paragraphs:
            if p.start <= offset < p.end:
                return p.kind
        return "story"

    def same_paragraph(self, a: int, b: int) -> bool:
        return any(p.start <= a < p.end and p.start <= b < p.end for p in self.paragraphs)

    def is_story(self, start: int, end: int) -> bool:
        return self.kind_at(start) == "story" and self.kind_at(max(start, end - 1)) == "story"


def _classify(text: str) -> str:
    if _SOURCE.search(text) and len(text) < 120:
        return "source"
    if _is_heading(text):
        return "heading"
    if _FOOTER.search(text) and len(text) < 300:
        return "footer"
    if _CAPTION.search(text):
        return "caption"
    return "story"


def _is_heading(line: str) -> bool:
    """A line in capitals only: a press release's or a report's heading ("PRESS RELEASE", "KEY POINTS",
    "ATTACK ON RUWI COMMUNITY: POLICE DEPLOY TEAMS"), not a sentence of the story."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and not any(c.islower() for c in letters) and len(line) <= 200


#: The start of a bulleted line: "- At least 7 civilians killed", "• Six women assaulted".
_BULLET = re.compile(r"\s*(?:[-–—•*▪●]|\d{1,2}[.)])\s+\S")


def line_breaks(text: str, start: int, end: int) -> list[int]:
    """Offsets in ``text[start:end]`` where a new sentence must begin though no full stop ends the
    one before: a bulleted line, or any line after a heading in capitals ("HIGHLIGHTS\n- ...")."""
    out: list[int] = []
    pos = text.find("\n", start, end)
    while pos != -1:
        line_start = text.rfind("\n", start, pos) + 1 or start
        nxt = pos + 1
        if text[nxt:end].strip() and (
            _BULLET.match(text, nxt, end) or _is_heading(text[max(line_start, start) : pos])
        ):
            out.append(nxt + len(text[nxt:end]) - len(text[nxt:end].lstrip()))
        pos = text.find("\n", nxt, end)
    return out


def _appositive(text: str, m: re.Match[str]) -> bool:
    """A lead-in that is only "Name, " followed by a lower-case word opens an apposition, not a dateline."""
    plain = m.group("region") is None and m.group(0).rstrip().endswith(",") and "(" not in m.group(0)
    after = text[m.end() : m.end() + 1]
    return plain and after.islower()


def segment(text: str, *, is_place: Callable[[str], bool] | None = None) -> Segments:
    """Class each paragraph of ``text`` and find the dateline of the first story paragraph.

    ``is_place`` is an optional callable ``str -> bool`` (a gazetteer check) that a
    dateline candidate must pass; without it any capitalised lead-in qualifies.
    """
    paras = [Segment(m.start(), m.end(), _classify(m.group())) for m in _PARA.finditer(text)]
    dateline = lead = None
    first = next((p for p in paras if p.kind == "story"), None)
    if first is not None:
        m = _DATELINE.match(text, first.start, first.end)
        if m and _appositive(text, m):
            m = None  # "Pakistan, a key U.S. ally, has refused ...": the story's subject, not a dateline
        if m and (is_place is None or is_place(m.group("place"))):
            dateline, lead = (m.start("place"), m.end("place")), (m.start(), m.end())
        elif bare := _AGENCY_LEAD.match(text, first.start, first.end):
            lead = (bare.start(), bare.end())
    return Segments(tuple(paras), dateline, lead)
