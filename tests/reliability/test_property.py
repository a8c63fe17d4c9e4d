"""Property-based: code_text on arbitrary Unicode text and dates never raises and returns
well-formed events whose offsets lie inside the (repaired) text."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.errors import AccordError
from accord.ingest.readers import document_from_text
from accord.pipeline import code_document
from accord.types import MODALITIES, PLOVER_TYPES

NEWSY = st.sampled_from([
    "Russia attacked Ukraine.", "The EU imposed sanctions on Iran on Monday.", "Mark Rutte met Donald Trump.",
    "Hamas threatened to resume attacks if Israel refused.", "Protesters rallied in Tbilisi.", "",
    "NATO\u0101s chief said", "\u202e\u0000\ufeff", "President-elect", "the Kremlin's", "\n\n", "¿Qué?",
])
TEXTS = st.lists(st.one_of(NEWSY, st.text(max_size=40)), max_size=6).map(" ".join)
DATES = st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, day=DATES)
def test_property_code_text_never_raises_and_offsets_fit(text, day):
    try:
        document = document_from_text(text, published=day)
    except AccordError:
        return  # empty or too short: a typed, one-line rejection is the right answer
    events = code_document(document, min_confidence=0.0)
    body = document.text
    for e in events:
        assert e.type in PLOVER_TYPES and e.modality in MODALITIES
        assert 0.0 < e.confidence <= 1.0 and e.quad_class in (1, 2, 3, 4)
        for span in (e.trigger, e.evidence):
            assert 0 <= span.start < span.end <= len(body)
            assert body[span.start:span.end] == span.text
        for ref in (*e.sources, *e.targets):
            assert 0 <= ref.start < ref.end <= len(body)
        assert e.evidence.start <= e.trigger.start and e.trigger.end <= e.evidence.end
