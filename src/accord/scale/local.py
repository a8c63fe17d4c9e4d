"""Code documents on this machine: spaCy's `nlp.pipe` (with `n_process` worker processes when
asked), and a document that makes spaCy itself fail becomes a `coding_failed` Rejection instead of
ending the run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

from accord.events.coder import DEFAULT_MIN_CONFIDENCE
from accord.pipeline import Pipeline, get_pipeline
from accord.types import CodedDocument, Document, Rejection

T = TypeVar("T")
CHUNK = 256
CODING_FAILED = "coding_failed"


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of up to `size` items, in order."""
    it = iter(items)
    while part := list(islice(it, size)):
        yield part


def code_locally(docs: Iterable[Document], *, n_process: int = 1,
                 min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> Iterator[CodedDocument | Rejection]:
    """A CodedDocument or a Rejection for every document, in order (one process: exactly in order;
    several: spaCy keeps the order too)."""
    pipe = get_pipeline(min_confidence)
    if n_process > 1:
        yield from pipe.code_safely(docs, n_process=n_process)
        return
    for part in chunked(docs, CHUNK):
        yield from _code_chunk(pipe, part)


def _code_chunk(pipe: Pipeline, part: list[Document]) -> Iterator[CodedDocument | Rejection]:
    done = 0
    try:
        for out in pipe.code_safely(part):
            done += 1
            yield out
    except Exception:  # noqa: BLE001 - spaCy failed inside a batch: code the rest one at a time
        for document in part[done:]:
            yield code_one(pipe, document)


def code_one(pipe: Pipeline, document: Document) -> CodedDocument | Rejection:
    try:
        return CodedDocument(document, tuple(pipe.code(document)))
    except Exception as exc:  # noqa: BLE001 - recorded with its reason, the batch goes on
        return Rejection(document.url or document.id, CODING_FAILED, one_line(exc), document.id)


def one_line(exc: BaseException) -> str:
    """`Type: first line of the message`, for a rejection or a one-line error."""
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__
