"""Confidence: how likely an event record is right, as a probability.

A logistic model over what the record itself shows (who, where, when, how it was said, its type)
gives the probability that the event's type is right. Its weights live in
``resources/confidence.json``, fitted by ``benchmarks/calibrate_confidence.py`` on the train
split of ConfliBERT's CAMEO sentences (the test split and the PLOVER gold-standard records are
held out: their reliability tables are printed by ``palmyra eval conflibert_cameo`` and ``palmyra
eval plover_gsr_cameo``). The file says how it was built and with what figures.
"""

from __future__ import annotations

import functools
import json
import math

from ..errors import ResourceError
from ..resources import read_data
from ..types import Event

__all__ = ["FEATURES", "confidence", "features", "load_model"]

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
FEATURES: tuple[str, ...] = (
    "bias", "actor1", "actor2", "actor1_named", "actor2_named", "assoc", "place_town", "place_any",
    "date_day", "claims", "mentions", "fatalities", "acled", "negated", "hypothetical", "background",
    *(f"type_{t}" for t in PLOVER_TYPES),
)  # fmt: skip
_NAMED_SECTORS = {"GOV", "MIL", "COP", "REB", "INS", "OPP", "IGO", "NGO", "LEG", "JUD"}


def features(e: Event, *, background: bool = False) -> list[float]:
    """The model's inputs for one event, in ``FEATURES`` order.

    ``background``: the event was told only in a relative or adverbial clause ("a helicopter that
    was captured last week"), which the record does not carry, so assembly passes it.
    """

    def named(a: object) -> float:
        return float(a is not None and getattr(a, "sector", None) in _NAMED_SECTORS)

    values = {
        "bias": 1.0,
        "actor1": float(e.actor1 is not None),
        "actor2": float(e.actor2 is not None),
        "actor1_named": named(e.actor1),
        "actor2_named": named(e.actor2),
        "assoc": float(bool(e.assoc_actors1)),
        "place_town": float(e.geo_precision == 1),
        "place_any": float(e.location is not None),
        "date_day": float(e.date_precision == "day"),
        "claims": float(bool(e.claims)),
        "mentions": float(len(e.evidence) > 1),
        "fatalities": float(e.fatalities > 0),
        "acled": float(e.acled_event_type is not None),
        "negated": float(e.negated),
        "hypothetical": float(e.hypothetical),
        "background": float(background),
    }
    for t in PLOVER_TYPES:
        values[f"type_{t}"] = float(e.plover_type == t)
    return [values[f] for f in FEATURES]


@functools.lru_cache(maxsize=1)
def load_model() -> dict[str, float]:
    """The fitted weights by feature name (``resources/confidence.json``)."""
    try:
        data = json.loads(read_data("confidence.json"))
        weights = {str(k): float(v) for k, v in data["weights"].items()}
    except (KeyError, TypeError, ValueError) as e:
        raise ResourceError(f"confidence.json: not a weights file ({e})") from e
    unknown = set(weights) - set(FEATURES)
    if unknown:
        raise ResourceError(f"confidence.json: unknown features {sorted(unknown)}")
    return weights


def confidence(e: Event, weights: dict[str, float] | None = None, *, background: bool = False) -> float:
    """The probability, in [0.01, 0.99] and rounded to 3 places, that ``e``'s type is right."""
    w = weights if weights is not None else load_model()
    x = features(e, background=background)
    z = sum(w.get(name, 0.0) * v for name, v in zip(FEATURES, x, strict=True))
    p = 1.0 / (1.0 + math.exp(-z))
    return round(min(0.99, max(0.01, p)), 3)
