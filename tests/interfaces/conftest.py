"""A small fixed store for the API and dashboard tests, built from hand-made Documents and Events
(offsets computed from the texts), so expected JSON does not move when the coder improves.

Seven documents, nine events: consultations, an accusation, sanctions, a hedged request, a
conditional threat, two assaults. One article is full of markup (title, text, URL, an actor name
and a place name): `<script>` and `onerror=` must show as text on every page.
"""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest

from accord.types import ActorRef, CodedDocument, Document, Event, Location, Span

TOKEN = "test-token-0123456789abcdef"
HOSTILE_TITLE = "<script>alert('title')</script> Kharkiv <b>attack</b>"
HOSTILE_SCRIPT = "<script>window.__pwned=1</script>"
HOSTILE_IMG = '<img src=x onerror="window.__pwned=2">'
HOSTILE_NAME = '<img src=x onerror="window.__pwned=3">'
HOSTILE_PLACE = "Kharkiv <script>window.__pwned=4</script>"


@dataclass(frozen=True)
class Doc:
    id: str
    published: str
    title: str
    text: str
    url: str = ""
    source: str = "Accord Test Wire"

    def document(self) -> Document:
        return Document(id=self.id, text=self.text, published=dt.date.fromisoformat(self.published),
                        title=self.title, url=self.url, source=self.source)


DOCS = {
    "nato": Doc("doc-nato", "2024-11-24", "Rutte meets Trump in Florida",
                "Mark Rutte met Donald Trump in Palm Beach on Friday. Trump criticised NATO over defence spending.",
                url="https://example.org/nato"),
    "sanctions": Doc("doc-sanctions", "2025-03-18", "EU sanctions Iran over drones",
                     "The European Union imposed sanctions on Iran on Monday over drone supplies to Russia."),
    "paris": Doc("doc-paris", "2025-04-09", "Ukrainian and French ministers meet",
                 "Andrii Sybiha met Jean-Noel Barrot in Paris on Tuesday. "
                 "Ukraine may ask France for more air defence systems."),
    "threat": Doc("doc-threat", "2025-04-20", "Trump warns Moscow",
                  "Trump threatened Russia with new sanctions if Moscow rejects the ceasefire."),
    "kyiv": Doc("doc-kyiv", "2025-05-12", "Barrot in Kyiv", "Jean-Noel Barrot met Andrii Sybiha in Kyiv on Monday."),
    "strike": Doc("doc-strike", "2025-11-13", "Strike on Zaporizhzhia",
                  "A Russian missile attack on Zaporizhzhia killed nine people, Ukrainian officials said on Thursday."),
    "hostile": Doc("doc-hostile", "2025-01-15", HOSTILE_TITLE,
                   f"Russian troops attacked Kharkiv on Monday, officials said {HOSTILE_SCRIPT} and {HOSTILE_IMG}.",
                   url="javascript:alert(1)"),
}

PLACES = {
    "Palm Beach": Location("Palm Beach", "USA", 26.70562, -80.03643),
    "Brussels": Location("Brussels", "BEL", 50.85045, 4.34878),
    "Paris": Location("Paris", "FRA", 48.85341, 2.3488),
    "Kyiv": Location("Kyiv", "UKR", 50.45466, 30.5238),
    "Zaporizhzhia": Location("Zaporizhzhia", "UKR", 47.82289, 35.19031),
    "Kharkiv": Location(HOSTILE_PLACE, "UKR", 49.98081, 36.25272),
}


def ref(doc: Doc, text: str, actor_id: str | None, code: str | None, sector: str | None = None,
        name: str | None = None, role: str | None = None) -> ActorRef:
    start = doc.text.index(text)
    return ActorRef(text, actor_id, code, sector, name, role, start, start + len(text))


