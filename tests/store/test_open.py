"""open_store: choosing the backend, and one-line errors for bad locations."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from store_factories import pg_execute, pg_url_or_skip, with_schema

from accord.errors import StoreError
from accord.store import open_store


def test_open_store_postgres_server_is_available() -> None:
    """Skips, with the one reason every postgres variant would give, when there is no server."""
    url, schema = pg_url_or_skip(), f"accord_test_{uuid.uuid4().hex[:12]}"
    pg_execute(url, f"CREATE SCHEMA {schema}")
    try:
        with open_store(with_schema(url, schema)) as store:
            assert (store.backend, store.counts()["events"]) == ("postgres", 0)
    finally:
        pg_execute(url, f"DROP SCHEMA {schema} CASCADE")


def test_open_store_memory_is_duckdb() -> None:
    with open_store(":memory:") as store:
        assert (store.backend, store.location) == ("duckdb", ":memory:")
        assert store.counts() == {"documents": 0, "events": 0, "rejected": 0, "stories": 0}


def test_open_store_creates_a_duckdb_file(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    with open_store(path) as store:
        assert store.backend == "duckdb"
    assert path.is_file()


@pytest.mark.parametrize(("location", "message"), [
    ("mysql://u:secret@host/db", "unsupported store URL mysql://u@host/db (valid: a DuckDB file path"),
    ("", "empty store path"),
    ("/no/such/folder/x.duckdb", "cannot create DuckDB file /no/such/folder/x.duckdb: folder /no/such/folder does not exist"),
])
def test_open_store_bad_location_is_one_line(location: str, message: str) -> None:
    with pytest.raises(StoreError) as info:
        open_store(location)
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)
    assert "secret" not in str(info.value)


def test_open_store_unreachable_postgres_is_one_line() -> None:
    with pytest.raises(StoreError) as info:
        open_store("postgresql://someone:secret@127.0.0.1:1/nothing")
    text = str(info.value)
    assert text.startswith("cannot connect to PostgreSQL at postgresql://someone@127.0.0.1:1/nothing: ")
    assert "\n" not in text and "secret" not in text


def test_open_store_bad_postgres_url_is_one_line() -> None:
    with pytest.raises(StoreError) as info:
        open_store("postgresql://host:notaport/db")
    assert "\n" not in str(info.value)
    assert "PostgreSQL" in str(info.value)


def test_open_store_not_a_duckdb_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("just some notes, not a database\n" * 100)
    with pytest.raises(StoreError) as info:
        open_store(path)
    assert str(info.value).startswith(f"cannot open DuckDB file {path}: ")
    assert "\n" not in str(info.value)
