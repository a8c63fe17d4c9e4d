"""accord's AttributeTable gives exactly what spaCy's attribute ruler gives, on real text."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from accord.nlp.attributes import NAME, AttributeTable, replace_attribute_ruler
from accord.nlp.model import MODEL, load_nlp

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# contractions, colloquial forms and whitespace exercise the model's multi-token, dependency,
# regular-expression and whitespace patterns, not only its tag map
TRICKY = [
    "I'm gonna tell y'all: it ain't over, and we gotta go. Let's see. C'mon, nothin' is settled.",
    "  \n\n Russia    attacked\tUkraine on Monday .  ",
    "THE MINISTER SAID IT WAS NOT HIS DECISION, BUT HE DID SIGN IT.",
    "the police arrested dozens of protesters in lagos, and it was they who fired first.",
    "Do you have it? There are those who did, and there is no one who does.",
    "",
]


def signature(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in doc]


@pytest.fixture(scope="module")
def pair():
    original = spacy.load(MODEL)
    fast = spacy.load(MODEL)
    replace_attribute_ruler(fast)
    return original, fast


def texts() -> list[str]:
    return [p.read_text() for p in sorted(EXAMPLES.glob("*.txt"))] + TRICKY


def test_pipeline_swaps_the_ruler(pair) -> None:
    original, fast = pair
    assert "attribute_ruler" in original.pipe_names
    assert NAME in fast.pipe_names and "attribute_ruler" not in fast.pipe_names
    assert fast.pipe_names.index(NAME) == original.pipe_names.index("attribute_ruler")
    assert NAME in load_nlp().pipe_names
    table = fast.get_pipe(NAME)
    assert len(table.rest) == 0  # every pattern of the model is evaluated by the table itself


def test_same_annotation_on_every_token(pair) -> None:
    original, fast = pair
    corpus = texts()
    for a, b in zip(original.pipe(corpus), fast.pipe(corpus), strict=True):
        assert signature(a) == signature(b)
    assert sum(len(t) for t in corpus) > 5000


def test_exact_values_on_a_colloquial_sentence(pair) -> None:
    _, fast = pair
    doc = fast("I'm gonna tell y'all that it ain't over.")
    got = {t.text: (t.pos_, t.lemma_) for t in doc}
    assert got["gon"] == ("VERB", "go")
    assert got["na"] == ("PART", "to")
    assert got["ai"] == ("VERB", "be")
    assert got["'m"] == ("AUX", "be")


def test_patterns_of_other_shapes_go_to_the_matcher(pair) -> None:
    """A pattern the table cannot index (here IS_TITLE and LENGTH) is still applied, in order."""
    original, _ = pair
    ruler = original.add_pipe("attribute_ruler", name="extra_ruler", last=True)
    try:
        ruler.add([[{"IS_TITLE": True, "LENGTH": 5}]], {"LEMMA": "five-letter title"})
        ruler.add([[{"LOWER": "paris"}]], {"LEMMA": "Paris!"})
        table = AttributeTable(original, "extra_table")
        table.load_from(ruler)
        assert len(table.rest) == 1
        text = "Paris and Berlin met Rome in Paris."
        with original.select_pipes(disable=["extra_ruler"]):
            by_table = table(original(text))
        by_ruler = original(text)
        assert signature(by_table) == signature(by_ruler)
        assert [t.lemma_ for t in by_table][:3] == ["Paris!", "and", "Berlin"]
        assert by_table[6].lemma_ == "Paris!"
    finally:
        original.remove_pipe("extra_ruler")
