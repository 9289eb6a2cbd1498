"""Merge rules: which mentions report one event, and the reason each link records."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from dataclasses import replace

import pytest

from palmyra.store.merge import Mention, cluster_mentions, compare, family_of


def m(mid: str, **kw: object) -> Mention:
    base = dict(
        mention_id=mid, article_id=f"art-{mid}", family="Political violence", event_date=dt.date(2024, 3, 10),
        date_precision="day", actor1="Army", actor2="Rebels", country="SYR", lat=35.93, lon=36.63,
        geo_precision=1,
    )  # fmt: skip
    base.update(kw)
    return Mention(**base)  # type: ignore[arg-type]


def test_family() -> None:
    assert family_of("Battles", "ASSAULT") == family_of("Violence against civilians", "ASSAULT")
    assert family_of("Battles", "ASSAULT") == "Political violence"
    assert family_of("Protests", "PROTEST") == family_of("Riots", "PROTEST") == "Demonstrations"
    assert family_of(None, "ACCUSE") == "PLOVER:ACCUSE"


def test_same_event_merges_with_reason() -> None:
    r = compare(m("a"), m("b", lat=36.0, lon=36.7, event_date=dt.date(2024, 3, 11)))
    assert r is not None
    assert r["rule"] == "type+actors+place+date" and r["days"] == 1 and 5 < r["km"] < 15


@pytest.mark.parametrize(
    ("other", "why"),
    [
        (m("b", family="Demonstrations"), "different type family"),
        (m("b", article_id="art-a"), "same article"),
        (m("b", actor1="Police"), "different actor"),
        (m("b", lat=36.2, lon=37.16), "Aleppo is 55 km from Idlib"),
        (m("b", event_date=dt.date(2024, 3, 12)), "two days apart"),
        (m("b", negated=True), "negated"),
        (m("b", hypothetical=True), "hypothetical"),
        (m("b", lat=None, lon=None, country=None, actor1=None), "no place, only a generic side in common"),
        (m("b", lat=None, lon=None, country="IRQ"), "no place, another country"),
        (m("b", event_date=None, date_precision=None), "no date"),
        (m("b", event_date=dt.date(2024, 4, 10), date_precision="month"), "another month"),
    ],
)
def test_does_not_merge(other: Mention, why: str) -> None:
    assert compare(m("a"), other) is None, why


def test_swapped_sides_merge_for_battles_only() -> None:
    assert compare(m("a"), m("b", actor1="Rebels", actor2="Army")) is not None
    prot = dict(family="Demonstrations")
    assert compare(m("a", **prot), m("b", actor1="Rebels", actor2="Army", **prot)) is None


def test_unknown_actor_is_compatible() -> None:
    r = compare(m("a"), m("b", actor2=None))
    assert r is not None and "actors" in r["rule"]
    r = compare(m("a", actor1=None, actor2=None), m("b"))
    assert r is not None and r["rule"] == "type+place+date"


def test_no_place_merges_on_a_named_actor_unless_ambiguous() -> None:
    placeless = m("p", lat=None, lon=None, country=None, actor2=None)
    r = compare(m("a"), placeless)
    assert r is not None and r["rule"] == "type+actors+date"
    generic = replace(placeless, actor1=None, actor2="Rebels", sector2="REB")
    assert compare(m("a", sector2="REB"), generic) is None
    far = m("k", lat=36.2, lon=37.16)  # the same sides, the same day, in Aleppo: another battle
    groups = sorted(
        sorted(x.mention_id for x in c.members) for c in cluster_mentions([m("a"), far, placeless])
    )
    assert groups == [["a"], ["k"], ["p"]]  # it fits both: joins neither
    groups = sorted(sorted(x.mention_id for x in c.members) for c in cluster_mentions([m("a"), placeless]))
    assert groups == [["a", "p"]]


def test_generic_and_nested_actor_names() -> None:
    assert compare(m("a", actor2="Houthis"), m("b", actor2="Houthi forces")) is not None
    assert compare(m("a", actor2="Militants (Syria)", sector2="INS"), m("b", sector2="REB")) is not None
    assert (
        compare(m("a", actor2="Militants (Syria)", sector2="INS"), m("b", actor2="Civilians", sector2="CVL"))
        is None
    )
    assert compare(m("a", actor1="Military Forces of Russia"), m("b")) is None


def test_date_precision_widens_the_window() -> None:
    month = m("b", event_date=dt.date(2024, 3, 1), date_precision="month")
    assert compare(m("a"), month) == {"rule": "type+actors+place+date", "days": 0, "km": 0.0}
    week = m("b", event_date=dt.date(2024, 3, 14), date_precision="week")
    assert compare(m("a"), week) is not None  # the week 11-17 March is one day from the 10th


def test_country_level_place_merges_within_the_country() -> None:
    country = m("b", lat=35.0, lon=38.0, geo_precision=3, country_level=True)
    r = compare(m("a"), country)
    assert r is not None and r["rule"] == "type+actors+country+date"
    assert compare(m("a"), replace(country, country="IRQ")) is None


def test_clusters_are_complete_link_and_explained() -> None:
    a = m("a")
    b = m("b", event_date=dt.date(2024, 3, 11))
    c = m("c", event_date=dt.date(2024, 3, 12))  # one day from b, two from a: not the same event as a
    clusters = cluster_mentions([a, b, c])
    groups = sorted(sorted(x.mention_id for x in cl.members) for cl in clusters)
    assert groups == [["a", "b"], ["c"]]
    first = next(cl for cl in clusters if cl.seed.mention_id == "a")
    assert first.reasons["a"] == {"rule": "seed"}
    assert first.reasons["b"]["with"] == "a"


def test_clusters_do_not_depend_on_input_order() -> None:
    rng = random.Random(7)
    mentions = [
        m(f"m{i}", event_date=dt.date(2024, 3, 10) + dt.timedelta(days=rng.randrange(4)),
          lat=35.9 + rng.random() * 0.5, lon=36.6 + rng.random() * 0.5,
          actor2=rng.choice(["Rebels", None, "Militia"]))
        for i in range(12)
    ]  # fmt: skip

    def canon(ms: list[Mention]) -> list[list[str]]:
        return sorted(sorted(x.mention_id for x in c.members) for c in cluster_mentions(ms))

    expected = canon(mentions)
    assert len(expected) < len(mentions)  # some merge
    for perm in itertools.islice(itertools.permutations(mentions), 0, 200, 37):
        assert canon(list(perm)) == expected
    rng.shuffle(mentions)
    assert canon(mentions) == expected


def test_crowds_told_apart_by_their_words() -> None:
    demo = dict(family="Demonstrations", actor1="Protesters (Kenya)", actor2=None, sector1="CVL")
    teachers = m("a", text1="striking teachers", **demo)
    assert compare(teachers, m("b", text1="public school teachers", **demo)) is not None
    assert compare(teachers, m("c", text1="angry farmers", **demo)) is None
    assert compare(teachers, m("d", text1="Thousands of protesters", **demo)) is not None  # says nothing


def test_types_within_a_family_need_named_sides() -> None:
    battle = m("a", event_type="Battles")
    strike = m("b", event_type="Explosions/Remote violence", actor1=None, actor2=None)
    assert compare(battle, strike) is None  # nobody named: an air strike and a battle stay apart
    attack = m("c", event_type="Violence against civilians", actor2=None)
    assert compare(battle, attack) is not None  # the same army named: one event coded two ways
