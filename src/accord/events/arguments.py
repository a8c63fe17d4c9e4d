"""Source and target of a trigger from the dependency parse.

Active and passive voice, prepositional targets, coordination, appositions, relative clauses,
subjects shared through xcomp/conj/advcl, possessives and demonyms of nominal events, and light
verbs ("held talks with", "launched strikes on", "imposed sanctions on").
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from accord.actors.resolve import Mention
from accord.events.lemmas import lemma_candidates
from accord.events.triggers import MUST_REQUEST, Trigger, misparsed_finite
from accord.lexicons import lexicon
from accord.types import ActorRef

_SUBJ = ("nsubj", "csubj")
_REPORTING = lexicon("reporting_verbs")
_SPOKEN_ROOTS = lexicon("spoken_act_roots")
_OBJECT_CONTROL = lexicon("object_control_verbs")
_REL_PRONOUNS = lexicon("relative_pronouns")
# Verbs whose object names the event they take part in: "held talks", "launched strikes".
LIGHT_VERBS = lexicon("light_verbs")
# Verbs of saying whose object names the statement ("tweeted condemnation"): a light verb's source too.
STATEMENT_LIGHT_VERBS = lexicon("statement_light_verbs")
_PHRASE_OWNER_PREPS = lexicon("phrase_owner_preps")
_CLIMB = ("xcomp", "conj", "advcl", "pcomp", "acomp", "prep", "pobj", "dobj", "acl", "relcl", "attr", "appos")


@dataclass(frozen=True, slots=True)
class Arguments:
    sources: tuple[Mention, ...]
    targets: tuple[Mention, ...]
    inherited: bool  # the source came from a governing clause, not the trigger's own subject


class MentionIndex:
    def __init__(self, mentions: list[Mention]):
        self.by_token: dict[int, Mention] = {}
        for m in mentions:
            for i in range(m.start, m.end):
                self.by_token.setdefault(i, m)

    def actors(self, tok: Token, depth: int = 0) -> list[Mention]:
        """Mentions that a noun phrase headed by `tok` names: itself, its conjuncts, or what it is of."""
        out: list[Mention] = []
        m = self.by_token.get(tok.i)
        roleless = m is not None and m.ref.name is not None and m.ref.code is not None and len(m.ref.code) == 3 \
            and m.ref.sector is None and m.how in ("name", "surname")  # a known person out of office on the date
        if m is not None and (not m.ref.code or roleless) and depth < 2:
            # "Kenzo Oshima, the UN Emergency Relief Coordinator,": the apposition says who
            head = tok.doc[m.head]
            appos = [a for c in head.children if c.dep_ == "appos" for a in self.actors(c, depth + 1)]
            m = next((a for a in appos if a.ref.code), m)
        if m is not None:
            out.append(m)
            out.extend(self._paired(m, tok.doc[m.head]))
        elif depth < 2:
            for child in tok.children:
                if child.dep_ in ("compound", "amod", "poss", "nmod") and child.i in self.by_token:
                    out.append(self.by_token[child.i])
                    out.extend(self.by_token[k.i] for k in _paired_owners(child) if k.i != child.i and k.i in self.by_token)
                    break
            else:
                for child in tok.children:
                    if child.dep_ == "prep" and child.lower_ in _PHRASE_OWNER_PREPS and depth < 1:
                        for obj in child.children:
                            if obj.dep_ == "pobj":
                                out.extend(self.actors(obj, depth + 1))
                    elif child.dep_ == "appos":
                        out.extend(self.actors(child, depth + 1))
        for conj in tok.children:
            if conj.dep_ == "conj" and conj.pos_ in ("PROPN", "NOUN", "PRON"):
                out.extend(self.actors(conj, depth))
        return _unique(out)


    def _paired(self, m: Mention, head: Token) -> list[Mention]:
        """'Israeli and Egyptian officials', 'U.S. and NATO troops', 'Turkish and French leaders', 'joint
        Kenya-U.S. forces': an agent or title whose qualifier is coordinated with others (or joined to
        another by a hyphen) stands for one actor per country or organisation they name. The resolver
        gave the mention one owner's code; the others are added here, with the same words and sector."""
        if m.how not in ("agent", "title") or not m.ref.code:
            return []
        out: list[Mention] = []
        codes = {m.ref.code}
        for child in head.children:
            if child.dep_ not in ("amod", "compound", "nmod") or child.i > head.i:
                continue
            owners = _paired_owners(child)
            if len(owners) < 2:
                continue
            for k in owners:
                q = self.by_token.get(k.i)
                if q is None or q is m or not q.ref.code:
                    continue
                state = len(q.ref.code) == 3 and q.ref.sector is None
                code = q.ref.code + (m.ref.sector or "") if state else q.ref.code if q.ref.code.startswith("IGO") else None
                if code is None or code in codes:
                    continue
                codes.add(code)
                out.append(Mention(m.start, m.end, m.head, replace(m.ref, actor_id=None, name=None, code=code), m.how))
        return out


def _paired_owners(tok: Token) -> list[Token]:
    """A qualifier and the qualifiers coordinated with it ('Israeli and Egyptian') or joined to it by a
    hyphen ('Kenya-U.S.'), in text order; [tok] alone when there are none."""
    doc = tok.doc
    out = [tok, *tok.conjuncts]
    out += [g for g in tok.children if g.dep_ in ("nmod", "compound", "amod") and g.i + 2 == tok.i
            and doc[g.i + 1].text == "-"]
    return sorted(out, key=lambda t: t.i)


def _unique(ms: list[Mention]) -> list[Mention]:
    seen: set[tuple[int, str | None]] = set()
    out = []
    for m in ms:
        if (m.start, m.ref.code) not in seen:
            seen.add((m.start, m.ref.code))
            out.append(m)
    return out


_SUBJ_PRONOUNS = lexicon("antecedent_pronouns")
_MEANS_TIME_PREPS = lexicon("means_time_preps")  # "raised tensions by conducting tests": the subject acts
_NEUTER_PRONOUNS = lexicon("neuter_object_pronouns")
_INSTRUMENTS = lexicon("attack_instruments")
_PATIENT_NOUNS = lexicon("patient_nouns")
_TOPIC_NOUN_ROOTS = {"03", "04", "05", "08"}  # agreements, talks, support, ceasefires
_STATIVE = lexicon("stative_passive_verbs")


_COLLECTIVE = lexicon("collective_nouns")
_NAMED_PHRASE_PREPS = lexicon("named_phrase_preps")
_OPPOSITION = lexicon("opposition_sector_words")


def _named_phrase(tok: Token, idx: MentionIndex) -> Mention | None:
    """A subject the knowledge base does not know but that names an actor: 'Leaders of the Azadliq
    opposition coalition'. Its text, no id, no code: never a guess."""
    if tok.pos_ == "PRON" or not (tok.pos_ == "PROPN" or tok.lemma_.lower() in _COLLECTIVE):
        return None
    doc = tok.doc
    first = tok.left_edge
    last = tok
    for child in tok.rights:  # keep "of the Azadliq coalition", "in Nepal"; drop clauses
        if child.dep_ == "prep" and child.lower_ in _NAMED_PHRASE_PREPS:
            last = child.right_edge
        elif child.dep_ in ("appos", "relcl", "acl", "punct", "cc", "conj"):
            break
    text = doc[first.i: last.i + 1].text
    country = _named_country(doc, first.i, last.i + 1, idx)
    sector = "OPP" if any(t.lower_ in _OPPOSITION for t in doc[first.i: last.i + 1]) else None
    code = (country + (sector or "")) if country else None
    ref = ActorRef(text, None, code, sector, None, None, first.idx, last.idx + len(last))
    return Mention(first.i, last.i + 1, tok.i, ref, "unresolved")


