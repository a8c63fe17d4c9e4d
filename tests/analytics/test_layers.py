"""The dependency runs one way: accord.store imports accord.analytics, never the reverse."""

from __future__ import annotations

import ast
from pathlib import Path

import accord.analytics

ANALYTICS = Path(accord.analytics.__file__).parent


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


def test_layers_analytics_never_imports_the_store() -> None:
    offenders = {p.name: sorted(m for m in _imports(p) if m.startswith("accord.store"))
                 for p in ANALYTICS.glob("*.py")}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_layers_counting_is_a_leaf() -> None:
    allowed = {"accord.errors", "accord.types"}
    assert {m for m in _imports(ANALYTICS / "counting.py") if m.startswith("accord")} <= allowed
