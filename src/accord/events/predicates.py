"""The predicates that rules are written with: each is implemented once here and documented in
docs/rules.md (a test keeps that table complete).

A predicate is a function `(ctx, value) -> bool`. `ctx` is a `RuleContext`: the trigger, and, as the
coder gets that far, its arguments, type, code, modality reading and the other triggers of the
sentence. Values are prepared once when a rule is loaded (`prepare`): a list of words, or a string
naming a lexicon (`"@press_objects"`), becomes a frozenset of lower-case words.

Any predicate can be negated by writing `not.<name>`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from spacy.tokens import Span, Token

from accord.events.arguments import is_passive
from accord.events.triggers import misparsed_finite
from accord.lexicons import lexicon

# What a predicate's value is, prepared once by `prepare`: words (a word, a list or @lexicon),
# codes (a code or a list), a bool, an int, prep-words (a preposition and its object's words), or
# phrases (words or phrases, matched as whole words in the sentence).
ValueKind = Literal["words", "codes", "bool", "int", "prep-words", "phrases"]
# The keys of a prep-words value: {prep: [...], words: [...] or @lexicon}.
PrepWordsKey = Literal["prep", "words"]
_PREP_WORDS_KEYS: frozenset[PrepWordsKey] = frozenset(get_args(PrepWordsKey))
_INFINITIVE_MARKERS = lexicon("infinitive_markers")
_INFINITIVE_SUBJECT_MARKERS = lexicon("infinitive_subject_markers")
_UNDERGOING_PREPS = lexicon("undergoing_preps")
_UNDERGOING_VERBS = lexicon("undergoing_verbs")
_TIME_FRAME_PREPS = lexicon("time_frame_preps")


@dataclass
class RuleContext:
    """What a rule can look at. Fields after `trig` are filled in as the coder proceeds."""

    trig: Any  # triggers.Trigger
    sent: Span | None = None
    args: Any = None  # arguments.Arguments
    plover_type: str | None = None
    cameo: str | None = None
    reading: Any = None  # modality.ModalityReading
    content: Any = None  # the Trigger a frame embeds
    triggers: list[Any] = field(default_factory=list)  # every trigger of the sentence
    types: dict[int, str] = field(default_factory=dict)  # token index -> PLOVER type of its trigger
    inner: dict[int, Any] = field(default_factory=dict)  # frame token index -> content trigger
    idx: Any = None  # arguments.MentionIndex
    doc_country: str | None = None  # the country the document names most so far
    story_country: str | None = None  # the country the sentences before this one name most
    previous_states: tuple[str, ...] = ()  # the states the sentence before names, in order
    inferred: tuple[str, ...] = ()  # how uncoded actors got a country from context ("country.story")

    @property
    def tok(self) -> Token:
        return self.trig.token


@dataclass(frozen=True, slots=True)
class Predicate:
    name: str
    fn: Callable[[RuleContext, Any], bool]
    kind: ValueKind  # what the value is
    doc: str
    # True when it reads only the trigger row (ctx.trig.pattern: its id, lemma, part of speech,
    # CAMEO code, file): a row's answer never changes, so the rule book asks such predicates once
    # per row and stage and keeps the rules that pass (accord.events.rules.RuleBook.each)
    row: bool = False


PREDICATES: dict[str, Predicate] = {}


def _words(value: Any) -> frozenset[str]:
    if isinstance(value, str):
        return lexicon(value[1:]) if value.startswith("@") else frozenset([value.lower()])
    if isinstance(value, (list, tuple)):
        out: set[str] = set()
        for v in value:
            out |= _words(str(v))
        return frozenset(out)
    raise ValueError(f"expected a word, a list of words or @lexicon, got {value!r}")


def _codes(value: Any) -> tuple[str, ...]:
    if isinstance(value, (str, int)):
        return (str(value),)
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value)
    raise ValueError(f"expected a code or a list of codes, got {value!r}")


def _prep_words(value: dict[PrepWordsKey, Any] | Any) -> tuple[frozenset[str], frozenset[str]]:
    if not isinstance(value, dict) or set(value) != _PREP_WORDS_KEYS:
        raise ValueError("expected {prep: [...], words: [...] or @lexicon}")
    return _words(value["prep"]), _words(value["words"])


_PREPARE: dict[ValueKind, Callable[[Any], Any]] = {
    "words": _words, "codes": _codes, "bool": bool, "int": int, "prep-words": _prep_words,
}


def prepare(name: str, value: Any) -> Any:
    """The value of predicate `name` parsed once; `not.` predicates are prepared like their base."""
    return _PREPARE[PREDICATES[name].kind](value)


def predicate(name: str, kind: ValueKind, *, row: bool = False) -> Callable[[Callable[[RuleContext, Any], bool]], Callable[[RuleContext, Any], bool]]:
    """Register a predicate; `row=True` when it reads nothing but the trigger row."""
    def register(fn: Callable[[RuleContext, Any], bool]) -> Callable[[RuleContext, Any], bool]:
        doc = " ".join((fn.__doc__ or "").split())
        PREDICATES[name] = Predicate(name, fn, kind, doc, row)
        PREDICATES[f"not.{name}"] = Predicate(f"not.{name}", lambda ctx, v: not fn(ctx, v), kind, f"Negation of {name}.", row)
        return fn
    return register


# --- the trigger


@predicate("trigger", "codes", row=True)
def _trigger(ctx: RuleContext, ids: tuple[str, ...]) -> bool:
    """The trigger rule's id is one of these ids."""
    return ctx.trig.pattern.id in ids


@predicate("lemma", "words", row=True)
def _lemma(ctx: RuleContext, words: frozenset[str]) -> bool:
    """The trigger rule's lemma is one of these words."""
    return ctx.trig.pattern.lemma in words


@predicate("pos", "codes", row=True)
def _pos(ctx: RuleContext, kinds: tuple[str, ...]) -> bool:
    """The trigger rule is for a `verb` or a `noun`."""
    return ctx.trig.pattern.pos in kinds


@predicate("cue", "codes")
def _cue(ctx: RuleContext, kinds: tuple[str, ...]) -> bool:
    """The trigger rule's cue kind is one of these (prt, obj, prep, pred; '' for none)."""
    return ctx.trig.pattern.cue in kinds


