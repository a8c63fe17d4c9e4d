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
grenade attack": the dead are its target). So do nominal events that a clause says happened to
or was done by someone: undergone ("the convoy came under attack", "faced arrest": the subject is
the target), drawn as a reaction ("the arrest drew condemnation from rights groups": the "from"
phrase is the source), or carried out with a light verb or a verb of saying ("conducted drills",
"tweeted condemnation": the subject is the source, and a subject the grammar cannot call an actor
still leaves the event standing).
"""

from __future__ import annotations

from spacy.tokens import Token

from accord.actors.resolve import Mention
from accord.events.arguments import (
    LIGHT_VERBS,
    STATEMENT_LIGHT_VERBS,
    Arguments,
    MentionIndex,
    finite_conjunct_governor,
    own_object_agents,
)
from accord.events.lemmas import lemma_candidates
from accord.events.triggers import Trigger
from accord.lexicons import lexicon
from accord.types import ActorRef

_PRONOUNS = lexicon("unresolved_pronouns") | lexicon("unresolved_object_pronouns")
_UNDERGOING_PREPS = lexicon("undergoing_preps")
_UNDERGOING_VERBS = lexicon("undergoing_verbs")
_UNDERGOING_OBJECT_VERBS = lexicon("undergoing_object_verbs")
_REACTION_VERBS = lexicon("reaction_verbs")
_SOURCE_PREPS = lexicon("reaction_source_preps")
_EXPLETIVES = lexicon("expletive_subjects")
_PATIENTS = lexicon("patient_nouns")
_AGENT_PREPS = lexicon("agent_preps")
_PEOPLE = lexicon("people_nouns")
_OCCURRENCE = lexicon("occurrence_verbs")
_HARM = lexicon("harm_verbs")
_SIDES = lexicon("side_preps")  # between, among
_SETTINGS = lexicon("setting_preps")  # in, during
_TARGET_PREPS = lexicon("always_target_preps")
_QUANTITIES = lexicon("quantity_nouns")
_MATERIAL = ("15", "16", "17", "18", "19", "20")  # CAMEO roots of force, coercion and sanctions: what one undergoes
_DISSENT = ("14",)  # CAMEO root of protest: a protest told as acting happened
_VERBAL = ("10", "11", "12", "13")  # demands, disapproval, rejection, threats: the reactions an event draws
_CHARGES = ("112",)  # CAMEO accusations of a crime: the charges someone faces or is held on
_GROUNDS = lexicon("grounds_preps")
_COPULAS = lexicon("copular_verbs")
_VIOLENT = ("18", "19", "20")  # CAMEO roots of violence: a counted group as object is its victims
_DOCUMENTS = lexicon("accusing_documents")
_NONE = lexicon("none_determiners")
_PLACING = lexicon("placing_verbs")
_CAUSES = lexicon("cause_nouns")
_CAUSE_PREPS = lexicon("cause_preps")
_ANTECEDENT_PRONOUNS = lexicon("antecedent_pronouns")
_UNDERGOING_ADJECTIVES = lexicon("undergoing_adjectives")
_INVOLVEMENT = lexicon("involvement_verbs")
_RELATIVES = lexicon("relative_pronouns")
_UNDERGOING_ADJECTIVE_PREPS = lexicon("undergoing_adjective_preps")
_PERFECT = lexicon("perfect_auxiliaries")
_PERSON_WORDS = lexicon("person_title_words") | lexicon("collective_nouns") | lexicon("organised_group_nouns") | _PEOPLE
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
    if victims and t.pos_ == "NOUN" and any(c.dep_ == "nummod" for c in t.children):
        return True  # "killed 11 coal miners": a counted group harmed
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
    subjects = _clause_subjects(tok)
    agents = [o for c in tok.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    objects = [c for c in tok.children if c.dep_ == "dobj" and c.i not in trig.extra]
    objects += _pobjs(tok, trig.pattern.targets | _TARGET_PREPS)
    harm = trig.pattern.cameo[:2] in _VIOLENT
    if passive:
        sources = _with_conjuncts(agents, idx=idx)
        targets = _with_conjuncts([c for c in tok.children if c.dep_ == "nsubjpass"], victims=True, idx=idx)
        targets += _with_conjuncts(objects, victims=harm, idx=idx)
    else:
        sources = _with_conjuncts(subjects, idx=idx) or _reporter(tok, subjects)
        targets = _with_conjuncts(objects, victims=harm, idx=idx) or own_object_agents(trig, idx)
        if not sources and trig.pattern.cameo[:2] == "11":  # "The suits allege that the government ..."
            sources = [_mention(s) for s in subjects if s.lemma_.lower() in _DOCUMENTS or s.lower_ in _DOCUMENTS]
            if sources and not targets:  # the accused: the subject of what is alleged
                targets = [m for c in tok.children if c.dep_ == "ccomp" for g in c.children if g.dep_ == "nsubj"
                           for m in idx.actors(g)]
    targets = [t for t in targets if t.head not in {s.head for s in sources}]
    if not sources and not targets and _finite(tok):
        # "The general who led the effort signed a power-sharing agreement", "Those challenges were
        # rejected": a finite clause whose subject the grammar cannot call an actor keeps its event,
        # with that noun phrase as its unresolved actor
        nouns = [c for c in tok.children if c.dep_ in ("nsubjpass" if passive else "nsubj",)
                 and c.pos_ in ("NOUN", "PROPN") and c.ent_type_ not in _NOT_ACTORS and c.i not in trig.extra
                 and not any(d.lower_ in _NONE for d in c.children if d.dep_ == "det")]
        if passive and _past(tok):  # "were rejected", "has been dismantled"; not "are detained", "will be hit"
            targets = [_mention(c) for c in nouns]
        elif not passive:  # a name, a title or a group of people: "The general signed", "security chiefs discussed"
            sources = [_mention(c) for c in nouns if c.pos_ == "PROPN" or c.is_title
                       or c.lemma_.lower() in _PERSON_WORDS or c.lower_ in _PERSON_WORDS]
    return Arguments(tuple(sources), tuple(targets), False), False


def _reporter(verb: Token, subjects: list[Token]) -> list[Mention]:
    """'The banned militant outfit said it had blown up tracks': 'it' is the group that says so, when
    the reporting clause's subject is a group or a person the grammar can name."""
    if not any(s.lower_ in _ANTECEDENT_PRONOUNS for s in subjects):
        return []
    cur = verb
    for _ in range(3):
        if cur.dep_ not in ("ccomp", "conj") or cur.head.i == cur.i:
            return []
        cur = cur.head
        found = [c for c in cur.children if c.dep_ == "nsubj" and c.lower_ not in _ANTECEDENT_PRONOUNS]
        if found:
            return [_mention(c) for c in found if _actor_like(c) or c.lemma_.lower() in _PERSON_WORDS]
    return []


