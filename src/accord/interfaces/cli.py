"""The `accord` command: a thin layer over the Python API. Errors print one line, never a traceback."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from accord.errors import AccordError
from accord.events.coder import DEFAULT_MIN_CONFIDENCE
from accord.types import MODALITIES, PLOVER_TYPES, Event

F = TypeVar("F", bound=Callable[..., Any])
DEFAULT_DB = os.environ.get("ACCORD_DB", "accord.duckdb")


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (valid: YYYY-MM-DD)") from None


def _fail(message: str, code: int) -> None:
    click.echo(f"accord: error: {message}", err=True)
    sys.exit(code)


class Group(click.Group):
    """Turns every AccordError, usage error (and anything unexpected) into one line on stderr."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,  # type: ignore[override]
             **kwargs: Any) -> Any:
        try:
            return super().main(args, prog_name=prog_name, standalone_mode=False, **kwargs)
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else "accord"
            _fail(f"{exc.format_message()} (see '{where} --help')", 2)
        except click.exceptions.Abort:
            _fail("aborted", 1)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            _fail(exc.format_message(), exc.exit_code)
        sys.exit(0)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AccordError as exc:
            _fail(str(exc), exc.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except KeyboardInterrupt:
            _fail("interrupted", 130)
        except BrokenPipeError:
            sys.exit(0)
        except Exception as exc:  # noqa: BLE001 - the last line of defence for users
            if os.environ.get("ACCORD_DEBUG"):
                raise
            _fail(f"internal error: {type(exc).__name__}: {exc} (set ACCORD_DEBUG=1 for a traceback)", 1)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="accord")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(dir_okay=False),
              help="Your own actor file (same CSV formats as the built-in ones); wins on conflicts. Repeatable.")
@click.option("--patterns", "pattern_files", multiple=True, type=click.Path(dir_okay=False),
              help="Your own pattern file (verbs*.csv or nouns*.csv), tried first. Repeatable.")
@click.option("--rules", "rule_files", multiple=True, type=click.Path(dir_okay=False),
              help="Your own rule file (YAML): adds rules, or replaces, disables or reweights built-in ones by id. Repeatable.")
def main(actor_files: tuple[str, ...], pattern_files: tuple[str, ...], rule_files: tuple[str, ...]) -> None:
    """accord: news in, political event data out (PLOVER + CAMEO, actors resolved on the event date).

    Example: accord --actors my_actors.csv code article.txt --date 2024-11-24 --format table
    """
    for name, files in (("ACCORD_ACTORS", actor_files), ("ACCORD_PATTERNS", pattern_files), ("ACCORD_RULES", rule_files)):
        if files:
            os.environ[name] = os.pathsep.join([*files, *filter(None, os.environ.get(name, "").split(os.pathsep))])


# ---------------------------------------------------------------------------------------- output
def _event_row(e: Event) -> dict[str, Any]:
    return {
        "date": e.date.isoformat() if e.date else "", "type": e.type, "cameo": e.cameo,
        "source": "; ".join(_actor_text(a) for a in e.sources),
        "target": "; ".join(_actor_text(a) for a in e.targets),
        "modality": e.modality, "confidence": e.confidence, "trigger": e.trigger.text,
    }


def _actor_text(a: Any) -> str:
    return f"{a.name or a.text} ({a.code})" if a.code else a.text


