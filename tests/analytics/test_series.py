"""Dyad series, top actors, top dyads and type mix, on both backends (see conftest.world)."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.analytics.series import ActorCount, DyadCount, SeriesRow, TypeMixRow, next_period
from accord.errors import StoreError
from accord.store import Store

MAR, APR, MAY = dt.date(2024, 3, 1), dt.date(2024, 4, 1), dt.date(2024, 5, 1)
EMPTY_APR = SeriesRow(APR, 0, 0, 0, 0, 0, 0.0, None)


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({}, [SeriesRow(MAR, 1, 0, 2, 0, 3, -6.0, -2.0), EMPTY_APR, SeriesRow(MAY, 1, 0, 0, 0, 1, 3.0, 3.0)]),
    ({"count": "reports"},
     [SeriesRow(MAR, 3, 0, 3, 0, 6, -6.0, -1.0), EMPTY_APR, SeriesRow(MAY, 1, 0, 0, 0, 1, 3.0, 3.0)]),
    ({"direction": "a_to_b"},
     [SeriesRow(MAR, 1, 0, 1, 0, 2, -4.0, -2.0), EMPTY_APR, SeriesRow(MAY, 1, 0, 0, 0, 1, 3.0, 3.0)]),
    ({"direction": "b_to_a"}, [SeriesRow(MAR, 0, 0, 1, 0, 1, -2.0, -2.0)]),
    ({"by": "year"}, [SeriesRow(dt.date(2024, 1, 1), 2, 0, 2, 0, 4, -3.0, -0.75)]),
    ({"since": dt.date(2024, 3, 5), "until": dt.date(2024, 4, 30)}, [SeriesRow(MAR, 0, 0, 2, 0, 2, -7.0, -3.5)]),
])
def test_series_dyad_counts_per_quad_class(world: Store, kwargs: dict, expected: list[SeriesRow]) -> None:
    assert world.dyad_series("USAGOV", "RUSGOV", **kwargs) == expected


def test_series_dyad_by_actor_id_and_by_week(world: Store) -> None:
    assert world.dyad_series("joe-biden", "RUSGOV") == [SeriesRow(MAR, 0, 0, 1, 0, 1, -5.0, -5.0)]
    weeks = world.dyad_series("USAGOV", "RUSGOV", by="week")
    assert [w.period for w in weeks if w.total] == [dt.date(2024, 2, 26), dt.date(2024, 3, 4),
                                                    dt.date(2024, 3, 18), dt.date(2024, 4, 29)]
    assert len(weeks) == 10


def test_series_dyad_with_nothing_is_empty(world: Store) -> None:
    assert world.dyad_series("USAGOV", "CHNGOV") == []


def test_series_top_actors(world: Store) -> None:
    assert world.top_actors() == [
        ActorCount("RUSGOV", None, 4), ActorCount("USAGOV", None, 3), ActorCount("RUSMIL", None, 1),
        ActorCount("UKRMIL", None, 1), ActorCount("joe-biden", "Joe Biden", 1)]
    assert world.top_actors(n=2, count="reports") == [ActorCount("RUSGOV", None, 7), ActorCount("USAGOV", None, 6)]
    assert world.top_actors(since=dt.date(2024, 4, 1)) == [ActorCount("RUSGOV", None, 1), ActorCount("USAGOV", None, 1)]


def test_series_top_dyads(world: Store) -> None:
    assert world.top_dyads() == [
        DyadCount("USAGOV", "RUSGOV", 2, 2.0), DyadCount("RUSGOV", "USAGOV", 1, -2.0),
        DyadCount("RUSMIL", "UKRMIL", 1, -10.0), DyadCount("joe-biden", "RUSGOV", 1, -5.0)]
    assert world.top_dyads(dt.date(2024, 3, 1), dt.date(2024, 3, 31), n=1, count="reports") == [
        DyadCount("USAGOV", "RUSGOV", 3, 1.0)]


def test_series_type_mix(world: Store) -> None:
    assert world.type_mix() == [
        TypeMixRow(MAR, "ACCUSE", 1), TypeMixRow(MAR, "ASSAULT", 1), TypeMixRow(MAR, "CONSULT", 1),
        TypeMixRow(MAR, "THREATEN", 1), TypeMixRow(MAY, "CONSULT", 1)]
    assert world.type_mix("year", count="reports") == [
        TypeMixRow(dt.date(2024, 1, 1), "ACCUSE", 2), TypeMixRow(dt.date(2024, 1, 1), "ASSAULT", 1),
        TypeMixRow(dt.date(2024, 1, 1), "CONSULT", 4), TypeMixRow(dt.date(2024, 1, 1), "THREATEN", 1)]


@pytest.mark.parametrize(("call", "message"), [
    (lambda s: s.dyad_series("A", "B", by="fortnight"), "unknown period 'fortnight' (valid: day, week, month, year)"),
    (lambda s: s.dyad_series("A", "B", direction="up"), "unknown direction 'up'"),
    (lambda s: s.top_actors(count="tweets"), "unknown count 'tweets' (valid: stories, reports)"),
    (lambda s: s.top_dyads(n=0), "n must be 1 or more, got 0"),
])
def test_series_bad_arguments_raise_store_error(store: Store, call, message: str) -> None:
    with pytest.raises(StoreError) as info:
        call(store)
    assert str(info.value).startswith(message)


@pytest.mark.parametrize(("start", "by", "expected"), [
    (dt.date(2024, 12, 1), "month", dt.date(2025, 1, 1)),
    (dt.date(2024, 1, 1), "month", dt.date(2024, 2, 1)),
    (dt.date(2024, 12, 30), "week", dt.date(2025, 1, 6)),
    (dt.date(2024, 2, 28), "day", dt.date(2024, 2, 29)),
    (dt.date(2024, 1, 1), "year", dt.date(2025, 1, 1)),
])
def test_series_next_period(start: dt.date, by: str, expected: dt.date) -> None:
    assert next_period(start, by) == expected