@predicate("pattern_cameo", "codes", row=True)
def _pattern_cameo(ctx: RuleContext, prefixes: tuple[str, ...]) -> bool:
    """The trigger rule's own CAMEO code starts with one of these prefixes."""
    return ctx.trig.pattern.cameo.startswith(prefixes)


@predicate("frame", "bool")
def _frame(ctx: RuleContext, value: bool) -> bool:
    """The trigger rule is a frame (it embeds another event as its content)."""
    return ctx.trig.pattern.frame == value


@predicate("anchored", "bool")
def _anchored(ctx: RuleContext, value: bool) -> bool:
    """The trigger is a frame noun read through a governing verb ("has no intention of")."""
    return (ctx.trig.anchor is not None) == value


@predicate("has_extra", "bool")
def _has_extra(ctx: RuleContext, value: bool) -> bool:
    """The trigger has more words than its head (a particle or a light verb's object)."""
    return bool(ctx.trig.extra) == value


@predicate("misparsed_finite", "bool")
def _misparsed_finite(ctx: RuleContext, value: bool) -> bool:
    """The trigger is a finite verb the parser made a noun's modifier ("have since banned civilians", "Trump hosted Erdogan")."""
    return (misparsed_finite(ctx.tok) is not None) == value


@predicate("word", "words")
def _word(ctx: RuleContext, words: frozenset[str]) -> bool:
    """The trigger's head word, lower-cased, is one of these."""
    return ctx.tok.lower_ in words


@predicate("after_word", "words")
def _after_word(ctx: RuleContext, words: frozenset[str]) -> bool:
    """The word before the trigger, or a child of the trigger, is one of these ("as opposed")."""
    tok = ctx.tok
    return (tok.i > 0 and tok.doc[tok.i - 1].lower_ in words) or any(c.lower_ in words for c in tok.children)


# --- the trigger's place in the parse


@predicate("dep", "codes")
def _dep(ctx: RuleContext, labels: tuple[str, ...]) -> bool:
    """The trigger's dependency label is one of these."""
    return ctx.tok.dep_ in labels


@predicate("tag", "codes")
def _tag(ctx: RuleContext, tags: tuple[str, ...]) -> bool:
    """The trigger's fine-grained tag is one of these (VBN, VBG, ...)."""
    return ctx.tok.tag_ in tags


@predicate("head_lemma", "words")
def _head_lemma(ctx: RuleContext, words: frozenset[str]) -> bool:
    """The lemma of the trigger's syntactic head is one of these."""
    return ctx.tok.head.lemma_.lower() in words


@predicate("head_infinitive", "bool")
def _head_infinitive(ctx: RuleContext, value: bool) -> bool:
    """The trigger's syntactic head is a to-infinitive ("the time to consider offering relief")."""
    head = ctx.tok.head
    is_inf = head.i != ctx.tok.i and head.tag_ == "VB" and any(
        c.dep_ == "aux" and c.lower_ in _INFINITIVE_MARKERS for c in head.children)
    return is_inf == value


@predicate("head_word", "words")
def _head_word(ctx: RuleContext, words: frozenset[str]) -> bool:
    """The trigger's syntactic head, lower-cased, is one of these (a preposition for a pobj)."""
    return ctx.tok.head.lower_ in words


@predicate("child_dep", "codes")
def _child_dep(ctx: RuleContext, labels: tuple[str, ...]) -> bool:
    """The trigger has a child with one of these dependency labels."""
    return any(c.dep_ in labels for c in ctx.tok.children)


@predicate("object_word", "words")
def _object_word(ctx: RuleContext, words: frozenset[str]) -> bool:
    """A word of the trigger's objects (dobj, pobj, xcomp, attr, acomp, advmod children and their
    own dobj/pobj children), lower-cased, is one of these."""
    objects = [c for c in ctx.tok.children if c.dep_ in ("dobj", "pobj", "xcomp", "attr", "acomp", "advmod")]
    return any(c.lower_ in words for c in objects) or any(
        g.lower_ in words for c in objects for g in c.children if g.dep_ in ("dobj", "pobj"))


@predicate("dobj_lemma", "words")
def _dobj_lemma(ctx: RuleContext, words: frozenset[str]) -> bool:
    """A direct object of the trigger has one of these lemmas (the first of two predicatives is the
    object the parser misread: 'called Pakistan's "assertions" "baseless"')."""
    oprds = [c for c in ctx.tok.children if c.dep_ == "oprd"]
    objects = [c for c in ctx.tok.children if c.dep_ == "dobj"] + oprds[:1] * (len(oprds) > 1)
    return any(c.lemma_.lower() in words for c in objects)


@predicate("dobj_det", "words")
def _dobj_det(ctx: RuleContext, words: frozenset[str]) -> bool:
    """A direct object of the trigger has one of these determiners ("condemns any violence")."""
    return any(c.dep_ == "dobj" and any(d.lower_ in words and d.dep_ == "det" for d in c.children)
               for c in ctx.tok.children)


@predicate("other_dobj", "bool")
def _other_dobj(ctx: RuleContext, value: bool) -> bool:
    """The trigger has a direct object that is not one of the trigger's own words."""
    return any(c.dep_ == "dobj" and c.i not in ctx.trig.extra for c in ctx.tok.children) == value


@predicate("prep_object", "prep-words")
def _prep_object(ctx: RuleContext, value: tuple[frozenset[str], frozenset[str]]) -> bool:
    """A preposition child of the trigger (`prep`) has an object whose lemma is in `words`."""
    preps, words = value
    return any(c.dep_ == "prep" and c.lower_ in preps and any(o.lemma_.lower() in words for o in c.children)
               for c in ctx.tok.children)


@predicate("prep_subtree", "prep-words")
def _prep_subtree(ctx: RuleContext, value: tuple[frozenset[str], frozenset[str]]) -> bool:
    """A preposition child of the trigger (`prep`) has a word with a lemma in `words` anywhere below it."""
    preps, words = value
    return any(c.dep_ == "prep" and c.lower_ in preps and any(t.lemma_.lower() in words for t in c.subtree)
               for c in ctx.tok.children)


@predicate("no_child_dep", "codes")
def _no_child_dep(ctx: RuleContext, labels: tuple[str, ...]) -> bool:
    """The trigger has no child with any of these dependency labels."""
    return not any(c.dep_ in labels for c in ctx.tok.children)


