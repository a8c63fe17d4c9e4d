"""Core types passed between stages. All frozen; never dicts with string keys between stages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

Modality = Literal[
    "asserted", "negated", "hedged", "hypothetical", "conditional", "future", "reported"
]
MODALITIES: tuple[str, ...] = (
    "asserted", "negated", "hedged", "hypothetical", "conditional", "future", "reported",
)
Granularity = Literal["day", "month", "year", "range", "unresolved"]
ActorKind = Literal["person", "state", "igo", "ngo", "group", "agent", "other"]

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


def stable_id(*parts: object, length: int = 16) -> str:
    """A short, stable hex id built from the given parts."""
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


@dataclass(frozen=True, slots=True)
class Document:
    """One article after ingest and text repair. `text` is the repaired text offsets point into."""

    id: str
    text: str
    published: dt.date | None = None
    title: str = ""
    url: str = ""
    source: str = ""
    language: str = "en"

    @staticmethod
    def make_id(text: str, url: str = "") -> str:
        normalised = " ".join(text.split()).lower()
        return stable_id(normalised, url.strip())

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["published"] = self.published.isoformat() if self.published else None
        return d


@dataclass(frozen=True, slots=True)
class Role:
    """A time-bounded position: `organisation` is an ISO alpha-3 country code or an actor id."""

    title: str
    organisation: str
    sector: str
    start: dt.date | None = None
    end: dt.date | None = None
    office: str = ""

    def holds_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: ActorKind
    country: str
    aliases: tuple[str, ...] = ()
    sector: str = ""
    roles: tuple[Role, ...] = ()
    code: str = ""
    parent: str = ""

    def roles_on(self, day: dt.date) -> tuple[Role, ...]:
        return tuple(r for r in self.roles if r.holds_on(day))


# Roles of actors the coder infers rather than reads (see README, "Inferred actors"): they carry a
# country code but no identity, so analytics do not count them as that country's named actors.
INFERRED_ROLES = frozenset({"unidentified", "implied"})


@dataclass(frozen=True, slots=True)
class ActorRef:
    """What an event points at: the text as written and, when resolved, the actor on the event date.

    `code` is the CAMEO-style code on that date: country (ISO alpha-3, or IGO/NGO) followed by
    the sector or organisation (`USAGOV`, `UKRMIL`, `IGONATO`).
    """

    text: str
    actor_id: str | None = None
    code: str | None = None
    sector: str | None = None
    name: str | None = None
    role: str | None = None
    start: int = -1
    end: int = -1

    @property
    def country(self) -> str | None:
        return self.code[:3] if self.code else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text, "actor_id": self.actor_id, "code": self.code,
            "sector": self.sector, "name": self.name, "role": self.role,
            "start": self.start, "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Location:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    doc_id: str
    sentence: str
    sentence_index: int
    type: str
    mode: str | None
    context: tuple[str, ...]
    cameo: str
    quad_class: int
    goldstein: float
    sources: tuple[ActorRef, ...]
    targets: tuple[ActorRef, ...]
    modality: Modality
    trigger: Span
    evidence: Span
    confidence: float
    trace: tuple[str, ...]  # ids of the rules that fired, confidence factors, argument strategies
    attributed_to: ActorRef | None = None
    date: dt.date | None = None
    date_granularity: Granularity = "unresolved"
    date_text: str | None = None
    location: Location | None = None
    # A background event (issue 13): what the text recalls from before the report ("during his
    # first term", "in 2014"); `date_end` closes a `range` date (`date` is its first day).
    background: bool = False
    date_end: dt.date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "type": self.type,
            "mode": self.mode,
            "context": list(self.context),
            "cameo": self.cameo,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "sources": [a.to_dict() for a in self.sources],
            "targets": [a.to_dict() for a in self.targets],
            "modality": self.modality,
            "attributed_to": self.attributed_to.to_dict() if self.attributed_to else None,
            "date": self.date.isoformat() if self.date else None,
            "date_granularity": self.date_granularity,
            "date_text": self.date_text,
            "date_end": self.date_end.isoformat() if self.date_end else None,
            "background": self.background,
            "location": self.location.to_dict() if self.location else None,
            "sentence": self.sentence,
            "sentence_index": self.sentence_index,
            "trigger": self.trigger.to_dict(),
            "evidence": self.evidence.to_dict(),
            "confidence": self.confidence,
            "rule": self.rule,
            "trace": list(self.trace),
        }

    @property
    def rule(self) -> str:
        """The trigger rule that found the event (the first entry of its trace); '' when none."""
        return self.trace[0] if self.trace else ""


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that was read but not coded, with a reason code and a message."""

    input: str
    reason: str
    message: str
    doc_id: str | None = None


@dataclass(frozen=True, slots=True)
class CodedDocument:
    document: Document
    events: tuple[Event, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class StoryEvent:
    id: str
    type: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    first_seen: dt.date | None
    last_seen: dt.date | None
    member_ids: tuple[str, ...]
    num_articles: int
    num_sources: int
