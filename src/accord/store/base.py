"""The Store protocol, the low-level Database protocol both backends implement, and small types."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, runtime_checkable

from accord.errors import StoreError
from accord.types import MODALITIES, CodedDocument, Document, Event, Rejection, StoryEvent

if TYPE_CHECKING:
    from accord.analytics.network import Network
    from accord.analytics.series import ActorCount, DyadCount, SeriesRow, TypeMixRow

Dialect = Literal["duckdb", "postgres"]
Period = Literal["day", "week", "month", "year"]
Direction = Literal["both", "a_to_b", "b_to_a"]
CountUnit = Literal["stories", "reports"]

PERIODS: tuple[str, ...] = ("day", "week", "month", "year")
DIRECTIONS: tuple[str, ...] = ("both", "a_to_b", "b_to_a")
COUNT_UNITS: tuple[str, ...] = ("stories", "reports")


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What one `Store.write` call did."""

    documents_written: int = 0
    documents_skipped: int = 0
    events_written: int = 0
    rejections_written: int = 0


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Filters shared by `Store.events`, `Store.stories` and the exports. All optional, ANDed.

    `actor` matches an actor id, an actor code, or (case-insensitively) the text of a source or
    target; `dyad` is (source, target), each matched against actor id or code; `since`/`until`
    bound the event day (the event date, else the publication date), both inclusive; `text` is a
    case-insensitive substring of the sentence.
    """

    actor: str | None = None
    dyad: tuple[str, str] | None = None
    type: str | None = None
    quad_class: int | None = None
    modality: str | None = None
    min_confidence: float | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    text: str | None = None

    def __post_init__(self) -> None:
        if self.quad_class is not None and self.quad_class not in (1, 2, 3, 4):
            raise StoreError(f"bad quad_class {self.quad_class!r}", input=str(self.quad_class), valid="1, 2, 3, 4")
        if self.modality is not None and self.modality not in MODALITIES:
            raise StoreError(f"bad modality {self.modality!r}", input=self.modality, valid=", ".join(MODALITIES))
        if self.dyad is not None and len(self.dyad) != 2:
            raise StoreError(f"a dyad is two actors, got {self.dyad!r}", input=str(self.dyad))
        if self.since and self.until and self.since > self.until:
            raise StoreError(f"since {self.since} is after until {self.until}", input=str(self.since))

    def sql_where(self, *extra: str) -> tuple[str, list[Any]]:
        """`WHERE ...` on the `events` table aliased `e` (or ''), and its parameters."""
        from accord.store._filters import where_clause

        return where_clause(self, *extra)


def check_choice(name: str, value: str, valid: Sequence[str]) -> None:
    """Raise StoreError naming the valid choices when `value` is not one of them."""
    if value not in valid:
        raise StoreError(f"unknown {name} {value!r}", input=value, valid=", ".join(valid))


class Database(Protocol):
    """The few operations the shared SQL code needs from a backend connection.

    SQL uses `?` placeholders on every backend; values are always passed as parameters.
    """

    @property
    def dialect(self) -> Dialect: ...

    @property
    def location(self) -> str: ...

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None: ...

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    def stream(self, sql: str, params: Sequence[Any] = (), size: int = 10_000) -> Iterator[list[tuple[Any, ...]]]: ...

    def insert_lists(self, table: str, columns: Sequence[tuple[str, str]], lists: Sequence[Sequence[Any]]) -> None:
        """Insert len(lists[0]) rows in one statement; `lists` holds one list per column."""

    def transaction(self) -> AbstractContextManager[None]: ...

    def table_exists(self, name: str) -> bool: ...

    def close(self) -> None: ...


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
        modality: str | None = None,
        min_confidence: float | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        text: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[Event]: ...

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
    ) -> list[SeriesRow]: ...

    def top_actors(
        self, since: dt.date | None = None, until: dt.date | None = None, n: int = 20,
        *, count: CountUnit = "stories",
    ) -> list[ActorCount]: ...

    def top_dyads(
        self, since: dt.date | None = None, until: dt.date | None = None, n: int = 20,
        *, count: CountUnit = "stories",
    ) -> list[DyadCount]: ...

    def network(
        self, since: dt.date | None = None, until: dt.date | None = None,
        *, count: CountUnit = "stories",
    ) -> Network: ...

    def type_mix(
        self, by: Period = "month", *, count: CountUnit = "stories",
        since: dt.date | None = None, until: dt.date | None = None,
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
