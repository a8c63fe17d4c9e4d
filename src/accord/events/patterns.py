"""Trigger patterns: verbs and nouns that report events, loaded from data files.

Patterns are data (`accord/data/patterns/verbs.csv`, `nouns.csv`); a user's pattern file in the
same format is loaded the same way and tried first.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal, cast, get_args

from accord.errors import DataFileError
from accord.lexicons import lexicon

# What a pattern row's lemma is: the file it comes from (verbs.csv, nouns.csv).
PatternPos = Literal["verb", "noun"]
# What else a trigger needs besides its lemma (the `cue` column, `kind:values`): nothing, a particle,
# an object, a preposition, or what a verb of naming calls its object (a predicate).
CueKind = Literal["", "prt", "obj", "prep", "pred"]
# The `frame` column's value for a trigger that takes an embedded event as its content.
FrameMark = Literal["embed"]
_CUE_KINDS: tuple[str, ...] = get_args(CueKind)
_EMBED: FrameMark = "embed"


@dataclass(frozen=True, slots=True)
class Pattern:
    pos: PatternPos
    lemma: str
    cue: CueKind  # "pred": what a verb of naming calls its object
    cue_values: frozenset[str]
    cameo: str
    targets: frozenset[str]
    confidence: float
    frame: bool  # takes an embedded event as its content ("refused to meet")
    id: str  # stable rule id: "trigger.verb.meet", "trigger.verb.impose.obj-sanction"
    origin: str = ""  # the file (and line) the row came from

    @property
    def rule(self) -> str:
        return self.id


class PatternSet:
    def __init__(self) -> None:
        self.verbs: dict[str, list[Pattern]] = defaultdict(list)
        self.nouns: dict[str, list[Pattern]] = defaultdict(list)

    @classmethod
    def load(cls, extra: tuple[str | Path, ...] = ()) -> PatternSet:
        ps = cls()
        folder = resources.files("accord") / "data" / "patterns"
        pos: PatternPos
        for pos in get_args(PatternPos):
            ps.add(pos, f"{pos}s.csv", (folder / f"{pos}s.csv").read_text(encoding="utf-8"))
        converted = resources.files("accord") / "data" / "rules" / "petrarch_verbs.csv"
        if converted.is_file():  # PETRARCH2's verb dictionary, for lemmas the curated rows lack
            ps.add("verb", "rules/petrarch_verbs.csv", converted.read_text(encoding="utf-8"), fallback=True)
        for path in extra:
            p = Path(path)
            if not p.is_file():
                raise DataFileError(f"pattern file not found: {p}", input=str(p))
            pos = "noun" if p.stem.startswith("noun") else "verb"
            ps.add(pos, p.name, p.read_text(encoding="utf-8"), first=True)
        return ps

    def add(self, pos: PatternPos, name: str, text: str, first: bool = False, fallback: bool = False) -> None:
        """Add a pattern file's rows. `first`: tried before the rows already there (a user's file);
        `fallback`: only for lemmas that have no rows yet (converted dictionaries)."""
        table = self.verbs if pos == "verb" else self.nouns
        known = set(table) if fallback else set()
        numbered = [(n, ln) for n, ln in enumerate(text.splitlines(), start=1)]
        body = [(n, ln) for n, ln in numbered if ln.strip() and not ln.startswith("#")]
        rows = csv.DictReader(io.StringIO("\n".join(ln for _, ln in body)))
        for (n, _), row in zip(body[1:], rows, strict=False):
            if fallback and (row.get("lemma") or "").strip().lower() in known:
                continue  # a curated lemma: the converted rows are not even parsed
            try:
                p = _pattern(pos, row, f"{name}:{n}")
            except (KeyError, ValueError, AttributeError, DataFileError) as exc:
                raise DataFileError(f"{name}: line {n} is not a valid pattern ({exc})", input=name) from exc
            if p.lemma in known:
                continue
            if fallback and p.cue == "obj":  # "staged demonstrations": the curated noun row decides
                rest = p.cue_values - set(self.nouns)
                if not rest:
                    continue
                if rest != p.cue_values:
                    p = dataclasses.replace(p, cue_values=frozenset(rest))
            entries = table[p.lemma]
            entries.insert(0, p) if first else entries.append(p)
        for entries in table.values():
            entries.sort(key=lambda p: (p.cue == "", p.cue != "pred"))  # specific cues are tried first, a predicate cue first of all ("On Monday, X called Y unacceptable": not "called on"); stable sort


def _pattern(pos: PatternPos, row: dict[str, str], origin: str = "") -> Pattern:
    cue = (row.get("cue") or "").strip()
    kind, _, values = cue.partition(":")
    if kind not in _CUE_KINDS:
        raise ValueError(f"cue kind {kind!r} is not one of {', '.join(k for k in _CUE_KINDS if k)}")
    cameo = row["cameo"].strip()
    if not cameo.isdigit():
        raise ValueError(f"cameo {cameo!r} is not a CAMEO code")
    lemma = row["lemma"].strip().lower()
    rid = (row.get("id") or "").strip() or f"trigger.{pos}.{lemma}" + (f".{kind}" if kind else "")
    return Pattern(
        pos=pos, lemma=lemma, cue=cast(CueKind, kind), cue_values=_cue_words(values),
        cameo=cameo, targets=_targets(row.get("targets") or ""),
        confidence=float(row.get("conf") or 0.6), frame=(row.get("frame") or "").strip() == _EMBED,
        id=rid, origin=origin + (f" <- {row['origin'].strip()}" if (row.get("origin") or "").strip() else ""),
    )


@cache
def _cue_words(values: str) -> frozenset[str]:
    """The words of a cue value, `@name` expanded to a lexicon; one frozenset per distinct value
    (20,000 converted rows share a few thousand)."""
    words: set[str] = set()
    for v in values.split("|"):
        if v.startswith("@"):
            words |= lexicon(v[1:])  # a named word list: "obj:@p2_weapons"
        elif v:
            words.add(v)
    return frozenset(words)


@cache
def _targets(value: str) -> frozenset[str]:
    return frozenset(t for t in value.split("|") if t)


@lru_cache(maxsize=1)
def default_patterns() -> PatternSet:
    """The built-in patterns plus the user's files named in ACCORD_PATTERNS."""
    from accord.config import Settings

    return PatternSet.load(extra=Settings.from_env().pattern_files)