def _past(verb: Token) -> bool:
    """A past or perfect passive: 'was/were' + participle, or 'has/have/had been' + participle."""
    return any(c.dep_ == "auxpass" and c.tag_ == "VBD" for c in verb.children) or any(
        c.dep_ == "aux" and c.lemma_.lower() in _PERFECT for c in verb.children)


def _finite(verb: Token) -> bool:
    """A verb with tense: past or present, or with an auxiliary ("has signed", "were rejected")."""
    return verb.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _harm_cause(noun: Token) -> Token | None:
    """The verb of harm a nominal event is the setting or the cause of: 'died in a grenade attack',
    'died of torture', 'died as a result of torture'."""
    if noun.dep_ != "pobj":
        return None
    prep = noun.head
    owner = prep.head
    if prep.lower_ in _CAUSE_PREPS and owner.lemma_.lower() in _CAUSES and owner.dep_ == "pobj":
        prep, owner = owner.head, owner.head.head  # "as a result of": the verb "as" hangs on
        return owner if owner.lemma_.lower() in _HARM else None
    if prep.lower_ in _SETTINGS | _CAUSE_PREPS and owner.lemma_.lower() in _HARM:
        return owner
    return None


def _clause_subjects(verb: Token) -> list[Token]:
    """The subject of a verb, or of the verb it is coordinated with or completes ("they picked out
    officers, tied their hands and shot them": 'they' shot), or of the verb a finite conjunct the
    parser hung too low is coordinated with (`finite_conjunct_governor`)."""
    gov = finite_conjunct_governor(verb)
    if gov is not None and any(c.dep_ == "nsubj" for c in gov.children):
        return [c for c in gov.children if c.dep_ == "nsubj"]
    cur = verb
    for n in range(4):
        subjects = [c for c in cur.children if c.dep_ == "nsubj"]
        if subjects or cur.dep_ not in (("xcomp", "conj") if n == 0 else ("conj",)) or cur.head.i == cur.i:
            return subjects
        cur = cur.head
    return []


