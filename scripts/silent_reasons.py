"""Why gold-event sentences come out silent: for every sentence of the VOA tune folds tune_a and
tune_b that holds a gold event but gets no event from accord, the reason, read from the coder's
own explanation (`Coder.explain`, the notes `accord explain` prints):

- `a.*`: no trigger at all in the sentence. Sub-classed by the gold trigger's words: no row for any
  of them (`a.no-row`), a verb row but the word is not parsed as a verb (`a.verb-row-not-verbal`:
  a noun, an adjective, a participle modifier), a verb row whose cue did not match
  (`a.verb-row-cue`), a noun row the word did not meet (`a.noun-row-pos` / `a.noun-row-cue`), or
  the gold trigger text not found in the sentence (`a.no-gold-trigger`).
- `b.*`: a trigger was found and the event dropped: `b.suppressed:<rule>`, `b.vetoed:<rule>`,
  `b.no-arguments`, `b.no-type`, `b.below-threshold` (with the confidence factors), `b.merged`.

The trigger that decides a sentence's reason is the one on the gold trigger's words (the nearest
to an event when several); when the gold trigger was no candidate, the sentence is an `a.*` and
`+other-dropped` says that other triggers of the sentence were dropped. Only tune_a and tune_b are read: the script
refuses any other fold, and never opens the test gold.

    PYTHONPATH=src python scripts/silent_reasons.py [--folds tune_a tune_b] [--examples 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from accord.eval.stories import story_text
from accord.events.coder import Note
from accord.events.lemmas import lemma_candidates
from accord.pipeline import bounded, get_pipeline
from accord.types import Document

ALLOWED = ("tune_a", "tune_b")
ROOT = Path(__file__).resolve().parent.parent
SENTENCES = ROOT / "eval" / "voa" / "voa_sentences.jsonl"
GOLD = ROOT / "eval" / "voa" / "gold"
# how near a trigger came to an event: the outcome that decides a sentence, best first
RANK = ("below-threshold", "kept", "vetoed", "no-type", "no-arguments", "suppressed", "merged")


def _gold(folds: list[str]) -> dict[str, list[dict[str, Any]]]:
    by_sid: dict[str, list[dict[str, Any]]] = {}
    for f in folds:
        if f not in ALLOWED:
            sys.exit(f"refused: {f!r} is not one of {', '.join(ALLOWED)} (the test split and tune_c stay unread)")
        for line in (GOLD / f"{f}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                by_sid[str(row["sid"])] = list(row.get("events") or [])
    return by_sid


def _stories(by_sid: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    out = []
    for line in SENTENCES.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        story = json.loads(line)
        if story.get("split") != "tune":
            continue  # test stories are skipped unread
        if all(s["sid"] in by_sid for s in story["sentences"]):
            out.append(story)
    return out


def _gold_tokens(doc: Any, start: int, end: int, text: str, gold: list[dict[str, Any]]) -> list[Any]:
    """The tokens of the gold triggers' words in the sentence (content words only)."""
    toks = []
    for g in gold:
        trig = (g.get("trigger") or "").strip()
        if not trig:
            continue
        m = re.search(re.escape(trig), text, flags=re.IGNORECASE)
        if m is None:
            continue
        a, b = start + m.start(), start + m.end()
        toks += [t for t in doc if a <= t.idx < b and t.is_alpha and not t.is_stop]
    return toks


def _span_head(toks: list[Any]) -> Any:
    """The syntactic head of the gold trigger's words: the first whose head lies outside them, a verb first."""
    ids = {t.i for t in toks}
    heads = [t for t in toks if t.head.i not in ids or t.head.i == t.i] or toks
    return next((t for t in heads if t.pos_ in ("VERB", "AUX")), heads[0])


def _no_trigger_reason(toks: list[Any], patterns: Any) -> str:
    """Why the gold trigger's head word made no candidate: no row at all, a verb row but the word is
    no verb to the parser (a noun: `noun`, a modifier or adjective: `modifier`), a verb row whose cue
    (particle, object, preposition, predicate) the sentence did not meet, or a noun row not met."""
    if not toks:
        return "a.no-gold-trigger"
    t = _span_head(toks)
    verb_rows = [p for c in lemma_candidates(t) for p in patterns.verbs.get(c, ())]
    noun_rows = list(patterns.nouns.get(t.lemma_.lower(), ())) + list(patterns.nouns.get(t.lower_, ()))
    verbal = t.pos_ in ("VERB", "AUX") or (t.pos_ == "ADJ" and t.dep_ == "acomp" and t.lower_.endswith("ed"))
    if noun_rows and t.pos_ in ("NOUN", "PROPN"):
        return "a.noun-row-cue"
    if verb_rows and verbal and t.dep_ not in ("aux", "auxpass", "amod"):
        return "a.verb-row-cue(" + ("converted" if all(p.id.startswith("p2.") for p in verb_rows) else "curated") + ")"
    if verb_rows and t.pos_ in ("NOUN", "PROPN"):
        return "a.verb-row-noun-word"
    if verb_rows:
        return "a.verb-row-modifier-word"
    if noun_rows:
        return "a.noun-row-not-noun"
    if any(any(patterns.verbs.get(c) for c in lemma_candidates(x)) or patterns.nouns.get(x.lemma_.lower()) for x in toks):
        return "a.no-row-on-head(other word has a row)"
    return "a.no-row"


