"""Quick development eval: the PLOVER dev set, the VOA tune split (and its held-out fold tune_c)
and the fresh set's tune folds (read and check). Never reads a test split, VOA or fresh.

    PYTHONPATH=src python scripts/tune_eval.py [--no-dev]
"""

from __future__ import annotations

import sys
from pathlib import Path

from accord.eval import plover, stories

KEYS = ("micro_f1", "micro_precision", "micro_recall", "macro_f1", "source_code_accuracy",
        "target_code_accuracy", "modality_accuracy", "silent_share")


def show(name: str, report: dict) -> None:
    short = {k.replace("_code_accuracy", "").replace("micro_", "").replace("_accuracy", ""): report.get(k) for k in KEYS}
    print(f"{name:12s}", {k: round(v, 3) if isinstance(v, float) else v for k, v in short.items()})


def main() -> None:
    if "--no-dev" not in sys.argv:
        dev = plover.evaluate(plover.load_gold("../shared/eval/plover_gsr_dev.jsonl"))
        print("dev         ", {k: round(dev[k], 3) for k in ("macro_f1", "micro_f1")},
              {k: round(v, 3) for k, v in dev.items() if "accuracy" in k and isinstance(v, float)})
    voa = "eval/voa/voa_sentences.jsonl"
    st, gold = stories.load(voa, sorted(Path("eval/voa/gold").glob("tune_*.jsonl")), split="tune")
    show("voa_tune", stories.evaluate(st, gold))
    st, gold = stories.load(voa, ["eval/voa/gold/tune_c.jsonl"], split="tune")
    show("voa_tune_c", stories.evaluate(st, gold))
    st, gold = stories.load("eval/fresh/fresh_sentences.jsonl", ["eval/fresh/gold/tune.jsonl"], split="tune")
    for fold in ("read", "check"):
        show(f"fresh_{fold}", stories.evaluate([s for s in st if s["fold"] == fold], gold))


if __name__ == "__main__":
    main()
