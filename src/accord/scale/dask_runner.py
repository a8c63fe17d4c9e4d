"""Code documents on a Dask cluster: batches go out to the workers, coded batches come back to
the one process that writes the store.

    for batch in code_with_dask(documents, workers=4):                 # a LocalCluster here
        ...
    for batch in code_with_dask(documents, scheduler="tcp://10.0.0.5:8786"):   # a running cluster

Each worker loads the spaCy model and the knowledge base once: a worker plugin warms the
process-wide pipeline cache when the worker starts, and every task reuses it. Workers of a real
cluster need accord installed and should run one thread each (`dask worker ADDRESS --nthreads 1`).
At most `in_flight` batches (default two per worker) are out at a time, so memory stays bounded
however long the input is. A batch whose worker died is retried by Dask; one that still fails
comes back as `coding_failed` rejections.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from accord.errors import AccordError
from accord.events.coder import DEFAULT_MIN_CONFIDENCE
from accord.scale.local import CODING_FAILED, chunked, code_locally, one_line
from accord.types import CodedDocument, Document, Rejection

Result = list[CodedDocument | Rejection]


class ClusterError(AccordError):
    """The Dask scheduler cannot be reached or the cluster cannot start."""

    code = "cluster"
    exit_code = 5


def code_batch(docs: list[Document], min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> Result:
    """The task each worker runs: code a batch with the process's one pipeline."""
    return list(code_locally(docs, min_confidence=min_confidence))


class LoadModel(WorkerPlugin):
    """Loads the pipeline once when a worker starts, so the first batch does not wait for it."""

    name = "accord-load-model"

    def __init__(self, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> None:
        self.min_confidence = min_confidence

    def setup(self, worker: Any) -> None:
        from accord.pipeline import get_pipeline

        get_pipeline(self.min_confidence).warm_up()


@contextmanager
def connect(workers: int = 2, scheduler: str | None = None) -> Iterator[Any]:
    """A distributed Client: to `scheduler` when given, else to a new LocalCluster of `workers`
    single-threaded worker processes (closed on exit)."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="5s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterError(f"cannot reach Dask scheduler {scheduler}: {one_line(exc)}", input=scheduler,
                               valid="tcp://HOST:PORT of a running scheduler") from None
        with client:
            yield client
        return
    if workers < 1:
        raise ClusterError(f"--workers {workers}: need at least one worker", input=str(workers), valid="1 or more")
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def code_with_dask(docs: Iterable[Document], workers: int = 2, scheduler: str | None = None, *,
                   batch_size: int = 16, min_confidence: float = DEFAULT_MIN_CONFIDENCE,
                   in_flight: int | None = None) -> Iterator[Result]:
    """Lists of CodedDocument (and `coding_failed` Rejection), one per finished batch, in the order
    the batches finish."""
    with connect(workers, scheduler) as client:
        client.register_plugin(LoadModel(min_confidence))
        limit = in_flight or 2 * max(1, len(client.scheduler_info().get("workers", {})) or workers)
        out: dict[Any, list[Document]] = {}
        for batch in chunked(docs, batch_size):
            out[client.submit(code_batch, batch, min_confidence, pure=False)] = batch
            if len(out) >= limit:
                yield from _finished(out)
        while out:
            yield from _finished(out)


def _finished(out: dict[Any, list[Document]]) -> Iterator[Result]:
    from distributed import wait

    done, _ = wait(list(out), return_when="FIRST_COMPLETED")
    for future in done:
        batch = out.pop(future)
        try:
            result = future.result()
        except Exception as exc:  # noqa: BLE001 - a batch lost for good becomes rejections
            result = [Rejection(d.url or d.id, CODING_FAILED, f"worker failed: {one_line(exc)}", d.id) for d in batch]
        future.release()
        yield result