def print_table(rows: Sequence[dict[str, Any]], title: str | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    if not rows:
        click.echo("(no rows)")
        return
    for key in rows[0]:
        table.add_column(key, overflow="fold")
    for r in rows:
        table.add_row(*(str(v) for v in r.values()))
    Console(width=max(120, min(200, os.get_terminal_size().columns if sys.stdout.isatty() else 160))).print(table)


def print_events(events: Sequence[Event], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps([e.to_dict() for e in events], indent=2, ensure_ascii=False))
    elif fmt == "jsonl":
        for e in events:
            click.echo(json.dumps(e.to_dict(), ensure_ascii=False))
    elif fmt == "csv":
        buf = io.StringIO()
        rows = [_event_row(e) | {"id": e.id, "doc_id": e.doc_id, "sentence": e.sentence} for e in events]
        if rows:
            w = csv.DictWriter(buf, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
        click.echo(buf.getvalue(), nl=False)
    else:
        print_table([_event_row(e) for e in events])


_FORMATS = click.Choice(["table", "json", "jsonl", "csv"])
_min_conf = click.option("--min-confidence", type=click.FloatRange(0, 1), default=DEFAULT_MIN_CONFIDENCE,
                         show_default=True, help="Drop events coded with lower confidence.")
_db = click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB file or postgresql:// URL.")


# ---------------------------------------------------------------------------------------- code
@main.command()
@click.argument("file")
@click.option("--date", "published", callback=_date, help="Publication date YYYY-MM-DD (else the file's Date: line).")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "table"]), default="table", show_default=True)
@_min_conf
def code(file: str, published: dt.date | None, fmt: str, min_confidence: float) -> None:
    """Code one article (a file, or - for stdin) and print its events.

    Example: accord code ../shared/corpus/nato_rutte_trump.txt --date 2024-11-24 --format json
    """
    from accord.ingest.readers import decode, document_from_text, read_file
    from accord.pipeline import code_document

    if file == "-":
        document = document_from_text(decode(sys.stdin.buffer.read(), "<stdin>"), name="<stdin>", published=published)
    else:
        document = read_file(Path(file), published=published)
    events = code_document(document, min_confidence=min_confidence)
    if fmt == "json":
        click.echo(json.dumps({"document": document.to_dict(), "events": [e.to_dict() for e in events]},
                              indent=2, ensure_ascii=False))
    else:
        print_events(events, fmt)


# ---------------------------------------------------------------------------------------- ingest
@main.command()
@click.argument("paths", nargs=-1, required=True)
@_db
@_min_conf
@click.option("--batch", default=64, show_default=True, type=click.IntRange(1), help="Documents per store transaction.")
@click.option("--processes", "n_process", default=1, show_default=True, type=click.IntRange(1),
              help="spaCy worker processes (local engine).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Code on this machine, or on a Dask cluster.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1),
              help="Dask: worker processes of the local cluster started when no --scheduler is given.")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT", help="Dask: a running scheduler to use.")
@click.option("--field", "fields", multiple=True, metavar="NAME=KEY",
              help="JSONL field name, repeatable: --field text=body --field published=date "
                   "(NAME: id, text, title, published, url, source).")
@click.option("--max-doc-bytes", type=click.IntRange(1), default=None,
              help="Largest document in bytes; larger ones are rejected as too_large "
                   "[default: ACCORD_MAX_DOC_BYTES, else 10000000].")
@click.option("--min-words", default=5, show_default=True, type=click.IntRange(0),
              help="Skip documents with fewer words (too_short).")
@click.option("--language-check/--no-language-check", default=True, show_default=True,
              help="Skip documents that are not English (not_english).")
@click.option("--near-dup-threshold", default=0.5, show_default=True, type=click.FloatRange(0, 1, min_open=True),
              help="Estimated similarity at which a document repeats an earlier one (near_duplicate).")
@click.option("--no-near-dup", is_flag=True, help="Skip exact duplicates only.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal).")
@click.option("-v", "--verbose", is_flag=True, help="One line on stderr per committed batch.")
@click.option("--date", "default_date", callback=_date,
              help="Publication date YYYY-MM-DD for documents that carry none (else they stay undated and their events are in no series).")
