"""Every read endpoint of the REST API, with exact expected JSON on the fixed store (conftest)."""

from __future__ import annotations

from importlib.metadata import version

import pytest

from accord.actors.kb import default_kb
from accord.analytics.stories import story_id

E: dict = {}


@pytest.fixture(autouse=True)
def _events(fixed) -> None:
    E.update(fixed.events)


def events_page(ids: list[str], limit: int = 100, offset: int = 0, next_offset: int | None = None,
                total: int | None = None) -> dict:
    return {"events": [E[i].to_dict() for i in ids], "limit": limit, "offset": offset, "next_offset": next_offset,
            "total": len(ids) if total is None else total}


ALL_BY_DAY = ["ev-rutte-trump", "ev-trump-nato", "ev-hostile", "ev-eu-iran", "ev-sybiha-barrot", "ev-ukr-fra-ask",
              "ev-trump-russia", "ev-barrot-sybiha", "ev-strike"]


def test_api_health_counts_the_store(client):
    assert client.get("/v1/health").json() == {
        "status": "ok", "version": version("accord"), "store": "duckdb", "writing": False,
        "counts": {"documents": 7, "events": 9, "rejected": 0, "stories": 9}}


def test_api_vocab_lists_filter_values(client):
    body = client.get("/v1/vocab").json()
    assert body["types"][:3] == ["AGREE", "CONSULT", "SUPPORT"] and len(body["types"]) == 16
    assert body["modalities"] == ["asserted", "negated", "hedged", "hypothetical", "conditional", "future", "reported"]
    assert body["quad_classes"] == {"1": "verbal cooperation", "2": "material cooperation",
                                    "3": "verbal conflict", "4": "material conflict"}
    assert body["periods"] == ["day", "week", "month", "year"]


def test_api_events_all_by_day(client):
    assert client.get("/v1/events").json() == events_page(ALL_BY_DAY)


@pytest.mark.parametrize(("query", "ids"), [
    ("type=CONSULT", ["ev-rutte-trump", "ev-sybiha-barrot", "ev-barrot-sybiha"]),
    ("quad_class=4", ["ev-hostile", "ev-eu-iran", "ev-strike"]),
    ("modality=hedged", ["ev-ukr-fra-ask"]),
    ("min_confidence=0.7", ["ev-rutte-trump", "ev-trump-nato", "ev-hostile", "ev-eu-iran", "ev-sybiha-barrot",
                            "ev-barrot-sybiha"]),
    ("since=2025-04-01&until=2025-04-30", ["ev-sybiha-barrot", "ev-ukr-fra-ask", "ev-trump-russia"]),
    ("actor=donald_trump", ["ev-rutte-trump", "ev-trump-nato", "ev-trump-russia"]),
    ("actor=USAGOV", ["ev-trump-russia"]),
    ("actor=russian%20troops", ["ev-hostile"]),
    ("dyad=andrii_sybiha,jean_noel_barrot", ["ev-sybiha-barrot"]),
    ("dyad=RUSMIL,UKR", ["ev-hostile", "ev-strike"]),
    ("q=MET%20", ["ev-rutte-trump", "ev-sybiha-barrot", "ev-barrot-sybiha"]),
    ("q=_", ["ev-hostile"]),
    ("q=%25", []),
    ("type=ASSAULT&since=2025-06-01&actor=UKR", ["ev-strike"]),
])
def test_api_events_filters(client, query, ids):
    assert client.get(f"/v1/events?{query}").json() == events_page(ids)


def test_api_events_offset_pagination(client):
    first = client.get("/v1/events?limit=4").json()
    assert first == events_page(ALL_BY_DAY[:4], limit=4, next_offset=4, total=9)
    last = client.get("/v1/events?limit=4&offset=8").json()
    assert last == events_page(ALL_BY_DAY[8:], limit=4, offset=8, total=9)


