"""spaCy loading and the small custom components coding needs."""

from accord.nlp.model import load_nlp

__all__ = ["load_nlp"]
