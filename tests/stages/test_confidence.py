from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from palmyra.errors import ResourceError
from palmyra.stages import confidence as conf
from palmyra.types import Actor, Event


def _event(**kw):
    base = dict(
        event_id="e", article_ids=("a",), event_date=dt.date(2020, 1, 1), date_precision="day",
        plover_type="ASSAULT", plover_mode=None, cameo_root="19", acled_event_type="Battles",
        acled_sub_event_type="Armed clash",
        actor1=Actor(text="the army", name="Military Forces of Chad", country="TCD", sector="MIL",
                     acled_inter=1),
        actor2=None, assoc_actors1=(), location=None, geo_precision=None, fatalities=3,
        fatalities_text="three soldiers", claims=(), reported_by=(), evidence=(), negated=False,
        hypothetical=False, confidence=0.0, trigger="attacked",
    )  # fmt: skip
    base.update(kw)
    return Event(**base)


def test_bundled_model_uses_only_known_features_and_gives_probabilities():
    weights = conf.load_model()
    assert set(weights) <= set(conf.FEATURES) and "bias" in weights
    assert len(conf.features(_event())) == len(conf.FEATURES)
    p = conf.confidence(_event())
    assert 0.01 <= p <= 0.99


def test_what_did_not_happen_is_less_likely_right():
    e = _event()
    assert conf.confidence(replace(e, negated=True)) < conf.confidence(e)
    assert conf.confidence(replace(e, hypothetical=True)) < conf.confidence(e)


def test_weights_are_applied_as_a_logistic_model():
    assert conf.confidence(_event(), {"bias": 0.0}) == 0.5
    assert conf.confidence(_event(), {"bias": 10.0}) == 0.99
    assert conf.confidence(_event(actor1=None), {"actor1": 2.0}) == 0.5


def test_a_bad_weights_file_is_a_resource_error(monkeypatch):
    conf.load_model.cache_clear()
    monkeypatch.setattr(conf, "read_data", lambda name: '{"weights": {"moon_phase": 1.0}}')
    try:
        with pytest.raises(ResourceError, match="unknown features"):
            conf.load_model()
    finally:
        conf.load_model.cache_clear()


def test_an_event_told_in_a_background_clause_is_less_likely_the_news():
    e = _event()
    assert conf.features(e, background=True)[conf.FEATURES.index("background")] == 1.0
    assert conf.confidence(e, background=True) < conf.confidence(e)
