"""Score accord's modality on eval/probes/s5_h8_modality.jsonl (session 5, h8).

    PYTHONPATH=src python eval/probes/s5_h8_modality.py [--misses]

Each line: id, text, type, modality, class, part ('fix' or 'check': every fourth probe is a held-out
check that rules were never fitted to). A probe counts when accord codes an event of its type; it is
right when one such event has the expected modality. Prints accuracy per part and per class.
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
    recs = [json.loads(x) for x in (HERE / "s5_h8_modality.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    docs = [document_from_text(r["text"], name=r["id"], published=dt.date(2025, 3, 1)) for r in recs]
    n, ok, untyped, cls_n, cls_ok = Counter(), Counter(), Counter(), Counter(), Counter()
    for r, coded in zip(recs, get_pipeline().code_many(docs), strict=True):
        same = [e for e in coded.events if e.type == r["type"]]
        if not same:
            untyped[r["part"]] += 1
            if "--misses" in argv:
                print(f"  no-type {r['id']} {r['type']} got {[e.type for e in coded.events]}: {r['text']}")
            continue
        right = any(e.modality == r["modality"] for e in same)
        n[r["part"]] += 1
        ok[r["part"]] += right
        cls_n[r["class"]] += 1
        cls_ok[r["class"]] += right
        if not right and "--misses" in argv:
            print(f"  {r['part']} {r['id']} {r['class']} want {r['modality']} got {[e.modality for e in same]}: {r['text']}")
    for part in ("fix", "check"):
        print(f"{part}: modality {ok[part]}/{n[part]} = {ok[part] / max(n[part], 1):.3f} (type not coded: {untyped[part]})")
    print("per class:", ", ".join(f"{c} {cls_ok[c]}/{cls_n[c]}" for c in cls_n))


if __name__ == "__main__":
    main(sys.argv[1:])
