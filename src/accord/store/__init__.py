"""Where coded events live: a DuckDB file by default, PostgreSQL for a shared server.

    >>> from accord.store import open_store
    >>> with open_store(":memory:") as store:
    ...     store.counts()
    {'documents': 0, 'events': 0, 'rejected': 0, 'stories': 0}
"""

from __future__ import annotations

from pathlib import Path

from accord.errors import StoreError
from accord.store.base import EventQuery, Store, WriteResult, describe_location

__all__ = ["EventQuery", "Store", "WriteResult", "open_store"]

_PG_SCHEMES = ("postgresql://", "postgres://")


def open_store(path_or_url: str | Path = "accord.duckdb", *, read_only: bool = False) -> Store:
    """Open a store, creating it or upgrading its schema as needed.

    `path_or_url` is a DuckDB file path (the default `accord.duckdb`), `:memory:`, or a
    PostgreSQL URL `postgresql://user[:password]@host[:port]/dbname`. `read_only=True` opens an
    existing DuckDB file without its write lock, so any number of readers (the CLI, a server
    with writing off, pandas, R) can use it at once; it is upgraded first when its schema is old.
    PostgreSQL ignores it (the server arbitrates).
    """
    text = str(path_or_url)
    if text.startswith(_PG_SCHEMES):
        from accord.store.postgres import PostgresStore

        return PostgresStore(text)
    if "://" in text:
        raise StoreError(
            f"unsupported store URL {describe_location(text)}", input=describe_location(text),
            valid="a DuckDB file path, :memory:, or postgresql://user@host:port/dbname",
        )
    if not text.strip():
        raise StoreError("empty store path", input=text, valid="a DuckDB file path, :memory:, or postgresql://...")
    from accord.store.duckdb import DuckDBStore

    return DuckDBStore(path_or_url, read_only=read_only)
