"""The optional learned scorer (accord.events.scorer, docs/scorer.md): it loads, it is
deterministic, and off (the default) means the coder's output untouched."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from accord.events.scorer import (
    SCORER_ENV,
    Scorer,
    ScorerModel,
    default_model,
    scorer_from_env,
    sentence_features,
)
from accord.pipeline import Pipeline
from accord.types import PLOVER_TYPES, Document

TEXT = ("Rebels shelled the town of Goma on Monday, killing four civilians. "
        "The mayor said the fire brigade was called to a warehouse. "
        "Protesters gathered outside parliament in Nairobi to oppose the new tax. "
        "The two ministers held talks in Geneva on Tuesday.")


@pytest.fixture(scope="module")
def pipes():
    off = Pipeline(scorer=None)
    on = Pipeline(scorer=None)
    on.scorer = Scorer(on.coder, mode="both")
    return off, on


def _doc() -> Document:
    return Document(id="scorer-test", text=TEXT, published=dt.date(2025, 3, 4))


def test_model_loads():
    m = default_model()
    assert m.types == PLOVER_TYPES
    assert m.weights.shape == (len(m.vocab), len(PLOVER_TYPES))
    assert m.bias.shape == (len(PLOVER_TYPES),)
    assert np.isfinite(m.weights).all()


def test_scores_are_deterministic(pipes):
    off, _ = pipes
    m = default_model()
    doc = off.parse(TEXT)
    first = [m.scores(sentence_features(s)) for s in doc.sents]
    again = [m.scores(sentence_features(s)) for s in off.parse(TEXT).sents]
    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))
    assert all(((p >= 0) & (p <= 1)).all() for p in first)
    # a model read back from its own bytes gives the same scores
    import io
    buf = io.BytesIO()
    m.save(buf)
    m2 = ScorerModel.from_bytes(buf.getvalue())
    assert all(np.array_equal(m2.scores(sentence_features(s)), p) for s, p in zip(doc.sents, first, strict=True))


def test_scorer_output_is_deterministic(pipes):
    _, on = pipes
    a = [e.to_dict() for e in on.code(_doc())]
    b = [e.to_dict() for e in on.code(_doc())]
    assert a == b
    for e in a:
        assert e["type"] in PLOVER_TYPES


def test_off_is_identical(pipes, monkeypatch):
    off, _ = pipes
    plain = [e.to_dict() for e in off.coder(off.parse(TEXT), _doc())]
    assert [e.to_dict() for e in off.code(_doc())] == plain
    monkeypatch.delenv(SCORER_ENV, raising=False)
    assert scorer_from_env(off.coder) is None
    for value in ("", "0"):
        monkeypatch.setenv(SCORER_ENV, value)
        assert scorer_from_env(off.coder) is None
    monkeypatch.setenv(SCORER_ENV, "1")
    s = scorer_from_env(off.coder)
    assert s is not None and s.mode == "both"
    monkeypatch.setenv(SCORER_ENV, "sideways")
    with pytest.raises(ValueError):
        scorer_from_env(off.coder)


def test_veto_only_removes_and_propose_only_adds(pipes):
    off, on = pipes
    doc, document = off.parse(TEXT), _doc()
    base = off.coder(doc, document)
    vetoed = Scorer(on.coder, mode="veto")(doc, document, base)
    assert {e.id for e in vetoed} <= {e.id for e in base}
    proposed = Scorer(on.coder, mode="propose")(doc, document, base)
    assert {e.id for e in base} <= {e.id for e in proposed}
    new = [e for e in proposed if e.id not in {b.id for b in base}]
    assert all(e.trace == ("scorer.propose",) for e in new)
    assert {e.sentence_index for e in new}.isdisjoint({e.sentence_index for e in base})
