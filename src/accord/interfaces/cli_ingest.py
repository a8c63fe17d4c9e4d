"""`accord ingest`: read, screen, dedup, skip what is stored, code, write in transactional batches,
summarise.

Every input is accounted for: read = coded + duplicates + skipped + failed. Each one not coded is
a row of the `rejected` table with a reason code and message, except documents already in the
store (counted as duplicates: `already stored`). Already stored documents are skipped by id, so an
interrupted run continues where it stopped when run again; a crash loses at most the batch being
written, which the next run codes again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from accord.errors import AccordError, InputError, Interrupted, StoreError
from accord.events.coder import DEFAULT_MIN_CONFIDENCE
from accord.ingest.dedup import DEFAULT_THRESHOLD, DedupIndex
from accord.ingest.filters import CODING_FAILED, DUPLICATE, NEAR_DUPLICATE, Screen
from accord.ingest.readers import Item, JsonlFields, ReadOptions, iter_sourced
from accord.ingest.sources import count_inputs
from accord.scale.local import chunked
from accord.store.base import Store
from accord.types import CodedDocument, Document, Rejection

ALREADY_STORED = "already stored"
_RECORD = re.compile(r"(?::\d+|#\d+)$")  # file.jsonl:12, feed.xml#3: a record inside a readable input
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How one ingest run reads, screens, codes and writes."""

    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    batch: int = 64
    n_process: int = 1
    engine: str = "local"
    workers: int = 2
    scheduler: str | None = None
    read: ReadOptions = field(default_factory=ReadOptions)
    screen: Screen = Screen()
    dedup: bool = True
    near_duplicates: bool = True
    near_threshold: float = DEFAULT_THRESHOLD
    progress: bool = False
    on_commit: Callable[[Tally], None] | None = None


@dataclass
class Tally:
    """Running counts of a run. `readable` counts inputs that were read as documents at all."""

    read: int = 0
    readable: int = 0
    coded: int = 0
    duplicates: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0
    commits: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    undated: list[str] = field(default_factory=list)  # documents coded with no publication date

    @property
    def done(self) -> int:
        """Inputs accounted for so far: coded, duplicates, skipped or failed."""
        return self.coded + self.duplicates + self.skipped + self.failed

    def count(self, kind: str, reason: str) -> None:
        setattr(self, kind, getattr(self, kind) + 1)
        self.reasons[f"{kind}: {reason}"] += 1


@dataclass(frozen=True, slots=True)
class IngestReport:
    tally: Tally
    seconds: float

    @property
    def readable(self) -> int:
        return self.tally.readable

    def summary(self) -> dict[str, Any]:
        t = self.tally
        return {
            "read": t.read, "coded": t.coded, "duplicates": t.duplicates, "skipped": t.skipped,
            "failed": t.failed, "events written": t.events, **dict(sorted(t.reasons.items())),
            **({"warning: undated documents (give --date)": len(t.undated)} if t.undated else {}),
            "seconds": round(self.seconds, 2),
            "documents/s": round(t.coded / self.seconds, 2) if self.seconds else 0.0,
        }


def _storable(rejection: Rejection) -> Rejection:
    """The rejection with what no store can keep (NUL, a lone surrogate from an undecodable file
    name) replaced by U+FFFD, so one odd input cannot make the batch fail to write."""
    if not any(_UNSTORABLE.search(v) for v in (rejection.input, rejection.message, rejection.doc_id or "")):
        return rejection
    fix = lambda v: _UNSTORABLE.sub("\ufffd", v)  # noqa: E731
    return dataclasses.replace(rejection, input=fix(rejection.input), message=fix(rejection.message),
                               doc_id=fix(rejection.doc_id) if rejection.doc_id else None)


def _one_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0][:200]}" if lines else type(exc).__name__


def _kind(reason: str) -> str:
    if reason in (DUPLICATE, NEAR_DUPLICATE):
        return "duplicates"
    return "failed" if reason == CODING_FAILED else "skipped"


