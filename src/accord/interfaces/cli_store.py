"""Store commands for the `accord` CLI: query, stories, export. A thin layer over the Python API.

`register(cli)` adds them to the main click group. Errors are raised as accord.errors.StoreError
(one line); the main group prints them without a traceback.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from accord.analytics.export import FORMATS, export_events, export_format
from accord.errors import StoreError
from accord.store import EventQuery, Store, open_store
from accord.store.base import COUNT_UNITS, DIRECTIONS, PERIODS
from accord.types import MODALITIES, StoryEvent

F = TypeVar("F", bound=Callable[..., Any])
_DATE = click.DateTime(formats=["%Y-%m-%d"])
_OUTPUTS = ("table", "json", "csv")
_FILTER_NAMES = ("actor", "dyad", "type_", "quad_class", "modality", "min_confidence", "since", "until", "text")


def _db_option(f: F) -> F:
    return click.option(
        "--db", default="accord.duckdb", show_default=True, envvar="ACCORD_DB", metavar="FILE|URL",
        help="DuckDB file, :memory:, or postgresql://user@host:port/dbname (env ACCORD_DB).",
    )(f)


def _window_options(f: F) -> F:
    f = click.option("--until", type=_DATE, help="Last day included (YYYY-MM-DD).")(f)
    return click.option("--since", type=_DATE, help="First day included (YYYY-MM-DD).")(f)


def _count_option(f: F) -> F:
    return click.option("--count", type=click.Choice(COUNT_UNITS), default="stories", show_default=True,
                        help="Count story events (one per real-world event) or reports (one per article).")(f)


def _output_option(choices: Sequence[str] = _OUTPUTS) -> Callable[[F], F]:
    def decorate(f: F) -> F:
        return click.option("--format", "fmt", default="table", show_default=True, metavar="|".join(choices),
                            help="Output format.")(f)
    return decorate


def _open(db: str) -> Store:
    """Open an existing store; a DuckDB path that does not exist is an error, not a new file."""
    if "://" not in db and db != ":memory:" and not Path(db).exists():
        raise StoreError(f"no store at {db}", input=db,
                         valid="a DuckDB file written by accord, :memory:, or postgresql://...")
    return open_store(db)


def _event_filters(f: F) -> F:
    options = [
        click.option("--actor", help="Actor id, actor code, or source/target text (any case)."),
        click.option("--dyad", nargs=2, metavar="SOURCE TARGET", default=None,
                     help="Source and target, each an actor id or code."),
        click.option("--type", "type_", metavar="PLOVER", help="PLOVER event type, e.g. CONSULT."),
        click.option("--quad-class", type=click.IntRange(1, 4), help="CAMEO QuadClass 1-4."),
        click.option("--modality", type=click.Choice(MODALITIES)),
        click.option("--min-confidence", type=click.FloatRange(0, 1)),
        click.option("--text", help="Words the sentence contains (any case)."),
    ]
    f = _window_options(f)
    for option in reversed(options):
        f = option(f)
    return f


def _event_query(kwargs: dict[str, Any]) -> EventQuery:
    values = {name: kwargs.pop(name, None) for name in _FILTER_NAMES}
    return EventQuery(
        actor=values["actor"], dyad=tuple(values["dyad"]) if values["dyad"] else None,
        type=values["type_"], quad_class=values["quad_class"], modality=values["modality"],
        min_confidence=values["min_confidence"], since=_day(values["since"]), until=_day(values["until"]),
        text=values["text"],
    )


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


def _render(rows: Sequence[dict[str, Any]], fmt: str, choices: Sequence[str] = _OUTPUTS) -> str:
    if fmt not in choices:
        raise StoreError(f"unknown output format {fmt!r}", input=fmt, valid=", ".join(choices))
    if fmt == "json":
        return json.dumps(list(rows), indent=2, default=str)
    if not rows:
        return "(no rows)" if fmt == "table" else ""
    headers = list(rows[0])
    if fmt == "csv":
        buf = io.StringIO()
        plain = [["" if r[h] is None else _cell(r[h], exact=True) for h in headers] for r in rows]
        csv.writer(buf, lineterminator="\n").writerows([headers, *plain])
        return buf.getvalue().rstrip("\n")
    cells = [["" if r[h] is None else _cell(r[h]) for h in headers] for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    return "\n".join(lines)


def _cell(value: Any, exact: bool = False) -> str:
    if isinstance(value, float) and not exact:
        return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    if isinstance(value, (list, tuple)):
        return "+".join(map(str, value))
    return str(value)


@click.group("query")
def query() -> None:
    """Ask the store: dyad series, top actors and dyads, type mix, the actor network.

    \b
    Example: accord query dyad USAGOV RUSGOV --by month
    """


@query.command("dyad")
@click.argument("a")
@click.argument("b")
@click.option("--by", type=click.Choice(PERIODS), default="month", show_default=True)
@click.option("--direction", type=click.Choice(DIRECTIONS), default="both", show_default=True,
              help="A->B, B->A, or both.")
@_count_option
@_window_options
@_output_option()
@_db_option
def dyad(a: str, b: str, by: str, direction: str, count: str, since: dt.datetime | None,
         until: dt.datetime | None, fmt: str, db: str) -> None:
    """Counts per period between actors A and B (ids or codes): QuadClass 1-4 and Goldstein.

    \b
    Example: accord query dyad USAGOV RUSGOV --by month --format csv
    """
    with _open(db) as store:
        rows = store.dyad_series(a, b, by=by, direction=direction, count=count,  # type: ignore[arg-type]
                                 since=_day(since), until=_day(until))
    click.echo(_render([r.to_dict() for r in rows], fmt))


@query.command("top-actors")
@_window_options
@click.option("-n", "n", type=click.IntRange(1), default=20, show_default=True, help="How many.")
@_count_option
@_output_option()
@_db_option
def top_actors(since: dt.datetime | None, until: dt.datetime | None, n: int, count: str, fmt: str, db: str) -> None:
    """The actors in the most story events (or reports) between two days.

    \b
    Example: accord query top-actors --since 2024-01-01 --until 2024-12-31 -n 10
    """
    with _open(db) as store:
        rows = store.top_actors(_day(since), _day(until), n, count=count)  # type: ignore[arg-type]
    click.echo(_render([r.to_dict() for r in rows], fmt))


@query.command("top-dyads")
@_window_options
@click.option("-n", "n", type=click.IntRange(1), default=20, show_default=True, help="How many.")
@_count_option
@_output_option()
@_db_option
def top_dyads(since: dt.datetime | None, until: dt.datetime | None, n: int, count: str, fmt: str, db: str) -> None:
    """The directed (source, target) pairs with the most story events (or reports).

    \b
    Example: accord query top-dyads --since 2024-01-01 -n 20 --format json
    """
    with _open(db) as store:
        rows = store.top_dyads(_day(since), _day(until), n, count=count)  # type: ignore[arg-type]
    click.echo(_render([r.to_dict() for r in rows], fmt))


@query.command("type-mix")
@click.option("--by", type=click.Choice(PERIODS), default="month", show_default=True)
@_window_options
@_count_option
@_output_option()
@_db_option
def type_mix(by: str, since: dt.datetime | None, until: dt.datetime | None, count: str, fmt: str, db: str) -> None:
    """How many story events (or reports) of each PLOVER type per period.

    \b
    Example: accord query type-mix --by year --format csv
    """
    with _open(db) as store:
        rows = store.type_mix(by, count=count, since=_day(since), until=_day(until))  # type: ignore[arg-type]
    click.echo(_render([r.to_dict() for r in rows], fmt))


@query.command("network")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="File to write (.graphml or .json).")
@_window_options
@_count_option
@_db_option
def network(out: str, since: dt.datetime | None, until: dt.datetime | None, count: str, db: str) -> None:
    """Write the weighted actor network with degree and betweenness (GraphML or JSON by suffix).

    \b
    Example: accord query network --since 2024-01-01 --out actors.graphml
    """
    with _open(db) as store:
        graph = store.network(_day(since), _day(until), count=count)  # type: ignore[arg-type]
    try:
        kind = graph.write(out)
    except OSError as e:
        raise StoreError(f"cannot write {out}: {e.strerror}", input=out) from e
    click.echo(f"wrote {len(graph.nodes)} actors and {len(graph.edges)} ties to {out} ({kind})")


def _story_dict(story: StoryEvent) -> dict[str, Any]:
    d = dataclasses.asdict(story)
    d["first_seen"] = story.first_seen.isoformat() if story.first_seen else None
    d["last_seen"] = story.last_seen.isoformat() if story.last_seen else None
    return d


@click.command("stories")
@_event_filters
@click.option("--limit", type=click.IntRange(0), default=100, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@_output_option(("table", "json"))
@_db_option
def stories(limit: int, offset: int, fmt: str, db: str, **filters: Any) -> None:
    """List story events (events reported by one or more articles, merged), oldest first.

    \b
    Example: accord stories --actor USAGOV --since 2024-03-01 --format json
    """
    query = _event_query(filters)
    _render([], fmt, ("table", "json"))  # rejects an unknown format before opening the store
    with _open(db) as store:
        found = store.stories(query, limit=limit, offset=offset)
    if fmt == "json":
        click.echo(json.dumps([_story_dict(s) for s in found], indent=2))
        return
    rows = [{"id": s.id, "first_seen": s.first_seen, "last_seen": s.last_seen, "type": s.type,
             "sources": s.sources, "targets": s.targets, "articles": s.num_articles,
             "outlets": s.num_sources, "events": len(s.member_ids)} for s in found]
    click.echo(_render(rows, "table"))


@click.command("export")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="File to write.")
@click.option("--format", "fmt", metavar="|".join(FORMATS), default=None,
              help="parquet, csv (GDELT column names) or jsonl; default: from the --out suffix.")
@_event_filters
@_db_option
def export(out: str, fmt: str | None, db: str, **filters: Any) -> None:
    """Export events (filtered like `stories`) to Parquet, CSV or JSONL.

    \b
    Example: accord export --format parquet --out events.parquet --since 2024-01-01
    """
    query = _event_query(filters)
    fmt = export_format(out, fmt)
    with _open(db) as store:
        written = export_events(store, out, fmt, query)
    click.echo(f"wrote {written} events to {out}")


def register(cli: click.Group) -> None:
    """Add `query`, `stories` and `export` to the main `accord` group."""
    for command in (query, stories, export):
        cli.add_command(command)
