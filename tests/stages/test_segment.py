from __future__ import annotations

from palmyra.stages.segment import segment


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