def _doers(events: list[Token], idx: MentionIndex) -> list[Mention]:
    """Who did what a reaction is to: the owner of 'the Israeli strike', 'Russia's attack', or the
    'by' phrase ('the arrest of X by police'); not the owner of what happened to someone ('Mech
    Dara's arrest')."""
    out: list[Mention] = []
    for ev in events:
        if ev.lemma_.lower() not in _PATIENTS:
            out += [idx.by_token[c.i] for c in ev.children if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i in idx.by_token]
        out += [m for o in _pobjs(ev, _AGENT_PREPS) for m in idx.actors(o)]
    return out


def _light_verb(verb: Token) -> bool:
    return any(c in LIGHT_VERBS or c in STATEMENT_LIGHT_VERBS for c in lemma_candidates(verb))


def _nominal(trig: Trigger, idx: MentionIndex) -> tuple[Arguments, bool]:
    noun = trig.token
    head = noun.head
    sources = _with_conjuncts([o for o in _pobjs(noun, _SIDES)] + [c for c in noun.children if c.dep_ == "poss"], idx=idx)
    own_targets = _with_conjuncts(_pobjs(noun, trig.pattern.targets | _TARGET_PREPS), idx=idx)
    if noun.dep_ == "pobj" and head.lower_ in _UNDERGOING_PREPS and head.head.lemma_.lower() in _UNDERGOING_VERBS | _PLACING \
            or noun.dep_ == "dobj" and head.lemma_.lower() in _UNDERGOING_OBJECT_VERBS \
            and (trig.pattern.cameo[:2] in _MATERIAL or trig.pattern.cameo[:3] in _CHARGES):
        # "the convoy came under attack", "activists faced arrest", "was placed under arrest": the
        # subject underwent it
        verb = head.head if noun.dep_ == "pobj" else head
        undergoers = [c for c in verb.children if c.dep_ == "nsubjpass"] or _clause_subjects(verb)
        victims = _with_conjuncts(undergoers, victims=True, idx=idx)
        sources += _with_conjuncts(_pobjs(noun, _SOURCE_PREPS), idx=idx)  # "came under attack from Assad loyalists"
        return Arguments(tuple(sources), tuple(own_targets or victims), False), True
    if noun.dep_ == "pobj" and head.lower_ in _GROUNDS and trig.pattern.cameo[:3] in _CHARGES and not own_targets:
        # "arrested the activist on charges of incitement", "is on trial on charges of corruption": the
        # charges are against whom the clause holds or tries (its object, passive subject, or the subject
        # of "be")
        verb = head.head
        for _ in range(3):
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        held = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        if not held and verb.lemma_.lower() in _COPULAS:
            held = [c for c in verb.children if c.dep_ == "nsubj"]
        victims = _with_conjuncts(held, victims=True, idx=idx)
        if victims:
            return Arguments(tuple(sources), tuple(victims), False), True
    if noun.dep_ == "pobj" and head.lower_ in _UNDERGOING_ADJECTIVE_PREPS and head.head.lemma_.lower() in _UNDERGOING_ADJECTIVES \
            and trig.pattern.cameo[:2] in _MATERIAL:
        # "people are subject to attacks and abductions": the subject undergoes them
        adj = head.head
        holder = adj.head if adj.dep_ in ("acomp", "amod", "oprd") else adj
        victims = _with_conjuncts([c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")], victims=True, idx=idx)
        return Arguments(tuple(sources), tuple(own_targets or victims), False), True
    if noun.dep_ == "pobj" and head.lower_ in _SETTINGS and head.head.lemma_.lower() in _INVOLVEMENT \
            and trig.pattern.cameo[:2] in _MATERIAL:
        # "five militants, who were involved in the assault": they carried it out
        verb = head.head
        doers = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if verb.dep_ == "relcl" and any(d.lower_ in _RELATIVES for d in doers):
            doers = [verb.head]
        sources += _with_conjuncts(doers, idx=idx)
        return Arguments(tuple(sources), tuple(own_targets), False), True
    if noun.dep_ == "dobj" and head.lemma_.lower() in _REACTION_VERBS and trig.pattern.cameo[:2] in _VERBAL:
        # "the arrest drew condemnation from rights groups": the reaction happened
        sources += _with_conjuncts(_pobjs(noun, _SOURCE_PREPS) + _pobjs(head, _SOURCE_PREPS), idx=idx)
        return Arguments(tuple(sources), tuple(own_targets or _doers(_clause_subjects(head), idx)), False), True
    if noun.dep_ == "nsubj" and head.dep_ in ("ccomp", "xcomp") and head.pos_ == "VERB" and head.head.pos_ == "VERB" \
            and any(c in LIGHT_VERBS for c in lemma_candidates(head.head)):
        # "China conducted the military drills encircling Taiwan", parsed as a clause: the drills
        # are the light verb's object, and what the clause does to is their target
        verb = head.head
        sources += _with_conjuncts(_clause_subjects(verb), idx=idx)
        targets = own_targets + _with_conjuncts([c for c in head.children if c.dep_ == "dobj"], idx=idx)
        return Arguments(tuple(sources), tuple(targets), False), True
    if noun.dep_ == "dobj" and head.pos_ == "VERB" and _light_verb(head):
        # "conducted drills", "tweeted condemnation": carried out by the subject, named or not
        subjects = _clause_subjects(head)
        if any(c.dep_ == "auxpass" for c in head.children) or (subjects and not any(
                s.lower_ in _EXPLETIVES for s in subjects)):
            sources += _with_conjuncts(subjects, idx=idx)
            targets = own_targets + _with_conjuncts(_pobjs(head, trig.pattern.targets | _TARGET_PREPS), idx=idx)
            return Arguments(tuple(sources), tuple(t for t in targets if t not in sources), False), True
    if noun.dep_ == "nsubj" and trig.pattern.cameo[:2] in _DISSENT and head.pos_ in ("VERB", "AUX") and _finite(head):
        # "A rally in Hong Kong marked the anniversary", "a nationwide strike disrupted trains": a
        # protest that did something took place (the verb's own objects are not its parties)
        return Arguments(tuple(sources), tuple(own_targets), False), True
    if noun.dep_ == "nsubj" and _verb_phrase(head) in _OCCURRENCE:
        sources += _with_conjuncts(_pobjs(head, _SIDES), idx=idx)  # "fighting broke out between X and Y"
        return Arguments(tuple(sources), (), False), True
    harm = _harm_cause(noun)
    if harm is not None:
        verb = harm
        sufferers = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        hurt = _with_conjuncts(sufferers, victims=True, idx=idx) if trig.pattern.cameo[:2] in _VIOLENT else []
        return Arguments(tuple(sources), tuple(hurt), False), True  # the hurt are the target of violence only
    return Arguments(tuple(sources), (), False), False
