"""Read queries the Store protocol does not offer, as parameterised SQL that runs on both
backends (DuckDB and PostgreSQL). Values always travel as parameters, never inside the SQL."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from accord.store.base import Counting, EventQuery, Store


def _counting() -> Counting:
    from accord.store.base import Counting

    return Counting()

_IDS = "(SELECT unnest(CAST(? AS TEXT[])))"
# The store's own `actor` filter: an actor id, an actor code, or the text as written.
_ACTOR = "role IN ('source', 'target') AND (actor_id = ? OR code = ? OR text_lc = ?)"
_ACTOR_A = "a.role IN ('source', 'target') AND (a.actor_id = ? OR a.code = ? OR a.text_lc = ?)"
_PERIOD = "CAST(date_trunc(?, CAST(e.day AS TIMESTAMP)) AS DATE)"


def like(text: str) -> str:
    """A lower-case LIKE pattern matching `text` anywhere; `\\`, `%` and `_` taken literally."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _actor_params(key: str) -> list[Any]:
    return [key, key, key.lower()]


def _rules(rules: Counting | None) -> tuple[str, list[Any]]:
    """` AND ...` conditions over `events e` for the counting rules (None: the defaults)."""
    conds, params = (rules if rules is not None else _counting()).conditions("e")
    return "".join(f" AND {c}" for c in conds), params


def store_actors(store: Store, q: str | None, limit: int, rules: Counting | None = None) -> list[dict[str, Any]]:
    """Resolved actors in the store (by actor id, else code) whose key, name or text contains
    `q`, with the number of their events that `rules` count, busiest first. An actor whose events
    are all uncounted (negated, hypothetical, ...) is still listed, with 0."""
    cond, params = "", []
    if q:
        cond = """ AND (lower(a.actor_key) LIKE ? ESCAPE '\\' OR lower(coalesce(a.name, '')) LIKE ? ESCAPE '\\'
            OR a.text_lc LIKE ? ESCAPE '\\')"""
        params = [like(q)] * 3
    counted, cparams = _rules(rules)
    sql = f"""SELECT a.actor_key, max(a.name), max(a.code),
            count(DISTINCT CASE WHEN TRUE{counted} THEN a.event_id END) AS n
        FROM event_actors a JOIN events e ON e.id = a.event_id
        WHERE a.actor_key IS NOT NULL AND a.role IN ('source', 'target'){cond}
        GROUP BY a.actor_key ORDER BY n DESC, a.actor_key LIMIT ?"""
    return [{"id": k, "name": name, "code": code, "events": int(n)}
            for k, name, code, n in store.query(sql, [*cparams, *params, limit])]


def event_counts(store: Store, keys: list[str], rules: Counting | None = None) -> dict[str, int]:
    """Events per actor key (actor id, else code) that `rules` count."""
    if not keys:
        return {}
    counted, cparams = _rules(rules)
    sql = f"""SELECT a.actor_key, count(DISTINCT a.event_id) FROM event_actors a JOIN events e ON e.id = a.event_id
        WHERE a.role IN ('source', 'target') AND a.actor_key IN {_IDS}{counted} GROUP BY a.actor_key"""
    return {k: int(n) for k, n in store.query(sql, [keys, *cparams])}


def names(store: Store, keys: list[str]) -> dict[str, str]:
    """The name stored with each actor key, where one was stored."""
    if not keys:
        return {}
    sql = f"SELECT actor_key, max(name) FROM event_actors WHERE actor_key IN {_IDS} GROUP BY actor_key"
    return {k: n for k, n in store.query(sql, (keys,)) if n}


def actor_totals(store: Store, key: str, rules: Counting | None = None) -> dict[str, int]:
    """The actor's events that `rules` count (`total`, `as_source`, `as_target`) and every stored
    event of the actor (`stored`), whatever its modality or confidence."""
    counted, cparams = _rules(rules)
    sql = f"""SELECT count(DISTINCT CASE WHEN TRUE{counted} THEN a.event_id END),
        count(DISTINCT CASE WHEN a.role = 'source'{counted} THEN a.event_id END),
        count(DISTINCT CASE WHEN a.role = 'target'{counted} THEN a.event_id END),
        count(DISTINCT a.event_id)
        FROM event_actors a JOIN events e ON e.id = a.event_id WHERE {_ACTOR_A}"""
    total, source, target, stored = store.query(sql, [*cparams, *cparams, *cparams, *_actor_params(key)])[0]
    return {"total": int(total), "as_source": int(source), "as_target": int(target), "stored": int(stored)}


