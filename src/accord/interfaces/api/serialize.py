"""Core types -> the JSON the API answers with (plain functions, no I/O)."""

from __future__ import annotations

from typing import Any

from accord.types import ActorRef, Document, Event, StoryEvent


def iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def sentence_start(event: Event, text: str) -> int | None:
    """Where the event's sentence starts in its document text: the occurrence that holds the
    trigger; None when the sentence is not in the text."""
    if not event.sentence:
        return None
    start = text.rfind(event.sentence, 0, max(event.trigger.start, 0) + len(event.sentence))
    if start >= 0 and start + len(event.sentence) >= event.trigger.end:
        return start
    return None


def highlights(event: Event, offset: int | None) -> list[dict[str, Any]]:
    """Trigger, sources, targets and attribution as spans of `event.sentence` (sorted, without
    overlaps: the trigger wins, then the earlier and longer span)."""
    if offset is None:
        return []
    spans: list[tuple[str, int, int]] = [("trigger", event.trigger.start, event.trigger.end)]
    refs: list[tuple[str, ActorRef]] = [("source", a) for a in event.sources]
    refs += [("target", a) for a in event.targets]
    if event.attributed_to is not None:
        refs.append(("attributed", event.attributed_to))
    spans += [(kind, ref.start, ref.end) for kind, ref in refs]
    size = len(event.sentence)
    out: list[dict[str, Any]] = []
    for kind, start, end in spans:
        s, e = start - offset, end - offset
        if 0 <= s < e <= size and not any(s < h["end"] and h["start"] < e for h in out):
            out.append({"kind": kind, "start": s, "end": e, "text": event.sentence[s:e]})
    return sorted(out, key=lambda h: (h["start"], h["end"]))


def document_ref(doc: Document) -> dict[str, Any]:
    return {"id": doc.id, "title": doc.title, "url": doc.url, "source": doc.source,
            "published": iso(doc.published)}


def event_detail(event: Event, doc: Document | None) -> dict[str, Any]:
    offset = sentence_start(event, doc.text) if doc is not None else None
    return event.to_dict() | {
        "sentence_start": offset,
        "highlights": highlights(event, offset),
        "document": document_ref(doc) if doc is not None else None,
    }


def story(s: StoryEvent) -> dict[str, Any]:
    return {
        "id": s.id, "type": s.type, "sources": list(s.sources), "targets": list(s.targets),
        "first_seen": iso(s.first_seen), "last_seen": iso(s.last_seen), "member_ids": list(s.member_ids),
        "num_articles": s.num_articles, "num_sources": s.num_sources,
    }


def page(key: str, items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    return {key: items, "limit": limit, "offset": offset,
            "next_offset": offset + limit if len(items) == limit else None}
