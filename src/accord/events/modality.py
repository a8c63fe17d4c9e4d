"""How sure the text is that the event happened: asserted, negated, hedged, hypothetical,
conditional, future or reported, and who said so.

The modality of a trigger is read from its own clause and the clauses that govern it (xcomp,
conj, ccomp, the verb a noun is the object of), never from unrelated clauses of the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from accord.lexicons import lexicon
from accord.types import Modality

_HYPOTHETICAL_AUX = lexicon("hypothetical_auxiliaries")
_FUTURE_AUX = lexicon("future_auxiliaries")
_FUTURE_VERBS = lexicon("future_verbs")
_HEDGE_ADV = lexicon("hedge_adverbs")
_REPORT_ADV = lexicon("report_adverbs")
_HEDGE_VERBS = lexicon("hedge_verbs")
_HEDGE_PASSIVE = lexicon("hedge_passive_verbs")
_HEDGE_ADJ = lexicon("hedge_adjectives")
_HYPO_NOUN_MODS = lexicon("hypothetical_noun_modifiers")
_FUTURE_NOUN_MODS = lexicon("future_noun_modifiers")
_NEG_VERBS = lexicon("negating_verbs")
SPEECH_VERBS = lexicon("speech_verbs")
_COND_MARKS = lexicon("condition_markers")
_ASKING = lexicon("asking_verbs")
_INFINITIVE_MARKERS = lexicon("infinitive_markers")
_NEGATION_WORDS = lexicon("negation_words")
_NONE_DETERMINERS = lexicon("none_determiners")
_NONE_PRONOUNS = lexicon("none_pronouns")
_PAST_PERFECT_AUX = lexicon("past_perfect_auxiliaries")
_COUNTERFACTUAL = "if-had"  # the cue of a counterfactual condition (a trace label, not a word)
_GOING_TO = lexicon("going_to_verbs")
_ATTRIBUTION_PREPS = lexicon("attribution_preps")
_PERFORMATIVE = lexicon("performative_verbs")
_QUOTES = lexicon("quotation_marks")
_OPENING_QUOTES = lexicon("opening_quotation_marks")
_NEG_CANCEL = lexicon("negation_cancelling_words")
_FACTIVE_MARKS = lexicon("factive_subordinators")
_TEMPORAL_MARKS = lexicon("temporal_subordinators")
_MOTION_PURPOSE = lexicon("motion_purpose_heads")
_BACKSHIFTED = lexicon("backshifted_future_auxiliaries")
_HEDGING_PERFECT = lexicon("hedging_perfect_modals")
_FINDING = lexicon("finding_verbs")
_PERFECT_AUX = lexicon("perfect_auxiliaries")
_UP = ("xcomp", "conj", "pcomp", "prep", "pobj", "dobj", "attr", "acomp", "ccomp", "advcl", "nsubj",
       "nsubjpass", "acl", "relcl", "compound", "amod", "appos")


@dataclass(frozen=True, slots=True)
class ModalityReading:
    modality: Modality
    cue: str | None
    speaker: Token | None  # subject of the speech verb, for attribution
    negated: bool = False  # a negation was seen, whatever modality won


def _factive_clause(t: Token, marks: frozenset[str] | set[str] = _FACTIVE_MARKS) -> bool:
    """'... because the army shelled the town': a subordinate clause told as fact."""
    return t.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in t.children)


def _chain(tok: Token) -> tuple[list[Token], set[int]]:
    """The trigger and the words that govern its clause, up to the first finite clause boundary.

    Also returns the heads reached from a subject: "The Kremlin's escalations suggest ..." hedges
    what follows "suggest", not its subject, so only their auxiliaries count.
    """
    chain = [tok]
    via_subject: set[int] = set()  # also the heads of a factive clause, whose cues do not reach it
    cur = tok
    for _ in range(8):
        if cur.dep_ not in _UP or cur.head.i == cur.i:
            break
        dep = cur.dep_
        if dep == "conj" and cur.tag_ in ("VBD", "VBZ", "VBP"):
            break  # "would not be intimidated ... and urged": a finite conjunct has its own tense
        if dep == "conj" and any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in cur.children):
            break  # "did not respond ..., but they have denied": a conjunct with its own subject or auxiliary
        factive, temporal = _factive_clause(cur), _factive_clause(cur, _TEMPORAL_MARKS)
        cur = cur.head
        chain.append(cur)
        if dep in ("nsubj", "nsubjpass"):
            via_subject.add(cur.i)
        if factive:
            via_subject.add(-1 - cur.i)
        elif temporal:
            via_subject.add(-10_000 - cur.i)  # only its negation stays out
        if dep in ("ccomp", "advcl", "relcl", "nsubj"):
            break  # the governing clause's modality is read separately (speech, conditions)
    return chain, via_subject


_DESIRE = lexicon("desire_verbs")


_DELIBERATION = lexicon("deliberation_verbs")


def _unrealised(tok: Token) -> str | None:
    """'a temptation for the US to withdraw', 'wants to meet': an infinitive that has not happened;
    'is considering imposing sanctions': a gerund that is weighed."""
    if tok.tag_ == "VBG" and tok.dep_ in ("xcomp", "dobj", "pcomp") and tok.head.lemma_.lower() in _DELIBERATION:
        return tok.head.lemma_.lower()
    if tok.tag_ != "VB" or not any(c.dep_ == "aux" and c.lower_ in _INFINITIVE_MARKERS for c in tok.children):
        return None
    head = tok.head
    if head.lemma_.lower() in _MOTION_PURPOSE:
        return None  # "flew to Tehran to meet", "a delegation to attend": the aim of a journey, told as done
    if head.pos_ in ("NOUN", "PROPN") or head.lemma_.lower() in _DESIRE:
        return head.lemma_.lower()
    if tok.dep_ == "advcl" and head.lemma_.lower() not in _MOTION_PURPOSE:
        return "purpose"  # "hired gunmen to kill him": the aim, not (yet) the deed
    return None


def read_modality(tok: Token, inner: Token | None = None) -> ModalityReading:
    """Modality of the event whose trigger is `tok`; `inner` is the embedded content of a frame
    ("threatened to withdraw ... if ..."), whose conditions and modals belong to the event too."""
    chain, via_subject = _chain(tok)
    found: dict[str, str] = {}
    for t in chain:
        if -1 - t.i in via_subject:
            continue  # the main clause of "because ...": its negation and modals are not the event's
        if -10_000 - t.i in via_subject:
            head_found: dict[str, str] = {}
            _cues(t, head_found, is_trigger=False)
            head_found.pop("negated", None)  # "did not resume after the army shelled": the shelling happened
            for key, cue in head_found.items():
                found.setdefault(key, cue)
            continue
        _cues(t, found, is_trigger=t is tok or t.i in via_subject)
    if found.get("hypothetical") == _COUNTERFACTUAL:
        found.pop("conditional", None)  # a counterfactual condition is not what the main clause depends on
    wish = _unrealised(tok)
    if wish in _FUTURE_VERBS:
        found.setdefault("future", wish)  # "plans to visit": planned (docs/annotation.md: future)
    elif wish:
        found.setdefault("hypothetical", wish)
    if inner is not None:
        inner_found: dict[str, str] = {}
        _cues(inner, inner_found, is_trigger=True)
        for key in ("conditional", "hypothetical"):
            if key in inner_found:
                found.setdefault(key, inner_found[key])
    speaker, said, verb = _speech(chain)
    if found.get("hypothetical") in _BACKSHIFTED and verb is not None and verb.tag_ == "VBD" \
            and "conditional" not in found and "negated" not in found:  # "said it would not": a refusal (coder.yaml)
        found["future"] = found.pop("hypothetical")  # "said he would visit": the future of the saying
    for key in ("conditional", "hypothetical", "negated", "future", "hedged", "reported"):
        if key in found:
            return ModalityReading(key, found[key], speaker, "negated" in found)  # type: ignore[arg-type]
    if _performative(tok) and (said is not None or _in_quote(tok)):
        return ModalityReading("asserted", "performative", speaker)  # "We reject ...," he said: the act is the saying
    if said is not None:
        return ModalityReading("reported", said, speaker)
    if _in_quote(tok):
        return ModalityReading("reported", "quote", None)  # direct speech whose speaker is named elsewhere
    return ModalityReading("asserted", None, None)


def _performative(tok: Token) -> bool:
    """'We urge', 'China rejects': a speech act in the simple present, done by saying it."""
    if tok.lemma_.lower() not in _PERFORMATIVE:
        return False
    if tok.tag_ == "VB" and tok.dep_ == "conj" and not any(c.dep_ == "aux" for c in tok.children):
        return tok.head.tag_ in ("VBP", "VBZ")  # "We consider ... and strongly urge": the present of its conjunct
    return tok.tag_ in ("VBP", "VBZ")


def _closing(q: Token) -> bool:
    """A quotation mark that closes a quotation: a closing curly quote, or a straight one glued to the word before."""
    if q.lower_ in _OPENING_QUOTES:
        return False
    if q.i == q.sent.start:
        return False
    return not q.doc[q.i - 1].whitespace_


def _in_quote(tok: Token) -> bool:
    """Whether the trigger lies inside quotation marks of its sentence (direct speech), also a quotation
    opened in an earlier sentence and closed in this one ('... was killed," the minister said')."""
    sent = tok.sent
    before = [t for t in sent if t.i < tok.i and t.lower_ in _QUOTES]
    if before:
        return not _closing(before[-1])
    after = next((t for t in sent if t.i > tok.i and t.lower_ in _QUOTES), None)
    return after is not None and _closing(after)


def _no_subject(t: Token) -> str | None:
    """'No passengers were killed', 'none of them was hurt': a subject that denies the act."""
    for c in t.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            if c.lower_ in _NONE_PRONOUNS:
                return c.lower_
            det = next((d.lower_ for d in c.children if d.dep_ == "det" and d.lower_ in _NONE_DETERMINERS), None)
            if det:
                return det
    return None


def _cues(t: Token, found: dict[str, str], is_trigger: bool) -> None:
    lemma = t.lemma_.lower()
    if t.pos_ in ("VERB", "AUX"):
        nobody = _no_subject(t)
        if nobody:
            found.setdefault("negated", nobody)
    for c in t.children:
        cl = c.lower_
        if c.dep_ == "neg" or (c.dep_ in ("det", "advmod") and cl in _NEGATION_WORDS):
            if c.i + 1 < len(c.doc) and c.doc[c.i + 1].lower_ in _NEG_CANCEL:
                continue  # "not only attacked ... but also", "not long ago"
            found.setdefault("negated", cl)
        elif c.dep_ == "aux" and cl in _HEDGING_PERFECT and t.tag_ == "VBN" \
                and any(a.dep_ == "aux" and a.lower_ in _PERFECT_AUX for a in t.children):
            found.setdefault("hedged", cl)  # "may have attacked": unsure about a past event
        elif c.dep_ in ("aux", "auxpass") and cl in _HYPOTHETICAL_AUX:
            found.setdefault("hypothetical", cl)
        elif c.dep_ in ("aux", "auxpass") and cl in _FUTURE_AUX:
            found.setdefault("future", cl)
        elif c.dep_ == "advmod" and cl in _REPORT_ADV:
            found.setdefault("reported", cl)
        elif c.dep_ in ("advmod", "acomp") and cl in _HEDGE_ADV:
            found.setdefault("hedged", cl)
        elif c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _COND_MARKS for m in c.children) \
                and lemma not in _ASKING:  # "asked them if they can help" is a question, not a condition
            found.setdefault("conditional", "if")
        elif c.dep_ == "amod" and cl in _HYPO_NOUN_MODS:
            found.setdefault("hypothetical", cl)
        elif c.dep_ == "amod" and cl in _FUTURE_NOUN_MODS:
            found.setdefault("future", cl)
    if t.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _COND_MARKS for m in t.children) \
            and t.head.lemma_.lower() not in _ASKING:
        if t.tag_ == "VBN" and any(a.dep_ == "aux" and a.lower_ in _PAST_PERFECT_AUX for a in t.children):
            found.setdefault("hypothetical", _COUNTERFACTUAL)  # "if the EU had allowed ...": counterfactual, it did not happen
        else:
            found.setdefault("conditional", "in-if")  # the event is the condition, not what depends on it
    if is_trigger:
        return
    if lemma in _FUTURE_VERBS or (lemma in _GOING_TO and any(c.dep_ == "xcomp" for c in t.children) and t.tag_ == "VBG"):
        found.setdefault("future", lemma)
    elif lemma in _HEDGE_VERBS or lemma in _HEDGE_ADJ or lemma in _HEDGE_PASSIVE and any(c.dep_ == "auxpass" for c in t.children) and any(c.dep_ == "xcomp" for c in t.children):
        found.setdefault("hedged", lemma)
    elif lemma in _NEG_VERBS:
        found.setdefault("negated", lemma)


def _second_act(t: Token) -> bool:
    """A clause beside a speech verb that is not what was said: a participle of the same subject
    ("said ..., condemning the attack", "denied it, saying ..."), or a clause of time or cause
    ("after Hamas said ...")."""
    if t.dep_ != "advcl":
        return False
    if any(m.dep_ == "mark" for m in t.children):
        return True
    return t.tag_ in ("VBG", "VBN") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)


def _says(t: Token) -> bool:
    """A verb of saying, or of finding ("estimates that", "has determined that"): its content is its subject's claim."""
    lemma = t.lemma_.lower()
    return lemma in SPEECH_VERBS or lemma in _FINDING and t.pos_ == "VERB"


