"""Hand-made documents and events, and the `store` fixture run on DuckDB and on PostgreSQL.

Imported by tests/store/conftest.py and tests/analytics/conftest.py.
"""

from __future__ import annotations

import datetime as dt
import os
import urllib.parse
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from accord.store import Store, open_store
from accord.types import ActorRef, CodedDocument, Document, Event, Location, Span

PG_ENV = "ACCORD_TEST_PG_URL"
PG_UNSET = (f"postgres tests skipped: {PG_ENV} is not set "
            "(`. .ci/postgres.sh` starts a throwaway server and sets it)")


def ref(text: str, code: str | None = None, actor_id: str | None = None, **kw: object) -> ActorRef:
    return ActorRef(text=text, actor_id=actor_id, code=code, **kw)  # type: ignore[arg-type]


def doc(id: str, published: dt.date | None = dt.date(2024, 3, 1), source: str = "Reuters",
        text: str | None = None) -> Document:
    return Document(id=id, text=text or f"Text of {id}.", published=published, title=f"Title {id}",
                    url=f"https://news.example/{id}", source=source)


def _refs(actors: Sequence[str | ActorRef]) -> tuple[ActorRef, ...]:
    return tuple(a if isinstance(a, ActorRef) else ActorRef(text=a.title(), code=a) for a in actors)


def event(id: str, doc_id: str, *, type: str = "CONSULT", sources: Sequence[str | ActorRef] = ("USAGOV",),
          targets: Sequence[str | ActorRef] = ("RUSGOV",), date: dt.date | None = None,
          quad_class: int = 1, goldstein: float = 1.0, sentence: str | None = None,
          **kw: object) -> Event:
    sentence = sentence or f"Sentence of {id}."
    fields: dict[str, object] = dict(
        id=id, doc_id=doc_id, sentence=sentence, sentence_index=0, type=type, mode=None, context=(),
        cameo="040", quad_class=quad_class, goldstein=goldstein, sources=_refs(sources),
        targets=_refs(targets), modality="asserted", trigger=Span(0, 4, sentence[:4]),
        evidence=Span(0, len(sentence), sentence), confidence=0.9, trace=("test.rule",), date=date,
        date_granularity="day" if date else "unresolved",
    )
    fields.update(kw)
    return Event(**fields)  # type: ignore[arg-type]


def coded(document: Document, *events: Event) -> CodedDocument:
    return CodedDocument(document, tuple(events))


def rich_event(doc_id: str = "d-rich") -> Event:
    """An event using every field, for exact round-trips."""
    sentence = "Ukraine's foreign minister said Russia attacked Kharkiv, Zelensky's office reported."
    return Event(
        id="e-rich", doc_id=doc_id, sentence=sentence, sentence_index=3, type="ASSAULT",
        mode="aerial", context=("military", "territory"), cameo="195", quad_class=4, goldstein=-9.5,
        sources=(ref("Russia", "RUS", None, sector="", start=32, end=38),
                 ref("its army", "RUSMIL", "russian-armed-forces", sector="MIL", name="Armed Forces of Russia",
                     role="military", start=0, end=8)),
        targets=(ref("Kharkiv", "UKR", None, start=48, end=55),),
        modality="reported", trigger=Span(39, 47, "attacked"), evidence=Span(0, len(sentence), sentence),
        confidence=0.8125, trace=("verb.attack/3",),
        attributed_to=ref("Ukraine's foreign minister", "UKRGOV", "andrii-sybiha", sector="GOV",
                          name="Andrii Sybiha", role="Minister of Foreign Affairs", start=0, end=26),
        date=dt.date(2024, 5, 11), date_granularity="day", date_text="on Saturday",
        location=Location("Kharkiv", "UKR", 49.9935, 36.2304),
    )


# ---- the store fixture ------------------------------------------------------------------------

_pg_state: dict[str, str | None] = {}


def pg_unavailable() -> str | None:
    """Why the PostgreSQL tests cannot run (unset or unreachable URL), or None when they can."""
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        return PG_UNSET
    if url not in _pg_state:
        import psycopg

        try:
            psycopg.connect(url, connect_timeout=3).close()
            _pg_state[url] = None
        except psycopg.Error as e:
            first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            _pg_state[url] = f"postgres tests skipped: cannot reach {PG_ENV}: {first}"
    return _pg_state[url]


def pg_url_or_skip() -> str:
    reason = pg_unavailable()
    if reason:
        pytest.skip(reason)
    return os.environ[PG_ENV].strip()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without a server, drop the postgres variants so the run shows one skip reason, not one per test.

    `test_open_store_postgres_server_is_available` is the test that reports it.
    """
    if pg_unavailable() is None:
        return
    dropped = [i for i in items if getattr(i, "callspec", None) and i.callspec.params.get("location") == "postgres"]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [i for i in items if i not in dropped]


def with_schema(url: str, schema: str) -> str:
    """`url` with `search_path` set to `schema` (libpq `options`)."""
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qsl(parts.query) + [("options", f"-csearch_path={schema}")]
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))


def pg_execute(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture(params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where a fresh, empty store lives: a DuckDB file, or a new PostgreSQL schema."""
    if request.param == "duckdb":
        yield str(tmp_path / "test.duckdb")
        return
    url = pg_url_or_skip()
    schema = f"accord_test_{uuid.uuid4().hex[:12]}"
    pg_execute(url, f"CREATE SCHEMA {schema}")
    try:
        yield with_schema(url, schema)
    finally:
        pg_execute(url, f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def store(location: str) -> Iterator[Store]:
    with open_store(location) as s:
        yield s
