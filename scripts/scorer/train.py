"""Train the optional learned scorer (accord.events.scorer, docs/scorer.md) and write its weights
to src/accord/data/scorer/model.npz.

    PYTHONPATH=src python scripts/scorer/train.py [--dev ../shared/eval/plover_gsr_dev.jsonl]

Training data, and only this: the VOA **tune** split (eval/voa/voa_sentences.jsonl, stories with
split == "tune", gold from eval/voa/gold/tune_*.jsonl), the fresh set's tune split (eval/fresh,
its read and check folds; unless --no-fresh), the PLOVER dev set, the example
sentences of the rules (data/rules/*.yaml, data/rules/examples/*.yaml; `events: []` are
negatives) and the project's probe sentences but their held-out `check` parts (eval/probes/*.jsonl;
`types: []` are negatives). The test split is never read.

Each sentence becomes a set of features (accord.events.scorer.sentence_features, from the same
spaCy parse the coder uses) and a 0/1 label per PLOVER type. A tune story is parsed whole, as the
coder parses it, and each spaCy sentence takes the gold types of the gold sentence it starts in;
dev, example and probe sentences are parsed alone. Features seen in fewer than MIN_COUNT training
sentences are dropped. One L2-regularised logistic regression per type is fitted by full-batch
Adam from zero weights for a fixed number of steps: no randomness, so the same data give the same
weights (the seed below is set anyway, for numpy's sake). scripts/scorer/cv.py reuses these
functions for the cross-validation reported in docs/scorer.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
SEED = 17
MIN_COUNT = 2
L2 = 1e-3
VETO_L2 = 1e-3
PROBE_ROWS = True  # train on the probe sentences too (docs/scorer.md, session 6)
DENSE = False  # also use the sentence's mean spaCy token tensor (docs/scorer.md)
STEPS = 300
LEARNING_RATE = 0.05
OUT = ROOT / "src" / "accord" / "data" / "scorer"
KEEP = "KEEP"  # the one output of the veto model
EVAL_DATE = dt.date(2000, 1, 1)  # dev and example sentences carry no date (as in accord.eval.plover)
SENTENCES = ROOT / "eval" / "voa" / "voa_sentences.jsonl"
FRESH = ROOT / "eval" / "fresh"  # the fresh gold set (eval/fresh/README.md): its tune split trains too
DEV = ROOT.parent / "shared" / "eval" / "plover_gsr_dev.jsonl"

Row = tuple[list[str], set[str], Any]  # (features, gold types, sentence vector or None)


def tune_stories(fresh: bool = True) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """The tune stories, sorted by id, and their gold by sentence id (never a test split): the VOA
    tune split and, with `fresh` and where it is built, the fresh set's tune split."""
    from accord.eval import stories

    gold = sorted((ROOT / "eval" / "voa" / "gold").glob("tune_*.jsonl"))
    chosen, by_sid = stories.load(SENTENCES, gold, "tune")
    if fresh and (FRESH / "gold" / "tune.jsonl").is_file():
        more, more_gold = stories.load(FRESH / "fresh_sentences.jsonl", [FRESH / "gold" / "tune.jsonl"], "tune")
        chosen, by_sid = chosen + more, {**by_sid, **more_gold}
    assert all(s["split"] == "tune" for s in chosen)
    return sorted(chosen, key=lambda s: s["story_id"]), by_sid


def story_document(story: dict[str, Any]):
    from accord.eval.stories import story_text
    from accord.types import Document

    return Document(id=story["story_id"], text=story_text(story), published=dt.date.fromisoformat(story["published"]))


def story_rows(story: dict[str, Any], doc, by_sid: dict[str, list[dict[str, Any]]]) -> list[Row]:
    """(features, gold types) of each spaCy sentence of a parsed story."""
    from accord.events.scorer import sentence_features, sentence_vector

    rows = []
    for sent in doc.sents:
        owner = next((s for s in story["sentences"] if s["start"] <= sent.start_char < s["end"]), None)
        if owner is None:  # the spaces between sentences
            continue
        rows.append((sentence_features(sent), {e["type"] for e in by_sid[owner["sid"]]}, sentence_vector(sent)))
    return rows


