import json, sys
from accord.ingest.readers import document_from_text
from accord.nlp.model import load_nlp
import datetime as dt
nlp = load_nlp()
rows = [json.loads(l) for l in open('../shared/corpus/voa_stories.jsonl')]
rows.sort(key=lambda r: r['id'])
out = []
for i, r in enumerate(rows):
    pub = dt.date.fromisoformat(r['published'][:10])
    doc = document_from_text(r['text'], published=pub)
    sd = nlp(doc.text)
    split = 'test' if i % 3 == 2 else 'tune'
    sents = [{"sid": f"{r['id']}-s{k:03d}", "start": s.start_char, "end": s.end_char, "text": s.text} for k, s in enumerate(sd.sents)]
    out.append({"story_id": r['id'], "index": i, "split": split, "published": str(pub), "title": r['title'], "sentences": sents})
with open('eval/voa/voa_sentences.jsonl','w') as f:
    for o in out: f.write(json.dumps(o, ensure_ascii=False)+"\n")
import collections
c = collections.Counter(); n = collections.Counter()
for o in out: c[o['split']] += 1; n[o['split']] += len(o['sentences'])
print(c, n)
