"""Event dates resolved against the publication date, with their granularity.

The nearest date expression of the trigger's sentence is parsed with dateparser (English only,
the publication date as base, preferring the past). Without one the event takes the publication
date with granularity "day" and no date text: news reports events of the day or the day before.

Numbers are dates only where the grammar says so (issue 13): a bare number is a year only when it
has four digits and stands where a year stands ("in 1990", "since 2014", "the 2014 annexation",
"the 1990s"); ages ("Khoshbo, 33"), quantities, durations ("18 months of war", "99 years") and
model or flight numbers ("SU 35", "flight 1549") are never dates.

Background clauses get the period they describe and are marked `background`: "during his first
term" is the range of that person's first term in the knowledge base's roles, "in 2014" is the
year 2014, "last year" the year before the publication, "in the 1990s" a range of ten years.
`resolve_event_date()` gives all of it; `resolve_date()` the (date, granularity, text) triple.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from accord.lexicons import lexicon, table
from accord.types import Granularity

_WEEKDAYS = {r["name"].lower(): int(r["weekday"]) for r in table("weekdays")}  # monday: 0
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_DAY_WORDS = re.compile(r"\b(\d{1,2}(st|nd|rd|th)?\b|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|last night)", re.I)
_MONTH_RE = re.compile(rf"\b({_MONTHS}|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b", re.I)
_YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_VAGUE = re.compile(r"\b(years?|decades?|months|weeks|recent|past|ago|since|centur|era|term|period|season|days)\b", re.I)

_NUMBER_WORDS = ("a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|few|"
                 "dozens?|hundreds?|thousands?|some|more than|nearly|almost|about|over|\\d+(?:[.,]\\d+)?")
_UNITS = r"(?:years?|months?|weeks?|days?|decades?|hours?|minutes?|nights?|centur(?:y|ies))"
# "18 months", "99 years", "two weeks of talks", "the past 18 months": how long, not when
_DURATION = re.compile(rf"^(?:the\s+)?(?:(?:past|last|next|first|coming)\s+)?(?:{_NUMBER_WORDS})(?:\s+(?:{_NUMBER_WORDS}))?"
                       rf"[\s-]+{_UNITS}(?:[\s-]+old)?(?:\s+(?:of|in)\b.*)?$", re.I)
_AGO = re.compile(rf"^(?:about\s+|some\s+|nearly\s+|almost\s+|more than\s+)?({_NUMBER_WORDS})\s+({_UNITS})\s+ago$", re.I)
_NUMERIC = re.compile(r"^[\d.,\s]+$")
_FOUR = re.compile(r"^(1[89]\d\d|20\d\d)$")
_DECADE = re.compile(r"\b(?:the\s+)?(?:early\s+|mid\s+|mid-|late\s+)?(1[89]\d0|20\d0)'?s\b", re.I)
# words before a bare four-digit year that make it one ("in 1990", "since 2014", "of 2019")
_YEAR_PREPS = lexicon("year_preps")
_YEAR_DETERMINERS = lexicon("year_modifier_determiners")
_COUNTS = {r["word"].lower(): int(r["count"]) for r in table("count_words")}
_ORDINALS = {r["word"].lower(): int(r["number"]) - 1 for r in table("ordinal_words")}  # first: 0
_TERM = re.compile(r"\b(?:during|in|throughout|over)\s+(?:his|her|their|the)\s+(first|second|third|fourth|previous|"
                   r"last|earlier|former)\s+(?:term|presidency|tenure|premiership|administration|stint)"
                   r"(?:\s+(?:as|in)\s+(?:the\s+)?([a-z -]+?))?(?=[,.;]|\s+(?:in|at|when|from|to|as)\b|$)", re.I)
_LAST_YEAR = re.compile(r"\b(last|previous)\s+year\b", re.I)
_HEAD_TITLES = lexicon("head_of_government_titles")
_DATE_SPAN_PREPS = lexicon("date_span_preps")
_PREVIOUS_PERIOD = lexicon("previous_period_words")


@dataclass(frozen=True, slots=True)
class EventDate:
    """When an event happened: its first day, granularity, the text that said so, the last day of
    a range, and whether the text recalls it as background rather than news of the day."""

    date: dt.date | None
    granularity: Granularity
    text: str | None = None
    end: dt.date | None = None
    background: bool = False

    def triple(self) -> tuple[dt.date | None, Granularity, str | None]:
        return self.date, self.granularity, self.text


_MONTH_NUMBER = {name: k for k, name in enumerate(_MONTHS.split("|"), start=1)}
_MONTH_NUMBER.update({name[:3]: k for name, k in list(_MONTH_NUMBER.items())} | {"sept": 9})
_MON = r"(?P<month>[a-z]{3,9})\.?"
_DD = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_WEEKDAY_PREFIX = r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?"
# the shapes of most dates in news, read without dateparser (about 10 ms a call on this machine)
_QUICK = [re.compile(rf"^{_WEEKDAY_PREFIX}{_MON}\s+{_DD},?(?:\s+(?P<year>\d{{4}}))?$"),  # Monday, May 5, 2025
          re.compile(rf"^{_WEEKDAY_PREFIX}{_DD}\s+{_MON},?(?:\s+(?P<year>\d{{4}}))?$"),  # 5 May 2025
          re.compile(rf"^{_MON}(?:\s+(?P<year>\d{{4}}))?$")]  # May 2025, May
_RELATIVE_DAYS = {r["name"].lower(): int(r["offset"]) for r in table("relative_days")}  # yesterday: -1
_DEFER = object()


def _quick(text: str, base: dt.date) -> dt.date | None | object:
    """`text` as dateparser reads it with the settings of `_parse`, for the common shapes it is
    checked against (tests/events/test_dates_quick.py); `_DEFER` for anything else, and for the
    edge cases where dateparser has its own ways (days past a month's end, February 29)."""
    low = " ".join(text.lower().split())
    if low in _RELATIVE_DAYS:
        return base + dt.timedelta(days=_RELATIVE_DAYS[low])
    if low in _WEEKDAYS:  # the last such day before the base, never the base itself
        return base - dt.timedelta(days=(base.weekday() - _WEEKDAYS[low] - 1) % 7 + 1)
    for shape in _QUICK:
        m = shape.match(low)
        if m is None:
            continue
        month = _MONTH_NUMBER.get(m.group("month"))
        if month is None:
            return _DEFER
        parts = m.groupdict()
        year = int(parts["year"]) if parts.get("year") else None
        day = int(parts["day"]) if parts.get("day") else None
        if year is None:  # the latest such month, or day, not after the base
            latest = month <= base.month if day is None else (month, day) <= (base.month, base.day)
            year = base.year if latest else base.year - 1
        if day is None:
            day = base.day  # dateparser keeps the base's day of the month
        try:
            return dt.date(year, month, day)
        except ValueError:
            return _DEFER
    return _DEFER


@lru_cache(maxsize=4096)
def _parse(text: str, base: dt.date) -> dt.date | None:
    quick = _quick(text, base)
    return _dateparser(text, base) if quick is _DEFER else quick  # type: ignore[return-value]


def warm_up() -> None:
    """Load dateparser and its English data now (about 0.6 s) rather than at the first date of a
    shape `_quick` does not read."""
    _dateparser("mid-March", dt.date(2025, 5, 6))


def _dateparser(text: str, base: dt.date) -> dt.date | None:
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


def is_date_expression(text: str, before: str = "", after: str = "") -> bool:
    """Whether a DATE entity's text, with the words around it, names a time (not an age, a
    quantity, a duration or a model number)."""
    t = text.strip()
    low = t.lower()
    if not t:
        return False
    if _NUMERIC.match(t):  # a bare number: only a four-digit year where a year stands
        if not _FOUR.match(t.replace(",", "")):
            return False
        if before.lower() in _YEAR_PREPS:
            return True
        # "the 2014 annexation", "Russia's 2014 invasion": a year before a noun
        return bool(before.lower() in _YEAR_DETERMINERS or before.endswith("'s")) and \
            bool(after) and after[:1].islower()
    if _DECADE.search(t):
        return True
    if re.match(r"^[A-Za-z][A-Za-z.-]*\s*-?\s*\d+$", t) and not _MONTH_RE.search(t):
        return False  # "SU 35", "Flight 1549", "F-16": a model or a flight number
    if _AGO.match(low):
        return True
    if _DURATION.match(low) or re.search(r"\b(aged?|-year-old|years old)\b", low):
        return False
    return bool(_MONTH_RE.search(t) or _DAY_WORDS.search(t) or _YEAR_RE.search(t)
                or re.search(r"\b(yesterday|today|tonight|week|month|year|weekend|morning|evening|night|"
                             r"spring|summer|autumn|fall|winter)\b", low))


def _term_range(match: re.Match[str], sent: Span, published: dt.date) -> EventDate | None:
    """'during his first term (as president)': the range of that term of a person the sentence names."""
    from accord.actors.kb import default_kb
    from accord.nlp.model import sentence_entities

    kb = default_kb()
    which, office = match.group(1).lower(), (match.group(2) or "").strip().lower()
    names = [e.text for e in sentence_entities(sent) if e.label_ == "PERSON"]
    names += [t.text for t in sent if t.pos_ == "PROPN" and t.text not in names]
    for name in names:
        ids = [e if isinstance(e, str) else e.actor_id for e in kb.lookup(name)]
        ids += list(kb.surnames.get(name.lower(), [])) if hasattr(kb, "surnames") else []
        for actor_id in ids:
            actor = kb.actors.get(actor_id if isinstance(actor_id, str) else getattr(actor_id, "actor_id", ""))
            if actor is None or actor.kind != "person":
                continue
            roles = sorted((r for r in actor.roles if r.start and (
                r.title.lower() == office if office else r.title.lower() in _HEAD_TITLES)),
                key=lambda r: r.start or dt.date.min)
            roles = [r for r in roles if r.start and r.start <= published]
            if not roles:
                continue
            if which in _ORDINALS:
                if _ORDINALS[which] >= len(roles):
                    continue
                role = roles[_ORDINALS[which]]
            else:  # previous, last, earlier, former: the latest term that ended before publication
                ended = [r for r in roles if r.end and r.end < published]
                if not ended:
                    continue
                role = ended[-1]
            return EventDate(role.start, "range", match.group(0).strip(), role.end or published, True)
    return None


def _ago(match: re.Match[str], text: str, published: dt.date) -> EventDate:
    count = _COUNTS.get(match.group(1).lower())
    n = count if count is not None else int(float(match.group(1).replace(",", ""))) if match.group(1)[0].isdigit() else 1
    unit = match.group(2).lower()
    if unit.startswith("year") or unit.startswith("decade") or unit.startswith("centur"):
        years = n * (10 if unit.startswith("decade") else 100 if unit.startswith("centur") else 1)
        return EventDate(dt.date(published.year - years, 1, 1), "year", text, None, True)
    if unit.startswith("month"):
        month = published.year * 12 + published.month - 1 - n
        return EventDate(dt.date(month // 12, month % 12 + 1, 1), "month", text, None, n > 1)
    days = {"week": 7, "day": 1}.get(unit.rstrip("s"), 0) * n
    return EventDate(published - dt.timedelta(days=days), "day", text) if days else EventDate(published, "day")


def resolve_event_date(sent: Span, trigger: Token, published: dt.date | None) -> EventDate:
    """The date of the event whose trigger is `trigger` (see the module docstring)."""
    if published is None:
        return EventDate(None, "unresolved")
    from accord.nlp.model import sentence_entities

    text_all = sent.text
    term = _TERM.search(text_all)
    if term is not None:
        found = _term_range(term, sent, published)
        if found is not None:
            return found
    candidates = []
    for e in sentence_entities(sent):
        if e.label_ not in ("DATE", "TIME"):
            continue
        before = sent.doc[e.start - 1].text if e.start > 0 else ""
        after = sent.doc[e.end].text if e.end < len(sent.doc) else ""
        if is_date_expression(e.text, before, after):
            candidates.append(e)
    if not candidates:
        return EventDate(published, "day")
    ent = min(candidates, key=lambda e: min(abs(e.start - trigger.i), abs(e.end - 1 - trigger.i)))
    text = ent.text.strip()
    before = sent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if before in _DATE_SPAN_PREPS:
        return EventDate(published, "day")  # "out of office since 2021" dates a state, not this event
    low = text.lower()
    ago = _AGO.match(low)
    if ago:
        return _ago(ago, text, published)
    if _LAST_YEAR.search(low):
        return EventDate(dt.date(published.year - 1, 1, 1), "year", text, None, True)
    decade = _DECADE.search(text)
    if decade and not _MONTH_RE.search(text):
        start = int(decade.group(1))
        return EventDate(dt.date(start, 1, 1), "range", text, dt.date(start + 9, 12, 31), True)
    if _VAGUE.search(text) and not _DAY_WORDS.search(text) and not _MONTH_RE.search(text) \
            and not re.search(r"\b(this|last|next)\s+(year|month|week)\b", low):
        return EventDate(published, "day")
    if re.search(r"\bthis\s+year\b", low):
        return EventDate(dt.date(published.year, 1, 1), "year", text)
    if re.search(r"\b(last|this)\s+month\b", low):
        back = 1 if any(w in low for w in _PREVIOUS_PERIOD) else 0
        month = published.year * 12 + published.month - 1 - back
        return EventDate(dt.date(month // 12, month % 12 + 1, 1), "month", text)
    cleaned = re.sub(r"^(on|in|at|by|late|early|last|this)\s+", "", text, flags=re.I)
    weekday = _WEEKDAYS.get(cleaned.lower())
    if weekday is not None:  # "on Thursday" in a Thursday article is that day, else the last one
        return EventDate(published - dt.timedelta(days=(published.weekday() - weekday) % 7), "day", text)
    gran = granularity_of(re.sub(r"\b\d{3,}\b", "", cleaned) if _YEAR_RE.search(cleaned) else cleaned)
    if gran == "day" and _YEAR_RE.search(cleaned) and not _MONTH_RE.search(cleaned) \
            and not re.search(r"\b(yesterday|today|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", low):
        gran = "year"
    if gran == "unresolved":
        if _YEAR_RE.search(cleaned):
            gran = "year"
        else:
            return EventDate(published, "day")
    year = _YEAR_RE.search(cleaned)
    day = _parse(f"1 January {year.group(0)}" if gran == "year" and year else cleaned, published)
    if day is None:
        return EventDate(published, "day")
    if gran == "month":
        day = day.replace(day=1)
    elif gran == "year":
        day = day.replace(month=1, day=1)
    background = gran == "year" and day.year < published.year or day < published - dt.timedelta(days=366)
    return EventDate(day, gran, text, None, background)


def resolve_date(sent: Span, trigger: Token, published: dt.date | None) -> tuple[dt.date | None, Granularity, str | None]:
    """(date, granularity, date text) of `resolve_event_date()`."""
    return resolve_event_date(sent, trigger, published).triple()
