"""Cross-validate the learned scorer by story on the VOA tune split (docs/scorer.md).

    PYTHONPATH=src python scripts/scorer/cv.py [--folds 3] [--json out.json]

The tune stories, sorted by id, go to fold (index % folds). For each fold, the scorer is trained on
the dev set, the rule examples, the probe sentences (unless `--data` says otherwise) and the tune
stories of the other folds (scripts/scorer/train.py), and the held-out stories, coded by the full
coder, are scored with accord.eval.stories' sentence scoring with and without the scorer, in each
mode, proposal method and threshold. Counts are pooled over the folds, and also given for the
stories of each gold file (tune_a, tune_b, tune_c: the rules were written looking at tune_a and
tune_b, so the coder is in-sample there and tune_c is the fairer figure). The test split is never
read.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train  # noqa: E402

VETO = (0.005, 0.01, 0.02, 0.05)
PROPOSE = (0.25, 0.35, 0.45, 0.55, 0.65)
KEYS = ("micro_f1", "macro_f1", "micro_precision", "micro_recall", "silent_share",
        "source_code_accuracy", "target_code_accuracy")


def main() -> int:
    from accord.eval.stories import _report, _score_sentence
    from accord.events.scorer import Scorer
    from accord.pipeline import Pipeline, bounded
    from accord.types import PLOVER_TYPES

    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=3)
    ap.add_argument("--dev", type=Path, default=train.DEV)
    ap.add_argument("--l2", type=float, nargs="*", default=[train.L2], help="L2 strengths to try")
    ap.add_argument("--data", nargs="*", default=["probes"],
                    help="training sets beside the tune folds: base (dev + rule examples), probes (and the "
                         "probes' fix parts), allprobes (and their check parts too)")
    ap.add_argument("--veto", type=float, nargs="*", default=VETO, help="veto thresholds to try")
    ap.add_argument("--propose", type=float, nargs="*", default=PROPOSE, help="propose thresholds to try")
    ap.add_argument("--actors", nargs="*", default=["coder+bare"], help="proposal actor methods (scorer.ActorMode)")
    ap.add_argument("--trigger", nargs="*", default=["main"], help="proposal word choices (scorer.TriggerMode)")
    ap.add_argument("--revive", type=float, nargs="*", default=[1.1],
                    help="revive thresholds to try (events the coder dropped below its confidence; > 1: never)")
    ap.add_argument("--beside", action="store_true", help="revive beside the coder's kept events too")
    ap.add_argument("--both", action="store_true", help="also every veto x propose pair")
    ap.add_argument("--protect", type=float, default=1.0, help="never veto events of this confidence or more")
    ap.add_argument("--no-fresh", action="store_true", help="leave the fresh set's tune stories out")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    pipe = Pipeline(scorer=None)
    base, _ = train.base_rows(pipe, args.dev, probes=False)
    extra: dict[str, list[train.Row]] = {"base": []}
    if "probes" in args.data or "allprobes" in args.data:
        extra["probes"] = train.text_rows(train.coded_texts(pipe, train.probe_texts()))
    if "allprobes" in args.data:
        extra["allprobes"] = extra["probes"] + train.text_rows(train.coded_texts(
            pipe, [t for t in train.probe_texts(held_out=True) if t not in set(train.probe_texts())]))
    chosen, by_sid = train.tune_stories(not args.no_fresh)
    file_of = {}
    for f in sorted((train.ROOT / "eval" / "voa" / "gold").glob("tune_*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                file_of[json.loads(line)["sid"]] = f.stem
    for story in chosen:
        if "fold" in story:  # a fresh story: its part is its fold
            file_of[story["sentences"][0]["sid"]] = "fresh_" + story["fold"]
    parsed = []
    for story in chosen:
        document = bounded(train.story_document(story))
        doc = pipe.parse(document.text)
        events = pipe.coder(doc, document)
        parsed.append((story, document, doc, events, train.story_rows(story, doc, by_sid)))
    scorers = [("none", 0.0, 0.0, "-", "-", 1.1)] + [("veto", v, 1.1, "-", "-", 1.1) for v in args.veto]
    scorers += [("propose", 1.1, p, a, t, r) for p in args.propose for a in args.actors for t in args.trigger for r in args.revive]
    scorers += [("propose", 1.1, 1.1, "-", "-", r) for r in args.revive if r <= 1]
    if args.both:
        scorers += [("both", v, p, a, t, r) for v in args.veto for p in args.propose for a in args.actors
                    for t in args.trigger for r in args.revive]
        scorers += [("both", v, 1.1, "-", "-", r) for v in args.veto for r in args.revive if r <= 1]
    variants = [(d, l2) for d in args.data for l2 in args.l2]
    configs = [(v, *s) for v in variants for s in scorers if v == variants[0] or s[0] != "none"]
    tallies: dict[tuple, tuple] = {}
    seconds: Counter[str] = Counter()
    for variant in variants:
        d, l2 = variant
        for k in range(args.folds):
            rows = list(base) + extra[d]
            for i, item in enumerate(parsed):
                if i % args.folds != k:
                    rows += item[4]
            t0 = time.perf_counter()
            model = train.fit(rows, PLOVER_TYPES, l2=l2)
            seconds["fit"] += time.perf_counter() - t0
            for i, (story, document, doc, events, _) in enumerate(parsed):
                if i % args.folds != k:
                    continue
                for cfg in configs:
                    if cfg[0] != variant:
                        continue
                    _, mode, v, p, actors, trigger, revive = cfg
                    t0 = time.perf_counter()
                    out = events if mode == "none" else Scorer(pipe.coder, model, mode, v, p, None, True, args.protect,  # type: ignore[arg-type]
                                                               actors if actors != "-" else "coder", trigger if trigger != "-" else "main",
                                                               revive, args.beside)(doc, document, events)
                    seconds[mode] += time.perf_counter() - t0
                    for part in ("all", file_of.get(story["sentences"][0]["sid"], "?")):
                        counts, c = tallies.setdefault((cfg, part), (defaultdict(Counter), Counter()))
                        for sent in story["sentences"]:
                            mine = [e for e in out if sent["start"] <= e.trigger.start < sent["end"]]
                            _score_sentence(by_sid[sent["sid"]], mine, counts, c)
    results = []
    for (cfg, part), (counts, c) in tallies.items():
        r = _report(len(parsed), counts, c)
        row = {"data": f"{cfg[0][0]}@{cfg[0][1]:g}", "mode": cfg[1], "veto_below": cfg[2], "propose_above": cfg[3], "actors": cfg[4],
               "trigger": cfg[5], "revive_above": cfg[6], "part": part, **{k: r[k] for k in KEYS}}
        results.append(row)
        print(json.dumps(row))
    print(json.dumps({"seconds": {k: round(v, 1) for k, v in seconds.items()}}))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
