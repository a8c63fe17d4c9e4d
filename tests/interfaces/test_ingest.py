"""`accord ingest` end to end with the real model and a real DuckDB store: counts, rejections,
near-duplicates, resume, exit codes."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from accord.interfaces.cli_ingest import run_ingest
from accord.store import open_store

DATA = Path(__file__).resolve().parents[1] / "ingest" / "data"
SENTENCES = (DATA / "sentences.txt").read_text(encoding="utf-8").splitlines()


def accord(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "accord", *args], capture_output=True, text=True, input=stdin)


def rejected(db: str) -> list[tuple[str, str]]:
    with open_store(db) as store:
        return [(Path(r.input).name, r.reason) for r in store.rejections()]


def wire_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "wire"
    folder.mkdir()
    for name in ("wire_original", "wire_rewrite", "wire_followup"):
        shutil.copy(DATA / f"{name}.txt", folder / f"{name}.txt")
    shutil.copy(DATA / "wire_original.txt", folder / "wire_original_copy.txt")
    (folder / "french.txt").write_text("Le président français a rencontré le chancelier allemand à Berlin mardi "
                                       "pour discuter de la guerre en Ukraine.", encoding="utf-8")
    return folder


def test_ingest_near_duplicate_is_linked_and_not_coded(tmp_path):
    db = str(tmp_path / "w.duckdb")
    report = run_ingest([str(wire_folder(tmp_path))], db=db, min_confidence=0.5)
    summary = report.summary()
    assert {k: v for k, v in summary.items() if k not in ("seconds", "documents/s", "events written")} == {
        "read": 5, "coded": 2, "duplicates": 2, "skipped": 1, "failed": 0,
        "duplicates: duplicate": 1, "duplicates: near_duplicate": 1, "skipped: not_english": 1}
    with open_store(db) as store:
        titles = sorted(d.title for d in store.documents())
        by_reason = {r.reason: r for r in store.rejections()}
        original = next(d for d in store.documents() if d.title.startswith("Egypt and Jordan"))
    assert titles == ["EU ministers hear Arab plan for Gaza in Brussels",
                      "Egypt and Jordan press for more aid crossings into Gaza"]
    near = by_reason["near_duplicate"]
    assert Path(near.input).name == "wire_rewrite.txt" and near.doc_id == original.id
    assert near.message.startswith(f"{near.input}: a near-duplicate of document {original.id} (")
    assert near.message.split("), ")[1].startswith("estimated similarity 0.71; own id ")
    assert by_reason["duplicate"].doc_id == original.id


def test_ingest_every_input_accounted_for(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a_good.txt").write_text("Date: 2025-01-02\n\n" + SENTENCES[0], encoding="utf-8")
    (folder / "b_empty.txt").write_bytes(b"")
    (folder / "c_pdf.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    (folder / "d_png.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "e_short.txt").write_text("Breaking news just in", encoding="utf-8")
    (folder / "f_lines.jsonl").write_text(json.dumps({"text": SENTENCES[1]}) + "\n{oops\n" +
                                          json.dumps({"text": SENTENCES[2], "published": "yesterday"}) + "\n")
    (folder / "g_feed.rss").write_bytes(b"<rss><channel><item><title>x</title>")
    db = str(tmp_path / "m.duckdb")
    report = run_ingest([str(folder), str(tmp_path / "missing.txt")], db=db, min_confidence=0.5)
    t = report.tally
    # readable: 3 documents, and 3 records rejected inside readable inputs (f_lines:2, :3, g_feed#1)
    assert (t.read, t.coded, t.duplicates, t.skipped, t.failed, t.readable) == (10, 2, 0, 8, 0, 6)
    assert t.read == t.coded + t.duplicates + t.skipped + t.failed
    assert rejected(db) == [
        ("missing.txt", "not_found"), ("b_empty.txt", "empty"), ("c_pdf.txt", "binary"), ("d_png.txt", "binary"),
        ("e_short.txt", "too_short"), ("f_lines.jsonl:2", "malformed"), ("f_lines.jsonl:3", "bad_date"),
        ("g_feed.rss#1", "empty")]


def test_ingest_rerun_skips_stored_and_writes_nothing_new(tmp_path):
    folder = wire_folder(tmp_path)
    db = str(tmp_path / "r.duckdb")
    run_ingest([str(folder)], db=db, min_confidence=0.5)
    with open_store(db) as store:
        before = (store.counts(), store.rejections())
    again = run_ingest([str(folder)], db=db, min_confidence=0.5).tally
    assert (again.read, again.coded, again.duplicates, again.skipped) == (5, 0, 4, 1)
    # the copy has the original's id (same text, no URL), so it too is already stored
    assert dict(again.reasons) == {"duplicates: already stored": 3, "duplicates: near_duplicate": 1,
                                   "skipped: not_english": 1}
    with open_store(db) as store:
        assert (store.counts(), store.rejections()) == before


def test_ingest_ten_thousand_tiny_files(tmp_path):
    folder = tmp_path / "tiny"
    folder.mkdir()
    for i in range(10_000):
        (folder / f"{i:05d}.txt").write_text(f"note {i}", encoding="utf-8")
    (folder / "real.txt").write_text(SENTENCES[5], encoding="utf-8")
    db = str(tmp_path / "t.duckdb")
    t = run_ingest([str(folder)], db=db, min_confidence=0.5, batch=500).tally
    assert (t.read, t.coded, t.skipped, dict(t.reasons)) == (10_001, 1, 10_000, {"skipped: empty": 10_000})
    with open_store(db) as store:
        assert store.counts()["rejected"] == 10_000


def test_ingest_processes_2_codes_the_same(tmp_path):
    folder = tmp_path / "s"
    folder.mkdir()
    for i, sentence in enumerate(SENTENCES[:8]):
        (folder / f"{i}.txt").write_text("Date: 2025-03-01\n\n" + sentence, encoding="utf-8")
    events = []
    for n in (1, 2):
        db = str(tmp_path / f"p{n}.duckdb")
        assert run_ingest([str(folder)], db=db, min_confidence=0.5, n_process=n).tally.coded == 8
        with open_store(db) as store:
            events.append(sorted(e.id for e in store.iter_events()))
    assert events[0] == events[1] and len(events[0]) >= 8


# ---- the command ------------------------------------------------------------------------------
def test_ingest_cli_stdin_jsonl_with_field_names(tmp_path):
    db = str(tmp_path / "s.duckdb")
    lines = "".join(json.dumps({"body": s, "day": "2025-05-0" + str(i + 1)}) + "\n" for i, s in enumerate(SENTENCES[:3]))
    result = accord("ingest", "-", "--db", db, "--field", "text=body", "--field", "published=day", "--progress",
                    stdin=lines)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    with open_store(db) as store:
        assert sorted(str(d.published) for d in store.documents()) == ["2025-05-01", "2025-05-02", "2025-05-03"]


@pytest.mark.parametrize(("args", "code", "line"), [
    (["{tmp}/nope.txt"], 2, "accord: error: no readable input in {tmp}/nope.txt (not_found 1)"),
    (["{tmp}/bin"], 2, "accord: error: no readable input in {tmp}/bin (binary 1)"),
    (["{tmp}/bin", "--db", "{tmp}/no/such/dir/x.duckdb"], 4,
     "accord: error: cannot create DuckDB file {tmp}/no/such/dir/x.duckdb: folder {tmp}/no/such/dir does not exist"),
    (["{tmp}/bin", "--field", "body"], 2, "accord: error: --field 'body' is not NAME=KEY with a known NAME "
     "(valid: id=KEY, text=KEY, title=KEY, published=KEY, url=KEY, source=KEY)"),
    (["{tmp}/bin", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"], 5,
     "accord: error: cannot reach Dask scheduler tcp://127.0.0.1:9: "),
])
def test_ingest_cli_cannot_proceed_is_one_line(tmp_path, args, code, line):
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "x.txt").write_bytes(b"\x00\x01\x02\x03")
    db = str(tmp_path / "e.duckdb")
    result = accord("ingest", *[a.format(tmp=tmp_path) for a in args], *([] if "--db" in args else ["--db", db]))
    assert result.returncode == code
    assert result.stderr.strip().splitlines()[-1].startswith(line.format(tmp=tmp_path))
    assert "Traceback" not in result.stderr


def test_ingest_cli_completed_run_with_rejections_exits_0(tmp_path):
    (tmp_path / "good.txt").write_text(SENTENCES[3], encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"%PDF-1.4")
    db = str(tmp_path / "ok.duckdb")
    result = accord("ingest", str(tmp_path / "good.txt"), str(tmp_path / "bad.txt"), str(tmp_path / "gone"),
                    "--db", db, "--date", "2024-05-20")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    rows = {line.split("│")[1].strip(): line.split("│")[2].strip() for line in result.stdout.splitlines()
            if line.startswith("│")}
    assert {k: rows[k] for k in ("read", "coded", "duplicates", "skipped", "failed")} == {
        "read": "3", "coded": "1", "duplicates": "0", "skipped": "2", "failed": "0"}
    assert json.loads(accord("rejected", "--db", db, "--format", "json").stdout) == [
        {"input": str(tmp_path / "bad.txt"), "reason": "binary",
         "message": f"{tmp_path / 'bad.txt'}: binary file, not text (valid: UTF-8 or UTF-16 text)"},
        {"input": str(tmp_path / "gone"), "reason": "not_found", "message": f"{tmp_path / 'gone'}: no such file or directory"},
    ]
