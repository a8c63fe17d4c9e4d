"""Find event triggers in a parsed sentence: verbs (with particles and light-verb objects) and nouns."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from spacy.tokens import Span, Token

from accord.events.lemmas import hyphen_prefix, lemma_candidates
from accord.events.patterns import Pattern, PatternSet
from accord.lexicons import lexicon, table

_INTENT_NOUNS = lexicon("intent_nouns")
_NO_WORDS = lexicon("none_determiners")
_INTENT_CONTENT_PREPS = lexicon("intent_content_preps")
_PREDICATIVE_PREPS = lexicon("predicative_preps")
_QUANTITIES = lexicon("quantity_nouns")
NEG_INTENT = Pattern(
    pos="verb", lemma="*intention", cue="", cue_values=frozenset(), cameo="120", targets=frozenset(),
    confidence=0.7, frame=True, id="trigger.frame.no-intention",
)


MUST_REQUEST = Pattern(
    pos="verb", lemma="*must", cue="", cue_values=frozenset(), cameo="100", targets=frozenset(),
    confidence=0.65, frame=True, id="trigger.frame.said-that-must",
)
UNHESITATING = Pattern(
    pos="verb", lemma="*hesitate", cue="", cue_values=frozenset(), cameo="130", targets=frozenset(),
    confidence=0.7, frame=True, id="trigger.frame.unhesitating",
)
_UNHESITATING = lexicon("unhesitating_verbs")
_FUTURE_AUX = lexicon("future_auxiliaries") | lexicon("backshifted_future_auxiliaries")
_NEGATION = lexicon("negation_words")
_SAYING = lexicon("obligation_saying_verbs")
_OBLIGATION = lexicon("obligation_modals")
_SELF = lexicon("self_exhortation_pronouns")
_PARTITIVE = lexicon("partitive_nouns")
_PARTITIVE_PREPS = lexicon("partitive_preps")
_CONTAINERS = lexicon("container_nouns")
_PERFECT = lexicon("perfect_auxiliaries")
_DEVERBAL = tuple((r["suffix"].lower(), r["verb_ending"].lower(), r["bare"] == "1", float(r["factor"]))
                  for r in table("deverbal_suffixes"))
_DEVERBAL_OBJECT_PREPS = lexicon("deverbal_object_preps")


@dataclass(frozen=True, slots=True)
class Trigger:
    token: Token  # the head word of the trigger
    pattern: Pattern
    extra: tuple[int, ...] = ()  # other tokens of the trigger (particle, light-verb object)
    anchor: Token | None = None  # for frames like "no intention of": the verb whose subject is the source

    @property
    def first(self) -> int:
        return min((self.token.i, *self.extra))

    @property
    def last(self) -> int:
        return max((self.token.i, *self.extra))


def find_triggers(sent: Span, patterns: PatternSet) -> list[Trigger]:
    found: list[Trigger] = []
    used: set[int] = set()
    for tok in sent:
        verbal = tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and tok.dep_ == "acomp" and tok.lower_.endswith("ed"))
        if verbal and (tok.dep_ not in ("aux", "auxpass", "amod") or misparsed_finite(tok) is not None):
            # "is opposed to": an adjectival passive; but not "have since banned civilians"
            trig = _verb(tok, patterns) or _obligation_frame(tok) or _unhesitating_frame(tok)
            if trig is not None:
                found.append(trig)
                used.update(trig.extra)
    for tok in sent:
        if tok.i in used or tok.pos_ not in ("NOUN", "PROPN", "VERB"):
            continue
        if tok.pos_ == "VERB" and tok.tag_ != "VBG":
            continue
        trig = _intent_frame(tok) or _noun(tok, patterns) or _deverbal(tok, patterns)
        if trig is not None and not any(t.token.i == tok.i for t in found):
            found.append(trig)
    found.sort(key=lambda t: t.token.i)
    return found


def misparsed_finite(tok: Token) -> Token | None:
    """A verb the parser made a noun's modifier: after a perfect auxiliary ("Kenyan authorities have
    since banned civilians": 'have' made the main verb), or in a sentence with no verb at all, after
    the name that is its subject ("Trump hosted Erdogan in the White House" parsed as one noun
    phrase). Its subject's head word (the auxiliary's subject, the name), else None."""
    if tok.dep_ != "amod" or tok.tag_ not in ("VBN", "VBD") or tok.head.pos_ not in ("NOUN", "PROPN"):
        return None
    j = tok.i - 1
    while j > tok.sent.start and (tok.doc[j].dep_ == "advmod" or tok.doc[j].pos_ == "ADV"):
        j -= 1  # "have since banned", "has already seized"
    prev = tok.doc[j]
    if prev.pos_ in ("VERB", "AUX") and prev.lemma_.lower() in _PERFECT:
        return next((c for c in prev.children if c.dep_ == "nsubj"), None)
    if j == tok.i - 1 and prev.pos_ == "PROPN" and prev.dep_ in ("nmod", "compound") and tok.sent.root.pos_ not in ("VERB", "AUX") \
            and not any(c.dep_ == "det" for c in tok.head.children):
        return prev
    return None


def _verb(tok: Token, patterns: PatternSet) -> Trigger | None:
    for lemma in lemma_candidates(tok):
        entries = patterns.verbs.get(lemma)
        if not entries:
            continue
        objects: list[tuple[str, str, int]] | None = None
        for p in entries:
            if p.cue == "obj":  # most rows (converted ones above all): the verb's objects, read once
                if objects is None:
                    objects = _objects(tok)
                extra = _object_cue(tok, p, objects)
            else:
                extra = _cue(tok, p)
            if extra is not None:
                return Trigger(tok, p, extra)
        return None
    return None


def _objects(tok: Token) -> list[tuple[str, str, int]]:
    """(lemma, lower-case form, index) of the verb's objects and their conjuncts, in order; an object
    that is a quantity or a series ("expelled hundreds of migrants", "leveled a string of criticisms",
    "13 rounds of missile tests") also gives the noun of its "of" phrase."""
    objs = [o for child in tok.children if child.dep_ in ("dobj", "nsubjpass", "attr", "oprd")
            for o in (child, *child.conjuncts)]
    if not objs and any(c.dep_ == "dative" for c in tok.children):
        # "gave the government 48 hours": the parser makes the second object a noun adverbial
        objs = [c for c in tok.children if c.dep_ == "npadvmod"]
    objs += [g for o in objs if o.lemma_.lower() in _PARTITIVE or o.lower_ in _QUANTITIES
             for p in o.children if p.dep_ == "prep" and p.lower_ in _PARTITIVE_PREPS for g in p.children if g.dep_ == "pobj"]
    # an object that is a container named by its compound ("halted its mediation efforts", "froze the
    # aid programme"): the compound is matched too, after the container itself
    objs += [c for o in objs if o.lemma_.lower() in _CONTAINERS for c in o.children if c.dep_ == "compound"]
    out = [(o.lemma_.lower(), o.lower_, o.i) for o in objs]
    for o in objs:  # "a sit-in", "a cease-fire": the hyphenated noun, and written as one word
        prefix = hyphen_prefix(o)
        if prefix:
            out += [(f"{prefix}-{o.lemma_.lower()}", f"{prefix}-{o.lower_}", o.i),
                    (f"{prefix}{o.lemma_.lower()}", f"{prefix}{o.lower_}", o.i)]
    return out


def _object_cue(tok: Token, p: Pattern, objects: list[tuple[str, str, int]]) -> tuple[int, ...] | None:
    """`_cue` for an object cue, from objects read once per verb."""
    values = p.cue_values
    for lemma, lower, i in objects:
        if lemma in values or lower in values:
            return (i,)
    if tok.dep_ in ("acl", "relcl") and tok.head.lemma_.lower() in values:
        return (tok.head.i,)  # "the sanctions imposed on Iran"
    return None


def _cue(tok: Token, p: Pattern) -> tuple[int, ...] | None:
    if p.cue == "":
        return ()
    for child in tok.children:
        if p.cue == "prt" and child.lower_ in p.cue_values and (
                child.dep_ == "prt" or (child.dep_ in ("advmod", "prep") and child.i > tok.i
                                        and not any(g.dep_ == "pobj" for g in child.children))):
            return (child.i,)  # the parser may call the particle an adverb or a preposition ("stepped down", "pulled X out of")
        if p.cue == "prep" and child.dep_ in ("prep", "prt", "agent") and child.lower_ in p.cue_values \
                and not _dated(child):
            return ()
        if p.cue == "prep" and child.dep_ in ("advcl", "xcomp", "ccomp") and any(
                g.dep_ == "mark" and g.lower_ in p.cue_values and _next_to(tok, g) for g in child.children):
            return ()  # "called for the Taliban to lift the ban": the parser makes "for" the clause's mark
        if p.cue == "obj" and child.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
            for obj in (child, *child.conjuncts):
                if obj.lemma_.lower() in p.cue_values or obj.lower_ in p.cue_values:
                    return (obj.i,)
    if p.cue == "pred" and _predicate(tok, p.cue_values):
        return ()
    if p.cue == "obj" and tok.dep_ in ("acl", "relcl") and tok.head.lemma_.lower() in p.cue_values:
        return (tok.head.i,)  # "the sanctions imposed on Iran"
    return None


def _dated(prep: Token) -> bool:
    """A preposition whose object is a date or a time ("called on Monday", "agreed on March 3"):
    an adjunct of time, not the preposition a verb sense takes ("called on Israel")."""
    objs = [o for o in prep.children if o.dep_ == "pobj"]
    return bool(objs) and all(o.ent_type_ in ("DATE", "TIME") for o in objs)


def _next_to(tok: Token, mark: Token) -> bool:
    """The mark follows the verb, with at most the verb's own adverbs between ("pushed hard for the
    U.S. to back the plan", "called again for talks to resume")."""
    between = tok.doc[tok.i + 1:mark.i]
    return mark.i > tok.i and all(w.dep_ == "advmod" and w.head.i == tok.i for w in between)


