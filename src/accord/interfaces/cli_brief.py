"""`accord brief` and `accord claims`: situation briefs and the claims ledger (issue 16).

`register(cli)` adds both commands to the main click group. Errors are accord.errors.StoreError
(one line, no traceback).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from typing import Any

import click

from accord.analytics import brief as brief_mod
from accord.analytics import claims as claims_mod
from accord.errors import StoreError

_DATE = click.DateTime(formats=["%Y-%m-%d"])
BRIEF_FORMATS = ("md", "html", "json")
CLAIM_FORMATS = ("table", "json", "csv")
SUMMARY_BY = ("outlet", "speaker", "type")
DEFAULT_BRIEF_DAYS = 30


def _db_option(f: Any) -> Any:
    return click.option(
        "--db", default="accord.duckdb", show_default=True, envvar="ACCORD_DB", metavar="FILE|URL",
        help="DuckDB file, :memory:, or postgresql://user@host:port/dbname (env ACCORD_DB).",
    )(f)


def _open(db: str, *, read_only: bool) -> Any:
    from accord.interfaces.cli_store import open_existing

    return open_existing(db, read_only=read_only)


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


def period(db: Any, since: dt.date | None, until: dt.date | None, days: int = DEFAULT_BRIEF_DAYS) -> tuple[dt.date, dt.date]:
    """The brief's period: as given; a missing end is the latest publication date in the store
    (else today), a missing start `days` - 1 days before the end."""
    if until is None:
        until = (since + dt.timedelta(days=days - 1)) if since else (claims_mod.as_of_day(db) or dt.date.today())
    if since is None:
        since = until - dt.timedelta(days=days - 1)
    return since, until


@click.command("brief")
@click.option("--actor", help="An actor id, code or name as written (e.g. donald_trump, USAGOV).")
@click.option("--country", help="An ISO alpha-3 country: every source or target of that country.")
@click.option("--dyad", help="Two actors or countries, A,B (both directions), e.g. USA,RUS.")
@click.option("--query", "text", help="Words the event sentence contains (case-insensitive).")
@click.option("--since", type=_DATE, help=f"First day (YYYY-MM-DD); default {DEFAULT_BRIEF_DAYS} days before --until.")
@click.option("--until", type=_DATE, help="Last day (YYYY-MM-DD); default the latest publication date stored.")
@click.option("-n", "limit", type=click.IntRange(1), default=10, show_default=True,
              help="Items per section (key events, statements per speaker, claims, contradictions).")
@click.option("--format", "fmt", type=click.Choice(BRIEF_FORMATS), default="md", show_default=True)
@_db_option
def brief(actor: str | None, country: str | None, dyad: str | None, text: str | None, since: dt.datetime | None,
          until: dt.datetime | None, limit: int, fmt: str, db: str) -> None:
    """A situation brief from the store: key story events with their best evidence sentence,
    the trend against the previous period of the same length, who said what, open claims and
    contradictions. Sentences are templates filled with stored data; the JSON form carries the
    SQL and parameters of every figure (key `queries`).

    \b
    Example: accord brief --dyad USA,RUS --since 2025-01-01 --until 2025-03-31 --format md
    """
    with _open(db, read_only=True) as store:
        database = claims_mod.database_of(store)
        first, last = period(database, _day(since), _day(until))
        result = brief_mod.build_brief(database, actor=actor, country=country, dyad=dyad, query=text,
                                       since=first, until=last, limit=limit)
    if fmt == "json":
        click.echo(json.dumps(result, indent=2, ensure_ascii=False, default=str))
    elif fmt == "html":
        click.echo(brief_mod.render_html(result))
    else:
        click.echo(brief_mod.render_markdown(result), nl=False)


@click.command("claims")
@click.option("--status", type=click.Choice(claims_mod.CLAIM_STATES), help="Only claims in this state.")
@click.option("--type", "type_", help="Only claims of this PLOVER type.")
@click.option("--source", "outlet", help="Only claims reported by this outlet (document source).")
@click.option("--speaker", help="Only claims attributed to this speaker (actor id or name).")
@click.option("--since", type=_DATE, help="Claims made on or after this day.")
@click.option("--until", type=_DATE, help="Claims made on or before this day.")
@click.option("--as-of", "as_of", type=_DATE, help="Day that decides expiry; default the latest publication date.")
@click.option("--horizon", type=click.IntRange(1), default=claims_mod.DEFAULT_HORIZON_DAYS, show_default=True,
              help="Days after a claim within which a fulfilment counts (a change rebuilds the ledger).")
@click.option("--summary", "summary_by", is_flag=False, flag_value="all", default=None,
              type=click.Choice((*SUMMARY_BY, "all")),
              help="Instead of the claims, the share fulfilled by outlet, speaker or type (alone: all three).")
@click.option("--no-update", is_flag=True, help="Read the ledger as it is (read-only), without scanning new documents.")
@click.option("--rebuild", is_flag=True, help="Rebuild the ledger from every stored document.")
@click.option("-n", "limit", type=click.IntRange(0), default=100, show_default=True, help="Claims shown (0: all).")
@click.option("--format", "fmt", type=click.Choice(CLAIM_FORMATS), default="table", show_default=True)
@_db_option
def claims(status: str | None, type_: str | None, outlet: str | None, speaker: str | None,
           since: dt.datetime | None, until: dt.datetime | None, as_of: dt.datetime | None, horizon: int,
           summary_by: str | None, no_update: bool, rebuild: bool, limit: int, fmt: str, db: str) -> None:
    """The claims ledger: future, hypothetical and conditional events, each fulfilled (by a later
    asserted or reported event of the same type, or of a threat's/request's/promise's content,
    between the same actors or their countries, within the horizon), open, or expired. The
    ledger is brought up to date first (new documents can fulfil old claims).

    \b
    Example: accord claims --status fulfilled --source Reuters
             accord claims --summary speaker --format json
    """
    if no_update and rebuild:
        raise StoreError("--no-update and --rebuild contradict each other", input="--no-update --rebuild")
    with _open(db, read_only=no_update) as store:
        database = claims_mod.database_of(store)
        if not no_update:
            done = claims_mod.update_claims(database, horizon, rebuild=rebuild)
            click.echo(f"ledger: {done.documents_scanned} new documents scanned, {done.claims_added} claims added, "
                       f"{done.claims_fulfilled} fulfilments found{' (rebuilt)' if done.rebuilt else ''}", err=True)
        filters = dict(type=type_, outlet=outlet, speaker=speaker, since=_day(since), until=_day(until),
                       as_of=_day(as_of))
        if summary_by is not None:
            rows = [r.to_dict() for by in (SUMMARY_BY if summary_by == "all" else (summary_by,))
                    for r in claims_mod.summary(database, by, **filters)]  # type: ignore[arg-type]
        else:
            found = claims_mod.ledger(database, status=status, limit=limit or None, **filters)  # type: ignore[arg-type]
            total = claims_mod.count(database, status=status, **filters)  # type: ignore[arg-type]
            click.echo(f"showing {len(found)} of {total} claims", err=True)
            rows = [_claim_row(c.to_dict(), fmt) for c in found]
    click.echo(render(rows, fmt))


def _claim_row(d: dict[str, Any], fmt: str) -> dict[str, Any]:
    if fmt == "json":
        return d
    keep = ("claim_id", "status", "type", "modality", "claim_day", "deadline", "outlet", "speaker", "sources",
            "targets", "evidence", "fulfilled_by", "fulfilled_day", "fulfilled_outlet", "fulfilled_evidence")
    return {k: d[k] for k in keep}


def render(rows: Sequence[dict[str, Any]], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(list(rows), indent=2, ensure_ascii=False, default=str)
    if not rows:
        return "(no rows)" if fmt == "table" else ""
    headers = list(rows[0])

    def cell(v: Any) -> str:
        if v is None:
            return ""
        if isinstance(v, list):
            return "+".join(map(str, v))
        return " ".join(str(v).split())

    if fmt == "csv":
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows([headers, *[[cell(r[h]) for h in headers] for r in rows]])
        return buf.getvalue().rstrip("\n")
    cells = [[cell(r[h]) for h in headers] for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    return "\n".join(lines)


def register(cli: click.Group) -> None:
    """Add `brief` and `claims` to the main `accord` group."""
    cli.add_command(brief)
    cli.add_command(claims)
