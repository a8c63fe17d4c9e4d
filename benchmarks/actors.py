"""Actor knowledge base costs: load time, and resolution time as a share of coding time.

    python benchmarks/actors.py --corpus ../shared/corpus/voa_stories.jsonl --json

Prints one JSON object: kb_load_s (a fresh load of every actor file), actors, roles, and, over the
corpus: parse_s (spaCy), resolve_s (mention finding and resolution alone), code_s (the whole
coder, resolution included), resolve_share (resolve_s / (parse_s + code_s)).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from accord.actors.kb import KnowledgeBase
    from accord.actors.resolve import DocContext, Resolver
    from accord.events.coder import Coder
    from accord.ingest.readers import iter_inputs
    from accord.nlp.model import load_nlp
    from accord.types import Document

    start = time.perf_counter()
    kb = KnowledgeBase.load()
    kb_load = time.perf_counter() - start
    docs = [d for d in iter_inputs([args.corpus]) if isinstance(d, Document)]
    nlp = load_nlp()
    coder = Coder(kb=kb)
    resolver = Resolver(kb)
    coder(nlp("Russian troops shelled Kharkiv on Monday."), docs[0])  # warm lazy loads

    start = time.perf_counter()
    parsed = list(nlp.pipe([d.text for d in docs], batch_size=32))
    parse = time.perf_counter() - start
    start = time.perf_counter()
    for sdoc, d in zip(parsed, docs, strict=True):
        ctx = DocContext(day=d.published or dt.date.today())
        for sent in sdoc.sents:
            resolver(sent, ctx)
    resolve = time.perf_counter() - start
    start = time.perf_counter()
    events = sum(len(coder(sdoc, d)) for sdoc, d in zip(parsed, docs, strict=True))
    code = time.perf_counter() - start
    stats = kb.stats()
    result = {
        "kb_load_s": round(kb_load, 3), "actors": stats["actors"], "roles": stats["roles"],
        "docs": len(docs), "parse_s": round(parse, 2), "resolve_s": round(resolve, 2),
        "code_s": round(code, 2), "resolve_share": round(resolve / (parse + code), 3), "events": events,
    }
    print(json.dumps(result) if args.json else json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
