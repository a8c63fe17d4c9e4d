"""Lemma candidates for a verb: spaCy's lemma first, then regular inflections undone.

The small model's lemmatizer sometimes errs on news verbs ("staged" -> "stag"); patterns and
light-verb lists are looked up under every candidate, spaCy's own first.
"""

from __future__ import annotations

from spacy.tokens import Token


def lemma_candidates(tok: Token) -> tuple[str, ...]:
    lemma = tok.lemma_.lower()
    text = tok.lower_
    out = [lemma]
    if text.endswith("ied"):
        out.append(text[:-3] + "y")
    elif text.endswith("ed"):
        out += [text[:-1], text[:-2]]
        if len(text) > 4 and text[-3] == text[-4]:
            out.append(text[:-3])  # "stopped" -> "stop"
    elif text.endswith("ing"):
        out += [text[:-3], text[:-3] + "e"]
        if len(text) > 5 and text[-4] == text[-5]:
            out.append(text[:-4])
    elif text.endswith("es"):
        out += [text[:-2], text[:-1]]
    elif text.endswith("s"):
        out.append(text[:-1])
    prefix = hyphen_prefix(tok)
    if prefix:  # "test-fired", "fire-bombed": the hyphenated verb first, then its last part
        out = [f"{prefix}-{c}" for c in out] + [f"{prefix}{c}" for c in out] + out
    seen: list[str] = []
    for c in out:
        if c and c not in seen:
            seen.append(c)
    return tuple(seen)


def hyphen_prefix(tok: Token) -> str:
    """The word joined to a verb or noun by a hyphen with no space ("test" in "test-fired"), or ""."""
    if tok.i < 2:
        return ""
    hyphen, word = tok.doc[tok.i - 1], tok.doc[tok.i - 2]
    if hyphen.text != "-" or hyphen.whitespace_ or word.whitespace_ or not word.is_alpha:
        return ""
    return word.lower_