def ingest(paths: tuple[str, ...], db: str, min_confidence: float, batch: int, n_process: int, engine: str,
           workers: int, scheduler: str | None, fields: tuple[str, ...], max_doc_bytes: int | None,
           min_words: int, language_check: bool, near_dup_threshold: float, no_near_dup: bool,
           progress: bool | None, verbose: bool, default_date: dt.date | None) -> None:
    """Code files, folders (.txt, .md, .html, feeds, .jsonl, any of them .gz) and stdin (-) into the
    store. Stored documents are skipped, so a rerun continues an interrupted one; every input not
    coded is listed by `accord rejected` with its reason.

    Example: accord ingest examples/ ../shared/corpus/voa_stories.jsonl --db accord.duckdb
    """
    from accord.interfaces.cli_ingest import cli_options, no_readable_input, run_ingest

    options = cli_options(fields=fields, max_doc_bytes=max_doc_bytes, min_words=min_words,
                          language_check=language_check, near_dup_threshold=near_dup_threshold,
                          near_dup=not no_near_dup, verbose=verbose)
    report = run_ingest(list(paths), db=db, min_confidence=min_confidence, batch=batch, n_process=n_process,
                        progress=sys.stderr.isatty() if progress is None else progress, engine=engine,
                        workers=workers, scheduler=scheduler, default_date=default_date, **options)
    print_table([{"": k, "count": v} for k, v in report.summary().items()], title=f"ingest into {db}")
    if report.tally.undated:
        names = ", ".join(report.tally.undated[:5]) + (", ..." if len(report.tally.undated) > 5 else "")
        click.echo(f"accord: warning: {len(report.tally.undated)} document(s) with no date, their events are in no "
                   f"series (give --date YYYY-MM-DD): {names}", err=True)
    if report.readable == 0:
        _fail(no_readable_input(paths, report), 2)


@main.command()
@_db
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def check(db: str, fmt: str) -> None:
    """Check the store: events, actors, dyads and story members point at stored rows; every event is
    in one story; offsets lie inside the text; counts. Exit status 1 when a check fails.

    Example: accord check --db accord.duckdb
    """
    from accord.interfaces.check import check_store, failure_line, require_store
    from accord.store import open_store

    with open_store(require_store(db)) as store:
        report = check_store(store)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        print_table([{"check": r.name, "result": "ok" if r.ok else f"FAILED: {r.failures}",
                      "examples": ", ".join(r.examples)} for r in report.results], title=f"check {db}")
        print_table([{"": k, "count": v} for k, v in report.counts.items()], title="counts")
    if not report.ok:
        _fail(failure_line(report), 1)


# ---------------------------------------------------------------------------------------- events
def _store_options() -> Any:
    from accord.interfaces import cli_store

    return cli_store


_cs = _store_options()


@main.command()
@_db
@click.option("--actor", help='Actor id (donald_trump), code (USAGOV), a name in the knowledge base '
                              '("Donald Trump") or the text as written.')
@click.option("--country", metavar="ISO3", help="Every source or target of that country on the event date (USA).")
@click.option("--dyad", nargs=2, metavar="SOURCE TARGET", default=None,
              help="Source and target, each an actor id, code or country.")