def example_texts() -> list[tuple[str, set[str]]]:
    """The rules' example sentences and the types of their expected events."""
    from accord.events.rules import default_rules, trigger_examples

    out = [(ex.text, {e[0] for e in ex.events}) for r in default_rules().rules.values() for ex in r.examples]
    out += [(ex.text, {e[0] for e in ex.events}) for _, exs in sorted(trigger_examples().items()) for ex in exs]
    return out


def dev_texts(path: Path) -> list[tuple[str, set[str]]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            out.append((r["text"], {r.get("event_current") or r["event"]}))
    return out


PROBES = ROOT / "eval" / "probes"
HELD_OUT_PARTS = ("check", "check2")  # the probe sets' held-out parts (eval/probes/README.md)


def probe_texts(folder: Path = PROBES, held_out: bool = False) -> list[tuple[str, set[str]]]:
    """The project's own probe sentences (eval/probes/*.jsonl) and their expected types: `type`
    (one) or `types` (a list; empty for a negative). Their `check` parts are left out unless
    `held_out`, so that they stay a held-out check of the rules with the scorer on."""
    out = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            r = json.loads(line)
            if not held_out and (r.get("part") or r.get("split")) in HELD_OUT_PARTS:
                continue
            types = set(r["types"]) if "types" in r else ({r["type"]} if r.get("type") else set())
            out.append((r["text"], types))
    return out


def coded_texts(pipe, texts: Sequence[tuple[str, set[str]]]) -> list[tuple[Any, list[Any], set[str]]]:
    """Each text parsed and coded alone (as the coder codes a dev sentence): (Doc, events, types)."""
    from accord.ingest.readers import document_from_text

    out = []
    for n, (text, types) in enumerate(texts):
        document = document_from_text(text, name=f"t{n}", published=EVAL_DATE)
        doc = pipe.parse(document.text)
        out.append((doc, pipe.coder(doc, document), types))
    return out


def text_rows(coded: Sequence[tuple[Any, list[Any], set[str]]]) -> list[Row]:
    """Type-model rows: each text's sentences' features pooled, with the text's types."""
    from accord.events.scorer import sentence_features, sentence_vector

    return [([f for s in doc.sents for f in sentence_features(s)], types, sentence_vector(doc[:])) for doc, _, types in coded]


def text_event_rows(coded: Sequence[tuple[Any, list[Any], set[str]]]) -> list[Row]:
    """Veto-model rows: each coded event, KEEP when the text's gold has its type."""
    from accord.events.scorer import event_features, sentence_features

    rows = []
    for doc, events, types in coded:
        sents = list(doc.sents)
        for e in events:
            rows.append((event_features(e, sentence_features(sents[e.sentence_index])), {KEEP} if e.type in types else set(), None))
    return rows


def story_event_rows(story: dict[str, Any], doc, events, by_sid: dict[str, list[dict[str, Any]]]) -> list[Row]:
    """Veto-model rows of a coded tune story: KEEP when the gold sentence the trigger starts in has the type."""
    from accord.events.scorer import event_features, sentence_features

    sents = list(doc.sents)
    rows = []
    for e in events:
        owner = next((s for s in story["sentences"] if s["start"] <= e.trigger.start < s["end"]), None)
        if owner is not None:
            gold = {g["type"] for g in by_sid[owner["sid"]]}
            rows.append((event_features(e, sentence_features(sents[e.sentence_index])), {KEEP} if e.type in gold else set(), None))
    return rows


def fit(rows: Sequence[Row], types: Sequence[str], l2: float = L2, steps: int = STEPS, lr: float = LEARNING_RATE,
        dense: bool = DENSE):
    """One logistic regression per type over binary features (and, with `dense`, the sentence's
    mean token tensor), by full-batch Adam from zero."""
    from accord.events.scorer import ScorerModel

    np.random.seed(SEED)
    counts = Counter(f for feats, _, _ in rows for f in set(feats))
    names = sorted(f for f, c in counts.items() if c >= MIN_COUNT)
    vocab = {f: i for i, f in enumerate(names)}
    r_idx, c_idx = [], []
    for i, (feats, _, _) in enumerate(rows):
        cols = sorted({vocab[f] for f in feats if f in vocab})
        r_idx.extend([i] * len(cols))
        c_idx.extend(cols)
    rr, cc = np.array(r_idx, dtype=np.int64), np.array(c_idx, dtype=np.int64)
    n, nf, nt = len(rows), len(names), len(types)
    y = np.array([[t in gold for t in types] for _, gold, _ in rows], dtype=np.float64)
    x = np.array([v for _, _, v in rows], dtype=np.float64) if dense else np.zeros((n, 0))
    w, b, d = np.zeros((nf, nt)), np.zeros(nt), np.zeros((x.shape[1], nt))
    md, vd = np.zeros_like(d), np.zeros_like(d)
    mw, vw, mb, vb = np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)
    b1, b2, eps = 0.9, 0.999, 1e-8
    for step in range(1, steps + 1):
        z = b + x @ d + np.stack([np.bincount(rr, weights=w[cc, t], minlength=n) for t in range(nt)], axis=1)
        g = (1.0 / (1.0 + np.exp(-z)) - y) / n  # d(mean log loss)/dz
        gw = np.stack([np.bincount(cc, weights=g[rr, t], minlength=nf) for t in range(nt)], axis=1) + l2 * w
        gb = g.sum(axis=0)
        gd = x.T @ g + l2 * d
        md, vd = b1 * md + (1 - b1) * gd, b2 * vd + (1 - b2) * gd * gd
        mw, vw = b1 * mw + (1 - b1) * gw, b2 * vw + (1 - b2) * gw * gw
        mb, vb = b1 * mb + (1 - b1) * gb, b2 * vb + (1 - b2) * gb * gb
        c1, c2 = 1 - b1 ** step, 1 - b2 ** step
        w -= lr * (mw / c1) / (np.sqrt(vw / c2) + eps)
        b -= lr * (mb / c1) / (np.sqrt(vb / c2) + eps)
        d -= lr * (md / c1) / (np.sqrt(vd / c2) + eps)
    return ScorerModel(tuple(types), vocab, w.astype(np.float32), b.astype(np.float32),
                       d.astype(np.float32) if dense else None)