@predicate("subject_word_prefix", "words")
def _subject_word_prefix(ctx: RuleContext, prefixes: frozenset[str]) -> bool:
    """A word left of the trigger in its own phrase starts with one of these ("peacekeepers arrived")."""
    return any(t.lower_.startswith(tuple(prefixes)) for left in ctx.tok.lefts for t in left.subtree)


@predicate("prescription", "words")
def _prescription(ctx: RuleContext, words: frozenset[str]) -> bool:
    """The trigger's clause is what a judgement with one of these words prescribes ("crucial for
    Islamabad to negotiate"), or a "for X to V" clause."""
    tok = ctx.tok
    if tok.dep_ not in ("xcomp", "advcl", "ccomp"):
        return False
    return (tok.head.lemma_.lower() in words
            or any(c.dep_ == "acomp" and c.lemma_.lower() in words for c in tok.head.children)
            or (any(c.dep_ == "mark" and c.lower_ in _INFINITIVE_SUBJECT_MARKERS for c in tok.children)
                and any(c.dep_ == "aux" and c.lower_ in _INFINITIVE_MARKERS for c in tok.children)))


@predicate("refusal_aux", "words")
def _refusal_aux(ctx: RuleContext, words: frozenset[str]) -> bool:
    """The trigger has an auxiliary among these words (negated with will/can/does: a refusal)."""
    return any(c.dep_ == "aux" and c.lower_ in words for c in ctx.tok.children)


_SENTENCE = threading.local()  # per thread: the last sentence asked about, its lower text and "?" tokens


def _sentence_facts(ctx: RuleContext) -> tuple[str, int]:
    """(lower-cased text, index of the last "?" token or -1) of the trigger's sentence, computed
    once per sentence: spaCy rebuilds `token.sent` on every access."""
    sent = ctx.sent if ctx.sent is not None else ctx.tok.sent
    last = getattr(_SENTENCE, "last", None)
    if last is None or last[0] is not sent.doc or last[1] != (sent.start, sent.end):
        marks = [t.i for t in sent if t.text == "?"]
        last = _SENTENCE.last = (sent.doc, (sent.start, sent.end), sent.text.lower(), marks[-1] if marks else -1)
    return last[2], last[3]


@predicate("question", "bool")
def _question(ctx: RuleContext, value: bool) -> bool:
    """A question mark follows the trigger in its sentence."""
    return (_sentence_facts(ctx)[1] > ctx.tok.i) == value


@predicate("dated_possessive", "bool")
def _dated_possessive(ctx: RuleContext, value: bool) -> bool:
    """The trigger has a possessive that is a date ("last month's invasion")."""
    return any(c.dep_ == "poss" and c.ent_type_ in ("DATE", "TIME") for c in ctx.tok.children) == value


@predicate("background", "bool")
def _background_pred(ctx: RuleContext, value: bool) -> bool:
    """The trigger's own clause dates it years back ("18 years ago", "in the 1970s", "for decades")."""
    from accord.events.background import is_background

    return is_background(ctx.tok) == value


@predicate("under_standing", "bool")
def _under_standing(ctx: RuleContext, value: bool) -> bool:
    """The trigger is the object of "under" not after "come" ("a ship under U.S. sanctions")."""
    tok = ctx.tok
    return (tok.dep_ == "pobj" and tok.head.lower_ in _UNDERGOING_PREPS
            and tok.head.head.lemma_.lower() not in _UNDERGOING_VERBS) == value


@predicate("modifier", "words")
def _modifier(ctx: RuleContext, words: frozenset[str]) -> bool:
    """An adjectival modifier of the trigger is one of these ("the existing embargo")."""
    return any(c.dep_ == "amod" and c.lower_ in words for c in ctx.tok.children)


@predicate("own_modifier", "words")
def _own_modifier(ctx: RuleContext, words: frozenset[str]) -> bool:
    """A modifier (amod, advmod, compound) of the trigger or of one of its own words (a light verb's
    object) is one of these, lower-cased ("held *joint* exercises", "*jointly* patrolled")."""
    doc = ctx.tok.doc
    heads = (ctx.tok, *(doc[i] for i in ctx.trig.extra))
    return any(c.dep_ in ("amod", "advmod", "compound") and c.lower_ in words for h in heads for c in h.children)


@predicate("time_frame", "words")
def _time_frame(ctx: RuleContext, words: frozenset[str]) -> bool:
    """The trigger is the object of of/to/for/against under one of these nouns ("on the eve of a visit")."""
    tok = ctx.tok
    return tok.dep_ == "pobj" and tok.head.lower_ in _TIME_FRAME_PREPS \
        and tok.head.head.lemma_.lower() in words


# --- arguments


def _sources(ctx: RuleContext) -> tuple[Any, ...]:
    return ctx.args.sources if ctx.args is not None else ()


def _targets(ctx: RuleContext) -> tuple[Any, ...]:
    return ctx.args.targets if ctx.args is not None else ()


@predicate("no_source", "bool")
def _no_source(ctx: RuleContext, value: bool) -> bool:
    """No source was found."""
    return (not _sources(ctx)) == value


@predicate("no_target", "bool")
def _no_target(ctx: RuleContext, value: bool) -> bool:
    """No target was found."""
    return (not _targets(ctx)) == value


@predicate("foreign_target", "bool")
def _foreign_target(ctx: RuleContext, value: bool) -> bool:
    """A target has an actor code of a country none of the sources has: the act reaches another
    country's actor ("vowed to work with the Philippines"); not so for no target, an uncoded target
    or the actor's own side ("the government vowed to restore its authority": BFAGOV -> BFAGOV)."""
    src = {m.ref.code[:3] for m in _sources(ctx) if m.ref.code}
    return any(m.ref.code and m.ref.code[:3] not in src for m in _targets(ctx)) == value


@predicate("max_sources", "int")
def _max_sources(ctx: RuleContext, n: int) -> bool:
    """At most this many sources were found."""
    return len(_sources(ctx)) <= n


@predicate("source_count", "int")
def _source_count(ctx: RuleContext, n: int) -> bool:
    """Exactly this many sources were found."""
    return len(_sources(ctx)) == n


@predicate("uncoded_source", "bool")
def _uncoded_source(ctx: RuleContext, value: bool) -> bool:
    """Sources were found but none has an actor code."""
    src = _sources(ctx)
    return (bool(src) and not any(m.ref.code for m in src)) == value


