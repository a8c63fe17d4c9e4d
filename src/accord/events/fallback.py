"""Arguments when no known actor is found: the words the grammar gives as source and target.

A trigger whose subject and objects resolve to no known actor used to code nothing, and most
misses on unseen news were such sentences ("Attackers detonated a car bomb", "Herders clashed
with farmers", "They demanded reforms"). Here the event keeps the words as unresolved actors
(`how == "unresolved"`, no actor id, no code): the subject, the agent of a passive, the direct
object, the object of a target preposition. Only words that can stand for people qualify: a
proper noun, an entity the tagger names, a pronoun of `@unresolved_pronouns`, a noun of
`@people_nouns`.

Nominal events told inside another clause keep their event too: a noun that is the subject of a
verb of occurrence ("clashes erupted", "fighting broke out between X and Y", whose `between`
phrase names the sides) or the object of "in" under a verb of harm ("Four people died in a
grenade attack": the dead are its target).
"""

from __future__ import annotations

from spacy.tokens import Token

from accord.actors.resolve import Mention
from accord.events.arguments import Arguments, MentionIndex
from accord.events.triggers import Trigger
from accord.lexicons import lexicon
from accord.types import ActorRef

_PRONOUNS = lexicon("unresolved_pronouns")
_PEOPLE = lexicon("people_nouns")
_OCCURRENCE = lexicon("occurrence_verbs")
_HARM = lexicon("harm_verbs")
_SIDES = lexicon("side_preps")  # between, among
_SETTINGS = lexicon("setting_preps")  # in, during
_TARGET_PREPS = lexicon("always_target_preps")
_QUANTITIES = lexicon("quantity_nouns")
_NAMED = ("PERSON", "ORG", "NORP", "GPE")
_NOT_ACTORS = ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "LOC", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "LANGUAGE")
_NP_DEPS = ("det", "amod", "compound", "nummod", "poss", "quantmod", "nmod", "case")


def _actor_like(t: Token, victims: bool = False) -> bool:
    if t.ent_type_ in _NOT_ACTORS:  # "on Monday", "in March"
        return False
    if t.pos_ == "PRON":
        return t.lower_ in _PRONOUNS
    if victims and (t.pos_ == "NUM" or t.lower_ in _QUANTITIES):  # "two were killed", "dozens were injured"
        return True
    if t.lower_ in _QUANTITIES:  # "dozens of suspects": the people are in the "of" phrase
        return any(_actor_like(o) for c in t.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj")
    return t.pos_ == "PROPN" or t.ent_type_ in _NAMED or t.lemma_.lower() in _PEOPLE or t.lower_ in _PEOPLE


def _mention(t: Token) -> Mention:
    doc = t.doc
    start = t.i
    for c in t.lefts:  # the noun phrase's own modifiers, not a clause
        if c.dep_ in _NP_DEPS:
            start = min(start, c.left_edge.i)
    end = t.i + 1
    if t.lower_ in _QUANTITIES:  # "Dozens of suspects": the phrase runs to its "of" object
        for c in t.children:
            if c.dep_ == "prep" and c.i > t.i:
                end = max([end, *(o.i + 1 for o in c.children if o.dep_ == "pobj")])
    text = doc[start:end].text
    ref = ActorRef(text, start=doc[start].idx, end=doc[end - 1].idx + len(doc[end - 1]))
    return Mention(start, end, t.i, ref, "unresolved")


def _with_conjuncts(tokens: list[Token], victims: bool = False, idx: MentionIndex | None = None) -> list[Mention]:
    out: list[Mention] = []
    seen: set[int] = set()
    for t in tokens:
        for x in (t, *t.conjuncts):
            if x.i in seen:
                continue
            seen.add(x.i)
            known = idx.actors(x) if idx is not None else []
            if known:  # "between the army and the rebels": agents the resolver knows
                out.extend(m for m in known if m not in out)
            elif _actor_like(x, victims):
                out.append(_mention(x))
    return out


def _verb_phrase(verb: Token) -> str:
    """'break out', 'take place': the lemma with its particle or fixed object, else the lemma."""
    lemma = verb.lemma_.lower()
    extra = next((c.lower_ for c in verb.children if c.dep_ in ("prt", "dobj") and c.i > verb.i), None)
    return f"{lemma} {extra}" if extra is not None and f"{lemma} {extra}" in _OCCURRENCE else lemma


def _pobjs(tok: Token, preps: frozenset[str]) -> list[Token]:
    return [o for c in tok.children if c.dep_ == "prep" and c.lower_ in preps for o in c.children if o.dep_ == "pobj"]


def unresolved_arguments(trig: Trigger, idx: MentionIndex) -> tuple[Arguments, bool]:
    """Unresolved source and target mentions for a trigger with no known actor, and whether the
    trigger is a nominal event told inside an occurrence or a harm (kept even with no actor)."""
    if trig.pattern.pos == "noun" and trig.anchor is None:
        return _nominal(trig, idx)
    tok = trig.anchor if trig.anchor is not None else trig.token
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    if not subjects and tok.dep_ in ("xcomp", "conj"):
        subjects = [c for c in tok.head.children if c.dep_ == "nsubj"]
    agents = [o for c in tok.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    objects = [c for c in tok.children if c.dep_ == "dobj" and c.i not in trig.extra]
    objects += _pobjs(tok, trig.pattern.targets | _TARGET_PREPS)
    if passive:
        sources = _with_conjuncts(agents, idx=idx)
        targets = _with_conjuncts([c for c in tok.children if c.dep_ == "nsubjpass"], victims=True, idx=idx)
        targets += _with_conjuncts(objects, idx=idx)
    else:
        sources = _with_conjuncts(subjects, idx=idx)
        targets = _with_conjuncts(objects, idx=idx)
    targets = [t for t in targets if t.head not in {s.head for s in sources}]
    return Arguments(tuple(sources), tuple(targets), False), False


def _nominal(trig: Trigger, idx: MentionIndex) -> tuple[Arguments, bool]:
    noun = trig.token
    head = noun.head
    sources = _with_conjuncts([o for o in _pobjs(noun, _SIDES)] + [c for c in noun.children if c.dep_ == "poss"], idx=idx)
    if noun.dep_ == "nsubj" and _verb_phrase(head) in _OCCURRENCE:
        sources += _with_conjuncts(_pobjs(head, _SIDES), idx=idx)  # "fighting broke out between X and Y"
        return Arguments(tuple(sources), (), False), True
    if noun.dep_ == "pobj" and head.lower_ in _SETTINGS and head.head.lemma_.lower() in _HARM:
        verb = head.head
        victims = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        return Arguments(tuple(sources), tuple(_with_conjuncts(victims, victims=True)), False), True
    return Arguments(tuple(sources), (), False), False