def _predicate(tok: Token, values: frozenset[str]) -> bool:
    """What a verb of naming says its object is: 'called the allegations baseless', 'described the
    donation as a gesture of friendship', 'called Ford's comments egregious'."""
    def hit(t: Token) -> bool:
        return any(w.lemma_.lower() in values or w.lower_ in values for w in (t, *t.conjuncts))

    def hit_phrase(t: Token) -> bool:  # a modifier, or the object of "of" ("a case of judicial weaponization")
        return any(hit(g) for g in t.children if g.dep_ in ("amod", "compound", "acomp")) or any(
            hit(o) or any(hit(a) for a in o.children if a.dep_ in ("amod", "compound"))
            for p in t.children if p.dep_ == "prep" and p.lower_ in _PARTITIVE_PREPS
            for o in p.children if o.dep_ == "pobj")

    def as_phrase(prep: Token) -> bool:  # "as deplorable" (the parser may make the adjective a modifier of "as")
        return any(hit(o) or hit_phrase(o) for o in prep.children if o.dep_ in ("pobj", "amod", "acomp"))

    for child in tok.children:
        if child.dep_ in ("oprd", "xcomp", "ccomp", "acomp") and (hit(child) or hit_phrase(child)):
            return True
        if child.dep_ == "ccomp" and any(hit_phrase(g) for g in child.children if g.dep_ in ("attr", "acomp")):
            return True  # "this is an absolutely baseless case, X said"
        if child.dep_ == "prep" and child.lower_ in _PREDICATIVE_PREPS and as_phrase(child):
            return True
        if child.dep_ == "dobj" and any(g.dep_ == "prep" and g.lower_ in _PREDICATIVE_PREPS and as_phrase(g)
                                        for g in child.children):
            return True  # "described the plan as a disaster": the parser may hang "as" on the object
        if child.dep_ == "dobj" and (hit(child) or hit_phrase(child)) and any(
                o.dep_ in ("dobj", "dative") and o.i < child.i for o in tok.children):
            return True  # "branded the protesters terrorists": the parser may make both objects dobj
        if child.dep_ == "dobj" and any(g.dep_ == "acl" and g.i > child.i and hit(g) for g in child.children):
            return True  # "called the vote rigged"
        if child.dep_ == "advmod" and hit(child) and any(
                o.dep_ == "dobj" and o.i < child.i for o in tok.children):
            return True  # "called the attack cowardly": the parser may read an adjective in -ly as an adverb
        if child.dep_ == "prep" and child.lower_ in _PREDICATIVE_PREPS:
            for obj in (o for o in child.children if o.dep_ == "pobj"):
                if hit(obj) or any(hit(g) for g in obj.children if g.dep_ in ("amod", "compound", "prep")
                                   for g in (g, *g.children)):
                    return True
        if child.dep_ == "dobj" and any(hit(g) or any(hit(a) for a in g.children if a.dep_ in ("amod", "compound"))
                                        for g in child.children if g.dep_ in ("amod", "appos")):
            return True  # "called Ford's comments egregious", "called Moscow's strikes a war crime"
    return False