def base_rows(pipe, dev: Path, probes: bool = PROBE_ROWS) -> tuple[list[Row], list[Row]]:
    """Type-model and veto-model rows of the dev set, the rule examples and (with `probes`) the
    probe sentences: all but the tune stories."""
    coded = coded_texts(pipe, dev_texts(dev) + example_texts() + (probe_texts() if probes else []))
    return text_rows(coded), text_event_rows(coded)


def main(argv: Iterable[str] | None = None) -> int:
    from accord.pipeline import Pipeline, bounded
    from accord.types import PLOVER_TYPES

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dev", type=Path, default=DEV, help="the PLOVER dev set (JSONL)")
    ap.add_argument("--out", type=Path, default=OUT, help="the folder to write model.npz to")
    ap.add_argument("--no-fresh", action="store_true", help="leave the fresh set's tune stories out")
    args = ap.parse_args(list(argv) if argv is not None else None)
    t0 = time.perf_counter()
    pipe = Pipeline(scorer=None)
    rows, _ = base_rows(pipe, args.dev)
    chosen, by_sid = tune_stories(not args.no_fresh)
    for story in chosen:
        rows += story_rows(story, pipe.parse(bounded(story_document(story)).text), by_sid)
    model = fit(rows, PLOVER_TYPES)
    args.out.mkdir(parents=True, exist_ok=True)
    model.save(args.out / "model.npz")
    print(f"{len(rows)} sentences, {len(model.vocab)} features, {len(model.types)} types -> {args.out / 'model.npz'} "
          f"in {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
