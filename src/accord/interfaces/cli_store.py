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
from typing import Any, TypeVar, cast

import click

from accord.analytics.export import FORMATS, actors_path, export_events, export_format
from accord.errors import StoreError, UnknownActor
from accord.store import EventQuery, Store, open_store
from accord.store.base import COUNT_UNITS, DIRECTIONS, GRANULARITIES, PERIODS, Counting
from accord.types import MODALITIES, StoryEvent

F = TypeVar("F", bound=Callable[..., Any])
_DATE = click.DateTime(formats=["%Y-%m-%d"])
_OUTPUTS = ("table", "json", "csv")
_FILTER_NAMES = ("actor", "dyad", "type_", "quad_class", "modality", "min_confidence", "since", "until", "text",
                 "country", "granularity")
_RULE_NAMES = ("modality", "min_confidence", "granularity", "include_inferred")


class MissingStore(StoreError):
    """A read command pointed at a store that does not exist (a typo in --db): exit 2."""

    exit_code = 2


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


def _open(db: str, *, read_only: bool = True) -> Store:
    """Open an existing store; a DuckDB path that does not exist is an error (exit 2), not a new
    file. Read commands open DuckDB read-only, so they run beside a server or another reader."""
    if "://" not in db and db != ":memory:" and not Path(db).exists():
        raise MissingStore(f"no store at {db} (check --db or ACCORD_DB)", input=db,
                           valid="a DuckDB file written by accord, :memory:, or postgresql://...")
    return open_store(db, read_only=read_only)


open_existing = _open


def _multi(name: str, valid: Sequence[str]) -> Callable[[click.Context, click.Parameter, tuple[str, ...]], Any]:
    def parse(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...] | None:
        parts = [p.strip() for v in values for p in v.split(",") if p.strip()]
        if not parts:
            return None
        if "all" in parts:
            return ("all",)
        bad = [p for p in parts if p not in valid]
        if bad:
            raise click.BadParameter(f"{bad[0]!r} is not one of {', '.join(valid)}, all")
        return tuple(dict.fromkeys(parts))
    return parse


def _modality_option(default_note: str) -> Callable[[F], F]:
    return click.option("--modality", multiple=True, callback=_multi("modality", MODALITIES), metavar="M[,M...]",
                        help=f"Modalities counted, repeatable or comma-separated ({', '.join(MODALITIES)}); "
                             f"'all' for every one. {default_note}")


def _granularity_option(default_note: str) -> Callable[[F], F]:
    return click.option("--granularity", multiple=True, callback=_multi("granularity", GRANULARITIES),
                        metavar="G[,G...]", help=f"Date granularities ({', '.join(GRANULARITIES)}); 'all'. "
                                                 f"{default_note}")


def _counting_options(f: F) -> F:
    """The counting rules every aggregate takes (accord.analytics.counting), with their defaults."""
    f = click.option("--include-inferred", is_flag=True,
                     help="Count inferred actors (unidentified attackers, implied targets) under their code.")(f)
    f = _granularity_option("Default: every granularity that fits the period.")(f)
    f = click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
                     help="Lowest confidence counted [default: 0.3].")(f)
    return _modality_option("Default: asserted,reported.")(f)


def counting_rules(kwargs: dict[str, Any]) -> Counting:
    """Pop the counting options from `kwargs` and build the rules (left out: the defaults)."""
    modality = kwargs.pop("modality", None)
    granularity = kwargs.pop("granularity", None)
    min_confidence = kwargs.pop("min_confidence", None)
    include = kwargs.pop("include_inferred", False)
    d = Counting()
    return Counting.of(modality=d.modality if modality is None else modality,
                       min_confidence=d.min_confidence if min_confidence is None else min_confidence,
                       granularity=granularity, include_inferred=include)


def resolve_actor(store: Store, value: str, *, strict: bool = True) -> dict[str, Any]:
    """The filter an `--actor` value stands for: the value as an actor id, code or text ("USAGOV",
    "trump"), or-ed with the actors a knowledge-base name or alias names ("Donald Trump" ->
    donald_trump, however the text wrote him). When neither finds anything, `strict` raises
    UnknownActor (exit 2, 404) with up to five suggestions."""
    from accord.actors.kb import default_kb

    kb = default_kb()
    ids = [value] if value in kb.actors else list(dict.fromkeys(
        e if isinstance(e, str) else e.actor_id for e in kb.lookup(value)))
    found: dict[str, Any] = {"actor": value, **({"actors": tuple(ids)} if ids else {})}
    if strict and not store.count_events(EventQuery(**found)):
        raise UnknownActor(f"no actor {value!r} in the store or the knowledge base{_suggest(store, kb, value)}",
                           input=value)
    return found


