"""`accord ingest`: read, skip what is stored, code, write in transactional batches, summarise.

Every input is accounted for: read = coded + duplicates + skipped + failed. Already stored
documents are skipped by id, so an interrupted run continues where it stopped when run again.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

from accord.ingest.readers import iter_inputs
from accord.pipeline import get_pipeline
from accord.types import CodedDocument, Document, Rejection


def run_ingest(paths: list[str], *, db: str, min_confidence: float, batch: int = 64,
               n_process: int = 1, progress: bool = False) -> dict[str, Any]:
    from accord.store import open_store

    counts: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    started = time.perf_counter()
    with open_store(db) as store:
        seen: set[str] = set()

        def fresh(items: Iterator[Document | Rejection]) -> Iterator[Document | Rejection]:
            """Drop documents already stored or already read in this run (counted as duplicates)."""
            chunk: list[Document | Rejection] = []
            for item in items:
                chunk.append(item)
                if len(chunk) >= batch:
                    yield from _filter(chunk)
                    chunk = []
            yield from _filter(chunk)

        def _filter(chunk: list[Document | Rejection]) -> Iterator[Document | Rejection]:
            ids = [d.id for d in chunk if isinstance(d, Document)]
            stored = store.has_documents(ids) if ids else set()
            for item in chunk:
                counts["read"] += 1
                if isinstance(item, Document) and (item.id in stored or item.id in seen):
                    counts["duplicates"] += 1
                    continue
                if isinstance(item, Document):
                    seen.add(item.id)
                yield item

        pipe = get_pipeline(min_confidence)
        pending: list[CodedDocument] = []
        rejections: list[Rejection] = []
        bar = _progress(progress)

        def flush() -> None:
            if pending or rejections:
                result = store.write(pending, rejections)
                counts["events"] += result.events_written
                pending.clear()
                rejections.clear()

        with bar:
            task = bar.add_task("coding", total=None)
            for item in pipe.code_stream(fresh(iter_inputs(paths)), n_process=n_process):
                if isinstance(item, Rejection):
                    key = "failed" if item.reason == "coding_failed" else "skipped"
                    counts[key] += 1
                    reasons[f"{key}: {item.reason}"] += 1
                    rejections.append(item)
                else:
                    counts["coded"] += 1
                    pending.append(item)
                bar.update(task, advance=1)
                if len(pending) + len(rejections) >= batch:
                    flush()
            flush()
        store.update_stories()
    elapsed = time.perf_counter() - started
    summary: dict[str, Any] = {
        "read": counts["read"], "coded": counts["coded"], "duplicates": counts["duplicates"],
        "skipped": counts["skipped"], "failed": counts["failed"], "events written": counts["events"],
        **{k: v for k, v in sorted(reasons.items())},
        "seconds": round(elapsed, 2),
        "documents/s": round(counts["coded"] / elapsed, 2) if elapsed else 0.0,
    }
    return summary


def _progress(enabled: bool) -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), disable=not enabled, transient=True)
