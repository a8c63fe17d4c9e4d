"""Run the stages in order: Document -> spaCy Doc -> Events, one document or a stream of them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from typing import TYPE_CHECKING

from accord.events.coder import DEFAULT_MIN_CONFIDENCE, Coder
from accord.events.scorer import Scorer, scorer_from_env
from accord.ingest.readers import document_from_text
from accord.ingest.repair import bound_text
from accord.nlp.model import load_nlp
from accord.nlp.truecase import Truecaser
from accord.types import CodedDocument, Document, Event, Rejection

if TYPE_CHECKING:
    from spacy.tokens import Doc

MAX_CHARS_PER_DOC = 1_000_000  # spaCy's own limit (the screen refuses longer texts as too_large)
SLICE_CHARS = 50_000  # longer texts are parsed in slices cut at line breaks, then joined into one Doc


@dataclass
class Pipeline:
    """Holds the loaded model and knowledge; `code` and `code_many` are the entry points."""

    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    batch_size: int = 32
    # the optional learned scorer (accord.events.scorer, docs/scorer.md): "env" reads ACCORD_SCORER
    # (off when unset), None turns it off, a Scorer is used as given
    scorer: Scorer | None | str = "env"
    coder: Coder = field(init=False)

    def __post_init__(self) -> None:
        self.nlp = load_nlp()
        self.coder = Coder(min_confidence=self.min_confidence)
        self.truecase = Truecaser(self.coder.kb)  # all-caps or all-lower texts are parsed recased
        if self.scorer == "env":
            self.scorer = scorer_from_env(self.coder)

    def _coded(self, sdoc: Doc, document: Document) -> list[Event]:
        """The coder's events, then the optional scorer's veto and proposals."""
        events = self.coder(sdoc, document)
        if isinstance(self.scorer, Scorer):
            events = self.scorer(sdoc, document, events)
        return events

    def warm_up(self) -> None:
        """Do the one-time lazy loads (gazetteer, date parser) now rather than on the first article."""
        from accord.events import dates

        dates.warm_up()
        self.code(document_from_text("Russian troops shelled Kharkiv in Ukraine on Monday, May 5, 2025.",
                                     published=dt.date(2025, 5, 6)))

    def code(self, document: Document) -> list[Event]:
        document = bounded(document)
        return self._coded(self.parse(document.text), document)

    def parse(self, text: str) -> Doc:
        """The spaCy Doc of `text`. The parser's memory grows with the length of what it parses at
        once (about 2.6 KB a character: a 250,000-character text took 650 MB), so a text over
        SLICE_CHARS is parsed in slices cut at line breaks (else sentence ends, else spaces) and
        the slices joined into one Doc with the same text and offsets."""
        text = self.truecase(text)
        if len(text) <= SLICE_CHARS:
            return self.nlp(text)
        from spacy.tokens import Doc as SpacyDoc

        return SpacyDoc.from_docs(list(self.nlp.pipe(slices(text, SLICE_CHARS), batch_size=1)), ensure_whitespace=False)

    def _parsed(self, documents: Iterable[Document], n_process: int) -> Iterator[tuple[Doc, Document]]:
        """(Doc, Document) in order: short documents through nlp.pipe, long ones slice by slice."""
        for long, group in groupby(map(bounded, documents), key=lambda d: len(d.text) > SLICE_CHARS):
            if long:
                for document in group:
                    yield self.parse(document.text), document
            else:
                yield from self.nlp.pipe(((self.truecase(d.text), d) for d in group), as_tuples=True, batch_size=self.batch_size,
                                         n_process=n_process)

    def code_many(self, documents: Iterable[Document], n_process: int = 1) -> Iterator[CodedDocument]:
        for sdoc, document in self._parsed(documents, n_process):
            yield CodedDocument(document, tuple(self._coded(sdoc, document)))

    def code_safely(self, documents: Iterable[Document], n_process: int = 1) -> Iterator[CodedDocument | Rejection]:
        """code_many, but a document the coder fails on becomes a Rejection instead of ending the run."""
        for sdoc, document in self._parsed(documents, n_process):
            try:
                yield CodedDocument(document, tuple(self._coded(sdoc, document)))
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


def slices(text: str, size: int = SLICE_CHARS) -> list[str]:
    """`text` in consecutive pieces of at most `size` characters (joined they are `text`), each
    ending at a line break where one is near, else after a sentence end, else at a space."""
    out, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = window.rfind("\n")
        if cut < size // 2:
            cut = max(window.rfind(". "), window.rfind("! "), window.rfind("? "))
        if cut < size // 2:
            cut = window.rfind(" ")
        cut = cut + 1 if cut > 0 else size
        out.append(text[start:start + cut])
        start += cut
    out.append(text[start:])
    return out


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
