"""Briefs (accord.analytics.brief) over the hand-made store of test_claims.py: the exact JSON,
every figure replayed from its query, both directions of a dyad, hostile text kept inert in
Markdown, HTML and the dashboard page; the CLI (`accord brief`, `accord claims`) and the REST
routes (`/v1/brief`, `/v1/claims`, `/brief`)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from store_factories import coded, doc, event

from accord.analytics import brief as brief_mod
from accord.analytics.claims import database_of, update_claims
from accord.errors import StoreError
from accord.store import Store, open_store
from accord.types import Span

_spec = importlib.util.spec_from_file_location("claims_world", Path(__file__).with_name("test_claims.py"))
assert _spec is not None and _spec.loader is not None
claims_world = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(claims_world)

D = dt.date
FEB1, MAR31 = D(2025, 2, 1), D(2025, 3, 31)
HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script> *bold* [link](http://x.test)'


@pytest.fixture
def world(store: Store) -> Store:
    claims_world.build_world(store)
    update_claims(database_of(store))
    return store


EXPECTED = \
{'scope': {'kind': 'country', 'value': 'RUS'},
 'period': {'since': '2025-02-01', 'until': '2025-03-31'},
 'previous_period': {'since': '2024-12-04', 'until': '2025-01-31'},
 'counting': {'modality': ['asserted', 'reported'], 'min_confidence': 0.3},
 'key_events': {'total': 2,
                'shown': 2,
                'items': [{'story_id': '8eac0305f35a5457',
                           'type': 'CONSULT',
                           'sources': ['USAGOV'],
                           'targets': ['RUSGOV'],
                           'first_seen': '2025-02-12',
                           'last_seen': '2025-02-12',
                           'num_articles': 3,
                           'num_outlets': 3,
                           'quad_class': 1,
                           'goldstein': 1.0,
                           'outlets': ['AP', 'Reuters', 'TASS'],
                           'days': ['2025-02-12'],
                           'event_ids': ['meet-ap', 'meet-reu', 'meet-tass'],
                           'best': {'event_id': 'meet-ap',
                                    'modality': 'asserted',
                                    'confidence': 0.95,
                                    'day': '2025-02-12',
                                    'sentence': 'American and Russian officials met in Riyadh.',
                                    'evidence': 'American and Russian officials met in Riyadh.',
                                    'outlet': 'AP',
                                    'cameo': '040',
                                    'doc_id': 'ap-meet'},
                           'source_names': ['USAGOV'],
                           'target_names': ['RUSGOV'],
                           'text': 'CONSULT (040): USAGOV -> RUSGOV; 3 reports from 3 outlets (AP, Reuters, '
                                   'TASS), 2025-02-12.'},
                          {'story_id': 'a6fbdc0bda17eff3',
                           'type': 'ASSAULT',
                           'sources': ['RUSMIL'],
                           'targets': ['UKRGOV'],
                           'first_seen': '2025-03-01',
                           'last_seen': '2025-03-01',
                           'num_articles': 1,
                           'num_outlets': 1,
                           'quad_class': 4,
                           'goldstein': -10.0,
                           'outlets': ['AP'],
                           'days': ['2025-03-01'],
                           'event_ids': ['strike'],
                           'best': {'event_id': 'strike',
                                    'modality': 'asserted',
                                    'confidence': 0.9,
                                    'day': '2025-03-01',
                                    'sentence': "Russian forces struck Ukraine's energy grid overnight.",
                                    'evidence': "Russian forces struck Ukraine's energy grid overnight.",
                                    'outlet': 'AP',
                                    'cameo': '190',
                                    'doc_id': 'ap-strike'},
                           'source_names': ['RUSMIL'],
                           'target_names': ['UKRGOV'],
                           'text': 'ASSAULT (190): RUSMIL -> UKRGOV; 1 report from 1 outlet (AP), 2025-03-01.'}],
                'query': ['key_events', 'key_event_members']},
 'trend': {'unit': 'reports',
           'query': ['trend'],
           'current': {'since': '2025-02-01',
                       'until': '2025-03-31',
                       'reports': 3,
                       'by_quad_class': {'1': 2, '2': 0, '3': 0, '4': 1},
                       'mean_goldstein': -2.667,
                       'by_type': {'ASSAULT': 1, 'CONSULT': 2}},
           'previous': {'since': '2024-12-04',
                        'until': '2025-01-31',
                        'reports': 1,
                        'by_quad_class': {'1': 0, '2': 0, '3': 1, '4': 0},
                        'mean_goldstein': -2.0,
                        'by_type': {'ACCUSE': 1}},
           'new_types': ['ASSAULT', 'CONSULT'],
           'vanished_types': ['ACCUSE'],
           'text': 'Counted reports in the period: 3 (+2 against 1 in the previous period); mean Goldstein -2.67 '
                   '(previous -2.00).'},
 'who_said_what': {'total': 2,
                   'speakers': [{'speaker_key': 'dmitry_peskov',
                                 'speaker': 'Dmitry Peskov',
                                 'statements': 2,
                                 'items': [{'event_id': 'threat',
                                            'type': 'THREATEN',
                                            'modality': 'conditional',
                                            'day': '2025-02-05',
                                            'sentence': "Peskov said Russia would strike Ukraine's energy grid if "
                                                        'the attacks went on.',
                                            'evidence': "Peskov said Russia would strike Ukraine's energy grid if "
                                                        'the attacks went on.',
                                            'outlet': 'Reuters',
                                            'text': 'Dmitry Peskov (2025-02-05, Reuters): THREATEN, conditional.'},
                                           {'event_id': 'meet-tass',
                                            'type': 'CONSULT',
                                            'modality': 'negated',
                                            'day': '2025-02-12',
                                            'sentence': 'Peskov denied that US officials met Russian officials in '
                                                        'Riyadh.',
                                            'evidence': 'Peskov denied that US officials met Russian officials in '
                                                        'Riyadh.',
                                            'outlet': 'TASS',
                                            'text': 'Dmitry Peskov (2025-02-12, TASS): CONSULT, negated.'}]}],
                   'query': ['who_said_what']},
 'open_claims': {'total': 1,
                 'shown': 1,
                 'ledger': True,
                 'as_of': '2025-09-15',
                 'items': [{'event_id': 'threat',
                            'type': 'THREATEN',
                            'modality': 'conditional',
                            'day': '2025-02-05',
                            'sentence': "Peskov said Russia would strike Ukraine's energy grid if the attacks "
                                        'went on.',
                            'evidence': "Peskov said Russia would strike Ukraine's energy grid if the attacks "
                                        'went on.',
                            'outlet': 'Reuters',
                            'speaker': 'Dmitry Peskov',
                            'speaker_key': 'dmitry_peskov',
                            'ledger_status': 'fulfilled',
                            'fulfilled_by': 'strike',
                            'text': 'Dmitry Peskov (2025-02-05, Reuters): THREATEN, conditional; ledger: '
                                    'fulfilled.'}],
                 'query': ['open_claims']},
 'contradictions': {'total': 1, 'shown': 1,
                    'items': [{'story_id': '8eac0305f35a5457',
                               'type': 'CONSULT',
                               'sources': ['USAGOV'],
                               'targets': ['RUSGOV'],
                               'first_seen': '2025-02-12',
                               'asserted': [{'event_id': 'meet-ap',
                                             'modality': 'asserted',
                                             'confidence': 0.95,
                                             'day': '2025-02-12',
                                             'sentence': 'American and Russian officials met in Riyadh.',
                                             'evidence': 'American and Russian officials met in Riyadh.',
                                             'outlet': 'AP',
                                             'cameo': '040',
                                             'doc_id': 'ap-meet'},
                                            {'event_id': 'meet-reu',
                                             'modality': 'asserted',
                                             'confidence': 0.9,
                                             'day': '2025-02-12',
                                             'sentence': 'US officials met Russian officials in Riyadh on '
                                                         'Wednesday.',
                                             'evidence': 'US officials met Russian officials in Riyadh on '
                                                         'Wednesday.',
                                             'outlet': 'Reuters',
                                             'cameo': '040',
                                             'doc_id': 'reu-meet'}],
                               'negated': [{'event_id': 'meet-tass',
                                            'modality': 'negated',
                                            'confidence': 0.9,
                                            'day': '2025-02-12',
                                            'sentence': 'Peskov denied that US officials met Russian officials in '
                                                        'Riyadh.',
                                            'evidence': 'Peskov denied that US officials met Russian officials in '
                                                        'Riyadh.',
                                            'outlet': 'TASS',
                                            'cameo': '040',
                                            'doc_id': 'tass-deny'}],
                               'source_names': ['USAGOV'],
                               'target_names': ['RUSGOV'],
                               'text': 'CONSULT: USAGOV -> RUSGOV; asserted by AP, Reuters, negated by TASS.'}],
                    'query': ['contradictions', 'contradiction_members']}}


def test_brief_exact_json(world: Store) -> None:
    brief = brief_mod.build_brief(database_of(world), country="RUS", since=FEB1, until=MAR31)
    queries = brief.pop("queries")
    assert brief == EXPECTED
    assert sorted(queries) == sorted({
        "key_events", "key_event_members", "trend", "who_said_what", "open_claims", "contradictions",
        "contradiction_members", "actor_names"})
    json.dumps(brief)  # JSON-ready as it is


def test_every_figure_comes_from_its_query(world: Store) -> None:
    db = database_of(world)
    brief = brief_mod.build_brief(db, country="RUS", since=FEB1, until=MAR31)
    key_rows = brief_mod.rerun(db, brief, "key_events")
    assert [r[0] for r in key_rows] == [k["story_id"] for k in brief["key_events"]["items"]]
    assert key_rows[0][10] == brief["key_events"]["total"]
    trend = brief_mod.rerun(db, brief, "trend")
    for label in ("current", "previous"):
        by_quad = {q: sum(r[3] for r in trend if r[0] == label and str(r[1]) == q) for q in "1234"}
        assert by_quad == brief["trend"][label]["by_quad_class"]
        by_type = {t: sum(r[3] for r in trend if r[0] == label and r[2] == t) for t in brief["trend"][label]["by_type"]}
        assert by_type == brief["trend"][label]["by_type"]
    assert len(brief_mod.rerun(db, brief, "contradictions")) == brief["contradictions"]["total"]
    assert len(brief_mod.rerun(db, brief, "who_said_what")) == brief["who_said_what"]["total"]
    assert len(brief_mod.rerun(db, brief, "open_claims")) == brief["open_claims"]["total"]
    assert json.loads(json.dumps(brief["queries"])) == brief["queries"]


def test_dyad_brief_takes_both_directions_and_other_scopes(world: Store) -> None:
    db = database_of(world)
    one = brief_mod.build_brief(db, dyad="USA,RUS", since=FEB1, until=MAR31)
    other = brief_mod.build_brief(db, dyad=("RUS", "USA"), since=FEB1, until=MAR31)
    assert [k["story_id"] for k in one["key_events"]["items"]] == [k["story_id"] for k in other["key_events"]["items"]]
    assert one["trend"]["current"]["reports"] == 2 and one["contradictions"]["total"] == 1
    # January: the accusation (UKRGOV -> RUSGOV) and the promise (USA -> UKR, a claim)
    jan = brief_mod.build_brief(db, dyad="RUS,UKR", since=D(2025, 1, 1), until=D(2025, 1, 31))
    assert [k["type"] for k in jan["key_events"]["items"]] == ["ACCUSE"]
    actor = brief_mod.build_brief(db, actor="dmitry_peskov", since=FEB1, until=MAR31)
    assert actor["key_events"]["total"] == 0  # the speaker is neither source nor target
    usa = brief_mod.build_brief(db, country="USA", since=D(2025, 1, 1), until=D(2025, 1, 31))
    assert [(c["event_id"], c["ledger_status"], c["speaker"]) for c in usa["open_claims"]["items"]] == [
        ("promise", "expired", "Marco Rubio")]
    words = brief_mod.build_brief(db, query="riyadh", since=FEB1, until=MAR31)
    assert words["key_events"]["items"][0]["num_articles"] == 3
    assert brief_mod.previous_period(FEB1, MAR31) == (D(2024, 12, 4), D(2025, 1, 31))
    with pytest.raises(StoreError, match="exactly one"):
        brief_mod.build_brief(db, country="RUS", actor="x", since=FEB1, until=MAR31)
    with pytest.raises(StoreError, match="after"):
        brief_mod.build_brief(db, country="RUS", since=MAR31, until=FEB1)


def _hostile(store: Store) -> Store:
    store.write([coded(doc("evil", D(2025, 2, 20), "<b>Evil</b> Wire"),
                       event("ev-evil", "evil", sentence=HOSTILE, trigger=Span(0, 4, HOSTILE[:4]), date=D(2025, 2, 20),
                             sources=("USAGOV",), targets=("RUSGOV",), type="ACCUSE", cameo="112", quad_class=3,
                             goldstein=-2.0))])
    return store


def test_hostile_text_stays_text(world: Store) -> None:
    brief = brief_mod.build_brief(database_of(_hostile(world)), country="RUS", since=FEB1, until=MAR31)
    page = brief_mod.render_html(brief)
    assert "<script>" not in page and "<img" not in page and "<b>Evil" not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    md = brief_mod.render_markdown(brief)
    assert "<script>" not in md and "<img" not in md and "&lt;b>Evil&lt;/b> Wire" in md
    assert "\\*bold\\*" in md and "\\[link\\](http://x.test)" in md


# ---- CLI -----------------------------------------------------------------------------------------

@pytest.fixture
def world_file(tmp_path: Path) -> str:
    path = str(tmp_path / "world.duckdb")
    with open_store(path) as s:
        claims_world.build_world(s)
    return path


def _cli(*args: str) -> Any:
    from accord.interfaces.cli import main

    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_cli_claims_and_brief(world_file: str) -> None:
    out = _cli("claims", "--db", world_file, "--format", "json")
    assert out.exit_code == 0, out.output
    rows = json.loads(out.stdout)
    assert [(r["claim_id"], r["status"], r["fulfilled_by"]) for r in rows] == [
        ("promise", "expired", None), ("threat", "fulfilled", "strike")]
    assert "7 new documents scanned, 2 claims added, 1 fulfilments found" in out.stderr
    out = _cli("claims", "--db", world_file, "--status", "fulfilled", "--source", "Reuters", "--no-update")
    assert out.exit_code == 0 and "threat" in out.stdout and "promise" not in out.stdout
    out = _cli("claims", "--db", world_file, "--summary", "speaker", "--format", "csv")
    assert out.stdout.splitlines() == [
        "by,key,claims,fulfilled,open,expired,share_fulfilled,share_of_decided",
        "speaker,Dmitry Peskov,1,1,0,0,1.0,1.0", "speaker,Marco Rubio,1,0,0,1,0.0,0.0"]
    out = _cli("brief", "--db", world_file, "--country", "RUS", "--since", "2025-02-01", "--until", "2025-03-31",
               "--format", "json")
    assert out.exit_code == 0
    brief = json.loads(out.stdout)
    brief.pop("queries")
    assert brief == EXPECTED
    md = _cli("brief", "--db", world_file, "--dyad", "USA,RUS", "--since", "2025-02-01", "--until", "2025-03-31")
    assert md.stdout.startswith("# Brief: dyad USA, RUS, 2025-02-01 to 2025-03-31\n")
    assert "asserted by AP, Reuters, negated by TASS" in md.stdout
    page = _cli("brief", "--db", world_file, "--country", "RUS", "--format", "html")  # default: 30 days to Sep 15
    assert page.stdout.startswith("<!doctype html>") and "@media print" in page.stdout
    assert "2025-08-17 to 2025-09-15" in page.stdout
    bad = CliRunner().invoke(_main(), ["brief", "--db", world_file])
    assert bad.exit_code != 0 and "exactly one" in bad.output


def _main() -> Any:
    from accord.interfaces.cli import main

    return main


# ---- REST and the dashboard page -------------------------------------------------------------------

@pytest.fixture
def client(world_file: str) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from accord.interfaces.api import ApiSettings, create_app

    with TestClient(create_app(world_file, ApiSettings(token="a-long-secret-token-for-tests"))) as c:
        yield c


def test_rest_brief_and_claims(client: Any) -> None:
    claims = client.get("/v1/claims").json()  # writing is on: the ledger is built on the way
    assert claims["total"] == 2 and [c["status"] for c in claims["claims"]] == ["expired", "fulfilled"]
    assert claims["params"]["as_of"] == "2025-09-15" and claims["params"]["horizon_days"] == 180
    r = client.get("/v1/brief", params={"country": "RUS", "since": "2025-02-01", "until": "2025-03-31"})
    assert r.status_code == 200
    body = r.json()
    assert {k: v for k, v in body.items() if k != "queries"} == EXPECTED
    assert client.get("/v1/brief", params={"country": "RUS", "actor": "x"}).status_code == 400
    assert client.get("/v1/brief", params={"country": "RUS", "since": "2025-03-01", "until": "2025-02-01"}).status_code == 400
    md = client.get("/v1/brief", params={"dyad": "USA,RUS", "since": "2025-02-01", "until": "2025-03-31", "format": "md"})
    assert md.headers["content-type"].startswith("text/markdown") and "## Contradictions (1 of 1)" in md.text
    only = client.get("/v1/claims", params={"status": "fulfilled"}).json()
    assert [c["claim_id"] for c in only["claims"]] == ["threat"]
    summary = client.get("/v1/claims", params={"summary": "type"}).json()
    assert [(r["key"], r["share_fulfilled"]) for r in summary["rows"]] == [("AID", 0.0), ("THREATEN", 1.0)]
    assert client.get("/v1/claims", params={"status": "maybe"}).status_code == 422


def test_read_only_server_without_a_ledger_says_so(world_file: str) -> None:
    from fastapi.testclient import TestClient

    from accord.interfaces.api import ApiSettings, create_app

    with TestClient(create_app(world_file, ApiSettings())) as c:  # no token: read-only
        r = c.get("/v1/claims")
        assert r.status_code == 409 and "accord claims" in r.json()["detail"]


def test_brief_page_is_served_in_the_layout(client: Any) -> None:
    r = client.get("/brief")
    assert r.status_code == 200
    assert '<script type="module" src="/static/js/brief.js"></script>' in r.text
    assert '<link rel="stylesheet" href="/static/brief.css">' in r.text
    assert "<script>" not in r.text  # no inline script (the CSP forbids it)
    assert "@media print" in client.get("/static/brief.css").text
    js = client.get("/static/js/brief.js").text
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js


# ---- the page in a real Chromium ---------------------------------------------------------------------

CHROMIUM = Path(os.environ.get("ACCORD_CHROMIUM", "/usr/bin/chromium"))
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_brief_page_in_chromium(world_file: str) -> None:
    """The page over the hand-made store plus a hostile report: drawn, the markup inert, no
    request leaves the server; the screenshot goes to docs/screenshots/brief.png."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    import uvicorn

    from accord.interfaces.api import ApiSettings, create_app
    from accord.interfaces.api.settings import loopback_hosts

    with open_store(world_file) as s:
        _hostile(s)
    port = _free_port()
    app = create_app(world_file, ApiSettings(allowed_hosts=loopback_hosts("127.0.0.1")))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started:
        assert time.time() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    seen: list[str] = []
    errors: list[str] = []
    try:
        with sync_api.sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("request", lambda r: seen.append(r.url))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(f"{base}/brief?kind=country&value=RUS&since=2025-02-01&until=2025-03-31", wait_until="networkidle")
            sync_api.expect(page.locator("#key-events li")).to_have_count(3)
            text = page.locator("#brief").inner_text()
            assert "CONSULT (040): USAGOV -> RUSGOV; 3 reports from 3 outlets (AP, Reuters, TASS), 2025-02-12." in text
            assert "<script>window.__pwned=1</script>" in text  # shown as text
            assert page.evaluate("window.__pwned") is None
            assert page.locator("#brief img, #brief script").count() == 0
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / "brief.png"), full_page=True)
            page.emulate_media(media="print")
            assert page.locator("header.top").is_hidden() and page.locator("#brief-form").is_hidden()
            browser.close()
    finally:
        server.should_exit = True
        thread.join(10)
    assert errors == []
    assert all(u.startswith(base) for u in seen), [u for u in seen if not u.startswith(base)]
