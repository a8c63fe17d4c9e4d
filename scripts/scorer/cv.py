"""Cross-validate the learned scorer by story on the VOA tune split (docs/scorer.md).

    PYTHONPATH=src python scripts/scorer/cv.py [--folds 3] [--json out.json]

The tune stories, sorted by id, go to fold (index % folds). For each fold, the scorer is trained on
the dev set, the rule examples and the tune stories of the other folds (scripts/scorer/train.py),
and the held-out stories, coded by the full coder, are scored with accord.eval.stories' sentence
scoring with and without the scorer, in each mode and at each threshold. Counts are pooled over
the folds. The test split is never read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train  # noqa: E402

VETO = (0.02, 0.05, 0.1, 0.2, 0.3)
PROPOSE = (0.4, 0.5, 0.6, 0.7, 0.8)


def main() -> int:
    from accord.eval.stories import _report, _score_sentence
    from accord.events.scorer import Scorer
    from accord.pipeline import Pipeline, bounded
    from accord.types import PLOVER_TYPES

    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=3)
    ap.add_argument("--dev", type=Path, default=train.DEV)
    ap.add_argument("--l2", type=float, default=train.L2)
    ap.add_argument("--veto", type=float, nargs="*", default=VETO, help="veto thresholds to try")
    ap.add_argument("--propose", type=float, nargs="*", default=PROPOSE, help="propose thresholds to try")
    ap.add_argument("--veto-model", action="store_true", help="veto with the event-level model")
    ap.add_argument("--veto-l2", type=float, default=train.VETO_L2)
    ap.add_argument("--bare", action="store_true", help="propose events with no argument too")
    ap.add_argument("--dense", action="store_true", help="add the mean token tensor as features")
    ap.add_argument("--protect", type=float, default=1.0, help="never veto events of this confidence or more")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    pipe = Pipeline(scorer=None)
    base, vbase = train.base_rows(pipe, args.dev)
    chosen, by_sid = train.tune_stories()
    parsed = []
    for story in chosen:
        document = bounded(train.story_document(story))
        doc = pipe.parse(document.text)
        events = pipe.coder(doc, document)
        parsed.append((story, document, doc, events, train.story_rows(story, doc, by_sid),
                       train.story_event_rows(story, doc, events, by_sid)))
    configs = [("none", None, None)] + [("veto", v, 1.1) for v in args.veto] + [("propose", 1.1, p) for p in args.propose]
    configs += [("both", v, p) for v in args.veto for p in args.propose]
    tallies = {c: (defaultdict(Counter), Counter()) for c in configs}
    for k in range(args.folds):
        rows, vrows = list(base), list(vbase)
        for i, item in enumerate(parsed):
            if i % args.folds != k:
                rows += item[4]
                vrows += item[5]
        model = train.fit(rows, PLOVER_TYPES, l2=args.l2, dense=args.dense)
        veto = train.fit(vrows, (train.KEEP,), l2=args.veto_l2) if args.veto_model else None
        for i, (story, document, doc, events, _, _) in enumerate(parsed):
            if i % args.folds != k:
                continue
            for cfg in configs:
                mode, v, p = cfg
                out = events if mode == "none" else Scorer(pipe.coder, model, mode, v, p, veto, args.bare, args.protect)(doc, document, events)  # type: ignore[arg-type]
                counts, c = tallies[cfg]
                for sent in story["sentences"]:
                    mine = [e for e in out if sent["start"] <= e.trigger.start < sent["end"]]
                    _score_sentence(by_sid[sent["sid"]], mine, counts, c)
    results = []
    for cfg, (counts, c) in tallies.items():
        r = _report(len(parsed), counts, c)
        row = {"mode": cfg[0], "veto_below": cfg[1], "propose_above": cfg[2],
               **{k: r[k] for k in ("micro_f1", "macro_f1", "micro_precision", "micro_recall", "silent_share",
                                    "source_code_accuracy", "target_code_accuracy")}}
        results.append(row)
        print(json.dumps(row))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
