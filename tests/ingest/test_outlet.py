from __future__ import annotations

import pytest

from palmyra.ingest import find_outlet_line


def test_source_line_after_comment_form() -> None:
    text = (
        "Troops entered the town on Sunday.\n\nSource- Daily Ledger\n\n"
        "Be the first to comment\n\nLeave a comment\n\nYour email address will not be published."
    )
    found = find_outlet_line(text)
    assert found is not None
    name, start, end = found
    assert name == "Daily Ledger"
    assert text[start:end] == "Source- Daily Ledger"


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Source: Reuters", "Reuters"),
        ("  SOURCE \u2013 Agence France-Presse.  ", "Agence France-Presse"),
        ("Source - (The Northern Star)", "The Northern Star"),
        ("Sources: Wire Service", "Wire Service"),
    ],
)
def test_forms(line: str, name: str) -> None:
    text = f"Body paragraph.\n\n{line}\n"
    found = find_outlet_line(text)
    assert found is not None
    assert found[0] == name
    assert text[found[1] : found[2]] == line.strip()


@pytest.mark.parametrize(
    "text",
    [
        "Body.\n\nSources said the army had withdrawn.",
        "Body.\n\nSource: a senior official who asked not to be named because he was not authorised to speak",
        "Source: Reuters\n\n" + "\n\n".join(f"Paragraph {i}." for i in range(10)),  # not near the end
        "",
    ],
)
def test_not_outlet_lines(text: str) -> None:
    assert find_outlet_line(text) is None
