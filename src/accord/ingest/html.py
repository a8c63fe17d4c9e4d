"""HTML: a whole page through trafilatura (title, date, main text; menus, ads, scripts dropped),
and a small tag stripper for the HTML fragments inside feed entries.

trafilatura is imported on the first page, so runs without HTML never pay for it. A page where
it finds no main text (only navigation, scripts, ads) gives None and the caller records it as
`boilerplate`. lxml cannot parse markup nested deeper than 255 elements; such a page is read
with the standard library's parser instead (scripts and styles dropped).
"""

from __future__ import annotations

import datetime as dt
import html
import logging
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section",
          "article", "pre", "ul", "ol", "table", "hr"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"}
DEEP = 250
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
    fields: dict[str, Any] = {}
    if isinstance(found, dict):
        fields = found
    elif found is not None:
        fields = found.as_dict()
    text = str(fields.get("text") or "")
    if not text.strip():
        return _too_deep_for_lxml(markup)
    return Page(text=text, title=str(fields.get("title") or ""), published=_date(fields.get("date")),
                url=str(fields.get("url") or ""), source=str(fields.get("sitename") or ""))


def _too_deep_for_lxml(markup: str) -> Page | None:
    """lxml gives up on markup nested deeper than 255 elements; read such a page's text with the
    stdlib parser instead (scripts, styles and the head dropped). None for any other page."""
    parser = _Stripper()
    parser.feed(markup)
    parser.close()
    if parser.max_depth < DEEP:
        return None
    text = parser.text()
    return Page(text=text, title=" ".join(parser.title.split())) if text else None


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
        self.depth = self.max_depth = 0
        self.in_title = False
        self.title = ""

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts).splitlines())
        return "\n".join(line for line in lines if line)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_title = tag == "title"
        if tag not in _VOID:
            self.depth += 1
            self.max_depth = max(self.max_depth, self.depth)
        if tag in _DROP:
            self.dropping += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        self.in_title = False
        if tag not in _VOID:
            self.depth = max(0, self.depth - 1)
        if tag in _DROP:
            self.dropping = max(0, self.dropping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        if not self.dropping:
            self.parts.append(data)


def fragment_text(markup: str) -> str:
    """Plain text of an HTML fragment (a feed entry's summary or content): paragraphs on lines."""
    if "<" not in markup:
        return html.unescape(markup).strip()
    parser = _Stripper()
    parser.feed(markup)
    parser.close()
    return parser.text()