@pytest.mark.parametrize(("query", "status", "detail"), [
    ("since=2025-05-01&until=2025-04-01", 400, "since 2025-05-01 is after until 2025-04-01"),
    ("dyad=USAGOV", 400, "dyad must be two actors separated by a comma, got 'USAGOV'"),
    ("since=1066-10-14", 400, "dates must lie between 1800-01-01 and 2200-12-31"),
])
def test_api_events_bad_filters_are_400(client, query, status, detail):
    response = client.get(f"/v1/events?{query}")
    assert (response.status_code, response.json()) == (status, {"error": "bad_request", "detail": detail})


@pytest.mark.parametrize("query", ["type=meet", "quad_class=5", "modality=sure", "min_confidence=2",
                                   "limit=0", "limit=1001", "offset=-1", "since=yesterday"])
def test_api_events_invalid_values_are_422(client, query):
    assert client.get(f"/v1/events?{query}").status_code == 422


def test_api_event_detail_highlights_inside_the_sentence(client):
    body = client.get("/v1/events/ev-trump-nato").json()
    assert body == E["ev-trump-nato"].to_dict() | {
        "sentence_start": 53,
        "highlights": [
            {"kind": "source", "start": 0, "end": 5, "text": "Trump"},
            {"kind": "trigger", "start": 6, "end": 16, "text": "criticised"},
            {"kind": "target", "start": 17, "end": 21, "text": "NATO"},
        ],
        "document": {"id": "doc-nato", "title": "Rutte meets Trump in Florida", "url": "https://example.org/nato",
                     "source": "Accord Test Wire", "published": "2024-11-24"},
    }


def test_api_event_detail_with_attribution(client):
    body = client.get("/v1/events/ev-strike").json()
    assert (body["sentence_start"], body["highlights"]) == (0, [
        {"kind": "source", "start": 2, "end": 9, "text": "Russian"},
        {"kind": "trigger", "start": 18, "end": 24, "text": "attack"},
        {"kind": "target", "start": 28, "end": 40, "text": "Zaporizhzhia"},
        {"kind": "attributed", "start": 61, "end": 80, "text": "Ukrainian officials"},
    ])


def test_api_event_missing_is_404(client):
    response = client.get("/v1/events/no-such-event")
    assert (response.status_code, response.json()) == (404, {"error": "not_found", "detail": "no event 'no-such-event'"})


def story(anchor: str, type_: str, sources: list[str], targets: list[str], day: str) -> dict:
    return {"id": story_id(anchor), "type": type_, "sources": sources, "targets": targets, "first_seen": day,
            "last_seen": day, "member_ids": [anchor], "num_articles": 1, "num_sources": 1}


def test_api_stories_filtered_by_actor(client):
    assert client.get("/v1/stories?actor=andrii_sybiha").json() == {
        "stories": [story("ev-sybiha-barrot", "CONSULT", ["andrii_sybiha"], ["jean_noel_barrot"], "2025-04-08"),
                    story("ev-barrot-sybiha", "CONSULT", ["jean_noel_barrot"], ["andrii_sybiha"], "2025-05-12")],
        "limit": 100, "offset": 0, "next_offset": None, "total": 2}


def test_api_stories_page_and_one_story(client):
    assert client.get("/v1/stories?limit=1&type=ASSAULT").json() == {
        "stories": [story("ev-hostile", "ASSAULT", ["RUSMIL"], ["UKR"], "2025-01-13")],
        "limit": 1, "offset": 0, "next_offset": 1, "total": 2}
    sid = story_id("ev-strike")
    assert client.get(f"/v1/stories/{sid}").json() == story("ev-strike", "ASSAULT", ["RUSMIL"], ["UKR"], "2025-11-13")
    assert client.get("/v1/stories/nope").status_code == 404