@predicate("inherited_source", "bool")
def _inherited(ctx: RuleContext, value: bool) -> bool:
    """The source came from a governing clause, not the trigger's own subject."""
    return (ctx.args is not None and ctx.args.inherited) == value


@predicate("inferred_country", "bool")
def _inferred_country(ctx: RuleContext, value: bool) -> bool:
    """An actor without a code took its country from its context, not from its own words: the story,
    the sentence's one country, the state that acted on it, the quote's speaker or the states just
    named (`country.story`, `country.sentence`, `country.domestic`, `country.speaker`,
    `country.group` in the trace)."""
    return bool(ctx.inferred) == value


@predicate("coref_actor", "bool")
def _coref(ctx: RuleContext, value: bool) -> bool:
    """A source or target was found through a pronoun or a definite description."""
    return any(m.how == "coref" for m in _sources(ctx) + _targets(ctx)) == value


@predicate("source_head_tag", "codes")
def _source_head_tag(ctx: RuleContext, tags: tuple[str, ...]) -> bool:
    """The head word of the first source has one of these tags (NN: a common noun, a body)."""
    src = _sources(ctx)
    return bool(src) and ctx.tok.doc[src[0].head].tag_ in tags


@predicate("official_source", "bool")
def _official_source(ctx: RuleContext, value: bool) -> bool:
    """A source is a government or an international organisation (code ends in GOV or IGO, or starts IGO)."""
    return any((m.ref.code or "").endswith(("GOV", "IGO")) or (m.ref.code or "").startswith("IGO")
               for m in _sources(ctx)) == value


@predicate("actor_sector", "codes")
def _actor_sector(ctx: RuleContext, sectors: tuple[str, ...]) -> bool:
    """A source or target has one of these sectors."""
    return any(m.ref.sector in sectors for m in _sources(ctx) + _targets(ctx))


@predicate("target_code", "codes")
def _target_code(ctx: RuleContext, prefixes: tuple[str, ...]) -> bool:
    """A target's actor code starts with one of these prefixes ("withdrew from ECOWAS": IGO)."""
    return any((m.ref.code or "").startswith(prefixes) for m in _targets(ctx))


_REL_PRONOUN_WORDS = lexicon("relative_pronouns")
_DEFINITE_DETS = lexicon("definite_determiners")


@predicate("definite_patient", "bool")
def _definite_patient(ctx: RuleContext, value: bool) -> bool:
    """The trigger's passive subject names someone in particular: a personal pronoun, a name, or a
    noun with a definite article, a demonstrative or a possessive ("*the journalist* is not allowed to
    leave", "*he* was not permitted"); not a bare plural or an indefinite noun, which states a rule
    ("*visitors* are not allowed to take photos"). A relative pronoun stands for the noun it modifies."""
    hit = False
    for c in ctx.tok.children:
        if c.dep_ != "nsubjpass":
            continue
        head = c.head.head if c.lower_ in _REL_PRONOUN_WORDS and ctx.tok.dep_ == "relcl" else c
        if head.pos_ == "PRON":
            hit = hit or head.lower_ in _PARTY_PRONOUNS
        elif head.pos_ == "PROPN" or head.ent_type_ == "PERSON":
            hit = True
        else:
            hit = hit or any(d.dep_ == "poss" or (d.dep_ == "det" and d.lower_ in _DEFINITE_DETS) for d in head.children)
    return hit == value


@predicate("targets_are_forces", "bool")
def _targets_are_forces(ctx: RuleContext, value: bool) -> bool:
    """Every target is a generic agent, taken from context, or a military or rebel force."""
    tg = _targets(ctx)
    return (bool(tg) and all(m.how in ("agent", "context") or m.ref.sector in ("MIL", "REB") for m in tg)) == value


# --- type, code and modality


@predicate("type", "codes")
def _type(ctx: RuleContext, types: tuple[str, ...]) -> bool:
    """The event's PLOVER type (from its current CAMEO code) is one of these."""
    return ctx.plover_type in types


@predicate("cameo", "codes")
def _cameo(ctx: RuleContext, prefixes: tuple[str, ...]) -> bool:
    """The event's current CAMEO code starts with one of these prefixes."""
    return ctx.cameo is not None and ctx.cameo.startswith(prefixes)


@predicate("cameo_is", "codes")
def _cameo_is(ctx: RuleContext, codes: tuple[str, ...]) -> bool:
    """The event's current CAMEO code is exactly one of these."""
    return ctx.cameo in codes


@predicate("reciprocal", "codes")
def _reciprocal(ctx: RuleContext, types: tuple[str, ...]) -> bool:
    """The type is one of these and the event has two or more sources (they act on each other)."""
    return ctx.plover_type in types and len(_sources(ctx)) > 1


@predicate("has_content", "bool")
def _has_content(ctx: RuleContext, value: bool) -> bool:
    """The trigger is a frame whose embedded event was found ("refused to meet")."""
    return (ctx.content is not None) == value


@predicate("modality", "codes")
def _modality(ctx: RuleContext, values: tuple[str, ...]) -> bool:
    """The modality read for the trigger is one of these."""
    return ctx.reading is not None and ctx.reading.modality in values


@predicate("modality_cue", "words")
def _modality_cue(ctx: RuleContext, words: frozenset[str]) -> bool:
    """The word that decided the modality is one of these."""
    return ctx.reading is not None and (ctx.reading.cue or "") in words


@predicate("negated", "bool")
def _negated(ctx: RuleContext, value: bool) -> bool:
    """The trigger's clause is negated."""
    return (ctx.reading is not None and bool(ctx.reading.negated)) == value


@predicate("speaker_word", "words")
def _speaker_word(ctx: RuleContext, words: frozenset[str]) -> bool:
    """A word of the speaker the event is attributed to has one of these lemmas ("analysts said")."""
    speaker = ctx.reading.speaker if ctx.reading is not None else None
    return speaker is not None and any(t.lemma_.lower() in words for t in speaker.subtree)


@predicate("in_speaker", "words")
def _in_speaker(ctx: RuleContext, words: frozenset[str]) -> bool:
    """The trigger lies inside the subject of one of these reporting verbs (who reports, not what).
    A "subject" with a later subject of the same verb beside it is the report itself that the parser
    took for a subject ("Youths resorted to throwing stones, officials said": two subjects of "said")."""
    return any(anc.dep_ == "nsubj" and anc.head.lemma_.lower() in words
               and not any(c.dep_ == "nsubj" and c.i > anc.i for c in anc.head.children)
               for anc in ctx.tok.ancestors)


