from __future__ import annotations

import re

import pytest

from palmyra.errors import ResourceError
from palmyra.resources.cameo_verbs import (
    Element,
    is_cameo_code,
    load_verb_file,
    parse_code,
    parse_verb_dictionary,
)
from palmyra.resources.lexicon_check import check_text

VERBS = """\
<!-- a small dictionary -->
&TIETYPES
+MILITARY
+ECONOMIC
+&MORE

&MORE
+CULTURAL EXCHANGE

--- RESTORE  [065] ---
RESTORE          # a comment
REBUILD [066]
BREAK {BROKE BROKEN}
WIRE_+TAP {WIRE_+TAPPED}
- * &TIETYPES TIES  [064]
- NOT_* RELATIONS [112]
- + * MONEY $  [071]
- % * TALKS  [032:033]
- * (TO {BANNED PARTIES}) [:173]
- PEACE-KEEPING *  [---]
- * DIPLXMATIC  [###]

~ a (a b ATTACK) SAY = a b 015
"""


def test_parse_forms_codes_and_synsets():
    d = parse_verb_dictionary(VERBS, origin="v.txt")
    assert d.problems == []
    assert d.block_codes["RESTORE"] == parse_code("065")
    words = d.by_word()
    assert {f.words for f in words["RESTORED"]} == {("RESTORE",)}
    assert words["BROKE"][0].words == ("BREAK",)
    tap = words["TAPPED"][0]
    assert (tap.words, tap.verb) == (("WIRE", "TAP"), 1)
    assert words["REBUILDS"][0].code == parse_code("066")
    assert d.expand("TIETYPES") == [("MILITARY",), ("ECONOMIC",), ("CULTURAL", "EXCHANGE")]
    assert d.transformations == 1


def test_parse_patterns():
    ps = {p.text: p for p in parse_verb_dictionary(VERBS).patterns["RESTORE"]}
    ties = ps["* &TIETYPES TIES"]
    assert ties.pre == () and ties.post == (Element("set", name="TIETYPES"), Element("word", ("TIES",)))
    assert ps["NOT_* RELATIONS"].pre == (Element("word", ("NOT",), joined=True),)
    money = ps["+ * MONEY $"]
    assert [e.kind for e in money.pre] == ["target"] and [e.kind for e in money.post] == ["word", "source"]
    assert ps["% * TALKS"].code == parse_code("032:033")
    assert parse_code("032:033").forward == "032" and parse_code("032:033").reverse == "033"
    assert parse_code(":173").forward is None and parse_code(":173").reverse == "173"
    assert [e.alts for e in ps["* (TO {BANNED PARTIES})"].post] == [("TO",), ("BANNED",), ("PARTIES",)]
    assert ps["PEACE-KEEPING *"].code.null
    diplx = ps["* DIPLXMATIC"].code  # "#" inside brackets is a code, not a comment
    assert diplx.null and diplx.raw == "###"


def test_cameo_codes():
    assert is_cameo_code("064") and is_cameo_code("1721") and is_cameo_code("20")
    assert not any(is_cameo_code(c) for c in ("025?", "210a", "903", "223", "def", None))


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("- * TIES [064]\n", 1, "no verb block"),
        ("--- RESTORE [064] ---\nRESTORE\n- * TIES * [064]\n", 3, "exactly one *"),
        ("--- RESTORE [064] ---\nRESTORE\n- * &NOPE [064]\n", 3, "unknown synonym set"),
        ("--- RESTORE [064] ---\nRESTORE\n- * TIES\n", 3, "no [CODE]"),
        ("--- RESTORE ---\n", 1, "--- NAME [CODE] ---"),
        ("--- RESTORE [064] ---\nRESTORE\n- * (TO TIES [064]\n", 3, "unbalanced"),
    ],
)
def test_problems_name_the_line(text, line, message, tmp_path):
    d = parse_verb_dictionary(text)
    assert d.problems and d.problems[0][0] == line and message in d.problems[0][1]
    path = tmp_path / "bad.verbs.txt"
    path.write_text(text)
    with pytest.raises(ResourceError, match=rf"bad\.verbs\.txt:{line}: .*{re.escape(message[:8])}"):
        load_verb_file(path)


def test_lexicon_check_reads_verbs():
    assert check_text(VERBS, "my.verbs.txt") == []
    probs = check_text("--- RESTORE [064] ---\nRESTORE\n- * &NOPE [064]\n", "my.verbs.txt")
    assert [(p.line, "unknown synonym set" in p.message) for p in probs] == [(3, True)]