class Ingest:
    """One run over one store: `run(items)` consumes reader items and writes everything."""

    def __init__(self, store: Store, options: IngestOptions) -> None:
        self.store = store
        self.options = options
        self.tally = Tally()
        self.index = DedupIndex(options.near_threshold, near=options.near_duplicates)
        self.origins: dict[str, str] = {}
        self.coded: list[CodedDocument] = []
        self.rejections: list[Rejection] = []
        self.on_progress: Callable[[Tally], None] = lambda tally: None
        self.stopping = threading.Event()

    # ---- reading side: screen, dedup, skip stored --------------------------------------------
    def admitted(self, items: Iterable[Item]) -> Iterator[Document]:
        """The documents to code, in input order; everything else is counted and recorded."""
        for chunk in chunked(items, self.options.batch):
            ids = [it.value.id for it in chunk if isinstance(it.value, Document)]
            stored = self.store.has_documents(ids) if ids else set()
            for origin, value in chunk:
                self.check_interrupted()
                self.tally.read += 1
                if isinstance(value, Rejection):
                    if _RECORD.search(origin):
                        self.tally.readable += 1  # the input was read; this record of it is rejected
                    self.reject(value)
                elif (document := self._admit(origin, value, stored)) is not None:
                    self.origins[document.id] = origin
                    yield document
                self.on_progress(self.tally)

    def _admit(self, origin: str, document: Document, stored: set[str]) -> Document | None:
        self.tally.readable += 1
        screened = self.options.screen(document, origin)
        if screened is not None:
            self.reject(screened)
            return None
        match = self.index.check(document.id, document.text, origin) if self.options.dedup else None
        if document.id in stored:
            self.tally.count("duplicates", ALREADY_STORED)
            return None
        if match is not None:
            what = "the same text as" if match.kind == DUPLICATE else "a near-duplicate of"
            message = (f"{origin}: {what} document {match.original_id} ({match.original_origin}), "
                       f"estimated similarity {match.similarity:.2f}; own id {document.id}")
            self.reject(Rejection(origin, match.kind, message, match.original_id))
            return None
        return document

    # ---- writing side ------------------------------------------------------------------------
    def reject(self, rejection: Rejection) -> None:
        self.tally.count(_kind(rejection.reason), rejection.reason)
        self.rejections.append(_storable(rejection))
        self._maybe_flush()

    def accept(self, out: CodedDocument | Rejection) -> None:
        if isinstance(out, Rejection):
            origin = self.origins.pop(out.doc_id or "", out.input)
            self.reject(dataclasses.replace(out, input=origin, message=f"{origin}: coding failed: {out.message}"))
            return
        self.check_interrupted()
        origin = self.origins.pop(out.document.id, "")
        self.tally.coded += 1
        if out.document.published is None:  # its events will be in no series: say so
            self.tally.undated.append(origin or out.document.url or out.document.title or out.document.id)
        self.coded.append(out)
        self.on_progress(self.tally)
        self._maybe_flush()

    def _maybe_flush(self) -> None:
        if len(self.coded) + len(self.rejections) >= self.options.batch:
            self.flush()

    def flush(self) -> None:
        if not (self.coded or self.rejections):
            return
        try:
            result = self.store.write(self.coded, self.rejections)
        except AccordError:
            raise
        except Exception as exc:  # noqa: BLE001 - a full disk, a lost connection: the documented exit 4
            raise StoreError(f"cannot write to the store ({_one_line(exc)}); what was committed before "
                             "stays, run the same command again to resume", input=type(exc).__name__) from exc
        for _ in range(result.documents_skipped):  # another run stored them first (concurrent ingest)
            self.tally.coded -= 1
            self.tally.count("duplicates", ALREADY_STORED)
        self.tally.events += result.events_written
        self.tally.commits += 1
        self.coded, self.rejections = [], []
        if self.options.on_commit:
            self.options.on_commit(self.tally)

    # ---- the run -----------------------------------------------------------------------------
    def interrupt(self) -> None:
        """Ask the run to stop at the next document (safe from a signal handler)."""
        self.stopping.set()

    def check_interrupted(self) -> None:
        if self.stopping.is_set():
            raise Interrupted(f"interrupted after {self.tally.done} inputs ({self.tally.commits} batches "
                              "committed); run the same command again to resume")

    def run(self, items: Iterable[Item]) -> Tally:
        try:
            self._run(items)
        except Interrupted:
            self.flush()
            raise
        return self.tally

    def _run(self, items: Iterable[Item]) -> None:
        docs = self.admitted(items)
        o = self.options
        if o.engine == "dask":
            from accord.scale.dask_runner import code_with_dask

            for batch in code_with_dask(docs, o.workers, o.scheduler, min_confidence=o.min_confidence):
                for out in batch:
                    self.accept(out)
        else:
            from accord.scale.local import code_locally

            for out in code_locally(docs, n_process=o.n_process, min_confidence=o.min_confidence):
                self.accept(out)
        self.flush()


