"""HTML: a whole page through trafilatura (title, date, main text; menus, ads, scripts dropped),
and a small tag stripper for the HTML fragments inside feed entries.

trafilatura is imported on the first page, so runs without HTML never pay for it. A page where
it finds no main text (only navigation, scripts or markup too deeply nested to parse) gives None
and the caller records it as `boilerplate`.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
from dataclasses import dataclass
from html.parser import HTMLParser

_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section",
          "article", "pre", "ul", "ol", "table", "hr"}
_DROP = {"script", "style", "noscript", "template", "svg", "iframe", "object", "head"}


@dataclass(frozen=True, slots=True)
class Page:
    """What an HTML page holds: its main text and, when the page says, title, date and URL."""

    text: str
    title: str = ""
    published: dt.date | None = None
    url: str = ""
    source: str = ""


def extract_page(markup: str) -> Page | None:
    """Main text, title and date of an article page; None when there is no main text."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        found = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False,
                                            include_tables=False, favor_precision=True)
    except (ValueError, TypeError, RecursionError, MemoryError):
        return None
    if found is None or not (found.text or "").strip():
        return None
    return Page(text=found.text, title=found.title or "", published=_date(found.date),
                url=found.url or "", source=found.sitename or "")


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


class _Stripper(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP:
            self.dropping += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP:
            self.dropping = max(0, self.dropping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.parts.append(data)


def fragment_text(markup: str) -> str:
    """Plain text of an HTML fragment (a feed entry's summary or content): paragraphs on lines."""
    if "<" not in markup:
        return html.unescape(markup).strip()
    parser = _Stripper()
    parser.feed(markup)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)
