"""Named word lists (lexicons): the English the coder and resolver consult, kept as data.

Each lexicon is a file `accord/data/lexicons/<name>.txt`: one entry per line, `#` starts a comment,
blank lines are ignored, entries are lower-cased. Rules and patterns refer to a lexicon as
`@name`; Python asks for it with `lexicon("name")`. One list has one name: two lists that differ
have names that say why. A user's lexicon folder (ACCORD_LEXICONS, a folder of `<name>.txt`) adds
words to a built-in lexicon of the same name or defines a new one.

A lexicon whose entries have several columns (a word and the code it stands for) or keep their
case is a table, `<name>.csv` with a header row, read with `table(name)`.
"""

from __future__ import annotations

import csv
import os
from functools import cache
from importlib import resources
from pathlib import Path

from accord.errors import DataFileError

_FOLDER = resources.files("accord") / "data" / "lexicons"


def _parse(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if word:
            out.append(word)
    return out


@cache
def lexicon(name: str) -> frozenset[str]:
    """The words of lexicon `name` (without its leading '@'); DataFileError names the known ones."""
    name = name.lstrip("@")
    words: list[str] = []
    found = False
    res = _FOLDER / f"{name}.txt"
    if res.is_file():
        words += _parse(res.read_text(encoding="utf-8"))
        found = True
    user = os.environ.get("ACCORD_LEXICONS")
    if user and (p := Path(user) / f"{name}.txt").is_file():
        words += _parse(p.read_text(encoding="utf-8"))
        found = True
    if not found:
        raise DataFileError(f"unknown lexicon @{name}; known: {', '.join(names()[:40])}", input=name)
    return frozenset(words)


def names() -> list[str]:
    """The names of the built-in lexicons, sorted."""
    return sorted(p.name[:-4] for p in _FOLDER.iterdir() if p.name.endswith(".txt"))


def entries(name: str) -> list[str]:
    """The entries of a built-in lexicon in file order, duplicates kept (for the lint test)."""
    return _parse((_FOLDER / f"{name.lstrip('@')}.txt").read_text(encoding="utf-8"))


def table(name: str) -> list[dict[str, str]]:
    """The rows of table `name`: `accord/data/lexicons/<name>.csv`, for a lexicon whose entries
    have several columns (a word and its code) or keep their case. The first row that is not a
    `#` comment names the columns; cells are stripped, not lower-cased. A user's `<name>.csv` in
    ACCORD_LEXICONS adds rows after the built-in ones (so a later row with the same key wins where
    the caller builds a mapping). DataFileError when there is no such table."""
    name = name.lstrip("@")
    texts = []
    res = _FOLDER / f"{name}.csv"
    if res.is_file():
        texts.append(res.read_text(encoding="utf-8"))
    user = os.environ.get("ACCORD_LEXICONS")
    if user and (p := Path(user) / f"{name}.csv").is_file():
        texts.append(p.read_text(encoding="utf-8"))
    if not texts:
        raise DataFileError(f"unknown lexicon table @{name}", input=name)
    rows: list[dict[str, str]] = []
    for text in texts:
        lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
        for row in csv.DictReader(lines):
            if None in row or any(v is None for v in row.values()):
                raise DataFileError(f"lexicon table {name}.csv: a row has the wrong number of fields", input=name)
            rows.append({k.strip(): v.strip() for k, v in row.items()})
    return rows
