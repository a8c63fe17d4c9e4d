"""`accord explain` and `accord rules ...`: why an event was coded (or not), and the rules that exist."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import click

from accord.interfaces.cli import _date  # cli registers this module once its own names exist


def register(main: click.Group) -> None:
    main.add_command(explain)
    main.add_command(rules)


def _actors(refs: Any) -> str:
    return "; ".join(f"{a.name or a.text} ({a.code or '?'})" for a in refs) or "-"


@click.command()
@click.argument("text")
@click.option("--date", "published", callback=_date, help="Publication date YYYY-MM-DD (default: today).")
@click.option("--file", "is_file", is_flag=True, help="TEXT is a file to read, not the text itself.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
              help="Threshold (default: the coder's, 0.3).")
def explain(text: str, published: dt.date | None, is_file: bool, fmt: str, min_confidence: float | None) -> None:
    """Explain, sentence by sentence, why events were coded or not: the triggers found (rule ids),
    the rules that suppressed, vetoed, recoded or reweighted them, the arguments and how each actor
    was found, the modality cue and every confidence factor.

    Example: accord explain "Putin has little intention of negotiating with Ukraine." --date 2024-11-24
    """
    from accord.events.coder import DEFAULT_MIN_CONFIDENCE
    from accord.ingest.readers import read_file
    from accord.pipeline import get_pipeline

    if is_file or _names_a_file(text):
        document = read_file(Path(text), published=published)
    else:
        raw = sys.stdin.read() if text == "-" else text
        document = _sentence_document(raw, published or dt.date.today())
    pipeline = get_pipeline(DEFAULT_MIN_CONFIDENCE if min_confidence is None else min_confidence)
    exp = pipeline.coder.explain(pipeline.parse(document.text), document)
    if fmt == "json":
        click.echo(json.dumps({
            "sentences": exp.sentences,
            "notes": [{"sentence_index": n.sentence_index, "trigger": n.trigger, "rule": n.rule,
                       "outcome": n.outcome, "by": n.by, "trace": list(n.trace), "detail": n.detail}
                      for n in exp.notes],
            "events": [e.to_dict() for e in exp.events]}, indent=2, ensure_ascii=False))
        return
    by_sentence: dict[int, list[Any]] = {}
    for n in exp.notes:
        by_sentence.setdefault(n.sentence_index, []).append(n)
    events: dict[int, list[Any]] = {}
    for e in exp.events:
        events.setdefault(e.sentence_index, []).append(e)
    for si, sent in enumerate(exp.sentences):
        click.echo(f"[{si}] {sent}")
        notes = by_sentence.get(si, [])
        if not notes:
            click.echo("    no trigger: no pattern matched a word of this sentence")
        for n in notes:
            if n.outcome == "kept":
                continue
            by = f" by {n.by}" if n.by else ""
            detail = f" ({n.detail})" if n.detail else ""
            click.echo(f"    {n.trigger!r} [{n.rule or '-'}]: {n.outcome}{by}{detail}")
        for e in events.get(si, []):
            click.echo(f"    EVENT {e.type} {e.cameo} {e.modality} confidence {e.confidence}: "
                       f"{_actors(e.sources)} -> {_actors(e.targets)}  trigger {e.trigger.text!r}")
            if e.attributed_to is not None:
                click.echo(f"      said by: {e.attributed_to.text} ({e.attributed_to.code or '?'})")
            for step in e.trace:
                click.echo(f"      - {step}")


def _names_a_file(text: str) -> bool:
    """TEXT is the path of a file, not a sentence (a sentence longer than a file name can be is
    text: the operating system refuses such names, which is no error of the user's)."""
    if text == "-" or "\n" in text or len(text) >= 4096:
        return False
    try:
        return Path(text).is_file()
    except OSError:
        return False


def _sentence_document(raw: str, day: dt.date) -> Any:
    """A Document for text to explain: articles as `accord code` reads them, and also a sentence
    shorter than an article's minimum ("Putin met Xi.")."""
    from accord.errors import EmptyInput
    from accord.ingest.readers import document_from_text
    from accord.ingest.repair import repair_text
    from accord.types import Document

    try:
        return document_from_text(raw, published=day)
    except EmptyInput:
        text = repair_text(raw).strip()
        if not text:
            raise
        return Document(id=Document.make_id(text, ""), text=text, published=day)


@click.group()
def rules() -> None:
    """The coder's rules: list them, or check a rule file of your own.

    Example: accord rules list --type ASSAULT
    """


@rules.command("list")
@click.option("--type", "type_", help="Only rules and triggers that give this PLOVER type.")
@click.option("--stage", help="Only rules of this stage (triggers: --stage trigger).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def list_rules(type_: str | None, stage: str | None, fmt: str) -> None:
    """List the trigger rows and rules, with what they do and how many examples they have.

    Example: accord rules list --stage veto
    """
    from accord.events.codebook import default_codebook
    from accord.events.patterns import default_patterns
    from accord.events.rules import default_rules, trigger_examples

    book = default_codebook()
    examples = trigger_examples()
    rows: list[dict[str, Any]] = []
    if stage in (None, "trigger"):
        ps = default_patterns()
        for table in (ps.verbs, ps.nouns):
            for entries in table.values():
                for p in entries:
                    ptype = book.get(p.cameo).plover_type if p.cameo in book else ""
                    if type_ and ptype != type_.upper():
                        continue
                    cue = f"{p.cue}:{'|'.join(sorted(p.cue_values))[:40]}" if p.cue else ""
                    rows.append({"id": p.id, "stage": "trigger", "when": f"{p.pos} {p.lemma} {cue}".strip(),
                                 "then": f"{p.cameo} {ptype}", "examples": len(examples.get(p.id, ())),
                                 "origin": p.origin})
    for r in default_rules().rules.values():
        if stage not in (None, r.stage):
            continue
        then = r.then if isinstance(r.then, str) else json.dumps(r.then)
        if type_:
            code = r.cameo
            if code is None or code not in book or book.get(code).plover_type != type_.upper():
                continue
        rows.append({"id": r.id, "stage": r.stage, "when": json.dumps(r.when)[:80], "then": then,
                     "examples": len(r.examples), "origin": r.origin})
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    from accord.interfaces.cli import print_table

    print_table(rows, title=f"{len(rows)} rules")


@rules.command("check")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--no-examples", is_flag=True, help="Validate only; do not run the examples.")
def check_rules(file: str, no_examples: bool) -> None:
    """Validate a rule file: unknown stages, predicates and lexicons, duplicate ids, CAMEO codes
    missing from the codebook, and examples that fail (run with your rules added to the built-in
    ones). Exit 0 when the file is sound, 1 when it has problems.

    Example: accord rules check my_rules.yaml
    """
    from accord.errors import DataFileError
    from accord.events.codebook import default_codebook
    from accord.events.rules import RuleBook, _entries, compile_rule

    path = Path(file)
    if not path.is_file():
        raise click.ClickException(f"rule file not found: {path}")
    problems: list[str] = []
    raw = _entries(path.read_text(encoding="utf-8"), str(path))
    counts = Counter(str(r.get("id")) for r in raw)
    problems += [f"duplicate id {rid!r} ({n} entries)" for rid, n in counts.items() if n > 1]
    book = default_codebook()
    compiled = []
    for entry in raw:
        if entry.get("disable"):
            continue
        try:
            rule = compile_rule(entry, str(path))
        except DataFileError as exc:
            problems.append(str(exc).replace(f"{path}: ", ""))
            continue
        compiled.append(rule)
        if rule.cameo is not None and rule.cameo not in book:
            problems.append(f"rule {rule.id}: CAMEO code {rule.cameo!r} is not in the codebook")
        if not rule.examples:
            problems.append(f"rule {rule.id}: no example")
    if not no_examples and not problems:
        from accord.events.examples import ExampleRunner

        try:
            runner = ExampleRunner(RuleBook.load([path]))
        except DataFileError as exc:
            raise click.ClickException(str(exc)) from None
        for rule in compiled:
            for ex in rule.examples:
                res = runner.run(ex)
                if not res.events_match:
                    problems.append(f"rule {rule.id}: example {ex.text!r} gives {list(res.got)}, expected {list(ex.events)}")
                elif rule.id not in res.fired:
                    problems.append(f"rule {rule.id}: did not fire on its example {ex.text!r}")
    for p in problems:
        click.echo(p)
    click.echo(f"{path}: {len(raw)} entries, {len(problems)} problem(s)")
    if problems:
        sys.exit(1)
