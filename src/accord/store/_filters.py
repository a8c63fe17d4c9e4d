"""EventQuery -> a parameterised SQL condition on the `events` table (aliased `e`)."""

from __future__ import annotations

from typing import Any

from accord.store.base import EventQuery

# The day bounds are repeated inside the actor and dyad sub-queries: both tables carry the event
# day, so the database skips whole blocks of rows outside the window before matching actors.
_ACTOR = """e.id IN (SELECT event_id FROM event_actors
    WHERE role IN ('source', 'target') AND (actor_id = ? OR code = ? OR text_lc = ?){days})"""

_DYAD = """e.id IN (SELECT event_id FROM event_dyads
    WHERE (source_key = ? OR source_code = ?) AND (target_key = ? OR target_code = ?){days})"""


def _days(q: EventQuery) -> tuple[str, list[Any]]:
    sql, params = "", []
    if q.since is not None:
        sql, params = " AND day >= ?", [q.since]
    if q.until is not None:
        sql, params = sql + " AND day <= ?", [*params, q.until]
    return sql, params


def like_pattern(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, with `\\`, `%` and `_` taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def event_conditions(q: EventQuery) -> tuple[list[str], list[Any]]:
    """SQL conditions (to AND together) and their parameters, in order."""
    conds: list[str] = []
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        conds.append(sql)
        params.extend(values)

    days, day_params = _days(q)
    if q.actor is not None:
        add(_ACTOR.format(days=days), q.actor, q.actor, q.actor.lower(), *day_params)
    if q.dyad is not None:
        a, b = q.dyad
        add(_DYAD.format(days=days), a, a, b, b, *day_params)
    if q.type is not None:
        add("e.type = ?", q.type)
    if q.quad_class is not None:
        add("e.quad_class = ?", q.quad_class)
    if q.modality is not None:
        add("e.modality = ?", q.modality)
    if q.min_confidence is not None:
        add("e.confidence >= ?", q.min_confidence)
    if q.since is not None:
        add("e.day >= ?", q.since)
    if q.until is not None:
        add("e.day <= ?", q.until)
    if q.text:
        add("e.sentence ILIKE ? ESCAPE '\\'", like_pattern(q.text))
    return conds, params


def where_clause(q: EventQuery, *extra: str) -> tuple[str, list[Any]]:
    """`WHERE ...` (or '') for `q` plus any extra parameter-free conditions."""
    conds, params = event_conditions(q)
    conds.extend(extra)
    return ("WHERE " + " AND ".join(conds) if conds else ""), params


def is_empty(q: EventQuery) -> bool:
    return not event_conditions(q)[0]
