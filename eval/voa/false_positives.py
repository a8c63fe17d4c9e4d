"""List the coder's false positives on the VOA **tune** split, with the trigger rule that made each.

A false positive is a (sentence, type) pair: accord codes the type in the sentence and the gold does
not (the scoring of accord/eval/stories.py). For each one this prints the trigger rule id, the type,
modality and confidence, the trigger words, the coded actor codes, the gold types of the sentence and
the sentence, grouped by trigger rule with counts of false and true positives, so that a veto can be
checked against the true positives it would remove.

Only the tune split is read: the test split is for measuring, never for writing rules
(docs/annotation.md).

    python eval/voa/false_positives.py                 # every false positive, grouped by rule
    python eval/voa/false_positives.py --rule trigger.verb.kill --tp   # one rule, with its true positives
    python eval/voa/false_positives.py --json fps.jsonl                 # one JSON line per coded pair
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from accord.eval import stories
from accord.pipeline import get_pipeline
from accord.types import Document

HERE = Path(__file__).resolve().parent


def coded_pairs(sentences: Path, gold_dir: Path) -> list[dict]:
    """One row per (sentence, coded type) of the tune split: TP when the gold holds the type, else FP."""
    chosen, gold = stories.load(sentences, sorted(gold_dir.glob("tune_*.jsonl")), "tune")
    pipe = get_pipeline()
    docs = [Document(id=s["story_id"], text=stories.story_text(s), published=dt.date.fromisoformat(s["published"]))
            for s in chosen]
    rows = []
    for story, coded in zip(chosen, pipe.code_many(docs), strict=True):
        for sent in story["sentences"]:
            gtypes = sorted({g["type"] for g in gold[sent["sid"]]})
            seen: set[str] = set()
            for e in sorted((e for e in coded.events if sent["start"] <= e.trigger.start < sent["end"]),
                            key=lambda e: -e.confidence):
                if e.type in seen:
                    continue
                seen.add(e.type)
                rows.append({
                    "kind": "TP" if e.type in gtypes else "FP", "sid": sent["sid"], "type": e.type,
                    "rule": e.trace[0] if e.trace else "", "modality": e.modality, "confidence": e.confidence,
                    "trigger": e.trigger.text, "sources": [a.code for a in e.sources],
                    "targets": [a.code for a in e.targets], "gold": gtypes, "text": sent["text"],
                    "trace": list(e.trace),
                })
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sentences", type=Path, default=HERE / "voa_sentences.jsonl")
    ap.add_argument("--gold", type=Path, default=HERE / "gold", help="folder of tune_*.jsonl gold files")
    ap.add_argument("--rule", help="only this trigger rule id (or prefix, e.g. p2.)")
    ap.add_argument("--tp", action="store_true", help="print the true positives too")
    ap.add_argument("--json", type=Path, help="write every coded pair as JSON lines here")
    args = ap.parse_args(argv)
    rows = coded_pairs(args.sentences, args.gold)
    if args.json:
        args.json.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    if args.rule:
        rows = [r for r in rows if r["rule"].startswith(args.rule)]
    by_rule: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_rule[r["rule"]].append(r)
    count = Counter((r["rule"], r["kind"]) for r in rows)
    out = sys.stdout
    for rule in sorted(by_rule, key=lambda k: (-count[(k, "FP")], k)):
        if not count[(rule, "FP")] and not args.tp:
            continue
        out.write(f"== {rule}  FP {count[(rule, 'FP')]}  TP {count[(rule, 'TP')]}\n")
        for r in by_rule[rule]:
            if r["kind"] == "FP" or args.tp:
                out.write(f"  {r['kind']} {r['type']} {r['modality']} {r['confidence']} {r['trigger']!r} "
                          f"src={r['sources']} tgt={r['targets']} gold={r['gold']} {r['sid']}\n"
                          f"      {r['text']}\n")
    fp, tp = sum(1 for r in rows if r["kind"] == "FP"), sum(1 for r in rows if r["kind"] == "TP")
    out.write(f"\n{fp} false positive and {tp} true positive (sentence, type) pairs\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
