"""Reading events, documents and stories back as the core types (shared by both backends)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from accord.store._filters import where_clause
from accord.store._rows import (
    DOCUMENT_COLUMNS,
    EVENT_SELECT_COLUMNS,
    document_from_row,
    event_from_row,
    select_list,
)
from accord.store.base import Database, EventQuery
from accord.types import Document, Event, StoryEvent

_EVENT_SELECT = f"SELECT {select_list(EVENT_SELECT_COLUMNS, 'e')}, e.day FROM events e"
_IDS = "(SELECT unnest(CAST(? AS TEXT[])))"


def hydrate(rows: Sequence[Sequence[Any]]) -> list[Event]:
    """Events from `_EVENT_SELECT` rows (the trailing day column is ignored)."""
    width = len(EVENT_SELECT_COLUMNS)
    return [event_from_row(r[:width]) for r in rows]


def events(db: Database, q: EventQuery, limit: int, offset: int) -> list[Event]:
    where, params = where_clause(q)
    sql = f"{_EVENT_SELECT} {where} ORDER BY e.day NULLS LAST, e.id LIMIT ? OFFSET ?"
    return hydrate(db.query(sql, [*params, limit, offset]))


def iter_events(db: Database, q: EventQuery, batch: int) -> Iterator[Event]:
    """Every event matching `q`, ordered like `events()`, fetched `batch` at a time (keyset paging)."""
    last: tuple[dt.date, str] | None = None
    while True:  # events with a day, keyed on (day, id)
        extra = ["e.day IS NOT NULL"]
        if last is not None:
            extra.append("(e.day > ? OR (e.day = ? AND e.id > ?))")
        where, params = where_clause(q, *extra)
        if last is not None:
            params += [last[0], last[0], last[1]]
        rows = db.query(f"{_EVENT_SELECT} {where} ORDER BY e.day, e.id LIMIT ?", [*params, batch])
        yield from hydrate(rows)
        if len(rows) < batch:
            break
        last = (rows[-1][-1], rows[-1][0])
    last_id: str | None = None
    while True:  # then those without, keyed on id
        extra = ["e.day IS NULL"] + (["e.id > ?"] if last_id is not None else [])
        where, params = where_clause(q, *extra)
        rows = db.query(f"{_EVENT_SELECT} {where} ORDER BY e.id LIMIT ?",
                        [*params, *([last_id] if last_id is not None else []), batch])
        yield from hydrate(rows)
        if len(rows) < batch:
            break
        last_id = rows[-1][0]


def event(db: Database, id: str) -> Event | None:
    found = hydrate(db.query(f"{_EVENT_SELECT} WHERE e.id = ?", (id,)))
    return found[0] if found else None


def documents(db: Database, limit: int, offset: int, id: str | None = None) -> list[Document]:
    where, params = ("WHERE id = ?", [id]) if id is not None else ("", [])
    sql = f"SELECT {select_list(DOCUMENT_COLUMNS)} FROM documents {where} ORDER BY published NULLS LAST, id LIMIT ? OFFSET ?"
    return [document_from_row(r) for r in db.query(sql, [*params, limit, offset])]


_STORY_SELECT = """SELECT s.id, s.type, s.source_keys, s.target_keys, s.first_seen, s.last_seen,
    s.num_articles, s.num_sources FROM story_events s"""


def stories(db: Database, q: EventQuery, limit: int, offset: int, id: str | None = None) -> list[StoryEvent]:
    """Stories with at least one member event matching `q`, by (first_seen, id)."""
    where, params = where_clause(q)
    conds: list[str] = []
    if where:
        conds.append(f"s.id IN (SELECT m.story_id FROM story_members m JOIN events e ON e.id = m.event_id {where})")
    if id is not None:
        conds.append("s.id = ?")
        params.append(id)
    cond = "WHERE " + " AND ".join(conds) if conds else ""
    rows = db.query(f"{_STORY_SELECT} {cond} ORDER BY s.first_seen NULLS LAST, s.id LIMIT ? OFFSET ?",
                    [*params, limit, offset])
    members: dict[str, list[str]] = defaultdict(list)
    if rows:
        sql = f"""SELECT m.story_id, m.event_id FROM story_members m JOIN events e ON e.id = m.event_id
            WHERE m.story_id IN {_IDS} ORDER BY e.day NULLS LAST, e.id"""
        for story_id, event_id in db.query(sql, ([r[0] for r in rows],)):
            members[story_id].append(event_id)
    return [_story(r, members[r[0]]) for r in rows]


def _story(row: Sequence[Any], member_ids: list[str]) -> StoryEvent:
    id_, type_, sources, targets, first_seen, last_seen, num_articles, num_sources = row
    return StoryEvent(
        id=id_, type=type_, sources=tuple(sources.split("+")) if sources else (),
        targets=tuple(targets.split("+")) if targets else (), first_seen=first_seen,
        last_seen=last_seen, member_ids=tuple(member_ids), num_articles=num_articles,
        num_sources=num_sources,
    )