def _suggest(store: Store, kb: Any, value: str) -> str:
    import difflib

    stored = {name: key for key, name in store.query(
        "SELECT actor_key, max(coalesce(name, text)) FROM event_actors WHERE actor_key IS NOT NULL GROUP BY 1")}
    names = {a.name: a.id for a in kb.actors.values()} | stored
    close = difflib.get_close_matches(value, list(names), n=5, cutoff=0.5)
    if len(close) < 5:
        lower = value.lower()
        close += [n for n in sorted(names) if lower in n.lower() and n not in close][:5 - len(close)]
    return "; did you mean " + ", ".join(f"{n} ({names[n]})" for n in close) + "?" if close else ""


def say_counted(store: Store, rules: Counting, since: dt.date | None = None, until: dt.date | None = None,
                period: str | None = None) -> None:
    """Tell (on stderr, so tables, CSV and JSON stay clean) what the numbers counted."""
    click.echo(f"counted: {store.counted_note(since, until, by=cast(Any, period), rules=rules)}", err=True)


def say_showing(shown: int, total: int, what: str, limit: int | None) -> None:
    more = f" (--limit {limit}; --all for every one)" if limit is not None and shown < total else ""
    click.echo(f"showing {shown} of {total} {what}{more}", err=True)


def _event_filters(f: F) -> F:
    options = [
        click.option("--actor", help="Actor id, actor code, or source/target text (any case)."),
        click.option("--dyad", nargs=2, metavar="SOURCE TARGET", default=None,
                     help="Source and target, each an actor id or code."),
        click.option("--country", metavar="ISO3", help="Every source or target of that country (USA, RUS)."),
        click.option("--type", "type_", metavar="PLOVER", help="PLOVER event type, e.g. CONSULT (any case)."),
        click.option("--quad-class", type=click.IntRange(1, 4), help="CAMEO QuadClass 1-4."),
        _modality_option("Default: every modality."),
        click.option("--min-confidence", type=click.FloatRange(0, 1)),
        _granularity_option("Default: every one."),
        click.option("--text", help="Words the sentence contains (any case)."),
    ]
    f = _window_options(f)
    for option in reversed(options):
        f = option(f)
    return f


def _event_query(kwargs: dict[str, Any], defaults: Counting | None = None) -> EventQuery:
    """The filters; with `defaults`, modality and confidence left out take the counting defaults."""
    values = {name: kwargs.pop(name, None) for name in _FILTER_NAMES}
    modality, granularity = values["modality"], values["granularity"]
    if modality is None and defaults is not None:
        modality = defaults.modality
    min_confidence = values["min_confidence"]
    if min_confidence is None and defaults is not None:
        min_confidence = defaults.min_confidence
    return EventQuery(
        actor=values["actor"], dyad=tuple(values["dyad"]) if values["dyad"] else None,
        type=values["type_"].upper() if values["type_"] else None, quad_class=values["quad_class"],
        modality=None if modality == ("all",) else modality, min_confidence=min_confidence or None,
        since=_day(values["since"]), until=_day(values["until"]), text=values["text"],
        country=values["country"].upper() if values["country"] else None,
        granularity=None if granularity in (None, ("all",)) else granularity,
    )


def describe_query(q: EventQuery) -> str:
    """'asserted+reported, confidence >= 0.3' for the counting part of a query."""
    modality = (q.modality,) if isinstance(q.modality, str) else q.modality
    parts = ["+".join(modality) if modality else "every modality"]
    if q.min_confidence:
        parts.append(f"confidence >= {q.min_confidence:g}")
    return ", ".join(parts)


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
@_counting_options
@_output_option()
@_db_option
def dyad(a: str, b: str, by: str, direction: str, count: str, since: dt.datetime | None,
         until: dt.datetime | None, fmt: str, db: str, **rules: Any) -> None:
    """Counts per period between A and B (actor ids, codes, or countries: USA is every actor of
    the United States): QuadClass 1-4 and Goldstein. Events dated only to a coarser period (a
    year, a range) are left out of finer series.

    \b
    Example: accord query dyad USA RUS --by month --format csv
    """
    counting = counting_rules(rules)
    with _open(db) as store:
        rows = store.dyad_series(a, b, by=by, direction=direction, count=count,  # type: ignore[arg-type]
                                 since=_day(since), until=_day(until), rules=counting)
        say_counted(store, counting, _day(since), _day(until), by)
    click.echo(_render([r.to_dict() for r in rows], fmt))


@query.command("top-actors")
@_window_options
@click.option("-n", "n", type=click.IntRange(1), default=20, show_default=True, help="How many.")
@_count_option
@click.option("--by", "group", type=click.Choice(("actor", "country")), default="actor", show_default=True,
              help="Rank actors (id, else code) or countries (every actor of the country).")
