"""List tune-split gold events whose type accord coded in the sentence but whose target country it
missed, with accord's events (trigger, sources -> targets, first trace id). Tune split only; never
the test split. Run: PYTHONPATH=src python scripts/target_misses.py > misses.txt"""
import glob, json, sys
import datetime as dt
from accord.eval import stories as S
from accord.pipeline import get_pipeline
from accord.types import Document
ch, g = S.load('eval/voa/voa_sentences.jsonl', glob.glob('eval/voa/gold/tune_*.jsonl'), 'tune')
assert all(s.get('split') == 'tune' for s in ch)
pipe = get_pipeline()
docs = [Document(id=s["story_id"], text=S.story_text(s), published=dt.date.fromisoformat(s["published"])) for s in ch]
n = 0
for story, coded in zip(ch, pipe.code_many(docs)):
    for sent in story["sentences"]:
        mine = [e for e in coded.events if sent["start"] <= e.trigger.start < sent["end"]]
        for gev in g[sent["sid"]]:
            same = [e for e in mine if e.type == gev["type"]]
            if not same: continue
            tg = {x for e in same for x in S._codes(e.targets)}
            miss = [a for a in gev.get("target") or [] if S._country(a.get("code")) and S._country(a.get("code")) not in tg]
            if miss:
                n += 1
                print(f"### {sent['sid']} {gev['type']} gold tgt={[ (a.get('text'),a.get('code')) for a in miss]} src={[ (a.get('text'),a.get('code')) for a in gev.get('source') or []]}")
                print("  ", sent['text'])
                for e in same:
                    print("   mine:", e.trigger.text if hasattr(e.trigger,'text') else e.trigger, [ (r.text if hasattr(r,'text') else '', r.code) for r in e.sources], '->', [(r.text if hasattr(r,'text') else '', r.code) for r in e.targets], getattr(e,'rule', ''))
print("total", n)
