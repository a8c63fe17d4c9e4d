"""Actor search (knowledge base and store) and the actor page's data."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from accord.actors.kb import KnowledgeBase, norm
from accord.interfaces.api import queries
from accord.types import Actor

if TYPE_CHECKING:
    from accord.store.base import Counting, Store

RECENT = 10


def _score(q: str, name: str) -> int | None:
    """0 exact, 1 prefix, 2 a word's prefix, 3 anywhere; None when `q` is not in `name`."""
    if name == q:
        return 0
    if name.startswith(q):
        return 1
    if any(word.startswith(q) for word in name.split()):
        return 2
    return 3 if q in name else None


def kb_matches(kb: KnowledgeBase, q: str) -> dict[str, int]:
    """Knowledge-base actor ids whose id, name or an alias contains `q`, with the best score."""
    wanted = norm(q)
    found: dict[str, int] = {}
    for actor in kb.actors.values():
        scores = [_score(wanted, n) for n in (actor.id.lower(), norm(actor.name), *map(norm, actor.aliases))]
        best = min((s for s in scores if s is not None), default=None)
        if best is not None:
            found[actor.id] = best
    return found


def summary(key: str, actor: Actor | None, stored: dict[str, Any] | None, events: int) -> dict[str, Any]:
    return {
        "id": key,
        "name": actor.name if actor else (stored or {}).get("name") or key,
        "kind": actor.kind if actor else None,
        "country": actor.country if actor else None,
        "code": (actor.code or None) if actor else (stored or {}).get("code"),
        "in_kb": actor is not None,
        "events": events,
    }


def search(store: Store, kb: KnowledgeBase, q: str | None, source: str, limit: int, offset: int,
           rules: Counting | None = None) -> list[dict[str, Any]]:
    """Actors matching `q` (all actors of the store, busiest first, when `q` is empty):
    better name matches first, then more events, then id. `events` counts what `rules` count
    (default: asserted and reported events with confidence 0.3 or more)."""
    want = offset + limit
    stored = {a["id"]: a for a in queries.store_actors(store, q, max(want, 200), rules)} if source != "kb" else {}
    scores = kb_matches(kb, q) if q and source != "store" else {}
    counts = queries.event_counts(store, [k for k in scores if k not in stored], rules)
    keys = set(scores) | (set(stored) if source != "kb" else set())
    rows = [summary(k, kb.actors.get(k), stored.get(k), stored[k]["events"] if k in stored else counts.get(k, 0))
            for k in keys]
    rows.sort(key=lambda r: (scores.get(r["id"], 4 if q else 0), -r["events"], r["id"]))
    return rows[offset:want]


def _role(r: Any) -> dict[str, Any]:
    return {"title": r.title, "organisation": r.organisation, "sector": r.sector, "office": r.office or None,
            "start": r.start.isoformat() if r.start else None, "end": r.end.isoformat() if r.end else None}


def detail(store: Store, kb: KnowledgeBase, key: str, by: str, rules: Counting | None = None) -> dict[str, Any] | None:
    """The actor page: who (from the knowledge base), roles over time, how the store coded the
    actor, the counted events per period and per type (`rules`, default: asserted and reported,
    confidence 0.3 or more), and the most recent stored events whatever their modality."""
    actor = kb.actors.get(key)
    totals = queries.actor_totals(store, key, rules)
    if actor is None and totals["stored"] == 0:
        return None
    stored = {"name": queries.names(store, [key]).get(key)} if actor is None else None
    recent = store.events(actor=key, limit=RECENT, offset=max(0, totals["stored"] - RECENT))
    roles = sorted(actor.roles, key=lambda r: r.start or dt.date.min) if actor else []
    return summary(key, actor, stored, totals["total"]) | {
        "aliases": list(actor.aliases) if actor else [],
        "roles": [_role(r) for r in roles],
        "totals": totals,
        "codes": queries.actor_codes(store, key),
        "by": by,
        "series": queries.actor_periods(store, key, by, rules),
        "types": queries.actor_types(store, key, rules),
        "recent": [e.to_dict() for e in reversed(recent)],
    }
