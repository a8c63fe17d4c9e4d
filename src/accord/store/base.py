"""The Store protocol, the low-level Database protocol both backends implement, and small types."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from accord.analytics.counting import (
    COUNT_UNITS,
    DIRECTIONS,
    GRANULARITIES,
    PERIODS,
    Counting,
    CountUnit,
    Database,
    Dialect,
    Direction,
    EventQuery,
    Period,
    check_choice,
)
from accord.types import CodedDocument, Document, Event, Rejection, StoryEvent

if TYPE_CHECKING:
    from accord.analytics.network import Network
    from accord.analytics.series import ActorCount, DyadCount, SeriesRow, TypeMixRow

__all__ = [
    "COUNT_UNITS", "DIRECTIONS", "GRANULARITIES", "PERIODS", "CountUnit", "Counting", "Database", "Dialect",
    "Direction", "EventQuery", "Period", "Store", "WriteResult", "check_choice", "insert_rows",
]

@dataclass(frozen=True, slots=True)
class WriteResult:
    """What one `Store.write` call did."""

    documents_written: int = 0
    documents_skipped: int = 0
    events_written: int = 0
    rejections_written: int = 0


def insert_rows(db: Database, table: str, columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Any]]) -> None:
    """Insert `rows` (tuples in `columns` order) with one statement."""
    if rows:
        db.insert_lists(table, columns, [list(values) for values in zip(*rows, strict=True)])


@runtime_checkable
class Store(Protocol):
    """Where coded documents, events, rejections and story events live. DuckDB or PostgreSQL."""

    backend: Dialect
    location: str

    def write(self, coded: Sequence[CodedDocument], rejections: Sequence[Rejection] = ()) -> WriteResult: ...

    def has_documents(self, ids: Iterable[str]) -> set[str]: ...

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
    ) -> list[Event]: ...

    def count_events(self, query: EventQuery = ...) -> int: ...

    def count_stories(self, query: EventQuery = ...) -> int: ...

    def coverage(self, since: dt.date | None = None, until: dt.date | None = None, *,
                 by: Period | None = None, **rules: Any) -> tuple[int, int]: ...

    def counted_note(self, since: dt.date | None = None, until: dt.date | None = None, *,
                     by: Period | None = None, **rules: Any) -> str: ...

    def iter_events(self, query: EventQuery = ..., batch: int = 1000) -> Iterator[Event]: ...

    def event(self, id: str) -> Event | None: ...

    def document(self, id: str) -> Document | None: ...

    def documents(self, limit: int = 100, offset: int = 0) -> list[Document]: ...

    def rejections(self) -> list[Rejection]: ...

    def counts(self) -> dict[str, int]: ...

    def update_stories(self, window_days: int | None = None) -> int: ...

    def stories(self, query: EventQuery = ..., limit: int = 100, offset: int = 0) -> list[StoryEvent]: ...

    def story(self, id: str) -> StoryEvent | None: ...

    def dyad_series(
        self, a: str, b: str, *, by: Period = "month", direction: Direction = "both",
        count: CountUnit = "stories", since: dt.date | None = None, until: dt.date | None = None,
        **rules: Any,
    ) -> list[SeriesRow]: ...

    def top_actors(
        self, since: dt.date | None = None, until: dt.date | None = None, n: int = 20,
        *, count: CountUnit = "stories", group: str = "actor", **rules: Any,
    ) -> list[ActorCount]: ...

    def top_dyads(
        self, since: dt.date | None = None, until: dt.date | None = None, n: int = 20,
        *, count: CountUnit = "stories", group: str = "actor", **rules: Any,
    ) -> list[DyadCount]: ...

    def network(
        self, since: dt.date | None = None, until: dt.date | None = None,
        *, count: CountUnit = "stories", **rules: Any,
    ) -> Network: ...

    def type_mix(
        self, by: Period = "month", *, count: CountUnit = "stories",
        since: dt.date | None = None, until: dt.date | None = None, **rules: Any,
    ) -> list[TypeMixRow]: ...

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    def iter_query(self, sql: str, params: Sequence[Any] = (), size: int = 10_000) -> Iterator[list[tuple[Any, ...]]]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...


def describe_location(path_or_url: str | Path) -> str:
    """A printable form of a store location with any password removed."""
    text = str(path_or_url)
    if "://" in text and "@" in text:
        scheme, rest = text.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        user = creds.split(":", 1)[0]
        return f"{scheme}://{user}@{host}"
    return text


class NestedTransactions:
    """Transactions that nest: only the outermost one talks to the database (both backends).

    A backend sets `self._depth = 0` and implements `_outer_transaction()`.
    """

    _depth: int

    def _outer_transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._depth = 1
        try:
            with self._outer_transaction():
                yield
        finally:
            self._depth = 0
