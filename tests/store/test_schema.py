"""Schema migrations: a new store starts at the current version, an old one is upgraded."""

from __future__ import annotations

import datetime as dt

import pytest
from store_factories import coded, doc, event, ref, rich_event

from accord.errors import StoreError
from accord.store import _rows, open_store
from accord.store.base import Database, insert_rows
from accord.store.schema import MIGRATIONS, SCHEMA_VERSION, V1, migrate, schema_version, statements
from accord.types import CodedDocument


def _connect(location: str) -> Database:
    if location.startswith("postgresql://"):
        from accord.store.postgres import connect as pg_connect

        return pg_connect(location)
    from accord.store.duckdb import connect

    return connect(location)


def _batch() -> list[CodedDocument]:
    biden = ref("Biden", "USAGOV", "joe-biden")
    return [
        coded(doc("d1", dt.date(2024, 3, 1), "Reuters"), rich_event("d1"),
              event("e1", "d1", sources=(biden, ref("Blinken", "USAGOV", "antony-blinken"), "USAGOV"),
                    targets=("RUSGOV", "RUSMIL", ref("Kremlin", None, None)))),
        coded(doc("d2", dt.date(2024, 3, 2), "AP"), event("e2", "d2", sources=(biden,)),
              event("e3", "d2", sources=(), targets=()), event("e4", "d2", targets=())),
    ]


V1_ACTOR_COLUMNS = 14  # event_actors before `inferred` and `country` (version 3)


def _write_v1(location: str, batch: list[CodedDocument]) -> None:
    """A store as accord wrote it at schema version 1."""
    db = _connect(location)
    v1_event_columns = len(_rows.EVENT_READ_COLUMNS) + 1  # ... and `day`
    with db.transaction():
        for sql in statements(V1, db.dialect):
            db.execute(sql)
        db.execute("UPDATE accord_meta SET schema_version = 1")
        for c in batch:
            insert_rows(db, "documents", _rows.DOCUMENT_COLUMNS, [_rows.document_row(c.document)])
            insert_rows(db, "events", _rows.EVENT_COLUMNS[:v1_event_columns],
                              [_rows.event_row(e, c.document.published)[:v1_event_columns] for e in c.events])
            insert_rows(db, "event_actors", _rows.ACTOR_COLUMNS[:V1_ACTOR_COLUMNS],
                        [row[:V1_ACTOR_COLUMNS] for e in c.events for row in _rows.actor_rows(e, c.document.published)])
    assert schema_version(db) == 1
    db.close()


_DERIVED = [
    "SELECT id, story_key, source_keys, target_keys FROM events ORDER BY id",
    "SELECT * FROM event_dyads ORDER BY event_id, source_key NULLS FIRST, target_key NULLS FIRST",
    "SELECT * FROM story_events ORDER BY id",
    "SELECT * FROM story_members ORDER BY story_id, event_id",
    "SELECT * FROM story_dyads ORDER BY story_id, source_key NULLS FIRST, target_key NULLS FIRST",
    "SELECT schema_version, story_window_days FROM accord_meta",
]


def test_schema_new_store_is_at_the_current_version(store) -> None:
    assert store.query("SELECT schema_version FROM accord_meta") == [(SCHEMA_VERSION,)]


def test_schema_migrations_are_numbered_from_one() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))
    assert SCHEMA_VERSION == 4


def test_schema_v1_store_is_upgraded_on_open(location: str, tmp_path) -> None:
    batch = _batch()
    _write_v1(location, batch)
    with open_store(location) as upgraded:
        assert upgraded.query("SELECT schema_version FROM accord_meta") == [(SCHEMA_VERSION,)]
        assert sorted(upgraded.events(), key=lambda e: e.id) == sorted(
            (e for c in batch for e in c.events), key=lambda e: e.id)
        derived = [upgraded.query(sql) for sql in _DERIVED]
        assert upgraded.counts() == {"documents": 2, "events": 5, "rejected": 0, "stories": 5}
    with open_store(tmp_path / "direct.duckdb") as direct:  # the same data written by this version
        direct.write(batch)
        assert [direct.query(sql) for sql in _DERIVED] == derived


def test_schema_upgrade_keys_sort_by_code_point(location: str) -> None:
    _write_v1(location, _batch())
    with open_store(location) as upgraded:
        assert upgraded.query("SELECT source_keys, target_keys FROM events WHERE id = 'e1'") == [
            ("USAGOV+antony-blinken+joe-biden", "RUSGOV+RUSMIL")]


def test_schema_current_store_needs_no_migration(location: str) -> None:
    open_store(location).close()
    db = _connect(location)
    try:
        assert migrate(db) == []
    finally:
        db.close()


def test_schema_newer_store_is_refused(location: str) -> None:
    open_store(location).close()
    db = _connect(location)
    db.execute("UPDATE accord_meta SET schema_version = 99")
    db.close()
    with pytest.raises(StoreError, match="has schema version 99, newer than this accord"):
        open_store(location)


def test_schema_v2_store_gets_trace_and_counting_columns(location: str) -> None:
    """A store written at version 2 (trace joined into `rule`, no counting columns) reads back
    with trace = the split rule, and its dyad rows carry modality, confidence and granularity."""
    db = _connect(location)
    migrate(db, target=2)
    e = event("old", "d1", trace=("verb.meet/1", "arg.subject"), modality="hedged", confidence=0.5)
    with db.transaction():
        insert_rows(db, "documents", _rows.DOCUMENT_COLUMNS, [_rows.document_row(doc("d1", dt.date(2024, 3, 1)))])
        width = len(_rows.EVENT_READ_COLUMNS) + 4
        row = list(_rows.event_row(e, dt.date(2024, 3, 1))[:width])
        row[[n for n, _ in _rows.EVENT_COLUMNS].index("rule")] = "verb.meet/1 | arg.subject"
        insert_rows(db, "events", _rows.EVENT_COLUMNS[:width], [tuple(row)])
        insert_rows(db, "event_actors", _rows.ACTOR_COLUMNS[:V1_ACTOR_COLUMNS],
                    [r[:V1_ACTOR_COLUMNS] for r in _rows.actor_rows(e, dt.date(2024, 3, 1))])
        insert_rows(db, "event_dyads", _rows.DYAD_COLUMNS[:9], [r[:9] for r in _rows.dyad_rows(e, dt.date(2024, 3, 1))])
        db.execute("INSERT INTO story_pending (event_id, story_key) VALUES ('old', 'CONSULT|USAGOV|RUSGOV')")
    db.close()
    with open_store(location) as upgraded:
        got = upgraded.event("old")
        assert got is not None and got.trace == ("verb.meet/1", "arg.subject")
        assert upgraded.query("SELECT modality, confidence, day_granularity, source_country, inferred "
                              "FROM event_dyads") == [("hedged", 0.5, "day", "USA", False)]
        assert upgraded.top_actors() == []
        assert [a.key for a in upgraded.top_actors(modality=None)] == ["RUSGOV", "USAGOV"]


def test_schema_trace_round_trips_and_rule_keeps_the_first_entry(store) -> None:
    e = event("t1", "d1", trace=("verb.meet/1", "conf.subject=0.9", "arg.nearest"))
    store.write([coded(doc("d1"), e)])
    assert store.event("t1").trace == e.trace
    assert store.query("SELECT rule, trace FROM events") == [
        ("verb.meet/1", '["verb.meet/1", "conf.subject=0.9", "arg.nearest"]')]
