"""Coreference, the light kind coding needs: he/she for the person just named (known or not),
'the alliance', 'the bloc', 'the Commission' for an organisation, 'the group' or 'the militants' for
the armed group named last, 'his administration' for a leader's government."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from accord.actors.base import ResolverBase
from accord.actors.mention import DocContext, Mention
from accord.lexicons import lexicon, table
from accord.types import ActorRef

_THE = lexicon("definite_articles")
PRONOUNS = lexicon("person_pronouns")
_ANAPHORS = {r["word"].lower(): r["actor_id"] or None for r in table("organisation_anaphors")}
_GROUP_NOUNS = lexicon("armed_group_anaphor_nouns")
_STATE_ANAPHORS = lexicon("state_anaphor_nouns")
_GENERIC_GROUP_NOUNS = lexicon("generic_group_nouns")
_GROUP_KINDS = lexicon("armed_group_modifiers")
THING_PRONOUNS = lexicon("thing_pronouns")
_SINGULAR = lexicon("singular_thing_pronouns")
_BODIES = lexicon("institution_nouns") | lexicon("government_nouns") | lexicon("collective_nouns") \
    | lexicon("organised_group_nouns")
_COPULAS = lexicon("copular_verbs")
_SUBJECTS = ("nsubj", "nsubjpass")
_CLAUSES = ("ccomp", "xcomp", "conj", "advcl")
_ARGUMENT_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "dative")
_NOT_ACTORS = ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL")  # entity labels
# How a mention was found, for mentions that can be the antecedent of 'it' or 'they': known names
# and agents, not places, persons or titles (identifiers of the data model).
_ANTECEDENT_HOWS = ("name", "alias", "metonym", "capital", "demonym", "agent", "context", "coref")


class CorefReader(ResolverBase):
    """Pronouns and anaphors pointing back to actors the document named."""

    def _pronoun(self, tok: Token, ctx: DocContext) -> Mention | None:
        unknown = ctx.last_unknown_person
        if unknown is not None and unknown[0] == ctx.sentence and unknown[1].start > tok.idx:
            unknown = None  # "She and Lockyear": a pronoun never points forward
        if tok.lower_ in PRONOUNS and tok.pos_ == "PRON" and unknown is not None and unknown[0] > ctx.last_person_sentence \
                and ctx.sentence - unknown[0] <= 1:
            # "President Laurent Gbagbo announced that he will ...": the person just named,
            # known to the text though not to the knowledge base
            r = unknown[1]
            ref = ActorRef(tok.text, None, r.code, r.sector, r.text, None, tok.idx, tok.idx + len(tok))
            return Mention(tok.i, tok.i + 1, tok.i, ref, "coref")
        if tok.lower_ in PRONOUNS and tok.pos_ == "PRON" and ctx.persons and \
                ctx.sentence - ctx.last_person_sentence <= 2:  # far back, "he" is a guess
            actor = self.kb.actors[ctx.persons[-1]]
            ref = self.ref_for(actor, tok.text, ctx.day, "name", tok.idx, tok.idx + len(tok))
            return Mention(tok.i, tok.i + 1, tok.i, ref, "coref")
        group = self._group_anaphor(tok, ctx)
        if group is not None:
            return group
        key = tok.lower_
        # "the court" after "the International Court of Justice": an organisation named in the last
        # three sentences with the word in its name
        recent = [o for o in reversed(ctx.orgs) if ctx.sentence - ctx.org_sentence.get(o, -10) <= 3
                  and key in self.kb.actors[o].name.lower().split()[1:]]
        if tok.pos_ in ("NOUN", "PROPN") and any(c.lower_ in _THE for c in tok.children) and not any(
                c.dep_ in ("amod", "compound") for c in tok.children) and recent:
            start = tok.i - 1 if tok.i > 0 and tok.doc[tok.i - 1].lower_ in _THE else tok.i
            ref = self.ref_for(self.kb.actors[recent[0]], tok.doc[start:tok.i + 1].text, ctx.day,
                               "name", tok.doc[start].idx, tok.idx + len(tok))
            return Mention(start, tok.i + 1, tok.i, ref, "coref")
        if tok.pos_ in ("NOUN", "PROPN") and any(c.lower_ in _THE for c in tok.children) and (
                key in _ANAPHORS or any(self.kb.actors[o].name.lower().endswith(" " + key) for o in ctx.orgs)):
            target = _ANAPHORS.get(key)
            named = [o for o in reversed(ctx.orgs) if self.kb.actors[o].name.lower().endswith(" " + key)]
            if named:  # "the Commission" after "the European Commission"
                target = named[0]
            elif target is None or target not in ctx.orgs:
                target = ctx.orgs[-1] if ctx.orgs else target
            if target and target in self.kb.actors:
                start = tok.i - 1 if tok.i > 0 and tok.doc[tok.i - 1].lower_ in _THE else tok.i
                ref = self.ref_for(self.kb.actors[target], tok.doc[start:tok.i + 1].text, ctx.day,
                                   "name", tok.doc[start].idx, tok.idx + len(tok))
                return Mention(start, tok.i + 1, tok.i, ref, "coref")
        return None

    def _state_anaphor(self, tok: Token, ctx: DocContext, mentions: list[Mention]) -> Mention | None:
        """'the island nation', 'the country': the state named last, before it in its own sentence or
        in the sentence before ('Modi travels to Mauritius ... ties with the island nation')."""
        if tok.lower_ not in _STATE_ANAPHORS or tok.pos_ != "NOUN" \
                or not any(c.dep_ == "det" and c.lower_ in _THE for c in tok.children) \
                or any(c.dep_ in ("poss", "prep") or c.lower_ in self.kb.demonyms for c in tok.children):
            return None
        here = [m.ref.actor_id for m in mentions if m.end <= tok.i and m.how == "name" and m.ref.actor_id
                and m.ref.actor_id in self.kb.actors and self.kb.actors[m.ref.actor_id].kind == "state"]
        state = here[-1] if here else ctx.states[-1] if ctx.states \
            and ctx.sentence - ctx.state_sentence.get(ctx.states[-1], -10) <= 1 else None
        if state is None:
            return None
        start = min(c.i for c in tok.children if c.i < tok.i and c.dep_ in ("det", "amod", "compound"))
        ref = self.ref_for(self.kb.actors[state], tok.doc[start:tok.i + 1].text, ctx.day,
                           "name", tok.doc[start].idx, tok.idx + len(tok))
        return Mention(start, tok.i + 1, tok.i, ref, "coref")

    def _thing_pronoun(self, tok: Token, ctx: DocContext, mentions: list[Mention]) -> Mention | None:
        """'it', 'they', 'them' for a country, an organisation or a group: the subject of the clause
        that reports it ('Kenya said it would ...'), else the one actor of agreeing number named
        before it in the sentence or in the previous sentence. Never a guess between two: with two
        candidates of different countries the pronoun stays unresolved."""
        if tok.pos_ != "PRON" or tok.dep_ not in _ARGUMENT_DEPS:
            return None
        singular = tok.lower_ in _SINGULAR
        if singular and tok.dep_ in _SUBJECTS and tok.head.lemma_.lower() in _COPULAS:
            return None  # "it is time to", "it was not long ago that": no one
        ante = self.thing_antecedent(tok, ctx, mentions, singular)
        if ante is None:
            return None
        r = ante.ref
        ref = ActorRef(tok.text, r.actor_id, r.code, r.sector, r.name or r.text, r.role, tok.idx, tok.idx + len(tok))
        return Mention(tok.i, tok.i + 1, tok.i, ref, "coref")

    def thing_antecedent(self, tok: Token, ctx: DocContext, mentions: list[Mention], singular: bool) -> Mention | None:
        """The one country, organisation or group a pronoun at `tok` points back to: the nearest noun
        of its number before it, when that noun names such an actor (a nearer noun that names none,
        "the convoy ... when it", leaves the pronoun unresolved). A pronoun with no noun of its
        number before it in its sentence points to the subject of the previous sentence. A subject whose reporting
        clause has a subject ("Kenya said it would"), or of a relative clause, is left to the argument
        reader."""
        if tok.dep_ in _SUBJECTS and tok.head.dep_ == "relcl":
            return None  # "the aid workers they had abducted": never the noun the clause is about; the argument reader's
        if tok.dep_ in _SUBJECTS:
            cur = tok.head
            for _ in range(4):
                if cur.dep_ not in _CLAUSES or cur.head.i == cur.i:
                    break
                cur = cur.head
                if any(c.dep_ in _SUBJECTS for c in cur.children):
                    return None
        doc = tok.doc
        found, stop = self._nearest(doc, tok.sent.start, tok.i, mentions, singular)
        if found is not None or stop or tok.sent.start == 0:
            return found
        # "The group said ... . It later claimed", "Kenya sent soldiers ... . Its troops": the subject
        # of the previous sentence, the actor a story goes on about
        prev = doc[tok.sent.start - 1].sent
        by_token = {i: m for m in ctx.previous for i in range(m.start, m.end)}
        subj = next((c for c in prev.root.children if c.dep_ in _SUBJECTS), None)
        m = by_token.get(subj.i) if subj is not None else None
        return m if m is not None and self._agrees(m, singular, doc) else None

    def _nearest(self, doc: Doc, start: int, end: int, mentions: list[Mention], singular: bool) -> tuple[Mention | None, bool]:
        """Reading back from token `end` to `start`: the first actor mention that agrees in number,
        or (None, True) at a noun of that number that names no actor, or (None, False)."""
        by_token = {i: m for m in mentions for i in range(m.start, m.end)}
        for i in range(end - 1, start - 1, -1):
            t = doc[i]
            m = by_token.get(i)
            if m is not None:
                if self._agrees(m, singular, doc):
                    return m, True
                continue
            if t.pos_ not in ("NOUN", "PROPN") or t.dep_ == "compound" or t.ent_type_ in _NOT_ACTORS:
                continue
            if (t.tag_ in ("NNS", "NNPS")) != singular:
                return None, True
        return None, False

    def _agrees(self, m: Mention, singular: bool, doc: Doc) -> bool:
        """A country or a single body is 'it'; a plural group is 'they'; an organisation is either."""
        r = m.ref
        if not r.code or m.how not in _ANTECEDENT_HOWS:
            return False
        actor = self.kb.actors.get(r.actor_id or "")
        if actor is not None:
            if actor.kind == "person":
                return False
            return actor.kind != "state" or singular
        word = doc[m.head]
        plural = word.tag_ in ("NNS", "NNPS")
        if singular:
            return not plural and word.lower_ in _BODIES
        return plural and (r.sector is not None or m.how == "demonym")

    def _group_anaphor(self, tok: Token, ctx: DocContext) -> Mention | None:
        """'the group', 'the separatist group', 'the militants': the armed group the document
        named last, when it named one in the last three sentences (six when it is the only armed
        group the document has named)."""
        if tok.lower_ not in _GROUP_NOUNS or tok.pos_ not in ("NOUN", "PROPN"):
            return None
        det = next((c for c in tok.children if c.dep_ == "det"), None)
        if det is None or det.lower_ not in _THE or any(c.dep_ == "prep" for c in tok.children):
            return None
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound")]
        if tok.lower_ in _GENERIC_GROUP_NOUNS and any(
                m.lower_ not in _GROUP_KINDS for m in mods):
            return None  # "the rights group", "the opposition group": not the armed group
        recent = [o for o in reversed(ctx.orgs) if self.kb.actors[o].kind == "group"]
        # the only armed group a story has named stays 'the group' for longer than one of several
        reach = 3 if len(set(recent)) > 1 else 6
        if not recent or ctx.sentence - ctx.group_sentence.get(recent[0], -10) > reach:
            return None
        doc = tok.doc
        ref = self.ref_for(self.kb.actors[recent[0]], doc[det.i:tok.i + 1].text, ctx.day, "name",
                           doc[det.i].idx, tok.idx + len(tok))
        return Mention(det.i, tok.i + 1, tok.i, ref, "coref")

    def _poss_gov(self, tok: Token, poss: Token, ctx: DocContext) -> Mention | None:
        """'his administration', 'the incoming government': the latest national leader's government."""
        for pid in reversed(ctx.persons):
            person = self.kb.actors[pid]
            code, _, _ = self.person_code(person, ctx.day)
            country = code[:3]
            if country != "IGO" and country in self.kb.actors:
                break
        else:
            return None
        text = tok.doc[poss.i: tok.i + 1].text
        ref = ActorRef(text, country, country + "GOV", "GOV", f"{person.name}'s government", None,
                       tok.doc[poss.i].idx, tok.idx + len(tok))
        return Mention(poss.i, tok.i + 1, tok.i, ref, "coref")

    def _recode_pronouns(self, out: list[Mention], before: list[Mention], ctx: DocContext) -> list[Mention]:
        """A pronoun read before its unknown antecedent got the sentence's country takes it too
        ('supporters of former President Ahmed Ben Bella ... demanding that he be reinstated')."""
        coded = {old.ref.text: new.ref for old, new in zip(before, out, strict=True) if new is not old and new.ref.code}
        if not coded:
            return out
        last = ctx.last_unknown_person
        if last is not None and last[1].text in coded:
            ctx.last_unknown_person = (last[0], coded[last[1].text])
        fixed = []
        for m in out:
            r = m.ref
            if m.how == "coref" and r.code is None and r.name in coded:
                src = coded[r.name]
                m = Mention(m.start, m.end, m.head, ActorRef(r.text, None, src.code, src.sector, r.name, r.role, r.start, r.end),
                            "coref")
            fixed.append(m)
        return fixed