def _named_country(doc: Doc, start: int, end: int, idx: MentionIndex) -> str | None:
    """'Opposition groups in Zimbabwe': the one state named inside the phrase, if exactly one."""
    states = {m.ref.code for i in range(start, end) if (m := idx.by_token.get(i)) is not None
              and m.ref.code and len(m.ref.code) == 3 and m.ref.sector is None}
    return states.pop() if len(states) == 1 else None


def _subject(verb: Token, idx: MentionIndex) -> list[Mention]:
    subjects = [c for c in verb.children if c.dep_ in _SUBJ]
    if len(subjects) > 1:  # "LONDON, Oct 16 (Wire) - Britain pledged": the dateline parsed as a subject too
        subjects.sort(key=lambda c: (not idx.actors(c), -c.i))
    for child in subjects:
        if child.dep_ in _SUBJ:
            if child.lower_ in _REL_PRONOUNS and verb.dep_ == "relcl":
                return idx.actors(verb.head)
            if child.lower_ in _SUBJ_PRONOUNS and child.i not in idx.by_token:
                return _antecedent(verb, idx)
            found = idx.actors(child)
            if not found:
                named = _named_phrase(child, idx)
                return [named] if named is not None else []
            return found
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return idx.actors(obj)
    return []


def _antecedent(verb: Token, idx: MentionIndex) -> list[Mention]:
    """'Japan said it had halted aid': 'it' is the subject of the clause that reports it; 'Ukraine
    returned the prisoners it had captured': of the clause that holds the noun a relative clause is on."""
    cur = verb
    pronoun = next((c for c in verb.children if c.dep_ in _SUBJ), None)
    singular = pronoun is not None and pronoun.lower_ in _NEUTER_PRONOUNS
    if verb.dep_ == "relcl":
        cur = verb.head
        for _ in range(4):
            if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
                break
            cur = cur.head
        if cur.pos_ not in ("VERB", "AUX"):
            return []
        for child in cur.children:
            if child.dep_ in _SUBJ and child.lower_ not in _SUBJ_PRONOUNS and child.lower_ not in _REL_PRONOUNS \
                    and not (singular and _plural(child)):  # "Syria said jets struck X, which it called ...": not the jets
                return idx.actors(child)
    for _ in range(4):
        if cur.dep_ not in ("ccomp", "xcomp", "conj", "advcl") or cur.head.i == cur.i:
            return []
        cur = cur.head
        for child in cur.children:
            if child.dep_ in _SUBJ and child.lower_ not in _SUBJ_PRONOUNS:
                return idx.actors(child)
    return []


def _plural(tok: Token) -> bool:
    return tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in tok.children)


_FINITE_TAGS = ("VBD", "VBZ", "VBP")


def _tense(verb: Token) -> str | None:
    """The tag that carries a verb's tense: its own (VBD, VBZ, VBP), else its finite or modal auxiliary's."""
    if verb.tag_ in _FINITE_TAGS:
        return verb.tag_
    return next((c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE_TAGS + ("MD",)), None)


def finite_conjunct_governor(verb: Token) -> Token | None:
    """'Abubakar said the initiative aims to mobilize forces and urged his counterparts to ...': the
    parser hangs a finite conjunct without a subject ('urged') on the nearest verb, often a
    non-finite or modal one ('to mobilize', 'will help') in a clause below the verb it is coordinated
    with. That verb is the nearest governing verb of the conjunct's own tense ('said'); None when the
    conjunct's head has a tense of its own ('was indicted and resigned', 'have kidnapped ... and
    exploded': the tagger's VBD may be a VBN) or no such verb is near."""
    if verb.dep_ != "conj" or verb.tag_ not in _FINITE_TAGS or any(c.dep_ in _SUBJ + ("nsubjpass",) for c in verb.children):
        return None
    head = verb.head
    if head.pos_ not in ("VERB", "AUX") or _tense(head) not in (None, "MD"):
        return None  # a finite head: "has kidnapped ... and exploded" (the tagger's VBD may be a VBN)
    cur = head
    for _ in range(4):
        if cur.head.i == cur.i or cur.dep_ not in _CLIMB + ("ccomp",):
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX") and _tense(cur) == verb.tag_:
            return cur  # a verb of another tense ('aims') is passed by
    return None


def _inherited_subject(tok: Token, idx: MentionIndex, spoken: bool = False) -> list[Mention]:
    """Climb to the clause that governs `tok` and take its subject. With `spoken` (an act done by
    speaking: an accusation, an appeal, a warning), a conjunct hung on a reported clause whose subject
    names no actor ("Jaua said the meeting amounted to a conspiracy and *accused* Santos", "Beijing
    says the rig is in its waters and has *accused* Hanoi") is the reporter's act: the parser joined
    it to the wrong verb."""
    gov = finite_conjunct_governor(tok)
    if gov is not None:
        subj = _subject(gov, idx)
        if subj:
            return subj
    cur = tok
    for _ in range(6):
        if cur.dep_ not in _CLIMB or cur.head.i == cur.i:
            return []
        head = cur.head
        if cur.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN"):
            # "troops firing on protesters": the noun is the actor only if it names one itself,
            # not "Trump's tariffs targeting Canada" (the tariffs' owner does not target)
            own = idx.by_token.get(head.i)
            return [own] if own is not None else []
        if cur.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ == "VERB":
            # "accused Rwanda of backing M23": Rwanda backs; "was released after apologizing": the
            # released apologizes; "raised tensions by conducting tests": the subject, not the tensions
            roles = ("nsubjpass",) if head.lower_ in _MEANS_TIME_PREPS else ("dobj", "nsubjpass")
            for child in head.head.children:
                if child.dep_ in roles:
                    return idx.actors(child) or (idx.actors(head.head.head) if child.lower_ in _REL_PRONOUNS else [])
        if cur.dep_ == "xcomp" and head.pos_ == "VERB" and any(c.dep_ == "auxpass" for c in head.children):
            # "Modi is expected to discuss", "was forced to withdraw": the passive subject acts
            raised = [m for c in head.children if c.dep_ == "nsubjpass" for m in idx.actors(c)]
            if raised:
                return raised
        if cur.dep_ == "xcomp" and head.lemma_.lower() in _OBJECT_CONTROL:
            for child in head.children:
                if child.dep_ in ("dobj", "iobj", "dative"):
                    actors = idx.actors(child)
                    if actors:
                        return actors
        if head.pos_ in ("VERB", "AUX"):
            if cur.dep_ == "conj":  # "was indicted by the court and will resign": the indicted resigns
                passive_subj = [m for c in head.children if c.dep_ == "nsubjpass" for m in idx.actors(c)]
                if passive_subj:
                    return passive_subj
            subj = _subject(head, idx)
            if subj:
                return subj
            if spoken and cur.dep_ == "conj" and head.dep_ == "ccomp" and head.head.lemma_.lower() in _REPORTING:
                return _subject(head.head, idx)  # the reported clause's subject is no actor: the reporter speaks
            if any(c.dep_ in _SUBJ for c in head.children):
                return []  # the governing clause has a subject, and it is not an actor
        cur = head
    return []