@_counting_options
@_output_option()
@_db_option
def top_actors(since: dt.datetime | None, until: dt.datetime | None, n: int, count: str, group: str, fmt: str,
               db: str, **rules: Any) -> None:
    """The actors (or countries) in the most story events (or reports) between two days.

    \b
    Example: accord query top-actors --since 2024-01-01 --until 2024-12-31 -n 10
    """
    counting = counting_rules(rules)
    with _open(db) as store:
        rows = store.top_actors(_day(since), _day(until), n, count=count, group=group,  # type: ignore[arg-type]
                                rules=counting)
        say_counted(store, counting, _day(since), _day(until))
    click.echo(_render([r.to_dict() for r in rows], fmt))


@query.command("top-dyads")
@_window_options
@click.option("-n", "n", type=click.IntRange(1), default=20, show_default=True, help="How many.")
@_count_option
@click.option("--by", "group", type=click.Choice(("actor", "country")), default="actor", show_default=True,
              help="Pairs of actors (id, else code) or of countries.")
@_counting_options
@_output_option()
@_db_option
def top_dyads(since: dt.datetime | None, until: dt.datetime | None, n: int, count: str, group: str, fmt: str,
              db: str, **rules: Any) -> None:
    """The directed (source, target) pairs with the most story events (or reports).

    \b
    Example: accord query top-dyads --since 2024-01-01 -n 20 --format json
    """
    counting = counting_rules(rules)
    with _open(db) as store:
        rows = store.top_dyads(_day(since), _day(until), n, count=count, group=group,  # type: ignore[arg-type]
                               rules=counting)
        say_counted(store, counting, _day(since), _day(until))
    click.echo(_render([r.to_dict() for r in rows], fmt))


@query.command("type-mix")
@click.option("--by", type=click.Choice(PERIODS), default="month", show_default=True)
@_window_options
@_count_option
@_counting_options
@_output_option()
@_db_option
def type_mix(by: str, since: dt.datetime | None, until: dt.datetime | None, count: str, fmt: str, db: str,
             **rules: Any) -> None:
    """How many story events (or reports) of each PLOVER type per period.

    \b
    Example: accord query type-mix --by year --format csv
    """
    counting = counting_rules(rules)
    with _open(db) as store:
        rows = store.type_mix(by, count=count, since=_day(since), until=_day(until),  # type: ignore[arg-type]
                              rules=counting)
        say_counted(store, counting, _day(since), _day(until), by)
    click.echo(_render([r.to_dict() for r in rows], fmt))


@query.command("network")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="File to write (.graphml or .json).")
@_window_options
@_count_option
@_counting_options
@_db_option
def network(out: str, since: dt.datetime | None, until: dt.datetime | None, count: str, db: str,
            **rules: Any) -> None:
    """Write the weighted actor network with degree and betweenness (GraphML or JSON by suffix).

    \b
    Example: accord query network --since 2024-01-01 --out actors.graphml
    """
    counting = counting_rules(rules)
    with _open(db) as store:
        graph = store.network(_day(since), _day(until), count=count, rules=counting)  # type: ignore[arg-type]
        say_counted(store, counting, _day(since), _day(until))
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
@click.option("--limit", type=click.IntRange(0), default=100, show_default=True, help="At most this many.")
@click.option("--all", "all_", is_flag=True, help="Every story (no --limit).")
@click.option("--offset", type=click.IntRange(0), default=0)
@_output_option(("table", "json"))
@_db_option
def stories(limit: int, all_: bool, offset: int, fmt: str, db: str, **filters: Any) -> None:
    """List story events (events reported by one or more articles, merged), oldest first (by
    first day, then id). A story is listed when one of its events is counted: asserted or
    reported at confidence >= 0.3 unless --modality/--min-confidence say otherwise.

    \b
    Example: accord stories --actor USAGOV --since 2024-03-01 --format json
    """
    query = _event_query(filters, defaults=Counting())
    _render([], fmt, ("table", "json"))  # rejects an unknown format before opening the store
    with _open(db) as store:
        total = store.count_stories(query)
        found = store.stories(query, limit=total if all_ else limit, offset=offset)
        click.echo(f"counted: {describe_query(query)}", err=True)
        say_showing(len(found), total, "stories", None if all_ else limit)
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
    """Export events (every stored event unless filtered) to Parquet, CSV or JSONL, with GDELT
    column names. Parquet and CSV also get the long actor table (NAME.actors.parquet|csv); CSV gets
    datapackage.json (Frictionless) so that R and pandas read CAMEO codes as strings.

    \b
    Example: accord export --format parquet --out events.parquet --since 2024-01-01
    """
    query = _event_query(filters)
    fmt = export_format(out, fmt)
    with _open(db) as store:
        written = export_events(store, out, fmt, query)
    click.echo(f"wrote {written} events to {out}")
    if fmt in ("parquet", "csv"):
        extra = f"; column types in {Path(out).parent / 'datapackage.json'}" if fmt == "csv" else ""
        click.echo(f"every actor (long table) in {actors_path(out)}{extra}", err=True)


def register(cli: click.Group) -> None:
    """Add `query`, `stories` and `export` to the main `accord` group."""
    for command in (query, stories, export):
        cli.add_command(command)
