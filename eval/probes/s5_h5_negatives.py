"""Report how many of the hand-written negatives in s5_h5_negatives.jsonl get an event, and how many
of its positives keep their gold types.

The negatives are news-style sentences with no political event: accidents, weather, sport, business,
culture, health and science, and political verbs in a non-political sense ("met its target",
"released the inflation data", "seized the opportunity"). The positives are plain political events
that a veto for those classes must not remove. All sentences were written for this file. Lines
with "split": "check" were written after the rules, as a held-out check of how the rules
generalise; the other lines ("probe") were used to write them.

    PYTHONPATH=src python eval/probes/s5_h5_negatives.py [-v]
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path

from accord.ingest.readers import document_from_text
from accord.pipeline import Pipeline

HERE = Path(__file__).parent


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    recs = [json.loads(line) for line in (HERE / "s5_h5_negatives.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    docs = [document_from_text(r["text"], name=r["id"], published=dt.date(2025, 3, 1)) for r in recs]
    out = {}
    for split in ("probe", "check", "check2"):
        out[split] = {"counts": Counter(), "negatives_with_event_by_class": Counter()}
    for rec, coded in zip(recs, Pipeline().code_many(docs), strict=True):
        c = out[rec.get("split", "probe")]["counts"]
        by_class = out[rec.get("split", "probe")]["negatives_with_event_by_class"]
        got = sorted({e.type for e in coded.events})
        if rec["types"]:
            c["positives"] += 1
            ok = set(rec["types"]) <= set(got)
            c["positives_kept"] += ok
            c["positive_extra_types"] += len(set(got) - set(rec["types"]))
            bad = not ok
        else:
            c["negatives"] += 1
            c["negatives_with_event"] += bool(got)
            c["negative_events"] += len(coded.events)
            by_class[rec["class"]] += bool(got)
            bad = bool(got)
        if verbose and bad:
            print(f"{rec['id']} {rec['class']:14} gold={rec['types']} got={[f'{e.type}:{e.trace[0]}' for e in coded.events]}\n"
                  f"    {rec['text']}")
    print(json.dumps({k: {**v["counts"], "negatives_with_event_by_class": dict(v["negatives_with_event_by_class"])}
                      for k, v in out.items()}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
