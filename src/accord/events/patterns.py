"""Trigger patterns: verbs and nouns that report events, loaded from data files.

Patterns are data (`accord/data/patterns/verbs.csv`, `nouns.csv`); a user's pattern file in the
same format is loaded the same way and tried first.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from accord.errors import DataFileError


@dataclass(frozen=True, slots=True)
class Pattern:
    pos: str  # verb | noun
    lemma: str
    cue: str  # "" | prt | obj | prep | pred (what a verb of naming calls its object)
    cue_values: frozenset[str]
    cameo: str
    targets: frozenset[str]
    confidence: float
    frame: bool  # takes an embedded event as its content ("refused to meet")
    rule: str  # "verb:meet" / "verb:impose+obj:sanction"


class PatternSet:
    def __init__(self) -> None:
        self.verbs: dict[str, list[Pattern]] = defaultdict(list)
        self.nouns: dict[str, list[Pattern]] = defaultdict(list)

    @classmethod
    def load(cls, extra: tuple[str | Path, ...] = ()) -> PatternSet:
        ps = cls()
        folder = resources.files("accord") / "data" / "patterns"
        for pos in ("verb", "noun"):
            ps.add(pos, f"{pos}s.csv", (folder / f"{pos}s.csv").read_text(encoding="utf-8"))
        for path in extra:
            p = Path(path)
            if not p.is_file():
                raise DataFileError(f"pattern file not found: {p}", input=str(p))
            pos = "noun" if p.stem.startswith("noun") else "verb"
            ps.add(pos, p.name, p.read_text(encoding="utf-8"), first=True)
        return ps

    def add(self, pos: str, name: str, text: str, first: bool = False) -> None:
        lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
        table = self.verbs if pos == "verb" else self.nouns
        for n, row in enumerate(csv.DictReader(io.StringIO("\n".join(lines))), start=2):
            try:
                p = _pattern(pos, row)
            except (KeyError, ValueError, AttributeError) as exc:
                raise DataFileError(f"{name}: row {n} is not a valid pattern ({exc})", input=name) from exc
            entries = table[p.lemma]
            entries.insert(0, p) if first else entries.append(p)
        for entries in table.values():
            entries.sort(key=lambda p: p.cue == "")  # specific cues are tried first (stable sort)


def _pattern(pos: str, row: dict[str, str]) -> Pattern:
    cue = (row.get("cue") or "").strip()
    kind, _, values = cue.partition(":")
    cameo = row["cameo"].strip()
    if not cameo.isdigit():
        raise ValueError(f"cameo {cameo!r} is not a CAMEO code")
    lemma = row["lemma"].strip().lower()
    rule = f"{pos}:{lemma}" + (f"+{cue}" if cue else "")
    return Pattern(
        pos=pos, lemma=lemma, cue=kind, cue_values=frozenset(v for v in values.split("|") if v),
        cameo=cameo, targets=frozenset(t for t in (row.get("targets") or "").split("|") if t),
        confidence=float(row.get("conf") or 0.6), frame=(row.get("frame") or "").strip() == "embed",
        rule=rule,
    )


@lru_cache(maxsize=1)
def default_patterns() -> PatternSet:
    """The built-in patterns plus the user's files named in ACCORD_PATTERNS."""
    from accord.config import Settings

    return PatternSet.load(extra=Settings.from_env().pattern_files)