def actor_periods(store: Store, key: str, by: str, rules: Counting | None = None) -> list[dict[str, Any]]:
    """Per period: the actor's counted events by QuadClass, total and mean Goldstein."""
    quads = ", ".join(f"sum(CASE WHEN e.quad_class = {q} THEN 1 ELSE 0 END)" for q in (1, 2, 3, 4))
    counted, cparams = _rules(rules)
    sql = f"""SELECT {_PERIOD} AS period, {quads}, count(*), avg(e.goldstein) FROM events e
        WHERE e.day IS NOT NULL AND e.id IN (SELECT event_id FROM event_actors WHERE {_ACTOR}){counted}
        GROUP BY 1 ORDER BY 1"""
    return [{"period": p.isoformat(), "quad1": int(q1), "quad2": int(q2), "quad3": int(q3),
             "quad4": int(q4), "total": int(n), "goldstein_mean": round(float(g), 4)}
            for p, q1, q2, q3, q4, n, g in store.query(sql, [by, *_actor_params(key), *cparams])]


def actor_types(store: Store, key: str, rules: Counting | None = None) -> list[dict[str, Any]]:
    """The actor's counted events per type, most first."""
    counted, cparams = _rules(rules)
    sql = f"""SELECT e.type, count(*) AS n FROM events e
        WHERE e.id IN (SELECT event_id FROM event_actors WHERE {_ACTOR}){counted} GROUP BY 1 ORDER BY n DESC, 1"""
    return [{"type": t, "count": int(n)} for t, n in store.query(sql, [*_actor_params(key), *cparams])]


def actor_codes(store: Store, key: str, limit: int = 50) -> list[dict[str, Any]]:
    """How the actor was coded over time, in every stored event whatever its modality (a coding
    record, not a count of what happened): code and role title with first and last day seen."""
    sql = f"""SELECT a.code, a.role_title, min(e.day), max(e.day), count(DISTINCT a.event_id) AS n
        FROM event_actors a JOIN events e ON e.id = a.event_id
        WHERE {_ACTOR_A}
        GROUP BY 1, 2 ORDER BY 3 NULLS LAST, 1 NULLS LAST, 2 NULLS LAST LIMIT ?"""
    return [{"code": c, "role": r, "first": _iso(f), "last": _iso(la), "events": int(n)}
            for c, r, f, la, n in store.query(sql, [*_actor_params(key), limit])]


def locations(store: Store, query: EventQuery, limit: int, rules: Counting | None = None) -> list[dict[str, Any]]:
    """Places of the counted events matching `query`, with event counts and mean Goldstein."""
    conds, cparams = (rules if rules is not None else _counting()).conditions("e")
    where, params = query.sql_where("e.loc_lat IS NOT NULL", "e.loc_lon IS NOT NULL")
    if conds:
        where += " AND " + " AND ".join(conds)
        params = [*params, *cparams]
    sql = f"""SELECT e.loc_name, e.loc_country, e.loc_lat, e.loc_lon, count(*) AS n, avg(e.goldstein),
        sum(CASE WHEN e.quad_class IN (1, 2) THEN 1 ELSE 0 END)
        FROM events e {where} GROUP BY 1, 2, 3, 4 ORDER BY n DESC, 1, 3, 4 LIMIT ?"""
    return [{"name": name, "country": country, "lat": lat, "lon": lon, "events": int(n),
             "goldstein_mean": round(float(g), 4), "cooperation": int(coop)}
            for name, country, lat, lon, n, g, coop in store.query(sql, [*params, limit])]


def document_event_ids(store: Store, doc_id: str) -> list[str]:
    sql = "SELECT id FROM events WHERE doc_id = ? ORDER BY sentence_index, trigger_start, id"
    return [r[0] for r in store.query(sql, (doc_id,))]


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