def is_passive(verb: Token) -> bool:
    """The verb is passive: it has a passive subject or auxiliary, or it is a bare participle joined to
    a passive verb ("were arrested and later *deported*", "were killed or wounded": it shares the
    passive verb's patient)."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    head = verb.head
    return verb.dep_ == "conj" and verb.tag_ == "VBN" and head.tag_ == "VBN" and head.i != verb.i \
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "dobj") for c in verb.children) \
        and any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children)


def _understood_patient(verb: Token, idx: MentionIndex) -> list[Mention]:
    """The understood subject of a subjectless passive ('after being freed from prison', 'and was
    later deported'): the subject of the clause it hangs on."""
    cur = verb
    if cur.dep_ == "pcomp" and cur.head.dep_ == "prep":
        cur = cur.head
    if cur.dep_ not in ("prep", "advcl", "conj") or cur.head.pos_ not in ("VERB", "AUX"):
        return []
    return [m for c in cur.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in _REL_PRONOUNS
            for m in idx.actors(c)]


def _prep_objects(tok: Token, preps: frozenset[str] | set[str], idx: MentionIndex) -> list[Mention]:
    out: list[Mention] = []
    for child in tok.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            for obj in child.children:
                if obj.dep_ in ("pobj", "pcomp"):
                    out.extend(idx.actors(obj))
    return out


def _misread_object(child: Token) -> bool:
    """'called Pakistan's assertions "baseless"': the first of two predicatives of a verb of naming is
    the object the parser misread."""
    return child.dep_ == "oprd" and any(c.dep_ == "oprd" and c.i > child.i for c in child.head.children)


def _objects(tok: Token, idx: MentionIndex, skip: tuple[int, ...]) -> list[Mention]:
    out: list[Mention] = []
    for child in tok.children:
        if (child.dep_ in ("dobj", "dative", "iobj", "attr") or _misread_object(child)) and child.i not in skip:
            if child.lower_ in _REL_PRONOUNS and tok.dep_ == "relcl":
                out.extend(idx.actors(tok.head))  # "Rwanda, which experts accused"
            else:
                out.extend(idx.actors(child))
    return out


_CONTENT_PREPS = lexicon("content_preps")
_ASIDE_PREPS = lexicon("aside_preps")
_STATIVE_TARGET_PREPS = lexicon("stative_target_preps")
_DESTINATION_PREPS = lexicon("destination_preps")
_ALWAYS_TARGET_PREPS = lexicon("always_target_preps")
_OBJECT_TARGET_PREPS = lexicon("object_target_preps")
_LIGHT_OBJECT_TARGET_PREPS = lexicon("target_preps_of_light_objects")
_MEASURE_PREPS = lexicon("measure_preps")
_MEASURED_TARGET_PREPS = lexicon("target_preps_of_measured_nouns")
_PURPOSE_PREPS = lexicon("purpose_preps")
_AIM_TARGET_PREPS = lexicon("target_preps_of_aims")
_INFINITIVE_MARKERS = lexicon("infinitive_markers")
_COMPLAINT_TOPIC_PREPS = lexicon("complaint_topic_preps")
_CONTENT_TARGET_LEMMAS = lexicon("content_target_lemmas")
_CONTENT_CLAUSE_TARGET_PREPS = lexicon("content_clause_target_preps")
_THREAT_CONDITIONS = lexicon("threat_condition_markers")
_PREDICATIVE_PREPS = lexicon("predicative_preps")


def _core(tok: Token) -> list[Token]:
    """The subtree of a clause without its side remarks ('over their ties with Israel')."""
    out = [tok]
    for child in tok.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in _ASIDE_PREPS:
            continue
        if child.dep_ in ("advcl", "relcl", "parataxis", "npadvmod"):
            continue
        out.extend(_core(child))
    return out


def verb_arguments(trig: Trigger, idx: MentionIndex) -> Arguments:
    verb = trig.token
    subject = misparsed_finite(verb)
    if subject is not None:  # "have since banned civilians", "Trump hosted Erdogan": an active verb
        return _finish(idx.actors(subject), idx.actors(verb.head) + _prep_objects(verb.head, trig.pattern.targets, idx), False)
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod") and verb.head.pos_ in ("NOUN", "PROPN"):
        # "protesters detained by police", "the detained protesters": a passive participle
        return _finish(_subject(verb, idx), idx.actors(verb.head), False)
    if verb.tag_ == "VBN" and verb.head.pos_ in ("VERB", "AUX") and (verb.dep_ in ("acomp", "oprd") or (
            verb.dep_ == "advcl" and verb.i == verb.head.i + 1 and not any(c.dep_ in _SUBJ for c in verb.children))):
        # "two soldiers stand accused of the bombing", "three officers remain detained": a passive
        # participle as the state of the subject, which underwent it; only an agent acts
        undergoer = [m for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass") for m in idx.actors(c)]
        return _finish(_subject(verb, idx), undergoer, False)
    passive = is_passive(verb)
    if passive and verb.lemma_.lower() in _STATIVE and not any(c.dep_ == "agent" for c in verb.children):
        # "Israel is opposed to French mediation": Israel opposes
        holder = [m for c in verb.children if c.dep_ == "nsubjpass" for m in idx.actors(c)]
        return _finish(holder, _prep_objects(verb, trig.pattern.targets | _STATIVE_TARGET_PREPS, idx), False)
    sources: list[Mention] = []
    targets: list[Mention] = []
    inherited = False
    # "deploy troops to Estonia", "withdraw troops from Kherson", "appoint an envoy to Sudan": the
    # troops (the envoy) are moved, not hit
    themes = not _DESTINATION_PREPS.isdisjoint(trig.pattern.targets) or trig.pattern.cameo.startswith("087") or trig.pattern.cameo[:2] == "15"
    if passive and not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        # passive by coordination, "20 people were killed or wounded": the first verb's patient
        targets.extend(m for c in verb.head.children if c.dep_ == "nsubjpass" for m in idx.actors(c))
    if passive:
        for child in verb.children:
            if child.dep_ == "nsubjpass" and child.lower_ in _REL_PRONOUNS and verb.dep_ == "relcl":
                targets.extend(idx.actors(verb.head))  # "the minister, who was sanctioned by the EU"
            elif child.dep_ == "nsubjpass":
                targets.extend(idx.actors(child))
        if not any(c.dep_ == "nsubjpass" for c in verb.children):
            targets.extend(_understood_patient(verb, idx))  # "thanked his supporters after being freed"
        sources = _subject(verb, idx)
    else:
        sources = _subject(verb, idx)
        if not sources:
            subj = next((c for c in verb.children if c.dep_ in _SUBJ and c.lower_ not in _REL_PRONOUNS), None)
            if subj is not None and subj.lemma_.lower() in _INSTRUMENTS:
                # "a minefield explosion killed two youths", "US drone strikes killed ...": the
                # weapon's owner, if named, is the source; otherwise the event has none
                mods = [c for c in subj.children if c.dep_ in ("compound", "amod", "poss", "nmod")]
                mods += [g for c in mods for g in c.children if g.dep_ in ("compound", "amod", "poss", "nmod")]
                sources = _unique([idx.by_token[c.i] for c in mods if c.i in idx.by_token])  # "US Predator attacks"
                return _finish(sources, _objects(verb, idx, trig.extra) + _prep_objects(verb, trig.pattern.targets, idx), False)
            if subj is not None:
                return Arguments((), (), False)  # its own subject is not an actor: "His preference may clash with"
            sources = _inherited_subject(verb, idx, trig.pattern.cameo[:2] in _SPOKEN_ROOTS)
            inherited = bool(sources)
        if trig.pattern is MUST_REQUEST:  # "told Politico that Britain must ...": Britain
            targets.extend(m for c in verb.children if c.dep_ == "ccomp" for g in c.children
                           if g.dep_ in ("nsubj", "nsubjpass") for m in idx.actors(g))
            return _finish(sources, targets, inherited)
        targets.extend(m for m in _objects(verb, idx, trig.extra) if not (themes and m.how == "agent"))
        if verb.dep_ == "relcl" and not any(c.dep_ in ("dobj", "xcomp", "ccomp") or (c.dep_ == "prep" and not any(
                o.dep_ in ("pobj", "pcomp") for o in c.children)) for c in verb.children) \
                and any(c.dep_ == "nsubj" and c.lower_ not in _REL_PRONOUNS for c in verb.children) and not trig.extra:
            # "the aid workers they had abducted", "the journalists Iran arrested": a relative clause with
            # its own subject and no object of its own is about the noun it modifies
            targets.extend(idx.actors(verb.head))
    preps = trig.pattern.targets | _ALWAYS_TARGET_PREPS
    targets.extend(_prep_objects(verb, preps, idx))
    national: list[Mention] = []
    for i in trig.extra:  # light-verb object: "imposed sanctions on Iran", "held talks with Kyiv"
        for obj in (verb.doc[i], *verb.doc[i].conjuncts):  # "fired tear gas, rubber bullets and grenades at X"
            targets.extend(_prep_objects(obj, preps | _LIGHT_OBJECT_TARGET_PREPS, idx))
            if not targets:  # "tariffs on cars imported from Japan", "duties on steel from Brazil"
                targets.extend(_goods_origin(obj, preps | _LIGHT_OBJECT_TARGET_PREPS, idx))
        for sub in verb.doc[i].subtree:  # "provided 500 million euros in aid to Sudan"
            if sub.dep_ == "prep" and sub.lower_ in _MEASURE_PREPS and sub.head.i == i:
                for obj in sub.children:
                    targets.extend(_prep_objects(obj, _MEASURED_TARGET_PREPS, idx))
        for child in verb.doc[i].children:
            if child.dep_ in ("poss", "compound", "amod") and child.i in idx.by_token \
                    and not (themes and idx.by_token[child.i].head == i):  # the moved object itself
                targets.append(idx.by_token[child.i])
            elif child.dep_ == "amod" and child.i in idx.by_token and idx.by_token[child.i].how == "demonym":
                national.append(idx.by_token[child.i])  # "blocked the Turkish sale": a thing, not a moved actor
    if not targets:
        targets.extend(national)
    if not targets and not themes and len({m.ref.code[:3] for m in sources if m.ref.code}) < 2:
        targets.extend(own_object_agents(trig, idx))  # not "Israel and Hamas traded hostages": what they exchange
    if not targets:  # "issued warnings demanding that Washington change its stance": the light object's participle clause
        for clause in (c for i in trig.extra for c in verb.doc[i].children if c.dep_ == "acl" and c.tag_ == "VBG"):
            targets.extend(m for c in clause.children if c.dep_ == "ccomp" for g in c.children
                           if g.dep_ in ("nsubj", "nsubjpass") for m in idx.actors(g))
            targets.extend(_objects(clause, idx, ()))
    if not targets:  # "broke off diplomatic relations with Ukraine", "threatening retaliation against Washington"
        for obj in (c for c in verb.children if c.dep_ == "dobj" and c.i not in idx.by_token):
            targets.extend(_prep_objects(obj, trig.pattern.targets | _OBJECT_TARGET_PREPS, idx))
    if not any(m.ref.code for m in targets):  # "seized a tanker owned by a Greek company": the uncoded object's owner
        owned_by = _object_owner(verb, idx, trig.extra, addressed=trig.pattern.cameo[:2] not in ("11", "14"))
        if owned_by and (not targets or any(m.ref.code for m in owned_by)):
            targets = owned_by
    if not targets:  # "denounced as an ugly crime Serbia's suppression of ...": the parser hangs the moved object on the predicate
        targets.extend(m for p in verb.children if p.dep_ == "prep" and p.lower_ in _PREDICATIVE_PREPS
                       for o in p.children if o.dep_ == "pobj" for a in o.children if a.dep_ == "appos"
                       for m in idx.actors(a))
    if not targets:  # "mobilized reservists for a possible war against Iraq": the aim names the target
        owners = [verb, *(c for c in verb.children if c.dep_ == "dobj")]  # "mobilized reservists for a war against X"
        for prep in (c for o in owners for c in o.children if c.dep_ == "prep" and c.lower_ in _PURPOSE_PREPS):
            for obj in (o for o in prep.children if o.dep_ == "pobj"):
                targets.extend(_prep_objects(obj, _AIM_TARGET_PREPS, idx))
    if not targets and trig.pattern.cameo[:2] in ("17", "18", "19"):
        # "opened fire to disperse demonstrators": force used on those its purpose names
        for clause in (c for c in verb.children if c.dep_ == "advcl" and any(a.lower_ in _INFINITIVE_MARKERS for a in c.children)):
            targets.extend(_objects(clause, idx, ()))
    if trig.pattern.cameo[:2] == "11" and not _objects(verb, idx, trig.extra):
        # "complained to the UN over Israeli air raids": the accused, not the addressee ("accused
        # Beijing of genocide over its treatment of X" keeps its object)
        accused = _prep_objects(verb, _COMPLAINT_TOPIC_PREPS, idx) or _accused(verb, idx)
        if accused:
            targets = accused
    if not targets and (trig.pattern.frame or trig.pattern.lemma in _CONTENT_TARGET_LEMMAS):
        # "threatened to shell Iraqi towns ... where 100 people were killed": a clause the parser hangs
        # beside the frame's infinitive is no content of its own, and its subject is no target
        infinitive = any(c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") for c in verb.children)
        for child in verb.children:
            # "called for the Taliban to lift the ban": the parser makes the cue's "for" the mark of the clause
            if (child.dep_ in ("ccomp", "parataxis") and not infinitive) or (child.dep_ == "advcl" and any(
                    g.dep_ == "mark" and g.lower_ in trig.pattern.cue_values for g in child.children)):
                for g in child.children:
                    if g.dep_ in ("nsubj", "nsubjpass"):
                        targets.extend(idx.actors(g))
        for child in verb.children:
            if child.dep_ in ("xcomp", "ccomp") and not targets:
                targets.extend(_objects(child, idx, ()))
                targets.extend(_prep_objects(child, _CONTENT_CLAUSE_TARGET_PREPS, idx))
                for obj in (g for g in child.children if g.dep_ in ("dobj", "attr")):
                    if not targets:  # "threatened to break off relations with Congo", "refused to attend a hearing by the ICJ"
                        targets.extend(_prep_objects(obj, _CONTENT_PREPS | _AGENT_PREPS, idx))
                if not targets:  # anywhere in the content, outside its side remarks
                    targets.extend(idx.by_token[t.i] for t in _core(child) if t.i in idx.by_token
                                   and t.dep_ not in ("nsubj", "poss") and idx.by_token[t.i].how != "coref")
        if not targets:  # "threatened to strike unless Israel rescinded ...": the one the condition is on
            for child in (c for k in verb.children if k.dep_ in ("xcomp", "ccomp") for c in k.children):
                if child.dep_ == "advcl" and any(m.lower_ in _THREAT_CONDITIONS for m in child.children):
                    targets.extend(m for g in child.children if g.dep_ == "nsubj" for m in idx.actors(g))
    if not targets and trig.pattern.cue == "pred":
        # "said Kabul was failing to rein in militants", "contended that the EU is hostile": the
        # one the content clause judges is its subject (a noun the context alone places, 'Russia
        # argued that the tribunal was illegal', is no Russian tribunal)
        targets.extend(m for c in verb.children if c.dep_ in ("ccomp", "parataxis")
                       for g in c.children if g.dep_ in ("nsubj", "nsubjpass") for m in idx.actors(g)
                       if m.how != "context")
    return _finish(sources, targets, inherited)


_GOODS_ORIGIN_PREPS = lexicon("goods_origin_preps")
_GOODS_MADE_PREPS = lexicon("goods_made_preps")


def _goods_origin(obj: Token, preps: frozenset[str] | set[str], idx: MentionIndex) -> list[Mention]:
    """'imposed tariffs on steel imports from Brazil', 'duties on vehicles made in China': a penalty
    laid on goods that name no actor falls on where they come from (@goods_origin_preps on the
    goods, @goods_made_preps on a participle of the goods)."""
    out: list[Mention] = []
    for goods in (o for p in obj.children if p.dep_ == "prep" and p.lower_ in preps
                  for o in p.children if o.dep_ == "pobj" and o.i not in idx.by_token):
        for w in (goods, *goods.conjuncts):
            out.extend(_prep_objects(w, _GOODS_ORIGIN_PREPS, idx))
            for part in (c for c in w.children if c.dep_ == "acl" and c.tag_ == "VBN"):
                out.extend(_prep_objects(part, _GOODS_MADE_PREPS, idx))
    return out


_RESPONSIBILITY_PREPS = lexicon("responsibility_preps")
_RESPONSIBILITY = lexicon("responsibility_nouns")
_CLAIMING = lexicon("responsibility_claiming_verbs")
_AGENT_PREPS = lexicon("agent_preps")
_MANNER_EVENTS = lexicon("manner_event_phrases")


def _claimer(noun: Token, idx: MentionIndex) -> list[Mention]:
    """Who 'claimed responsibility for' (or 'took responsibility for') an attack."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in _RESPONSIBILITY_PREPS:
        return []
    resp = noun.head.head
    if resp.lemma_.lower() not in _RESPONSIBILITY or resp.dep_ != "dobj":
        return []
    verb = resp.head
    return _subject(verb, idx) if verb.lemma_.lower() in _CLAIMING else []


def _accused(verb: Token, idx: MentionIndex) -> list[Mention]:
    """The actor behind what a complaint or criticism is over: 'over two Israeli air raids',
    'about Russia's strikes', 'against the arrests by Chinese police'."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in _COMPLAINT_TOPIC_PREPS):
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            if obj.i in idx.by_token:
                m = idx.by_token[obj.i]
                if m.how == "demonym":  # "two Israeli air raids"
                    return [m]
                continue  # "complained about Russia" is already the target
            found = [idx.by_token[c.i] for c in obj.children if c.dep_ in ("poss", "amod", "compound") and c.i in idx.by_token]
            found += [m for c in obj.children if c.dep_ == "prep" and c.lower_ in _AGENT_PREPS for o in c.children for m in idx.actors(o)]
            if found:
                return _unique(found)
    return []


_OWNER_PREPS = lexicon("owner_preps")
_VICTIM_PARTICIPLES = lexicon("harm_verbs") | lexicon("victim_verbs")
_OWNER_OR_ADDRESSEE_PREPS = _OWNER_PREPS | lexicon("addressee_preps")


def _object_owner(verb: Token, idx: MentionIndex, skip: tuple[int, ...], addressed: bool = True) -> list[Mention]:
    """'questioned NATO's relevance', 'rejected an offer from Kabul': the owner of a non-actor
    object is the target; with `addressed`, also the one it is given to ('refused entry to
    Ghanaians'), which accusations do not have ('condemned the attack on X' does not accuse X)."""
    preps = _OWNER_OR_ADDRESSEE_PREPS if addressed else _OWNER_PREPS
    for child in verb.children:
        if (child.dep_ == "dobj" or _misread_object(child)) and (child.i not in idx.by_token or not idx.by_token[child.i].ref.code):
            for g in child.children:
                if g.dep_ == "acl" and not (addressed and g.lemma_.lower() in _VICTIM_PARTICIPLES):
                    # "rejected allegations made by Pakistan"; not "rescued schoolgirls kidnapped by X":
                    # the one who did harm to the object does not own it
                    found = [m for a in g.children if a.dep_ == "agent" for o in a.children for m in idx.actors(o)]
                    if found:
                        return found
                if g.dep_ == "poss" or (g.dep_ == "prep" and g.lower_ in preps):
                    found = idx.actors(g) if g.dep_ == "poss" else [
                        m for o in g.children if o.dep_ == "pobj" for m in idx.actors(o)]
                    if found:
                        return found
    return []


_MEASURES = lexicon("measure_nouns")


def _agent_of(noun: Token, idx: MentionIndex) -> list[Mention]:
    """'crimes committed by Croat forces': the agent of a participle on a noun that names no actor."""
    return [m for g in noun.children if g.dep_ == "acl" for a in g.children if a.dep_ == "agent"
            for o in a.children if o.dep_ == "pobj" for m in idx.actors(o)]


_TOPICS = lexicon("topic_nouns")
_PARTY_PREPS = lexicon("party_preps")
_THEME_PREPS = lexicon("theme_preps")
_UNDERGOING_PREPS = lexicon("undergoing_preps")
_UNDERGOING_VERBS = lexicon("undergoing_verbs")
_LIGHT_VERB_TARGET_PREPS = lexicon("target_preps_of_light_verbs")
_PROTEST_TARGET_PREPS = lexicon("protest_target_preps")
_OF_AGENT_NOUNS = lexicon("of_agent_nouns")
_SERIES = lexicon("series_nouns")
PARTICIPATION_VERBS = lexicon("participation_verbs")
_CARRYING_OUT = lexicon("carrying_out_nouns")
_RECEIVING = lexicon("reception_verbs")
_REACTION_SOURCE_PREPS = lexicon("reaction_source_preps")


def _governing_verb(noun: Token) -> Token:
    """The verb a nominal event is the object of, directly ('held talks'), through a preposition on
    that verb ('engaged in talks'), or through a measure ('70 million dollars of aid')."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in _ASIDE_PREPS:
        return noun  # "offered talks following the invasions": background, not the subject's act
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        owner = head.head
        if owner.pos_ in ("VERB", "AUX"):
            return owner
        if owner.lemma_.lower() in _MEASURES | _TOPICS | _SERIES and owner.dep_ in ("dobj", "attr", "nsubjpass"):
            return owner.head  # "addressing the prospects for peace negotiations"
        return owner  # a noun: not a verb, so no light-verb source
    if noun.dep_ == "conj":
        while head.dep_ == "conj":
            head = head.head
        return _governing_verb(head) if head.pos_ in ("NOUN", "PROPN") else head
    return head


def noun_arguments(trig: Trigger, idx: MentionIndex) -> Arguments:
    noun = trig.token
    sources: list[Mention] = []
    targets: list[Mention] = []
    inherited = False
    if trig.anchor is not None:  # "Putin has little intention of negotiating on terms acceptable to Ukraine"
        sources = _subject(trig.anchor, idx) or _inherited_subject(trig.anchor, idx)
        for sub in noun.subtree:
            if sub.i != noun.i and sub.i in idx.by_token and idx.by_token[sub.i] not in sources:
                targets.append(idx.by_token[sub.i])
        return _finish(sources, targets, False)
    topical = trig.pattern.cameo[:2] in _TOPIC_NOUN_ROOTS
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i in idx.by_token:
            if topical and child.dep_ in ("compound", "nmod"):
                continue  # "a Ukraine ceasefire", "Gaza peace talks": the place talked about, not a party
            sources.append(idx.by_token[child.i])
        elif child.dep_ in ("compound", "nmod") and child.i < noun.i and not topical:
            # "a Russian missile and drone attack": the owner sits on a modifier of the noun
            sources.extend(idx.by_token[g.i] for g in child.children
                           if g.dep_ in ("amod", "poss", "compound") and g.i in idx.by_token)
        elif child.dep_ == "prep" and child.lower_ in _AGENT_PREPS:
            sources.extend(m for o in child.children for m in idx.actors(o))
        elif child.dep_ == "prep" and child.lower_ in _PARTY_PREPS and child.lower_ not in trig.pattern.targets:
            sources.extend(m for o in child.children for m in idx.actors(o))  # "talks between A and B"
    targets.extend(_prep_objects(noun, trig.pattern.targets | _ALWAYS_TARGET_PREPS, idx))
    if not targets:  # "an investigation into crimes committed by Croat forces": the doer of what it is into
        targets.extend(m for p in noun.children if p.dep_ == "prep" and p.lower_ in trig.pattern.targets
                       for o in p.children if o.dep_ == "pobj" and o.i not in idx.by_token for m in _agent_of(o, idx))
    if not targets:  # "the withdrawal of some forces from Panama": the preposition sits on the theme
        for of in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in _THEME_PREPS):
            for obj in (o for o in of.children if o.dep_ == "pobj" and (
                    o.i not in idx.by_token or idx.by_token[o.i].how == "agent")):  # "the withdrawal of forces from X"
                targets.extend(_prep_objects(obj, trig.pattern.targets - _THEME_PREPS, idx))
    if not sources and trig.pattern.lemma in _OF_AGENT_NOUNS:
        # "the withdrawal of U.S. troops from the country": the troops withdraw
        sources = [m for of in noun.children if of.dep_ == "prep" and of.lower_ in _THEME_PREPS
                   for o in of.children if o.dep_ == "pobj" for m in idx.actors(o) if m.ref.code]
    if not sources and noun.dep_ in ("dobj", "pobj") and noun.head.lemma_.lower() in _RECEIVING:
        # "the plan has the backing of India", "met with opposition from China", "received backing from
        # Germany": a reaction received comes from the party of its "from" phrase (on the noun or on
        # the verb of receiving), and is aimed at what received it
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head
        sources = [m for w in (noun, verb) for p in w.children if p.dep_ == "prep" and p.lower_ in _REACTION_SOURCE_PREPS
                   for o in p.children if o.dep_ == "pobj" for m in idx.actors(o) if not m.start <= noun.i < m.end]
        if sources and not targets:
            targets = [m for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for m in idx.actors(c)
                       if m not in sources]
    if not sources and noun.dep_ == "pobj" and noun.head.lower_ in _THEME_PREPS \
            and noun.head.head.lemma_.lower() in _CARRYING_OUT:
        # "Trump's imposition of sanctions", "Russia's use of force against Kyiv": who carries it out
        owner = noun.head.head
        sources = [idx.by_token[c.i] for c in owner.children if c.dep_ in ("poss", "compound", "amod") and c.i in idx.by_token]
        sources += [m for c in owner.children if c.dep_ == "prep" and c.lower_ in _AGENT_PREPS for o in c.children for m in idx.actors(o)]
        if sources and not targets:
            targets.extend(_prep_objects(owner, trig.pattern.targets | _ALWAYS_TARGET_PREPS, idx))
    if not sources and trig.pattern.frame:
        # "threats of Washington sanctions", "the threat of a Russian invasion": the owner of the
        # threatened (or demanded) act
        for obj in (o for of in noun.children if of.dep_ == "prep" and of.lower_ in _THEME_PREPS
                    for o in of.children if o.dep_ == "pobj"):
            owners = [obj, *(c for c in obj.children if c.dep_ in ("poss", "compound", "amod", "nmod"))]
            sources = _unique([m for c in owners if c.i in idx.by_token
                               and (m := idx.by_token[c.i]).ref.code and m.how not in ("unresolved", "place")])
            if sources and not targets:
                targets.extend(_prep_objects(obj, _ALWAYS_TARGET_PREPS, idx))
    if trig.pattern.lemma in _PATIENT_NOUNS and not any(c.dep_ == "prep" and c.lower_ in _THEME_PREPS for c in noun.children):
        # "Lai's release", "Navalny's arrest": the owner is the one it happened to
        owned = [m for m in sources if any(c.dep_ == "poss" and m.start <= c.i < m.end for c in noun.children)]
        targets.extend(owned)
        sources = [m for m in sources if m not in owned]
    if trig.pattern.frame and not targets:  # "its demand that Israel ease restrictions": Israel
        targets.extend(m for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl")
                       for g in c.children if g.dep_ in ("nsubj", "nsubjpass") for m in idx.actors(g))
    anchor = noun.head if noun.dep_ == "compound" else noun  # "undertook a mediation mission"
    if anchor is not noun:
        targets.extend(_prep_objects(anchor, trig.pattern.targets, idx))
    if not sources:  # "the BLA claimed responsibility for the attack": the claimer did it
        sources = _claimer(noun, idx)
    if not targets and noun.dep_ == "pobj" and noun.head.lower_ in _UNDERGOING_PREPS \
            and noun.head.head.lemma_.lower() in _UNDERGOING_VERBS:
        targets = _subject(noun.head.head, idx)  # "the train came under attack": the subject was attacked
    if not sources and anchor.dep_ in ("dobj", "pobj", "conj", "attr"):
        head = _governing_verb(anchor)
        pronoun_owner = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children)  # "reiterated its demand"
        manner = anchor.dep_ == "pobj" and f"{anchor.head.lower_} {anchor.lemma_.lower()}" in _MANNER_EVENTS  # "resigned in protest"
        if head.pos_ in ("VERB", "AUX") and (pronoun_owner or manner or any(
                c in LIGHT_VERBS or c in STATEMENT_LIGHT_VERBS or c in PARTICIPATION_VERBS for c in lemma_candidates(head))):
            sources = _subject(head, idx) or _inherited_subject(head, idx)
            inherited = anchor.dep_ != "dobj"
            if not targets:
                targets.extend(_prep_objects(head, trig.pattern.targets | _LIGHT_VERB_TARGET_PREPS, idx))
            if not targets:  # "opened an inquiry into abuses committed by X"
                targets.extend(m for p in head.children if p.dep_ == "prep" and p.lower_ in trig.pattern.targets
                               for o in p.children if o.dep_ == "pobj" and o.i not in idx.by_token for m in _agent_of(o, idx))
    return _finish(sources, targets, inherited)


_NON_STATE_SECTORS = lexicon("non_state_sectors")


def _finish(sources: list[Mention], targets: list[Mention], inherited: bool) -> Arguments:
    sources = _unique(sources)
    src_keys = {_key(m) for m in sources}
    targets = [t for t in _unique(targets) if _key(t) not in src_keys and t.start not in {s.start for s in sources}]
    seen: set[str] = set()
    targets = [t for t in targets if not (_key(t) in seen or seen.add(_key(t)))]  # type: ignore[func-returns-value]
    # A target that is only the source's own country ("Trump withdraws the United States") is not a target.
    # Rebels, opposition or media of that country do target it ("the BLA accuses Pakistan") where
    # it is the only target (not "praised the withdrawal of U.S. troops from Afghanistan").
    src_countries = {m.ref.code[:3] for m in sources if m.ref.code}
    filtered = [t for t in targets if not (t.how in ("name",) and t.ref.code in src_countries and t.ref.sector is None)]
    if not filtered:
        src_countries = {m.ref.code[:3] for m in sources if m.ref.code
                         and (m.ref.code[3:6] or "").lower() not in _NON_STATE_SECTORS}
        filtered = [t for t in targets if not (t.how in ("name",) and t.ref.code in src_countries and t.ref.sector is None)]
    return Arguments(tuple(sources), tuple(filtered), inherited)


finish_arguments = _finish


def _key(m: Mention) -> str:
    """Identity of an argument: its actor, else its code, else its text (kept apart, so that the
    place Aleppo, coded SYR, is not taken for the state Syria)."""
    r = m.ref
    return f"id:{r.actor_id}" if r.actor_id else f"code:{r.code}" if r.code else "text:" + r.text.lower()


_PLACE_PREPS = lexicon("place_preps")
_TOWN_NOUNS = lexicon("p2_town")


def place_targets(trigger: Token, idx: MentionIndex, seat: bool = False) -> list[Mention]:
    """Where an action with no named target lands: 'imposed a curfew in Cizre', 'exploded bombs in
    Kabul'. Only places (states, capitals, cities), in the trigger's own clause. A capital is
    its government when `seat` (protests), else the country."""
    clause = trigger.head if trigger.dep_ in ("dobj", "pobj", "nsubjpass") and trigger.head.pos_ in ("VERB", "AUX") else trigger
    found: list[Mention] = []
    for tok in clause.subtree:
        if tok.dep_ == "pobj" and tok.head.lower_ in _PLACE_PREPS and tok.i not in idx.by_token:
            # "in Syria's Idlib province", "in Balochistan's Kalat district": a place owned by a place
            owner = next((idx.by_token[c.i] for c in tok.children if c.dep_ == "poss" and c.i in idx.by_token), None)
            if owner is not None and owner.how in ("place", "name", "region") and len(owner.ref.code or "") == 3 \
                    and not owner.ref.sector:
                found.append(owner)
        elif tok.dep_ == "pobj" and tok.head.lower_ in _PLACE_PREPS and tok.i in idx.by_token:
            m = idx.by_token[tok.i]
            plain = m.how in ("place", "name", "region") and m.ref.code and len(m.ref.code) == 3 and not m.ref.sector
            plain = plain or (m.how == "demonym" and tok.lemma_.lower() in _TOWN_NOUNS and len(m.ref.code or "") == 3)  # "the Somali city of X"
            if plain or (m.how == "capital" and seat):  # "demonstrated in Jakarta": at the seat of government
                found.append(m)
            elif m.how == "capital" and (code := m.ref.code):  # "arrested in Minsk": the place, not the government
                r = m.ref
                found.append(Mention(m.start, m.end, m.head, ActorRef(r.text, None, code[:3], None, None, None,
                                                                      r.start, r.end), "place"))
    return found[:1]


def purpose_targets(trigger: Token, sources: tuple[Mention, ...], idx: MentionIndex) -> list[Mention]:
    """A protest's target named in its aim: 'demonstrated ... calling for independence from Iraq',
    'began a hunger strike to demand the resignation of President X'."""
    heads = [trigger]
    if trigger.dep_ in ("dobj", "attr") and trigger.head.pos_ in ("VERB", "AUX"):
        heads.append(trigger.head)  # "staged demonstrations to demand ..."
    src = {m.start for m in sources}
    for head in heads:
        for clause in head.children:
            if clause.dep_ in ("advcl", "xcomp", "acl", "conj") and clause.pos_ == "VERB":
                found = [idx.by_token[t.i] for t in _core(clause) if t.i in idx.by_token
                         and idx.by_token[t.i].start not in src and t.dep_ not in ("nsubj", "poss")]
                if found:
                    return _unique(found)[:2]
    for head in heads:  # "throwing stones during demonstrations against violations by the Israeli military"
        for tok in head.subtree:
            if tok.dep_ == "prep" and tok.lower_ in _PROTEST_TARGET_PREPS:
                for obj in (o for o in tok.children if o.dep_ == "pobj"):
                    found = [m for m in idx.actors(obj) if m.start not in src]
                    found += [m for c in obj.children if c.dep_ == "prep" and c.lower_ in _AGENT_PREPS
                              for o in c.children for m in idx.actors(o) if m.start not in src]
                    if found:
                        return _unique(found)[:2]
    return []


# --- session 5 (h1): argument strategies for a trigger that found no target (coder.yaml, arguments.typed)

_CLAIM_NOUNS = lexicon("claim_nouns")
_ACT_ANAPHORS = lexicon("act_anaphor_nouns")
_SAYING = lexicon("reporting_verbs") | lexicon("speech_verbs")
_PARTITIVE_OBJECTS = lexicon("partitive_object_pronouns")
_OBJECT_PRONOUNS = lexicon("unresolved_object_pronouns") | _NEUTER_PRONOUNS | _PARTITIVE_OBJECTS
_PLURAL_PRONOUNS = lexicon("plural_object_pronouns") | _PARTITIVE_OBJECTS
_SHARED_SUBJECT_CLAUSES = ("advcl", "conj", "xcomp")


def _is_place(m: Mention) -> bool:
    """A mention of a state, region or city other than a capital (where a speaker usually is)."""
    r = m.ref
    return m.how in ("place", "name", "region") and bool(r.code) and len(r.code or "") == 3 and not r.sector


def object_place_targets(trigger: Token, idx: MentionIndex, sources: tuple[Mention, ...] = ()) -> list[Mention]:
    """Where what is asked for (rejected, supported) is to happen: 'called for an inclusive
    government in Syria', 'demanded free elections in Venezuela', 'rejected a call for troops to be
    deployed in East Timor'. Only places inside the object (a direct object, the object of the
    cue's preposition, an infinitive or clause), not where the speaker spoke ('said in Paris'), nor a
    state source's own country, nor a capital ('rejected the budget in Nairobi': where they did it)."""
    home = {m.ref.code[:3] for m in sources if m.ref.code and m.ref.sector in (None, "GOV")}
    objects = [c for c in trigger.children if c.dep_ in ("dobj", "xcomp", "ccomp")]
    objects += [o for c in trigger.children if c.dep_ == "prep" and c.lower_ not in _PLACE_PREPS
                for o in c.children if o.dep_ in ("pobj", "pcomp")]
    for obj in objects:
        for tok in obj.subtree:
            if tok.dep_ == "pobj" and tok.head.lower_ in _PLACE_PREPS and tok.i in idx.by_token:
                place = idx.by_token[tok.i]
                if _is_place(place) and place.ref.code not in home:
                    return [place]
    return []


def rejected_claim_accuser(trigger: Token, idx: MentionIndex, sources: tuple[Mention, ...] = ()) -> list[Mention]:
    """'India accused Pakistan of X, a charge Islamabad rejected', 'Turkey said Greek jets violated its
    airspace, which Athens denied': a denial in a clause on the claim (or on 'which') denies what the
    sentence's main clause says; its subject is the target."""
    return _aside_on_clause(trigger, idx, sources, nearest=False)


def condemned_act_doer(trigger: Token, idx: MentionIndex, sources: tuple[Mention, ...] = ()) -> list[Mention]:
    """'the junta dissolved parliament, a step the AU condemned', 'in a move that his lawyers called
    cruel', 'Syria said jets struck Damascus, which it called a violation': a condemnation in a clause
    on the act (or on 'which') condemns the doer of the nearest clause, not the one who reports it."""
    return _aside_on_clause(trigger, idx, sources, nearest=True)


def _aside_on_clause(trigger: Token, idx: MentionIndex, sources: tuple[Mention, ...], nearest: bool) -> list[Mention]:
    doc = trigger.doc
    verbs = [trigger]  # "an allegation supported by UN experts but *denied* by Kigali": the clause's first verb says where it hangs
    while verbs[0].dep_ == "conj" and verbs[0].head.i != verbs[0].i and verbs[0].head.pos_ in ("VERB", "AUX") and len(verbs) < 4:
        verbs.insert(0, verbs[0].head)
    clause = verbs[0]
    if clause.dep_ not in ("relcl", "acl", "advcl", "parataxis"):
        return []
    head = clause.head
    # an aside on the clause, after a comma or dash: "..., a charge X rejected", "..., which X denied"
    # (not "on charges which Washington dismissed": a noun inside the clause)
    rel_object = any(c.dep_ == "dobj" and c.lower_ in _REL_PRONOUNS and c.i > 0 and doc[c.i - 1].is_punct
                     for v in verbs for c in v.children)
    aside_noun = head.lemma_.lower() in _CLAIM_NOUNS | _ACT_ANAPHORS
    claim_aside = aside_noun and head.dep_ in ("npadvmod", "appos") \
        and head.left_edge.i > 0 and doc[head.left_edge.i - 1].is_punct
    in_a_move = aside_noun and head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.pos_ in ("VERB", "AUX")
    if not (rel_object or (clause.dep_ in ("relcl", "acl") and (claim_aside or in_a_move))):
        return []  # "— which Moscow denied" may hang on the clause's verb itself
    if any(c.dep_ == "dobj" and c.lower_ not in _REL_PRONOUNS for c in trigger.children):
        return []  # "the charges, which Moscow used to expel them": the clause has its own object
    own = {_key(m) for m in sources}
    cur = head
    found: list[Mention] = []
    for _ in range(12):  # up to the main clause (the nearest doer for a condemnation)
        if cur.pos_ in ("VERB", "AUX"):
            subj = [m for m in _subject(cur, idx) if _key(m) not in own]
            if subj:
                found = subj
                if nearest:
                    break
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return found


def _agrees(pronoun: Token, antecedent: Token) -> bool:
    return _plural(antecedent) == (pronoun.lower_ in _PLURAL_PRONOUNS)


def pronoun_object_antecedent(trigger: Token, idx: MentionIndex, sources: tuple[Mention, ...] = ()) -> list[Mention]:
    """'Iran arrested the journalists, accusing them of spying', 'the army surrounded the rebels and
    shelled them', 'singled out the passengers, shooting many': an object pronoun (or a bare
    quantifier) of a clause that shares its subject with the clause it hangs on
    stands for that clause's object (never its subject); the number must agree."""
    pronoun = next((c for c in trigger.children if c.dep_ == "dobj" and c.lower_ in _OBJECT_PRONOUNS
                    and c.i not in idx.by_token), None)
    if pronoun is None or trigger.dep_ not in _SHARED_SUBJECT_CLAUSES or any(c.dep_ in _SUBJ for c in trigger.children):
        return []
    head = trigger.head
    if head.pos_ not in ("VERB", "AUX"):
        return []
    candidates = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    candidates += [o for c in head.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
    candidates += [o for d in head.children if d.dep_ == "dobj" for c in d.children if c.dep_ == "prep"
                   for o in c.children if o.dep_ == "pobj"]  # "imposed curbs on women, barring them"
    own = {m.ref.code for m in _subject(head, idx) if m.ref.code}  # never the clause's own subject
    for cand in candidates:
        if cand.i < trigger.i and _agrees(pronoun, cand):
            found = [m for m in idx.actors(cand) if m.ref.code not in own]
            if found:
                return found
    return []


def clause_subject_targets(trigger: Token, idx: MentionIndex, sources: tuple[Mention, ...] = ()) -> list[Mention]:
    """'India helped Sri Lanka build a port', 'let the rebels leave': the subject of a bare
    infinitive clause is the one helped (allowed, made to act); also in a frame's content
    ('offered to help Ukraine rebuild its grid')."""
    heads = [trigger, *(c for c in trigger.children if c.dep_ in ("xcomp", "advcl") and c.tag_ == "VB")]
    return [m for h in heads for c in h.children if c.dep_ == "ccomp" and c.tag_ == "VB"
            and not any(g.dep_ in ("aux", "mark") for g in c.children)
            for g in c.children if g.dep_ in ("nsubj", "nsubjpass") for m in idx.actors(g)]


def coordinated_proposer(trigger: Token, idx: MentionIndex, sources: tuple[Mention, ...] = ()) -> list[Mention]:
    """'China proposed a summit, but Japan refused', 'Israel offered a truce, but Hamas rejected it': a
    refusal with nothing (or only 'it') refused of its own refuses what the coordinated clause's
    subject put forward."""
    if any(c.dep_ in ("xcomp", "ccomp", "prep") or (c.dep_ == "dobj" and c.lower_ not in _NEUTER_PRONOUNS)
           for c in trigger.children):
        return []  # "but Hamas rejected it": 'it' is what the other clause put forward
    if not any(c.dep_ in _SUBJ for c in trigger.children):
        return []  # "proposed talks and then refused": the same subject
    other = trigger.head if trigger.dep_ == "conj" else None
    if other is None or other.pos_ not in ("VERB", "AUX") or other.i > trigger.i:
        return []
    return _subject(other, idx)


def saying_clause_targets(trigger: Token, idx: MentionIndex, sources: tuple[Mention, ...] = ()) -> list[Mention]:
    """'criticized the meeting, saying Washington sought to weaponize the council': a condemnation of
    a thing, explained by a clause of saying, is aimed at the one that clause blames (its subject)."""
    return [m for c in trigger.children if c.dep_ == "advcl" and c.tag_ == "VBG" and c.lemma_.lower() in _SAYING
            for k in c.children if k.dep_ == "ccomp" for g in k.children if g.dep_ in ("nsubj", "nsubjpass")
            for m in idx.actors(g) if m.how != "context"]


def object_party_targets(trigger: Token, idx: MentionIndex, sources: tuple[Mention, ...] = ()) -> list[Mention]:
    """'urged an end to the war between Russia and Ukraine': a call about a conflict with no party
    named is addressed to the parties the object names ('between A and B')."""
    objects = [c for c in trigger.children if c.dep_ in ("dobj", "xcomp")]
    objects += [o for c in trigger.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
    for obj in objects:
        for tok in obj.subtree:
            if tok.dep_ == "prep" and tok.lower_ in _PARTY_PREPS:
                found = [m for o in tok.children if o.dep_ == "pobj" for m in idx.actors(o)]
                if found:
                    return found
    return []


def purpose_destination(trigger: Token, idx: MentionIndex, sources: tuple[Mention, ...] = ()) -> list[Mention]:
    """'sent 21 experts to Bosnia to investigate', 'flew to Sudan to mediate': an act in a purpose
    clause with no target of its own lands where the governing clause goes (a state or region)."""
    if trigger.dep_ not in ("advcl", "xcomp") or not any(c.lower_ in _INFINITIVE_MARKERS for c in trigger.children):
        return []
    head = trigger.head
    if head.pos_ not in ("VERB", "AUX"):
        return []
    home = {m.ref.code[:3] for m in sources if m.ref.code and m.ref.sector in (None, "GOV")}
    preps = [p for p in head.children if p.dep_ == "prep"]
    preps += [p for d in head.children if d.dep_ == "dobj" for p in d.subtree if p.dep_ == "prep"]  # "a team of experts to X"
    return [m for p in preps if p.lower_ in _DESTINATION_PREPS
            for o in p.children if o.dep_ == "pobj" and o.i in idx.by_token
            for m in (idx.by_token[o.i],) if _is_place(m) and m.ref.code not in home][:1]


def shared_object(trigger: Token, idx: MentionIndex, sources: tuple[Mention, ...] = ()) -> list[Mention]:
    """'arrested and charged three activists', 'attacked and looted several villages': verbs joined
    right before one object share it."""
    if any(c.dep_ in ("dobj", "nsubjpass", "ccomp", "xcomp") for c in trigger.children):
        return []
    doc = trigger.doc
    for verb in (c for c in trigger.children if c.dep_ == "conj" and c.pos_ == "VERB" and c.i > trigger.i):
        between = doc[trigger.i + 1: verb.i]
        if all(t.dep_ in ("cc", "advmod", "punct") for t in between) and not any(c.dep_ in _SUBJ for c in verb.children):
            return _objects(verb, idx, ())
    return []


_RECIPROCAL = lexicon("reciprocal_objects")


def reciprocal_object(trigger: Token) -> bool:
    """'the two sides accused each other', 'both Afghan rivals accusing the other of delaying': an
    object (or a preposition's object) that is 'other' or 'another' itself, not a noun it qualifies
    ('accused other countries'): the sources act on one another."""
    objects = [c for c in trigger.children if c.dep_ == "dobj"]
    objects += [o for c in trigger.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
    return any(o.lower_ in _RECIPROCAL for o in objects)


def own_object_agents(trig: Trigger, idx: MentionIndex) -> list[Mention]:
    """'were holding over 200 hostages', 'freed 30 prisoners': a trigger's own object word that names
    people (a generic agent) is the one acted on."""
    doc = trig.token.doc
    return [idx.by_token[i] for i in trig.extra if i in idx.by_token and idx.by_token[i].how in ("agent", "context")
            and idx.by_token[i].head == i and doc[i].dep_ == "dobj" and idx.by_token[i].ref.code]
