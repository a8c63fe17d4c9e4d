"""List VOA tune_a / tune_b gold events whose type accord coded in the sentence but whose target (or,
with --source, source) country it missed, with accord's events. Reads ONLY the folds named (a, b);
never tune_c or the test split.
Run: PYTHONPATH=src python scripts/actor_misses.py [--source] a b > misses.txt"""
import datetime as dt
import sys

from accord.eval import stories as S
from accord.pipeline import get_pipeline
from accord.types import Document

args = [a for a in sys.argv[1:] if not a.startswith("--")]
role = "source" if "--source" in sys.argv else "target"
folds = [f for f in (args or ["a", "b"]) if f in ("a", "b")]
ch, g = S.load("eval/voa/voa_sentences.jsonl", [f"eval/voa/gold/tune_{f}.jsonl" for f in folds], "tune")
assert all(s.get("split") == "tune" for s in ch)
pipe = get_pipeline()
docs = [Document(id=s["story_id"], text=S.story_text(s), published=dt.date.fromisoformat(s["published"])) for s in ch]
n = tot = 0
for story, coded in zip(ch, pipe.code_many(docs), strict=True):
    prev = ""
    for i, sent in enumerate(story["sentences"]):
        mine = [e for e in coded.events if sent["start"] <= e.trigger.start < sent["end"]]
        for gev in g[sent["sid"]]:
            same = [e for e in mine if e.type == gev["type"]]
            if not same:
                continue
            have = {x for e in same for x in S._codes(e.targets if role == "target" else e.sources)}
            if role == "source" and not gev.get("target"):
                have |= {x for e in same for x in S._codes(e.targets)}
            golds = [a for a in gev.get(role) or [] if S._country(a.get("code"))]
            tot += len(golds)
            miss = [a for a in golds if S._country(a.get("code")) not in have]
            if miss:
                n += len(miss)
                other = "source" if role == "target" else "target"
                print(f"### {sent['sid']} {gev['type']} trig={gev.get('trigger')!r} gold {role}={[(a.get('text'), a.get('code')) for a in miss]} {other}={[(a.get('text'), a.get('code')) for a in gev.get(other) or []]}")
                print("   S0:", story["sentences"][0]["text"][:160])
                if i > 1:
                    print("   prev:", prev[:200])
                print("   >>", sent["text"])
                for e in same:
                    print("   mine:", e.trigger.text, [(r.text, r.code) for r in e.sources], "->",
                          [(r.text, r.code) for r in e.targets], getattr(e, "rule", ""))
        prev = sent["text"]
print("missed", n, "of", tot)