def _noun(tok: Token, patterns: PatternSet) -> Trigger | None:
    lemma = tok.lemma_.lower()
    cands = list(patterns.nouns.get(lemma, ()))
    if tok.lower_ != lemma:
        cands += patterns.nouns.get(tok.lower_, ())
    compound = [c for c in tok.children if c.dep_ in ("compound", "amod")]
    for c in compound:
        cands = list(patterns.nouns.get(f"{c.lower_} {lemma}", ())) + cands
    for p in cands:
        if p.cue == "prep" and not any(ch.dep_ == "prep" and ch.lower_ in p.cue_values for ch in tok.children):
            continue
        return Trigger(tok, p)
    return None


def _deverbal(tok: Token, patterns: PatternSet) -> Trigger | None:
    """'the backing of India', 'the train hijacking', 'the activation of a standby force': a common
    noun made from a trigger verb (lexicon table `deverbal_suffixes`) and without a noun row of its
    own is that verb's event, told as a noun. Only curated verb rows (not converted ones), not frames;
    a row without a cue where the table allows it ("-ing"), else an object cue that the noun's "of"
    phrase meets ("activation of a force")."""
    if tok.pos_ != "NOUN":
        return None
    lemma = tok.lemma_.lower()
    if lemma in patterns.nouns or tok.lower_ in patterns.nouns:
        return None
    seen: set[tuple[str, bool]] = set()
    for suffix, ending, any_cue, factor in _DEVERBAL:
        if not lemma.endswith(suffix) or len(lemma) < len(suffix) + 3:
            continue
        stem = lemma[: -len(suffix)]
        stems = [stem] + ([stem[:-1]] if len(stem) > 3 and stem[-1] == stem[-2] else [])  # "shelling", "bombing"
        for verb in (s + ending for s in stems):
            if (verb, any_cue) in seen:
                continue
            seen.add((verb, any_cue))
            for p in patterns.verbs.get(verb, ()):
                if p.frame or p.id.startswith("p2.") or p.cue not in ("", "obj") or (p.cue == "" and not any_cue):
                    continue
                extra: tuple[int, ...] = ()
                if p.cue == "obj":
                    objs = [o for c in tok.children if c.dep_ == "prep" and c.lower_ in _DEVERBAL_OBJECT_PREPS
                            for o in c.children if o.dep_ == "pobj"]
                    hit = next((o for o in objs if o.lemma_.lower() in p.cue_values or o.lower_ in p.cue_values), None)
                    if hit is None:
                        continue
                    extra = (hit.i,)
                noun = dataclasses.replace(p, pos="noun", cue="", id=f"{p.id}.deverbal",
                                           confidence=round(p.confidence * factor, 2))
                return Trigger(tok, noun, extra)
    return None


