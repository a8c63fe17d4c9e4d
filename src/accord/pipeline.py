"""Run the stages in order: Document -> spaCy Doc -> Events, one document or a stream of them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from accord.events.coder import DEFAULT_MIN_CONFIDENCE, Coder
from accord.ingest.readers import document_from_text
from accord.ingest.repair import bound_text
from accord.nlp.model import load_nlp
from accord.types import CodedDocument, Document, Event, Rejection

MAX_CHARS_PER_DOC = 1_000_000  # spaCy's own limit; longer texts are coded in slices of paragraphs


@dataclass
class Pipeline:
    """Holds the loaded model and knowledge; `code` and `code_many` are the entry points."""

    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    batch_size: int = 32
    coder: Coder = field(init=False)

    def __post_init__(self) -> None:
        self.nlp = load_nlp()
        self.coder = Coder(min_confidence=self.min_confidence)

    def warm_up(self) -> None:
        """Do the one-time lazy loads (gazetteer, date parser) now rather than on the first article."""
        self.code(document_from_text("Russian troops shelled Kharkiv in Ukraine on Monday, May 5, 2025.",
                                     published=dt.date(2025, 5, 6)))

    def code(self, document: Document) -> list[Event]:
        document = bounded(document)
        return self.coder(self.nlp(document.text), document)

    def code_many(self, documents: Iterable[Document], n_process: int = 1) -> Iterator[CodedDocument]:
        pairs = ((d.text, d) for d in map(bounded, documents))
        for sdoc, document in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size, n_process=n_process):
            yield CodedDocument(document, tuple(self.coder(sdoc, document)))

    def code_safely(self, documents: Iterable[Document], n_process: int = 1) -> Iterator[CodedDocument | Rejection]:
        """code_many, but a document the coder fails on becomes a Rejection instead of ending the run."""
        pairs = ((d.text, d) for d in map(bounded, documents))
        for sdoc, document in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size, n_process=n_process):
            try:
                yield CodedDocument(document, tuple(self.coder(sdoc, document)))
            except Exception as exc:  # noqa: BLE001 - recorded with its reason, the batch goes on
                yield Rejection(document.url or document.id, "coding_failed", f"{type(exc).__name__}: {exc}", document.id)

    def code_stream(self, items: Iterable[Document | Rejection], n_process: int = 1) -> Iterator[CodedDocument | Rejection]:
        """Like code_many, but Rejections from the readers pass through in order."""
        pending: list[Rejection] = []

        def documents() -> Iterator[Document]:
            for item in items:
                if isinstance(item, Rejection):
                    pending.append(item)
                else:
                    yield item

        for coded in self.code_safely(documents(), n_process=n_process):
            while pending:
                yield pending.pop(0)
            yield coded
        while pending:
            yield pending.pop(0)


def bounded(document: Document) -> Document:
    """The document, its text made safe to parse (see `accord.ingest.repair.bound_text`) when a
    caller built it without the readers; the same object when its text needed nothing."""
    text = bound_text(document.text)
    return document if text is document.text else dataclasses.replace(document, text=text)


_PIPELINES: dict[float, Pipeline] = {}


def get_pipeline(min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> Pipeline:
    if min_confidence not in _PIPELINES:
        _PIPELINES[min_confidence] = Pipeline(min_confidence=min_confidence)
    return _PIPELINES[min_confidence]


def code_text(text: str, published: dt.date | str | None = None, *,
              min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> list[Event]:
    """Code one article and return its events, offsets pointing into the repaired text.

    >>> events = code_text("Mark Rutte met Donald Trump in Florida.", published="2024-11-24")
    """
    from accord.ingest.readers import parse_date

    day = parse_date(published, "published date")
    document = document_from_text(text, published=day)
    return get_pipeline(min_confidence).code(document)


def code_document(document: Document, *, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> list[Event]:
    return get_pipeline(min_confidence).code(document)


def code_documents(documents: Iterable[Document], *, min_confidence: float = DEFAULT_MIN_CONFIDENCE,
                   n_process: int = 1) -> Iterator[CodedDocument]:
    return get_pipeline(min_confidence).code_many(documents, n_process=n_process)
