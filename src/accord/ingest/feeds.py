"""RSS and Atom feed files (feedparser): one Document per entry.

An entry's text is its full content when the feed carries it, else its summary, as plain text;
its title, link and published (else updated) date come along, and the feed's title is the source.
feedparser reads broken XML leniently: entries it recovers are kept, and a feed with none is one
`malformed` rejection. The feed is always handed over as bytes, so feedparser never fetches a URL.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from typing import Any

from accord.errors import DateError, InputError, MalformedRecord
from accord.ingest.html import fragment_text
from accord.types import Document, Rejection


def iter_feed(data: bytes, name: str, build: Callable[..., Document]) -> Iterator[tuple[str, Document | Rejection]]:
    """(origin, Document or Rejection) per entry; `build(text, name=, published=, title=, url=,
    source=)` turns an entry into a Document (text repair, header lines, id)."""
    import feedparser

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        yield name, Rejection(name, MalformedRecord.code, _no_entries(name, parsed))
        return
    source = str(parsed.get("feed", {}).get("title") or "")
    for n, entry in enumerate(entries, start=1):
        where = f"{name}#{n}"
        try:
            yield where, _entry_document(entry, where, source, build)
        except (InputError, DateError) as exc:
            yield where, Rejection(where, exc.code, str(exc))


def _no_entries(name: str, parsed: Any) -> str:
    if parsed.get("bozo"):
        problem = str(parsed.get("bozo_exception") or "not XML").splitlines()[0]
        return f"{name}: not a readable RSS/Atom feed ({problem})"
    return f"{name}: feed has no entries"


def _entry_document(entry: Any, where: str, source: str, build: Callable[..., Document]) -> Document:
    body = _entry_body(entry)
    title = fragment_text(str(entry.get("title") or ""))
    return build(body, name=where, published=_entry_date(entry), title=title,
                 url=str(entry.get("link") or ""), source=source)


def _entry_body(entry: Any) -> str:
    contents = entry.get("content") or []
    best = max((str(c.get("value") or "") for c in contents), key=len, default="")
    summary = str(entry.get("summary") or "")
    return fragment_text(best if len(best) >= len(summary) else summary)


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None
