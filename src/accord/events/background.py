"""Background: an event its own clause dates years back ("18 years ago", "in the 1970s", "since 2014").

The words are data (lexicons `background_*`): a count and a unit before "ago" ("18 years ago",
"several decades ago"), a span preposition before a unit ("for decades", "over the past few
years"), a decade preposition before "the 1970s", "since" before a year ("has governed since 2012"). Only the trigger's own clause counts: "He said
on Monday that the talks, which began decades ago, ..." dates the talks, not the saying.
"""

from __future__ import annotations

import re
import threading

from spacy.tokens import Span, Token

from accord.lexicons import lexicon

_UNITS = lexicon("background_units")
_AGO = lexicon("background_ago_words")
_COUNTS = lexicon("background_counts")
_SPAN_PREPS = lexicon("background_span_preps")
_SPAN_MODIFIERS = lexicon("background_span_modifiers")
_DECADE_PREPS = lexicon("background_decade_preps")
_SINCE_PREPS = lexicon("background_since_preps")
_OF = lexicon("background_unit_of_preps")
_DECADE_DETERMINERS = lexicon("definite_articles")
_DECADE_SUFFIXES = lexicon("background_decade_suffixes")
_DECADE = re.compile(r"(19|20)?\d0'?s")  # the shape of "1970s", "70s", "70's" (digits, not words)
_DECADE_NUMBER = re.compile(r"(19|20)?\d0")
_YEAR = re.compile(r"(19|20)\d\d")  # the shape of a year ("since 2014")
_CLAUSES = ("ROOT", "ccomp", "advcl", "relcl", "conj", "xcomp", "acl")  # acl: "property seized in the 1970s"


def _decade_at(span: Span, i: int) -> bool:
    t = span[i]
    if _DECADE.fullmatch(t.lower_):
        return True
    return bool(_DECADE_NUMBER.fullmatch(t.lower_)) and i + 1 < len(span) and span[i + 1].lower_ in _DECADE_SUFFIXES


def _dates_back(span: Span, own: frozenset[int] | None = None) -> bool:
    """The span holds "N years ago", "for/over (the past...) years|decades" or "in the 1970s";
    with `own`, only a unit or decade word among those token indices counts (the span between a
    clause's first and last word may hold other clauses' dates)."""
    for i, t in enumerate(span):
        if own is not None and t.i not in own:
            continue
        if t.lower_ in _UNITS:
            if i + 1 < len(span) and span[i + 1].lower_ in _AGO and i > 0 and (
                    span[i - 1].is_digit or span[i - 1].lower_ in _COUNTS):
                return True
            j = i - 1
            while j >= 0 and span[j].lower_ in _SPAN_MODIFIERS:
                j -= 1
            if j >= 0 and span[j].lower_ in _SPAN_PREPS and not any(c.dep_ == "prep" and c.lower_ in _OF for c in t.children):
                # "for decades", not "for years of fraud"
                return True
        elif t.lower_ in _SINCE_PREPS and i + 1 < len(span) and _YEAR.fullmatch(span[i + 1].lower_):
            return True  # "have fought separatists since 2014": a state that has lasted years, not news
        elif i >= 2 and span[i - 1].lower_ in _DECADE_DETERMINERS and span[i - 2].lower_ in _DECADE_PREPS and _decade_at(span, i):
            return True
    return False


_LAST = threading.local()  # per thread: the last sentence asked about and the answer


def _mentions_time(sent: Span) -> bool:
    """Whether the sentence has a unit, "ago" or a decade-like number at all (once per sentence)."""
    last = getattr(_LAST, "last", None)
    if last is None or last[0] is not sent.doc or last[1] != (sent.start, sent.end):
        found = any(t.lower_ in _UNITS or t.lower_ in _AGO or _DECADE_NUMBER.match(t.lower_) or _YEAR.fullmatch(t.lower_)
                    for t in sent)
        last = _LAST.last = (sent.doc, (sent.start, sent.end), found)
    return last[2]


def is_background(tok: Token) -> bool:
    """An event its own clause dates years back ('18 years ago', 'in the 1970s', 'decades ago'):
    background the story recalls. Dates of other clauses do not count."""
    if not _mentions_time(tok.sent):
        return False
    clause = tok
    while clause.dep_ not in _CLAUSES and clause.head.i != clause.i:
        clause = clause.head
    c = clause.i
    words = [t for t in clause.subtree if c in (t.head.i, t.head.head.i, t.head.head.head.i)]
    if not words:
        return False
    doc = tok.doc
    return _dates_back(doc[min(t.i for t in words): max(t.i for t in words) + 1], frozenset(t.i for t in words))
