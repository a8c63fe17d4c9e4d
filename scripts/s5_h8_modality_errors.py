"""List VOA tune gold events whose type accord coded but whose modality differs (session 5, h8).

Usage: PYTHONPATH=src python scripts/s5_h8_modality_errors.py [out.jsonl]
Prints one line per mismatch: sid, type, gold modality -> accord's, the trigger and cue, the sentence.
Tune split only (never the test split); the PLOVER dev set carries no modality.
"""
import collections
import datetime as dt
import glob
import json
import sys

from accord.eval import stories
from accord.pipeline import get_pipeline
from accord.types import Document

ch, gold = stories.load("eval/voa/voa_sentences.jsonl", glob.glob("eval/voa/gold/tune_*.jsonl"), "tune")
pipe = get_pipeline()
docs = [Document(id=s["story_id"], text=stories.story_text(s), published=dt.date.fromisoformat(s["published"])) for s in ch]
rows = []
conf = collections.Counter()
n = ok = 0
for story, coded in zip(ch, pipe.code_many(docs), strict=True):
    events = list(coded.events)
    for sent in story["sentences"]:
        mine = [e for e in events if sent["start"] <= e.trigger.start < sent["end"]]
        for g in gold[sent["sid"]]:
            same = [e for e in mine if e.type == g["type"]]
            if not same:
                continue
            n += 1
            if any(e.modality == g.get("modality") for e in same):
                ok += 1
                continue
            e = same[0]
            conf[(g.get("modality"), e.modality)] += 1
            rows.append({"sid": sent["sid"], "type": g["type"], "gold": g.get("modality"), "accord": e.modality,
                         "gold_trigger": g.get("trigger"), "trigger": e.trigger.text,
                         "cue": getattr(e, "modality_cue", None), "text": sent["text"]})
print(f"modality {ok}/{n} = {ok / n:.4f}")
for (gm, am), k in conf.most_common():
    print(f"  gold {gm:12} accord {am:12} {k}")
for r in rows:
    print(f"{r['sid']} {r['type']:9} {r['gold']}->{r['accord']} [{r['gold_trigger']}|{r['trigger']}] {r['text']}")
if len(sys.argv) > 1:
    with open(sys.argv[1], "w") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
