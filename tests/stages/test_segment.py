from __future__ import annotations

from palmyra.stages.segment import line_breaks, segment


def _kinds(text):
    segs = segment(text)
    return [(text[p.start : p.end], p.kind) for p in segs.paragraphs]


def test_paragraph_kinds():
    text = (
        "Troops advanced on the northern town on Saturday after days of fighting.\n\n"
        "A soldier stands guard near a damaged building in this handout picture provided by the army, "
        "March 3, 2016. REUTERS/Handout\n\n"
        "Local officials said the roads remained closed.\n\n"
        "Source- Some Outlet\n\n"
        "Leave a comment\n\n"
        "Your email address will not be published."
    )
    kinds = [k for _, k in _kinds(text)]
    assert kinds == ["story", "caption", "story", "source", "footer", "footer"]


def test_kind_at_and_is_story():
    text = "Fighting went on all day.\n\nLeave a comment"
    segs = segment(text)
    assert segs.is_story(0, 10)
    assert segs.kind_at(text.index("Leave")) == "footer"


def test_dateline_with_place_check():
    text = "Kabul, Afghan troops fought their way into the district centre on Thursday."
    segs = segment(text, is_place=lambda s: s == "Kabul")
    assert segs.dateline is not None
    s, e = segs.dateline
    assert text[s:e] == "Kabul"


def test_dateline_rejected_by_place_check():
    text = "Kabul, Afghan troops fought their way into the district centre on Thursday."
    segs = segment(text, is_place=lambda s: False)
    assert segs.dateline is None


def test_ap_dateline():
    text = "BOWLING GREEN, Ohio (AP) — Police said a man was arrested after a fight outside a bar."
    segs = segment(text)
    assert segs.dateline is not None
    s, e = segs.dateline
    assert text[s:e] == "BOWLING GREEN"


def test_dateline_is_in_first_story_paragraph():
    text = (
        "A man walks past rubble in this file photo. REUTERS/Someone\n\n"
        "Aleppo, Rebels shelled a government district on Monday."
    )
    segs = segment(text)
    assert segs.dateline is not None
    s, e = segs.dateline
    assert text[s:e] == "Aleppo"


def test_lead_in_covers_place_date_and_agency():
    text = "YANGON, April 12 (Reuters) - Myanmar's military carried out an air strike on Tuesday."
    segs = segment(text)
    assert segs.lead is not None
    assert text[segs.lead[0] : segs.lead[1]] == "YANGON, April 12 (Reuters) - "
    assert text[segs.dateline[0] : segs.dateline[1]] == "YANGON"
    assert segs.in_lead(text.index("Reuters")) and not segs.in_lead(text.index("Myanmar"))


def test_bare_agency_lead_in():
    text = "(Reuters) - Gunmen shot dead three workers on Monday."
    assert segment(text).lead == (0, len("(Reuters) - "))


def test_a_leading_date_is_not_a_dateline():
    for text in ("On May 9, missiles hit Kharkiv.", "Late Tuesday, gunmen stormed a hotel."):
        segs = segment(text, is_place=lambda _: True)
        assert segs.dateline is None and segs.lead is None


def test_an_appositive_is_not_a_dateline():
    text = "Pakistan, a key U.S. ally, has refused to send troops."
    segs = segment(text, is_place=lambda _: True)
    assert segs.dateline is None and segs.lead is None
    assert segment("Damascus, Syrian forces advanced on Sunday.", is_place=lambda _: True).dateline == (0, 8)


def test_a_heading_in_capitals_is_not_story():
    text = "PRESS RELEASE\n\nGunmen attacked a village on Sunday.\n\nKEY POINTS\n- Six killed\n- Two hurt"
    segs = segment(text)
    assert [p.kind for p in segs.paragraphs] == ["heading", "story", "story"]


def test_line_breaks_fall_before_bullets_and_after_headings():
    text = "KEY POINTS\n- Six killed in the town\n- Two hurt\nand a line that wraps"
    starts = [text[i : i + 5] for i in line_breaks(text, 0, len(text))]
    assert starts == ["- Six", "- Two"]


def test_a_dateline_may_carry_a_day_first_date_and_a_national_agency():
    for text in (
        "Ouagadougou, 14 January 2026 (AIB) – The army said it had repelled an attack.",
        "RAWALPINDI, Oct 20 (APP): Security forces killed four militants.",
    ):
        segs = segment(text)
        assert segs.lead is not None and text[segs.lead[1] :].startswith(("The army", "Security")), text
