"""A light language check: is this text English? No model, no download.

Two tests on the first 400 words. Script: when fewer than half of the letters are Latin, the text
is not English (the message names the script, e.g. Cyrillic). Function words: running English
prose is 30-45% function words ("the", "of", "and", "to", ...). A text is not English when the
function words of French, Spanish, German, Portuguese, Italian or Dutch outnumber the English ones
(at least two of them), or when it has 40 words or more and under 8% of them are English function
words. Short English news sentences full of names ("Chinese President Xi Jinping met Brazilian
President Lula da Silva in Beijing") have few function words and pass.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

SAMPLE_WORDS = 400
MIN_WORDS_TO_JUDGE = 40
MIN_ENGLISH_SHARE = 0.08
CONFIDENT_ENGLISH_SHARE = 0.22

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")



def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": _words("""the of and to a in is that for on with as was by at it from be are has have
        had not but or this which were been an its their his her they he she we will would said
        who after about also more than into over can could should there after against when while
        up out what all one our no if new"""),
    "fr": _words("""le la les des du et est une dans pour qui que sur pas au aux avec ce cette il
        elle ont sont été par plus ne se son sa ses leur nous vous mais ou été selon après"""),
    "es": _words("""el los las del y es una por para con que se su sus al lo como más pero fue
        ha han este esta está entre sobre también según desde cuando muy"""),
    "de": _words("""der die das und ist nicht ein eine mit von zu den dem des sich auf für im
        auch es sie wir wird wurde bei nach aus oder dass einer werden hat"""),
    "pt": _words("""o os do da dos das e não uma com para por que se em no na nos ao mais foi são
        também pelo pela ele ela seu sua após"""),
    "it": _words("""il lo gli della delle dei di e è che non un una per con su sono ha anche come
        nel nella al alla più dopo stato"""),
    "nl": _words("""de het een en van is niet op te dat die zijn met voor ook er maar om aan bij
        werd wordt naar heeft deze"""),
}
NAMES = {"en": "English", "fr": "French", "es": "Spanish", "de": "German", "pt": "Portuguese",
         "it": "Italian", "nl": "Dutch"}


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """`language` is an ISO 639-1 code, a script name (e.g. cyrillic), or `und` (undecided)."""

    language: str
    english_share: float
    is_english: bool
    reason: str = ""


def guess_language(text: str) -> LanguageGuess:
    """Decide whether `text` is English; `reason` says why not."""
    sample = text[:6000]
    script = _dominant_non_latin_script(sample)
    if script:
        return LanguageGuess(script.lower(), 0.0, False, f"written mostly in {script.title()} script")
    words = [w.lower() for w in _WORD.findall(sample)][:SAMPLE_WORDS]
    if not words:
        return LanguageGuess("und", 0.0, True)
    shares = {lang: sum(w in vocab for w in words) / len(words) for lang, vocab in FUNCTION_WORDS.items()}
    english = shares.pop("en")
    rival, rival_share = max(shares.items(), key=lambda kv: kv[1])
    if english >= CONFIDENT_ENGLISH_SHARE and english >= rival_share:
        return LanguageGuess("en", english, True)
    if rival_share > english and rival_share * len(words) >= 2:
        why = f"looks like {NAMES[rival]} ({rival_share:.0%} {NAMES[rival]} function words, {english:.0%} English)"
        return LanguageGuess(rival, english, False, why)
    if len(words) >= MIN_WORDS_TO_JUDGE and english < MIN_ENGLISH_SHARE:
        return LanguageGuess("und", english, False, f"only {english:.0%} English function words")
    return LanguageGuess("en", english, True)


def _dominant_non_latin_script(sample: str) -> str:
    """The main script of the letters when fewer than half are Latin; '' otherwise."""
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return ""
    latin = sum(1 for ch in letters if ch <= "\u024f")
    if latin * 2 >= len(letters):
        return ""
    counts: dict[str, int] = {}
    for ch in letters:
        if ch > "\u024f":
            name = unicodedata.name(ch, "UNKNOWN").split(" ")[0]
            counts[name] = counts.get(name, 0) + 1
    return max(counts.items(), key=lambda kv: kv[1])[0]
