"""The event filters shared by /v1/events, /v1/stories and /v1/locations, as one dependency."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Literal

from fastapi import HTTPException, Query

from accord.interfaces.api.deps import MAX_FILTER_CHARS, clean, dyad_pair
from accord.interfaces.api.models import FIRST_DAY, LAST_DAY
from accord.store.base import EventQuery
from accord.types import MODALITIES, PLOVER_TYPES

PloverType = Literal[PLOVER_TYPES]  # type: ignore[valid-type]
ModalityName = Literal[MODALITIES]  # type: ignore[valid-type]
MAX_OFFSET = 1_000_000_000


def check_window(since: dt.date | None, until: dt.date | None) -> None:
    for day in (since, until):
        if day is not None and not FIRST_DAY <= day <= LAST_DAY:
            raise HTTPException(400, f"dates must lie between {FIRST_DAY} and {LAST_DAY}")
    if since and until and since > until:
        raise HTTPException(400, f"since {since} is after until {until}")


async def event_filters(
    since: dt.date | None = Query(None, description="First day (the event date, else the publication date), inclusive."),
    until: dt.date | None = Query(None, description="Last day, inclusive."),
    actor: str | None = Query(None, max_length=MAX_FILTER_CHARS,
                              description="Source or target: actor id (mark_rutte), code (USAGOV) or text as written."),
    dyad: str | None = Query(None, max_length=2 * MAX_FILTER_CHARS + 1,
                             description="`source,target`, each an actor id or code (USAGOV,RUSGOV)."),
    type: PloverType | None = Query(None, description="PLOVER event type."),
    quad_class: int | None = Query(None, ge=1, le=4, description="1 verbal cooperation, 2 material cooperation, "
                                                                  "3 verbal conflict, 4 material conflict."),
    modality: ModalityName | None = Query(None),
    min_confidence: float | None = Query(None, ge=0, le=1),
    q: str | None = Query(None, max_length=MAX_FILTER_CHARS, description="Text the sentence contains (any case)."),
) -> EventQuery:
    check_window(since, until)
    return EventQuery(actor=clean(actor, "actor"), dyad=dyad_pair(dyad), type=type, quad_class=quad_class,
                      modality=modality, min_confidence=min_confidence, since=since, until=until,
                      text=clean(q, "q"))


def as_kwargs(query: EventQuery) -> dict[str, Any]:
    """EventQuery -> the keyword arguments of Store.events."""
    return {f.name: getattr(query, f.name) for f in dataclasses.fields(query)}
