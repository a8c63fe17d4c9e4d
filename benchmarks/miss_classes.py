"""The miss classes of the coverage issue: sentences written by this project, ten or more per class,
each with the PLOVER type it should get (or none). Prints JSON: per class, how many are coded with
the expected type (for the non-political class: how many code nothing).

    python benchmarks/miss_classes.py [--file eval/miss_classes.jsonl] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from accord.events.examples import ExampleRunner, summarise


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--file", default=str(Path(__file__).resolve().parents[1] / "eval" / "miss_classes.jsonl"))
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    runner = ExampleRunner()
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for line in Path(args.file).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        got = summarise(runner.explain(row["text"]))
        types = {g[0] for g in got}
        ok = (not got) if row["type"] is None else row["type"] in types
        stats[row["class"]][0] += 1
        stats[row["class"]][1] += ok
        if args.verbose:
            print(f"{'ok ' if ok else 'MISS'} {row['class']}: {row['text']} -> {sorted(types)}", file=sys.stderr)
    report = {c: {"sentences": n, "right": k, "share": round(k / n, 2)} for c, (n, k) in stats.items()}
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
