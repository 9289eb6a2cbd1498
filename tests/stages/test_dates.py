from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from spacy.language import Language

from palmyra.stages.dates import best_anchor_from_text, find_dates, resolve_date

D = dt.date
SUNDAY = D(2016, 3, 27)  # publication date used throughout: a Sunday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # weekdays: the latest such day on or before the anchor (dateparser gets "Sunday" wrong)
        ("Sunday", (D(2016, 3, 27), "day")),
        ("on Sunday", (D(2016, 3, 27), "day")),
        ("on Friday", (D(2016, 3, 25), "day")),
        ("last Friday", (D(2016, 3, 25), "day")),
        ("Friday night", (D(2016, 3, 25), "day")),
        ("late on Thursday", (D(2016, 3, 24), "day")),
        ("Monday", (D(2016, 3, 21), "day")),
        ("last Sunday", (D(2016, 3, 20), "day")),
        ("next Tuesday", (D(2016, 3, 29), "day")),
        # days relative to the anchor
        ("today", (SUNDAY, "day")),
        ("this morning", (SUNDAY, "day")),
        ("tonight", (SUNDAY, "day")),
        ("yesterday", (D(2016, 3, 26), "day")),
        ("yesterday afternoon", (D(2016, 3, 26), "day")),
        ("last night", (D(2016, 3, 26), "day")),
        ("in the last day", (D(2016, 3, 26), "day")),
        ("in the past 24 hours", (D(2016, 3, 26), "day")),
        ("overnight", (D(2016, 3, 26), "day")),
        # weeks, months, years relative to the anchor
        ("this week", (SUNDAY, "week")),
        ("earlier this week", (SUNDAY, "week")),
        ("last week", (D(2016, 3, 20), "week")),
        ("over the weekend", (D(2016, 3, 26), "week")),
        ("this month", (D(2016, 3, 1), "month")),
        ("earlier this month", (D(2016, 3, 1), "month")),
        ("last month", (D(2016, 2, 1), "month")),
        ("this year", (D(2016, 1, 1), "year")),
        ("last year", (D(2015, 1, 1), "year")),
        # counted units ago
        ("3 days ago", (D(2016, 3, 24), "day")),
        ("two weeks ago", (D(2016, 3, 13), "week")),
        ("a few days ago", (D(2016, 3, 24), "week")),
        ("six months ago", (D(2015, 9, 1), "month")),
        ("two years ago", (D(2014, 1, 1), "year")),
        # seasons: middle month's first day, precision month
        ("last spring", (D(2015, 4, 1), "month")),
        ("this spring", (D(2016, 4, 1), "month")),
        ("last summer", (D(2015, 7, 1), "month")),
        ("last winter", (D(2016, 1, 1), "month")),
        ("in the autumn", (D(2015, 10, 1), "month")),
        ("spring 2015", (D(2015, 4, 1), "month")),
        ("the winter of 2015", (D(2015, 1, 1), "month")),
        # years
        ("in 2014", (D(2014, 1, 1), "year")),
        ("early 2015", (D(2015, 1, 1), "year")),
        # absolute dates
        ("March 26", (D(2016, 3, 26), "day")),
        ("on March 26, 2016", (D(2016, 3, 26), "day")),
        ("26 March 2016", (D(2016, 3, 26), "day")),
        ("2016-03-26", (D(2016, 3, 26), "day")),
        ("Sunday, March 27", (D(2016, 3, 27), "day")),
        ("March 28", (D(2015, 3, 28), "day")),  # no year: the latest March 28 on or before the anchor
        ("March 2015", (D(2015, 3, 1), "month")),
        ("April", (D(2015, 4, 1), "month")),
        ("mid-March", (D(2016, 3, 1), "month")),
        ("the 26th", (D(2016, 3, 26), "day")),
        # ranges: the first day; a week at most gives week precision
        ("March 25-26", (D(2016, 3, 25), "week")),
        ("between March 1 and March 5", (D(2016, 3, 1), "week")),
        ("20 to 24 March 2016", (D(2016, 3, 20), "week")),
        ("March 1 to April 20", (D(2016, 3, 1), "month")),
        # a day of the month alone: the latest such day on or before the anchor
        ("on the 2nd", (D(2016, 3, 2), "day")),
        ("the 27th", (SUNDAY, "day")),
        ("the 28th", (D(2016, 2, 28), "day")),
        ("the 31st", (D(2016, 1, 31), "day")),
        ("3rd of March, 2016", (D(2016, 3, 3), "day")),
        # a month named against the year of the anchor
        ("June last year", (D(2015, 6, 1), "month")),
        ("in January this year", (D(2016, 1, 1), "month")),
        ("last March", (D(2015, 3, 1), "month")),
        ("last February", (D(2016, 2, 1), "month")),
    ],
)
def test_resolve_date_against_anchor(text: str, expected: tuple[dt.date, str]) -> None:
    assert resolve_date(text, SUNDAY) == expected


