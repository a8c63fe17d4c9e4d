"""Sentence-by-sentence differences between gold and accord on a READABLE fold only.
    PYTHONPATH=src python scripts/misses.py fresh_read [--all]
    PYTHONPATH=src python scripts/misses.py voa_tune_ab [--all]
Prints sentences where gold and coded types (or actor countries) differ; --all prints every
sentence with gold or coded events. Refuses every other fold (fresh_check, tune_c, any test)."""
from __future__ import annotations

import datetime as dt
import sys

from accord.eval import stories as S
from accord.eval.stories import _codes, _country, story_text
from accord.pipeline import get_pipeline
from accord.types import Document

fold = sys.argv[1] if len(sys.argv) > 1 else ""
if fold == "fresh_read":
    st, gold = S.load("eval/fresh/fresh_sentences.jsonl", ["eval/fresh/gold/tune.jsonl"], split="tune")
    st = [s for s in st if s["fold"] == "read"]
elif fold == "voa_tune_ab":
    st, gold = S.load("eval/voa/voa_sentences.jsonl", ["eval/voa/gold/tune_a.jsonl", "eval/voa/gold/tune_b.jsonl"], split="tune")
else:
    sys.exit("fold must be fresh_read or voa_tune_ab (the others are held out)")
pipe = get_pipeline()
docs = [Document(id=s["story_id"], text=story_text(s), published=dt.date.fromisoformat(s["published"])) for s in st]


def g_str(g):
    return f'{g["type"]}[{g.get("trigger")}] {"+".join(str(a.get("code")) for a in g.get("source") or []) or "-"} -> {"+".join(str(a.get("code")) for a in g.get("target") or []) or "-"} ({g.get("modality")})'


def e_str(e):
    return f'{e.type}[{e.trigger.text}] {"+".join(a.code or "?" for a in e.sources) or "-"} -> {"+".join(a.code or "?" for a in e.targets) or "-"} ({e.modality}) conf={e.confidence:.2f} trace={",".join(e.trace[:4])}'


for story, coded in zip(st, pipe.code_many(docs), strict=True):
    evs = list(coded.events)
    print(f"#### {story['story_id']} {story['published']} {story['title']}")
    for sent in story["sentences"]:
        mine = [e for e in evs if sent["start"] <= e.trigger.start < sent["end"]]
        g = gold[sent["sid"]]
        gt = {x["type"] for x in g}
        mt = {e.type for e in mine}
        gsc = {(x["type"], side, _country(a.get("code"))) for x in g for side in ("source", "target") for a in x.get(side) or [] if _country(a.get("code"))}
        ok_actors = all(any(e.type == t and c in _codes(e.sources if side == "source" else e.targets) for e in mine) for t, side, c in gsc if t in mt)
        if "--all" in sys.argv and (g or mine) or gt != mt or not ok_actors:
            tag = "OK " if gt == mt else ("MISS" if gt - mt and not mt - gt else "FP  " if mt - gt and not gt - mt else "DIFF")
            print(f"[{tag}] {sent['sid']}: {sent['text']}")
            for x in g:
                print(f"      gold: {g_str(x)}")
            for e in mine:
                print(f"      mine: {e_str(e)}")
