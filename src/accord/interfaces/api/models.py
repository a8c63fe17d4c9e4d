"""Request and response shapes (they make the OpenAPI schema at /openapi.json)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from accord.events.coder import DEFAULT_MIN_CONFIDENCE

MAX_TEXT_CHARS = 200_000
FIRST_DAY, LAST_DAY = dt.date(1800, 1, 1), dt.date(2200, 12, 31)


def _text(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text must be valid Unicode (no lone surrogates)") from None
    return value.replace("\x00", "")


def _day(value: dt.date | None) -> dt.date | None:
    if value is not None and not FIRST_DAY <= value <= LAST_DAY:
        raise ValueError(f"date must lie between {FIRST_DAY} and {LAST_DAY}")
    return value


# ------------------------------------------------------------------------------------ requests
class CodeRequest(BaseModel):
    text: str = Field(..., min_length=1, max_length=MAX_TEXT_CHARS, description="Article text.")
    published: dt.date | None = Field(None, description="Publication date; resolves roles and relative dates.")
    min_confidence: float = Field(DEFAULT_MIN_CONFIDENCE, ge=0, le=1)

    _t = field_validator("text")(_text)
    _d = field_validator("published")(_day)


class DocumentIn(BaseModel):
    text: str = Field(..., min_length=1, max_length=MAX_TEXT_CHARS)
    title: str = Field("", max_length=1000)
    url: str = Field("", max_length=2000)
    source: str = Field("", max_length=200)
    published: dt.date | None = None

    _t = field_validator("text", "title", "url", "source")(_text)
    _d = field_validator("published")(_day)


class DocumentsRequest(BaseModel):
    documents: list[DocumentIn] = Field(..., min_length=1, description="At most the server's max_documents (100).")
    min_confidence: float = Field(DEFAULT_MIN_CONFIDENCE, ge=0, le=1)


# ------------------------------------------------------------------------------------ responses
class ErrorOut(BaseModel):
    error: str
    detail: str


class SpanOut(BaseModel):
    start: int
    end: int
    text: str


class ActorRefOut(BaseModel):
    text: str
    actor_id: str | None
    code: str | None
    sector: str | None
    name: str | None
    role: str | None
    start: int
    end: int


class LocationOut(BaseModel):
    name: str
    country: str | None
    lat: float | None
    lon: float | None


class EventOut(BaseModel):
    id: str
    doc_id: str
    type: str
    mode: str | None
    context: list[str]
    cameo: str
    quad_class: int
    goldstein: float
    sources: list[ActorRefOut]
    targets: list[ActorRefOut]
    modality: str
    attributed_to: ActorRefOut | None
    date: str | None
    date_granularity: str
    date_text: str | None
    location: LocationOut | None
    sentence: str
    sentence_index: int
    trigger: SpanOut
    evidence: SpanOut
    confidence: float
    rule: str = Field(description="The trigger rule that found the event (the first entry of `trace`).")
    trace: list[str] = Field(default_factory=list, description="Rules that fired, confidence factors and "
                             "argument strategies, in order.")
    date_end: str | None = Field(None, description="Last day of a `range` date (`date` is its first).")
    background: bool = Field(False, description="The text recalls the event as background, not news of the day.")


class Highlight(BaseModel):
    kind: Literal["source", "target", "attributed", "trigger"]
    start: int = Field(description="Offset into `sentence`.")
    end: int
    text: str


class DocumentRef(BaseModel):
    id: str
    title: str
    url: str
    source: str
    published: str | None


class EventDetail(EventOut):
    sentence_start: int | None = Field(description="Offset of `sentence` in the document text.")
    highlights: list[Highlight]
    document: DocumentRef | None


class EventPage(BaseModel):
    events: list[EventOut]
    limit: int
    offset: int
    next_offset: int | None
    total: int | None = Field(None, description="Events matching the filters, all pages together.")


class DocumentOut(BaseModel):
    id: str
    text: str
    published: str | None
    title: str
    url: str
    source: str
    language: str


class CodeResult(BaseModel):
    document: DocumentOut
    events: list[EventOut]


class DocumentWithEvents(DocumentOut):
    events: list[EventOut]


class DocumentSummary(DocumentRef):
    chars: int


class DocumentPage(BaseModel):
    documents: list[DocumentSummary]
    limit: int
    offset: int
    next_offset: int | None


class DocumentStatus(BaseModel):
    index: int
    id: str | None
    status: Literal["written", "duplicate", "rejected"]
    events: int
    reason: str | None = None
    message: str | None = None


class DocumentsResult(BaseModel):
    written: int
    duplicates: int
    rejected: int
    events_written: int
    documents: list[DocumentStatus]


class StoryOut(BaseModel):
    id: str
    type: str
    sources: list[str]
    targets: list[str]
    first_seen: str | None
    last_seen: str | None
    member_ids: list[str]
    num_articles: int
    num_sources: int


class StoryPage(BaseModel):
    stories: list[StoryOut]
    limit: int
    offset: int
    next_offset: int | None
    total: int | None = Field(None, description="Stories matching the filters, all pages together.")


class Health(BaseModel):
    status: str
    version: str
    store: str
    counts: dict[str, int]
    writing: bool


class Vocab(BaseModel):
    types: list[str]
    modalities: list[str]
    quad_classes: dict[str, str]
    periods: list[str]


# ------------------------------------------------------------------------------------ actors
class ActorSummary(BaseModel):
    id: str
    name: str
    kind: str | None
    country: str | None
    code: str | None
    in_kb: bool
    events: int


class ActorPage(BaseModel):
    actors: list[ActorSummary]
    counted: str = Field(description="What `events` counts, e.g. `asserted+reported, confidence >= 0.3`.")
    limit: int
    offset: int
    next_offset: int | None


class RoleOut(BaseModel):
    title: str
    organisation: str
    sector: str
    office: str | None
    start: str | None
    end: str | None


class CodeSeen(BaseModel):
    code: str | None
    role: str | None
    first: str | None
    last: str | None
    events: int


class ActorPeriod(BaseModel):
    period: str
    quad1: int
    quad2: int
    quad3: int
    quad4: int
    total: int
    goldstein_mean: float


class TypeCount(BaseModel):
    type: str
    count: int


class ActorTotals(BaseModel):
    total: int = Field(description="Events the counting rules count (default: asserted and reported, confidence >= 0.3).")
    as_source: int
    as_target: int
    stored: int = Field(description="Every stored event of the actor, whatever its modality or confidence.")


class ActorDetail(ActorSummary):
    counted: str = Field(description="What `events`, `totals`, `series` and `types` count.")
    aliases: list[str]
    roles: list[RoleOut]
    totals: ActorTotals
    codes: list[CodeSeen]
    by: str
    series: list[ActorPeriod]
    types: list[TypeCount]
    recent: list[EventOut]


# ------------------------------------------------------------------------------------ analytics
class DyadOut(BaseModel):
    source: str
    target: str
    count: int
    goldstein_mean: float
    source_name: str | None
    target_name: str | None


class CountedOut(BaseModel):
    """What an aggregate counted: the rules, and how many of the stored events they let in."""

    rules: str = Field(description="e.g. `asserted+reported, confidence >= 0.3`")
    events: int = Field(description="Events the rules count in the window.")
    of: int = Field(description="Events stored in the window.")
    note: str = Field(description="`asserted+reported, confidence >= 0.3, 412 of 717 events`")
    modality: list[str] | None
    min_confidence: float | None
    granularity: list[str] | None
    include_inferred: bool


class DyadList(BaseModel):
    dyads: list[DyadOut]
    counted: CountedOut | None = None


class ActorCountOut(BaseModel):
    key: str
    name: str | None
    count: int


class ActorCountList(BaseModel):
    actors: list[ActorCountOut]
    counted: CountedOut


class TypeMixRowOut(BaseModel):
    period: str
    type: str
    count: int


class TypeMixOut(BaseModel):
    by: str
    count: str
    rows: list[TypeMixRowOut]
    counted: CountedOut


class SeriesRowOut(BaseModel):
    period: str
    quad1: int
    quad2: int
    quad3: int
    quad4: int
    total: int
    goldstein_sum: float
    goldstein_mean: float | None


class DyadSeries(BaseModel):
    a: str
    b: str
    by: str
    direction: str
    count: str
    series: list[SeriesRowOut]
    counted: CountedOut | None = None


class NodeOut(BaseModel):
    id: str
    name: str | None
    degree: int
    in_degree: int
    out_degree: int
    betweenness: float
    goldstein_mean: float


class EdgeOut(BaseModel):
    source: str
    target: str
    weight: int
    goldstein_mean: float


class NetworkOut(BaseModel):
    directed: bool
    count: str
    since: str | None
    until: str | None
    nodes: list[NodeOut]
    edges: list[EdgeOut]
    counted: CountedOut | None = None


class PlaceOut(BaseModel):
    name: str
    country: str | None
    lat: float
    lon: float
    events: int
    cooperation: int
    goldstein_mean: float


class LocationList(BaseModel):
    locations: list[PlaceOut]
    counted: CountedOut | None = None