@pytest.mark.parametrize(
    "text",
    ["three-week", "years", "thousands of years", "every year", "hours", "decades", "now", "the 1990s",
     "a week", "the past two weeks", "recently", ""],
)  # fmt: skip
def test_durations_and_vague_times_are_not_dates(text: str) -> None:
    assert resolve_date(text, SUNDAY) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 26, 2016", (D(2016, 3, 26), "day")),
        ("2016-03-26", (D(2016, 3, 26), "day")),
        ("March 2015", (D(2015, 3, 1), "month")),
        ("in 2014", (D(2014, 1, 1), "year")),
        ("spring 2015", (D(2015, 4, 1), "month")),
        ("Sunday", None),
        ("on Friday", None),
        ("this week", None),
        ("last spring", None),
        ("yesterday", None),
        ("two years ago", None),
        ("March 26", None),  # no year and no anchor: cannot tell which March
    ],
)
def test_without_anchor_only_dates_with_a_year_resolve(text: str, expected: object) -> None:
    assert resolve_date(text, None) == expected


def test_anchor_on_a_friday_makes_last_friday_the_week_before() -> None:
    friday = D(2016, 3, 25)
    assert resolve_date("Friday", friday) == (friday, "day")
    assert resolve_date("last Friday", friday) == (D(2016, 3, 18), "day")


def test_last_season_outside_that_season_is_the_latest_one() -> None:
    july = D(2016, 7, 10)
    assert resolve_date("last spring", july) == (D(2016, 4, 1), "month")
    assert resolve_date("last summer", july) == (D(2015, 7, 1), "month")
    assert resolve_date("last winter", D(2016, 1, 15)) == (D(2015, 1, 1), "month")


def test_month_shift_crosses_a_year() -> None:
    assert resolve_date("last month", D(2016, 1, 10)) == (D(2015, 12, 1), "month")


def test_best_anchor_is_the_latest_full_date_in_the_text() -> None:
    text = (
        "A photo taken on March 20, 2016 shows the square. Officials met on 24 March 2016 and again "
        "in April. The report cites figures from 2015-11-02."
    )
    assert best_anchor_from_text(text) == D(2016, 3, 24)
    assert best_anchor_from_text("Fighting went on this week.") is None


@pytest.mark.model
def test_find_dates_gives_offsets_into_the_doc(nlp: Language) -> None:
    doc = nlp("The town was calm. Rebels seized the bridge on Friday after a three-week siege.")
    sent = list(doc.sents)[1]
    refs = find_dates(sent, anchor=SUNDAY)
    assert [(r.date, r.precision) for r in refs] == [(D(2016, 3, 25), "day")]
    ref = refs[0]
    assert doc.text[ref.start : ref.end] == ref.text
    assert ref.text is not None and "Friday" in ref.text


@pytest.mark.model
def test_find_dates_reads_written_dates_the_ner_misses(nlp: Language) -> None:
    for text in (
        "Around 3 May 2021 (between 1-3 May), ISWAP fighters attacked a base in Marte (Borno).",
        "On the night of 2 May 2021, JNIM militants ambushed a convoy near Boni (Mopti region).",
    ):
        doc = nlp(text)
        refs = find_dates(doc[:], anchor=D(2021, 5, 4))
        assert [(r.date, r.precision) for r in refs][:1] in (
            [(D(2021, 5, 3), "day")],
            [(D(2021, 5, 2), "day")],
        ), text
        assert all(doc.text[r.start : r.end] == r.text for r in refs)
        assert refs == sorted(refs, key=lambda r: r.start)


@pytest.mark.model
def test_a_date_entity_of_two_parts_is_read_part_by_part(nlp: Language) -> None:
    doc = nlp("Teachers affiliated with the union marched yesterday, Wednesday, through the city.")
    refs = find_dates(doc[:], anchor=D(2026, 5, 28))
    assert [(r.date, r.precision) for r in refs][:1] == [(D(2026, 5, 27), "day")]
    assert all(doc.text[r.start : r.end] == r.text for r in refs)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at about 11pm on Friday", (D(2016, 3, 25), "day")),
        ("around 2:30 a.m. on 3 March", (D(2016, 3, 3), "day")),
        ("overnight into Saturday", (D(2016, 3, 26), "day")),
        ("late on Tuesday night", (D(2016, 3, 22), "day")),
        ("on the 17th instant", (D(2016, 3, 17), "day")),
        ("the 3rd inst.", (D(2016, 3, 3), "day")),
    ],
)
def test_clock_times_nights_and_instant(text: str, expected: tuple[dt.date, str]) -> None:
    assert resolve_date(text, SUNDAY) == expected


def test_slashed_dates_take_the_reading_on_or_before_the_anchor() -> None:
    published = D(2026, 8, 5)
    assert resolve_date("On 03/08/2026", published) == (D(2026, 8, 3), "day")  # day first
    assert resolve_date("08/03/2026", published) == (D(2026, 8, 3), "day")  # month first
    assert resolve_date("17/05/2026", published) == (D(2026, 5, 17), "day")
    assert resolve_date("05/09/2026", published) == (D(2026, 5, 9), "day")  # 5 Sept is still to come
    assert resolve_date("25/12/2025", None) == (D(2025, 12, 25), "day")