# --- relations between the triggers of a sentence (stage suppress)


@predicate("frame_content", "bool")
def _frame_content(ctx: RuleContext, value: bool) -> bool:
    """The trigger is the embedded content of a frame trigger ("refused to *meet*")."""
    return any(t.token.i == ctx.tok.i for t in ctx.inner.values()) == value


@predicate("part_of_trigger", "bool")
def _part_of_trigger(ctx: RuleContext, value: bool) -> bool:
    """The trigger is one of another trigger's own words ("meet the *demands*")."""
    return any(ctx.tok.i in t.extra for t in ctx.triggers) == value


@predicate("inside_frame", "bool")
def _inside_frame(ctx: RuleContext, value: bool) -> bool:
    """The trigger lies inside what a frame embeds, beyond the frame's content ("called on the parties
    to stop *fighting*"); a clause a frame could not embed stays its own event."""
    by_token = {t.token.i: t for t in ctx.triggers}
    me = ctx.tok.i
    for trig in ctx.triggers:
        if not trig.pattern.frame or trig.token.i == me:
            continue
        content = ctx.inner.get(trig.token.i)
        if content is not None and content.token.i == me:
            continue
        for clause in (c for c in trig.token.children if c.dep_ in ("xcomp", "ccomp")):
            if content is None and clause.i in by_token:
                continue
            if any(t.i == me for t in clause.subtree):
                return value
    return not value


@predicate("protest_aim", "bool")
def _protest_aim(ctx: RuleContext, value: bool) -> bool:
    """A demand that states the aim of a protest next to it ("staged demonstrations to *demand*")."""
    tok = ctx.tok
    if ctx.types.get(tok.i) != "REQUEST" or tok.dep_ not in ("advcl", "xcomp", "acl", "conj", "pcomp"):
        return not value
    head = tok.head
    near = {head.i, *(c.i for c in head.children if c.dep_ in ("dobj", "nsubj", "attr"))}
    return any(ctx.types.get(i) == "PROTEST" for i in near) == value


@predicate("compound_of", "words")
def _compound_of(ctx: RuleContext, words: frozenset[str]) -> bool:
    """A nominal trigger is a compound modifier of a noun that is NOT one of these container nouns
    ("*invasion* forces" modifies; "a peace mission" contains)."""
    tok = ctx.tok
    return ctx.trig.pattern.pos == "noun" and ctx.trig.anchor is None and tok.dep_ == "compound" \
        and tok.head.lemma_.lower() not in words


@predicate("restates_ancestor", "bool")
def _restates_ancestor(ctx: RuleContext, value: bool) -> bool:
    """A nominal trigger restates a verb trigger of the same type among its four nearest ancestors
    ("agreed to provide 70 million dollars of *aid*")."""
    tok = ctx.tok
    if ctx.trig.pattern.pos != "noun" or ctx.trig.anchor is not None:
        return not value
    verbs = {t.token.i for t in ctx.triggers if t.pattern.pos == "verb"}
    for anc in list(tok.ancestors)[:4]:
        if anc.i in verbs and ctx.types.get(anc.i) == ctx.types.get(tok.i):
            return value
    return not value


def _governing_trigger(ctx: RuleContext, i: int) -> Any:
    return next((t for t in ctx.triggers if t.pattern.pos == "verb" and t.token.i == i), None)


@predicate("complaint_topic", "words")
def _complaint_topic(ctx: RuleContext, preps: frozenset[str]) -> bool:
    """A nominal trigger is the object of one of these prepositions under a complaint (CAMEO 11)
    trigger ("complained over Turkish *shelling*")."""
    tok = ctx.tok
    if ctx.trig.pattern.pos != "noun" or tok.dep_ != "pobj" or tok.head.lower_ not in preps:
        return False
    h = _governing_trigger(ctx, tok.head.head.i)
    return h is not None and h.pattern.cameo[:2] == "11"


def _head_trigger(ctx: RuleContext) -> Any:
    tok = ctx.tok
    head = _governing_trigger(ctx, tok.head.i)
    if head is None or head is ctx.trig or tok.i in head.extra:
        return None
    return head


@predicate("purpose_of_trigger", "bool")
def _purpose_of_trigger(ctx: RuleContext, value: bool) -> bool:
    """A verb trigger is the subjectless purpose infinitive of another (non-frame) verb trigger
    ("will visit Dakar to *mediate*")."""
    tok = ctx.tok
    head = _head_trigger(ctx)
    hit = head is not None and ctx.trig.pattern.pos == "verb" and tok.dep_ == "advcl" and not head.pattern.frame \
        and any(c.dep_ == "aux" and c.lower_ in _INFINITIVE_MARKERS for c in tok.children) \
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
    return hit == value


@predicate("judged_object", "bool")
def _judged_object(ctx: RuleContext, value: bool) -> bool:
    """A nominal trigger is the object of a judgement trigger ("called Moscow's *strikes* a war crime")."""
    head = _head_trigger(ctx)
    hit = head is not None and ctx.trig.pattern.pos == "noun" and ctx.tok.dep_ == "dobj" and head.pattern.cue == "pred"
    return hit == value


@predicate("bare_object_of_trigger", "bool")
def _bare_object(ctx: RuleContext, value: bool) -> bool:
    """A nominal trigger is the direct object of a verb trigger and names no actor of its own
    ("trying to broker a *pact*"; but "support a deal between Britain and Mauritius" names its parties)."""
    head = _head_trigger(ctx)
    tok = ctx.tok
    hit = head is not None and ctx.trig.pattern.pos == "noun" and ctx.trig.anchor is None and tok.dep_ == "dobj" \
        and not any(t.i in ctx.idx.by_token for t in tok.subtree if t.i != tok.i)
    return hit == value


# --- where a trigger row came from, and how well its actors are known


@predicate("trigger_origin", "codes", row=True)
def _trigger_origin(ctx: RuleContext, prefixes: tuple[str, ...]) -> bool:
    """The trigger row came from a file whose name starts with one of these (e.g. rules/petrarch_verbs.csv)."""
    return ctx.trig.pattern.origin.startswith(prefixes)