def event(id: str, doc: Doc, sentence_index: int, trigger: str, kind: tuple[str, str, int, float],
          sources: list[ActorRef], targets: list[ActorRef], *, modality: str = "asserted",
          confidence: float = 0.85, date: str | None = None, place: str | None = None,
          attributed: ActorRef | None = None) -> Event:
    sentences = [s if s.endswith(".") else s + "." for s in doc.text.split(". ")]
    sentence = sentences[sentence_index]
    t_start = doc.text.index(trigger, doc.text.index(sentence))
    refs = [*sources, *targets]
    e_start = min([t_start, *(r.start for r in refs)])
    e_end = max([t_start + len(trigger), *(r.end for r in refs)])
    type_, cameo, quad, goldstein = kind
    return Event(
        id=id, doc_id=doc.id, sentence=sentence, sentence_index=sentence_index, type=type_, mode=None,
        context=(), cameo=cameo, quad_class=quad, goldstein=goldstein, sources=tuple(sources),
        targets=tuple(targets), modality=modality,  # type: ignore[arg-type]
        trigger=Span(t_start, t_start + len(trigger), trigger),
        evidence=Span(e_start, e_end, doc.text[e_start:e_end]), confidence=confidence,
        trace=(f"verb:{trigger}",), attributed_to=attributed,
        date=dt.date.fromisoformat(date or doc.published), date_granularity="day",
        date_text=None, location=PLACES[place] if place else None,
    )


CONSULT, ACCUSE, SANCTION = ("CONSULT", "040", 1, 1.0), ("ACCUSE", "111", 3, -2.0), ("SANCTION", "163", 4, -8.0)
REQUEST, THREATEN, ASSAULT = ("REQUEST", "020", 1, 3.0), ("THREATEN", "138", 3, -7.0), ("ASSAULT", "190", 4, -10.0)


def events_by_doc() -> dict[str, list[Event]]:
    d = DOCS
    rutte = ref(d["nato"], "Mark Rutte", "mark_rutte", "IGONATO", "IGO", "Mark Rutte", "secretary general")
    trump = ref(d["nato"], "Donald Trump", "donald_trump", "USA", None, "Donald Trump", "president-elect")
    trump2 = ref(d["nato"], "Trump criticised", "donald_trump", "USA", None, "Donald Trump", "president-elect")
    trump2 = ActorRef("Trump", trump2.actor_id, trump2.code, None, trump2.name, trump2.role, trump2.start, trump2.start + 5)
    sybiha = ref(d["paris"], "Andrii Sybiha", "andrii_sybiha", "UKRGOV", "GOV", "Andrii Sybiha", "foreign minister")
    barrot = ref(d["paris"], "Jean-Noel Barrot", "jean_noel_barrot", "FRAGOV", "GOV", "Jean-Noël Barrot", "foreign minister")
    k_barrot = ref(d["kyiv"], "Jean-Noel Barrot", "jean_noel_barrot", "FRAGOV", "GOV", "Jean-Noël Barrot", "foreign minister")
    k_sybiha = ref(d["kyiv"], "Andrii Sybiha", "andrii_sybiha", "UKRGOV", "GOV", "Andrii Sybiha", "foreign minister")
    return {
        "nato": [
            event("ev-rutte-trump", d["nato"], 0, "met", CONSULT, [rutte], [trump], date="2024-11-22", place="Palm Beach"),
            event("ev-trump-nato", d["nato"], 1, "criticised", ACCUSE, [trump2],
                  [ref(d["nato"], "NATO", "nato", "IGONATO", "IGO", "North Atlantic Treaty Organization")]),
        ],
        "sanctions": [event("ev-eu-iran", d["sanctions"], 0, "imposed sanctions on", SANCTION,
                            [ref(d["sanctions"], "The European Union", "eu", "IGOEU", "IGO", "European Union")],
                            [ref(d["sanctions"], "Iran", "IRN", "IRN", None, "Iran")], date="2025-03-17",
                            place="Brussels")],
        "paris": [
            event("ev-sybiha-barrot", d["paris"], 0, "met", CONSULT, [sybiha], [barrot], date="2025-04-08", place="Paris"),
            event("ev-ukr-fra-ask", d["paris"], 1, "ask", REQUEST,
                  [ref(d["paris"], "Ukraine", "UKR", "UKR", None, "Ukraine")],
                  [ref(d["paris"], "France", "FRA", "FRA", None, "France")], modality="hedged", confidence=0.55),
        ],
        "threat": [event("ev-trump-russia", d["threat"], 0, "threatened", THREATEN,
                         [ref(d["threat"], "Trump", "donald_trump", "USAGOV", "GOV", "Donald Trump", "president")],
                         [ref(d["threat"], "Russia", "RUS", "RUS", None, "Russia")], modality="conditional",
                         confidence=0.69)],
        "kyiv": [event("ev-barrot-sybiha", d["kyiv"], 0, "met", CONSULT, [k_barrot], [k_sybiha],
                       date="2025-05-12", place="Kyiv")],
        "strike": [event("ev-strike", d["strike"], 0, "attack", ASSAULT,
                         [ref(d["strike"], "Russian", None, "RUSMIL", "MIL")],
                         [ref(d["strike"], "Zaporizhzhia", "UKR", "UKR", None, "Ukraine")], modality="reported",
                         confidence=0.61, date="2025-11-13", place="Zaporizhzhia",
                         attributed=ref(d["strike"], "Ukrainian officials", None, "UKRGOV", "GOV"))],
        "hostile": [event("ev-hostile", d["hostile"], 0, "attacked", ASSAULT,
                          [ref(d["hostile"], "Russian troops", None, "RUSMIL", "MIL", HOSTILE_NAME)],
                          [ref(d["hostile"], "Kharkiv", "UKR", "UKR", None, "Ukraine")], date="2025-01-13",
                          place="Kharkiv")],
    }