def _speech(chain: list[Token]) -> tuple[Token | None, str | None, Token | None]:
    """If the clause is the content of a speech verb ("X said Y attacked Z"), who said it, the cue and the verb."""
    top = chain[-1]
    cands = [top]
    if len(chain) > 1 and _says(top):
        came = chain[-2]
        own = came is chain[0] and came.lemma_.lower() in _PERFORMATIVE or came.dep_ != "advcl" or \
            any(m.dep_ == "mark" for m in came.children)  # "claimed the attacks, targeting ...": not the speaker's own act
        if came.dep_ in ("prep", "npadvmod", "nsubj", "nsubjpass", "agent") or own and _second_act(came):
            cands = []  # "During a visit ..., X said", "X said, condemning ...": not what was said
    first = top
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head  # "said militants ambushed a patrol and killed ...": the conjuncts share the saying
    if first is not top:
        chain = [*chain, first]
    up = first
    for _ in range(3):  # "said the ministry has assessed that ... shipped": the nearest saying above
        if up.dep_ not in ("ccomp", "parataxis") or up.head.i == up.i:
            break
        up = up.head
        cands.append(up)
        if _says(up):
            break
    root = chain[0].sent.root
    scan = chain
    if first.i == root.i or first.head.i == root.i and first.dep_ in ("advcl", "conj"):
        # the main clause and its participles ("..., leaving five dead, according to witnesses")
        scan = [*chain, root, *(c for c in root.children if c.dep_ == "advcl" and c.tag_ == "VBG")]
    for t in scan:
        for c in t.children:
            if c.dep_ in ("parataxis", "advcl", "ccomp") and c.lemma_.lower() in SPEECH_VERBS and c.i > t.i \
                    and not _second_act(c):
                cands.append(c)
            if c.dep_ == "prep" and c.lower_ in _ATTRIBUTION_PREPS:
                obj = next((g for g2 in c.children for g in [g2, *g2.children] if g.dep_ == "pobj"), None)
                return obj, "according to", None
    for t in cands[1:] if not _says(top) else cands:
        if _says(t) and t is not chain[0]:
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            return subj, t.lemma_.lower(), t
    return None, None, None
