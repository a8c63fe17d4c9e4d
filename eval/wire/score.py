"""Score accord on the wire-style sets (short protest, conflict, court and police items written by
this project, plus texts with no political event).

    PYTHONPATH=src python eval/wire/score.py [eval/wire/wire_dev.jsonl ...] [--misses]

Each text is coded with the accord pipeline, published on its `date`. Figures, text by text:
- type_recall: share of gold (text, type) pairs where some coded event of the text has that type;
- precision: share of coded (text, type) pairs, on texts that hold events, whose type is gold;
- negatives: on texts with no gold event, how many texts got any event and how many events;
- silent_share: share of texts with gold events where nothing at all was coded;
- per_genre: type recall by genre.
`--misses` also prints the texts whose gold types were not all found, with what was coded;
`--case=lower` or `--case=upper` codes the texts lower-cased or upper-cased (some wire feeds).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from accord.ingest.readers import document_from_text
from accord.pipeline import Pipeline

HERE = Path(__file__).parent
DEFAULT = [HERE / "wire_dev.jsonl", HERE / "wire_check.jsonl"]


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(records: list[dict], pipe: Pipeline, misses: list[dict] | None = None, case: str = "") -> dict:
    recase = {"lower": str.lower, "upper": str.upper}.get(case, str)
    docs = [document_from_text(recase(r["text"]), name=r["id"], published=dt.date.fromisoformat(r["date"])) for r in records]
    c = Counter()
    genre = defaultdict(Counter)
    for rec, coded in zip(records, pipe.code_many(docs), strict=True):
        gold = {e["type"] for e in rec["events"]}
        got = {e.type for e in coded.events}
        if not gold:
            c["neg_texts"] += 1
            c["neg_texts_with_events"] += bool(coded.events)
            c["neg_events"] += len(coded.events)
            if coded.events and misses is not None:
                misses.append({"id": rec["id"], "genre": rec["genre"], "text": rec["text"], "gold": [], "coded": sorted(got)})
            continue
        c["texts"] += 1
        c["gold"] += len(gold)
        c["found"] += len(gold & got)
        c["coded"] += len(got)
        c["coded_ok"] += len(got & gold)
        c["silent"] += not coded.events
        genre[rec["genre"]]["gold"] += len(gold)
        genre[rec["genre"]]["found"] += len(gold & got)
        if gold - got and misses is not None:
            misses.append({"id": rec["id"], "genre": rec["genre"], "text": rec["text"], "gold": sorted(gold),
                           "coded": [f"{e.type}:{'/'.join(a.code or '?' for a in e.sources)}>{'/'.join(a.code or '?' for a in e.targets)}"
                                     for e in coded.events]})

    def r(a: int, b: int) -> float:
        return round(a / b, 3) if b else 0.0

    return {"texts": c["texts"], "type_recall": r(c["found"], c["gold"]), "precision": r(c["coded_ok"], c["coded"]),
            "silent_share": r(c["silent"], c["texts"]),
            "negatives": {"texts": c["neg_texts"], "texts_with_events": c["neg_texts_with_events"], "events": c["neg_events"]},
            "per_genre": {g: r(v["found"], v["gold"]) for g, v in sorted(genre.items())}}


def main(argv: list[str]) -> None:
    show = "--misses" in argv
    case = next((a.split("=", 1)[1] for a in argv if a.startswith("--case=")), "")
    paths = [Path(a) for a in argv if not a.startswith("--")] or DEFAULT
    pipe = Pipeline()
    out = {}
    for path in paths:
        misses: list[dict] | None = [] if show else None
        out[path.stem] = score(load(path), pipe, misses, case)
        if show:
            out[path.stem]["misses"] = misses
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
