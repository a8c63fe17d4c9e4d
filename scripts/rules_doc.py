"""Refresh the generated tables of docs/rules.md (stages and predicates) from the code's registry.

Run after adding a predicate or a stage: `python scripts/rules_doc.py`. The lint test
(tests/events/test_rule_lint.py) fails while a predicate is missing from the page.
"""

from __future__ import annotations

import re
from pathlib import Path

from accord.events.predicates import PREDICATES
from accord.events.rules import STAGES

DOC = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def main() -> None:
    text = DOC.read_text(encoding="utf-8")
    stages = "\n".join(f"| `{s}` | {d} |" for s, d in STAGES.items())
    preds = "\n".join(f"| `{p.name}` | {p.kind} | {p.doc} |" for n, p in PREDICATES.items() if not n.startswith("not."))
    text = re.sub(r"(\| stage \| what a rule of this stage does \|\n\|---\|---\|\n)(?:\|.*\n)+",
                  lambda m: m.group(1) + stages + "\n", text)
    text = re.sub(r"(\| predicate \| value \| holds when \|\n\|---\|---\|---\|\n)(?:\|.*\n)+",
                  lambda m: m.group(1) + preds + "\n", text)
    DOC.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
