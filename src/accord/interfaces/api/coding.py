"""Coding for the API in worker processes that are stopped at the request's deadline.

spaCy holds the GIL while it parses, so coding in a thread of the server would freeze every other
request (health, static files) for as long as one text takes, and a thread cannot be stopped: a
request answered 504 would go on using the CPU. Here each worker process loads the pipeline once
and codes one job at a time; the server thread that sent the job waits on the pipe (without the
GIL) until the deadline, and a worker that has not answered by then is killed and replaced. A
request that finds every worker busy waits for one until its own deadline.

Workers start from a fork server (a clean process, not a fork of the threaded server) that has
loaded the model once (`coding_preload`), so a worker replacing a killed one codes at once; they
start lazily on the first coding request or at start with `warm()`; there is one pool per server process, sized
by `ACCORD_CODE_WORKERS` (default 1; 0 codes in the server's own threads, as before).
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from accord.errors import AccordError

DEFAULT_WORKERS = 1


class CodingTimeout(AccordError):
    code = "timeout"


class CodingFailed(AccordError):
    code = "coding_failed"


class WorkerInputError(AccordError):
    """An input error raised in the worker (a text too short, a bad date), with its own code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def workers_default() -> int:
    raw = os.environ.get("ACCORD_CODE_WORKERS", "").strip()
    return int(raw) if raw.isdigit() else DEFAULT_WORKERS


# ---- the worker process ----------------------------------------------------------------------
def _serve(conn: Connection) -> None:
    """A worker's loop: (job, args) in, ("ok", result) or ("error", one line) out."""
    from accord.pipeline import get_pipeline

    get_pipeline().warm_up()
    while True:
        try:
            job, args = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            result = _JOBS[job](get_pipeline, *args)
            conn.send(("ok", result))
        except AccordError as exc:
            conn.send(("input", (exc.code, str(exc))))
        except Exception as exc:  # noqa: BLE001 - reported to the request, the worker goes on
            lines = str(exc).strip().splitlines()
            conn.send(("error", f"{type(exc).__name__}: {lines[0][:200]}" if lines else type(exc).__name__))


def _code(get_pipeline: Any, document: Any, min_confidence: float) -> list[dict[str, Any]]:
    return [e.to_dict() for e in get_pipeline(min_confidence).code(document)]


def _code_text(get_pipeline: Any, text: str, published: Any, min_confidence: float) -> dict[str, Any]:
    """Text repair and coding, both in the worker: repairing 200 KB takes the GIL for a while too."""
    from accord.ingest.readers import document_from_text

    document = document_from_text(text, name="request", published=published)
    return {"document": document.to_dict(), "events": _code(get_pipeline, document, min_confidence)}


def _code_safely(get_pipeline: Any, documents: list[Any], min_confidence: float) -> list[Any]:
    return list(get_pipeline(min_confidence).code_safely(documents))


def _sleep(get_pipeline: Any, seconds: float) -> float:
    """A job that only takes time: what the tests use to hold a worker busy."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:  # busy, like parsing: holds this process's GIL
        pass
    return seconds


_JOBS: dict[str, Callable[..., Any]] = {"code": _code, "code_text": _code_text, "code_safely": _code_safely, "sleep": _sleep}


# ---- the server side -------------------------------------------------------------------------
@dataclass
class _Worker:
    process: Any
    conn: Connection


class CodingPool:
    """`run(job, args, timeout)` in a free worker; CodingTimeout when no answer came in time (the
    worker is then killed and replaced)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._ctx = multiprocessing.get_context("forkserver")
        self._ctx.set_forkserver_preload(["accord.interfaces.api.coding_preload"])
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        self.killed = 0

    def warm(self) -> None:
        """Start the workers now (each loads the model in the background)."""
        with self._lock:
            while len(self._all) < self.size:
                self._idle.put(self._start())

    def _start(self) -> _Worker:
        ours, theirs = self._ctx.Pipe()
        process = self._ctx.Process(target=_serve, args=(theirs,), daemon=True, name="accord-coder")
        process.start()
        theirs.close()
        worker = _Worker(process, ours)
        self._all.append(worker)
        return worker

    def run(self, job: str, args: tuple[Any, ...], timeout: float) -> Any:
        deadline = time.monotonic() + timeout
        self.warm()
        try:
            worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise CodingTimeout(f"every coding worker stayed busy for {timeout:g} s") from None
        try:
            worker.conn.send((job, args))
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                self._replace(worker)
                raise CodingTimeout(f"coding took over {timeout:g} s; stopped")
            status, value = worker.conn.recv()
        except (EOFError, OSError):
            self._replace(worker)
            raise CodingFailed("the coding worker stopped (out of memory?); it was restarted") from None
        self._idle.put(worker)
        if status == "input":
            raise WorkerInputError(*value)
        if status != "ok":
            raise CodingFailed(f"coding failed: {value}")
        return value

    def _replace(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        self.killed += 1
        with self._lock:
            self._all.remove(worker)
            self._idle.put(self._start())

    def close(self) -> None:
        with self._lock:
            for worker in self._all:
                worker.process.kill()
            for worker in self._all:
                worker.process.join(5)
                worker.conn.close()
            self._all.clear()
            self._idle = queue.Queue()


_POOL: CodingPool | None = None
_POOL_LOCK = threading.Lock()


def pool() -> CodingPool | None:
    """The server process's pool (None when ACCORD_CODE_WORKERS=0)."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            size = workers_default()
            if size == 0:
                return None
            _POOL = CodingPool(size)
            atexit.register(_POOL.close)
        return _POOL
