"""Background: an event its own clause dates years back ("18 years ago", "in the 1970s")."""

from __future__ import annotations

import re

from spacy.tokens import Token

_YEARS_AGO = re.compile(r"\b(\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
                        r"thirty|forty|fifty|several|many|some|a few)\s+(years|decades)\s+ago\b", re.I)
_DECADE = re.compile(r"\b(in|during|since)\s+the\s+(19|20)?\d0'?s\b|\bfor\s+(many\s+|several\s+)?(years|decades)\b"
                     r"|\bover\s+the\s+(past|last)\s+(few\s+|several\s+)?(years|decades)\b", re.I)


_BACKGROUND_WORDS = re.compile(r"\bago\b|\byears\b|\bdecades\b|0'?s\b", re.I)


def is_background(tok: Token) -> bool:
    """An event its own clause dates years back ('18 years ago', 'in the 1970s', 'decades ago'):
    background the story recalls. Dates of other clauses do not count."""
    if not _BACKGROUND_WORDS.search(tok.sent.text):
        return False
    clause = tok
    while clause.dep_ not in ("ROOT", "ccomp", "advcl", "relcl", "conj", "xcomp") and clause.head.i != clause.i:
        clause = clause.head
    c = clause.i
    words = [t for t in clause.subtree if c in (t.head.i, t.head.head.i, t.head.head.head.i)]
    if not words:
        return False
    doc = tok.doc
    text = doc[min(t.i for t in words): max(t.i for t in words) + 1].text
    return bool(_YEARS_AGO.search(text) or _DECADE.search(text))
