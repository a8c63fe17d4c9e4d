"""The DuckDB backend: an embedded file (the default) or `:memory:`."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

import duckdb

from accord.errors import StoreError
from accord.store._sqlstore import SQLStore
from accord.store.base import NestedTransactions
from accord.store.schema import SCHEMA_VERSION, schema_version


def _one_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


class DuckDBDatabase(NestedTransactions):
    """`Database` over one DuckDB connection. Transactions nest (the outermost one commits)."""

    dialect: Literal["duckdb"] = "duckdb"

    def __init__(self, conn: duckdb.DuckDBPyConnection, location: str) -> None:
        self._conn = conn
        self.location = location
        self._depth = 0

    def _run(self, sql: str, params: Sequence[Any]) -> duckdb.DuckDBPyConnection:
        try:
            return self._conn.execute(sql, list(params))
        except duckdb.Error as e:
            raise StoreError(f"{self.location}: {_one_line(e)}", input=self.location) from e

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._run(sql, params)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._run(sql, params).fetchall()

    def stream(self, sql: str, params: Sequence[Any] = (), size: int = 10_000) -> Iterator[list[tuple[Any, ...]]]:
        # Outside a transaction, a cursor of its own lets other queries run meanwhile; inside one,
        # the connection itself, so that the rows written by the transaction are seen.
        cursor = self._conn if self._depth else self._conn.cursor()
        try:
            cursor.execute(sql, list(params))
            while rows := cursor.fetchmany(size):
                yield rows
        except duckdb.Error as e:
            raise StoreError(f"{self.location}: {_one_line(e)}", input=self.location) from e
        finally:
            if cursor is not self._conn:
                cursor.close()

    def insert_lists(self, table: str, columns: Sequence[tuple[str, str]], lists: Sequence[Sequence[Any]]) -> None:
        """Insert many rows with one statement: each column travels as one typed list."""
        if not lists or not lists[0]:
            return
        names = ", ".join(name for name, _ in columns)
        values = ", ".join(f"unnest(CAST(? AS {kind}[]))" for _, kind in columns)
        self.execute(f"INSERT INTO {table} ({names}) SELECT {values}", [list(values) for values in lists])

    @contextmanager
    def _outer_transaction(self) -> Iterator[None]:
        self._conn.begin()
        try:
            yield
        except BaseException:
            self._conn.rollback()
            raise
        else:
            self._conn.commit()

    def table_exists(self, name: str) -> bool:
        sql = "SELECT count(*) FROM information_schema.tables WHERE table_name = ? AND table_schema = current_schema()"
        return bool(self.query(sql, (name,))[0][0])

    def close(self) -> None:
        self._conn.close()


def connect(path: str | Path = "accord.duckdb", *, read_only: bool = False) -> DuckDBDatabase:
    """Open (creating if needed) a DuckDB file, or an in-memory database for ':memory:'."""
    location = str(path)
    if location != ":memory:":
        parent = Path(location).expanduser().resolve().parent
        if not parent.is_dir():
            raise StoreError(f"cannot create DuckDB file {location}: folder {parent} does not exist",
                             input=location)
    try:
        conn = duckdb.connect(location, read_only=read_only)
        conn.execute("SET enable_progress_bar = false")  # no bars on the caller's terminal
        # A join whose build side has up to 2,000 keys pushes them into the probe side's scan as an
        # IN filter, which the primary-key index answers (default 50): a brief's story members or
        # shown statements are looked up among millions of documents by id without a full scan
        # (10M synthetic events, 600 document ids: 0.33 -> 0.07 s).
        conn.execute("SET dynamic_or_filter_threshold = 2000")
    except duckdb.Error as e:
        raise StoreError(f"cannot open DuckDB file {location}: {_one_line(e)}", input=location) from e
    return DuckDBDatabase(conn, location)


class DuckDBStore(SQLStore):
    """A Store in a DuckDB file (or in memory)."""

    def __init__(self, path: str | Path = "accord.duckdb", *, read_only: bool = False) -> None:
        read_only = read_only and str(path) != ":memory:"
        if read_only:
            db = connect(path, read_only=True)
            old = schema_version(db) < SCHEMA_VERSION
            if old:  # upgrade once with the write lock, then read without it
                db.close()
                DuckDBStore(path).close()
                db = connect(path, read_only=True)
        else:
            db = connect(path)
        self.read_only = read_only
        try:
            super().__init__(db)
        except BaseException:
            db.close()
            raise