@predicate("coded_actors", "bool")
def _coded_actors(ctx: RuleContext, value: bool) -> bool:
    """A source and a target were both found, each with an actor code."""
    return (any(m.ref.code for m in _sources(ctx)) and any(m.ref.code for m in _targets(ctx))) == value


@predicate("coded_source", "bool")
def _coded_source(ctx: RuleContext, value: bool) -> bool:
    """A source with an actor code was found."""
    return any(m.ref.code for m in _sources(ctx)) == value


@predicate("reciprocal_parties", "codes")
def _reciprocal_parties(ctx: RuleContext, prefixes: tuple[str, ...]) -> bool:
    """The trigger row's CAMEO code starts with one of these and its sources are two or more coded
    actors of different countries: they act with each other ("Israeli and Egyptian officials began
    talks", "India and the United States expanded cooperation"), so the event needs no target."""
    countries = {m.ref.code[:3] for m in _sources(ctx) if m.ref.code}
    return ctx.trig.pattern.cameo.startswith(prefixes) and len(countries) > 1


def _phrases(value: Any) -> Any:
    import re

    words = sorted(_words(value), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b") if words else None


_PREPARE["phrases"] = _phrases


@predicate("sentence_phrase", "phrases")
def _sentence_phrase(ctx: RuleContext, pattern: Any) -> bool:
    """The trigger's sentence, lower-cased, contains one of these words or phrases (whole words)."""
    return pattern is not None and pattern.search(_sentence_facts(ctx)[0]) is not None


@predicate("passive", "bool")
def _passive(ctx: RuleContext, value: bool) -> bool:
    """The trigger verb is passive (it has a passive subject or auxiliary, or it is a bare participle
    joined to a passive verb: "were arrested and later deported")."""
    return is_passive(ctx.tok) == value


@predicate("unresolved_actors", "bool")
def _unresolved_actors(ctx: RuleContext, value: bool) -> bool:
    """Every source and target is unresolved (found by the grammar, not the knowledge base)."""
    actors = _sources(ctx) + _targets(ctx)
    return (bool(actors) and all(m.how == "unresolved" and not m.ref.code for m in actors)) == value


@predicate("subject_lemma", "words")
def _subject_lemma(ctx: RuleContext, words: frozenset[str]) -> bool:
    """The trigger's subject, or the object of its passive "by", or a compound of either, has one of
    these lemmas ("Heavy rain hit", "hit by a container ship")."""
    tok = ctx.tok
    heads = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
    heads += [o for c in tok.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    return any(t.lemma_.lower() in words or t.lower_ in words
               for h in heads for t in (h, *(c for c in h.children if c.dep_ == "compound")))


@predicate("actor_word", "words")
def _actor_word(ctx: RuleContext, words: frozenset[str]) -> bool:
    """A word of a source's or target's text, lower-cased, is one of these ("our reporter")."""
    return any(w in words for m in _sources(ctx) + _targets(ctx) for w in m.ref.text.lower().split())


@predicate("prep", "words")
def _prep(ctx: RuleContext, words: frozenset[str]) -> bool:
    """The trigger has a preposition child that is one of these words."""
    return any(c.dep_ == "prep" and c.lower_ in words for c in ctx.tok.children)


# --- session 4 (h4): precision, what is said about an act that is not the act


@predicate("complement_of_pos", "codes")
def _complement_of_pos(ctx: RuleContext, kinds: tuple[str, ...]) -> bool:
    """The trigger is a gerund or clause with no subject of its own after a preposition that belongs to
    a word of one of these parts of speech (ADJ, NOUN): "cautious about confronting China", "the
    urgency of boosting aid" (not "concerned about Israel attacking Gaza")."""
    tok = ctx.tok
    return (tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head.pos_ in kinds
            and not any(c.dep_ in ("nsubj", "nsubjpass", "poss") for c in tok.children))


@predicate("content_head_lemma", "words")
def _content_head_lemma(ctx: RuleContext, words: frozenset[str]) -> bool:
    """The trigger's content clause (a ccomp or parataxis child) is headed by one of these lemmas and
    has a subject that is a noun ("warned that the alliance is dangerous": be; "said lawmakers must
    understand": understand). A pronoun or "there" as subject does not count: "warned that it will be
    ready to respond", "warned that there will be consequences" are threats."""
    tok = ctx.tok
    heads = [c for c in tok.children if c.dep_ in ("ccomp", "parataxis")]

    def nominal_subject(h: Token) -> bool:
        subj = [c for c in h.children if c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl")]
        return bool(subj) and not any(c.dep_ == "expl" or c.tag_ in ("PRP", "EX") for c in subj)

    return any(nominal_subject(h) and (h.lemma_.lower() in words or any(
        x.dep_ == "xcomp" and x.lemma_.lower() in words for x in h.children)) for h in heads)


_COPULAS = lexicon("copular_verbs")


@predicate("content_pronoun_future", "words")
def _content_pronoun_future(ctx: RuleContext, words: frozenset[str]) -> bool:
    """The trigger's content clause (a ccomp or parataxis child) has a personal pronoun as subject and
    one of these auxiliaries, and its head is no copula: what the speaker (or those it names) will do
    or will undergo ("warned that they would not return to the table", "warned the drivers they would
    be killed"); not a state ("warned that it would be a mistake") nor a noun's prospects ("warned
    that prices will rise")."""
    for h in ctx.tok.children:
        if h.dep_ not in ("ccomp", "parataxis") or h.lemma_.lower() in _COPULAS:
            continue
        subj = [c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")]
        aux = [c for c in h.children if c.dep_ == "aux" and c.text.lower() in words]
        if aux and subj and all(c.tag_ == "PRP" for c in subj):
            return True
    return False


_DISTRIBUTIVES = lexicon("distributive_determiners")


def _habit_clause(tok: Token) -> list[Token]:
    """The trigger and the words whose habit is its habit: the first conjunct of a nominal trigger or
    of a verb of the same form with no subject of its own ("has been attacking and fighting"), the verb
    an object, an infinitive or an adverbial clause depends on ("regularly escape when attacked")."""
    out = [tok]
    cur = tok
    for _ in range(4):
        if cur.head.i == cur.i:
            break
        if cur.dep_ == "conj":
            if not (cur.pos_ in ("NOUN", "PROPN") or cur.tag_ == cur.head.tag_) \
                    or any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children):
                break
        elif cur.dep_ not in ("dobj", "xcomp", "advcl"):
            break
        cur = cur.head
        out.append(cur)
    return out


@predicate("habitual", "words")
def _habitual(ctx: RuleContext, words: frozenset[str]) -> bool:
    """The trigger's clause says the act is a habit, not an event: an adverb among these words
    ("frequently conducts bombings", "regularly escape when attacked"), or a time with "each" or
    "every" ("bans fishing each year"), on the trigger or the words it depends on (_habit_clause)."""
    clause = _habit_clause(ctx.tok)
    for t in clause:
        if any(c.dep_ == "advmod" and c.lower_ in words for c in t.children):
            return True
        for d in t.subtree:
            if d.dep_ == "det" and d.lower_ in _DISTRIBUTIVES and d.head.ent_type_ in ("DATE", "TIME"):
                path = [a for a in d.head.ancestors if a.i != t.i and t.is_ancestor(a)]
                if not any(a.dep_ in ("ccomp", "relcl", "advcl", "acl") for a in path):
                    return True
    return False

# --- session 4 (h2): nominal events and unresolved actors


@predicate("object_of_frame", "codes")
def _object_of_frame(ctx: RuleContext, roots: tuple[str, ...]) -> bool:
    """A nominal trigger is the direct object of a frame trigger (one that embeds an event) whose
    CAMEO code starts with one of these: what is demanded or urged is the frame's content, not an
    event of its own ("demanded the *withdrawal* of Serbian forces")."""
    head = _head_trigger(ctx)
    return head is not None and ctx.trig.pattern.pos == "noun" and ctx.trig.anchor is None \
        and ctx.tok.dep_ == "dobj" and head.pattern.frame and head.pattern.cameo.startswith(roots)


_UNDERGOING_OBJECT_VERBS = lexicon("undergoing_object_verbs")
_PLACING_VERBS = lexicon("placing_verbs")


@predicate("undergone", "bool")
def _undergone(ctx: RuleContext, value: bool) -> bool:
    """A nominal trigger names what its clause's subject underwent: the object of "come under" or
    "placed under" ("the convoy came under *attack*", "was placed under house *arrest*") or of a verb
    of @undergoing_object_verbs ("faced *arrest*")."""
    tok = ctx.tok
    hit = ctx.trig.pattern.pos == "noun" and (
        (tok.dep_ == "pobj" and tok.head.lower_ in _UNDERGOING_PREPS
         and tok.head.head.lemma_.lower() in _UNDERGOING_VERBS | _PLACING_VERBS)
        or (tok.dep_ == "dobj" and tok.head.lemma_.lower() in _UNDERGOING_OBJECT_VERBS))
    return hit == value


@predicate("advcl_lemma", "words")
def _advcl_lemma(ctx: RuleContext, words: frozenset[str]) -> bool:
    """An adverbial clause of the trigger is headed by one of these lemmas ("were injured when a bus
    collided with a truck")."""
    return any(c.dep_ == "advcl" and c.lemma_.lower() in words for c in ctx.tok.children)


_QUESTION_MARKS = lexicon("question_marks")


@predicate("asks_question", "bool")
def _asks_question(ctx: RuleContext, value: bool) -> bool:
    """The trigger's content clause is a question: it opens with a wh-word or "whether" ("What
    person has a child, she asked", "asked whether the talks would resume")."""
    tok = ctx.tok
    found = False
    for c in tok.children:
        if c.dep_ in ("ccomp", "parataxis"):
            first = min(c.subtree, key=lambda t: t.i)
            if first.tag_ in ("WDT", "WP", "WP$", "WRB") or first.lower_ in _QUESTION_MARKS:
                found = True
    return found == value


_EXPLETIVES = lexicon("expletive_pronouns")
_EXTRAPOSING = lexicon("extraposing_verbs")


@predicate("extraposed", "bool")
def _extraposed(ctx: RuleContext, value: bool) -> bool:
    """The trigger is a to-infinitive extraposed after a dummy "it" ("It was a mistake to support
    them", "it makes sense to assist investors"): a judgement about a kind of act, like a clausal subject."""
    tok = ctx.tok
    head = tok.head
    found = (tok.dep_ in ("xcomp", "ccomp", "advcl") and head.i != tok.i and head.lemma_.lower() in _EXTRAPOSING
             and any(c.dep_ == "aux" and c.lower_ in _INFINITIVE_MARKERS for c in tok.children)
             and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
             and any(c.dep_ in ("nsubj", "expl") and c.lower_ in _EXPLETIVES for c in head.children))
    return found == value


_ACCUSATION_PREPS = lexicon("accusation_content_preps")


@predicate("accused_act", "words")
def _accused_act(ctx: RuleContext, words: frozenset[str]) -> bool:
    """A verb trigger, or a conjunct of one, is the gerund after of/for/over/with that says what a verb of
    these lemmas blames its object for: the verb's own preposition or its object's ("accused the group
    of killing, *maiming* and *looting*", "criticized the newspaper for *refusing* to publish")."""
    if ctx.trig.pattern.pos != "verb":
        return False
    cur = ctx.tok
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head
    if cur.dep_ not in ("pcomp", "pobj") or cur.head.dep_ != "prep" or cur.head.lower_ not in _ACCUSATION_PREPS:
        return False
    owner = cur.head.head
    if owner.dep_ in ("dobj", "nsubjpass") and owner.pos_ in ("NOUN", "PROPN", "PRON"):
        owner = owner.head
    return owner.pos_ == "VERB" and owner.lemma_.lower() in words


_RELATIVE_PRONOUNS = lexicon("relative_pronouns")


@predicate("generic_subject", "bool")
def _generic_subject(ctx: RuleContext, value: bool) -> bool:
    """A verb trigger in the simple present (VBP, no auxiliary) whose subject, or the noun its relative
    pronoun stands for, is a bare plural common noun: no determiner, possessive or number ("Foreign
    bloggers who *praise* China gain followers", "influencers *cooperate* with the government, she said"):
    what a kind of people does, not an event. A main verb is left alone: a headline tells news in the
    present ("Farmers protest new tax")."""
    tok = ctx.tok
    if ctx.trig.pattern.pos != "verb" or tok.tag_ != "VBP" or tok.dep_ == "ROOT" or any(c.dep_ in ("aux", "auxpass", "neg") for c in tok.children):
        return not value
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.lower_ in _RELATIVE_PRONOUNS and tok.dep_ == "relcl":
        subj = tok.head
    hit = subj is not None and subj.tag_ == "NNS" and not any(
        c.dep_ in ("det", "poss", "nummod", "quantmod") for c in subj.children)
    return hit == value


@predicate("complement_of_word", "words")
def _complement_of_word(ctx: RuleContext, words: frozenset[str]) -> bool:
    """The trigger is a gerund after a preposition that belongs to one of these words (lemmas):
    "claimed responsibility for attacking the base"."""
    tok = ctx.tok
    return tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head.lemma_.lower() in words

_FORCE_ROOTS = ("17", "18", "19", "20")  # CAMEO roots of coercion and violence


@predicate("agentless_force_on_someone", "bool")
def _agentless_force_on_someone(ctx: RuleContext, value: bool) -> bool:
    """A passive of coercion or violence (CAMEO 17-20) with no "by" phrase whose passive subject is a
    target that names a person or a group ("He was rearrested", "opposition MPs are being kicked
    out of the country"): the state or an unidentified attacker did it, and later rules name them
    from the place."""
    tok = ctx.tok
    patients = [c for c in tok.children if c.dep_ == "nsubjpass"]
    hit = ctx.trig.pattern.pos == "verb" and ctx.trig.pattern.cameo.startswith(_FORCE_ROOTS) \
        and bool(patients) and not any(c.dep_ == "agent" for c in tok.children) \
        and bool(_targets(ctx)) and any(_party_word(p) or any(m.start <= p.i < m.end and m.how != "unresolved"
                                                              for m in _targets(ctx)) for p in patients)
    return hit == value


_PARTY_PRONOUNS = lexicon("person_pronouns") | lexicon("unresolved_object_pronouns") | lexicon("unresolved_pronouns")
_PARTY_NOUNS = lexicon("people_nouns") | lexicon("collective_nouns") | lexicon("organised_group_nouns")
_PARTY_ENTITIES = ("PERSON", "ORG", "NORP")


def _party_word(tok: Token) -> bool:
    """A word that names a person or a group: an entity the tagger calls one, a personal pronoun, a
    noun of @people_nouns, @collective_nouns or @organised_group_nouns."""
    if tok.pos_ == "PRON":
        return tok.lower_ in _PARTY_PRONOUNS
    return tok.ent_type_ in _PARTY_ENTITIES or tok.lemma_.lower() in _PARTY_NOUNS or tok.lower_ in _PARTY_NOUNS


_SETTING_PREPS = lexicon("setting_preps")
_HARM_VERBS = lexicon("harm_verbs")


@predicate("harm_setting", "bool")
def _harm_setting(ctx: RuleContext, value: bool) -> bool:
    """A nominal trigger is where or when a harm happened: the object of a preposition of
    @setting_preps under a verb of @harm_verbs ("several people were hurt during *protests*",
    "died in a grenade *attack*")."""
    tok = ctx.tok
    hit = ctx.trig.pattern.pos == "noun" and tok.dep_ == "pobj" and tok.head.lower_ in _SETTING_PREPS \
        and tok.head.head.lemma_.lower() in _HARM_VERBS
    return hit == value


# --- session 5 (h5): precision, political verbs in other senses


def _has_lemma(toks: list[Token], words: frozenset[str]) -> bool:
    return any(t.lemma_.lower() in words or t.lower_ in words for t in toks)


@predicate("theme_lemma", "words")
def _theme_lemma(ctx: RuleContext, words: frozenset[str]) -> bool:
    """The head of the trigger's direct object or passive subject has one of these lemmas: what the
    act is done to ("the film was *shot* in Morocco", "*hosting* an exhibition"); a compound does not
    count ("a record number of drones" is no record)."""
    return _has_lemma([c for c in ctx.tok.children if c.dep_ in ("dobj", "nsubjpass")], words)


@predicate("head_subject_lemma", "words")
def _head_subject_lemma(ctx: RuleContext, words: frozenset[str]) -> bool:
    """The trigger is a participle or adverbial clause (advcl, xcomp, conj) with no subject of its
    own, of a verb whose subject's head has one of these lemmas ("A gas cylinder exploded, *injuring*
    four workers"; not "a bus bomb exploded", nor "protesters threw stones and police *fired*").
    The subject of a verb coordinated with others is the first conjunct's ("A tanker overturned and
    exploded, *killing* 18"); a name's kind counts ("Cyclone Freddy battered the coast, *killing*
    dozens")."""
    tok = ctx.tok
    if tok.dep_ not in ("advcl", "xcomp", "conj") or tok.head.i == tok.i \
            or any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in tok.children):
        return False
    head = tok.head
    for _ in range(3):  # up a chain of coordinated verbs with no subject of their own
        if head.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
            break
        head = head.head
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    subjects += [c for h in subjects if h.pos_ == "PROPN" for c in h.children if c.dep_ == "compound"]
    return _has_lemma(subjects, words)


@predicate("no_actor_code", "bool")
def _no_actor_code(ctx: RuleContext, value: bool) -> bool:
    """No source and no target has an actor code (none is known to the knowledge base, by name,
    title, agent or place)."""
    return (not any(m.ref.code for m in _sources(ctx) + _targets(ctx))) == value


@predicate("uncoded_agent_lemma", "words")
def _uncoded_agent_lemma(ctx: RuleContext, words: frozenset[str]) -> bool:
    """No source has an actor code, and a word of a source, of the trigger's subject (or the object
    of its passive "by"), or of an apposition to either, has one of these lemmas ("Security
    *analysts* are praising ECOWAS", "warned Asli Aydintasbas, a senior *fellow*")."""
    if any(m.ref.code for m in _sources(ctx)):
        return False
    tok = ctx.tok
    doc = tok.doc
    heads = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
    heads += [o for c in tok.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    toks = [t for h in heads for t in (h, *(c for c in h.children if c.dep_ in ("compound", "amod")))]
    toks += [t for m in _sources(ctx) for t in doc[m.start:m.end]]
    toks += [t for h in list(toks) for c in h.children if c.dep_ == "appos" for t in c.subtree]
    return _has_lemma(toks, words)
