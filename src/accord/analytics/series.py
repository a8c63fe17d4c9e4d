"""Counts over time and rankings, computed by SQL inside the store (DuckDB or PostgreSQL).

Everything counts *stories* by default (one real-world event, however many articles report it)
and *reports* (coded events, one per article sentence) when `count="reports"`. A story is placed
on its first day; a report on its day (the event date, else the publication date). Actors are
matched by actor id or actor code; rankings group by actor id, else code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Literal

from accord.analytics.counting import (
    COUNT_UNITS,
    DIRECTIONS,
    PERIODS,
    SIDE,
    Counting,
    check_choice,
    side_params,
)
from accord.errors import StoreError

if TYPE_CHECKING:
    from accord.analytics.counting import CountUnit, Database, Direction, Period

_PERIOD = "CAST(date_trunc(?, CAST(day AS TIMESTAMP)) AS DATE)"
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


def facts(count: str, rules: Counting | None = None, period: str | None = None,
          inner: tuple[str, list[Any]] = ("", [])) -> tuple[str, list[Any]]:
    """A sub-query with one row per (unit, source, target) of the counted events, and its parameters.

    Columns: unit (event or story id), source_key, source_code, source_country, target_key,
    target_code, target_country, day, quad_class, goldstein, type. A report is counted on its
    day. A story counts when one of its events is counted, on its first day, with its QuadClass
    (its anchor's) and mean Goldstein. `rules` (default: the counting defaults) select the
    events; `period` drops events whose date is coarser than the period; `inner` is an extra
    condition on the event dyads (` AND ...` over columns of `event_dyads`), pushed inside so the
    story test scans only the events that can matter.
    """
    check_choice("count", count, COUNT_UNITS)
    rules = rules if rules is not None else Counting()
    conds, params = rules.conditions("", period, inferred=True)
    where = " AND ".join(conds) if conds else "TRUE"
    columns = """source_key, source_code, source_country, target_key, target_code, target_country, day,
        quad_class, goldstein, type"""
    if count == "reports":
        return f"(SELECT event_id AS unit, {columns} FROM event_dyads WHERE {where})", params
    if rules.include_inferred:  # story_dyads hold named actors only: build the pairs from the events
        sql = f"""(SELECT DISTINCT m.story_id AS unit, d.source_key, d.source_code, d.source_country, d.target_key,
            d.target_code, d.target_country, s.first_seen AS day, s.quad_class, s.goldstein, s.type
            FROM event_dyads d JOIN story_members m ON m.event_id = d.event_id
            JOIN story_events s ON s.id = m.story_id WHERE {where})"""
        return sql, params
    sql = f"""(SELECT story_id AS unit, {columns} FROM story_dyads WHERE story_id IN (
        SELECT m.story_id FROM event_dyads JOIN story_members m ON m.event_id = event_dyads.event_id
        WHERE {where}{inner[0]}))"""
    return sql, [*params, *inner[1]]


def _period(by: str) -> str:
    check_choice("period", by, PERIODS)
    return by


def _window(since: dt.date | None, until: dt.date | None, column: str = "day") -> tuple[str, list[Any]]:
    sql, params = "", []
    if since is not None:
        sql, params = sql + f" AND {column} >= ?", [since]
    if until is not None:
        sql, params = sql + f" AND {column} <= ?", [*params, until]
    return sql, params


def _direction(a: str, b: str, direction: str) -> tuple[str, list[Any]]:
    check_choice("direction", direction, DIRECTIONS)
    src, tgt = SIDE.format(side="source"), SIDE.format(side="target")
    pa, pb = side_params(a), side_params(b)
    forward, backward = (f"({src} AND {tgt})", pa + pb), (f"({src} AND {tgt})", pb + pa)
    if direction == "a_to_b":
        return forward
    if direction == "b_to_a":
        return backward
    return f"({forward[0]} OR {backward[0]})", forward[1] + backward[1]


def dyad_series(
    db: Database, a: str, b: str, *, by: Period = "month", direction: Direction = "both",
    count: CountUnit = "stories", since: dt.date | None = None, until: dt.date | None = None,
    rules: Counting | None = None,
) -> list[SeriesRow]:
    """Per period: counts by QuadClass 1-4, total, Goldstein sum and mean, between actors a and b
    (actor ids, codes, or 3-letter countries: USA matches every actor of the United States).

    Only events dated at least as finely as the period count (a year-only date is in no month).
    Periods with nothing are filled in with zeros between the first and the last period found.
    """
    cond, params = _direction(a, b, direction)
    window, wparams = _window(since, until)
    table, fparams = facts(count, rules, _period(by), (f" AND {cond}{window}", [*params, *wparams]))
    quads = ", ".join(f"sum(CASE WHEN quad_class = {q} THEN 1 ELSE 0 END)" for q in (1, 2, 3, 4))
    sql = f"""SELECT {_PERIOD} AS period, {quads}, count(*), sum(goldstein), avg(goldstein)
        FROM (SELECT DISTINCT unit, day, quad_class, goldstein FROM {table} x
              WHERE day IS NOT NULL AND {cond}{window}) x
        GROUP BY 1 ORDER BY 1"""
    rows = db.query(sql, [by, *fparams, *params, *wparams])
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


Group = Literal["actor", "country"]
GROUPS: tuple[str, ...] = ("actor", "country")


def _group(group: str) -> str:
    check_choice("group", group, GROUPS)
    return "key" if group == "actor" else "country"


def top_actors(
    db: Database, since: dt.date | None = None, until: dt.date | None = None, n: int = 20,
    *, count: CountUnit = "stories", rules: Counting | None = None, group: Group = "actor",
) -> list[ActorCount]:
    """The n actors (as source or target) in the most stories or reports; ties by key.

    `group="country"` ranks countries: every actor whose code belongs to the country counts for it.
    """
    column = _group(group)
    window, wparams = _window(since, until)
    table, fparams = facts(count, rules, None, (window, wparams))
    sides = " UNION ALL ".join(
        f"SELECT unit, {side}_{column} AS key FROM {table} x WHERE {side}_{column} IS NOT NULL{window}"
        for side in ("source", "target")
    )
    sql = f"SELECT key, count(DISTINCT unit) AS n FROM ({sides}) x GROUP BY key ORDER BY n DESC, key LIMIT ?"
    rows = db.query(sql, [*fparams, *wparams, *fparams, *wparams, _positive(n)])
    names = _names(db, [r[0] for r in rows]) if group == "actor" else {}
    return [ActorCount(key, names.get(key), int(c)) for key, c in rows]


def _names(db: Database, keys: list[str]) -> dict[str, str | None]:
    if not keys:
        return {}
    sql = f"""SELECT actor_key, max(name) FROM event_actors
        WHERE (actor_id IN {_IDS} OR code IN {_IDS}) AND actor_key IN {_IDS} GROUP BY actor_key"""
    return {k: name for k, name in db.query(sql, (keys, keys, keys))}


def top_dyads(
    db: Database, since: dt.date | None = None, until: dt.date | None = None, n: int = 20,
    *, count: CountUnit = "stories", rules: Counting | None = None, group: Group = "actor",
) -> list[DyadCount]:
    """The n directed (source, target) pairs with the most stories or reports; ties by keys."""
    column = _group(group)
    window, wparams = _window(since, until)
    table, fparams = facts(count, rules, None, (window, wparams))
    sql = f"""SELECT s, t, count(*) AS n, avg(goldstein) FROM (
            SELECT DISTINCT unit, source_{column} AS s, target_{column} AS t, goldstein FROM {table} x
            WHERE source_{column} IS NOT NULL AND target_{column} IS NOT NULL{window}) y
        GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?"""
    rows = db.query(sql, [*fparams, *wparams, _positive(n)])
    return [DyadCount(s, t, int(c), float(g)) for s, t, c, g in rows]


def type_mix(
    db: Database, by: Period = "month", *, count: CountUnit = "stories",
    since: dt.date | None = None, until: dt.date | None = None, rules: Counting | None = None,
) -> list[TypeMixRow]:
    """Per period and PLOVER type, the number of stories or reports (a story on the first day
    of its counted members)."""
    check_choice("count", count, COUNT_UNITS)
    rules = rules if rules is not None else Counting()
    conds, cparams = rules.conditions("e", _period(by))
    where = ("WHERE " + " AND ".join(conds)) if conds else ""
    if count == "stories":
        source = f"""(SELECT first_seen AS day, type FROM story_events WHERE id IN (
            SELECT m.story_id FROM events e JOIN story_members m ON m.event_id = e.id {where}))"""
    else:
        source = f"(SELECT e.day, e.type FROM events e {where})"
    window, wparams = _window(since, until)
    sql = f"""SELECT {_PERIOD} AS period, type, count(*) FROM {source} x
        WHERE day IS NOT NULL{window} GROUP BY 1, 2 ORDER BY 1, 2"""
    return [TypeMixRow(p, t, int(c)) for p, t, c in db.query(sql, [by, *cparams, *wparams])]


def coverage(
    db: Database, rules: Counting | None = None, since: dt.date | None = None, until: dt.date | None = None,
    period: str | None = None,
) -> tuple[int, int]:
    """(events counted under `rules`, events stored) in the window: what a view says it counted."""
    rules = rules if rules is not None else Counting()
    conds, cparams = rules.conditions("e", period)
    window, wparams = _window(since, until, "e.day")
    counted = " AND ".join(conds) if conds else "TRUE"
    sql = f"""SELECT count(CASE WHEN {counted} THEN 1 END), count(*) FROM events e WHERE TRUE{window}"""
    n, total = db.query(sql, [*cparams, *wparams])[0]
    return int(n), int(total)


def counted_note(db: Database, rules: Counting | None = None, since: dt.date | None = None,
                 until: dt.date | None = None, period: str | None = None) -> str:
    """'asserted+reported, confidence >= 0.3, 412 of 717 events'."""
    rules = rules if rules is not None else Counting()
    n, total = coverage(db, rules, since, until, period)
    return f"{rules.describe(period)}, {n} of {total} events"


def _positive(n: int) -> int:
    if n < 1:
        raise StoreError(f"n must be 1 or more, got {n}", input=str(n))
    return n
