"""Actors: search the knowledge base and the store; one actor's roles, codes and events."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from accord.interfaces.api import actors
from accord.interfaces.api.deps import MAX_FILTER_CHARS, blocking, clean, pool
from accord.interfaces.api.filters import MAX_OFFSET, counting_rules
from accord.interfaces.api.models import ActorDetail, ActorPage, ErrorOut
from accord.store.base import Counting

router = APIRouter(prefix="/v1", tags=["actors"], responses={400: {"model": ErrorOut}})


def _kb() -> Any:
    from accord.actors.kb import default_kb

    return default_kb()


@router.get("/actors", response_model=ActorPage)
async def list_actors(
    request: Request,
    q: str | None = Query(None, max_length=MAX_FILTER_CHARS, description="Part of an id, name or alias."),
    source: Literal["all", "kb", "store"] = Query("all", description="Search the knowledge base, the store, or both."),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    rules: Counting = Depends(counting_rules),
) -> Any:
    """Actors whose id, name or alias contains `q` (without `q`: the store's busiest actors).
    `events` counts the events where the actor is a source or a target that the counting rules
    count (default: asserted and reported, confidence 0.3 or more; `counted` says which)."""
    text = (clean(q, "q") or "").strip() or None

    def run() -> list[dict[str, Any]]:
        with pool(request).store() as s:
            return actors.search(s, _kb(), text, source, limit, offset, rules)

    found = await blocking(run)
    return {"actors": found, "limit": limit, "offset": offset, "counted": rules.describe(),
            "next_offset": offset + limit if len(found) == limit else None}


@router.get("/actors/{actor_id}", response_model=ActorDetail, responses={404: {"model": ErrorOut}})
async def get_actor(request: Request, actor_id: str,
                    by: Literal["day", "week", "month", "year"] = Query("month"),
                    rules: Counting = Depends(counting_rules)) -> Any:
    """One actor: knowledge-base roles over time, the codes the store gave it, event counts per
    period and per type, and its most recent events. `actor_id` is a knowledge-base id
    (mark_rutte, USA, nato) or an actor code seen in the store (USAGOV)."""
    key = clean(actor_id, "actor id") or ""

    def run() -> dict[str, Any] | None:
        with pool(request).store() as s:
            return actors.detail(s, _kb(), key, by, rules)

    found = await blocking(run)
    if found is None:
        raise HTTPException(404, f"no actor {key!r} in the knowledge base or the store")
    return found | {"counted": rules.describe()}
