"""Agreement between the two independent annotations of 15 VOA tune stories.

    python eval/voa/agreement.py [--json]

Cohen's kappa on type: every (sentence, PLOVER type) pair is one binary decision (does the
sentence hold an event of that type?) made by both annotators; kappa is computed over the pooled
decisions of the stories both annotated (16 types x every sentence). Also reported: kappa on the
sentence-level decision "holds any event", and actor agreement: over the (sentence, type) pairs
both annotators coded, the share whose source (target) countries, the first three letters of the
codes, overlap, counted where both gave a coded source (target).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]


def _read(paths: list[Path]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for p in paths:
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out[row["sid"]] = row.get("events") or []
    return out


def kappa(pairs: list[tuple[bool, bool]]) -> float:
    n = len(pairs)
    agree = sum(a == b for a, b in pairs) / n
    pa = sum(a for a, _ in pairs) / n
    pb = sum(b for _, b in pairs) / n
    chance = pa * pb + (1 - pa) * (1 - pb)
    return round((agree - chance) / (1 - chance), 4) if chance < 1 else 1.0


def _countries(actors: list[dict]) -> set[str]:
    return {str(a["code"])[:3].upper() for a in actors or [] if a.get("code")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    first = _read(sorted((HERE / "gold").glob("tune_*.jsonl")))
    second = _read(sorted((HERE / "gold_second").glob("*.jsonl")))
    sids = sorted(set(first) & set(second))
    type_pairs, any_pairs = [], []
    src = [0, 0]
    tgt = [0, 0]
    for sid in sids:
        a = {e["type"]: e for e in first[sid]}
        b = {e["type"]: e for e in second[sid]}
        any_pairs.append((bool(a), bool(b)))
        type_pairs.extend((t in a, t in b) for t in TYPES)
        for t in set(a) & set(b):
            sa, sb = _countries(a[t].get("source")), _countries(b[t].get("source"))
            if sa and sb:
                src[0] += 1
                src[1] += bool(sa & sb)
            ta, tb = _countries(a[t].get("target")), _countries(b[t].get("target"))
            if ta and tb:
                tgt[0] += 1
                tgt[1] += bool(ta & tb)
    stories = len({s.rsplit("-s", 1)[0] for s in sids})
    report = {
        "stories": stories, "sentences": len(sids),
        "type_kappa": kappa(type_pairs), "event_sentence_kappa": kappa(any_pairs),
        "events_first": sum(len(first[s]) for s in sids), "events_second": sum(len(second[s]) for s in sids),
        "source_country_agreement": round(src[1] / src[0], 4) if src[0] else None, "source_pairs": src[0],
        "target_country_agreement": round(tgt[1] / tgt[0], 4) if tgt[0] else None, "target_pairs": tgt[0],
    }
    print(json.dumps(report, indent=None if args.json else 2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
