"""Small gazetteers and articles written for the tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from palmyra.resources.gazetteer import Candidate, Gazetteer

PLACES = [
    Candidate(1138958, "Kabul", 34.52813, 69.17233, "AFG", "13", "PPLC", 3043532),
    Candidate(1135689, "Kunduz", 36.72896, 68.85700, "AFG", "24", "PPLA", 259809),
    Candidate(1149361, "Afghanistan", 33.0, 65.0, "AFG", None, "PCLI", 37172386),
    Candidate(6252001, "United States", 39.76, -98.5, "USA", None, "PCLI", 327167434),
    Candidate(5134295, "Kunduz Township", 43.0, -75.0, "USA", "NY", "PPL", 120),
]
NAMES = [("U.S.", 6252001), ("US", 6252001), ("America", 6252001), ("Qunduz", 1135689)]


def tiny_gazetteer(tmp: Path) -> Gazetteer:
    return Gazetteer.from_rows(PLACES, NAMES, tmp / "tiny-gazetteer.sqlite")


# the publication date of the one-sentence reports the coding tests write (a Monday)
PUBLISHED = dt.date(2021, 6, 14)


def acled_coder(tmp: Path) -> Callable[[str], list[dict[str, Any]]]:
    """text -> the asserted ACLED events the pipeline codes for it (records, in text order), published on
    ``PUBLISHED``, with the tiny gazetteer."""
    from palmyra.pipeline import Pipeline
    from palmyra.types import Article

    pipe = Pipeline(gazetteer=tiny_gazetteer(tmp))

    def run(text: str) -> list[dict[str, Any]]:
        events = [e.record() for e in pipe.analyse(Article(id="t", text=text, published=PUBLISHED)).events]
        return [e for e in events if e["acled_event_type"] and not e["negated"] and not e["hypothetical"]]

    return run


# A report written for these tests: a dateline that is not the event's place, a caption, relative
# dates, hedged figures, things that are not people, a truce that holds, a non-response, a source
# line and a comment form.
ARTICLE_TEXT = """Afghan soldiers patrol a market in Kunduz in this handout picture provided by the defence ministry on June 10, 2021. REUTERS/Handout

Kabul, Afghan government forces backed by U.S. airstrikes recaptured the northern city of Kunduz from Taliban fighters on Sunday, the Afghan defence ministry said on Sunday.

Government troops lost at least 12 soldiers on Friday in fighting near Kunduz, the ministry said.

American jets flew 30 sorties and hit 45 targets, killing more than 60 Taliban fighters and destroying seven trucks, the U.S. military said.

A fragile truce between the government and tribal elders continued to hold in the west.

The Taliban did not immediately respond to a request for comment.

The Taliban captured the city last autumn.

Source- Example Wire

Leave a comment

Your email address will not be published."""
