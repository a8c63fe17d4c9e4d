"""Case for text that arrives all upper case or all lower case (wire feeds, transcripts).

spaCy's tagger and entity recogniser lean on capital letters: "PAKISTAN ACCUSED INDIA" parses as
a string of proper nouns with no verb, and actor resolution finds nobody. When a text's case
carries no information, the parser gets a recased copy instead: lower case, with the first
letter of each sentence and of every name the knowledge base or the city gazetteer knows capitalised
("russian president vladimir putin" -> "Russian President Vladimir Putin" when the names and
titles are known). The copy has exactly the length of the original, so every offset still
points into the original text, which is what events quote.
"""

from __future__ import annotations

import re

from accord.actors.kb import KnowledgeBase
from accord.lexicons import lexicon

_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)
_SENTENCE_END = re.compile(r"(^|[.!?]\s+|\n\s*)([\"'“‘(]*)([^\W\d_])", re.UNICODE)
_MIN_LETTERS = 20


def case_is_uninformative(text: str) -> bool:
    """True when a text is all upper case, or has almost no capital letters (lower-case feeds)."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < _MIN_LETTERS:
        return False
    upper = sum(c.isupper() for c in letters)
    if upper / len(letters) > 0.8:
        return True
    words = _WORD.findall(text)
    capitalised = sum(w[0].isupper() for w in words)
    return len(words) >= 8 and capitalised / len(words) < 0.02


class Truecaser:
    """Recase a text whose case is uninformative, from the names of a knowledge base."""

    def __init__(self, kb: KnowledgeBase, max_words: int = 4):
        self.names = _NAMES.get(id(kb)) or _NAMES.setdefault(id(kb), _names(kb))
        self.max_words = max_words
        self.common = lexicon("common_words_not_names")

    def __call__(self, text: str) -> str:
        if not case_is_uninformative(text):
            return text
        low = text.lower()
        if len(low) != len(text):  # a letter whose lower case is longer: leave the text alone
            return text
        chars = list(low)
        words = list(_WORD.finditer(low))
        i = 0
        while i < len(words):
            for n in range(min(self.max_words, len(words) - i), 0, -1):
                span = words[i:i + n]
                key = " ".join(m.group(0).strip(".'’") for m in span)
                if key in self.names and (n > 1 or key not in self.common):
                    for m in span:
                        if len(m.group(0)) == 2:  # "eu", "un": a two-letter name is an acronym
                            chars[m.start():m.end()] = list(m.group(0).upper())
                        else:
                            chars[m.start()] = chars[m.start()].upper()
                    i += n
                    break
            else:
                i += 1
        for m in _SENTENCE_END.finditer(low):
            chars[m.start(3)] = chars[m.start(3)].upper()
        for m in re.finditer(r"\bi\b", low):  # the pronoun
            chars[m.start()] = "I"
        out = "".join(chars)
        return out if len(out) == len(text) else text


_NAMES: dict[int, frozenset[str]] = {}  # per knowledge base (they live as long as the process)


def _names(kb: KnowledgeBase) -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    from accord.actors.gazetteer import _cities

    names = {k for k in kb.names if 2 <= len(k) < 60 and k not in STOP_WORDS}
    names |= set(lexicon("capitalised_titles"))
    names |= {k for k, row in _cities().items() if row[4] >= 50_000}
    return frozenset(names)