def run_ingest(paths: list[str], *, db: str, min_confidence: float = DEFAULT_MIN_CONFIDENCE, batch: int = 64,
               n_process: int = 1, progress: bool = False, default_date: dt.date | None = None,
               **options: Any) -> IngestReport:
    """Ingest `paths` into the store at `db`; `options` are the other IngestOptions fields.
    `default_date` dates the documents that carry no date of their own; documents that stay
    undated are counted (their events drop out of every series) and named in the report."""
    from accord.store import open_store

    opts = IngestOptions(min_confidence=min_confidence, batch=batch, n_process=n_process,
                         progress=progress, **options)
    started = time.perf_counter()
    with open_store(db) as store:
        items = _dated(iter_sourced(paths, opts.read), default_date)
        tally = ingest_items(store, items, opts, total=count_inputs(paths) if progress else None)
    return IngestReport(tally, time.perf_counter() - started)


def _dated(items: Iterable[Item], default: dt.date | None) -> Iterator[Item]:
    """The documents with no date of their own dated `default` (when given)."""
    for item in items:
        doc = item.value
        if default is not None and isinstance(doc, Document) and doc.published is None:
            item = Item(item.origin, dataclasses.replace(doc, published=default))
        yield item


def cli_options(*, fields: Iterable[str], max_doc_bytes: int | None, min_words: int, language_check: bool,
                near_dup_threshold: float, near_dup: bool, verbose: bool) -> dict[str, Any]:
    """IngestOptions fields from the `accord ingest` options."""
    read = ReadOptions(fields=parse_fields(fields))
    if max_doc_bytes is not None:
        read = dataclasses.replace(read, max_doc_bytes=max_doc_bytes)
    return {"read": read, "screen": Screen(min_words=min_words, language=language_check),
            "near_duplicates": near_dup, "near_threshold": near_dup_threshold,
            "on_commit": _say_commit if verbose else None}


def parse_fields(pairs: Iterable[str]) -> JsonlFields:
    """JsonlFields from `name=key` pairs (`text=body`); InputError names the valid names."""
    names = [f.name for f in dataclasses.fields(JsonlFields)]
    chosen: dict[str, str] = {}
    for pair in pairs:
        name, sep, key = pair.partition("=")
        if not sep or name.strip() not in names or not key.strip():
            raise InputError(f"--field {pair!r} is not NAME=KEY with a known NAME", input=pair,
                             valid=", ".join(f"{n}=KEY" for n in names))
        chosen[name.strip()] = key.strip()
    return JsonlFields(**chosen)


def _say_commit(t: Tally) -> None:
    print(f"accord: committed batch {t.commits}: read {t.read}, coded {t.coded}, duplicates {t.duplicates}, "
          f"skipped {t.skipped}, failed {t.failed}, events {t.events}", file=sys.stderr, flush=True)


def no_readable_input(paths: Iterable[str], report: IngestReport) -> str:
    """The one-line reason a run found nothing to read."""
    why = ", ".join(f"{k.split(': ', 1)[1]} {n}" for k, n in sorted(report.tally.reasons.items()))
    return f"no readable input in {', '.join(paths)}" + (f" ({why})" if why else "")


def ingest_items(store: Store, items: Iterable[Item], options: IngestOptions, total: int | None = None) -> Tally:
    """Ingest reader items into an open store (the Python API behind `accord ingest`)."""
    run = Ingest(store, options)
    with progress_bar(options.progress, total) as update, stop_on_signals(run):
        run.on_progress = update
        run.run(items)
    store.update_stories()
    return run.tally


@contextmanager
def stop_on_signals(run: Ingest) -> Iterator[None]:
    """The first Ctrl-C (or SIGTERM) asks the run to stop after the document in hand, commit what
    is coded and end with Interrupted (exit 130); a second Ctrl-C stops at once. Only in the main
    thread, where Python delivers signals."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: object) -> None:
        if run.stopping.is_set():
            raise KeyboardInterrupt
        run.interrupt()

    previous = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


class _Bar:
    """A rich progress bar over stderr: inputs accounted for (of the total when it is known)."""

    def __init__(self, total: int | None) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                 MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn(),
                                 transient=True)
        self.task = self.progress.add_task("reading", total=total)
        self.total = total

    def update(self, t: Tally) -> None:
        if self.total is not None and t.done > self.total:
            self.total = None
            self.progress.update(self.task, total=None)
        self.progress.update(self.task, completed=t.done, description=(
            f"coded {t.coded} · dup {t.duplicates} · skipped {t.skipped} · failed {t.failed}"))


@contextmanager
def progress_bar(enabled: bool, total: int | None) -> Iterator[Callable[[Tally], None]]:
    """`update(tally)` for a live bar when enabled, else a no-op."""
    if not enabled:
        yield lambda tally: None
        return
    bar = _Bar(total)
    with bar.progress:
        yield bar.update
