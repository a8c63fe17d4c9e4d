"""The accord command as users run it: one-line errors, exit codes, real store round trips."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def accord(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "accord", *args], capture_output=True, text=True, input=stdin)


@pytest.mark.parametrize(("setup", "args", "needle", "exit_code"), [
    (None, ["code", "missing.txt"], "missing.txt: no such file", 2),
    ("dir", ["code", "{dir}"], "is a directory", 2),
    ("binary", ["code", "{bin}"], "binary file, not text", 2),
    (None, ["code", "-", "--date", "2024-13-01"], "is not a date", 2),
    ("empty", ["code", "{empty}"], "empty input", 2),
    (None, ["eval", "plover", "nope.jsonl"], "nope.jsonl", 2),
    (None, ["actors", "show", "Nobody Atall"], "no actor named", 2),
])
def test_cli_bad_input_is_one_line(tmp_path, setup, args, needle, exit_code):
    (tmp_path / "d").mkdir()
    (tmp_path / "b.txt").write_bytes(b"%PDF-1.7\n\x00\x01binary")
    (tmp_path / "e.txt").write_bytes(b"")
    args = [a.format(dir=tmp_path / "d", bin=tmp_path / "b.txt", empty=tmp_path / "e.txt") for a in args]
    result = accord(*args, stdin="Russia attacked Ukraine.")
    assert result.returncode == exit_code
    assert needle in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 3  # click usage line + error, or our one line


def test_cli_code_stdin_json_shape():
    result = accord("code", "-", "--date", "2025-02-01", "--format", "json",
                    stdin="Israeli troops arrested ten Palestinians in Hebron on Friday.")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["document"]["published"] == "2025-02-01"
    (event,) = out["events"]
    assert {k: event[k] for k in ("type", "cameo", "quad_class", "goldstein", "modality", "date", "date_granularity")} == {
        "type": "COERCE", "cameo": "173", "quad_class": 4, "goldstein": -5.0, "modality": "asserted",
        "date": "2025-01-31", "date_granularity": "day"}
    assert [(a["code"], a["sector"]) for a in event["sources"]] == [("ISRMIL", "MIL")]
    assert [a["code"] for a in event["targets"]] == ["PSE"]
    assert event["rule"] == "trigger.verb.arrest" and 0 < event["confidence"] <= 1


def test_cli_ingest_is_idempotent_and_queryable(tmp_path):
    db = str(tmp_path / "t.duckdb")
    first = accord("ingest", str(EXAMPLES), "--db", db)
    assert first.returncode == 0, first.stderr
    events = json.loads(accord("events", "--db", db, "--format", "json", "--limit", "1000").stdout)
    assert len(events) > 20
    again = accord("ingest", str(EXAMPLES), "--db", db)
    assert again.returncode == 0
    assert "duplicates" in again.stdout
    events_again = json.loads(accord("events", "--db", db, "--format", "json", "--limit", "1000").stdout)
    assert sorted(e["id"] for e in events_again) == sorted(e["id"] for e in events)
    nato = json.loads(accord("events", "--db", db, "--actor", "IGONATO", "--format", "json").stdout)
    assert nato and all(any(a["code"] == "IGONATO" for a in e["sources"] + e["targets"]) for e in nato)
    rutte = json.loads(accord("events", "--db", db, "--actor", "mark_rutte", "--format", "json").stdout)
    assert rutte and all(any(a["actor_id"] == "mark_rutte" for a in e["sources"] + e["targets"]) for e in rutte)


def test_cli_ingest_records_rejections(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Date: 2025-01-02\n\nChina and Russia held talks in Beijing.", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    db = str(tmp_path / "r.duckdb")
    result = accord("ingest", str(folder), "--db", db)
    assert result.returncode == 0, result.stderr
    rejected = json.loads(accord("rejected", "--db", db, "--format", "json").stdout)
    assert [(Path(r["input"]).name, r["reason"]) for r in rejected] == [("bad.txt", "binary")]


def test_cli_actors_resolve_json():
    out = accord("actors", "resolve", "the NATO Secretary General", "--on", "2020-03-01")
    assert json.loads(out.stdout) == {"text": "the NATO Secretary General", "actor_id": "jens_stoltenberg",
                                      "name": "Jens Stoltenberg", "code": "IGONATO", "sector": "IGO",
                                      "role": "secretary general"}


def test_cli_every_command_help_has_an_example():
    for cmd in (["code"], ["ingest"], ["events"], ["summary"], ["rejected"], ["serve"], ["eval", "plover"],
                ["actors", "resolve"], ["actors", "show"]):
        out = accord(*cmd, "--help")
        assert out.returncode == 0 and "Example:" in out.stdout, cmd


def test_cli_user_actor_file_is_loaded_like_builtin(tmp_path):
    mine = tmp_path / "mine.csv"
    mine.write_text("actor_id,name,aliases,country,office,title,organisation,sector,start,end\n"
                    "jane_roe,Jane Roe,,NLD,foreign_minister,foreign minister,NLD,GOV,2030-01-01,\n", encoding="utf-8")
    out = accord("--actors", str(mine), "code", "-", "--date", "2030-02-01", "--format", "json",
                 stdin="Dutch Foreign Minister Jane Roe met Mark Rutte in The Hague.")
    assert out.returncode == 0, out.stderr
    (event,) = json.loads(out.stdout)["events"]
    assert [(a["actor_id"], a["code"]) for a in event["sources"] + event["targets"]] == [
        ("jane_roe", "NLDGOV"), ("mark_rutte", "IGONATO")]
    missing = accord("--actors", str(tmp_path / "nope.csv"), "code", "-", stdin="Russia attacked Ukraine today.")
    assert missing.returncode == 2 and "actor file not found" in missing.stderr