@click.option("--type", "type_", type=click.Choice(PLOVER_TYPES, case_sensitive=False), help="PLOVER event type.")
@click.option("--quad-class", type=click.IntRange(1, 4), help="CAMEO QuadClass 1-4.")
@_cs._modality_option("Default: every modality.")
@_cs._granularity_option("Default: every one.")
@click.option("--text", help="Words the sentence contains (any case).")
@click.option("--since", callback=_date, help="First day, YYYY-MM-DD.")
@click.option("--until", callback=_date, help="Last day, YYYY-MM-DD.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None)
@click.option("--limit", default=100, show_default=True, type=click.IntRange(0), help="At most this many rows.")
@click.option("--all", "all_", is_flag=True, help="Every matching event (no --limit).")
@click.option("--offset", default=0, type=click.IntRange(0))
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "jsonl"]), default="table", show_default=True)
def events(db: str, actor: str | None, country: str | None, dyad: tuple[str, str] | None, type_: str | None,
           quad_class: int | None, modality: tuple[str, ...] | None, granularity: tuple[str, ...] | None,
           text: str | None, since: dt.date | None, until: dt.date | None, min_confidence: float | None,
           limit: int, all_: bool, offset: int, fmt: str) -> None:
    """List stored events, oldest first (by day, then id; undated events last). Every modality is
    listed unless --modality says otherwise; stderr says how many of how many are shown.

    Example: accord events --actor "Donald Trump" --type CONSULT --since 2024-01-01 --format json
    """
    from accord.store.base import EventQuery

    with _cs.open_existing(db) as store:
        who = _cs.resolve_actor(store, actor) if actor else {}
        query = EventQuery(type=type_.upper() if type_ else None, quad_class=quad_class,
                           modality=None if modality in (None, ("all",)) else modality,
                           granularity=None if granularity in (None, ("all",)) else granularity,
                           min_confidence=min_confidence, since=since, until=until, text=text,
                           country=country.upper() if country else None, dyad=(dyad[0], dyad[1]) if dyad else None, **who)
        total = store.count_events(query)
        found = store.events(**{f: getattr(query, f) for f in (
            "actor", "dyad", "type", "quad_class", "modality", "min_confidence", "since", "until", "text",
            "country", "granularity", "actors")}, limit=None if all_ else limit, offset=offset)
    print_events(found, fmt)
    _cs.say_showing(len(found), total, "events", None if all_ else limit)


@main.command()
@_db
@click.option("--modality", multiple=True, callback=_cs._multi("modality", MODALITIES), metavar="M[,M...]",
              help="Modalities counted; 'all' for every one. Default: asserted,reported.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
              help="Lowest confidence counted [default: 0.3].")
def summary(db: str, modality: tuple[str, ...] | None, min_confidence: float | None) -> None:
    """Print what the store holds: counts, then the counted events by type and the top actors and
    countries (the same numbers as `accord query top-actors --count reports`).

    Example: accord summary --db accord.duckdb
    """
    rules = _cs.counting_rules({"modality": modality, "min_confidence": min_confidence})
    from accord.store.base import EventQuery

    with _cs.open_existing(db) as store:
        counts = store.counts()
        note = store.counted_note(rules=rules)
        query = EventQuery.counted(rules)
        where, params = query.sql_where()
        types = store.query(f"""SELECT e.type, count(*), count(CASE WHEN e.modality = 'asserted' THEN 1 END)
            FROM events e {where} GROUP BY 1 ORDER BY 2 DESC, 1""", params)
        actors = store.top_actors(n=10, count="reports", rules=rules)
        countries = store.top_actors(n=10, count="reports", rules=rules, group="country")
    print_table([{"": k, "count": v} for k, v in counts.items()], title=f"store {db}")
    click.echo(f"counted: {note}")
    print_table([{"type": t, "events": n, "asserted": a} for t, n, a in types], title="events by PLOVER type")
    print_table([{"actor": a.name or a.key, "key": a.key, "events": a.count} for a in actors], title="top actors")
    print_table([{"country": c.key, "events": c.count} for c in countries], title="top countries")


@main.command()
@_db
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def rejected(db: str, fmt: str) -> None:
    """List inputs that were read but not coded, with the reason.

    Example: accord rejected --db accord.duckdb --format json
    """
    with _cs.open_existing(db) as store:
        rows = [{"input": r.input, "reason": r.reason, "message": r.message} for r in store.rejections()]
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        print_table(rows)


# ---------------------------------------------------------------------------------------- eval
@main.group(name="eval")
def eval_() -> None:
    """Score the coder against gold files."""


