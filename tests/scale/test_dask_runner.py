"""The Dask path on a real LocalCluster (2 single-threaded worker processes) and the real model."""

import datetime as dt
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from accord.ingest.readers import document_from_text
from accord.scale.dask_runner import ClusterError, code_with_dask
from accord.scale.local import code_locally
from accord.store import open_store
from accord.types import CodedDocument

DATA = Path(__file__).resolve().parents[1] / "ingest" / "data"
SENTENCES = (DATA / "sentences.txt").read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def scheduler():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster:
        yield cluster.scheduler_address


def docs(n: int):
    return [document_from_text(s, published=dt.date(2025, 3, 1)) for s in SENTENCES[:n]]


def test_dask_runner_codes_what_local_codes(scheduler):
    batches = list(code_with_dask(docs(6), scheduler=scheduler, batch_size=2, min_confidence=0.5))
    assert sorted(len(b) for b in batches) == [2, 2, 2]
    remote = {c.document.id: c.events for b in batches for c in b if isinstance(c, CodedDocument)}
    local = {c.document.id: c.events for c in code_locally(docs(6), min_confidence=0.5)}
    assert remote == local and sum(len(e) for e in local.values()) >= 6


def test_dask_runner_cli_ingest_through_a_scheduler(scheduler, tmp_path):
    for i, sentence in enumerate(SENTENCES[:5]):
        (tmp_path / f"{i}.txt").write_text(sentence, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01")
    db = str(tmp_path / "d.duckdb")
    result = subprocess.run([sys.executable, "-m", "accord", "ingest", str(tmp_path), "--db", db, "--engine", "dask",
                             "--scheduler", scheduler], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    with open_store(db) as store:
        assert (store.counts()["documents"], [r.reason for r in store.rejections()]) == (5, ["binary"])
    check = subprocess.run([sys.executable, "-m", "accord", "check", "--db", db], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def test_dask_runner_local_cluster_of_two_workers(tmp_path):
    batches = list(code_with_dask(docs(4), workers=2, batch_size=1))
    assert sorted(c.document.text for b in batches for c in b) == sorted(SENTENCES[:4])


def test_dask_runner_unreachable_scheduler_is_a_cluster_error():
    with pytest.raises(ClusterError, match=r"^cannot reach Dask scheduler tcp://127\.0\.0\.1:9: "):
        list(code_with_dask(docs(1), scheduler="tcp://127.0.0.1:9"))
