from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    """The default spaCy pipeline (en_core_web_md), loaded once for the test session."""
    from palmyra.nlp import load_nlp

    return load_nlp()
