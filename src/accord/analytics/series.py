"""Counts over time and rankings, computed by SQL inside the store (DuckDB or PostgreSQL).

Everything counts *stories* by default (one real-world event, however many articles report it)
and *reports* (coded events, one per article sentence) when `count="reports"`. A story is placed
on its first day; a report on its day (the event date, else the publication date). Actors are
matched by actor id or actor code; rankings group by actor id, else code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from accord.errors import StoreError

if TYPE_CHECKING:
    from accord.store.base import CountUnit, Database, Direction, Period

_PERIOD = "CAST(date_trunc(?, CAST(day AS TIMESTAMP)) AS DATE)"
_SIDE = "({side}_key = ? OR {side}_code = ?)"
_IDS = "(SELECT unnest(CAST(? AS TEXT[])))"


@dataclass(frozen=True, slots=True)
class SeriesRow:
    period: dt.date
    quad1: int
    quad2: int
    quad3: int
    quad4: int
    total: int
    goldstein_sum: float
    goldstein_mean: float | None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["period"] = self.period.isoformat()
        return d


@dataclass(frozen=True, slots=True)
class ActorCount:
    key: str
    name: str | None
    count: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class DyadCount:
    source: str
    target: str
    count: int
    goldstein_mean: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class TypeMixRow:
    period: dt.date
    type: str
    count: int

    def to_dict(self) -> dict[str, Any]:
        return {"period": self.period.isoformat(), "type": self.type, "count": self.count}


def _choice(name: str, value: str, valid: tuple[str, ...]) -> None:
    from accord.store.base import check_choice

    check_choice(name, value, valid)


def facts(count: str) -> tuple[str, str]:
    """(table, unit id column) holding one row per (unit, source, target) for the count unit."""
    from accord.store.base import COUNT_UNITS

    _choice("count", count, COUNT_UNITS)
    return ("story_dyads", "story_id") if count == "stories" else ("event_dyads", "event_id")


def _period(by: str) -> str:
    from accord.store.base import PERIODS

    _choice("period", by, PERIODS)
    return by


def _window(since: dt.date | None, until: dt.date | None, column: str = "day") -> tuple[str, list[Any]]:
    sql, params = "", []
    if since is not None:
        sql, params = sql + f" AND {column} >= ?", [since]
    if until is not None:
        sql, params = sql + f" AND {column} <= ?", [*params, until]
    return sql, params


def _direction(a: str, b: str, direction: str) -> tuple[str, list[Any]]:
    from accord.store.base import DIRECTIONS

    _choice("direction", direction, DIRECTIONS)
    src, tgt = _SIDE.format(side="source"), _SIDE.format(side="target")
    forward, backward = (f"({src} AND {tgt})", [a, a, b, b]), (f"({src} AND {tgt})", [b, b, a, a])
    if direction == "a_to_b":
        return forward
    if direction == "b_to_a":
        return backward
    return f"({forward[0]} OR {backward[0]})", forward[1] + backward[1]


def dyad_series(
    db: Database, a: str, b: str, *, by: Period = "month", direction: Direction = "both",
    count: CountUnit = "stories", since: dt.date | None = None, until: dt.date | None = None,
) -> list[SeriesRow]:
    """Per period: counts by QuadClass 1-4, total, Goldstein sum and mean, between actors a and b.

    Periods with nothing are filled in with zeros between the first and the last period found.
    """
    table, unit = facts(count)
    cond, params = _direction(a, b, direction)
    window, wparams = _window(since, until)
    quads = ", ".join(f"sum(CASE WHEN quad_class = {q} THEN 1 ELSE 0 END)" for q in (1, 2, 3, 4))
    sql = f"""SELECT {_PERIOD} AS period, {quads}, count(*), sum(goldstein), avg(goldstein)
        FROM (SELECT DISTINCT {unit}, day, quad_class, goldstein FROM {table}
              WHERE day IS NOT NULL AND {cond}{window}) x
        GROUP BY 1 ORDER BY 1"""
    rows = db.query(sql, [_period(by), *params, *wparams])
    found = {
        r[0]: SeriesRow(r[0], int(r[1]), int(r[2]), int(r[3]), int(r[4]), int(r[5]), float(r[6]), float(r[7]))
        for r in rows
    }
    return [found.get(p) or SeriesRow(p, 0, 0, 0, 0, 0, 0.0, None) for p in _periods(list(found), by)]


def _periods(found: list[dt.date], by: str) -> list[dt.date]:
    if not found:
        return []
    out, current, last = [], min(found), max(found)
    while current <= last:
        out.append(current)
        current = next_period(current, by)
    return out


def next_period(start: dt.date, by: str) -> dt.date:
    """The start of the period after the one starting on `start`."""
    if by in ("day", "week"):
        return start + dt.timedelta(days=1 if by == "day" else 7)
    if by == "month":
        return dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return dt.date(start.year + 1, 1, 1)


def top_actors(
    db: Database, since: dt.date | None = None, until: dt.date | None = None, n: int = 20,
    *, count: CountUnit = "stories",
) -> list[ActorCount]:
    """The n actors (as source or target) in the most stories or reports; ties by key."""
    table, unit = facts(count)
    window, wparams = _window(since, until)
    sides = " UNION ALL ".join(
        f"SELECT {unit} AS unit, {side}_key AS key FROM {table} WHERE {side}_key IS NOT NULL{window}"
        for side in ("source", "target")
    )
    sql = f"SELECT key, count(DISTINCT unit) AS n FROM ({sides}) x GROUP BY key ORDER BY n DESC, key LIMIT ?"
    rows = db.query(sql, [*wparams, *wparams, _positive(n)])
    names = _names(db, [r[0] for r in rows])
    return [ActorCount(key, names.get(key), int(c)) for key, c in rows]


def _names(db: Database, keys: list[str]) -> dict[str, str | None]:
    if not keys:
        return {}
    sql = f"""SELECT actor_key, max(name) FROM event_actors
        WHERE (actor_id IN {_IDS} OR code IN {_IDS}) AND actor_key IN {_IDS} GROUP BY actor_key"""
    return {k: name for k, name in db.query(sql, (keys, keys, keys))}


def top_dyads(
    db: Database, since: dt.date | None = None, until: dt.date | None = None, n: int = 20,
    *, count: CountUnit = "stories",
) -> list[DyadCount]:
    """The n directed (source, target) pairs with the most stories or reports; ties by keys."""
    table, unit = facts(count)
    window, wparams = _window(since, until)
    sql = f"""SELECT source_key, target_key, count(DISTINCT {unit}) AS n, avg(goldstein) FROM {table}
        WHERE source_key IS NOT NULL AND target_key IS NOT NULL{window}
        GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?"""
    rows = db.query(sql, [*wparams, _positive(n)])
    return [DyadCount(s, t, int(c), float(g)) for s, t, c, g in rows]


def type_mix(
    db: Database, by: Period = "month", *, count: CountUnit = "stories",
    since: dt.date | None = None, until: dt.date | None = None,
) -> list[TypeMixRow]:
    """Per period and PLOVER type, the number of stories or reports."""
    facts(count)
    source = "(SELECT first_seen AS day, type FROM story_events)" if count == "stories" else "events"
    window, wparams = _window(since, until)
    sql = f"""SELECT {_PERIOD} AS period, type, count(*) FROM {source} x
        WHERE day IS NOT NULL{window} GROUP BY 1, 2 ORDER BY 1, 2"""
    return [TypeMixRow(p, t, int(c)) for p, t, c in db.query(sql, [_period(by), *wparams])]


def _positive(n: int) -> int:
    if n < 1:
        raise StoreError(f"n must be 1 or more, got {n}", input=str(n))
    return n