@eval_.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--errors", default=20, show_default=True, help="How many wrong sentences to list.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=DEFAULT_MIN_CONFIDENCE, show_default=True)
def plover(file: str, fmt: str, errors: int, min_confidence: float) -> None:
    """Score against a PLOVER GSR JSONL file (types from `event_current`).

    \b
    Metrics:
      per type t: TP when the gold type is t and accord codes an event of type t in the sentence,
        FN when it does not, FP for each sentence of another gold type where accord codes t.
      macro_f1: mean F1 over types with gold support; micro_f1: F1 of the pooled counts.
      source/target_code_accuracy: share of gold actors with a country code whose country
        (first 3 letters of the code) is among the sources/targets of the coded event of the
        gold type, over sentences where that event was coded. Compound actors count per member;
        reciprocal records (no gold target) accept a source found as source or target; empty
        gold targets are not counted. *_code_recall: the same over all sentences.
      mode_accuracy: share of gold modes (mapped to current names) equal to accord's mode.

    Example: accord eval plover ../shared/eval/plover_gsr_dev.jsonl --format json
    """
    from accord.eval.plover import evaluate, load_gold
    from accord.events.vocab import mode_aliases

    report = evaluate(load_gold(file), min_confidence=min_confidence, mode_aliases=mode_aliases(), errors=errors)
    if fmt == "json":
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    keys = ("n", "macro_f1", "micro_f1", "source_code_accuracy", "target_code_accuracy", "actor_country_accuracy",
            "source_code_recall", "target_code_recall", "mode_accuracy")
    print_table([{"metric": k, "value": report[k]} for k in keys], title=f"PLOVER eval: {file}")
    print_table([{"type": t, **v} for t, v in report["per_type"].items()], title="per type")
    types = sorted(report["confusion"])
    cols = sorted({p for c in report["confusion"].values() for p in c})
    print_table([{"gold \\ predicted": g, **{c: report["confusion"][g].get(c, "") for c in cols}} for g in types],
                title="confusion (sentences)")
    for err in report["errors"]:
        click.echo(f"- {err['id']} gold {err['gold']} predicted {err['predicted']}\n  {err['sentence']}")
        for line in err["events"]:
            click.echo(f"    {line}")


@eval_.command()
@click.argument("gold", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--sentences", default="eval/voa/voa_sentences.jsonl", show_default=True,
              type=click.Path(dir_okay=False), help="The stories' sentence file.")
@click.option("--split", type=click.Choice(["tune", "test", "all"]), default="tune", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=DEFAULT_MIN_CONFIDENCE, show_default=True)
def stories(gold: tuple[str, ...], sentences: str, split: str, fmt: str, min_confidence: float) -> None:
    """Score against stories annotated sentence by sentence (docs/annotation.md): sentence-level
    type F1, actor code accuracy, modality accuracy and the share of event sentences coded silent.
    The test split is for measuring only: write every score you take in docs/accuracy.md.

    Example: accord eval stories eval/voa/gold/tune_*.jsonl --split tune --format json
    """
    from accord.eval.stories import evaluate, load

    chosen, by_sid = load(sentences, gold, split)
    report = evaluate(chosen, by_sid, min_confidence=min_confidence)
    if fmt == "json":
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    keys = ("stories", "sentences", "gold_sentences", "macro_f1", "micro_f1", "micro_precision", "micro_recall",
            "source_code_accuracy", "target_code_accuracy", "modality_accuracy", "silent_share")
    print_table([{"metric": k, "value": report[k]} for k in keys], title=f"stories eval ({split})")
    print_table([{"type": t, **v} for t, v in report["per_type"].items()], title="per type")


# ---------------------------------------------------------------------------------------- serve
@main.command()
@_db
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; anything but loopback exposes the server to the network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--max-body-bytes", type=click.IntRange(1024), default=None,
              help="Refuse larger request bodies with 413 [default: $ACCORD_MAX_BODY_BYTES or 1048576].")
@click.option("--timeout", "timeout_s", type=click.FloatRange(0, min_open=True), default=None,
              help="Answer 504 to a request still running after this many seconds "
                   "[default: $ACCORD_REQUEST_TIMEOUT or 60].")
@click.option("--cors-origin", "cors_origins", multiple=True,
              help="Allow browser calls from this origin (repeatable); CORS is closed by default.")
@click.option("--allow-host", "allowed_hosts", multiple=True,
              help="Accept this Host header (repeatable); default: loopback names when bound to loopback.")
