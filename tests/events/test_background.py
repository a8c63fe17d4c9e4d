"""Background clauses: an event its own clause dates years back, found from the background_*
lexicons (no English in accord/events/background.py)."""

from __future__ import annotations

import pytest

from accord.events.background import is_background
from accord.pipeline import get_pipeline

CASES = [
    ("The army attacked the village 18 years ago.", "attacked", True),
    ("A few years ago the army seized power.", "seized", True),
    ("Several decades ago the two states fought a border war.", "fought", True),
    ("Rebels have fought the government for decades.", "fought", True),
    ("Over the past few years, China has sanctioned Lithuanian firms.", "sanctioned", True),
    ("The two countries fought in the 1970s.", "fought", True),
    ("In the 70's, the army seized power.", "seized", True),
    ("The army seized power on Monday.", "seized", False),
    ("The army seized power, 18 months after the vote.", "seized", False),
    ("He said on Monday that talks which began decades ago had resumed.", "said", False),
    ("Police arrested 40 people for years of fraud.", "arrested", False),
]


@pytest.fixture(scope="module")
def nlp():
    return get_pipeline().nlp


@pytest.mark.parametrize(("sentence", "word", "expected"), CASES)
def test_background_clause(nlp, sentence, word, expected) -> None:
    doc = nlp(sentence)
    tok = next(t for t in doc if t.text == word)
    assert is_background(tok) is expected