def _note_reason(n: Note) -> str:
    if n.outcome in ("suppressed", "vetoed"):
        return f"b.{n.outcome}:{n.by}"
    if n.outcome == "below-threshold":
        factors = [t.split(" ")[0] for t in n.trace if " x" in t]
        return "b.below-threshold[" + ",".join(factors) + "]"
    if n.outcome == "no-type":
        return f"b.no-type:{n.by}"
    return f"b.{n.outcome}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folds", nargs="+", default=list(ALLOWED))
    ap.add_argument("--examples", type=int, default=3)
    ap.add_argument("--json", type=Path, help="write every silent sentence with its reason here")
    ap.add_argument("--coarse", action="store_true", help="group below-threshold and sub-reasons")
    args = ap.parse_args()
    by_sid = _gold(args.folds)
    stories = _stories(by_sid)
    pipe = get_pipeline()
    coder, patterns = pipe.coder, pipe.coder.patterns
    reasons: Counter[str] = Counter()
    per_trigger: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    rows = []
    gold_sentences = 0
    for story in stories:
        document = bounded(Document(id=story["story_id"], text=story_text(story),
                                    published=dt.date.fromisoformat(story["published"])))
        doc = pipe.parse(document.text)
        exp = coder.explain(doc, document)
        for s in story["sentences"]:
            gold = by_sid[s["sid"]]
            if not gold:
                continue
            gold_sentences += 1
            if any(s["start"] <= e.trigger.start < s["end"] for e in exp.events):
                continue
            notes = [n for n in exp.notes if s["start"] <= n.start < s["end"]]
            toks = _gold_tokens(doc, s["start"], s["end"], s["text"], gold)
            on_gold = [n for n in notes if any(n.start <= t.idx < n.start + len(n.trigger) for t in toks)]
            for n in notes:
                if n.outcome != "kept":
                    per_trigger[_note_reason(n)] += 1
            pool = [n for n in on_gold if n.outcome in RANK]
            if pool:
                best = min(pool, key=lambda n: RANK.index(n.outcome))
                reason = _note_reason(best)
            else:  # the gold trigger was never a candidate (other triggers may have been dropped)
                reason = _no_trigger_reason(toks, patterns) + (" +other-dropped" if notes else "")
            if args.coarse:
                reason = reason.split("[")[0].split("(")[0].strip()
            reasons[reason] += 1
            gtrig = " | ".join(f"{g['type']}:{g.get('trigger')}" for g in gold)
            line = f"{s['sid']}: {s['text'][:220]}\n      gold {gtrig}\n      notes " + "; ".join(
                f"{n.trigger}/{n.rule}={n.outcome}{':' + n.by if n.by else ''}" for n in notes)
            if len(examples[reason]) < args.examples:
                examples[reason].append(line)
            rows.append({"sid": s["sid"], "reason": reason, "text": s["text"], "gold": gold,
                         "head": (lambda h: f"{h.text}/{h.pos_}/{h.dep_}")(_span_head(toks)) if toks else None,
                         "gold_tokens": [f"{t.text}/{t.lemma_}/{t.pos_}/{t.tag_}/{t.dep_}<-{t.head.text}" for t in toks],
                         "notes": [{"trigger": n.trigger, "rule": n.rule, "outcome": n.outcome, "by": n.by,
                                    "trace": list(n.trace), "detail": n.detail} for n in notes]})
    silent = sum(reasons.values())
    print(f"folds {', '.join(args.folds)}: {gold_sentences} gold-event sentences, {silent} silent "
          f"({silent / max(gold_sentences, 1):.1%})\n")
    print(f"{'reason':70s} {'n':>4s} {'share':>6s}")
    for r, n in reasons.most_common():
        print(f"{r:70s} {n:4d} {n / max(silent, 1):6.1%}")
    print("\ndropped triggers in silent sentences (every trigger, not one per sentence):")
    for r, n in per_trigger.most_common(25):
        print(f"  {r:68s} {n:4d}")
    if args.examples:
        print()
        for r, _ in reasons.most_common():
            print(f"== {r}")
            for ex in examples[r]:
                print("  " + ex)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
