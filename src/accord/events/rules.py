"""The rule layer: named rules loaded from data files, matched by a small set of predicates.

A rule file (YAML, `accord/data/rules/*.yaml`, or a user's file named by `--rules` or
ACCORD_RULES) is a list of entries:

```yaml
- id: veto.press-work            # unique, stable when the entry is edited
  stage: veto                    # where it applies: see STAGES
  doc: Press work is no event.
  when: {pos: verb, object_word: "@press_objects"}   # every predicate must hold
  then: veto                     # or {cameo: "163"}, {factor: 0.6}, {args: forces-retreat}
  examples:                      # real or realistic sentences with their exact events
    - text: The ministry declined to comment on the report.
      events: []                 # or [[TYPE, [source codes], [target codes], modality], ...]
```

Predicates are implemented once, in `accord.events.predicates`, and documented in docs/rules.md.
A value that starts with `@` names a lexicon (`accord.lexicons`). Rules are compiled once at
load: the values of each predicate are parsed and lexicons expanded, and each stage's rules are
kept in file order, so matching is a loop over a few prepared checks.

User rules win: an entry whose id exists replaces the built-in entry; `disable: true` removes it;
new ids are added (before the built-in rules of their stage, so they are tried first).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, cast

import yaml

from accord.errors import DataFileError

# Where a rule applies (its `stage`); STAGES lists them in the order the coder applies them (a new
# stage is added to both).
Stage = Literal["suppress", "veto", "arguments", "recode", "veto.typed", "arguments.typed", "recode.modality",
                "veto.modality", "arguments.final", "confidence", "confidence.reading"]
# The keys of a `then` mapping: a CAMEO code, a confidence factor, an argument action, a code from
# the frame table (refined by the content, or a frame's code for the current type) with its modality.
ThenKey = Literal["cameo", "factor", "args", "refine", "frame", "modality"]
# The keys of an example: its sentence, its exact events, the publication date it is read with.
ExampleKey = Literal["text", "events", "date"]

# Stages in the order the coder applies them.
STAGES: dict[Stage, str] = {
    "suppress": "a trigger that is part of, or the theme of, another trigger in the sentence is no event of its own",
    "veto": "a trigger with its arguments found that is no event (any matching rule vetoes)",
    "arguments": "a change to the arguments found (the first matching rule applies)",
    "recode": "a CAMEO code that replaces the trigger's own (the first matching rule applies)",
    "veto.typed": "a veto that needs the event's type (any matching rule vetoes)",
    "arguments.typed": "an argument strategy once the type is known (every matching rule, in order)",
    "recode.modality": "a CAMEO code chosen by the modality: an intention, a refusal (the first matching rule)",
    "veto.modality": "a veto that needs the modality (any matching rule vetoes)",
    "arguments.final": "an inferred actor: an unidentified attacker, an implied target (every matching rule)",
    "confidence": "a factor that multiplies the confidence (every matching rule applies, one per group)",
    "confidence.reading": "a factor from the modality reading, applied after the others are rounded",
}


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    events: tuple[tuple[str, tuple[str | None, ...], tuple[str | None, ...], str], ...]
    date: str | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    stage: Stage
    when: dict[str, Any]
    then: str | dict[ThenKey, Any]  # a word (suppress, veto) or a mapping
    doc: str = ""
    group: str | None = None
    examples: tuple[Example, ...] = ()
    origin: str = ""
    # the predicates of `when`, compiled: those that read only the trigger row, then the rest
    row_checks: tuple[tuple[Callable[..., bool], Any], ...] = field(default=(), compare=False, repr=False)
    checks: tuple[tuple[Callable[..., bool], Any], ...] = field(default=(), compare=False, repr=False)

    def matches(self, ctx: Any) -> bool:
        return self.matches_row(ctx) and self.matches_rest(ctx)

    def matches_row(self, ctx: Any) -> bool:
        return all(fn(ctx, value) for fn, value in self.row_checks)

    def matches_rest(self, ctx: Any) -> bool:
        return all(fn(ctx, value) for fn, value in self.checks)

    @property
    def factor(self) -> float:
        return float(self.then["factor"]) if isinstance(self.then, dict) and "factor" in self.then else 1.0

    @property
    def cameo(self) -> str | None:
        return str(self.then["cameo"]) if isinstance(self.then, dict) and "cameo" in self.then else None


class RuleBook:
    """The compiled rules of every stage, in order.

    Most rules name the trigger rows they are about (`lemma`, `trigger`, `pattern_cameo`, ...). A
    stage's rules are therefore sorted once per trigger row: the first time a row's trigger reaches
    a stage, the rules whose row predicates pass are kept, in order, and later triggers of that row
    only try those. A stage of a hundred rules costs a handful of checks per trigger, and a larger
    rule file does not make the coder slower in proportion."""

    def __init__(self, rules: Iterable[Rule]):
        self.rules: dict[str, Rule] = {}
        for r in rules:
            self.rules[r.id] = r
        self.by_stage: dict[Stage, list[Rule]] = {s: [] for s in STAGES}
        for r in self.rules.values():
            self.by_stage[r.stage].append(r)
        self._for_row: dict[tuple[Any, ...], tuple[Rule, ...]] = {}

    def _candidates(self, stage: Stage, ctx: Any) -> tuple[Rule, ...]:
        """The rules of `stage` whose row predicates hold for the trigger row of `ctx`."""
        p = ctx.trig.pattern
        key = (stage, p.id, p.lemma, p.pos, p.cameo, p.origin)
        found = self._for_row.get(key)
        if found is None:
            found = self._for_row[key] = tuple(r for r in self.by_stage[stage] if r.matches_row(ctx))
        return found

    def each(self, stage: Stage, ctx: Any) -> Iterator[Rule]:
        """The matching rules of `stage`, in order, each tried when reached (a rule applied before
        may change what the next one sees)."""
        for r in self._candidates(stage, ctx):
            if r.matches_rest(ctx):
                yield r

    def first(self, stage: Stage, ctx: Any) -> Rule | None:
        return next(self.each(stage, ctx), None)

    def matching(self, stage: Stage, ctx: Any) -> list[Rule]:
        out: list[Rule] = []
        groups: set[str] = set()
        for r in self._candidates(stage, ctx):
            if r.group is not None and r.group in groups:
                continue
            if r.matches_rest(ctx):
                out.append(r)
                if r.group is not None:
                    groups.add(r.group)
        return out

    def __len__(self) -> int:
        return len(self.rules)

    @classmethod
    def load(cls, extra: Iterable[str | Path] = ()) -> RuleBook:
        folder = resources.files("accord") / "data" / "rules"
        entries: list[Rule] = []
        for res in sorted(folder.iterdir(), key=lambda p: p.name):
            if res.name.endswith(".yaml"):
                entries.extend(parse_rules(res.read_text(encoding="utf-8"), f"rules/{res.name}"))
        book = {r.id: r for r in entries}
        order = [r.id for r in entries]
        for path in extra:
            p = Path(path)
            if not p.is_file():
                raise DataFileError(f"rule file not found: {p}", input=str(p))
            for raw in _entries(p.read_text(encoding="utf-8"), str(p)):
                rid = str(raw.get("id", ""))
                if raw.get("disable"):
                    if rid not in book:
                        raise DataFileError(f"{p}: cannot disable unknown rule {rid!r}", input=str(p))
                    del book[rid]
                    order.remove(rid)
                    continue
                rule = compile_rule(raw, str(p))
                if rid not in book:
                    order.insert(0, rid)
                book[rid] = rule
        return cls(book[i] for i in order)


def _entries(text: str, origin: str) -> list[dict[str, Any]]:
    try:
        data = yaml.safe_load(text) or []
    except yaml.YAMLError as exc:
        raise DataFileError(f"{origin}: not valid YAML ({str(exc).splitlines()[0]})", input=origin) from exc
    if not isinstance(data, list) or not all(isinstance(d, dict) for d in data):
        raise DataFileError(f"{origin}: a rule file is a list of entries with id, stage, when, then", input=origin)
    return data


def parse_rules(text: str, origin: str) -> list[Rule]:
    return [compile_rule(raw, origin) for raw in _entries(text, origin)]


def compile_rule(raw: dict[str, Any], origin: str) -> Rule:
    from accord.events.predicates import PREDICATES, prepare

    rid = str(raw.get("id") or "")
    where = f"{origin}: rule {rid or '(no id)'}"
    if not rid:
        raise DataFileError(f"{where}: every rule needs an id", input=origin)
    stage = str(raw.get("stage") or "")
    if stage not in STAGES:
        raise DataFileError(f"{where}: unknown stage {stage!r}; known: {', '.join(STAGES)}", input=origin)
    when = raw.get("when") or {}
    if not isinstance(when, dict):
        raise DataFileError(f"{where}: 'when' is a mapping of predicate: value", input=origin)
    row_checks: list[tuple[Callable[..., bool], Any]] = []
    checks: list[tuple[Callable[..., bool], Any]] = []
    for name, value in when.items():
        if name not in PREDICATES:
            raise DataFileError(f"{where}: unknown predicate {name!r} (see docs/rules.md)", input=origin)
        try:
            (row_checks if PREDICATES[name].row else checks).append((PREDICATES[name].fn, prepare(name, value)))
        except (DataFileError, ValueError, TypeError) as exc:
            raise DataFileError(f"{where}: predicate {name}: {exc}", input=origin) from exc
    then = raw.get("then")
    if then is None:
        raise DataFileError(f"{where}: every rule needs a 'then'", input=origin)
    examples = tuple(_example(e, where, origin) for e in raw.get("examples") or ())
    return Rule(rid, cast(Stage, stage), dict(when), then, str(raw.get("doc") or ""), raw.get("group"), examples, origin,
                tuple(row_checks), tuple(checks))


def _example(e: str | dict[ExampleKey, Any], where: str, origin: str) -> Example:
    if isinstance(e, str):
        e = {"text": e, "events": []}
    if not isinstance(e, dict) or "text" not in e:
        raise DataFileError(f"{where}: an example has a text and its events", input=origin)
    events = []
    for ev in e.get("events") or ():
        typ, src, tgt, modality = ev
        events.append((str(typ), tuple(src or ()), tuple(tgt or ()), str(modality)))
    return Example(str(e["text"]), tuple(events), str(e["date"]) if e.get("date") else None)


@lru_cache(maxsize=1)
def trigger_examples() -> dict[str, tuple[Example, ...]]:
    """Examples of the trigger rows (data/patterns/*.csv, data/rules/petrarch_verbs.csv), by row id,
    from data/rules/examples/*.yaml: entries `{id: trigger.verb.meet, examples: [...]}`."""
    folder = resources.files("accord") / "data" / "rules" / "examples"
    out: dict[str, tuple[Example, ...]] = {}
    if not folder.is_dir():
        return out
    for res in sorted(folder.iterdir(), key=lambda p: p.name):
        if not res.name.endswith(".yaml"):
            continue
        origin = f"rules/examples/{res.name}"
        for raw in _entries(res.read_text(encoding="utf-8"), origin):
            rid = str(raw.get("id") or "")
            where = f"{origin}: {rid or '(no id)'}"
            out[rid] = out.get(rid, ()) + tuple(_example(e, where, origin) for e in raw.get("examples") or ())
    return out


@lru_cache(maxsize=1)
def default_rules() -> RuleBook:
    """The built-in rules plus the user's rule files named in ACCORD_RULES (os.pathsep-separated)."""
    extra = [p for p in (os.environ.get("ACCORD_RULES") or "").split(os.pathsep) if p]
    return RuleBook.load(extra)
