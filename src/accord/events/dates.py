"""Event dates resolved against the publication date, with their granularity.

The nearest DATE entity of the trigger's sentence is parsed with dateparser (English only, the
publication date as base, preferring the past). Without one the event takes the publication date
with granularity "day" and no date text: news reports events of the day or the day before.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from spacy.tokens import Span, Token

from accord.types import Granularity

_WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_DAY_WORDS = re.compile(r"\b(\d{1,2}(st|nd|rd|th)?\b|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|last night)", re.I)
_MONTH_RE = re.compile(rf"\b({_MONTHS}|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b", re.I)
_YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_VAGUE = re.compile(r"\b(years?|decades?|months|weeks|recent|past|ago|since|centur|era|term|period|season|days)\b", re.I)


@lru_cache(maxsize=4096)
def _parse(text: str, base: dt.date) -> dt.date | None:
    import dateparser  # imported lazily: 0.3 s, only needed when a sentence carries a date

    settings = {
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def granularity_of(text: str) -> Granularity:
    if _DAY_WORDS.search(text):
        return "day"
    if _MONTH_RE.search(text):
        return "month"
    if _YEAR_RE.search(text):
        return "year"
    return "unresolved"


def resolve_date(sent: Span, trigger: Token, published: dt.date | None) -> tuple[dt.date | None, Granularity, str | None]:
    if published is None:
        return None, "unresolved", None
    from accord.nlp.model import sentence_entities

    dates = [e for e in sentence_entities(sent) if e.label_ in ("DATE", "TIME")]
    if not dates:
        return published, "day", None
    ent = min(dates, key=lambda e: min(abs(e.start - trigger.i), abs(e.end - 1 - trigger.i)))
    text = ent.text.strip()
    before = sent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if before in ("since", "until", "till", "before", "after", "by", "from", "through"):
        return published, "day", None  # "out of office since 2021" dates a state, not this event
    if _VAGUE.search(text) and not _DAY_WORDS.search(text):
        return published, "day", None
    cleaned = re.sub(r"^(on|in|at|by|late|early|last|this)\s+", "", text, flags=re.I)
    weekday = _WEEKDAYS.get(cleaned.lower())
    if weekday is not None:  # "on Thursday" in a Thursday article is that day, else the last one
        return published - dt.timedelta(days=(published.weekday() - weekday) % 7), "day", text
    gran = granularity_of(cleaned)
    if gran == "unresolved":
        return published, "day", None
    day = _parse(cleaned if gran != "year" else f"1 January {_YEAR_RE.search(cleaned).group(0)}", published)  # type: ignore[union-attr]
    if day is None:
        return published, "day", None
    if gran == "month":
        day = day.replace(day=1)
    elif gran == "year":
        day = day.replace(month=1, day=1)
    return day, gran, text
