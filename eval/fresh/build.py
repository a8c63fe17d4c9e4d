"""Build the fresh gold set from the writers' files (eval/fresh/README.md).

    PYTHONPATH=src python eval/fresh/build.py

Reads eval/fresh/raw/*.jsonl (one story per line: id, published, title, sentences with text and
events) and writes eval/fresh/fresh_sentences.jsonl (the format of eval/voa/voa_sentences.jsonl)
and eval/fresh/gold/{tune,test}.jsonl. The story text is the sentences joined by single spaces; the
sentence split is the writer's. The split is fixed by story and does not move when a writer adds
stories: story k of a writer (id wN-00k) is in fold `read` when k % 3 == 1, `check` when k % 3 == 2
and `test` when k % 3 == 0; `read` and `check` make the tune split. Rules may be written while
reading the `read` fold; `check` is a held-out check scored as aggregates; `test` is for measuring
only, as the VOA test split is.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(out_dir: Path = HERE, with_test: bool = True) -> None:
    from accord.ingest.readers import document_from_text

    stories = [json.loads(line) for p in sorted((HERE / "raw").glob("*.jsonl"))
               for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    stories.sort(key=lambda s: s["id"])
    out, gold = [], {"tune": [], "test": []}
    for i, story in enumerate(stories):
        k = int(story["id"].rsplit("-", 1)[1])
        fold = ("test", "read", "check")[k % 3]
        split = "test" if fold == "test" else "tune"
        sents, pos = [], 0
        for k, s in enumerate(story["sentences"]):
            sid = f"{story['id']}-s{k:03d}"
            sents.append({"sid": sid, "start": pos, "end": pos + len(s["text"]), "text": s["text"]})
            gold[split].append({"sid": sid, "events": s["events"]})
            pos += len(s["text"]) + 1
        text = " ".join(s["text"] for s in story["sentences"])
        if len(document_from_text(text).text) != len(text):  # curly quotes may become straight ones
            raise SystemExit(f"{story['id']}: accord's text repair moves the offsets of this story; fix the raw text")
        out.append({"story_id": story["id"], "index": i, "split": split, "fold": fold, "published": story["published"],
                    "title": story["title"], "sentences": sents})
    if not with_test:
        out = [o for o in out if o["split"] != "test"]
        del gold["test"]
    (out_dir / "gold").mkdir(parents=True, exist_ok=True)
    with open(out_dir / "fresh_sentences.jsonl", "w", encoding="utf-8") as f:
        for o in out:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    for split, rows in gold.items():
        with open(out_dir / "gold" / f"{split}.jsonl", "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    c: Counter[str] = Counter()
    for o in out:
        c[o["split"] + "_stories"] += 1
        c[o["split"] + "_sentences"] += len(o["sentences"])
    for split, rows in gold.items():
        c[split + "_events"] = sum(len(r["events"]) for r in rows)
    print(json.dumps(dict(sorted(c.items()))))


if __name__ == "__main__":
    import sys

    # --tune-only DIR: the tune stories alone, for people writing rules (they never see the test fold)
    if sys.argv[1:2] == ["--tune-only"]:
        main(Path(sys.argv[2]), with_test=False)
    else:
        main()
