"""Named word lists (lexicons): the English the coder and resolver consult, kept as data.

Each lexicon is a file `accord/data/lexicons/<name>.txt`: one entry per line, `#` starts a comment,
blank lines are ignored, entries are lower-cased. Rules and patterns refer to a lexicon as
`@name`; Python asks for it with `lexicon("name")`. One list has one name: two lists that differ
have names that say why. A user's lexicon folder (ACCORD_LEXICONS, a folder of `<name>.txt`) adds
words to a built-in lexicon of the same name or defines a new one.
"""

from __future__ import annotations

import os
from functools import lru_cache
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


@lru_cache(maxsize=None)
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
