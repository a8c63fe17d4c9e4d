"""The store commands (query, stories, export) through click, as `accord` would run them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from store_factories import coded, doc, event

from accord.errors import StoreError
from accord.interfaces.cli_store import register
from accord.store import open_store


@pytest.fixture
def db(location: str) -> str:
    with open_store(location) as store:
        store.write([
            coded(doc("d1", dt.date(2024, 3, 1), "Reuters"), event("e1", "d1")),
            coded(doc("d2", dt.date(2024, 3, 2), "AP"), event("e2", "d2")),
            coded(doc("d3", dt.date(2024, 5, 9), "AP"),
                  event("e3", "d3", type="ACCUSE", quad_class=3, goldstein=-2.5, sources=("RUSGOV",),
                        targets=("USAGOV",))),
        ])
    return location


def run(*args: str) -> Result:
    @click.group()
    def cli() -> None:
        """accord"""

    register(cli)
    return CliRunner().invoke(cli, list(args), catch_exceptions=True)


def test_cli_store_query_dyad_table(db: str) -> None:
    result = run("query", "dyad", "USAGOV", "RUSGOV", "--db", db)
    assert result.exit_code == 0, result.output
    assert result.stderr == "counted: asserted+reported, confidence >= 0.3, dated to the day/month, 3 of 3 events\n"
    assert result.stdout.splitlines() == [
        "period      quad1  quad2  quad3  quad4  total  goldstein_sum  goldstein_mean",
        "2024-03-01  1      0      0      0      1      1              1",
        "2024-04-01  0      0      0      0      0      0",
        "2024-05-01  0      0      1      0      1      -2.5           -2.5",
    ]


def test_cli_store_query_dyad_csv_and_json(db: str) -> None:
    csv_out = run("query", "dyad", "USAGOV", "RUSGOV", "--count", "reports", "--by", "year", "--format", "csv",
                  "--db", db)
    assert csv_out.stdout.splitlines() == [
        "period,quad1,quad2,quad3,quad4,total,goldstein_sum,goldstein_mean", "2024-01-01,2,0,1,0,3,-0.5,-0.16666666666666666"]
    json_out = run("query", "dyad", "USAGOV", "RUSGOV", "--direction", "b_to_a", "--format", "json", "--db", db)
    assert json.loads(json_out.stdout) == [{"period": "2024-05-01", "quad1": 0, "quad2": 0, "quad3": 1, "quad4": 0,
                                            "total": 1, "goldstein_sum": -2.5, "goldstein_mean": -2.5}]


def test_cli_store_top_actors_and_dyads(db: str) -> None:
    assert json.loads(run("query", "top-actors", "--format", "json", "--db", db).stdout) == [
        {"key": "RUSGOV", "name": None, "count": 2}, {"key": "USAGOV", "name": None, "count": 2}]
    assert run("query", "top-dyads", "-n", "1", "--format", "csv", "--db", db).stdout.splitlines() == [
        "source,target,count,goldstein_mean", "RUSGOV,USAGOV,1,-2.5"]
    assert run("query", "type-mix", "--by", "year", "--since", "2024-05-01", "--db", db).stdout.splitlines() == [
        "period      type    count", "2024-01-01  ACCUSE  1"]


def test_cli_store_network_writes_a_file(db: str, tmp_path: Path) -> None:
    out = tmp_path / "net.json"
    result = run("query", "network", "--out", str(out), "--db", db)
    assert result.stdout == f"wrote 2 actors and 2 ties to {out} (json)\n"
    assert [e["weight"] for e in json.loads(out.read_text())["edges"]] == [1, 1]


def test_cli_store_stories(db: str) -> None:
    table = run("stories", "--actor", "usagov", "--db", db).stdout.splitlines()
    assert table[0].split() == ["id", "first_seen", "last_seen", "type", "sources", "targets", "articles",
                                "outlets", "events"]
    assert [line.split()[1:] for line in table[1:]] == [
        ["2024-03-01", "2024-03-02", "CONSULT", "USAGOV", "RUSGOV", "2", "2", "2"],
        ["2024-05-09", "2024-05-09", "ACCUSE", "RUSGOV", "USAGOV", "1", "1", "1"]]
    found = json.loads(run("stories", "--type", "ACCUSE", "--format", "json", "--db", db).stdout)
    assert [(s["member_ids"], s["first_seen"], s["num_sources"]) for s in found] == [(["e3"], "2024-05-09", 1)]


@pytest.mark.parametrize(("fmt", "name"), [("parquet", "out.parquet"), ("csv", "out.csv"), ("jsonl", "out.jsonl")])
def test_cli_store_export(db: str, tmp_path: Path, fmt: str, name: str) -> None:
    out = tmp_path / name
    result = run("export", "--format", fmt, "--out", str(out), "--quad-class", "1", "--db", db)
    assert result.stdout == f"wrote 2 events to {out}\n"
    assert out.stat().st_size > 0


@pytest.mark.parametrize(("args", "message"), [
    (["export", "--format", "xml", "--out", "x.xml"], "unknown export format 'xml' (valid: parquet, csv, jsonl)"),
    (["query", "dyad", "A", "B", "--format", "yaml"], "unknown output format 'yaml' (valid: table, json, csv)"),
    (["stories", "--format", "csv"], "unknown output format 'csv' (valid: table, json)"),
])
def test_cli_store_unknown_format_is_a_store_error(db: str, args: list[str], message: str) -> None:
    result = run(*args, "--db", db)
    assert isinstance(result.exception, StoreError)
    assert str(result.exception) == message


@pytest.mark.parametrize(("db", "start"), [
    ("missing.duckdb", "no store at missing.duckdb (check --db or ACCORD_DB)"),
    ("mysql://u@h/db", "unsupported store URL mysql://u@h/db"),
    ("postgresql://u:pw@127.0.0.1:1/db", "cannot connect to PostgreSQL at postgresql://u@127.0.0.1:1/db"),
])
def test_cli_store_bad_db_is_a_one_line_store_error(db: str, start: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("query", "top-actors", "--db", db)
    assert isinstance(result.exception, StoreError)
    assert str(result.exception).startswith(start) and "\n" not in str(result.exception)
    assert not (tmp_path / "missing.duckdb").exists()


@pytest.mark.parametrize("command", [["query"], ["query", "dyad"], ["query", "top-actors"], ["query", "top-dyads"],
                                     ["query", "type-mix"], ["query", "network"], ["stories"], ["export"]])
def test_cli_store_help_ends_with_an_example(command: list[str]) -> None:
    help_text = run(*command, "--help").stdout
    description = help_text.split("Options:")[0].strip().splitlines()
    assert description[-1].strip().startswith("Example: accord " + " ".join(command))


def test_cli_store_missing_db_is_exit_2(tmp_path: Path) -> None:
    from accord.interfaces.cli import main

    result = CliRunner().invoke(main, ["query", "top-actors", "--db", str(tmp_path / "typo.duckdb")])
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"accord: error: no store at {tmp_path / 'typo.duckdb'} (check --db or ACCORD_DB)")
    assert not (tmp_path / "typo.duckdb").exists()


def test_cli_store_counting_options(db: str) -> None:
    hedged = run("query", "top-actors", "--modality", "hedged,negated", "--format", "json", "--db", db)
    assert json.loads(hedged.stdout) == []
    assert "hedged+negated" in hedged.stderr
    every = run("query", "top-actors", "--modality", "all", "--min-confidence", "0", "--format", "json", "--db", db)
    assert every.stderr == "counted: every modality, 3 of 3 events\n"
    assert run("query", "top-actors", "--modality", "sure", "--db", db).exit_code != 0


def test_cli_store_stories_say_what_they_show(db: str) -> None:
    result = run("stories", "--limit", "1", "--db", db)
    assert result.stderr.splitlines() == ["counted: asserted+reported, confidence >= 0.3",
                                          "showing 1 of 2 stories (--limit 1; --all for every one)"]
    assert len(run("stories", "--all", "--db", db).stdout.splitlines()) == 3
