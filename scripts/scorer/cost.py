"""The scorer's own cost, measured directly (docs/scorer.md): parse the corpus once, then time
Coder.__call__ and Scorer.__call__ per document in the same loop, so that the noise of a shared
machine falls on both alike.

    PYTHONPATH=src python scripts/scorer/cost.py [--mode both|veto|propose] [--corpus ../shared/corpus/voa_stories.jsonl]
"""

from __future__ import annotations

import argparse
import time


def main() -> None:
    from accord.events.scorer import Scorer, sentence_features
    from accord.ingest.readers import iter_sourced
    from accord.pipeline import Pipeline, bounded
    from accord.types import Document

    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", default="both", choices=["both", "veto", "propose"])
    ap.add_argument("--corpus", default="../shared/corpus/voa_stories.jsonl")
    args = ap.parse_args()
    pipe = Pipeline(scorer=None)
    scorer = Scorer(pipe.coder, mode=args.mode)
    docs = [bounded(i.value) for i in iter_sourced([args.corpus]) if isinstance(i.value, Document)]
    t0 = time.perf_counter()
    parsed = [(pipe.parse(d.text), d) for d in docs]
    t_parse = time.perf_counter() - t0
    t_code = t_score = t_feats = 0.0
    for doc, d in parsed:
        a = time.perf_counter()
        events = pipe.coder(doc, d)
        b = time.perf_counter()
        scorer(doc, d, events)
        c = time.perf_counter()
        for s in doc.sents:
            sentence_features(s)
        t_code, t_score, t_feats = t_code + b - a, t_score + c - b, t_feats + time.perf_counter() - c
    print(f"mode {args.mode}: parse {t_parse:.2f}s, coder {t_code:.2f}s, scorer {t_score:.2f}s "
          f"(sentence features alone {t_feats:.2f}s); scorer / (parse + coder) = {t_score / (t_parse + t_code):.3f}")


if __name__ == "__main__":
    main()
