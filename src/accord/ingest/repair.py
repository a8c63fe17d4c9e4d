"""Text repair: mojibake via ftfy, plus the lossy apostrophe ftfy cannot recover.

A right single quote (U+2019, bytes E2 80 99) decoded as Windows-1257 and stripped of its
unprintable bytes leaves only "ā" (U+0101): "NATOās", "Trumpās", "donāt". ftfy has nothing to
work with there, so a contraction-shaped rule puts the apostrophe back.
"""

from __future__ import annotations

import re

import ftfy

_LOSSY_APOSTROPHE = re.compile(r"(?<=[A-Za-z])[āâ](?=(?:s|t|d|m|ll|re|ve)\b)")
_LOSSY_QUOTE_OPEN = re.compile(r"(?<=\s)ā(?=[A-Z])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def repair_text(raw: str) -> str:
    """Return readable text: mojibake fixed, curly quotes straightened, lossy apostrophes restored.

    >>> repair_text("NATOās future")
    "NATO's future"
    """
    text = _LOSSY_APOSTROPHE.sub("'", raw)
    text = ftfy.fix_text(text, normalization="NFC")
    text = _LOSSY_APOSTROPHE.sub("'", text)
    text = _LOSSY_QUOTE_OPEN.sub('"', text)
    text = _CONTROL.sub(" ", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")
