"""Crash safety: `accord ingest` killed with SIGKILL mid-run, then run again, stores every document
exactly once, loses none, and leaves a store that `accord check` passes."""

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from accord.ingest.readers import iter_inputs
from accord.store import open_store
from accord.types import Document

DATA = Path(__file__).resolve().parents[1] / "ingest" / "data"
SENTENCES = (DATA / "sentences.txt").read_text(encoding="utf-8").splitlines()
ACCORD = [sys.executable, "-m", "accord"]


def corpus(tmp_path: Path) -> Path:
    """32 one-sentence articles, a wire story and its rewrite, and a binary file."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i, sentence in enumerate(SENTENCES):
        (folder / f"{i:02d}.txt").write_text(f"Date: 2025-03-{i % 28 + 1:02d}\n\n{sentence}", encoding="utf-8")
    shutil.copy(DATA / "wire_original.txt", folder / "wire_original.txt")
    shutil.copy(DATA / "wire_rewrite.txt", folder / "wire_rewrite.txt")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    return folder


def ingest_args(folder: Path, db: str) -> list[str]:
    return [*ACCORD, "ingest", str(folder), "--db", db, "--batch", "2", "--verbose", "--no-progress"]


def kill_after(folder: Path, db: str, commits: int, delay: float) -> int:
    """Start an ingest, SIGKILL it `delay` seconds after its `commits`-th committed batch (or when it
    ends first); the number of commits it reported."""
    proc = subprocess.Popen(ingest_args(folder, db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seen = 0
    assert proc.stderr is not None
    for line in proc.stderr:
        if line.startswith("accord: committed batch"):
            seen += 1
            if seen == commits:
                time.sleep(delay)
                os.kill(proc.pid, signal.SIGKILL)
                break
    proc.wait(timeout=60)
    proc.stderr.close()
    return seen


def expected_ids(folder: Path) -> set[str]:
    docs = [d for d in iter_inputs([folder]) if isinstance(d, Document)]
    return {d.id for d in docs if not d.title.startswith("Arab ministers")}  # the rewrite is a near-duplicate


def assert_complete(folder: Path, db: str) -> None:
    with open_store(db) as store:
        ids = [r[0] for r in store.query("SELECT id FROM documents")]
        event_ids = [r[0] for r in store.query("SELECT id FROM events")]
        rejections = sorted((Path(r.input).name, r.reason) for r in store.rejections())
        coded_docs = {r[0] for r in store.query("SELECT DISTINCT doc_id FROM events")}
    assert len(ids) == len(set(ids)) == 33
    assert set(ids) == expected_ids(folder)
    assert len(event_ids) == len(set(event_ids)) and coded_docs <= set(ids)
    assert rejections == [("image.txt", "binary"), ("wire_rewrite.txt", "near_duplicate")]
    check = subprocess.run([*ACCORD, "check", "--db", db], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert "events point at a stored document" in check.stdout and "FAILED" not in check.stdout


def test_ingest_crash_killed_run_resumes_without_duplicates_or_loss(tmp_path):
    folder, db = corpus(tmp_path), str(tmp_path / "k.duckdb")
    assert kill_after(folder, db, commits=5, delay=0.0) == 5
    with open_store(db) as store:
        partial = store.counts()["documents"]
    assert 0 < partial < 33
    rerun = subprocess.run(ingest_args(folder, db), capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert_complete(folder, db)


def test_ingest_crash_sigkill_at_random_points_then_check_passes(tmp_path):
    folder, db = corpus(tmp_path), str(tmp_path / "r.duckdb")
    rng = random.Random(8)
    stored = [0]
    for _ in range(3):
        kill_after(folder, db, commits=rng.randint(1, 4), delay=rng.uniform(0.0, 0.2))
        with open_store(db) as store:
            stored.append(store.counts()["documents"])
    assert stored == sorted(stored) and stored[-1] < 33  # each run got further, none finished
    final = subprocess.run(ingest_args(folder, db), capture_output=True, text=True)
    assert final.returncode == 0, final.stderr
    assert_complete(folder, db)
