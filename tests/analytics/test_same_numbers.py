"""The same five questions give the same numbers through Python, the CLI and REST (the dashboard
calls the same REST endpoints), on DuckDB and on PostgreSQL, with the default counting rules
(asserted+reported, confidence >= 0.3) and with explicit ones.

The store mixes what must count with what must not: a hedged meeting, a denied one ("did not
meet"), a low-confidence accusation, a year-only background event, an unidentified attacker.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from click.testing import CliRunner
from store_factories import coded, doc, event, ref

from accord.store import Store

D = dt.date


@pytest.fixture
def mixed(store: Store) -> Store:
    trump = ref("Trump", "USAGOV", "donald_trump", name="Donald Trump", role="president")
    putin = ref("Putin", "RUSGOV", "vladimir_putin", name="Vladimir Putin", role="president")
    attacker = ref("gunmen", "RUS", None, role="unidentified")
    store.write([
        coded(doc("d1", D(2025, 3, 1), "Reuters"),
              event("met", "d1", sources=(trump,), targets=(putin,), date=D(2025, 3, 1)),
              event("may-meet", "d1", sources=(trump,), targets=(putin,), modality="hedged", date=D(2025, 3, 1)),
              event("no-meet", "d1", sources=(putin,), targets=(trump,), modality="negated", date=D(2025, 3, 1))),
        coded(doc("d2", D(2025, 4, 2), "AP"),
              event("accuse", "d2", type="ACCUSE", quad_class=3, goldstein=-2.0, sources=("RUSGOV",),
                    targets=("USAGOV",), modality="reported"),
              event("weak", "d2", type="ACCUSE", quad_class=3, goldstein=-2.0, sources=("USAGOV",),
                    targets=("RUSGOV",), confidence=0.2),
              event("first-term", "d2", type="ACCUSE", quad_class=3, goldstein=-2.0, sources=(trump,),
                    targets=("IGONATO",), date=D(2017, 1, 20), date_end=D(2021, 1, 20),
                    date_granularity="range", background=True),
              event("in-2014", "d2", type="ASSAULT", quad_class=4, goldstein=-10.0, sources=("RUSMIL",),
                    targets=("UKR",), date=D(2014, 1, 1), date_granularity="year", background=True)),
        coded(doc("d3", D(2025, 4, 20), "BBC"),
              event("shot", "d3", type="ASSAULT", quad_class=4, goldstein=-10.0, sources=(attacker,),
                    targets=("UKRMIL",))),
    ])
    return store


def _actors(rows: list[dict]) -> list[tuple]:
    return [(a["key"], a["count"]) for a in rows]


def _dyads(rows: list[dict]) -> list[tuple]:
    return [(d["source"], d["target"], d["count"]) for d in rows]


# name -> (Python call, CLI arguments, CLI JSON reader, REST path, REST JSON reader)
QUESTIONS: dict[str, tuple[Any, list[str], Any, str, Any]] = {
    "dyad series USA-RUS by month": (
        lambda s, kw: [r.to_dict() for r in s.dyad_series("USA", "RUS", by="month", **kw)],
        ["query", "dyad", "USA", "RUS", "--by", "month"], lambda rows: rows,
        "/v1/dyads/USA/RUS/series?by=month", lambda body: body["series"]),
    "top actors (reports)": (
        lambda s, kw: [(a.key, a.count) for a in s.top_actors(count="reports", **kw)],
        ["query", "top-actors", "--count", "reports"], _actors,
        "/v1/top-actors?count=reports", lambda body: _actors(body["actors"])),
    "top dyads (stories)": (
        lambda s, kw: [(d.source, d.target, d.count) for d in s.top_dyads(**kw)],
        ["query", "top-dyads"], _dyads, "/v1/dyads", lambda body: _dyads(body["dyads"])),
    "type mix by year": (
        lambda s, kw: [r.to_dict() for r in s.type_mix("year", **kw)],
        ["query", "type-mix", "--by", "year"], lambda rows: rows, "/v1/type-mix?by=year", lambda body: body["rows"]),
    "top countries (reports)": (
        lambda s, kw: [(a.key, a.count) for a in s.top_actors(count="reports", group="country", **kw)],
        ["query", "top-actors", "--count", "reports", "--by", "country"], _actors,
        "/v1/top-actors?count=reports&group=country", lambda body: _actors(body["actors"])),
}

RULES = [  # (Python keywords, CLI options, REST query)
    ({}, [], ""),
    ({"modality": None, "min_confidence": 0, "include_inferred": True},
     ["--modality", "all", "--min-confidence", "0", "--include-inferred"],
     "modality=all&min_confidence=0&include_inferred=true"),
    ({"modality": ("hedged", "negated")}, ["--modality", "hedged,negated"], "modality=hedged&modality=negated"),
]


@pytest.mark.parametrize("rules", RULES, ids=["default", "everything", "hedged+negated"])
def test_same_numbers_through_python_cli_and_rest(mixed: Store, location: str, rules: tuple) -> None:
    from fastapi.testclient import TestClient

    from accord.interfaces.api import ApiSettings, create_app
    from accord.interfaces.cli import main

    kwargs, options, params = rules
    python = {name: q[0](mixed, kwargs) for name, q in QUESTIONS.items()}
    note = mixed.counted_note(**kwargs)
    mixed.close()  # the CLI and the server open the store themselves
    cli, rest = {}, {}
    for name, (_, args, read, _, _) in QUESTIONS.items():
        result = CliRunner().invoke(main, [*args, *options, "--format", "json", "--db", location])
        assert result.exit_code == 0, result.output
        cli[name] = read(json.loads(result.stdout))
        assert result.stderr.startswith("counted: " + note.split(",")[0])
    with TestClient(create_app(location, ApiSettings())) as client:
        for name, (_, _, _, path, read) in QUESTIONS.items():
            url = path + (("&" if "?" in path else "?") + params if params else "")
            body = client.get(url).json()
            rest[name] = read(body)
            assert body["counted"]["of"] == 8
    for name in QUESTIONS:
        assert python[name] == cli[name] == rest[name], name


def test_same_numbers_defaults_leave_out_what_did_not_happen(mixed: Store) -> None:
    # counted: met, accuse (reported), first-term and in-2014 (background, still asserted), shot
    assert [(a.key, a.count) for a in mixed.top_actors(count="reports")] == [
        ("donald_trump", 2), ("IGONATO", 1), ("RUSGOV", 1), ("RUSMIL", 1), ("UKR", 1), ("UKRMIL", 1),
        ("USAGOV", 1), ("vladimir_putin", 1)]
    assert mixed.counted_note() == "asserted+reported, confidence >= 0.3, 5 of 8 events"
    assert mixed.counted_note(by="month") == (
        "asserted+reported, confidence >= 0.3, dated to the day/month, 3 of 8 events")
    # the hedged and the denied meeting are not a CONSULT; the background accusation is no April one
    assert [(r.period, r.total) for r in mixed.dyad_series("USA", "RUS", by="month")] == [
        (D(2025, 3, 1), 1), (D(2025, 4, 1), 1)]
    # the year-only 2014 assault counts in a year series, never on 1 January of a month series
    assert [(r.period, r.type, r.count) for r in mixed.type_mix("year", count="reports")
            if r.type == "ASSAULT"] == [(D(2014, 1, 1), "ASSAULT", 1), (D(2025, 1, 1), "ASSAULT", 1)]
    assert all(r.period != D(2014, 1, 1) for r in mixed.type_mix("month", count="reports"))
    # the unidentified attacker counts for RUS only when inferred actors are asked for
    with_inferred = {a.key: a.count for a in mixed.top_actors(count="reports", include_inferred=True)}
    assert with_inferred["RUS"] == 1 and "RUS" not in {a.key for a in mixed.top_actors(count="reports")}