def serve(db: str, host: str, port: int, max_body_bytes: int | None, timeout_s: float | None,
          cors_origins: tuple[str, ...], allowed_hosts: tuple[str, ...]) -> None:
    """Serve the REST API (/v1, schema at /openapi.json) and the dashboard over a store.

    Writing (POST /v1/documents) needs `Authorization: Bearer $ACCORD_API_TOKEN`; without
    ACCORD_API_TOKEN in the environment, writing is disabled.

    Example: ACCORD_API_TOKEN=$(openssl rand -hex 16) accord serve --db accord.duckdb --port 8000
    """
    import uvicorn

    from accord.interfaces.api import ApiSettings, create_app
    from accord.interfaces.api.settings import loopback_hosts

    settings = ApiSettings.from_env(max_body_bytes=max_body_bytes, timeout_s=timeout_s,
                                    cors_origins=cors_origins or None,
                                    allowed_hosts=allowed_hosts or loopback_hosts(host))
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"accord: warning: binding {host} makes the server reachable from the network", err=True)
    writing = "on (bearer token)" if settings.token else "off (set ACCORD_API_TOKEN)"
    click.echo(f"accord: serving {db} on http://{host}:{port} (dashboard at /events, schema at /openapi.json, "
               f"writing {writing})", err=True)
    from accord.interfaces.api import coding
    from accord.interfaces.api.server import server_config

    workers = coding.pool()
    if workers is not None:
        workers.warm()  # the coding processes load the model while the server starts
    uvicorn.Server(server_config(create_app(db, settings), host, port)).run()


# ---------------------------------------------------------------------------------------- actors
@main.group()
def actors() -> None:
    """Look up actors in the knowledge base."""


@actors.command()
@click.argument("text")
@click.option("--on", "day", callback=_date, default=None, help="Date the mention is resolved on (default today).")
@click.option("--context", default=None, help="A sentence the mention appears in.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="json", show_default=True)
def resolve(text: str, day: dt.date | None, context: str | None, fmt: str) -> None:
    """Resolve a mention to an actor and its code on a date.

    Example: accord actors resolve "the NATO Secretary General" --on 2020-03-01
    """
    from accord.actors.lookup import resolve_mention

    ref = resolve_mention(text, day or dt.date.today(), context)
    row = {"text": ref.text, "actor_id": ref.actor_id, "name": ref.name, "code": ref.code,
           "sector": ref.sector, "role": ref.role}
    click.echo(json.dumps(row, ensure_ascii=False)) if fmt == "json" else print_table([row])


@actors.command()
@click.argument("name_or_id")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def show(name_or_id: str, fmt: str) -> None:
    """Show an actor with its roles over time.

    Example: accord actors show "Mark Rutte"
    """
    from accord.actors.lookup import find_actor

    actor = find_actor(name_or_id)
    roles = [{"title": r.title, "organisation": r.organisation, "sector": r.sector,
              "start": r.start.isoformat() if r.start else "", "end": r.end.isoformat() if r.end else ""}
             for r in sorted(actor.roles, key=lambda r: r.start or dt.date.min)]
    if fmt == "json":
        click.echo(json.dumps({"id": actor.id, "name": actor.name, "kind": actor.kind, "country": actor.country,
                               "aliases": list(actor.aliases), "code": actor.code, "roles": roles}, ensure_ascii=False))
        return
    click.echo(f"{actor.name} ({actor.id}) - {actor.kind}, {actor.country}")
    if actor.aliases:
        click.echo("aliases: " + ", ".join(actor.aliases))
    if roles:
        print_table(roles)


def _register_extensions() -> None:
    from accord.interfaces.cli_rules import register as register_rules

    register_rules(main)
    __import__("accord.interfaces.cli_brief", fromlist=["register"]).register(main)  # brief, claims (issue 16)
    try:
        from accord.interfaces.cli_store import register
    except ImportError:  # pragma: no cover - store commands not installed
        return
    register(main)


_register_extensions()
