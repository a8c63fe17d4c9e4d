"""Pure conversions between the core types and table rows (no I/O)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any

from accord.analytics.counting import (
    actor_key,
    country_of,
    day_granularity,
    dyad_keys,
    inferred_dyad_keys,
    is_inferred,
    side_keys,
    story_key,
)
from accord.types import ActorRef, Document, Event, Location, Rejection, Span, stable_id

Row = tuple[Any, ...]

DOCUMENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "TEXT"), ("url", "TEXT"), ("title", "TEXT"), ("source", "TEXT"),
    ("published", "DATE"), ("text", "TEXT"), ("language", "TEXT"),
)

# The columns an Event is rebuilt from, in order; the write adds the derived ones after them.
EVENT_READ_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "TEXT"), ("doc_id", "TEXT"), ("sentence", "TEXT"), ("sentence_index", "INTEGER"),
    ("type", "TEXT"), ("mode", "TEXT"), ("context", "TEXT"), ("cameo", "TEXT"),
    ("quad_class", "INTEGER"), ("goldstein", "DOUBLE PRECISION"), ("modality", "TEXT"),
    ("trigger_start", "INTEGER"), ("trigger_end", "INTEGER"), ("trigger_text", "TEXT"),
    ("evidence_start", "INTEGER"), ("evidence_end", "INTEGER"), ("evidence_text", "TEXT"),
    ("confidence", "DOUBLE PRECISION"), ("rule", "TEXT"), ("date", "DATE"),
    ("date_granularity", "TEXT"), ("date_text", "TEXT"), ("loc_name", "TEXT"),
    ("loc_country", "TEXT"), ("loc_lat", "DOUBLE PRECISION"), ("loc_lon", "DOUBLE PRECISION"),
    ("actors", "TEXT"),
)
# Read after the V1 columns (schema version 3): the trace as a JSON array, the end of a date range
# and the background flag. `rule` keeps the trace's first entry for older readers.
EVENT_EXTRA_COLUMNS: tuple[tuple[str, str], ...] = (
    ("trace", "TEXT"), ("background", "BOOLEAN"), ("date_end", "DATE"),
)
EVENT_COLUMNS = EVENT_READ_COLUMNS + (
    ("day", "DATE"), ("story_key", "TEXT"), ("source_keys", "TEXT"), ("target_keys", "TEXT"),
) + EVENT_EXTRA_COLUMNS + (("day_granularity", "TEXT"),)
EVENT_SELECT_COLUMNS = EVENT_READ_COLUMNS + EVENT_EXTRA_COLUMNS

# event_actors: one row per source, target and attribution, for filtering and ranking. (The
# Event itself is rebuilt from `events.actors`, so reading a page needs no second lookup.)
ACTOR_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "TEXT"), ("role", "TEXT"), ("position", "INTEGER"), ("text", "TEXT"),
    ("actor_id", "TEXT"), ("code", "TEXT"), ("sector", "TEXT"), ("name", "TEXT"),
    ("role_title", "TEXT"), ('"start"', "INTEGER"), ('"end"', "INTEGER"), ("actor_key", "TEXT"),
    ("text_lc", "TEXT"), ("day", "DATE"), ("inferred", "BOOLEAN"), ("country", "TEXT"),
)

DYAD_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "TEXT"), ("source_key", "TEXT"), ("source_code", "TEXT"), ("target_key", "TEXT"),
    ("target_code", "TEXT"), ("day", "DATE"), ("type", "TEXT"), ("quad_class", "INTEGER"),
    ("goldstein", "DOUBLE PRECISION"), ("source_country", "TEXT"), ("target_country", "TEXT"),
    ("modality", "TEXT"), ("confidence", "DOUBLE PRECISION"), ("day_granularity", "TEXT"), ("inferred", "BOOLEAN"),
)

PENDING_COLUMNS: tuple[tuple[str, str], ...] = (("event_id", "TEXT"), ("story_key", "TEXT"))

REJECTION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "TEXT"), ("input", "TEXT"), ("reason", "TEXT"), ("message", "TEXT"), ("doc_id", "TEXT"),
)


def select_list(columns: Sequence[tuple[str, str]], alias: str = "") -> str:
    prefix = f"{alias}." if alias else ""
    return ", ".join(prefix + name for name, _ in columns)


def document_row(doc: Document) -> Row:
    return (doc.id, doc.url, doc.title, doc.source, doc.published, doc.text, doc.language)


def document_from_row(row: Sequence[Any]) -> Document:
    id_, url, title, source, published, text, language = row
    return Document(id=id_, url=url, title=title, source=source, published=published, text=text,
                    language=language)


def event_day(event: Event, published: dt.date | None) -> dt.date | None:
    """The day an event is counted on: its own date, else the publication date."""
    return event.date if event.date is not None else published


def event_row(event: Event, published: dt.date | None) -> Row:
    loc = event.location
    return (
        event.id, event.doc_id, event.sentence, event.sentence_index, event.type, event.mode,
        json.dumps(list(event.context)), event.cameo, event.quad_class, float(event.goldstein),
        event.modality, event.trigger.start, event.trigger.end, event.trigger.text,
        event.evidence.start, event.evidence.end, event.evidence.text, float(event.confidence),
        event.rule, event.date, event.date_granularity, event.date_text,
        loc.name if loc else None, loc.country if loc else None,
        loc.lat if loc else None, loc.lon if loc else None, actors_json(event),
        event_day(event, published), story_key(event),
        side_keys(event.sources), side_keys(event.targets),
        json.dumps(list(event.trace), ensure_ascii=False), bool(event.background), event.date_end,
        day_granularity(event, published),
    )


def _ref_list(ref: ActorRef) -> list[Any]:
    return [ref.text, ref.actor_id, ref.code, ref.sector, ref.name, ref.role, ref.start, ref.end]


def _ref_from_list(values: list[Any]) -> ActorRef:
    text, actor_id, code, sector, name, role, start, end = values
    return ActorRef(text=text, actor_id=actor_id, code=code, sector=sector, name=name, role=role,
                    start=start, end=end)


def actors_json(event: Event) -> str:
    """`{"s": [ref, ...], "t": [ref, ...], "a": ref|null}`, each ref a list in ActorRef field order."""
    return json.dumps({
        "s": [_ref_list(r) for r in event.sources], "t": [_ref_list(r) for r in event.targets],
        "a": _ref_list(event.attributed_to) if event.attributed_to else None,
    }, ensure_ascii=False, separators=(",", ":"))


def actors_from_json(text: str) -> tuple[tuple[ActorRef, ...], tuple[ActorRef, ...], ActorRef | None]:
    """(sources, targets, attributed_to) from `actors_json()` text."""
    d = json.loads(text)
    return (tuple(map(_ref_from_list, d["s"])), tuple(map(_ref_from_list, d["t"])),
            _ref_from_list(d["a"]) if d["a"] else None)


def actor_rows(event: Event, published: dt.date | None) -> list[Row]:
    day = event_day(event, published)
    rows = []
    sides: list[tuple[str, Iterable[ActorRef]]] = [("source", event.sources), ("target", event.targets)]
    if event.attributed_to is not None:
        sides.append(("attributed", [event.attributed_to]))
    for role, refs in sides:
        for position, ref in enumerate(refs):
            rows.append((
                event.id, role, position, ref.text, ref.actor_id, ref.code, ref.sector, ref.name,
                ref.role, ref.start, ref.end, actor_key(ref), ref.text.lower(), day,
                is_inferred(ref), country_of(ref.code),
            ))
    return rows


def dyad_rows(event: Event, published: dt.date | None) -> list[Row]:
    day = event_day(event, published)
    gran = day_granularity(event, published)

    def row(sk: str | None, sc: str | None, tk: str | None, tc: str | None, inferred: bool) -> Row:
        return (event.id, sk, sc, tk, tc, day, event.type, event.quad_class, float(event.goldstein),
                country_of(sc), country_of(tc), event.modality, float(event.confidence), gran, inferred)

    return ([row(*keys, False) for keys in dyad_keys(event)]
            + [row(*keys, True) for keys in inferred_dyad_keys(event)])


def rejection_row(rejection: Rejection) -> Row:
    rid = stable_id(rejection.input, rejection.reason, rejection.message, rejection.doc_id)
    return (rid, rejection.input, rejection.reason, rejection.message, rejection.doc_id)


def rejection_from_row(row: Sequence[Any]) -> Rejection:
    _, input_, reason, message, doc_id = row
    return Rejection(input=input_, reason=reason, message=message, doc_id=doc_id)


def trace_from(trace: str | None, rule: str | None) -> tuple[str, ...]:
    """The stored trace; a store written before it had one gives (rule,) (split on ' | ', as
    one interim version joined the trace into `rule`)."""
    if trace is not None:
        return tuple(json.loads(trace))
    return tuple(rule.split(" | ")) if rule else ()


def event_from_row(row: Sequence[Any]) -> Event:
    """An Event from an `EVENT_SELECT_COLUMNS` row."""
    (id_, doc_id, sentence, sentence_index, type_, mode, context, cameo, quad_class, goldstein,
     modality, t_start, t_end, t_text, e_start, e_end, e_text, confidence, rule, date,
     granularity, date_text, loc_name, loc_country, loc_lat, loc_lon, actors,
     trace, background, date_end) = row
    sources, targets, attributed_to = actors_from_json(actors)
    return Event(
        id=id_, doc_id=doc_id, sentence=sentence, sentence_index=sentence_index, type=type_,
        mode=mode, context=tuple(json.loads(context)), cameo=cameo, quad_class=quad_class,
        goldstein=goldstein, sources=sources, targets=targets, modality=modality,
        trigger=Span(t_start, t_end, t_text), evidence=Span(e_start, e_end, e_text),
        confidence=confidence, trace=trace_from(trace, rule), attributed_to=attributed_to,
        date=date, date_granularity=granularity, date_text=date_text,
        location=Location(loc_name, loc_country, loc_lat, loc_lon) if loc_name is not None else None,
        background=bool(background), date_end=date_end,
    )
