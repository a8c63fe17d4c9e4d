"""Small readings of name text shared by the resolver and the gazetteer."""

from __future__ import annotations

from accord.lexicons import lexicon

_ARTICLES = lexicon("definite_articles")


def strip_article(text: str) -> str:
    """The text without a leading article and the space after it ('the Kremlin' -> 'Kremlin')."""
    first, space, rest = text.partition(" ")
    return rest if space and first.lower() in _ARTICLES else text
