"""Score the coder against stories annotated sentence by sentence (the VOA gold format).

Files (docs/annotation.md): a sentence file, one JSON line per story with `story_id`, `split`,
`published` and `sentences` (`sid`, `start`, `end`, `text`), and gold files, one JSON line per
sentence: `{"sid": ..., "events": [{"type", "mode", "source": [{text, code}], "target": [...],
"modality"}]}`. The story's text is rebuilt from its sentences (the gaps are single spaces, as the
stories are whitespace-normalised), so no other file is needed.

Each story is coded whole, with its publication date; an event belongs to the sentence its
trigger starts in. Definitions:

- Types, per sentence: the set of gold types against the set of coded types. Per type t: TP when
  both hold t, FN when only the gold does, FP when only accord does. `macro_f1` is the mean F1 over
  types with gold support, `micro_f1` the F1 of the pooled counts. Sentences with no gold event
  count too: every type accord codes there is a false positive.
- `source_code_accuracy` / `target_code_accuracy`: over gold events whose type accord coded in the
  sentence and whose source (target) actors carry a code: the share of those actors whose country
  (the code's first three letters) is among the sources (targets) of accord's events of that type
  in the sentence. Reciprocal gold events (no target) accept a source found on either side.
- `modality_accuracy`: over gold events whose type accord coded in the sentence: the share where
  one of accord's events of that type has the gold modality.
- `silent_share`: of the gold sentences with an event, the share where accord codes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from accord.errors import EvalFileError
from accord.pipeline import get_pipeline
from accord.types import Document, Event


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise EvalFileError(f"{path}: no such file", input=str(path))
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise EvalFileError(f"{path}:{n}: not JSON ({exc.msg})", input=f"{path}:{n}") from None
    return out


def load(sentences: str | Path, gold: Iterable[str | Path], split: str = "all") -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """The stories of `split` (tune, test or all) that have gold, and the gold events by sentence id."""
    stories = _read_jsonl(Path(sentences))
    by_sid: dict[str, list[dict[str, Any]]] = {}
    for g in gold:
        for row in _read_jsonl(Path(g)):
            try:
                by_sid[str(row["sid"])] = list(row.get("events") or [])
            except (KeyError, TypeError) as exc:
                raise EvalFileError(f"{g}: a gold line needs sid and events ({exc})", input=str(g)) from None
    chosen = [s for s in stories if (split == "all" or s.get("split") == split)
              and all(x["sid"] in by_sid for x in s["sentences"])]
    if not chosen:
        raise EvalFileError(f"no annotated stories in split {split!r}", input=str(sentences),
                            valid="tune, test or all, with gold lines for every sentence of a story")
    return chosen, by_sid


def story_text(story: dict[str, Any]) -> str:
    parts: list[str] = []
    pos = 0
    for s in story["sentences"]:
        parts.append(" " * (s["start"] - pos))
        parts.append(s["text"])
        pos = s["end"]
    return "".join(parts)


def _country(code: Any) -> str:
    return code.strip().upper()[:3] if isinstance(code, str) and code.strip() else ""


def _codes(refs: Iterable[Any]) -> set[str]:
    return {r.code[:3] for r in refs if r.code}


def evaluate(stories: list[dict[str, Any]], gold: dict[str, list[dict[str, Any]]],
             min_confidence: float | None = None) -> dict[str, Any]:
    pipe = get_pipeline() if min_confidence is None else get_pipeline(min_confidence)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    c = Counter[str]()
    docs = [Document(id=s["story_id"], text=story_text(s), published=dt.date.fromisoformat(s["published"]))
            for s in stories]
    for story, coded in zip(stories, pipe.code_many(docs), strict=True):
        events = list(coded.events)
        for sent in story["sentences"]:
            mine = [e for e in events if sent["start"] <= e.trigger.start < sent["end"]]
            _score_sentence(gold[sent["sid"]], mine, counts, c)
    return _report(len(stories), counts, c)


def _score_sentence(gold: list[dict[str, Any]], mine: list[Event], counts: dict[str, Counter[str]], c: Counter[str]) -> None:
    gtypes = {g["type"] for g in gold}
    ptypes = {e.type for e in mine}
    c["sentences"] += 1
    if gtypes:
        c["gold_sentences"] += 1
        c["silent"] += not mine
    for t in gtypes | ptypes:
        counts[t]["tp" if t in gtypes and t in ptypes else "fn" if t in gtypes else "fp"] += 1
    for g in gold:
        same = [e for e in mine if e.type == g["type"]]
        if not same:
            continue
        c["mod_n"] += 1
        c["mod_ok"] += any(e.modality == g.get("modality") for e in same)
        srcs = {x for e in same for x in _codes(e.sources)}
        tgts = {x for e in same for x in _codes(e.targets)}
        reciprocal = not g.get("target")
        for a in g.get("source") or []:
            code = _country(a.get("code"))
            if code:
                c["src_n"] += 1
                c["src_ok"] += code in srcs or (reciprocal and code in tgts)
        for a in g.get("target") or []:
            code = _country(a.get("code"))
            if code:
                c["tgt_n"] += 1
                c["tgt_ok"] += code in tgts


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _report(n: int, counts: dict[str, Counter[str]], c: Counter[str]) -> dict[str, Any]:
    per_type = {}
    for t in sorted(counts):
        k = counts[t]
        p, r, f = _f1(k["tp"], k["fp"], k["fn"])
        per_type[t] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                       "support": k["tp"] + k["fn"], "predicted": k["tp"] + k["fp"]}
    supported = [v["f1"] for v in per_type.values() if v["support"]]
    tp, fp, fn = (sum(k[x] for k in counts.values()) for x in ("tp", "fp", "fn"))
    p, r, f = _f1(tp, fp, fn)

    def share(ok: str, total: str) -> float | None:
        return round(c[ok] / c[total], 4) if c[total] else None

    return {
        "stories": n, "sentences": c["sentences"], "gold_sentences": c["gold_sentences"],
        "macro_f1": round(sum(supported) / len(supported), 4) if supported else 0.0,
        "micro_f1": round(f, 4), "micro_precision": round(p, 4), "micro_recall": round(r, 4),
        "source_code_accuracy": share("src_ok", "src_n"), "target_code_accuracy": share("tgt_ok", "tgt_n"),
        "modality_accuracy": share("mod_ok", "mod_n"),
        "silent_share": share("silent", "gold_sentences"),
        "per_type": per_type,
    }
