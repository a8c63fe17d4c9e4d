"""`accord check` on a real ingested store: passes when consistent, lists what is broken otherwise."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from accord.interfaces.check import CHECKS, check_store
from accord.interfaces.cli_ingest import run_ingest
from accord.store import open_store

DATA = Path(__file__).resolve().parents[1] / "ingest" / "data"
SENTENCES = (DATA / "sentences.txt").read_text(encoding="utf-8").splitlines()


def accord(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "accord", *args], capture_output=True, text=True)


@pytest.fixture
def db(tmp_path) -> str:
    folder = tmp_path / "in"
    folder.mkdir()
    for i, sentence in enumerate(SENTENCES[:6]):
        (folder / f"{i}.txt").write_text(f"Date: 2025-03-0{i + 1}\n\n{sentence}", encoding="utf-8")
    (folder / "x.txt").write_bytes(b"%PDF-1.4")
    path = str(tmp_path / "c.duckdb")
    run_ingest([str(folder)], db=path, min_confidence=0.0)
    return path


def test_check_passes_on_an_ingested_store(db):
    with open_store(db) as store:
        report = check_store(store)
        events = store.counts()["events"]
    assert report.ok and len(report.results) == len(CHECKS) == 15
    assert {k: report.counts[k] for k in ("documents", "events", "rejected", "rejected: binary",
                                          "events waiting for a story",
                                          "documents whose id is not the hash of their text and URL")} == {
        "documents": 6, "events": events, "rejected": 1, "rejected: binary": 1, "events waiting for a story": 0,
        "documents whose id is not the hash of their text and URL": 0}
    result = accord("check", "--db", db, "--format", "json")
    assert result.returncode == 0 and json.loads(result.stdout)["ok"] is True


def test_check_lists_every_broken_rule(db):
    with open_store(db) as store:
        doc_id, event_id = store.query("SELECT doc_id, id FROM events ORDER BY id LIMIT 1")[0]
        other = store.query("SELECT id FROM events WHERE doc_id <> ? ORDER BY id LIMIT 1", (doc_id,))[0][0]
        store.query("DELETE FROM documents WHERE id = ?", (doc_id,))
        store.query("DELETE FROM story_members WHERE event_id = ?", (other,))
        store.query("UPDATE events SET trigger_start = trigger_start + 1 WHERE id = ?", (other,))
        report = check_store(store)
    assert [(r.name, r.failures) for r in report.failed] == [
        ("events point at a stored document", store_events_of(db, doc_id)),
        ("every event is in exactly one story (or waiting for one)", 1),
        ("story sizes match their members", 1),
        ("event offsets lie inside their document's text", 1),
    ]
    assert event_id in report.failed[0].examples
    result = accord("check", "--db", db)
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("accord: error: 4 of 15 checks failed: events point at a stored document: ")
    assert "FAILED" in result.stdout


def store_events_of(db: str, doc_id: str) -> int:
    with open_store(db) as store:
        return int(store.query("SELECT count(*) FROM events WHERE doc_id = ?", (doc_id,))[0][0])


def test_check_missing_store_is_an_error(tmp_path):
    result = accord("check", "--db", str(tmp_path / "none.duckdb"))
    assert (result.returncode, result.stderr.strip()) == (
        4, f"accord: error: no store at {tmp_path / 'none.duckdb'} (valid: an existing DuckDB file or a "
           "postgresql:// URL)")
    assert not (tmp_path / "none.duckdb").exists()
