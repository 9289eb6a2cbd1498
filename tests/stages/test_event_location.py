"""Which place an event gets: the story's focus only where the story names it outside the event's
sentence, a town named on a site there ("a Sofia restaurant") as where it happened."""

from __future__ import annotations

import pytest

from palmyra.resources.gazetteer import Candidate, Gazetteer
from palmyra.stages.actors import find_actors
from palmyra.stages.event_location import choose_location, focus_place
from palmyra.stages.places import context_countries, find_places
from palmyra.stages.segment import segment

PLACES = [
    Candidate(1, "United States", 39.76, -98.5, "USA", None, "PCLI", 327_000_000),
    Candidate(2, "Tampa", 27.95, -82.46, "USA", "FL", "PPL", 390_000),
    Candidate(3, "Los Angeles", 34.05, -118.24, "USA", "CA", "PPL", 3_900_000),
    Candidate(4, "Bulgaria", 42.67, 25.25, "BGR", None, "PCLI", 7_000_000),
    Candidate(5, "Sofia", 42.7, 23.32, "BGR", "42", "PPLC", 1_150_000),
    Candidate(6, "Iraq", 33.0, 44.0, "IRQ", None, "PCLI", 38_000_000),
    Candidate(7, "Baghdad", 33.34, 44.4, "IRQ", "07", "PPLC", 7_200_000),
]


@pytest.fixture(scope="module")
def gaz(tmp_path_factory):
    g = Gazetteer.from_rows(PLACES, [("US", 1)], tmp_path_factory.mktemp("evloc") / "g.sqlite")
    yield g
    g.close()


def _where(nlp, gaz, text, verb):
    """The place choose_location gives the first token ``verb`` (its text), as the pipeline calls it."""
    doc = nlp(text)
    segs = segment(text, is_place=gaz.is_known)
    context = context_countries(doc, segs, gaz)
    main = context.most_common(1)[0][0] if context else None
    places = find_places(doc, gaz, segments=segs, actors=find_actors(doc, main_country=main), context=context)
    trigger = next(t for t in doc if t.text == verb)
    place, _ = choose_location(trigger.sent, trigger.i, places, focus_place(places))
    return place


def test_a_town_named_only_on_a_person_in_the_sentence_is_not_where(nlp, gaz):
    text = "A Tampa woman named Katherine Freeman fatally shot her ex-husband in May 2000."
    assert _where(nlp, gaz, text, "shot") is None


def test_the_focus_named_elsewhere_in_the_story_stands_in(nlp, gaz):
    text = (
        "Police in Tampa said on Monday that a man had died overnight. A Tampa woman fatally shot her "
        "ex-husband, a police spokesman said."
    )
    place = _where(nlp, gaz, text, "shot")
    assert place is not None and place.name == "Tampa"


@pytest.mark.parametrize(
    ("text", "verb", "where"),
    [
        ("Last month, the owner of a posh Sofia restaurant was shot dead as he left.", "shot", "Sofia"),
        ("A truck was detonated Tuesday by unknown individuals outside the UN's Baghdad headquarters.",
         "detonated", "Baghdad"),
    ],
)  # fmt: skip
def test_a_town_named_on_a_site_is_where(nlp, gaz, text, verb, where):
    place = _where(nlp, gaz, text, verb)
    assert place is not None and place.name == where


def test_a_town_named_on_a_broadcaster_is_not_a_site(nlp, gaz):
    text = "The barricaded suspect shot himself, according to Los Angeles television station KCAL."
    assert _where(nlp, gaz, text, "shot") is None