def test_api_documents_list_without_text(client, fixed):
    body = client.get("/v1/documents?limit=2").json()
    assert body == {"documents": [
        {"id": "doc-nato", "title": "Rutte meets Trump in Florida", "url": "https://example.org/nato",
         "source": "Accord Test Wire", "published": "2024-11-24", "chars": 97},
        {"id": "doc-hostile", "title": fixed.title, "url": "javascript:alert(1)", "source": "Accord Test Wire",
         "published": "2025-01-15", "chars": 135},
    ], "limit": 2, "offset": 0, "next_offset": 2}


def test_api_document_with_its_events(client):
    body = client.get("/v1/documents/doc-paris").json()
    assert body == {
        "id": "doc-paris", "title": "Ukrainian and French ministers meet", "url": "", "source": "Accord Test Wire",
        "published": "2025-04-09", "language": "en",
        "text": "Andrii Sybiha met Jean-Noel Barrot in Paris on Tuesday. "
                "Ukraine may ask France for more air defence systems.",
        "events": [E["ev-sybiha-barrot"].to_dict(), E["ev-ukr-fra-ask"].to_dict()]}
    assert client.get("/v1/documents/doc-none").status_code == 404


def test_api_actors_busiest_first(client):
    # the counting rules apply: the hedged request (UKR -> FRA) and the conditional threat
    # (Trump -> RUS) did not happen, so FRA and RUS count none
    body = client.get("/v1/actors?source=store").json()
    assert body["counted"] == "asserted+reported, confidence >= 0.3"
    assert [(a["id"], a["events"]) for a in body["actors"]] == [
        ("RUSMIL", 2), ("UKR", 2), ("andrii_sybiha", 2), ("donald_trump", 2), ("jean_noel_barrot", 2),
        ("IRN", 1), ("eu", 1), ("mark_rutte", 1), ("nato", 1), ("FRA", 0), ("RUS", 0)]
    every = client.get("/v1/actors?source=store&modality=all&min_confidence=0").json()
    assert every["counted"] == "every modality"
    assert [(a["id"], a["events"]) for a in every["actors"]] == [
        ("UKR", 3), ("donald_trump", 3), ("RUSMIL", 2), ("andrii_sybiha", 2), ("jean_noel_barrot", 2),
        ("FRA", 1), ("IRN", 1), ("RUS", 1), ("eu", 1), ("mark_rutte", 1), ("nato", 1)]


def test_api_actors_search_kb_and_store(client, fixed):
    assert client.get("/v1/actors?q=Sybiha").json() == {"actors": [
        {"id": "andrii_sybiha", "name": "Andrii Sybiha", "kind": "person", "country": "UKR", "code": None,
         "in_kb": True, "events": 2}], "limit": 50, "offset": 0, "next_offset": None,
        "counted": "asserted+reported, confidence >= 0.3"}
    rusmil = client.get("/v1/actors?q=rusmil").json()["actors"]
    assert rusmil == [{"id": "RUSMIL", "name": fixed.name, "kind": None, "country": None, "code": "RUSMIL",
                       "in_kb": False, "events": 2}]


def test_api_actors_search_kb_only_ranks_exact_first(client):
    found = client.get("/v1/actors?q=nato&source=kb&limit=1").json()["actors"]
    assert found == [{"id": "nato", "name": "North Atlantic Treaty Organization", "kind": "igo", "country": "IGO",
                      "code": "IGONATO", "in_kb": True, "events": 1}]


def test_api_actor_from_the_store_only(client, fixed):
    body = client.get("/v1/actors/RUSMIL").json()
    assert {k: v for k, v in body.items() if k != "recent"} == {
        "id": "RUSMIL", "name": fixed.name, "kind": None, "country": None, "code": None, "in_kb": False,
        "events": 2, "counted": "asserted+reported, confidence >= 0.3", "aliases": [], "roles": [],
        "totals": {"total": 2, "as_source": 2, "as_target": 0, "stored": 2},
        "codes": [{"code": "RUSMIL", "role": None, "first": "2025-01-13", "last": "2025-11-13", "events": 2}],
        "by": "month",
        "series": [
            {"period": "2025-01-01", "quad1": 0, "quad2": 0, "quad3": 0, "quad4": 1, "total": 1, "goldstein_mean": -10.0},
            {"period": "2025-11-01", "quad1": 0, "quad2": 0, "quad3": 0, "quad4": 1, "total": 1, "goldstein_mean": -10.0}],
        "types": [{"type": "ASSAULT", "count": 2}]}
    assert body["recent"] == [E["ev-strike"].to_dict(), E["ev-hostile"].to_dict()]