def test_a_datelines_date_is_the_reports_not_an_events() -> None:
    from palmyra.stages.dates import in_dateline

    def check(text: str, date: str) -> bool:
        return in_dateline(text, text.index(date), text.index(date) + len(date))

    assert check("RAWALPINDI, Oct 20 (APP): Eight terrorists were killed on Monday.", "Oct 20")
    assert check("Ouagadougou, 14 January 2026 (AIB) \u2013 Units engaged a group.", "14 January 2026")
    assert not check("On 14 January 2026, troops engaged a group.", "14 January 2026")
    assert not check("Troops engaged a group on Monday: ten were killed.", "Monday")
    assert not check("RAWALPINDI, Oct 20 (APP): Eight terrorists were killed on Monday.", "Monday")


@pytest.mark.model
def test_a_lede_without_a_date_takes_the_date_told_next(tmp_path: Path, nlp: Language) -> None:
    from palmyra.pipeline import Pipeline
    from palmyra.types import Article

    from ..helpers import tiny_gazetteer

    pipe = Pipeline(gazetteer=tiny_gazetteer(tmp_path))
    text = (
        "Gunmen have abducted at least 23 people from a village in Kunduz province.\n\n"
        "Residents said the attackers stormed the village at about 11pm on Friday, shooting into the air.\n\n"
        "Last month gunmen abducted 40 people in the province."
    )
    events = [e.record() for e in pipe.extract(Article(id="a", text=text, published=SUNDAY))]
    first = next(e for e in events if e["acled_event_type"])
    assert first["event_date"] == "2016-03-25"
    old = text.replace("at about 11pm on Friday", "in January").split("\n\nLast")[0]  # long before
    events = [e.record() for e in pipe.extract(Article(id="b", text=old, published=SUNDAY))]
    first = next(e for e in events if e["acled_event_type"])
    assert first["event_date"] == "2016-03-27"


@pytest.mark.model
def test_a_lede_dated_only_by_a_sentence_with_no_event_of_its_own(tmp_path: Path, nlp: Language) -> None:
    from palmyra.pipeline import Pipeline
    from palmyra.types import Article

    from ..helpers import tiny_gazetteer

    pipe = Pipeline(gazetteer=tiny_gazetteer(tmp_path))
    text = "Gunmen abducted 23 villagers in Kunduz.\n\nResidents said the men came at about 11pm on Friday."
    events = [e.record() for e in pipe.extract(Article(id="a", text=text, published=SUNDAY))]
    assert [e["event_date"] for e in events if e["acled_event_type"]] == ["2016-03-25"]


def test_an_overnight_raid_names_no_night(nlp: Language) -> None:
    doc = nlp("Rebels killed 18 civilians in an overnight raid on the village, officials said Wednesday.")
    assert [d.text for d in find_dates(doc, anchor=SUNDAY)] == ["Wednesday"]


def test_a_day_adverb_the_ner_leaves_untagged_is_a_date(nlp: Language) -> None:
    doc = nlp(
        "Unknown assailants set fire to a primary school in Kumba overnight, the third such arson attack "
        "this month, local officials said."
    )
    refs = find_dates(doc, anchor=SUNDAY)
    assert [(d.text, d.date, d.precision) for d in refs][0] == ("overnight", D(2016, 3, 26), "day")


@pytest.mark.model
def test_the_day_told_next_beats_the_day_a_lede_was_reported(tmp_path: Path, nlp: Language) -> None:
    from palmyra.pipeline import Pipeline
    from palmyra.types import Article

    from ..helpers import tiny_gazetteer

    pipe = Pipeline(gazetteer=tiny_gazetteer(tmp_path))
    text = (
        "The army said on Saturday it had killed 20 militants in an operation near Kunduz.\n\n"
        "Troops attacked a militant base on Thursday close to the city, the army said."
    )
    events = [e.record() for e in pipe.extract(Article(id="a", text=text, published=SUNDAY))]
    first = next(e for e in events if e["acled_event_type"])
    assert first["event_date"] == "2016-03-24"


@pytest.mark.model
def test_a_lede_without_a_date_is_not_last_months_event(tmp_path: Path, nlp: Language) -> None:
    from palmyra.pipeline import Pipeline
    from palmyra.types import Article

    from ..helpers import tiny_gazetteer

    pipe = Pipeline(gazetteer=tiny_gazetteer(tmp_path))
    text = (
        "Gunmen have abducted at least 23 people from a village in Kunduz province.\n\n"
        "Last month gunmen abducted 40 people in the province."
    )
    events = [e.record() for e in pipe.extract(Article(id="a", text=text, published=SUNDAY))]
    dates = sorted(e["event_date"] for e in events if e["acled_event_type"])
    assert dates == ["2016-02-01", "2016-03-27"]


def test_a_march_in_lower_case_is_no_month(nlp: Language) -> None:
    doc = nlp("The march, organised by the Bristol Trades Union Council, started at noon on Saturday.")
    assert [d.text for d in find_dates(doc, anchor=SUNDAY)] == ["Saturday"]
