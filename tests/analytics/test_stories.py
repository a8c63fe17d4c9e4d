"""Story events: the same real-world event reported by several articles becomes one story."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from store_factories import coded, doc, event, ref

from accord.analytics.stories import cluster, dyad_keys, story_id, story_key
from accord.store import EventQuery, Store, open_store
from accord.types import CodedDocument, StoryEvent

MAR = dt.date(2024, 3, 1)


def day(n: int) -> dt.date:
    return MAR + dt.timedelta(days=n - 1)


def _meeting_in_three_outlets() -> list[CodedDocument]:
    return [
        coded(doc("reuters-1", day(1), "Reuters"), event("r1", "reuters-1", date=day(1))),
        coded(doc("ap-1", day(2), "AP"), event("a1", "ap-1")),  # no event date: published day(2)
        coded(doc("bbc-1", day(2), "BBC"), event("b1", "bbc-1", date=day(1))),
    ]


def test_stories_same_meeting_in_three_outlets_is_one_story(store: Store) -> None:
    store.write(_meeting_in_three_outlets())
    assert store.stories() == [StoryEvent(
        id=story_id("b1"), type="CONSULT", sources=("USAGOV",), targets=("RUSGOV",), first_seen=day(1),
        last_seen=day(2), member_ids=("b1", "r1", "a1"), num_articles=3, num_sources=3,
    )]


def test_stories_same_pair_a_month_apart_are_two_stories(store: Store) -> None:
    store.write([coded(doc("d1", day(1)), event("e1", "d1")),
                 coded(doc("d2", day(31)), event("e2", "d2"))])
    assert [(s.member_ids, s.first_seen) for s in store.stories()] == [(("e1",), day(1)), (("e2",), day(31))]


def test_stories_different_types_are_separate(store: Store) -> None:
    store.write([coded(doc("d1", day(1)), event("e1", "d1"),
                       event("e2", "d1", type="ACCUSE", quad_class=3, goldstein=-2.0))])
    assert sorted((s.type, s.member_ids) for s in store.stories()) == [("ACCUSE", ("e2",)), ("CONSULT", ("e1",))]


def test_stories_other_direction_is_a_separate_story(store: Store) -> None:
    store.write([coded(doc("d1", day(1)), event("e1", "d1"), event("e2", "d1", sources=("RUSGOV",), targets=("USAGOV",)))])
    assert len(store.stories()) == 2


@pytest.mark.parametrize(("days", "window", "expected"), [
    ([1, 4], 3, [["e1", "e2"]]),              # 3 days apart: within the window
    ([1, 5], 3, [["e1"], ["e2"]]),            # 4 days apart: outside
    ([1, 4, 7, 10], 3, [["e1", "e2"], ["e3", "e4"]]),  # windows from each story's first day
    ([1, 2, 3, 4, 5, 6, 7, 8, 9], 3, [["e1", "e2", "e3", "e4"], ["e5", "e6", "e7", "e8"], ["e9"]]),
    ([1, 5], 4, [["e1", "e2"]]),
    ([1, 1, 2], 0, [["e1", "e2"], ["e3"]]),   # window 0: same day only
])
def test_stories_window_links_days(store: Store, days: list[int], window: int, expected: list[list[str]]) -> None:
    store.update_stories(window_days=window)
    store.write([coded(doc(f"d{i}", day(n)), event(f"e{i}", f"d{i}")) for i, n in enumerate(days, 1)])
    assert [list(s.member_ids) for s in store.stories()] == expected


def test_stories_count_outlets_not_articles(store: Store) -> None:
    store.write([coded(doc("d1", day(1), "Reuters"), event("e1", "d1")),
                 coded(doc("d2", day(1), "Reuters"), event("e2", "d2")),
                 coded(doc("d3", day(1), ""), event("e3", "d3"), event("e4", "d3"))])
    (story,) = store.stories()
    assert (story.num_articles, story.num_sources, len(story.member_ids)) == (3, 2, 4)


def test_stories_unresolved_or_undated_events_stand_alone(store: Store) -> None:
    nobody = (ref("someone", None, None),)
    store.write([coded(doc("d1", day(1)), event("e1", "d1", sources=nobody, targets=nobody),
                       event("e2", "d1", sources=nobody, targets=nobody)),
                 coded(doc("d2", None), event("e3", "d2"), event("e4", "d2"))])
    assert sorted(s.member_ids for s in store.stories()) == [("e1",), ("e2",), ("e3",), ("e4",)]


def test_stories_key_uses_actor_id_else_code() -> None:
    e = event("e1", "d1", sources=(ref("Biden", "USAGOV", "joe-biden"), "USAGOV", ref("x", None, None)),
              targets=("RUSGOV", "RUSGOV"))
    assert story_key(e) == "CONSULT|USAGOV+joe-biden|RUSGOV"
    assert dyad_keys(e) == [("USAGOV", "USAGOV", "RUSGOV", "RUSGOV"), ("joe-biden", "USAGOV", "RUSGOV", "RUSGOV")]
    assert story_key(event("e2", "d1", sources=(), targets=())) == "CONSULT|#e2"


def _world() -> list[CodedDocument]:
    """Forty events over two months: three pairs, two types, five outlets, some undated."""
    rng = random.Random(7)
    outlets = ["Reuters", "AP", "BBC", "AFP", ""]
    pairs = [("USAGOV", "RUSGOV"), ("RUSMIL", "UKRMIL"), ("CHNGOV", "USAGOV")]
    docs = []
    for i in range(40):
        published = None if i % 13 == 0 else day(rng.randint(1, 60))
        source, target = rng.choice(pairs)
        e = event(f"w{i:02d}", f"doc{i:02d}", type=rng.choice(["CONSULT", "ACCUSE"]), sources=(source,),
                  targets=(target,), date=None if i % 3 else published, goldstein=float(rng.randint(-5, 5)))
        docs.append(coded(doc(f"doc{i:02d}", published, rng.choice(outlets)), e))
    return docs


def test_stories_incremental_equals_rebuild_in_any_order(location: str, tmp_path) -> None:
    world = _world()
    with open_store(tmp_path / "all-at-once.duckdb") as reference:
        reference.write(world)
        expected = reference.stories(limit=1000)
    shuffled = world[:]
    random.Random(3).shuffle(shuffled)
    with open_store(location) as store:
        for start in range(0, len(shuffled), 7):
            store.write(shuffled[start:start + 7])
        assert store.stories(limit=1000) == expected
        store.update_stories(window_days=10)
        store.update_stories(window_days=3)  # a window change rebuilds everything
        assert store.stories(limit=1000) == expected
        assert store.update_stories() == 0


def test_stories_sql_matches_the_python_rule(store: Store) -> None:
    world = _world()
    store.write(world)
    documents = {c.document.id: c.document for c in world}
    events = [e for c in world for e in c.events]
    assert store.stories(limit=1000) == cluster(events, documents, window_days=3)
    store.update_stories(window_days=7)
    assert store.stories(limit=1000) == cluster(events, documents, window_days=7)


def test_stories_filters(store: Store) -> None:
    store.write(_meeting_in_three_outlets() + [
        coded(doc("d9", day(20)), event("e9", "d9", type="ACCUSE", sources=("RUSGOV",), targets=("UKRGOV",)))])
    assert [s.member_ids for s in store.stories(actor_query("UKRGOV"))] == [("e9",)]
    assert [s.type for s in store.stories(actor_query("USAGOV"))] == ["CONSULT"]
    assert store.stories(limit=1, offset=1)[0].member_ids == ("e9",)


def actor_query(actor: str) -> EventQuery:
    return EventQuery(actor=actor)


def test_stories_inferred_actors_have_no_key() -> None:
    """An 'unidentified attacker' coded IRQ is not Iraq: dyads and stories count named actors only."""
    from accord.analytics.stories import actor_key
    from accord.types import ActorRef

    unidentified = ActorRef("unidentified attacker", None, "IRQ", None, None, "unidentified")
    named = ActorRef("Iraq", "IRQ", "IRQ", None, "Iraq")
    assert (actor_key(unidentified), actor_key(named)) == (None, "IRQ")