def test_api_actor_from_the_kb_with_roles_and_codes(client):
    body = client.get("/v1/actors/donald_trump?by=year").json()
    kb = default_kb().actors["donald_trump"]
    assert body["aliases"] == list(kb.aliases)
    assert [(r["title"], r["start"], r["end"]) for r in body["roles"]] == [
        (r.title, r.start.isoformat() if r.start else None, r.end.isoformat() if r.end else None)
        for r in sorted(kb.roles, key=lambda r: r.start)]
    assert {k: body[k] for k in ("id", "name", "kind", "country", "in_kb", "events", "totals", "codes", "series", "types")} == {
        "id": "donald_trump", "name": "Donald Trump", "kind": "person", "country": "USA", "in_kb": True, "events": 2,
        # the conditional threat against Russia (2025) is stored and listed, but not counted
        "totals": {"total": 2, "as_source": 1, "as_target": 1, "stored": 3},
        "codes": [{"code": "USA", "role": "president-elect", "first": "2024-11-22", "last": "2024-11-24", "events": 2},
                  {"code": "USAGOV", "role": "president", "first": "2025-04-20", "last": "2025-04-20", "events": 1}],
        "series": [
            {"period": "2024-01-01", "quad1": 1, "quad2": 0, "quad3": 1, "quad4": 0, "total": 2, "goldstein_mean": -0.5}],
        "types": [{"type": "ACCUSE", "count": 1}, {"type": "CONSULT", "count": 1}]}
    every = client.get("/v1/actors/donald_trump?by=year&modality=all").json()
    assert (every["events"], every["totals"], every["types"][-1]) == (
        3, {"total": 3, "as_source": 2, "as_target": 1, "stored": 3}, {"type": "THREATEN", "count": 1})
    assert [e["id"] for e in body["recent"]] == ["ev-trump-russia", "ev-trump-nato", "ev-rutte-trump"]


def test_api_actor_unknown_is_404(client):
    response = client.get("/v1/actors/nobody_at_all")
    assert (response.status_code, response.json()["error"]) == (404, "not_found")


def test_api_dyads_top(client, fixed):
    assert client.get("/v1/dyads?limit=3&modality=all&min_confidence=0").json()["dyads"] == [
        {"source": "RUSMIL", "target": "UKR", "count": 2, "goldstein_mean": -10.0, "source_name": fixed.name,
         "target_name": "Ukraine"},
        {"source": "UKR", "target": "FRA", "count": 1, "goldstein_mean": 3.0, "source_name": "Ukraine",
         "target_name": "France"},
        {"source": "andrii_sybiha", "target": "jean_noel_barrot", "count": 1, "goldstein_mean": 1.0,
         "source_name": "Andrii Sybiha", "target_name": "Jean-Noël Barrot"}]


def row(period: str, quad1: int = 0, quad4: int = 0, gold: float | None = None) -> dict:
    total = quad1 + quad4
    return {"period": period, "quad1": quad1, "quad2": 0, "quad3": 0, "quad4": quad4, "total": total,
            "goldstein_sum": gold * total if gold is not None else 0.0, "goldstein_mean": gold}


