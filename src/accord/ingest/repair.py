"""Text repair: mojibake via ftfy, plus the lossy apostrophe ftfy cannot recover; then the text is
made safe to parse.

A right single quote (U+2019, bytes E2 80 99) decoded as Windows-1252 and stripped of its
unprintable bytes leaves only "ā" (U+0101): "NATOās", "Trumpās", "donāt". ftfy has nothing to
work with there, so a contraction-shaped rule puts the apostrophe back.

Safe to parse (`bound_text`): spaCy's tokenizer strips prefix and suffix characters one at a
time, so a run of punctuation without a space costs time quadratic in its length (5,000 `*` take
2 s, 20,000 take 30 s, holding the GIL). Every run of more than `MAX_PUNCT_RUN` characters that are
neither letters, digits nor spaces is cut to its first `MAX_PUNCT_RUN`. A stretch of more than
`MAX_SENTENCE_CHARS` characters with no sentence end (`.`, `!`, `?`, line break) gets a line break
in place of its last space before the limit (same length, so nothing moves), and a line break
always starts a sentence. Every reader and the API build documents through `repair_text`, so
event offsets point into this cleaned text.
"""

from __future__ import annotations

import re

import ftfy

MAX_PUNCT_RUN = 20
MAX_SENTENCE_CHARS = 2_000

_LOSSY_APOSTROPHE = re.compile(r"(?<=[A-Za-z])[āâ](?=(?:s|t|d|m|ll|re|ve)\b)")
_LOSSY_QUOTE_OPEN = re.compile(r"(?<=\s)ā(?=[A-Z])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PUNCT_RUN = re.compile(rf"(?:[^\w\s]|_){{{MAX_PUNCT_RUN + 1},}}")
_NO_SENTENCE_END = re.compile(rf"[^.!?\n]{{{MAX_SENTENCE_CHARS + 1},}}")


def repair_text(raw: str) -> str:
    """Return readable text: mojibake fixed, curly quotes straightened, lossy apostrophes restored,
    and bounded for the parser (`bound_text`).

    >>> repair_text("NATOās future")
    "NATO's future"
    """
    text = _PUNCT_RUN.sub(_cut_run, raw)  # before ftfy too: its own regexes are slow on such runs
    text = _LOSSY_APOSTROPHE.sub("'", text)
    text = ftfy.fix_text(text, normalization="NFC")
    text = _LOSSY_APOSTROPHE.sub("'", text)
    text = _LOSSY_QUOTE_OPEN.sub('"', text)
    text = _CONTROL.sub(" ", text)
    return bound_text(text.replace("\r\n", "\n").replace("\r", "\n"))


def bound_text(text: str) -> str:
    """`text` with no punctuation run over MAX_PUNCT_RUN characters and no stretch over
    MAX_SENTENCE_CHARS without a sentence end; the same object when nothing needed changing."""
    if _PUNCT_RUN.search(text):
        text = _PUNCT_RUN.sub(_cut_run, text)
    if _NO_SENTENCE_END.search(text):
        text = _NO_SENTENCE_END.sub(_break_stretch, text)
    return text


def needs_bounding(text: str) -> bool:
    return bool(_PUNCT_RUN.search(text) or _NO_SENTENCE_END.search(text))


def _cut_run(match: re.Match[str]) -> str:
    return match.group(0)[:MAX_PUNCT_RUN]


def _break_stretch(match: re.Match[str]) -> str:
    """Line breaks in place of spaces so that no piece is longer than MAX_SENTENCE_CHARS (a piece
    with no space at all is one token, which the parser handles in linear time)."""
    chars = list(match.group(0))
    start = 0
    while len(chars) - start > MAX_SENTENCE_CHARS:
        window = "".join(chars[start:start + MAX_SENTENCE_CHARS + 1])
        cut = max(window.rfind(" "), window.rfind("\t"))
        if cut <= 0:
            nxt = "".join(chars[start + MAX_SENTENCE_CHARS:]).find(" ")
            if nxt < 0:
                break
            cut = MAX_SENTENCE_CHARS + nxt
        chars[start + cut] = "\n"
        start += cut + 1
    return "".join(chars)
