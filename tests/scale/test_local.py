import datetime as dt

from accord.ingest.readers import document_from_text
from accord.pipeline import get_pipeline
from accord.scale.local import chunked, code_locally, code_one
from accord.types import CodedDocument, Document


def test_local_chunked_keeps_order_and_sizes():
    assert list(chunked(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(chunked([], 3)) == []


def test_local_codes_every_document_in_order():
    docs = [document_from_text(t, published=dt.date(2025, 1, 2)) for t in (
        "Russian troops shelled Kharkiv on Monday.", "Kenya and Somalia agreed to reopen their border.")]
    out = list(code_locally(docs, min_confidence=0.5))
    assert [type(o).__name__ for o in out] == ["CodedDocument", "CodedDocument"]
    assert [o.document.id for o in out if isinstance(o, CodedDocument)] == [d.id for d in docs]


def test_local_document_over_spacys_limit_is_coded_in_slices():
    """A text longer than spaCy's max_length no longer fails: the pipeline parses it in slices
    (pipeline.SLICE_CHARS) joined into one Doc, so the batch goes on with every document coded."""
    pipe = get_pipeline(0.5)
    too_long = Document(id="long", text="word " * (pipe.nlp.max_length // 5 + 10))
    fine = document_from_text("Japan pledged aid to the Philippines on Monday.")
    out = list(code_locally([fine, too_long, fine], min_confidence=0.5))
    assert [type(o).__name__ for o in out] == ["CodedDocument", "CodedDocument", "CodedDocument"]
    assert out[1].document.id == "long" and out[1].events == ()
    assert isinstance(code_one(pipe, fine), CodedDocument)
