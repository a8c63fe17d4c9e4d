"""The PLOVER vocabulary file (types, modes, contexts, 2016 mode names) as plain data."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=1)
def plover_vocabulary() -> dict[str, Any]:
    text = (resources.files("accord") / "data" / "plover.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return data if isinstance(data, dict) else {}


def mode_aliases() -> dict[str, str]:
    """2016 PLOVER mode names -> current names (identity where the name did not change)."""
    return {str(k): str(v) for k, v in (plover_vocabulary().get("mode_aliases") or {}).items()}