def _intent_frame(tok: Token) -> Trigger | None:
    """'has little intention of negotiating', 'no plans to withdraw': a refusal, with its content."""
    if tok.lemma_.lower() not in _INTENT_NOUNS:
        return None
    if not any(c.lower_ in _NO_WORDS and c.dep_ in ("det", "amod", "neg") for c in tok.children):
        return None
    has_content = any(
        (c.dep_ == "prep" and c.lower_ in _INTENT_CONTENT_PREPS and any(g.pos_ == "VERB" for g in c.children))
        or (c.dep_ in ("acl", "relcl") and c.pos_ == "VERB")
        for c in tok.children
    )
    if not has_content:
        return None
    anchor = tok.head if tok.dep_ in ("dobj", "attr", "nsubj") else None
    return Trigger(tok, NEG_INTENT, anchor=anchor)


def _obligation_frame(tok: Token) -> Trigger | None:
    """'Russia said that Sudan must return the helicopter': a demand on the clause's subject."""
    if tok.lemma_.lower() not in _SAYING:
        return None
    for clause in tok.children:
        subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if clause.dep_ == "ccomp" and subj is not None and subj.lower_ not in _SELF \
                and any(c.dep_ == "aux" and c.lower_ in _OBLIGATION for c in clause.children):
            return Trigger(tok, MUST_REQUEST)
    return None


def _unhesitating_frame(tok: Token) -> Trigger | None:
    """'will not hesitate to use force', 'would not hesitate to impose sanctions': an act announced
    as certain, a threat, with the infinitive as its content. Hesitating, or not hesitating in the past
    ('did not hesitate to criticise'), is no event: its infinitive stays an event of its own."""
    if tok.lemma_.lower() not in _UNHESITATING:
        return None
    children = list(tok.children)
    if not any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in _NEGATION) for c in children):
        return None
    if not any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in children):
        return None
    if not any(c.dep_ == "xcomp" for c in children):
        return None
    return Trigger(tok, UNHESITATING)
