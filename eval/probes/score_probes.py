"""Score accord on a probe file of one-sentence news items, each with the PLOVER type it should get.

    PYTHONPATH=src python eval/probes/score_probes.py [eval/probes/s5_h3.jsonl] [--misses] [--json out.jsonl]

Each line: id, text, type (the expected PLOVER type), source/target (expected actor codes, compared at
country level: first three letters; null where the sentence names none or the code is uncertain),
expression (the wording probed), optionally part ("fix" or "check": a held-out share no rule is written
against; the hit share is then printed per part). A probe is a hit when some coded event of the sentence has the expected
type. Prints the hit share overall and per type, the silent share (nothing coded), and source/target
agreement on hits where the probe gives a code. `--misses` lists misses with what was coded.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path

from accord.ingest.readers import document_from_text
from accord.pipeline import get_pipeline

HERE = Path(__file__).parent


def main(argv: list[str]) -> None:
    out_arg = argv[argv.index("--json") + 1] if "--json" in argv else None
    paths = [Path(a) for a in argv if not a.startswith("--") and a != out_arg] or [HERE / "s5_h3.jsonl"]
    show = "--misses" in argv
    records = [json.loads(line) for p in paths for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    pipe = get_pipeline()
    docs = [document_from_text(r["text"], name=r["id"], published=dt.date(2025, 3, 1)) for r in records]
    total, hits, silent = Counter(), Counter(), 0
    src_ok = src_n = tgt_ok = tgt_n = 0
    rows = []
    for rec, coded in zip(records, pipe.code_many(docs), strict=True):
        t = rec["type"]
        total[t] += 1
        right = [e for e in coded.events if e.type == t]
        silent += not coded.events
        if right:
            hits[t] += 1
            e = right[0]
            if rec.get("source"):
                src_n += 1
                src_ok += any((a.code or "")[:3] == rec["source"][:3] for a in e.sources)
            if rec.get("target"):
                tgt_n += 1
                tgt_ok += any((a.code or "")[:3] == rec["target"][:3] for a in e.targets)
        got = [f"{e.type}/{e.cameo}:{'/'.join(a.code or '?' for a in e.sources)}>{'/'.join(a.code or '?' for a in e.targets)}"
               for e in coded.events]
        rows.append({"id": rec["id"], "part": rec.get("part"), "hit": bool(right), "type": t, "expression": rec.get("expression"),
                     "text": rec["text"], "coded": got})
    n = sum(total.values())
    print(f"probes {n}  hit {sum(hits.values()) / n:.3f}  silent {silent / n:.3f}  "
          f"source {src_ok}/{src_n}  target {tgt_ok}/{tgt_n}")
    parts = Counter(r.get("part") for r in records if r.get("part"))
    for part in sorted(parts):
        ph = sum(row["hit"] for rec, row in zip(records, rows) if rec.get("part") == part)
        print(f"  part {part}: {ph}/{parts[part]}  {ph / parts[part]:.3f}")
    for t in sorted(total):
        print(f"  {t:10s} {hits[t]:3d}/{total[t]:3d}  {hits[t] / total[t]:.2f}")
    if show:
        for r in rows:
            if not r["hit"]:
                print(f"MISS {r['id']}{' (check)' if r.get('part') == 'check' else ''} [{r['expression']}] {r['text']}  -> {r['coded']}")
    if "--json" in argv:
        out = Path(argv[argv.index("--json") + 1])
        out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