@pytest.mark.parametrize(("query", "series"), [
    ("", [row("2025-04-01", 1, gold=1.0), row("2025-05-01", 1, gold=1.0)]),
    ("?direction=a_to_b", [row("2025-04-01", 1, gold=1.0)]),
    ("?by=year&count=reports", [row("2025-01-01", 2, gold=1.0)]),
])
def test_api_dyad_series(client, query, series):
    body = client.get(f"/v1/dyads/andrii_sybiha/jean_noel_barrot/series{query}").json()
    assert body["series"] == series
    assert (body["a"], body["b"]) == ("andrii_sybiha", "jean_noel_barrot")


def test_api_dyad_series_fills_empty_months(client):
    body = client.get("/v1/dyads/RUSMIL/UKR/series").json()
    assert [r["period"] for r in body["series"]] == [f"2025-{m:02d}-01" for m in range(1, 12)]
    assert body["series"][1] == row("2025-02-01")
    assert body["series"][0] == row("2025-01-01", quad4=1, gold=-10.0)


def test_api_network_window(client):
    body = client.get("/v1/network?since=2025-04-01&until=2025-06-30&modality=all&min_confidence=0").json()
    assert body.pop("counted")["note"] == "every modality, 4 of 4 events"
    assert body == {
        "directed": True, "count": "stories", "since": "2025-04-01", "until": "2025-06-30",
        "nodes": [
            {"id": "FRA", "name": "France", "degree": 1, "in_degree": 1, "out_degree": 0, "betweenness": 0.0, "goldstein_mean": 3.0},
            {"id": "RUS", "name": "Russia", "degree": 1, "in_degree": 1, "out_degree": 0, "betweenness": 0.0, "goldstein_mean": -7.0},
            {"id": "UKR", "name": "Ukraine", "degree": 1, "in_degree": 0, "out_degree": 1, "betweenness": 0.0, "goldstein_mean": 3.0},
            {"id": "andrii_sybiha", "name": "Andrii Sybiha", "degree": 2, "in_degree": 1, "out_degree": 1, "betweenness": 0.0, "goldstein_mean": 1.0},
            {"id": "donald_trump", "name": "Donald Trump", "degree": 1, "in_degree": 0, "out_degree": 1, "betweenness": 0.0, "goldstein_mean": -7.0},
            {"id": "jean_noel_barrot", "name": "Jean-Noël Barrot", "degree": 2, "in_degree": 1, "out_degree": 1, "betweenness": 0.0, "goldstein_mean": 1.0},
        ],
        "edges": [
            {"source": "UKR", "target": "FRA", "weight": 1, "goldstein_mean": 3.0},
            {"source": "andrii_sybiha", "target": "jean_noel_barrot", "weight": 1, "goldstein_mean": 1.0},
            {"source": "donald_trump", "target": "RUS", "weight": 1, "goldstein_mean": -7.0},
            {"source": "jean_noel_barrot", "target": "andrii_sybiha", "weight": 1, "goldstein_mean": 1.0},
        ]}


def test_api_network_keeps_heaviest_edges(client):
    body = client.get("/v1/network?max_edges=1&modality=all&min_confidence=0").json()
    assert body["edges"] == [{"source": "RUSMIL", "target": "UKR", "weight": 2, "goldstein_mean": -10.0}]
    assert [(n["id"], n["degree"], n["betweenness"]) for n in body["nodes"]] == [
        ("RUSMIL", 2, 0.0), ("UKR", 3, 0.011111111111111112)]


def test_api_locations_with_filters(client, fixed):
    assert client.get("/v1/locations?type=ASSAULT").json()["locations"] == [
        {"name": fixed.place, "country": "UKR", "lat": 49.98081, "lon": 36.25272, "events": 1, "cooperation": 0,
         "goldstein_mean": -10.0},
        {"name": "Zaporizhzhia", "country": "UKR", "lat": 47.82289, "lon": 35.19031, "events": 1, "cooperation": 0,
         "goldstein_mean": -10.0}]
    assert [p["name"] for p in client.get("/v1/locations?quad_class=1").json()["locations"]] == [
        "Kyiv", "Palm Beach", "Paris"]
