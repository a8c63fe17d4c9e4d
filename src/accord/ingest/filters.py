"""Documents that were read but should not be coded: too short, too long for the parser,
boilerplate only, or not English. Each check returns a Rejection (reason code + one-line message)
or None.

Reason codes written to the `rejected` table by ingest (besides the readers' `not_found`,
`binary`, `empty`, `too_large`, `malformed`, `bad_date`, `bad_input`):

    too_short       fewer than `min_words` words
    too_large       longer than the parser's limit in characters
    boilerplate     cookie notices, subscription prompts, menus: no article text
    not_english     the language check says another language (or script)
    duplicate       the same text as a document read earlier in the run
    near_duplicate  the same story as a document read earlier in the run (`doc_id` names it)
    coding_failed   the coder raised on this document
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from accord.ingest.language import guess_language
from accord.types import Document, Rejection

TOO_SHORT = "too_short"
TOO_LARGE = "too_large"
BOILERPLATE = "boilerplate"
NOT_ENGLISH = "not_english"
DUPLICATE = "duplicate"
NEAR_DUPLICATE = "near_duplicate"
CODING_FAILED = "coding_failed"

DEFAULT_MIN_WORDS = 5
MAX_CHARS = 1_000_000  # spaCy's max_length: a longer text cannot be parsed in one piece

_BOILERPLATE = re.compile(
    r"cookie|subscribe|subscription|sign (?:up|in)|log ?in\b|newsletter|all rights reserved|copyright|©"
    r"|privacy (?:policy|notice)|terms of (?:use|service)|javascript|advertisement|click here|share this"
    r"|follow us|read more|related (?:articles|stories)|skip to (?:main )?content|accept all"
    r"|your browser|download (?:our|the) app|this site uses|we use",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Screen:
    """The checks, configured once per run; `__call__(document, origin)` -> Rejection | None."""

    min_words: int = DEFAULT_MIN_WORDS
    max_chars: int = MAX_CHARS
    language: bool = True

    def __call__(self, document: Document, origin: str) -> Rejection | None:
        text = document.text
        if len(text) > self.max_chars:
            return _reject(origin, TOO_LARGE, f"{origin}: {len(text)} characters of text is over the "
                           f"parser's {self.max_chars}-character limit", document)
        words = len(text.split())
        if words < self.min_words:
            return _reject(origin, TOO_SHORT, f"{origin}: {words} words, under the {self.min_words}-word "
                           "minimum", document)
        if is_boilerplate(text):
            return _reject(origin, BOILERPLATE, f"{origin}: only boilerplate (site notices, menus, "
                           "subscription prompts), no article text", document)
        if self.language:
            guess = guess_language(text)
            if not guess.is_english:
                return _reject(origin, NOT_ENGLISH, f"{origin}: not English: {guess.reason}", document)
        return None


def is_boilerplate(text: str) -> bool:
    """True when at least 60% of the words sit on short lines that read as site furniture, and
    at least two different furniture phrases occur (one "sign up" in a headline is news)."""
    total = furniture = 0
    terms: set[str] = set()
    for line in text.splitlines():
        n = len(line.split())
        total += n
        found = {m.group(0).lower() for m in _BOILERPLATE.finditer(line)} if n <= 40 else set()
        if found:
            furniture += n
            terms |= found
    return len(terms) >= 2 and furniture >= 0.6 * total


def _reject(origin: str, reason: str, message: str, document: Document) -> Rejection:
    return Rejection(origin, reason, message, document.id)
