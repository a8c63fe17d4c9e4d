"""Score the coder against gold sentences in the PLOVER GSR JSONL format.

Definitions (also in `accord eval plover --help` and docs/accuracy.md):

- Each gold record is one sentence with one gold event type (`event_current`). accord codes the
  sentence alone; its predicted types are the set of types of the events it keeps at the chosen
  minimum confidence.
- Per type t: a true positive when the gold type is t and t is predicted; a false negative when
  the gold type is t and t is not predicted; a false positive for each record whose gold type is
  not t but t is predicted (several events of one type in one sentence count once).
  `macro_f1` is the mean F1 over the types with gold support; `micro_f1` pools the counts.
- `source_code_accuracy` / `target_code_accuracy`: over the gold source (target) actors that carry
  a country code, in records where an event of the gold type was coded: the share whose country
  (the first three letters: ISO alpha-3, IGO, NGO, ...) appears among the predicted sources
  (targets) of that event. A compound actor counts once per member. Reciprocal records (gold
  target empty, actors marked SRC/TAR) count a gold source as found when it is a predicted source
  or target. Empty gold targets are not counted. `*_code_recall` is the same share over all
  records (a missed event counts as a miss). `actor_country_accuracy` pools sources and targets:
  the share of all gold actors with a country code whose country the coded event has.
- `mode_accuracy`: over gold records with a mode whose event type was coded: the share whose
  predicted mode equals the gold mode mapped to current PLOVER names.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from accord.errors import EvalFileError
from accord.ingest.readers import document_from_text
from accord.pipeline import get_pipeline
from accord.types import PLOVER_TYPES, Document, Event

# Non-ISO codes written by the gold coders, mapped to ISO alpha-3.
CODE_ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ISM": "ISR", "PAL": "PSE", "SUD": "SDN",
                "GER": "DEU", "UKG": "GBR", "FRG": "DEU"}
EVAL_DATE = dt.date(2000, 1, 1)  # gold records carry no date; the GSR's own placeholder


@dataclass(frozen=True, slots=True)
class GoldRecord:
    id: str
    text: str
    type: str
    mode: str | None
    sources: tuple[str, ...]
    targets: tuple[str, ...]


def load_gold(path: str | Path) -> list[GoldRecord]:
    p = Path(path)
    if not p.is_file():
        raise EvalFileError(f"{p}: no such gold file", input=str(p))
    out = []
    for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
            out.append(GoldRecord(
                r["id"], r["text"], r.get("event_current") or r["event"], r.get("mode"),
                tuple(_country(a.get("code")) for a in r.get("source") or [] if _country(a.get("code"))),
                tuple(_country(a.get("code")) for a in r.get("target") or [] if _country(a.get("code"))),
            ))
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise EvalFileError(f"{p}:{n}: not a PLOVER gold record ({exc})", input=f"{p}:{n}",
                                valid="JSON with id, text, event_current, source, target") from None
    if not out:
        raise EvalFileError(f"{p}: no gold records", input=str(p))
    return out


def _country(code: Any) -> str:
    if not isinstance(code, str) or not code.strip() or "*" in code:
        return ""
    c = code.strip().upper()[:3]
    return CODE_ALIASES.get(c, c)


def _codes(refs: Iterable[Any]) -> set[str]:
    return {CODE_ALIASES.get(r.code[:3], r.code[:3]) for r in refs if r.code}


def evaluate(records: list[GoldRecord], min_confidence: float | None = None,
             mode_aliases: dict[str, str] | None = None, errors: int = 20) -> dict[str, Any]:
    pipe = get_pipeline() if min_confidence is None else get_pipeline(min_confidence)
    docs = [Document(id=r.id, text=document_from_text(r.text, name=r.id).text, published=EVAL_DATE) for r in records]
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    actor = Counter[str]()
    worst: list[dict[str, Any]] = []
    for rec, coded in zip(records, pipe.code_many(docs), strict=True):
        events = list(coded.events)
        predicted = {e.type for e in events}
        for t in predicted | {rec.type}:
            if t == rec.type and t in predicted:
                counts[t]["tp"] += 1
            elif t == rec.type:
                counts[t]["fn"] += 1
            else:
                counts[t]["fp"] += 1
        confusion[rec.type].update(predicted or {"(none)"})
        for e in events:
            bucket = _bucket(e.confidence)
            actor[f"cal_{bucket}_n"] += 1
            actor[f"cal_{bucket}_ok"] += e.type == rec.type
        hit = next((e for e in sorted(events, key=lambda e: -e.confidence) if e.type == rec.type), None)
        _score_actors(rec, hit, actor, mode_aliases or {})
        if hit is None or len(predicted) > 1:
            worst.append(_error_row(rec, events))
    return _report(records, counts, confusion, actor, worst[:errors])


def _score_actors(rec: GoldRecord, hit: Event | None, actor: Counter[str], mode_aliases: dict[str, str]) -> None:
    reciprocal = not rec.targets
    src = _codes(hit.sources) if hit else set()
    tgt = _codes(hit.targets) if hit else set()
    for code in rec.sources:
        ok = code in src or (reciprocal and code in tgt)
        actor["src_total"] += 1
        actor["src_ok"] += ok
        if hit is not None:
            actor["src_hit_total"] += 1
            actor["src_hit_ok"] += ok
    for code in rec.targets:
        ok = code in tgt
        actor["tgt_total"] += 1
        actor["tgt_ok"] += ok
        if hit is not None:
            actor["tgt_hit_total"] += 1
            actor["tgt_hit_ok"] += ok
    if rec.mode and hit is not None:
        actor["mode_total"] += 1
        actor["mode_ok"] += (hit.mode or "") == mode_aliases.get(rec.mode, rec.mode)


CONFIDENCE_BUCKETS = ("0.0-0.5", "0.5-0.7", "0.7-0.8", "0.8-1.0")


def _bucket(conf: float) -> str:
    """Confidence bucket; an event counts as right when its type is the sentence's gold type
    (other real events in the sentence count as wrong, so these shares are a lower bound)."""
    return "0.0-0.5" if conf < 0.5 else "0.5-0.7" if conf < 0.7 else "0.7-0.8" if conf < 0.8 else "0.8-1.0"


def _error_row(rec: GoldRecord, events: list[Event]) -> dict[str, Any]:
    return {
        "id": rec.id, "gold": rec.type, "predicted": sorted({e.type for e in events}),
        "sentence": rec.text,
        "events": [f"{e.type} {e.cameo} {'+'.join(a.code or a.text for a in e.sources)} -> "
                   f"{'+'.join(a.code or a.text for a in e.targets)} [{e.trigger.text}] {e.modality} {e.confidence}"
                   for e in events],
    }


def _prf(c: Counter[str]) -> dict[str, float]:
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": tp + fn}


def _report(records: list[GoldRecord], counts: dict[str, Counter[str]], confusion: dict[str, Counter[str]],
            actor: Counter[str], worst: list[dict[str, Any]]) -> dict[str, Any]:
    per_type = {t: _prf(counts[t]) for t in PLOVER_TYPES if counts[t]["tp"] + counts[t]["fn"] + counts[t]["fp"]}
    supported = [v["f1"] for v in per_type.values() if v["support"]]
    pooled: Counter[str] = Counter()
    for c in counts.values():
        pooled.update(c)
    micro = _prf(pooled)

    def share(ok: str, total: str) -> float:
        return round(actor[ok] / actor[total], 4) if actor[total] else 0.0

    return {
        "n": len(records),
        "macro_f1": round(sum(supported) / len(supported), 4) if supported else 0.0,
        "micro_f1": micro["f1"],
        "per_type": per_type,
        "source_code_accuracy": share("src_hit_ok", "src_hit_total"),
        "target_code_accuracy": share("tgt_hit_ok", "tgt_hit_total"),
        "actor_country_accuracy": round((actor["src_hit_ok"] + actor["tgt_hit_ok"])
                                        / (actor["src_hit_total"] + actor["tgt_hit_total"]), 4)
        if actor["src_hit_total"] + actor["tgt_hit_total"] else 0.0,
        "source_code_recall": share("src_ok", "src_total"),
        "target_code_recall": share("tgt_ok", "tgt_total"),
        "mode_accuracy": share("mode_ok", "mode_total"),
        "actors_scored": {"sources": actor["src_hit_total"], "targets": actor["tgt_hit_total"],
                          "modes": actor["mode_total"]},
        "calibration": {b: {"events": actor[f"cal_{b}_n"],
                            "type_correct": round(actor[f"cal_{b}_ok"] / actor[f"cal_{b}_n"], 4) if actor[f"cal_{b}_n"] else None}
                        for b in CONFIDENCE_BUCKETS},
        "confusion": {g: dict(sorted(c.items())) for g, c in sorted(confusion.items())},
        "errors": worst,
    }
