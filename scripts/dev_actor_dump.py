"""Dump, per PLOVER dev record, the gold actor countries and those of accord's best event of the gold
type, one line each, to diff two versions of the coder (dev only).
Run: PYTHONPATH=src python scripts/dev_actor_dump.py > dev_actors.txt"""
from accord.eval import plover as P
from accord.ingest.readers import document_from_text
from accord.pipeline import get_pipeline
from accord.types import Document

recs = P.load_gold("../shared/eval/plover_gsr_dev.jsonl")
pipe = get_pipeline()
docs = [Document(id=r.id, text=document_from_text(r.text, name=r.id).text, published=P.EVAL_DATE) for r in recs]
for rec, coded in zip(recs, pipe.code_many(docs), strict=True):
    hit = next((e for e in sorted(coded.events, key=lambda e: -e.confidence) if e.type == rec.type), None)
    if hit is None:
        continue
    src, tgt = P._codes(hit.sources), P._codes(hit.targets)
    s_ok = all(c in src or (not rec.targets and c in tgt) for c in rec.sources)
    t_ok = all(c in tgt for c in rec.targets)
    print(f"{rec.id}\t{'ok' if s_ok else 'SRC'}\t{'ok' if t_ok else 'TGT'}\tgold {rec.sources}->{rec.targets}\tmine "
          f"{[(a.text, a.code) for a in hit.sources]}->{[(a.text, a.code) for a in hit.targets]}\t{rec.text[:300]}")
