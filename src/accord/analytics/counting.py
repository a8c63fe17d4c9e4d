"""The counting rules, in one place: what an aggregate counts, and the filters every reader shares.

Both the store (`accord.store`) and the analytics SQL (`series`, `network`, `stories`) import
this module; it imports neither, so the dependency runs one way: store -> analytics -> counting.

* `Counting` holds the rules every aggregate applies (dyad series, top actors and dyads,
  network, map, type mix, stories, summary): which modalities count (default: asserted and
  reported), the lowest confidence (default 0.3), which date granularities (default: all that
  fit the period asked for), and whether inferred actors ("unidentified" attackers, "implied"
  targets) count as actors of their country (default: no).
* `EventQuery` holds the filters of event listings and exports.
* The actor keys (`actor_key`, `story_key`, `dyad_keys`, ...) say which actor an event counts for.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Literal, Protocol

from accord.errors import StoreError
from accord.types import INFERRED_ROLES, MODALITIES, ActorRef, Event

Dialect = Literal["duckdb", "postgres"]
Period = Literal["day", "week", "month", "year"]
Direction = Literal["both", "a_to_b", "b_to_a"]
CountUnit = Literal["stories", "reports"]

PERIODS: tuple[str, ...] = ("day", "week", "month", "year")
DIRECTIONS: tuple[str, ...] = ("both", "a_to_b", "b_to_a")
COUNT_UNITS: tuple[str, ...] = ("stories", "reports")
GRANULARITIES: tuple[str, ...] = ("day", "month", "year", "range", "unresolved")

DEFAULT_MODALITIES: tuple[str, ...] = ("asserted", "reported")
DEFAULT_MIN_CONFIDENCE = 0.3

# The coarsest date granularity a period can hold: a year-only date cannot be put in a month.
_FITS: dict[str, tuple[str, ...]] = {
    "day": ("day",), "week": ("day",), "month": ("day", "month"), "year": ("day", "month", "year"),
}


def check_choice(name: str, value: str, valid: Sequence[str]) -> None:
    """Raise StoreError naming the valid choices when `value` is not one of them."""
    if value not in valid:
        raise StoreError(f"unknown {name} {value!r}", input=value, valid=", ".join(valid))


class Database(Protocol):
    """The few operations the shared SQL code needs from a backend connection.

    SQL uses `?` placeholders on every backend; values are always passed as parameters.
    """

    @property
    def dialect(self) -> Dialect: ...

    @property
    def location(self) -> str: ...

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None: ...

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    def stream(self, sql: str, params: Sequence[Any] = (), size: int = 10_000) -> Iterator[list[tuple[Any, ...]]]: ...

    def insert_lists(self, table: str, columns: Sequence[tuple[str, str]], lists: Sequence[Sequence[Any]]) -> None:
        """Insert len(lists[0]) rows in one statement; `lists` holds one list per column."""

    def transaction(self) -> AbstractContextManager[None]: ...

    def table_exists(self, name: str) -> bool: ...

    def close(self) -> None: ...


def render(sql: str, dialect: Dialect) -> str:
    """Fill the `{key}` type placeholder for one backend (keys sort by code point on both)."""
    return sql.replace("{key}", 'TEXT COLLATE "C"' if dialect == "postgres" else "TEXT")


# ---- actors ------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """ISO alpha-3 codes of the states in the knowledge base."""
    text = resources.files("accord").joinpath("data/actors/countries.csv").read_text(encoding="utf-8")
    return frozenset(row["iso3"] for row in csv.DictReader(text.splitlines()) if row.get("iso3"))


def country_of(code: str | None) -> str | None:
    """The ISO alpha-3 country of an actor code (`USAGOV` -> USA); None for IGOs, NGOs and the rest."""
    if not code or len(code) < 3:
        return None
    head = code[:3].upper()
    return head if head in countries() else None


def is_inferred(ref: ActorRef) -> bool:
    return ref.role in INFERRED_ROLES


def actor_key(ref: ActorRef) -> str | None:
    """The identity of a resolved actor: its id, else its code; None when unresolved or inferred
    (an "unidentified" attacker coded IRQ is not Iraq)."""
    if is_inferred(ref):
        return None
    return ref.actor_id or ref.code or None


def side_keys(refs: Iterable[ActorRef]) -> str:
    """The distinct resolved keys of one side, sorted by code point and joined with '+'."""
    return "+".join(sorted({k for k in map(actor_key, refs) if k}))


def story_key(event: Event) -> str:
    """`TYPE|sources|targets`; `TYPE|#event-id` when no actor is resolved (a story of its own)."""
    sources, targets = side_keys(event.sources), side_keys(event.targets)
    if not sources and not targets:
        return f"{event.type}|#{event.id}"
    return f"{event.type}|{sources}|{targets}"


Side = tuple[str | None, str | None]


def _named(refs: Iterable[ActorRef]) -> set[Side]:
    return {(k, r.code) for r in refs if (k := actor_key(r))}


def _inferred(refs: Iterable[ActorRef]) -> set[Side]:
    return {(r.code, r.code) for r in refs if is_inferred(r) and r.code}


def dyad_keys(event: Event) -> list[tuple[str | None, str | None, str | None, str | None]]:
    """(source key, source code, target key, target code) for each resolved pair of an event.

    A side with no resolved actor gives None on that side; no resolved actor at all gives [].
    Inferred actors are left out (see `inferred_dyad_keys`).
    """
    sources, targets = sorted(_named(event.sources), key=str), sorted(_named(event.targets), key=str)
    if not sources and not targets:
        return []
    return [(s[0], s[1], t[0], t[1]) for s in sources or [(None, None)] for t in targets or [(None, None)]]


def inferred_dyad_keys(event: Event) -> list[tuple[str | None, str | None, str | None, str | None]]:
    """The pairs that exist only when inferred actors count (keyed by their code); [] when none."""
    inf_s, inf_t = _inferred(event.sources), _inferred(event.targets)
    if not inf_s and not inf_t:
        return []
    sources = _named(event.sources) | inf_s
    targets = _named(event.targets) | inf_t
    pairs = {(s, t) for s in (sources or {(None, None)}) for t in (targets or {(None, None)})
             if s in inf_s or t in inf_t}
    named = set(map(tuple, dyad_keys(event)))
    rows = {(s[0], s[1], t[0], t[1]) for s, t in pairs}
    return sorted(rows - named, key=str)


# ---- the counting rules ------------------------------------------------------------------------

def _values(name: str, value: str | Sequence[str] | None, valid: Sequence[str]) -> tuple[str, ...] | None:
    """None/'all' -> None (no filter); 'a,b' or ['a', 'b'] -> ('a', 'b'), each checked."""
    if value is None:
        return None
    items = [value] if isinstance(value, str) else list(value)
    parts = [p.strip() for item in items for p in str(item).split(",") if p.strip()]
    if not parts or "all" in parts:
        return None
    for p in parts:
        check_choice(name, p, valid)
    return tuple(dict.fromkeys(parts))


_UNSET: Any = object()


@dataclass(frozen=True, slots=True)
class Counting:
    """What an aggregate counts. The default counts asserted and reported events coded with
    confidence 0.3 or more, at any date granularity that fits the period, named actors only.

    `modality`: the modalities counted (None: all); `min_confidence`: the lowest confidence
    (None or 0: all); `granularity`: the date granularities counted (None: all that fit);
    `include_inferred`: count inferred actors ("unidentified", "implied") under their code.
    """

    modality: tuple[str, ...] | None = DEFAULT_MODALITIES
    min_confidence: float | None = DEFAULT_MIN_CONFIDENCE
    granularity: tuple[str, ...] | None = None
    include_inferred: bool = False

    @classmethod
    def of(cls, modality: str | Sequence[str] | None = _UNSET, min_confidence: float | None = _UNSET,
           granularity: str | Sequence[str] | None = _UNSET, include_inferred: bool | None = None) -> Counting:
        """Rules from loose values: a comma-separated string or a list; 'all' or None: no filter;
        an argument left out keeps the default."""
        d = cls()
        mod = d.modality if modality is _UNSET else _values("modality", modality, MODALITIES)
        gran = d.granularity if granularity is _UNSET else _values("granularity", granularity, GRANULARITIES)
        conf = d.min_confidence if min_confidence is _UNSET else min_confidence
        if conf is not None and not 0 <= conf <= 1:
            raise StoreError(f"bad min_confidence {conf!r}", input=str(conf), valid="0 to 1")
        return cls(mod, conf, gran, bool(include_inferred) if include_inferred is not None else False)

    @classmethod
    def everything(cls) -> Counting:
        """Every stored event and actor (the counts before issue 13)."""
        return cls(None, None, None, True)

    def granularities(self, period: str | None = None) -> tuple[str, ...] | None:
        """The granularities counted in `period` (None: no restriction)."""
        if period is None:
            return self.granularity
        fits = _FITS[period]
        return tuple(g for g in fits if self.granularity is None or g in self.granularity)

    def conditions(self, alias: str = "", period: str | None = None, *, inferred: bool = False) -> tuple[list[str], list[Any]]:
        """SQL conditions and parameters over a table with `modality`, `confidence`,
        `day_granularity` (and `inferred` when `inferred=True`) columns."""
        p = f"{alias}." if alias else ""
        conds: list[str] = []
        params: list[Any] = []
        if self.modality is not None:
            conds.append(f"{p}modality IN ({', '.join('?' for _ in self.modality)})")
            params += list(self.modality)
        if self.min_confidence:
            conds.append(f"{p}confidence >= ?")
            params.append(self.min_confidence)
        grans = self.granularities(period)
        if grans is not None:
            if grans:
                conds.append(f"{p}day_granularity IN ({', '.join('?' for _ in grans)})")
                params += list(grans)
            else:
                conds.append("1 = 0")
        if inferred and not self.include_inferred:
            conds.append(f"NOT {p}inferred")
        return conds, params

    def describe(self, period: str | None = None) -> str:
        """'asserted+reported, confidence >= 0.3' and the like."""
        parts = ["+".join(self.modality) if self.modality else "every modality"]
        if self.min_confidence:
            parts.append(f"confidence >= {self.min_confidence:g}")
        grans = self.granularities(period)
        if grans is not None:
            parts.append(f"dated to the {'/'.join(grans) or 'nothing'}")
        if self.include_inferred:
            parts.append("inferred actors included")
        return ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {"modality": list(self.modality) if self.modality else None, "min_confidence": self.min_confidence,
                "granularity": list(self.granularity) if self.granularity else None,
                "include_inferred": self.include_inferred}


def day_granularity(event: Event, published: dt.date | None) -> str:
    """The precision of the day an event is counted on: its date's granularity, else 'day' for the
    publication date, else 'unresolved'."""
    if event.date is not None:
        return event.date_granularity if event.date_granularity != "unresolved" else "day"
    return "day" if published is not None else "unresolved"


# ---- event filters -----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class EventQuery:
    """Filters shared by `Store.events`, `Store.stories` and the exports. All optional, ANDed.

    `actor` matches an actor id, an actor code, or (case-insensitively) the text of a source or
    target; `country` an ISO alpha-3 code every source or target of that country matches;
    `dyad` is (source, target), each matched against actor id, code or country; `since`/`until`
    bound the event day (the event date, else the publication date), both inclusive; `text` is a
    case-insensitive substring of the sentence; `modality` and `granularity` take one value or
    several; `actors` (set by name resolution) matches any of several actor ids, or-ed with `actor`
    when both are given ("Donald Trump" as written, or the actor donald_trump however written).
    """

    actor: str | None = None
    dyad: tuple[str, str] | None = None
    type: str | None = None
    quad_class: int | None = None
    modality: str | tuple[str, ...] | None = None
    min_confidence: float | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    text: str | None = None
    country: str | None = None
    granularity: str | tuple[str, ...] | None = None
    actors: tuple[str, ...] | None = field(default=None)

    def __post_init__(self) -> None:
        if self.quad_class is not None and self.quad_class not in (1, 2, 3, 4):
            raise StoreError(f"bad quad_class {self.quad_class!r}", input=str(self.quad_class), valid="1, 2, 3, 4")
        if self.modality is not None:
            for m in ([self.modality] if isinstance(self.modality, str) else self.modality):
                if m not in MODALITIES:
                    raise StoreError(f"bad modality {m!r}", input=str(m), valid=", ".join(MODALITIES))
        if self.granularity is not None:
            for g in ([self.granularity] if isinstance(self.granularity, str) else self.granularity):
                check_choice("granularity", g, GRANULARITIES)
        if self.dyad is not None and len(self.dyad) != 2:
            raise StoreError(f"a dyad is two actors, got {self.dyad!r}", input=str(self.dyad))
        if self.since and self.until and self.since > self.until:
            raise StoreError(f"since {self.since} is after until {self.until}", input=str(self.since))

    @classmethod
    def counted(cls, rules: Counting, **filters: Any) -> EventQuery:
        """The events an aggregate with `rules` counts (the inferred-actor rule aside)."""
        return cls(modality=rules.modality, min_confidence=rules.min_confidence or None,
                   granularity=rules.granularity, **filters)

    def sql_where(self, *extra: str) -> tuple[str, list[Any]]:
        """`WHERE ...` on the `events` table aliased `e` (or ''), and its parameters."""
        return where_clause(self, *extra)


# The day bounds are repeated inside the actor and dyad sub-queries: both tables carry the event
# day, so the database skips whole blocks of rows outside the window before matching actors.
_ACTOR = """e.id IN (SELECT event_id FROM event_actors
    WHERE role IN ('source', 'target') AND (actor_id = ? OR code = ? OR text_lc = ?){days})"""
_ACTORS = """e.id IN (SELECT event_id FROM event_actors
    WHERE role IN ('source', 'target') AND actor_id IN (SELECT unnest(CAST(? AS TEXT[]))){days})"""
_COUNTRY = """e.id IN (SELECT event_id FROM event_actors
    WHERE role IN ('source', 'target') AND country = ?{days})"""
SIDE = "({side}_key = ? OR {side}_code = ? OR {side}_country = ?)"
_DYAD = f"""e.id IN (SELECT event_id FROM event_dyads
    WHERE {SIDE.format(side='source')} AND {SIDE.format(side='target')}{{days}})"""


def side_params(value: str) -> list[str]:
    """Parameters of `SIDE`: an actor id or code, or a country (a 3-letter ISO code)."""
    return [value, value, value.upper() if len(value) == 3 and value.upper() in countries() else ""]


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


def _in(column: str, values: str | tuple[str, ...]) -> tuple[str, list[Any]]:
    items = [values] if isinstance(values, str) else list(values)
    return f"{column} IN ({', '.join('?' for _ in items)})", items


def event_conditions(q: EventQuery) -> tuple[list[str], list[Any]]:
    """SQL conditions (to AND together) and their parameters, in order."""
    conds: list[str] = []
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        conds.append(sql)
        params.extend(values)

    days, day_params = _days(q)
    if q.actor is not None and q.actors is not None:  # the value as written, or the actors it names
        add(f"({_ACTOR.format(days=days)} OR {_ACTORS.format(days=days)})",
            q.actor, q.actor, q.actor.lower(), *day_params, list(q.actors), *day_params)
    elif q.actor is not None:
        add(_ACTOR.format(days=days), q.actor, q.actor, q.actor.lower(), *day_params)
    elif q.actors is not None:
        add(_ACTORS.format(days=days), list(q.actors), *day_params)
    if q.country is not None:
        add(_COUNTRY.format(days=days), q.country.upper(), *day_params)
    if q.dyad is not None:
        a, b = q.dyad
        add(_DYAD.format(days=days), *side_params(a), *side_params(b), *day_params)
    if q.type is not None:
        add("e.type = ?", q.type.upper())
    if q.quad_class is not None:
        add("e.quad_class = ?", q.quad_class)
    if q.modality is not None:
        add(*_sql_in("e.modality", q.modality))
    if q.min_confidence is not None:
        add("e.confidence >= ?", q.min_confidence)
    if q.granularity is not None:
        add(*_sql_in("e.day_granularity", q.granularity))
    if q.since is not None:
        add("e.day >= ?", q.since)
    if q.until is not None:
        add("e.day <= ?", q.until)
    if q.text:
        add("e.sentence ILIKE ? ESCAPE '\\'", like_pattern(q.text))
    return conds, params


def _sql_in(column: str, values: str | tuple[str, ...]) -> tuple[Any, ...]:
    sql, items = _in(column, values)
    return (sql, *items)


def where_clause(q: EventQuery, *extra: str) -> tuple[str, list[Any]]:
    """`WHERE ...` (or '') for `q` plus any extra parameter-free conditions."""
    conds, params = event_conditions(q)
    conds.extend(extra)
    return ("WHERE " + " AND ".join(conds) if conds else ""), params


def is_empty(q: EventQuery) -> bool:
    return not event_conditions(q)[0]
