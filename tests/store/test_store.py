"""The Store contract, run on DuckDB and on PostgreSQL (see conftest.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from store_factories import coded, doc, event, ref, rich_event

from accord.errors import StoreError
from accord.store import Store, WriteResult, open_store
from accord.types import Location, Rejection

D1, D2, D3 = dt.date(2024, 3, 1), dt.date(2024, 3, 2), dt.date(2024, 3, 20)


def _batch() -> list:
    return [
        coded(doc("d1", D1, "Reuters"), event("e1", "d1"), event("e2", "d1", type="ACCUSE", quad_class=3,
                                                                   goldstein=-2.0, sources=("RUSGOV",),
                                                                   targets=("USAGOV",))),
        coded(doc("d2", D2, "AP"), event("e3", "d2", date=D1)),
        coded(doc("d3", None, "BBC")),
    ]


REJECTIONS = [Rejection("blob.bin", "binary", "looks binary"), Rejection("x.txt", "empty", "no text", "d9")]


def test_store_write_reports_counts(store: Store) -> None:
    result = store.write(_batch(), REJECTIONS)
    assert result == WriteResult(documents_written=3, documents_skipped=0, events_written=3,
                                 rejections_written=2)
    assert store.counts() == {"documents": 3, "events": 3, "rejected": 2, "stories": 2}


def test_store_write_twice_changes_nothing(store: Store) -> None:
    store.write(_batch(), REJECTIONS)
    before = (store.counts(), store.events(), store.stories(), store.rejections())
    again = store.write(_batch(), REJECTIONS)
    assert again == WriteResult(documents_written=0, documents_skipped=3, events_written=0,
                                rejections_written=0)
    assert (store.counts(), store.events(), store.stories(), store.rejections()) == before


def test_store_write_skips_a_document_twice_in_one_batch(store: Store) -> None:
    first = coded(doc("d1"), event("e1", "d1"))
    result = store.write([first, first])
    assert (result.documents_written, result.documents_skipped, result.events_written) == (1, 1, 1)


def test_store_write_skips_stored_document_even_with_new_events(store: Store) -> None:
    store.write([coded(doc("d1"), event("e1", "d1"))])
    result = store.write([coded(doc("d1"), event("e1", "d1"), event("e9", "d1"))])
    assert (result.documents_skipped, result.events_written) == (1, 0)
    assert store.event("e9") is None


def test_store_write_is_all_or_nothing(store: Store) -> None:
    good = coded(doc("d1"), event("e1", "d1"))
    bad = coded(doc("d2"), event("e2", "d2"), event("e2", "d2"))  # the same event id twice
    with pytest.raises(StoreError):
        store.write([good, bad], REJECTIONS)
    assert store.counts() == {"documents": 0, "events": 0, "rejected": 0, "stories": 0}
    assert store.write([good]).documents_written == 1  # the store is still usable


def test_store_write_refuses_an_event_of_another_document(store: Store) -> None:
    with pytest.raises(StoreError, match="event e1 has doc_id d2"):
        store.write([coded(doc("d1"), event("e1", "d2"))])
    assert store.counts()["documents"] == 0


@pytest.mark.parametrize("make", [
    rich_event,
    lambda doc_id: event("e-min", doc_id, sources=(), targets=()),
    lambda doc_id: event("e-unicode", doc_id, sentence="Erdoğan ☎ Zelenskyy — 100% \\ 'quoted'?",
                         sources=(ref("Erdoğan", "TURGOV", "recep-tayyip-erdogan"),),
                         targets=(ref("Зеленський", None, None),)),
    lambda doc_id: event("e-month", doc_id, date=dt.date(2024, 1, 1), date_granularity="month",
                         date_text="in January", location=Location("somewhere"), goldstein=3,
                         confidence=1.0, mode="phone"),
], ids=["rich", "no-actors", "unicode", "month-location"])
def test_store_events_round_trip_exactly(store: Store, make) -> None:
    original = make("d-rich")
    store.write([coded(doc("d-rich"), original)])
    assert store.event(original.id) == original
    assert store.events() == [original]
    assert list(store.iter_events()) == [original]


def test_store_documents_round_trip(store: Store) -> None:
    batch = _batch()
    store.write(batch)
    assert store.document("d2") == batch[1].document
    assert store.document("nope") is None
    assert [d.id for d in store.documents()] == ["d1", "d2", "d3"]
    assert [d.id for d in store.documents(limit=1, offset=1)] == ["d2"]


def test_store_has_documents(store: Store) -> None:
    store.write(_batch())
    assert store.has_documents(["d1", "d3", "zz", "d1"]) == {"d1", "d3"}
    assert store.has_documents([]) == set()


def _filter_world(store: Store) -> None:
    store.write([
        coded(doc("d1", D1, "Reuters"),
              event("a", "d1", sources=(ref("Joe Biden", "USAGOV", "joe-biden"),), targets=("RUSGOV",),
                    sentence="Biden met Putin in Geneva."),
              event("b", "d1", type="ACCUSE", quad_class=3, goldstein=-2.0, sources=("RUSGOV",),
                    targets=("UKRGOV",), modality="hedged", confidence=0.4, sentence="Russia may blame 50%_of Kyiv.")),
        coded(doc("d2", D3, "AP"),
              event("c", "d2", type="ASSAULT", quad_class=4, goldstein=-10.0, sources=("RUSMIL",),
                    targets=(ref("the Kyiv region", None, None),), sentence="Troops shelled the Kyiv region.")),
        coded(doc("d3", None, "BBC"), event("d", "d3", sources=(), targets=("USAGOV",), sentence="A call.")),
    ])


@pytest.mark.parametrize(("filters", "expected"), [
    ({}, ["a", "b", "c", "d"]),
    ({"actor": "joe-biden"}, ["a"]),
    ({"actor": "USAGOV"}, ["a", "d"]),
    ({"actor": "the kyiv REGION"}, ["c"]),
    ({"actor": "Kyiv"}, []),
    ({"dyad": ("joe-biden", "RUSGOV")}, ["a"]),
    ({"dyad": ("USAGOV", "RUSGOV")}, ["a"]),
    ({"dyad": ("RUSGOV", "USAGOV")}, []),
    ({"type": "ACCUSE"}, ["b"]),
    ({"quad_class": 4}, ["c"]),
    ({"modality": "hedged"}, ["b"]),
    ({"min_confidence": 0.5}, ["a", "c", "d"]),
    ({"since": D2}, ["c"]),
    ({"until": D1}, ["a", "b"]),
    ({"since": D1, "until": D3, "actor": "RUSGOV"}, ["a", "b"]),
    ({"text": "GENEVA"}, ["a"]),
    ({"text": "50%_of"}, ["b"]),
    ({"text": "%"}, ["b"]),
    ({"limit": 2}, ["a", "b"]),
    ({"limit": 2, "offset": 3}, ["d"]),
    ({"limit": 0}, []),
])
def test_store_events_filters(store: Store, filters: dict, expected: list[str]) -> None:
    _filter_world(store)
    assert [e.id for e in store.events(**filters)] == expected


@pytest.mark.parametrize("filters", [
    {"quad_class": 5}, {"modality": "certain"}, {"since": D3, "until": D1}, {"limit": -1},
])
def test_store_events_rejects_bad_filters(store: Store, filters: dict) -> None:
    with pytest.raises(StoreError):
        store.events(**filters)


def test_store_iter_events_pages_in_event_order(store: Store) -> None:
    _filter_world(store)
    events = [event(f"x{i:02d}", "d9", date=D1 + dt.timedelta(days=i % 3)) for i in range(7)]
    events += [event(f"n{i}", "d9") for i in range(3)]  # no date: the publication date (None)
    store.write([coded(doc("d9", None), *events)])
    expected = [e.id for e in store.events(limit=1000)]
    assert [e.id for e in store.iter_events(batch=2)] == expected
    assert expected[-3:] == ["n0", "n1", "n2"]
    assert len(expected) == 14


def test_store_rejections_are_kept_and_sorted(store: Store) -> None:
    store.write([], [REJECTIONS[1], REJECTIONS[0], REJECTIONS[1]])
    assert store.rejections() == [REJECTIONS[0], REJECTIONS[1]]


def test_store_reopen_keeps_everything(location: str) -> None:
    with open_store(location) as store:
        store.write(_batch(), REJECTIONS)
        expected = (store.counts(), store.events(), store.stories())
    with open_store(location) as store:
        assert (store.counts(), store.events(), store.stories()) == expected
        assert store.write(_batch()).documents_skipped == 3


def test_store_query_runs_parameterised_sql(store: Store) -> None:
    store.write(_batch())
    assert store.query("SELECT id FROM events WHERE type = ? ORDER BY id", ["CONSULT"]) == [("e1",), ("e3",)]
    assert [len(rows) for rows in store.iter_query("SELECT id FROM events ORDER BY id", (), 2)] == [2, 1]


def test_store_story_by_id(store: Store) -> None:
    store.write(_batch())
    first = store.stories()[0]
    assert store.story(first.id) == first
    assert store.story("nope") is None


def test_store_event_day_falls_back_to_publication_date(store: Store) -> None:
    store.write([coded(doc("d1", D2), event("e1", "d1"), event("e2", "d1", date=D1))])
    assert [e.id for e in store.events(since=D2)] == ["e1"]
    assert [e.id for e in store.events(until=D1)] == ["e2"]