def build_store(path: Path | str) -> str:
    """Write the fixed documents and events into a new store (a DuckDB path or a PostgreSQL URL);
    returns its location."""
    from accord.store import open_store

    by_doc = events_by_doc()
    coded = [CodedDocument(DOCS[k].document(), tuple(by_doc[k])) for k in DOCS]
    with open_store(str(path)) as store:
        store.write(coded)
        store.update_stories()
    return str(path)


def all_events() -> dict[str, Event]:
    return {e.id: e for evs in events_by_doc().values() for e in evs}


@pytest.fixture(scope="session")
def fixed() -> SimpleNamespace:
    """The fixed store's contents (`events`: id -> Event, `docs`), the hostile strings, the token,
    and helpers: `build(path)` writes the store, `server(app)` runs uvicorn, `free_port()`."""
    return SimpleNamespace(events=all_events(), docs=DOCS, token=TOKEN, title=HOSTILE_TITLE, script=HOSTILE_SCRIPT,
                           img=HOSTILE_IMG, name=HOSTILE_NAME, place=HOSTILE_PLACE, build=build_store,
                           server=ServerThread, free_port=free_port)


@pytest.fixture(scope="session")
def fixed_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_store(tmp_path_factory.mktemp("fixed") / "fixed.duckdb")


@pytest.fixture(scope="session")
def client(fixed_db: str) -> Iterator[object]:
    """A TestClient over the fixed store, read-only (no token: writing disabled)."""
    from fastapi.testclient import TestClient

    from accord.interfaces.api import ApiSettings, create_app

    with TestClient(create_app(fixed_db, ApiSettings())) as c:
        yield c


@pytest.fixture(scope="session")
def pg_fixed_db() -> Iterator[str]:
    """The fixed store in a fresh schema of the PostgreSQL server at ACCORD_TEST_PG_URL (skips
    without one); the schema is dropped afterwards."""
    import os
    import urllib.parse
    import uuid

    url = os.environ.get("ACCORD_TEST_PG_URL", "").strip()
    if not url:
        pytest.skip("ACCORD_TEST_PG_URL is not set (`. .ci/postgres.sh` starts a throwaway server and sets it)")
    import psycopg

    schema = f"accord_api_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
    except psycopg.Error as e:
        pytest.skip(f"cannot reach ACCORD_TEST_PG_URL: {str(e).strip().splitlines()[0] if str(e).strip() else e}")
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qsl(parts.query) + [("options", f"-csearch_path={schema}")]
    location = urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))
    build_store(location)
    yield location
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerThread:
    """uvicorn serving an app on 127.0.0.1 in a background thread."""

    def __init__(self, app: object) -> None:
        import uvicorn

        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))  # type: ignore[arg-type]
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)
