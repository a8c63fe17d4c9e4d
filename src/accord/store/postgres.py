"""The PostgreSQL backend (psycopg 3), for a store shared by several processes or machines."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Literal

import psycopg

from accord.errors import StoreError
from accord.store._sqlstore import SQLStore
from accord.store.base import NestedTransactions, describe_location

_cursor_names = itertools.count()


def _one_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


@functools.lru_cache(maxsize=512)
def to_psycopg(sql: str) -> str:
    """`?` placeholders -> `%s` (literal `%` doubled). The shared SQL never has `?` in a literal."""
    return sql.replace("%", "%%").replace("?", "%s")


class PostgresDatabase(NestedTransactions):
    """`Database` over one psycopg connection in autocommit mode; `transaction()` nests."""

    dialect: Literal["postgres"] = "postgres"

    def __init__(self, conn: psycopg.Connection[Any], location: str) -> None:
        self._conn = conn
        self.location = location
        self._depth = 0

    def _fail(self, error: psycopg.Error) -> StoreError:
        return StoreError(f"{self.location}: {_one_line(error)}", input=self.location)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        try:
            self._conn.execute(to_psycopg(sql), list(params))
        except psycopg.Error as e:
            raise self._fail(e) from e

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._conn.execute(to_psycopg(sql), list(params)).fetchall()
        except psycopg.Error as e:
            raise self._fail(e) from e

    def stream(self, sql: str, params: Sequence[Any] = (), size: int = 10_000) -> Iterator[list[tuple[Any, ...]]]:
        """Rows through a server-side cursor, `size` at a time (inside a transaction)."""
        with self.transaction():
            try:
                with self._conn.cursor(name=f"accord_stream_{next(_cursor_names)}") as cursor:
                    cursor.execute(to_psycopg(sql), list(params))
                    while rows := cursor.fetchmany(size):
                        yield rows
            except psycopg.Error as e:
                raise self._fail(e) from e

    def insert_lists(self, table: str, columns: Sequence[tuple[str, str]], lists: Sequence[Sequence[Any]]) -> None:
        """Insert many rows with one statement: each column travels as one typed array."""
        if not lists or not lists[0]:
            return
        names = ", ".join(name for name, _ in columns)
        arrays = ", ".join(f"CAST(? AS {kind}[])" for _, kind in columns)
        self.execute(f"INSERT INTO {table} ({names}) SELECT * FROM unnest({arrays})",
                     [list(values) for values in lists])

    @contextmanager
    def _outer_transaction(self) -> Iterator[None]:
        try:
            with self._conn.transaction():
                yield
        except psycopg.Error as e:
            raise self._fail(e) from e

    def table_exists(self, name: str) -> bool:
        sql = "SELECT count(*) FROM information_schema.tables WHERE table_name = ? AND table_schema = current_schema()"
        return bool(self.query(sql, (name,))[0][0])

    def close(self) -> None:
        self._conn.close()


def connect(url: str, *, timeout: int = 5) -> PostgresDatabase:
    """Connect to `postgresql://user[:password]@host[:port]/dbname[?options]`."""
    location = describe_location(url)
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=timeout)
    except psycopg.ProgrammingError as e:
        raise StoreError(f"bad PostgreSQL URL {location}: {_one_line(e)}", input=location,
                         valid="postgresql://user[:password]@host[:port]/dbname") from e
    except psycopg.Error as e:
        raise StoreError(f"cannot connect to PostgreSQL at {location}: {_one_line(e)}", input=location) from e
    return PostgresDatabase(conn, location)


class PostgresStore(SQLStore):
    """A Store in a PostgreSQL database (tables go in the connection's current schema)."""

    def __init__(self, url: str) -> None:
        db = connect(url)
        try:
            super().__init__(db)
        except BaseException:
            db.close()
            raise
