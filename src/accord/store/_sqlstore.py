"""SQLStore: the Store implementation shared by DuckDB and PostgreSQL, over a `Database`."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from accord.analytics import series
from accord.analytics import stories as story_rules
from accord.analytics.counting import Counting
from accord.errors import StoreError
from accord.store import _read, _rows
from accord.store.base import (
    CountUnit,
    Database,
    Direction,
    EventQuery,
    Period,
    WriteResult,
    insert_rows,
)
from accord.store.schema import migrate
from accord.types import CodedDocument, Document, Event, Rejection, StoryEvent

if TYPE_CHECKING:
    from accord.analytics.network import Network
    from accord.analytics.series import ActorCount, DyadCount, SeriesRow, TypeMixRow

_WRITE_LOCK = 0x616363_6F7265  # serialises writers on one PostgreSQL database
_IDS = "(SELECT unnest(CAST(? AS TEXT[])))"
_STORY_KEY = [name for name, _ in _rows.EVENT_COLUMNS].index("story_key")


class SQLStore:
    """A Store over any `Database`. Opening it brings the schema to the current version."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self.backend = db.dialect
        self.location = db.location
        if migrate(db):
            story_rules.update_stories(db)

    # ---- writing -------------------------------------------------------------------------

    def write(self, coded: Sequence[CodedDocument], rejections: Sequence[Rejection] = ()) -> WriteResult:
        """Store documents, their events and rejections in one transaction, all or nothing.

        Documents already stored (same id) are skipped with their events; the stories of the new
        events are updated in the same transaction.
        """
        coded = list(coded)
        _check_events_belong(coded)
        with self._db.transaction():
            if self._db.dialect == "postgres":
                self._db.query("SELECT pg_advisory_xact_lock(?)", (_WRITE_LOCK,))
            new_docs = self._new_documents(coded)
            events_written = self._insert_documents(new_docs)
            rejections_written = self._insert_rejections(rejections)
            if events_written:
                story_rules.update_stories(self._db)
        return WriteResult(
            documents_written=len(new_docs), documents_skipped=len(coded) - len(new_docs),
            events_written=events_written, rejections_written=rejections_written,
        )

    def _new_documents(self, coded: list[CodedDocument]) -> list[CodedDocument]:
        present = self.has_documents(c.document.id for c in coded)
        new: dict[str, CodedDocument] = {}
        for c in coded:
            if c.document.id not in present and c.document.id not in new:
                new[c.document.id] = c
        return list(new.values())

    def _insert_documents(self, new_docs: list[CodedDocument]) -> int:
        docs, events, actors, dyads, pending = [], [], [], [], []
        for c in new_docs:
            published = c.document.published
            docs.append(_rows.document_row(c.document))
            for e in c.events:
                row = _rows.event_row(e, published)
                events.append(row)
                actors.extend(_rows.actor_rows(e, published))
                dyads.extend(_rows.dyad_rows(e, published))
                pending.append((e.id, row[_STORY_KEY]))
        def insert(table: str, columns: Sequence[tuple[str, str]], rows: list[Any]) -> None:
            insert_rows(self._db, table, columns, rows)

        insert("documents", _rows.DOCUMENT_COLUMNS, docs)
        insert("events", _rows.EVENT_COLUMNS, events)
        insert("event_actors", _rows.ACTOR_COLUMNS, actors)
        insert("event_dyads", _rows.DYAD_COLUMNS, dyads)
        insert("story_pending", _rows.PENDING_COLUMNS, pending)
        return len(events)

    def _insert_rejections(self, rejections: Sequence[Rejection]) -> int:
        rows = {r[0]: r for r in map(_rows.rejection_row, rejections)}
        if rows:
            present = self._db.query(f"SELECT id FROM rejected WHERE id IN {_IDS}", (list(rows),))
            for (rid,) in present:
                rows.pop(rid, None)
        insert_rows(self._db, "rejected", _rows.REJECTION_COLUMNS, list(rows.values()))
        return len(rows)

    def update_stories(self, window_days: int | None = None) -> int:
        """Assign new events to stories (see accord.analytics.stories); returns stories changed."""
        return story_rules.update_stories(self._db, window_days)

    # ---- reading -------------------------------------------------------------------------

    def has_documents(self, ids: Iterable[str]) -> set[str]:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return set()
        return {r[0] for r in self._db.query(f"SELECT id FROM documents WHERE id IN {_IDS}", (wanted,))}

    def events(
        self,
        *,
        actor: str | None = None,
        dyad: tuple[str, str] | None = None,
        type: str | None = None,
        quad_class: int | None = None,
        modality: str | tuple[str, ...] | None = None,
        min_confidence: float | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        text: str | None = None,
        country: str | None = None,
        granularity: str | tuple[str, ...] | None = None,
        actors: tuple[str, ...] | None = None,
        limit: int | None = 100,
        offset: int = 0,
    ) -> list[Event]:
        """Events matching every filter given (see EventQuery), oldest first: by (day, id), days
        unknown last. `limit=None` returns them all; `count_events()` says how many match."""
        q = EventQuery(actor=actor, dyad=dyad, type=type, quad_class=quad_class, modality=modality,
                       min_confidence=min_confidence, since=since, until=until, text=text,
                       country=country, granularity=granularity, actors=actors)
        if limit is None:
            _page(0, offset)
            return list(itertools.islice(_read.iter_events(self._db, q, 1000), offset, None))
        return _read.events(self._db, q, *_page(limit, offset))

    def count_events(self, query: EventQuery = EventQuery()) -> int:  # noqa: B008
        """How many events match `query` (for "showing N of TOTAL")."""
        where, params = query.sql_where()
        return int(self._db.query(f"SELECT count(*) FROM events e {where}", params)[0][0])

    def count_stories(self, query: EventQuery = EventQuery()) -> int:  # noqa: B008
        """How many stories have a member event matching `query`."""
        where, params = query.sql_where()
        sql = f"""SELECT count(DISTINCT m.story_id) FROM story_members m JOIN events e ON e.id = m.event_id {where}"""
        return int(self._db.query(sql, params)[0][0])

    def coverage(self, since: dt.date | None = None, until: dt.date | None = None, *,
                 by: Period | None = None, **rules: Any) -> tuple[int, int]:
        """(events the counting rules count, events stored) between two days; `rules` as in
        `dyad_series` (modality, min_confidence, granularity, include_inferred)."""
        return series.coverage(self._db, _rules(**rules), since, until, by)

    def counted_note(self, since: dt.date | None = None, until: dt.date | None = None, *,
                     by: Period | None = None, **rules: Any) -> str:
        """What an aggregate counted: 'asserted+reported, confidence >= 0.3, 412 of 717 events'."""
        return series.counted_note(self._db, _rules(**rules), since, until, by)

    def iter_events(self, query: EventQuery = EventQuery(), batch: int = 1000) -> Iterator[Event]:  # noqa: B008
        """Every event matching `query`, in the order of `events()`, without loading them all."""
        return _read.iter_events(self._db, query, max(1, batch))

    def event(self, id: str) -> Event | None:
        return _read.event(self._db, id)

    def document(self, id: str) -> Document | None:
        found = _read.documents(self._db, 1, 0, id=id)
        return found[0] if found else None

    def documents(self, limit: int = 100, offset: int = 0) -> list[Document]:
        """Documents by (published, id)."""
        return _read.documents(self._db, *_page(limit, offset))

    def rejections(self) -> list[Rejection]:
        """Every stored rejection, by (input, reason, message)."""
        sql = f"SELECT {_rows.select_list(_rows.REJECTION_COLUMNS)} FROM rejected ORDER BY input, reason, message, id"
        return [_rows.rejection_from_row(r) for r in self._db.query(sql)]

    def counts(self) -> dict[str, int]:
        tables = {"documents": "documents", "events": "events", "rejected": "rejected", "stories": "story_events"}
        return {name: int(self._db.query(f"SELECT count(*) FROM {table}")[0][0]) for name, table in tables.items()}

    def stories(self, query: EventQuery = EventQuery(), limit: int = 100, offset: int = 0) -> list[StoryEvent]:  # noqa: B008
        """Stories with at least one member event matching `query`, by (first_seen, id)."""
        return _read.stories(self._db, query, *_page(limit, offset))

    def story(self, id: str) -> StoryEvent | None:
        found = _read.stories(self._db, EventQuery(), 1, 0, id=id)
        return found[0] if found else None

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run any SQL (with `?` placeholders on both backends) and return its rows."""
        return self._db.query(sql, params)

    def iter_query(self, sql: str, params: Sequence[Any] = (), size: int = 10_000) -> Iterator[list[tuple[Any, ...]]]:
        """Run any SQL and yield its rows `size` at a time, without loading them all."""
        return self._db.stream(sql, params, size)

    # ---- analytics (SQL in accord.analytics) ----------------------------------------------

    def dyad_series(
        self, a: str, b: str, *, by: Period = "month", direction: Direction = "both",
        count: CountUnit = "stories", since: dt.date | None = None, until: dt.date | None = None,
        **rules: Any,
    ) -> list[SeriesRow]:
        """Counts per period between a and b (ids, codes or countries). Every aggregate takes the
        counting rules as keywords: `modality` (one, several, or None for all; default asserted
        and reported), `min_confidence` (default 0.3), `granularity` (default: what fits the
        period), `include_inferred` (default False); see accord.analytics.counting."""
        return series.dyad_series(self._db, a, b, by=by, direction=direction, count=count,
                                  since=since, until=until, rules=_rules(**rules))

    def top_actors(
        self, since: dt.date | None = None, until: dt.date | None = None, n: int = 20,
        *, count: CountUnit = "stories", group: str = "actor", **rules: Any,
    ) -> list[ActorCount]:
        return series.top_actors(self._db, since, until, n, count=count, rules=_rules(**rules),
                                 group=group)  # type: ignore[arg-type]

    def top_dyads(
        self, since: dt.date | None = None, until: dt.date | None = None, n: int = 20,
        *, count: CountUnit = "stories", group: str = "actor", **rules: Any,
    ) -> list[DyadCount]:
        return series.top_dyads(self._db, since, until, n, count=count, rules=_rules(**rules),
                                group=group)  # type: ignore[arg-type]

    def network(
        self, since: dt.date | None = None, until: dt.date | None = None,
        *, count: CountUnit = "stories", **rules: Any,
    ) -> Network:
        from accord.analytics.network import network

        return network(self._db, since, until, count=count, rules=_rules(**rules))

    def type_mix(
        self, by: Period = "month", *, count: CountUnit = "stories",
        since: dt.date | None = None, until: dt.date | None = None, **rules: Any,
    ) -> list[TypeMixRow]:
        return series.type_mix(self._db, by, count=count, since=since, until=until, rules=_rules(**rules))

    # ---- lifetime ------------------------------------------------------------------------

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.backend} {self.location}>"


_RULE_NAMES = ("modality", "min_confidence", "granularity", "include_inferred", "rules")


def _rules(**given: Any) -> Counting:
    """The counting rules from keywords (left out: the defaults), or `rules=Counting(...)`."""
    unknown = sorted(set(given) - set(_RULE_NAMES))
    if unknown:
        raise TypeError(f"unexpected keyword argument {unknown[0]!r}")
    if given.get("rules") is not None:
        return given["rules"]
    kwargs = {k: v for k, v in given.items() if k != "rules"}
    return Counting.of(**kwargs)


def _page(limit: int, offset: int) -> tuple[int, int]:
    if limit < 0 or offset < 0:
        raise StoreError(f"limit and offset must be 0 or more, got {limit} and {offset}",
                         input=f"{limit},{offset}")
    return limit, offset


def _check_events_belong(coded: list[CodedDocument]) -> None:
    for c in coded:
        for e in c.events:
            if e.doc_id != c.document.id:
                raise StoreError(
                    f"event {e.id} has doc_id {e.doc_id} but was passed with document {c.document.id}",
                    input=e.id,
                )
